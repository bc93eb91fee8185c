// Quantities as people read them: FormatQuantity, FormatAmount and UnitLabel of aikg/model.h.
//
// The digits come from std::to_chars, the shortest decimal that reads back as the same double,
// and are only moved around the decimal point: a shown amount is never rounded.

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>

#include "aikg/model.h"

namespace aikg {
namespace {

struct Scale {
  int exponent;
  std::string_view word;
};
// Largest first. No "thousand": 12,000 reads as well with a separator.
constexpr Scale kScales[] = {{12, "trillion"}, {9, "billion"}, {6, "million"}};
// A scaled form with more decimals than this reads worse than the full number:
// "34.712 billion", but "1,234,567" rather than "1.234567 million".
constexpr int kMaxScaledDecimals = 3;
// Powers of ten beyond the scale words, and tiny amounts, are written in scientific form.
constexpr int kScientificFrom = 15;
constexpr int kScientificBelow = -4;

// The shortest significant digits of a finite `magnitude` > 0 and the power of ten of the first:
// 34712000000 → {"34712", 10}, 0.85 → {"85", -1}.
struct Digits {
  std::string digits;
  int exponent = 0;
};

Digits ShortestDigits(double magnitude) {
  char buffer[64];
  std::to_chars_result written =
      std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(written.ptr - buffer));  // "3.4712e+10"
  size_t e = text.find('e');
  Digits result;
  for (char c : text.substr(0, e)) {
    if (c != '.') result.digits.push_back(c);
  }
  const char* exponent = text.data() + e + 1;
  if (*exponent == '+') ++exponent;  // from_chars reads '-' but not '+'
  std::from_chars(exponent, text.data() + text.size(), result.exponent);
  return result;
}

// `digits` with the decimal point after the first `integer_digits` of them (zeros fill in on
// either side), the integer part grouped by thousands if asked: ("12", 5, true) → "12,000".
std::string PlaceDecimalPoint(const std::string& digits, int integer_digits, bool group_thousands) {
  std::string integer, fraction;
  if (integer_digits <= 0) {
    integer = "0";
    fraction = std::string(static_cast<size_t>(-integer_digits), '0') + digits;
  } else if (static_cast<size_t>(integer_digits) >= digits.size()) {
    integer = digits + std::string(static_cast<size_t>(integer_digits) - digits.size(), '0');
  } else {
    integer = digits.substr(0, static_cast<size_t>(integer_digits));
    fraction = digits.substr(static_cast<size_t>(integer_digits));
  }
  if (group_thousands) {
    for (size_t at = integer.size(); at > 3; at -= 3) integer.insert(at - 3, ",");
  }
  return fraction.empty() ? integer : integer + "." + fraction;
}

// An amount as a number and the scale word that follows it (empty when there is none).
struct ScaledAmount {
  std::string number;
  std::string_view scale;
};

ScaledAmount Scaled(double amount) {
  if (std::isnan(amount)) return {"nan", {}};
  std::string sign = amount < 0 ? "-" : "";
  double magnitude = std::fabs(amount);
  if (std::isinf(magnitude)) return {sign + "inf", {}};
  if (magnitude == 0) return {"0", {}};
  Digits digits = ShortestDigits(magnitude);
  if (digits.exponent >= kScientificFrom || digits.exponent < kScientificBelow) {
    std::string mantissa = digits.digits.substr(0, 1);
    if (digits.digits.size() > 1) mantissa += "." + digits.digits.substr(1);
    return {sign + mantissa + "e" + std::to_string(digits.exponent), {}};
  }
  for (const Scale& scale : kScales) {
    if (digits.exponent < scale.exponent) continue;
    int integer_digits = digits.exponent - scale.exponent + 1;
    int decimals = static_cast<int>(digits.digits.size()) - integer_digits;
    if (decimals <= kMaxScaledDecimals) {
      return {sign + PlaceDecimalPoint(digits.digits, integer_digits, false), scale.word};
    }
    break;
  }
  return {sign + PlaceDecimalPoint(digits.digits, digits.exponent + 1, true), {}};
}

std::string Joined(const ScaledAmount& amount) {
  return amount.scale.empty() ? amount.number : amount.number + " " + std::string(amount.scale);
}

// "240–260 billion", "800 million–1.2 billion", "-5 to 10", "at least 5", or "" without a range.
std::string RangeText(const Quantity& quantity) {
  if (quantity.lower && quantity.upper) {
    ScaledAmount lower = Scaled(*quantity.lower), upper = Scaled(*quantity.upper);
    // A dash after a minus sign would read as another minus.
    std::string_view separator = *quantity.lower < 0 || *quantity.upper < 0 ? " to " : "–";
    std::string first = lower.scale == upper.scale ? lower.number : Joined(lower);
    return first + std::string(separator) + Joined(upper);
  }
  if (quantity.lower) return "at least " + FormatAmount(*quantity.lower);
  if (quantity.upper) return "at most " + FormatAmount(*quantity.upper);
  return "";
}

}  // namespace

std::string FormatAmount(double amount) { return Joined(Scaled(amount)); }

std::string_view UnitLabel(std::string_view unit) { return unit == "percent" ? "%" : unit; }

std::string FormatQuantity(const Quantity& quantity) {
  std::string text;
  if (quantity.bound != Bound::kExact) text = std::string(BoundSymbol(quantity.bound)) + " ";
  text += FormatAmount(quantity.amount);
  std::string_view label = UnitLabel(quantity.unit);
  if (!label.empty()) text += " " + std::string(label);
  std::string range = RangeText(quantity);
  if (!range.empty()) text += " (" + range + ")";
  return text;
}

}  // namespace aikg
