// Helpers shared by the C++ test suites: fixture paths, loading, and a field-by-field comparison
// of two graphs.

#ifndef AIKG_TESTS_TEST_SUPPORT_H_
#define AIKG_TESTS_TEST_SUPPORT_H_

#include <algorithm>
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

// Everything each graph holds is the same, in the same order: sources, entities, statements,
// field by field.
inline void ExpectSameGraph(const Graph& expected, const Graph& actual) {
  ASSERT_EQ(actual.source_count(), expected.source_count());
  for (SourceIndex i = 0; i < expected.source_count(); ++i) {
    Source a = expected.source(i), b = actual.source(i);
    SCOPED_TRACE(std::string(a.id()));
    EXPECT_EQ(a.id(), b.id());
    EXPECT_EQ(a.kind(), b.kind());
    EXPECT_EQ(a.publisher(), b.publisher());
    EXPECT_EQ(a.author(), b.author());
    EXPECT_EQ(a.title(), b.title());
    EXPECT_EQ(a.language(), b.language());
    EXPECT_EQ(a.published(), b.published());
    EXPECT_EQ(a.url(), b.url());
    EXPECT_EQ(a.via().has_value(), b.via().has_value());
    if (a.via() && b.via()) EXPECT_EQ(a.via()->id(), b.via()->id());
  }
  ASSERT_EQ(actual.entity_count(), expected.entity_count());
  for (EntityIndex i = 0; i < expected.entity_count(); ++i) {
    Entity a = expected.entity(i), b = actual.entity(i);
    SCOPED_TRACE(std::string(a.id()));
    EXPECT_EQ(a.id(), b.id());
    EXPECT_EQ(a.type_name(), b.type_name());
    EXPECT_EQ(a.name(), b.name());
    EXPECT_EQ(a.description(), b.description());
    EXPECT_TRUE(std::equal(a.aliases().begin(), a.aliases().end(), b.aliases().begin(), b.aliases().end()));
    EXPECT_TRUE(
        std::equal(a.attributes().begin(), a.attributes().end(), b.attributes().begin(), b.attributes().end()));
  }
  ASSERT_EQ(actual.statement_count(), expected.statement_count());
  for (StatementIndex i = 0; i < expected.statement_count(); ++i) {
    Statement a = expected.statement(i), b = actual.statement(i);
    SCOPED_TRACE(std::string(a.id()));
    EXPECT_EQ(a.id(), b.id());
    EXPECT_EQ(a.subject().id(), b.subject().id());
    EXPECT_EQ(a.predicate_name(), b.predicate_name());
    ASSERT_EQ(a.object().has_value(), b.object().has_value());
    if (a.object()) EXPECT_EQ(a.object()->id(), b.object()->id());
    EXPECT_EQ(a.quantity(), b.quantity());
    EXPECT_EQ(a.text(), b.text());
    EXPECT_EQ(a.date(), b.date());
    EXPECT_EQ(a.boolean(), b.boolean());
    EXPECT_EQ(a.valid(), b.valid());
    EXPECT_EQ(a.period(), b.period());
    EXPECT_EQ(a.modality(), b.modality());
    EXPECT_EQ(a.confidence(), b.confidence());
    ASSERT_EQ(a.citations().size(), b.citations().size());
    for (size_t c = 0; c < a.citations().size(); ++c) {
      EXPECT_EQ(expected.source(a.citations()[c].source).id(), actual.source(b.citations()[c].source).id());
      EXPECT_EQ(a.citations()[c].locator, b.citations()[c].locator);
    }
    EXPECT_TRUE(
        std::equal(a.qualifiers().begin(), a.qualifiers().end(), b.qualifiers().begin(), b.qualifiers().end()));
  }
}

}  // namespace aikg::testing

#endif  // AIKG_TESTS_TEST_SUPPORT_H_
