// Helpers shared by the C++ test suites: fixture paths and loading.

#ifndef AIKG_TESTS_TEST_SUPPORT_H_
#define AIKG_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "aikg/aikg.h"
#include "gtest/gtest.h"

namespace aikg::testing {

inline std::filesystem::path TestData(const std::string& name) {
  return std::filesystem::path(AIKG_TEST_DATA_DIR) / name;
}

inline std::filesystem::path Dataset(const std::string& name) {
  return std::filesystem::path(AIKG_DATASETS_DIR) / name;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// The small fixture graph shared with the Python tests (tests/data/tiny.json).
inline Graph LoadTiny() {
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {TestData("tiny.json")});
  EXPECT_TRUE(status.ok()) << status.message();
  return graph;
}

// A graph document over the tiny schema with the given members after "format" and "schema".
inline std::string TinyDocument(const std::string& members) {
  return "{\"format\": \"aikg-graph/1\", \"schema\": \"tiny.schema.json\"" +
         (members.empty() ? std::string() : ",\n" + members) + "}";
}

// Loads `json` (resolving its schema in tests/data) and returns the status.
inline absl::Status LoadString(Graph& graph, const std::string& json, std::vector<Diagnostic>* diagnostics = nullptr) {
  return LoadJsonString(graph, json, "test.json", AIKG_TEST_DATA_DIR, diagnostics);
}

}  // namespace aikg::testing

#endif  // AIKG_TESTS_TEST_SUPPORT_H_
