#include "aikg/view.h"

#include <algorithm>
#include <bit>
#include <deque>
#include <limits>
#include <utility>

#include <boost/range/iterator_range.hpp>

#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "internal/adjacency.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::GraphData;

// The days a valid time may cover; open ends reach the ends of the calendar.
std::pair<absl::CivilDay, absl::CivilDay> Span(const ValidTime& valid) {
  return {valid.from.is_set() ? valid.from.first_day() : absl::CivilDay(1, 1, 1),
          valid.to.is_set() ? valid.to.last_day() : absl::CivilDay(9999, 12, 31)};
}

// Days as the interval indexes number them.
int32_t DayNumber(absl::CivilDay day) { return static_cast<int32_t>(day - absl::CivilDay(1970, 1, 1)); }

// The dated statements (of the first `size`) that the filter's valid_at and valid_during keep,
// through the graph's interval index: O(log S + k) for k answers, where a scan is O(S).
// valid_during keeps the spans (Span) that overlap the window's; valid_at D keeps intervals
// whose span holds D (an open end reaches the calendar's end), and points that have started by
// D ("2024-03" is valid at 2024-06-01: the point is when it began to hold).
BitSet DatedInValidTime(const GraphData& data, const Filter& filter, size_t size) {
  BitSet at(size, false);
  if (filter.valid_at) {
    int32_t day = DayNumber(*filter.valid_at);
    auto keep = [&](uint32_t i) {
      if (i < size) at.set(i);
    };
    data.valid_index.Containing(day, keep);
    // Points that started by the day: those whose days hold it, Containing gave already.
    data.valid_points.StartedBy(day, [&](uint32_t interval) {
      if (data.valid_index.intervals()[interval].last < day) data.valid_index.ForEachIdOf(interval, keep);
    });
  }
  if (!filter.valid_during) return at;
  BitSet during(size, false);
  auto [from, to] = Span(*filter.valid_during);
  data.valid_index.Overlapping(DayNumber(from), DayNumber(to), [&](uint32_t i) {
    if (i < size) during.set(i);
  });
  if (filter.valid_at) during.Intersect(at);
  return during;
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
    : graph_(&graph),
      entities_(graph.entity_count(), true),
      statements_(graph.statement_count(), true),
      hides_nothing_(true) {}

void View::NoteWhetherHidesNothing() {
  hides_nothing_ = entities_.count() == entities_.size() && statements_.count() == statements_.size();
}

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
      EntityIndex found = data.FindEntity(id);
      if (found == internal::kNoIndex) return absl::InvalidArgumentError(Cat("unknown entity '", id, "'"));
      if (found < listed.size()) listed.set(found);
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
      SourceIndex found = data.FindSource(id);
      if (found == internal::kNoIndex) return absl::InvalidArgumentError(Cat("unknown source '", id, "'"));
      source_kept[found] = true;
    }
    std::vector<std::optional<bool>> kept_along = data.AlongRelayChains<bool>(
        [&](SourceIndex s) { return source_kept[s] ? std::optional<bool>(true) : std::nullopt; });
    for (SourceIndex s = 0; s < data.sources.size(); ++s) source_kept[s] = kept_along[s].has_value();
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
  size_t size = view.statements_.size();
  if (valid_filter) {
    BitSet in_valid_time = DatedInValidTime(data, filter, size);
    if (filter.include_undated) {
      auto undated = [&](uint32_t i) {
        if (i < size && undated_kept(data.statements[i])) in_valid_time.set(i);
      };
      for (StatementIndex i : data.undated) undated(i);
      // Date values are undated statements too; their index only places them on timelines.
      data.date_value_index.Overlapping(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                                        undated);
    }
    view.statements_.Intersect(in_valid_time);
  }
  bool statement_filter = !predicate_kept.empty() || !filter.modalities.empty() || !source_kept.empty() ||
                          filter.known_at.has_value();
  for (StatementIndex i = 0; statement_filter && i < size; ++i) {
    if (!view.statements_.test(i)) continue;
    const internal::StatementRecord& statement = data.statements[i];
    bool kept = (predicate_kept.empty() || predicate_kept[statement.predicate]) &&
                modality_kept[static_cast<int>(statement.modality)];
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
  // Statement filters hide no entity: only entity filters can leave statements dangling.
  if (!filter.entity_types.empty() || !filter.entity_ids.empty()) view.DropDanglingStatements();
  view.NoteWhetherHidesNothing();
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

std::vector<EntityIndex> View::DistinctNeighbors(EntityIndex entity, Direction direction) const {
  std::vector<EntityIndex> neighbors;
  if (!Contains(entity)) return neighbors;
  if (HidesNothing()) {
    const GraphData& data = graph_->data();
    absl::Span<const EntityIndex> listed = data.neighbor_lists.Get(data, direction).Of(entity);
    return std::vector<EntityIndex>(listed.begin(), listed.end());
  }
  thread_local internal::VisitMarks seen;
  seen.Reset(entities_.size());
  internal::ForEachVisibleHop(*this, entity, direction, [&](const Hop& hop) {
    if (seen.Mark(hop.neighbor)) neighbors.push_back(hop.neighbor);
  });
  return neighbors;
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

namespace {

// Breadth-first walks of one seed's neighbourhood at a time, for NeighborhoodSizes and
// ExpandEach; through the plain neighbour lists when the view hides nothing.
//
// The walk has no branch on whether a neighbour is new: each neighbour is written at the end of
// the queue, its mark is stored unconditionally, and the end advances only when the mark was
// not there before. Whether a neighbour is new is what the processor cannot predict (the marks
// are random reads), and a mispredicted branch per edge cost more than the rest of the walk: at
// 10^6 statements, 2-hop sizes of 1 000 entities went from 2.8 to 0.7 ms of CPU along
// out-edges, 15.5 to 3.1 ms both ways (issue 13, docs/benchmarks.md). The farthest level is only
// counted when the caller wants sizes.
template <bool kHidesNothing>
class NeighborhoodWalk {
 public:
  NeighborhoodWalk(const View& view, Direction direction) : view_(view), direction_(direction) {
    if constexpr (kHidesNothing) {
      const GraphData& data = view.graph().data();
      lists_ = &data.neighbor_lists.Get(data, direction);
    }
  }

  // Walks from `seed` (in the view): afterwards Reached() holds the distinct entities within
  // `hops` steps of it but the seed itself, nearest first, each level in adjacency order; with
  // kKeepFarthest false the farthest level is counted, not kept. Returns how many it found.
  template <bool kKeepFarthest>
  size_t Walk(EntityIndex seed, int hops) {
    internal::VisitMarks::Search marks = marks_.Start(view_.entities().size());
    marks.Mark(seed);
    size_t found = 0;
    kept_ = 0;
    // The level being expanded: the seed, then queue_[frontier_begin, frontier_end).
    size_t frontier_begin = 0, frontier_end = 0;
    auto for_each_in_frontier = [&](int level, auto&& expand) {
      if (level == 1) return expand(seed);
      for (size_t k = frontier_begin; k < frontier_end; ++k) expand(queue_[k]);
    };
    for (int level = 1; level <= hops; ++level) {
      if (level > 1 && frontier_begin == frontier_end) break;
      if (level == hops && !kKeepFarthest) {
        for_each_in_frontier(level, [&](EntityIndex at) { found += Step<false>(at, marks, nullptr); });
        break;
      }
      size_t bound = kept_;
      for_each_in_frontier(level, [&](EntityIndex at) { bound += StepsAt(at); });
      // Room, not size: the queue is reused across walks and never shrinks, so it is written
      // (and zeroed) only once where it grows, and it stays in cache.
      if (queue_.size() < bound) queue_.resize(std::max(bound, 2 * queue_.size()));
      for_each_in_frontier(level, [&](EntityIndex at) { kept_ += Step<true>(at, marks, queue_.data() + kept_); });
      found += kept_ - frontier_end;
      frontier_begin = frontier_end;
      frontier_end = kept_;
    }
    return found;
  }

  // What the last Walk kept.
  absl::Span<const EntityIndex> Reached() const { return absl::MakeConstSpan(queue_.data(), kept_); }

 private:
  // How many neighbours Step may visit at `entity`, at most.
  size_t StepsAt(EntityIndex entity) const {
    if constexpr (kHidesNothing) {
      return lists_->offsets[entity + 1] - lists_->offsets[entity];
    } else {
      const internal::EdgeGraph& edges = view_.graph().data().edges;
      size_t steps = 0;
      if (direction_ != Direction::kIn) steps += boost::out_degree(entity, edges);
      if (direction_ != Direction::kOut) steps += boost::in_degree(entity, edges);
      return steps;
    }
  }

  // Marks the visible neighbours of `entity` and returns how many were new; with kWrite, also
  // writes the new ones, in order, from `out` on (which has room for StepsAt(entity)).
  template <bool kWrite>
  size_t Step(EntityIndex entity, internal::VisitMarks::Search& marks, EntityIndex* out) const {
    size_t fresh = 0;
    auto visit = [&](EntityIndex neighbor) {
      if constexpr (kWrite) out[fresh] = neighbor;  // kept only if the next line counts it
      fresh += marks.Mark(neighbor);
    };
    if constexpr (kHidesNothing) {
      for (EntityIndex neighbor : lists_->Of(entity)) visit(neighbor);
    } else {
      internal::ForEachVisibleHop(view_, entity, direction_, [&](const Hop& hop) { visit(hop.neighbor); });
    }
    return fresh;
  }

  const View& view_;
  Direction direction_;
  const internal::NeighborLists* lists_ = nullptr;
  internal::VisitMarks& marks_ = Marks();
  std::vector<EntityIndex> queue_;  // the breadth-first queue, room for the widest walk so far
  size_t kept_ = 0;                 // entries of queue_ the last walk filled

  // Reused across walks and calls, so a walk does no O(V) work once it has grown to the graph.
  static internal::VisitMarks& Marks() {
    thread_local internal::VisitMarks marks;
    return marks;
  }
};

template <bool kHidesNothing>
std::vector<uint32_t> CountNeighborhoods(const View& view, const std::vector<EntityIndex>& seeds, int hops,
                                         Direction direction) {
  NeighborhoodWalk<kHidesNothing> walk(view, direction);
  std::vector<uint32_t> sizes(seeds.size(), 0);
  for (size_t i = 0; i < seeds.size(); ++i) {
    if (!view.Contains(seeds[i])) continue;
    sizes[i] = static_cast<uint32_t>(1 + walk.template Walk</*kKeepFarthest=*/false>(seeds[i], hops));
  }
  return sizes;
}

template <bool kHidesNothing>
Neighborhoods CollectNeighborhoods(const View& view, const std::vector<EntityIndex>& seeds, int hops,
                                   Direction direction) {
  NeighborhoodWalk<kHidesNothing> walk(view, direction);
  Neighborhoods found;
  found.offsets.reserve(seeds.size() + 1);
  found.offsets.push_back(0);
  for (EntityIndex seed : seeds) {
    if (view.Contains(seed)) {
      walk.template Walk</*kKeepFarthest=*/true>(seed, hops);
      found.entities.insert(found.entities.end(), walk.Reached().begin(), walk.Reached().end());
    }
    found.offsets.push_back(found.entities.size());
  }
  return found;
}

}  // namespace

std::vector<uint32_t> View::NeighborhoodSizes(const std::vector<EntityIndex>& seeds, int hops,
                                              Direction direction) const {
  if (HidesNothing()) return CountNeighborhoods<true>(*this, seeds, hops, direction);
  return CountNeighborhoods<false>(*this, seeds, hops, direction);
}

Neighborhoods View::ExpandEach(const std::vector<EntityIndex>& seeds, int hops, Direction direction) const {
  if (HidesNothing()) return CollectNeighborhoods<true>(*this, seeds, hops, direction);
  return CollectNeighborhoods<false>(*this, seeds, hops, direction);
}

View View::Ego(const std::vector<EntityIndex>& seeds, int hops, Direction direction) const {
  BitSet kept(entities_.size(), false);
  for (const auto& [entity, distance] : Expand(seeds, hops, direction)) kept.set(entity);
  View ego(graph_, std::move(kept), statements_);
  ego.DropDanglingStatements();
  ego.NoteWhetherHidesNothing();
  return ego;
}

}  // namespace aikg
