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
  char digits[24];  // a double has at most 17 significant digits
  size_t count = 0;
  int exponent = 0;

  std::string_view view() const { return {digits, count}; }
};

Digits ShortestDigits(double magnitude) {
  char buffer[64];
  std::to_chars_result written =
      std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(written.ptr - buffer));  // "3.4712e+10"
  size_t e = text.find('e');
  Digits result;
  for (char c : text.substr(0, e)) {
    if (c != '.') result.digits[result.count++] = c;
  }
  const char* exponent = text.data() + e + 1;
  if (*exponent == '+') ++exponent;  // from_chars reads '-' but not '+'
  std::from_chars(exponent, text.data() + text.size(), result.exponent);
  return result;
}

// Appends `digits` with the decimal point after the first `integer_digits` of them (zeros fill
// in on either side), the integer part grouped by thousands if asked: ("12", 5, true) → "12,000".
void AppendWithDecimalPoint(std::string& out, std::string_view digits, int integer_digits, bool group_thousands) {
  if (integer_digits <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-integer_digits), '0');
    out += digits;
    return;
  }
  auto integer_size = static_cast<size_t>(integer_digits);
  for (size_t i = 0; i < integer_size; ++i) {
    if (group_thousands && i > 0 && (integer_size - i) % 3 == 0) out += ',';
    out += i < digits.size() ? digits[i] : '0';
  }
  if (integer_size < digits.size()) {
    out += '.';
    out += digits.substr(integer_size);
  }
}

// Appends an amount as a number; returns the scale word that follows it (empty when there is
// none). Each is written straight into `out`: quantities are formatted a text per statement when
// a frame or an export is made.
std::string_view AppendScaled(std::string& out, double amount) {
  if (std::isnan(amount)) {
    out += "nan";
    return {};
  }
  double magnitude = std::fabs(amount);
  if (magnitude == 0) {
    out += '0';
    return {};
  }
  if (amount < 0) out += '-';
  if (std::isinf(magnitude)) {
    out += "inf";
    return {};
  }
  Digits digits = ShortestDigits(magnitude);
  if (digits.exponent >= kScientificFrom || digits.exponent < kScientificBelow) {
    out += digits.digits[0];
    if (digits.count > 1) {
      out += '.';
      out += digits.view().substr(1);
    }
    out += 'e';
    char exponent[16];
    out.append(exponent, std::to_chars(exponent, exponent + sizeof exponent, digits.exponent).ptr);
    return {};
  }
  for (const Scale& scale : kScales) {
    if (digits.exponent < scale.exponent) continue;
    int integer_digits = digits.exponent - scale.exponent + 1;
    int decimals = static_cast<int>(digits.count) - integer_digits;
    if (decimals <= kMaxScaledDecimals) {
      AppendWithDecimalPoint(out, digits.view(), integer_digits, false);
      return scale.word;
    }
    break;
  }
  AppendWithDecimalPoint(out, digits.view(), digits.exponent + 1, true);
  return {};
}

// Appends the amount and its scale word: "34.7 billion".
void AppendAmount(std::string& out, double amount) {
  std::string_view scale = AppendScaled(out, amount);
  if (!scale.empty()) {
    out += ' ';
    out += scale;
  }
}

// Appends "240–260 billion", "800 million–1.2 billion", "-5 to 10", "at least 5", or nothing
// without a range.
void AppendRange(std::string& out, const Quantity& quantity) {
  if (quantity.lower && quantity.upper) {
    std::string_view lower_scale = AppendScaled(out, *quantity.lower);
    size_t lower_end = out.size();
    // A dash after a minus sign would read as another minus.
    out += *quantity.lower < 0 || *quantity.upper < 0 ? " to " : "–";
    std::string_view upper_scale = AppendScaled(out, *quantity.upper);
    // The lower end's scale word is left out when the upper end has the same one.
    if (!lower_scale.empty() && lower_scale != upper_scale) out.insert(lower_end, " " + std::string(lower_scale));
    if (!upper_scale.empty()) {
      out += ' ';
      out += upper_scale;
    }
  } else if (quantity.lower) {
    out += "at least ";
    AppendAmount(out, *quantity.lower);
  } else if (quantity.upper) {
    out += "at most ";
    AppendAmount(out, *quantity.upper);
  }
}

}  // namespace

std::string FormatAmount(double amount) {
  std::string text;
  AppendAmount(text, amount);
  return text;
}

std::string_view UnitLabel(std::string_view unit) { return unit == "percent" ? "%" : unit; }

std::string FormatQuantity(const Quantity& quantity) {
  std::string text;
  text.reserve(32);
  if (quantity.bound != Bound::kExact) {
    text += BoundSymbol(quantity.bound);
    text += ' ';
  }
  AppendAmount(text, quantity.amount);
  std::string_view label = UnitLabel(quantity.unit);
  if (!label.empty()) {
    text += ' ';
    text += label;
  }
  if (quantity.lower || quantity.upper) {
    text += " (";
    AppendRange(text, quantity);
    text += ')';
  }
  return text;
}

}  // namespace aikg
