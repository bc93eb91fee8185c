// Binary snapshots (layout in docs/snapshot.md): the writer turns the graph's columns into
// fixed-size little-endian records over one deduplicated string table; the loader maps the
// file, checks its header and CRC32C, then copies the records into a fresh GraphData, checking
// every index against what it points into, and swaps it into the graph only when all is well.

#include "aikg/snapshot.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__GLIBC__)  // defined by the system headers above, on glibc
#include <malloc.h>
#endif

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <deque>
#include <exception>
#include <string>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "aikg/json.h"
#include "internal/atomic_file.h"
#include "internal/cat.h"
#include "internal/crc32c.h"
#include "internal/graph_data.h"
#include "internal/schema_reference.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::GraphData;
using internal::kNoIndex;

// The header: magic, format version, section count, file size, CRC32C of everything after it.
// The magic's 0x89 catches 7-bit transfers, its CR LF newline conversion (as PNG's does).
constexpr std::string_view kMagic("\x89" "AIKG\r\n\x1a", 8);
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderSize = 32;
constexpr size_t kSectionEntrySize = 24;  // tag, record size, offset, record count

// Sections, each an array of fixed-size records. Strings are indexes into STRO/STRB (0 is the
// empty string); time points are indexes into TIME (0 is "unset").
enum Section : int {
  kMeta,        // string indexes: library version, schema reference, schema name
  kStringEnds,  // u64 end offset of each string in kStringBytes
  kStringBytes,
  kTimes,       // each distinct time point: its text, and the month its fiscal years start (0: none)
  kTypes,       // schema names by id, checked against the schema at load
  kPredicates,  // name, range kind
  kUnits,
  kSources,
  kEntities,
  kAliases,
  kAttributes,
  kStatements,
  kCitations,
  kQualifiers,
  kQuantities,
  kTexts,
  kSectionCount,
};

struct SectionSpec {
  std::string_view tag;
  uint32_t record_size;
};
constexpr std::array<SectionSpec, kSectionCount> kSections = {{
    {"META", 4}, {"STRE", 8}, {"STRB", 1}, {"TIME", 8}, {"TYPE", 4}, {"PRED", 8}, {"UNIT", 4}, {"SRCE", 36},
    {"ENTY", 32}, {"ALIA", 8}, {"ATTR", 16}, {"STMT", 56}, {"CITE", 8}, {"QUAL", 8}, {"QNTY", 32}, {"TEXT", 8},
}};

enum class ValueKind : uint8_t { kObject, kQuantity, kText, kDate, kBoolean };
constexpr uint8_t kValueKindCount = 5;
constexpr uint8_t kSourceKindCount = static_cast<uint8_t>(SourceKind::kOther) + 1;
constexpr uint8_t kBoundCount = static_cast<uint8_t>(Bound::kAbout) + 1;

template <typename T>
T FromLittleEndian(T value) {
  if constexpr (std::endian::native == std::endian::big) {
    if constexpr (sizeof(T) == 8) return __builtin_bswap64(value);
    if constexpr (sizeof(T) == 4) return __builtin_bswap32(value);
    if constexpr (sizeof(T) == 2) return __builtin_bswap16(value);
  }
  return value;
}

// Little-endian record writing -----------------------------------------------------------------

class Buffer {
 public:
  void U8(uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void U32(uint32_t value) { Raw(FromLittleEndian(value)); }
  void U64(uint64_t value) { Raw(FromLittleEndian(value)); }
  void F64(double value) { U64(std::bit_cast<uint64_t>(value)); }
  void Pad(size_t count) { bytes_.append(count, '\0'); }
  void Bytes(std::string_view bytes) { bytes_.append(bytes); }
  const std::string& bytes() const { return bytes_; }

 private:
  template <typename T>
  void Raw(T value) {
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    bytes_.append(raw, sizeof(T));
  }
  std::string bytes_;
};

class SnapshotWriter {
 public:
  explicit SnapshotWriter(const GraphData& data) : data_(data) {
    String("");
    times_.emplace(std::string(), 0);
    sections_[kTimes].U32(0);
    sections_[kTimes].U32(0);
  }

  // The sections, in the order of `Section`.
  std::array<Buffer, kSectionCount>& Write(std::string_view schema_ref) {
    const Schema& schema = *data_.schema;
    for (std::string_view meta : {std::string_view(AIKG_VERSION), schema_ref, std::string_view(schema.name())}) {
      sections_[kMeta].U32(String(meta));
    }
    for (const EntityType& type : schema.types()) sections_[kTypes].U32(String(type.name));
    for (const Predicate& predicate : schema.predicates()) {
      sections_[kPredicates].U32(String(predicate.name));
      sections_[kPredicates].U32(static_cast<uint32_t>(predicate.range_kind));
    }
    for (const Unit& unit : schema.units()) sections_[kUnits].U32(String(unit.name));
    for (const auto& source : data_.sources) WriteSource(source);
    for (const auto& entity : data_.entities) WriteEntity(entity);
    for (const Alias& alias : data_.aliases) WriteStringPair(kAliases, alias.name, alias.lang);
    for (const Attribute& attribute : data_.attributes) WriteAttribute(attribute);
    for (const auto& statement : data_.statements) WriteStatement(statement);
    for (const internal::CitationRecord& citation : data_.citations) {
      sections_[kCitations].U32(citation.source);
      sections_[kCitations].U32(String(data_.CitationOf(citation).locator));
    }
    for (const Qualifier& qualifier : data_.qualifiers) WriteStringPair(kQualifiers, qualifier.key, qualifier.value);
    for (const auto& quantity : data_.quantities) WriteQuantity(quantity);
    for (const Text& text : data_.texts) WriteStringPair(kTexts, text.text, text.lang);
    // The string table last: every record above has added its strings.
    uint64_t end = 0;
    for (std::string_view text : strings_) {
      sections_[kStringBytes].Bytes(text);
      end += text.size();
      sections_[kStringEnds].U64(end);
    }
    return sections_;
  }

 private:
  uint32_t String(std::string_view text) {
    auto [found, added] = string_indexes_.try_emplace(text, static_cast<uint32_t>(strings_.size()));
    if (added) strings_.push_back(text);
    return found->second;
  }

  uint32_t Time(const TimePoint& time) {
    if (!time.is_set()) return 0;
    // A resolved fiscal point reads back from its text unresolved ("FY2026-Q1"): its start month
    // goes beside the text, and the key tells resolutions apart.
    std::string text = time.ToString();
    std::string key = time.is_fiscal() ? Cat(text, "@", time.fiscal_year_start()) : text;
    auto [found, added] = times_.try_emplace(std::move(key), static_cast<uint32_t>(times_.size()));
    if (added) {
      time_texts_.push_back(std::move(text));  // stable, unlike the map's keys
      sections_[kTimes].U32(String(time_texts_.back()));
      sections_[kTimes].U32(static_cast<uint32_t>(time.fiscal_year_start()));
    }
    return found->second;
  }

  void WriteStringPair(Section section, std::string_view first, std::string_view second) {
    sections_[section].U32(String(first));
    sections_[section].U32(String(second));
  }

  void WriteSource(const internal::SourceRecord& source) {
    Buffer& out = sections_[kSources];
    for (std::string_view text : {source.id, source.publisher, source.author, source.title, source.language,
                                  source.url}) {
      out.U32(String(text));
    }
    out.U32(Time(source.published));
    out.U32(source.via);
    out.U8(static_cast<uint8_t>(source.kind));
    out.Pad(3);
  }

  void WriteEntity(const internal::EntityRecord& entity) {
    Buffer& out = sections_[kEntities];
    out.U32(String(entity.id));
    out.U32(String(entity.name));
    out.U32(String(entity.description));
    out.U32(entity.type);
    out.U32(entity.aliases.begin);
    out.U32(entity.aliases.count);
    out.U32(entity.attributes.begin);
    out.U32(entity.attributes.count);
  }

  void WriteAttribute(const Attribute& attribute) {
    Buffer& out = sections_[kAttributes];
    out.U32(String(attribute.name));
    out.U8(static_cast<uint8_t>(attribute.value.index()));
    out.Pad(3);
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string_view>) out.U64(String(value));
          else if constexpr (std::is_same_v<T, double>) out.F64(value);
          else if constexpr (std::is_same_v<T, int64_t>) out.U64(static_cast<uint64_t>(value));
          else if constexpr (std::is_same_v<T, bool>) out.U64(value ? 1 : 0);
          else out.U64(Time(value));
        },
        attribute.value);
  }

  void WriteStatement(const internal::StatementRecord& statement) {
    uint32_t value = 0;
    ValueKind kind = ValueKind::kObject;
    if (const auto* object = std::get_if<internal::ObjectRef>(&statement.value)) {
      value = object->entity;
    } else if (const auto* quantity = std::get_if<internal::QuantityRef>(&statement.value)) {
      kind = ValueKind::kQuantity;
      value = quantity->index;
    } else if (const auto* text = std::get_if<internal::TextRef>(&statement.value)) {
      kind = ValueKind::kText;
      value = text->index;
    } else if (const auto* date = std::get_if<TimePoint>(&statement.value)) {
      kind = ValueKind::kDate;
      value = Time(*date);
    } else {
      kind = ValueKind::kBoolean;
      value = std::get<bool>(statement.value) ? 1 : 0;
    }
    Buffer& out = sections_[kStatements];
    out.U32(String(statement.id));
    out.U32(statement.subject);
    out.U32(statement.predicate);
    out.U32(value);
    out.U32(Time(statement.valid.from));
    out.U32(Time(statement.valid.to));
    out.U32(Time(statement.period));
    out.U32(statement.citations.begin);
    out.U32(statement.citations.count);
    out.U32(statement.qualifiers.begin);
    out.U32(statement.qualifiers.count);
    out.U8(static_cast<uint8_t>(kind));
    out.U8(static_cast<uint8_t>(statement.modality));
    out.Pad(2);
    out.F64(statement.confidence);
  }

  void WriteQuantity(const internal::QuantityRecord& quantity) {
    Buffer& out = sections_[kQuantities];
    out.F64(quantity.amount);
    out.F64(quantity.lower);
    out.F64(quantity.upper);
    out.U32(quantity.unit);
    out.U8(static_cast<uint8_t>(quantity.bound));
    out.Pad(3);
  }

  const GraphData& data_;
  std::array<Buffer, kSectionCount> sections_;
  std::vector<std::string_view> strings_;
  internal::StringViewMap<uint32_t> string_indexes_;
  absl::flat_hash_map<std::string, uint32_t> times_;
  std::deque<std::string> time_texts_;  // stable storage for the time texts in `strings_`
};

// Reading ---------------------------------------------------------------------------------------

// A read-only mapping of a whole file, unmapped when destroyed.
class MappedFile {
 public:
  static absl::StatusOr<MappedFile> Open(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(Cat("cannot read ", path.string(), ": ", std::strerror(errno)));
    struct stat status;
    if (::fstat(fd, &status) != 0) {
      int error = errno;
      ::close(fd);
      return absl::UnavailableError(Cat("cannot read ", path.string(), ": ", std::strerror(error)));
    }
    MappedFile file;
    file.size_ = static_cast<size_t>(status.st_size);
    if (file.size_ > 0) {
      void* bytes = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (bytes == MAP_FAILED) {
        int error = errno;
        ::close(fd);
        return absl::UnavailableError(Cat("cannot read ", path.string(), ": ", std::strerror(error)));
      }
      file.bytes_ = static_cast<const char*>(bytes);
    }
    ::close(fd);
    return file;
  }

  MappedFile(MappedFile&& other) noexcept
      : bytes_(std::exchange(other.bytes_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() {
    if (bytes_ != nullptr) ::munmap(const_cast<char*>(bytes_), size_);
  }

  std::string_view bytes() const { return {bytes_, size_}; }

 private:
  MappedFile() = default;
  const char* bytes_ = nullptr;
  size_t size_ = 0;
};

template <typename T>
T ReadLittleEndian(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return FromLittleEndian(value);
}

// One section: `count` records of its spec's size.
struct SectionView {
  const char* bytes = nullptr;
  size_t count = 0;
  size_t record_size = 1;

  const char* Record(size_t i) const { return bytes + i * record_size; }
  uint32_t U32(size_t i, size_t offset) const { return ReadLittleEndian<uint32_t>(Record(i) + offset); }
  uint64_t U64(size_t i, size_t offset) const { return ReadLittleEndian<uint64_t>(Record(i) + offset); }
  double F64(size_t i, size_t offset) const { return std::bit_cast<double>(U64(i, offset)); }
  uint8_t U8(size_t i, size_t offset) const { return static_cast<uint8_t>(Record(i)[offset]); }
};

// Thrown inside the loader to stop at the first problem; caught in Load.
struct Corrupt {
  std::string message;
};

class SnapshotLoader {
 public:
  SnapshotLoader(Graph& graph, std::string_view bytes, const std::filesystem::path& path)
      : graph_(graph), bytes_(bytes), path_(path) {}

  absl::Status Load(std::vector<Diagnostic>& problems) {
    try {
      ReadHeader();
      ReadStrings();
      if (!ReadSchema(problems)) return absl::OkStatus();
      ReadTimes();
      ReadRecords();
      BuildIndexes();
    } catch (const Corrupt& corrupt) {
      problems.push_back(Problem(corrupt.message));
      return absl::OkStatus();
    }
    graph_.mutable_data() = std::move(data_);
    return absl::OkStatus();
  }

 private:
  Diagnostic Problem(std::string message) const {
    Diagnostic problem;
    problem.file = path_.string();
    problem.message = std::move(message);
    return problem;
  }

  [[noreturn]] static void Fail(std::string message) { throw Corrupt{std::move(message)}; }

  void ReadHeader() {
    if (bytes_.substr(0, kMagic.size()) != kMagic.substr(0, bytes_.size())) {
      Fail("not an aikg snapshot (the file does not start with the snapshot signature)");
    }
    if (bytes_.size() < kHeaderSize) Fail(Cat("truncated: ", bytes_.size(), " bytes, shorter than the header"));
    uint32_t version = ReadLittleEndian<uint32_t>(bytes_.data() + 8);
    if (version != kFormatVersion) {
      Fail(Cat("snapshot format version ", version, "; this aikg (", AIKG_VERSION, ") reads version ",
               kFormatVersion, ": save the graph again from its JSON"));
    }
    uint32_t section_count = ReadLittleEndian<uint32_t>(bytes_.data() + 12);
    uint64_t file_size = ReadLittleEndian<uint64_t>(bytes_.data() + 16);
    if (file_size > bytes_.size()) Fail(Cat("truncated: ", bytes_.size(), " of ", file_size, " bytes"));
    if (file_size < bytes_.size()) Fail(Cat(bytes_.size() - file_size, " bytes after the end of the snapshot"));
    uint32_t crc = ReadLittleEndian<uint32_t>(bytes_.data() + 24);
    if (internal::Crc32c(bytes_.substr(kHeaderSize)) != crc || ReadLittleEndian<uint32_t>(bytes_.data() + 28) != 0) {
      Fail("checksum mismatch: the file is corrupt");
    }
    // From here on the bytes are those the writer wrote, unless the file was crafted: the
    // checks below still keep every read in bounds.
    if (section_count != kSectionCount) Fail(Cat("has ", section_count, " sections, expected ", kSectionCount));
    size_t table_end = kHeaderSize + kSectionEntrySize * kSectionCount;
    if (table_end > bytes_.size()) Fail("truncated section table");
    for (int s = 0; s < kSectionCount; ++s) {
      const char* entry = bytes_.data() + kHeaderSize + s * kSectionEntrySize;
      std::string_view tag(entry, 4);
      uint32_t record_size = ReadLittleEndian<uint32_t>(entry + 4);
      uint64_t offset = ReadLittleEndian<uint64_t>(entry + 8);
      uint64_t count = ReadLittleEndian<uint64_t>(entry + 16);
      if (tag != kSections[s].tag || record_size != kSections[s].record_size) {
        Fail(Cat("section ", s, " is not ", kSections[s].tag, " of ", kSections[s].record_size, "-byte records"));
      }
      if (offset < table_end || offset > bytes_.size() || count > (bytes_.size() - offset) / record_size) {
        Fail(Cat("section ", kSections[s].tag, " lies outside the file"));
      }
      sections_[s] = {bytes_.data() + offset, static_cast<size_t>(count), record_size};
    }
  }

  void ReadStrings() {
    const SectionView& ends = sections_[kStringEnds];
    const SectionView& blob = sections_[kStringBytes];
    if (ends.count == 0 || ends.U64(0, 0) != 0) Fail("the string table does not start with the empty string");
    // One copy of all the text; the records' views point into it.
    std::string_view text = data_.strings.Copy(std::string_view(blob.bytes, blob.count));
    strings_.reserve(ends.count);
    uint64_t begin = 0;
    for (size_t i = 0; i < ends.count; ++i) {
      uint64_t end = ends.U64(i, 0);
      if (end < begin || end > blob.count) Fail(Cat("string ", i, " lies outside the string table"));
      strings_.push_back(text.substr(begin, end - begin));
      begin = end;
    }
  }

  std::string_view String(uint32_t index, std::string_view what) const {
    if (index >= strings_.size()) Fail(Cat(what, ": string ", index, " out of range"));
    return strings_[index];
  }

  std::string_view Meta(size_t i, std::string_view what) const {
    if (sections_[kMeta].count < 3) Fail("incomplete META section");
    return String(sections_[kMeta].U32(i, 0), what);
  }

  // Loads the schema the snapshot names and checks that its numbering is the snapshot's.
  bool ReadSchema(std::vector<Diagnostic>& problems) {
    std::string_view schema_ref = Meta(1, "schema reference");
    std::string_view schema_name = Meta(2, "schema name");
    std::filesystem::path absolute = internal::ResolveSchemaReference(path_.parent_path(), schema_ref);
    std::shared_ptr<const Schema> schema = graph_.shared_schema();
    if (schema == nullptr || schema->path() != absolute) {
      if (schema != nullptr) {
        Fail(Cat("the graph already has schema ", schema->path().string(), ", the snapshot names ", schema_ref));
      }
      std::vector<Diagnostic> schema_problems;
      absl::StatusOr<Schema> loaded = Schema::LoadFile(absolute, &schema_problems);
      if (!loaded.ok()) {
        problems.push_back(Problem(Cat("cannot use schema '", schema_ref, "'")));
        if (schema_problems.empty()) problems.back().message += Cat(": ", loaded.status().message());
        problems.insert(problems.end(), schema_problems.begin(), schema_problems.end());
        return false;
      }
      schema = std::make_shared<const Schema>(*std::move(loaded));
    }
    std::string changed = Cat("schema ", schema_ref, " changed since the snapshot was written (");
    if (schema->name() != schema_name) Fail(Cat(changed, "it is now '", schema->name(), "'): save it again"));
    auto check_names = [&](Section section, size_t known, auto name_of, std::string_view what) {
      if (sections_[section].count > known) Fail(Cat(changed, "fewer ", what, "): save it again"));
      for (uint32_t i = 0; i < sections_[section].count; ++i) {
        if (String(sections_[section].U32(i, 0), what) != name_of(i)) {
          Fail(Cat(changed, what, " ", i, " is now '", name_of(i), "'): save it again"));
        }
      }
    };
    check_names(kTypes, schema->types().size(), [&](uint32_t i) { return std::string_view(schema->type(i).name); },
                "types");
    check_names(kPredicates, schema->predicates().size(),
                [&](uint32_t i) { return std::string_view(schema->predicate(i).name); }, "predicates");
    check_names(kUnits, schema->units().size(), [&](uint32_t i) { return std::string_view(schema->unit(i).name); },
                "units");
    for (uint32_t i = 0; i < sections_[kPredicates].count; ++i) {
      if (sections_[kPredicates].U32(i, 4) != static_cast<uint32_t>(schema->predicate(i).range_kind)) {
        Fail(Cat(changed, "predicate '", schema->predicate(i).name, "' has another range): save it again"));
      }
    }
    data_.schema = std::move(schema);
    return true;
  }

  void ReadTimes() {
    const SectionView& times = sections_[kTimes];
    if (times.count == 0 || times.U32(0, 0) != 0) Fail("the time table does not start with 'unset'");
    times_.reserve(times.count);
    times_.push_back(TimePoint());
    for (size_t i = 1; i < times.count; ++i) {
      std::string_view text = String(times.U32(i, 0), "time point");
      absl::StatusOr<TimePoint> time = TimePoint::Parse(text);
      if (time.ok() && times.U32(i, 4) != 0) {
        if (!time->is_fiscal()) Fail(Cat("time point ", i, ": '", text, "' is not fiscal but has a fiscal start"));
        time = time->ResolveFiscal(static_cast<int>(times.U32(i, 4)));
      }
      if (!time.ok()) Fail(Cat("time point ", i, ": ", time.status().message()));
      times_.push_back(*time);
    }
  }

  TimePoint Time(uint32_t index, std::string_view what) const {
    if (index >= times_.size()) Fail(Cat(what, ": time point ", index, " out of range"));
    return times_[index];
  }

  static void CheckIndex(uint64_t index, size_t size, std::string_view what) {
    if (index >= size) Fail(Cat(what, " ", index, " out of range (", size, ")"));
  }
  static internal::Range CheckRange(uint32_t begin, uint32_t count, size_t size, std::string_view what) {
    if (uint64_t{begin} + count > size) Fail(Cat(what, " [", begin, ", +", count, ") out of range (", size, ")"));
    return {begin, count};
  }
  static internal::ShortRange CheckShortRange(uint32_t begin, uint32_t count, size_t size, std::string_view what) {
    CheckRange(begin, count, size, what);
    if (count > internal::ShortRange::kMaxCount) Fail(Cat(what, ": ", count, " for one statement, more than it may have"));
    return {begin, static_cast<uint16_t>(count)};
  }

  void ReadRecords() {
    const SectionView& aliases = sections_[kAliases];
    data_.aliases.reserve(aliases.count);
    for (size_t i = 0; i < aliases.count; ++i) {
      data_.aliases.push_back({String(aliases.U32(i, 0), "alias"), String(aliases.U32(i, 4), "alias")});
    }
    const SectionView& attributes = sections_[kAttributes];
    data_.attributes.reserve(attributes.count);
    for (size_t i = 0; i < attributes.count; ++i) data_.attributes.push_back(ReadAttribute(attributes, i));
    const SectionView& quantities = sections_[kQuantities];
    data_.quantities.reserve(quantities.count);
    for (size_t i = 0; i < quantities.count; ++i) {
      CheckIndex(quantities.U32(i, 24), sections_[kUnits].count, "unit");
      CheckIndex(quantities.U8(i, 28), kBoundCount, "bound");
      data_.quantities.push_back({quantities.F64(i, 0), quantities.F64(i, 8), quantities.F64(i, 16),
                                  static_cast<UnitId>(quantities.U32(i, 24)), static_cast<Bound>(quantities.U8(i, 28))});
    }
    const SectionView& texts = sections_[kTexts];
    data_.texts.reserve(texts.count);
    for (size_t i = 0; i < texts.count; ++i) {
      data_.texts.push_back({String(texts.U32(i, 0), "text"), String(texts.U32(i, 4), "text")});
    }

    ReadSources();

    const SectionView& citations = sections_[kCitations];
    data_.citations.reserve(citations.count);
    for (size_t i = 0; i < citations.count; ++i) {
      CheckIndex(citations.U32(i, 0), data_.sources.size(), "citation source");
      data_.citations.push_back({citations.U32(i, 0), data_.InternLocator(String(citations.U32(i, 4), "locator"))});
    }
    const SectionView& qualifiers = sections_[kQualifiers];
    data_.qualifiers.reserve(qualifiers.count);
    for (size_t i = 0; i < qualifiers.count; ++i) {
      data_.qualifiers.push_back({String(qualifiers.U32(i, 0), "qualifier"), String(qualifiers.U32(i, 4), "qualifier")});
    }

    const SectionView& entities = sections_[kEntities];
    data_.entities.reserve(entities.count);
    for (size_t i = 0; i < entities.count; ++i) {
      internal::EntityRecord entity;
      entity.id = String(entities.U32(i, 0), "entity id");
      entity.name = String(entities.U32(i, 4), "entity name");
      entity.description = String(entities.U32(i, 8), "entity description");
      entity.type = entities.U32(i, 12);
      CheckIndex(entity.type, sections_[kTypes].count, "entity type");
      entity.aliases = CheckRange(entities.U32(i, 16), entities.U32(i, 20), data_.aliases.size(), "aliases");
      entity.attributes = CheckRange(entities.U32(i, 24), entities.U32(i, 28), data_.attributes.size(), "attributes");
      data_.entities.push_back(entity);
    }
    ReadStatements();
  }

  Attribute ReadAttribute(const SectionView& attributes, size_t i) {
    Attribute attribute;
    attribute.name = String(attributes.U32(i, 0), "attribute name");
    uint64_t payload = attributes.U64(i, 8);
    switch (attributes.U8(i, 4)) {  // AttributeValue's alternatives: text, number, integer, boolean, date
      case 0:
        CheckIndex(payload, strings_.size(), "attribute string");
        attribute.value = strings_[payload];
        break;
      case 1:
        attribute.value = std::bit_cast<double>(payload);
        break;
      case 2:
        attribute.value = static_cast<int64_t>(payload);
        break;
      case 3:
        if (payload > 1) Fail(Cat("attribute ", i, ": truth value ", payload));
        attribute.value = payload == 1;
        break;
      case 4:
        CheckIndex(payload, times_.size(), "attribute time point");
        attribute.value = times_[payload];
        break;
      default:
        Fail(Cat("attribute ", i, ": value kind ", int{attributes.U8(i, 4)}, " unknown"));
    }
    return attribute;
  }

  void ReadSources() {
    const SectionView& sources = sections_[kSources];
    data_.sources.reserve(sources.count);
    for (size_t i = 0; i < sources.count; ++i) {
      internal::SourceRecord source;
      source.id = String(sources.U32(i, 0), "source id");
      source.publisher = String(sources.U32(i, 4), "publisher");
      source.author = String(sources.U32(i, 8), "author");
      source.title = String(sources.U32(i, 12), "title");
      source.language = String(sources.U32(i, 16), "language");
      source.url = String(sources.U32(i, 20), "url");
      source.published = Time(sources.U32(i, 24), "published");
      source.via = sources.U32(i, 28);
      if (source.via != kNoIndex) CheckIndex(source.via, sources.count, "via source");
      CheckIndex(sources.U8(i, 32), kSourceKindCount, "source kind");
      source.kind = static_cast<SourceKind>(sources.U8(i, 32));
      data_.sources.push_back(source);
    }
    // A relay chain must end (GraphData::KnownSince walks it): colour each chain as it is walked.
    std::vector<uint8_t> state(sources.count, 0);  // 0 unseen, 1 on the current walk, 2 done
    for (size_t s = 0; s < sources.count; ++s) {
      size_t at = s;
      while (at != kNoIndex && state[at] == 0) {
        state[at] = 1;
        at = data_.sources[at].via;
      }
      if (at != kNoIndex && state[at] == 1) Fail(Cat("source '", data_.sources[at].id, "' relays itself via a cycle"));
      for (at = s; at != kNoIndex && state[at] == 1; at = data_.sources[at].via) state[at] = 2;
    }
  }

  void ReadStatements() {
    const Schema& schema = *data_.schema;
    const SectionView& statements = sections_[kStatements];
    data_.statements.reserve(statements.count);
    for (size_t i = 0; i < statements.count; ++i) {
      internal::StatementRecord statement;
      statement.id = String(statements.U32(i, 0), "statement id");
      statement.subject = statements.U32(i, 4);
      CheckIndex(statement.subject, data_.entities.size(), "subject");
      statement.predicate = statements.U32(i, 8);
      CheckIndex(statement.predicate, sections_[kPredicates].count, "predicate");
      uint32_t value = statements.U32(i, 12);
      statement.valid = {Time(statements.U32(i, 16), "valid"), Time(statements.U32(i, 20), "valid")};
      statement.period = Time(statements.U32(i, 24), "period");
      statement.citations =
          CheckShortRange(statements.U32(i, 28), statements.U32(i, 32), data_.citations.size(), "citations");
      statement.qualifiers =
          CheckShortRange(statements.U32(i, 36), statements.U32(i, 40), data_.qualifiers.size(), "qualifiers");
      uint8_t kind = statements.U8(i, 44);
      // The value must be of the predicate's range: the graph's readers rely on it.
      if (kind >= kValueKindCount || kind != static_cast<uint8_t>(schema.predicate(statement.predicate).range_kind)) {
        Fail(Cat("statement '", statement.id, "': value kind ", int{kind}, " does not fit its predicate"));
      }
      switch (static_cast<ValueKind>(kind)) {
        case ValueKind::kObject:
          CheckIndex(value, data_.entities.size(), "object");
          statement.value = internal::ObjectRef{value};
          break;
        case ValueKind::kQuantity:
          CheckIndex(value, data_.quantities.size(), "quantity");
          statement.value = internal::QuantityRef{value};
          break;
        case ValueKind::kText:
          CheckIndex(value, data_.texts.size(), "text");
          statement.value = internal::TextRef{value};
          break;
        case ValueKind::kDate:
          statement.value = Time(value, "date value");
          break;
        case ValueKind::kBoolean:
          if (value > 1) Fail(Cat("statement '", statement.id, "': truth value ", value));
          statement.value = value == 1;
          break;
      }
      CheckIndex(statements.U8(i, 45), kModalityCount, "modality");
      statement.modality = static_cast<Modality>(statements.U8(i, 45));
      statement.confidence = statements.F64(i, 48);
      data_.statements.push_back(statement);
    }
  }

  template <typename IdOf>
  static void IndexIdsOf(size_t count, internal::IdIndex& ids, IdOf id_of, std::string_view what) {
    ids.Reserve(count, id_of);
    for (uint32_t i = 0; i < count; ++i) {
      if (ids.Insert(i, id_of) != kNoIndex) Fail(Cat(what, " id '", id_of(i), "' appears twice"));
    }
  }

  void IndexIds() {
    IndexIdsOf(data_.sources.size(), data_.source_ids, data_.source_id_of(), "source");
    IndexIdsOf(data_.entities.size(), data_.entity_ids, data_.entity_id_of(), "entity");
    IndexIdsOf(data_.statements.size(), data_.statement_ids, data_.statement_id_of(), "statement");
  }

  // Once the records are in, the rest of a load is rebuilding indexes (docs/benchmarks.md): the
  // adjacency and time indexes (RebuildIndexes) and the id and name indexes read the records and
  // write disjoint members, so they are built on two threads, which shortens the load's wall
  // time by about a third without adding work.
  void BuildIndexes() {
    std::exception_ptr failure;
    std::thread adjacency_and_time([this, &failure] {
      try {
        data_.RebuildIndexes();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    try {
      IndexIds();
      data_.IndexNames(0);
    } catch (...) {
      adjacency_and_time.join();
      throw;
    }
    adjacency_and_time.join();
    if (failure) std::rethrow_exception(failure);
  }

  Graph& graph_;
  std::string_view bytes_;
  const std::filesystem::path& path_;
  std::array<SectionView, kSectionCount> sections_;
  GraphData data_;
  std::vector<std::string_view> strings_;
  std::vector<TimePoint> times_;
};

}  // namespace

bool IsSnapshotPath(const std::filesystem::path& path) { return path.extension() == kSnapshotExtension; }

absl::Status SaveSnapshotFile(const Graph& graph, const std::filesystem::path& path) {
  absl::StatusOr<std::string> schema_ref =
      internal::SchemaReference(graph, internal::AbsolutePath(path).parent_path());
  if (!schema_ref.ok()) return schema_ref.status();
  SnapshotWriter writer(graph.data());
  std::array<Buffer, kSectionCount>& sections = writer.Write(*schema_ref);

  Buffer table;
  uint64_t offset = kHeaderSize + kSectionEntrySize * kSectionCount;
  for (int s = 0; s < kSectionCount; ++s) {
    table.Bytes(kSections[s].tag);
    table.U32(kSections[s].record_size);
    table.U64(offset);
    table.U64(sections[s].bytes().size() / kSections[s].record_size);
    offset += sections[s].bytes().size();
  }
  uint32_t crc = internal::Crc32c(table.bytes());
  for (const Buffer& section : sections) crc = internal::Crc32c(section.bytes(), crc);
  Buffer header;
  header.Bytes(kMagic);
  header.U32(kFormatVersion);
  header.U32(kSectionCount);
  header.U64(offset);
  header.U32(crc);
  header.U32(0);

  absl::StatusOr<internal::AtomicFile> file = internal::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  std::fwrite(header.bytes().data(), 1, header.bytes().size(), file->stream());
  std::fwrite(table.bytes().data(), 1, table.bytes().size(), file->stream());
  for (const Buffer& section : sections) {
    std::fwrite(section.bytes().data(), 1, section.bytes().size(), file->stream());
  }
  return file->Commit();  // reports any write error above
}

absl::Status LoadSnapshotFile(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics) {
  if (graph.source_count() > 0 || graph.entity_count() > 0 || graph.statement_count() > 0) {
    return absl::FailedPreconditionError(
        Cat("cannot load snapshot ", path.string(), " into a graph that is not empty: a snapshot is a whole graph"));
  }
  absl::StatusOr<MappedFile> file = MappedFile::Open(path);
  if (!file.ok()) return file.status();
  std::vector<Diagnostic> problems;
  absl::Status status = SnapshotLoader(graph, file->bytes(), path).Load(problems);
  if (!status.ok()) return status;
  // As after a JSON load: building the indexes freed about a tenth of what the graph keeps, which
  // glibc would otherwise keep mapped.
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), problems.begin(), problems.end());
  return DiagnosticsToStatus(problems);
}

absl::Status LoadGraphFiles(Graph& graph, absl::Span<const std::filesystem::path> paths,
                            std::vector<Diagnostic>* diagnostics) {
  for (const std::filesystem::path& path : paths) {
    if (!IsSnapshotPath(path)) continue;
    if (paths.size() > 1) {
      return absl::InvalidArgumentError(
          Cat("snapshot ", path.string(), " must be loaded alone: a snapshot is a whole graph"));
    }
    return LoadSnapshotFile(graph, path, diagnostics);
  }
  return LoadJsonFiles(graph, paths, diagnostics);
}

absl::Status SaveGraphFile(const Graph& graph, const std::filesystem::path& path) {
  return IsSnapshotPath(path) ? SaveSnapshotFile(graph, path) : SaveJsonFile(graph, path);
}

}  // namespace aikg
