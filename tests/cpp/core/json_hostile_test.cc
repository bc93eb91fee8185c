// Hostile input to the JSON reader: nesting that would overflow the stack, strings that are
// no Unicode, numbers no double holds, bytes after the document, and files that are no regular
// files. Each is a clear error with its place, and a failed load changes nothing.

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "aikg/json.h"
#include "aikg/schema.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Loads `json` into a copy of the tiny graph; expects failure and returns the formatted
// diagnostics, after checking that the graph was left as it was.
std::vector<std::string> Problems(const std::string& json) {
  Graph graph = testing::LoadTiny();
  std::vector<Diagnostic> diagnostics;
  absl::Status status = testing::LoadString(graph, json, &diagnostics);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(graph.entity_count(), 7u);
  EXPECT_EQ(graph.statement_count(), 14u);
  EXPECT_EQ(graph.source_count(), 2u);
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  return lines;
}

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// TinyDocument(members) without its closing brace, for a document that goes on after `members`.
std::string Opening(const std::string& members) {
  std::string document = testing::TinyDocument(members);
  document.pop_back();
  return document;
}

// The column (1-based) of the bracket that goes one level past the cap, when `prefix` ends just
// before a run of '[' that starts at depth `outer` + 1.
std::string ColumnPastTheCap(const std::string& prefix, int outer) {
  size_t line_start = prefix.rfind('\n') + 1;
  return std::to_string(prefix.size() - line_start + (257 - outer));
}

TEST(JsonHostile, DeepNestingIsALocatedError) {
  // A million levels: RapidJSON's recursive parser overflowed the stack long before.
  EXPECT_THAT(Problems(Nested(1000000)),
              ElementsAre("test.json:1:257: invalid JSON: arrays and objects nested deeper than 256 levels"));
  // Deep inside an attribute (root, entities, entity, attributes: 4 levels around it).
  std::string attribute = Opening(
      R"("entities": [{"id": "org/deep", "type": "Company", "name": "Deep", "attributes": {"founded": )");
  EXPECT_THAT(Problems(attribute + Nested(50000) + "}}]}"),
              ElementsAre("test.json:2:" + ColumnPastTheCap(attribute, 4) +
                          ": invalid JSON: arrays and objects nested deeper than 256 levels"));
  // And inside a qualifier (root, statements, statement, qualifiers).
  std::string qualifier = Opening(
      R"("statements": [{"id": "st/deep", "subject": "org/nvidia", "predicate": "develops", "object": "chip/h100", )"
      R"("modality": "reported", "sources": [{"source": "src/letter"}], "qualifiers": {"k": )");
  EXPECT_THAT(Problems(qualifier + Nested(50000) + "}}]}"),
              ElementsAre("test.json:2:" + ColumnPastTheCap(qualifier, 4) +
                          ": invalid JSON: arrays and objects nested deeper than 256 levels"));
  // Nesting up to the cap is JSON like any other (here the wrong kind of attribute value).
  std::string at_the_cap = attribute + Nested(252) + "}}]}";
  std::vector<std::string> problems = Problems(at_the_cap);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("attribute values are strings, numbers or booleans"));
}

TEST(JsonHostile, LoneSurrogatesAreRefused) {
  std::string entity = Opening(R"("entities": [{"id": "org/x", "type": "Company", "name": )");
  std::string column = std::to_string(entity.size() - entity.rfind('\n'));
  // A low surrogate alone (RapidJSON 1.1.0 let it through as invalid UTF-8).
  // Also after escaped backslashes and other escapes (strings are checked when the text has a \u).
  for (const char* name : {R"("\udc00")", R"("a\uDFFFb")", R"("\udbff\udc00\udc00")", R"("\\\udc00")",
                           R"("\"\\\\\udc00")"}) {
    std::vector<std::string> problems = Problems(entity + name + "}]}");
    ASSERT_EQ(problems.size(), 1u) << name;
    EXPECT_THAT(problems[0], HasSubstr("test.json:2:" + column + ": invalid JSON: ")) << name;
  }
  EXPECT_THAT(Problems(entity + R"("\udc00"}]})"),
              ElementsAre("test.json:2:" + column +
                          R"(: invalid JSON: a lone UTF-16 surrogate (\ud800 to \udfff without its pair) in a string)"));
  // RapidJSON itself refuses a high surrogate alone.
  EXPECT_THAT(Problems(entity + R"("\ud800\u0041"}]})"), ElementsAre(HasSubstr("The surrogate pair in string is invalid.")));
  // In a member name too.
  EXPECT_THAT(Problems(testing::TinyDocument(R"("\udc00": 1)")),
              ElementsAre(R"(test.json:2:1: invalid JSON: a lone UTF-16 surrogate (\ud800 to \udfff without its pair) in a string)"));
  // A proper pair is a character like any other.
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, entity + R"("\ud83d\ude00"}]})").ok());
  EXPECT_EQ(graph.FindEntity("org/x")->name(), "\xF0\x9F\x98\x80");
}

TEST(JsonHostile, NumbersOutOfRangeAreRefused) {
  std::string statement = Opening(
      R"("statements": [{"id": "st/big", "subject": "org/nvidia", "predicate": "revenue", "value": {"amount": )");
  std::string column = std::to_string(statement.size() - statement.rfind('\n'));
  // The first passed RapidJSON 1.1.0's full-precision path as -5.56e-308; it refuses the others.
  for (const char* amount : {"1.7976931348623157e309", "-17976931348623157e293", "1e400", "-1E+999999"}) {
    EXPECT_THAT(Problems(statement + amount +
                         R"(, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]}]})"),
                ElementsAre("test.json:2:" + column + ": invalid JSON: Number too big to be stored in double."))
        << amount;
  }
  // Too small for a double (below the smallest subnormal) would silently become 0: refused too.
  for (const char* amount : {"1e-400", "-1e-330"}) {
    EXPECT_THAT(Problems(statement + amount +
                         R"(, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]}]})"),
                ElementsAre("test.json:2:" + column +
                            ": invalid JSON: Number too small to be stored in double (it would become 0)."))
        << amount;
  }
  // The largest double and the smallest subnormal are in range, and read exactly.
  Graph graph = testing::LoadTiny();
  ASSERT_TRUE(testing::LoadString(graph, statement + "1.7976931348623157e308" +
                                             R"(, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]}]})")
                  .ok());
  EXPECT_EQ(graph.FindStatement("st/big")->quantity()->amount, 1.7976931348623157e308);
  std::string small = Opening(
      R"("statements": [{"id": "st/small", "subject": "org/nvidia", "predicate": "revenue", "value": {"amount": )");
  ASSERT_TRUE(testing::LoadString(graph, small + "4.9406564584124654e-324" +
                                             R"(, "unit": "USD"}, "modality": "reported", "sources": [{"source": "src/letter"}]}]})")
                  .ok());
  EXPECT_EQ(graph.FindStatement("st/small")->quantity()->amount, std::numeric_limits<double>::denorm_min());
}

TEST(JsonHostile, BytesAfterTheDocumentAreRefused) {
  std::string document = testing::TinyDocument("");
  std::string column = std::to_string(document.size() + 1);
  EXPECT_THAT(Problems(document + std::string("\0 garbage {{{", 13)),
              ElementsAre("test.json:1:" + column + ": invalid JSON: a NUL byte after the document, and more input"));
  EXPECT_THAT(Problems(document + std::string("\0", 1)),
              ElementsAre("test.json:1:" + column + ": invalid JSON: a NUL byte after the document, and more input"));
  // Without a NUL, RapidJSON reports what follows itself.
  EXPECT_THAT(Problems(document + " {}"),
              ElementsAre("test.json:1:" + std::to_string(document.size() + 2) +
                          ": invalid JSON: The document root must not be followed by other values."));
}

TEST(JsonHostile, ATextEndingInATruncatedCharacterIsAnEncodingError) {
  // RapidJSON read past the text's end for the missing continuation bytes (ASan: a heap overflow;
  // found by the jgf_import fuzzer, kept in tests/fuzz/regressions/jgf_import).
  for (std::string ending : {"\xe5", "\xe5\xb7", "\xf0\x9f", "\xf0\x9f\x98"}) {
    std::vector<std::string> problems = Problems(R"({"format": "aikg-graph/1", "entities": [{"name": ")" + ending);
    ASSERT_EQ(problems.size(), 1u) << ending.size();
    EXPECT_THAT(problems[0], HasSubstr("invalid JSON: Invalid encoding in string.")) << ending.size();
  }
}

TEST(JsonHostile, ADirectoryIsNoFile) {
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  std::filesystem::path dir = testing::TestData("");
  EXPECT_FALSE(LoadJsonFiles(graph, {dir}, &diagnostics).ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(), dir.string() + ": is a directory, not a file");
  // A schema that names a directory.
  diagnostics.clear();
  EXPECT_FALSE(testing::LoadString(graph, R"({"format": "aikg-graph/1", "schema": "."})", &diagnostics).ok());
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.Format());
  EXPECT_THAT(lines, ElementsAre("test.json:1:38: cannot use schema '.' (at /schema)",
                                 HasSubstr("tests/data/: is a directory, not a file")));
  EXPECT_EQ(graph.schema(), nullptr);
}

TEST(JsonHostile, AnEmptySchemaReferenceIsALocatedError) {
  // A file in the current directory has an empty directory part: "" / "" made
  // std::filesystem::absolute throw, and the CLI abort.
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_empty_schema";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "empty-schema.json") << R"({"format": "aikg-graph/1", "schema": ""})";
  std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  absl::Status status = LoadJsonFiles(graph, {"empty-schema.json"}, &diagnostics);
  std::filesystem::current_path(before);
  EXPECT_FALSE(status.ok());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(),
            "empty-schema.json:1:38: the schema reference is empty: name the schema file, relative to this file "
            "(at /schema)");
  EXPECT_EQ(graph.schema(), nullptr);
}

TEST(JsonHostile, PipesAreReadToTheirEnd) {
  // A FIFO has no size: the text is read until the writer closes it.
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_fifo";
  std::filesystem::create_directories(dir);
  std::filesystem::path fifo = dir / "graph.json";
  std::filesystem::remove(fifo);
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string text = testing::ReadFile(testing::TestData("tiny.json"));
  std::string schema = std::filesystem::absolute(testing::TestData("tiny.schema.json")).string();
  size_t name = text.find("\"tiny.schema.json\"");
  ASSERT_NE(name, std::string::npos);
  text.replace(name, 18, "\"" + schema + "\"");
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  Graph graph;
  absl::Status status = LoadJsonFiles(graph, {fifo});
  writer.join();
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(graph.statement_count(), 14u);
  // A problem in a pipe's text is placed from the text read once: the pipe is not opened again.
  std::thread bad_writer([&] { std::ofstream(fifo, std::ios::binary) << "{\n  \"format\": [1,,]\n}"; });
  std::vector<Diagnostic> diagnostics;
  EXPECT_FALSE(LoadJsonFiles(graph, {fifo}, &diagnostics).ok());
  bad_writer.join();
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].Format(), fifo.string() + ":2:16: invalid JSON: Invalid value.");
  EXPECT_EQ(graph.statement_count(), 14u);
  std::filesystem::remove(fifo);
}

// A regular file is read a piece at a time just ahead of the parse, its checks made piece by
// piece, and the pages of the text behind the parse move ahead for the next pieces: whatever a
// big file holds far in, loading it says and keeps exactly what loading its text whole does.
TEST(JsonHostile, ABigFileReadInPiecesLoadsAsItsTextWhole) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "aikg_pieces";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(testing::TestData("tiny.schema.json"), dir / "tiny.schema.json",
                             std::filesystem::copy_options::overwrite_existing);
  // About 4 MB of statements before `last`, each with two-byte characters, so that some of them
  // straddle the ends of the pieces read.
  auto many = [](const std::string& last) {
    std::string members = "\"statements\": [";
    for (int i = 0; i < 20000; ++i) {
      std::string n = std::to_string(i);
      members += "\n  {\"id\": \"st/many/" + n +
                 "\", \"subject\": \"org/nvidia\", \"predicate\": \"develops\", \"object\": \"chip/h100\", "
                 "\"modality\": \"reported\", \"sources\": [{\"source\": \"src/letter\", \"locator\": \"Zoë, page " +
                 n + "\"}]},";
    }
    return testing::TinyDocument(members + "\n  " + last + "]");
  };
  auto statement = [](const std::string& subject, const std::string& locator) {
    return R"({"id": "st/last", "subject": ")" + subject + R"(", "predicate": "develops", "object": "chip/h100", )"
           R"("modality": "reported", "sources": [{"source": "src/letter", "locator": ")" + locator + R"("}]})";
  };
  const std::string good = many(statement("org/nvidia", "end"));
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"valid", good},
      {"a byte order mark", "\xEF\xBB\xBF" + good},
      {"a byte that is no UTF-8", many(statement("org/nvidia", "\xFF"))},
      {"an encoded surrogate", many(statement("org/nvidia", "\xED\xA0\x80"))},
      {"a lone surrogate escaped", many(statement("org/nvidia", "\\udc00"))},
      {"a pair escaped", many(statement("org/nvidia", "\\ud83d\\ude00"))},
      {"an unknown entity", many(statement("org/nobody", "end"))},
      {"a syntax error", many(R"({"id": "st/cut", "subject": })")},
      {"a character cut short at the end", good + "\xC3"},
      {"a NUL byte and more", good + std::string("\0 {}", 4)},
      {"more after the document", good + "\n[]"},
  };
  for (const auto& [what, text] : texts) {
    SCOPED_TRACE(what);
    Graph whole = testing::LoadTiny();
    std::vector<Diagnostic> whole_problems;
    absl::Status whole_status = testing::LoadString(whole, text, &whole_problems);
    std::filesystem::path file = dir / "big.json";
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    Graph pieces = testing::LoadTiny();
    std::vector<Diagnostic> piece_problems;
    absl::Status piece_status = LoadJsonFiles(pieces, {file}, &piece_problems);
    EXPECT_EQ(piece_status.ok(), whole_status.ok()) << piece_status.message();
    ASSERT_EQ(piece_problems.size(), whole_problems.size());
    for (size_t i = 0; i < whole_problems.size(); ++i) {
      EXPECT_EQ(piece_problems[i].line, whole_problems[i].line) << whole_problems[i].Format();
      EXPECT_EQ(piece_problems[i].column, whole_problems[i].column) << whole_problems[i].Format();
      EXPECT_EQ(piece_problems[i].json_pointer, whole_problems[i].json_pointer);
      EXPECT_EQ(piece_problems[i].message, whole_problems[i].message);
    }
    testing::ExpectSameGraph(whole, pieces);
  }
  // The cases are what they say: the valid texts load, the others fail far into the file.
  Graph graph = testing::LoadTiny();
  std::vector<Diagnostic> problems;
  std::ofstream(dir / "big.json", std::ios::binary | std::ios::trunc) << many(statement("org/nvidia", "\xFF"));
  EXPECT_FALSE(LoadJsonFiles(graph, {dir / "big.json"}, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 20003);
  EXPECT_THAT(problems[0].message, HasSubstr("Invalid encoding in string."));
  std::ofstream(dir / "big.json", std::ios::binary | std::ios::trunc) << "\xEF\xBB\xBF" + good;
  ASSERT_TRUE(LoadJsonFiles(graph, {dir / "big.json"}).ok());
  EXPECT_EQ(graph.statement_count(), 14u + 20001u);
  EXPECT_EQ((*graph.FindStatement("st/many/19999")->citations().begin()).locator, "Zoë, page 19999");
}

}  // namespace
}  // namespace aikg
