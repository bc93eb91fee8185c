// Fuzzes CSV reading and table import through a fixed mapping (the shipped gpu-specs one) into
// an empty graph of the dataset's schema: rows import or are reported, never a crash, and a
// refused import leaves the graph empty.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/import.h"
#include "fuzz_support.h"

namespace {

const aikg::TableMapping& Mapping() {
  static const aikg::TableMapping* mapping = [] {
    absl::StatusOr<aikg::TableMapping> loaded = aikg::TableMapping::LoadFile(AIKG_DATASETS_DIR "/mappings/gpu-specs.json");
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the mapping: %s\n", std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return new aikg::TableMapping(*std::move(loaded));
  }();
  return *mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<aikg::Diagnostic> diagnostics;
  absl::StatusOr<aikg::Table> table = aikg::ReadCsv(std::string_view(reinterpret_cast<const char*>(data), size),
                                                    "fuzz.csv", Mapping().csv(), &diagnostics);
  if (!table.ok()) return 0;
  aikg::Graph graph(aikg::fuzz::DatasetSchema());
  absl::StatusOr<aikg::ImportReport> report = aikg::ImportTable(graph, *table, Mapping(), {}, &diagnostics);
  aikg::fuzz::ExpectUnchangedAfterFailure(graph, report.ok());
  return 0;
}
