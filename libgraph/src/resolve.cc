// One entity from an id, an external identifier or a name: the rules of aikg/resolve.h.

#include "aikg/resolve.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/search.h"
#include "aikg/text.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg {

using internal::Cat;

std::string_view ResolvedByName(ResolvedBy how) {
  static constexpr std::string_view kNames[] = {"id", "identifier", "name", "alias", "fuzzy"};
  return kNames[static_cast<int>(how)];
}

std::string_view ReconciliationName(Reconciliation outcome) {
  static constexpr std::string_view kNames[] = {"matched", "new", "ambiguous", "unknown"};
  return kNames[static_cast<int>(outcome)];
}

namespace {

std::string Describe(const Candidate& candidate) {
  return Cat("'", candidate.entity.name(), "' (", candidate.entity.id(), ")");
}

// Whether `entity` is of `type` (or a subtype); any entity when no type is asked for.
bool Fits(const Graph& graph, const Entity& entity, std::optional<TypeId> type) {
  return !type || graph.schema() == nullptr || graph.schema()->IsA(entity.type(), *type);
}

}  // namespace

std::vector<Candidate> NameResolver::Matches(std::string_view reference, std::optional<TypeId> type) const {
  const Graph& graph = *graph_;
  const internal::GraphData& data = graph.data();
  std::vector<Candidate> found;
  auto fits = [&](const Entity& entity) { return Fits(graph, entity, type); };
  if (std::optional<Entity> entity = graph.FindEntity(reference); entity && fits(*entity)) {
    return {{*entity, ResolvedBy::kId, std::string(reference), 1.0}};
  }
  if (auto by_identifier = data.identifiers.find(reference); by_identifier != data.identifiers.end()) {
    for (EntityIndex e : by_identifier->second) {
      if (fits(graph.entity(e))) found.push_back({graph.entity(e), ResolvedBy::kIdentifier, std::string(reference), 1.0});
    }
    if (!found.empty()) return found;
  }
  // Names before aliases: "Alibaba" is the company even if another entity lists it as an alias.
  std::string folded = FoldForLookup(reference);
  if (auto by_name = data.names.find(folded); by_name != data.names.end()) {
    std::vector<Candidate> aliased;
    for (EntityIndex e : by_name->second) {
      Entity entity = graph.entity(e);
      if (!fits(entity)) continue;
      if (FoldForLookup(entity.name()) == folded) {
        found.push_back({entity, ResolvedBy::kName, std::string(entity.name()), 1.0});
        continue;
      }
      for (const Alias& alias : entity.aliases()) {
        if (FoldForLookup(alias.name) == folded) {
          aliased.push_back({entity, ResolvedBy::kAlias, std::string(alias.name), 1.0});
          break;
        }
      }
    }
    if (!found.empty()) return found;
    if (!aliased.empty()) return aliased;
  }
  return found;
}

std::vector<Candidate> NameResolver::Candidates(std::string_view reference, std::optional<TypeId> type,
                                                size_t limit, double min_fuzzy_score) const {
  std::vector<Candidate> found = Matches(reference, type);
  if (!found.empty()) return found;
  SearchOptions options;
  options.limit = limit * 4 + 8;  // type filtering below may drop some
  for (const NameMatch& match : SearchNames(*graph_, reference, options)) {
    if (found.size() >= limit) break;
    if (match.kind == MatchKind::kExact || match.score < min_fuzzy_score || !Fits(*graph_, match.entity, type)) {
      continue;
    }
    found.push_back({match.entity, ResolvedBy::kFuzzy, std::string(match.entity.name()), match.score});
  }
  return found;
}

absl::StatusOr<Entity> NameResolver::Resolve(std::string_view reference, std::optional<TypeId> type) const {
  std::vector<Candidate> candidates = Candidates(reference, type);
  std::string kind = type && graph_->schema() != nullptr ? Cat(" of type ", graph_->schema()->type(*type).name) : "";
  if (candidates.size() == 1 && candidates[0].how != ResolvedBy::kFuzzy) return candidates[0].entity;
  if (candidates.empty() || candidates[0].how == ResolvedBy::kFuzzy) {
    std::string message = Cat("no entity", kind, " is called '", reference, "'");
    for (size_t i = 0; i < candidates.size(); ++i) message += Cat(i == 0 ? "; nearest: " : ", ", Describe(candidates[i]));
    return absl::NotFoundError(message);
  }
  std::string message = Cat("'", reference, "' is ambiguous: ", candidates.size(), " entities", kind, " have this ",
                            ResolvedByName(candidates[0].how));
  for (size_t i = 0; i < candidates.size(); ++i) message += Cat(i == 0 ? ": " : ", ", Describe(candidates[i]));
  message += "; use an id";
  return absl::InvalidArgumentError(message);
}

}  // namespace aikg
