// Projection, grouping and ordering (see projection.h).

#include "query/projection.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "internal/cat.h"

namespace aikg::query::internal {

using aikg::internal::Cat;

namespace {

// About how many bytes a value takes, for the memory budget.
int64_t EstimateBytes(const Value& value) {
  int64_t bytes = sizeof(Value);
  if (const std::string* text = std::get_if<std::string>(&value.data)) bytes += static_cast<int64_t>(text->capacity());
  if (const List* list = std::get_if<List>(&value.data)) {
    for (const Value& item : *list) bytes += EstimateBytes(item);
  }
  return bytes;
}

int64_t EstimateBytes(const std::vector<Value>& values) {
  int64_t bytes = sizeof(values);
  for (const Value& value : values) bytes += EstimateBytes(value);
  return bytes;
}

// A count given as a literal or a parameter: known before matching, without evaluating
// anything that could fail.
std::optional<int64_t> KnownCount(const ExprPtr& expression, Evaluator& evaluator) {
  if (!expression) return std::nullopt;
  if (!std::holds_alternative<Literal>(expression->node) && !std::holds_alternative<Parameter>(expression->node)) {
    return std::nullopt;
  }
  Value value = evaluator.Evaluate(*expression);
  const int64_t* count = std::get_if<int64_t>(&value.data);
  if (count == nullptr || *count < 0) return std::nullopt;
  return *count;
}

}  // namespace

Projection::Projection(const Query& query, const Plan& plan, Evaluator& evaluator, Budget& budget)
    : query_(query), plan_(plan), evaluator_(evaluator), budget_(budget) {
  // LIMIT pushed into the match: without grouping, DISTINCT or ORDER BY, the rows are kept in
  // match order and the first SKIP + LIMIT are all that is returned.
  if (plan_.grouping || query_.distinct || !query_.order_by.empty()) return;
  std::optional<int64_t> limit = KnownCount(query_.limit, evaluator_);
  if (!limit) return;
  std::optional<int64_t> skip = query_.skip ? KnownCount(query_.skip, evaluator_) : std::optional<int64_t>(0);
  if (!skip) return;
  wanted_ = static_cast<size_t>(*skip) + static_cast<size_t>(*limit);
}

bool Projection::Add(int64_t multiplicity) {
  if (!plan_.grouping) {
    OutputRow row;
    for (const ReturnItem& item : query_.returns) row.values.push_back(evaluator_.Evaluate(*item.expression));
    for (size_t o = 0; o < query_.order_by.size(); ++o) {
      row.order_keys.push_back(plan_.order_columns[o] >= 0 ? row.values[plan_.order_columns[o]]
                                                      : evaluator_.Evaluate(*query_.order_by[o].expression));
    }
    int64_t bytes = EstimateBytes(row.values) + EstimateBytes(row.order_keys);
    rows_.push_back(std::move(row));
    if (!budget_.Keep(bytes)) return false;
    return !wanted_ || rows_.size() < *wanted_;
  }
  std::vector<Value> keys(query_.returns.size());
  for (size_t c = 0; c < query_.returns.size(); ++c) {
    if (!plan_.aggregates[c]) keys[c] = evaluator_.Evaluate(*query_.returns[c].expression);
  }
  auto [found, inserted] = group_of_.try_emplace(keys, groups_.size());
  if (inserted) {
    groups_.push_back({keys, std::vector<Accumulator>(query_.returns.size())});
    // A group sits in the map and in the list: its keys twice, and its accumulators.
    int64_t bytes = 2 * EstimateBytes(keys) + static_cast<int64_t>(query_.returns.size() * sizeof(Accumulator));
    if (!budget_.Keep(bytes)) return false;
  }
  Group& group = groups_[found->second];
  for (size_t c = 0; c < query_.returns.size(); ++c) {
    if (!plan_.aggregates[c]) continue;
    const FunctionCall& call = std::get<FunctionCall>(query_.returns[c].expression->node);
    // With Plan::count_last_step or count_statements, every column counts rows (count(*) or
    // count(v)), `multiplicity` at a time.
    if (call.star || plan_.count_last_step || plan_.count_statements) {
      group.accumulators[c].count += multiplicity;
      continue;
    }
    size_t items = group.accumulators[c].items.size();
    Accumulate(call, group.accumulators[c]);
    // collect() keeps what it collects.
    if (group.accumulators[c].items.size() > items && !budget_.Keep(EstimateBytes(group.accumulators[c].items.back()))) {
      return false;
    }
  }
  return true;
}

void Projection::Accumulate(const FunctionCall& call, Accumulator& accumulator) {
  if (call.star) {
    ++accumulator.count;
    return;
  }
  Value value = evaluator_.Evaluate(*call.arguments[0]);
  if (value.is_null()) return;
  if (call.distinct && !accumulator.seen.insert(value).second) return;
  ++accumulator.count;
  if (call.name == "sum" || call.name == "avg") {
    std::optional<double> number = AsNumber(value);
    if (!number) {
      evaluator_.Fail(*call.arguments[0], Cat(call.name, "() needs numbers, not ", ToText(value)));
      return;
    }
    accumulator.sum += *number;
    if (const int64_t* integer = std::get_if<int64_t>(&value.data)) {
      if (__builtin_add_overflow(accumulator.integer_sum, *integer, &accumulator.integer_sum)) {
        evaluator_.Fail(*call.arguments[0], "integer overflow: sum() is out of the 64-bit range");
      }
    } else {
      accumulator.all_integers = false;
    }
  } else if (call.name == "min" || call.name == "max") {
    int order = accumulator.extreme.is_null() ? 0 : TotalOrder(value, accumulator.extreme);
    if (accumulator.extreme.is_null() || (call.name == "min" ? order < 0 : order > 0)) accumulator.extreme = value;
  } else if (call.name == "collect") {
    accumulator.items.push_back(std::move(value));
  }
}

Value Projection::Finalize(const FunctionCall& call, const Accumulator& accumulator) const {
  if (call.name == "count") return Value{accumulator.count};
  if (call.name == "sum") {
    return accumulator.all_integers ? Value{accumulator.integer_sum} : Value{accumulator.sum};
  }
  if (call.name == "avg") return accumulator.count == 0 ? Value{} : Value{accumulator.sum / accumulator.count};
  if (call.name == "collect") return Value{accumulator.items};
  return accumulator.extreme;
}

absl::StatusOr<int64_t> Projection::Count(const ExprPtr& expression, std::string_view clause) {
  Value value = evaluator_.Evaluate(*expression);
  const int64_t* count = std::get_if<int64_t>(&value.data);
  if (count == nullptr || *count < 0) {
    return ErrorAt(*expression, Cat(clause, " needs a non-negative integer, not ", ToText(value)));
  }
  return *count;
}

absl::StatusOr<Result> Projection::Finish() {
  if (plan_.grouping) {
    // Only aggregates, no match: one row of empty aggregates (count 0), as in Cypher.
    bool only_aggregates = std::all_of(plan_.aggregates.begin(), plan_.aggregates.end(), [](bool a) { return a; });
    if (groups_.empty() && only_aggregates) {
      groups_.push_back({std::vector<Value>(query_.returns.size()), std::vector<Accumulator>(query_.returns.size())});
    }
    for (Group& group : groups_) {
      OutputRow row;
      row.values = group.keys;
      for (size_t c = 0; c < query_.returns.size(); ++c) {
        if (plan_.aggregates[c]) {
          row.values[c] = Finalize(std::get<FunctionCall>(query_.returns[c].expression->node), group.accumulators[c]);
        }
      }
      for (int column : plan_.order_columns) row.order_keys.push_back(row.values[column]);
      rows_.push_back(std::move(row));
    }
  }
  if (query_.distinct) {
    std::set<std::vector<Value>, RowLess> seen;
    std::vector<OutputRow> unique;
    for (OutputRow& row : rows_) {
      if (seen.insert(row.values).second) unique.push_back(std::move(row));
    }
    rows_ = std::move(unique);
  }
  if (!query_.order_by.empty()) {
    std::stable_sort(rows_.begin(), rows_.end(), [&](const OutputRow& a, const OutputRow& b) {
      for (size_t o = 0; o < query_.order_by.size(); ++o) {
        int order = TotalOrder(a.order_keys[o], b.order_keys[o]);
        if (order != 0) return query_.order_by[o].descending ? order > 0 : order < 0;
      }
      return false;
    });
  }
  size_t skip = 0, limit = rows_.size();
  if (query_.skip) {
    absl::StatusOr<int64_t> count = Count(query_.skip, "SKIP");
    if (!count.ok()) return count.status();
    skip = static_cast<size_t>(*count);
  }
  if (query_.limit) {
    absl::StatusOr<int64_t> count = Count(query_.limit, "LIMIT");
    if (!count.ok()) return count.status();
    limit = static_cast<size_t>(*count);
  }
  Result result;
  result.columns = plan_.columns;
  for (size_t r = skip; r < rows_.size() && result.rows.size() < limit; ++r) result.rows.push_back(std::move(rows_[r].values));
  return result;
}

}  // namespace aikg::query::internal
