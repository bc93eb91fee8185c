#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "aikg/export.h"
#include "export_support.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ExpectSameGraph;
using testing::ScratchDir;

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Exports `view` in `format`, imports the file into an empty graph with the same schema, and
// returns that graph.
Graph RoundTrip(const View& view, ExportFormat format, const std::string& name) {
  std::filesystem::path file = ScratchDir(name) / "graph.json";
  absl::Status exported = Export(view, format, file);
  EXPECT_TRUE(exported.ok()) << exported.message();
  Graph copy(view.graph().shared_schema());
  std::vector<Diagnostic> problems;
  absl::Status imported = format == ExportFormat::kNodeLink ? ImportNodeLink(copy, file, &problems)
                                                             : ImportJsonGraph(copy, file, &problems);
  EXPECT_TRUE(imported.ok()) << imported.message();
  EXPECT_TRUE(problems.empty());
  return copy;
}

class ImportRoundTrip : public ::testing::TestWithParam<ExportFormat> {};

TEST_P(ImportRoundTrip, GivesBackTheTinyGraphField)  {
  Graph graph = testing::LoadTiny();
  Graph copy = RoundTrip(View(graph), GetParam(), "round_trip_tiny");
  ExpectSameGraph(graph, copy);
  // The canonical JSON of both is the same text: nothing was lost or reordered.
  EXPECT_EQ(*ToJsonString(copy, AIKG_TEST_DATA_DIR), *ToJsonString(graph, AIKG_TEST_DATA_DIR));
}

TEST_P(ImportRoundTrip, GivesBackTheNewsletterDataset) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  Graph copy = RoundTrip(View(graph), GetParam(), "round_trip_dataset");
  ExpectSameGraph(graph, copy);
  EXPECT_EQ(*ToJsonString(copy, AIKG_DATASETS_DIR), *ToJsonString(graph, AIKG_DATASETS_DIR));
}

TEST_P(ImportRoundTrip, KeepsEscapedText) {
  Graph graph = testing::TrickyGraph();
  ExpectSameGraph(graph, RoundTrip(View(graph), GetParam(), "round_trip_tricky"));
}

TEST_P(ImportRoundTrip, GivesBackWhatAViewKept) {
  Graph graph = testing::LoadTiny();
  Filter when;
  when.valid_at = absl::CivilDay(2025, 3, 1);
  absl::StatusOr<View> view = View::Of(graph, when);
  ASSERT_TRUE(view.ok());
  Graph copy = RoundTrip(*view, GetParam(), "round_trip_view");
  std::vector<std::string> ids;
  for (StatementIndex i = 0; i < copy.statement_count(); ++i) ids.push_back(std::string(copy.statement(i).id()));
  EXPECT_THAT(ids, ElementsAre("st/1", "st/2", "st/5", "st/6", "st/12"));
  EXPECT_EQ(copy.entity_count(), 7u);
}

TEST_P(ImportRoundTrip, MergesIntoAGraphHoldingTheSameClaims) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("merge") / "graph.json";
  ASSERT_TRUE(Export(View(graph), GetParam(), file).ok());
  absl::Status imported =
      GetParam() == ExportFormat::kNodeLink ? ImportNodeLink(graph, file) : ImportJsonGraph(graph, file);
  EXPECT_TRUE(imported.ok()) << imported.message();
  EXPECT_EQ(graph.statement_count(), 14u);
}

INSTANTIATE_TEST_SUITE_P(Formats, ImportRoundTrip,
                         ::testing::Values(ExportFormat::kNodeLink, ExportFormat::kJsonGraph),
                         [](const ::testing::TestParamInfo<ExportFormat>& info) {
                           return info.param == ExportFormat::kNodeLink ? "NodeLink" : "JsonGraph";
                         });

TEST(ImportNodeLink, ReadsTheLinksKey) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("links_key") / "graph.json";
  ExportOptions options;
  options.node_link_links_key = true;
  ASSERT_TRUE(Export(View(graph), ExportFormat::kNodeLink, file, options).ok());
  Graph copy(graph.shared_schema());
  absl::Status imported = ImportNodeLink(copy, file);
  ASSERT_TRUE(imported.ok()) << imported.message();
  ExpectSameGraph(graph, copy);
}

TEST(ImportNodeLink, StatementsWithoutOrderFollowInFileOrder) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("no_order") / "graph.json";
  WriteText(file, R"({"directed": true, "multigraph": true,
 "graph": {"format": "aikg-node-link/1", "schema": "tiny", "sources": [{"id": "src/s", "kind": "other"}]},
 "nodes": [{"id": "org/a", "type": "Company", "name": "A",
            "values": [{"id": "st/v", "predicate": "slogan", "value": {"text": "hi"}, "modality": "claim",
                        "sources": ["src/s"]}]},
           {"id": "chip/c", "type": "Chip", "name": "C"}],
 "edges": [{"source": "org/a", "target": "chip/c", "key": "st/e", "predicate": "develops", "modality": "reported",
            "valid": "2023..2024-06", "sources": ["src/s"]}]})");
  Graph copy(graph.shared_schema());
  absl::Status imported = ImportNodeLink(copy, file);
  ASSERT_TRUE(imported.ok()) << imported.message();
  ASSERT_EQ(copy.statement_count(), 2u);
  EXPECT_EQ(copy.statement(0).id(), "st/v");
  EXPECT_EQ(copy.statement(1).id(), "st/e");
  EXPECT_EQ(copy.statement(1).valid().to.ToString(), "2024-06");
  EXPECT_TRUE(copy.statement(1).citations()[0].locator.empty());
}

// ---- Errors -----------------------------------------------------------------------------------

TEST(Import, NeedsAGraphWithASchema) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("needs_schema") / "graph.json";
  ASSERT_TRUE(Export(View(graph), ExportFormat::kNodeLink, file).ok());
  Graph empty;
  absl::Status status = ImportNodeLink(empty, file);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("the graph has no schema"));
}

TEST(Import, RejectsAnotherSchemaAndLayout) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("other_schema") / "graph.json";
  WriteText(file, "{\"directed\": true, \"multigraph\": true,\n"
                  " \"graph\": {\"format\": \"aikg-node-link/9\", \"schema\": \"ai-industry\"},\n"
                  " \"nodes\": [], \"edges\": []}");
  std::vector<Diagnostic> problems;
  absl::Status status = ImportNodeLink(graph, file, &problems);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].Format(), file.string() + ":2:22: unsupported layout 'aikg-node-link/9' (expected "
                                                  "'aikg-node-link/1', as written by aikg export) (at /graph/format)");
  EXPECT_EQ(problems[1].Format(), file.string() + ":2:52: the file's schema 'ai-industry' is not the graph's "
                                                  "schema 'tiny' (at /graph/schema)");
}

TEST(ImportNodeLink, ReportsProblemsAtTheirPlaceInTheFile) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::filesystem::path file = ScratchDir("node_link_errors") / "graph.json";
  WriteText(file, R"({"directed": true, "multigraph": true,
 "graph": {"format": "aikg-node-link/1", "schema": "tiny",
           "sources": [{"id": "src/s", "kind": "other"}, {"id": "src/t", "kind": "rumour"}]},
 "nodes": [
  {"id": "org/a", "type": "Company", "name": "A",
   "values": [{"id": "st/v", "predicate": "revenue", "value": {"amount": 1, "unit": "users", "bound": "roughly"},
               "modality": "reported",
               "sources": ["src/s"]}]},
  {"id": "chip/c", "type": "Chip", "name": "C", "colour": "red", "aliases": [{"lang": "fr"}],
   "attributes": {"specs": ["A"]}}
 ],
 "edges": [
  {"source": "org/a", "target": "org/nowhere", "key": "st/e", "predicate": "develops", "modality": "rumour",
   "sources": ["src/s", "src/unknown"], "locators": ["p. 1"]}
 ]
})");
  std::vector<Diagnostic> problems;
  absl::Status status = ImportNodeLink(graph, file, &problems);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> places;
  for (const Diagnostic& problem : problems) places.push_back(problem.json_pointer + ": " + problem.message);
  EXPECT_THAT(places, ::testing::UnorderedElementsAre(
                          "/nodes/1/colour: unknown member 'colour'",
                          "/graph/sources/1/kind: unknown source kind 'rumour' (expected newsletter, news_wire, "
                          "news_article, social_media_post, company_announcement, regulator, report, research_paper "
                          "or other)",
                          "/nodes/1/aliases/0/name: missing required member 'name'",
                          "/nodes/1/attributes/specs: attribute values are strings, numbers or booleans",
                          "/edges/0/modality: unknown modality 'rumour' (expected reported, claim, forecast, plan or "
                          "opinion)",
                          "/edges/0/locators: expected one locator per source (2), found 1",
                          "/nodes/0/values/0/value/unit: unit 'users' is not allowed for predicate 'revenue' (allowed: "
                          "USD, CNY)",
                          "/nodes/0/values/0/value/bound: unknown bound 'roughly' (expected exact, at_least, at_most "
                          "or about)",
                          "/edges/0/target: unknown entity 'org/nowhere'",
                          "/edges/0/sources/1: unknown source 'src/unknown'"));
  for (const Diagnostic& problem : problems) {
    EXPECT_EQ(problem.file, file.string());
    EXPECT_GT(problem.line, 0) << problem.Format();
  }
  // All or nothing: the graph is as it was.
  EXPECT_EQ(graph.entity_count(), 0u);
  EXPECT_EQ(graph.source_count(), 0u);
}

TEST(ImportJsonGraph, ReportsProblemsAtTheirPlaceInTheFile) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::filesystem::path file = ScratchDir("jgf_errors") / "graph.json";
  WriteText(file, R"({"graph": {"directed": true,
 "metadata": {"format": "aikg-jgf/1", "schema": "tiny", "sources": [{"id": "src/s", "kind": "other"}]},
 "nodes": {
  "org/a": {"label": "A", "metadata": {"type": "Startup"}},
  "chip/c": {"label": "", "metadata": {"type": "Chip"}}
 },
 "edges": [
  {"id": "st/e", "source": "chip/c", "target": "org/a", "relation": "develops",
   "metadata": {"modality": "reported", "valid": "2024..2023", "sources": ["src/s"]}}
 ]
}})");
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportJsonGraph(graph, file, &problems).ok());
  std::vector<std::string> places;
  for (const Diagnostic& problem : problems) places.push_back(problem.json_pointer);
  EXPECT_THAT(places, ::testing::UnorderedElementsAre("/graph/nodes/org~1a/metadata/type", "/graph/nodes/chip~1c/label",
                                                      "/graph/edges/0/source",
                                                      // org/a was refused: it is unknown as an object
                                                      "/graph/edges/0/target", "/graph/edges/0/metadata/valid"));
}

TEST(ImportJsonGraph, RefusesAListOfGraphs) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::filesystem::path file = ScratchDir("graphs") / "graph.json";
  WriteText(file, R"({"graphs": []})");
  absl::Status status = ImportJsonGraph(graph, file);
  EXPECT_THAT(status.message(), HasSubstr("aikg imports one graph ('graph'), not a list of graphs (at /graphs)"));
}

TEST(Import, MissingFileAndInvalidJsonAreReported) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::filesystem::path dir = ScratchDir("bad_files");
  absl::Status missing = ImportNodeLink(graph, dir / "nothing.json");
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.message(), HasSubstr("nothing.json: cannot read the file"));
  WriteText(dir / "broken.json", "{\"graph\": ");
  absl::Status broken = ImportJsonGraph(graph, dir / "broken.json");
  EXPECT_THAT(broken.message(), HasSubstr("broken.json:1:11: invalid JSON"));
}

}  // namespace
}  // namespace aikg
