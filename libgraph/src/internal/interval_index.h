// A static index of closed day intervals, answering "which intervals overlap [a, b]" in
// O(log n + k) for k answers.
//
// A centred interval tree: each node keeps the intervals that contain its centre (the median
// endpoint of its subtree's intervals), those wholly left of it go to the left child, those
// wholly right to the right child. Each interval is stored once, in its node's run sorted by
// start; the node also lists the run's positions by descending end. A query walks the nodes
// whose centre lies in [a, b] (reporting all their intervals) and, beside them, one path on each
// side, scanning a sorted run only as far as it reports.
//
// Built with radix sorts on the day numbers (no comparison sort): the index is rebuilt after
// every committed batch. A snapshot stores the arrays as they are and restores them (Restore),
// checked, instead of rebuilding.

#ifndef AIKG_INTERNAL_INTERVAL_INDEX_H_
#define AIKG_INTERNAL_INTERVAL_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"

namespace aikg::internal {

struct DayInterval {
  int32_t first;  // days since 1970-01-01, inclusive
  int32_t last;
  uint32_t id;
};

// Where an interval starts, without its end, for lists that need only that.
struct DayStart {
  int32_t first;
  uint32_t id;
};

// Sorts by first day, stably (equal starts keep their order). O(n), a radix sort.
void SortByFirstDay(std::vector<DayInterval>& intervals);
void SortByFirstDay(std::vector<DayStart>& starts);

class IntervalIndex {
 public:
  // A node of the tree; the root is node 0 and every child comes after its parent.
  struct Node {
    int32_t center;
    uint32_t begin, end;  // its intervals in intervals() and by_end()
    int32_t left = -1, right = -1;
  };

  IntervalIndex() = default;
  explicit IntervalIndex(std::vector<DayInterval> intervals);

  size_t size() const { return intervals_.size(); }

  // The arrays the index is made of, for a snapshot to store.
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<DayInterval>& intervals() const { return intervals_; }
  const std::vector<uint32_t>& by_end() const { return by_end_; }

  // Makes this the index of the arrays nodes(), intervals() and by_end() gave, unless they do not
  // form a tree that queries can walk safely: every node reached once from the root, its runs
  // back to back and in bounds, every position of by_end() inside its node's run, every id below
  // `id_limit`. InvalidArgument saying what is wrong otherwise (the index is then unchanged).
  // Whether the runs are sorted is not checked: that decides answers, not safety. O(n).
  absl::Status Restore(std::vector<Node> nodes, std::vector<DayInterval> intervals, std::vector<uint32_t> by_end,
                       uint32_t id_limit);

  // Calls visit(id) once for every interval overlapping [from, to], in no particular order.
  // Nothing when from > to.
  template <typename Visit>
  void Overlapping(int32_t from, int32_t to, Visit visit) const {
    if (from > to || root_ < 0) return;
    // Only a node whose centre lies in [from, to] sends the walk down both sides, and then the
    // walk below it goes one way at each node but the ones in range: the stack stays small.
    std::vector<int32_t> pending{root_};
    while (!pending.empty()) {
      const Node& n = nodes_[pending.back()];
      pending.pop_back();
      if (n.center < from) {
        ScanByEnd(n, from, visit);
        if (n.right >= 0) pending.push_back(n.right);
      } else if (n.center > to) {
        ScanByStart(n, to, visit);
        if (n.left >= 0) pending.push_back(n.left);
      } else {
        for (uint32_t i = n.begin; i < n.end; ++i) visit(intervals_[i].id);
        if (n.left >= 0) pending.push_back(n.left);
        if (n.right >= 0) pending.push_back(n.right);
      }
    }
  }

  // Calls visit(id) for every interval containing `day`.
  template <typename Visit>
  void Containing(int32_t day, Visit visit) const {
    for (int32_t node = root_; node >= 0;) {
      const Node& n = nodes_[node];
      if (day < n.center) {
        ScanByStart(n, day, visit);
        node = n.left;
      } else {
        ScanByEnd(n, day, visit);
        node = day == n.center ? -1 : n.right;
      }
    }
  }

  size_t bytes() const;

 private:
  // A node's intervals all reach its centre: for a day before it, those starting by the day
  // contain it; for a day after it, those ending on or after it.
  template <typename Visit>
  void ScanByStart(const Node& n, int32_t day, Visit& visit) const {
    for (uint32_t i = n.begin; i < n.end && intervals_[i].first <= day; ++i) visit(intervals_[i].id);
  }
  template <typename Visit>
  void ScanByEnd(const Node& n, int32_t day, Visit& visit) const {
    for (uint32_t i = n.begin; i < n.end && intervals_[by_end_[i]].last >= day; ++i) {
      visit(intervals_[by_end_[i]].id);
    }
  }

  // One of the distinct intervals the tree is built over, and how many intervals it stands for.
  struct Distinct {
    int32_t first, last;
    uint32_t count;
  };
  // An end (first or last day) of a distinct interval.
  struct End {
    int32_t day;
    uint32_t distinct;
  };
  // Builds the subtree of the distinct intervals whose ends are `ends` (both of each, sorted by
  // day), recording each one's node.
  int32_t Build(const std::vector<Distinct>& distinct, std::vector<End>& ends, std::vector<uint32_t>& node_of);

  std::vector<Node> nodes_;
  std::vector<DayInterval> intervals_;  // node by node, each node's run by ascending start
  std::vector<uint32_t> by_end_;        // node by node, positions in intervals_ by descending end
  int32_t root_ = -1;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_INTERVAL_INDEX_H_
