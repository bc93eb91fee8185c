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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/model.h"
#include "aikg/schema.h"
#include "internal/bytes.h"
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
    uint64_t statement = 0;  // of the statement's id, in the graph's statement index
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

  // The numbers of the names that statements repeat (their predicates, units and citation
  // locators), remembered in a small table by the name's length and first, middle and last
  // bytes: a statement pays a compare of a few bytes for each, not a hash-map lookup (the hash,
  // then a call to memcmp).
  template <typename Number>
  class RecentNames {
   public:
    // `find(name)`: the number of `name`, or nullopt. `name_of(number)`: the stored copy of the
    // name numbered so, or an empty view when the number has none (any more). The table keeps
    // views of those copies and trusts one only while it is still its number's copy: a failed
    // statement gives the locators it added back.
    template <typename Lookup, typename NameOf>
    std::optional<Number> Find(std::string_view name, Lookup find, NameOf name_of) {
      if (name.empty()) return find(name);
      Entry& entry = entries_[Slot(name)];
      if (entry.name.size() == name.size()) {
        std::string_view stored = name_of(entry.number);
        if (stored.data() == entry.name.data() && stored.size() == name.size() &&
            SameBytes(stored.data(), name.data(), name.size())) {
          return entry.number;
        }
      }
      std::optional<Number> number = find(name);
      if (number) entry = {name_of(*number), *number};
      return number;
    }

   private:
    static constexpr size_t kSlots = 64;
    struct Entry {
      std::string_view name;  // empty: no entry
      Number number = 0;
    };
    static size_t Slot(std::string_view name) {
      return (name.size() * 37 + static_cast<unsigned char>(name.front()) * 5 +
              static_cast<unsigned char>(name[name.size() / 2]) * 3 + static_cast<unsigned char>(name.back())) &
             (kSlots - 1);
    }
    Entry entries_[kSlots];
  };

  // Whether entities of a type may be the subject and the object of a predicate, remembered per
  // pair (a direct-mapped table): a statement's checks cost a lookup, not a walk up the type
  // tree for every type the predicate allows.
  class TypeChecks {
   public:
    // schema.IsAnyOf(type, predicate's domain), or its range when `as_object`.
    bool Allows(const Schema& schema, PredicateId predicate, TypeId type, bool as_object) {
      uint32_t key = uint32_t{predicate} << 16 | type;
      Entry& entry = entries_[(key * 0x9E3779B1u) >> (32 - kSlotBits)];
      if (!entry.filled || entry.key != key) {
        const Predicate& declared = schema.predicate(predicate);
        entry = {key, true, schema.IsAnyOf(type, declared.domain), schema.IsAnyOf(type, declared.range)};
      }
      return as_object ? entry.object : entry.subject;
    }

   private:
    static constexpr int kSlotBits = 9;
    struct Entry {
      uint32_t key = 0;  // predicate << 16 | type
      bool filled = false;
      bool subject = false, object = false;
    };
    Entry entries_[size_t{1} << kSlotBits];
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
  // Adds `record` (an item begun at `item`) under `id` (of hash `id_hash` in `ids`), or, when
  // the id is taken, reports the redefinition and undoes the item. Returns whether the record
  // was added.
  template <typename Record, typename IdOf, typename Difference>
  bool Insert(ItemKind kind, std::string_view id, uint64_t id_hash, Origin origin, const Mark& item, Record&& record,
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
  RecentNames<PredicateId> predicates_;
  RecentNames<UnitId> units_;
  RecentNames<uint32_t> locators_;
  TypeChecks type_checks_;
  bool committed_ = false;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_TRANSACTION_H_
