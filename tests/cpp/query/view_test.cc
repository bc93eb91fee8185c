#include "aikg/view.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "aikg/algorithms.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> StatementIds(const View& view) {
  std::vector<std::string> ids;
  for (StatementIndex i = 0; i < view.graph().statement_count(); ++i) {
    if (view.ContainsStatement(i)) ids.emplace_back(view.graph().statement(i).id());
  }
  return ids;
}

EntityIndex Id(const Graph& graph, std::string_view id) { return graph.FindEntity(id)->index(); }

TEST(View, WholeGraph) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EXPECT_EQ(view.entity_count(), 7u);
  EXPECT_EQ(view.statement_count(), 14u);
}

TEST(View, TypesIncludeSubtypesAndHideDanglingStatements) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<View> organizations = View::Of(graph, {.entity_types = {"Organization"}});
  ASSERT_TRUE(organizations.ok());
  EXPECT_EQ(organizations->entity_count(), 3u);
  // Values of organizations stay; edges leaving the view go.
  EXPECT_THAT(StatementIds(*organizations), ElementsAre("st/3", "st/4", "st/7", "st/8", "st/11"));
}

TEST(View, PredicatesModalitiesAndSources) {
  Graph graph = testing::LoadTiny();
  EXPECT_THAT(StatementIds(*View::Of(graph, {.predicates = {"develops"}})), ElementsAre("st/1", "st/6", "st/12"));
  EXPECT_THAT(StatementIds(*View::Of(graph, {.modalities = {Modality::kClaim, Modality::kForecast}})),
              ElementsAre("st/8", "st/10", "st/11", "st/12"));
  // The wire's claims; asking for the letter also keeps what the wire (which it relays) says.
  EXPECT_THAT(StatementIds(*View::Of(graph, {.sources = {"src/wire"}})),
              ElementsAre("st/6", "st/8", "st/9", "st/10", "st/12"));
  EXPECT_EQ(View::Of(graph, {.sources = {"src/letter"}})->statement_count(), 14u);
}

TEST(View, ValidAtRespectsPrecision) {
  Graph graph = testing::LoadTiny();
  // st/6 is "early 2025" (Jan–Apr): not yet at 2024-12-31, may hold on 2025-02-01.
  std::vector<std::string> end_2024 = StatementIds(*View::Of(graph, {.valid_at = absl::CivilDay(2024, 12, 31)}));
  EXPECT_THAT(end_2024, ::testing::Not(::testing::Contains("st/6")));
  EXPECT_THAT(end_2024, ::testing::Contains("st/2"));  // open interval from 2022
  EXPECT_THAT(end_2024, ::testing::Not(::testing::Contains("st/7")));  // undated: left out by default
  EXPECT_THAT(StatementIds(*View::Of(graph, {.valid_at = absl::CivilDay(2025, 2, 1)})), ::testing::Contains("st/6"));
}

TEST(View, UndatedStatementsCountFromTheirSourcesPublication) {
  Graph graph = testing::LoadTiny();
  // st/7 is undated and cited by the letter (2025-09, so from 2025-09-01); st/8 by the wire, which
  // the letter relays, published 2025-09-04.
  auto ids = [&](Filter filter) { return StatementIds(*View::Of(graph, filter)); };
  EXPECT_THAT(ids({.valid_at = absl::CivilDay(2025, 12, 31)}), ::testing::Not(::testing::Contains("st/7")));
  EXPECT_THAT(ids({.valid_at = absl::CivilDay(2025, 12, 31), .include_undated = true}),
              ::testing::IsSupersetOf({"st/7", "st/8"}));
  std::vector<std::string> third = ids({.valid_at = absl::CivilDay(2025, 9, 3), .include_undated = true});
  EXPECT_THAT(third, ::testing::Contains("st/7"));
  EXPECT_THAT(third, ::testing::Not(::testing::Contains("st/8")));
  std::vector<std::string> end_2024 = ids({.valid_at = absl::CivilDay(2024, 12, 31), .include_undated = true});
  EXPECT_THAT(end_2024, ::testing::Not(::testing::Contains("st/7")));
  EXPECT_THAT(end_2024, ::testing::Contains("st/2"));  // dated statements are unaffected
  // A period counts up to its last day; an open-ended one keeps every undated statement.
  ValidTime q3 = ValidTime::At(TimePoint::Quarter(2025, 3));
  EXPECT_THAT(ids({.valid_during = q3, .include_undated = true}), ::testing::IsSupersetOf({"st/7", "st/8"}));
  EXPECT_THAT(ids({.valid_during = q3}), ::testing::Not(::testing::Contains("st/7")));
  ValidTime from_2020{TimePoint::Year(2020), TimePoint()};
  EXPECT_THAT(ids({.valid_during = from_2020, .include_undated = true}), ::testing::Contains("st/7"));
  // Without a valid-time filter the flag changes nothing.
  EXPECT_EQ(View::Of(graph, {.include_undated = true})->statement_count(), 14u);
}

TEST(View, ValidDuringOverlaps) {
  Graph graph = testing::LoadTiny();
  ValidTime q2{TimePoint::Quarter(2025, 2), TimePoint::Quarter(2025, 2)};
  std::vector<std::string> ids = StatementIds(*View::Of(graph, {.valid_during = q2}));
  EXPECT_THAT(ids, ::testing::IsSupersetOf({"st/2", "st/3", "st/4", "st/5"}));
  EXPECT_THAT(ids, ::testing::Not(::testing::Contains("st/1")));   // 2022
  EXPECT_THAT(ids, ::testing::Not(::testing::Contains("st/11")));  // end of 2025
}

// The time filters go through the interval index; this scan states their meaning directly, on
// the newsletter's dated statements, for days and windows across its years.
TEST(View, TimeFiltersMatchAScanOfValidTimes) {
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")});
  ASSERT_TRUE(status.ok()) << status.message();
  auto span = [](const ValidTime& valid) {
    return std::pair{valid.from.is_set() ? valid.from.first_day() : absl::CivilDay(1, 1, 1),
                     valid.to.is_set() ? valid.to.last_day() : absl::CivilDay(9999, 12, 31)};
  };
  auto scan = [&](auto keep) {
    std::vector<std::string> ids;
    for (StatementIndex i = 0; i < graph.statement_count(); ++i) {
      ValidTime valid = graph.statement(i).valid();
      if (valid.is_set() && keep(valid)) ids.emplace_back(graph.statement(i).id());
    }
    return ids;
  };
  size_t checked = 0;
  for (absl::CivilDay day(2018, 1, 1); day < absl::CivilDay(2027, 1, 1); day += 23) {
    std::vector<std::string> expected = scan([&](const ValidTime& valid) {
      // Started by `day`; an interval must not have ended before it (a point holds from then on).
      return span(valid).first <= day && (valid.is_point() || span(valid).second >= day);
    });
    ASSERT_EQ(StatementIds(*View::Of(graph, {.valid_at = day})), expected) << day;
    checked += expected.size();
    // Composed with a statement filter, and a filter of a filtered view.
    View reported = *View::Of(graph, {.modalities = {Modality::kReported}});
    View both = *reported.Filtered({.valid_at = day});
    std::set<std::string> valid_ids(expected.begin(), expected.end());
    for (StatementIndex i = 0; i < graph.statement_count(); ++i) {
      bool valid = valid_ids.contains(std::string(graph.statement(i).id()));
      ASSERT_EQ(both.ContainsStatement(i), valid && reported.ContainsStatement(i)) << graph.statement(i).id();
    }
  }
  for (int year = 2018; year <= 2026; ++year) {
    for (int quarter = 1; quarter <= 4; ++quarter) {
      ValidTime window = ValidTime::At(TimePoint::Quarter(year, quarter));
      auto [first, last] = span(window);
      std::vector<std::string> expected = scan([&](const ValidTime& valid) {
        return span(valid).first <= last && first <= span(valid).second;
      });
      ASSERT_EQ(StatementIds(*View::Of(graph, {.valid_during = window})), expected) << year << "Q" << quarter;
      checked += expected.size();
    }
  }
  ValidTime from_2025{TimePoint::Year(2025), TimePoint()};
  EXPECT_EQ(StatementIds(*View::Of(graph, {.valid_during = from_2025})),
            scan([&](const ValidTime& valid) { return span(valid).second >= absl::CivilDay(2025, 1, 1); }));
  EXPECT_GT(checked, 1000u);  // the days and windows meet many statements
}

TEST(View, KnownAtUsesPublicationDates) {
  Graph graph = testing::LoadTiny();
  EXPECT_EQ(View::Of(graph, {.known_at = absl::CivilDay(2025, 8, 31)})->statement_count(), 0u);
  // The letter (2025-09) may be out on the 3rd; the wire (4 Sep) is not.
  std::vector<std::string> third = StatementIds(*View::Of(graph, {.known_at = absl::CivilDay(2025, 9, 3)}));
  EXPECT_THAT(third, ::testing::Not(::testing::Contains("st/12")));
  EXPECT_THAT(third, ::testing::Contains("st/6"));  // also in the letter
  EXPECT_EQ(View::Of(graph, {.known_at = absl::CivilDay(2025, 9, 4)})->statement_count(), 14u);
}

TEST(View, FiltersCompose) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<View> claims = View::Of(graph, {.modalities = {Modality::kClaim}});
  absl::StatusOr<View> edges = claims->Filtered({.predicates = {"develops"}});
  EXPECT_THAT(StatementIds(*edges), ElementsAre("st/12"));
}

TEST(View, UnknownNamesAreErrors) {
  Graph graph = testing::LoadTiny();
  EXPECT_EQ(View::Of(graph, {.entity_types = {"Startup"}}).status().message(), "unknown entity type 'Startup'");
  EXPECT_EQ(View::Of(graph, {.predicates = {"builds"}}).status().message(), "unknown predicate 'builds'");
  EXPECT_EQ(View::Of(graph, {.sources = {"src/x"}}).status().message(), "unknown source 'src/x'");
  EXPECT_EQ(View::Of(graph, {.entity_ids = {"org/x"}}).status().message(), "unknown entity 'org/x'");
}

TEST(View, NeighborsByDirection) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex h100 = Id(graph, "chip/h100");
  std::vector<Hop> in = view.Neighbors(h100, Direction::kIn);
  ASSERT_EQ(in.size(), 3u);
  EXPECT_EQ(graph.statement(in[0].statement).id(), "st/1");
  EXPECT_EQ(in[0].neighbor, Id(graph, "org/nvidia"));
  EXPECT_FALSE(in[0].forward);
  EXPECT_TRUE(view.Neighbors(h100, Direction::kOut).empty());
  EXPECT_EQ(view.Neighbors(Id(graph, "org/deepseek"), Direction::kBoth).size(), 3u);
  EXPECT_EQ(view.Values(Id(graph, "org/alibaba")).size(), 3u);
}

TEST(View, MadeBeforeABatchSeesWhatWasThere) {
  Graph graph = testing::LoadTiny();
  View before(graph);
  ChangeSet changes;
  changes.entities.push_back({.id = "chip/b200", .type = "Chip", .name = "B200"});
  changes.statements.push_back({.id = "st/b200", .subject = "org/nvidia", .predicate = "develops",
                                .value = EntityId{"chip/b200"}, .sources = {{"src/letter", ""}}});
  EXPECT_EQ(before.DistinctNeighbors(Id(graph, "org/nvidia"), Direction::kOut).size(), 1u);  // lists built now
  ASSERT_TRUE(graph.Apply(changes).ok());
  EntityIndex nvidia = Id(graph, "org/nvidia");
  EXPECT_EQ(before.Neighbors(nvidia, Direction::kOut).size(), 2u);
  EXPECT_EQ(View(graph).Neighbors(nvidia, Direction::kOut).size(), 3u);
  EXPECT_FALSE(before.Contains(Id(graph, "chip/b200")));
  // The old view hides the new statement, so it no longer counts as showing everything; the
  // neighbour lists built before the batch were rebuilt for it.
  EXPECT_FALSE(before.HidesNothing());
  EXPECT_EQ(before.DistinctNeighbors(nvidia, Direction::kOut).size(), 1u);
  EXPECT_THAT(View(graph).DistinctNeighbors(nvidia, Direction::kOut),
              ElementsAre(Id(graph, "chip/h100"), Id(graph, "chip/b200")));
  EXPECT_EQ(before.Filtered({.predicates = {"develops"}})->statement_count(), 3u);
}

TEST(View, ExpandAndEgo) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  auto reached = view.Expand({Id(graph, "org/alibaba")}, 1, Direction::kBoth);
  std::vector<std::pair<std::string, int>> named;
  for (auto [entity, distance] : reached) named.emplace_back(graph.entity(entity).id(), distance);
  EXPECT_THAT(named, ElementsAre(std::pair<std::string, int>{"org/alibaba", 0},
                                 std::pair<std::string, int>{"country/cn", 1},
                                 std::pair<std::string, int>{"org/deepseek", 1}));
  View ego = view.Ego({Id(graph, "org/alibaba")}, 1, Direction::kBoth);
  EXPECT_EQ(ego.entity_count(), 3u);
  // Alibaba's three values, its two edges, and DeepSeek's edge to China, inside the ego.
  EXPECT_THAT(StatementIds(ego), UnorderedElementsAre("st/3", "st/4", "st/7", "st/8", "st/11", "st/13", "st/14"));
}

TEST(View, NeighborhoodSizesCountWhatExpandReaches) {
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex alibaba = Id(graph, "org/alibaba");
  // Alibaba, China and DeepSeek; the same seed twice counts twice; 0 hops is the seed alone.
  EXPECT_THAT(view.NeighborhoodSizes({alibaba, alibaba}, 1, Direction::kBoth), ElementsAre(3u, 3u));
  EXPECT_THAT(view.NeighborhoodSizes({alibaba}, 0, Direction::kBoth), ElementsAre(1u));
  // A seed outside the view counts 0; hidden entities are not counted.
  View companies = *View::Of(graph, {.entity_types = {"Company"}});
  EXPECT_THAT(companies.NeighborhoodSizes({Id(graph, "country/cn"), alibaba}, 1, Direction::kBoth),
              ElementsAre(0u, 2u));

  Graph newsletter;
  absl::Status status = LoadJsonFiles(newsletter, {testing::Dataset("china-ai-2025-09.json")});
  ASSERT_TRUE(status.ok()) << status.message();
  View all(newsletter);
  std::vector<EntityIndex> seeds;
  for (EntityIndex e = 0; e < newsletter.entity_count(); ++e) seeds.push_back(e);
  for (Direction direction : {Direction::kBoth, Direction::kOut, Direction::kIn}) {
    for (int hops : {1, 2, 3}) {
      std::vector<uint32_t> sizes = all.NeighborhoodSizes(seeds, hops, direction);
      for (EntityIndex e : seeds) {
        ASSERT_EQ(sizes[e], all.Expand({e}, hops, direction).size()) << "entity " << e << ", " << hops << " hops";
      }
    }
  }
}

TEST(View, NeighborhoodSizesStayRightAsTheMarksWrapAround) {
  // The walks' visit marks take a new 16-bit generation per search, skipping 0 when it wraps
  // around: 65 535 searches after one, the generation is the same again, and only the clearing
  // at the wrap keeps the old search's marks from counting as the new one's.
  Graph graph = testing::LoadTiny();
  View view(graph);
  EntityIndex alibaba = Id(graph, "org/alibaba");
  std::vector<uint32_t> first = view.NeighborhoodSizes({alibaba}, 2, Direction::kBoth);
  EXPECT_THAT(first, ElementsAre(4u));
  view.NeighborhoodSizes(std::vector<EntityIndex>(65'534, Id(graph, "chip/h100")), 0, Direction::kBoth);
  EXPECT_EQ(view.NeighborhoodSizes({alibaba}, 2, Direction::kBoth), first);
}

// A random graph over the tiny schema: a few dozen entities and up to a few hundred edges, most of
// them at a few hubs (picked with a skew), with parallel edges, self-loops and isolated entities,
// mixed modalities and a value statement now and then.
std::string RandomNeighborhoodGraph(std::mt19937& random) {
  auto below = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  // Low indexes far more often: hubs.
  auto skewed = [&](const std::vector<std::string>& ids) {
    double u = std::uniform_real_distribution<double>(0, 1)(random);
    return ids[std::min(ids.size() - 1, static_cast<size_t>(ids.size() * u * u * u))];
  };
  std::map<std::string, std::vector<std::string>> ids;  // by type
  std::string entities;
  for (const char* type : {"Company", "Organization", "Country", "Chip", "AIModel"}) {
    size_t count = 1 + below(12);
    for (size_t i = 0; i < count; ++i) {
      std::string id = std::string(type) + "/" + std::to_string(i);
      ids[type].push_back(id);
      if (!entities.empty()) entities += ",\n";
      entities += R"({"id": ")" + id + R"(", "type": ")" + type + R"(", "name": ")" + id + R"("})";
    }
  }
  std::vector<std::string> organizations = ids["Organization"];
  organizations.insert(organizations.end(), ids["Company"].begin(), ids["Company"].end());
  const std::vector<std::string> modalities = {"reported", "claim", "forecast"};
  std::string statements;
  size_t statement_count = below(300);
  for (size_t i = 0; i < statement_count; ++i) {
    std::string subject, predicate, object;
    switch (below(5)) {
      case 0: subject = skewed(organizations), predicate = "develops", object = skewed(ids["Chip"]); break;
      case 1: subject = skewed(organizations), predicate = "develops", object = skewed(ids["AIModel"]); break;
      case 2: subject = skewed(organizations), predicate = "located_in", object = skewed(ids["Country"]); break;
      case 3: subject = skewed(ids["Country"]), predicate = "restricts_export_of", object = skewed(ids["Chip"]); break;
      default: subject = skewed(organizations), predicate = "competes_with", object = skewed(organizations); break;
    }
    std::string body = below(10) == 0 ? R"("subject": ")" + subject + R"(", "predicate": "slogan", "value": {"text": "s"})"
                                      : R"("subject": ")" + subject + R"(", "predicate": ")" + predicate +
                                            R"(", "object": ")" + object + "\"";
    if (!statements.empty()) statements += ",\n";
    statements += R"({"id": "st/)" + std::to_string(i) + "\", " + body + R"(, "modality": ")" +
                  modalities[below(modalities.size())] + R"(", "sources": [{"source": "src/s"}]})";
  }
  return testing::TinyDocument(R"("sources": [{"id": "src/s", "kind": "report"}], "entities": [)" + entities +
                               R"(], "statements": [)" + statements + "]");
}

// For each seed, the distance of every entity within `hops` steps of it in `view`: a plain
// breadth-first search over the view's edge statements, read one by one (no adjacency, no
// neighbour lists); empty for a seed outside the view.
std::map<EntityIndex, int> Reference(const View& view, EntityIndex seed, int hops, Direction direction) {
  std::map<EntityIndex, int> distance;
  if (!view.Contains(seed)) return distance;
  std::vector<std::set<EntityIndex>> next(view.graph().entity_count());
  for (StatementIndex i = 0; i < view.graph().statement_count(); ++i) {
    Statement statement = view.graph().statement(i);
    std::optional<Entity> object = statement.object();
    if (!view.ContainsStatement(i) || !object) continue;
    EntityIndex from = statement.subject().index(), to = object->index();
    if (!view.Contains(from) || !view.Contains(to)) continue;
    if (direction != Direction::kIn) next[from].insert(to);
    if (direction != Direction::kOut) next[to].insert(from);
  }
  std::vector<EntityIndex> queue = {seed};
  distance[seed] = 0;
  for (size_t at = 0; at < queue.size(); ++at) {
    int d = distance[queue[at]];
    if (d == hops) continue;
    for (EntityIndex neighbor : next[queue[at]]) {
      if (distance.emplace(neighbor, d + 1).second) queue.push_back(neighbor);
    }
  }
  return distance;
}

TEST(View, NeighborhoodsOfRandomGraphsMatchAPlainSearch) {
  std::mt19937 random(20261129);
  for (int trial = 0; trial < 40; ++trial) {
    Graph graph;
    absl::Status status = testing::LoadString(graph, RandomNeighborhoodGraph(random));
    ASSERT_TRUE(status.ok()) << status.message();
    // Everything (the neighbour lists), hidden statements, hidden entities (and so statements),
    // and a sub-view made by a traversal.
    std::vector<View> views = {View(graph), *View::Of(graph, {.predicates = {"develops", "competes_with"}}),
                               *View::Of(graph, {.modalities = {Modality::kReported}}),
                               *View::Of(graph, {.entity_types = {"Organization", "Chip"}})};
    views.push_back(views[0].Ego({0}, 2, Direction::kBoth));
    // Every entity, one of them twice, and two indexes past the last entity.
    std::vector<EntityIndex> seeds;
    for (EntityIndex e = 0; e < graph.entity_count(); ++e) seeds.push_back(e);
    seeds.push_back(seeds.size() / 2);
    seeds.push_back(graph.entity_count());
    seeds.push_back(graph.entity_count() + 100);
    for (size_t v = 0; v < views.size(); ++v) {
      const View& view = views[v];
      for (Direction direction : {Direction::kBoth, Direction::kOut, Direction::kIn}) {
        for (int hops : {0, 1, 2, 3, 5}) {
          std::vector<uint32_t> sizes = view.NeighborhoodSizes(seeds, hops, direction);
          Neighborhoods found = view.ExpandEach(seeds, hops, direction);
          ASSERT_EQ(sizes.size(), seeds.size());
          ASSERT_EQ(found.offsets.size(), seeds.size() + 1);
          ASSERT_EQ(found.offsets.back(), found.entities.size());
          for (size_t i = 0; i < seeds.size(); ++i) {
            std::map<EntityIndex, int> expected = Reference(view, seeds[i], hops, direction);
            SCOPED_TRACE(::testing::Message() << "trial " << trial << ", view " << v << ", seed " << seeds[i]
                                              << ", " << hops << " hops, direction " << static_cast<int>(direction));
            ASSERT_EQ(sizes[i], expected.size());
            // The row: the same entities but the seed, each once, nearest first.
            std::vector<EntityIndex> row(found.entities.begin() + found.offsets[i],
                                         found.entities.begin() + found.offsets[i + 1]);
            std::map<EntityIndex, int> listed;
            int last_distance = 1;
            for (EntityIndex entity : row) {
              ASSERT_TRUE(expected.contains(entity)) << "entity " << entity;
              ASSERT_TRUE(listed.emplace(entity, expected[entity]).second) << "entity " << entity << " twice";
              ASSERT_GE(expected[entity], last_distance);
              last_distance = expected[entity];
            }
            ASSERT_EQ(listed.size() + (expected.empty() ? 0 : 1), expected.size());
          }
        }
      }
    }
  }
}

// What the neighbour lists of a view that hides nothing must give: the visible neighbours in
// adjacency order, each once, as ForEachHop walks them.
std::vector<EntityIndex> WalkedNeighbors(const View& view, EntityIndex entity, Direction direction) {
  std::vector<EntityIndex> neighbors;
  if (!view.Contains(entity)) return neighbors;
  view.ForEachHop(entity, direction, [&](const Hop& hop) {
    if (std::find(neighbors.begin(), neighbors.end(), hop.neighbor) == neighbors.end()) {
      neighbors.push_back(hop.neighbor);
    }
  });
  return neighbors;
}

TEST(View, HidesNothingOnlyWhenEveryBitIsSet) {
  Graph graph = testing::LoadTiny();
  EXPECT_TRUE(View(graph).HidesNothing());
  EXPECT_TRUE(View::Of(graph, {.modalities = {}})->HidesNothing());
  EXPECT_FALSE(View::Of(graph, {.predicates = {"develops"}})->HidesNothing());
  EXPECT_FALSE(View::Of(graph, {.entity_types = {"Company"}})->HidesNothing());
}

TEST(View, TraversalsAgreeWithAndWithoutNeighborLists) {
  Graph newsletter;
  absl::Status status = LoadJsonFiles(newsletter, {testing::Dataset("china-ai-2025-09.json")});
  ASSERT_TRUE(status.ok()) << status.message();
  View all(newsletter);
  ASSERT_TRUE(all.HidesNothing());
  View companies = *View::Of(newsletter, {.entity_types = {"Company"}});
  std::vector<EntityIndex> seeds;
  for (EntityIndex e = 0; e < newsletter.entity_count(); ++e) seeds.push_back(e);
  for (const View* view : {&all, &companies}) {
    for (Direction direction : {Direction::kBoth, Direction::kOut, Direction::kIn}) {
      std::vector<uint32_t> degree = Degree(*view, direction);
      for (int hops : {0, 1, 2, 3}) {
        Neighborhoods found = view->ExpandEach(seeds, hops, direction);
        ASSERT_EQ(found.offsets.size(), seeds.size() + 1);
        ASSERT_EQ(found.offsets.back(), found.entities.size());
        for (EntityIndex e : seeds) {
          // Expand's breadth-first order, without the seed; nothing for an entity outside the view.
          std::vector<EntityIndex> expected;
          for (auto [entity, distance] : view->Expand({e}, hops, direction)) {
            if (distance > 0) expected.push_back(entity);
          }
          std::vector<EntityIndex> row(found.entities.begin() + found.offsets[e],
                                       found.entities.begin() + found.offsets[e + 1]);
          ASSERT_EQ(row, expected) << "entity " << e << ", " << hops << " hops";
        }
      }
      for (EntityIndex e : seeds) {
        ASSERT_EQ(view->DistinctNeighbors(e, direction), WalkedNeighbors(*view, e, direction)) << "entity " << e;
        if (!view->Contains(e)) continue;
        size_t edges = 0;
        view->ForEachHop(e, direction, [&](const Hop&) { ++edges; });
        ASSERT_EQ(degree[e], edges) << "entity " << e;
      }
    }
  }
}

}  // namespace
}  // namespace aikg
