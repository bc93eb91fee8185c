// aikg/paths.h: how two entities are linked.
//
// Paths run over a View (so over allowed predicates, types, modalities, times) and say, for
// each hop, which statement justifies it; the statement carries its sources.
//
// Example:
//   absl::StatusOr<aikg::Path> path = aikg::ShortestPath(view, deepseek, huawei);
//   for (const aikg::Hop& hop : path->hops) {
//     aikg::Statement why = graph.statement(hop.statement);   // predicate, citations, ...
//   }

#ifndef AIKG_PATHS_H_
#define AIKG_PATHS_H_

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "aikg/view.h"

namespace aikg {

struct Path {
  std::vector<EntityIndex> entities;  // from the start to the end, one more than hops
  std::vector<Hop> hops;              // hops[i] leads from entities[i] to entities[i + 1]
  double cost = 0;                    // number of hops, or the sum of weights

  size_t length() const { return hops.size(); }
};

struct PathOptions {
  Direction direction = Direction::kBoth;
  // Unset: fewest hops (breadth-first search). Set: cheapest path by the sum of this weight
  // over the hops' statements (Dijkstra); weights must be finite and non-negative.
  std::function<double(const Statement&)> weight;
  // Statements of these predicates are not followed: hubs such as `headquartered_in` or
  // `member_of` link everything to everything and make paths that say nothing.
  std::vector<PredicateId> exclude_predicates;
};

// A shortest path from `from` to `to` in `view`. Among equally short paths the choice is
// fixed by the graph (adjacency in load order), so the answer is stable from run to run.
// NotFound when there is none; InvalidArgument when an end is not in the view or a weight is
// negative. Unweighted: a bidirectional breadth-first search, O(V + E) at worst and usually
// far less, with per-thread workspaces reused across calls (no O(V) allocation per call).
// Weighted: Dijkstra, O((V + E) log V).
absl::StatusOr<Path> ShortestPath(const View& view, EntityIndex from, EntityIndex to, const PathOptions& options = {});

// Every simple path (no entity twice) from `from` to `to` with at most `max_length` hops,
// shortest first, at most `limit` of them. InvalidArgument when an end is not in the view.
absl::StatusOr<std::vector<Path>> AllSimplePaths(const View& view, EntityIndex from, EntityIndex to, int max_length,
                                                 Direction direction = Direction::kBoth, size_t limit = 1000);

}  // namespace aikg

#endif  // AIKG_PATHS_H_
