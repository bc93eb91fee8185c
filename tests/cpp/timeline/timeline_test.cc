#include "aikg/timeline.h"

#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/interval_index.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Ids(const std::vector<TimelineEntry>& entries) {
  std::vector<std::string> ids;
  for (const TimelineEntry& entry : entries) ids.emplace_back(entry.statement.id());
  return ids;
}

// The ids of the intervals overlapping [from, to], by the index and by looking at each.
std::multiset<uint32_t> Overlapping(const internal::IntervalIndex& index, int32_t from, int32_t to) {
  std::multiset<uint32_t> found;
  index.Overlapping(from, to, [&](uint32_t id) { found.insert(id); });
  return found;
}
std::multiset<uint32_t> BruteForceOverlapping(const std::vector<internal::DayInterval>& intervals, int32_t from,
                                              int32_t to) {
  std::multiset<uint32_t> found;
  for (const auto& interval : intervals) {
    if (interval.first <= to && from <= interval.last) found.insert(interval.id);
  }
  return found;
}

TEST(IntervalIndex, AgreesWithBruteForce) {
  std::mt19937 random(7);
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 2000; ++id) {
    int32_t first = static_cast<int32_t>(random() % 1000);
    int32_t length = static_cast<int32_t>(random() % 5 == 0 ? random() % 400 : random() % 20);
    intervals.push_back({first, first + length, id});
  }
  internal::IntervalIndex index(intervals);
  for (int query = 0; query < 500; ++query) {
    int32_t from = static_cast<int32_t>(random() % 1100) - 50;
    int32_t to = from + static_cast<int32_t>(random() % 3 == 0 ? 0 : random() % 100);
    ASSERT_EQ(Overlapping(index, from, to), BruteForceOverlapping(intervals, from, to)) << "[" << from << ", " << to << "]";
  }
}

// Real valid times repeat ("2024", "2025-Q2"): the tree is built over the distinct intervals,
// each as often as it occurs, and must still report every one of the repeats.
TEST(IntervalIndex, AgreesWithBruteForceWhenIntervalsRepeat) {
  std::mt19937 random(11);
  std::vector<internal::DayInterval> distinct;
  for (int i = 0; i < 40; ++i) {
    int32_t first = static_cast<int32_t>(random() % 3000);
    distinct.push_back({first, first + static_cast<int32_t>(random() % 400), 0});
  }
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 20000; ++id) {
    internal::DayInterval interval = distinct[random() % 5 == 0 ? random() % distinct.size() : random() % 4];
    interval.id = id;
    intervals.push_back(interval);
  }
  internal::IntervalIndex index(intervals);
  EXPECT_EQ(index.size(), intervals.size());
  for (int query = 0; query < 300; ++query) {
    int32_t from = static_cast<int32_t>(random() % 3600) - 100;
    int32_t to = from + static_cast<int32_t>(random() % 2 == 0 ? 0 : random() % 300);
    ASSERT_EQ(Overlapping(index, from, to), BruteForceOverlapping(intervals, from, to)) << "[" << from << ", " << to << "]";
  }
}

// Open ends reach years 1 and 9999 (the radix sort's widest keys); stabbing queries and ranges
// reaching past every interval.
TEST(IntervalIndex, AgreesWithBruteForceOnOpenEnds) {
  constexpr int32_t kYear1 = -719162, kYear9999 = 2932896;
  std::mt19937 random(13);
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 3000; ++id) {
    int32_t first = static_cast<int32_t>(random() % 20000) - 5000;
    int32_t last = first + static_cast<int32_t>(random() % 3000);
    if (random() % 7 == 0) first = kYear1;
    if (random() % 5 == 0) last = kYear9999;
    intervals.push_back({first, last, id});
  }
  internal::IntervalIndex index(intervals);
  EXPECT_EQ(index.size(), intervals.size());
  for (int query = 0; query < 300; ++query) {
    int32_t day = query == 0 ? kYear1 : query == 1 ? kYear9999 : static_cast<int32_t>(random() % 26000) - 6000;
    std::multiset<uint32_t> found, expected;
    index.Containing(day, [&](uint32_t id) { found.insert(id); });
    for (const auto& interval : intervals) {
      if (interval.first <= day && day <= interval.last) expected.insert(interval.id);
    }
    ASSERT_EQ(found, expected) << day;
  }
  std::multiset<uint32_t> all;
  index.Overlapping(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                    [&](uint32_t id) { all.insert(id); });
  EXPECT_EQ(all.size(), intervals.size());
  EXPECT_EQ(std::set<uint32_t>(all.begin(), all.end()).size(), intervals.size());
}

TEST(IntervalIndex, SortByFirstDayIsStable) {
  std::vector<internal::DayStart> starts;
  for (uint32_t id = 0; id < 500; ++id) starts.push_back({static_cast<int32_t>((id * 37) % 11) - 5, id});
  starts.push_back({-719162, 500});
  internal::SortByFirstDay(starts);
  for (size_t i = 1; i < starts.size(); ++i) {
    ASSERT_TRUE(starts[i - 1].first < starts[i].first ||
                (starts[i - 1].first == starts[i].first && starts[i - 1].id < starts[i].id));
  }
}

// Every statement valid in the same year: one distinct interval, one node, its run holding every
// id in input order (4 bytes each).
TEST(IntervalIndex, StoresAnIntervalSharedByManyIdsOnce) {
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 10000; ++id) intervals.push_back({19723, 20088, id * 3});
  internal::IntervalIndex index(intervals);
  EXPECT_EQ(index.size(), intervals.size());
  ASSERT_EQ(index.intervals().size(), 1);
  EXPECT_EQ(index.nodes().size(), 1);
  EXPECT_EQ(index.run_offsets(), (std::vector<uint32_t>{0, 10000}));
  for (uint32_t i = 0; i < intervals.size(); ++i) ASSERT_EQ(index.ids()[i], intervals[i].id);
  EXPECT_LT(index.bytes(), 4 * intervals.size() + 64);
  for (int32_t day : {19723, 19900, 20088}) EXPECT_EQ(Overlapping(index, day, day).size(), intervals.size()) << day;
  EXPECT_TRUE(Overlapping(index, 19000, 19722).empty());
  EXPECT_TRUE(Overlapping(index, 20089, 21000).empty());
  std::vector<uint32_t> containing;
  index.Containing(20000, [&](uint32_t id) { containing.push_back(id); });
  EXPECT_EQ(containing.size(), intervals.size());
}

// The worst case for the grouping: no interval repeats. Each distinct interval then costs its
// 8 bytes, its run offset, its id and its position by end: 20 bytes, plus the nodes.
TEST(IntervalIndex, AgreesWithBruteForceWhenNoIntervalRepeats) {
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 5000; ++id) {
    int32_t first = static_cast<int32_t>(id * 7 % 5003);
    intervals.push_back({first, first + static_cast<int32_t>(id % 97), id});
  }
  internal::IntervalIndex index(intervals);
  EXPECT_EQ(index.intervals().size(), intervals.size());
  EXPECT_EQ(index.by_end().size(), intervals.size());
  EXPECT_LE(index.bytes(), 20 * intervals.size() + 20 * index.nodes().size() + 64);
  std::mt19937 random(17);
  for (int query = 0; query < 300; ++query) {
    int32_t from = static_cast<int32_t>(random() % 5200) - 50;
    int32_t to = from + static_cast<int32_t>(random() % 2 == 0 ? 0 : random() % 200);
    ASSERT_EQ(Overlapping(index, from, to), BruteForceOverlapping(intervals, from, to)) << "[" << from << ", " << to << "]";
    std::multiset<uint32_t> containing;
    index.Containing(from, [&](uint32_t id) { containing.insert(id); });
    ASSERT_EQ(containing, BruteForceOverlapping(intervals, from, from)) << from;
  }
}

// A restored copy of the arrays answers as the index built them; arrays a query could not walk
// safely are refused, saying what is wrong.
TEST(IntervalIndex, RestoresItsArraysAndRefusesUnsafeOnes) {
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 300; ++id) intervals.push_back({static_cast<int32_t>(id % 30), static_cast<int32_t>(id % 30 + id % 7), id});
  internal::IntervalIndex built(intervals);
  auto restore = [&](auto change) {
    std::vector<internal::IntervalIndex::Node> nodes = built.nodes();
    std::vector<internal::IntervalIndex::Interval> distinct = built.intervals();
    std::vector<uint32_t> run_offsets = built.run_offsets(), ids = built.ids(), by_end = built.by_end();
    change(nodes, run_offsets, ids, by_end);
    internal::IntervalIndex index;
    absl::Status status = index.Restore(nodes, distinct, run_offsets, ids, by_end, 300);
    return std::pair(status, index);
  };
  auto [status, restored] = restore([](auto&...) {});
  ASSERT_TRUE(status.ok()) << status;
  for (int32_t day = -1; day < 40; ++day) ASSERT_EQ(Overlapping(restored, day, day + 2), Overlapping(built, day, day + 2));

  auto refused = [&](std::string_view error, auto change) {
    SCOPED_TRACE(error);
    auto [status, index] = restore(change);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(), HasSubstr(error));
    EXPECT_EQ(index.size(), 0);
  };
  refused("interval index: id 300 out of range (300)", [](auto&, auto&, auto& ids, auto&) { ids[5] = 300; });
  refused("interval index: run 1 ends at ", [](auto&, auto& runs, auto&, auto&) { runs[1] = runs[2] + 1; });
  refused("interval index: the first run starts at 1000, not 0", [](auto&, auto& runs, auto&, auto&) { runs[0] = 1000; });
  refused("interval index: the runs cover 301 of 300 ids", [](auto&, auto& runs, auto&, auto&) { runs.back() = 301; });
  refused("run offsets for", [](auto&, auto& runs, auto&, auto&) { runs.pop_back(); });
  refused("by end leaves node", [](auto& nodes, auto&, auto&, auto& by_end) { by_end[nodes[0].begin] = 100000; });
  refused("that is not its own", [](auto& nodes, auto&, auto&, auto&) { nodes[0].left = 0; });
}

TEST(StartIndex, AgreesWithBruteForce) {
  std::mt19937 random(19);
  std::vector<internal::DayStart> starts;
  for (uint32_t id = 0; id < 5000; ++id) starts.push_back({static_cast<int32_t>(random() % 60) * 30 - 900, id});
  internal::StartIndex index(starts);
  EXPECT_EQ(index.size(), starts.size());
  EXPECT_LE(index.days().size(), 60);
  EXPECT_EQ(index.run_offsets().size(), index.days().size() + 1);
  for (int32_t day = -1000; day < 1000; day += 7) {
    std::multiset<uint32_t> found, expected;
    index.StartedBy(day, [&](uint32_t id) { found.insert(id); });
    for (const internal::DayStart& start : starts) {
      if (start.first <= day) expected.insert(start.id);
    }
    ASSERT_EQ(found, expected) << day;
  }
}

// The graph's points: the interval index keeps the intervals of points apart from the same days
// as intervals, and lists them for a StartIndex, which then reaches their ids through the
// interval index's runs (each id stored once) and answers "started by" as a scan of all would.
TEST(StartIndex, OverTheIntervalsOfPointsAgreesWithBruteForce) {
  std::mt19937 random(23);
  std::vector<internal::DayInterval> intervals;
  for (uint32_t id = 0; id < 5000; ++id) {
    int32_t first = static_cast<int32_t>(random() % 40) * 30 - 600;
    intervals.push_back({first, first + 29, id, random() % 3 == 0});
  }
  std::vector<internal::DayStart> points;
  internal::IntervalIndex index(intervals, &points);
  EXPECT_EQ(index.size(), intervals.size());
  // 40 distinct spans, each as an interval and as a point: 80 distinct intervals, 40 of points.
  EXPECT_EQ(index.intervals().size(), 80u);
  ASSERT_EQ(points.size(), 40u);
  for (const internal::DayStart& point : points) {
    ASSERT_LT(point.id, index.intervals().size());
    EXPECT_EQ(index.intervals()[point.id].first, point.first);
  }
  internal::StartIndex started(points);
  EXPECT_EQ(started.size(), 40u);
  for (int32_t day = -700; day < 700; day += 13) {
    std::multiset<uint32_t> found, expected, containing, expected_containing;
    started.StartedBy(day, [&](uint32_t interval) {
      index.ForEachIdOf(interval, [&](uint32_t id) { found.insert(id); });
    });
    index.Containing(day, [&](uint32_t id) { containing.insert(id); });
    for (const internal::DayInterval& interval : intervals) {
      if (interval.point && interval.first <= day) expected.insert(interval.id);
      if (interval.first <= day && day <= interval.last) expected_containing.insert(interval.id);
    }
    ASSERT_EQ(found, expected) << day;
    ASSERT_EQ(containing, expected_containing) << day;
  }
}

TEST(StartIndex, RefusesRunsOrIdsOutOfRange) {
  internal::StartIndex built({{10, 0}, {10, 1}, {20, 2}});
  internal::StartIndex index;
  EXPECT_THAT(index.Restore(built.days(), built.run_offsets(), built.ids(), 2).message(),
              HasSubstr("start index: id 2 out of range (2)"));
  EXPECT_THAT(index.Restore(built.days(), {0, 2, 4}, built.ids(), 3).message(),
              HasSubstr("start index: the runs cover 4 of 3 ids"));
  EXPECT_THAT(index.Restore(built.days(), {0, 3, 2}, built.ids(), 3).message(),
              HasSubstr("start index: run 1 ends at 2 before it starts"));
  EXPECT_EQ(index.size(), 0);
  ASSERT_TRUE(index.Restore(built.days(), built.run_offsets(), built.ids(), 3).ok());
  std::vector<uint32_t> started;
  index.StartedBy(15, [&](uint32_t id) { started.push_back(id); });
  EXPECT_THAT(started, ElementsAre(0, 1));
}

TEST(Timeline, OrdersByTimeWithPrecision) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<std::vector<TimelineEntry>> entries = Timeline(View(graph));
  ASSERT_TRUE(entries.ok());
  // 2022 (st/1, st/2 from 2022 open, st/12), early 2025, 2025 (year), the release of 2025-01-20
  // (st/9: a day, after the periods starting on January 1st), Q2, end of 2025.
  EXPECT_THAT(Ids(*entries), ElementsAre("st/1", "st/12", "st/2", "st/6", "st/5", "st/9", "st/3", "st/4", "st/11"));
  const TimelineEntry& release = (*entries)[5];
  EXPECT_EQ(release.when, ValidTime::At(TimePoint::Day(2025, 1, 20)));
  EXPECT_TRUE(release.from_value);
  const TimelineEntry& users = (*entries)[4];
  EXPECT_EQ(users.when, ValidTime::At(TimePoint::Year(2025)));
  EXPECT_FALSE(users.from_value);
}

TEST(Timeline, RangeEntitiesAndUndated) {
  Graph graph = testing::LoadTiny();
  TimelineOptions options{.from = absl::CivilDay(2025, 1, 1), .to = absl::CivilDay(2025, 3, 31),
                          .entities = {"org/deepseek"}, .include_undated = true};
  absl::StatusOr<std::vector<TimelineEntry>> entries = Timeline(View(graph), options);
  ASSERT_TRUE(entries.ok());
  // In range: st/6 (early 2025); undated about DeepSeek, known by 2025-03-31: none (the
  // sources are of September 2025).
  EXPECT_THAT(Ids(*entries), ElementsAre("st/6"));
  options.to.reset();
  // Undated about DeepSeek: st/7, st/8, st/14.
  EXPECT_THAT(Ids(*Timeline(View(graph), options)), ElementsAre("st/6", "st/7", "st/8", "st/14"));
  EXPECT_EQ(Timeline(View(graph), {.entities = {"org/x"}}).status().message(), "unknown entity 'org/x'");
}

TEST(Timeline, GroupsAtTheirOwnPrecision) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<std::vector<TimelineEntry>> entries =
      Timeline(View(graph), {.from = absl::CivilDay(2025, 1, 1), .grouping = Grouping::kQuarter});
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> groups;
  for (const TimelineEntry& entry : *entries) groups.push_back(std::string(entry.statement.id()) + " " + entry.group);
  EXPECT_THAT(groups, ElementsAre("st/2 2022..", "st/6 early 2025", "st/5 2025", "st/9 2025-Q1", "st/3 2025-Q2",
                                  "st/4 2025-Q2", "st/11 2025-Q4"));
}

// A model's release and announcement (dates as values, no valid time), a release date restated
// with a valid time of its own, a fiscal date that is not on the calendar, and undated claims
// from sources of 2024-01, 2025-06 and of no date.
Graph EventGraph() {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  Graph graph(std::make_shared<const Schema>(*std::move(schema)));
  ChangeSet changes;
  changes.sources.push_back({.id = "old", .kind = SourceKind::kNewsWire, .published = TimePoint::Month(2024, 1)});
  changes.sources.push_back({.id = "new", .kind = SourceKind::kReport, .published = TimePoint::Month(2025, 6)});
  changes.sources.push_back({.id = "undated", .kind = SourceKind::kOther});
  changes.entities.push_back({.id = "m", .type = "AIModel", .name = "M"});
  changes.entities.push_back({.id = "c", .type = "Company", .name = "C"});
  auto statement = [&](std::string_view id, std::string_view subject, std::string_view predicate,
                       StatementValue value, ValidTime valid, std::string_view source) {
    changes.statements.push_back({.id = id, .subject = subject, .predicate = predicate, .value = std::move(value),
                                  .valid = valid, .sources = {{source, ""}}});
  };
  statement("launch", "m", "release_date", TimePoint::Day(2024, 3, 5), {}, "old");
  statement("announce", "m", "release_date", TimePoint::Year(2024), {}, "old");
  statement("restated", "m", "release_date", TimePoint::Day(2024, 3, 5), ValidTime::At(TimePoint::Year(2025)), "new");
  statement("fiscal", "m", "release_date", *TimePoint::Parse("FY2026"), {}, "old");
  statement("slogan-old", "c", "slogan", Text{"first", "en"}, {}, "old");
  statement("slogan-new", "c", "slogan", Text{"second", "en"}, {}, "new");
  statement("slogan-unknown", "c", "slogan", Text{"third", "en"}, {}, "undated");
  statement("users", "m", "users", Quantity{.amount = 5, .unit = "users"}, ValidTime::At(TimePoint::Month(2024, 3)),
            "old");
  EXPECT_TRUE(graph.Apply(changes).ok());
  return graph;
}

TEST(Timeline, DateValuesAreEventsAtTheirDate) {
  Graph graph = EventGraph();
  absl::StatusOr<std::vector<TimelineEntry>> all = Timeline(View(graph));
  ASSERT_TRUE(all.ok());
  // The announced year 2024, then March 2024 (a valid time), then the release on the 5th of
  // March; the restated date keeps its valid time (2025); a fiscal date is not on the calendar.
  EXPECT_THAT(Ids(*all), ElementsAre("announce", "users", "launch", "restated"));
  EXPECT_EQ((*all)[0].when, ValidTime::At(TimePoint::Year(2024)));
  EXPECT_TRUE((*all)[0].from_value);
  EXPECT_EQ((*all)[1].when, ValidTime::At(TimePoint::Month(2024, 3)));
  EXPECT_FALSE((*all)[1].from_value);
  EXPECT_EQ((*all)[2].when, ValidTime::At(TimePoint::Day(2024, 3, 5)));
  EXPECT_TRUE((*all)[2].from_value);
  EXPECT_EQ((*all)[3].when, ValidTime::At(TimePoint::Year(2025)));
  EXPECT_FALSE((*all)[3].from_value);
}

TEST(Timeline, RangesAndGroupsUseTheEventDate) {
  Graph graph = EventGraph();
  auto ids = [&](TimelineOptions options) { return Ids(*Timeline(View(graph), options)); };
  EXPECT_THAT(ids({.from = absl::CivilDay(2024, 3, 5), .to = absl::CivilDay(2024, 3, 5)}),
              ElementsAre("announce", "users", "launch"));
  EXPECT_THAT(ids({.from = absl::CivilDay(2024, 3, 6), .to = absl::CivilDay(2024, 12, 31)}),
              ElementsAre("announce", "users"));
  EXPECT_THAT(ids({.from = absl::CivilDay(2024, 6, 1), .to = absl::CivilDay(2024, 12, 31)}), ElementsAre("announce"));
  EXPECT_THAT(ids({.from = absl::CivilDay(2025, 1, 1)}), ElementsAre("restated"));
  EXPECT_THAT(ids({.to = absl::CivilDay(2023, 12, 31)}), ElementsAre());

  absl::StatusOr<std::vector<TimelineEntry>> months = Timeline(View(graph), {.grouping = Grouping::kMonth});
  std::vector<std::string> groups;
  for (const TimelineEntry& entry : *months) groups.push_back(entry.group);
  // A year-precise announcement is never put in a month: it keeps its own period.
  EXPECT_THAT(groups, ElementsAre("2024", "2024-03", "2024-03", "2025"));
}

TEST(Timeline, UndatedClaimsAreListedWhenKnownByTheEndOfTheRange) {
  Graph graph = EventGraph();
  auto ids = [&](TimelineOptions options) {
    options.include_undated = true;
    return Ids(*Timeline(View(graph), options));
  };
  // Without an end, every undated statement (the fiscal date among them), after the dated ones.
  EXPECT_THAT(ids({.from = absl::CivilDay(2025, 1, 1)}),
              ElementsAre("restated", "fiscal", "slogan-old", "slogan-new", "slogan-unknown"));
  // Ending in 2024: only what a source published by then (January 2024) said; nothing shows the
  // undated source's claim was known.
  EXPECT_THAT(ids({.to = absl::CivilDay(2024, 12, 31)}),
              ElementsAre("announce", "users", "launch", "fiscal", "slogan-old"));
  EXPECT_THAT(ids({.to = absl::CivilDay(2023, 12, 31)}), ElementsAre());
  EXPECT_THAT(ids({.to = absl::CivilDay(2025, 6, 1)}),
              ElementsAre("announce", "users", "launch", "restated", "fiscal", "slogan-old", "slogan-new"));
  // Undated entries have no time.
  std::vector<TimelineEntry> entries = *Timeline(View(graph), {.include_undated = true});
  EXPECT_FALSE(entries.back().when.is_set());
  EXPECT_FALSE(entries.back().from_value);
  EXPECT_EQ(entries.back().group, "");
}

TEST(MetricSeries, KeepsUnitsAndBoundsAsStated) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<Series> revenue = MetricSeries(View(graph), "org/alibaba", "revenue");
  ASSERT_TRUE(revenue.ok()) << revenue.status().message();
  ASSERT_EQ(revenue->points.size(), 2u);
  EXPECT_EQ(revenue->points[0].quantity.amount, 34.7e9);
  EXPECT_EQ(revenue->points[0].quantity.unit, "USD");
  EXPECT_EQ(revenue->points[1].quantity.unit, "CNY");
  EXPECT_EQ(revenue->points[1].quantity.bound, Bound::kAbout);
  EXPECT_THAT(revenue->units, ElementsAre("USD", "CNY"));
  // Never converted: no growth across currencies.
  EXPECT_FALSE(revenue->points[1].derived_growth.has_value());
  EXPECT_EQ(MetricSeries(View(graph), "org/alibaba", "develops").status().message(),
            "'develops' is not a metric: its values are not quantities");
}

// Revenue of 100 in 2023 and 110 in 2024, with a stated growth of 10 % (right) and 25 % (wrong).
Graph GrowthGraph(double stated_growth) {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  Graph graph(std::make_shared<const Schema>(*std::move(schema)));
  ChangeSet changes;
  changes.sources.push_back({.id = "s", .kind = SourceKind::kReport});
  changes.entities.push_back({.id = "c", .type = "Company", .name = "C"});
  auto figure = [&](std::string_view id, std::string_view predicate, double amount, std::string_view unit, int year) {
    changes.statements.push_back({.id = id, .subject = "c", .predicate = predicate,
                                  .value = Quantity{.amount = amount, .unit = unit},
                                  .valid = ValidTime::At(TimePoint::Year(year)), .sources = {{"s", ""}}});
  };
  figure("r2023", "revenue", 100, "USD", 2023);
  figure("r2024", "revenue", 110, "USD", 2024);
  figure("g2024", "revenue_growth", stated_growth, "percent", 2024);
  EXPECT_TRUE(graph.Apply(changes).ok());
  return graph;
}

TEST(MetricSeries, DerivesGrowthAndChecksTheStatedOne) {
  Graph consistent = GrowthGraph(10);
  absl::StatusOr<Series> series = MetricSeries(View(consistent), "c", "revenue");
  ASSERT_TRUE(series.ok());
  const SeriesPoint& latest = series->points[1];
  ASSERT_TRUE(latest.derived_growth.has_value());
  EXPECT_NEAR(*latest.derived_growth, 10.0, 1e-9);
  EXPECT_EQ(latest.previous->id(), "r2023");
  EXPECT_EQ(latest.stated_growth->id(), "g2024");
  EXPECT_EQ(latest.growth_consistent, true);

  Graph inconsistent = GrowthGraph(25);
  EXPECT_EQ(MetricSeries(View(inconsistent), "c", "revenue")->points[1].growth_consistent, false);
}

TEST(CompareSeries, RefusesDifferentMetricsUnlessAsked) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  View view(graph);
  std::vector<SeriesKey> keys = {{"product/ernie-bot", "registered_users"},
                                 {"product/chatgpt", "weekly_active_users"}};
  absl::StatusOr<std::vector<Series>> refused = CompareSeries(view, keys);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "refusing to compare 'registered_users' of product/ernie-bot with 'weekly_active_users' of "
            "product/chatgpt: they are different metrics; pass allow_different_metrics to compare anyway");
  absl::StatusOr<std::vector<Series>> allowed = CompareSeries(view, keys, true);
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(allowed->at(0).points[0].quantity.amount, 430e6);
  EXPECT_EQ(allowed->at(1).points[0].quantity.amount, 700e6);
  // Same metric, different subjects: fine.
  EXPECT_TRUE(CompareSeries(view, {{"org/deepseek", "users"}, {"org/deepseek", "users"}}).ok());
}

TEST(Newsletter, DomesticShareIsReportedThenForecast) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  absl::StatusOr<Series> share =
      MetricSeries(View(graph), "market/china-ai-chip-market", "domestic_supplier_market_share");
  ASSERT_TRUE(share.ok());
  ASSERT_EQ(share->points.size(), 2u);
  EXPECT_EQ(share->points[0].statement.valid().from, TimePoint::Year(2023));
  EXPECT_EQ(share->points[0].quantity.amount, 17);
  EXPECT_EQ(share->points[0].statement.modality(), Modality::kReported);
  EXPECT_EQ(share->points[1].statement.valid().from, TimePoint::Year(2027));
  EXPECT_EQ(share->points[1].quantity.amount, 50);
  EXPECT_EQ(share->points[1].quantity.bound, Bound::kAtLeast);
  EXPECT_EQ(share->points[1].statement.modality(), Modality::kForecast);
}

TEST(Newsletter, ApprovalsAreNotValidAtTheEndOf2023) {
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  auto approvals = [&](absl::CivilDay day) {
    absl::StatusOr<View> view = View::Of(graph, {.valid_at = day});
    absl::StatusOr<Series> series = MetricSeries(*view, "gov/chinese-regulators", "approved_models_count");
    return series->points.size();
  };
  EXPECT_EQ(approvals(absl::CivilDay(2023, 12, 31)), 0u);
  EXPECT_EQ(approvals(absl::CivilDay(2024, 6, 30)), 1u);
}

// Two sources disagree on the same quarter; the later one supersedes, and both stay.
Graph ConflictGraph() {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  Graph graph(std::make_shared<const Schema>(*std::move(schema)));
  ChangeSet changes;
  changes.sources.push_back({.id = "early", .kind = SourceKind::kNewsWire, .published = TimePoint::Day(2025, 8, 1)});
  changes.sources.push_back({.id = "late", .kind = SourceKind::kReport, .published = TimePoint::Day(2025, 9, 1)});
  changes.entities.push_back({.id = "c", .type = "Company", .name = "C"});
  auto figure = [&](std::string_view id, double amount, Bound bound, std::string_view source) {
    changes.statements.push_back({.id = id, .subject = "c", .predicate = "revenue",
                                  .value = Quantity{.amount = amount, .unit = "USD", .bound = bound},
                                  .valid = ValidTime::At(TimePoint::Quarter(2025, 2)), .sources = {{source, ""}}});
  };
  figure("first", 30e9, Bound::kExact, "early");
  figure("revised", 34.7e9, Bound::kExact, "late");
  figure("agrees", 30e9, Bound::kAtLeast, "late");    // compatible with both
  figure("other-unit", 250e9, Bound::kExact, "late");  // CNY below: not comparable
  changes.statements.back().value = Quantity{.amount = 250e9, .unit = "CNY"};
  EXPECT_TRUE(graph.Apply(changes).ok());
  return graph;
}

TEST(Conflicts, FindsDisagreementsAndWhatSupersedes) {
  Graph graph = ConflictGraph();
  std::vector<Conflict> conflicts = Conflicts(View(graph));
  ASSERT_EQ(conflicts.size(), 1u);
  ASSERT_EQ(conflicts[0].statements.size(), 2u);
  EXPECT_EQ(conflicts[0].statements[0].id(), "first");
  EXPECT_EQ(conflicts[0].statements[1].id(), "revised");
  ASSERT_TRUE(conflicts[0].current.has_value());
  EXPECT_EQ(conflicts[0].current->id(), "revised");
  EXPECT_EQ(graph.statement_count(), 4u);  // history is kept
  // The newsletter is consistent with itself.
  Graph newsletter;
  ASSERT_TRUE(LoadJsonFiles(newsletter, {testing::Dataset("china-ai-2025-09.json")}).ok());
  EXPECT_TRUE(Conflicts(View(newsletter)).empty());
}

TEST(Changes, BetweenTwoKnownTimes) {
  Graph graph = ConflictGraph();
  std::vector<Change> changes = Changes(View(graph), absl::CivilDay(2025, 8, 15), absl::CivilDay(2025, 9, 30));
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].statement.id(), "revised");
  EXPECT_EQ(changes[0].kind, ChangeKind::kChanged);
  EXPECT_EQ(changes[0].previous->id(), "first");
  EXPECT_EQ(changes[1].statement.id(), "agrees");
  EXPECT_EQ(changes[1].kind, ChangeKind::kChanged);  // a different figure for the same quarter
  EXPECT_EQ(changes[2].statement.id(), "other-unit");
  std::vector<Change> before = Changes(View(graph), absl::CivilDay(2025, 7, 1), absl::CivilDay(2025, 8, 15));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].kind, ChangeKind::kAdded);
  EXPECT_EQ(before[0].statement.id(), "first");
}

TEST(ParseAmount, ScaleWordsInEnglishAndFrench) {
  EXPECT_EQ(*ParseAmount("34.7 billion"), 34700000000.0);
  EXPECT_EQ(*ParseAmount("97 million"), 97000000.0);
  EXPECT_EQ(*ParseAmount("1,5 milliard"), 1500000000.0);
  EXPECT_EQ(*ParseAmount("430 millions"), 430000000.0);
  EXPECT_EQ(*ParseAmount("5.7bn"), 5700000000.0);
  EXPECT_EQ(*ParseAmount(" 26 "), 26.0);
  EXPECT_EQ(*ParseAmount("2 k"), 2000.0);
  EXPECT_EQ(*ParseAmount("1.2 trillion"), 1.2e12);
  EXPECT_EQ(*ParseAmount("-3.5 M"), -3500000.0);
  EXPECT_THAT(std::string(ParseAmount("lots").status().message()), HasSubstr("cannot read 'lots' as an amount"));
  EXPECT_FALSE(ParseAmount("12 dozen").ok());
  EXPECT_FALSE(ParseAmount("1.2.3").ok());
  EXPECT_FALSE(ParseAmount("").ok());
}

TEST(ParseAmount, JsonAmountsMayUseScaleWords) {
  Graph graph;
  ASSERT_TRUE(testing::LoadString(graph, testing::TinyDocument(R"(
    "sources": [{"id": "s", "kind": "report"}],
    "entities": [{"id": "c", "type": "Company", "name": "C"}],
    "statements": [{"id": "r", "subject": "c", "predicate": "revenue", "value": {"amount": "34.7 billion", "unit": "USD"}, "modality": "reported", "sources": [{"source": "s"}]}])"))
                  .ok());
  EXPECT_EQ(graph.FindStatement("r")->quantity()->amount, 34.7e9);
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(testing::LoadString(graph, testing::TinyDocument(R"(
    "sources": [{"id": "s2", "kind": "report"}],
    "statements": [{"id": "r2", "subject": "c", "predicate": "revenue", "value": {"amount": "many", "unit": "USD"}, "modality": "reported", "sources": [{"source": "s2"}]}])"),
                                   &problems)
                   .ok());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].json_pointer, "/statements/0/value/amount");
}

}  // namespace
}  // namespace aikg
