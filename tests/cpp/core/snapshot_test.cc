#include "aikg/snapshot.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>

#include "export/export_support.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/graph_data.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;

void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The same elements, byte for byte (the index records are structs of 32-bit fields, no padding).
template <typename T>
void ExpectSameArray(const std::vector<T>& expected, const std::vector<T>& actual, std::string_view what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  if (expected.empty()) return;  // data() may be null, which memcmp must not be given
  EXPECT_EQ(std::memcmp(expected.data(), actual.data(), expected.size() * sizeof(T)), 0) << what;
}

void ExpectSameIntervalIndex(const internal::IntervalIndex& expected, const internal::IntervalIndex& actual,
                             std::string_view what) {
  ExpectSameArray(expected.nodes(), actual.nodes(), what);
  ExpectSameArray(expected.intervals(), actual.intervals(), what);
  ExpectSameArray(expected.run_offsets(), actual.run_offsets(), what);
  ExpectSameArray(expected.ids(), actual.ids(), what);
  ExpectSameArray(expected.by_end(), actual.by_end(), what);
}

// The stored indexes come back as the graph had them, field by field.
void ExpectSameIndexes(const internal::GraphData& expected, const internal::GraphData& actual) {
  ExpectSameArray(expected.value_offsets, actual.value_offsets, "value offsets");
  ExpectSameArray(expected.value_statements, actual.value_statements, "value statements");
  ExpectSameArray(expected.edges.m_forward.m_rowstart, actual.edges.m_forward.m_rowstart, "out offsets");
  ExpectSameArray(expected.edges.m_forward.m_column, actual.edges.m_forward.m_column, "out targets");
  ExpectSameArray(expected.edges.m_forward.m_edge_properties, actual.edges.m_forward.m_edge_properties, "out statements");
  ExpectSameArray(expected.edges.m_backward.m_rowstart, actual.edges.m_backward.m_rowstart, "in offsets");
  ExpectSameArray(expected.edges.m_backward.m_column, actual.edges.m_backward.m_column, "in sources");
  ExpectSameArray(expected.edges.m_backward.m_edge_properties, actual.edges.m_backward.m_edge_properties, "in edges");
  EXPECT_EQ(expected.edge_count, actual.edge_count);
  ExpectSameIntervalIndex(expected.valid_index, actual.valid_index, "valid index");
  ExpectSameArray(expected.valid_points.days(), actual.valid_points.days(), "valid point days");
  ExpectSameArray(expected.valid_points.run_offsets(), actual.valid_points.run_offsets(), "valid point runs");
  ExpectSameArray(expected.valid_points.ids(), actual.valid_points.ids(), "valid point ids");
  ExpectSameIntervalIndex(expected.date_value_index, actual.date_value_index, "date value index");
  ExpectSameArray(expected.undated, actual.undated, "undated");
  ASSERT_EQ(expected.locators.size(), actual.locators.size());
  for (size_t i = 0; i < expected.locators.size(); ++i) EXPECT_EQ(expected.locators[i], actual.locators[i]);
  EXPECT_EQ(expected.citations, actual.citations);
  ASSERT_EQ(expected.quantities.size(), actual.quantities.size());
  for (size_t i = 0; i < expected.quantities.size(); ++i) {  // field by field: a record has a padding byte
    const internal::QuantityRecord &wanted = expected.quantities[i], &got = actual.quantities[i];
    EXPECT_EQ(std::bit_cast<uint64_t>(wanted.amount), std::bit_cast<uint64_t>(got.amount));
    EXPECT_EQ(wanted.bounds, got.bounds);
    EXPECT_EQ(wanted.unit, got.unit);
    EXPECT_EQ(wanted.bound, got.bound);
  }
  ExpectSameArray(expected.quantity_bounds, actual.quantity_bounds, "quantity bounds");
  // The id tables as the writer stores them: compacted when they had grown well past their
  // records (a rehash in record order, so the same buckets every time).
  auto expect_same_ids = [](const internal::IdIndex& graph_ids, const internal::IdIndex& got, auto id_of) {
    internal::IdIndex wanted = graph_ids.Oversized() ? graph_ids.Compacted(id_of) : graph_ids;
    EXPECT_FALSE(got.Oversized());
    EXPECT_EQ(wanted.seed(), got.seed());
    EXPECT_EQ(wanted.tags(), got.tags());
    ExpectSameArray(wanted.records(), got.records(), "id table");
  };
  expect_same_ids(expected.source_ids, actual.source_ids, expected.source_id_of());
  expect_same_ids(expected.entity_ids, actual.entity_ids, expected.entity_id_of());
  expect_same_ids(expected.statement_ids, actual.statement_ids, expected.statement_id_of());
  EXPECT_EQ(expected.sorted_names, actual.sorted_names);
}

// JSON → snapshot → JSON gives the same canonical bytes, and the snapshot holds the same graph.
void ExpectRoundTrip(const Graph& graph, const std::string& name) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_" + name);
  ASSERT_TRUE(SaveJsonFile(graph, dir / "first.json").ok());
  ASSERT_TRUE(SaveGraphFile(graph, dir / "graph.aikgb").ok());
  Graph reloaded;
  absl::Status loaded = LoadGraphFiles(reloaded, {dir / "graph.aikgb"});
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  testing::ExpectSameGraph(graph, reloaded);
  ExpectSameIndexes(graph.data(), reloaded.data());
  ASSERT_TRUE(SaveGraphFile(reloaded, dir / "second.json").ok());
  EXPECT_EQ(testing::ReadFile(dir / "first.json"), testing::ReadFile(dir / "second.json"));
  // The indexes work on the copy: lookups by id and name, adjacency.
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    EXPECT_EQ(reloaded.FindEntity(graph.entity(e).id())->index(), e);
    EXPECT_EQ(reloaded.FindByName(graph.entity(e).name()).size(), graph.FindByName(graph.entity(e).name()).size());
    EXPECT_EQ(reloaded.StatementsAbout(e).size(), graph.StatementsAbout(e).size());
    EXPECT_EQ(reloaded.StatementsPointingTo(e).size(), graph.StatementsPointingTo(e).size());
  }
  EXPECT_EQ(reloaded.edge_count(), graph.edge_count());
  // Saving the snapshot again gives the same bytes.
  ASSERT_TRUE(SaveSnapshotFile(reloaded, dir / "again.aikgb").ok());
  EXPECT_EQ(testing::ReadFile(dir / "graph.aikgb"), testing::ReadFile(dir / "again.aikgb"));
}

TEST(SnapshotRoundTrip, TinyGraph) { ExpectRoundTrip(testing::LoadTiny(), "tiny"); }

TEST(SnapshotRoundTrip, Newsletter) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  ExpectRoundTrip(graph, "newsletter");
}

TEST(SnapshotRoundTrip, TrickyEscapes) { ExpectRoundTrip(testing::TrickyGraph(), "tricky"); }

TEST(SnapshotRoundTrip, NumbersAndEveryValueKind) {
  Graph graph;
  absl::Status status = testing::LoadString(graph, testing::TinyDocument(R"(
  "sources": [{"id": "src/a", "kind": "other", "published": "2024-05-06"},
              {"id": "src/b", "kind": "report", "via": "src/a"}],
  "entities": [{"id": "org/x", "type": "Company", "name": "X", "attributes": {"margin": 0.1, "employees": 9007199254740993, "fiscal_year_start": 4}}],
  "statements": [
    {"id": "a", "subject": "org/x", "predicate": "revenue", "value": {"amount": 0.30000000000000004, "unit": "USD"}, "valid": {"from": "2023-Q1"}, "period": "FY2024-Q2", "modality": "reported", "sources": [{"source": "src/b", "locator": "p. 2"}]},
    {"id": "c", "subject": "org/x", "predicate": "revenue", "value": {"amount": -2.5e-7, "unit": "USD", "bound": "about", "lower": -1e-6, "upper": 123456789012345678}, "period": "FY2024", "modality": "forecast", "sources": [{"source": "src/a"}], "confidence": 0.333333333333333315, "qualifiers": {"note": "n"}},
    {"id": "d", "subject": "org/x", "predicate": "revenue", "value": {"amount": 7, "unit": "USD", "bound": "at_least", "lower": 7}, "modality": "reported", "sources": [{"source": "src/a"}]},
    {"id": "e", "subject": "org/x", "predicate": "revenue", "value": {"amount": 8, "unit": "USD", "bound": "at_most"}, "modality": "reported", "sources": [{"source": "src/a"}]},
    {"id": "f", "subject": "org/x", "predicate": "revenue", "value": {"amount": 9, "unit": "USD", "upper": 1e300}, "modality": "reported", "sources": [{"source": "src/a"}]}
  ])"));
  ASSERT_TRUE(status.ok()) << status.message();
  // Bounds are kept for the quantities that have any: c (both), d (lower), f (upper).
  ASSERT_EQ(graph.data().quantity_bounds.size(), 3u);
  EXPECT_EQ(graph.FindStatement("d")->quantity()->lower, 7);
  EXPECT_EQ(graph.FindStatement("d")->quantity()->upper, std::nullopt);
  EXPECT_EQ(graph.FindStatement("e")->quantity()->lower, std::nullopt);
  EXPECT_EQ(graph.FindStatement("f")->quantity()->upper, 1e300);
  ExpectRoundTrip(graph, "numbers");
}

// Entities added a few at a time grow their table by doubling, to well over the compact size;
// the snapshot stores (and the reload gets) the compact table.
TEST(SnapshotRoundTrip, GrownIdTables) {
  Graph graph;
  for (int i = 0; i < 40; ++i) {
    std::string entity = R"("entities": [{"id": "org/)" + std::to_string(i) + R"(", "type": "Company", "name": "C"}])";
    absl::Status status = testing::LoadString(graph, testing::TinyDocument(entity));
    ASSERT_TRUE(status.ok()) << status.message();
  }
  ASSERT_TRUE(graph.data().entity_ids.Oversized());
  ExpectRoundTrip(graph, "grown");
}

TEST(SnapshotRoundTrip, EmptyGraph) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument("")).ok());
  ExpectRoundTrip(graph, "empty");
}

TEST(SnapshotSave, NeedsASchemaFile) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_noschema");
  absl::Status status = SaveSnapshotFile(Graph(), dir / "graph.aikgb");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(std::filesystem::exists(dir / "graph.aikgb"));
}

TEST(SnapshotLoad, RefusesANonEmptyGraphAndMixedInputs) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_nonempty");
  ASSERT_TRUE(SaveSnapshotFile(testing::LoadTiny(), dir / "graph.aikgb").ok());
  Graph graph = testing::LoadTiny();
  absl::Status status = LoadSnapshotFile(graph, dir / "graph.aikgb");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("not empty"));
  Graph empty;
  status = LoadGraphFiles(empty, {dir / "graph.aikgb", testing::TestData("tiny.json")});
  EXPECT_THAT(status.message(), HasSubstr("must be loaded alone"));
  EXPECT_EQ(empty.statement_count(), 0);
}

TEST(SnapshotLoad, MissingFileIsNotFound) {
  Graph graph;
  absl::Status status = LoadSnapshotFile(graph, "/nonexistent/graph.aikgb");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("/nonexistent/graph.aikgb"));
}

// Loads `bytes` written to `path`; expects a clean refusal that names the file and leaves the
// graph empty.
void ExpectRefused(const std::filesystem::path& path, const std::string& bytes, const std::string& what) {
  WriteBytes(path, bytes);
  Graph graph;
  std::vector<Diagnostic> diagnostics;
  absl::Status status = LoadSnapshotFile(graph, path, &diagnostics);
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << what << ": " << status.message();
  EXPECT_THAT(status.message(), HasSubstr(path.string())) << what;
  ASSERT_EQ(diagnostics.size(), 1) << what;
  EXPECT_EQ(graph.statement_count(), 0);
  EXPECT_EQ(graph.entity_count(), 0);
  EXPECT_EQ(graph.schema(), nullptr);
}

TEST(SnapshotLoad, RefusesEveryTruncation) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_truncated");
  ASSERT_TRUE(SaveSnapshotFile(testing::LoadTiny(), dir / "tiny.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "tiny.aikgb");
  for (size_t length = 0; length < bytes.size(); ++length) {
    SCOPED_TRACE(length);
    ExpectRefused(dir / "cut.aikgb", bytes.substr(0, length), "truncated");
  }
  // Text-mode damage to the signature and trailing bytes are refused too.
  ExpectRefused(dir / "cut.aikgb", bytes + '\n', "trailing byte");
}

TEST(SnapshotLoad, RefusesEveryFlippedByte) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_flipped");
  ASSERT_TRUE(SaveSnapshotFile(testing::LoadTiny(), dir / "tiny.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "tiny.aikgb");
  for (size_t at = 0; at < bytes.size(); ++at) {
    SCOPED_TRACE(at);
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << (at % 8)));  // each bit position in turn
    ExpectRefused(dir / "flipped.aikgb", damaged, "flipped");
  }
}

TEST(SnapshotLoad, ErrorsSayWhatIsWrong) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_errors");
  ASSERT_TRUE(SaveSnapshotFile(testing::LoadTiny(), dir / "tiny.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "tiny.aikgb");
  auto message = [&](const std::string& damaged) {
    WriteBytes(dir / "bad.aikgb", damaged);
    Graph graph;
    return std::string(LoadSnapshotFile(graph, dir / "bad.aikgb").message());
  };
  EXPECT_THAT(message(bytes.substr(0, 100)), HasSubstr("truncated: 100 of"));
  EXPECT_THAT(message("{\"format\": \"aikg-graph/1\"}"), HasSubstr("not an aikg snapshot"));
  // A snapshot of format 1 (before the indexes were stored) names both versions.
  std::string other_version = bytes;
  other_version[8] = 1;
  EXPECT_THAT(message(other_version), HasSubstr("snapshot format version 1; this aikg"));
  EXPECT_THAT(message(other_version), HasSubstr("reads version 4: save the graph again from its JSON"));
  // Nor one of format 2 (the time indexes interval by interval).
  other_version[8] = 2;
  EXPECT_THAT(message(other_version), HasSubstr("snapshot format version 2; this aikg"));
  // Nor one of format 3 (id tables of a power of two of buckets, the bounds of every quantity in
  // its record).
  other_version[8] = 3;
  EXPECT_THAT(message(other_version), HasSubstr("snapshot format version 3; this aikg"));
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  EXPECT_THAT(message(flipped), HasSubstr("checksum mismatch"));
}

// CRC32C, bit by bit: the test recomputes the checksum of a crafted file independently.
uint32_t Crc32c(const std::string& bytes) {
  uint32_t crc = ~0u;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78 : 0);
  }
  return ~crc;
}

uint32_t ReadU32(const std::string& bytes, size_t at) {
  uint32_t value;
  std::memcpy(&value, bytes.data() + at, 4);
  return value;
}

// Where record `record` of section `tag` starts (npos when there is no such section).
size_t RecordAt(const std::string& bytes, std::string_view tag, size_t record) {
  for (uint32_t s = 0; s < ReadU32(bytes, 12); ++s) {
    size_t entry = 32 + 24 * s;
    if (bytes.compare(entry, 4, tag) != 0) continue;
    uint64_t start;
    std::memcpy(&start, bytes.data() + entry + 8, 8);
    return start + record * ReadU32(bytes, entry + 4);
  }
  return std::string::npos;
}

// A crafted file: the u32 at `offset` of record `record` of section `tag` set to `value`, with
// a valid checksum, so that only the loader's own checks stand between it and the graph.
std::string Crafted(std::string bytes, std::string_view tag, size_t record, size_t offset, uint32_t value) {
  size_t at = RecordAt(bytes, tag, record);
  if (at != std::string::npos) std::memcpy(bytes.data() + at + offset, &value, 4);
  uint32_t crc = Crc32c(bytes.substr(32));
  std::memcpy(bytes.data() + 24, &crc, 4);
  return bytes;
}

// A change of one 32-bit field of a snapshot (the first record of section `tag`, at `offset`),
// and the error it must be refused with.
struct CraftedCase {
  std::string_view tag;
  size_t offset;
  uint32_t value;
  std::string error;
};

// Each crafted file is refused with its error, and leaves the graph empty.
void ExpectEachRefused(const std::filesystem::path& dir, const std::string& bytes,
                       std::span<const CraftedCase> cases) {
  for (const CraftedCase& c : cases) {
    SCOPED_TRACE(c.error);
    WriteBytes(dir / "crafted.aikgb", Crafted(bytes, c.tag, 0, c.offset, c.value));
    Graph graph;
    absl::Status status = LoadSnapshotFile(graph, dir / "crafted.aikgb");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr(c.error));
    EXPECT_EQ(graph.statement_count(), 0);
  }
}

TEST(SnapshotLoad, ChecksEveryIndexOfACraftedFile) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_crafted");
  ASSERT_TRUE(SaveSnapshotFile(testing::LoadTiny(), dir / "tiny.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "tiny.aikgb");
  // The file as written passes (the crafting keeps the checksum right).
  WriteBytes(dir / "same.aikgb", Crafted(bytes, "NONE", 0, 0, 0));
  Graph same;
  ASSERT_TRUE(LoadSnapshotFile(same, dir / "same.aikgb").ok());

  const CraftedCase cases[] = {
      {"STMT", 0, 0xFFFFFFFF, "statement id: string 4294967295 out of range"},
      {"STMT", 4, 1000, "subject 1000 out of range"},
      {"STMT", 8, 1000, "predicate 1000 out of range"},
      {"STMT", 16, 1000, "valid: time point 1000 out of range"},
      {"STMT", 28, 0xFFFFFFF0, "citations [4294967280, +1) out of range"},
      {"STMT", 44, 0x0103, "does not fit its predicate"},
      {"ENTY", 12, 1000, "entity type 1000 out of range"},
      {"ENTY", 20, 1000, "aliases"},
      {"SRCE", 28, 0, "relays itself via a cycle"},
      {"SRCE", 28, 77, "via source 77 out of range"},
      {"CITE", 0, 99, "citation source 99 out of range"},
      {"QNTY", 8, 1000, "quantity bounds 1000 out of range (1)"},
      {"QNTY", 12, 1000, "unit 1000 out of range"},
      {"QNTY", 12, 0x00050000, "bound 5 out of range"},
      {"STRE", 0, 5, "does not start with the empty string"},
      {"TIME", 8, 1, "time point 1:"},
      {"TIME", 12, 4, "is not fiscal but has a fiscal start"},
  };
  ExpectEachRefused(dir, bytes, cases);

  // A string whose end lies past the text, or before the end of the string before it.
  for (uint32_t end : {0xFFFFFFu, 0u}) {
    SCOPED_TRACE(end);
    WriteBytes(dir / "strings.aikgb", Crafted(bytes, "STRE", 2, 0, end));
    Graph graph;
    absl::Status status = LoadSnapshotFile(graph, dir / "strings.aikgb");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr("string 2 lies outside the string table"));
    EXPECT_EQ(graph.statement_count(), 0);
  }
}

// A statement id may be as long as a statement stores one (65 535 bytes): such a graph goes
// through the snapshot whole; a crafted file whose statement id is longer is refused.
TEST(SnapshotLoad, RefusesAStatementIdLongerThanAStatementStores) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_long_id");
  Graph graph;
  std::string longest(65535, 'x'), longer(65536, 'y');
  absl::Status status = testing::LoadString(graph, testing::TinyDocument(internal::Cat(R"(
  "sources": [{"id": "src/a", "kind": "other"}],
  "entities": [{"id": "org/x", "type": "Company", "name": "X", "description": ")", longer, R"("}],
  "statements": [{"id": ")", longest, R"(", "subject": "org/x", "predicate": "slogan", "value": {"text": "s"}, "modality": "claim",
                  "sources": [{"source": "src/a"}]}])")));
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectRoundTrip(graph, "long_id");

  ASSERT_TRUE(SaveSnapshotFile(graph, dir / "long.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "long.aikgb");
  uint32_t description = ReadU32(bytes, RecordAt(bytes, "ENTY", 0) + 8);
  WriteBytes(dir / "crafted.aikgb", Crafted(bytes, "STMT", 0, 0, description));
  Graph crafted;
  status = LoadSnapshotFile(crafted, dir / "crafted.aikgb");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("statement id of 65536 bytes, longer than 65535"));
  EXPECT_EQ(crafted.statement_count(), 0);
}

// The stored indexes are checked as the records are: whatever a crafted file holds, queries stay
// in bounds.
TEST(SnapshotLoad, ChecksTheStoredIndexesOfACraftedFile) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_crafted_indexes");
  Graph tiny = testing::LoadTiny();
  ASSERT_GT(tiny.data().edge_count, 0);
  ASSERT_GT(tiny.data().valid_index.intervals().size(), 1);
  ASSERT_GT(tiny.data().valid_points.days().size(), 1);
  ASSERT_GT(tiny.data().date_value_index.size(), 0);
  ASSERT_FALSE(tiny.data().locators.empty());
  ASSERT_TRUE(SaveSnapshotFile(tiny, dir / "tiny.aikgb").ok());
  std::string bytes = testing::ReadFile(dir / "tiny.aikgb");
  const CraftedCase cases[] = {
      {"LOCA", 0, 0, "locator 0 is empty"},
      {"CITE", 4, 1000, "locator 1000 out of range"},
      {"VOFS", 0, 1, "value index: "},
      {"VSTM", 0, 1000, "value index statement 1000 out of range"},
      {"OUTO", 0, 1, "adjacency: "},
      {"OUTT", 0, 1000, "adjacency target 1000 out of range"},
      {"OUTS", 0, 1000, "adjacency statement 1000 out of range"},
      {"INED", 0, 1000, "reverse adjacency edge 1000 out of range"},
      {"VNOD", 12, 0, "interval index: node 0 has child 0 that is not its own"},
      {"VNOD", 4, 1, "interval index: node 0 has run [1, "},
      {"VIDS", 0, 1000, "interval index: id 1000 out of range"},
      {"VRUN", 0, 1, "interval index: the first run starts at 1, not 0"},
      {"VRUN", 4, 1000, "interval index: run 1 ends at "},
      {"VEND", 0, 1000, "interval index: position 0 by end leaves node"},
      {"DIDS", 0, 1000, "interval index: id 1000 out of range"},
      {"VPID", 0, 1000, "start index: id 1000 out of range"},
      {"VPRN", 4, 1000, "start index: run 1 ends at "},
  };
  ExpectEachRefused(dir, bytes, cases);
  // The entity id table with its first filled bucket emptied, or pointing past the entities
  // (where the records sit depends on the seed, chosen per process).
  size_t tags = RecordAt(bytes, "EIDT", 0);
  size_t bucket = 0;
  while (bytes[tags + bucket] == 0) ++bucket;
  std::string emptied = bytes;
  emptied[tags + bucket] = 0;
  std::string past = Crafted(bytes, "EIDR", bucket, 0, 1000);
  for (const std::string& crafted : {Crafted(emptied, "NONE", 0, 0, 0), past}) {
    WriteBytes(dir / "crafted.aikgb", crafted);
    Graph graph;
    absl::Status status = LoadSnapshotFile(graph, dir / "crafted.aikgb");
    EXPECT_THAT(status.message(), HasSubstr("EIDT: id table: "));
    EXPECT_EQ(graph.statement_count(), 0);
  }
}

TEST(SnapshotLoad, RefusesAChangedSchema) {
  std::filesystem::path dir = testing::ScratchDir("snapshot_schema");
  std::filesystem::copy_file(testing::TestData("tiny.schema.json"), dir / "tiny.schema.json");
  std::filesystem::copy_file(testing::TestData("tiny.json"), dir / "tiny.json");
  // tests/data/tiny.json names "tiny.schema.json" beside it.
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {dir / "tiny.json"}).ok());
  ASSERT_TRUE(SaveSnapshotFile(graph, dir / "tiny.aikgb").ok());
  std::string schema = testing::ReadFile(dir / "tiny.schema.json");
  size_t name = schema.find("\"name\": \"tiny\"");
  ASSERT_NE(name, std::string::npos);
  schema.replace(name, 14, "\"name\": \"tinier\"");
  WriteBytes(dir / "tiny.schema.json", schema);
  Graph reloaded;
  absl::Status status = LoadSnapshotFile(reloaded, dir / "tiny.aikgb");
  EXPECT_THAT(status.message(), HasSubstr("changed since the snapshot was written"));
  std::filesystem::remove(dir / "tiny.schema.json");
  status = LoadSnapshotFile(reloaded, dir / "tiny.aikgb");
  EXPECT_THAT(status.message(), HasSubstr("cannot use schema 'tiny.schema.json'"));
  EXPECT_EQ(reloaded.schema(), nullptr);
}

}  // namespace
}  // namespace aikg
