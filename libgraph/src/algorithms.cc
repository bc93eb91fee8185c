#include "aikg/algorithms.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/pending/disjoint_sets.hpp>

#include "internal/graph_data.h"

namespace aikg {
namespace {

// Calls `visit(source, target)` for every visible edge statement.
template <typename Visit>
void ForEachVisibleEdge(const View& view, Visit visit) {
  const internal::GraphData& data = view.graph().data();
  for (StatementIndex i = 0; i < data.statements.size(); ++i) {
    if (!view.ContainsStatement(i)) continue;
    if (const auto* object = std::get_if<internal::ObjectRef>(&data.statements[i].value)) {
      visit(data.statements[i].subject, object->entity);
    }
  }
}

}  // namespace

std::vector<double> PageRank(const View& view, const PageRankOptions& options) {
  size_t n = view.graph().entity_count();
  std::vector<double> rank(n, 0.0);
  size_t visible = view.entity_count();
  if (visible == 0) return rank;
  std::vector<uint32_t> out_degree = Degree(view, Direction::kOut);
  std::vector<std::pair<EntityIndex, EntityIndex>> edges;
  ForEachVisibleEdge(view, [&](EntityIndex s, EntityIndex t) { edges.emplace_back(s, t); });

  for (EntityIndex e = 0; e < n; ++e) {
    if (view.Contains(e)) rank[e] = 1.0 / visible;
  }
  std::vector<double> next(n);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    // Rank held by entities without out-edges is spread evenly, as is the teleport share.
    double dangling = 0;
    for (EntityIndex e = 0; e < n; ++e) {
      if (view.Contains(e) && out_degree[e] == 0) dangling += rank[e];
    }
    double base = (1.0 - options.damping) / visible + options.damping * dangling / visible;
    for (EntityIndex e = 0; e < n; ++e) next[e] = view.Contains(e) ? base : 0.0;
    for (const auto& [source, target] : edges) next[target] += options.damping * rank[source] / out_degree[source];
    double change = 0;
    for (EntityIndex e = 0; e < n; ++e) change += std::fabs(next[e] - rank[e]);
    rank.swap(next);
    if (change < options.tolerance * visible) break;
  }
  return rank;
}

std::vector<uint32_t> Degree(const View& view, Direction direction) {
  std::vector<uint32_t> degree(view.graph().entity_count(), 0);
  if (view.HidesNothing()) {  // every edge counts: read the adjacency's offsets
    const internal::EdgeGraph& edges = view.graph().data().edges;
    for (EntityIndex e = 0; e < degree.size(); ++e) {
      if (direction != Direction::kIn) degree[e] += boost::out_degree(e, edges);
      if (direction != Direction::kOut) degree[e] += boost::in_degree(e, edges);
    }
    return degree;
  }
  ForEachVisibleEdge(view, [&](EntityIndex s, EntityIndex t) {
    if (direction != Direction::kIn) ++degree[s];
    if (direction != Direction::kOut) ++degree[t];
  });
  return degree;
}

std::vector<double> DegreeCentrality(const View& view, Direction direction) {
  std::vector<uint32_t> degree = Degree(view, direction);
  size_t visible = view.entity_count();
  double scale = visible > 1 ? 1.0 / static_cast<double>(visible - 1) : 1.0;
  std::vector<double> centrality(degree.size(), 0.0);
  for (size_t e = 0; e < degree.size(); ++e) centrality[e] = degree[e] * scale;
  return centrality;
}

std::vector<double> BetweennessCentrality(const View& view, bool normalized) {
  size_t n = view.graph().entity_count();
  // Shortest paths are counted between entities, not statements: one edge per linked pair.
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  ForEachVisibleEdge(view, [&](EntityIndex s, EntityIndex t) {
    if (s != t) edges.emplace_back(s, t);
  });
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  using SimpleGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                         boost::no_property, uint32_t, uint32_t>;
  SimpleGraph graph(boost::edges_are_sorted, edges.begin(), edges.end(), static_cast<uint32_t>(n));
  std::vector<double> centrality(n, 0.0);
  boost::brandes_betweenness_centrality(
      graph, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(),
                                                                     boost::get(boost::vertex_index, graph))));
  size_t visible = view.entity_count();
  if (normalized && visible > 2) {
    double scale = 1.0 / (static_cast<double>(visible - 1) * static_cast<double>(visible - 2));
    for (double& value : centrality) value *= scale;
  }
  return centrality;
}

std::vector<uint32_t> ConnectedComponents(const View& view) {
  size_t n = view.graph().entity_count();
  std::vector<uint32_t> rank(n, 0), parent(n);
  for (uint32_t e = 0; e < n; ++e) parent[e] = e;
  auto index = boost::typed_identity_property_map<uint32_t>();
  boost::disjoint_sets sets(boost::make_iterator_property_map(rank.begin(), index),
                            boost::make_iterator_property_map(parent.begin(), index));
  ForEachVisibleEdge(view, [&](EntityIndex s, EntityIndex t) { sets.union_set(s, t); });
  // Number components by their smallest entity, in index order.
  std::vector<uint32_t> component(n, kNoComponent), number_of_root(n, kNoComponent);
  uint32_t next = 0;
  for (uint32_t e = 0; e < n; ++e) {
    if (!view.Contains(e)) continue;
    uint32_t root = sets.find_set(e);
    if (number_of_root[root] == kNoComponent) number_of_root[root] = next++;
    component[e] = number_of_root[root];
  }
  return component;
}

}  // namespace aikg
