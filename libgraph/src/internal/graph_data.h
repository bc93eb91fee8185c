// The storage behind aikg::Graph: compact records in append-only vectors, hash indexes on ids
// and folded names, and a Boost.Graph compressed-sparse-row adjacency over entity-to-entity
// statements, rebuilt when a batch commits.
//
// Records keep their variable-length parts (aliases, citations, ...) as ranges into shared vectors
// and their strings in `strings`, so a statement costs a fixed 72 bytes plus its id; the id tables
// hold record numbers. docs/benchmarks.md ("Compact storage") has the totals by container.

#ifndef AIKG_INTERNAL_GRAPH_DATA_H_
#define AIKG_INTERNAL_GRAPH_DATA_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "aikg/graph.h"
#include "aikg/model.h"
#include "aikg/schema.h"
#include "aikg/time.h"
#include "internal/check.h"
#include "internal/id_index.h"
#include "internal/interval_index.h"
#include "internal/neighbor_lists.h"
#include "internal/strings.h"

namespace aikg::internal {

inline constexpr uint32_t kNoIndex = std::numeric_limits<uint32_t>::max();
static_assert(kNoIndex == IdIndex::kAbsent);
inline constexpr double kNoNumber = std::numeric_limits<double>::quiet_NaN();

// A [begin, begin + count) range into one of GraphData's shared vectors.
struct Range {
  uint32_t begin = 0;
  uint32_t count = 0;
};

// The same with at most kMaxCount elements, in 6 bytes (packed: read its fields by value), for
// the two ranges of every statement: with them a StatementRecord takes 72 bytes, not 80.
struct [[gnu::packed]] ShortRange {
  static constexpr uint32_t kMaxCount = 0xFFFF;
  uint32_t begin = 0;
  uint16_t count = 0;
};

struct SourceRecord {
  std::string_view id;
  std::string_view publisher;
  std::string_view author;
  std::string_view title;
  std::string_view language;
  std::string_view url;
  TimePoint published;
  SourceIndex via = kNoIndex;
  SourceKind kind = SourceKind::kOther;
};

struct EntityRecord {
  std::string_view id;
  std::string_view name;
  std::string_view description;
  Range aliases;
  Range attributes;
  TypeId type = 0;
};

// The bounds of a quantity, an absent one as NaN.
struct QuantityBounds {
  double lower = kNoNumber;
  double upper = kNoNumber;
};

// A quantity as stored: unit by id, bounds by number in GraphData::quantity_bounds (kNoIndex:
// neither), 16 bytes where the bounds inline took 32: every quantity statement has its record,
// few quantities have a bound (6 % of the benchmarks' synthetic ones). Read the bounds through
// GraphData::BoundsOf.
struct QuantityRecord {
  double amount;
  uint32_t bounds;
  UnitId unit;
  Bound bound;
};
static_assert(sizeof(QuantityRecord) == 16);

// A citation as stored: the locator as a number in GraphData::locators (kNoIndex: none), 8 bytes
// where the public Citation, with a string_view, takes 24. Locators repeat ("p. 4", "headline").
struct CitationRecord {
  SourceIndex source;
  uint32_t locator;
  friend bool operator==(const CitationRecord&, const CitationRecord&) = default;
};

// The object or value of a statement; the distinct wrapper types keep the alternatives apart.
struct ObjectRef {
  EntityIndex entity;
  friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};
struct QuantityRef {
  uint32_t index;  // into GraphData::quantities
};
struct TextRef {
  uint32_t index;  // into GraphData::texts
};
using StoredValue = std::variant<ObjectRef, QuantityRef, TextRef, TimePoint, bool>;

// Fields ordered to leave no padding: 72 bytes, a million of them per 10^6 statements.
struct StatementRecord {
  ShortView id;
  ValidTime valid;
  StoredValue value;
  TimePoint period;
  EntityIndex subject = 0;
  double confidence = kNoNumber;
  ShortRange citations;
  ShortRange qualifiers;
  PredicateId predicate = 0;
  Modality modality = Modality::kReported;
};
static_assert(sizeof(StatementRecord) <= 72);

// The adjacency of entity-to-entity statements: vertex = EntityIndex, edge = the statement.
struct EdgeProperties {
  StatementIndex statement;
};
using EdgeGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeProperties,
                                                     boost::no_property, uint32_t, uint32_t>;

struct GraphData {
  std::shared_ptr<const Schema> schema;
  StringStore strings;

  std::vector<SourceRecord> sources;
  std::vector<EntityRecord> entities;
  std::vector<StatementRecord> statements;

  // Shared storage for the records' ranges and values.
  std::vector<Alias> aliases;
  std::vector<Attribute> attributes;
  std::vector<CitationRecord> citations;
  // The distinct citation locators (stored in `strings`) by number, and their index.
  std::vector<std::string_view> locators;
  IdIndex locator_ids;
  std::vector<Qualifier> qualifiers;
  std::vector<QuantityRecord> quantities;
  std::vector<QuantityBounds> quantity_bounds;  // of the quantities with a lower or upper bound
  std::vector<Text> texts;

  // The records by id (the ids stay in the records: see IdIndex). Look up with FindSource, ...;
  // change with the id_of functions below.
  IdIndex source_ids;
  IdIndex entity_ids;
  IdIndex statement_ids;
  // Folded name or alias (stored in `strings`) → entities carrying it (see FoldForLookup),
  // and the same folded names sorted, for prefix and fuzzy search.
  StringViewMap<absl::InlinedVector<EntityIndex, 1>> names;
  std::vector<std::string_view> sorted_names;
  // External identifier value ("Q95", of any identifier the schema declares) → entities.
  StringViewMap<absl::InlinedVector<EntityIndex, 1>> identifiers;

  // Rebuilt by RebuildIndexes() after each committed batch.
  EdgeGraph edges;
  size_t edge_count = 0;
  // Value statements by subject, in CSR form: those of entity e are
  // value_statements[value_offsets[e] .. value_offsets[e + 1]).
  std::vector<uint32_t> value_offsets;
  std::vector<StatementIndex> value_statements;
  // Statements by the days their valid time may cover (open ends reach the calendar's ends);
  // those without a valid time whose value is a date on the calendar (a release, an
  // announcement), by the days of that date, where timelines place them; and the others, with
  // neither, in statement order.
  IntervalIndex valid_index;
  // The statements whose valid time is a point ("2025-Q2"), by the first day it may cover:
  // valid at D means started by D for them (see View), which the interval index alone cannot
  // answer. It lists the distinct intervals of points of `valid_index` (positions in its
  // intervals()), whose runs hold the statements: a few thousand numbers, not one per statement.
  // Day numbers count from 1970-01-01 as in the index.
  StartIndex valid_points;
  IntervalIndex date_value_index;
  std::vector<StatementIndex> undated;
  // Distinct neighbours as plain arrays, built on first use; cleared by RebuildIndexes.
  NeighborListCache neighbor_lists;

  // Rebuilds `edges`, the value index and the time indexes from the statements.
  // O(V + E + S log S).
  void RebuildIndexes();
  // Adds the folded name and aliases of entities [first, end) to `names` and `sorted_names`,
  // and their external identifiers to `identifiers`.
  void IndexNames(EntityIndex first);
  // Adds the external identifiers of `entity` that `identifiers` lacks.
  void IndexIdentifiers(EntityIndex entity);

  // The id of a record by number, for the IdIndex calls.
  auto source_id_of() const {
    return [this](SourceIndex index) { return sources[index].id; };
  }
  auto entity_id_of() const {
    return [this](EntityIndex index) { return entities[index].id; };
  }
  auto statement_id_of() const {
    return [this](StatementIndex index) { return statements[index].id.view(); };
  }
  // The record with id `id`, or kNoIndex. O(1) expected.
  SourceIndex FindSource(std::string_view id) const { return source_ids.Find(id, source_id_of()); }
  EntityIndex FindEntity(std::string_view id) const { return entity_ids.Find(id, entity_id_of()); }
  StatementIndex FindStatement(std::string_view id) const { return statement_ids.Find(id, statement_id_of()); }

  // Record accessors that resolve ranges.
  absl::Span<const Alias> AliasesOf(const EntityRecord& entity) const {
    return absl::MakeConstSpan(aliases).subspan(entity.aliases.begin, entity.aliases.count);
  }
  absl::Span<const Attribute> AttributesOf(const EntityRecord& entity) const {
    return absl::MakeConstSpan(attributes).subspan(entity.attributes.begin, entity.attributes.count);
  }
  CitationList CitationsOf(const StatementRecord& statement) const {
    return CitationList(this, statement.citations.begin, statement.citations.count);
  }
  Citation CitationOf(const CitationRecord& citation) const {
    return {citation.source, citation.locator == kNoIndex ? std::string_view() : locators[citation.locator]};
  }
  // The number of `locator` in `locators`, added (copied into `strings`) when new; kNoIndex for
  // the empty locator.
  uint32_t InternLocator(std::string_view locator) {
    if (locator.empty()) return kNoIndex;
    auto locator_of = [this](uint32_t index) { return locators[index]; };
    uint32_t found = locator_ids.Find(locator, locator_of);
    if (found != kNoIndex) return found;
    locators.push_back(strings.Copy(locator));
    locator_ids.Insert(static_cast<uint32_t>(locators.size() - 1), locator_of);
    return static_cast<uint32_t>(locators.size() - 1);
  }
  // Forgets the locators from number `first` on (a failed batch's).
  void ForgetLocators(size_t first) {
    auto locator_of = [this](uint32_t index) { return locators[index]; };
    for (size_t i = first; i < locators.size(); ++i) locator_ids.Erase(static_cast<uint32_t>(i), locator_of);
    locators.resize(first);
  }
  absl::Span<const Qualifier> QualifiersOf(const StatementRecord& statement) const {
    return absl::MakeConstSpan(qualifiers).subspan(statement.qualifiers.begin, statement.qualifiers.count);
  }
  // The first day each source may have been published: its own date, or failing that its
  // relay's (a relay publishes no earlier than what it relays); nullopt when none is dated.
  std::vector<std::optional<absl::CivilDay>> KnownSince() const;
  // For every source, `own(s)` when it is set, else what its `via` resolves to (nullopt at a
  // chain's end). Each source is walked once, so N sources each relaying the next take O(N), not
  // O(N²). Relay chains of a graph end (the transaction refuses cycles).
  template <typename T, typename Own>
  std::vector<std::optional<T>> AlongRelayChains(Own own) const {
    std::vector<std::optional<T>> resolved(sources.size());
    std::vector<bool> done(sources.size(), false);
    std::vector<SourceIndex> path;  // the sources walked to reach a resolved one, all resolved alike
    for (SourceIndex s = 0; s < sources.size(); ++s) {
      SourceIndex at = s;
      while (at != kNoIndex && !done[at]) {
        if (std::optional<T> value = own(at)) {
          resolved[at] = std::move(value);
          done[at] = true;
          break;
        }
        path.push_back(at);
        AIKG_CHECK(path.size() <= sources.size());  // a cycle: the transaction let one through
        at = sources[at].via;
      }
      std::optional<T> value = at != kNoIndex ? resolved[at] : std::nullopt;
      for (SourceIndex walked : path) {
        resolved[walked] = value;
        done[walked] = true;
      }
      path.clear();
    }
    return resolved;
  }
  // The bounds of a stored quantity, both NaN when it has none.
  QuantityBounds BoundsOf(const QuantityRecord& record) const {
    return record.bounds == kNoIndex ? QuantityBounds() : quantity_bounds[record.bounds];
  }
  // Appends a quantity, its bounds to `quantity_bounds` when it has any; returns its number.
  uint32_t AddQuantity(double amount, UnitId unit, Bound bound, QuantityBounds bounds) {
    uint32_t bounds_index = kNoIndex;
    if (!std::isnan(bounds.lower) || !std::isnan(bounds.upper)) {
      bounds_index = static_cast<uint32_t>(quantity_bounds.size());
      quantity_bounds.push_back(bounds);
    }
    quantities.push_back({amount, bounds_index, unit, bound});
    return static_cast<uint32_t>(quantities.size() - 1);
  }
  // The public form of a stored quantity (unit name from the schema).
  Quantity QuantityOf(const QuantityRecord& record) const;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_GRAPH_DATA_H_
