#include "aikg/search.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

std::vector<std::string> Ids(const std::vector<NameMatch>& matches) {
  std::vector<std::string> ids;
  for (const NameMatch& match : matches) ids.emplace_back(match.entity.id());
  return ids;
}

TEST(SearchNames, ExactMatchesComeFirst) {
  Graph graph = testing::LoadTiny();
  std::vector<NameMatch> matches = SearchNames(graph, "DEEPSEEK");
  ASSERT_GE(matches.size(), 2u);
  EXPECT_EQ(matches[0].entity.id(), "org/deepseek");
  EXPECT_EQ(matches[0].kind, MatchKind::kExact);
  EXPECT_EQ(matches[0].score, 1.0);
  // "deepseek-r1" starts with the text.
  EXPECT_EQ(matches[1].entity.id(), "model/r1");
  EXPECT_EQ(matches[1].kind, MatchKind::kPrefix);
}

TEST(SearchNames, FuzzyFindsMisspellings) {
  Graph graph = testing::LoadTiny();
  std::vector<NameMatch> matches = SearchNames(graph, "deepsek");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].entity.id(), "org/deepseek");
  EXPECT_EQ(matches[0].kind, MatchKind::kFuzzy);
  EXPECT_GT(matches[0].score, 0.5);
  EXPECT_THAT(Ids(SearchNames(graph, "Alibbaa")), ::testing::ElementsAre("org/alibaba"));  // a transposition
  EXPECT_TRUE(SearchNames(graph, "zzzzzzzz").empty());
}

TEST(SearchNames, PrefixesWordsAndScripts) {
  Graph graph = testing::LoadTiny();
  EXPECT_THAT(Ids(SearchNames(graph, "ali")), ::testing::ElementsAre("org/alibaba"));
  EXPECT_THAT(Ids(SearchNames(graph, "states")), ::testing::ElementsAre("country/us"));
  EXPECT_EQ(SearchNames(graph, "states")[0].kind, MatchKind::kWordPrefix);
  EXPECT_THAT(Ids(SearchNames(graph, "阿里")), ::testing::ElementsAre("org/alibaba"));
  EXPECT_THAT(Ids(SearchNames(graph, "etats")), ::testing::ElementsAre("country/us"));
  EXPECT_TRUE(SearchNames(graph, "  ").empty());
}

TEST(SearchNames, OneMatchPerEntityAndALimit) {
  Graph graph = testing::LoadTiny();
  // "alibaba" is both Alibaba's alias (exact) and a prefix of its name: one result.
  std::vector<NameMatch> matches = SearchNames(graph, "alibaba");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, MatchKind::kExact);
  EXPECT_EQ(SearchNames(graph, "d", {.limit = 2}).size(), 2u);
}

TEST(SearchNames, FindsTheNewslettersEntities) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  EXPECT_EQ(SearchNames(graph, "deepsek")[0].entity.id(), "org/deepseek");
  EXPECT_EQ(SearchNames(graph, "文心")[0].entity.id(), "product/ernie-bot");
  EXPECT_EQ(SearchNames(graph, "cambricn")[0].entity.id(), "org/cambricon");
}

}  // namespace
}  // namespace aikg
