// Each entity's distinct neighbours as plain arrays of entity indexes, in compressed-sparse-row
// form, for the traversals of a view that hides nothing (neighbourhood sizes, distinct
// neighbours, batched expansion).
//
// The graph's Boost adjacency walks edges that carry their statement, so every step reads an
// edge record and visits parallel statements once each; these lists hold only the neighbour
// (4 bytes), each once, which is what counting and expanding need. Built on first use, per
// direction, from the adjacency as it is then, and forgotten when a batch changes it.
//
// Example:
//   const NeighborLists& out = data.neighbor_lists.Get(data, Direction::kOut);
//   for (EntityIndex neighbor : out.Of(entity)) ...
//
// Get is safe to call from several threads; Clear needs the exclusive access every change of a
// graph has.

#ifndef AIKG_INTERNAL_NEIGHBOR_LISTS_H_
#define AIKG_INTERNAL_NEIGHBOR_LISTS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/types/span.h"
#include "aikg/model.h"
#include "aikg/view.h"

namespace aikg::internal {

struct GraphData;

struct NeighborLists {
  // The neighbours of entity e are neighbors[offsets[e] .. offsets[e + 1]): distinct, in
  // adjacency order (View::DistinctNeighbors'), itself only through a statement about itself.
  std::vector<uint32_t> offsets;
  std::vector<EntityIndex> neighbors;

  absl::Span<const EntityIndex> Of(EntityIndex entity) const {
    return absl::MakeConstSpan(neighbors).subspan(offsets[entity], offsets[entity + 1] - offsets[entity]);
  }
};

// The lists of one graph, one per direction, each built when first asked for. A copy starts
// empty and builds its own (it belongs to another GraphData).
class NeighborListCache {
 public:
  NeighborListCache() = default;
  NeighborListCache(const NeighborListCache&) {}
  NeighborListCache& operator=(const NeighborListCache&) {
    Clear();
    return *this;
  }

  // The lists of `data`'s adjacency in `direction`. O(V + E) the first time, O(1) after.
  const NeighborLists& Get(const GraphData& data, Direction direction) const;
  // Forgets the lists, after the adjacency changed.
  void Clear();

 private:
  mutable std::mutex build_mutex_;
  mutable std::array<std::unique_ptr<const NeighborLists>, 3> built_;  // by Direction
  // built_[d].get() once complete (stored with release), read without the mutex (acquire).
  mutable std::array<std::atomic<const NeighborLists*>, 3> ready_{};
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_NEIGHBOR_LISTS_H_
