// The RETURN side of a query: each complete binding becomes a row of RETURN values, or is
// folded into its group's aggregates; then DISTINCT, ORDER BY, SKIP and LIMIT.

#ifndef AIKG_QUERY_PROJECTION_H_
#define AIKG_QUERY_PROJECTION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "aikg/query.h"
#include "query/budget.h"
#include "query/evaluator.h"
#include "query/plan.h"
#include "query/value_ops.h"

namespace aikg::query::internal {

class Projection {
 public:
  // Rows kept are charged to `budget`.
  Projection(const Query& query, const Plan& plan, Evaluator& evaluator, Budget& budget);

  // Takes the current binding (through the evaluator): a row, or one more for its group;
  // `multiplicity` such bindings at once when only count(*) is returned. Returns whether
  // more rows are wanted: false once LIMIT is reached (when nothing reorders the rows) or
  // the budget runs out.
  bool Add(int64_t multiplicity = 1);

  // The rows, grouped, made distinct, sorted and cut as the query says.
  absl::StatusOr<Result> Finish();

 private:
  struct Accumulator {
    int64_t count = 0;
    double sum = 0;
    bool all_integers = true;
    int64_t integer_sum = 0;
    Value extreme;
    List items;
    std::set<Value, TotalLess> seen;  // for DISTINCT
  };
  struct Group {
    std::vector<Value> keys;  // by column; aggregate columns left null
    std::vector<Accumulator> accumulators;
  };
  struct OutputRow {
    std::vector<Value> values;
    std::vector<Value> order_keys;
  };

  void Accumulate(const FunctionCall& call, Accumulator& accumulator);
  Value Finalize(const FunctionCall& call, const Accumulator& accumulator) const;
  absl::StatusOr<int64_t> Count(const ExprPtr& expression, std::string_view clause);

  const Query& query_;
  const Plan& plan_;
  Evaluator& evaluator_;
  Budget& budget_;
  std::optional<size_t> wanted_;  // SKIP + LIMIT, when LIMIT is pushed into the match
  std::vector<OutputRow> rows_;
  std::vector<Group> groups_;
  std::map<std::vector<Value>, size_t, RowLess> group_of_;
};

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_PROJECTION_H_
