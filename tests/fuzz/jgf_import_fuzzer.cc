// Fuzzes the JSON Graph Format importer into an empty graph of the tiny fixture schema: the file imports
// or gives located diagnostics, never a crash, and a refused import leaves the graph empty.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "aikg/export.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::filesystem::path file =
      aikg::fuzz::ScratchFile(std::string_view(reinterpret_cast<const char*>(data), size), ".json");
  aikg::Graph graph(aikg::fuzz::TinySchema());
  std::vector<aikg::Diagnostic> diagnostics;
  absl::Status imported = aikg::ImportJsonGraph(graph, file, &diagnostics);
  aikg::fuzz::ExpectUnchangedAfterFailure(graph, imported.ok());
  return 0;
}
