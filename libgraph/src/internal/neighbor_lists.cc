#include "internal/neighbor_lists.h"

#include "internal/graph_data.h"

namespace aikg::internal {
namespace {

// The same neighbours in the same order as View::DistinctNeighbors over a view that hides
// nothing: out-edges in statement order, then in-edges by subject, each neighbour once.
NeighborLists Build(const GraphData& data, Direction direction) {
  const EdgeGraph& edges = data.edges;
  size_t entity_count = boost::num_vertices(edges);
  NeighborLists lists;
  lists.offsets.reserve(entity_count + 1);
  lists.neighbors.reserve(direction == Direction::kBoth ? 2 * data.edge_count : data.edge_count);
  lists.offsets.push_back(0);
  // The entity whose list a neighbour was last added to: no per-entity reset of visit marks.
  std::vector<EntityIndex> listed_for(entity_count, kNoIndex);
  for (EntityIndex entity = 0; entity < entity_count; ++entity) {
    auto add = [&](auto neighbor) {
      if (listed_for[neighbor] == entity) return;
      listed_for[neighbor] = entity;
      lists.neighbors.push_back(static_cast<EntityIndex>(neighbor));
    };
    if (direction != Direction::kIn) {
      for (auto [at, end] = boost::out_edges(entity, edges); at != end; ++at) add(boost::target(*at, edges));
    }
    if (direction != Direction::kOut) {
      for (auto [at, end] = boost::in_edges(entity, edges); at != end; ++at) add(boost::source(*at, edges));
    }
    lists.offsets.push_back(static_cast<uint32_t>(lists.neighbors.size()));
  }
  lists.neighbors.shrink_to_fit();
  return lists;
}

}  // namespace

const NeighborLists& NeighborListCache::Get(const GraphData& data, Direction direction) const {
  std::atomic<const NeighborLists*>& slot = ready_[static_cast<size_t>(direction)];
  if (const NeighborLists* lists = slot.load(std::memory_order_acquire)) return *lists;
  std::lock_guard<std::mutex> lock(build_mutex_);
  if (const NeighborLists* lists = slot.load(std::memory_order_relaxed)) return *lists;  // built meanwhile
  std::unique_ptr<const NeighborLists>& built = built_[static_cast<size_t>(direction)];
  built = std::make_unique<const NeighborLists>(Build(data, direction));
  slot.store(built.get(), std::memory_order_release);
  return *built;
}

void NeighborListCache::Clear() {
  for (std::atomic<const NeighborLists*>& slot : ready_) slot.store(nullptr, std::memory_order_relaxed);
  for (std::unique_ptr<const NeighborLists>& built : built_) built.reset();
}

}  // namespace aikg::internal
