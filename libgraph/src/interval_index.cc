#include "internal/interval_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

// A day number as an unsigned key in the same order.
uint32_t Ascending(int32_t day) { return static_cast<uint32_t>(day) ^ 0x80000000u; }
uint32_t Descending(int32_t day) { return ~Ascending(day); }

// Sorts `items` stably by key(item), an unsigned 32-bit number: least significant digit first,
// 11 bits a pass, over only the bits where the keys differ (day numbers of real data span a few
// thousand days, but open ends reach years 1 and 9999: two or three passes).
template <typename T, typename Key>
void RadixSort(std::vector<T>& items, Key key) {
  if (items.size() < 64) {
    std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
    return;
  }
  uint32_t low = key(items[0]), high = low;
  for (const T& item : items) {
    low = std::min(low, key(item));
    high = std::max(high, key(item));
  }
  constexpr int kDigitBits = 11;
  constexpr uint32_t kDigitMask = (1u << kDigitBits) - 1;
  std::vector<T> sorted(items.size());
  const int bits = static_cast<int>(std::bit_width(high - low));
  for (int shift = 0; shift < bits; shift += kDigitBits) {
    std::array<uint32_t, kDigitMask + 2> starts{};
    for (const T& item : items) ++starts[((key(item) - low) >> shift & kDigitMask) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    for (const T& item : items) sorted[starts[(key(item) - low) >> shift & kDigitMask]++] = item;
    items.swap(sorted);
  }
}

}  // namespace

void SortByFirstDay(std::vector<DayStart>& starts) {
  RadixSort(starts, [](const DayStart& start) { return Ascending(start.first); });
}

absl::Status CheckRuns(std::string_view what, size_t items, const std::vector<uint32_t>& run_offsets,
                       const std::vector<uint32_t>& ids, uint32_t id_limit) {
  auto wrong = [&](auto&&... why) { return absl::InvalidArgumentError(Cat(what, ": ", why...)); };
  if (run_offsets.size() != items + 1) return wrong(run_offsets.size(), " run offsets for ", items, " runs");
  if (run_offsets[0] != 0) return wrong("the first run starts at ", run_offsets[0], ", not 0");
  for (size_t i = 0; i < items; ++i) {
    if (run_offsets[i + 1] < run_offsets[i]) return wrong("run ", i, " ends at ", run_offsets[i + 1], " before it starts");
  }
  if (run_offsets.back() != ids.size()) return wrong("the runs cover ", run_offsets.back(), " of ", ids.size(), " ids");
  for (uint32_t id : ids) {
    if (id >= id_limit) return wrong("id ", id, " out of range (", id_limit, ")");
  }
  return absl::OkStatus();
}

IntervalIndex::IntervalIndex(const std::vector<DayInterval>& intervals, std::vector<DayStart>* points) {
  if (points != nullptr) points->clear();
  if (intervals.empty()) return;
  // The tree is built over the distinct intervals, each counted as often as it occurs, which
  // gives the very tree the intervals one by one would give, for the work of a few.
  std::vector<Distinct> distinct;
  std::vector<uint32_t> distinct_of(intervals.size());  // the number of each one's distinct interval
  {
    absl::flat_hash_map<uint64_t, uint32_t> numbers[2];  // of intervals, of points
    for (size_t i = 0; i < intervals.size(); ++i) {
      uint64_t key = uint64_t{static_cast<uint32_t>(intervals[i].first)} << 32 | static_cast<uint32_t>(intervals[i].last);
      auto [found, added] = numbers[intervals[i].point].try_emplace(key, static_cast<uint32_t>(distinct.size()));
      if (added) distinct.push_back({intervals[i].first, intervals[i].last, 0, intervals[i].point});
      ++distinct[found->second].count;
      distinct_of[i] = found->second;
    }
  }
  std::vector<End> ends;
  ends.reserve(2 * distinct.size());
  for (uint32_t d = 0; d < distinct.size(); ++d) {
    ends.push_back({distinct[d].first, d});
    ends.push_back({distinct[d].last, d});
  }
  RadixSort(ends, [](const End& end) { return Ascending(end.day); });
  std::vector<uint32_t> node_of(distinct.size());
  Build(distinct, ends, node_of);
  nodes_.shrink_to_fit();  // grown one node at a time

  // The distinct intervals by start, then stably by node: each node's by start.
  std::vector<uint32_t> by_start(distinct.size());
  std::iota(by_start.begin(), by_start.end(), 0);
  RadixSort(by_start, [&](uint32_t d) { return Ascending(distinct[d].first); });
  std::vector<uint32_t> next(nodes_.size() + 1, 0);
  for (uint32_t node : node_of) ++next[node + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  for (size_t n = 0; n < nodes_.size(); ++n) {
    nodes_[n].begin = next[n];
    nodes_[n].end = next[n + 1];
  }
  intervals_.resize(distinct.size());
  run_offsets_.assign(distinct.size() + 1, 0);
  std::vector<uint32_t> position_of(distinct.size());  // where each distinct interval went in intervals_
  std::vector<uint32_t> node_at(distinct.size());      // the node of each position in intervals_
  for (uint32_t d : by_start) {
    uint32_t at = next[node_of[d]]++;
    position_of[d] = at;
    node_at[at] = node_of[d];
    intervals_[at] = {distinct[d].first, distinct[d].last};
    run_offsets_[at + 1] = distinct[d].count;
  }
  std::partial_sum(run_offsets_.begin(), run_offsets_.end(), run_offsets_.begin());
  if (points != nullptr) {
    for (uint32_t d = 0; d < distinct.size(); ++d) {
      if (distinct[d].point) points->push_back({distinct[d].first, position_of[d]});
    }
  }
  std::vector<uint32_t> run_next(run_offsets_.begin(), run_offsets_.end() - 1);
  ids_.resize(intervals.size());
  for (size_t i = 0; i < intervals.size(); ++i) ids_[run_next[position_of[distinct_of[i]]]++] = intervals[i].id;

  // The positions by descending end, then stably by node: each node's by descending end.
  std::vector<uint32_t> by_end(intervals_.size());
  std::iota(by_end.begin(), by_end.end(), 0);
  RadixSort(by_end, [&](uint32_t at) { return Descending(intervals_[at].last); });
  by_end_.resize(by_end.size());
  for (size_t n = 0; n < nodes_.size(); ++n) next[n] = nodes_[n].begin;
  for (uint32_t at : by_end) by_end_[next[node_at[at]]++] = at;
}

int32_t IntervalIndex::Build(const std::vector<Distinct>& distinct, std::vector<End>& ends,
                             std::vector<uint32_t>& node_of) {
  if (ends.empty()) return -1;
  // The median end as centre (the one at half the ends of the intervals, each counted as often
  // as it occurs) leaves at most half the intervals on either side.
  uint64_t total = 0;
  for (const End& end : ends) total += distinct[end.distinct].count;
  int32_t center = ends.back().day;
  uint64_t seen = 0;
  for (const End& end : ends) {
    seen += distinct[end.distinct].count;
    if (seen > total / 2) {
      center = end.day;
      break;
    }
  }

  int32_t index = static_cast<int32_t>(nodes_.size());
  nodes_.push_back({center, 0, 0});
  // Each side keeps its ends in order.
  std::vector<End> left, right;
  for (const End& end : ends) {
    const Distinct& interval = distinct[end.distinct];
    if (interval.last < center) {
      left.push_back(end);
    } else if (interval.first > center) {
      right.push_back(end);
    } else {
      node_of[end.distinct] = static_cast<uint32_t>(index);
    }
  }
  ends = {};
  int32_t left_child = Build(distinct, left, node_of);
  int32_t right_child = Build(distinct, right, node_of);
  nodes_[index].left = left_child;
  nodes_[index].right = right_child;
  return index;
}

absl::Status IntervalIndex::Restore(std::vector<Node> nodes, std::vector<Interval> intervals,
                                    std::vector<uint32_t> run_offsets, std::vector<uint32_t> ids,
                                    std::vector<uint32_t> by_end, uint32_t id_limit) {
  auto wrong = [](auto&&... what) { return absl::InvalidArgumentError(Cat("interval index: ", what...)); };
  if (by_end.size() != intervals.size()) return wrong(by_end.size(), " positions by end for ", intervals.size(), " intervals");
  if (nodes.empty() != intervals.empty()) return wrong(nodes.size(), " nodes for ", intervals.size(), " intervals");
  // Each node but the root has one parent that comes before it: the walks from the root end and
  // meet every node once.
  std::vector<uint8_t> parents(nodes.size(), 0);
  uint32_t run_end = 0;
  for (size_t n = 0; n < nodes.size(); ++n) {
    const Node& node = nodes[n];
    if (node.begin != run_end || node.end < node.begin || node.end > intervals.size()) {
      return wrong("node ", n, " has run [", node.begin, ", ", node.end, ") after ", run_end);
    }
    run_end = node.end;
    for (int32_t child : {node.left, node.right}) {
      if (child == -1) continue;
      if (child <= static_cast<int64_t>(n) || static_cast<size_t>(child) >= nodes.size() || parents[child]++ != 0) {
        return wrong("node ", n, " has child ", child, " that is not its own");
      }
    }
    for (uint32_t i = node.begin; i < node.end; ++i) {
      if (by_end[i] < node.begin || by_end[i] >= node.end) return wrong("position ", i, " by end leaves node ", n);
    }
  }
  if (run_end != intervals.size()) return wrong("the nodes' runs cover ", run_end, " of ", intervals.size(), " intervals");
  for (size_t n = 1; n < nodes.size(); ++n) {
    if (parents[n] == 0) return wrong("node ", n, " has no parent");
  }
  if (absl::Status runs = CheckRuns("interval index", intervals.size(), run_offsets, ids, id_limit); !runs.ok()) {
    return runs;
  }
  nodes_ = std::move(nodes);
  intervals_ = std::move(intervals);
  run_offsets_ = std::move(run_offsets);
  ids_ = std::move(ids);
  by_end_ = std::move(by_end);
  return absl::OkStatus();
}

size_t IntervalIndex::bytes() const {
  return nodes_.capacity() * sizeof(Node) + intervals_.capacity() * sizeof(Interval) +
         (run_offsets_.capacity() + ids_.capacity() + by_end_.capacity()) * sizeof(uint32_t);
}

StartIndex::StartIndex(std::vector<DayStart> starts) {
  SortByFirstDay(starts);
  ids_.reserve(starts.size());
  for (const DayStart& start : starts) {
    if (days_.empty() || start.first != days_.back()) {
      if (!days_.empty()) run_offsets_.push_back(static_cast<uint32_t>(ids_.size()));
      days_.push_back(start.first);
    }
    ids_.push_back(start.id);
  }
  if (!days_.empty()) run_offsets_.push_back(static_cast<uint32_t>(ids_.size()));
}

absl::Status StartIndex::Restore(std::vector<int32_t> days, std::vector<uint32_t> run_offsets,
                                 std::vector<uint32_t> ids, uint32_t id_limit) {
  if (absl::Status runs = CheckRuns("start index", days.size(), run_offsets, ids, id_limit); !runs.ok()) return runs;
  days_ = std::move(days);
  run_offsets_ = std::move(run_offsets);
  ids_ = std::move(ids);
  return absl::OkStatus();
}

size_t StartIndex::bytes() const {
  return days_.capacity() * sizeof(int32_t) + (run_offsets_.capacity() + ids_.capacity()) * sizeof(uint32_t);
}

}  // namespace aikg::internal
