// Deterministic synthetic aikg datasets for the benchmarks.
//
// `WriteDataset` streams a realistic graph file (AI-industry ontology, skewed degrees, mixed time
// precision, sources with relay chains, non-ASCII names) in aikg's canonical layout, without
// building a DOM, and writes its schema `bench.schema.json` next to it. The same options always
// give the same bytes: a fixed-seed std::mt19937_64 drives everything, and no implementation-
// defined distribution of <random> is used.
//
// Because the layout is canonical, loading the file and saving it again gives the same bytes:
// `aikg_generate --check` verifies exactly that.

#ifndef AIKG_BENCH_SYNTHETIC_H_
#define AIKG_BENCH_SYNTHETIC_H_

#include <cstdint>
#include <filesystem>
#include <string>

namespace aikg_bench {

// Bump when the generated content changes, so that cached files are regenerated.
inline constexpr int kGeneratorVersion = 1;
inline constexpr char kSchemaFileName[] = "bench.schema.json";

struct DatasetOptions {
  uint64_t statements = 10000;
  uint64_t seed = 42;
};

struct DatasetStats {
  uint64_t sources = 0;
  uint64_t entities = 0;
  uint64_t statements = 0;
  uint64_t edges = 0;       // entity-to-entity statements
  uint64_t graph_bytes = 0; // size of the graph file
};

// The schema document (an AI-industry ontology) the datasets use.
std::string SchemaJson();

// Writes `<dir of graph_path>/bench.schema.json` and the graph file `graph_path`. Returns false
// and sets `error` when a file cannot be written.
bool WriteDataset(const DatasetOptions& options, const std::filesystem::path& graph_path, DatasetStats* stats,
                  std::string* error);

// The directory benchmark data is cached in: $AIKG_BENCH_DATA, else $TMPDIR/aikg-bench, else
// /tmp/aikg-bench (created when missing).
std::filesystem::path DataDirectory();

// The path of the cached dataset of `statements` statements (seed 42) in DataDirectory(),
// generating it first when it does not exist. Aborts with a message if it cannot be written.
std::filesystem::path EnsureDataset(uint64_t statements);

}  // namespace aikg_bench

#endif  // AIKG_BENCH_SYNTHETIC_H_
