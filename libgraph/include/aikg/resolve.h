// aikg/resolve.h: one entity from what people call it, with the same rules everywhere.
//
// `NameResolver` turns a reference into an entity the way every part of aikg does (the Python
// `g.entity(...)`, the CLI's `--entity` and `--subject`, imports): in order,
//   1. an entity id ("org/alibaba");
//   2. an external identifier ("Q1355529", any identifier the schema declares, see aikg/schema.h);
//   3. a name, folded (case, accents and width ignored: "alibaba", "ＤｅｅｐＳｅｅｋ");
//   4. an alias, folded the same way ("alibaba group", "阿里巴巴").
// A step that finds one entity answers; several entities found by the same step make the
// reference ambiguous: an error listing the candidates. When nothing is found, the error
// suggests the nearest names (aikg/search.h: "Longgang" → "Longgang District").
//
// `ReconcileTable` runs the resolver over the entity references a table mapping makes, so that a
// curator sees, before importing, which rows match existing entities, which would create new
// ones and which are ambiguous, with candidates and scores; their decisions go back into the
// import as `ImportOptions::same_as`.
//
// Example:
//   aikg::NameResolver resolver(graph);
//   absl::StatusOr<aikg::Entity> alibaba = resolver.Resolve("alibaba group");
//   absl::StatusOr<aikg::Entity> missing = resolver.Resolve("Longgang");
//   // NotFound: no entity is called 'Longgang'; nearest: 'Longgang District' (place/longgang)
//
// A resolver reads the graph it was made for and must not outlive it; it sees later batches.
// Const methods are safe to call from several threads.

#ifndef AIKG_RESOLVE_H_
#define AIKG_RESOLVE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"
#include "aikg/import.h"
#include "aikg/schema.h"

namespace aikg {

// How a reference was matched, strongest first.
enum class ResolvedBy : uint8_t { kId, kIdentifier, kName, kAlias, kFuzzy };
std::string_view ResolvedByName(ResolvedBy how);  // "id", "identifier", "name", "alias", "fuzzy"

struct Candidate {
  Entity entity;
  ResolvedBy how;
  std::string matched;  // the id, identifier value, name or alias that matched
  double score;         // 1 for id, identifier, name and alias; below 1 for fuzzy matches
};

class NameResolver {
 public:
  explicit NameResolver(const Graph& graph) : graph_(&graph) {}

  // The one entity `reference` names, of type `type` (or one of its subtypes) when given.
  // NotFound, with the nearest names when there are any; InvalidArgument when ambiguous, listing
  // every candidate as "'name' (id)".
  absl::StatusOr<Entity> Resolve(std::string_view reference, std::optional<TypeId> type = std::nullopt) const;

  // Every entity the first matching step finds (several when ambiguous); empty when none does.
  // O(1) plus the matches.
  std::vector<Candidate> Matches(std::string_view reference, std::optional<TypeId> type = std::nullopt) const;

  // Matches, or, when no step finds any, near names scoring at least `min_fuzzy_score`, best
  // first, at most `limit` (a scan of every name: see aikg/search.h). Fuzzy candidates are proposals: `Resolve` never answers with one.
  std::vector<Candidate> Candidates(std::string_view reference, std::optional<TypeId> type = std::nullopt,
                                    size_t limit = 5, double min_fuzzy_score = kMinFuzzyScore) const;

  // Near names score below 1 (aikg/search.h: a longer name starting with the reference 0.5–0.95,
  // a word of it 0.4–0.75, a few edits away at most 0.7); below this they are not proposed.
  static constexpr double kMinFuzzyScore = 0.5;

 private:
  const Graph* graph_;
};

// ---- Reconciliation ---------------------------------------------------------------------------

enum class Reconciliation : uint8_t {
  kMatched,    // an existing entity (by id, identifier, name or alias)
  kNew,        // no existing entity: the import would create one (fuzzy candidates proposed)
  kAmbiguous,  // several existing entities: the import would fail until a decision is made
  kUnknown,    // a reference that may only find (no entity would be created), and finds none
};
std::string_view ReconciliationName(Reconciliation outcome);  // "matched", "new", "ambiguous", "unknown"

// One entity reference of one row.
struct RowReconciliation {
  size_t row = 0;       // 0-based row of the table
  int64_t line = 0;     // Table::line(row)
  std::string entity;   // the mapping's entity key ("model", "organization")
  std::string text;     // what the row says: the name (or, without one, the id) it refers to
  std::string id;       // the id the import would give a new entity, or the matched entity's
  Reconciliation outcome = Reconciliation::kNew;
  std::vector<Candidate> candidates;  // matched entity, ambiguous candidates, or fuzzy proposals
};

// What importing `table` through `mapping` would link each entity reference to, without
// changing the graph. Rows with problems are left out (the import reports them). InvalidArgument
// for the same mapping and header problems as ImportTable.
absl::StatusOr<std::vector<RowReconciliation>> ReconcileTable(const Graph& graph, const Table& table,
                                                              const TableMapping& mapping,
                                                              std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace aikg

#endif  // AIKG_RESOLVE_H_
