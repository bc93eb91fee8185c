// Graphviz DOT: entities as boxes labelled by name, every edge statement as its own arrow
// (parallel edges are kept: a digraph, not a strict one), styled by modality. Value statements
// are not drawn; they are in the other formats.

#include <cstdio>
#include <string_view>

#include "export/export_internal.h"

namespace aikg::internal {
namespace {

// Reported facts and claims solid, expectations dashed, judgements dotted.
std::string_view StyleOf(Modality modality) {
  switch (modality) {
    case Modality::kForecast:
    case Modality::kPlan: return "dashed";
    case Modality::kOpinion: return "dotted";
    case Modality::kReported:
    case Modality::kClaim: break;
  }
  return "solid";
}

}  // namespace

void WriteDot(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  Progress progress(options, scope.total_items());
  TextOut out(file);
  const GraphData& data = scope.data;

  out << "digraph ";
  out.Dot(data.schema->name());
  out << " {\n  node [shape=box, style=rounded];\n";
  for (EntityIndex e = 0; e < data.entities.size(); ++e) {
    if (!scope.view.Contains(e)) continue;
    const EntityRecord& entity = data.entities[e];
    out << "  ";
    out.Dot(entity.id);
    out << " [label=";
    out.Dot(entity.name);
    out << ", type=";
    out.Dot(scope.TypeName(entity));
    if (!entity.description.empty()) {
      out << ", tooltip=";
      out.Dot(entity.description);
    }
    out << "];\n";
    progress.Step();
  }
  for (StatementIndex s = 0; s < data.statements.size(); ++s) {
    const StatementRecord& statement = data.statements[s];
    if (!scope.view.ContainsStatement(s)) continue;
    if (scope.IsEdge(statement)) {
      out << "  ";
      out.Dot(data.entities[statement.subject].id);
      out << " -> ";
      out.Dot(data.entities[std::get<ObjectRef>(statement.value).entity].id);
      out << " [id=";
      out.Dot(statement.id);
      out << ", label=";
      out.Dot(scope.PredicateName(statement));
      out << ", modality=" << ModalityName(statement.modality);
      if (statement.valid.is_set()) {
        out << ", valid=";
        out.Dot(statement.valid.ToString());
      }
      out << ", style=" << StyleOf(statement.modality) << "];\n";
    }
    progress.Step();
  }
  out << "}\n";
  progress.Done();
}

}  // namespace aikg::internal
