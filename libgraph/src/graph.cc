#include "aikg/graph.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/range/iterator_range.hpp>

#include "internal/cat.h"
#include "aikg/text.h"
#include "internal/graph_data.h"
#include "internal/transaction.h"

namespace aikg {

namespace internal {
namespace {

// The first and last day numbers of time points, remembered in a small direct-mapped table:
// statements repeat their valid times ("2024", "2025-Q2"), and working a point's days out takes
// calendar conversions that were a tenth of a rebuild.
class DayCache {
 public:
  DayCache() : entries_(size_t{1} << kSlotBits) {}

  // {point.first_day_number(), point.last_day_number()}.
  std::pair<int32_t, int32_t> DaysOf(const TimePoint& point) {
    // Equal bytes are equal points (the fields fill the 8 bytes), so the bytes serve as the key.
    static_assert(sizeof(TimePoint) == sizeof(uint64_t) && std::is_trivially_copyable_v<TimePoint>);
    uint64_t key;
    std::memcpy(&key, &point, sizeof key);
    Entry& entry = entries_[(key * 0x9E3779B97F4A7C15ull) >> (64 - kSlotBits)];
    if (!entry.filled || entry.key != key) entry = {key, true, point.first_day_number(), point.last_day_number()};
    return {entry.first, entry.last};
  }

 private:
  static constexpr int kSlotBits = 12;
  struct Entry {
    uint64_t key = 0;
    bool filled = false;
    int32_t first = 0, last = 0;
  };
  std::vector<Entry> entries_;
};

}  // namespace

void GraphData::RebuildIndexes() {
  // An open end, as a day number (days since 1970-01-01, as TimePoint's day numbers count).
  constexpr absl::CivilDay kEpoch(1970, 1, 1);
  const auto kNoStart = static_cast<int32_t>(absl::CivilDay(1, 1, 1) - kEpoch);
  const auto kNoEnd = static_cast<int32_t>(absl::CivilDay(9999, 12, 31) - kEpoch);

  // One pass over the statements gathers what every index is built from: they are many and
  // large (72 bytes each), and were read three times.
  std::vector<std::pair<uint32_t, uint32_t>> edge_ends;
  std::vector<EdgeProperties> edge_statements;
  std::vector<std::pair<EntityIndex, StatementIndex>> value_subjects;  // of the value statements
  std::vector<uint32_t> value_counts(entities.size() + 1, 0);
  std::vector<DayInterval> spans, date_values;
  DayCache days;
  spans.reserve(statements.size());  // most statements have a valid time
  undated.clear();
  for (StatementIndex i = 0; i < statements.size(); ++i) {
    const StatementRecord& statement = statements[i];
    if (const ObjectRef* object = std::get_if<ObjectRef>(&statement.value)) {
      edge_ends.emplace_back(statement.subject, object->entity);
      edge_statements.push_back({i});
    } else {
      ++value_counts[statement.subject + 1];
      value_subjects.emplace_back(statement.subject, i);
    }
    const ValidTime& valid = statement.valid;
    if (!valid.is_set()) {
      // A fiscal date value is not placed on the calendar (only valid times and periods are
      // resolved against the subject's fiscal year): it has no days.
      const auto* date = std::get_if<TimePoint>(&statement.value);
      if (date != nullptr && !(date->is_fiscal() && date->fiscal_year_start() == 0)) {
        auto [first, last] = days.DaysOf(*date);
        date_values.push_back({first, last, i});
      } else {
        undated.push_back(i);
      }
      continue;
    }
    int32_t first = valid.from.is_set() ? days.DaysOf(valid.from).first : kNoStart;
    int32_t last = valid.to.is_set() ? days.DaysOf(valid.to).second : kNoEnd;
    spans.push_back({first, last, i, valid.is_point()});
  }

  // The multi-pass constructor counting-sorts by source, keeping each vertex's edges in
  // statement order.
  edges = EdgeGraph(boost::edges_are_unsorted_multi_pass, edge_ends.begin(), edge_ends.end(),
                    edge_statements.begin(), static_cast<uint32_t>(entities.size()));
  edge_count = edge_ends.size();
  edge_ends = {};
  edge_statements = {};
  neighbor_lists.Clear();

  value_offsets.assign(entities.size() + 1, 0);
  for (size_t e = 0; e < entities.size(); ++e) value_offsets[e + 1] = value_offsets[e] + value_counts[e + 1];
  value_statements.resize(value_offsets.back());
  std::vector<uint32_t>& next = value_counts;  // where each subject's next value statement goes
  std::copy(value_offsets.begin(), value_offsets.end() - 1, next.begin());
  for (const auto& [subject, statement] : value_subjects) value_statements[next[subject]++] = statement;
  value_subjects = {};

  std::vector<DayStart> points;  // the distinct intervals of points, by position in valid_index
  valid_index = IntervalIndex(spans, &points);
  spans = {};
  valid_points = StartIndex(std::move(points));
  date_value_index = IntervalIndex(date_values);
}

namespace {

// Sorts distinct names as std::sort would, comparing their first 8 bytes as a number first: most
// comparisons end there, rather than in a call to memcmp (a large load sorts a name per entity).
void SortNames(std::vector<std::string_view>::iterator begin, std::vector<std::string_view>::iterator end) {
  // Bytes as unsigned, as string_view compares them; a name shorter than 8 bytes is padded with
  // zeros, which orders it before the names it begins, as it should be (equal keys compare whole).
  auto prefix = [](std::string_view name) {
    uint64_t key = 0;
    for (size_t i = 0; i < 8; ++i) key = key << 8 | (i < name.size() ? static_cast<uint8_t>(name[i]) : 0u);
    return key;
  };
  std::vector<std::pair<uint64_t, std::string_view>> keyed;
  keyed.reserve(end - begin);
  for (auto name = begin; name != end; ++name) keyed.emplace_back(prefix(*name), *name);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  });
  for (const auto& [key, name] : keyed) *begin++ = name;
}

}  // namespace

void GraphData::IndexNames(EntityIndex first) {
  size_t known = sorted_names.size();
  for (EntityIndex e = first; e < entities.size(); ++e) {
    auto add = [&](std::string_view name) {
      std::string folded = FoldForLookup(name);
      auto found = names.find(folded);
      if (found == names.end()) {
        std::string_view stored = strings.Copy(folded);
        found = names.emplace(stored, absl::InlinedVector<EntityIndex, 1>()).first;
        sorted_names.push_back(stored);
      }
      if (found->second.empty() || found->second.back() != e) found->second.push_back(e);
    };
    add(entities[e].name);
    for (const Alias& alias : AliasesOf(entities[e])) add(alias.name);
    IndexIdentifiers(e);
  }
  SortNames(sorted_names.begin() + known, sorted_names.end());
  std::inplace_merge(sorted_names.begin(), sorted_names.begin() + known, sorted_names.end());
}

void GraphData::IndexIdentifiers(EntityIndex entity) {
  for (const Attribute& attribute : AttributesOf(entities[entity])) {
    const auto* value = std::get_if<std::string_view>(&attribute.value);
    if (value == nullptr || schema->FindIdentifier(attribute.name) == nullptr) continue;
    absl::InlinedVector<EntityIndex, 1>& known = identifiers[*value];
    if (std::find(known.begin(), known.end(), entity) == known.end()) known.push_back(entity);
  }
}

std::vector<std::optional<absl::CivilDay>> GraphData::KnownSince() const {
  return AlongRelayChains<absl::CivilDay>([&](SourceIndex s) -> std::optional<absl::CivilDay> {
    if (!sources[s].published.is_set()) return std::nullopt;
    return sources[s].published.first_day();
  });
}

Quantity GraphData::QuantityOf(const QuantityRecord& record) const {
  Quantity quantity;
  quantity.amount = record.amount;
  quantity.unit = schema->unit(record.unit).name;
  quantity.bound = record.bound;
  QuantityBounds bounds = BoundsOf(record);
  if (!std::isnan(bounds.lower)) quantity.lower = bounds.lower;
  if (!std::isnan(bounds.upper)) quantity.upper = bounds.upper;
  return quantity;
}

}  // namespace internal

// Entity ---------------------------------------------------------------------------------------

std::string_view Entity::id() const { return data_->entities[index_].id; }
TypeId Entity::type() const { return data_->entities[index_].type; }
std::string_view Entity::type_name() const { return data_->schema->type(type()).name; }
std::string_view Entity::name() const { return data_->entities[index_].name; }
std::string_view Entity::description() const { return data_->entities[index_].description; }
absl::Span<const Alias> Entity::aliases() const { return data_->AliasesOf(data_->entities[index_]); }
absl::Span<const Attribute> Entity::attributes() const { return data_->AttributesOf(data_->entities[index_]); }

std::optional<AttributeValue> Entity::attribute(std::string_view name) const {
  for (const Attribute& attribute : attributes()) {
    if (attribute.name == name) return attribute.value;
  }
  return std::nullopt;
}

// Source ---------------------------------------------------------------------------------------

std::string_view Source::id() const { return data_->sources[index_].id; }
SourceKind Source::kind() const { return data_->sources[index_].kind; }
std::string_view Source::publisher() const { return data_->sources[index_].publisher; }
std::string_view Source::author() const { return data_->sources[index_].author; }
std::string_view Source::title() const { return data_->sources[index_].title; }
std::string_view Source::language() const { return data_->sources[index_].language; }
TimePoint Source::published() const { return data_->sources[index_].published; }
std::string_view Source::url() const { return data_->sources[index_].url; }

std::optional<Source> Source::via() const {
  SourceIndex via = data_->sources[index_].via;
  if (via == internal::kNoIndex) return std::nullopt;
  return Source(data_, via);
}

// Statement ------------------------------------------------------------------------------------

std::string_view Statement::id() const { return data_->statements[index_].id; }
Entity Statement::subject() const { return Entity(data_, data_->statements[index_].subject); }
PredicateId Statement::predicate() const { return data_->statements[index_].predicate; }
std::string_view Statement::predicate_name() const { return data_->schema->predicate(predicate()).name; }
RangeKind Statement::kind() const { return data_->schema->predicate(predicate()).range_kind; }

std::optional<Entity> Statement::object() const {
  const auto* object = std::get_if<internal::ObjectRef>(&data_->statements[index_].value);
  if (object == nullptr) return std::nullopt;
  return Entity(data_, object->entity);
}

std::optional<Quantity> Statement::quantity() const {
  const auto* ref = std::get_if<internal::QuantityRef>(&data_->statements[index_].value);
  if (ref == nullptr) return std::nullopt;
  return data_->QuantityOf(data_->quantities[ref->index]);
}

std::optional<Text> Statement::text() const {
  const auto* ref = std::get_if<internal::TextRef>(&data_->statements[index_].value);
  if (ref == nullptr) return std::nullopt;
  return data_->texts[ref->index];
}

std::optional<TimePoint> Statement::date() const {
  const auto* date = std::get_if<TimePoint>(&data_->statements[index_].value);
  if (date == nullptr) return std::nullopt;
  return *date;
}

std::optional<bool> Statement::boolean() const {
  const auto* boolean = std::get_if<bool>(&data_->statements[index_].value);
  if (boolean == nullptr) return std::nullopt;
  return *boolean;
}

ValidTime Statement::valid() const { return data_->statements[index_].valid; }
TimePoint Statement::period() const { return data_->statements[index_].period; }
Modality Statement::modality() const { return data_->statements[index_].modality; }
CitationList Statement::citations() const { return data_->CitationsOf(data_->statements[index_]); }

Citation CitationList::At(const internal::GraphData* data, uint32_t position) {
  return data->CitationOf(data->citations[position]);
}
absl::Span<const Qualifier> Statement::qualifiers() const { return data_->QualifiersOf(data_->statements[index_]); }

std::optional<double> Statement::confidence() const {
  double confidence = data_->statements[index_].confidence;
  if (std::isnan(confidence)) return std::nullopt;
  return confidence;
}

// Graph ----------------------------------------------------------------------------------------

Graph::Graph() : data_(std::make_unique<internal::GraphData>()) {}

Graph::Graph(std::shared_ptr<const Schema> schema) : Graph() { data_->schema = std::move(schema); }

Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;
Graph::~Graph() = default;

const Schema* Graph::schema() const { return data_->schema.get(); }
std::shared_ptr<const Schema> Graph::shared_schema() const { return data_->schema; }

size_t Graph::entity_count() const { return data_->entities.size(); }
size_t Graph::source_count() const { return data_->sources.size(); }
size_t Graph::statement_count() const { return data_->statements.size(); }
size_t Graph::edge_count() const { return data_->edge_count; }

std::optional<Entity> Graph::FindEntity(std::string_view id) const {
  uint32_t found = data_->FindEntity(id);
  if (found == internal::kNoIndex) return std::nullopt;
  return entity(found);
}

std::optional<Source> Graph::FindSource(std::string_view id) const {
  uint32_t found = data_->FindSource(id);
  if (found == internal::kNoIndex) return std::nullopt;
  return source(found);
}

std::optional<Statement> Graph::FindStatement(std::string_view id) const {
  uint32_t found = data_->FindStatement(id);
  if (found == internal::kNoIndex) return std::nullopt;
  return statement(found);
}

std::vector<Entity> Graph::FindByName(std::string_view name) const {
  std::vector<Entity> matches;
  auto found = data_->names.find(FoldForLookup(name));
  if (found == data_->names.end()) return matches;
  for (EntityIndex index : found->second) matches.push_back(entity(index));
  return matches;
}

std::vector<Statement> Graph::StatementsAbout(EntityIndex index) const {
  std::vector<Statement> about;
  if (index >= data_->entities.size()) return about;
  for (auto edge : boost::make_iterator_range(boost::out_edges(index, data_->edges))) {
    about.push_back(statement(data_->edges[edge].statement));
  }
  for (uint32_t i = data_->value_offsets[index]; i < data_->value_offsets[index + 1]; ++i) {
    about.push_back(statement(data_->value_statements[i]));
  }
  std::sort(about.begin(), about.end(), [](const Statement& a, const Statement& b) { return a.index() < b.index(); });
  return about;
}

std::vector<Statement> Graph::StatementsPointingTo(EntityIndex index) const {
  std::vector<Statement> pointing;
  if (index >= data_->entities.size()) return pointing;
  for (auto edge : boost::make_iterator_range(boost::in_edges(index, data_->edges))) {
    pointing.push_back(statement(data_->edges[edge].statement));
  }
  std::sort(pointing.begin(), pointing.end(),
            [](const Statement& a, const Statement& b) { return a.index() < b.index(); });
  return pointing;
}

absl::Status Graph::Apply(const ChangeSet& changes, std::vector<Diagnostic>* diagnostics) {
  if (data_->schema == nullptr) return absl::FailedPreconditionError("the graph has no schema");
  internal::Transaction transaction(*data_, data_->schema, {"<changes>"});
  for (uint32_t i = 0; i < changes.sources.size(); ++i) transaction.AddSource(changes.sources[i], {0, i});
  transaction.ResolveSources();
  for (uint32_t i = 0; i < changes.entities.size(); ++i) transaction.AddEntity(changes.entities[i], {0, i});
  for (uint32_t i = 0; i < changes.statements.size(); ++i) transaction.AddStatement(changes.statements[i], {0, i});

  std::vector<Diagnostic> found;
  for (const internal::Problem& problem : transaction.problems()) {
    Diagnostic diagnostic;
    diagnostic.file = "<changes>";
    diagnostic.json_pointer =
        internal::Cat("/", internal::ItemArrayName(problem.kind), "/", problem.origin.index, problem.field);
    diagnostic.message = problem.message;
    found.push_back(std::move(diagnostic));
  }
  if (found.empty()) transaction.Commit();
  absl::Status status = DiagnosticsToStatus(found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return status;
}

}  // namespace aikg
