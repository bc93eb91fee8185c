#include "report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "aikg/algorithms.h"
#include "aikg/query.h"
#include "aikg/summary.h"
#include "aikg/timeline.h"
#include "aikg/view.h"

namespace aikg::cli {
namespace {

std::string ValidText(const ValidTime& valid) { return valid.is_set() ? valid.ToString() : "undated"; }

// "name (id)", or the id alone when the entity has no other name.
std::string Named(const Entity& entity) {
  if (entity.name().empty() || entity.name() == entity.id()) return std::string(entity.id());
  return std::string(entity.name()) + " (" + std::string(entity.id()) + ")";
}

// "Huawei develops Ascend", "DeepSeek-R1 users ≥ 97 million users".
std::string Sentence(const Statement& statement) {
  std::string object = statement.object() ? std::string(statement.object()->name())
                                          : query::ToText(query::Value{query::ValueOf{statement}});
  return std::string(statement.subject().name()) + " " + std::string(statement.predicate_name()) + " " + object;
}

// "a 3, b 2" from counts, the largest first (ties by name), at most `limit` of them.
std::string LargestCounts(const std::map<std::string, size_t>& counts, size_t limit) {
  std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (size_t i = 0; i < sorted.size() && i < limit; ++i) {
    if (i > 0) text += ", ";
    text += sorted[i].first + " " + std::to_string(sorted[i].second);
  }
  if (sorted.size() > limit) text += ", … (" + std::to_string(sorted.size() - limit) + " more)";
  return text;
}

void PrintSummary(const Graph& graph, std::ostream& out) {
  GraphSummary summary = Summarize(graph);
  out << "## Summary\n\n"
      << summary.entities << " entities, " << summary.statements << " statements (" << summary.edges
      << " between entities, " << summary.statements - summary.edges << " values), " << summary.sources
      << " sources.\n";
  if (summary.valid_start) {
    out << "Valid times span " << absl::FormatCivilTime(*summary.valid_start) << " .. " << absl::FormatCivilTime(*summary.valid_end) << ".\n";
  }
  out << "\n- Statements by modality: " << LargestCounts(summary.statements_by_modality, 10) << "\n"
      << "- Entity types: " << LargestCounts(summary.entities_by_type, 12) << "\n"
      << "- Predicates: " << LargestCounts(summary.statements_by_predicate, 12) << "\n"
      << "- Sources:\n";
  for (SourceIndex i = 0; i < graph.source_count(); ++i) {
    Source source = graph.source(i);
    out << "  - " << source.id() << ": " << SourceKindName(source.kind());
    if (!source.publisher().empty()) out << ", " << source.publisher();
    if (source.published().is_set()) out << ", " << source.published().ToString();
    if (std::optional<Source> via = source.via()) out << ", relayed by " << via->id();
    out << "\n";
  }
}

void PrintTimeline(const View& view, const ReportOptions& options, std::ostream& out) {
  TimelineOptions by_year;
  by_year.grouping = Grouping::kYear;
  std::vector<TimelineEntry> entries = *Timeline(view, by_year);  // no entity names: cannot fail
  out << "\n## Timeline\n\n" << entries.size() << " dated statements";
  size_t undated = view.graph().statement_count() - entries.size();
  if (undated > 0) out << " (" << undated << " undated, not listed)";
  out << ", by the year (or longer period) they are valid for; releases and announcements by their date.\n";
  std::string group;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i == options.max_events) {
      out << "\n… and " << entries.size() - i << " more (aikg timeline lists them all)\n";
      break;
    }
    const TimelineEntry& entry = entries[i];
    if (i == 0 || entry.group != group) {
      group = entry.group;
      out << "\n### " << group << "\n\n";
    }
    const Statement& statement = entry.statement;
    out << "- " << ValidText(entry.when) << ": " << Sentence(statement);
    if (statement.modality() != Modality::kReported) out << " (" << ModalityName(statement.modality()) << ")";
    out << "\n";
  }
}

void PrintCentralEntities(const View& view, const ReportOptions& options, std::ostream& out) {
  std::vector<double> rank = PageRank(view);
  std::vector<uint32_t> in = Degree(view, Direction::kIn), out_degree = Degree(view, Direction::kOut);
  std::vector<EntityIndex> order(rank.size());
  std::iota(order.begin(), order.end(), EntityIndex{0});
  std::stable_sort(order.begin(), order.end(), [&](EntityIndex a, EntityIndex b) { return rank[a] > rank[b]; });
  out << "\n## Most central entities\n\n"
      << "PageRank over the " << view.graph().edge_count()
      << " statements between entities (damping 0.85); degrees count statements.\n\n"
      << "| rank | entity | type | PageRank | in | out |\n"
      << "| ---: | --- | --- | ---: | ---: | ---: |\n";
  for (size_t i = 0; i < order.size() && i < options.top; ++i) {
    Entity entity = view.graph().entity(order[i]);
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", rank[order[i]]);
    out << "| " << i + 1 << " | " << Named(entity) << " | " << entity.type_name() << " | " << score << " | "
        << in[order[i]] << " | " << out_degree[order[i]] << " |\n";
  }
}

void PrintConflicts(const View& view, std::ostream& out) {
  std::vector<Conflict> conflicts = Conflicts(view);
  out << "\n## Conflicting claims\n\n";
  if (conflicts.empty()) {
    out << "None: no two statements give incompatible values for the same subject and predicate over "
           "overlapping times.\n";
    return;
  }
  out << conflicts.size() << (conflicts.size() == 1 ? " set" : " sets")
      << " of value statements that cannot all be true:\n";
  for (const Conflict& conflict : conflicts) {
    const Statement& first = conflict.statements.front();
    out << "\n- " << Named(first.subject()) << ", " << first.predicate_name() << ":\n";
    for (const Statement& statement : conflict.statements) {
      out << "  - " << query::ToText(query::Value{query::ValueOf{statement}}) << " ("
          << ValidText(statement.valid()) << ", " << ModalityName(statement.modality()) << ", " << statement.id();
      for (const Citation& citation : statement.citations()) out << ", " << view.graph().source(citation.source).id();
      out << ")";
      if (conflict.current == statement) out << " ← current: from the latest source";
      out << "\n";
    }
  }
}

}  // namespace

void PrintReport(const Graph& graph, const ReportOptions& options, std::ostream& out) {
  View everything(graph);
  out << "# " << (graph.schema() ? graph.schema()->name() : std::string("aikg")) << " graph report\n\n";
  PrintSummary(graph, out);
  PrintTimeline(everything, options, out);
  PrintCentralEntities(everything, options, out);
  PrintConflicts(everything, out);
}

}  // namespace aikg::cli
