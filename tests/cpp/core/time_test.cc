#include "aikg/time.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;

absl::CivilDay D(int year, int month, int day) { return absl::CivilDay(year, month, day); }

TimePoint MustParse(std::string_view text) {
  absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
  EXPECT_TRUE(point.ok()) << text << ": " << point.status().message();
  return point.value_or(TimePoint());
}

TEST(TimePoint, ParsesEveryPrecision) {
  struct Case {
    std::string text;
    Precision precision;
    absl::CivilDay first, last;
  };
  const Case cases[] = {
      {"2020s", Precision::kDecade, D(2020, 1, 1), D(2029, 12, 31)},
      {"2024", Precision::kYear, D(2024, 1, 1), D(2024, 12, 31)},
      {"2024-H2", Precision::kHalfYear, D(2024, 7, 1), D(2024, 12, 31)},
      {"2025-Q2", Precision::kQuarter, D(2025, 4, 1), D(2025, 6, 30)},
      {"2024-02", Precision::kMonth, D(2024, 2, 1), D(2024, 2, 29)},
      {"2025-08-21", Precision::kDay, D(2025, 8, 21), D(2025, 8, 21)},
      {"2025-09-04T15:20", Precision::kMinute, D(2025, 9, 4), D(2025, 9, 4)},
      {"2025-09-04T15:20:05Z", Precision::kSecond, D(2025, 9, 4), D(2025, 9, 4)},
  };
  for (const Case& c : cases) {
    TimePoint point = MustParse(c.text);
    EXPECT_EQ(point.precision(), c.precision) << c.text;
    EXPECT_EQ(point.part(), PeriodPart::kWhole) << c.text;
    EXPECT_EQ(point.first_day(), c.first) << c.text;
    EXPECT_EQ(point.last_day(), c.last) << c.text;
    EXPECT_EQ(point.ToString(), c.text);
  }
}

TEST(TimePoint, FuzzyFormsMapToDocumentedParts) {
  struct Case {
    std::string text;
    absl::CivilDay first, last;
  };
  const Case cases[] = {
      {"early 2024", D(2024, 1, 1), D(2024, 4, 30)},     {"mid 2024", D(2024, 5, 1), D(2024, 8, 31)},
      {"late 2024", D(2024, 9, 1), D(2024, 12, 31)},     {"start of 2025", D(2025, 1, 1), D(2025, 1, 31)},
      {"end of 2025", D(2025, 12, 1), D(2025, 12, 31)},  {"early 2025-H2", D(2025, 7, 1), D(2025, 8, 31)},
      {"late 2025-Q3", D(2025, 9, 1), D(2025, 9, 30)},   {"mid 2025-Q1", D(2025, 2, 1), D(2025, 2, 28)},
      {"end of 2025-H1", D(2025, 6, 1), D(2025, 6, 30)}, {"early 2024-02", D(2024, 2, 1), D(2024, 2, 10)},
      {"mid 2024-02", D(2024, 2, 11), D(2024, 2, 20)},   {"late 2024-02", D(2024, 2, 21), D(2024, 2, 29)},
      {"start of 2024-02", D(2024, 2, 1), D(2024, 2, 7)}, {"end of 2024-02", D(2024, 2, 23), D(2024, 2, 29)},
  };
  for (const Case& c : cases) {
    TimePoint point = MustParse(c.text);
    EXPECT_EQ(point.first_day(), c.first) << c.text;
    EXPECT_EQ(point.last_day(), c.last) << c.text;
    EXPECT_EQ(point.ToString(), c.text);
  }
}

TEST(TimePoint, EarlyKeepsItsYearPrecision) {
  TimePoint early = MustParse("early 2024");
  EXPECT_EQ(early.precision(), Precision::kYear);
  EXPECT_EQ(early.part(), PeriodPart::kEarly);
  EXPECT_NE(early, TimePoint::Year(2024));
  EXPECT_EQ(*TimePoint::Year(2024).WithPart(PeriodPart::kEarly), early);
}

TEST(TimePoint, KeepsUtcOffsets) {
  TimePoint point = MustParse("2025-08-21T06:33+08:00");
  EXPECT_EQ(point.utc_offset_minutes(), 480);
  EXPECT_EQ(point.second_of_day(), 6 * 3600 + 33 * 60);
  EXPECT_EQ(point.ToString(), "2025-08-21T06:33+08:00");
  EXPECT_EQ(MustParse("2025-08-21T06:33-05:30").utc_offset_minutes(), -330);
  EXPECT_FALSE(MustParse("2025-08-21T06:33").utc_offset_minutes().has_value());
}

TEST(TimePoint, RejectsMalformedText) {
  for (std::string_view text :
       {"", "24", "2024-13", "2025-02-29", "2024-Q5", "2024-H3", "2021s", "2024-1", "2024-01-01T25:00",
        "2024-01-01T10:00+08", "early", "early 2024-01-05", "end of 2020s", "Early 2024", "2024 ", "0000",
        "2024-01-01T10:00:00+08:07"}) {
    absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
    EXPECT_FALSE(point.ok()) << "'" << text << "' parsed";
    EXPECT_EQ(point.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
  EXPECT_THAT(std::string(TimePoint::Parse("early 2024-01-05").status().message()),
              HasSubstr("only a year, half-year, quarter or month"));
  EXPECT_THAT(std::string(TimePoint::Parse("2024/01").status().message()), HasSubstr("expected YYYY"));
}

TEST(TimePoint, UnsetIsEmpty) {
  TimePoint unset;
  EXPECT_FALSE(unset.is_set());
  EXPECT_EQ(unset.ToString(), "");
  EXPECT_EQ(sizeof(TimePoint), 8u);
}

TEST(TimePoint, FiscalYearsBeforeTheYear1000RoundTrip) {
  for (const char* text : {"FY0002", "FY0002-Q3", "FY0999-H1", "FY2026"}) {
    EXPECT_EQ(MustParse(text).ToString(), text);
    EXPECT_TRUE(TimePoint::Parse(MustParse(text).ToString()).ok()) << text;
  }
}

TEST(TimePoint, FiscalPeriodsResolveThroughTheYearStart) {
  TimePoint quarter = MustParse("FY2026-Q1");
  EXPECT_TRUE(quarter.is_fiscal());
  EXPECT_EQ(quarter.fiscal_year_start(), 0);
  EXPECT_EQ(quarter.ToString(), "FY2026-Q1");
  // With April starts (Alibaba's), FY2026 runs April 2025 – March 2026.
  absl::StatusOr<TimePoint> april = quarter.ResolveFiscal(4);
  ASSERT_TRUE(april.ok());
  EXPECT_EQ(april->fiscal_year_start(), 4);
  EXPECT_EQ(april->precision(), Precision::kQuarter);
  EXPECT_EQ(april->first_day(), D(2025, 4, 1));
  EXPECT_EQ(april->last_day(), D(2025, 6, 30));
  EXPECT_EQ(april->ToString(), "FY2026-Q1");
  absl::StatusOr<TimePoint> year = MustParse("FY2026").ResolveFiscal(4);
  EXPECT_EQ(year->first_day(), D(2025, 4, 1));
  EXPECT_EQ(year->last_day(), D(2026, 3, 31));
  EXPECT_EQ(MustParse("FY2026-Q4").ResolveFiscal(4)->first_day(), D(2026, 1, 1));
  EXPECT_EQ(MustParse("FY2025-H2").ResolveFiscal(7)->first_day(), D(2025, 1, 1));
  // January starts: the fiscal year is the calendar year.
  EXPECT_EQ(MustParse("FY2024-Q3").ResolveFiscal(1)->first_day(), D(2024, 7, 1));
  EXPECT_EQ(MustParse("FY2024-Q3").ResolveFiscal(0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(TimePoint::Parse("FY24").ok());
  EXPECT_FALSE(TimePoint::Parse("FY2024-Q5").ok());
  EXPECT_FALSE(TimePoint::Parse("early FY2024").ok());
  // Resolving again keeps the label.
  EXPECT_EQ(april->ResolveFiscal(4)->first_day(), D(2025, 4, 1));
}

TEST(TimeComparison, BeforeAndAfterRespectPrecision) {
  EXPECT_EQ(Before(MustParse("2023"), MustParse("2024-03-01")), Truth::kTrue);
  EXPECT_EQ(Before(MustParse("2024"), MustParse("2024-03-01")), Truth::kUnknown);
  EXPECT_EQ(After(MustParse("2024-03-01"), MustParse("2024")), Truth::kUnknown);
  EXPECT_EQ(Before(MustParse("2024-03-01"), MustParse("2024-03-01")), Truth::kFalse);
  EXPECT_EQ(Before(MustParse("early 2024"), MustParse("late 2024")), Truth::kTrue);
  EXPECT_EQ(After(MustParse("2025"), MustParse("2024-Q4")), Truth::kTrue);
  EXPECT_EQ(TruthName(Truth::kUnknown), "unknown");
}

TEST(TimeComparison, OverlapsAndContainsReadPeriods) {
  EXPECT_TRUE(Overlaps(MustParse("2024"), MustParse("2024-03-01")));
  EXPECT_TRUE(Contains(MustParse("2024"), MustParse("early 2024")));
  EXPECT_FALSE(Contains(MustParse("early 2024"), MustParse("2024")));
  EXPECT_FALSE(Overlaps(MustParse("early 2024"), MustParse("2024-05")));
  EXPECT_TRUE(Contains(MustParse("2020s"), MustParse("2025-Q3")));
}

TEST(ValidTime, PointAndInterval) {
  ValidTime point = ValidTime::At(TimePoint::Year(2022));
  EXPECT_TRUE(point.is_point());
  ValidTime open{TimePoint::Year(2022), TimePoint()};
  EXPECT_TRUE(open.is_set());
  EXPECT_FALSE(open.is_point());
  EXPECT_FALSE(ValidTime().is_set());
}

TEST(ValidTime, TextIsThePointOrTheInterval) {
  EXPECT_EQ(ValidTime().ToString(), "");
  EXPECT_EQ(ValidTime::At(MustParse("2025-Q2")).ToString(), "2025-Q2");
  EXPECT_EQ((ValidTime{MustParse("2022"), MustParse("early 2025")}).ToString(), "2022..early 2025");
  EXPECT_EQ((ValidTime{MustParse("2022"), TimePoint()}).ToString(), "2022..");
  EXPECT_EQ((ValidTime{TimePoint(), MustParse("2025-09")}).ToString(), "..2025-09");
}

TEST(ValidTime, DayNumbersAreTheDaysSinceTheEpoch) {
  ValidTime interval{MustParse("2022"), MustParse("early 2025")};
  EXPECT_EQ(interval.start_day_number(), absl::CivilDay(2022, 1, 1) - absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(interval.end_day_number(), absl::CivilDay(2025, 4, 30) - absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(*interval.end_day(), absl::CivilDay(2025, 4, 30));
  EXPECT_EQ(ValidTime::At(MustParse("1969-12-31")).start_day_number(), -1);
  ValidTime open{TimePoint(), MustParse("2025-09")};
  EXPECT_EQ(open.start_day_number(), std::nullopt);
  EXPECT_EQ(ValidTime::At(MustParse("FY2026")).end_day_number(), std::nullopt);  // unresolved fiscal: no days
}

}  // namespace
}  // namespace aikg
