// One all-or-nothing batch of additions to a graph.
//
// Inputs are appended straight into the graph's storage as they are checked; the transaction
// remembers where everything ended before it began, and unless `Commit()` is called (which it
// only may when no problem was found) its destructor truncates everything back, so a failed
// batch leaves the graph exactly as it was.
//
// Order: every source, then `ResolveSources()` (relays may point forward), then entities, then
// statements. Problems are collected, never thrown: each names the input item (its origin, as
// the caller numbered it) and the field, as a JSON pointer relative to the item.

#ifndef AIKG_INTERNAL_TRANSACTION_H_
#define AIKG_INTERNAL_TRANSACTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/model.h"
#include "aikg/schema.h"
#include "internal/graph_data.h"

namespace aikg::internal {

enum class ItemKind : uint8_t { kSource, kEntity, kStatement };

// "sources", "entities", "statements": the member that holds such items in a graph file.
std::string_view ItemArrayName(ItemKind kind);

// Where an input item came from: the caller's file number and the item's index in its array.
struct Origin {
  uint32_t file = 0;
  uint32_t index = 0;
};

struct Problem {
  ItemKind kind;
  Origin origin;
  std::string field;  // JSON pointer relative to the item ("/value/unit"), or "" for the item
  std::string message;
};

class Transaction {
 public:
  static constexpr size_t kPrefetchedCitations = 4;  // of a statement, whose lookups are prefetched
  struct ReferenceHashes {
    bool made = false;  // false: AddStatement hashes them itself
    uint64_t subject = 0, object = 0, sources[kPrefetchedCitations] = {};
  };

  // `schema` types the batch: the graph's own, or the one the batch brings to a graph that
  // has none yet (set on commit). `file_names[origin.file]` names files in messages.
  Transaction(GraphData& data, std::shared_ptr<const Schema> schema, std::vector<std::string> file_names);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void AddSource(const SourceInput& input, Origin origin);
  // Links every relay (`via`) of the sources added so far and rejects relay cycles.
  void ResolveSources();
  // Entities and statements keep nothing that points into `input` once added (the JSON loader
  // gives the text behind its parse back to the system); a source's `via` is kept until
  // ResolveSources().
  void AddEntity(const EntityInput& input, Origin origin);
  // `prefetched`: what PrefetchStatement(input) returned, if it was called.
  void AddStatement(const StatementInput& input, Origin origin, const ReferenceHashes* prefetched = nullptr);
  // Starts loading what AddStatement(input) looks up (the bucket of the statement's id, the
  // slots of its subject, object and first sources), for a reader that adds each statement
  // only after it has parsed the next: the cache misses of the lookups overlap the parse.
  // Returns the hashes to hand to AddStatement.
  ReferenceHashes PrefetchStatement(const StatementInput& input) const;
  // Gives an entity of the graph an external identifier it lacks (an import that linked the
  // entity by name learns its Q-id). Its attribute range is copied to the end with the addition,
  // and restored if the batch fails. Another value for an identifier it has is a clash.
  void AddIdentifier(EntityIndex entity, std::string_view identifier, std::string_view value, Origin origin);

  // Makes room for `count` more items of `kind` when a reader knows how many are coming, so that
  // a large batch does not grow its vectors and id tables step by step. `exact` reserves just
  // that (a reader's estimate, revised as it goes), not at least double the present capacity.
  void Reserve(ItemKind kind, size_t count, bool exact = false);

  const std::vector<Problem>& problems() const { return problems_; }

  // Makes the batch part of the graph and rebuilds its indexes. Requires no problems.
  void Commit();

 private:
  struct Mark;
  class IdTable;
  struct PendingVia {
    SourceIndex source;
    std::string_view via;
    Origin origin;
  };
  // What was added in this batch, per kind, and where it came from (for messages).
  struct Added {
    std::vector<Origin> origins;
  };

  void Report(ItemKind kind, Origin origin, std::string field, std::string message);
  // Drops the id tables (the entities or sources change, or the batch ends).
  void ForgetIdTables();
  // Checks that an item's id is usable; false when not (reported).
  bool CheckId(ItemKind kind, std::string_view id, Origin origin);
  // For an `id` already taken by `existing`: reports a duplicate (same file) or a clash (a
  // `difference`, naming the first differing field, is not empty); an equal record is a merge.
  // Either way the caller keeps the existing record and drops the new one.
  void ReportRedefinition(ItemKind kind, std::string_view id, uint32_t existing, Origin origin,
                          std::string_view difference);
  // Adds `record` (an item begun at `item`) under `id`, or, when the id is taken, reports the
  // redefinition and undoes the item. Returns whether the record was added.
  template <typename Record, typename IdOf, typename Difference>
  bool Insert(ItemKind kind, std::string_view id, Origin origin, const Mark& item, Record record,
              std::vector<Record>& records, IdIndex& ids, IdOf id_of, Difference difference);
  std::string Describe(ItemKind kind, uint32_t index) const;
  // Where the item `index` of `kind` came from, when this batch added it.
  const Origin* AddedOrigin(ItemKind kind, uint32_t index) const;

  std::string_view SourceDifference(const SourceRecord& a, const SourceRecord& b) const;
  std::string_view EntityDifference(const EntityRecord& a, const EntityRecord& b) const;
  std::string_view StatementDifference(const StatementRecord& a, const StatementRecord& b) const;

  GraphData& data_;
  std::shared_ptr<const Schema> schema_;
  std::vector<std::string> file_names_;
  std::unique_ptr<Mark> start_;
  std::vector<PendingVia> pending_vias_;
  // Entities given identifiers, with their attribute ranges before (restored on rollback).
  std::vector<std::pair<EntityIndex, Range>> amended_;
  Added added_[3];  // by ItemKind
  std::vector<Problem> problems_;
  // The entities' and sources' ids for the references of a long run of statements, built once
  // the run is long enough to pay for it (see AddStatement); dropped when either kind changes.
  std::unique_ptr<IdTable> entity_table_;
  std::unique_ptr<IdTable> source_table_;
  size_t statements_without_tables_ = 0;
  bool committed_ = false;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_TRANSACTION_H_
