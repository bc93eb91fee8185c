// aikg/view.h: filtered views of a graph, and traversal over them.
//
// A View is the part of a graph that passes a Filter: entities of some types, statements of
// some predicates, modalities or sources, valid at or during some time, published by some
// date. Everything that reads a graph (neighbours, paths, pattern queries, algorithms,
// exports) reads a View, so one mechanism restricts them all. Views compose: filtering a view
// keeps what passes both filters. A statement is visible when it passes the statement filter
// and its subject (and object, for an edge) is visible.
//
// Time semantics (valid time may be imprecise, see aikg/time.h):
//   - `valid_at` D keeps statements that may hold on day D: those whose valid time starts on or
//     before D and, for intervals, does not end before D. "early 2024" (Jan–Apr 2024) is not
//     valid at 2023-12-31; "2024" may be valid at 2024-03-01.
//   - `valid_during` [A, B] keeps statements whose valid time overlaps it.
//   - Undated statements (no valid time) are dropped by both, unless `include_undated`: then an
//     undated statement counts as holding from the earliest day one of its sources may have been
//     published (always, when no source is dated), so it is kept when that day is not after D
//     (or B). The same rule and flag hold in timelines, queries, exports and the CLI.
//   - `known_at` D keeps statements that one of their sources may have published by D: a
//     source's date is its own publication date, or failing that, that of the source that
//     relayed it (a relay publishes no earlier than what it relays). Statements whose sources
//     are all undated are dropped: nothing shows they were known.
//
// Example:
//   aikg::Filter chips;
//   chips.entity_types = {"Organization", "Chip"};
//   chips.predicates = {"develops"};
//   absl::StatusOr<aikg::View> view = aikg::View::Of(graph, chips);
//   for (const aikg::Hop& hop : view->Neighbors(huawei, aikg::Direction::kOut)) ...
//
// A View keeps a pointer to its graph, which must outlive it; a view does not see batches
// applied to the graph after it was made (what they add is outside it). Const methods are safe
// to call from several threads.

#ifndef AIKG_VIEW_H_
#define AIKG_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "aikg/graph.h"
#include "aikg/model.h"

namespace aikg {

// What a view keeps. Empty lists keep everything.
struct Filter {
  std::vector<std::string> entity_types;  // these types and their subtypes
  std::vector<std::string> entity_ids;    // only these entities
  std::vector<std::string> predicates;
  std::vector<Modality> modalities;
  std::vector<std::string> sources;  // statements citing one of these sources or a source they relayed
  std::optional<absl::CivilDay> valid_at;
  std::optional<ValidTime> valid_during;
  std::optional<absl::CivilDay> known_at;
  // Whether valid_at / valid_during keep undated statements (see the time semantics above).
  bool include_undated = false;
};

enum class Direction : uint8_t {
  kOut,   // from subject to object
  kIn,    // from object to subject
  kBoth,  // either way
};

// One step from an entity along an edge statement.
struct Hop {
  StatementIndex statement;
  EntityIndex neighbor;
  bool forward;  // true when the step goes from subject to object

  friend bool operator==(const Hop&, const Hop&) = default;
};

// A set of bits, one per entity or statement.
class BitSet {
 public:
  BitSet() = default;
  BitSet(size_t size, bool value);
  size_t size() const { return size_; }
  bool test(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void set(size_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  void reset(size_t i) { words_[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
  size_t count() const;
  // Keeps the bits set in both.
  void Intersect(const BitSet& other);

 private:
  std::vector<uint64_t> words_;
  size_t size_ = 0;
};

// The neighbourhoods of several entities in compressed-sparse-row form: those of the i-th are
// entities[offsets[i] .. offsets[i + 1]).
struct Neighborhoods {
  std::vector<uint64_t> offsets;  // one more than the entities asked about, starting at 0
  std::vector<EntityIndex> entities;
};

class View {
 public:
  // Everything in `graph`.
  explicit View(const Graph& graph);
  // What passes `filter`. InvalidArgument names an unknown type, predicate, source or entity.
  static absl::StatusOr<View> Of(const Graph& graph, const Filter& filter);
  // What this view and `filter` both keep.
  absl::StatusOr<View> Filtered(const Filter& filter) const;

  const Graph& graph() const { return *graph_; }
  bool Contains(EntityIndex entity) const { return entity < entities_.size() && entities_.test(entity); }
  bool ContainsStatement(StatementIndex statement) const {
    return statement < statements_.size() && statements_.test(statement);
  }
  size_t entity_count() const { return entities_.count(); }
  size_t statement_count() const { return statements_.count(); }
  const BitSet& entities() const { return entities_; }
  const BitSet& statements() const { return statements_; }
  // Whether the view shows every entity and statement of its graph, as the graph is now (then
  // traversals need not test visibility). O(1).
  bool HidesNothing() const {
    return hides_nothing_ && entities_.size() == graph_->entity_count() &&
           statements_.size() == graph_->statement_count();
  }

  // Visible edge statements at `entity`: out-edges, then in-edges, each in statement order.
  std::vector<Hop> Neighbors(EntityIndex entity, Direction direction) const;
  // The distinct visible entities one step from `entity`, each once however many statements
  // link them, in adjacency order (see ForEachHop); itself only through a statement about
  // itself. Empty for an entity outside the view.
  std::vector<EntityIndex> DistinctNeighbors(EntityIndex entity, Direction direction) const;
  // Visible value statements about `entity`, in statement order.
  std::vector<StatementIndex> Values(EntityIndex entity) const;

  // Entities reachable from `seeds` in at most `hops` steps, with their distance, in
  // breadth-first order (seeds first, at distance 0). Invisible seeds are skipped.
  std::vector<std::pair<EntityIndex, int>> Expand(const std::vector<EntityIndex>& seeds, int hops,
                                                  Direction direction) const;
  // For each seed, how many visible entities lie within `hops` steps of it, itself included
  // (igraph's `neighborhood_size`); 0 for a seed outside the view. With hops = 1 that is one
  // more than its number of distinct neighbours. Each seed costs the edges of its
  // neighbourhood; the marks are reused across seeds and calls (no O(V) work per seed).
  std::vector<uint32_t> NeighborhoodSizes(const std::vector<EntityIndex>& seeds, int hops,
                                          Direction direction) const;
  // For each seed, the distinct visible entities within `hops` steps of it, the seed itself
  // excluded, nearest first (breadth-first, each level in adjacency order): a row holds
  // NeighborhoodSizes' count minus one; an empty row for a seed outside the view. With hops = 1,
  // DistinctNeighbors without the seed. Costs what NeighborhoodSizes does, plus the answers.
  Neighborhoods ExpandEach(const std::vector<EntityIndex>& seeds, int hops, Direction direction) const;
  // The sub-view around `seeds`: the entities within `hops` steps and the statements among
  // them (values of those entities included).
  View Ego(const std::vector<EntityIndex>& seeds, int hops, Direction direction) const;

  // Calls `visit(hop)` for each visible edge at `entity`, in adjacency order (out-edges in
  // statement order, in-edges by subject entity); the allocation-free form of Neighbors.
  template <typename Visit>
  void ForEachHop(EntityIndex entity, Direction direction, Visit visit) const;

 private:
  View(const Graph* graph, BitSet entities, BitSet statements)
      : graph_(graph), entities_(std::move(entities)), statements_(std::move(statements)) {
    NoteWhetherHidesNothing();
  }
  // Hides statements whose ends are hidden.
  void DropDanglingStatements();
  // Sets hides_nothing_ from the bits. O((V + S) / 64).
  void NoteWhetherHidesNothing();

  const Graph* graph_;
  BitSet entities_;
  BitSet statements_;
  bool hides_nothing_ = false;  // every bit set, when the view was made
};

namespace internal {
// Edge iteration over the graph's adjacency (defined in view.cc's translation unit family).
void ForEachEdge(const Graph& graph, EntityIndex entity, Direction direction, void (*visit)(void*, const Hop&),
                 void* context);
}  // namespace internal

template <typename Visit>
void View::ForEachHop(EntityIndex entity, Direction direction, Visit visit) const {
  struct Context {
    const View* view;
    Visit* visit;
  } context{this, &visit};
  internal::ForEachEdge(
      *graph_, entity, direction,
      [](void* raw, const Hop& hop) {
        auto* c = static_cast<Context*>(raw);
        if (c->view->ContainsStatement(hop.statement) && c->view->Contains(hop.neighbor)) (*c->visit)(hop);
      },
      &context);
}

}  // namespace aikg

#endif  // AIKG_VIEW_H_
