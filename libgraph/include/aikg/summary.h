// aikg/summary.h: what a graph holds, in numbers.
//
// Example:
//   aikg::GraphSummary summary = aikg::Summarize(graph);
//   std::cout << summary.statements << " statements from " << summary.sources << " sources\n";

#ifndef AIKG_SUMMARY_H_
#define AIKG_SUMMARY_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "aikg/graph.h"

namespace aikg {

struct GraphSummary {
  size_t entities = 0;
  size_t statements = 0;
  size_t sources = 0;
  size_t edges = 0;  // statements linking two entities
  std::map<std::string, size_t> entities_by_type;        // by the entity's own type
  std::map<std::string, size_t> statements_by_predicate;
  std::map<std::string, size_t> statements_by_modality;
  std::map<std::string, size_t> sources_by_kind;
  // The span covered by the statements' valid times: first and last day; unset when no
  // statement has a valid time.
  std::optional<absl::CivilDay> valid_start;
  std::optional<absl::CivilDay> valid_end;
};

GraphSummary Summarize(const Graph& graph);

}  // namespace aikg

#endif  // AIKG_SUMMARY_H_
