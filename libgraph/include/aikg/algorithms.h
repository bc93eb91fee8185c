// aikg/algorithms.h: graph algorithms over a View.
//
// Every result is indexed by EntityIndex (entities outside the view get 0, or kNoComponent).
// Edges are the view's entity-to-entity statements; parallel statements between the same two
// entities count once each where the algorithm weighs edges (degree, PageRank), as in a
// NetworkX MultiDiGraph, and once in all where it counts paths (betweenness), as NetworkX does.
//
// Example:
//   aikg::Filter chips{.entity_types = {"Organization", "Chip"}};
//   std::vector<double> rank = aikg::PageRank(*aikg::View::Of(graph, chips));

#ifndef AIKG_ALGORITHMS_H_
#define AIKG_ALGORITHMS_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "aikg/view.h"

namespace aikg {

struct PageRankOptions {
  double damping = 0.85;
  int max_iterations = 100;
  // Stops when the L1 change of the whole vector falls below tolerance × visible entities.
  double tolerance = 1e-6;
};

// PageRank by power iteration on the directed view; the rank of dangling entities is spread
// over all visible entities, as NetworkX does. Ranks of visible entities sum to 1.
std::vector<double> PageRank(const View& view, const PageRankOptions& options = {});

// Number of visible edge statements at each entity, by direction.
std::vector<uint32_t> Degree(const View& view, Direction direction);

// Degree divided by (visible entities − 1), as NetworkX's degree centralities.
std::vector<double> DegreeCentrality(const View& view, Direction direction);

// Betweenness centrality of the directed view (Brandes' algorithm, Boost.Graph), normalised by
// (n − 1)(n − 2) for n visible entities when `normalized`. O(V·E).
std::vector<double> BetweennessCentrality(const View& view, bool normalized = true);

inline constexpr uint32_t kNoComponent = std::numeric_limits<uint32_t>::max();

// Weakly connected components: a component number per visible entity, numbered 0, 1, ... in
// the order of their smallest entity index.
std::vector<uint32_t> ConnectedComponents(const View& view);

}  // namespace aikg

#endif  // AIKG_ALGORITHMS_H_
