// What the table and Wikidata importers share: ids derived from content, and the batch that
// collects an import's inputs, each tagged with the row or item it came from, and applies them
// as one transaction (leaving out the rows with problems when asked to).

#ifndef AIKG_IMPORT_IMPORT_INTERNAL_H_
#define AIKG_IMPORT_IMPORT_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"
#include "aikg/import.h"
#include "aikg/model.h"
#include "internal/strings.h"

namespace aikg::internal {

// A slug for ids: folded (aikg/text.h), every run of ASCII characters other than letters and
// digits turned into one '-', trimmed of '-'. Other characters are kept ("通义千问" stays).
// "Google DeepMind" → "google-deepmind", "GPT-4o (2024-05)" → "gpt-4o-2024-05".
std::string Slug(std::string_view text);

// 64-bit FNV-1a: stable across runs, builds and machines, as ids derived from content must be.
uint64_t StableHash(std::string_view bytes, uint64_t hash = 0xcbf29ce484222325ULL);
// The first `digits` hex digits of `hash`.
std::string HexDigits(uint64_t hash, int digits = 12);

// Where an imported item came from: the unit it is skipped with (a row, a Wikidata item) and
// the place its problems are reported at. What many items share (file, column name, pointer) is
// a site of the batch, so a place is a few numbers; the diagnostic is made only for a problem.
struct ImportPlace {
  size_t unit = 0;
  uint32_t site = 0;  // ImportBatch::Site
  int line = 0;
  int column = 0;
};

// The inputs of one import. Strings given to the Add functions must live as long as the batch:
// keep them with `Keep`. Items repeated in the batch (the same id added by several rows) are
// added once: the first row not left out wins.
class ImportBatch {
 public:
  // `label` names the input in the transaction's messages.
  explicit ImportBatch(std::string label) : label_(std::move(label)) {}

  // A copy of `text` that lives as long as the batch.
  std::string_view Keep(std::string_view text);
  // Room for what a caller expects to add.
  void Reserve(size_t entities, size_t statements);

  // The site of `where`'s file, column name and pointer (its line, column and message ignored):
  // equal parts give the same site.
  uint32_t Site(const Diagnostic& where);
  // A place of `unit` at `where`.
  ImportPlace Place(size_t unit, const Diagnostic& where) {
    return {unit, Site(where), where.line, where.column};
  }
  // The diagnostic of a problem at `place`.
  Diagnostic Locate(const ImportPlace& place, std::string message) const;

  void AddSource(SourceInput input, const ImportPlace& place);
  void AddEntity(EntityInput input, const ImportPlace& place);
  void AddStatement(StatementInput input, const ImportPlace& place);
  // Gives an entity of the graph an external identifier it lacks (`identifier` and `value` kept
  // by the caller); see Transaction::AddIdentifier.
  void AddIdentifier(EntityIndex entity, std::string_view identifier, std::string_view value,
                     const ImportPlace& place);
  // A problem found while reading a unit; the unit is then bad.
  void Report(const ImportPlace& place, std::string message);
  // The unit of `place` needs `what` (an entity id), which the unit `dependency` adds: when
  // `dependency` is left out, so is the unit of `place`, reported there.
  void DependsOn(const ImportPlace& place, size_t dependency, std::string_view what);
  // An existing entity a unit refers to (counted in ImportReport::entities_matched).
  void NoteMatched(EntityIndex entity, size_t unit);
  bool IsBad(size_t unit) const { return bad_units_.contains(unit); }

  // Applies the batch to `graph` as one transaction. Without `skip_bad_units`, any problem fails
  // the whole batch (InvalidArgument listing every problem; the graph unchanged). With it, the
  // units with problems are left out (each problem in report.skipped, each unit counted in
  // report.rows_skipped) and the rest is applied. Fills the counts of `report`; the reader sets
  // `rows` before, and units below it are the rows (others, such as the entities a table import
  // creates, are counted through the rows that depend on them). Every problem also goes to
  // `diagnostics`.
  absl::Status Apply(Graph& graph, bool skip_bad_units, ImportReport& report, std::vector<Diagnostic>* diagnostics);

 private:
  template <typename Input>
  struct Item {
    Input input;
    ImportPlace place;
  };
  // One transaction over the units not in `bad_units_`; the problems it found, by item place.
  // Commits when there are none and `commit` is set.
  std::vector<std::pair<ImportPlace, std::string>> TryApply(Graph& graph, ImportReport& report, bool commit);

  std::string label_;
  StringStore kept_;
  std::vector<Diagnostic> sites_;
  absl::flat_hash_map<std::string, uint32_t> site_ids_;
  std::vector<Item<SourceInput>> sources_;
  std::vector<Item<EntityInput>> entities_;
  std::vector<Item<StatementInput>> statements_;
  struct IdentifierInput {
    EntityIndex entity;
    std::string_view identifier;
    std::string_view value;
  };
  std::vector<Item<IdentifierInput>> identifiers_;
  std::vector<std::pair<ImportPlace, std::string>> read_problems_;
  // Leaves out every unit that depends on a bad one, reporting why; true when any was added.
  bool PropagateBadUnits();

  std::vector<std::pair<EntityIndex, size_t>> matched_;
  struct Dependency {
    ImportPlace place;
    size_t dependency;
    std::string_view what;
  };
  std::vector<Dependency> dependencies_;
  absl::flat_hash_set<size_t> bad_units_;
};

}  // namespace aikg::internal

#endif  // AIKG_IMPORT_IMPORT_INTERNAL_H_
