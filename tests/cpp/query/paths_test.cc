#include "aikg/paths.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;

EntityIndex Id(const Graph& graph, std::string_view id) { return graph.FindEntity(id)->index(); }

std::vector<std::string> Steps(const Graph& graph, const Path& path) {
  std::vector<std::string> steps;
  for (size_t i = 0; i < path.hops.size(); ++i) {
    steps.push_back(std::string(graph.entity(path.entities[i]).id()) + " " +
                    std::string(graph.statement(path.hops[i].statement).id()) + " " +
                    std::string(graph.entity(path.entities[i + 1]).id()));
  }
  return steps;
}

TEST(ShortestPath, FollowsStatementsEitherWay) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  absl::StatusOr<Path> path = ShortestPath(view, Id(graph, "model/r1"), Id(graph, "country/cn"));
  ASSERT_TRUE(path.ok()) << path.status().message();
  EXPECT_THAT(Steps(graph, *path), ElementsAre("model/r1 st/6 org/deepseek", "org/deepseek st/14 country/cn"));
  EXPECT_EQ(path->cost, 2);
  EXPECT_FALSE(path->hops[0].forward);
  EXPECT_TRUE(path->hops[1].forward);
  // Each hop's statement names its sources.
  EXPECT_EQ(graph.statement(path->hops[0].statement).citations().size(), 2u);
}

TEST(ShortestPath, DirectionAndViewsRestrictIt) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex r1 = Id(graph, "model/r1"), cn = Id(graph, "country/cn");
  EXPECT_EQ(ShortestPath(view, r1, cn, {.direction = Direction::kOut}).status().code(), absl::StatusCode::kNotFound);
  absl::StatusOr<View> no_location = View::Of(graph, {.predicates = {"develops", "competes_with"}});
  EXPECT_EQ(ShortestPath(*no_location, r1, cn).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ShortestPath(view, r1, r1)->length(), 0u);
  EXPECT_EQ(ShortestPath(*View::Of(graph, {.entity_types = {"Company"}}), r1, cn).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ShortestPath, WeightedByStatements) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex deepseek = Id(graph, "org/deepseek"), cn = Id(graph, "country/cn");
  // Cheap opinions alone do not beat the direct link; a dear direct link does.
  PathOptions options;
  options.weight = [](const Statement& s) { return s.modality() == Modality::kOpinion ? 0.1 : 1.0; };
  absl::StatusOr<Path> cheap = ShortestPath(view, deepseek, cn, options);
  ASSERT_TRUE(cheap.ok());
  EXPECT_THAT(Steps(graph, *cheap), ElementsAre("org/deepseek st/14 country/cn"));
  options.weight = [](const Statement& s) { return s.id() == "st/14" ? 5.0 : 1.0; };
  cheap = ShortestPath(view, deepseek, cn, options);
  EXPECT_THAT(Steps(graph, *cheap), ElementsAre("org/deepseek st/7 org/alibaba", "org/alibaba st/13 country/cn"));
  EXPECT_EQ(cheap->cost, 2.0);
  options.weight = [](const Statement&) { return -1.0; };
  EXPECT_EQ(ShortestPath(view, deepseek, cn, options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ShortestPath, SkipsExcludedPredicates) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex deepseek = Id(graph, "org/deepseek"), alibaba = Id(graph, "org/alibaba");
  PathOptions options;
  options.exclude_predicates = {*graph.schema()->FindPredicate("competes_with")};
  // Without the direct rivalry, the two meet through the country they share.
  EXPECT_THAT(Steps(graph, *ShortestPath(view, deepseek, alibaba, options)),
              ElementsAre("org/deepseek st/14 country/cn", "country/cn st/13 org/alibaba"));
  options.exclude_predicates.push_back(*graph.schema()->FindPredicate("located_in"));
  EXPECT_EQ(ShortestPath(view, deepseek, alibaba, options).status().code(), absl::StatusCode::kNotFound);
  options.weight = [](const Statement&) { return 1.0; };  // Dijkstra skips them too
  EXPECT_EQ(ShortestPath(view, deepseek, alibaba, options).status().code(), absl::StatusCode::kNotFound);
}

// Every hop of `path` follows a statement of `view` the way `direction` allows, from one entity
// to the next.
void ExpectWalkable(const View& view, const Path& path, Direction direction) {
  ASSERT_EQ(path.entities.size(), path.hops.size() + 1);
  for (size_t i = 0; i < path.hops.size(); ++i) {
    const Hop& hop = path.hops[i];
    EXPECT_EQ(hop.neighbor, path.entities[i + 1]);
    EXPECT_TRUE(view.ContainsStatement(hop.statement));
    std::vector<Hop> from_here = view.Neighbors(path.entities[i], direction);
    EXPECT_THAT(from_here, ::testing::Contains(hop)) << "hop " << i << " does not leave entity " << path.entities[i];
  }
}

// The bidirectional search against distances from a one-sided breadth-first search
// (View::Expand), for every ordered pair of the newsletter dataset, each direction.
TEST(ShortestPath, AsShortAsOneSidedSearchOnTheNewsletter) {
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")});
  ASSERT_TRUE(status.ok()) << status.message();
  View view(graph);
  size_t found = 0, unreachable = 0;
  for (Direction direction : {Direction::kBoth, Direction::kOut, Direction::kIn}) {
    for (EntityIndex from = 0; from < graph.entity_count(); ++from) {
      std::vector<int> distance(graph.entity_count(), -1);
      for (const auto& [entity, hops] : view.Expand({from}, 1 << 20, direction)) distance[entity] = hops;
      for (EntityIndex to = 0; to < graph.entity_count(); ++to) {
        absl::StatusOr<Path> path = ShortestPath(view, from, to, {.direction = direction});
        if (distance[to] < 0) {
          EXPECT_EQ(path.status().code(), absl::StatusCode::kNotFound);
          ++unreachable;
          continue;
        }
        ASSERT_TRUE(path.ok()) << path.status().message();
        ASSERT_EQ(static_cast<int>(path->length()), distance[to]) << from << " -> " << to;
        EXPECT_EQ(path->entities.front(), from);
        EXPECT_EQ(path->entities.back(), to);
        ExpectWalkable(view, *path, direction);
        ++found;
      }
    }
  }
  // The dataset is linked enough to test long paths, and directed enough to test misses.
  EXPECT_GT(found, 1000u);
  EXPECT_GT(unreachable, 1000u);
}

TEST(ShortestPath, ExcludedPredicatesAreNotFollowedByEitherSide) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  PredicateId located_in = *graph.schema()->FindPredicate("located_in");
  EntityIndex cn = Id(graph, "country/cn");
  for (EntityIndex from = 0; from < graph.entity_count(); ++from) {
    absl::StatusOr<Path> path = ShortestPath(view, from, cn, {.exclude_predicates = {located_in}});
    if (!path.ok()) continue;
    for (const Hop& hop : path->hops) EXPECT_NE(graph.statement(hop.statement).predicate(), located_in);
  }
  // Only located_in reaches the country.
  EXPECT_EQ(ShortestPath(view, Id(graph, "org/deepseek"), cn, {.exclude_predicates = {located_in}}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(AllSimplePaths, UpToALength) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  absl::StatusOr<std::vector<Path>> paths =
      AllSimplePaths(view, Id(graph, "org/deepseek"), Id(graph, "country/cn"), 3);
  ASSERT_TRUE(paths.ok());
  ASSERT_EQ(paths->size(), 2u);
  EXPECT_THAT(Steps(graph, (*paths)[0]), ElementsAre("org/deepseek st/14 country/cn"));
  EXPECT_THAT(Steps(graph, (*paths)[1]), ElementsAre("org/deepseek st/7 org/alibaba", "org/alibaba st/13 country/cn"));
  EXPECT_EQ(AllSimplePaths(view, Id(graph, "org/deepseek"), Id(graph, "country/cn"), 1)->size(), 1u);
  EXPECT_EQ(AllSimplePaths(view, Id(graph, "org/deepseek"), Id(graph, "country/cn"), 3, Direction::kBoth, 1)->size(), 1u);
  // Parallel statements are distinct paths.
  EXPECT_EQ(AllSimplePaths(view, Id(graph, "org/nvidia"), Id(graph, "chip/h100"), 1)->size(), 2u);
}

}  // namespace
}  // namespace aikg
