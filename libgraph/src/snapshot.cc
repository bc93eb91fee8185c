// Binary snapshots (layout in docs/snapshot.md): the writer turns the graph's columns into
// fixed-size little-endian records over one deduplicated string table, followed by the arrays
// of the graph's derived indexes. The loader reads the file once, front to back, through a small
// buffer (the string table and the index arrays straight into the graph's vectors), checking
// every index against what it points into and the CRC32C as it goes, into a fresh GraphData that
// it swaps into the graph only when all is well.

#include "aikg/snapshot.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "aikg/json.h"
#include "internal/atomic_file.h"
#include "internal/cat.h"
#include "internal/check.h"
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
// 1 had no locator table and no stored indexes; 2 stored the time indexes interval by interval;
// 3 stored id tables of a power of two of buckets, the bounds of every quantity in its record
// and the statements valid at a point twice
constexpr uint32_t kFormatVersion = 4;
constexpr size_t kHeaderSize = 32;
constexpr size_t kSectionEntrySize = 24;  // tag, record size, offset, record count

// Sections, each an array of fixed-size records, in the order of the file. Strings are indexes
// into STRE/STRB (0 is the empty string); time points are indexes into TIME (0 is "unset").
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
  kLocators,    // the distinct citation locators
  kStatements,
  kCitations,
  kQualifiers,
  kQuantities,
  kQuantityBounds,  // the bounds of the quantities that have any
  kTexts,
  // The graph's derived indexes, as the arrays it keeps them in, so that a load reads them
  // instead of rebuilding them (checked, so that a crafted file cannot mislead a query into
  // reading out of bounds).
  kValueOffsets,     // value statements by subject (GraphData::value_offsets, value_statements)
  kValueStatements,
  kOutOffsets,       // the adjacency of entity-to-entity statements: compressed sparse rows by
  kOutTargets,       // subject (targets, statements), and by object (sources, edge numbers)
  kOutStatements,
  kInOffsets,
  kInSources,
  kInEdges,
  kValidNodes,       // the valid-time interval index (IntervalIndex: nodes, distinct intervals,
  kValidIntervals,   // the offsets of their runs of statements, the runs, the distinct intervals'
  kValidRuns,        // positions by end)
  kValidIds,
  kValidByEnd,
  kValidPointDays,   // statements valid at a point, by first day (StartIndex: distinct days, the
  kValidPointRuns,   // offsets of their runs of the valid-time index's distinct intervals, the runs)
  kValidPointIds,
  kDateNodes,        // the date-value interval index
  kDateIntervals,
  kDateRuns,
  kDateIds,
  kDateByEnd,
  kUndated,
  kIdSeeds,          // the seeds of the id tables of sources, entities, statements (IdIndex)
  kSourceIdTags,     // each id table: its tags, its record numbers
  kSourceIdRecords,
  kEntityIdTags,
  kEntityIdRecords,
  kStatementIdTags,
  kStatementIdRecords,
  kNames,            // the folded names and aliases, sorted (GraphData::sorted_names), and the
  kNameOffsets,      // entities of each, in compressed sparse rows
  kNameEntities,
  kIdentifiers,      // the external identifier values (GraphData::identifiers), sorted, and
  kIdentifierOffsets,  // the entities of each
  kIdentifierEntities,
  kSectionCount,
};

struct SectionSpec {
  std::string_view tag;
  uint32_t record_size;
};
constexpr std::array<SectionSpec, kSectionCount> kSections = {{
    {"META", 4}, {"STRE", 8}, {"STRB", 1}, {"TIME", 8}, {"TYPE", 4}, {"PRED", 8}, {"UNIT", 4}, {"SRCE", 36},
    {"ENTY", 32}, {"ALIA", 8}, {"ATTR", 16}, {"LOCA", 4}, {"STMT", 56}, {"CITE", 8}, {"QUAL", 8}, {"QNTY", 16},
    {"QBND", 16}, {"TEXT", 8}, {"VOFS", 4}, {"VSTM", 4}, {"OUTO", 4}, {"OUTT", 4}, {"OUTS", 4}, {"INOF", 4},
    {"INSR", 4}, {"INED", 4}, {"VNOD", 20}, {"VINT", 8}, {"VRUN", 4}, {"VIDS", 4}, {"VEND", 4}, {"VPDY", 4},
    {"VPRN", 4}, {"VPID", 4}, {"DNOD", 20}, {"DINT", 8}, {"DRUN", 4}, {"DIDS", 4}, {"DEND", 4}, {"UNDT", 4},
    {"IDSE", 8}, {"SIDT", 1}, {"SIDR", 4}, {"EIDT", 1}, {"EIDR", 4}, {"TIDT", 1}, {"TIDR", 4}, {"NAME", 4},
    {"NAMO", 4}, {"NAMX", 4}, {"IDNT", 4}, {"IDNO", 4}, {"IDNX", 4},
}};

enum class ValueKind : uint8_t { kObject, kQuantity, kText, kDate, kBoolean };
constexpr uint8_t kValueKindCount = 5;
static_assert(static_cast<uint8_t>(RangeKind::kBoolean) + 1 == kValueKindCount);
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
  void U16(uint16_t value) { Raw(FromLittleEndian(value)); }
  void U32(uint32_t value) { Raw(FromLittleEndian(value)); }
  void U64(uint64_t value) { Raw(FromLittleEndian(value)); }
  void F64(double value) { U64(std::bit_cast<uint64_t>(value)); }
  void Pad(size_t count) { bytes_.append(count, '\0'); }
  void Bytes(std::string_view bytes) { bytes_.append(bytes); }
  // The records of `column`, each a struct of 32-bit fields, as little-endian words.
  template <typename T>
  void Words(const std::vector<T>& column) {
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) % sizeof(uint32_t) == 0);
    const char* bytes = reinterpret_cast<const char*>(column.data());
    if constexpr (std::endian::native == std::endian::little) {
      bytes_.append(bytes, column.size() * sizeof(T));
    } else {
      for (size_t at = 0; at < column.size() * sizeof(T); at += sizeof(uint32_t)) U32(ReadNative(bytes + at));
    }
  }
  const std::string& bytes() const { return bytes_; }

 private:
  static uint32_t ReadNative(const char* at) {
    uint32_t value;
    std::memcpy(&value, at, sizeof(value));
    return value;
  }
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
    for (std::string_view locator : data_.locators) sections_[kLocators].U32(String(locator));
    for (const internal::CitationRecord& citation : data_.citations) {
      sections_[kCitations].U32(citation.source);
      sections_[kCitations].U32(citation.locator);
    }
    for (const Qualifier& qualifier : data_.qualifiers) WriteStringPair(kQualifiers, qualifier.key, qualifier.value);
    for (const auto& quantity : data_.quantities) WriteQuantity(quantity);
    for (const internal::QuantityBounds& bounds : data_.quantity_bounds) {
      sections_[kQuantityBounds].F64(bounds.lower);
      sections_[kQuantityBounds].F64(bounds.upper);
    }
    for (const Text& text : data_.texts) WriteStringPair(kTexts, text.text, text.lang);
    WriteIndexes();
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
  // An id table, compact (IdIndex::Compacted) when the graph's has grown well past its records:
  // the reload restores the table as stored, and pays for each of its bytes in fresh memory.
  template <typename IdOf>
  void WriteIdTable(Section tags_section, const internal::IdIndex& ids, IdOf id_of) {
    std::optional<internal::IdIndex> compacted;
    if (ids.Oversized()) compacted = ids.Compacted(id_of);
    const internal::IdIndex& table = compacted ? *compacted : ids;
    sections_[kIdSeeds].U64(table.seed());
    sections_[tags_section].Bytes({reinterpret_cast<const char*>(table.tags().data()), table.tags().size()});
    sections_[tags_section + 1].Words(table.records());
  }

  void WriteIndexes() {
    sections_[kValueOffsets].Words(data_.value_offsets);
    sections_[kValueStatements].Words(data_.value_statements);
    sections_[kOutOffsets].Words(data_.edges.m_forward.m_rowstart);
    sections_[kOutTargets].Words(data_.edges.m_forward.m_column);
    sections_[kOutStatements].Words(data_.edges.m_forward.m_edge_properties);
    sections_[kInOffsets].Words(data_.edges.m_backward.m_rowstart);
    sections_[kInSources].Words(data_.edges.m_backward.m_column);
    sections_[kInEdges].Words(data_.edges.m_backward.m_edge_properties);
    WriteIntervalIndex(kValidNodes, data_.valid_index);
    sections_[kValidPointDays].Words(data_.valid_points.days());
    sections_[kValidPointRuns].Words(data_.valid_points.run_offsets());
    sections_[kValidPointIds].Words(data_.valid_points.ids());
    WriteIntervalIndex(kDateNodes, data_.date_value_index);
    sections_[kUndated].Words(data_.undated);
    WriteIdTable(kSourceIdTags, data_.source_ids, data_.source_id_of());
    WriteIdTable(kEntityIdTags, data_.entity_ids, data_.entity_id_of());
    WriteIdTable(kStatementIdTags, data_.statement_ids, data_.statement_id_of());
    WriteNameIndex(kNames, data_.sorted_names, data_.names);
    std::vector<std::string_view> identifiers;
    identifiers.reserve(data_.identifiers.size());
    for (const auto& [identifier, entities] : data_.identifiers) identifiers.push_back(identifier);
    std::sort(identifiers.begin(), identifiers.end());  // the map's order changes from process to process
    WriteNameIndex(kIdentifiers, identifiers, data_.identifiers);
  }

  // `keys` in order, and the entities `index` gives each, as offsets and entity numbers.
  void WriteNameIndex(Section keys_section, absl::Span<const std::string_view> keys,
                      const internal::StringViewMap<absl::InlinedVector<EntityIndex, 1>>& index) {
    uint32_t offset = 0;
    sections_[keys_section + 1].U32(offset);
    for (std::string_view key : keys) {
      sections_[keys_section].U32(String(key));
      for (EntityIndex entity : index.at(key)) sections_[keys_section + 2].U32(entity);
      offset += static_cast<uint32_t>(index.at(key).size());
      sections_[keys_section + 1].U32(offset);
    }
  }

  void WriteIntervalIndex(Section nodes, const internal::IntervalIndex& index) {
    sections_[nodes].Words(index.nodes());
    sections_[nodes + 1].Words(index.intervals());
    sections_[nodes + 2].Words(index.run_offsets());
    sections_[nodes + 3].Words(index.ids());
    sections_[nodes + 4].Words(index.by_end());
  }

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
    out.U32(quantity.bounds);
    out.U16(quantity.unit);
    out.U8(static_cast<uint8_t>(quantity.bound));
    out.Pad(1);
  }

  const GraphData& data_;
  std::array<Buffer, kSectionCount> sections_;
  std::vector<std::string_view> strings_;
  internal::StringViewMap<uint32_t> string_indexes_;
  absl::flat_hash_map<std::string, uint32_t> times_;
  std::deque<std::string> time_texts_;  // stable storage for the time texts in `strings_`
};

// Reading ---------------------------------------------------------------------------------------

template <typename T>
T ReadLittleEndian(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return FromLittleEndian(value);
}

// Thrown inside the loader to stop at the first problem; caught in Load.
struct Corrupt {
  std::string message;
};

[[noreturn]] void Fail(std::string message) { throw Corrupt{std::move(message)}; }

// The failures of the checks made for every record, out of line and cold, so that the loops
// that decode records stay tight.
[[noreturn, gnu::cold, gnu::noinline]] void FailOutOfRange(std::string_view what, uint64_t index, size_t size) {
  Fail(Cat(what, " ", index, " out of range (", size, ")"));
}
[[noreturn, gnu::cold, gnu::noinline]] void FailRangeOutOfRange(std::string_view what, uint32_t begin, uint32_t count,
                                                                size_t size) {
  Fail(Cat(what, " [", begin, ", +", count, ") out of range (", size, ")"));
}
[[noreturn, gnu::cold, gnu::noinline]] void FailTableIndex(std::string_view what, std::string_view table,
                                                           uint32_t index) {
  Fail(Cat(what, ": ", table, " ", index, " out of range"));
}

[[noreturn, gnu::cold, gnu::noinline]] void FailTooLong(std::string_view what, size_t size) {
  Fail(Cat(what, " of ", size, " bytes, longer than ", internal::ShortView::kMaxSize));
}

// Has the kernel map the pages of [begin, begin + size), fresh memory about to be written, now
// and in one call, rather than on a page fault for each 4 KiB: at 10^6 statements a load fills
// 200 MB of fresh memory, and there a fault costs more than the page (docs/benchmarks.md). Only
// a hint: a kernel without MADV_POPULATE_WRITE (before 5.14) faults the pages in as they come.
void Prefault(void* begin, size_t size) {
#if defined(MADV_POPULATE_WRITE)
  static const uintptr_t kPage = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  // The whole pages; the partial ones at the ends fault in as usual.
  uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + kPage - 1) & ~(kPage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(begin) + size) & ~(kPage - 1);
  if (end > first) ::madvise(reinterpret_cast<void*>(first), end - first, MADV_POPULATE_WRITE);
#endif
}

// Reserves room for exactly `count` more elements in `column`, prefaulted.
template <typename T>
void ReserveMapped(std::vector<T>& column, size_t count) {
  column.reserve(column.size() + count);
  Prefault(column.data() + column.size(), count * sizeof(T));
}

// A file read once, front to back, never held whole: records pass through one small buffer
// and big arrays go straight into their vectors. Every byte after the header is added to a
// running CRC32C as it is read.
class FileReader {
 public:
  static constexpr size_t kBufferSize = 256 * 1024;  // fits the cache while its records are decoded

  static absl::StatusOr<FileReader> Open(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(Cat("cannot read ", path.string(), ": ", std::strerror(errno)));
    struct stat status;
    if (::fstat(fd, &status) != 0) {
      int error = errno;
      ::close(fd);
      return absl::UnavailableError(Cat("cannot read ", path.string(), ": ", std::strerror(error)));
    }
#if defined(POSIX_FADV_SEQUENTIAL)
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return FileReader(fd, static_cast<uint64_t>(status.st_size));
  }

  FileReader(FileReader&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)),
        size_(other.size_),
        position_(other.position_),
        crc_(other.crc_),
        checksummed_(other.checksummed_),
        buffer_(std::move(other.buffer_)) {}
  FileReader& operator=(FileReader&&) = delete;
  ~FileReader() {
    if (fd_ >= 0) ::close(fd_);
  }

  uint64_t size() const { return size_; }
  uint64_t position() const { return position_; }
  uint32_t crc() const { return crc_; }
  bool checksummed() const { return checksummed_; }
  // From here on every byte read counts in crc().
  void StartChecksum() { checksummed_ = true; }

  // Reads the next `size` bytes into `destination`.
  void Read(char* destination, size_t size) {
    for (size_t done = 0; done < size;) {
      ssize_t got = ::read(fd_, destination + done, size - done);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) Fail(Cat("cannot read: ", std::strerror(errno)));
      if (got == 0) Fail(Cat("truncated while being read, at byte ", position_ + done));
      done += static_cast<size_t>(got);
    }
    if (checksummed_) crc_ = internal::Crc32c(std::string_view(destination, size), crc_);
    position_ += size;
  }

  // The next `size` bytes (at most kBufferSize), valid until the next read.
  const char* Next(size_t size) {
    if (buffer_ == nullptr) buffer_ = std::make_unique_for_overwrite<char[]>(kBufferSize);
    Read(buffer_.get(), size);
    return buffer_.get();
  }

  // Reads the rest of the file, so that crc() covers all of it.
  void ReadToEnd() {
    while (position_ < size_) Next(static_cast<size_t>(std::min<uint64_t>(kBufferSize, size_ - position_)));
  }

 private:
  FileReader(int fd, uint64_t size) : fd_(fd), size_(size) {}

  int fd_;
  uint64_t size_;
  uint64_t position_ = 0;
  uint32_t crc_ = 0;
  bool checksummed_ = false;
  std::unique_ptr<char[]> buffer_;
};

// One fixed-size record in the buffer.
struct Record {
  const char* bytes;
  uint16_t U16(size_t offset) const { return ReadLittleEndian<uint16_t>(bytes + offset); }
  uint32_t U32(size_t offset) const { return ReadLittleEndian<uint32_t>(bytes + offset); }
  uint64_t U64(size_t offset) const { return ReadLittleEndian<uint64_t>(bytes + offset); }
  double F64(size_t offset) const { return std::bit_cast<double>(U64(offset)); }
  uint8_t U8(size_t offset) const { return static_cast<uint8_t>(bytes[offset]); }
};

class SnapshotLoader {
 public:
  SnapshotLoader(Graph& graph, FileReader& file, const std::filesystem::path& path)
      : graph_(graph), file_(file), path_(path) {}

  // Loads the file into the graph, or adds to `problems` what is wrong and leaves it as it was.
  void Load(std::vector<Diagnostic>& problems) {
    std::vector<Diagnostic> found;
    try {
      ReadHeader();
      ReadStrings();
      ReadTimes();
      if (ReadSchema(found)) {
        ReadRecords();
        ReadIndexes();
        if (file_.crc() != expected_crc_ || reserved_ != 0) Fail(std::string(kChecksumMismatch));
        graph_.mutable_data() = std::move(data_);
        return;
      }
    } catch (const Corrupt& corrupt) {
      found.push_back(Problem(corrupt.message));
    }
    // A problem found before the whole file was read may be damage: then it is reported as such,
    // whatever the damaged bytes happened to look like.
    if (file_.checksummed() && !RestMatchesChecksum()) found = {Problem(std::string(kChecksumMismatch))};
    problems.insert(problems.end(), found.begin(), found.end());
  }

 private:
  static constexpr std::string_view kChecksumMismatch = "checksum mismatch: the file is corrupt";

  struct SectionInfo {
    size_t count = 0;
    uint32_t record_size = 1;
  };

  Diagnostic Problem(std::string message) const {
    Diagnostic problem;
    problem.file = path_.string();
    problem.message = std::move(message);
    return problem;
  }

  bool RestMatchesChecksum() {
    try {
      file_.ReadToEnd();
    } catch (const Corrupt&) {
      return true;  // unreadable: the problem already found stands
    }
    return file_.crc() == expected_crc_ && reserved_ == 0;
  }

  void ReadHeader() {
    size_t have = static_cast<size_t>(std::min<uint64_t>(file_.size(), kHeaderSize));
    const char* header = file_.Next(have);
    std::string_view start(header, std::min(have, kMagic.size()));
    if (start != kMagic.substr(0, start.size())) {
      Fail("not an aikg snapshot (the file does not start with the snapshot signature)");
    }
    if (have < kHeaderSize) Fail(Cat("truncated: ", have, " bytes, shorter than the header"));
    uint32_t version = ReadLittleEndian<uint32_t>(header + 8);
    if (version != kFormatVersion) {
      Fail(Cat("snapshot format version ", version, "; this aikg (", AIKG_VERSION, ") reads version ",
               kFormatVersion, ": save the graph again from its JSON"));
    }
    uint32_t section_count = ReadLittleEndian<uint32_t>(header + 12);
    uint64_t file_size = ReadLittleEndian<uint64_t>(header + 16);
    if (file_size > file_.size()) Fail(Cat("truncated: ", file_.size(), " of ", file_size, " bytes"));
    if (file_size < file_.size()) Fail(Cat(file_.size() - file_size, " bytes after the end of the snapshot"));
    expected_crc_ = ReadLittleEndian<uint32_t>(header + 24);
    reserved_ = ReadLittleEndian<uint32_t>(header + 28);
    file_.StartChecksum();
    // From here on the bytes are those the writer wrote, unless the file is damaged (the CRC
    // tells at the end) or crafted: the checks below keep every read in bounds either way.
    if (section_count != kSectionCount) Fail(Cat("has ", section_count, " sections, expected ", kSectionCount));
    uint64_t offset = kHeaderSize + kSectionEntrySize * kSectionCount;
    if (offset > file_.size()) Fail("truncated section table");
    const char* table = file_.Next(kSectionEntrySize * kSectionCount);
    // The sections follow the table back to back, in order: the file is read in one pass.
    for (int s = 0; s < kSectionCount; ++s) {
      const char* entry = table + s * kSectionEntrySize;
      std::string_view tag(entry, 4);
      uint32_t record_size = ReadLittleEndian<uint32_t>(entry + 4);
      uint64_t count = ReadLittleEndian<uint64_t>(entry + 16);
      if (tag != kSections[s].tag || record_size != kSections[s].record_size) {
        Fail(Cat("section ", s, " is not ", kSections[s].tag, " of ", kSections[s].record_size, "-byte records"));
      }
      if (ReadLittleEndian<uint64_t>(entry + 8) != offset || count > (file_.size() - offset) / record_size) {
        Fail(Cat("section ", kSections[s].tag, " is not where the one before it ends, inside the file"));
      }
      sections_[s] = {static_cast<size_t>(count), record_size};
      offset += count * record_size;
    }
    if (offset != file_.size()) Fail(Cat(file_.size() - offset, " bytes after the last section"));
  }

  size_t Count(Section section) const { return sections_[section].count; }

  // Calls decode(record, i) for each record of `section`, the next in the file.
  template <typename Decode>
  void ForEachRecord(Section section, Decode decode) {
    const SectionInfo& info = sections_[section];
    const size_t per_read = FileReader::kBufferSize / info.record_size;
    for (size_t first = 0; first < info.count; first += per_read) {
      size_t count = std::min(per_read, info.count - first);
      const char* records = file_.Next(count * info.record_size);
      for (size_t i = 0; i < count; ++i) decode(Record{records + i * info.record_size}, first + i);
    }
  }

  // Reads `section`, the next in the file, straight into `column` (whatever it held before): its
  // records are the little-endian bytes of T, a struct of `Field`s.
  template <typename T, typename Field = uint32_t>
  void ReadColumn(Section section, std::vector<T>& column) {
    column.clear();
    AppendColumn<T, Field>(section, column);
  }

  // The same onto the end of `column`.
  template <typename T, typename Field = uint32_t>
  void AppendColumn(Section section, std::vector<T>& column) {
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) % sizeof(Field) == 0);
    AIKG_CHECK(sections_[section].record_size == sizeof(T));
    size_t first = column.size(), count = Count(section);
    ReserveMapped(column, count);
    // A buffer's worth at a time, so that the zeros resize() writes are still in the cache when
    // the read overwrites them (one pass over the column's memory, not two).
    constexpr size_t kPerRead = FileReader::kBufferSize / sizeof(T);
    for (size_t done = 0; done < count; done += kPerRead) {
      size_t part = std::min(kPerRead, count - done);
      column.resize(first + done + part);
      file_.Read(reinterpret_cast<char*>(column.data() + first + done), part * sizeof(T));
    }
    if constexpr (std::endian::native == std::endian::big) {
      char* bytes = reinterpret_cast<char*>(column.data() + first);
      for (size_t at = 0; at < count * sizeof(T); at += sizeof(Field)) {
        Field field;
        std::memcpy(&field, bytes + at, sizeof(Field));
        field = FromLittleEndian(field);
        std::memcpy(bytes + at, &field, sizeof(Field));
      }
    }
  }

  // A small section of 32-bit fields, whole.
  std::vector<uint32_t> Words(Section section) {
    std::vector<uint32_t> words(Count(section) * sections_[section].record_size / sizeof(uint32_t));
    file_.Read(reinterpret_cast<char*>(words.data()), words.size() * sizeof(uint32_t));
    for (uint32_t& word : words) word = FromLittleEndian(word);
    return words;
  }

  void ReadStrings() {
    meta_ = Words(kMeta);
    uint64_t blob_size = Count(kStringBytes);
    if (blob_size <= std::numeric_limits<uint32_t>::max()) {
      ReadStringEnds(string_offsets_, blob_size);
    } else {
      ReadStringEnds(wide_string_offsets_, blob_size);
    }
    // All the text in one piece of the graph's string store; the records' views point into it.
    string_bytes_ = data_.strings.NewBlock(blob_size);
    Prefault(string_bytes_, blob_size);
    file_.Read(string_bytes_, blob_size);
  }

  // Reads STRE's 64-bit ends into `offsets`, after a leading 0, as `Offset`s (32 bits when the
  // text is under 4 GiB: half the memory, all of it fresh), checking each end as it comes.
  template <typename Offset>
  void ReadStringEnds(std::vector<Offset>& offsets, uint64_t blob_size) {
    const size_t count = Count(kStringEnds);
    constexpr size_t kPerRead = FileReader::kBufferSize / sizeof(uint64_t);
    ReserveMapped(offsets, count + 1);
    offsets.assign(1, 0);
    uint64_t previous = 0;
    for (size_t done = 0; done < count; done += kPerRead) {
      size_t part = std::min(kPerRead, count - done);
      const char* ends = file_.Next(part * sizeof(uint64_t));
      if (done == 0 && ReadLittleEndian<uint64_t>(ends) != 0) {
        Fail("the string table does not start with the empty string");
      }
      offsets.resize(offsets.size() + part);
      Offset* out = offsets.data() + 1 + done;
      // Each end against the one before and the size of the text, ORed up without a branch.
      bool outside = false;
      for (size_t i = 0; i < part; ++i) {
        uint64_t end = ReadLittleEndian<uint64_t>(ends + i * sizeof(uint64_t));
        outside |= (end < previous) | (end > blob_size);
        out[i] = static_cast<Offset>(end);
        previous = end;
      }
      if (outside) [[unlikely]] {
        previous = offsets[done];
        for (size_t i = 0; i < part; ++i) {
          uint64_t end = ReadLittleEndian<uint64_t>(ends + i * sizeof(uint64_t));
          if (end < previous || end > blob_size) Fail(Cat("string ", done + i, " lies outside the string table"));
          previous = end;
        }
      }
    }
    if (count == 0) Fail("the string table does not start with the empty string");
    string_count_ = count;
  }

  size_t StringCount() const { return string_count_; }
  [[gnu::always_inline]] std::string_view String(uint32_t index, std::string_view what) const {
    if (index >= string_count_) [[unlikely]] FailTableIndex(what, "string", index);
    if (!wide_string_offsets_.empty()) [[unlikely]] return Slice(wide_string_offsets_, index);
    return Slice(string_offsets_, index);
  }
  template <typename Offset>
  std::string_view Slice(const std::vector<Offset>& offsets, uint32_t index) const {
    return {string_bytes_ + offsets[index], static_cast<size_t>(offsets[index + 1] - offsets[index])};
  }

  std::string_view Meta(size_t i, std::string_view what) const {
    if (meta_.size() < 3) Fail("incomplete META section");
    return String(meta_[i], what);
  }

  void ReadTimes() {
    if (Count(kTimes) == 0) Fail("the time table does not start with 'unset'");
    times_.reserve(Count(kTimes));
    ForEachRecord(kTimes, [&](Record time, size_t i) {
      if (i == 0) {
        if (time.U32(0) != 0) Fail("the time table does not start with 'unset'");
        times_.push_back(TimePoint());
        return;
      }
      std::string_view text = String(time.U32(0), "time point");
      absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
      if (point.ok() && time.U32(4) != 0) {
        if (!point->is_fiscal()) Fail(Cat("time point ", i, ": '", text, "' is not fiscal but has a fiscal start"));
        point = point->ResolveFiscal(static_cast<int>(time.U32(4)));
      }
      if (!point.ok()) Fail(Cat("time point ", i, ": ", point.status().message()));
      times_.push_back(*point);
    });
  }

  // Loads the schema the snapshot names and checks that its numbering is the snapshot's.
  bool ReadSchema(std::vector<Diagnostic>& problems) {
    std::vector<uint32_t> types = Words(kTypes), predicates = Words(kPredicates), units = Words(kUnits);
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
    auto check_names = [&](absl::Span<const uint32_t> names, size_t stride, size_t known, auto name_of,
                           std::string_view what) {
      if (names.size() / stride > known) Fail(Cat(changed, "fewer ", what, "): save it again"));
      for (uint32_t i = 0; i < names.size() / stride; ++i) {
        if (String(names[i * stride], what) != name_of(i)) {
          Fail(Cat(changed, what, " ", i, " is now '", name_of(i), "'): save it again"));
        }
      }
    };
    check_names(types, 1, schema->types().size(), [&](uint32_t i) { return std::string_view(schema->type(i).name); },
                "types");
    check_names(predicates, 2, schema->predicates().size(),
                [&](uint32_t i) { return std::string_view(schema->predicate(i).name); }, "predicates");
    check_names(units, 1, schema->units().size(), [&](uint32_t i) { return std::string_view(schema->unit(i).name); },
                "units");
    for (uint32_t i = 0; i < Count(kPredicates); ++i) {
      if (predicates[2 * i + 1] != static_cast<uint32_t>(schema->predicate(i).range_kind)) {
        Fail(Cat(changed, "predicate '", schema->predicate(i).name, "' has another range): save it again"));
      }
    }
    data_.schema = std::move(schema);
    return true;
  }

  TimePoint Time(uint32_t index, std::string_view what) const {
    if (index >= times_.size()) [[unlikely]] FailTableIndex(what, "time point", index);
    return times_[index];
  }

  static void CheckIndex(uint64_t index, size_t size, std::string_view what) {
    if (index >= size) [[unlikely]] FailOutOfRange(what, index, size);
  }
  // Checks a column read straight from the file: `fits(item)` for every item, in one pass that
  // ANDs up the answers (no branch per item), then, only when one does not fit, `check(item)`
  // item by item, which fails with the message of the first that does not.
  template <typename T, typename Fits, typename Check>
  static void CheckColumn(const std::vector<T>& column, Fits fits, Check check) {
    bool all_fit = true;
    for (const T& item : column) all_fit &= fits(item);
    if (!all_fit) [[unlikely]] {
      for (const T& item : column) check(item);
    }
  }
  static internal::Range CheckRange(uint32_t begin, uint32_t count, size_t size, std::string_view what) {
    if (uint64_t{begin} + count > size) [[unlikely]] FailRangeOutOfRange(what, begin, count, size);
    return {begin, count};
  }
  static internal::ShortRange CheckShortRange(uint32_t begin, uint32_t count, size_t size, std::string_view what) {
    CheckRange(begin, count, size, what);
    if (count > internal::ShortRange::kMaxCount) [[unlikely]] {
      Fail(Cat(what, ": ", count, " for one statement, more than it may have"));
    }
    return {begin, static_cast<uint16_t>(count)};
  }

  // The records, in the order of the file; a range or index into a later section is checked
  // against that section's count.
  void ReadRecords() {
    ReadSources();
    ReserveMapped(data_.entities, Count(kEntities));
    ForEachRecord(kEntities, [&](Record record, size_t) {
      internal::EntityRecord entity;
      entity.id = String(record.U32(0), "entity id");
      entity.name = String(record.U32(4), "entity name");
      entity.description = String(record.U32(8), "entity description");
      entity.type = record.U32(12);
      CheckIndex(entity.type, Count(kTypes), "entity type");
      entity.aliases = CheckRange(record.U32(16), record.U32(20), Count(kAliases), "aliases");
      entity.attributes = CheckRange(record.U32(24), record.U32(28), Count(kAttributes), "attributes");
      data_.entities.push_back(entity);
    });
    ReserveMapped(data_.aliases, Count(kAliases));
    ForEachRecord(kAliases, [&](Record alias, size_t) {
      data_.aliases.push_back({String(alias.U32(0), "alias"), String(alias.U32(4), "alias")});
    });
    ReserveMapped(data_.attributes, Count(kAttributes));
    ForEachRecord(kAttributes, [&](Record attribute, size_t i) { data_.attributes.push_back(ReadAttribute(attribute, i)); });
    ReadLocators();
    ReadStatements();
    // Citations are stored as they are kept: read straight into their column.
    static_assert(sizeof(internal::CitationRecord) == 8);
    ReadColumn(kCitations, data_.citations);
    const size_t source_count = data_.sources.size(), locator_count = data_.locators.size();
    CheckColumn(
        data_.citations,
        [&](const internal::CitationRecord& citation) {
          // kNoIndex + 1 wraps to 0: "no locator" passes as the locator before the first.
          return (citation.source < source_count) & (uint32_t{citation.locator + 1} <= locator_count);
        },
        [&](const internal::CitationRecord& citation) {
          CheckIndex(citation.source, source_count, "citation source");
          if (citation.locator != kNoIndex) CheckIndex(citation.locator, locator_count, "locator");
        });
    ReserveMapped(data_.qualifiers, Count(kQualifiers));
    ForEachRecord(kQualifiers, [&](Record qualifier, size_t) {
      data_.qualifiers.push_back({String(qualifier.U32(0), "qualifier"), String(qualifier.U32(4), "qualifier")});
    });
    ReadQuantities();
    ReserveMapped(data_.texts, Count(kTexts));
    ForEachRecord(kTexts, [&](Record text, size_t) {
      data_.texts.push_back({String(text.U32(0), "text"), String(text.U32(4), "text")});
    });
  }

  // Quantities, like citations, are stored as they are kept (on a little-endian machine): read
  // straight into their column, then checked.
  void ReadQuantities() {
    static_assert(sizeof(internal::QuantityRecord) == 16 && offsetof(internal::QuantityRecord, bounds) == 8 &&
                  offsetof(internal::QuantityRecord, unit) == 12 && offsetof(internal::QuantityRecord, bound) == 14);
    if constexpr (std::endian::native == std::endian::little) {
      ReadColumn(kQuantities, data_.quantities);
    } else {
      ReserveMapped(data_.quantities, Count(kQuantities));
      ForEachRecord(kQuantities, [&](Record quantity, size_t) {
        data_.quantities.push_back({quantity.F64(0), quantity.U32(8), quantity.U16(12),
                                    static_cast<Bound>(quantity.U8(14))});
      });
    }
    const size_t unit_count = Count(kUnits), bounds_count = Count(kQuantityBounds);
    CheckColumn(
        data_.quantities,
        [&](const internal::QuantityRecord& quantity) {
          // kNoIndex + 1 wraps to 0: "no bounds" passes as the bounds before the first.
          return (quantity.unit < unit_count) & (static_cast<uint8_t>(quantity.bound) < kBoundCount) &
                 (uint32_t{quantity.bounds + 1} <= bounds_count);
        },
        [&](const internal::QuantityRecord& quantity) {
          CheckIndex(quantity.unit, unit_count, "unit");
          CheckIndex(static_cast<uint8_t>(quantity.bound), kBoundCount, "bound");
          if (quantity.bounds != kNoIndex) CheckIndex(quantity.bounds, bounds_count, "quantity bounds");
        });
    ReadColumn<internal::QuantityBounds, uint64_t>(kQuantityBounds, data_.quantity_bounds);
  }

  Attribute ReadAttribute(Record record, size_t i) {
    Attribute attribute;
    attribute.name = String(record.U32(0), "attribute name");
    uint64_t payload = record.U64(8);
    switch (record.U8(4)) {  // AttributeValue's alternatives: text, number, integer, boolean, date
      case 0:
        CheckIndex(payload, StringCount(), "attribute string");
        attribute.value = String(static_cast<uint32_t>(payload), "attribute");
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
        Fail(Cat("attribute ", i, ": value kind ", int{record.U8(4)}, " unknown"));
    }
    return attribute;
  }

  void ReadSources() {
    ReserveMapped(data_.sources, Count(kSources));
    ForEachRecord(kSources, [&](Record record, size_t) {
      internal::SourceRecord source;
      source.id = String(record.U32(0), "source id");
      source.publisher = String(record.U32(4), "publisher");
      source.author = String(record.U32(8), "author");
      source.title = String(record.U32(12), "title");
      source.language = String(record.U32(16), "language");
      source.url = String(record.U32(20), "url");
      source.published = Time(record.U32(24), "published");
      source.via = record.U32(28);
      if (source.via != kNoIndex) CheckIndex(source.via, Count(kSources), "via source");
      CheckIndex(record.U8(32), kSourceKindCount, "source kind");
      source.kind = static_cast<SourceKind>(record.U8(32));
      data_.sources.push_back(source);
    });
    // A relay chain must end (GraphData::KnownSince walks it): colour each chain as it is walked.
    std::vector<uint8_t> state(data_.sources.size(), 0);  // 0 unseen, 1 on the current walk, 2 done
    for (size_t s = 0; s < data_.sources.size(); ++s) {
      size_t at = s;
      while (at != kNoIndex && state[at] == 0) {
        state[at] = 1;
        at = data_.sources[at].via;
      }
      if (at != kNoIndex && state[at] == 1) Fail(Cat("source '", data_.sources[at].id, "' relays itself via a cycle"));
      for (at = s; at != kNoIndex && state[at] == 1; at = data_.sources[at].via) state[at] = 2;
    }
  }

  // The distinct citation locators, by number, as GraphData::InternLocator keeps them.
  void ReadLocators() {
    ReserveMapped(data_.locators, Count(kLocators));
    auto locator_of = [this](uint32_t index) { return data_.locators[index]; };
    data_.locator_ids.Reserve(Count(kLocators), locator_of);
    ForEachRecord(kLocators, [&](Record record, size_t i) {
      std::string_view locator = String(record.U32(0), "locator");
      if (locator.empty()) Fail(Cat("locator ", i, " is empty"));
      data_.locators.push_back(locator);
      if (data_.locator_ids.Insert(static_cast<uint32_t>(i), locator_of) != kNoIndex) {
        Fail(Cat("locator '", locator, "' appears twice"));
      }
    });
  }

  void ReadStatements() {
    const Schema& schema = *data_.schema;
    ReserveMapped(data_.statements, Count(kStatements));
    std::vector<uint8_t> range_kinds;
    for (uint32_t p = 0; p < Count(kPredicates); ++p) {
      range_kinds.push_back(static_cast<uint8_t>(schema.predicate(p).range_kind));
    }
    ForEachRecord(kStatements, [&](Record record, size_t) {
      internal::StatementRecord& statement = data_.statements.emplace_back();  // filled in place
      std::string_view id = String(record.U32(0), "statement id");
      if (id.size() > internal::ShortView::kMaxSize) [[unlikely]] FailTooLong("statement id", id.size());
      statement.id = id;
      statement.subject = record.U32(4);
      CheckIndex(statement.subject, data_.entities.size(), "subject");
      statement.predicate = record.U32(8);
      CheckIndex(statement.predicate, Count(kPredicates), "predicate");
      uint32_t value = record.U32(12);
      statement.valid = {Time(record.U32(16), "valid"), Time(record.U32(20), "valid")};
      statement.period = Time(record.U32(24), "period");
      statement.citations = CheckShortRange(record.U32(28), record.U32(32), Count(kCitations), "citations");
      statement.qualifiers = CheckShortRange(record.U32(36), record.U32(40), Count(kQualifiers), "qualifiers");
      uint8_t kind = record.U8(44);
      // The value must be of the predicate's range: the graph's readers rely on it (and then it
      // is one of the kinds below).
      if (kind != range_kinds[statement.predicate]) [[unlikely]] {
        Fail(Cat("statement '", statement.id, "': value kind ", int{kind}, " does not fit its predicate"));
      }
      switch (static_cast<ValueKind>(kind)) {
        case ValueKind::kObject:
          CheckIndex(value, data_.entities.size(), "object");
          statement.value = internal::ObjectRef{value};
          break;
        case ValueKind::kQuantity:
          CheckIndex(value, Count(kQuantities), "quantity");
          statement.value = internal::QuantityRef{value};
          break;
        case ValueKind::kText:
          CheckIndex(value, Count(kTexts), "text");
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
      CheckIndex(record.U8(45), kModalityCount, "modality");
      statement.modality = static_cast<Modality>(record.U8(45));
      statement.confidence = record.F64(48);
    });
  }

  void ReadIdTables() {
    std::vector<uint64_t> seeds;
    ReadColumn<uint64_t, uint64_t>(kIdSeeds, seeds);
    if (seeds.size() != 3) Fail(Cat("id tables: ", seeds.size(), " seeds for 3 tables"));
    int table = kSourceIdTags;
    size_t seed = 0;
    for (auto [ids, count] : {std::pair(&data_.source_ids, data_.sources.size()),
                              std::pair(&data_.entity_ids, data_.entities.size()),
                              std::pair(&data_.statement_ids, data_.statements.size())}) {
      std::vector<uint8_t> tags;
      std::vector<uint32_t> records;
      ReadColumn<uint8_t, uint8_t>(static_cast<Section>(table++), tags);
      ReadColumn(static_cast<Section>(table++), records);
      absl::Status restored = ids->Restore(seeds[seed++], std::move(tags), std::move(records), count);
      if (!restored.ok()) Fail(Cat(kSections[table - 2].tag, ": ", restored.message()));
    }
  }

  void ReadIndexes() {
    ReadAdjacency();
    ReadTimeIndexes();
    ReadIdTables();
    ReadNameIndex(kNames, data_.names, &data_.sorted_names);
    ReadNameIndex(kIdentifiers, data_.identifiers, nullptr);
  }

  // A name index: its keys (in `sorted` too, when given) and the entities of each.
  void ReadNameIndex(Section keys_section, internal::StringViewMap<absl::InlinedVector<EntityIndex, 1>>& index,
                     std::vector<std::string_view>* sorted) {
    std::string_view what = kSections[keys_section].tag;
    std::vector<uint32_t> keys = Words(keys_section);
    std::vector<uint32_t> offsets, entities;
    ReadColumn(static_cast<Section>(keys_section + 1), offsets);
    ReadColumn(static_cast<Section>(keys_section + 2), entities);
    CheckOffsets(offsets, keys.size(), entities.size(), what);
    CheckNumbers(entities, [](uint32_t entity) { return entity; }, data_.entities.size(), what);
    index.reserve(keys.size());
    if (sorted != nullptr) sorted->reserve(keys.size());
    // The map's buckets are scattered over megabytes: each key's are prefetched a few keys ahead,
    // so that their cache misses overlap.
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i + kAhead < keys.size() && keys[i + kAhead] < StringCount()) index.prefetch(String(keys[i + kAhead], what));
      std::string_view key = String(keys[i], what);
      auto [found, added] = index.try_emplace(key, entities.begin() + offsets[i], entities.begin() + offsets[i + 1]);
      if (!added) Fail(Cat(what, ": '", key, "' appears twice"));
      if (sorted != nullptr) sorted->push_back(key);
    }
  }

  // A compressed-sparse-row array of offsets: `rows` + 1 of them, from 0 up to `size`.
  void CheckOffsets(const std::vector<uint32_t>& offsets, size_t rows, size_t size, std::string_view what) {
    if (offsets.size() != rows + 1 || offsets[0] != 0 || offsets.back() != size) {
      Fail(Cat(what, ": ", offsets.size(), " offsets for ", rows, " rows of ", size));
    }
    for (size_t i = 1; i < offsets.size(); ++i) {
      if (offsets[i] < offsets[i - 1]) Fail(Cat(what, ": offset ", i, " goes back"));
    }
  }
  template <typename T, typename Number>
  void CheckNumbers(const std::vector<T>& items, Number number, size_t size, std::string_view what) {
    for (const T& item : items) CheckIndex(number(item), size, what);
  }

  // The value statements by subject, and the Boost adjacency of entity-to-entity statements, as
  // its arrays (Boost's compressed_sparse_row_graph keeps them public for this kind of use).
  void ReadAdjacency() {
    size_t entity_count = data_.entities.size(), statement_count = data_.statements.size();
    auto itself = [](uint32_t number) { return number; };
    ReadColumn(kValueOffsets, data_.value_offsets);
    ReadColumn(kValueStatements, data_.value_statements);
    CheckOffsets(data_.value_offsets, entity_count, data_.value_statements.size(), "value index");
    CheckNumbers(data_.value_statements, itself, statement_count, "value index statement");

    auto& out = data_.edges.m_forward;
    auto& in = data_.edges.m_backward;
    static_assert(sizeof(internal::EdgeProperties) == 4);
    ReadColumn(kOutOffsets, out.m_rowstart);
    ReadColumn(kOutTargets, out.m_column);
    ReadColumn(kOutStatements, out.m_edge_properties);
    ReadColumn(kInOffsets, in.m_rowstart);
    ReadColumn(kInSources, in.m_column);
    ReadColumn(kInEdges, in.m_edge_properties);
    size_t edge_count = out.m_column.size();
    CheckOffsets(out.m_rowstart, entity_count, edge_count, "adjacency");
    CheckOffsets(in.m_rowstart, entity_count, edge_count, "reverse adjacency");
    if (out.m_edge_properties.size() != edge_count || in.m_column.size() != edge_count ||
        in.m_edge_properties.size() != edge_count) {
      Fail(Cat("adjacency: the edge arrays differ in length"));
    }
    CheckNumbers(out.m_column, itself, entity_count, "adjacency target");
    CheckNumbers(out.m_edge_properties, [](internal::EdgeProperties edge) { return edge.statement; }, statement_count,
                 "adjacency statement");
    CheckNumbers(in.m_column, itself, entity_count, "reverse adjacency source");
    CheckNumbers(in.m_edge_properties, itself, edge_count, "reverse adjacency edge");
    data_.edge_count = edge_count;
  }

  void ReadIntervalIndex(Section nodes_section, internal::IntervalIndex& index) {
    std::vector<internal::IntervalIndex::Node> nodes;
    std::vector<internal::IntervalIndex::Interval> intervals;
    std::vector<uint32_t> run_offsets, ids, by_end;
    static_assert(sizeof(internal::IntervalIndex::Node) == 20 && sizeof(internal::IntervalIndex::Interval) == 8);
    ReadColumn(nodes_section, nodes);
    ReadColumn(static_cast<Section>(nodes_section + 1), intervals);
    ReadColumn(static_cast<Section>(nodes_section + 2), run_offsets);
    ReadColumn(static_cast<Section>(nodes_section + 3), ids);
    ReadColumn(static_cast<Section>(nodes_section + 4), by_end);
    absl::Status restored = index.Restore(std::move(nodes), std::move(intervals), std::move(run_offsets),
                                          std::move(ids), std::move(by_end), data_.statements.size());
    if (!restored.ok()) Fail(std::string(restored.message()));
  }

  void ReadTimeIndexes() {
    size_t statement_count = data_.statements.size();
    ReadIntervalIndex(kValidNodes, data_.valid_index);
    std::vector<int32_t> point_days;
    std::vector<uint32_t> point_runs, point_ids;
    ReadColumn(kValidPointDays, point_days);
    ReadColumn(kValidPointRuns, point_runs);
    ReadColumn(kValidPointIds, point_ids);
    // The point index lists distinct intervals of the valid-time index, read just before.
    const auto interval_count = static_cast<uint32_t>(data_.valid_index.intervals().size());
    absl::Status restored = data_.valid_points.Restore(std::move(point_days), std::move(point_runs),
                                                       std::move(point_ids), interval_count);
    if (!restored.ok()) Fail(std::string(restored.message()));
    ReadIntervalIndex(kDateNodes, data_.date_value_index);
    ReadColumn(kUndated, data_.undated);
    CheckNumbers(data_.undated, [](uint32_t number) { return number; }, statement_count, "undated statement");
  }

  Graph& graph_;
  FileReader& file_;
  const std::filesystem::path& path_;
  uint32_t expected_crc_ = 0;
  uint32_t reserved_ = 0;
  std::array<SectionInfo, kSectionCount> sections_;
  GraphData data_;
  std::vector<uint32_t> meta_;
  // String i is string_bytes_[string_offsets_[i], string_offsets_[i + 1]): a 0 before STRE's ends.
  // Offsets of 32 bits, unless the text is 4 GiB or more: then they are wide_string_offsets_.
  std::vector<uint32_t> string_offsets_;
  std::vector<uint64_t> wide_string_offsets_;
  size_t string_count_ = 0;
  char* string_bytes_ = nullptr;
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
  absl::StatusOr<FileReader> file = FileReader::Open(path);
  if (!file.ok()) return file.status();
  std::vector<Diagnostic> problems;
  SnapshotLoader(graph, *file, path).Load(problems);
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
