// Fuzzes the Wikidata importer (wbgetentities responses and dumps) through the shipped mapping
// into an empty graph of the dataset's schema.

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

const aikg::WikidataMapping& Mapping() {
  static const aikg::WikidataMapping* mapping = [] {
    absl::StatusOr<aikg::WikidataMapping> loaded =
        aikg::WikidataMapping::LoadFile(AIKG_DATASETS_DIR "/mappings/wikidata.json");
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the mapping: %s\n", std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return new aikg::WikidataMapping(*std::move(loaded));
  }();
  return *mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  aikg::Graph graph(aikg::fuzz::DatasetSchema());
  std::vector<aikg::Diagnostic> diagnostics;
  absl::StatusOr<aikg::ImportReport> report = aikg::ImportWikidataString(
      graph, std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", Mapping(), {}, &diagnostics);
  aikg::fuzz::ExpectUnchangedAfterFailure(graph, report.ok());
  return 0;
}
