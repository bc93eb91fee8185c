#include "internal/transaction.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

#include "internal/cat.h"
#include "absl/strings/str_join.h"
#include "internal/bytes.h"
#include "internal/check.h"
#include "internal/id_index.h"
#include "internal/json_input.h"

namespace aikg::internal {
namespace {

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool HasOuterSpace(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  return !text.empty() && (space(text.front()) || space(text.back()));
}

// NaN-aware equality: an absent bound equals an absent bound.
bool SameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

std::string TypeList(const Schema& schema, const std::vector<TypeId>& types) {
  return absl::StrJoin(types, ", ", [&](std::string* out, TypeId id) { out->append(schema.type(id).name); });
}

// "a Company", "an Organization".
std::string WithArticle(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("AEIOUaeiou").find(noun[0]) != std::string_view::npos;
  return Cat(vowel ? "an " : "a ", noun);
}

std::string_view ValueKindOf(const StatementValue& value) {
  switch (value.index()) {
    case 1: return "an entity";
    case 2: return "a quantity";
    case 3: return "a text";
    case 4: return "a date";
    case 5: return "a boolean";
    default: return "nothing";
  }
}

std::string_view RangeArticle(RangeKind kind) {
  switch (kind) {
    case RangeKind::kEntity: return "an entity (give 'object')";
    case RangeKind::kQuantity: return "a quantity value";
    case RangeKind::kText: return "a text value";
    case RangeKind::kDate: return "a date value";
    case RangeKind::kBoolean: return "a boolean value";
  }
  return "a value";
}

}  // namespace

std::string_view ItemArrayName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kSource: return "sources";
    case ItemKind::kEntity: return "entities";
    case ItemKind::kStatement: return "statements";
  }
  return "items";
}

struct Transaction::Mark {
  size_t sources, entities, statements;
  size_t aliases, attributes, citations, locators, qualifiers, quantities, quantity_bounds, texts;
  StringStore::Mark strings;

  static Mark Of(const GraphData& data) {
    return {data.sources.size(),    data.entities.size(),   data.statements.size(),
            data.aliases.size(),    data.attributes.size(), data.citations.size(),
            data.locators.size(),   data.qualifiers.size(), data.quantities.size(),
            data.quantity_bounds.size(), data.texts.size(),
            data.strings.mark()};
  }

  // After a batch that at least doubled a vector, gives back the capacity its growth left unused
  // (up to half of it, when it grew by doubling): what a large load keeps. After a smaller batch
  // the slack stays, so that many batches still grow geometrically; a shrink copies at most
  // twice what its batch added.
  void ShrinkGrown(GraphData& data) const {
    auto shrink = [](auto& vector, size_t before) {
      if (vector.size() >= 2 * before && vector.capacity() - vector.size() > vector.size() / 16) vector.shrink_to_fit();
    };
    shrink(data.sources, sources);
    shrink(data.entities, entities);
    shrink(data.statements, statements);
    shrink(data.aliases, aliases);
    shrink(data.attributes, attributes);
    shrink(data.citations, citations);
    shrink(data.locators, locators);
    shrink(data.qualifiers, qualifiers);
    shrink(data.quantities, quantities);
    shrink(data.quantity_bounds, quantity_bounds);
    shrink(data.texts, texts);
  }

  // Forgets everything added to `data` after this mark, ids included.
  void RollBack(GraphData& data) const {
    for (size_t i = sources; i < data.sources.size(); ++i) data.source_ids.Erase(i, data.source_id_of());
    for (size_t i = entities; i < data.entities.size(); ++i) data.entity_ids.Erase(i, data.entity_id_of());
    for (size_t i = statements; i < data.statements.size(); ++i) {
      data.statement_ids.Erase(i, data.statement_id_of());
    }
    data.sources.resize(sources);
    data.entities.resize(entities);
    data.statements.resize(statements);
    data.aliases.resize(aliases);
    data.attributes.resize(attributes);
    data.citations.resize(citations);
    data.ForgetLocators(locators);
    data.qualifiers.resize(qualifiers);
    data.quantities.resize(quantities);
    data.quantity_bounds.resize(quantity_bounds);
    data.texts.resize(texts);
    data.strings.Rollback(strings);
  }
};

// The ids of one kind of record (entities or sources), copied into a table that answers a lookup
// with one memory access: a 32-byte slot holds the record's number, a 16-bit value the caller
// needs of the record (an entity's type) and, up to 25 bytes, its id.
// The graph's IdIndex reads its bucket, then the record, then the id's bytes: three more
// dependent misses, which made the references of a million statements (their subjects, objects
// and sources) the largest cost of a load. Built for a long run of statements, when it pays for
// itself many times over; it holds a few tens of bytes per record while the run lasts.
class Transaction::IdTable {
 public:
  // What a lookup finds: the record's number (kNoIndex: none) and its value.
  struct Found {
    uint32_t record = kNoIndex;
    uint16_t value = 0;
  };

  // A table of records [0, count), `id_of(i)` giving the (non-empty, distinct) id of record i
  // and `value_of(i)` its value.
  template <typename IdOf, typename ValueOf>
  IdTable(size_t count, IdOf id_of, ValueOf value_of) {
    size_t buckets = 64;
    while (buckets < 2 * count) buckets *= 2;  // at most half full: probes stay short
    slots_.resize(buckets);
    mask_ = buckets - 1;
    for (uint32_t record = 0; record < count; ++record) {
      std::string_view id = id_of(record);
      size_t at = Hash(id) & mask_;
      while (slots_[at].record != kNoIndex) at = (at + 1) & mask_;
      Slot& slot = slots_[at];
      slot.record = record;
      slot.value = value_of(record);
      if (id.size() <= kInline) {
        slot.length = static_cast<uint8_t>(id.size());
        std::memcpy(slot.id, id.data(), id.size());
      } else {
        slot.length = kLong;
      }
    }
  }

  // The hash of `id` (the graph's id hash, with this process's seed).
  static uint64_t Hash(std::string_view id) { return HashId(id, ProcessHashSeed()); }

  // Starts loading the slot where a lookup of an id of hash `hash` begins.
  void Prefetch(uint64_t hash) const { PrefetchLine(&slots_[hash & mask_]); }

  // The record whose id is `id` (of hash `hash`), if any.
  template <typename IdOf>
  Found Find(std::string_view id, uint64_t hash, IdOf id_of) const {
    for (size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (slot.record == kNoIndex) return {};
      if (id.size() <= kInline ? slot.length == id.size() && SameBytes(slot.id, id.data(), id.size())
                               : slot.length == kLong && SameLongId(id_of(slot.record), id)) {
        return {slot.record, slot.value};
      }
    }
  }

 private:
  static constexpr size_t kInline = 25;
  static constexpr uint8_t kLong = 0xFF;  // the id is longer than kInline: read it from the record

  static_assert(sizeof(TypeId) <= sizeof(uint16_t), "an entity's type must fit a slot's value");

  static bool SameLongId(std::string_view a, std::string_view b) {
    return a.size() == b.size() && SameBytes(a.data(), b.data(), a.size());
  }

  struct alignas(32) Slot {
    uint32_t record = kNoIndex;
    uint16_t value = 0;
    uint8_t length = 0;
    char id[kInline];
  };
  static_assert(sizeof(Slot) == 32);

  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

template <typename Record, typename IdOf, typename Difference>
bool Transaction::Insert(ItemKind kind, std::string_view id, uint64_t id_hash, Origin origin, const Mark& item,
                         Record&& record, std::vector<Record>& records, IdIndex& ids, IdOf id_of,
                         Difference difference) {
  // One probe: the record goes in first (the index reads ids from the records), and is given
  // back with the item if the id is taken.
  record.id = data_.strings.Copy(id);
  records.push_back(std::move(record));
  uint32_t existing = ids.Insert(static_cast<uint32_t>(records.size() - 1), id_hash, id_of);
  if (existing != kNoIndex) {
    std::string_view different = difference(records.back(), records[existing]);
    records.pop_back();
    ReportRedefinition(kind, id, existing, origin, different);
    item.RollBack(data_);
    return false;
  }
  added_[static_cast<int>(kind)].origins.push_back(origin);
  return true;
}

Transaction::Transaction(GraphData& data, std::shared_ptr<const Schema> schema, std::vector<std::string> file_names)
    : data_(data),
      schema_(std::move(schema)),
      file_names_(std::move(file_names)),
      start_(std::make_unique<Mark>(Mark::Of(data))) {
  AIKG_CHECK(schema_ != nullptr);
}

namespace {

// Room for `more` elements; at least doubling unless `exact`, so that many small batches still
// grow geometrically.
template <typename Vector>
void ReserveMore(Vector& vector, size_t more, bool exact) {
  if (vector.capacity() - vector.size() >= more) return;
  vector.reserve(exact ? vector.size() + more : std::max(vector.size() + more, 2 * vector.capacity()));
}

}  // namespace

void Transaction::Reserve(ItemKind kind, size_t count, bool exact) {
  ReserveMore(added_[static_cast<int>(kind)].origins, count, exact);
  switch (kind) {
    case ItemKind::kSource:
      ReserveMore(data_.sources, count, exact);
      data_.source_ids.Reserve(data_.source_ids.size() + count, data_.source_id_of());
      break;
    case ItemKind::kEntity:
      ReserveMore(data_.entities, count, exact);
      data_.entity_ids.Reserve(data_.entity_ids.size() + count, data_.entity_id_of());
      break;
    case ItemKind::kStatement:
      ReserveMore(data_.statements, count, exact);
      data_.statement_ids.Reserve(data_.statement_ids.size() + count, data_.statement_id_of());
      // An estimate also sizes the statements' shared vectors, at the rate the batch's statements
      // so far filled them: none then grows by doubling, leaving up to half of it unused.
      if (size_t taken = data_.statements.size() - start_->statements; exact && taken > 0) {
        auto in_proportion = [&](auto& vector, size_t before) {
          ReserveMore(vector, (vector.size() - before) * count / taken, /*exact=*/true);
        };
        in_proportion(data_.citations, start_->citations);
        in_proportion(data_.qualifiers, start_->qualifiers);
        in_proportion(data_.quantities, start_->quantities);
        in_proportion(data_.quantity_bounds, start_->quantity_bounds);
        in_proportion(data_.texts, start_->texts);
      }
      break;
  }
}

Transaction::~Transaction() {
  if (committed_) return;
  for (auto it = amended_.rbegin(); it != amended_.rend(); ++it) data_.entities[it->first].attributes = it->second;
  start_->RollBack(data_);
}

void Transaction::AddIdentifier(EntityIndex entity, std::string_view identifier, std::string_view value,
                                Origin origin) {
  std::string field = Cat("/attributes/", EscapePointerToken(identifier));
  if (schema_->FindIdentifier(identifier) == nullptr) {
    Report(ItemKind::kEntity, origin, field, Cat(Quoted(identifier), " is not an identifier of the schema"));
    return;
  }
  if (IsBlank(value)) {
    Report(ItemKind::kEntity, origin, field, "an identifier must not be empty");
    return;
  }
  EntityRecord& record = data_.entities[entity];
  for (const Attribute& attribute : data_.AttributesOf(record)) {
    if (attribute.name != identifier) continue;
    const auto* known = std::get_if<std::string_view>(&attribute.value);
    if (known == nullptr || *known != value) {
      Report(ItemKind::kEntity, origin, field,
             Cat("entity ", Quoted(record.id), " already has ", identifier, " ", Quoted(known ? *known : ""), ", not ",
                 Quoted(value)));
    }
    return;
  }
  amended_.emplace_back(entity, record.attributes);
  Range attributes{static_cast<uint32_t>(data_.attributes.size()), record.attributes.count + 1};
  // Copied first: push_back may move the vector the span points into.
  std::vector<Attribute> copy(data_.AttributesOf(record).begin(), data_.AttributesOf(record).end());
  for (const Attribute& attribute : copy) data_.attributes.push_back(attribute);
  data_.attributes.push_back({data_.strings.Intern(identifier), data_.strings.Copy(value)});
  record.attributes = attributes;
}

void Transaction::Report(ItemKind kind, Origin origin, std::string field, std::string message) {
  problems_.push_back({kind, origin, std::move(field), std::move(message)});
}

bool Transaction::CheckId(ItemKind kind, std::string_view id, Origin origin) {
  if (IsBlank(id)) {
    Report(kind, origin, "/id", "id must not be empty");
    return false;
  }
  if (HasOuterSpace(id)) {
    Report(kind, origin, "/id", Cat("id ", Quoted(id), " has leading or trailing white space"));
    return false;
  }
  // Statements keep their ids in a ShortView.
  if (id.size() > ShortView::kMaxSize) {
    Report(kind, origin, "/id", Cat("id ", Quoted(id), " is longer than ", ShortView::kMaxSize, " bytes"));
    return false;
  }
  return true;
}

const Origin* Transaction::AddedOrigin(ItemKind kind, uint32_t index) const {
  size_t first = kind == ItemKind::kSource ? start_->sources
                 : kind == ItemKind::kEntity ? start_->entities
                                             : start_->statements;
  const std::vector<Origin>& origins = added_[static_cast<int>(kind)].origins;
  if (index < first || index - first >= origins.size()) return nullptr;
  return &origins[index - first];
}

std::string Transaction::Describe(ItemKind kind, uint32_t index) const {
  const Origin* origin = AddedOrigin(kind, index);
  if (origin == nullptr) return "the graph before this load";
  return Cat(file_names_[origin->file], " at /", ItemArrayName(kind), "/", origin->index);
}

void Transaction::ReportRedefinition(ItemKind kind, std::string_view id, uint32_t existing, Origin origin,
                                     std::string_view difference) {
  const Origin* first = AddedOrigin(kind, existing);
  std::string_view singular = kind == ItemKind::kSource ? "source" : kind == ItemKind::kEntity ? "entity" : "statement";
  if (first != nullptr && first->file == origin.file) {
    Report(kind, origin, "/id",
           Cat("duplicate ", singular, " id ", Quoted(id), " (first defined at /", ItemArrayName(kind), "/",
                        first->index, ")"));
    return;
  }
  if (difference.empty()) return;  // the same definition seen twice: merged
  Report(kind, origin, "/id",
         Cat(singular, " ", Quoted(id), " clashes with its definition in ", Describe(kind, existing), ": different ",
             difference));
}

void Transaction::AddSource(const SourceInput& input, Origin origin) {
  ForgetIdTables();
  if (!CheckId(ItemKind::kSource, input.id, origin)) return;
  if (input.published.is_fiscal()) {
    Report(ItemKind::kSource, origin, "/published", "a publication date is a calendar date, not a fiscal period");
    return;
  }
  Mark item = Mark::Of(data_);
  SourceRecord record;
  record.kind = input.kind;
  record.publisher = data_.strings.Copy(input.publisher);
  record.author = data_.strings.Copy(input.author);
  record.title = data_.strings.Copy(input.title);
  record.language = data_.strings.Intern(input.language);
  record.url = data_.strings.Copy(input.url);
  record.published = input.published;

  // Relays are compared by id: the old one may still be pending in this batch.
  auto via_of = [&](SourceIndex index) {
    std::string_view via = data_.sources[index].via != kNoIndex ? data_.sources[data_.sources[index].via].id
                                                                 : std::string_view();
    // pending_vias_ is in source order (each source is appended, then its via): a binary search.
    auto pending = std::lower_bound(pending_vias_.begin(), pending_vias_.end(), index,
                                    [](const PendingVia& p, SourceIndex i) { return p.source < i; });
    if (pending != pending_vias_.end() && pending->source == index) via = pending->via;
    return via;
  };
  SourceIndex index = static_cast<SourceIndex>(data_.sources.size());
  bool added = Insert(ItemKind::kSource, input.id, data_.source_ids.HashOf(input.id), origin, item, std::move(record),
                      data_.sources, data_.source_ids,
                      data_.source_id_of(), [&](const SourceRecord& a, const SourceRecord& b) -> std::string_view {
                        std::string_view difference = SourceDifference(a, b);
                        if (difference.empty() && via_of(data_.FindSource(input.id)) != input.via) return "via";
                        return difference;
                      });
  if (added && !input.via.empty()) pending_vias_.push_back({index, data_.strings.Copy(input.via), origin});
}

void Transaction::ResolveSources() {
  for (const PendingVia& pending : pending_vias_) {
    SourceIndex via = data_.FindSource(pending.via);
    if (via == kNoIndex) {
      Report(ItemKind::kSource, pending.origin, "/via", Cat("unknown source ", Quoted(pending.via)));
      continue;
    }
    data_.sources[pending.source].via = via;
  }
  // A relay chain must end. Each source is walked once, its outcome shared by every source whose
  // chain runs through it: N sources each relaying the next take O(N), not O(N²).
  enum class Chain : uint8_t { kUnknown, kWalking, kEnds, kCycles };
  std::vector<Chain> chain(data_.sources.size(), Chain::kUnknown);
  std::vector<SourceIndex> path;
  for (const PendingVia& pending : pending_vias_) {
    SourceIndex at = pending.source;
    while (at != kNoIndex && chain[at] == Chain::kUnknown) {
      chain[at] = Chain::kWalking;
      path.push_back(at);
      at = data_.sources[at].via;
    }
    Chain outcome = at == kNoIndex ? Chain::kEnds : chain[at] == Chain::kWalking ? Chain::kCycles : chain[at];
    for (SourceIndex walked : path) chain[walked] = outcome;
    path.clear();
    if (chain[pending.source] == Chain::kCycles) {
      Report(ItemKind::kSource, pending.origin, "/via",
             Cat("source ", Quoted(data_.sources[pending.source].id), " relays itself through its 'via' chain"));
    }
  }
  pending_vias_.clear();
}

void Transaction::AddEntity(const EntityInput& input, Origin origin) {
  ForgetIdTables();
  const Schema& schema = *schema_;
  bool valid = CheckId(ItemKind::kEntity, input.id, origin);
  std::optional<TypeId> type = schema.FindType(input.type);
  if (!type) {
    Report(ItemKind::kEntity, origin, "/type", Cat("unknown entity type ", Quoted(input.type)));
    valid = false;
  }
  if (IsBlank(input.name)) {
    Report(ItemKind::kEntity, origin, "/name", "name must not be empty");
    valid = false;
  }
  for (size_t i = 0; i < input.aliases.size(); ++i) {
    if (IsBlank(input.aliases[i].name)) {
      Report(ItemKind::kEntity, origin, Cat("/aliases/", i, "/name"), "alias must not be empty");
      valid = false;
    }
  }

  Mark item = Mark::Of(data_);
  EntityRecord record;
  record.aliases.begin = static_cast<uint32_t>(data_.aliases.size());
  for (const Alias& alias : input.aliases) {
    data_.aliases.push_back({data_.strings.Copy(alias.name), data_.strings.Intern(alias.lang)});
  }
  record.aliases.count = static_cast<uint32_t>(input.aliases.size());

  record.attributes.begin = static_cast<uint32_t>(data_.attributes.size());
  for (const Attribute& attribute : input.attributes) {
    std::string field = Cat("/attributes/", EscapePointerToken(attribute.name));
    const AttributeDecl* decl = type ? schema.FindAttribute(*type, attribute.name) : nullptr;
    if (type && decl == nullptr) {
      Report(ItemKind::kEntity, origin, field,
             Cat("type ", Quoted(input.type), " has no attribute ", Quoted(attribute.name)));
      valid = false;
      continue;
    }
    if (decl == nullptr) continue;
    // Coerce to the declared kind: JSON gives integers for whole numbers and strings for dates.
    std::optional<AttributeValue> value;
    const AttributeValue& given = attribute.value;
    switch (decl->kind) {
      case AttributeKind::kText:
        if (auto* text = std::get_if<std::string_view>(&given)) value = data_.strings.Copy(*text);
        break;
      case AttributeKind::kNumber:
        if (auto* number = std::get_if<double>(&given)) value = *number;
        if (auto* integer = std::get_if<int64_t>(&given)) value = static_cast<double>(*integer);
        break;
      case AttributeKind::kInteger:
        if (auto* integer = std::get_if<int64_t>(&given)) value = *integer;
        break;
      case AttributeKind::kBoolean:
        if (auto* boolean = std::get_if<bool>(&given)) value = *boolean;
        break;
      case AttributeKind::kDate:
        if (auto* date = std::get_if<TimePoint>(&given)) value = *date;
        if (auto* text = std::get_if<std::string_view>(&given)) {
          absl::StatusOr<TimePoint> parsed = TimePoint::Parse(*text);
          if (parsed.ok() && parsed->is_fiscal()) {
            parsed = absl::InvalidArgumentError("fiscal periods belong in statements, not in attributes");
          }
          if (!parsed.ok()) {
            Report(ItemKind::kEntity, origin, field, std::string(parsed.status().message()));
            valid = false;
            continue;
          }
          value = *parsed;
        }
        break;
    }
    if (!value) {
      Report(ItemKind::kEntity, origin, field,
             Cat("attribute ", Quoted(attribute.name), " must be of kind ", AttributeKindName(decl->kind)));
      valid = false;
      continue;
    }
    data_.attributes.push_back({data_.strings.Intern(attribute.name), *value});
  }
  record.attributes.count = static_cast<uint32_t>(data_.attributes.size() - record.attributes.begin);
  if (!valid) {
    item.RollBack(data_);
    return;
  }
  record.type = *type;
  record.name = data_.strings.Copy(input.name);
  record.description = data_.strings.Copy(input.description);

  Insert(ItemKind::kEntity, input.id, data_.entity_ids.HashOf(input.id), origin, item, std::move(record), data_.entities,
         data_.entity_ids, data_.entity_id_of(),
         [&](const EntityRecord& a, const EntityRecord& b) { return EntityDifference(a, b); });
}

void Transaction::ForgetIdTables() {
  entity_table_.reset();
  source_table_.reset();
  statements_without_tables_ = 0;
}

Transaction::ReferenceHashes Transaction::PrefetchStatement(const StatementInput& input) const {
  ReferenceHashes hashes;
  hashes.statement = data_.statement_ids.HashOf(input.id);
  data_.statement_ids.Prefetch(hashes.statement);
  if (entity_table_ == nullptr) return hashes;  // no tables yet: AddStatement may build them
  hashes.made = true;
  hashes.subject = IdTable::Hash(input.subject);
  entity_table_->Prefetch(hashes.subject);
  if (const EntityId* object = std::get_if<EntityId>(&input.value)) {
    hashes.object = IdTable::Hash(object->id);
    entity_table_->Prefetch(hashes.object);
  }
  for (size_t i = 0; i < std::min(kPrefetchedCitations, input.sources.size()); ++i) {
    hashes.sources[i] = IdTable::Hash(input.sources[i].source);
    source_table_->Prefetch(hashes.sources[i]);
  }
  return hashes;
}

void Transaction::AddStatement(const StatementInput& input, Origin origin, const ReferenceHashes* prefetched) {
  const Schema& schema = *schema_;
  // A long run of statements resolves its references through id tables: built once the run has
  // as many statements as a quarter of the entities and sources, so at most four records are
  // copied per statement.
  if (entity_table_ == nullptr &&
      ++statements_without_tables_ >= std::max<size_t>(1024, (data_.entities.size() + data_.sources.size()) / 4)) {
    entity_table_ = std::make_unique<IdTable>(data_.entities.size(), data_.entity_id_of(),
                                              [this](EntityIndex e) { return data_.entities[e].type; });
    source_table_ = std::make_unique<IdTable>(data_.sources.size(), data_.source_id_of(),
                                              [](SourceIndex) -> uint16_t { return 0; });
  }
  const EntityId* object_id = std::get_if<EntityId>(&input.value);
  ReferenceHashes hashes;
  if (prefetched != nullptr && prefetched->made) {
    hashes = *prefetched;
  } else {
    // The slots of the lookups below start loading together, rather than one miss after another.
    hashes = PrefetchStatement(input);
  }
  uint64_t subject_hash = hashes.subject, object_hash = hashes.object;
  const uint64_t* source_hashes = hashes.sources;
  // An entity and its type, read from the table when there is one (not from the record: another miss).
  auto find_entity = [&](std::string_view id, uint64_t hash) -> IdTable::Found {
    if (entity_table_ != nullptr) return entity_table_->Find(id, hash, data_.entity_id_of());
    EntityIndex found = data_.FindEntity(id);
    if (found == kNoIndex) return {};
    return {found, data_.entities[found].type};
  };
  auto find_source = [&](size_t i) {
    std::string_view id = input.sources[i].source;
    if (source_table_ == nullptr) return data_.FindSource(id);
    return source_table_->Find(id, i < kPrefetchedCitations ? source_hashes[i] : IdTable::Hash(id), data_.source_id_of()).record;
  };
  auto report = [&](std::string field, std::string message) {
    Report(ItemKind::kStatement, origin, std::move(field), std::move(message));
  };
  bool valid = CheckId(ItemKind::kStatement, input.id, origin);

  std::optional<EntityIndex> subject;
  TypeId subject_type = 0;
  if (IdTable::Found found = find_entity(input.subject, subject_hash); found.record != kNoIndex) {
    subject = found.record;
    subject_type = found.value;
  } else {
    report("/subject", Cat("unknown entity ", Quoted(input.subject)));
    valid = false;
  }
  std::optional<PredicateId> predicate_id = predicates_.Find(
      input.predicate, [&](std::string_view name) { return schema.FindPredicate(name); },
      [&](PredicateId id) -> std::string_view { return schema.predicate(id).name; });
  if (!predicate_id) {
    report("/predicate", Cat("unknown predicate ", Quoted(input.predicate)));
    valid = false;
  }
  const Predicate* predicate = predicate_id ? &schema.predicate(*predicate_id) : nullptr;
  if (predicate && subject) {
    if (!type_checks_.Allows(schema, *predicate_id, subject_type, /*as_object=*/false)) {
      report("/subject", Cat("subject ", Quoted(input.subject), " is ", WithArticle(schema.type(subject_type).name),
                                      ", but predicate ", Quoted(predicate->name), " applies to ",
                                      TypeList(schema, predicate->domain)));
      valid = false;
    }
  }

  Mark item = Mark::Of(data_);
  StatementRecord record;
  bool value_ok = true;
  if (std::holds_alternative<std::monostate>(input.value)) {
    report("/value", "statement needs an 'object' or a 'value'");
    value_ok = false;
  } else if (predicate) {
    bool is_object = std::holds_alternative<EntityId>(input.value);
    std::string field = is_object ? "/object" : "/value";
    RangeKind given = static_cast<RangeKind>(input.value.index() - 1);
    if (given != predicate->range_kind) {
      report(field, Cat("predicate ", Quoted(predicate->name), " takes ", RangeArticle(predicate->range_kind),
                                 ", not ", ValueKindOf(input.value)));
      value_ok = false;
    } else if (const EntityId* object = object_id) {
      auto [found, object_type] = find_entity(object->id, object_hash);
      if (found == kNoIndex) {
        report(field, Cat("unknown entity ", Quoted(object->id)));
        value_ok = false;
      } else {
        if (!type_checks_.Allows(schema, *predicate_id, object_type, /*as_object=*/true)) {
          report(field, Cat("object ", Quoted(object->id), " is ", WithArticle(schema.type(object_type).name),
                                     ", but predicate ", Quoted(predicate->name), " links to ",
                                     TypeList(schema, predicate->range)));
          value_ok = false;
        }
        record.value = ObjectRef{found};
      }
    } else if (const Quantity* quantity = std::get_if<Quantity>(&input.value)) {
      std::optional<UnitId> unit = units_.Find(
          quantity->unit, [&](std::string_view name) { return schema.FindUnit(name); },
          [&](UnitId id) -> std::string_view { return schema.unit(id).name; });
      if (!unit) {
        report("/value/unit", Cat("unknown unit ", Quoted(quantity->unit)));
        value_ok = false;
      } else if (!schema.AllowsUnit(*predicate_id, *unit)) {
        report("/value/unit",
               Cat("unit ", Quoted(quantity->unit), " is not allowed for predicate '", predicate->name,
                            "' (allowed: ",
                            absl::StrJoin(predicate->units, ", ",
                                          [&](std::string* out, UnitId id) { out->append(schema.unit(id).name); }),
                            ")"));
        value_ok = false;
      }
      if (!std::isfinite(quantity->amount)) {
        report("/value/amount", "amount must be a finite number");
        value_ok = false;
      }
      if (quantity->lower && !(*quantity->lower <= quantity->amount)) {
        report("/value/lower", "lower bound must not exceed the amount");
        value_ok = false;
      }
      if (quantity->upper && !(*quantity->upper >= quantity->amount)) {
        report("/value/upper", "upper bound must not be below the amount");
        value_ok = false;
      }
      if (value_ok) {
        record.value = QuantityRef{data_.AddQuantity(
            quantity->amount, *unit, quantity->bound,
            {quantity->lower.value_or(kNoNumber), quantity->upper.value_or(kNoNumber)})};
      }
    } else if (const Text* text = std::get_if<Text>(&input.value)) {
      record.value = TextRef{static_cast<uint32_t>(data_.texts.size())};
      data_.texts.push_back({data_.strings.Copy(text->text), data_.strings.Intern(text->lang)});
    } else if (const TimePoint* date = std::get_if<TimePoint>(&input.value)) {
      if (!date->is_set()) {
        report("/value/date", "date must be set");
        value_ok = false;
      }
      record.value = *date;
    } else {
      record.value = std::get<bool>(input.value);
    }
  }
  valid = valid && value_ok;

  // Fiscal periods are placed on the calendar by the subject's fiscal_year_start attribute.
  // Returns false after reporting a fiscal point that cannot be resolved.
  auto resolve = [&](TimePoint& point, std::string_view field) {
    if (!point.is_fiscal() || point.fiscal_year_start() != 0) return true;
    if (!subject) return false;  // the unknown subject is reported already
    const int64_t* month = nullptr;
    for (const Attribute& attribute : data_.AttributesOf(data_.entities[*subject])) {
      if (attribute.name == "fiscal_year_start") month = std::get_if<int64_t>(&attribute.value);
    }
    if (month == nullptr) {
      report(std::string(field), Cat("fiscal period ", Quoted(point.ToString()),
                                     " needs the fiscal_year_start attribute of ", Quoted(input.subject)));
      return false;
    }
    // Range-checked before narrowing: 4294967299 must not pass as month 3.
    absl::StatusOr<TimePoint> resolved =
        *month >= 1 && *month <= 12
            ? point.ResolveFiscal(static_cast<int>(*month))
            : absl::InvalidArgumentError(Cat("a fiscal year starts in a month from 1 to 12, not ", *month));
    if (!resolved.ok()) {
      report(std::string(field), std::string(resolved.status().message()));
      return false;
    }
    point = *resolved;
    return true;
  };
  ValidTime valid_time = input.valid;
  bool times_ok = true;
  bool point = valid_time.is_point();  // a point cannot end before it starts
  if (point) {
    times_ok = resolve(valid_time.from, "/valid");
    valid_time.to = valid_time.from;
  } else {
    times_ok = resolve(valid_time.from, "/valid/from") && times_ok;
    times_ok = resolve(valid_time.to, "/valid/to") && times_ok;
  }
  TimePoint period = input.period;
  times_ok = resolve(period, "/period") && times_ok;
  valid = valid && times_ok;
  if (times_ok && !point && valid_time.from.is_set() && valid_time.to.is_set() &&
      valid_time.from.first_day_number() > valid_time.to.last_day_number()) {
    report("/valid", Cat("valid time ends (", valid_time.to.ToString(), ") before it starts (",
                         valid_time.from.ToString(), ")"));
    valid = false;
  }
  if (input.confidence && !(*input.confidence >= 0 && *input.confidence <= 1)) {
    report("/confidence", "confidence must be between 0 and 1");
    valid = false;
  }
  if (input.sources.empty()) {
    report("/sources", "a statement needs at least one source");
    valid = false;
  }
  // The record counts its citations and qualifiers in 16 bits.
  if (input.sources.size() > ShortRange::kMaxCount) {
    report("/sources", Cat("a statement cites at most ", ShortRange::kMaxCount, " sources, not ", input.sources.size()));
    valid = false;
  }
  if (input.qualifiers.size() > ShortRange::kMaxCount) {
    report("/qualifiers",
           Cat("a statement has at most ", ShortRange::kMaxCount, " qualifiers, not ", input.qualifiers.size()));
    valid = false;
  }
  record.citations.begin = static_cast<uint32_t>(data_.citations.size());
  for (size_t i = 0; i < input.sources.size(); ++i) {
    SourceIndex found = find_source(i);
    if (found == kNoIndex) {
      report(Cat("/sources/", i, "/source"), Cat("unknown source ", Quoted(input.sources[i].source)));
      valid = false;
      continue;
    }
    uint32_t locator = *locators_.Find(
        input.sources[i].locator,
        [&](std::string_view name) -> std::optional<uint32_t> { return data_.InternLocator(name); },
        [&](uint32_t number) { return number < data_.locators.size() ? data_.locators[number] : std::string_view(); });
    data_.citations.push_back({found, locator});
  }
  record.citations.count = static_cast<uint16_t>(data_.citations.size() - record.citations.begin);
  record.qualifiers.begin = static_cast<uint32_t>(data_.qualifiers.size());
  for (const Qualifier& qualifier : input.qualifiers) {
    if (IsBlank(qualifier.key)) {
      report("/qualifiers", "qualifier keys must not be empty");
      valid = false;
    }
    data_.qualifiers.push_back({data_.strings.Intern(qualifier.key), data_.strings.Intern(qualifier.value)});
  }
  record.qualifiers.count = static_cast<uint16_t>(input.qualifiers.size());
  if (!valid) {
    item.RollBack(data_);
    return;
  }
  record.subject = *subject;
  record.predicate = *predicate_id;
  record.valid = valid_time;
  record.period = period;
  record.modality = input.modality;
  record.confidence = input.confidence.value_or(kNoNumber);

  Insert(ItemKind::kStatement, input.id, hashes.statement, origin, item, std::move(record), data_.statements,
         data_.statement_ids,
         data_.statement_id_of(), [&](const StatementRecord& a, const StatementRecord& b) { return StatementDifference(a, b); });
}

std::string_view Transaction::SourceDifference(const SourceRecord& a, const SourceRecord& b) const {
  if (a.kind != b.kind) return "kind";
  if (a.publisher != b.publisher) return "publisher";
  if (a.author != b.author) return "author";
  if (a.title != b.title) return "title";
  if (a.language != b.language) return "language";
  if (a.published != b.published) return "published";
  if (a.url != b.url) return "url";
  return {};
}

std::string_view Transaction::EntityDifference(const EntityRecord& a, const EntityRecord& b) const {
  if (a.type != b.type) return "type";
  if (a.name != b.name) return "name";
  if (a.description != b.description) return "description";
  auto aliases_a = data_.AliasesOf(a), aliases_b = data_.AliasesOf(b);
  if (!std::equal(aliases_a.begin(), aliases_a.end(), aliases_b.begin(), aliases_b.end())) return "aliases";
  auto attributes_a = data_.AttributesOf(a), attributes_b = data_.AttributesOf(b);
  if (!std::equal(attributes_a.begin(), attributes_a.end(), attributes_b.begin(), attributes_b.end())) {
    return "attributes";
  }
  return {};
}

std::string_view Transaction::StatementDifference(const StatementRecord& a, const StatementRecord& b) const {
  if (a.subject != b.subject) return "subject";
  if (a.predicate != b.predicate) return "predicate";
  if (a.value.index() != b.value.index()) return "value";
  bool same_value = std::visit(
      [&](const auto& value_a) {
        using T = std::decay_t<decltype(value_a)>;
        const T& value_b = std::get<T>(b.value);
        if constexpr (std::is_same_v<T, QuantityRef>) {
          const QuantityRecord& x = data_.quantities[value_a.index];
          const QuantityRecord& y = data_.quantities[value_b.index];
          QuantityBounds x_bounds = data_.BoundsOf(x), y_bounds = data_.BoundsOf(y);
          return x.amount == y.amount && x.unit == y.unit && x.bound == y.bound &&
                 SameNumber(x_bounds.lower, y_bounds.lower) && SameNumber(x_bounds.upper, y_bounds.upper);
        } else if constexpr (std::is_same_v<T, TextRef>) {
          return data_.texts[value_a.index] == data_.texts[value_b.index];
        } else {
          return value_a == value_b;
        }
      },
      a.value);
  if (!same_value) return "value";
  if (a.valid != b.valid) return "valid time";
  if (a.period != b.period) return "period";
  if (a.modality != b.modality) return "modality";
  if (!SameNumber(a.confidence, b.confidence)) return "confidence";
  auto citations_a = data_.CitationsOf(a), citations_b = data_.CitationsOf(b);
  if (!std::equal(citations_a.begin(), citations_a.end(), citations_b.begin(), citations_b.end())) return "sources";
  auto qualifiers_a = data_.QualifiersOf(a), qualifiers_b = data_.QualifiersOf(b);
  if (!std::equal(qualifiers_a.begin(), qualifiers_a.end(), qualifiers_b.begin(), qualifiers_b.end())) {
    return "qualifiers";
  }
  return {};
}

void Transaction::Commit() {
  AIKG_CHECK(problems_.empty());
  AIKG_CHECK(pending_vias_.empty());
  if (data_.schema == nullptr) data_.schema = schema_;
  ForgetIdTables();
  start_->ShrinkGrown(data_);
  data_.IndexNames(static_cast<EntityIndex>(start_->entities));
  for (const auto& [entity, before] : amended_) data_.IndexIdentifiers(entity);
  data_.RebuildIndexes();
  committed_ = true;
}

}  // namespace aikg::internal
