#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "aikg/model.h"
#include "gtest/gtest.h"

namespace aikg {
namespace {

Quantity Of(double amount, std::string_view unit, Bound bound = Bound::kExact,
            std::optional<double> lower = std::nullopt, std::optional<double> upper = std::nullopt) {
  return Quantity{amount, unit, bound, lower, upper};
}

TEST(FormatAmount, UsesScaleWordsForLargeAmounts) {
  EXPECT_EQ(FormatAmount(97000000), "97 million");
  EXPECT_EQ(FormatAmount(34700000000), "34.7 billion");
  EXPECT_EQ(FormatAmount(1200000000000), "1.2 trillion");
  EXPECT_EQ(FormatAmount(1000000), "1 million");
  EXPECT_EQ(FormatAmount(1500000000), "1.5 billion");
  EXPECT_EQ(FormatAmount(250000000000), "250 billion");
  EXPECT_EQ(FormatAmount(999000000000000), "999 trillion");
}

TEST(FormatAmount, KeepsEveryDigitTheAmountHas) {
  EXPECT_EQ(FormatAmount(34712000000), "34.712 billion");
  EXPECT_EQ(FormatAmount(1234000), "1.234 million");
  EXPECT_EQ(FormatAmount(989500000000000), "989.5 trillion");
  // More than three decimals at the scale: the full number reads better.
  EXPECT_EQ(FormatAmount(1234567), "1,234,567");
  EXPECT_EQ(FormatAmount(34712345678), "34,712,345,678");
  EXPECT_EQ(FormatAmount(1000000.5), "1,000,000.5");
}

TEST(FormatAmount, GroupsThousandsBelowAMillion) {
  EXPECT_EQ(FormatAmount(12000), "12,000");
  EXPECT_EQ(FormatAmount(999999), "999,999");
  EXPECT_EQ(FormatAmount(1000), "1,000");
  EXPECT_EQ(FormatAmount(1234.5), "1,234.5");
  EXPECT_EQ(FormatAmount(999), "999");
  EXPECT_EQ(FormatAmount(2025), "2,025");
}

TEST(FormatAmount, WritesSmallAmountsPlainly) {
  EXPECT_EQ(FormatAmount(0), "0");
  EXPECT_EQ(FormatAmount(-0.0), "0");
  EXPECT_EQ(FormatAmount(0.85), "0.85");
  EXPECT_EQ(FormatAmount(26), "26");
  EXPECT_EQ(FormatAmount(3.5), "3.5");
  EXPECT_EQ(FormatAmount(0.1), "0.1");
  EXPECT_EQ(FormatAmount(0.000123), "0.000123");
  EXPECT_EQ(FormatAmount(1.0 / 3), "0.3333333333333333");
}

TEST(FormatAmount, WritesNegativeAmountsWithAMinus) {
  EXPECT_EQ(FormatAmount(-3.5), "-3.5");
  EXPECT_EQ(FormatAmount(-1200000000), "-1.2 billion");
  EXPECT_EQ(FormatAmount(-12000), "-12,000");
  EXPECT_EQ(FormatAmount(-2.5e20), "-2.5e20");
}

TEST(FormatAmount, GoesScientificBeyondTheScaleWordsAndForTinyAmounts) {
  EXPECT_EQ(FormatAmount(3.8e25), "3.8e25");
  EXPECT_EQ(FormatAmount(1e15), "1e15");
  EXPECT_EQ(FormatAmount(2.15e25), "2.15e25");
  EXPECT_EQ(FormatAmount(1.5e-6), "1.5e-6");
  EXPECT_EQ(FormatAmount(0.00001), "1e-5");
}

TEST(FormatAmount, NamesNonFiniteAmounts) {
  EXPECT_EQ(FormatAmount(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(FormatAmount(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(FormatAmount(std::nan("")), "nan");
}

TEST(FormatAmount, ReadsBackAsTheSameNumber) {
  // The shown digits, without separators and scale, are the amount exactly.
  for (double amount : {34712000000.0, 0.1 + 0.2, 123456.789, 9007199254740993.0, 6.02214076e23}) {
    std::string text = FormatAmount(amount);
    double scale = 1;
    for (auto [word, factor] : {std::pair{" million", 1e6}, std::pair{" billion", 1e9}, std::pair{" trillion", 1e12}}) {
      if (size_t at = text.find(word); at != std::string::npos) {
        text.erase(at);
        scale = factor;
      }
    }
    std::erase(text, ',');
    EXPECT_EQ(std::stod(text) * scale, amount) << FormatAmount(amount);
  }
}

TEST(UnitLabel, WritesPercentAsASign) {
  EXPECT_EQ(UnitLabel("percent"), "%");
  EXPECT_EQ(UnitLabel("USD"), "USD");
  EXPECT_EQ(UnitLabel("FLOP/s"), "FLOP/s");
  EXPECT_EQ(UnitLabel(""), "");
}

TEST(BoundSymbol, SignsEachInexactBound) {
  EXPECT_EQ(BoundSymbol(Bound::kAtLeast), "≥");
  EXPECT_EQ(BoundSymbol(Bound::kAtMost), "≤");
  EXPECT_EQ(BoundSymbol(Bound::kAbout), "≈");
  EXPECT_EQ(BoundSymbol(Bound::kExact), "");
}

TEST(FormatQuantity, ShowsBoundScaleAndUnit) {
  EXPECT_EQ(FormatQuantity(Of(97000000, "users", Bound::kAtLeast)), "≥ 97 million users");
  EXPECT_EQ(FormatQuantity(Of(34700000000, "USD")), "34.7 billion USD");
  EXPECT_EQ(FormatQuantity(Of(250000000000, "CNY", Bound::kAbout)), "≈ 250 billion CNY");
  EXPECT_EQ(FormatQuantity(Of(6, "years", Bound::kAtMost)), "≤ 6 years");
  EXPECT_EQ(FormatQuantity(Of(12000, "users")), "12,000 users");
  EXPECT_EQ(FormatQuantity(Of(3.8e25, "FLOP")), "3.8e25 FLOP");
  EXPECT_EQ(FormatQuantity(Of(34712000000, "USD")), "34.712 billion USD");
}

TEST(FormatQuantity, LabelsPercent) {
  EXPECT_EQ(FormatQuantity(Of(26, "percent")), "26 %");
  EXPECT_EQ(FormatQuantity(Of(-3.5, "percent")), "-3.5 %");
  EXPECT_EQ(FormatQuantity(Of(50, "percent", Bound::kAtLeast)), "≥ 50 %");
}

TEST(FormatQuantity, OmitsAMissingUnit) { EXPECT_EQ(FormatQuantity(Of(0.85, "")), "0.85"); }

TEST(FormatQuantity, ShowsTheRange) {
  EXPECT_EQ(FormatQuantity(Of(250000000000, "CNY", Bound::kAbout, 240000000000, 260000000000)),
            "≈ 250 billion CNY (240–260 billion)");
  EXPECT_EQ(FormatQuantity(Of(1000000000, "USD", Bound::kExact, 800000000, 1200000000)),
            "1 billion USD (800 million–1.2 billion)");
  EXPECT_EQ(FormatQuantity(Of(25, "percent", Bound::kAbout, 20, 30)), "≈ 25 % (20–30)");
  EXPECT_EQ(FormatQuantity(Of(2, "percent", Bound::kExact, -5, 10)), "2 % (-5 to 10)");
  EXPECT_EQ(FormatQuantity(Of(6, "years", Bound::kExact, 5, std::nullopt)), "6 years (at least 5)");
  EXPECT_EQ(FormatQuantity(Of(97000000, "users", Bound::kExact, std::nullopt, 100000000)),
            "97 million users (at most 100 million)");
}

}  // namespace
}  // namespace aikg
