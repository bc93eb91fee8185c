#include "aikg/export.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "export_support.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::ListFiles;
using testing::OutputName;
using testing::ReadFile;
using testing::ScratchDir;

rapidjson::Document ParseJson(const std::filesystem::path& path) {
  std::string text = ReadFile(path);
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  EXPECT_FALSE(document.HasParseError()) << path << " at offset " << document.GetErrorOffset();
  return document;
}

std::string Str(const rapidjson::Value& value) { return {value.GetString(), value.GetStringLength()}; }

// Node ids and edge keys of a node-link file.
std::vector<std::string> NodeIds(const rapidjson::Document& document) {
  std::vector<std::string> ids;
  for (const auto& node : document["nodes"].GetArray()) ids.push_back(Str(node["id"]));
  return ids;
}
std::vector<std::string> EdgeKeys(const rapidjson::Document& document) {
  std::vector<std::string> keys;
  for (const auto& edge : document["edges"].GetArray()) keys.push_back(Str(edge["key"]));
  return keys;
}
std::vector<std::string> ValueIds(const rapidjson::Document& document) {
  std::vector<std::string> ids;
  for (const auto& node : document["nodes"].GetArray()) {
    if (!node.HasMember("values")) continue;
    for (const auto& value : node["values"].GetArray()) ids.push_back(Str(value["id"]));
  }
  return ids;
}

absl::Status ExportTo(const View& view, ExportFormat format, const std::filesystem::path& out,
                      const ExportOptions& options = {}) {
  absl::Status status = Export(view, format, out, options);
  EXPECT_TRUE(status.ok()) << ExportFormatName(format) << ": " << status.message();
  return status;
}

// ---- Format names -----------------------------------------------------------------------------

TEST(ExportFormat, NamesRoundTrip) {
  for (ExportFormat format : testing::kAllFormats) {
    absl::StatusOr<ExportFormat> parsed = ParseExportFormat(ExportFormatName(format));
    ASSERT_TRUE(parsed.ok()) << ExportFormatName(format);
    EXPECT_EQ(*parsed, format);
  }
}

TEST(ExportFormat, UnknownNameListsTheKnownOnes) {
  absl::StatusOr<ExportFormat> parsed = ParseExportFormat("xml");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(),
            "unknown export format 'xml' (expected node-link, jgf, cytoscape, graphml, gexf, dot, timelinejs, csv, "
            "html, turtle, ntriples, nquads, jsonld)");
}

// ---- Golden files: every format of the tiny graph -------------------------------------------------
//
// Set AIKG_UPDATE_GOLDEN=1 to rewrite tests/data/export/tiny/ after a deliberate change.

TEST(ExportGolden, TinyGraphInEveryFormatMatchesCheckedInFiles) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path dir = ScratchDir("golden");
  std::filesystem::path golden = testing::TestData("export/tiny");
  bool update = std::getenv("AIKG_UPDATE_GOLDEN") != nullptr;
  for (ExportFormat format : testing::kAllFormats) {
    ASSERT_TRUE(ExportTo(View(graph), format, dir / OutputName(format)).ok());
  }
  std::vector<std::string> files = ListFiles(dir);
  EXPECT_THAT(files, ElementsAre("csv/entities.csv", "csv/neo4j/entities.header.csv", "csv/neo4j/sources.header.csv",
                                 "csv/neo4j/statements.header.csv", "csv/sources.csv", "csv/statements.csv",
                                 "graph.cyjs", "graph.dot", "graph.gexf", "graph.graphml", "graph.jgf.json",
                                 "graph.jsonld", "graph.node-link.json", "graph.nq", "graph.nt", "graph.timeline.json",
                                 "graph.ttl"));
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    if (update) {
      std::filesystem::create_directories((golden / file).parent_path());
      std::filesystem::copy_file(dir / file, golden / file, std::filesystem::copy_options::overwrite_existing);
    }
    EXPECT_EQ(ReadFile(dir / file), ReadFile(golden / file));
  }
}

// ---- Structure ----------------------------------------------------------------------------------

TEST(ExportNodeLink, NodesCarryEntitiesAndValuesEdgesCarryStatements) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("node_link") / "tiny.json";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kNodeLink, out).ok());
  rapidjson::Document document = ParseJson(out);
  EXPECT_TRUE(document["directed"].GetBool());
  EXPECT_TRUE(document["multigraph"].GetBool());
  EXPECT_EQ(Str(document["graph"]["schema"]), "tiny");
  EXPECT_EQ(document["graph"]["sources"].Size(), 2u);
  EXPECT_THAT(NodeIds(document), ElementsAre("org/alibaba", "org/deepseek", "org/nvidia", "country/us", "country/cn",
                                             "chip/h100", "model/r1"));
  // Parallel edges stay apart: st/1 and st/12 both say Nvidia develops the H100.
  EXPECT_THAT(EdgeKeys(document), ElementsAre("st/1", "st/2", "st/6", "st/7", "st/12", "st/13", "st/14"));
  EXPECT_THAT(ValueIds(document), ElementsAre("st/3", "st/4", "st/11", "st/8", "st/5", "st/9", "st/10"));

  const rapidjson::Value& alibaba = document["nodes"][0];
  EXPECT_EQ(Str(alibaba["type"]), "Company");
  EXPECT_EQ(alibaba["attributes"]["employees"].GetInt64(), 204891);
  EXPECT_EQ(alibaba["attributes"]["margin"].GetDouble(), 0.125);
  EXPECT_TRUE(alibaba["attributes"]["listed"].GetBool());
  const rapidjson::Value& forecast = alibaba["values"][2];  // st/11
  EXPECT_EQ(Str(forecast["value"]["bound"]), "about");
  EXPECT_EQ(forecast["value"]["lower"].GetInt64(), 240000000000);
  EXPECT_EQ(Str(forecast["valid"]), "end of 2025");
  EXPECT_EQ(Str(forecast["valid_start"]), "2025-12-01");
  EXPECT_EQ(Str(forecast["valid_end"]), "2025-12-31");
  EXPECT_EQ(Str(forecast["valid_precision"]), "year");  // a part of a year, as `valid` says

  const rapidjson::Value& open_ended = document["edges"][1];  // st/2: valid from 2022 on
  EXPECT_EQ(Str(open_ended["valid"]), "2022..");
  EXPECT_EQ(Str(open_ended["valid_start"]), "2022-01-01");
  EXPECT_FALSE(open_ended.HasMember("valid_end"));
  EXPECT_EQ(Str(open_ended["valid_precision"]), "year");
  EXPECT_EQ(open_ended["confidence"].GetDouble(), 0.9);
  const rapidjson::Value& two_sources = document["edges"][2];  // st/6
  EXPECT_EQ(Str(two_sources["sources"][1]), "src/letter");
  EXPECT_EQ(Str(two_sources["locators"][0]), "post");
  EXPECT_EQ(two_sources["order"].GetUint(), 5u);
}

TEST(ExportNodeLink, LinksKeyOnRequest) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("links") / "tiny.json";
  ExportOptions options;
  options.node_link_links_key = true;
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kNodeLink, out, options).ok());
  rapidjson::Document document = ParseJson(out);
  EXPECT_TRUE(document.HasMember("links"));
  EXPECT_FALSE(document.HasMember("edges"));
  EXPECT_EQ(document["links"].Size(), 7u);
}

TEST(ExportJsonGraph, NodesAreKeyedByIdWithMetadata) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("jgf") / "tiny.json";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kJsonGraph, out).ok());
  rapidjson::Document document = ParseJson(out);
  const rapidjson::Value& body = document["graph"];
  EXPECT_TRUE(body["directed"].GetBool());
  EXPECT_EQ(body["metadata"]["entity_types"].Size(), 5u);
  EXPECT_EQ(Str(body["metadata"]["entity_types"][1]["parent"]), "Organization");
  ASSERT_TRUE(body["nodes"].IsObject());
  EXPECT_EQ(body["nodes"].MemberCount(), 7u);
  EXPECT_EQ(Str(body["nodes"]["model/r1"]["label"]), "DeepSeek-R1");
  EXPECT_EQ(body["nodes"]["model/r1"]["metadata"]["values"].Size(), 3u);
  EXPECT_EQ(body["edges"].Size(), 7u);
  EXPECT_EQ(Str(body["edges"][0]["relation"]), "develops");
  EXPECT_EQ(Str(body["edges"][0]["metadata"]["modality"]), "reported");
}

TEST(ExportCytoscape, ElementsHoldNodesAndEdgesData) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("cytoscape") / "tiny.cyjs";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kCytoscape, out).ok());
  rapidjson::Document document = ParseJson(out);
  const rapidjson::Value& elements = document["elements"];
  EXPECT_EQ(elements["nodes"].Size(), 7u);
  EXPECT_EQ(Str(elements["nodes"][5]["data"]["id"]), "chip/h100");
  EXPECT_EQ(elements["edges"].Size(), 7u);
  EXPECT_EQ(Str(elements["edges"][4]["data"]["id"]), "st/12");
  EXPECT_EQ(Str(elements["edges"][4]["data"]["source"]), "org/nvidia");
  EXPECT_EQ(Str(elements["edges"][4]["data"]["predicate"]), "develops");
  EXPECT_EQ(Str(document["data"]["schema"]), "tiny");
}

TEST(ExportGraphMl, DeclaresTypedKeys) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("graphml") / "tiny.graphml";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kGraphMl, out).ok());
  std::string text = ReadFile(out);
  EXPECT_THAT(text, HasSubstr(R"(<key id="n_attribute_1" for="node" attr.name="employees" attr.type="long"/>)"));
  EXPECT_THAT(text, HasSubstr(R"(<key id="n_attribute_4" for="node" attr.name="listed" attr.type="boolean"/>)"));
  EXPECT_THAT(text, HasSubstr(R"(<key id="n_attribute_5" for="node" attr.name="margin" attr.type="double"/>)"));
  EXPECT_THAT(text, HasSubstr(R"(<key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>)"));
  EXPECT_THAT(text, HasSubstr(R"(<graph id="G" edgedefault="directed">)"));
  EXPECT_THAT(text, HasSubstr(R"(<edge id="st/12" source="org/nvidia" target="chip/h100">)"));
  EXPECT_THAT(text, HasSubstr(R"(<data key="n_attribute_1">204891</data>)"));
  EXPECT_THAT(text, HasSubstr(R"(<data key="e_sources">[&quot;src/wire&quot;,&quot;src/letter&quot;]</data>)"));
}

TEST(ExportGexf, EdgesLiveForTheirValidTime) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("gexf") / "tiny.gexf";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kGexf, out).ok());
  std::string text = ReadFile(out);
  EXPECT_THAT(text, HasSubstr(R"(<gexf xmlns="http://gexf.net/1.3")"));
  EXPECT_THAT(text, HasSubstr(R"(<graph defaultedgetype="directed" mode="dynamic" timeformat="date">)"));
  // A year, an open-ended interval (no end) and an undated statement (no spell at all).
  EXPECT_THAT(text, HasSubstr(R"(<edge id="st/1" source="org/nvidia" target="chip/h100" label="develops" )"
                              R"(kind="develops" start="2022-01-01" end="2022-12-31">)"));
  EXPECT_THAT(text, HasSubstr(R"(kind="restricts_export_of" start="2022-01-01">)"));
  EXPECT_THAT(text, HasSubstr(R"(<edge id="st/7" source="org/deepseek" target="org/alibaba" label="competes_with" )"
                              R"(kind="competes_with">)"));
  EXPECT_THAT(text, HasSubstr(R"(<attribute id="confidence" title="confidence" type="double"/>)"));
}

TEST(ExportDot, KeepsParallelEdgesAndStylesModalities) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("dot") / "tiny.dot";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kDot, out).ok());
  std::string text = ReadFile(out);
  EXPECT_THAT(text, StartsWith("digraph \"tiny\" {\n"));
  EXPECT_THAT(text, HasSubstr(R"("org/nvidia" -> "chip/h100" [id="st/1", label="develops")"));
  EXPECT_THAT(text, HasSubstr(R"("org/nvidia" -> "chip/h100" [id="st/12", label="develops")"));
  EXPECT_THAT(text, HasSubstr(R"([id="st/7", label="competes_with", modality=opinion, style=dotted];)"));
}

TEST(ExportTimelineJs, DatesAtTheStatementsOwnPrecision) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path out = ScratchDir("timelinejs") / "tiny.json";
  ExportOptions options;
  options.timeline_group = TimelineGroup::kModality;
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kTimelineJs, out, options).ok());
  rapidjson::Document document = ParseJson(out);
  const rapidjson::Value& events = document["events"];
  ASSERT_EQ(events.Size(), 9u);  // the dated statements and the release, in time order
  std::map<std::string, const rapidjson::Value*> by_id;
  for (const auto& event : events.GetArray()) by_id[Str(event["unique_id"])] = &event;
  const rapidjson::Value& year = *by_id["st/1"];  // "2022": a year and nothing finer
  EXPECT_EQ(year["start_date"]["year"].GetInt(), 2022);
  EXPECT_FALSE(year["start_date"].HasMember("month"));
  EXPECT_FALSE(year.HasMember("end_date"));
  EXPECT_EQ(Str(year["group"]), "reported");
  const rapidjson::Value& quarter = *by_id["st/3"];  // "2025-Q2": April to June
  EXPECT_EQ(quarter["start_date"]["month"].GetInt(), 4);
  EXPECT_EQ(quarter["end_date"]["month"].GetInt(), 6);
  EXPECT_FALSE(quarter["start_date"].HasMember("day"));
  EXPECT_EQ(Str(quarter["text"]["headline"]), "Alibaba Group revenue 34.7 billion USD");
  const rapidjson::Value& early = *by_id["st/6"];  // "early 2025": January to April
  EXPECT_EQ(early["start_date"]["month"].GetInt(), 1);
  EXPECT_EQ(early["end_date"]["month"].GetInt(), 4);
  EXPECT_EQ(Str(early["display_date"]), "early 2025");
  EXPECT_EQ(Str(early["text"]["headline"]), "DeepSeek develops DeepSeek-R1");
  const rapidjson::Value& release = *by_id["st/9"];  // no valid time: at its release date, a day
  EXPECT_EQ(release["start_date"]["year"].GetInt(), 2025);
  EXPECT_EQ(release["start_date"]["month"].GetInt(), 1);
  EXPECT_EQ(release["start_date"]["day"].GetInt(), 20);
  EXPECT_FALSE(release.HasMember("end_date"));
  EXPECT_EQ(Str(release["display_date"]), "2025-01-20");
  EXPECT_EQ(Str(release["text"]["headline"]), "DeepSeek-R1 release date 2025-01-20");
  EXPECT_EQ(Str(events[0]["unique_id"]), "st/1");
  EXPECT_EQ(Str(events[5]["unique_id"]), "st/9");
  EXPECT_EQ(by_id.count("st/7"), 0u);  // undated
}

TEST(ExportCsv, WritesTablesAndNeo4jHeaders) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path dir = ScratchDir("csv") / "tables";  // created by the export
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kCsv, dir).ok());
  EXPECT_THAT(ListFiles(dir), ElementsAre("entities.csv", "neo4j/entities.header.csv", "neo4j/sources.header.csv",
                                          "neo4j/statements.header.csv", "sources.csv", "statements.csv"));
  std::string statements = ReadFile(dir / "statements.csv");
  EXPECT_THAT(statements, StartsWith("src,dst,id,predicate,kind,modality,valid,valid_start,valid_end,valid_precision,"
                                     "period,sources,locators,confidence,qualifiers,amount,unit,bound,lower,upper,"
                                     "text,lang,date,boolean\n"));
  EXPECT_THAT(statements, HasSubstr("\norg/alibaba,,st/11,revenue,quantity,forecast,end of 2025,2025-12-01,"
                                    "2025-12-31,year,,\"[\"\"src/letter\"\"]\",\"[\"\"Alibaba\"\"]\",,,250000000000.0,CNY,"
                                    "about,240000000000.0,260000000000.0,,,,\n"));
  EXPECT_THAT(statements, HasSubstr("\nmodel/r1,,st/10,open_source,boolean,claim,"));
  EXPECT_EQ(std::count(statements.begin(), statements.end(), '\n'), 15);
  EXPECT_THAT(ReadFile(dir / "entities.csv"), StartsWith("id,type,name,description,aliases,attributes\n"));
  // The Neo4j header has one field per column of the table it describes.
  std::string header = ReadFile(dir / "neo4j/statements.header.csv");
  EXPECT_THAT(header, StartsWith(":START_ID(Entity),:END_ID(Entity),id,:TYPE,"));
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), std::count(statements.begin(), statements.begin() +
                                                                          statements.find('\n'), ','));
}

class RowCounter : public TableSink {
 public:
  absl::Status BeginTable(std::string_view name, absl::Span<const TableColumn> columns) override {
    tables.push_back(std::string(name));
    columns_per_table.push_back(columns.size());
    rows.push_back(0);
    return absl::OkStatus();
  }
  absl::Status AddRow(absl::Span<const TableCell> row) override {
    EXPECT_EQ(row.size(), columns_per_table.back());
    ++rows.back();
    if (tables.back() == "statements" && std::get<std::string_view>(row[2]) == "st/2") {
      EXPECT_EQ(std::get<absl::CivilDay>(row[7]), absl::CivilDay(2022, 1, 1));
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[8]));
      EXPECT_EQ(std::get<std::string_view>(row[9]), "year");
      EXPECT_EQ(std::get<double>(row[13]), 0.9);
    }
    return absl::OkStatus();
  }
  absl::Status EndTable() override { return absl::OkStatus(); }

  std::vector<std::string> tables;
  std::vector<size_t> columns_per_table;
  std::vector<size_t> rows;
};

TEST(ExportTables, FeedTypedRowsToASink) {
  Graph graph = testing::LoadTiny();
  RowCounter counter;
  ASSERT_TRUE(WriteTables(View(graph), counter).ok());
  EXPECT_THAT(counter.tables, ElementsAre("entities", "statements", "sources"));
  EXPECT_THAT(counter.rows, ElementsAre(7, 14, 2));
}

TEST(ExportTables, StopAtTheSinksFirstError) {
  class Refusing : public RowCounter {
    absl::Status AddRow(absl::Span<const TableCell>) override { return absl::ResourceExhaustedError("disk full"); }
  } refusing;
  Graph graph = testing::LoadTiny();
  absl::Status status = WriteTables(View(graph), refusing);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refusing.tables, ElementsAre("entities"));
}

// ---- Escaping -----------------------------------------------------------------------------------

TEST(ExportEscaping, JsonFormatsKeepEveryCharacter) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path dir = ScratchDir("escape_json");
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kCytoscape, dir / "g.cyjs").ok());
  rapidjson::Document document = ParseJson(dir / "g.cyjs");
  const rapidjson::Value& node = document["elements"]["nodes"][0]["data"];
  EXPECT_EQ(Str(node["id"]), "org/q\"uote");
  EXPECT_EQ(Str(node["name"]), "Q \"quoted\" <b>bold</b> & co, Ltd.");
  EXPECT_EQ(Str(node["description"]), "line one\nline two\ttab \x01 control");
  EXPECT_EQ(Str(node["aliases"][0]["name"]), "北京 Pékin 🚀");
  EXPECT_EQ(Str(node["values"][0]["value"]["text"]), "« Vive l'IA » \"now\"\r\n");
  EXPECT_EQ(Str(document["elements"]["edges"][0]["data"]["id"]), "st/<1>");
}

TEST(ExportEscaping, XmlFormatsEscapeMarkupAndLineEnds) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path dir = ScratchDir("escape_xml");
  for (ExportFormat format : {ExportFormat::kGraphMl, ExportFormat::kGexf}) {
    ASSERT_TRUE(ExportTo(View(graph), format, dir / OutputName(format)).ok());
    std::string text = ReadFile(dir / OutputName(format));
    SCOPED_TRACE(ExportFormatName(format));
    EXPECT_THAT(text, HasSubstr("Q &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; co, Ltd."));
    EXPECT_THAT(text, HasSubstr("id=\"org/q&quot;uote\""));
    EXPECT_THAT(text, HasSubstr("id=\"st/&lt;1&gt;\""));
    // Line ends and tabs as references; the control character, which XML cannot hold, as U+FFFD.
    EXPECT_THAT(text, HasSubstr("line one&#10;line two&#9;tab \xEF\xBF\xBD control"));
    EXPECT_THAT(text, Not(HasSubstr("\x01")));
    EXPECT_THAT(text, HasSubstr("北京 Pékin 🚀"));
  }
}

TEST(ExportEscaping, DotQuotesAndBackslashes) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path out = ScratchDir("escape_dot") / "g.dot";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kDot, out).ok());
  std::string text = ReadFile(out);
  EXPECT_THAT(text, HasSubstr(R"("org/q\"uote" [label="Q \"quoted\" <b>bold</b> & co, Ltd.")"));
  EXPECT_THAT(text, HasSubstr(R"("org/q\"uote" -> "chip/back\\slash" [id="st/<1>")"));
  EXPECT_THAT(text, HasSubstr(R"(tooltip="line one\nline two)"));
}

TEST(ExportCsv, SpreadsheetSafeNeutralisesFormulaCells) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(R"json("entities": [
      {"id": "org/a", "type": "Company", "name": "=HYPERLINK(\"http://x\")", "description": "+1"},
      {"id": "org/b", "type": "Company", "name": "-2", "description": "@SUM(A1)"},
      {"id": "org/c", "type": "Company", "name": "a=b", "description": "\tTab"}])json"))
                  .ok());
  std::filesystem::path dir = ScratchDir("spreadsheet_safe");
  // By default the cells are written as they are: the CSV is data first.
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kCsv, dir / "plain").ok());
  EXPECT_THAT(ReadFile(dir / "plain" / "entities.csv"), HasSubstr("\norg/b,Company,-2,@SUM(A1),"));
  ExportOptions options;
  options.csv_spreadsheet_safe = true;
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, dir / "safe", options).ok());
  std::string entities = ReadFile(dir / "safe" / "entities.csv");
  EXPECT_THAT(entities, HasSubstr("\norg/a,Company,\"'=HYPERLINK(\"\"http://x\"\")\",'+1,"));
  EXPECT_THAT(entities, HasSubstr("\norg/b,Company,'-2,'@SUM(A1),"));
  EXPECT_THAT(entities, HasSubstr("\norg/c,Company,a=b,"));
  EXPECT_THAT(entities, HasSubstr("'\tTab"));
}

TEST(ExportEscaping, CsvQuotesFieldsThatNeedIt) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path dir = ScratchDir("escape_csv");
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kCsv, dir).ok());
  std::string entities = ReadFile(dir / "entities.csv");
  EXPECT_THAT(entities, HasSubstr("\n\"org/q\"\"uote\",Company,\"Q \"\"quoted\"\" <b>bold</b> & co, Ltd.\","
                                  "\"line one\nline two\ttab \x01 control\","));
  EXPECT_THAT(ReadFile(dir / "statements.csv"), HasSubstr(",\"« Vive l'IA » \"\"now\"\"\r\n\",fr,"));
  EXPECT_THAT(ReadFile(dir / "sources.csv"), HasSubstr("\"Title \"\"quoted\"\", with comma\nand newline\""));
}

TEST(ExportEscaping, TimelineJsHeadlinesAreEscapedHtml) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path out = ScratchDir("escape_timeline") / "g.json";
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kTimelineJs, out).ok());
  rapidjson::Document document = ParseJson(out);
  EXPECT_EQ(Str(document["events"][0]["text"]["headline"]),
            "Q &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; co, Ltd. develops back\\slash");
  EXPECT_THAT(Str(document["events"][0]["text"]["text"]), HasSubstr("src/a&amp;b (p. 1, &quot;intro&quot;)"));
  EXPECT_THAT(Str(document["events"][0]["text"]["text"]), HasSubstr("note: a &lt; b &amp; c &gt; d"));
}

// ---- Determinism and atomic writes ----------------------------------------------------------------

TEST(ExportFiles, TwoExportsAreByteIdentical) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  std::filesystem::path first = ScratchDir("determinism_1"), second = ScratchDir("determinism_2");
  for (ExportFormat format : testing::kAllFormats) {
    ASSERT_TRUE(ExportTo(View(graph), format, first / OutputName(format)).ok());
    ASSERT_TRUE(ExportTo(View(graph), format, second / OutputName(format)).ok());
  }
  std::vector<std::string> files = ListFiles(first);
  ASSERT_EQ(files, ListFiles(second));
  for (const std::string& file : files) {
    EXPECT_EQ(ReadFile(first / file), ReadFile(second / file)) << file;
  }
}

TEST(ExportFiles, LeaveNoTemporaryFilesAndReplaceTheTarget) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path dir = ScratchDir("atomic");
  {
    std::ofstream old(dir / "g.gexf");
    old << "old content";
  }
  for (ExportFormat format : testing::kAllFormats) {
    ASSERT_TRUE(ExportTo(View(graph), format, dir / OutputName(format)).ok());
  }
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kGexf, dir / "g.gexf").ok());
  EXPECT_THAT(ReadFile(dir / "g.gexf"), StartsWith("<?xml"));
  for (const std::string& file : ListFiles(dir)) EXPECT_THAT(file, Not(HasSubstr(".tmp-")));
  EXPECT_EQ(ListFiles(dir).size(), 18u);
}

TEST(ExportFiles, UnwritablePathsAreUnavailableAndLeaveNothing) {
  Graph graph = testing::LoadTiny();
  absl::Status missing_dir = Export(View(graph), ExportFormat::kGraphMl, "/nonexistent-dir/g.graphml");
  EXPECT_EQ(missing_dir.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(missing_dir.message(), HasSubstr("cannot create a temporary file in /nonexistent-dir"));

  // The target is a directory: the temporary file is written, the rename fails, and the
  // temporary file is removed.
  std::filesystem::path dir = ScratchDir("unwritable");
  std::filesystem::create_directories(dir / "taken");
  absl::Status onto_directory = Export(View(graph), ExportFormat::kNodeLink, dir / "taken");
  EXPECT_EQ(onto_directory.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(onto_directory.message(), HasSubstr("cannot write " + (dir / "taken").string()));
  EXPECT_THAT(ListFiles(dir), ::testing::IsEmpty());

  // CSV into a path below a regular file.
  { std::ofstream file(dir / "file"); }
  absl::Status csv = Export(View(graph), ExportFormat::kCsv, dir / "file" / "tables");
  EXPECT_EQ(csv.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(csv.message(), HasSubstr("cannot create the directory " + (dir / "file").string()));
}

TEST(ExportFiles, GraphWithoutSchemaIsRefused) {
  Graph empty;
  absl::Status status = Export(View(empty), ExportFormat::kDot, ScratchDir("no_schema") / "g.dot");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ExportProgress, ReportsEveryNItemsAndTheEnd) {
  Graph graph = testing::LoadTiny();
  std::vector<std::pair<size_t, size_t>> calls;
  ExportOptions options;
  options.progress_every = 5;
  options.progress = [&](size_t done, size_t total) { calls.emplace_back(done, total); };
  ASSERT_TRUE(ExportTo(View(graph), ExportFormat::kGraphMl, ScratchDir("progress") / "g.graphml", options).ok());
  ASSERT_GE(calls.size(), 3u);
  EXPECT_EQ(calls.back(), std::make_pair(size_t{21}, size_t{21}));  // 7 entities, 14 statements
  for (size_t i = 1; i < calls.size(); ++i) EXPECT_LT(calls[i - 1].first, calls[i].first);
}

// ---- Views ----------------------------------------------------------------------------------------

TEST(ExportViews, AsOfAndKnownAtKeepWhatHeldAndWasKnown) {
  Graph graph = testing::LoadTiny();
  Filter when;
  when.valid_at = absl::CivilDay(2024, 12, 31);
  when.known_at = absl::CivilDay(2025, 9, 3);  // before the wire's post of 2025-09-04
  when.include_undated = true;
  absl::StatusOr<View> view = View::Of(graph, when);
  ASSERT_TRUE(view.ok());
  std::filesystem::path out = ScratchDir("as_of") / "g.json";
  ASSERT_TRUE(ExportTo(*view, ExportFormat::kNodeLink, out).ok());
  rapidjson::Document document = ParseJson(out);
  // st/6 ("early 2025") does not hold yet; st/12 and the values only the wire gave are unknown;
  // the undated edges count from the letter's publication (2025-09), after the as-of day.
  EXPECT_THAT(EdgeKeys(document), ElementsAre("st/1", "st/2"));
  EXPECT_THAT(ValueIds(document), ::testing::IsEmpty());
  ASSERT_EQ(document["graph"]["sources"].Size(), 1u);
  EXPECT_EQ(Str(document["graph"]["sources"][0]["id"]), "src/letter");
  // Orders number the exported statements only.
  EXPECT_EQ(document["edges"][1]["order"].GetUint(), 1u);
}

TEST(ExportViews, EgoViewKeepsTheNeighbourhood) {
  Graph graph = testing::LoadTiny();
  View ego = View(graph).Ego({graph.FindEntity("org/deepseek")->index()}, 1, Direction::kOut);
  std::filesystem::path dir = ScratchDir("ego");
  ASSERT_TRUE(ExportTo(ego, ExportFormat::kNodeLink, dir / "g.json").ok());
  rapidjson::Document document = ParseJson(dir / "g.json");
  EXPECT_THAT(NodeIds(document), ElementsAre("org/alibaba", "org/deepseek", "country/cn", "model/r1"));
  EXPECT_THAT(EdgeKeys(document), ElementsAre("st/6", "st/7", "st/13", "st/14"));
  ASSERT_TRUE(ExportTo(ego, ExportFormat::kCsv, dir / "csv").ok());
  std::string entities = ReadFile(dir / "csv/entities.csv");
  EXPECT_EQ(std::count(entities.begin(), entities.end(), '\n'), 5);
}

}  // namespace
}  // namespace aikg
