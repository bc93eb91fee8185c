// The explorer's neighbourhood drawings: which entities each entity's drawing shows and where,
// laid out once at export time so that the page only draws.

#ifndef AIKG_EXPORT_EXPLORER_LAYOUT_H_
#define AIKG_EXPORT_EXPLORER_LAYOUT_H_

#include <cstdint>
#include <vector>

#include "aikg/view.h"

namespace aikg::internal {

// One entity's drawing: the entity, its neighbours, then theirs (breadth-first, both
// directions), each placed at (x, y) in points, y growing downwards.
struct Neighbourhood {
  struct Node {
    EntityIndex entity;
    uint8_t hops;        // 0 for the entity itself
    uint32_t parent;     // position in `nodes` of the node it was reached from; the entity's own is 0
    int32_t x = 0;
    int32_t y = 0;
  };
  std::vector<Node> nodes;
};

// The drawing of each visible entity, in index order, with at most `limit` nodes each (the
// nearest first; neighbours in adjacency order). Positions are left at zero.
std::vector<Neighbourhood> Neighbourhoods(const View& view, size_t limit);

// Places every drawing's nodes on rings around its entity: neighbours evenly on the first,
// each of their neighbours on the second, near the neighbour that reached it.
void LayOutRadially(std::vector<Neighbourhood>& drawings);

// Lays every drawing out with one run of Graphviz `dot` (left to right, labels sized by the
// entities' names). False, leaving the positions untouched, when `dot` cannot be run or its
// output cannot be read.
bool LayOutWithGraphviz(const View& view, std::vector<Neighbourhood>& drawings);

}  // namespace aikg::internal

#endif  // AIKG_EXPORT_EXPLORER_LAYOUT_H_
