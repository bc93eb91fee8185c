// The RDF exports and ImportRdf: IRIs, the vocabulary's shape, lossless round trips, and
// located errors on bad input.

#include "aikg/rdf.h"

#include <filesystem>
#include <fstream>
#include <set>
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
using testing::ExpectSameGraph;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::ScratchDir;

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// ---- IRIs -----------------------------------------------------------------------------------------

TEST(RdfIri, KeepsReadableIdsAndEncodesTheRest) {
  EXPECT_EQ(EntityIri("https://x.org/", "org/alibaba"), "https://x.org/entity/org/alibaba");
  EXPECT_EQ(EntityIri("https://x.org/", "model/deepseek-v3.1"), "https://x.org/entity/model/deepseek-v3.1");
  EXPECT_EQ(StatementIri("https://x.org/", "st/<1> a#b"), "https://x.org/statement/st/%3C1%3E%20a%23b");
  EXPECT_EQ(SourceIri("urn:kg:", "src/é"), "urn:kg:source/src/%C3%A9");
  // Segments IRI resolution would remove keep their dots, encoded.
  EXPECT_EQ(EntityIri("https://x.org/", "a/../b/./c/..."), "https://x.org/entity/a/%2E%2E/b/%2E/c/%2E%2E%2E");
}

TEST(RdfIri, DistinctIdsGiveDistinctIris) {
  // Ids that differ only in characters that need encoding, or in their encoded spelling.
  std::vector<std::string> ids = {"org/a b",   "org/a%20b", "org/a+b",    "org/a?b", "org/a#b",    "org/a%b",
                                  "org/a%25b", "org/é",     "org/%C3%A9", "x/../y",  "x/%2E%2E/y", "x/y",
                                  "org/a\"b",  "org/a<b>",  "org/a\\b",   "org/a:b", "org/A",      "org/a"};
  std::set<std::string> iris;
  for (const std::string& id : ids) iris.insert(EntityIri("https://x.org/", id));
  EXPECT_EQ(iris.size(), ids.size());
}

TEST(RdfIri, BaseMustBeAbsoluteAndEndWithASeparator) {
  EXPECT_TRUE(CheckBaseIri("https://example.org/kg/").ok());
  EXPECT_TRUE(CheckBaseIri("urn:example:kg#").ok());
  EXPECT_THAT(CheckBaseIri("example.org/kg/").message(), HasSubstr("is not absolute"));
  EXPECT_THAT(CheckBaseIri("https://example.org/kg").message(), HasSubstr("must end with '/' or '#'"));
  EXPECT_THAT(CheckBaseIri("https://example.org/a b/").message(), HasSubstr("contains ' '"));
  EXPECT_THAT(CheckBaseIri("p:kg/").message(), HasSubstr("one of aikg's RDF prefixes"));
}

// ---- Export ---------------------------------------------------------------------------------------

TEST(ExportRdf, TurtleHasTheDirectTripleAndTheStatementNode) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("rdf_turtle") / "tiny.ttl";
  ASSERT_TRUE(Export(View(graph), ExportFormat::kTurtle, file).ok());
  std::string text = ReadFile(file);
  EXPECT_THAT(text, HasSubstr("<https://aikg.invalid/graph/entity/model/r1> direct:users \"97000000\"^^xsd:decimal ;\n"
                              "    p:users <https://aikg.invalid/graph/statement/st/5> .\n"));
  EXPECT_THAT(text, HasSubstr("<https://aikg.invalid/graph/value/st/5> a aikg:QuantityValue ;\n"
                              "    aikg:amount \"97000000\"^^xsd:decimal ;\n"
                              "    aikg:unit unit:users ;\n"
                              "    aikg:bound \"at_least\" .\n"));
  EXPECT_THAT(text, HasSubstr("    aikg:valid \"early 2025\" ;\n"
                              "    aikg:validStart \"2025-01-01\"^^xsd:date ;\n"
                              "    aikg:validEnd \"2025-04-30\"^^xsd:date ;\n"
                              "    aikg:validPrecision \"year\" ;\n"));
  EXPECT_THAT(text, HasSubstr("prov:wasDerivedFrom <https://aikg.invalid/graph/source/src/wire>, "
                              "<https://aikg.invalid/graph/source/src/letter> ;\n"));
  EXPECT_THAT(text, HasSubstr("type:Company a rdfs:Class ;\n    rdfs:label \"Company\" ;\n"
                              "    rdfs:subClassOf type:Organization .\n"));
  EXPECT_THAT(text, HasSubstr("    aikg:published \"2025-09-04T15:20\" ;\n"));  // minutes: no XSD type
  EXPECT_THAT(text, HasSubstr("    aikg:published \"2025-09\"^^xsd:gYearMonth ;\n"));
}

TEST(ExportRdf, NQuadsPutTheOntologyInItsOwnGraph) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path dir = ScratchDir("rdf_quads");
  ExportOptions options;
  options.base_iri = "https://example.org/ai/";
  ASSERT_TRUE(Export(View(graph), ExportFormat::kNQuads, dir / "tiny.nq", options).ok());
  ASSERT_TRUE(Export(View(graph), ExportFormat::kNTriples, dir / "tiny.nt", options).ok());
  std::vector<std::string> quads = Lines(ReadFile(dir / "tiny.nq")), triples = Lines(ReadFile(dir / "tiny.nt"));
  ASSERT_EQ(quads.size(), triples.size());
  size_t ontology = 0;
  for (size_t i = 0; i < quads.size(); ++i) {
    std::string graph_name = quads[i].ends_with(" <https://example.org/ai/ontology> .")
                                 ? " <https://example.org/ai/ontology> ."
                                 : " <https://example.org/ai/> .";
    ontology += graph_name.size() > 30 ? 1 : 0;
    ASSERT_TRUE(quads[i].ends_with(graph_name)) << quads[i];
    EXPECT_EQ(quads[i].substr(0, quads[i].size() - graph_name.size()) + " .", triples[i]);
  }
  EXPECT_GT(ontology, 100u);
  EXPECT_THAT(triples, ::testing::Contains("<https://example.org/ai/type/Company> "
                                           "<http://www.w3.org/2000/01/rdf-schema#subClassOf> "
                                           "<https://example.org/ai/type/Organization> ."));
}

TEST(ExportRdf, EscapesLiteralsAndEncodesIds) {
  Graph graph = testing::TrickyGraph();
  std::filesystem::path file = ScratchDir("rdf_escape") / "tricky.nt";
  ASSERT_TRUE(Export(View(graph), ExportFormat::kNTriples, file).ok());
  std::string text = ReadFile(file);
  EXPECT_THAT(text, HasSubstr("<https://aikg.invalid/graph/statement/st/%3C1%3E>"));
  EXPECT_THAT(text, HasSubstr("<https://aikg.invalid/graph/entity/org/q%22uote>"));
  EXPECT_THAT(text, HasSubstr("\"line one\\nline two\\ttab \\u0001 control\""));
  EXPECT_TRUE(text.find("\"« Vive l'IA » \\\"now\\\"\\r\\n\"@fr") != std::string::npos);  // UTF-8 kept
}

TEST(ExportRdf, RefusesALanguageTagRdfCannotCarry) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(R"(
"sources": [{"id": "src/s", "kind": "other"}],
"entities": [{"id": "org/a", "type": "Company", "name": "A", "aliases": [{"name": "Ä", "lang": "de_DE"}]}],
"statements": [])"))
                  .ok());
  std::filesystem::path file = ScratchDir("rdf_lang") / "bad.ttl";
  absl::Status status = Export(View(graph), ExportFormat::kTurtle, file);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("alias 'Ä' of entity 'org/a'"));
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_TRUE(std::filesystem::is_empty(file.parent_path()));  // no temporary file either
}

TEST(ExportRdf, BadBaseIriLeavesTheTargetAlone) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("rdf_base") / "tiny.ttl";
  WriteText(file, "old");
  ExportOptions options;
  options.base_iri = "not an iri";
  EXPECT_EQ(Export(View(graph), ExportFormat::kJsonLd, file, options).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadFile(file), "old");
}

// ---- Round trips ----------------------------------------------------------------------------------

// Exports `view` as `format`, imports it into an empty graph of the same schema, and checks the
// copy exports to the same bytes.
Graph RoundTrip(const View& view, ExportFormat format, const std::string& name, const ExportOptions& options = {}) {
  std::filesystem::path dir = ScratchDir(name);
  std::filesystem::path first = dir / "first", second = dir / "second";
  absl::Status exported = Export(view, format, first, options);
  EXPECT_TRUE(exported.ok()) << exported.message();
  Graph copy(view.graph().shared_schema());
  std::vector<Diagnostic> problems;
  absl::Status imported = ImportRdf(copy, first, &problems);
  EXPECT_TRUE(imported.ok()) << imported.message();
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(Export(View(copy), format, second, options).ok());
  EXPECT_EQ(ReadFile(second), ReadFile(first));
  return copy;
}

class RdfRoundTrip : public ::testing::TestWithParam<ExportFormat> {};

TEST_P(RdfRoundTrip, GivesBackTheTinyGraphField) {
  Graph graph = testing::LoadTiny();
  Graph copy = RoundTrip(View(graph), GetParam(), "rdf_round_trip_tiny");
  ExpectSameGraph(graph, copy);
  EXPECT_EQ(*ToJsonString(copy, AIKG_TEST_DATA_DIR), *ToJsonString(graph, AIKG_TEST_DATA_DIR));
}

TEST_P(RdfRoundTrip, GivesBackTheNewsletterDataset) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  ExportOptions options;
  options.base_iri = "urn:example:china#";
  Graph copy = RoundTrip(View(graph), GetParam(), "rdf_round_trip_dataset", options);
  ExpectSameGraph(graph, copy);
  EXPECT_EQ(*ToJsonString(copy, AIKG_DATASETS_DIR), *ToJsonString(graph, AIKG_DATASETS_DIR));
}

TEST_P(RdfRoundTrip, KeepsEscapedTextAndEncodedIds) {
  Graph graph = testing::TrickyGraph();
  ExpectSameGraph(graph, RoundTrip(View(graph), GetParam(), "rdf_round_trip_tricky"));
}

TEST_P(RdfRoundTrip, KeepsIdsThatDifferOnlyInEncodedCharacters) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(R"(
"sources": [{"id": "src/a b", "kind": "other"}, {"id": "src/a%20b", "kind": "report", "published": "2025-H1"}],
"entities": [
  {"id": "org/a b", "type": "Company", "name": "Space", "attributes": {"founded": "early 1999", "fiscal_year_start": 4}},
  {"id": "org/a%20b", "type": "Company", "name": "Percent", "attributes": {"founded": "2001-03-04T05:06:07Z"}},
  {"id": "x/../y", "type": "Chip", "name": "Dots"},
  {"id": "x/%2E%2E/y", "type": "Chip", "name": "Encoded dots"}
],
"statements": [
  {"id": "st/1", "subject": "org/a b", "predicate": "develops", "object": "x/../y", "valid": {"to": "2024-H2"},
   "period": "FY2025", "modality": "plan", "sources": [{"source": "src/a b", "locator": "p. 2"}, {"source": "src/a%20b"}]},
  {"id": "st/1%20", "subject": "org/a%20b", "predicate": "develops", "object": "x/%2E%2E/y", "valid": {"from": "2020s", "to": "mid 2024"},
   "modality": "forecast", "sources": [{"source": "src/a%20b"}, {"source": "src/a%20b", "locator": "again"}],
   "confidence": 0.00000125, "qualifiers": {"a key": "1", "z": "2", "b/c": "3"}}
])"))
                  .ok());
  ASSERT_EQ(graph.entity_count(), 4u);
  Graph copy = RoundTrip(View(graph), GetParam(), "rdf_round_trip_encoded");
  ExpectSameGraph(graph, copy);
}

TEST_P(RdfRoundTrip, GivesBackWhatAViewKept) {
  Graph graph = testing::LoadTiny();
  Filter when;
  when.known_at = absl::CivilDay(2025, 9, 3);
  absl::StatusOr<View> view = View::Of(graph, when);
  ASSERT_TRUE(view.ok());
  Graph copy = RoundTrip(*view, GetParam(), "rdf_round_trip_view");
  EXPECT_EQ(copy.statement_count(), view->statement_count());
}

INSTANTIATE_TEST_SUITE_P(Formats, RdfRoundTrip, ::testing::Values(ExportFormat::kTurtle, ExportFormat::kNTriples),
                         [](const ::testing::TestParamInfo<ExportFormat>& info) {
                           return info.param == ExportFormat::kTurtle ? "Turtle" : "NTriples";
                         });

// ---- Errors -----------------------------------------------------------------------------------

// The diagnostics of importing `text` into an empty tiny graph, as "line:col: message".
std::vector<std::string> ImportProblems(const std::string& text, const std::string& name) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::filesystem::path file = ScratchDir(name) / "bad.ttl";
  WriteText(file, text);
  std::vector<Diagnostic> problems;
  absl::Status status = ImportRdf(graph, file, &problems);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(graph.entity_count() + graph.statement_count() + graph.source_count(), 0u);  // all or nothing
  std::vector<std::string> out;
  for (const Diagnostic& problem : problems) {
    EXPECT_EQ(problem.file, file.string());
    out.push_back(std::to_string(problem.line) + ":" + std::to_string(problem.column) + ": " + problem.message);
  }
  return out;
}

constexpr const char* kHeader = R"(@prefix aikg: <https://aikg.invalid/vocab#> .
@prefix type: <https://aikg.invalid/graph/type/> .
@prefix direct: <https://aikg.invalid/graph/prop/direct/> .
@prefix ps: <https://aikg.invalid/graph/prop/statement/> .
@prefix psv: <https://aikg.invalid/graph/prop/statement/value/> .
@prefix unit: <https://aikg.invalid/graph/unit/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://aikg.invalid/graph/> a aikg:Dataset ; aikg:format "aikg-rdf/1" ; aikg:schema "tiny" .
)";  // 9 lines

TEST(ImportRdf, SyntaxErrorsSayWhere) {
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:label \"A ;\n", "syntax1"),
      ElementsAre("10:54: line end in a string (write it as \\n)"));
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> nope:label \"A\" .\n", "syntax2"),
      ElementsAre("10:39: undeclared prefix 'nope:'"));
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:label [ ] .\n", "syntax3"),
      ElementsAre("10:50: blank nodes and collections are not supported: aikg names every node with an IRI"));
  EXPECT_THAT(ImportProblems(std::string(kHeader) + "<entity/a> rdfs:label \"A\" .\n", "syntax4"),
              ElementsAre("10:1: relative IRI <entity/a> is not supported: aikg writes absolute IRIs"));
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:label \"\\q\" .\n", "syntax5"),
      ElementsAre("10:51: invalid escape sequence"));
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:label \"A\"", "syntax6"),
      ElementsAre("10:53: expected ';', ',' or '.' after an object, found the end of the file"));
  EXPECT_THAT(ImportProblems("", "syntax7"),
              ElementsAre("1:1: no dataset node (a aikg:Dataset): is this an aikg export?"));
  EXPECT_THAT(ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:label \"\xC3(\" .\n",
                             "syntax8"),
              ElementsAre("10:51: malformed UTF-8 in a string"));
}

TEST(ImportRdf, ContentErrorsSayWhere) {
  std::string text = std::string(kHeader) +
                     R"(<https://aikg.invalid/graph/source/src/s> a aikg:Source ; aikg:id "src/s" ; aikg:kind "rumour" .
<https://aikg.invalid/graph/entity/org/a> a type:Company ; aikg:id "org/a" ; rdfs:label "A" ;
    <https://aikg.invalid/graph/attribute/colour> "red" .
<https://aikg.invalid/graph/entity/org/b> a type:Company ; aikg:id "org/c" ; rdfs:label "B" .
<https://aikg.invalid/graph/statement/st/1> a aikg:Statement ; aikg:id "st/1" ;
    aikg:subject <https://aikg.invalid/graph/entity/org/a> ; aikg:predicate direct:revenue ;
    ps:revenue "1"^^<http://www.w3.org/2001/XMLSchema#decimal> ; psv:revenue <https://aikg.invalid/graph/value/st/1> ;
    aikg:modality "reported" ; aikg:colour "blue" ;
    prov:qualifiedDerivation <https://aikg.invalid/graph/reference/st/1/0> .
<https://aikg.invalid/graph/value/st/1> a aikg:QuantityValue ; aikg:amount "1"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
    aikg:unit unit:users .
<https://aikg.invalid/graph/reference/st/1/0> a prov:Derivation ; prov:entity <https://aikg.invalid/graph/source/src/nowhere> .
<https://aikg.invalid/graph/statement/st/2> a aikg:Statement ; aikg:id "st/2" ;
    aikg:subject <https://aikg.invalid/graph/entity/org/zzz> ; aikg:predicate direct:develops ;
    ps:develops <https://aikg.invalid/graph/entity/org/a> ; aikg:modality "reported" ; aikg:valid "2024-13" .
)";
  EXPECT_THAT(
      ImportProblems(text, "content"),
      ElementsAre("10:87: unknown source kind 'rumour'",
                  "17:32: unexpected property <https://aikg.invalid/vocab#colour> of statement "
                  "<https://aikg.invalid/graph/statement/st/1>",
                  "24:99: malformed time '2024-13': expected YYYY, YYYYs, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-MM-DD, "
                  "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally after 'early ', 'mid ', 'late ', 'start of ' or "
                  "'end of ', or FYYYYY[-Qn|-Hn]",
                  "12:51: type 'Company' has no attribute 'colour'",
                  "13:68: the IRI of id 'org/c' is <https://aikg.invalid/graph/entity/org/c>, not "
                  "<https://aikg.invalid/graph/entity/org/b>"));
}

TEST(ImportRdf, TransactionProblemsAreReportedAtTheirTerm) {
  std::string text = std::string(kHeader) +
                     R"(<https://aikg.invalid/graph/source/src/s> a aikg:Source ; aikg:id "src/s" ; aikg:kind "other" .
<https://aikg.invalid/graph/entity/org/a> a type:Company ; aikg:id "org/a" ; rdfs:label "A" .
<https://aikg.invalid/graph/statement/st/1> a aikg:Statement ; aikg:id "st/1" ;
    aikg:subject <https://aikg.invalid/graph/entity/org/a> ; aikg:predicate direct:revenue ;
    ps:revenue "1"^^<http://www.w3.org/2001/XMLSchema#decimal> ; psv:revenue <https://aikg.invalid/graph/value/st/1> ;
    aikg:modality "reported" ;
    prov:qualifiedDerivation <https://aikg.invalid/graph/reference/st/1/0> .
<https://aikg.invalid/graph/value/st/1> a aikg:QuantityValue ; aikg:amount "1"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
    aikg:unit unit:users .
<https://aikg.invalid/graph/reference/st/1/0> a prov:Derivation ; prov:entity <https://aikg.invalid/graph/source/src/nowhere> .
<https://aikg.invalid/graph/statement/st/2> a aikg:Statement ; aikg:id "st/2" ;
    aikg:subject <https://aikg.invalid/graph/entity/org/zzz> ; aikg:predicate direct:develops ;
    ps:develops <https://aikg.invalid/graph/entity/org/a> ; aikg:modality "reported" ;
    prov:qualifiedDerivation <https://aikg.invalid/graph/reference/st/1/0> .
)";
  EXPECT_THAT(ImportProblems(text, "transaction"),
              ElementsAre("18:15: unit 'users' is not allowed for predicate 'revenue' (allowed: USD, CNY)",
                          "19:79: unknown source 'src/nowhere'", "21:18: unknown entity 'org/zzz'",
                          "22:17: object 'org/a' is a Company, but predicate 'develops' links to Chip, AIModel",
                          "19:79: unknown source 'src/nowhere'"));
}

TEST(ImportRdf, NeedsTheSchemaTheFileNames) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path file = ScratchDir("rdf_schema") / "graph.ttl";
  ASSERT_TRUE(Export(View(graph), ExportFormat::kTurtle, file).ok());
  Graph empty;
  EXPECT_EQ(ImportRdf(empty, file).code(), absl::StatusCode::kFailedPrecondition);
  std::string text = ReadFile(file);
  text.replace(text.find("aikg:schema \"tiny\""), 18, "aikg:schema \"other\"");
  WriteText(file, text);
  Graph copy(graph.shared_schema());
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportRdf(copy, file, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "the file's schema 'other' is not the graph's schema 'tiny'");
  EXPECT_EQ(problems[0].line, 19);
}

TEST(ImportRdf, DamagedFilesAreReportedNeverCrash) {
  Graph graph = testing::LoadTiny();
  std::filesystem::path dir = ScratchDir("rdf_damaged");
  ASSERT_TRUE(Export(View(graph), ExportFormat::kTurtle, dir / "good.ttl").ok());
  std::string good = ReadFile(dir / "good.ttl");
  std::vector<std::string> damaged;
  for (size_t cut = 0; cut < good.size(); cut += 97) damaged.push_back(good.substr(0, cut));
  const std::string bytes = "<>\"\\:;,.@^ _[(\n#%\xC3\x80az09";
  for (size_t i = 0; i < 400; ++i) {
    std::string changed = good;
    changed[(i * 7919) % changed.size()] = bytes[i % bytes.size()];
    damaged.push_back(changed);
  }
  for (const std::string& text : damaged) {
    WriteText(dir / "damaged.ttl", text);
    Graph copy(graph.shared_schema());
    std::vector<Diagnostic> problems;
    if (ImportRdf(copy, dir / "damaged.ttl", &problems).ok()) continue;  // a harmless change
    ASSERT_FALSE(problems.empty());
    for (const Diagnostic& problem : problems) EXPECT_GT(problem.line, 0) << problem.Format();
    EXPECT_EQ(copy.statement_count(), 0u);
  }
}

TEST(ImportRdf, MalformedUtf8IsNamedNotCopied) {
  EXPECT_THAT(ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> rdfs:l\xC3bel \"A\" .\n",
                             "utf8_name"),
              ElementsAre("10:39: malformed UTF-8 in a name"));
  EXPECT_THAT(
      ImportProblems(std::string(kHeader) + "<https://aikg.invalid/graph/entity/a> \x01 \"A\" .\n", "control_byte"),
      ElementsAre("10:39: expected an IRI, found byte 0x01"));
}

TEST(ImportRdf, MissingFileIsReported) {
  Graph graph(testing::LoadTiny().shared_schema());
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(ImportRdf(graph, ScratchDir("rdf_missing") / "none.ttl", &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "cannot read the file");
}

}  // namespace
}  // namespace aikg
