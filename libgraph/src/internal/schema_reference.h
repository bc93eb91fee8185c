// How a saved graph names its schema: the schema file's path relative to the directory the
// graph is saved in (or absolute when there is no relative path), shared by the JSON writer and
// the snapshot writer so that both formats refer to the schema the same way.

#ifndef AIKG_INTERNAL_SCHEMA_REFERENCE_H_
#define AIKG_INTERNAL_SCHEMA_REFERENCE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "aikg/graph.h"

namespace aikg::internal {

// FailedPrecondition when the graph has no schema loaded from a file.
absl::StatusOr<std::string> SchemaReference(const Graph& graph, const std::filesystem::path& base_dir);

// The schema file that `schema_ref`, read from a graph file in `base_dir`, names: absolute and
// normalised. Never throws (see AbsolutePath).
std::filesystem::path ResolveSchemaReference(const std::filesystem::path& base_dir, std::string_view schema_ref);

// `path` made absolute, or `path` itself when that fails (an empty path, a working directory
// that was deleted): std::filesystem::absolute would throw there.
std::filesystem::path AbsolutePath(const std::filesystem::path& path);

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_SCHEMA_REFERENCE_H_
