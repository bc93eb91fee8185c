#include "internal/interval_index.h"

#include <algorithm>
#include <utility>

namespace aikg::internal {

IntervalIndex::IntervalIndex(std::vector<DayInterval> intervals) : by_start_(intervals) {
  std::sort(by_start_.begin(), by_start_.end(), [](const DayInterval& a, const DayInterval& b) {
    return a.first != b.first ? a.first < b.first : a.id < b.id;
  });
  root_ = Build(intervals);
}

int32_t IntervalIndex::Build(std::vector<DayInterval>& intervals) {
  if (intervals.empty()) return -1;
  // The median endpoint as centre leaves at most half the intervals on either side.
  std::vector<int32_t> ends;
  ends.reserve(intervals.size() * 2);
  for (const DayInterval& interval : intervals) {
    ends.push_back(interval.first);
    ends.push_back(interval.last);
  }
  std::nth_element(ends.begin(), ends.begin() + ends.size() / 2, ends.end());
  int32_t center = ends[ends.size() / 2];

  std::vector<DayInterval> left, right, here;
  for (const DayInterval& interval : intervals) {
    if (interval.last < center) {
      left.push_back(interval);
    } else if (interval.first > center) {
      right.push_back(interval);
    } else {
      here.push_back(interval);
    }
  }
  intervals.clear();
  intervals.shrink_to_fit();

  int32_t index = static_cast<int32_t>(nodes_.size());
  nodes_.push_back({center, static_cast<uint32_t>(by_node_start_.size()), 0});
  std::sort(here.begin(), here.end(), [](const DayInterval& a, const DayInterval& b) { return a.first < b.first; });
  by_node_start_.insert(by_node_start_.end(), here.begin(), here.end());
  std::sort(here.begin(), here.end(), [](const DayInterval& a, const DayInterval& b) { return a.last > b.last; });
  by_node_end_.insert(by_node_end_.end(), here.begin(), here.end());
  nodes_[index].end = static_cast<uint32_t>(by_node_start_.size());
  int32_t left_child = Build(left);
  int32_t right_child = Build(right);
  nodes_[index].left = left_child;
  nodes_[index].right = right_child;
  return index;
}

size_t IntervalIndex::bytes() const {
  return (by_start_.capacity() + by_node_start_.capacity() + by_node_end_.capacity()) * sizeof(DayInterval) +
         nodes_.capacity() * sizeof(Node);
}

}  // namespace aikg::internal
