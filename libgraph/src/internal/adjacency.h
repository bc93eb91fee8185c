// Inline traversal of a view's adjacency for the hot loops (paths, neighbourhood sizes): the
// same hops in the same order as View::ForEachHop, without its call through a function pointer
// per edge.
#ifndef AIKG_INTERNAL_ADJACENCY_H_
#define AIKG_INTERNAL_ADJACENCY_H_

#include <cstdint>
#include <vector>

#include "aikg/view.h"
#include "internal/graph_data.h"

namespace aikg::internal {

// Calls `visit(hop)` for each visible edge at `entity`: out-edges in statement order, then
// in-edges by subject entity. `kEverythingVisible` skips the visibility tests, for a view that
// hides nothing (see View::HidesNothing).
template <bool kEverythingVisible = false, typename Visit>
inline void ForEachVisibleHop(const View& view, EntityIndex entity, Direction direction, Visit&& visit) {
  const EdgeGraph& edges = view.graph().data().edges;
  auto visible = [&](const Hop& hop) {
    return kEverythingVisible || (view.ContainsStatement(hop.statement) && view.Contains(hop.neighbor));
  };
  if (direction != Direction::kIn) {
    auto [begin, end] = boost::out_edges(entity, edges);
    for (auto at = begin; at != end; ++at) {
      Hop hop{edges[*at].statement, static_cast<EntityIndex>(boost::target(*at, edges)), true};
      if (visible(hop)) visit(hop);
    }
  }
  if (direction != Direction::kOut) {
    auto [begin, end] = boost::in_edges(entity, edges);
    for (auto at = begin; at != end; ++at) {
      Hop hop{edges[*at].statement, static_cast<EntityIndex>(boost::source(*at, edges)), false};
      if (visible(hop)) visit(hop);
    }
  }
}

// The other way along the same statements.
inline Direction Reversed(Direction direction) {
  switch (direction) {
    case Direction::kOut:
      return Direction::kIn;
    case Direction::kIn:
      return Direction::kOut;
    case Direction::kBoth:
      return Direction::kBoth;
  }
  return direction;
}

// Marks of "seen in this search" that are cleared in O(1): a search takes a new generation, and
// an entity is marked when its stamp equals it. Kept per thread and reused across calls, so a
// search allocates nothing once the workspace has grown to the graph. Stamps are 2 bytes, so
// more of them stay in cache (250 KB at 125 000 entities); every 65 535th search pays one pass
// over them when the generation wraps around.
class VisitMarks {
 public:
  // One search's marks for a hot loop, until the next Reset or Start: a copy of the stamps'
  // address and the generation, which the compiler keeps in registers. (Through VisitMarks it
  // reloads the generation after every stamp it stores, as both have the stamps' type.)
  class Search {
   public:
    bool Marked(EntityIndex entity) const { return stamps_[entity] == generation_; }
    // Marks `entity`; false when it already was. Stores the stamp either way, so a caller can
    // use the answer as a number (count += Mark(e)) with no branch: see NeighborhoodWalk in
    // view.cc.
    bool Mark(EntityIndex entity) {
      bool fresh = stamps_[entity] != generation_;
      stamps_[entity] = generation_;
      return fresh;
    }

   private:
    friend class VisitMarks;
    Search(uint16_t* stamps, uint16_t generation) : stamps_(stamps), generation_(generation) {}
    uint16_t* stamps_;
    uint16_t generation_;
  };

  // Starts a new search over `size` entities.
  void Reset(size_t size) {
    if (stamps_.size() < size) stamps_.resize(size, 0);
    if (++generation_ == 0) {  // wrapped around: old stamps could look current
      std::fill(stamps_.begin(), stamps_.end(), 0);
      generation_ = 1;
    }
  }
  // Reset, returning the new search's marks.
  Search Start(size_t size) {
    Reset(size);
    return Search(stamps_.data(), generation_);
  }
  bool Marked(EntityIndex entity) const { return stamps_[entity] == generation_; }
  // Marks `entity`; false when it already was.
  bool Mark(EntityIndex entity) {
    if (stamps_[entity] == generation_) return false;
    stamps_[entity] = generation_;
    return true;
  }

 private:
  std::vector<uint16_t> stamps_;
  uint16_t generation_ = 0;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_ADJACENCY_H_
