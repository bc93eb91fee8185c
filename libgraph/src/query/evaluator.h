// Evaluating expressions over the bindings of a match in progress: variables, properties of
// entities, statements and values, operators with three-valued logic, and functions.

#ifndef AIKG_QUERY_EVALUATOR_H_
#define AIKG_QUERY_EVALUATOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "aikg/query.h"
#include "aikg/view.h"
#include "internal/graph_data.h"
#include "query/plan.h"

namespace aikg::query::internal {

// What the matcher has bound so far. By slot: an entity, a statement, a value (its
// statement), or, for a variable-length relationship, an index into `paths`; kUnbound when
// not bound yet.
struct Bindings {
  std::vector<uint32_t> slots;
  std::vector<std::vector<StatementIndex>> paths;
};

// Evaluates expressions of a plan. An error (a bad operand, an unreadable date) does not stop
// the evaluation: it gives null and the first error is kept in error().
class Evaluator {
 public:
  Evaluator(const View& view, const Plan& plan, const Parameters& parameters, const Bindings& bindings)
      : view_(view), data_(view.graph().data()), plan_(plan), parameters_(parameters), bindings_(bindings) {}

  Value Evaluate(const Expr& expression);
  // Whether `condition` is true (not false, not null).
  bool Holds(const Expr& condition);

  Value PropertyOf(int slot, const std::string& key) const;
  Value StatementProperty(StatementIndex index, const std::string& key) const;

  // Keeps the first error, at `at`.
  void Fail(const Expr& at, std::string_view message);
  const absl::Status& error() const { return error_; }

  const View& view() const { return view_; }

 private:
  Value SlotValue(int slot) const;
  Value EntityProperty(EntityIndex index, const std::string& key) const;
  Value ValueProperty(StatementIndex index, const std::string& key) const;
  Value EvaluateOperation(const Expr& at, const Operation& operation);
  Value EvaluateFunction(const Expr& at, const FunctionCall& call);

  const View& view_;
  const aikg::internal::GraphData& data_;
  const Plan& plan_;
  const Parameters& parameters_;
  const Bindings& bindings_;
  absl::Status error_;
};

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_EVALUATOR_H_
