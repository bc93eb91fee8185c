// aikg/json.h: reading and writing graphs as JSON (format in docs/json-format.md).
//
// Loading parses each file with RapidJSON in place and writes straight into the graph: no
// intermediate copy of the document. All files of one call form a single batch: every problem
// of every file is reported, each with its file, line:column and JSON pointer, and if there is
// any, the graph is left exactly as it was. Files that define the same id identically merge;
// different definitions clash.
//
// Saving writes the canonical layout (members in a fixed order, one source, entity or
// statement per line) to a temporary file in the target directory and renames it over the
// target, so a reader never sees half a file. save → load → save gives byte-identical files.
//
// Example:
//   aikg::Graph graph;
//   std::vector<aikg::Diagnostic> problems;
//   absl::Status status = aikg::LoadJsonFiles(graph, {"a.json", "b.json"}, &problems);
//   if (status.ok()) status = aikg::SaveJsonFile(graph, "merged.json");

#ifndef AIKG_JSON_H_
#define AIKG_JSON_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"

namespace aikg {

// Loads graph files into `graph` as one batch. When the graph has no schema yet, the schema
// named by the first file is loaded (its path is relative to that file); every file must name
// a schema with the same name as the graph's.
absl::Status LoadJsonFiles(Graph& graph, absl::Span<const std::filesystem::path> paths,
                           std::vector<Diagnostic>* diagnostics = nullptr);

// Loads one graph document held in memory; `file_name` labels diagnostics and `base_dir` is
// where its schema path is resolved from.
absl::Status LoadJsonString(Graph& graph, std::string_view json, std::string_view file_name,
                            const std::filesystem::path& base_dir,
                            std::vector<Diagnostic>* diagnostics = nullptr);

// The canonical JSON text of `graph`; its schema path is written relative to `base_dir`.
// FailedPrecondition when the graph has no schema loaded from a file.
absl::StatusOr<std::string> ToJsonString(const Graph& graph, const std::filesystem::path& base_dir);

// Writes the canonical JSON of `graph` to `path` atomically (temporary file + rename).
absl::Status SaveJsonFile(const Graph& graph, const std::filesystem::path& path);

}  // namespace aikg

#endif  // AIKG_JSON_H_
