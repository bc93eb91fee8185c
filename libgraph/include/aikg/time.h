// aikg/time.h: time values with a precision, as people write them in news.
//
// A `TimePoint` is a period at a stated precision ("2022", "2025-Q2", "early 2024",
// "2025-09-04T15:20"): it stands for every instant in that period and remembers how it was
// written, so it never claims more precision than its source. A `ValidTime` is when a
// statement holds: one time point, or an interval whose ends are time points (either end may
// be open). The text forms and the fuzzy sub-periods are documented in docs/json-format.md.
//
// Example:
//   absl::StatusOr<aikg::TimePoint> early = aikg::TimePoint::Parse("early 2024");
//   early->precision();     // Precision::kYear
//   early->part();          // PeriodPart::kEarly
//   early->first_day();     // 2024-01-01
//   early->last_day();      // 2024-04-30
//   early->ToString();      // "early 2024"
//
// Both types are small values (8 and 16 bytes), trivially copyable and thread-compatible.

#ifndef AIKG_TIME_H_
#define AIKG_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace aikg {

// How finely a time point is known, coarsest last.
enum class Precision : uint8_t {
  kUnset = 0,  // no time at all (an open interval end)
  kSecond,
  kMinute,
  kDay,
  kMonth,
  kQuarter,
  kHalfYear,
  kYear,
  kDecade,
};

// The part of a period that fuzzy forms name: "early 2024", "end of 2025".
enum class PeriodPart : uint8_t {
  kWhole = 0,
  kEarly,
  kMid,
  kLate,
  kStart,  // "start of X"
  kEnd,    // "end of X"
};

// "day", "month", "quarter", ... as used in documents and error messages.
std::string_view PrecisionName(Precision precision);

// The answer to a question about imprecise times: "2024" is neither before nor after
// "2024-03-01": it is unknown.
enum class Truth : uint8_t { kFalse, kTrue, kUnknown };
std::string_view TruthName(Truth truth);  // "false", "true", "unknown"

class TimePoint {
 public:
  // The unset time point: `is_set()` is false.
  constexpr TimePoint() = default;

  // Parses the text forms of docs/json-format.md. Errors say what was expected.
  static absl::StatusOr<TimePoint> Parse(std::string_view text);

  // Whole periods. Arguments must name a valid period (checked; a wrong one aborts).
  static TimePoint Day(int year, int month, int day);
  static TimePoint Month(int year, int month);
  static TimePoint Quarter(int year, int quarter);
  static TimePoint HalfYear(int year, int half);
  static TimePoint Year(int year);
  static TimePoint Decade(int first_year);

  // Fiscal periods: "FY2026" and "FY2026-Q1" (or -H1) are read as unresolved fiscal points, which
  // ResolveFiscal places on the calendar given the month a fiscal year starts in. A fiscal year
  // is named after the calendar year in which it ends: with April starts, FY2026 runs from
  // April 2025 to March 2026 and FY2026-Q1 is April–June 2025. Resolved points keep their
  // fiscal text.
  bool is_fiscal() const { return offset_quarter_hours_ == kFiscal; }
  // The month (1–12) fiscal years start in, or 0 while unresolved.
  int fiscal_year_start() const { return is_fiscal() ? static_cast<int>(second_of_day_) : 0; }
  // InvalidArgument unless this is a fiscal point and `start_month` is in 1–12. A point that is
  // not fiscal is returned as it is.
  absl::StatusOr<TimePoint> ResolveFiscal(int start_month) const;

  // The same period narrowed to one of its documented fuzzy parts. Only years, half-years,
  // quarters and months have parts; returns InvalidArgument otherwise.
  absl::StatusOr<TimePoint> WithPart(PeriodPart part) const;

  bool is_set() const { return precision_ != static_cast<uint8_t>(Precision::kUnset); }
  Precision precision() const { return static_cast<Precision>(precision_); }
  PeriodPart part() const { return static_cast<PeriodPart>(part_); }

  // The first and last day of the period this point stands for (after narrowing
  // to its part), inclusive. For a minute or second, the day it falls on (in its own offset).
  // Meaningless for an unresolved fiscal point.
  absl::CivilDay first_day() const;
  absl::CivilDay last_day() const;
  // The same days as numbers of days since 1970-01-01, for fast comparisons and indexes.
  int32_t first_day_number() const;
  int32_t last_day_number() const;

  // For minute and second precision: seconds since midnight, and the UTC offset in minutes
  // when the text gave one.
  int second_of_day() const { return second_of_day_; }
  std::optional<int> utc_offset_minutes() const;

  // The canonical text form; `Parse(ToString())` gives back an equal point. "" when unset.
  std::string ToString() const;

  friend bool operator==(const TimePoint& a, const TimePoint& b) {
    return a.day_ == b.day_ && a.precision_ == b.precision_ && a.part_ == b.part_ &&
           a.second_of_day_ == b.second_of_day_ && a.offset_quarter_hours_ == b.offset_quarter_hours_;
  }
  friend bool operator!=(const TimePoint& a, const TimePoint& b) { return !(a == b); }

 private:
  static absl::StatusOr<TimePoint> ParseFiscal(std::string_view text);
  std::pair<int, int> FiscalLabel() const;

  static constexpr int kNoOffset = -128;
  static constexpr int kFiscal = -127;  // marks fiscal points; second_of_day_ holds the start month

  // First day of the unqualified period, in days since 1970-01-01 (for an unresolved fiscal
  // point, the fiscal year's number).
  int32_t day_ = 0;
  uint32_t precision_ : 4 = 0;
  uint32_t part_ : 3 = 0;
  uint32_t second_of_day_ : 17 = 0;
  int32_t offset_quarter_hours_ : 8 = kNoOffset;
};

// Comparisons of time values. Before and After read each value as an instant known only to its
// precision: certain when the periods do not overlap, unknown when they do (the same period
// compared with itself is not before it). Overlaps and Contains read values as periods.
Truth Before(const TimePoint& a, const TimePoint& b);
Truth After(const TimePoint& a, const TimePoint& b);
bool Overlaps(const TimePoint& a, const TimePoint& b);
bool Contains(const TimePoint& outer, const TimePoint& inner);

// When a statement holds: a point (`from == to`), an interval, or nothing (both unset).
struct ValidTime {
  TimePoint from;
  TimePoint to;

  static ValidTime At(TimePoint point) { return {point, point}; }
  bool is_set() const { return from.is_set() || to.is_set(); }
  bool is_point() const { return from.is_set() && from == to; }
  // The text form: the point ("2025-Q2"), else "from..to" with an open end left empty
  // ("2022..", "..2025-09"); "" when unset.
  std::string ToString() const;

  // The fields every table, frame and export shows (docs/json-format.md, "Valid time"):
  // `valid_start` and `valid_end`, the first and last day the statement may hold on (unset for
  // an open end, an undated statement or an unresolved fiscal point), and `valid_precision`, the
  // precision of the coarser end (kUnset when undated).
  std::optional<absl::CivilDay> start_day() const;
  std::optional<absl::CivilDay> end_day() const;
  // The same days as numbers of days since 1970-01-01 (TimePoint::first_day_number), for
  // columns of dates that need no calendar.
  std::optional<int32_t> start_day_number() const;
  std::optional<int32_t> end_day_number() const;
  Precision precision() const;

  friend bool operator==(const ValidTime& a, const ValidTime& b) {
    return a.from == b.from && a.to == b.to;
  }
  friend bool operator!=(const ValidTime& a, const ValidTime& b) { return !(a == b); }
};

}  // namespace aikg

#endif  // AIKG_TIME_H_
