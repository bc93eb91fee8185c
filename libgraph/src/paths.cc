#include "aikg/paths.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <tuple>
#include <utility>

#include "internal/cat.h"

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

// Whether a search may follow `hop`.
bool Followed(const View& view, const PathOptions& options, const Hop& hop) {
  if (options.exclude_predicates.empty()) return true;
  PredicateId predicate = view.graph().statement(hop.statement).predicate();
  return std::find(options.exclude_predicates.begin(), options.exclude_predicates.end(), predicate) ==
         options.exclude_predicates.end();
}

absl::StatusOr<Path> BreadthFirst(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options) {
  std::vector<Step> steps(view.graph().entity_count());
  steps[from].reached = true;
  std::vector<EntityIndex> queue{from};
  for (size_t next = 0; next < queue.size() && !steps[to].reached; ++next) {
    EntityIndex at = queue[next];
    view.ForEachHop(at, options.direction, [&](const Hop& hop) {
      if (steps[hop.neighbor].reached || !Followed(view, options, hop)) return;
      steps[hop.neighbor] = {at, hop, true};
      queue.push_back(hop.neighbor);
    });
  }
  if (!steps[to].reached) return absl::NotFoundError("no path between the two entities in this view");
  Path path = Unwind(from, to, steps, 0);
  path.cost = static_cast<double>(path.length());
  return path;
}

absl::StatusOr<Path> Dijkstra(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options) {
  const Graph& graph = view.graph();
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
    auto [at_cost, at] = frontier.top();
    frontier.pop();
    if (settled[at]) continue;
    settled[at] = true;
    if (at == to) break;
    view.ForEachHop(at, options.direction, [&](const Hop& hop) {
      if (!Followed(view, options, hop)) return;
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
