#include "aikg/time.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "internal/cat.h"
#include "internal/check.h"

namespace aikg {

using internal::Cat;

namespace {


struct PartName {
  PeriodPart part;
  std::string_view prefix;  // as written before the period, with its trailing space
};
constexpr PartName kPartNames[] = {
    {PeriodPart::kEarly, "early "}, {PeriodPart::kMid, "mid "},       {PeriodPart::kLate, "late "},
    {PeriodPart::kStart, "start of "}, {PeriodPart::kEnd, "end of "},
};

// Day numbers (days since 1970-01-01) and civil dates, by Howard Hinnant's algorithms: plain
// integer arithmetic, much cheaper than normalising an absl::CivilDay.
struct CivilDate {
  int64_t year;
  int month;
  int day;
};

int32_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<int32_t>(era * 146097 + day_of_era - 719468);
}

CivilDate CivilFromDays(int32_t number) {
  int64_t z = static_cast<int64_t>(number) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;
  int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2), month, day};
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

absl::CivilDay ToCivilDay(int32_t number) {
  CivilDate date = CivilFromDays(number);
  return absl::CivilDay(date.year, date.month, date.day);
}

// Months covered by a period of this precision; 0 for day and finer.
int PeriodMonths(Precision precision) {
  switch (precision) {
    case Precision::kDecade: return 120;
    case Precision::kYear: return 12;
    case Precision::kHalfYear: return 6;
    case Precision::kQuarter: return 3;
    case Precision::kMonth: return 1;
    default: return 0;
  }
}

// Reads exactly `width` decimal digits at `pos`, advancing it.
bool ReadDigits(std::string_view text, size_t& pos, int width, int& value) {
  if (pos + width > text.size()) return false;
  value = 0;
  for (int i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return true;
}

bool Consume(std::string_view text, size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

absl::Status Malformed(std::string_view text) {
  return absl::InvalidArgumentError(internal::Cat(
      "malformed time '", text,
      "': expected YYYY, YYYYs, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], "
      "optionally after 'early ', 'mid ', 'late ', 'start of ' or 'end of ', or FYYYYY[-Qn|-Hn]"));
}

}  // namespace

std::string_view PrecisionName(Precision precision) {
  switch (precision) {
    case Precision::kUnset: return "unset";
    case Precision::kSecond: return "second";
    case Precision::kMinute: return "minute";
    case Precision::kDay: return "day";
    case Precision::kMonth: return "month";
    case Precision::kQuarter: return "quarter";
    case Precision::kHalfYear: return "half-year";
    case Precision::kYear: return "year";
    case Precision::kDecade: return "decade";
  }
  return "unknown";
}

TimePoint TimePoint::Day(int year, int month, int day) {
  AIKG_CHECK(year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month));
  TimePoint point;
  point.day_ = DaysFromCivil(year, month, day);
  point.precision_ = static_cast<uint8_t>(Precision::kDay);
  return point;
}

TimePoint TimePoint::Month(int year, int month) {
  TimePoint point = Day(year, month, 1);
  point.precision_ = static_cast<uint8_t>(Precision::kMonth);
  return point;
}

TimePoint TimePoint::Quarter(int year, int quarter) {
  AIKG_CHECK(quarter >= 1 && quarter <= 4);
  TimePoint point = Day(year, 3 * quarter - 2, 1);
  point.precision_ = static_cast<uint8_t>(Precision::kQuarter);
  return point;
}

TimePoint TimePoint::HalfYear(int year, int half) {
  AIKG_CHECK(half == 1 || half == 2);
  TimePoint point = Day(year, 6 * half - 5, 1);
  point.precision_ = static_cast<uint8_t>(Precision::kHalfYear);
  return point;
}

TimePoint TimePoint::Year(int year) {
  TimePoint point = Day(year, 1, 1);
  point.precision_ = static_cast<uint8_t>(Precision::kYear);
  return point;
}

TimePoint TimePoint::Decade(int first_year) {
  AIKG_CHECK(first_year % 10 == 0 && first_year >= 10);
  TimePoint point = Day(first_year, 1, 1);
  point.precision_ = static_cast<uint8_t>(Precision::kDecade);
  return point;
}

absl::StatusOr<TimePoint> TimePoint::WithPart(PeriodPart part) const {
  Precision p = precision();
  if (part != PeriodPart::kWhole && is_fiscal()) {
    return absl::InvalidArgumentError("fiscal periods have no early, mid, late, start or end parts");
  }
  if (part != PeriodPart::kWhole && (p < Precision::kMonth || p > Precision::kYear)) {
    return absl::InvalidArgumentError(internal::Cat(
        "only a year, half-year, quarter or month can be early, mid, late, start of or end of, not a ",
        PrecisionName(p)));
  }
  TimePoint narrowed = *this;
  narrowed.part_ = static_cast<uint8_t>(part);
  return narrowed;
}

std::string_view TruthName(Truth truth) {
  switch (truth) {
    case Truth::kFalse: return "false";
    case Truth::kTrue: return "true";
    case Truth::kUnknown: return "unknown";
  }
  return "unknown";
}

Truth Before(const TimePoint& a, const TimePoint& b) {
  if (a.last_day() < b.first_day()) return Truth::kTrue;
  if (a.first_day() >= b.last_day()) return Truth::kFalse;
  return Truth::kUnknown;
}

Truth After(const TimePoint& a, const TimePoint& b) { return Before(b, a); }

bool Overlaps(const TimePoint& a, const TimePoint& b) {
  return a.first_day() <= b.last_day() && b.first_day() <= a.last_day();
}

bool Contains(const TimePoint& outer, const TimePoint& inner) {
  return outer.first_day() <= inner.first_day() && inner.last_day() <= outer.last_day();
}

// A fiscal point is (year label, index): index 0 for a whole year, else the half or quarter
// number. Unresolved points store it in day_; resolved ones derive it from their calendar start.
std::pair<int, int> TimePoint::FiscalLabel() const {
  if (second_of_day_ == 0) return {day_ / 16, day_ % 16};
  absl::CivilMonth start(ToCivilDay(day_));
  absl::CivilMonth year_start(start.year(), static_cast<int>(second_of_day_));
  if (year_start > start) year_start -= 12;
  int months_in = static_cast<int>(start - year_start);
  int length = PeriodMonths(precision());
  int index = precision() == Precision::kYear ? 0 : months_in / length + 1;
  return {static_cast<int>((year_start + 11).year()), index};
}

absl::StatusOr<TimePoint> TimePoint::ResolveFiscal(int start_month) const {
  if (!is_fiscal()) return *this;
  if (start_month < 1 || start_month > 12) {
    return absl::InvalidArgumentError(Cat("a fiscal year starts in a month from 1 to 12, not ", start_month));
  }
  auto [label, index] = FiscalLabel();
  // FY`label` ends in calendar year `label`, with the month before `start_month`.
  absl::CivilMonth last_month =
      start_month == 1 ? absl::CivilMonth(label, 12) : absl::CivilMonth(label, start_month) - 1;
  absl::CivilMonth first_month = last_month - 11;
  if (index > 0) first_month += (index - 1) * PeriodMonths(precision());
  TimePoint resolved = *this;
  resolved.day_ = DaysFromCivil(first_month.year(), first_month.month(), 1);
  resolved.second_of_day_ = static_cast<uint32_t>(start_month);
  return resolved;
}

absl::StatusOr<TimePoint> TimePoint::ParseFiscal(std::string_view text) {
  size_t pos = 2;
  int label = 0, index = 0;
  TimePoint point;
  point.precision_ = static_cast<uint8_t>(Precision::kYear);
  if (!ReadDigits(text, pos, 4, label) || label < 2) return Malformed(text);
  if (Consume(text, pos, '-')) {
    bool quarter = Consume(text, pos, 'Q');
    if (!quarter && !Consume(text, pos, 'H')) return Malformed(text);
    if (!ReadDigits(text, pos, 1, index) || index < 1 || index > (quarter ? 4 : 2)) return Malformed(text);
    point.precision_ = static_cast<uint8_t>(quarter ? Precision::kQuarter : Precision::kHalfYear);
  }
  if (pos != text.size()) return Malformed(text);
  point.day_ = label * 16 + index;
  point.offset_quarter_hours_ = kFiscal;
  return point;
}

absl::StatusOr<TimePoint> TimePoint::Parse(std::string_view text) {
  PeriodPart part = PeriodPart::kWhole;
  std::string_view base = text;
  // Most times begin with their year's digits: only a letter begins "FY" or a part's name (a
  // load parses a few of them per statement, and each compare below was a call to memcmp).
  if (!text.empty() && !(text[0] >= '0' && text[0] <= '9')) {
    if (text.substr(0, 2) == "FY") return ParseFiscal(text);
    for (const PartName& name : kPartNames) {
      if (base.substr(0, name.prefix.size()) == name.prefix) {
        part = name.part;
        base.remove_prefix(name.prefix.size());
        break;
      }
    }
  }

  size_t pos = 0;
  int year = 0;
  if (!ReadDigits(base, pos, 4, year) || year < 1) return Malformed(text);
  TimePoint point;
  if (pos == base.size()) {
    point = Year(year);
  } else if (base.substr(pos) == "s") {
    if (year % 10 != 0 || year < 10) return Malformed(text);
    point = Decade(year);
  } else {
    if (!Consume(base, pos, '-')) return Malformed(text);
    int n = 0;
    if (Consume(base, pos, 'H')) {
      if (!ReadDigits(base, pos, 1, n) || n < 1 || n > 2 || pos != base.size()) return Malformed(text);
      point = HalfYear(year, n);
    } else if (Consume(base, pos, 'Q')) {
      if (!ReadDigits(base, pos, 1, n) || n < 1 || n > 4 || pos != base.size()) return Malformed(text);
      point = Quarter(year, n);
    } else {
      int month = 0;
      if (!ReadDigits(base, pos, 2, month) || month < 1 || month > 12) return Malformed(text);
      if (pos == base.size()) {
        point = Month(year, month);
      } else {
        int day = 0;
        if (!Consume(base, pos, '-') || !ReadDigits(base, pos, 2, day) || day < 1 ||
            day > DaysInMonth(year, month)) {
          return Malformed(text);
        }
        point = Day(year, month, day);
        if (pos < base.size()) {
          int hour = 0, minute = 0, second = 0;
          if (!Consume(base, pos, 'T') || !ReadDigits(base, pos, 2, hour) || hour > 23 ||
              !Consume(base, pos, ':') || !ReadDigits(base, pos, 2, minute) || minute > 59) {
            return Malformed(text);
          }
          point.precision_ = static_cast<uint8_t>(Precision::kMinute);
          if (Consume(base, pos, ':')) {
            if (!ReadDigits(base, pos, 2, second) || second > 59) return Malformed(text);
            point.precision_ = static_cast<uint8_t>(Precision::kSecond);
          }
          point.second_of_day_ = hour * 3600 + minute * 60 + second;
          if (Consume(base, pos, 'Z')) {
            point.offset_quarter_hours_ = 0;
          } else if (pos < base.size() && (base[pos] == '+' || base[pos] == '-')) {
            int sign = base[pos++] == '-' ? -1 : 1;
            int off_hours = 0, off_minutes = 0;
            if (!ReadDigits(base, pos, 2, off_hours) || !Consume(base, pos, ':') ||
                !ReadDigits(base, pos, 2, off_minutes) || off_minutes % 15 != 0 || off_hours > 14) {
              return Malformed(text);
            }
            point.offset_quarter_hours_ = sign * (off_hours * 4 + off_minutes / 15);
          }
          if (pos != base.size()) return Malformed(text);
        }
      }
    }
  }
  if (part == PeriodPart::kWhole) return point;
  absl::StatusOr<TimePoint> narrowed = point.WithPart(part);
  if (!narrowed.ok()) {
    return absl::InvalidArgumentError(internal::Cat("time '", text, "': ", narrowed.status().message()));
  }
  return narrowed;
}

namespace {

// The first day of the month `month_index` (= year × 12 + month − 1), as a day number.
int32_t MonthStart(int64_t month_index) {
  int64_t year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  return DaysFromCivil(year, static_cast<int>(month_index - year * 12) + 1, 1);
}

int64_t MonthIndexOf(int32_t day_number) {
  CivilDate date = CivilFromDays(day_number);
  return date.year * 12 + date.month - 1;
}

}  // namespace

int32_t TimePoint::first_day_number() const {
  int months = PeriodMonths(precision());
  if (months == 0) return day_;
  switch (part()) {
    case PeriodPart::kWhole:
    case PeriodPart::kEarly:
    case PeriodPart::kStart:
      return day_;
    case PeriodPart::kMid:
    case PeriodPart::kLate: {
      int third = part() == PeriodPart::kMid ? 1 : 2;
      if (months == 1) return day_ + 10 * third;
      return MonthStart(MonthIndexOf(day_) + months * third / 3);
    }
    case PeriodPart::kEnd:
      if (months == 1) return last_day_number() - 6;
      return MonthStart(MonthIndexOf(day_) + months - 1);
  }
  return day_;
}

int32_t TimePoint::last_day_number() const {
  int months = PeriodMonths(precision());
  if (months == 0) return day_;
  int64_t first_month = MonthIndexOf(day_);
  switch (part()) {
    case PeriodPart::kWhole:
    case PeriodPart::kLate:
    case PeriodPart::kEnd:
      return MonthStart(first_month + months) - 1;
    case PeriodPart::kEarly:
    case PeriodPart::kMid: {
      int third = part() == PeriodPart::kEarly ? 1 : 2;
      if (months == 1) return day_ + (10 * third - 1);
      return MonthStart(first_month + months * third / 3) - 1;
    }
    case PeriodPart::kStart:
      if (months == 1) return day_ + 6;
      return MonthStart(first_month + 1) - 1;
  }
  return day_;
}

absl::CivilDay TimePoint::first_day() const { return ToCivilDay(first_day_number()); }
absl::CivilDay TimePoint::last_day() const { return ToCivilDay(last_day_number()); }

std::optional<int> TimePoint::utc_offset_minutes() const {
  if (offset_quarter_hours_ == kNoOffset) return std::nullopt;
  return offset_quarter_hours_ * 15;
}

std::string TimePoint::ToString() const {
  if (!is_set()) return "";
  if (is_fiscal()) {
    auto [label, index] = FiscalLabel();
    // Four digits, as Parse requires them: "FY0002", not "FY2".
    char year[16];
    std::snprintf(year, sizeof year, "FY%04d", label);
    if (index == 0) return year;
    return Cat(year, precision() == Precision::kQuarter ? "-Q" : "-H", index);
  }
  absl::CivilDay start = ToCivilDay(day_);
  int year = static_cast<int>(start.year());
  char buffer[64];
  switch (precision()) {
    case Precision::kDecade:
      std::snprintf(buffer, sizeof buffer, "%04ds", year);
      break;
    case Precision::kYear:
      std::snprintf(buffer, sizeof buffer, "%04d", year);
      break;
    case Precision::kHalfYear:
      std::snprintf(buffer, sizeof buffer, "%04d-H%d", year, (start.month() + 5) / 6);
      break;
    case Precision::kQuarter:
      std::snprintf(buffer, sizeof buffer, "%04d-Q%d", year, (start.month() + 2) / 3);
      break;
    case Precision::kMonth:
      std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, start.month());
      break;
    case Precision::kDay:
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, start.month(), start.day());
      break;
    case Precision::kMinute:
    case Precision::kSecond: {
      int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", year, start.month(), start.day(),
                            second_of_day_ / 3600, second_of_day_ / 60 % 60);
      if (precision() == Precision::kSecond) {
        n += std::snprintf(buffer + n, sizeof buffer - n, ":%02d", second_of_day_ % 60);
      }
      if (offset_quarter_hours_ == 0) {
        std::snprintf(buffer + n, sizeof buffer - n, "Z");
      } else if (offset_quarter_hours_ != kNoOffset) {
        int minutes = offset_quarter_hours_ * 15;
        char sign = minutes < 0 ? '-' : '+';
        if (minutes < 0) minutes = -minutes;
        std::snprintf(buffer + n, sizeof buffer - n, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
      }
      break;
    }
    case Precision::kUnset:
      return "";
  }
  for (const PartName& name : kPartNames) {
    if (name.part == part()) return internal::Cat(name.prefix, buffer);
  }
  return buffer;
}

namespace {

// An unresolved fiscal point ("FY2026" before the fiscal year's start month is known) has no days.
bool HasDays(const TimePoint& point) { return point.is_set() && !(point.is_fiscal() && point.fiscal_year_start() == 0); }

}  // namespace

std::optional<absl::CivilDay> ValidTime::start_day() const {
  if (!HasDays(from)) return std::nullopt;
  return from.first_day();
}

std::optional<absl::CivilDay> ValidTime::end_day() const {
  if (!HasDays(to)) return std::nullopt;
  return to.last_day();
}

std::optional<int32_t> ValidTime::start_day_number() const {
  if (!HasDays(from)) return std::nullopt;
  return from.first_day_number();
}

std::optional<int32_t> ValidTime::end_day_number() const {
  if (!HasDays(to)) return std::nullopt;
  return to.last_day_number();
}

Precision ValidTime::precision() const {
  // Precision values grow coarser; an unset end is kUnset (0), so the max is the coarser set end.
  return std::max(from.precision(), to.precision());
}

std::string ValidTime::ToString() const {
  if (!is_set()) return "";
  if (is_point()) return from.ToString();
  return from.ToString() + ".." + to.ToString();
}

}  // namespace aikg
