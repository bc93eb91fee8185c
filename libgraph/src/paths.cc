#include "aikg/paths.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>
#include <tuple>
#include <utility>

#include "internal/adjacency.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

using internal::Cat;

absl::Status CheckEnds(const View& view, EntityIndex from, EntityIndex to) {
  for (EntityIndex end : {from, to}) {
    if (end >= view.graph().entity_count() || !view.Contains(end)) {
      return absl::InvalidArgumentError(Cat("entity #", end, " is not in the view"));
    }
  }
  return absl::OkStatus();
}

// How a search first reached an entity: from `previous`, by `hop` (whose neighbor is the entity).
struct Step {
  EntityIndex previous = 0;
  Hop hop{};
  bool reached = false;
};

Path Unwind(EntityIndex from, EntityIndex to, const std::vector<Step>& steps, double cost) {
  Path path;
  path.cost = cost;
  for (EntityIndex at = to; at != from; at = steps[at].previous) path.hops.push_back(steps[at].hop);
  std::reverse(path.hops.begin(), path.hops.end());
  path.entities.push_back(from);
  for (const Hop& hop : path.hops) path.entities.push_back(hop.neighbor);
  return path;
}

// The predicates a search does not follow, as a lookup table.
class PredicateMask {
 public:
  explicit PredicateMask(const std::vector<PredicateId>& excluded) {
    for (PredicateId predicate : excluded) {
      if (predicate >= excluded_.size()) excluded_.resize(predicate + 1, false);
      excluded_[predicate] = true;
    }
  }
  // Whether a search may follow `hop`.
  bool Followed(const internal::GraphData& data, const Hop& hop) const {
    if (excluded_.empty()) return true;
    PredicateId predicate = data.statements[hop.statement].predicate;
    return predicate >= excluded_.size() || !excluded_[predicate];
  }

 private:
  std::vector<bool> excluded_;
};

// One side of a bidirectional search: what it has reached, how, and its current level.
struct SearchSide {
  internal::VisitMarks seen;
  std::vector<Step> steps;  // meaningful where `seen` is marked
  std::vector<EntityIndex> frontier;

  void Reset(size_t size, EntityIndex start) {
    seen.Reset(size);
    if (steps.size() < size) steps.resize(size);
    seen.Mark(start);
    frontier.assign(1, start);
  }
};

// Kept per thread and reused, so a search allocates nothing once it has grown to the graph.
struct BidirectionalWorkspace {
  SearchSide forward, backward;
  std::vector<EntityIndex> next;
};

// Breadth-first from both ends at once, a level of the smaller frontier at a time: the two
// searches together visit about twice the square root of what a one-sided search visits.
// The first entity reached by both closes a shortest path: until then the entities each side
// has reached are disjoint, so every path is longer than the sum of the two depths, and the
// meeting path is one hop longer than that.
absl::StatusOr<Path> BreadthFirst(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options) {
  const internal::GraphData& data = view.graph().data();
  size_t size = view.graph().entity_count();
  thread_local BidirectionalWorkspace workspace;
  SearchSide& forward = workspace.forward;
  SearchSide& backward = workspace.backward;
  forward.Reset(size, from);
  backward.Reset(size, to);
  PredicateMask mask(options.exclude_predicates);
  std::optional<EntityIndex> meeting;
  if (from == to) meeting = from;
  while (!meeting && !forward.frontier.empty() && !backward.frontier.empty()) {
    bool forward_turn = forward.frontier.size() <= backward.frontier.size();
    SearchSide& side = forward_turn ? forward : backward;
    const SearchSide& other = forward_turn ? backward : forward;
    Direction direction = forward_turn ? options.direction : internal::Reversed(options.direction);
    workspace.next.clear();
    for (EntityIndex at : side.frontier) {
      internal::ForEachVisibleHop(view, at, direction, [&](const Hop& hop) {
        if (meeting || !mask.Followed(data, hop) || !side.seen.Mark(hop.neighbor)) return;
        side.steps[hop.neighbor] = {at, hop, true};
        if (other.seen.Marked(hop.neighbor)) meeting = hop.neighbor;
        workspace.next.push_back(hop.neighbor);
      });
      if (meeting) break;
    }
    side.frontier.swap(workspace.next);
  }
  if (!meeting) return absl::NotFoundError("no path between the two entities in this view");

  Path path;
  for (EntityIndex at = *meeting; at != from; at = forward.steps[at].previous) path.hops.push_back(forward.steps[at].hop);
  std::reverse(path.hops.begin(), path.hops.end());
  // The backward search stepped from `previous` towards `to`'s side: the path takes that
  // statement the other way.
  for (EntityIndex at = *meeting; at != to; at = backward.steps[at].previous) {
    const Step& step = backward.steps[at];
    path.hops.push_back(Hop{step.hop.statement, step.previous, !step.hop.forward});
  }
  path.entities.push_back(from);
  for (const Hop& hop : path.hops) path.entities.push_back(hop.neighbor);
  path.cost = static_cast<double>(path.length());
  return path;
}

absl::StatusOr<Path> Dijkstra(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options) {
  const Graph& graph = view.graph();
  PredicateMask mask(options.exclude_predicates);
  std::vector<Step> steps(graph.entity_count());
  std::vector<double> cost(graph.entity_count(), std::numeric_limits<double>::infinity());
  std::vector<bool> settled(graph.entity_count(), false);
  // (cost, entity): ties settle the lower entity index first, so results are stable.
  using Entry = std::pair<double, EntityIndex>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> frontier;
  cost[from] = 0;
  steps[from].reached = true;
  frontier.emplace(0, from);
  absl::Status bad_weight;
  while (!frontier.empty() && bad_weight.ok()) {
    // Copies, not a structured binding: the lambda below captures them (clang before 16 refuses).
    const double at_cost = frontier.top().first;
    const EntityIndex at = frontier.top().second;
    frontier.pop();
    if (settled[at]) continue;
    settled[at] = true;
    if (at == to) break;
    view.ForEachHop(at, options.direction, [&](const Hop& hop) {
      if (!mask.Followed(graph.data(), hop)) return;
      double weight = options.weight(graph.statement(hop.statement));
      if (!(weight >= 0) || std::isinf(weight)) {
        bad_weight = absl::InvalidArgumentError(
            Cat("weight of statement '", graph.statement(hop.statement).id(), "' is ", weight,
                ": weights must be finite and non-negative"));
        return;
      }
      if (at_cost + weight < cost[hop.neighbor]) {
        cost[hop.neighbor] = at_cost + weight;
        steps[hop.neighbor] = {at, hop, true};
        frontier.emplace(cost[hop.neighbor], hop.neighbor);
      }
    });
  }
  if (!bad_weight.ok()) return bad_weight;
  if (!steps[to].reached) return absl::NotFoundError("no path between the two entities in this view");
  return Unwind(from, to, steps, cost[to]);
}

}  // namespace

absl::StatusOr<Path> ShortestPath(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options) {
  if (absl::Status ends = CheckEnds(view, from, to); !ends.ok()) return ends;
  if (options.weight) return Dijkstra(view, from, to, options);
  return BreadthFirst(view, from, to, options);
}

absl::StatusOr<std::vector<Path>> AllSimplePaths(const View& view, EntityIndex from, EntityIndex to, int max_length,
                                                 Direction direction, size_t limit) {
  if (absl::Status ends = CheckEnds(view, from, to); !ends.ok()) return ends;
  std::vector<Path> paths;
  if (from == to || max_length <= 0) return paths;
  // Depth-first search, iterative so that a long chain cannot overflow the stack: one frame
  // per entity of the current path, with the hops still to try from it; `on_path` keeps the
  // path simple.
  struct Frame {
    std::vector<Hop> hops;
    size_t next = 0;
  };
  std::vector<bool> on_path(view.graph().entity_count(), false);
  Path current;
  current.entities.push_back(from);
  on_path[from] = true;
  std::vector<Frame> stack;
  stack.push_back({view.Neighbors(from, direction)});
  while (!stack.empty() && paths.size() < limit) {
    Frame& top = stack.back();
    if (top.next == top.hops.size()) {
      // Back up: the entity this frame searched from leaves the path (not `from`, the root).
      stack.pop_back();
      if (!stack.empty()) {
        on_path[current.entities.back()] = false;
        current.hops.pop_back();
        current.entities.pop_back();
      }
      continue;
    }
    const Hop hop = top.hops[top.next++];
    if (on_path[hop.neighbor]) continue;
    if (hop.neighbor == to) {
      current.hops.push_back(hop);
      current.entities.push_back(hop.neighbor);
      current.cost = static_cast<double>(current.length());
      paths.push_back(current);
      current.hops.pop_back();
      current.entities.pop_back();
    } else if (static_cast<int>(current.length()) + 1 < max_length) {
      current.hops.push_back(hop);
      current.entities.push_back(hop.neighbor);
      on_path[hop.neighbor] = true;
      stack.push_back({view.Neighbors(hop.neighbor, direction)});
    }
  }
  std::stable_sort(paths.begin(), paths.end(), [](const Path& a, const Path& b) { return a.length() < b.length(); });
  return paths;
}

}  // namespace aikg
