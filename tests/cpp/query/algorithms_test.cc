#include "aikg/algorithms.h"

#include <numeric>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

EntityIndex Id(const Graph& graph, std::string_view id) { return graph.FindEntity(id)->index(); }

TEST(PageRank, MatchesNetworkX) {
  Graph graph = testing::LoadTiny();
  std::vector<double> rank = PageRank(View(graph), {.max_iterations = 1000, .tolerance = 1e-12});
  // networkx.pagerank(MultiDiGraph of tiny.json's edges, alpha=0.85, tol=1e-10)
  EXPECT_NEAR(rank[Id(graph, "chip/h100")], 0.2537395253665633, 1e-9);
  EXPECT_NEAR(rank[Id(graph, "country/cn")], 0.22311849008850324, 1e-9);
  EXPECT_NEAR(rank[Id(graph, "org/alibaba")], 0.12060458924372701, 1e-9);
  EXPECT_NEAR(rank[Id(graph, "model/r1")], 0.12060458924372701, 1e-9);
  EXPECT_NEAR(rank[Id(graph, "org/nvidia")], 0.09397760201915975, 1e-9);
  EXPECT_NEAR(std::accumulate(rank.begin(), rank.end(), 0.0), 1.0, 1e-12);
}

TEST(PageRank, OnlyOverTheView) {
  Graph graph = testing::LoadTiny();
  std::vector<double> rank = PageRank(*View::Of(graph, {.entity_types = {"Organization", "Country"}}));
  EXPECT_EQ(rank[Id(graph, "chip/h100")], 0.0);
  EXPECT_NEAR(std::accumulate(rank.begin(), rank.end(), 0.0), 1.0, 1e-9);
  EXPECT_GT(rank[Id(graph, "country/cn")], rank[Id(graph, "org/nvidia")]);
}

TEST(Degree, CountsParallelStatements) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EXPECT_EQ(Degree(view, Direction::kIn)[Id(graph, "chip/h100")], 3u);
  EXPECT_EQ(Degree(view, Direction::kOut)[Id(graph, "org/deepseek")], 3u);
  EXPECT_EQ(Degree(view, Direction::kBoth)[Id(graph, "org/alibaba")], 2u);
  // networkx.in_degree_centrality: degree / (n - 1)
  EXPECT_DOUBLE_EQ(DegreeCentrality(view, Direction::kIn)[Id(graph, "chip/h100")], 0.5);
}

// a → b → c → d, plus a parallel b → c: betweenness counts linked pairs once, as NetworkX does.
Graph Chain() {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  Graph graph(std::make_shared<const Schema>(*std::move(schema)));
  ChangeSet changes;
  changes.sources.push_back({.id = "s", .kind = SourceKind::kOther});
  for (const char* id : {"a", "b", "c", "d"}) changes.entities.push_back({.id = id, .type = "Company", .name = id});
  const char* links[][3] = {{"1", "a", "b"}, {"2", "b", "c"}, {"3", "c", "d"}, {"4", "b", "c"}};
  for (const auto& link : links) {
    changes.statements.push_back({.id = link[0], .subject = link[1], .predicate = "competes_with",
                                  .value = EntityId{link[2]}, .modality = Modality::kOpinion,
                                  .sources = {{"s", ""}}});
  }
  EXPECT_TRUE(graph.Apply(changes).ok());
  return graph;
}

TEST(BetweennessCentrality, MatchesNetworkXOnAChain) {
  Graph graph = Chain();
  std::vector<double> betweenness = BetweennessCentrality(View(graph));
  EXPECT_DOUBLE_EQ(betweenness[Id(graph, "a")], 0.0);
  EXPECT_DOUBLE_EQ(betweenness[Id(graph, "b")], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(betweenness[Id(graph, "c")], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(BetweennessCentrality(View(graph), false)[Id(graph, "b")], 2.0);
}

TEST(ConnectedComponents, WeakAndNumberedInOrder) {
  Graph graph = testing::LoadTiny();
  std::vector<uint32_t> component = ConnectedComponents(View(graph));
  EXPECT_EQ(component[Id(graph, "org/alibaba")], 0u);
  EXPECT_EQ(component[Id(graph, "org/deepseek")], 0u);
  EXPECT_EQ(component[Id(graph, "model/r1")], 0u);
  EXPECT_EQ(component[Id(graph, "org/nvidia")], 1u);
  EXPECT_EQ(component[Id(graph, "chip/h100")], 1u);
  EXPECT_EQ(component[Id(graph, "country/us")], 1u);
  std::vector<uint32_t> companies = ConnectedComponents(*View::Of(graph, {.entity_types = {"Company"}}));
  EXPECT_EQ(companies[Id(graph, "country/cn")], kNoComponent);
  EXPECT_EQ(companies[Id(graph, "org/nvidia")], 1u);
}

}  // namespace
}  // namespace aikg
