// Fuzzes the graph-file reader: any bytes load or give diagnostics, never crash, and a failed
// load leaves the graph empty. The schema named by the input is resolved in tests/data.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "aikg/json.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aikg::Graph graph;
  std::vector<aikg::Diagnostic> diagnostics;
  absl::Status loaded = aikg::LoadJsonString(graph, std::string_view(reinterpret_cast<const char*>(data), size),
                                             "fuzz.json", AIKG_TEST_DATA_DIR, &diagnostics);
  aikg::fuzz::ExpectUnchangedAfterFailure(graph, loaded.ok());
  if (loaded.ok()) (void)aikg::ToJsonString(graph, AIKG_TEST_DATA_DIR);
  return 0;
}
