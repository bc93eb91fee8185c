#include <cmath>
#include <cstdio>
#include <string>

#include "absl/strings/str_join.h"
#include "internal/cat.h"
#include "query/value_ops.h"

namespace aikg::query {
namespace internal {
namespace {

// Kinds in the order they sort, null last.
int KindRank(const Value& value) {
  switch (value.data.index()) {
    case 1: return 0;           // bool
    case 2: case 3: return 1;   // numbers
    case 4: return 2;           // string
    case 5: return 3;           // time
    case 6: return 4;           // entity
    case 7: return 5;           // statement
    case 8: return 6;           // value of a statement
    case 9: return 7;           // list
    default: return 8;          // null
  }
}

template <typename T>
int Three(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

std::optional<double> AsNumber(const Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value.data)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value.data)) return *d;
  return std::nullopt;
}

std::optional<TimePoint> AsTime(const Value& value) {
  if (const auto* time = std::get_if<TimePoint>(&value.data)) return *time;
  if (const auto* text = std::get_if<std::string>(&value.data)) {
    absl::StatusOr<TimePoint> parsed = TimePoint::Parse(*text);
    if (parsed.ok()) return *parsed;
  }
  return std::nullopt;
}

int TotalOrder(const Value& a, const Value& b) {
  int rank_a = KindRank(a), rank_b = KindRank(b);
  if (rank_a != rank_b) return Three(rank_a, rank_b);
  switch (rank_a) {
    case 0: return Three(std::get<bool>(a.data), std::get<bool>(b.data));
    case 1: {
      double x = *AsNumber(a), y = *AsNumber(b);
      if (std::isnan(x) || std::isnan(y)) return Three(std::isnan(x), std::isnan(y));
      return Three(x, y);
    }
    case 2: return Three(std::get<std::string>(a.data), std::get<std::string>(b.data));
    case 3: {
      const TimePoint& x = std::get<TimePoint>(a.data);
      const TimePoint& y = std::get<TimePoint>(b.data);
      if (int first = Three(x.first_day(), y.first_day())) return first;
      if (int last = Three(x.last_day(), y.last_day())) return last;
      return Three(x.ToString(), y.ToString());
    }
    case 4: return Three(std::get<Entity>(a.data).index(), std::get<Entity>(b.data).index());
    case 5: return Three(std::get<Statement>(a.data).index(), std::get<Statement>(b.data).index());
    case 6: return Three(std::get<ValueOf>(a.data).statement.index(), std::get<ValueOf>(b.data).statement.index());
    case 7: {
      const List& x = std::get<List>(a.data);
      const List& y = std::get<List>(b.data);
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (int item = TotalOrder(x[i], y[i])) return item;
      }
      return Three(x.size(), y.size());
    }
    default: return 0;
  }
}

bool RowLess::operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int order = TotalOrder(a[i], b[i])) return order < 0;
  }
  return a.size() < b.size();
}

Value Compare(Op op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value{};
  std::optional<int> order;  // -1, 0, 1 when known
  bool equality = op == Op::kEq || op == Op::kNe;
  std::optional<double> x = AsNumber(a), y = AsNumber(b);
  bool has_time = std::holds_alternative<TimePoint>(a.data) || std::holds_alternative<TimePoint>(b.data);
  if (x && y) {
    order = Three(*x, *y);
  } else if (has_time) {
    // Only a comparison with a time reads a string as a time.
    std::optional<TimePoint> time_a = AsTime(a), time_b = AsTime(b);
    if (!time_a || !time_b) return equality ? Value{op == Op::kNe} : Value{};
    // Periods: certain when they do not overlap, or when they are the same value.
    if (*time_a == *time_b) {
      order = 0;
    } else if (time_a->last_day() < time_b->first_day()) {
      order = -1;
    } else if (time_b->last_day() < time_a->first_day()) {
      order = 1;
    } else {
      return Value{};
    }
  } else if (a.data.index() == b.data.index()) {
    if (std::holds_alternative<List>(a.data)) {
      const List& p = std::get<List>(a.data);
      const List& q = std::get<List>(b.data);
      if (!equality) return Value{};
      if (p.size() != q.size()) return Value{op == Op::kNe};
      bool unknown = false;
      for (size_t i = 0; i < p.size(); ++i) {
        Value item = Compare(Op::kEq, p[i], q[i]);
        if (item.is_null()) {
          unknown = true;
        } else if (!std::get<bool>(item.data)) {
          return Value{op == Op::kNe};
        }
      }
      return unknown ? Value{} : Value{op == Op::kEq};
    }
    bool orderable = std::holds_alternative<bool>(a.data) || std::holds_alternative<std::string>(a.data);
    if (!orderable && !equality) return Value{};
    order = TotalOrder(a, b) < 0 ? -1 : (TotalOrder(a, b) > 0 ? 1 : 0);
  } else {
    return equality ? Value{op == Op::kNe} : Value{};
  }
  switch (op) {
    case Op::kEq: return Value{*order == 0};
    case Op::kNe: return Value{*order != 0};
    case Op::kLt: return Value{*order < 0};
    case Op::kLe: return Value{*order <= 0};
    case Op::kGt: return Value{*order > 0};
    case Op::kGe: return Value{*order >= 0};
    default: return Value{};
  }
}

Value FromAttribute(const AttributeValue& attribute) {
  return std::visit(
      [](const auto& value) -> Value {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          return Value{std::string(value)};
        } else {
          return Value{value};
        }
      },
      attribute);
}

}  // namespace internal

namespace {

std::string NumberText(double number) {
  if (std::trunc(number) == number && std::fabs(number) < 1e15) {
    return aikg::internal::Cat(static_cast<int64_t>(number));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", number);
  // Use the shortest form that reads back the same.
  for (int precision = 1; precision <= 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, number);
    if (std::strtod(shorter, nullptr) == number) return shorter;
  }
  return buffer;
}

// `readable`: a quantity as people read it ("≥ 97 million users"), else with its plain amount
// ("≥ 97000000 users") for programs.
std::string ValueText(const Value& value, bool readable) {
  return std::visit(
      [readable](const auto& data) -> std::string {
        using T = std::decay_t<decltype(data)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<T, bool>) {
          return data ? "true" : "false";
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return aikg::internal::Cat(data);
        } else if constexpr (std::is_same_v<T, double>) {
          return NumberText(data);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return data;
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          return data.ToString();
        } else if constexpr (std::is_same_v<T, Entity> || std::is_same_v<T, Statement>) {
          return std::string(data.id());
        } else if constexpr (std::is_same_v<T, ValueOf>) {
          const Statement& statement = data.statement;
          if (auto quantity = statement.quantity()) {
            if (readable) return FormatQuantity(*quantity);
            std::string bound(BoundSymbol(quantity->bound));
            if (!bound.empty()) bound += " ";
            return aikg::internal::Cat(bound, NumberText(quantity->amount), " ", quantity->unit);
          }
          if (auto text = statement.text()) return std::string(text->text);
          if (auto date = statement.date()) return date->ToString();
          if (auto boolean = statement.boolean()) return *boolean ? "true" : "false";
          return "";
        } else {
          return "[" +
                 absl::StrJoin(data, ", ",
                               [readable](std::string* out, const Value& item) { *out += ValueText(item, readable); }) +
                 "]";
        }
      },
      value.data);
}

}  // namespace

std::string ToText(const Value& value) { return ValueText(value, true); }

namespace internal {

std::string ToPlainText(const Value& value) { return ValueText(value, false); }

}  // namespace internal

}  // namespace aikg::query
