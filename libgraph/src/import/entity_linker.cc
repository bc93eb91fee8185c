#include "import/entity_linker.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "aikg/text.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg::internal {

TypeId RootOf(const Schema& schema, TypeId type) {
  while (schema.type(type).parent) type = *schema.type(type).parent;
  return type;
}

bool EntityLinker::Fits(size_t rule_index, const Entity& entity) const {
  const std::vector<TypeId>& roots = roots_[rule_index];
  return roots.empty() || std::find(roots.begin(), roots.end(), RootOf(schema_, entity.type())) != roots.end();
}

Resolved EntityLinker::Link(size_t rule_index, const std::string& id, const std::string& name,
                            const Identifiers& identifiers, bool propose_near_names) {
  // Rules without a column make one entity per row (a table's models): their references rarely
  // repeat, so only the others (organisations, countries in a column) are remembered.
  if (mapping_.entities[rule_index].column < 0) {
    return LinkUncached(rule_index, id, name, identifiers, propose_near_names);
  }
  std::string key = Cat(rule_index, "\x1f", id, "\x1f", name);
  for (const auto& [scheme, value] : identifiers) key += Cat("\x1f", scheme, "=", value);
  auto cached = resolved_.find(key);
  if (cached != resolved_.end()) return cached->second;
  Resolved resolved = LinkUncached(rule_index, id, name, identifiers, propose_near_names);
  resolved_.emplace(key, resolved);
  return resolved;
}

Resolved EntityLinker::Matched(const Entity& entity, ResolvedBy how, std::string matched) {
  Resolved resolved;
  resolved.id = entity.id();
  resolved.outcome = Reconciliation::kMatched;
  resolved.candidates.push_back({entity, how, std::move(matched), 1.0});
  return resolved;
}

Resolved EntityLinker::LinkUncached(size_t rule_index, const std::string& id, const std::string& name,
                                    const Identifiers& identifiers, bool propose_near_names) {
  const EntityRule& rule = mapping_.entities[rule_index];
  // 1. A curator's decision.
  for (const std::string* reference : {&name, &id}) {
    auto decided = same_as_.find(*reference);
    if (reference->empty() || decided == same_as_.end()) continue;
    if (std::optional<Entity> target = graph_.FindEntity(decided->second)) {
      return Matched(*target, ResolvedBy::kId, decided->second);
    }
    Resolved failed;
    failed.problem = Cat("the same-as decision for '", *reference, "' names '", decided->second,
                         "', which is not in the graph");
    return failed;
  }
  // 2. External identifiers, in the graph and among the entities this import makes.
  for (const auto& [scheme, value] : identifiers) {
    auto known = graph_.data().identifiers.find(value);
    if (known != graph_.data().identifiers.end()) {
      for (EntityIndex e : known->second) {
        if (Fits(rule_index, graph_.entity(e))) return Matched(graph_.entity(e), ResolvedBy::kIdentifier, value);
      }
    }
    if (auto made = new_identifiers_.find(Cat(scheme, "=", value)); made != new_identifiers_.end()) {
      Resolved resolved;
      resolved.id = made->second;
      return resolved;
    }
  }
  // 3. The id.
  if (!id.empty()) {
    if (std::optional<Entity> entity = graph_.FindEntity(id)) return Matched(*entity, ResolvedBy::kId, id);
    if (auto made = new_ids_.find(id); made != new_ids_.end()) {
      Resolved resolved;
      resolved.id = *made;
      return resolved;
    }
  }
  // 4. The name, then an alias.
  // An entity that carries another value of an identifier the row gives is another thing of
  // the same name.
  auto other_identity = [&](const Entity& entity) {
    for (const auto& [scheme, value] : identifiers) {
      std::optional<AttributeValue> known = entity.attribute(scheme);
      if (known && *known != AttributeValue(std::string_view(value))) return true;
    }
    return false;
  };
  std::vector<Candidate> candidates;
  if (!name.empty()) {
    for (Candidate& candidate : resolver_.Matches(name)) {
      if (Fits(rule_index, candidate.entity) && !other_identity(candidate.entity)) {
        candidates.push_back(std::move(candidate));
      }
    }
  }
  if (candidates.size() == 1) return Matched(candidates[0].entity, candidates[0].how, candidates[0].matched);
  Resolved resolved;
  if (candidates.size() > 1) {
    resolved.outcome = Reconciliation::kAmbiguous;
    resolved.problem = Cat("'", name, "' is ambiguous: ", candidates.size(), " entities have this ",
                           ResolvedByName(candidates[0].how));
    for (size_t i = 0; i < candidates.size(); ++i) {
      resolved.problem += Cat(i == 0 ? ": '" : ", '", candidates[i].entity.name(), "' (", candidates[i].entity.id(), ")");
    }
    resolved.problem += "; decide with a same-as entry";
    resolved.candidates = std::move(candidates);
    return resolved;
  }
  std::string folded = name.empty() ? "" : FoldForLookup(name);
  if (auto made = new_names_.find(Cat(rule_index, "\x1f", folded)); !folded.empty() && made != new_names_.end()) {
    resolved.id = made->second;
    return resolved;
  }
  // Nothing found: near names are proposals only, for a curator (reconciliation) or a rule
  // that may not create (an import that creates never scans for them).
  if (!name.empty() && (propose_near_names || !rule.create)) {
    for (Candidate& candidate : resolver_.Candidates(name, std::nullopt, 5)) {
      if (candidate.how == ResolvedBy::kFuzzy && Fits(rule_index, candidate.entity)) {
        resolved.candidates.push_back(std::move(candidate));
      }
    }
  }
  if (!rule.create) {
    resolved.outcome = Reconciliation::kUnknown;
    resolved.problem = Cat("no entity is called '", name.empty() ? id : name, "'");
    for (size_t i = 0; i < resolved.candidates.size(); ++i) {
      const Candidate& near = resolved.candidates[i];
      resolved.problem += Cat(i == 0 ? "; nearest: '" : ", '", near.entity.name(), "' (", near.entity.id(), ")");
    }
    return resolved;
  }
  // 5. A new entity, found by later rows through its id, name and identifiers.
  std::string_view kept = batch_.Keep(id);
  new_ids_.insert(kept);
  resolved.id = kept;
  if (!folded.empty()) new_names_.emplace(Cat(rule_index, "\x1f", folded), kept);
  for (const auto& [scheme, value] : identifiers) new_identifiers_.emplace(Cat(scheme, "=", value), kept);
  return resolved;
}

}  // namespace aikg::internal
