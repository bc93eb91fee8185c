#include "aikg/json.h"

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;

// A fresh directory under the test temp dir, holding a copy of the tiny schema.
std::filesystem::path ScratchDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / ("aikg_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::TestData("tiny.schema.json"), dir / "tiny.schema.json");
  return dir;
}

TEST(JsonRoundTrip, SaveLoadSaveIsByteIdentical) {
  std::filesystem::path dir = ScratchDir("roundtrip");
  Graph graph = testing::LoadTiny();
  ASSERT_TRUE(SaveJsonFile(graph, dir / "first.json").ok());
  Graph reloaded;
  ASSERT_TRUE(LoadJsonFiles(reloaded, {dir / "first.json"}).ok());
  ASSERT_TRUE(SaveJsonFile(reloaded, dir / "second.json").ok());
  std::string first = testing::ReadFile(dir / "first.json");
  EXPECT_EQ(first, testing::ReadFile(dir / "second.json"));
  EXPECT_THAT(first, HasSubstr("tests/data/tiny.schema.json\""));
  // Nothing of the temporary files is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 3);
}

TEST(JsonRoundTrip, KeepsEveryField) {
  std::filesystem::path dir = ScratchDir("fields");
  Graph graph = testing::LoadTiny();
  ASSERT_TRUE(SaveJsonFile(graph, dir / "copy.json").ok());
  Graph copy;
  ASSERT_TRUE(LoadJsonFiles(copy, {dir / "copy.json"}).ok());
  testing::ExpectSameGraph(graph, copy);
}

TEST(JsonRoundTrip, NumbersAndUnicodeSurviveExactly) {
  std::filesystem::path dir = ScratchDir("numbers");
  const std::string document = testing::TinyDocument(R"(
  "sources": [{"id": "src/\u00e9\u4e2d\ud83d\ude80", "kind": "other", "title": "tab\tquote\" slash\\ nl\n"}],
  "entities": [{"id": "org/x", "type": "Company", "name": "X", "attributes": {"margin": 0.1, "employees": 9007199254740993}}],
  "statements": [
    {"id": "a", "subject": "org/x", "predicate": "revenue", "value": {"amount": 0.30000000000000004, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/é中🚀"}]},
    {"id": "b", "subject": "org/x", "predicate": "revenue", "value": {"amount": 1e300, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/é中🚀"}]},
    {"id": "c", "subject": "org/x", "predicate": "revenue", "value": {"amount": -2.5e-7, "unit": "USD", "lower": -1e-6, "upper": 123456789012345678}, "modality": "reported", "sources": [{"source": "src/é中🚀"}], "confidence": 0.333333333333333315}
  ])");
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, document).ok());
  EXPECT_EQ(graph.FindStatement("a")->quantity()->amount, 0.30000000000000004);
  EXPECT_EQ(graph.FindStatement("b")->quantity()->amount, 1e300);
  EXPECT_EQ(graph.FindStatement("c")->quantity()->upper, 123456789012345678.0);
  EXPECT_EQ(graph.FindStatement("c")->confidence(), 0.333333333333333315);
  EXPECT_EQ(std::get<int64_t>(*graph.FindEntity("org/x")->attribute("employees")), 9007199254740993);
  EXPECT_EQ(graph.FindSource("src/é中🚀")->title(), "tab\tquote\" slash\\ nl\n");

  ASSERT_TRUE(SaveJsonFile(graph, dir / "one.json").ok());
  Graph copy;
  ASSERT_TRUE(LoadJsonFiles(copy, {dir / "one.json"}).ok());
  EXPECT_EQ(copy.FindStatement("a")->quantity()->amount, 0.30000000000000004);
  EXPECT_EQ(copy.FindStatement("b")->quantity()->amount, 1e300);
  EXPECT_EQ(copy.FindStatement("c")->quantity()->amount, -2.5e-7);
  EXPECT_EQ(copy.FindStatement("c")->quantity()->lower, -1e-6);
  EXPECT_EQ(copy.FindStatement("c")->confidence(), 0.333333333333333315);
  EXPECT_EQ(std::get<int64_t>(*copy.FindEntity("org/x")->attribute("employees")), 9007199254740993);
  EXPECT_EQ(copy.FindSource("src/é中🚀")->title(), "tab\tquote\" slash\\ nl\n");
  ASSERT_TRUE(SaveJsonFile(copy, dir / "two.json").ok());
  EXPECT_EQ(testing::ReadFile(dir / "one.json"), testing::ReadFile(dir / "two.json"));
  // Non-ASCII text is written as UTF-8, not escaped.
  EXPECT_THAT(testing::ReadFile(dir / "one.json"), HasSubstr("src/é中🚀"));
}

TEST(JsonLoad, MergesFilesAndIdenticalDefinitions) {
  std::filesystem::path dir = ScratchDir("merge");
  {
    std::ofstream(dir / "a.json") << testing::TinyDocument(R"(
      "sources": [{"id": "src/s", "kind": "report"}],
      "entities": [{"id": "org/a", "type": "Company", "name": "A"}, {"id": "country/cn", "type": "Country", "name": "China"}],
      "statements": [{"id": "s1", "subject": "org/a", "predicate": "located_in", "object": "country/cn", "modality": "reported", "sources": [{"source": "src/s"}]}])");
    std::ofstream(dir / "b.json") << testing::TinyDocument(R"(
      "sources": [{"id": "src/s", "kind": "report"}],
      "entities": [{"id": "org/a", "type": "Company", "name": "A"}, {"id": "org/b", "type": "Company", "name": "B"}],
      "statements": [
        {"id": "s1", "subject": "org/a", "predicate": "located_in", "object": "country/cn", "modality": "reported", "sources": [{"source": "src/s"}]},
        {"id": "s2", "subject": "org/b", "predicate": "competes_with", "object": "org/a", "modality": "opinion", "sources": [{"source": "src/s"}]}])");
  }
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {dir / "a.json", dir / "b.json"});
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(graph.entity_count(), 3u);
  EXPECT_EQ(graph.statement_count(), 2u);
  EXPECT_EQ(graph.source_count(), 1u);
  EXPECT_EQ(graph.edge_count(), 2u);
  // Loading a file again is a no-op merge.
  ASSERT_TRUE(LoadJsonFiles(graph, {dir / "b.json"}).ok());
  EXPECT_EQ(graph.statement_count(), 2u);
}

// The statements of the last file stream, each read from its parser's events; an earlier file's
// are kept in its document and read from it: both readers make the same statements of every shape.
TEST(JsonLoad, StatementsReadFromEventsEqualThoseReadFromTheDocument) {
  std::filesystem::path dir = ScratchDir("events");
  std::ofstream(dir / "graph.json") << testing::TinyDocument(R"(
    "sources": [{"id": "src/s", "kind": "report"}, {"id": "src/t", "kind": "news_article"}],
    "entities": [{"id": "org/a", "type": "Company", "name": "A"}, {"id": "chip/c", "type": "Chip", "name": "C"},
                 {"id": "model/m", "type": "AIModel", "name": "M"}, {"id": "country/cn", "type": "Country", "name": "China"}],
    "statements": [
      {"id": "s1", "subject": "org/a", "predicate": "develops", "object": "chip/c", "valid": "2024-Q2", "modality": "reported",
       "sources": [{"source": "src/s", "locator": "p. 4"}, {"source": "src/t"}]},
      {"sources": [{"locator": "fig. 1", "source": "src/t"}], "modality": "claim", "object": "country/cn",
       "predicate": "located_in", "subject": "org/a", "id": "s2", "qualifiers": {"scope": "\u00e9t\u00e9", "basis": "estimate"}},
      {"id": "s3", "subject": "org/a", "predicate": "revenue", "value": {"unit": "USD", "amount": 25200000, "bound": "at_most"},
       "valid": {"from": "2022", "to": "2024-06"}, "period": "2024", "modality": "reported", "sources": [{"source": "src/s"}], "confidence": 1},
      {"id": "s4", "subject": "org/a", "predicate": "revenue", "value": {"amount": "34.7 billion", "unit": "CNY", "lower": 3e10, "upper": 4e10},
       "valid": {"from": "early 2023"}, "modality": "forecast", "sources": [{"source": "src/s"}], "confidence": 0.25},
      {"id": "s5", "subject": "org/a", "predicate": "revenue_growth", "value": {"amount": -2.5, "unit": "percent"},
       "valid": {"to": "2030"}, "modality": "plan", "sources": [{"source": "src/t"}]},
      {"id": "s6", "subject": "model/m", "predicate": "slogan", "value": {"text": "AI for \"all\"", "lang": "en"}, "modality": "opinion", "sources": [{"source": "src/s"}]},
      {"id": "s7", "subject": "model/m", "predicate": "slogan", "value": {"text": "次世代のAI"}, "modality": "claim", "sources": [{"source": "src/s"}]},
      {"id": "s8", "subject": "model/m", "predicate": "release_date", "value": {"date": "2024-05-13"}, "modality": "reported", "sources": [{"source": "src/s"}]},
      {"id": "s9", "subject": "model/m", "predicate": "open_source", "value": {"boolean": false}, "valid": "mid 2022", "modality": "reported", "sources": [{"source": "src/s"}], "qualifiers": {}}
    ])");
  std::ofstream(dir / "empty.json") << testing::TinyDocument("");
  Graph from_events, from_document;
  absl::Status status = LoadJsonFiles(from_events, {dir / "graph.json"});
  ASSERT_TRUE(status.ok()) << status.message();
  status = LoadJsonFiles(from_document, {dir / "graph.json", dir / "empty.json"});
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(from_events.statement_count(), 9u);
  ASSERT_EQ(from_document.statement_count(), 9u);
  testing::ExpectSameGraph(from_document, from_events);
  // Spot checks that the fields were read at all.
  EXPECT_EQ(from_events.FindStatement("s4")->quantity()->amount, 34.7e9);
  EXPECT_EQ(from_events.FindStatement("s3")->confidence(), 1.0);
  EXPECT_EQ(from_events.FindStatement("s2")->qualifiers().size(), 2u);
  EXPECT_EQ(from_events.FindStatement("s6")->text()->text, "AI for \"all\"");
  EXPECT_EQ(from_events.FindStatement("s9")->boolean(), false);
}

TEST(JsonLoad, ResolvesFiscalPeriodsAndKeepsTheirText) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(R"(
    "sources": [{"id": "s", "kind": "report"}],
    "entities": [{"id": "org/a", "type": "Company", "name": "A", "attributes": {"fiscal_year_start": 4}}],
    "statements": [{"id": "r", "subject": "org/a", "predicate": "revenue", "value": {"amount": 1, "unit": "USD"}, "valid": "FY2026-Q1", "period": "FY2026-Q1", "modality": "reported", "sources": [{"source": "s"}]}])"))
                  .ok());
  Statement revenue = *graph.FindStatement("r");
  EXPECT_EQ(revenue.valid().from.first_day(), absl::CivilDay(2025, 4, 1));
  EXPECT_EQ(revenue.period().last_day(), absl::CivilDay(2025, 6, 30));
  absl::StatusOr<std::string> saved = ToJsonString(graph, AIKG_TEST_DATA_DIR);
  EXPECT_THAT(*saved, HasSubstr("\"valid\":\"FY2026-Q1\",\"period\":\"FY2026-Q1\""));
}

TEST(JsonSave, WritesAtomicallyAndReportsFailures) {
  Graph graph = testing::LoadTiny();
  absl::Status status = SaveJsonFile(graph, "/nonexistent-dir/graph.json");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(status.message()), HasSubstr("/nonexistent-dir"));

  std::filesystem::path dir = ScratchDir("atomic");
  std::ofstream(dir / "out.json") << "old";
  ASSERT_TRUE(SaveJsonFile(graph, dir / "out.json").ok());
  EXPECT_THAT(testing::ReadFile(dir / "out.json"), HasSubstr("\"format\": \"aikg-graph/1\""));

  Graph without_schema;
  EXPECT_EQ(SaveJsonFile(without_schema, dir / "none.json").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.json"));
}

TEST(JsonSave, ToJsonStringMatchesTheFile) {
  std::filesystem::path dir = ScratchDir("string");
  Graph graph = testing::LoadTiny();
  ASSERT_TRUE(SaveJsonFile(graph, dir / "g.json").ok());
  absl::StatusOr<std::string> text = ToJsonString(graph, dir);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, testing::ReadFile(dir / "g.json"));
}

TEST(JsonSave, EmptyGraphHasEmptySections) {
  std::filesystem::path dir = ScratchDir("empty");
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument("")).ok());
  EXPECT_NE(graph.schema(), nullptr);
  absl::StatusOr<std::string> text = ToJsonString(graph, AIKG_TEST_DATA_DIR);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "{\n  \"format\": \"aikg-graph/1\",\n  \"schema\": \"tiny.schema.json\",\n  \"sources\": [],\n"
            "  \"entities\": [],\n  \"statements\": []\n}\n");
}

}  // namespace
}  // namespace aikg
