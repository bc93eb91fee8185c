// Tests of the Wikidata importer (aikg/import.h, docs/import-wikidata.md) through the shipped
// mapping (datasets/mappings/wikidata.json) on invented items written in Wikidata's JSON layout
// (tests/data/import/wikidata): a Chinese AI company with a dated revenue series, its model, a
// GPU and its maker, a country, a city and a news outlet.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/aikg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

std::filesystem::path Fixture(const std::string& name) { return testing::TestData("import/wikidata/" + name); }

WikidataMapping ShippedMapping() {
  absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadFile(testing::Dataset("mappings/wikidata.json"));
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  return *mapping;
}

// The shipped mapping with `from` replaced by `to` in its text.
WikidataMapping EditedMapping(const std::string& from, const std::string& to) {
  std::string text = testing::ReadFile(testing::Dataset("mappings/wikidata.json"));
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadString(text, "edited.json");
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  return *mapping;
}

// An empty graph typed by the AI-industry ontology.
Graph EmptyGraph() {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::Dataset("ai-industry.schema.json"));
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return Graph(std::make_shared<const Schema>(std::move(*schema)));
}

// The newsletter dataset: DeepSeek, DeepSeek-R1 and China are already there.
Graph NewsletterGraph() {
  Graph graph;
  absl::Status loaded = LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")});
  EXPECT_TRUE(loaded.ok()) << loaded.message();
  return graph;
}

ImportReport Import(Graph& graph, const std::string& fixture, const ImportOptions& options = {}) {
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report = ImportWikidata(graph, Fixture(fixture), ShippedMapping(), options, &problems);
  EXPECT_TRUE(report.ok()) << report.status().message();
  EXPECT_THAT(problems, IsEmpty());
  return report.ok() ? *report : ImportReport();
}

Entity MustFind(const Graph& graph, std::string_view id) {
  std::optional<Entity> entity = graph.FindEntity(id);
  EXPECT_TRUE(entity.has_value()) << id;
  return *entity;
}

// The statements about `subject` with `predicate`, in load order.
std::vector<Statement> About(const Graph& graph, std::string_view subject, std::string_view predicate) {
  std::vector<Statement> found;
  for (Statement statement : graph.StatementsAbout(MustFind(graph, subject).index())) {
    if (statement.predicate_name() == predicate) found.push_back(statement);
  }
  return found;
}

// "subject predicate object" for every edge with `predicate`.
std::vector<std::string> Edges(const Graph& graph, std::string_view predicate) {
  std::vector<std::string> edges;
  for (StatementIndex i = 0; i < graph.statement_count(); ++i) {
    Statement statement = graph.statement(i);
    if (statement.predicate_name() != predicate || !statement.object()) continue;
    edges.push_back(std::string(statement.subject().id()) + " " + std::string(predicate) + " " +
                    std::string(statement.object()->id()));
  }
  return edges;
}

std::vector<std::string> Formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics) lines.push_back(diagnostic.Format());
  return lines;
}

std::string TextAttribute(const Entity& entity, std::string_view name) {
  std::optional<AttributeValue> value = entity.attribute(name);
  const std::string_view* text = value ? std::get_if<std::string_view>(&*value) : nullptr;
  return text != nullptr ? std::string(*text) : "";
}

TimePoint DateAttribute(const Entity& entity, std::string_view name) {
  std::optional<AttributeValue> value = entity.attribute(name);
  const TimePoint* date = value ? std::get_if<TimePoint>(&*value) : nullptr;
  return date != nullptr ? *date : TimePoint();
}

// ---- Items → entities -------------------------------------------------------------------------

TEST(WikidataImport, MakesOneEntityPerItemWithItsTypeFromInstanceOf) {
  Graph graph = EmptyGraph();
  ImportReport report = Import(graph, "items.json");
  EXPECT_EQ(report.rows, 7u);
  EXPECT_EQ(report.rows_imported, 7u);
  EXPECT_EQ(report.rows_skipped, 0u);
  EXPECT_EQ(report.entities_created, 7u);
  EXPECT_EQ(report.entities_matched, 0u);
  EXPECT_EQ(MustFind(graph, "org/deepseek").type_name(), "Company");  // business, technology company
  EXPECT_EQ(MustFind(graph, "model/deepseek-r1").type_name(), "AIModel");  // LLM first, before software
  EXPECT_EQ(MustFind(graph, "chip/tianmen-t100").type_name(), "GPU");
  EXPECT_EQ(MustFind(graph, "country/china").type_name(), "Country");
  EXPECT_EQ(MustFind(graph, "place/hangzhou").type_name(), "City");  // Place's template
  EXPECT_EQ(MustFind(graph, "org/china-tech-daily").type_name(), "Organization");
  EXPECT_EQ(MustFind(graph, "org/tianmen-semiconductor").type_name(), "Company");
}

TEST(WikidataImport, TakesNameDescriptionAndAliasesInEveryLanguage) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  Entity deepseek = MustFind(graph, "org/deepseek");
  EXPECT_EQ(deepseek.name(), "DeepSeek");
  EXPECT_EQ(deepseek.description(), "Chinese artificial intelligence company");
  // Other labels (the fr and de ones repeat the name: left out), then the aliases.
  EXPECT_THAT(deepseek.aliases(),
              ElementsAre(Alias{"深度求索", "zh"}, Alias{"DeepSeek AI", "en"},
                          Alias{"Hangzhou DeepSeek Artificial Intelligence", "en"}, Alias{"深度求索人工智能", "zh"}));
  EXPECT_EQ(TextAttribute(deepseek, "wikidata"), "Q9100001");
  EXPECT_THAT(Formatted({}), IsEmpty());
  ASSERT_THAT(graph.FindByName("深度求索"), SizeIs(1));
  EXPECT_EQ(graph.FindByName("深度求索")[0].id(), "org/deepseek");
  EXPECT_EQ(TextAttribute(MustFind(graph, "country/china"), "wikidata"), "Q148");
}

TEST(WikidataImport, NamesFollowTheMappingsLanguagePreference) {
  Graph graph = EmptyGraph();
  WikidataMapping french = EditedMapping(R"("languages": ["en", "zh", "zh-hans", "fr"])", R"("languages": ["fr"])");
  absl::StatusOr<ImportReport> report = ImportWikidata(graph, Fixture("items.json"), french);
  ASSERT_TRUE(report.ok()) << report.status().message();
  Entity china = MustFind(graph, "country/chine");
  EXPECT_EQ(china.name(), "Chine");
  EXPECT_EQ(china.description(), "country in East Asia");  // no French description: the first one
  EXPECT_THAT(china.aliases(), Contains(Alias{"China", "en"}));
  EXPECT_THAT(china.aliases(), Contains(Alias{"中国", "zh"}));
  // An item without a French label takes its first one.
  EXPECT_EQ(MustFind(graph, "place/hangzhou").name(), "Hangzhou");
}

TEST(WikidataImport, AttributeRulesSetAttributesOfTheBestRankedClaim) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  Entity deepseek = MustFind(graph, "org/deepseek");
  EXPECT_EQ(DateAttribute(deepseek, "founded"), TimePoint::Day(2023, 7, 17));  // precision 11
  EXPECT_EQ(TextAttribute(deepseek, "website"), "https://www.deepseek.example/");  // the preferred one
  EXPECT_EQ(DateAttribute(MustFind(graph, "org/china-tech-daily"), "founded"), TimePoint::Decade(1990));  // 8
}

// ---- Claims → statements ----------------------------------------------------------------------

TEST(WikidataImport, EntityClaimsBecomeEdgesInEitherDirection) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  // P178 developer and P176 manufacturer are inverse: the developer develops the item.
  EXPECT_THAT(Edges(graph, "develops"), ElementsAre("org/deepseek develops model/deepseek-r1"));
  EXPECT_THAT(Edges(graph, "manufactures"),
              ElementsAre("org/tianmen-semiconductor manufactures chip/tianmen-t100"));
  EXPECT_THAT(Edges(graph, "subsidiary_of"), ElementsAre("org/tianmen-semiconductor subsidiary_of org/deepseek"));
  EXPECT_THAT(Edges(graph, "headquartered_in"), ElementsAre("org/deepseek headquartered_in place/hangzhou"));
  // P17 maps to 'country' where it applies and to 'located_in' for places; China's own P17
  // (itself) makes no edge.
  EXPECT_THAT(Edges(graph, "country"),
              UnorderedElementsAre("org/deepseek country country/china", "chip/tianmen-t100 country country/china",
                                   "org/china-tech-daily country country/china",
                                   "org/tianmen-semiconductor country country/china"));
  EXPECT_THAT(Edges(graph, "located_in"), ElementsAre("place/hangzhou located_in country/china"));
}

TEST(WikidataImport, DatesKeepTheirWikidataPrecision) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  std::vector<Statement> model = About(graph, "model/deepseek-r1", "release_date");
  ASSERT_THAT(model, SizeIs(1));
  EXPECT_EQ(*model[0].date(), TimePoint::Month(2025, 1));  // precision 10: the day is dropped
  std::vector<Statement> chip = About(graph, "chip/tianmen-t100", "release_date");
  ASSERT_THAT(chip, SizeIs(1));
  EXPECT_EQ(*chip[0].date(), TimePoint::Year(2024));
  EXPECT_EQ(model[0].modality(), Modality::kReported);
}

TEST(WikidataImport, RevenueSeriesKeepsValidTimesBoundsUnitsAndRanks) {
  Graph graph = EmptyGraph();
  ImportReport report = Import(graph, "items.json");
  EXPECT_EQ(report.deprecated_claims, 1u);  // the superseded 2022 figure
  std::vector<Statement> revenue = About(graph, "org/deepseek", "revenue");
  ASSERT_THAT(revenue, SizeIs(5));

  EXPECT_EQ(revenue[0].quantity()->amount, 50000000);
  EXPECT_EQ(revenue[0].quantity()->unit, "CNY");
  EXPECT_EQ(revenue[0].valid(), ValidTime::At(TimePoint::Year(2020)));  // P585
  EXPECT_THAT(revenue[0].qualifiers(), IsEmpty());

  EXPECT_EQ(revenue[1].quantity()->amount, 120000000);
  EXPECT_EQ(revenue[1].quantity()->lower, 110000000);
  EXPECT_EQ(revenue[1].quantity()->upper, 130000000);
  EXPECT_EQ(revenue[1].quantity()->bound, Bound::kExact);

  EXPECT_EQ(revenue[2].quantity()->amount, 340000000);
  EXPECT_EQ(revenue[2].valid(), ValidTime::At(TimePoint::Year(2022)));
  // Preferred rank is noted; P7452 (reason for preferred rank) is not in the mapping: ignored.
  EXPECT_THAT(revenue[2].qualifiers(), ElementsAre(Qualifier{"rank", "preferred"}));

  EXPECT_EQ(revenue[3].quantity()->amount, 125000000);
  EXPECT_EQ(revenue[3].quantity()->unit, "USD");
  EXPECT_EQ(revenue[3].valid(), ValidTime::At(TimePoint::Month(2023, 12)));
  // Listed qualifiers: an item of the file reads as its name, another as its Q-id.
  EXPECT_THAT(revenue[3].qualifiers(), ElementsAre(Qualifier{"applies_to_part", "DeepSeek-R1"},
                                                   Qualifier{"determination_method", "Q9100098"}));

  // P580 / P582: an interval at day precision.
  EXPECT_EQ(revenue[4].quantity()->amount, 2100000000);
  EXPECT_EQ(revenue[4].valid(), (ValidTime{TimePoint::Day(2024, 1, 1), TimePoint::Day(2024, 12, 31)}));
}

TEST(WikidataImport, QuantitiesWithoutUnitTakeTheRulesUnitlessUnit) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  std::vector<Statement> staff = About(graph, "org/deepseek", "employee_count");
  ASSERT_THAT(staff, SizeIs(1));
  EXPECT_EQ(staff[0].quantity()->amount, 160);
  EXPECT_EQ(staff[0].quantity()->unit, "employees");
  EXPECT_EQ(staff[0].valid(), ValidTime::At(TimePoint::Month(2024, 6)));
  std::vector<Statement> maker = About(graph, "org/tianmen-semiconductor", "employee_count");
  ASSERT_THAT(maker, SizeIs(1));
  EXPECT_EQ(maker[0].quantity()->lower, 2400);
  EXPECT_EQ(maker[0].quantity()->upper, 2600);
}

TEST(WikidataImport, StatementIdsComeFromItemPropertyAndClaimId) {
  Graph graph = EmptyGraph();
  ImportReport report = Import(graph, "items.json");
  EXPECT_EQ(report.statements_added, graph.statement_count());
  for (StatementIndex i = 0; i < graph.statement_count(); ++i) {
    std::string_view id = graph.statement(i).id();
    EXPECT_THAT(std::string(id), StartsWith("st/wikidata/Q")) << id;
    size_t hash = id.rfind('/');
    EXPECT_EQ(id.size() - hash - 1, 12u) << id;
  }
  for (Statement statement : About(graph, "org/deepseek", "revenue")) {
    EXPECT_THAT(std::string(statement.id()), StartsWith("st/wikidata/Q9100001/P2139/"));
  }
  // The inverse edge is still named after the item that holds the claim.
  EXPECT_THAT(std::string(About(graph, "org/deepseek", "develops")[0].id()), StartsWith("st/wikidata/Q9100002/P178/"));
}

TEST(WikidataImport, LeftOutClaimsAreCounted) {
  Graph graph = EmptyGraph();
  ImportReport report = Import(graph, "items.json");
  // Not in the mapping; or mapped, but by no rule that applies to the item's type.
  EXPECT_THAT(report.unmapped_properties,
              ElementsAre(Pair("P1082", 1u), Pair("P2002", 1u), Pair("P36", 1u), Pair("P571 on Country", 1u),
                          Pair("P856 on AIModel", 1u)));
  // Edges to items neither in the file nor in the graph.
  EXPECT_THAT(report.unresolved_items, ElementsAre(Pair("Q9100052", 1u), Pair("Q9100060", 1u), Pair("Q9100097", 1u)));
  EXPECT_EQ(report.cells_missing, 1u);  // DeepSeek's "somevalue" headquarters
}

// ---- References → sources --------------------------------------------------------------------

TEST(WikidataImport, ReferencesBecomeSourcesRelayedByWikidata) {
  Graph graph = EmptyGraph();
  ImportReport report = Import(graph, "items.json");
  EXPECT_EQ(report.sources_added, 5u);
  std::optional<Source> wikidata = graph.FindSource("src/wikidata");
  ASSERT_TRUE(wikidata.has_value());
  EXPECT_EQ(wikidata->kind(), SourceKind::kOther);
  EXPECT_EQ(wikidata->publisher(), "Wikidata");
  EXPECT_EQ(wikidata->url(), "https://www.wikidata.org/");

  std::vector<Statement> revenue = About(graph, "org/deepseek", "revenue");
  ASSERT_THAT(revenue, SizeIs(5));
  // Stated in (P248) an item of the file: its name is the title; retrieved (P813) the date.
  ASSERT_THAT(revenue[0].citations(), SizeIs(1));
  Source outlet = graph.source(revenue[0].citations()[0].source);
  EXPECT_THAT(std::string(outlet.id()), StartsWith("src/wikidata/"));
  EXPECT_EQ(outlet.kind(), SourceKind::kReport);
  EXPECT_EQ(outlet.title(), "China Tech Daily");
  EXPECT_EQ(outlet.url(), "https://www.wikidata.org/wiki/Q9100080");
  EXPECT_EQ(outlet.published(), TimePoint::Day(2024, 3, 1));
  ASSERT_TRUE(outlet.via().has_value());
  EXPECT_EQ(outlet.via()->id(), "src/wikidata");

  // A reference URL (P854) with a publication date (P577), which wins over the retrieval date.
  Source article = graph.source(revenue[1].citations()[0].source);
  EXPECT_EQ(article.kind(), SourceKind::kOther);
  EXPECT_EQ(article.url(), "https://news.example/deepseek-2021-results");
  EXPECT_EQ(article.published(), TimePoint::Day(2022, 4, 10));
  EXPECT_EQ(article.via()->id(), "src/wikidata");

  // Two references: section and pages locate the first; the second is the same reference as
  // the 2020 figure's, hence the same source.
  ASSERT_THAT(revenue[2].citations(), SizeIs(2));
  Source report_2022 = graph.source(revenue[2].citations()[0].source);
  EXPECT_EQ(report_2022.published(), TimePoint::Day(2023, 3, 31));
  EXPECT_EQ(revenue[2].citations()[0].locator, "Annual results, p. 12");
  EXPECT_EQ(revenue[2].citations()[1].source, outlet.index());

  // No reference, or only "imported from" (P143): Wikidata itself, at the claim's id.
  for (const Statement& statement : {revenue[3], revenue[4]}) {
    ASSERT_THAT(statement.citations(), SizeIs(1));
    EXPECT_EQ(statement.citations()[0].source, wikidata->index());
    EXPECT_THAT(std::string(statement.citations()[0].locator), StartsWith("Q9100001$"));
  }
}

// ---- Idempotence, formats ---------------------------------------------------------------------

TEST(WikidataImport, ImportingTheSameFileTwiceChangesNothing) {
  Graph graph = EmptyGraph();
  ImportReport first = Import(graph, "items.json");
  size_t statements = graph.statement_count(), entities = graph.entity_count(), sources = graph.source_count();
  ImportReport second = Import(graph, "items.json");
  EXPECT_EQ(graph.statement_count(), statements);
  EXPECT_EQ(graph.entity_count(), entities);
  EXPECT_EQ(graph.source_count(), sources);
  EXPECT_EQ(second.statements_added, 0u);
  EXPECT_EQ(second.statements_unchanged, first.statements_added);
  EXPECT_EQ(second.statements_unchanged, statements);
  EXPECT_EQ(second.entities_created, 0u);
  EXPECT_EQ(second.entities_matched, 7u);  // every item, by its Q-id
  EXPECT_EQ(second.sources_added, 0u);
}

// The dump's entities as a wbgetentities response.
std::string DumpAsResponse(const std::string& dump) {
  std::string response = "{\"entities\": {";
  size_t start = 0;
  bool first = true;
  while (start < dump.size()) {
    size_t end = dump.find('\n', start);
    std::string line = dump.substr(start, end - start);
    start = end == std::string::npos ? dump.size() : end + 1;
    if (line == "[" || line == "]" || line.empty()) continue;
    if (line.back() == ',') line.pop_back();
    size_t id = line.find("\"id\":\"") + 6;
    std::string qid = line.substr(id, line.find('"', id) - id);
    response += (first ? "\"" : ",\n\"") + qid + "\": " + line;
    first = false;
  }
  return response + "}}";
}

TEST(WikidataImport, DumpAndResponseGiveTheSameGraph) {
  Graph from_dump = EmptyGraph();
  ImportReport dump_report = Import(from_dump, "dump.json");
  EXPECT_EQ(dump_report.rows, 3u);
  EXPECT_EQ(dump_report.entities_created, 3u);
  Graph from_response = EmptyGraph();
  std::string response = DumpAsResponse(testing::ReadFile(Fixture("dump.json")));
  absl::StatusOr<ImportReport> response_report =
      ImportWikidataString(from_response, response, "response.json", ShippedMapping());
  ASSERT_TRUE(response_report.ok()) << response_report.status().message();
  EXPECT_EQ(response_report->statements_added, dump_report.statements_added);
  EXPECT_EQ(response_report->unmapped_properties, dump_report.unmapped_properties);
  absl::StatusOr<std::string> dump_json = ToJsonString(from_dump, testing::Dataset(""));
  absl::StatusOr<std::string> response_json = ToJsonString(from_response, testing::Dataset(""));
  ASSERT_TRUE(dump_json.ok()) << dump_json.status().message();
  ASSERT_TRUE(response_json.ok()) << response_json.status().message();
  EXPECT_EQ(*dump_json, *response_json);
  EXPECT_THAT(Edges(from_dump, "manufactures"), ElementsAre("org/tianmen-semiconductor manufactures chip/tianmen-t100"));
}

// ---- Linking to existing entities -------------------------------------------------------------

TEST(WikidataImport, LinksItemsToExistingEntitiesByName) {
  Graph graph = NewsletterGraph();
  size_t entities = graph.entity_count();
  ImportReport report = Import(graph, "items.json");
  // DeepSeek, DeepSeek-R1 and China are in the newsletter; the four others are new.
  EXPECT_EQ(report.entities_matched, 3u);
  EXPECT_EQ(report.entities_created, 4u);
  EXPECT_EQ(graph.entity_count(), entities + 4);
  ASSERT_THAT(graph.FindByName("DeepSeek"), SizeIs(1));
  // An existing entity keeps its definition and type, and learns its Q-id (nothing else).
  Entity deepseek = MustFind(graph, "org/deepseek");
  EXPECT_EQ(deepseek.type_name(), "Startup");
  EXPECT_EQ(deepseek.attribute("wikidata"), AttributeValue(std::string_view("Q9100001")));
  EXPECT_FALSE(deepseek.attribute("website").has_value());
  EXPECT_EQ(NameResolver(graph).Resolve("Q9100001")->id(), "org/deepseek");
  // Its claims are statements about it, and edges point to it.
  EXPECT_THAT(About(graph, "org/deepseek", "revenue"), SizeIs(5));
  EXPECT_THAT(Edges(graph, "develops"), Contains("org/deepseek develops model/deepseek-r1"));
  EXPECT_THAT(Edges(graph, "subsidiary_of"), Contains("org/tianmen-semiconductor subsidiary_of org/deepseek"));
  EXPECT_THAT(Edges(graph, "located_in"), Contains("place/hangzhou located_in country/china"));
}

constexpr std::string_view kAliasOnlyItem = R"({"entities": {"Q9300001": {"type": "item", "id": "Q9300001",
  "labels": {"en": {"language": "en", "value": "Hangzhou DeepSeek AI Co."}},
  "aliases": {"zh": [{"language": "zh", "value": "深度求索"}]},
  "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31",
    "datavalue": {"value": {"entity-type": "item", "id": "Q4830453"}, "type": "wikibase-entityid"}},
    "type": "statement", "id": "Q9300001$1", "rank": "normal"}]}}}})";

TEST(WikidataImport, LinksByAnAliasWhenNoLabelMatches) {
  Graph graph = NewsletterGraph();
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kAliasOnlyItem, "alias.json", ShippedMapping());
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->entities_created, 0u);
  EXPECT_EQ(report->entities_matched, 1u);
}

TEST(WikidataImport, LinksByQidBeforeNames) {
  Graph graph = EmptyGraph();
  Import(graph, "items.json");
  // Renamed since: the Q-id still finds org/deepseek; a claim pointing to an item that is only
  // in the graph (by its Q-id) makes an edge too.
  constexpr std::string_view kRenamed = R"({"entities": {
 "Q9100001": {"type": "item", "id": "Q9100001", "labels": {"en": {"language": "en", "value": "DeepSeek Group"}}},
 "Q9300002": {"type": "item", "id": "Q9300002", "labels": {"en": {"language": "en", "value": "DeepSeek Cloud"}},
  "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q658255"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300002$1", "rank": "normal"}],
   "P749": [{"mainsnak": {"snaktype": "value", "property": "P749", "datavalue": {"value": {"id": "Q9100005"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300002$2", "rank": "normal"}]}}}})";
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kRenamed, "renamed.json", ShippedMapping());
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->entities_created, 1u);
  EXPECT_EQ(report->entities_matched, 2u);  // org/deepseek (the item) and the parent (by Q-id)
  EXPECT_EQ(MustFind(graph, "org/deepseek").name(), "DeepSeek");
  EXPECT_THAT(Edges(graph, "subsidiary_of"), Contains("org/deepseek-cloud subsidiary_of org/tianmen-semiconductor"));
}

TEST(WikidataImport, NamesLinkOnlyWithinTheSameFamilyOfTypes) {
  Graph graph = NewsletterGraph();
  // A model called "DeepSeek" is not the company org/deepseek.
  constexpr std::string_view kModel = R"({"entities": {"Q9300004": {"type": "item", "id": "Q9300004",
  "labels": {"en": {"language": "en", "value": "DeepSeek"}},
  "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q115305900"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300004$1", "rank": "normal"}]}}}})";
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kModel, "model.json", ShippedMapping());
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->entities_created, 1u);
  EXPECT_EQ(MustFind(graph, "model/deepseek").type_name(), "AIModel");
}

// Two companies called "Zhipu", and an item of that name.
Graph TwoZhipus() {
  Graph graph = EmptyGraph();
  ChangeSet changes;
  changes.entities.push_back({"org/zhipu-a", "Company", "Zhipu", "", {}, {}});
  changes.entities.push_back({"org/zhipu-b", "Company", "Zhipu", "", {}, {}});
  absl::Status applied = graph.Apply(changes);
  EXPECT_TRUE(applied.ok()) << applied.message();
  return graph;
}

constexpr std::string_view kZhipu = R"({"entities": {
 "Q9300003": {"type": "item", "id": "Q9300003", "labels": {"en": {"language": "en", "value": "Zhipu"}},
  "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q783794"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300003$1", "rank": "normal"}]}}}})";

TEST(WikidataImport, AnAmbiguousNameIsAProblemOfTheItem) {
  Graph graph = TwoZhipus();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kZhipu, "zhipu.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Formatted(problems),
              ElementsAre("zhipu.json:2:2: the names of item Q9300003 ('Zhipu') match several entities: 'Zhipu' "
                          "(org/zhipu-a), 'Zhipu' (org/zhipu-b); choose one with same_as (at /entities/Q9300003)"));
  EXPECT_EQ(graph.entity_count(), 2u);
}

TEST(WikidataImport, SameAsDecidesTheLink) {
  Graph graph = TwoZhipus();
  ImportOptions options;
  options.same_as["Q9300003"] = "org/zhipu-b";
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kZhipu, "zhipu.json", ShippedMapping(), options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->entities_created, 0u);
  EXPECT_EQ(report->entities_matched, 1u);
}

// ---- Problems ---------------------------------------------------------------------------------

TEST(WikidataImport, EveryProblemIsLocatedAndTheGraphIsUnchanged) {
  Graph graph = NewsletterGraph();
  size_t entities = graph.entity_count(), statements = graph.statement_count(), sources = graph.source_count();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report =
      ImportWikidata(graph, Fixture("bad.json"), ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  std::string file = Fixture("bad.json").string();
  EXPECT_THAT(
      Formatted(problems),
      ElementsAre(
          file + ":9:115: unknown unit item Q4916: add it to the mapping's 'units' "
                 "(at /entities/Q9200001/claims/P2139/0/mainsnak/datavalue/value/unit)",
          file + ":19:92: '+2024-13-00T00:00:00Z' has no month 13 (precision 10) "
                 "(at /entities/Q9200002/claims/P577/0/mainsnak/datavalue/value/time)",
          file + ":22:2: item Q9200003 ('Untyped Thing') has no 'instance of' (P31) value that the mapping's "
                 "'types' map, and the mapping has no 'default_type' (at /entities/Q9200003)",
          file + ":36:6: object 'place/good-city' is a City, but predicate 'country' links to Country "
                 "(at /entities/Q9200004/claims/P17/0)",
          file + ":66:157: precision 7 is coarser than a decade (8), which aikg does not represent "
                 "(at /entities/Q9200007/claims/P571/0/mainsnak/datavalue/value/precision)"));
  EXPECT_THAT(std::string(report.status().message()), HasSubstr("unknown unit item Q4916"));
  EXPECT_EQ(graph.entity_count(), entities);
  EXPECT_EQ(graph.statement_count(), statements);
  EXPECT_EQ(graph.source_count(), sources);
}

TEST(WikidataImport, SkipBadRowsLeavesOutBadItemsAndImportsTheRest) {
  Graph graph = EmptyGraph();
  ImportOptions options;
  options.skip_bad_rows = true;
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report = ImportWikidata(graph, Fixture("bad.json"), ShippedMapping(), options, &problems);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->rows, 7u);
  EXPECT_EQ(report->rows_skipped, 5u);
  EXPECT_EQ(report->rows_imported, 2u);
  EXPECT_EQ(report->entities_created, 2u);
  ASSERT_THAT(report->skipped, SizeIs(5));
  EXPECT_EQ(report->skipped[0].json_pointer, "/entities/Q9200001/claims/P2139/0/mainsnak/datavalue/value/unit");
  EXPECT_EQ(report->skipped[3].json_pointer, "/entities/Q9200004/claims/P17/0");
  EXPECT_EQ(report->skipped[3].line, 36);
  EXPECT_THAT(problems, SizeIs(5));
  EXPECT_EQ(graph.entity_count(), 2u);
  EXPECT_THAT(Edges(graph, "headquartered_in"), ElementsAre("org/good-chip-co headquartered_in place/good-city"));
  std::vector<Statement> revenue = About(graph, "org/good-chip-co", "revenue");
  ASSERT_THAT(revenue, SizeIs(1));
  EXPECT_EQ(revenue[0].quantity()->unit, "USD");
  EXPECT_FALSE(graph.FindEntity("org/misplaced-co").has_value());
}

TEST(WikidataImport, RejectsInputThatIsNeitherAResponseNorADump) {
  Graph graph = EmptyGraph();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report =
      ImportWikidataString(graph, "{\"items\": []}", "odd.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("odd.json:1:2: expected a wbgetentities response ({\"entities\": {…}}) or a dump (a JSON "
                          "array of entities)"));
  problems.clear();
  report = ImportWikidataString(graph, "[\n{\"id\": \"Q1\",}\n]", "broken.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_THAT(problems[0].Format(), StartsWith("broken.json:2:13: invalid JSON"));
  problems.clear();
  report = ImportWikidataString(graph, R"({"error": {"code": "no-such-entity", "info": "Could not find Q0"}})",
                                "error.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems), ElementsAre("error.json:1:2: the response is an error: Could not find Q0 (at /error)"));
}

TEST(WikidataImport, ReportsBadValuesAtTheirPlace) {
  Graph graph = EmptyGraph();
  constexpr std::string_view kBadValues = R"({"entities": {"Q9300005": {"type": "item", "id": "Q9300005",
"labels": {"en": {"language": "en", "value": "Odd Co"}},
"claims": {
"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q783794"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300005$1", "rank": "normal"}],
"P2139": [{"mainsnak": {"snaktype": "value", "property": "P2139", "datavalue": {"value": {"amount": "+12x", "unit": "http://www.wikidata.org/entity/Q4917"}, "type": "quantity"}}, "type": "statement", "id": "Q9300005$2", "rank": "normal"},
          {"mainsnak": {"snaktype": "value", "property": "P2139", "datavalue": {"value": {"amount": "+12", "unit": "1"}, "type": "quantity"}}, "type": "statement", "id": "Q9300005$3", "rank": "normal"},
          {"mainsnak": {"snaktype": "value", "property": "P2139", "datavalue": {"value": "12", "type": "string"}}, "type": "statement", "id": "Q9300005$4", "rank": "normal"},
          {"mainsnak": {"snaktype": "value", "property": "P2139", "datavalue": {"value": {"amount": "+12", "unit": "http://www.wikidata.org/entity/Q4917"}, "type": "quantity"}}, "type": "statement", "rank": "normal"},
          {"mainsnak": {"snaktype": "value", "property": "P2139", "datavalue": {"value": {"amount": "+12", "unit": "http://www.wikidata.org/entity/Q4917"}, "type": "quantity"}}, "type": "statement", "id": "Q9300005$6", "rank": "best"}],
"P571": [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {"value": {"time": "+2020-02-30T00:00:00Z", "precision": 11}, "type": "time"}}, "type": "statement", "id": "Q9300005$7", "rank": "normal"},
         {"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {"value": {"time": "2020", "precision": 9}, "type": "time"}}, "type": "statement", "id": "Q9300005$8", "rank": "normal"}]
}}}})";
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report =
      ImportWikidataString(graph, kBadValues, "odd.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(
      Formatted(problems),
      ElementsAre("odd.json:5:101: 'amount' must be a decimal number such as \"+1234.5\" "
                  "(at /entities/Q9300005/claims/P2139/0/mainsnak/datavalue/value/amount)",
                  "odd.json:6:116: P2139 value has no unit (\"1\"), and the mapping's rule gives no 'unitless' unit "
                  "(at /entities/Q9300005/claims/P2139/1/mainsnak/datavalue/value/unit)",
                  "odd.json:7:104: P2139 is read here as quantity values, but this one is 'string' "
                  "(at /entities/Q9300005/claims/P2139/2/mainsnak/datavalue/type)",
                  "odd.json:8:12: a claim needs its 'id': the statement's id is made from it "
                  "(at /entities/Q9300005/claims/P2139/3)",
                  "odd.json:9:228: a rank is 'preferred', 'normal' or 'deprecated' "
                  "(at /entities/Q9300005/claims/P2139/4/rank)",
                  "odd.json:10:97: '+2020-02-30T00:00:00Z' is not a day of the calendar "
                  "(at /entities/Q9300005/claims/P571/0/mainsnak/datavalue/value/time)",
                  "odd.json:11:97: '2020' is not a Wikidata time (+YYYY-MM-DDThh:mm:ssZ) "
                  "(at /entities/Q9300005/claims/P571/1/mainsnak/datavalue/value/time)"));
}

TEST(WikidataImport, ReportsTimesAikgCannotRepresent) {
  Graph graph = EmptyGraph();
  constexpr std::string_view kTimes = R"([
{"type": "item", "id": "Q9300006", "labels": {"en": {"language": "en", "value": "Ancient Co"}}, "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q783794"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300006$1"}], "P571": [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {"value": {"time": "-0500-00-00T00:00:00Z", "precision": 9}, "type": "time"}}, "type": "statement", "id": "Q9300006$2"}]}},
{"type": "item", "id": "Q9300007", "labels": {"en": {"language": "en", "value": "Julian Co"}}, "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q783794"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300007$1"}], "P571": [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {"value": {"time": "+1700-03-01T00:00:00Z", "precision": 11, "calendarmodel": "http://www.wikidata.org/entity/Q1985786"}, "type": "time"}}, "type": "statement", "id": "Q9300007$2"}]}},
{"type": "item", "id": "Q9300008", "labels": {"en": {"language": "en", "value": "Julian Year Co"}}, "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {"value": {"id": "Q783794"}, "type": "wikibase-entityid"}}, "type": "statement", "id": "Q9300008$1"}], "P571": [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {"value": {"time": "+1700-00-00T00:00:00Z", "precision": 9, "calendarmodel": "http://www.wikidata.org/entity/Q1985786"}, "type": "time"}}, "type": "statement", "id": "Q9300008$2"}]}}
])";
  ImportOptions options;
  options.skip_bad_rows = true;
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kTimes, "times.json", ShippedMapping(), options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_THAT(Formatted(report->skipped),
              ElementsAre("times.json:2:382: '-0500-00-00T00:00:00Z': aikg takes years from 1 to 9999 "
                          "(at /0/claims/P571/0/mainsnak/datavalue/value/time)",
                          "times.json:3:440: dates in the Julian calendar are not supported at month or day "
                          "precision (at /1/claims/P571/0/mainsnak/datavalue/value/calendarmodel)"));
  // At year precision the calendars agree.
  EXPECT_EQ(DateAttribute(MustFind(graph, "org/julian-year-co"), "founded"), TimePoint::Year(1700));
}

TEST(WikidataImport, ReportsItemsThatCannotBeImported) {
  Graph graph = EmptyGraph();
  constexpr std::string_view kOdd = R"({"entities": {
 "Q1": {"id": "Q1", "missing": ""},
 "P31": {"type": "property", "id": "P31"},
 "Q9300009": {"type": "item", "id": "Q9300009"},
 "Q9300010": {"type": "item", "id": "Q9300009"}
}})";
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report = ImportWikidataString(graph, kOdd, "odd.json", ShippedMapping(), {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("odd.json:2:32: Wikidata has no item Q1 (at /entities/Q1/missing)",
                          "odd.json:3:36: an item needs its 'id': Q followed by digits (at /entities/P31/id)",
                          "odd.json:4:2: item Q9300009 ('Q9300009') has no 'instance of' (P31) value that the "
                          "mapping's 'types' map, and the mapping has no 'default_type' (at /entities/Q9300009)",
                          "odd.json:5:37: item Q9300009 appears twice (first as item 3 of the file) "
                          "(at /entities/Q9300010/id)"));
}

// ---- Mappings ---------------------------------------------------------------------------------

TEST(WikidataMapping, ReportsEveryProblemOfTheDocumentAtItsPlace) {
  constexpr std::string_view kMapping = R"({"format": "aikg-wikidata-mapping/1",
 "types": {"Q5x": "Person"},
 "ids": {"Company": "org/{name}"},
 "units": {"Q4917": ""},
 "qualifiers": {"P585": "when"},
 "properties": {
  "P31": {"predicate": "instance_of"},
  "P17": {"predicate": "country", "attribute": "country"},
  "P571": {"attribute": "founded", "inverse": true},
  "P2139": {"predicate": "revenue", "value": "money"},
  "P1128": [],
  "Q5": {"predicate": "x"}
 },
 "colour": "blue"}
)";
  std::vector<Diagnostic> problems;
  absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadString(kMapping, "m.json", &problems);
  ASSERT_FALSE(mapping.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("m.json:14:2: unknown member 'colour' (at /colour)",
                          "m.json:2:12: 'Q5x' is not an item id (at /types/Q5x)",
                          "m.json:3:21: unknown placeholder in id template 'org/{name}' (known: {slug(label)}, "
                          "{label}, {qid}) (at /ids/Company)",
                          "m.json:4:21: the value of 'Q4917' must be a non-empty string (at /units/Q4917)",
                          "m.json:5:25: qualifier P585 always gives the valid time: it cannot be mapped "
                          "(at /qualifiers/P585)",
                          "m.json:7:3: P31 (instance of) gives the entity type: map its values in 'types' "
                          "(at /properties/P31)",
                          "m.json:8:48: a rule has either a 'predicate' or an 'attribute' (at /properties/P17/attribute)",
                          "m.json:9:36: an attribute rule has no direction (at /properties/P571/inverse)",
                          "m.json:10:46: unknown value kind 'money' (expected entity, quantity, date or text) "
                          "(at /properties/P2139/value)",
                          "m.json:11:3: a property needs at least one rule (at /properties/P1128)",
                          "m.json:12:3: 'Q5' is not a property id (P followed by digits) (at /properties/Q5)"));
}

TEST(WikidataMapping, NamesAreCheckedAgainstTheGraphsSchemaWhenImporting) {
  constexpr std::string_view kMapping = R"({"format": "aikg-wikidata-mapping/1",
 "types": {"Q783794": "Corporation"},
 "units": {"Q4917": "US$"},
 "properties": {
  "P2139": {"predicate": "revenu"},
  "P571": {"attribute": "birthday"},
  "P1128": {"predicate": "employee_count", "unitless": "people"},
  "P17": {"predicate": "revenue", "value": "entity"}
 }}
)";
  absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadString(kMapping, "m.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  Graph graph = EmptyGraph();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report =
      ImportWikidata(graph, Fixture("items.json"), *mapping, {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              UnorderedElementsAre("m.json:2:23: unknown entity type 'Corporation' (at /types/Q783794)",
                                   "m.json:3:21: unknown unit 'US$' (at /units/Q4917)",
                                   "m.json:5:26: unknown predicate 'revenu' (at /properties/P2139/predicate)",
                                   "m.json:6:25: no entity type has an attribute 'birthday' "
                                   "(at /properties/P571/attribute)",
                                   "m.json:7:56: unknown unit 'people' (at /properties/P1128/unitless)",
                                   "m.json:8:24: predicate 'revenue' takes quantity values, but the rule reads "
                                   "entity values (at /properties/P17/predicate)"));
  EXPECT_EQ(graph.entity_count(), 0u);
}

TEST(WikidataMapping, NeedsASchemaWithTheWikidataIdentifier) {
  absl::StatusOr<Schema> schema = Schema::LoadString(
      R"({"format": "aikg-schema/1", "name": "plain", "version": "1", "entity_types": [{"name": "Company"}]})");
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  Graph graph(std::make_shared<const Schema>(std::move(*schema)));
  absl::StatusOr<WikidataMapping> mapping =
      WikidataMapping::LoadString(R"({"format": "aikg-wikidata-mapping/1", "properties": {}})", "plain.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report = ImportWikidata(graph, Fixture("dump.json"), *mapping, {}, &problems);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("plain.json: the graph's schema 'plain' declares no 'wikidata' identifier (\"identifiers\": "
                          "[{\"name\": \"wikidata\"}]): items could not be linked by Q-id"));
}

TEST(WikidataMapping, ShippedMappingLoads) {
  WikidataMapping mapping = ShippedMapping();
  EXPECT_THAT(mapping.label(), HasSubstr("wikidata.json"));
}

// docs/import-wikidata.md shows a complete mapping: it must load and import.
TEST(WikidataMapping, TheDocumentedExampleWorks) {
  std::string doc = testing::ReadFile(std::filesystem::path(AIKG_DATASETS_DIR) / ".." / "docs" / "import-wikidata.md");
  size_t fence = doc.find("```json\n{\n  \"format\": \"aikg-wikidata-mapping/1\"");
  ASSERT_NE(fence, std::string::npos);
  size_t start = fence + 8;
  std::string example = doc.substr(start, doc.find("```", start) - start);
  absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadString(example, "import-wikidata.md");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  Graph graph = EmptyGraph();
  ImportOptions options;
  options.skip_bad_rows = true;
  absl::StatusOr<ImportReport> report = ImportWikidata(graph, Fixture("items.json"), *mapping, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // The example maps no GPU, big city or plain organisation: those three items are left out.
  EXPECT_EQ(report->rows_skipped, 3u);
  EXPECT_EQ(report->entities_created, 4u);
  EXPECT_THAT(Edges(graph, "develops"), ElementsAre("org/deepseek develops model/deepseek-r1"));
  EXPECT_THAT(About(graph, "org/deepseek", "revenue"), SizeIs(5));
}

}  // namespace
}  // namespace aikg
