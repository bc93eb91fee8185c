// The explorer page (ExportFormat::kHtml): its frame, the embedded data the page computes with,
// escaping, layouts and the size limit. tests/python/test_explorer.py drives the page itself in
// a browser.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "aikg/export.h"
#include "aikg/timeline.h"
#include "export_support.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::ScratchDir;

// The page, and the JSON in its data element.
struct Page {
  std::string html;
  rapidjson::Document data;
};

Page ExportPage(const View& view, const std::string& name, const ExportOptions& options = {}) {
  std::filesystem::path out = ScratchDir(name) / "explorer.html";
  absl::Status status = Export(view, ExportFormat::kHtml, out, options);
  EXPECT_TRUE(status.ok()) << status.message();
  Page page;
  page.html = ReadFile(out);
  const std::string open = "<script type=\"application/json\" id=\"aikg-data\">";
  size_t start = page.html.find(open);
  EXPECT_NE(start, std::string::npos);
  start += open.size();
  size_t end = page.html.find("</script>", start);
  std::string json = page.html.substr(start, end - start);
  page.data.Parse(json.c_str(), json.size());
  EXPECT_FALSE(page.data.HasParseError()) << "at offset " << page.data.GetErrorOffset();
  return page;
}

std::string Str(const rapidjson::Value& value) { return {value.GetString(), value.GetStringLength()}; }

const rapidjson::Value& StatementById(const rapidjson::Document& data, const std::string& id) {
  for (const auto& statement : data["statements"].GetArray()) {
    if (Str(statement["id"]) == id) return statement;
  }
  ADD_FAILURE() << "no statement " << id;
  return data["statements"][0];
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(ExportExplorer, IsTheHtmlFormat) {
  EXPECT_EQ(ExportFormatName(ExportFormat::kHtml), "html");
  EXPECT_EQ(*ParseExportFormat("html"), ExportFormat::kHtml);
}

TEST(ExportExplorer, OnePageThatLoadsNothingFromElsewhere) {
  Graph graph = testing::LoadTiny();
  Page page = ExportPage(View(graph), "frame");
  EXPECT_THAT(page.html, ::testing::StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(page.html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                                   "script-src 'sha256-"));
  EXPECT_THAT(page.html, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(page.html, Not(HasSubstr("href=\"http")));
  EXPECT_THAT(page.html, HasSubstr("<title>tiny</title>"));
  EXPECT_EQ(Count(page.html, "<script"), 2);  // the data and the script, nothing else
  EXPECT_EQ(Str(page.data["format"]), "aikg-explorer/1");
  EXPECT_EQ(page.data["entities"].Size(), graph.entity_count());
  EXPECT_EQ(page.data["statements"].Size(), graph.statement_count());
}

TEST(ExportExplorer, TitleIsEscaped) {
  Graph graph = testing::LoadTiny();
  ExportOptions options;
  options.html_title = "AI & chips </title><script>";
  Page page = ExportPage(View(graph), "title", options);
  EXPECT_THAT(page.html, HasSubstr("<title>AI &amp; chips &lt;/title&gt;&lt;script&gt;</title>"));
  EXPECT_EQ(Str(page.data["title"]), "AI & chips </title><script>");
}

TEST(ExportExplorer, DataCannotCloseItsElement) {
  Graph graph = testing::TrickyGraph();
  Page page = ExportPage(View(graph), "tricky");
  // Markup characters only as \u escapes inside the data: the one "</script>" after it is the
  // element's own end.
  size_t data_start = page.html.find("id=\"aikg-data\">");
  size_t data_end = page.html.find("</script>", data_start);
  std::string data = page.html.substr(data_start + 15, data_end - data_start - 15);
  EXPECT_EQ(data.find_first_of("<>&"), std::string::npos);
  EXPECT_EQ(Str(page.data["entities"][0]["name"]), "Q \"quoted\" <b>bold</b> & co, Ltd.");
  EXPECT_EQ(Str(page.data["statements"][0]["id"]), "st/<1>");
  EXPECT_EQ(Str(page.data["statements"][0]["qualifiers"]["note"]), "a < b & c > d");
}

TEST(ExportExplorer, StatementsCarryTheLibrarysTimeSemantics) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  Page page = ExportPage(View(graph), "times");
  // "early 2024": January to April; as of a day, an interval holds from its first to its last.
  const rapidjson::Value& approvals = StatementById(page.data, "st/chinese-approved-models-early-2024");
  EXPECT_EQ(Str(approvals["valid"]), "early 2024");
  EXPECT_EQ(Str(approvals["valid_start"]), "2024-01-01");
  EXPECT_EQ(Str(approvals["valid_end"]), "2024-04-30");
  EXPECT_EQ(Str(approvals["valid_precision"]), "year");
  // A point holds from its start on: no last day to compare.
  EXPECT_EQ(approvals["holds"][0].GetInt(), absl::CivilDay(2024, 1, 1) - absl::CivilDay(1970, 1, 1));
  EXPECT_TRUE(approvals["holds"][1].IsNull());
  // Known from the first day its source (the newsletter of 2025-09) may have been published.
  EXPECT_EQ(approvals["known"].GetInt(), absl::CivilDay(2025, 9, 1) - absl::CivilDay(1970, 1, 1));
  // Bloomberg is undated, relayed by the newsletter: the relay's date counts.
  const rapidjson::Value& agent = StatementById(page.data, "st/deepseek-agent-multistep-tasks");
  EXPECT_EQ(agent["known"].GetInt(), absl::CivilDay(2025, 9, 1) - absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(Str(agent["valid"]), "end of 2025..");
  EXPECT_EQ(agent["holds"][0].GetInt(), absl::CivilDay(2025, 12, 1) - absl::CivilDay(1970, 1, 1));
  EXPECT_TRUE(agent["holds"][1].IsNull());
  // An undated statement has no valid time to compare; the page applies the undated rule.
  const rapidjson::Value& based = StatementById(page.data, "st/alibaba-based-in-china");
  EXPECT_FALSE(based.HasMember("valid"));
  EXPECT_FALSE(based.HasMember("holds"));
  EXPECT_EQ(based["known"].GetInt(), absl::CivilDay(2025, 9, 4) - absl::CivilDay(1970, 1, 1));  // Reuters
  // The relay chain is there to be shown: Bloomberg → the newsletter.
  const rapidjson::Value& cited = page.data["sources"][agent["sources"][0][0].GetUint()];
  EXPECT_EQ(Str(cited["publisher"]), "Bloomberg");
  EXPECT_EQ(Str(page.data["sources"][cited["via"].GetUint()]["id"]), "src/newsletter-2025-09");
  EXPECT_EQ(Str(agent["sources"][0][1]), "DeepSeek › Bloomberg report");
}

TEST(ExportExplorer, NamesAreTheLibrarysFoldedNamesInItsOrder) {
  Graph graph = testing::LoadTiny();
  Page page = ExportPage(View(graph), "names");
  std::vector<std::string> names;
  for (const auto& entry : page.data["names"].GetArray()) names.push_back(Str(entry[0]));
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));  // byte order, as SearchNames ties
  EXPECT_NE(std::find(names.begin(), names.end(), "etats-unis"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "阿里巴巴"), names.end());
  // How the names' characters fold, for what readers type.
  EXPECT_EQ(Str(page.data["fold"]["É"]), "e");
  EXPECT_EQ(Str(page.data["fold"]["阿"]), "阿");
}

TEST(ExportExplorer, ConflictsAreMarked) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::TestData("conflicting.json")}).ok());
  std::vector<Conflict> conflicts = Conflicts(View(graph));
  ASSERT_FALSE(conflicts.empty());
  Page page = ExportPage(View(graph), "conflicts");
  ASSERT_EQ(page.data["conflicts"].Size(), conflicts.size());
  const rapidjson::Value& first = page.data["conflicts"][0];
  ASSERT_EQ(first["statements"].Size(), conflicts[0].statements.size());
  const rapidjson::Value& statement = page.data["statements"][first["statements"][0].GetUint()];
  EXPECT_EQ(Str(statement["id"]), conflicts[0].statements[0].id());
  EXPECT_EQ(statement["conflict"].GetUint(), 0u);
}

TEST(ExportExplorer, NeighbourhoodsAreLaidOutRadiallyOrByGraphviz) {
  Graph graph = testing::LoadTiny();
  ExportOptions radial;
  radial.explorer_layout = ExplorerLayout::kRadial;
  Page page = ExportPage(View(graph), "radial", radial);
  EXPECT_EQ(Str(page.data["layout"]), "radial");
  ASSERT_EQ(page.data["neighbourhoods"].Size(), graph.entity_count());
  // org/deepseek (entity 1): itself in the centre, then its neighbours on the first ring.
  const rapidjson::Value& deepseek = page.data["neighbourhoods"][1];
  ASSERT_GE(deepseek.Size(), 8u);
  EXPECT_EQ(deepseek[0].GetUint(), 1u);
  EXPECT_EQ(deepseek[1].GetUint(), 0u);
  EXPECT_EQ(deepseek[2].GetInt(), 0);
  EXPECT_EQ(deepseek[3].GetInt(), 0);
  for (size_t i = 4; i + 3 < deepseek.Size(); i += 4) {
    int x = deepseek[i + 2].GetInt(), y = deepseek[i + 3].GetInt();
    EXPECT_GT(x * x + y * y, 150 * 150) << "node " << i / 4 << " is off its ring";
  }

  Page automatic = ExportPage(View(graph), "auto");
  bool graphviz = std::system("dot -V > /dev/null 2>&1") == 0;
  EXPECT_EQ(Str(automatic.data["layout"]), graphviz ? "graphviz" : "radial");
  EXPECT_EQ(automatic.data["neighbourhoods"][1].Size(), deepseek.Size());
}

TEST(ExportExplorer, TooLargeAViewIsRefusedWithWhatToDoInstead) {
  Graph graph;
  std::string statements;
  for (size_t i = 0; i <= kExplorerStatementLimit; ++i) {
    statements += (i ? ",\n" : "") + std::string("{\"id\": \"st/") + std::to_string(i) +
                  "\", \"subject\": \"model/a\", \"predicate\": \"users\", \"value\": {\"amount\": " + std::to_string(i) +
                  ", \"unit\": \"users\"}, \"modality\": \"reported\", \"sources\": [{\"source\": \"src/s\"}]}";
  }
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(
                                             "\"sources\": [{\"id\": \"src/s\", \"kind\": \"report\"}],\n"
                                             "\"entities\": [{\"id\": \"model/a\", \"type\": \"AIModel\", \"name\": \"A\"}],\n"
                                             "\"statements\": [" + statements + "]"))
                  .ok());
  std::filesystem::path out = ScratchDir("too_large") / "explorer.html";
  absl::Status status = Export(View(graph), ExportFormat::kHtml, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("at most 250000 statements and this view has 250001"));
  EXPECT_THAT(status.message(), HasSubstr("--as-of"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace aikg
