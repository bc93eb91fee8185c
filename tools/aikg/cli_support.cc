#include "cli_support.h"

#include <filesystem>
#include <iostream>

#include "aikg/snapshot.h"

namespace aikg::cli {

bool Load(Graph& graph, const std::vector<std::string>& files) {
  std::vector<Diagnostic> problems;
  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  absl::Status status = LoadGraphFiles(graph, paths, &problems);
  for (const Diagnostic& problem : problems) std::cerr << problem.Format() << "\n";
  if (!status.ok() && problems.empty()) std::cerr << status.message() << "\n";
  return status.ok();
}

void Print(const query::Result& result, const std::string& format) {
  if (format == "json") {
    std::cout << query::ToJson(result);
  } else if (format == "csv") {
    std::cout << query::ToCsv(result);
  } else {
    std::cout << query::ToTable(result);
  }
}

}  // namespace aikg::cli
