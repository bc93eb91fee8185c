// Which entity a row's reference means (docs/import.md, "How a row's reference finds its
// entity"): a curator's decision, an external identifier, the id the rule makes, a name, then an
// alias; failing those, a new entity, remembered so that later rows of the import find it.

#ifndef AIKG_IMPORT_ENTITY_LINKER_H_
#define AIKG_IMPORT_ENTITY_LINKER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "aikg/graph.h"
#include "aikg/resolve.h"
#include "import/import_internal.h"
#include "import/table_mapping.h"
#include "internal/strings.h"

namespace aikg::internal {

// The identifiers (scheme, value) a row gives for an entity.
using Identifiers = std::vector<std::pair<std::string, std::string>>;

// How one row refers to an entity, as linked.
struct Resolved {
  std::string_view id;  // kept by the batch or the graph
  Reconciliation outcome = Reconciliation::kNew;
  std::vector<Candidate> candidates;
  std::string problem;  // set when the reference cannot be linked
};

// The top of a type's parent chain: matches must share it with the rule's types.
TypeId RootOf(const Schema& schema, TypeId type);

class EntityLinker {
 public:
  // `same_as` and `batch` must outlive the linker.
  EntityLinker(const Graph& graph, const TableMappingData& mapping,
               const absl::flat_hash_map<std::string, std::string>& same_as, ImportBatch& batch)
      : graph_(graph), schema_(*graph.schema()), mapping_(mapping), same_as_(same_as), batch_(batch), resolver_(graph) {}

  // Per entity rule, the root types its entities may have (empty: any).
  void SetTypeRoots(std::vector<std::vector<TypeId>> roots) { roots_ = std::move(roots); }

  // The entity that `id` and `name` (the rule's templates for this row) and `identifiers` mean.
  // Near names are looked for (a scan of every name) only when `propose_near_names`, or when
  // the rule may not create.
  Resolved Link(size_t rule_index, const std::string& id, const std::string& name, const Identifiers& identifiers,
                bool propose_near_names);

 private:
  bool Fits(size_t rule_index, const Entity& entity) const;
  Resolved Matched(const Entity& entity, ResolvedBy how, std::string matched);
  Resolved LinkUncached(size_t rule_index, const std::string& id, const std::string& name,
                        const Identifiers& identifiers, bool propose_near_names);

  const Graph& graph_;
  const Schema& schema_;
  const TableMappingData& mapping_;
  const absl::flat_hash_map<std::string, std::string>& same_as_;
  ImportBatch& batch_;
  NameResolver resolver_;
  std::vector<std::vector<TypeId>> roots_;
  absl::flat_hash_map<std::string, Resolved> resolved_;  // rule, id, name → link
  // Entities this import creates (ids kept by the batch): by id, folded name and identifier.
  absl::flat_hash_set<std::string_view, StringViewHash> new_ids_;
  absl::flat_hash_map<std::string, std::string_view> new_names_;
  absl::flat_hash_map<std::string, std::string_view> new_identifiers_;
};

}  // namespace aikg::internal

#endif  // AIKG_IMPORT_ENTITY_LINKER_H_
