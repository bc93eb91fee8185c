// Fuzzes the snapshot loader: any bytes load or give diagnostics, never crash, and a failed load
// leaves the graph empty. What loads is then walked through every stored index (id tables, name
// index, adjacency, value index, interval indexes), which a crafted file must not be able to
// send out of bounds. The seeds name their schema as "tiny.schema.json", beside them; the target
// puts it beside its scratch file.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "aikg/json.h"
#include "aikg/snapshot.h"
#include "aikg/summary.h"
#include "aikg/view.h"
#include "fuzz_support.h"

namespace {

void WalkIndexes(const aikg::Graph& graph) {
  aikg::View everything(graph);
  for (aikg::EntityIndex e = 0; e < graph.entity_count(); ++e) {
    aikg::Entity entity = graph.entity(e);
    (void)graph.FindEntity(entity.id());
    (void)graph.FindByName(entity.name());
    (void)everything.Neighbors(e, aikg::Direction::kBoth);
    (void)everything.Values(e);
  }
  (void)graph.FindStatement("no/such/statement");
  (void)graph.FindSource("no/such/source");
  for (int year : {1990, 2024, 2025, 2030}) {
    aikg::Filter as_of;
    as_of.valid_at = absl::CivilDay(year, 6, 30);
    as_of.include_undated = year == 2025;
    absl::StatusOr<aikg::View> view = aikg::View::Of(graph, as_of);
    if (view.ok()) {
      for (aikg::EntityIndex e = 0; e < graph.entity_count(); ++e) (void)view->Neighbors(e, aikg::Direction::kOut);
    }
  }
  (void)aikg::Summarize(graph);
  (void)aikg::ToJsonString(graph, AIKG_TEST_DATA_DIR);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::filesystem::path path =
      aikg::fuzz::ScratchFile(std::string_view(reinterpret_cast<const char*>(data), size), ".aikgb");
  static const bool schema_beside = [&] {
    std::filesystem::copy_file(AIKG_TEST_DATA_DIR "/tiny.schema.json", path.parent_path() / "tiny.schema.json",
                               std::filesystem::copy_options::overwrite_existing);
    return true;
  }();
  (void)schema_beside;
  aikg::Graph graph;
  std::vector<aikg::Diagnostic> diagnostics;
  absl::Status loaded = aikg::LoadSnapshotFile(graph, path, &diagnostics);
  aikg::fuzz::ExpectUnchangedAfterFailure(graph, loaded.ok());
  if (loaded.ok()) WalkIndexes(graph);
  return 0;
}
