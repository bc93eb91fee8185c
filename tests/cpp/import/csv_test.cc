#include <string>

#include "aikg/import.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Table Read(const std::string& text, CsvOptions options = {}) {
  absl::StatusOr<Table> table = ReadCsv(text, "t.csv", options);
  EXPECT_TRUE(table.ok()) << table.status().message();
  return table.ok() ? *std::move(table) : Table("", {});
}

std::string ErrorOf(const std::string& text) {
  std::vector<Diagnostic> problems;
  absl::StatusOr<Table> table = ReadCsv(text, "t.csv", {}, &problems);
  EXPECT_FALSE(table.ok());
  EXPECT_FALSE(problems.empty());
  return problems.empty() ? "" : problems[0].Format();
}

TEST(Csv, ReadsHeaderAndCells) {
  Table table = Read("Model,Parameters\nGPT-4,1.8e12\nQwen,7000000000\n");
  EXPECT_THAT(table.columns(), ElementsAre("Model", "Parameters"));
  ASSERT_EQ(table.row_count(), 2u);
  EXPECT_EQ(table.cell(0, 0), "GPT-4");
  EXPECT_EQ(table.cell(1, 1), "7000000000");
  EXPECT_EQ(table.line(0), 2);
  EXPECT_EQ(table.line(1), 3);
  EXPECT_EQ(table.FindColumn("Parameters"), 1);
  EXPECT_EQ(table.FindColumn("parameters"), -1);
}

TEST(Csv, SkipsByteOrderMarkAndReadsCrlf) {
  Table table = Read("\xEF\xBB\xBFModel,Year\r\nA,2024\r\nB,2025\r\n");
  EXPECT_THAT(table.columns(), ElementsAre("Model", "Year"));
  ASSERT_EQ(table.row_count(), 2u);
  EXPECT_EQ(table.cell(0, 1), "2024");  // no trailing \r
  EXPECT_EQ(table.cell(1, 1), "2025");
}

TEST(Csv, QuotedCellsHoldSeparatorsQuotesAndLineBreaks) {
  Table table = Read("Name,Note,N\n\"Google DeepMind,Google\",\"said \"\"hi\"\"\nthen left\",\"1,024\"\nX,y,2\n");
  ASSERT_EQ(table.row_count(), 2u);
  EXPECT_EQ(table.cell(0, 0), "Google DeepMind,Google");
  EXPECT_EQ(table.cell(0, 1), "said \"hi\"\nthen left");
  EXPECT_EQ(table.cell(0, 2), "1,024");
  EXPECT_EQ(table.line(1), 4);  // the quoted line break moved the next row down
}

TEST(Csv, PadsShortRowsAndSkipsBlankLines) {
  Table table = Read("a,b,c\n\n1,2\n\r\n4,5,6");
  ASSERT_EQ(table.row_count(), 2u);
  EXPECT_EQ(table.cell(0, 2), "");
  EXPECT_EQ(table.cell(1, 2), "6");
  EXPECT_EQ(table.line(1), 5);
}

TEST(Csv, OtherSeparator) {
  CsvOptions options;
  options.separator = ';';
  Table table = Read("a;b\n1,5;2\n", options);
  EXPECT_EQ(table.cell(0, 0), "1,5");
}

TEST(Csv, ReportsProblemsWithLineAndColumn) {
  EXPECT_EQ(ErrorOf("a,b\n1,\"open\n"), "t.csv:2:3: unterminated quoted cell");
  EXPECT_EQ(ErrorOf("a,b\n1,2,3\n"), "t.csv:2:1: the row has 3 cells but the header names 2 columns");
  EXPECT_EQ(ErrorOf("a,b\n1,x\"y\n"), "t.csv:2:4: a quote inside an unquoted cell (quote the whole cell and double the quote)");
  EXPECT_THAT(ErrorOf("a,b\n\"1\"x,2\n"), HasSubstr("t.csv:2:4: text after the closing quote"));
  EXPECT_EQ(ErrorOf("a,a\n"), "t.csv:1:1: column 'a' appears twice in the header");
  EXPECT_EQ(ErrorOf("a,,c\n"), "t.csv:1:1: column 2 of the header has no name");
  EXPECT_EQ(ErrorOf("a,b\n1,\xC3\x28\n"), "t.csv:2:3: invalid UTF-8 (the table must be UTF-8 text)");
  EXPECT_EQ(ErrorOf(""), "t.csv:1:1: the table is empty: no header line");
}

TEST(Csv, UnreadableFileIsUnavailable) {
  absl::StatusOr<Table> missing = ReadCsvFile("/nonexistent/table.csv");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnavailable);
  absl::StatusOr<Table> directory = ReadCsvFile(AIKG_TEST_DATA_DIR);
  EXPECT_EQ(directory.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(directory.status().message(), HasSubstr("it is a directory"));
}

}  // namespace
}  // namespace aikg
