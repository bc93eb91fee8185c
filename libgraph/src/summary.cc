#include "aikg/summary.h"

#include <algorithm>
#include <string>

#include "internal/graph_data.h"

namespace aikg {

GraphSummary Summarize(const Graph& graph) {
  const internal::GraphData& data = graph.data();
  GraphSummary summary;
  summary.entities = graph.entity_count();
  summary.statements = graph.statement_count();
  summary.sources = graph.source_count();
  summary.edges = graph.edge_count();
  if (data.schema == nullptr) return summary;

  for (const internal::EntityRecord& entity : data.entities) {
    ++summary.entities_by_type[data.schema->type(entity.type).name];
  }
  for (const internal::SourceRecord& source : data.sources) {
    ++summary.sources_by_kind[std::string(SourceKindName(source.kind))];
  }
  // Counting by id first keeps the per-statement work to array increments.
  std::vector<size_t> by_predicate(data.schema->predicates().size());
  size_t by_modality[kModalityCount] = {};
  for (const internal::StatementRecord& statement : data.statements) {
    ++by_predicate[statement.predicate];
    ++by_modality[static_cast<int>(statement.modality)];
    for (const TimePoint& end : {statement.valid.from, statement.valid.to}) {
      if (!end.is_set()) continue;
      absl::CivilDay first = end.first_day(), last = end.last_day();
      summary.valid_start = summary.valid_start ? std::min(*summary.valid_start, first) : first;
      summary.valid_end = summary.valid_end ? std::max(*summary.valid_end, last) : last;
    }
  }
  for (PredicateId p = 0; p < by_predicate.size(); ++p) {
    if (by_predicate[p] > 0) summary.statements_by_predicate[data.schema->predicate(p).name] = by_predicate[p];
  }
  for (int m = 0; m < kModalityCount; ++m) {
    if (by_modality[m] > 0) summary.statements_by_modality[std::string(ModalityName(static_cast<Modality>(m)))] = by_modality[m];
  }
  return summary;
}

}  // namespace aikg
