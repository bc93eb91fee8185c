// Table imports through a mapping, over the tiny fixture graph (tests/data/tiny.json).

#include <string>
#include <vector>

#include "aikg/aikg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing::LoadTiny;

// A mapping for a model table: models, their developers (several per cell, found or made),
// users, release dates, openness; one source for the table.
constexpr const char* kModelMapping = R"({
  "format": "aikg-mapping/1",
  "name": "models",
  "source": {"id": "src/models-table", "kind": "report", "publisher": "Model Tracker", "published": "2025-06",
             "locator": "{Model}"},
  "entities": {
    "model": {"id": "model/{slug(Model)}", "type": "AIModel", "name": "{Model}",
              "attributes": {"wikidata": "{QID}"}},
    "developer": {"column": "Developer", "split": ",", "id": "org/{slug(value)}",
                  "type": {"column": "Kind", "map": {"Industry": "Company"}, "default": "Organization"}}
  },
  "statements": [
    {"subject": "developer", "predicate": "develops", "object": "model"},
    {"subject": "model", "predicate": "users", "quantity": {"column": "Users", "unit": "users"}},
    {"subject": "model", "predicate": "release_date", "date": {"column": "Released"}, "valid": null},
    {"subject": "model", "predicate": "open_source", "boolean": {"column": "Open",
     "map": {"Open weights": true, "API only": false}}}
  ],
  "valid": {"column": "Released"},
  "confidence": {"column": "Confidence", "map": {"Confident": 0.9, "Likely": 0.7, "Unknown": null}}
})";

constexpr const char* kModelTable =
    "Model,Developer,Kind,Released,Users,Open,Confidence,QID\n"
    "DeepSeek-V3,\"DeepSeek,Brand New Lab\",\"Industry,Academia\",2024-12,\"1,024\",Open weights,Confident,\n"
    "Qwen3,Alibaba,Industry,2025-04-29,>=135000000000.0,API only,Likely,Q1\n"
    "Mystery,Unknown,,2025,,N/A,Unknown,\n";

TableMapping Mapping(const std::string& json) {
  absl::StatusOr<TableMapping> mapping = TableMapping::LoadString(json, "m.json");
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  return *std::move(mapping);
}

Table Csv(const std::string& text) {
  absl::StatusOr<Table> table = ReadCsv(text, "t.csv");
  EXPECT_TRUE(table.ok()) << table.status().message();
  return *std::move(table);
}

std::vector<Statement> About(const Graph& graph, std::string_view id, std::string_view predicate) {
  std::vector<Statement> found;
  std::optional<Entity> entity = graph.FindEntity(id);
  if (!entity) return found;
  for (const Statement& statement : graph.StatementsAbout(entity->index())) {
    if (statement.predicate_name() == predicate) found.push_back(statement);
  }
  return found;
}

std::vector<std::string> Formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& diagnostic : diagnostics) lines.push_back(diagnostic.Format());
  return lines;
}

TEST(TableImport, MakesAndFindsEntitiesAndStatements) {
  Graph graph = LoadTiny();
  size_t entities_before = graph.entity_count();
  absl::StatusOr<ImportReport> report = ImportTable(graph, Csv(kModelTable), Mapping(kModelMapping));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->rows, 3u);
  EXPECT_EQ(report->rows_imported, 3u);
  // New: three models and Brand New Lab; DeepSeek and Alibaba (an alias of Alibaba Group) exist.
  EXPECT_EQ(report->entities_created, 4u);
  EXPECT_EQ(report->entities_matched, 2u);
  EXPECT_EQ(graph.entity_count(), entities_before + 4);
  EXPECT_EQ(report->sources_added, 1u);

  // "DeepSeek,Brand New Lab": two develops statements; the lab typed by the second Kind value.
  std::optional<Entity> lab = graph.FindEntity("org/brand-new-lab");
  ASSERT_TRUE(lab.has_value());
  EXPECT_EQ(lab->type_name(), "Organization");
  EXPECT_THAT(About(graph, "org/deepseek", "develops"), SizeIs(2));  // R1 (tiny.json) and V3
  ASSERT_THAT(About(graph, "org/brand-new-lab", "develops"), SizeIs(1));
  Statement develops = About(graph, "org/brand-new-lab", "develops")[0];
  EXPECT_EQ(develops.object()->id(), "model/deepseek-v3");
  EXPECT_EQ(develops.valid().ToString(), "2024-12");
  EXPECT_EQ(develops.confidence(), 0.9);
  ASSERT_THAT(develops.citations(), SizeIs(1));
  EXPECT_EQ(graph.source(develops.citations()[0].source).id(), "src/models-table");
  EXPECT_EQ(develops.citations()[0].locator, "DeepSeek-V3");
  EXPECT_THAT(std::string(develops.id()), HasSubstr("st/models/org/brand-new-lab/develops/"));

  // "Alibaba" is an alias of org/alibaba ("Alibaba Group").
  ASSERT_THAT(About(graph, "org/alibaba", "develops"), SizeIs(1));
  EXPECT_EQ(About(graph, "org/alibaba", "develops")[0].object()->id(), "model/qwen3");

  Statement users = About(graph, "model/deepseek-v3", "users")[0];
  EXPECT_EQ(users.quantity()->amount, 1024);
  Statement qwen_users = About(graph, "model/qwen3", "users")[0];
  EXPECT_EQ(qwen_users.quantity()->amount, 135000000000.0);
  EXPECT_EQ(qwen_users.quantity()->bound, Bound::kAtLeast);
  EXPECT_EQ(qwen_users.valid().from.precision(), Precision::kDay);
  EXPECT_EQ(qwen_users.confidence(), 0.7);
  EXPECT_EQ(*About(graph, "model/qwen3", "open_source")[0].boolean(), false);
  EXPECT_EQ(*About(graph, "model/deepseek-v3", "open_source")[0].boolean(), true);
  Statement released = About(graph, "model/qwen3", "release_date")[0];
  EXPECT_EQ(released.date()->ToString(), "2025-04-29");
  EXPECT_FALSE(released.valid().is_set());
  EXPECT_EQ(graph.FindEntity("model/qwen3")->attribute("wikidata"), AttributeValue(std::string_view("Q1")));

  // Missing cells ("Unknown", empty, "N/A") make no statement and are never zeros.
  EXPECT_THAT(About(graph, "model/mystery", "users"), IsEmpty());
  EXPECT_THAT(About(graph, "model/mystery", "open_source"), IsEmpty());
  EXPECT_THAT(graph.StatementsPointingTo(graph.FindEntity("model/mystery")->index()), IsEmpty());
  EXPECT_EQ(About(graph, "model/mystery", "release_date")[0].date()->precision(), Precision::kYear);
  EXPECT_GE(report->cells_missing, 4u);
}

TEST(TableImport, ReimportIsIdempotent) {
  Graph graph = LoadTiny();
  TableMapping mapping = Mapping(kModelMapping);
  ASSERT_TRUE(ImportTable(graph, Csv(kModelTable), mapping).ok());
  size_t statements = graph.statement_count(), entities = graph.entity_count(), sources = graph.source_count();
  absl::StatusOr<ImportReport> again = ImportTable(graph, Csv(kModelTable), mapping);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(graph.statement_count(), statements);
  EXPECT_EQ(graph.entity_count(), entities);
  EXPECT_EQ(graph.source_count(), sources);
  EXPECT_EQ(again->statements_added, 0u);
  EXPECT_GT(again->statements_unchanged, 0u);
  EXPECT_EQ(again->entities_created, 0u);
}

TEST(TableImport, NewerVersionOfATableShowsAsChanges) {
  Graph graph = LoadTiny();
  std::string mapping_v1 = kModelMapping;
  std::string mapping_v2 = mapping_v1;
  // Both versions are published after the fixture's own sources (2025-09).
  mapping_v1.replace(mapping_v1.find("\"published\": \"2025-06\""), 22, "\"published\": \"2025-10\"");
  mapping_v2.replace(mapping_v2.find("\"published\": \"2025-06\""), 22, "\"published\": \"2025-12\"");
  mapping_v2.replace(mapping_v2.find("src/models-table"), 16, "src/models-table-v2");
  ASSERT_TRUE(ImportTable(graph, Csv(kModelTable), Mapping(mapping_v1)).ok());
  std::string table_v2 = kModelTable;
  table_v2.replace(table_v2.find("\"1,024\""), 7, "2048");
  ASSERT_TRUE(ImportTable(graph, Csv(table_v2), Mapping(mapping_v2)).ok());

  std::vector<Change> changes = Changes(View(graph), absl::CivilDay(2025, 11, 1), absl::CivilDay(2025, 12, 31));
  ASSERT_THAT(changes, SizeIs(1));  // the figures v2 merely repeats are not news
  EXPECT_EQ(changes[0].kind, ChangeKind::kChanged);
  EXPECT_EQ(changes[0].statement.quantity()->amount, 2048);
  EXPECT_EQ(changes[0].previous->quantity()->amount, 1024);
}

TEST(TableImport, DatesKeepTheirPrecision) {
  Graph graph = LoadTiny();
  std::string mapping = R"({"format": "aikg-mapping/1", "name": "dates",
    "source": {"id": "src/t"},
    "entities": {"model": {"id": "model/{slug(Model)}", "type": "AIModel", "name": "{Model}"}},
    "statements": [{"subject": "model", "predicate": "release_date", "date": {"column": "ISO"}},
                   {"subject": "model", "predicate": "release_date", "date": {"column": "US", "format": "%m/%d/%y"}}]})";
  Table table = Csv("Model,ISO,US\nA,2025-04-10,6/5/00\nB,2025-04,12/31/99\nC,2025,\nD,2024-Q3,\n"
                    "E,2025-04-10 00:00:00,\n");
  ASSERT_TRUE(ImportTable(graph, table, Mapping(mapping)).ok());
  auto dates = [&](std::string_view id) {
    std::vector<std::string> texts;
    for (const Statement& s : About(graph, id, "release_date")) texts.push_back(s.date()->ToString());
    return texts;
  };
  EXPECT_THAT(dates("model/a"), ElementsAre("2025-04-10", "2000-06-05"));
  EXPECT_THAT(dates("model/b"), ElementsAre("2025-04", "1999-12-31"));
  EXPECT_THAT(dates("model/c"), ElementsAre("2025"));
  EXPECT_THAT(dates("model/d"), ElementsAre("2024-Q3"));
  EXPECT_THAT(dates("model/e"), ElementsAre("2025-04-10"));
}

TEST(TableImport, CellsThatDoNotReadAsTheirKindAreRowProblems) {
  Graph graph = LoadTiny();
  std::string mapping = R"({"format": "aikg-mapping/1", "name": "kinds",
    "row_source": {"id": "src/{slug(Name)}", "published": "{Published}"},
    "entities": {"org": {"id": "org/{slug(Name)}", "type": "Company", "name": "{Name}",
                         "attributes": {"employees": "{Staff}", "listed": "{Listed}", "founded": "{Founded}"}}},
    "statements": [{"subject": "org", "predicate": "revenue", "quantity": {"column": "Revenue", "unit": "USD"},
                    "valid": {"column": "Year", "format": "FY%Y"}}]})";
  Table table = Csv("Name,Staff,Listed,Founded,Revenue,Year,Published\n"
                    "Good,12,yes,1999,5,FY2024,2025-01\n"
                    "Half,12.5,yes,1999,5,FY2024,2025-01\n"
                    "Maybe,12,perhaps,1999,5,FY2024,2025-01\n"
                    "Someday,12,no,someday,5,FY2024,2025-01\n"
                    "Calendar,12,no,1999,5,2024,2025-01\n"
                    "Undated,12,no,1999,5,FY2024,soon\n");
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportTable(graph, table, Mapping(mapping), {}, &problems).ok());
  std::vector<std::string> lines = Formatted(problems);
  ASSERT_THAT(lines, SizeIs(5));
  EXPECT_EQ(lines[0], "t.csv:3: '12.5' is not an integer (at m.json#/entities/org/attributes/employees)");
  EXPECT_EQ(lines[1], "t.csv:4: 'perhaps' is not true or false (at m.json#/entities/org/attributes/listed)");
  EXPECT_THAT(lines[2], HasSubstr("t.csv:5: malformed time 'someday'"));
  EXPECT_EQ(lines[3], "t.csv:6:Year: '2024' does not match the date format 'FY%Y' (at m.json#/statements/0/valid)");
  EXPECT_THAT(lines[4], HasSubstr("t.csv:7: the source's publication date: malformed time 'soon'"));
  EXPECT_THAT(lines[4], HasSubstr("(at m.json#/row_source/published)"));
  EXPECT_EQ(graph.FindEntity("org/good"), std::nullopt);  // all or nothing

  problems.clear();
  std::string unknown_field = mapping;
  unknown_field.replace(unknown_field.find("FY%Y"), 4, "FY%q");
  EXPECT_FALSE(ImportTable(graph, Csv("Name,Staff,Listed,Founded,Revenue,Year,Published\nA,1,no,1999,5,FY2024,\n"),
                           Mapping(unknown_field), {}, &problems)
                   .ok());
  EXPECT_THAT(Formatted(problems), ElementsAre(HasSubstr("unknown field '%q' in the date format 'FY%q' "
                                                         "(known: %Y %y %m %d %b %B)")));
}

TEST(TableImport, MissingColumnIsNamed) {
  Graph graph = LoadTiny();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> report =
      ImportTable(graph, Csv("Model,Developer,Kind,Released,Open,Confidence,QID\nA,B,C,2025,x,y,z\n"),
                  Mapping(kModelMapping), {}, &problems);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("t.csv:1:Users: the mapping reads column 'Users', which the header lacks "
                          "(at m.json#/statements/1/quantity/column)"));
}

TEST(TableImport, BadRowsFailTheWholeImportOrAreSkipped) {
  constexpr const char* kTable =
      "Model,Developer,Kind,Released,Users,Open,Confidence,QID\n"
      "Good,DeepSeek,Industry,2025,10,API only,Likely,\n"
      "Bad number,DeepSeek,Industry,2025,12 B,API only,Likely,\n"
      "Bad date,Lab X,Industry,someday,5,API only,Likely,\n"
      "Bad open,DeepSeek,Industry,2025,5,maybe,Likely,\n"
      "Also good,Lab X,Industry,2024,7,,,\n";
  Graph graph = LoadTiny();
  size_t before = graph.statement_count();
  std::vector<Diagnostic> problems;
  absl::StatusOr<ImportReport> failed = ImportTable(graph, Csv(kTable), Mapping(kModelMapping), {}, &problems);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(graph.statement_count(), before);
  EXPECT_EQ(graph.FindEntity("model/good"), std::nullopt);
  std::vector<std::string> lines = Formatted(problems);
  ASSERT_THAT(lines, SizeIs(3));  // the bad date is the valid time and a value: said once
  EXPECT_EQ(lines[0], "t.csv:3:Users: '12 B' is not a number (at m.json#/statements/1/quantity)");
  EXPECT_THAT(lines[1], HasSubstr("t.csv:4:Released: "));
  EXPECT_THAT(lines[1], HasSubstr("(at m.json#/valid)"));
  EXPECT_EQ(lines[2], "t.csv:5:Open: 'maybe' is not in the boolean map (at m.json#/statements/3/boolean)");

  ImportOptions skip;
  skip.skip_bad_rows = true;
  absl::StatusOr<ImportReport> report = ImportTable(graph, Csv(kTable), Mapping(kModelMapping), skip);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->rows_skipped, 3u);
  EXPECT_EQ(report->rows_imported, 2u);
  EXPECT_THAT(report->skipped, SizeIs(3));
  EXPECT_TRUE(graph.FindEntity("model/good").has_value());
  EXPECT_TRUE(graph.FindEntity("model/also-good").has_value());
  EXPECT_FALSE(graph.FindEntity("model/bad-number").has_value());
  // Lab X is made by the row that was left out and by a good row: it is there.
  EXPECT_TRUE(graph.FindEntity("org/lab-x").has_value());
}

TEST(TableImport, EntitiesThatCannotBeMadeTakeTheirRowsWithThem) {
  // "Weird" maps to no type of the schema: the entity cannot be made, nor the rows that name it.
  std::string mapping = kModelMapping;
  mapping.replace(mapping.find("\"Industry\": \"Company\""), 21, "\"Weird\": \"Planet\"");
  Graph graph = LoadTiny();
  std::vector<Diagnostic> problems;
  absl::StatusOr<TableMapping> bad = TableMapping::LoadString(mapping, "m.json");
  ASSERT_TRUE(bad.ok());
  absl::StatusOr<ImportReport> report = ImportTable(graph, Csv(kModelTable), *bad, {}, &problems);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("m.json: unknown entity type 'Planet' in the schema 'tiny' (at /entities/developer/type)"));
}

TEST(TableImport, AmbiguousNamesNeedADecision) {
  Graph graph = LoadTiny();
  ChangeSet twins;
  twins.entities.push_back({"org/meta-platforms", "Company", "Meta", "", {}, {}});
  twins.entities.push_back({"org/meta-ai", "Organization", "Meta", "", {}, {}});
  ASSERT_TRUE(graph.Apply(twins).ok());
  Table table = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\nLlama,Meta,Industry,2024,,,,\n");
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportTable(graph, table, Mapping(kModelMapping), {}, &problems).ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("t.csv:2:Developer: 'Meta' is ambiguous: 2 entities have this name: 'Meta' (org/meta-platforms), "
                          "'Meta' (org/meta-ai); decide with a same-as entry (at m.json#/entities/developer)"));

  ImportOptions decided;
  decided.same_as["Meta"] = "org/meta-ai";
  ASSERT_TRUE(ImportTable(graph, table, Mapping(kModelMapping), decided).ok());
  EXPECT_THAT(About(graph, "org/meta-ai", "develops"), SizeIs(1));
  EXPECT_THAT(About(graph, "org/meta-platforms", "develops"), IsEmpty());
}

TEST(TableImport, FindOnlyRulesSuggestNearNames) {
  Graph graph = LoadTiny();
  std::string mapping = R"({"format": "aikg-mapping/1", "name": "places",
    "source": {"id": "src/t"},
    "entities": {"org": {"column": "Org", "create": false, "type": "Organization"},
                 "country": {"column": "Country", "create": false, "type": "Country"}},
    "statements": [{"subject": "org", "predicate": "located_in", "object": "country"}]})";
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportTable(graph, Csv("Org,Country\nNvidia,United Sta\n"), Mapping(mapping), {}, &problems).ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("t.csv:2:Country: no entity is called 'United Sta'; nearest: 'United States' (country/us) "
                          "(at m.json#/entities/country)"));
  ASSERT_TRUE(ImportTable(graph, Csv("Org,Country\nnvidia,États-Unis\n"), Mapping(mapping)).ok());
  EXPECT_EQ(About(graph, "org/nvidia", "located_in")[0].object()->id(), "country/us");
}

TEST(TableImport, ExternalIdentifiersLinkRows) {
  Graph graph = LoadTiny();
  ChangeSet tagged;
  EntityInput model{"model/existing", "AIModel", "Some Model", "", {}, {{"wikidata", std::string_view("Q42")}}};
  tagged.entities.push_back(model);
  ASSERT_TRUE(graph.Apply(tagged).ok());
  Table table = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\nRenamed Model,Nvidia,Industry,2025,3,,,Q42\n");
  absl::StatusOr<ImportReport> report = ImportTable(graph, table, Mapping(kModelMapping));
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(graph.FindEntity("model/renamed-model").has_value());
  EXPECT_THAT(About(graph, "model/existing", "users"), SizeIs(1));
}

TEST(TableImport, MatchedEntitiesLearnTheirIdentifiers) {
  Graph graph = LoadTiny();
  // DeepSeek-R1 (by name) gets Q7; the failed import after it leaves it as it was.
  Table table = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\nDeepSeek-R1,DeepSeek,Industry,2025,5,,,Q7\n");
  ASSERT_TRUE(ImportTable(graph, table, Mapping(kModelMapping)).ok());
  EXPECT_EQ(graph.FindEntity("model/r1")->attribute("wikidata"), AttributeValue(std::string_view("Q7")));
  EXPECT_EQ(NameResolver(graph).Resolve("Q7")->id(), "model/r1");
  EXPECT_EQ(graph.FindEntity("model/r1")->attributes().size(), 1u);

  // A row naming the same model with another Q-id means another thing of that name.
  Table namesake = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\nDeepSeek-R1,DeepSeek,Industry,2025,6,,,Q8\n");
  ASSERT_TRUE(ImportTable(graph, namesake, Mapping(kModelMapping)).ok());
  EXPECT_EQ(graph.FindEntity("model/deepseek-r1")->attribute("wikidata"), AttributeValue(std::string_view("Q8")));

  // The same id with another Q-id is a clash.
  std::vector<Diagnostic> problems;
  Table clashing = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\nR1,DeepSeek,Industry,2025,6,,,Q9\n");
  EXPECT_FALSE(ImportTable(graph, clashing, Mapping(kModelMapping), {}, &problems).ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("t.csv:2:QID: entity 'model/r1' already has wikidata 'Q7', not 'Q9' (at m.json#/entities/model/attributes/wikidata)"));
  EXPECT_EQ(graph.FindEntity("model/r1")->attributes().size(), 1u);
}

TEST(TableImport, AFailedImportGivesBackTheIdentifiersItAdded) {
  Graph graph = LoadTiny();
  Table table = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\n"
                    "DeepSeek-R1,DeepSeek,Industry,2025,5,,,Q7\nOther,DeepSeek,Industry,2025,lots,,,\n");
  EXPECT_FALSE(ImportTable(graph, table, Mapping(kModelMapping)).ok());
  EXPECT_FALSE(graph.FindEntity("model/r1")->attribute("wikidata").has_value());
  EXPECT_FALSE(NameResolver(graph).Resolve("Q7").ok());
}

TEST(TableImport, RowSourcesFallBackToTheDatasetSource) {
  Graph graph = LoadTiny();
  std::string mapping = R"({"format": "aikg-mapping/1", "name": "papers",
    "source": {"id": "src/table", "kind": "report", "locator": "row {row}"},
    "row_source": {"id": "src/{slug(Link)}", "kind": "research_paper", "url": "{Link}", "title": "{Title}",
                   "published": "{Date}", "via": "src/table", "locator": "p. 1"},
    "entities": {"model": {"id": "model/{slug(Model)}", "type": "AIModel", "name": "{Model}"}},
    "statements": [{"subject": "model", "predicate": "users", "quantity": {"column": "Users", "unit": "users"}}]})";
  Table table = Csv("Model,Users,Link,Title,Date\nA,1,https://arxiv.org/abs/1,\"A paper, with a comma\",2024-05\nB,2,,,\n");
  ASSERT_TRUE(ImportTable(graph, table, Mapping(mapping)).ok());
  Statement a = About(graph, "model/a", "users")[0];
  Source paper = graph.source(a.citations()[0].source);
  EXPECT_EQ(paper.id(), "src/https-arxiv-org-abs-1");
  EXPECT_EQ(paper.title(), "A paper, with a comma");
  EXPECT_EQ(paper.published().ToString(), "2024-05");
  EXPECT_EQ(paper.via()->id(), "src/table");
  EXPECT_EQ(a.citations()[0].locator, "p. 1");
  Statement b = About(graph, "model/b", "users")[0];
  EXPECT_EQ(graph.source(b.citations()[0].source).id(), "src/table");
  EXPECT_EQ(b.citations()[0].locator, "row 2");
}

TEST(TableMappingParse, ProblemsAreLocatedInTheMapping) {
  std::vector<Diagnostic> problems;
  absl::StatusOr<TableMapping> mapping = TableMapping::LoadString(R"({"format": "aikg-mapping/1", "name": "x",
  "entities": {"m": {"id": "model/{Model", "type": "AIModel", "name": "{Model}", "colour": "red"}},
  "statements": [{"subject": "n", "predicate": "users", "quantity": {"column": "U", "unit": "users", "bound": "roughly"}},
                 {"subject": "m", "predicate": "users", "text": {"column": "T"}, "date": {"column": "D"}}]})",
                                                                  "m.json", &problems);
  EXPECT_FALSE(mapping.ok());
  EXPECT_THAT(Formatted(problems),
              ElementsAre("m.json:1:2: a mapping needs a 'source' (the dataset's) or a 'row_source' (one per row), or both",
                          "m.json:2:82: unknown member 'colour' (at /entities/m/colour)",
                          "m.json:2:28: unclosed '{' in a template (write '{{' for a brace) (at /entities/m/id)",
                          "m.json:3:30: no entity rule 'n' in 'entities' (rules: m) (at /statements/0/subject)",
                          "m.json:3:111: unknown bound 'roughly' (expected exact, at_least, at_most or about) "
                          "(at /statements/0/quantity/bound)",
                          "m.json:4:82: a statement rule needs exactly one of 'object', 'quantity', 'text', 'date' "
                          "and 'boolean' (at /statements/1/date)"));
}

TEST(SameAsFile, ReadsDecisionsAndLocatesProblems) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / "aikg-same-as-test.json";
  std::ofstream(path) << R"({"format": "aikg-same-as/1", "same_as": {"Meta AI": "org/meta", "X": 3}})";
  std::vector<Diagnostic> problems;
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> same_as = LoadSameAsFile(path, &problems);
  EXPECT_FALSE(same_as.ok());
  ASSERT_THAT(problems, SizeIs(1));
  EXPECT_EQ(problems[0].json_pointer, "/same_as/X");
  std::ofstream(path) << R"({"format": "aikg-same-as/1", "same_as": {"Meta AI": "org/meta"}})";
  same_as = LoadSameAsFile(path);
  ASSERT_TRUE(same_as.ok());
  EXPECT_EQ(same_as->at("Meta AI"), "org/meta");
  std::filesystem::remove(path);
}

TEST(Reconcile, ListsMatchedNewAndAmbiguousReferences) {
  Graph graph = LoadTiny();
  Table table = Csv("Model,Developer,Kind,Released,Users,Open,Confidence,QID\n"
                    "DeepSeek-R1,\"Deepseek,Nvidiaa\",Industry,2025,,,,\n");
  absl::StatusOr<std::vector<RowReconciliation>> rows = ReconcileTable(graph, table, Mapping(kModelMapping));
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_THAT(*rows, SizeIs(3));
  EXPECT_EQ((*rows)[0].entity, "model");
  EXPECT_EQ((*rows)[0].outcome, Reconciliation::kMatched);  // by name "DeepSeek-R1"
  EXPECT_EQ((*rows)[0].id, "model/r1");
  EXPECT_EQ((*rows)[0].candidates[0].how, ResolvedBy::kName);
  EXPECT_EQ((*rows)[1].outcome, Reconciliation::kMatched);  // "org/deepseek", by the id template
  EXPECT_EQ((*rows)[1].candidates[0].how, ResolvedBy::kId);
  EXPECT_EQ((*rows)[2].text, "Nvidiaa");
  EXPECT_EQ((*rows)[2].outcome, Reconciliation::kNew);
  EXPECT_EQ((*rows)[2].id, "org/nvidiaa");
  ASSERT_THAT((*rows)[2].candidates, SizeIs(1));
  EXPECT_EQ((*rows)[2].candidates[0].entity.id(), "org/nvidia");
  EXPECT_EQ((*rows)[2].candidates[0].how, ResolvedBy::kFuzzy);
  EXPECT_EQ(graph.entity_count(), LoadTiny().entity_count());  // nothing changed
}

}  // namespace
}  // namespace aikg

namespace aikg {
namespace {

TEST(MergeEntities, RepointsStatementsAndKeepsTheirSources) {
  Graph graph = testing::LoadTiny();
  ChangeSet duplicate;
  duplicate.sources.push_back({"src/table", SourceKind::kReport, "", "", "", "", TimePoint::Year(2025), "", ""});
  duplicate.entities.push_back({"org/deepseek-ai", "Company", "DeepSeek AI", "", {{"深度求索公司", "zh"}},
                                {{"wikidata", std::string_view("Q123")}}});
  StatementInput develops;
  develops.id = "st/table/1";
  develops.subject = "org/deepseek-ai";
  develops.predicate = "develops";
  develops.value = EntityId{"model/r1"};
  develops.sources.push_back({"src/table", "row 2"});
  duplicate.statements.push_back(develops);
  StatementInput rival;
  rival.id = "st/table/2";
  rival.subject = "org/nvidia";
  rival.predicate = "competes_with";
  rival.value = EntityId{"org/deepseek-ai"};
  rival.sources.push_back({"src/table", "row 3"});
  duplicate.statements.push_back(rival);
  ASSERT_TRUE(graph.Apply(duplicate).ok());

  absl::StatusOr<Graph> merged = MergeEntities(graph, {{"DeepSeek AI", "org/deepseek"}});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->entity_count(), graph.entity_count() - 1);
  EXPECT_EQ(merged->statement_count(), graph.statement_count());
  EXPECT_FALSE(merged->FindEntity("org/deepseek-ai").has_value());
  Statement moved = *merged->FindStatement("st/table/1");
  EXPECT_EQ(moved.subject().id(), "org/deepseek");
  EXPECT_EQ(merged->source(moved.citations()[0].source).id(), "src/table");
  EXPECT_EQ(moved.citations()[0].locator, "row 2");
  EXPECT_EQ(merged->FindStatement("st/table/2")->object()->id(), "org/deepseek");
  // The merged entity's names and identifier now find the kept one.
  NameResolver resolver(*merged);
  EXPECT_EQ(resolver.Resolve("DeepSeek AI")->id(), "org/deepseek");
  EXPECT_EQ(resolver.Resolve("深度求索公司")->id(), "org/deepseek");
  EXPECT_EQ(resolver.Resolve("Q123")->id(), "org/deepseek");
  // The original is untouched.
  EXPECT_TRUE(graph.FindEntity("org/deepseek-ai").has_value());
}

TEST(MergeEntities, RefusesUnknownNamesUnrelatedTypesAndCycles) {
  Graph graph = testing::LoadTiny();
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(MergeEntities(graph, {{"Nowhere Inc", "org/deepseek"}, {"org/alibaba", "country/cn"}}, &problems).ok());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].Format(), "<same-as>: no entity is called 'Nowhere Inc' (at /same_as/Nowhere Inc)");
  EXPECT_EQ(problems[1].Format(),
            "<same-as>: cannot merge org/alibaba (Company) into country/cn (Country): the types are unrelated "
            "(at /same_as/org/alibaba)");
  problems.clear();
  EXPECT_FALSE(MergeEntities(graph, {{"org/alibaba", "org/deepseek"}, {"org/deepseek", "org/alibaba"}}, &problems).ok());
  EXPECT_THAT(problems[0].message, ::testing::HasSubstr("in a cycle"));
}

}  // namespace
}  // namespace aikg
