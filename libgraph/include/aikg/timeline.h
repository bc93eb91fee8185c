// aikg/timeline.h: following the AI race over time.
//
// Two time axes run through a graph: valid time (when a claim holds, `Statement::valid`) and
// known time (when a source published it). Views narrow both (`Filter::valid_at`,
// `Filter::known_at`, see aikg/view.h); this header reads them:
//
//   - Timeline: the statements of a view in a date range, ordered by when they hold, grouped
//     by year, quarter or month, each at its own precision; a statement with no valid time whose
//     value is a date (a release, an announcement) is an event at that date;
//   - MetricSeries: one subject's values of one metric over time, with units and bounds as
//     stated, growth derived from absolute values and checked against stated growth;
//   - CompareSeries: several series side by side, refused when they measure different things;
//   - Conflicts: statements that disagree about the same subject, metric and period, with the
//     figure a later source supersedes (history is kept: nothing is deleted);
//   - Changes: what became known between two dates.
//
// Range and as-of lookups use an interval index built with the graph (O(log n + k)).
//
// Example:
//   absl::StatusOr<aikg::Series> share = aikg::MetricSeries(
//       view, "market/china-ai-chip-market", "domestic_supplier_market_share");
//   for (const aikg::SeriesPoint& point : share->points) { ... point.quantity.amount ... }

#ifndef AIKG_TIMELINE_H_
#define AIKG_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "aikg/view.h"

namespace aikg {

// ---- Timeline ---------------------------------------------------------------------------------

enum class Grouping : uint8_t { kNone, kYear, kQuarter, kMonth };

struct TimelineOptions {
  // Statements placed (see TimelineEntry::when) in [from, to]; an unset end is open.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  // Statements about these entities (as subject or object); empty: all.
  std::vector<std::string> entities;
  // Also list the undated statements (no valid time, no date value), after the dated ones. With
  // `to` set, only those known by `to` (one of their sources may have been published by then,
  // as Filter::known_at): an undated claim counts as holding from when it was published.
  bool include_undated = false;
  Grouping grouping = Grouping::kNone;
};

struct TimelineEntry {
  Statement statement;
  // Where the statement is placed on the timeline: its valid time when it has one; else, when
  // its value is a date ("release_date": 2025-08-21, "announced": 2023), that date as a point at
  // its own precision, so releases and announcements show as events; unset for an undated
  // statement (TimelineOptions::include_undated).
  ValidTime when;
  // True when `when` is the statement's date value rather than its valid time.
  bool from_value = false;
  // The group's label: "2024", "2024-Q2", "2024-03" by the grouping, or the entry's own coarser
  // period when it does not fit in one group ("2020s", "2023..2025"); "" when ungrouped or
  // undated.
  std::string group;
};

// The view's statements placed in the range, ordered by the first possible day of `when`, then
// by its last (the more precise first), then by load order; then, if asked, the undated ones in
// load order. O(log n + k) for k entries in range (interval indexes built with the graph), plus
// a pass over the view for the undated ones known by `to`. InvalidArgument names an unknown
// entity.
absl::StatusOr<std::vector<TimelineEntry>> Timeline(const View& view, const TimelineOptions& options = {});

// ---- Metric series ----------------------------------------------------------------------------

struct SeriesPoint {
  Statement statement;
  Quantity quantity;  // as stated: unit labelled, never converted
  // Growth in percent from the previous point of the same unit and time precision, computed
  // from the absolute values, when there is one. Only for amounts (not ratios: a share's rise
  // is in points, not a growth) given exactly or approximately (not as bounds).
  std::optional<double> derived_growth;
  std::optional<Statement> previous;
  // A growth statement (a predicate declaring `growth_of` this metric) for the same subject
  // and a period overlapping this point's, and whether it agrees with the derived growth
  // (within 1 percentage point, counting its bound).
  std::optional<Statement> stated_growth;
  std::optional<bool> growth_consistent;
};

struct Series {
  Entity subject;
  std::string metric;
  std::vector<std::string> units;  // the units that occur, in order of first use
  std::vector<SeriesPoint> points;  // dated points in time order, then undated ones
};

// The values of `metric` (a quantity predicate) about `subject` in `view`. InvalidArgument when
// the subject is unknown or the predicate is not a metric.
absl::StatusOr<Series> MetricSeries(const View& view, std::string_view subject, std::string_view metric);

struct SeriesKey {
  std::string subject;
  std::string metric;
};

// Several series for comparison. Refused (InvalidArgument, saying what differs) when they are
// of different metrics — registrations are not weekly active users — or in units of different
// dimensions, unless `allow_different_metrics`. Currencies are labelled, never converted.
absl::StatusOr<std::vector<Series>> CompareSeries(const View& view, const std::vector<SeriesKey>& keys,
                                                  bool allow_different_metrics = false);

// ---- Conflicts ---------------------------------------------------------------------------------

struct Conflict {
  // Two or more value statements about the same subject and predicate, with overlapping valid
  // times (or both undated), whose values cannot both be true: quantities in the same unit
  // whose ranges (from their bounds; "about" is ±5 %) do not meet, different truth values,
  // dates whose periods do not overlap. In load order.
  std::vector<Statement> statements;
  // The statement from the most recently published source: it supersedes the others, which
  // stay in the graph. Unset when publication dates cannot order them.
  std::optional<Statement> current;
};

std::vector<Conflict> Conflicts(const View& view);

// ---- Changes -----------------------------------------------------------------------------------

enum class ChangeKind : uint8_t {
  kAdded,    // a claim about something not claimed before
  kChanged,  // a new figure for what an earlier statement already gave a value to
};

struct Change {
  ChangeKind kind;
  Statement statement;
  std::optional<Statement> previous;  // for kChanged: the statement known before
};

// What became known after `before` and by `after` (publication dates, as Filter::known_at),
// in statement order. A statement that only repeats what was known by `before` (the same figure
// for the same time, or the same link) is a confirmation, not a change, and is left out.
std::vector<Change> Changes(const View& view, absl::CivilDay before, absl::CivilDay after);

// ---- Amounts written with scale words -----------------------------------------------------------

// "34.7 billion" → 34700000000, "97 million" → 97000000, "1,5 milliard" → 1500000000; also
// "thousand", "k", "M", "bn", "trillion", "mille", "million(s)", "milliard(s)". Plain numbers
// pass through. Exact to the decimal digits given. InvalidArgument for anything else.
absl::StatusOr<double> ParseAmount(std::string_view text);

}  // namespace aikg

#endif  // AIKG_TIMELINE_H_
