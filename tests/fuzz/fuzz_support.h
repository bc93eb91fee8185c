// What the fuzz targets share: graphs over the fixture schemas, and a scratch file for the
// importers that read paths. A target aborts (so libFuzzer reports the input) when an import
// that failed changed the graph: "a failed load changes nothing" is checked on every input.

#ifndef AIKG_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define AIKG_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "aikg/graph.h"
#include "aikg/schema.h"

namespace aikg::fuzz {

// The schema at `path` (tests/data or datasets), loaded once per process.
inline std::shared_ptr<const Schema> SchemaAt(const std::string& path) {
  absl::StatusOr<Schema> schema = Schema::LoadFile(path);
  if (!schema.ok()) {
    std::fprintf(stderr, "cannot load %s: %s\n", path.c_str(), std::string(schema.status().message()).c_str());
    std::abort();
  }
  return std::make_shared<const Schema>(*std::move(schema));
}

inline std::shared_ptr<const Schema> TinySchema() {
  static const std::shared_ptr<const Schema> schema = SchemaAt(AIKG_TEST_DATA_DIR "/tiny.schema.json");
  return schema;
}

inline std::shared_ptr<const Schema> DatasetSchema() {
  static const std::shared_ptr<const Schema> schema = SchemaAt(AIKG_DATASETS_DIR "/ai-industry.schema.json");
  return schema;
}

// A file private to this process holding `data`, named with `extension` (importers that pick
// a syntax by extension see the one they fuzz).
inline std::filesystem::path ScratchFile(std::string_view data, const std::string& extension) {
  static const std::filesystem::path directory = [] {
    std::filesystem::path made =
        std::filesystem::temp_directory_path() / ("aikg-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(made);
    return made;
  }();
  std::filesystem::path path = directory / ("input" + extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(data.data(), static_cast<std::streamsize>(data.size()));
  return path;
}

// Aborts when a failed operation left `graph` different from an empty graph.
inline void ExpectUnchangedAfterFailure(const Graph& graph, bool ok) {
  if (ok) return;
  if (graph.entity_count() != 0 || graph.statement_count() != 0 || graph.source_count() != 0) {
    std::fprintf(stderr, "a failed import changed the graph\n");
    std::abort();
  }
}

}  // namespace aikg::fuzz

#endif  // AIKG_TESTS_FUZZ_FUZZ_SUPPORT_H_
