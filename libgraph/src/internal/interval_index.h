// Static indexes of statements by the days they cover: IntervalIndex answers "which intervals
// overlap [a, b]" in O(log n + k) for k answers; StartIndex answers "which started by day d".
//
// IntervalIndex is a centred interval tree: each node keeps the intervals that contain its
// centre (the median endpoint of its subtree's intervals), those wholly left of it go to the
// left child, those wholly right to the right child. A query walks the nodes whose centre lies in
// [a, b] (reporting all their intervals) and, beside them, one path on each side, scanning a
// sorted run only as far as it reports.
//
// Intervals repeat: a graph of a million statements has a few thousand distinct ones (years,
// quarters, months). IntervalIndex keeps each distinct interval once, with its run of ids in one
// flat array: 4 bytes per statement plus a little per distinct interval. The intervals of points
// ("2025-Q2", valid from then on) are told apart from the same days as an interval, so that a
// StartIndex of the point intervals, by first day, lists a few thousand distinct intervals and
// reaches their ids through the interval index: each id is stored once.
//
// Built with radix sorts on the day numbers and a hash of the distinct intervals (no comparison
// sort): the indexes are rebuilt after every committed batch. A snapshot stores the arrays as
// they are and restores them (Restore), checked, instead of rebuilding.

#ifndef AIKG_INTERNAL_INTERVAL_INDEX_H_
#define AIKG_INTERNAL_INTERVAL_INDEX_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace aikg::internal {

// A closed interval of days, and the statement it stands for: what the indexes are built from.
struct DayInterval {
  int32_t first;  // days since 1970-01-01, inclusive
  int32_t last;
  uint32_t id;
  bool point = false;  // a point's days: kept apart from the same days as an interval
};

// Where an interval starts, without its end, for lists that need only that.
struct DayStart {
  int32_t first;
  uint32_t id;
};

// Sorts by first day, stably (equal starts keep their order). O(n), a radix sort.
void SortByFirstDay(std::vector<DayStart>& starts);

// Ids in runs: those of item i are ids[run_offsets[i] .. run_offsets[i + 1]). Restore checks a
// stored one: `items` + 1 offsets from 0 up, the last one ids.size(), every id below `id_limit`.
absl::Status CheckRuns(std::string_view what, size_t items, const std::vector<uint32_t>& run_offsets,
                       const std::vector<uint32_t>& ids, uint32_t id_limit);

class IntervalIndex {
 public:
  // A node of the tree; the root is node 0 and every child comes after its parent.
  struct Node {
    int32_t center;
    uint32_t begin, end;  // its distinct intervals in intervals() and by_end()
    int32_t left = -1, right = -1;
  };
  // A distinct interval; its ids are a run of ids().
  struct Interval {
    int32_t first, last;
  };

  IntervalIndex() = default;
  // Indexes `intervals`; when `points` is given, sets it to the first day and position (in
  // intervals()) of each distinct interval of points, for a StartIndex over them.
  explicit IntervalIndex(const std::vector<DayInterval>& intervals, std::vector<DayStart>* points = nullptr);

  // How many intervals (ids) the index holds, repeats included.
  size_t size() const { return ids_.size(); }

  // The arrays the index is made of, for a snapshot to store.
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Interval>& intervals() const { return intervals_; }
  const std::vector<uint32_t>& run_offsets() const { return run_offsets_; }
  const std::vector<uint32_t>& ids() const { return ids_; }
  const std::vector<uint32_t>& by_end() const { return by_end_; }

  // Makes this the index of the arrays the accessors above gave, unless they do not form a tree
  // that queries can walk safely: every node reached once from the root, its distinct intervals
  // back to back and in bounds, every position of by_end() inside its node, the runs of ids back
  // to back and in bounds, every id below `id_limit`. InvalidArgument saying what is wrong
  // otherwise (the index is then unchanged). Whether the intervals are sorted and on the right
  // side of their centres is not checked: that decides answers, not safety. O(n).
  absl::Status Restore(std::vector<Node> nodes, std::vector<Interval> intervals, std::vector<uint32_t> run_offsets,
                       std::vector<uint32_t> ids, std::vector<uint32_t> by_end, uint32_t id_limit);

  // Calls visit(id) once for every interval overlapping [from, to], in no particular order.
  // Nothing when from > to.
  template <typename Visit>
  void Overlapping(int32_t from, int32_t to, Visit visit) const {
    if (from > to || nodes_.empty()) return;
    // Only a node whose centre lies in [from, to] sends the walk down both sides, and then the
    // walk below it goes one way at each node but the ones in range: the stack stays small.
    std::vector<int32_t> pending{0};
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
        VisitRuns(n.begin, n.end, visit);  // a node's runs are back to back
        if (n.left >= 0) pending.push_back(n.left);
        if (n.right >= 0) pending.push_back(n.right);
      }
    }
  }

  // Calls visit(id) for every interval containing `day`.
  template <typename Visit>
  void Containing(int32_t day, Visit visit) const {
    for (int32_t node = nodes_.empty() ? -1 : 0; node >= 0;) {
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

  // Calls visit(id) for the ids of the distinct interval at `position` in intervals() (below
  // intervals().size()).
  template <typename Visit>
  void ForEachIdOf(uint32_t position, Visit visit) const {
    VisitRuns(position, position + 1, visit);
  }

  size_t bytes() const;

 private:
  // The ids of the distinct intervals [begin, end).
  template <typename Visit>
  void VisitRuns(uint32_t begin, uint32_t end, Visit& visit) const {
    for (uint32_t i = run_offsets_[begin]; i < run_offsets_[end]; ++i) visit(ids_[i]);
  }
  // A node's intervals all reach its centre: for a day before it, those starting by the day
  // contain it (a prefix of the node's, sorted by start); for a day after it, those ending on or
  // after it.
  template <typename Visit>
  void ScanByStart(const Node& n, int32_t day, Visit& visit) const {
    uint32_t i = n.begin;
    while (i < n.end && intervals_[i].first <= day) ++i;
    VisitRuns(n.begin, i, visit);
  }
  template <typename Visit>
  void ScanByEnd(const Node& n, int32_t day, Visit& visit) const {
    for (uint32_t i = n.begin; i < n.end && intervals_[by_end_[i]].last >= day; ++i) {
      VisitRuns(by_end_[i], by_end_[i] + 1, visit);
    }
  }

  // A distinct interval while the tree is built, and how many intervals it stands for.
  struct Distinct {
    int32_t first, last;
    uint32_t count;
    bool point;
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
  std::vector<Interval> intervals_;         // node by node, each node's by ascending start
  std::vector<uint32_t> run_offsets_{0};    // intervals_.size() + 1 offsets into ids_
  std::vector<uint32_t> ids_;               // the ids of each distinct interval, in input order
  std::vector<uint32_t> by_end_;            // node by node, positions in intervals_ by descending end
};

// Ids by the first day of their interval, for "which had started by day d": the distinct first
// days ascending, each with its run of ids. The graph's ids here are positions of distinct
// intervals of points in its valid-time IntervalIndex (see there).
class StartIndex {
 public:
  StartIndex() = default;
  explicit StartIndex(std::vector<DayStart> starts);

  size_t size() const { return ids_.size(); }

  const std::vector<int32_t>& days() const { return days_; }
  const std::vector<uint32_t>& run_offsets() const { return run_offsets_; }
  const std::vector<uint32_t>& ids() const { return ids_; }

  // Makes this the index of the arrays above unless their runs are out of bounds or an id is not
  // below `id_limit` (CheckRuns); whether the days ascend decides answers, not safety. O(n).
  absl::Status Restore(std::vector<int32_t> days, std::vector<uint32_t> run_offsets, std::vector<uint32_t> ids,
                       uint32_t id_limit);

  // Calls visit(id) for every id whose first day is on or before `day`.
  template <typename Visit>
  void StartedBy(int32_t day, Visit visit) const {
    size_t started = std::upper_bound(days_.begin(), days_.end(), day) - days_.begin();
    for (uint32_t i = 0; i < run_offsets_[started]; ++i) visit(ids_[i]);
  }

  size_t bytes() const;

 private:
  std::vector<int32_t> days_;
  std::vector<uint32_t> run_offsets_{0};
  std::vector<uint32_t> ids_;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_INTERVAL_INDEX_H_
