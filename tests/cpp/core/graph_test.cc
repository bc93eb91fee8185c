#include "aikg/graph.h"
#include "aikg/view.h"
#include "internal/graph_data.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Ids(const std::vector<Statement>& statements) {
  std::vector<std::string> ids;
  for (const Statement& s : statements) ids.emplace_back(s.id());
  return ids;
}

TEST(Graph, ExposesEntitiesWithAliasesAndTypedAttributes) {
  Graph graph = testing::LoadTiny();
  EXPECT_EQ(graph.entity_count(), 7u);
  EXPECT_EQ(graph.statement_count(), 14u);
  EXPECT_EQ(graph.source_count(), 2u);
  EXPECT_EQ(graph.edge_count(), 7u);

  std::optional<Entity> alibaba = graph.FindEntity("org/alibaba");
  ASSERT_TRUE(alibaba.has_value());
  EXPECT_EQ(alibaba->name(), "Alibaba Group");
  EXPECT_EQ(alibaba->type_name(), "Company");
  EXPECT_THAT(alibaba->aliases(), ElementsAre(Alias{"阿里巴巴", "zh"}, Alias{"Alibaba", "en"}));
  EXPECT_EQ(std::get<TimePoint>(*alibaba->attribute("founded")), TimePoint::Year(1999));
  EXPECT_EQ(std::get<int64_t>(*alibaba->attribute("employees")), 204891);
  EXPECT_EQ(std::get<double>(*alibaba->attribute("margin")), 0.125);
  EXPECT_EQ(std::get<bool>(*alibaba->attribute("listed")), true);
  EXPECT_EQ(std::get<std::string_view>(*alibaba->attribute("ticker")), "BABA");
  EXPECT_FALSE(alibaba->attribute("colour").has_value());
  EXPECT_FALSE(graph.FindEntity("org/unknown").has_value());
}

TEST(Graph, FindsByNameAndAliasIgnoringCaseAndAccents) {
  Graph graph = testing::LoadTiny();
  auto ids = [&](std::string_view name) {
    std::vector<std::string> found;
    for (const Entity& e : graph.FindByName(name)) found.emplace_back(e.id());
    return found;
  };
  EXPECT_THAT(ids("alibaba"), ElementsAre("org/alibaba"));
  EXPECT_THAT(ids("ALIBABA GROUP"), ElementsAre("org/alibaba"));
  EXPECT_THAT(ids("阿里巴巴"), ElementsAre("org/alibaba"));
  EXPECT_THAT(ids("etats-unis"), ElementsAre("country/us"));
  EXPECT_THAT(ids("chine"), ElementsAre("country/cn"));
  EXPECT_THAT(ids("深度求索"), ElementsAre("org/deepseek"));
  EXPECT_THAT(ids("nobody"), ElementsAre());
}

TEST(Graph, StatementsCarryValuesTimesModalitiesAndSources) {
  Graph graph = testing::LoadTiny();
  Statement revenue = *graph.FindStatement("st/3");
  EXPECT_EQ(revenue.subject().id(), "org/alibaba");
  EXPECT_EQ(revenue.predicate_name(), "revenue");
  EXPECT_EQ(revenue.kind(), RangeKind::kQuantity);
  ASSERT_TRUE(revenue.quantity().has_value());
  EXPECT_EQ(revenue.quantity()->amount, 34.7e9);
  EXPECT_EQ(revenue.quantity()->unit, "USD");
  EXPECT_EQ(revenue.quantity()->bound, Bound::kExact);
  EXPECT_FALSE(revenue.object().has_value());
  EXPECT_EQ(revenue.valid(), ValidTime::At(TimePoint::Quarter(2025, 2)));
  EXPECT_EQ(revenue.period(), TimePoint::Quarter(2025, 2));
  EXPECT_EQ(revenue.modality(), Modality::kReported);
  ASSERT_EQ(revenue.citations().size(), 1u);
  EXPECT_EQ(graph.source(revenue.citations()[0].source).id(), "src/letter");
  EXPECT_EQ(revenue.citations()[0].locator, "Alibaba");
  EXPECT_FALSE(revenue.confidence().has_value());

  Statement users = *graph.FindStatement("st/5");
  EXPECT_EQ(users.quantity()->bound, Bound::kAtLeast);
  EXPECT_EQ(users.quantity()->amount, 97e6);

  Statement forecast = *graph.FindStatement("st/11");
  EXPECT_EQ(forecast.modality(), Modality::kForecast);
  EXPECT_EQ(forecast.quantity()->bound, Bound::kAbout);
  EXPECT_EQ(forecast.quantity()->lower, 240e9);
  EXPECT_EQ(forecast.quantity()->upper, 260e9);
  EXPECT_EQ(forecast.valid().from.ToString(), "end of 2025");

  Statement restriction = *graph.FindStatement("st/2");
  EXPECT_EQ(restriction.object()->id(), "chip/h100");
  EXPECT_EQ(restriction.valid().from, TimePoint::Year(2022));
  EXPECT_FALSE(restriction.valid().to.is_set());
  EXPECT_EQ(restriction.confidence(), 0.9);

  EXPECT_EQ(graph.FindStatement("st/8")->text()->text, "Vers l’ère des agents 🚀");
  EXPECT_EQ(graph.FindStatement("st/8")->text()->lang, "fr");
  EXPECT_EQ(graph.FindStatement("st/9")->date(), TimePoint::Day(2025, 1, 20));
  EXPECT_EQ(graph.FindStatement("st/10")->boolean(), true);
  EXPECT_THAT(graph.FindStatement("st/4")->qualifiers(), ElementsAre(Qualifier{"comparison", "year over year"}));
}

TEST(Graph, SourcesKeepTheirRelayChain) {
  Graph graph = testing::LoadTiny();
  Source wire = *graph.FindSource("src/wire");
  EXPECT_EQ(wire.kind(), SourceKind::kNewsWire);
  EXPECT_EQ(wire.published().ToString(), "2025-09-04T15:20");
  ASSERT_TRUE(wire.via().has_value());
  EXPECT_EQ(wire.via()->id(), "src/letter");
  EXPECT_FALSE(wire.via()->via().has_value());
  EXPECT_EQ(graph.FindSource("src/letter")->author(), "Théo");
}

TEST(Graph, KeepsParallelEdgesAndValueStatementsPerSubject) {
  Graph graph = testing::LoadTiny();
  EntityIndex nvidia = graph.FindEntity("org/nvidia")->index();
  // The same relation from two sources is two statements.
  EXPECT_THAT(Ids(graph.StatementsAbout(nvidia)), ElementsAre("st/1", "st/12"));
  EntityIndex h100 = graph.FindEntity("chip/h100")->index();
  EXPECT_THAT(Ids(graph.StatementsPointingTo(h100)), ElementsAre("st/1", "st/2", "st/12"));
  EntityIndex alibaba = graph.FindEntity("org/alibaba")->index();
  EXPECT_THAT(Ids(graph.StatementsAbout(alibaba)), ElementsAre("st/3", "st/4", "st/11", "st/13"));
  EXPECT_THAT(Ids(graph.StatementsPointingTo(alibaba)), ElementsAre("st/7"));
}

ChangeSet SmallChange() {
  ChangeSet changes;
  changes.sources.push_back({.id = "src/post", .kind = SourceKind::kSocialMediaPost, .publisher = "DeepSeek"});
  changes.entities.push_back({.id = "model/v31", .type = "AIModel", .name = "DeepSeek-V3.1"});
  changes.statements.push_back({.id = "st/v31",
                                .subject = "org/deepseek",
                                .predicate = "develops",
                                .value = EntityId{"model/v31"},
                                .valid = ValidTime::At(TimePoint::Day(2025, 8, 21)),
                                .modality = Modality::kClaim,
                                .sources = {{"src/post", "tweet"}}});
  return changes;
}

TEST(Graph, AppliesChangeSets) {
  Graph graph = testing::LoadTiny();
  ASSERT_TRUE(graph.Apply(SmallChange()).ok());
  EXPECT_EQ(graph.statement_count(), 15u);
  EXPECT_EQ(graph.FindStatement("st/v31")->object()->name(), "DeepSeek-V3.1");
  EXPECT_THAT(Ids(graph.StatementsAbout(graph.FindEntity("org/deepseek")->index())),
              ElementsAre("st/6", "st/7", "st/8", "st/14", "st/v31"));
  // The identical batch again merges into what is there.
  ASSERT_TRUE(graph.Apply(SmallChange()).ok());
  EXPECT_EQ(graph.statement_count(), 15u);
  EXPECT_EQ(graph.entity_count(), 8u);
}

TEST(Graph, FailedChangeSetChangesNothing) {
  Graph graph = testing::LoadTiny();
  ChangeSet changes = SmallChange();
  // A good quantity with bounds before the bad one: its record and bounds go with the batch.
  changes.statements.push_back({.id = "st/bounded",
                                .subject = "org/deepseek",
                                .predicate = "revenue",
                                .value = Quantity{.amount = 5, .unit = "USD", .lower = 4, .upper = 6},
                                .sources = {{"src/post", ""}}});
  const size_t quantities = graph.data().quantities.size();
  const size_t quantity_bounds = graph.data().quantity_bounds.size();
  changes.statements.push_back({.id = "st/bad",
                                .subject = "model/v31",
                                .predicate = "users",
                                .value = Quantity{.amount = 5, .unit = "USD"},
                                .sources = {{"src/post", ""}}});
  changes.entities.push_back({.id = "org/alibaba", .type = "Company", .name = "Alibaba"});
  std::vector<Diagnostic> problems;
  absl::Status status = graph.Apply(changes, &problems);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].Format(),
            "<changes>: entity 'org/alibaba' clashes with its definition in the graph before this load: "
            "different name (at /entities/1/id)");
  EXPECT_EQ(problems[1].Format(),
            "<changes>: unit 'USD' is not allowed for predicate 'users' (allowed: users) (at /statements/2/value/unit)");
  EXPECT_EQ(graph.entity_count(), 7u);
  EXPECT_EQ(graph.statement_count(), 14u);
  EXPECT_EQ(graph.source_count(), 2u);
  EXPECT_FALSE(graph.FindEntity("model/v31").has_value());
  EXPECT_FALSE(graph.FindSource("src/post").has_value());
  EXPECT_TRUE(graph.FindByName("DeepSeek-V3.1").empty());
  EXPECT_EQ(graph.edge_count(), 7u);
  EXPECT_EQ(graph.data().quantities.size(), quantities);
  EXPECT_EQ(graph.data().quantity_bounds.size(), quantity_bounds);
  // And the graph still takes a good batch afterwards.
  EXPECT_TRUE(graph.Apply(SmallChange()).ok());
}

// A failed batch also forgets the locators it introduced (the graph keeps each distinct locator
// once), and ids it dropped can be taken by a later batch.
TEST(Graph, FailedChangeSetForgetsItsLocators) {
  Graph graph = testing::LoadTiny();
  ChangeSet failing = SmallChange();
  failing.statements[0].sources = {{"src/post", "thread, reply 4"}};
  failing.statements.push_back({.id = "st/bad", .subject = "org/nowhere", .predicate = "develops",
                                .value = EntityId{"model/v31"}, .sources = {{"src/post", "reply 5"}}});
  EXPECT_FALSE(graph.Apply(failing).ok());
  ChangeSet later = SmallChange();
  later.statements[0].sources = {{"src/post", "reply 5"}, {"src/post", ""}, {"src/post", "reply 5"}};
  ASSERT_TRUE(graph.Apply(later).ok());
  CitationList citations = graph.FindStatement("st/v31")->citations();
  ASSERT_EQ(citations.size(), 3u);
  EXPECT_EQ(citations[0], (Citation{graph.FindSource("src/post")->index(), "reply 5"}));
  EXPECT_EQ(citations[1].locator, "");
  EXPECT_EQ(citations[2].locator, "reply 5");
  std::vector<Citation> copied(citations.begin(), citations.end());
  EXPECT_EQ(copied.size(), 3u);
}

TEST(Graph, RefusesMoreCitationsThanAStatementCounts) {
  Graph graph = testing::LoadTiny();
  ChangeSet changes = SmallChange();
  changes.statements[0].sources.assign(65536, {"src/post", "tweet"});
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(graph.Apply(changes, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].Format(),
            "<changes>: a statement cites at most 65535 sources, not 65536 (at /statements/0/sources)");
  EXPECT_EQ(graph.statement_count(), 14u);
}

TEST(Graph, KeepsIdsUpToTheLongestAStatementStores) {
  Graph graph = testing::LoadTiny();
  ChangeSet longest = SmallChange();
  std::string id(65535, 'x');
  longest.statements[0].id = id;
  ASSERT_TRUE(graph.Apply(longest).ok());
  ASSERT_TRUE(graph.FindStatement(id).has_value());
  EXPECT_EQ(graph.FindStatement(id)->id(), id);

  ChangeSet too_long = SmallChange();
  std::string longer = id + "y";
  too_long.statements[0].id = longer;
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(graph.Apply(too_long, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].Format(), ::testing::EndsWith("(65536 bytes) is longer than 65535 bytes (at /statements/0/id)"));
  EXPECT_EQ(graph.statement_count(), 15u);
}

TEST(Graph, ApplyNeedsASchema) {
  Graph graph;
  EXPECT_EQ(graph.Apply(SmallChange()).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Graph, RejectsRelayCycles) {
  Graph graph = testing::LoadTiny();
  ChangeSet changes;
  changes.sources.push_back({.id = "src/a", .kind = SourceKind::kOther, .via = "src/b"});
  changes.sources.push_back({.id = "src/b", .kind = SourceKind::kOther, .via = "src/a"});
  absl::Status status = graph.Apply(changes);
  EXPECT_THAT(std::string(status.message()), HasSubstr("source 'src/a' relays itself through its 'via' chain"));
  EXPECT_EQ(graph.source_count(), 2u);
}

// N sources each relaying the next: resolved in one pass (this took minutes when each source
// walked its whole chain, at load and again in every KNOWN AT or source filter).
TEST(Graph, LongRelayChainsResolveOnce) {
  constexpr int kChain = 100000;
  // The inputs hold views: the ids live here.
  std::vector<std::string> chain_ids, loop_ids;
  for (int i = 0; i < kChain; ++i) {
    chain_ids.push_back("src/chain" + std::to_string(i));
    loop_ids.push_back("src/loop" + std::to_string(i));
  }
  auto id = [&](int i) -> std::string_view { return chain_ids[i]; };
  ChangeSet changes;
  for (int i = 0; i < kChain; ++i) {
    changes.sources.push_back(
        {.id = id(i), .kind = SourceKind::kOther, .via = i + 1 < kChain ? id(i + 1) : std::string_view()});
  }
  changes.sources.back().published = TimePoint::Day(2025, 10, 1);  // only the chain's end is dated
  changes.statements.push_back({.id = "st/relayed",
                                .subject = "org/deepseek",
                                .predicate = "develops",
                                .value = EntityId{"chip/h100"},
                                .modality = Modality::kClaim,
                                .sources = {{id(0), ""}}});
  Graph graph = testing::LoadTiny();
  absl::Status applied = graph.Apply(changes);
  ASSERT_TRUE(applied.ok()) << applied.message().substr(0, 1000);
  EXPECT_EQ(graph.source_count(), 2u + kChain);
  StatementIndex relayed = graph.FindStatement("st/relayed")->index();
  auto has_relayed = [&](const Filter& filter) {
    absl::StatusOr<View> view = View::Of(graph, filter);
    EXPECT_TRUE(view.ok()) << view.status();
    return view.ok() && view->ContainsStatement(relayed);
  };
  // Known from the date at the chain's end, and kept by a filter on that last source.
  EXPECT_FALSE(has_relayed({.known_at = absl::CivilDay(2025, 9, 30)}));
  EXPECT_TRUE(has_relayed({.known_at = absl::CivilDay(2025, 10, 1)}));
  EXPECT_TRUE(has_relayed({.sources = {chain_ids.back()}}));
  EXPECT_FALSE(has_relayed({.sources = {"src/letter"}}));

  // A long chain into a cycle is refused, and nothing changes.
  ChangeSet cycle;
  for (int i = 0; i < kChain; ++i) {
    cycle.sources.push_back(
        {.id = loop_ids[i], .kind = SourceKind::kOther, .via = loop_ids[i + 1 < kChain ? i + 1 : kChain / 2]});
  }
  absl::Status status = graph.Apply(cycle);
  EXPECT_THAT(std::string(status.message()), HasSubstr("source 'src/loop0' relays itself through its 'via' chain"));
  EXPECT_EQ(graph.source_count(), 2u + kChain);
}

}  // namespace
}  // namespace aikg
