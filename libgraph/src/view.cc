#include "aikg/view.h"

#include <algorithm>
#include <bit>
#include <deque>
#include <utility>

#include <boost/range/iterator_range.hpp>

#include "absl/container/flat_hash_set.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::GraphData;

// For a dated statement (undated ones follow Filter::include_undated).
bool ValidAt(const ValidTime& valid, absl::CivilDay day) {
  if (valid.from.is_set() && valid.from.first_day() > day) return false;
  if (valid.to.is_set() && !valid.is_point() && valid.to.last_day() < day) return false;
  // A point with no `to` has started by `day`; an interval without `from` may always have.
  return valid.from.is_set() || valid.to.is_set();
}

// The days a valid time may cover; open ends reach the ends of the calendar.
std::pair<absl::CivilDay, absl::CivilDay> Span(const ValidTime& valid) {
  return {valid.from.is_set() ? valid.from.first_day() : absl::CivilDay(1, 1, 1),
          valid.to.is_set() ? valid.to.last_day() : absl::CivilDay(9999, 12, 31)};
}

bool Overlaps(const ValidTime& valid, const ValidTime& window) {
  auto [from, to] = Span(valid);
  auto [window_from, window_to] = Span(window);
  return from <= window_to && window_from <= to;
}

}  // namespace

BitSet::BitSet(size_t size, bool value) : words_((size + 63) / 64, value ? ~uint64_t{0} : 0), size_(size) {
  if (value && size % 64 != 0) words_.back() = (uint64_t{1} << (size % 64)) - 1;
}

size_t BitSet::count() const {
  size_t total = 0;
  for (uint64_t word : words_) total += std::popcount(word);
  return total;
}

void BitSet::Intersect(const BitSet& other) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
}

View::View(const Graph& graph)
    : graph_(&graph), entities_(graph.entity_count(), true), statements_(graph.statement_count(), true) {}

absl::StatusOr<View> View::Of(const Graph& graph, const Filter& filter) { return View(graph).Filtered(filter); }

absl::StatusOr<View> View::Filtered(const Filter& filter) const {
  const GraphData& data = graph_->data();
  if (data.schema == nullptr) return *this;
  const Schema& schema = *data.schema;
  View view = *this;

  if (!filter.entity_types.empty()) {
    std::vector<TypeId> types;
    for (const std::string& name : filter.entity_types) {
      std::optional<TypeId> type = schema.FindType(name);
      if (!type) return absl::InvalidArgumentError(Cat("unknown entity type '", name, "'"));
      types.push_back(*type);
    }
    for (EntityIndex e = 0; e < view.entities_.size(); ++e) {
      if (view.entities_.test(e) && !schema.IsAnyOf(data.entities[e].type, types)) view.entities_.reset(e);
    }
  }
  if (!filter.entity_ids.empty()) {
    BitSet listed(view.entities_.size(), false);
    for (const std::string& id : filter.entity_ids) {
      auto found = data.entity_ids.find(id);
      if (found == data.entity_ids.end()) return absl::InvalidArgumentError(Cat("unknown entity '", id, "'"));
      if (found->second < listed.size()) listed.set(found->second);
    }
    view.entities_.Intersect(listed);
  }

  std::vector<bool> predicate_kept;
  if (!filter.predicates.empty()) {
    predicate_kept.assign(schema.predicates().size(), false);
    for (const std::string& name : filter.predicates) {
      std::optional<PredicateId> predicate = schema.FindPredicate(name);
      if (!predicate) return absl::InvalidArgumentError(Cat("unknown predicate '", name, "'"));
      predicate_kept[*predicate] = true;
    }
  }
  bool modality_kept[kModalityCount];
  std::fill(std::begin(modality_kept), std::end(modality_kept), filter.modalities.empty());
  for (Modality modality : filter.modalities) modality_kept[static_cast<int>(modality)] = true;

  // A source filter keeps what a listed source says, directly or through what it relayed.
  std::vector<bool> source_kept;
  if (!filter.sources.empty()) {
    source_kept.assign(data.sources.size(), false);
    for (const std::string& id : filter.sources) {
      auto found = data.source_ids.find(id);
      if (found == data.source_ids.end()) return absl::InvalidArgumentError(Cat("unknown source '", id, "'"));
      source_kept[found->second] = true;
    }
    for (SourceIndex s = 0; s < data.sources.size(); ++s) {
      for (SourceIndex at = data.sources[s].via; at != internal::kNoIndex && !source_kept[s]; at = data.sources[at].via) {
        if (source_kept[at]) source_kept[s] = true;
      }
    }
  }
  std::vector<std::optional<absl::CivilDay>> known_since;
  bool valid_filter = filter.valid_at || filter.valid_during;
  if (filter.known_at || (valid_filter && filter.include_undated)) known_since = data.KnownSince();
  // With include_undated, an undated statement holds from the earliest day one of its sources may
  // have been published (always, when no source is dated): a valid-time filter keeps it when
  // that day is not after the filter's last day.
  std::optional<absl::CivilDay> valid_filter_end = filter.valid_at;
  if (filter.valid_during) {
    std::optional<absl::CivilDay> end = filter.valid_during->end_day();
    if (end && (!valid_filter_end || *end < *valid_filter_end)) valid_filter_end = end;
  }
  auto undated_kept = [&](const internal::StatementRecord& statement) {
    if (!filter.include_undated) return false;
    if (!valid_filter_end) return true;
    std::optional<absl::CivilDay> earliest;
    for (const Citation& citation : data.CitationsOf(statement)) {
      const std::optional<absl::CivilDay>& since = known_since[citation.source];
      if (since && (!earliest || *since < *earliest)) earliest = since;
    }
    return !earliest || *earliest <= *valid_filter_end;
  };

  // A view made before later batches covers only what the graph held then.
  for (StatementIndex i = 0; i < view.statements_.size(); ++i) {
    if (!view.statements_.test(i)) continue;
    const internal::StatementRecord& statement = data.statements[i];
    bool in_valid_time = !valid_filter;
    if (valid_filter) {
      in_valid_time = statement.valid.is_set()
                          ? (!filter.valid_at || ValidAt(statement.valid, *filter.valid_at)) &&
                                (!filter.valid_during || Overlaps(statement.valid, *filter.valid_during))
                          : undated_kept(statement);
    }
    bool kept = (predicate_kept.empty() || predicate_kept[statement.predicate]) &&
                modality_kept[static_cast<int>(statement.modality)] && in_valid_time;
    if (kept && (!source_kept.empty() || filter.known_at)) {
      bool cited = source_kept.empty(), known = !filter.known_at;
      for (const Citation& citation : data.CitationsOf(statement)) {
        cited = cited || source_kept[citation.source];
        known = known || (known_since[citation.source] && *known_since[citation.source] <= *filter.known_at);
      }
      kept = cited && known;
    }
    if (!kept) view.statements_.reset(i);
  }
  view.DropDanglingStatements();
  return view;
}

void View::DropDanglingStatements() {
  const GraphData& data = graph_->data();
  for (StatementIndex i = 0; i < statements_.size(); ++i) {
    if (!statements_.test(i)) continue;
    const internal::StatementRecord& statement = data.statements[i];
    const auto* object = std::get_if<internal::ObjectRef>(&statement.value);
    if (!Contains(statement.subject) || (object != nullptr && !Contains(object->entity))) {
      statements_.reset(i);
    }
  }
}

namespace internal {

void ForEachEdge(const Graph& graph, EntityIndex entity, Direction direction, void (*visit)(void*, const Hop&),
                 void* context) {
  const EdgeGraph& edges = graph.data().edges;
  if (direction != Direction::kIn) {
    for (auto edge : boost::make_iterator_range(boost::out_edges(entity, edges))) {
      visit(context, Hop{edges[edge].statement, static_cast<EntityIndex>(boost::target(edge, edges)), true});
    }
  }
  if (direction != Direction::kOut) {
    for (auto edge : boost::make_iterator_range(boost::in_edges(entity, edges))) {
      visit(context, Hop{edges[edge].statement, static_cast<EntityIndex>(boost::source(edge, edges)), false});
    }
  }
}

}  // namespace internal

std::vector<Hop> View::Neighbors(EntityIndex entity, Direction direction) const {
  std::vector<Hop> hops;
  if (!Contains(entity)) return hops;
  ForEachHop(entity, direction, [&](const Hop& hop) { hops.push_back(hop); });
  // The adjacency keeps in-edges grouped by subject: put each direction in statement order.
  std::stable_sort(hops.begin(), hops.end(), [](const Hop& a, const Hop& b) {
    return a.forward != b.forward ? a.forward : a.statement < b.statement;
  });
  return hops;
}

std::vector<StatementIndex> View::Values(EntityIndex entity) const {
  std::vector<StatementIndex> values;
  if (!Contains(entity)) return values;
  const GraphData& data = graph_->data();
  for (uint32_t i = data.value_offsets[entity]; i < data.value_offsets[entity + 1]; ++i) {
    if (ContainsStatement(data.value_statements[i])) values.push_back(data.value_statements[i]);
  }
  return values;
}

std::vector<std::pair<EntityIndex, int>> View::Expand(const std::vector<EntityIndex>& seeds, int hops,
                                                      Direction direction) const {
  std::vector<std::pair<EntityIndex, int>> reached;
  BitSet seen(entities_.size(), false);
  for (EntityIndex seed : seeds) {
    if (Contains(seed) && !seen.test(seed)) {
      seen.set(seed);
      reached.emplace_back(seed, 0);
    }
  }
  // `reached` doubles as the breadth-first queue.
  for (size_t next = 0; next < reached.size(); ++next) {
    // Copies, not a structured binding: the lambda below uses them, which Clang before 16
    // (Debian 12's) rejects for bindings; and `reached` grows while they are in use.
    const auto entity = reached[next].first;
    const auto distance = reached[next].second;
    if (distance >= hops) continue;
    ForEachHop(entity, direction, [&](const Hop& hop) {
      if (!seen.test(hop.neighbor)) {
        seen.set(hop.neighbor);
        reached.emplace_back(hop.neighbor, distance + 1);
      }
    });
  }
  return reached;
}

View View::Ego(const std::vector<EntityIndex>& seeds, int hops, Direction direction) const {
  BitSet kept(entities_.size(), false);
  for (const auto& [entity, distance] : Expand(seeds, hops, direction)) kept.set(entity);
  View ego(graph_, std::move(kept), statements_);
  ego.DropDanglingStatements();
  return ego;
}

}  // namespace aikg
