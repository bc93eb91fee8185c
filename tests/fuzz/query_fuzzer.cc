// Fuzzes the query language, parser and executor together, over the tiny fixture graph: any
// text gives rows or a positioned error, never a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "aikg/json.h"
#include "aikg/query.h"
#include "aikg/view.h"
#include "fuzz_support.h"

namespace {

const aikg::Graph& TinyGraph() {
  static const aikg::Graph* graph = [] {
    auto* loaded = new aikg::Graph;
    absl::Status status = aikg::LoadJsonFiles(*loaded, {std::filesystem::path(AIKG_TEST_DATA_DIR "/tiny.json")});
    if (!status.ok()) {
      std::fprintf(stderr, "cannot load tiny.json: %s\n", std::string(status.message()).c_str());
      std::abort();
    }
    return loaded;
  }();
  return *graph;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const aikg::View view(TinyGraph());
  (void)aikg::query::Run(view, std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
