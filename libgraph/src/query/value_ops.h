// Operations on query values shared by the executor and the renderers: ordering, comparison
// with SQL/Cypher three-valued logic, and conversions.

#ifndef AIKG_QUERY_VALUE_OPS_H_
#define AIKG_QUERY_VALUE_OPS_H_

#include <optional>

#include "aikg/query.h"

namespace aikg::query::internal {

// A total order for sorting and grouping: null last; numbers by value across int and double;
// then by kind. Returns <0, 0 or >0.
int TotalOrder(const Value& a, const Value& b);

struct TotalLess {
  bool operator()(const Value& a, const Value& b) const { return TotalOrder(a, b) < 0; }
};
struct RowLess {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

// Comparison in queries: true, false, or null when unknown (a null operand, values of kinds
// that do not order, or times whose periods overlap so that the order is uncertain). A string
// compared with a time is read as a time.
Value Compare(Op op, const Value& a, const Value& b);

// The time a value stands for: a time, or a string in a time form.
std::optional<TimePoint> AsTime(const Value& value);
std::optional<double> AsNumber(const Value& value);

Value FromAttribute(const AttributeValue& attribute);

// The text of a value in CSV: as ToText, but a quantity keeps its plain amount
// ("≥ 97000000 users", not "≥ 97 million users") so that programs read the number back.
std::string ToPlainText(const Value& value);

// An expression as query text (see Format in aikg/query.h).
std::string FormatExpression(const Expr& expression);

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_VALUE_OPS_H_
