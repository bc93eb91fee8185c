// How a saved graph names its schema: the schema file's path relative to the directory the
// graph is saved in (or absolute when there is no relative path), shared by the JSON writer and
// the snapshot writer so that both formats refer to the schema the same way.

#ifndef AIKG_INTERNAL_SCHEMA_REFERENCE_H_
#define AIKG_INTERNAL_SCHEMA_REFERENCE_H_

#include <filesystem>
#include <string>

#include "absl/status/statusor.h"
#include "aikg/graph.h"

namespace aikg::internal {

// FailedPrecondition when the graph has no schema loaded from a file.
absl::StatusOr<std::string> SchemaReference(const Graph& graph, const std::filesystem::path& base_dir);

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_SCHEMA_REFERENCE_H_
