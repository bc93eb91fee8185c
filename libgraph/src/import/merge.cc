// Merging entities a curator decided are the same: the graph is rebuilt as one batch with the
// merged entities' statements re-pointed, so every statement keeps its id and its sources.

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aikg/import.h"
#include "aikg/resolve.h"
#include "internal/cat.h"

namespace aikg {

using internal::Cat;

namespace {

// The whole graph as input records, with `target[e]` in place of each entity e.
ChangeSet Rebuilt(const Graph& graph, const std::vector<EntityIndex>& target) {
  ChangeSet changes;
  for (SourceIndex s = 0; s < graph.source_count(); ++s) {
    Source source = graph.source(s);
    std::optional<Source> via = source.via();
    changes.sources.push_back({source.id(), source.kind(), source.publisher(), source.author(), source.title(),
                               source.language(), source.published(), source.url(),
                               via ? via->id() : std::string_view()});
  }
  // Each kept entity, with the names, aliases and missing attributes of those merged into it.
  absl::flat_hash_map<EntityIndex, size_t> input_of;
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    if (target[e] != e) continue;
    Entity entity = graph.entity(e);
    input_of[e] = changes.entities.size();
    changes.entities.push_back({entity.id(), entity.type_name(), entity.name(), entity.description(),
                                {entity.aliases().begin(), entity.aliases().end()},
                                {entity.attributes().begin(), entity.attributes().end()}});
  }
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    if (target[e] == e) continue;
    Entity merged = graph.entity(e);
    EntityInput& into = changes.entities[input_of.at(target[e])];
    auto add_alias = [&](const Alias& alias) {
      bool known = alias.name == into.name || std::any_of(into.aliases.begin(), into.aliases.end(), [&](const Alias& a) {
                     return a.name == alias.name && a.lang == alias.lang;
                   });
      if (!known) into.aliases.push_back(alias);
    };
    add_alias({merged.name(), ""});
    for (const Alias& alias : merged.aliases()) add_alias(alias);
    for (const Attribute& attribute : merged.attributes()) {
      bool known = std::any_of(into.attributes.begin(), into.attributes.end(),
                               [&](const Attribute& a) { return a.name == attribute.name; });
      if (!known) into.attributes.push_back(attribute);
    }
  }
  for (StatementIndex i = 0; i < graph.statement_count(); ++i) {
    Statement statement = graph.statement(i);
    StatementInput input;
    input.id = statement.id();
    input.subject = graph.entity(target[statement.subject().index()]).id();
    input.predicate = statement.predicate_name();
    if (std::optional<Entity> object = statement.object()) {
      input.value = EntityId{graph.entity(target[object->index()]).id()};
    } else if (std::optional<Quantity> quantity = statement.quantity()) {
      input.value = *quantity;
    } else if (std::optional<Text> text = statement.text()) {
      input.value = *text;
    } else if (std::optional<TimePoint> date = statement.date()) {
      input.value = *date;
    } else if (std::optional<bool> truth = statement.boolean()) {
      input.value = *truth;
    }
    input.valid = statement.valid();
    input.period = statement.period();
    input.modality = statement.modality();
    for (const Citation& citation : statement.citations()) {
      input.sources.push_back({graph.source(citation.source).id(), citation.locator});
    }
    input.confidence = statement.confidence();
    input.qualifiers.assign(statement.qualifiers().begin(), statement.qualifiers().end());
    changes.statements.push_back(std::move(input));
  }
  return changes;
}

}  // namespace

absl::StatusOr<Graph> MergeEntities(const Graph& graph, const absl::flat_hash_map<std::string, std::string>& same_as,
                                    std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) return absl::FailedPreconditionError("the graph has no schema");
  std::vector<Diagnostic> found;
  auto report = [&](const std::string& key, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = "<same-as>";
    diagnostic.json_pointer = Cat("/same_as/", key);
    diagnostic.message = std::move(message);
    found.push_back(std::move(diagnostic));
  };
  NameResolver resolver(graph);
  std::vector<EntityIndex> target(graph.entity_count());
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) target[e] = e;
  // Sorted, so that problems come out in a stable order.
  std::vector<std::pair<std::string, std::string>> decisions(same_as.begin(), same_as.end());
  std::sort(decisions.begin(), decisions.end());
  for (const auto& [from, to] : decisions) {
    absl::StatusOr<Entity> merged = resolver.Resolve(from);
    absl::StatusOr<Entity> kept = resolver.Resolve(to);
    if (!merged.ok()) report(from, std::string(merged.status().message()));
    if (!kept.ok()) report(from, Cat("the entity to merge into: ", kept.status().message()));
    if (!merged.ok() || !kept.ok() || merged->index() == kept->index()) continue;
    if (merged->type() != kept->type() && !graph.schema()->IsA(merged->type(), kept->type()) &&
        !graph.schema()->IsA(kept->type(), merged->type())) {
      report(from, Cat("cannot merge ", merged->id(), " (", merged->type_name(), ") into ", kept->id(), " (",
                       kept->type_name(), "): the types are unrelated"));
      continue;
    }
    target[merged->index()] = kept->index();
  }
  // A chain (a → b, b → c) ends at its last entity; a cycle is a mistake.
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    EntityIndex at = e;
    for (size_t steps = 0; target[at] != at; ++steps) {
      at = target[at];
      if (steps > graph.entity_count()) {
        report(std::string(graph.entity(e).id()), Cat("the decisions merge ", graph.entity(e).id(), " in a cycle"));
        break;
      }
    }
    target[e] = at;
  }
  if (!found.empty()) {
    if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
    return DiagnosticsToStatus(found);
  }
  Graph merged(graph.shared_schema());
  absl::Status applied = merged.Apply(Rebuilt(graph, target), diagnostics);
  if (!applied.ok()) return applied;
  return merged;
}

}  // namespace aikg
