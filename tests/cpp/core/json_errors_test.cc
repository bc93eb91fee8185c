// Every way a graph file can be wrong gets a clear error that says what and where, and a
// failed load changes nothing.

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "aikg/json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Loads `members` into a copy of the tiny graph; expects failure and returns the formatted
// diagnostics, after checking that the graph was left as it was.
std::vector<std::string> Problems(const std::string& members) {
  Graph graph = testing::LoadTiny();
  std::vector<Diagnostic> diagnostics;
  absl::Status status = testing::LoadString(graph, testing::TinyDocument(members), &diagnostics);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(graph.entity_count(), 7u);
  EXPECT_EQ(graph.statement_count(), 14u);
  EXPECT_EQ(graph.source_count(), 2u);
  EXPECT_EQ(graph.edge_count(), 7u);
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  // The status carries the same lines.
  std::string joined;
  for (const std::string& line : lines) joined += (joined.empty() ? "" : "\n") + line;
  EXPECT_EQ(std::string(status.message()), joined);
  return lines;
}

TEST(JsonErrors, BadJsonSaysWhere) {
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(testing::LoadString(graph, "{\n  \"format\": \"aikg-graph/1\",\n  \"schema\": [1,,]\n}", &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(), "test.json:3:16: invalid JSON: Invalid value.");
  EXPECT_EQ(graph.schema(), nullptr);
}

// Loads `json` into an empty graph; expects failure and returns the formatted diagnostics.
std::vector<std::string> ProblemsOfDocument(const std::string& json) {
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  absl::Status status = testing::LoadString(graph, json, &diagnostics);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(graph.schema(), nullptr);
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  return lines;
}

TEST(JsonErrors, WrongTopLevelValueSaysWhere) {
  EXPECT_THAT(ProblemsOfDocument("[]"), ElementsAre("test.json:1:1: expected an object, found an array"));
  EXPECT_THAT(ProblemsOfDocument("42"), ElementsAre("test.json:1:1: expected an object, found a number"));
  EXPECT_THAT(ProblemsOfDocument("\n  \"aikg-graph/1\"\n"), ElementsAre("test.json:2:3: expected an object, found a string"));
  // The pointer is the root's, "".
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(testing::LoadString(graph, "[{\"format\": \"aikg-graph/1\"}]", &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].line, 1);
  EXPECT_EQ(diagnostics[0].column, 1);
  EXPECT_EQ(diagnostics[0].json_pointer, "");
}

TEST(JsonErrors, MissingTopLevelMembersSayWhere) {
  EXPECT_THAT(ProblemsOfDocument("{}"), ElementsAre("test.json:1:1: missing required member 'format' (at /format)",
                                                    "test.json:1:1: missing required member 'schema' (at /schema)"));
  EXPECT_THAT(ProblemsOfDocument("\n\n   {\n}"),
              ElementsAre("test.json:3:4: missing required member 'format' (at /format)",
                          "test.json:3:4: missing required member 'schema' (at /schema)"));
  EXPECT_THAT(ProblemsOfDocument(R"({"format": "aikg-graph/1"})"),
              ElementsAre("test.json:1:2: missing required member 'schema' (at /schema)"));
}

TEST(JsonErrors, ItemsThatAreNoObjectsSayWhere) {
  EXPECT_THAT(Problems(R"("statements": [42])"),
              ElementsAre("test.json:2:16: expected an object, found a number (at /statements/0)"));
  // Each element is found where it starts, past strings that hold brackets, quotes and commas.
  EXPECT_THAT(
      Problems(R"("sources": [null],
  "entities": [{"id": "org/x]\",", "type": "Company", "name": "X"},  {}, "org/y"],
  "statements": [{"id": "s", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", "modality": "reported", "sources": [7, {}]}])"),
      ElementsAre("test.json:2:13: expected an object, found null (at /sources/0)",
                  "test.json:3:70: missing required member 'id' (at /entities/1/id)",
                  "test.json:3:70: missing required member 'type' (at /entities/1/type)",
                  "test.json:3:70: missing required member 'name' (at /entities/1/name)",
                  "test.json:3:74: expected an object, found a string (at /entities/2)",
                  "test.json:4:139: expected an object, found a number (at /statements/0/sources/0)",
                  "test.json:4:142: missing required member 'source' (at /statements/0/sources/1/source)"));
}

TEST(JsonErrors, ByteOrderMarkIsSkipped) {
  const std::string bom = "\xEF\xBB\xBF";
  Graph graph = testing::LoadTiny();
  EXPECT_TRUE(testing::LoadString(graph, bom + testing::TinyDocument(
                                                   R"("entities": [{"id": "org/a", "type": "Company", "name": "A"}])"))
                  .ok());
  EXPECT_TRUE(graph.FindEntity("org/a").has_value());
  // Columns count from after the mark, as editors show it.
  EXPECT_THAT(ProblemsOfDocument(bom + R"({"format": "aikg-graph/2", "schema": "tiny.schema.json"})"),
              ElementsAre("test.json:1:12: unsupported graph format 'aikg-graph/2' (expected 'aikg-graph/1') "
                          "(at /format)"));
  EXPECT_THAT(ProblemsOfDocument(bom + "[]"), ElementsAre("test.json:1:1: expected an object, found an array"));
  EXPECT_TRUE(Schema::LoadString(bom + testing::ReadFile(testing::TestData("tiny.schema.json")), "s.json").ok());

  // Files: a graph and its schema that both start with the mark; the graph's problems are placed
  // in the text read again from the file.
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_bom";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "tiny.schema.json", std::ios::binary)
      << bom << testing::ReadFile(testing::TestData("tiny.schema.json"));
  std::ofstream(dir / "good.json", std::ios::binary)
      << bom << testing::TinyDocument(R"("entities": [{"id": "org/a", "type": "Company", "name": "A"}])");
  std::ofstream(dir / "bad.json", std::ios::binary)
      << bom << testing::TinyDocument(R"("entities": [{"id": "org/b", "type": "Nope", "name": "B"}, 5])");
  Graph from_files;
  EXPECT_TRUE(LoadJsonFiles(from_files, {dir / "good.json"}).ok());
  EXPECT_TRUE(from_files.FindEntity("org/a").has_value());
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(LoadJsonFiles(from_files, {dir / "bad.json"}, &diagnostics).ok());
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  std::string bad = (dir / "bad.json").string();
  EXPECT_THAT(lines, ElementsAre(bad + ":2:38: unknown entity type 'Nope' (at /entities/0/type)",
                                 bad + ":2:60: expected an object, found a number (at /entities/1)"));
}

TEST(JsonErrors, InvalidUtf8IsRejected) {
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(testing::LoadString(graph, testing::TinyDocument("\"sources\": [{\"id\": \"\xff\", \"kind\": \"other\"}]"),
                                   &diagnostics)
                   .ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_THAT(diagnostics[0].message, HasSubstr("Invalid encoding"));
}

TEST(JsonErrors, WrongTypesAndUnknownMembers) {
  EXPECT_THAT(Problems(R"("entities": [{"id": 5, "type": "Company", "name": "X", "nick": "y"}], "statements": {})"),
              ElementsAre("test.json:2:15: 'id' must be a string, found a number (at /entities/0/id)",
                          "test.json:2:56: unknown member 'nick' (at /entities/0/nick)",
                          "test.json:2:71: 'statements' must be an array, found an object (at /statements)"));
}

TEST(JsonErrors, MissingRequiredMembers) {
  EXPECT_THAT(Problems(R"("statements": [{"id": "s", "subject": "org/alibaba", "predicate": "revenue"}])"),
              ElementsAre("test.json:2:17: statement needs an 'object' (an entity id) or a 'value' (at /statements/0/value)",
                          "test.json:2:17: missing required member 'modality' (at /statements/0/modality)",
                          "test.json:2:17: missing required member 'sources' (at /statements/0/sources)"));
}

TEST(JsonErrors, UnknownTypesPredicatesAndUnits) {
  EXPECT_THAT(
      Problems(R"("entities": [{"id": "org/x", "type": "Startup", "name": "X"}],
  "statements": [
    {"id": "s1", "subject": "org/alibaba", "predicate": "flies", "object": "chip/h100", "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s2", "subject": "org/alibaba", "predicate": "revenue", "value": {"amount": 1, "unit": "EUR"}, "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s3", "subject": "model/r1", "predicate": "users", "value": {"amount": 1, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
      ElementsAre(
          "test.json:2:38: unknown entity type 'Startup' (at /entities/0/type)",
          "test.json:4:57: unknown predicate 'flies' (at /statements/0/predicate)",
          "test.json:5:99: unknown unit 'EUR' (at /statements/1/value/unit)",
          "test.json:6:94: unit 'USD' is not allowed for predicate 'users' (allowed: users) (at /statements/2/value/unit)"));
}

TEST(JsonErrors, DomainAndRangeViolations) {
  EXPECT_THAT(
      Problems(R"("statements": [
    {"id": "s1", "subject": "chip/h100", "predicate": "develops", "object": "country/cn", "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s2", "subject": "org/alibaba", "predicate": "develops", "value": {"amount": 1, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s3", "subject": "org/alibaba", "predicate": "revenue", "object": "chip/h100", "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
      ElementsAre("test.json:3:29: subject 'chip/h100' is a Chip, but predicate 'develops' applies to Organization "
                  "(at /statements/0/subject)",
                  "test.json:3:77: object 'country/cn' is a Country, but predicate 'develops' links to Chip, AIModel "
                  "(at /statements/0/object)",
                  "test.json:4:69: predicate 'develops' takes an entity (give 'object'), not a quantity "
                  "(at /statements/1/value)",
                  "test.json:5:78: predicate 'revenue' takes a quantity value, not an entity (at /statements/2/object)"));
}

TEST(JsonErrors, TypeNamesTakeTheirArticle) {
  EXPECT_THAT(Problems(R"("statements": [{"id": "s", "subject": "model/r1", "predicate": "develops", "object": "chip/h100", "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
              ElementsAre(::testing::HasSubstr("subject 'model/r1' is an AIModel, but predicate 'develops'")));
}

TEST(JsonErrors, DanglingReferences) {
  EXPECT_THAT(
      Problems(R"("sources": [{"id": "src/x", "kind": "report", "via": "src/gone"}],
  "statements": [{"id": "s1", "subject": "org/gone", "predicate": "develops", "object": "chip/gone", "modality": "reported", "sources": [{"source": "src/missing"}]}])"),
      ElementsAre("test.json:2:54: unknown source 'src/gone' (at /sources/0/via)",
                  "test.json:3:42: unknown entity 'org/gone' (at /statements/0/subject)",
                  "test.json:3:89: unknown entity 'chip/gone' (at /statements/0/object)",
                  "test.json:3:149: unknown source 'src/missing' (at /statements/0/sources/0/source)"));
}

TEST(JsonErrors, DuplicateIdsInOneFile) {
  EXPECT_THAT(Problems(R"("entities": [
    {"id": "org/x", "type": "Company", "name": "X"},
    {"id": "org/x", "type": "Company", "name": "X"}])"),
              ElementsAre("test.json:4:12: duplicate entity id 'org/x' (first defined at /entities/0) (at /entities/1/id)"));
}

TEST(JsonErrors, ClashWithTheGraph) {
  EXPECT_THAT(
      Problems(R"("entities": [{"id": "org/alibaba", "type": "Company", "name": "Alibaba Holding"}],
  "statements": [{"id": "st/1", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", "valid": "2023", "modality": "reported", "sources": [{"source": "src/letter", "locator": "Focus"}]}])"),
      ElementsAre("test.json:2:21: entity 'org/alibaba' clashes with its definition in the graph before this load: "
                  "different name (at /entities/0/id)",
                  "test.json:3:25: statement 'st/1' clashes with its definition in the graph before this load: "
                  "different valid time (at /statements/0/id)"));
}

TEST(JsonErrors, BadDatesAndIntervals) {
  EXPECT_THAT(
      Problems(R"("statements": [
    {"id": "s1", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", "valid": "2022-13", "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s2", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", "valid": {"from": "2024", "to": "early 2023"}, "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s3", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", "valid": {}, "period": 2022, "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "s4", "subject": "model/r1", "predicate": "release_date", "value": {"date": "mid 2025-01-02"}, "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
      ElementsAre(
          "test.json:3:100: malformed time '2022-13': expected YYYY, YYYYs, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-MM-DD, "
          "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally after 'early ', 'mid ', 'late ', 'start of ' or 'end of ', "
          "or FYYYYY[-Qn|-Hn] (at /statements/0/valid)",
          "test.json:4:91: valid time ends (early 2023) before it starts (2024) (at /statements/1/valid)",
          "test.json:5:91: an interval needs 'from', 'to' or both (at /statements/2/valid)",
          "test.json:5:104: expected a time string, found a number (at /statements/2/period)",
          "test.json:6:88: time 'mid 2025-01-02': only a year, half-year, quarter or month can be early, mid, late, "
          "start of or end of, not a day (at /statements/3/value/date)"));
}

TEST(JsonErrors, FiscalPeriodsNeedTheSubjectsFiscalYearStart) {
  EXPECT_THAT(
      Problems(R"("entities": [{"id": "org/odd", "type": "Company", "name": "Odd", "attributes": {"fiscal_year_start": 13}}],
  "statements": [
    {"id": "f1", "subject": "org/nvidia", "predicate": "revenue", "value": {"amount": 1, "unit": "USD"}, "valid": "FY2025-Q1", "modality": "reported", "sources": [{"source": "src/letter"}]},
    {"id": "f2", "subject": "org/odd", "predicate": "revenue", "value": {"amount": 1, "unit": "USD"}, "period": "FY2025", "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
      ElementsAre("test.json:4:115: fiscal period 'FY2025-Q1' needs the fiscal_year_start attribute of 'org/nvidia' "
                  "(at /statements/0/valid)",
                  "test.json:5:113: a fiscal year starts in a month from 1 to 12, not 13 (at /statements/1/period)"));
}

TEST(JsonErrors, FiscalYearStartOutOfIntRangeIsRefused) {
  // 4294967299 = 2^32 + 3: narrowed to int it would pass as March.
  EXPECT_THAT(
      Problems(R"("entities": [{"id": "org/odd", "type": "Company", "name": "Odd", "attributes": {"fiscal_year_start": 4294967299}}],
  "statements": [
    {"id": "f2", "subject": "org/odd", "predicate": "revenue", "value": {"amount": 1, "unit": "USD"}, "period": "FY2025", "modality": "reported", "sources": [{"source": "src/letter"}]}])"),
      ElementsAre("test.json:4:113: a fiscal year starts in a month from 1 to 12, not 4294967299 (at /statements/0/period)"));
}

TEST(JsonErrors, BadValuesAndEnums) {
  EXPECT_THAT(
      Problems(R"("sources": [{"id": "src/x", "kind": "blog"}],
  "statements": [
    {"id": "s1", "subject": "org/alibaba", "predicate": "revenue", "value": {"amount": 5, "unit": "USD", "bound": "roughly", "lower": 6}, "modality": "rumour", "sources": [{"source": "src/letter"}], "confidence": 1.5},
    {"id": "s2", "subject": "org/alibaba", "predicate": "revenue", "value": {"amount": "5", "unit": "USD"}, "object": "chip/h100", "modality": "reported", "sources": []},
    {"id": "s3", "subject": "org/alibaba", "predicate": "slogan", "value": {"words": "x"}, "modality": "reported", "sources": [{"source": "src/letter"}], "qualifiers": {"k": 1}}])"),
      ElementsAre("test.json:2:37: unknown source kind 'blog' (expected newsletter, news_wire, news_article, "
                  "social_media_post, company_announcement, regulator, report, research_paper or other) "
                  "(at /sources/0/kind)",
                  "test.json:4:115: unknown bound 'roughly' (expected exact, at_least, at_most or about) "
                  "(at /statements/0/value/bound)",
                  "test.json:4:126: lower bound must not exceed the amount (at /statements/0/value/lower)",
                  "test.json:4:151: unknown modality 'rumour' (expected reported, claim, forecast, plan or opinion) "
                  "(at /statements/0/modality)",
                  "test.json:4:200: confidence must be between 0 and 1 (at /statements/0/confidence)",
                  "test.json:5:68: give either 'object' or 'value', not both (at /statements/1/value)",
                  "test.json:5:156: a statement needs at least one source (at /statements/1/sources)",
                  "test.json:6:67: a value is an object with 'amount' (a quantity), 'text', 'date' or 'boolean' "
                  "(at /statements/2/value)",
                  "test.json:6:170: qualifier values must be strings (at /statements/2/qualifiers/k)"));
}

TEST(JsonErrors, BadFormatAndSchema) {
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(testing::LoadString(graph, R"({"format": "aikg-graph/2", "schema": "missing.schema.json"})", &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].Format(),
            "test.json:1:12: unsupported graph format 'aikg-graph/2' (expected 'aikg-graph/1') (at /format)");
  EXPECT_EQ(diagnostics[1].Format(), "test.json:1:38: cannot use schema 'missing.schema.json' (at /schema)");
  EXPECT_THAT(diagnostics[2].Format(), HasSubstr("missing.schema.json: cannot read the file"));
  EXPECT_EQ(graph.schema(), nullptr);
}

TEST(JsonErrors, AllFilesAreCheckedAndNoneIsLoadedWhenOneFails) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_multi";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::TestData("tiny.schema.json"), dir / "tiny.schema.json",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "good.json") << testing::TinyDocument(
      R"("entities": [{"id": "org/a", "type": "Company", "name": "A"}])");
  std::ofstream(dir / "clash.json") << testing::TinyDocument(
      R"("entities": [{"id": "org/a", "type": "Country", "name": "A"}, {"id": "org/b", "type": "Nope", "name": "B"}])");
  std::ofstream(dir / "other.schema.json") << R"({"format": "aikg-schema/1", "name": "other", "entity_types": []})";
  std::ofstream(dir / "other.json") << R"({"format": "aikg-graph/1", "schema": "other.schema.json"})";

  Graph graph;
  std::vector<Diagnostic> diagnostics;
  absl::Status status =
      LoadJsonFiles(graph, {dir / "good.json", dir / "clash.json", dir / "other.json"}, &diagnostics);
  EXPECT_FALSE(status.ok());
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  std::string good = (dir / "good.json").string(), clash = (dir / "clash.json").string(),
              other = (dir / "other.json").string();
  EXPECT_THAT(lines, ElementsAre(clash + ":2:21: entity 'org/a' clashes with its definition in " + good +
                                     " at /entities/0: different type (at /entities/0/id)",
                                 clash + ":2:87: unknown entity type 'Nope' (at /entities/1/type)",
                                 other + ":1:38: schema 'other' differs from the graph's schema 'tiny' (at /schema)"));
  EXPECT_EQ(graph.entity_count(), 0u);
  EXPECT_EQ(graph.schema(), nullptr);
}

// The members of a tiny document with `count` statements, one per line from line 3, and `last`
// after them; about 200 bytes each, so that thousands make megabytes of text.
std::string ManyStatements(size_t count, const std::string& last) {
  std::string members = "\"statements\": [";
  for (size_t i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    members += "\n  {\"id\": \"st/many/" + n +
               "\", \"subject\": \"org/nvidia\", \"predicate\": \"develops\", \"object\": \"chip/h100\", "
               "\"modality\": \"reported\", \"sources\": [{\"source\": \"src/letter\", \"locator\": \"page " +
               n + "\"}]},";
  }
  return members + "\n  " + last + "]";
}

// The statements of a big file are read one at a time while it is parsed, and the text behind
// the parse is given back to the system as it goes: a problem far into the file is still placed,
// also one that the transaction finds after the parse.
TEST(JsonErrors, ProblemsFarIntoABigFileAreStillPlaced) {
  std::string before_subject = R"(  {"id": "st/many/last", "subject": )";
  std::string last = R"({"id": "st/many/last", "subject": "org/nobody", "predicate": "develops", )"
                     R"("object": "chip/h100", "modality": "reported", "sources": [{"source": "src/letter"}], "x": 1})";
  std::string column = std::to_string(before_subject.size() + 1);
  EXPECT_THAT(Problems(ManyStatements(60000, last)),
              ElementsAre("test.json:60003:" + column + ": unknown entity 'org/nobody' (at /statements/60000/subject)",
                          "test.json:60003:" + std::to_string(last.size() - 7 + 3) +
                              ": unknown member 'x' (at /statements/60000/x)"));
}

TEST(JsonErrors, BigFileLoadsIntact) {
  Graph graph = testing::LoadTiny();
  std::string last = R"({"id": "st/many/last", "subject": "org/nvidia", "predicate": "develops", )"
                     R"("object": "chip/h100", "modality": "reported", "sources": [{"source": "src/letter"}]})";
  absl::Status status = testing::LoadString(graph, testing::TinyDocument(ManyStatements(60000, last)));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(graph.statement_count(), 14u + 60001u);
  for (std::string id : {"st/many/0", "st/many/30000", "st/many/59999", "st/many/last"}) {
    std::optional<Statement> statement = graph.FindStatement(id);
    ASSERT_TRUE(statement.has_value()) << id;
    EXPECT_EQ(statement->id(), id);
    EXPECT_EQ(statement->subject().id(), "org/nvidia");
  }
}

// A long run of statements resolves its references through the transaction's own id tables (the
// entity's type kept beside it, ids longer than a table slot read from the record): they find and
// refuse exactly what the graph's index would, at the same places.
TEST(JsonErrors, ReferencesOfALongRunOfStatementsAreCheckedAlike) {
  const std::string long_id = "org/a-company-whose-id-is-longer-than-a-table-slot";
  std::string entities = R"("entities": [{"id": ")" + long_id + R"(", "type": "Company", "name": "Long"}],)" "\n";
  auto statement = [](const std::string& id, const std::string& subject, const std::string& predicate,
                      const std::string& object, const std::string& source) {
    return R"({"id": ")" + id + R"(", "subject": ")" + subject + R"(", "predicate": ")" + predicate +
           R"(", "object": ")" + object + R"(", "modality": "reported", "sources": [{"source": ")" + source + R"("}]})";
  };
  std::string good = statement("st/long", "org/nvidia", "competes_with", long_id, "src/wire");
  Graph graph = testing::LoadTiny();
  absl::Status status = testing::LoadString(graph, testing::TinyDocument(entities + ManyStatements(20000, good)));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(graph.statement_count(), 14u + 20001u);
  ASSERT_TRUE(graph.FindStatement("st/long").has_value());

  // Statement i of ManyStatements is on line 4 + i here (the entities take line 2); the last ones
  // follow, one a line.
  const size_t count = 20000;
  std::vector<std::string> bad = {
      statement("st/b0", "org/gone", "develops", "chip/h100", "src/wire"),
      statement("st/b1", "chip/h100", "develops", "chip/h100", "src/wire"),
      statement("st/b2", "org/nvidia", "competes_with", long_id + "x", "src/wire"),
      statement("st/b3", "org/nvidia", "develops", long_id, "src/wire"),
      statement("st/b4", "org/nvidia", "develops", "chip/h100", "src/missing"),
  };
  std::string last;
  for (const std::string& line : bad) last += line + ",\n  ";
  last += good;
  auto place = [&](size_t k, const std::string& text) {
    return "test.json:" + std::to_string(4 + count + k) + ":" + std::to_string(2 + bad[k].find(text) + 1) + ": ";
  };
  auto at = [&](size_t k, const std::string& field) {
    return " (at /statements/" + std::to_string(count + k) + field + ")";
  };
  EXPECT_THAT(Problems(entities + ManyStatements(count, last)),
              ElementsAre(place(0, "\"org/gone\"") + "unknown entity 'org/gone'" + at(0, "/subject"),
                          place(1, "\"chip/h100\"") +
                              "subject 'chip/h100' is a Chip, but predicate 'develops' applies to Organization" +
                              at(1, "/subject"),
                          place(2, "\"" + long_id + "x\"") + "unknown entity '" + long_id + "x'" + at(2, "/object"),
                          place(3, "\"" + long_id + "\"") + "object '" + long_id +
                              "' is a Company, but predicate 'develops' links to Chip, AIModel" + at(3, "/object"),
                          place(4, "\"src/missing\"") + "unknown source 'src/missing'" + at(4, "/sources/0/source")));
}

// A syntax error found after statements were read and checked: as for any invalid JSON, that
// one diagnostic, and nothing of the file is loaded.
TEST(JsonErrors, LateSyntaxErrorIsTheOneDiagnostic) {
  Graph graph = testing::LoadTiny();
  std::string bad_statement = R"({"id": "st/bad", "subject": "org/nobody", "predicate": "develops", )"
                              R"("object": "chip/h100", "modality": "reported", "sources": []})";
  std::vector<Diagnostic> diagnostics;
  std::string json = testing::TinyDocument(ManyStatements(30000, bad_statement)) + "\n]";
  EXPECT_FALSE(testing::LoadString(graph, json, &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(),
            "test.json:30004:1: invalid JSON: The document root must not be followed by other values.");
  EXPECT_EQ(graph.statement_count(), 14u);
}

// A syntax error amid the statements, after some were taken (the last of them not yet added, its
// text gone with the document): that one diagnostic, and nothing of the file is loaded.
TEST(JsonErrors, SyntaxErrorAmidStatementsIsTheOneDiagnostic) {
  Graph graph = testing::LoadTiny();
  size_t before = graph.statement_count();
  std::vector<Diagnostic> diagnostics;
  std::string json = testing::TinyDocument(ManyStatements(20000, R"({"id": "st/cut", "subject": })"));
  EXPECT_FALSE(testing::LoadString(graph, json, &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(), "test.json:20003:31: invalid JSON: Invalid value.");
  EXPECT_EQ(graph.statement_count(), before);
}

// The transaction takes every source, then every entity, then every statement: arrays in
// another order, or a header after them, are kept whole and read after the parse.
TEST(JsonErrors, ArraysInAnyOrderLoadAndSayWhere) {
  std::string statements =
      R"("statements": [{"id": "st/new", "subject": "org/new", "predicate": "develops", "object": "chip/h100", )"
      R"("modality": "reported", "sources": [{"source": "src/new"}]}])";
  std::string entities = R"("entities": [{"id": "org/new", "type": "Company", "name": "New"}])";
  std::string sources = R"("sources": [{"id": "src/new", "kind": "report"}])";
  std::string header = R"("format": "aikg-graph/1", "schema": "tiny.schema.json")";
  for (const std::string& json : {"{" + header + ",\n" + statements + ",\n" + entities + ",\n" + sources + "}",
                                  "{" + sources + ",\n" + entities + ",\n" + statements + ",\n" + header + "}"}) {
    Graph graph = testing::LoadTiny();
    absl::Status status = testing::LoadString(graph, json);
    ASSERT_TRUE(status.ok()) << status.message() << "\n" << json;
    EXPECT_EQ(graph.statement_count(), 15u);
    ASSERT_TRUE(graph.FindStatement("st/new").has_value());
    EXPECT_EQ(graph.FindStatement("st/new")->subject().id(), "org/new");
  }
  // Problems in kept arrays are placed as in streamed ones.
  EXPECT_THAT(Problems(R"("statements": [{"id": "st/new", "subject": "org/nvidia", "predicate": "develops", )"
                       R"("object": "chip/nope", "modality": "reported", "sources": [{"source": "src/letter"}]}],)"
                       "\n" + entities),
              ElementsAre("test.json:2:93: unknown entity 'chip/nope' (at /statements/0/object)"));
}

// Statements of one file may use entities and sources of a later one.
TEST(JsonErrors, StatementsMayUseEntitiesOfALaterFile) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_forward";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::TestData("tiny.schema.json"), dir / "tiny.schema.json",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "statements.json") << testing::TinyDocument(
      R"("statements": [{"id": "st/a", "subject": "org/a", "predicate": "develops", "object": "chip/b", )"
      R"("modality": "reported", "sources": [{"source": "src/a"}]}])");
  std::ofstream(dir / "things.json") << testing::TinyDocument(
      R"("sources": [{"id": "src/a", "kind": "report"}],
  "entities": [{"id": "org/a", "type": "Company", "name": "A"}, {"id": "chip/b", "type": "Chip", "name": "B"}])");
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {dir / "statements.json", dir / "things.json"});
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(graph.statement_count(), 1u);
  EXPECT_EQ(graph.entity_count(), 2u);
}

}  // namespace
}  // namespace aikg
