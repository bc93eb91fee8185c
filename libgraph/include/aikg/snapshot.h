// aikg/snapshot.h: saving a graph as a binary snapshot (".aikgb") and loading it back fast.
//
// A snapshot holds what a JSON save holds (every source, entity and statement, and the schema
// by reference, written relative to the snapshot as JSON writes it) in fixed-size little-endian
// records, and the graph's indexes as the arrays it keeps them in, so that loading is a
// bounds-checked copy into the graph's columns and indexes: no text is parsed but the distinct
// time points, no index is rebuilt. The layout and
// its guarantees are in docs/snapshot.md. JSON stays the interchange format: a snapshot is a
// cache of one graph for one aikg format version, written by `aikg convert -o graph.aikgb`.
//
// Guarantees: a file that is truncated, has any byte changed (CRC32C over the whole file),
// comes from another snapshot format version (the error names both), or whose schema no longer declares the same
// types, predicates and units under the same numbers is refused with an error naming the file
// and what is wrong; every index read is checked, so a crafted file cannot make the loader read
// out of bounds; a failed load leaves the graph as it was. Writes are atomic.
//
// Example:
//   aikg::Graph graph;
//   absl::Status status = aikg::LoadGraphFiles(graph, {"graph.json"});   // JSON ...
//   if (status.ok()) status = aikg::SaveGraphFile(graph, "graph.aikgb");  // ... to a snapshot
//   aikg::Graph again;
//   if (status.ok()) status = aikg::LoadGraphFiles(again, {"graph.aikgb"});

#ifndef AIKG_SNAPSHOT_H_
#define AIKG_SNAPSHOT_H_

#include <filesystem>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"

namespace aikg {

// The file name extension that marks a snapshot.
inline constexpr std::string_view kSnapshotExtension = ".aikgb";

// Whether `path` names a snapshot (by its extension).
bool IsSnapshotPath(const std::filesystem::path& path);

// Writes `graph` to `path` as a snapshot, atomically. FailedPrecondition when the graph has no
// schema loaded from a file (as SaveJsonFile); Unavailable when the file cannot be written.
absl::Status SaveSnapshotFile(const Graph& graph, const std::filesystem::path& path);

// Loads the snapshot at `path` into `graph`, which must hold no sources, entities or
// statements (a snapshot is a whole graph) and no schema other than the snapshot's. The schema
// is loaded from the path the snapshot names (relative to the snapshot), unless the graph
// already has it. InvalidArgument naming the file and the problem when the file is not a
// snapshot this library can read; the graph is then unchanged. O(file size).
absl::Status LoadSnapshotFile(Graph& graph, const std::filesystem::path& path,
                              std::vector<Diagnostic>* diagnostics = nullptr);

// Loads graph files, choosing the format by extension: one snapshot alone (LoadSnapshotFile),
// or JSON files as one batch (LoadJsonFiles).
absl::Status LoadGraphFiles(Graph& graph, absl::Span<const std::filesystem::path> paths,
                            std::vector<Diagnostic>* diagnostics = nullptr);

// Saves `graph` to `path`, as a snapshot when the extension is ".aikgb", else as canonical JSON.
absl::Status SaveGraphFile(const Graph& graph, const std::filesystem::path& path);

}  // namespace aikg

#endif  // AIKG_SNAPSHOT_H_
