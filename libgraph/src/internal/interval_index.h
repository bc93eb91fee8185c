// A static index of closed day intervals, answering "which intervals overlap [a, b]" in
// O(log n + k) for k answers.
//
// An interval overlaps [a, b] when it contains a, or starts in (a, b]: two disjoint sets.
// Those containing a come from a centred interval tree (each node keeps the intervals that
// contain its centre, sorted by start and by end; a stabbing query walks one root-to-leaf
// path, scanning each node's sorted list only as far as it reports). Those starting in (a, b]
// are a range of the intervals sorted by start.

#ifndef AIKG_INTERNAL_INTERVAL_INDEX_H_
#define AIKG_INTERNAL_INTERVAL_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace aikg::internal {

struct DayInterval {
  int32_t first;  // days since 1970-01-01, inclusive
  int32_t last;
  uint32_t id;
};

class IntervalIndex {
 public:
  IntervalIndex() = default;
  explicit IntervalIndex(std::vector<DayInterval> intervals);

  size_t size() const { return by_start_.size(); }

  // Calls visit(id) once for every interval overlapping [from, to], in no particular order.
  template <typename Visit>
  void Overlapping(int32_t from, int32_t to, Visit visit) const {
    Containing(from, visit);
    auto begin = std::upper_bound(by_start_.begin(), by_start_.end(), from,
                                  [](int32_t day, const DayInterval& interval) { return day < interval.first; });
    for (auto at = begin; at != by_start_.end() && at->first <= to; ++at) visit(at->id);
  }

  // Calls visit(id) for every interval containing `day`.
  template <typename Visit>
  void Containing(int32_t day, Visit visit) const {
    for (int32_t node = root_; node >= 0;) {
      const Node& n = nodes_[node];
      if (day < n.center) {
        // All of the node's intervals end at or after the centre: those starting by `day` contain it.
        for (uint32_t i = n.begin; i < n.end && by_node_start_[i].first <= day; ++i) visit(by_node_start_[i].id);
        node = n.left;
      } else {
        for (uint32_t i = n.begin; i < n.end && by_node_end_[i].last >= day; ++i) visit(by_node_end_[i].id);
        node = day == n.center ? -1 : n.right;
      }
    }
  }

  size_t bytes() const;

 private:
  struct Node {
    int32_t center;
    uint32_t begin, end;  // its intervals in by_node_start_ and by_node_end_
    int32_t left = -1, right = -1;
  };

  int32_t Build(std::vector<DayInterval>& intervals);

  std::vector<DayInterval> by_start_;
  std::vector<Node> nodes_;
  std::vector<DayInterval> by_node_start_;  // per node, ascending start
  std::vector<DayInterval> by_node_end_;    // per node, descending end
  int32_t root_ = -1;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_INTERVAL_INDEX_H_
