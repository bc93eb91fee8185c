// Runs the golden query files of tests/golden/query/: each case is a query and either its
// expected rows or its expected error (the format is described at the top of tiny.test).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "aikg/aikg.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

struct GoldenCase {
  std::string name;
  int line = 0;
  std::string query;
  query::Parameters parameters;
  std::vector<std::string> rows;
  std::optional<std::string> error;
};

struct GoldenFile {
  std::string dataset;
  std::vector<GoldenCase> cases;
};

// "7" → 7, "[a, b]" → a list of "a" and "b", anything else → the text itself.
query::Value ParameterValue(const std::string& text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    query::List items;
    for (absl::string_view item : absl::StrSplit(text.substr(1, text.size() - 2), ',', absl::SkipWhitespace())) {
      items.push_back(ParameterValue(std::string(absl::StripAsciiWhitespace(item))));
    }
    return query::Value{std::move(items)};
  }
  char* end = nullptr;
  long long integer = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') return query::Value{static_cast<int64_t>(integer)};
  return query::Value{text};
}

GoldenFile ReadGolden(const std::filesystem::path& path) {
  GoldenFile file;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  enum { kNone, kQuery, kRows } reading = kNone;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("-DATASET ", 0) == 0) {
      file.dataset = line.substr(9);
    } else if (line.rfind("-CASE ", 0) == 0) {
      file.cases.push_back({line.substr(6), number});
      reading = kNone;
    } else if (line.rfind("-PARAM ", 0) == 0) {
      std::string assignment = line.substr(7);
      size_t equals = assignment.find('=');
      file.cases.back().parameters[assignment.substr(0, equals)] = ParameterValue(assignment.substr(equals + 1));
    } else if (line.rfind("-QUERY ", 0) == 0) {
      file.cases.back().query = line.substr(7);
      reading = kQuery;
    } else if (line.rfind("-ERROR ", 0) == 0) {
      file.cases.back().error = line.substr(7);
      reading = kNone;
    } else if (line.rfind("----", 0) == 0) {
      reading = kRows;
    } else if (line.empty()) {
      reading = kNone;
    } else if (reading == kQuery) {
      file.cases.back().query += "\n" + line;
    } else if (reading == kRows) {
      file.cases.back().rows.push_back(line);
    }
  }
  return file;
}

std::vector<std::string> RowTexts(const query::Result& result) {
  std::vector<std::string> rows;
  for (const auto& row : result.rows) {
    std::string text;
    for (size_t c = 0; c < row.size(); ++c) text += (c ? "|" : "") + query::ToText(row[c]);
    rows.push_back(text);
  }
  return rows;
}

class GoldenQueries : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenQueries, MatchExpectedRows) {
  std::filesystem::path path = std::filesystem::path(AIKG_GOLDEN_DIR) / "query" / GetParam();
  GoldenFile golden = ReadGolden(path);
  ASSERT_FALSE(golden.cases.empty()) << path;
  Graph graph;
  std::filesystem::path data = golden.dataset == "tiny" ? testing::TestData("tiny.json")
                                                         : testing::Dataset("china-ai-2025-09.json");
  ASSERT_TRUE(LoadJsonFiles(graph, {data}).ok());
  View view(graph);
  for (const GoldenCase& golden_case : golden.cases) {
    SCOPED_TRACE(path.string() + ":" + std::to_string(golden_case.line) + ": " + golden_case.name);
    absl::StatusOr<query::Result> result = query::Run(view, golden_case.query, golden_case.parameters);
    if (golden_case.error) {
      ASSERT_FALSE(result.ok()) << "expected the error: " << *golden_case.error;
      EXPECT_EQ(std::string(result.status().message()), *golden_case.error);
      continue;
    }
    ASSERT_TRUE(result.ok()) << result.status().message();
    std::vector<std::string> actual = RowTexts(*result), expected = golden_case.rows;
    if (golden_case.query.find("ORDER BY") == std::string::npos) {
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
    }
    EXPECT_EQ(actual, expected);
    // The formatted query runs to the same rows: Format and Parse agree.
    absl::StatusOr<query::Query> parsed = query::Parse(golden_case.query);
    ASSERT_TRUE(parsed.ok());
    absl::StatusOr<query::Result> again = query::Run(view, query::Format(*parsed), golden_case.parameters);
    ASSERT_TRUE(again.ok()) << query::Format(*parsed) << ": " << again.status().message();
    EXPECT_EQ(again->rows, result->rows) << query::Format(*parsed);
  }
}

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(AIKG_GOLDEN_DIR) / "query")) {
    if (entry.path().extension() == ".test") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenQueries, ::testing::ValuesIn(GoldenFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace aikg
