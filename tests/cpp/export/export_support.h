// Helpers shared by the export and import tests: scratch directories, listing them, and graphs
// with awkward text.

#ifndef AIKG_TESTS_EXPORT_EXPORT_SUPPORT_H_
#define AIKG_TESTS_EXPORT_EXPORT_SUPPORT_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "aikg/aikg.h"
#include "aikg/export.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg::testing {

// A fresh, empty directory under the test temp dir, private to this process (ctest runs each
// test in its own process, and several builds may run the suite at once).
inline std::filesystem::path ScratchDir(const std::string& name) {
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("aikg_export_" + std::to_string(getpid()) + "_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Every file under `dir`, relative to it, sorted.
inline std::vector<std::string> ListFiles(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(std::filesystem::relative(entry.path(), dir).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The file name the tests give each format's output.
inline std::string OutputName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kNodeLink: return "graph.node-link.json";
    case ExportFormat::kJsonGraph: return "graph.jgf.json";
    case ExportFormat::kCytoscape: return "graph.cyjs";
    case ExportFormat::kGraphMl: return "graph.graphml";
    case ExportFormat::kGexf: return "graph.gexf";
    case ExportFormat::kDot: return "graph.dot";
    case ExportFormat::kTimelineJs: return "graph.timeline.json";
    case ExportFormat::kCsv: return "csv";
    case ExportFormat::kHtml: return "explorer.html";
    case ExportFormat::kTurtle: return "graph.ttl";
    case ExportFormat::kNTriples: return "graph.nt";
    case ExportFormat::kNQuads: return "graph.nq";
    case ExportFormat::kJsonLd: return "graph.jsonld";
  }
  return "";
}

// The formats with checked-in golden files. The explorer (kHtml) is not among them: its
// neighbourhood layouts come from the installed Graphviz (tests/cpp/export/explorer_test.cc).
inline constexpr ExportFormat kAllFormats[] = {
    ExportFormat::kNodeLink, ExportFormat::kJsonGraph, ExportFormat::kCytoscape, ExportFormat::kGraphMl,
    ExportFormat::kGexf,     ExportFormat::kDot,       ExportFormat::kTimelineJs, ExportFormat::kCsv,
    ExportFormat::kTurtle,   ExportFormat::kNTriples,  ExportFormat::kNQuads,     ExportFormat::kJsonLd,
};

// Quotes, markup characters, commas, backslashes, line ends, a control character and text
// beyond ASCII, in ids, names, descriptions, locators, qualifiers and values.
inline Graph TrickyGraph() {
  Graph graph;
  absl::Status status = LoadString(graph, TinyDocument(R"(
"sources": [{"id": "src/a&b", "kind": "report", "title": "Title \"quoted\", with comma\nand newline"}],
"entities": [
  {"id": "org/q\"uote", "type": "Company", "name": "Q \"quoted\" <b>bold</b> & co, Ltd.",
   "description": "line one\nline two\ttab \u0001 control", "aliases": [{"name": "北京 Pékin 🚀", "lang": "zh"}]},
  {"id": "chip/back\\slash", "type": "Chip", "name": "back\\slash"}
],
"statements": [
  {"id": "st/<1>", "subject": "org/q\"uote", "predicate": "develops", "object": "chip/back\\slash", "valid": "2024",
   "modality": "reported", "sources": [{"source": "src/a&b", "locator": "p. 1, \"intro\""}],
   "qualifiers": {"note": "a < b & c > d"}},
  {"id": "st/slogan", "subject": "org/q\"uote", "predicate": "slogan",
   "value": {"text": "« Vive l'IA » \"now\"\r\n", "lang": "fr"}, "valid": "2024-03", "modality": "claim",
   "sources": [{"source": "src/a&b"}]}
])"));
  EXPECT_TRUE(status.ok()) << status.message();
  return graph;
}

}  // namespace aikg::testing

#endif  // AIKG_TESTS_EXPORT_EXPORT_SUPPORT_H_
