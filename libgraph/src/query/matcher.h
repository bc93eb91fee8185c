// Matching a plan's patterns over a view: backtracking over the steps of the plan, binding
// entities, statements, values and variable-length paths into the bindings, checking each
// WHERE conjunct at the step that completes it, and handing each complete binding on.

#ifndef AIKG_QUERY_MATCHER_H_
#define AIKG_QUERY_MATCHER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "aikg/query.h"
#include "aikg/view.h"
#include "internal/graph_data.h"
#include "query/budget.h"
#include "query/evaluator.h"
#include "query/plan.h"
#include "query/statement_count.h"

namespace aikg::query::internal {

class Matcher {
 public:
  // `on_rows(n)` is called for each complete binding (readable through `evaluator`), n = 1, or,
  // when the plan counts its last step (Plan::count_last_step), once for the n bindings that
  // share all but that step's; it returns whether to go on. Matching also stops at the
  // evaluator's first error and when `budget` runs out.
  // `every_statement_dated`: the view shows only statements with a valid time (AS OF without
  // INCLUDE UNDATED), see StatementConditions.
  Matcher(const View& view, const Plan& plan, Evaluator& evaluator, Bindings& bindings, Budget& budget,
          absl::FunctionRef<bool(int64_t)> on_rows, bool every_statement_dated = false);

  // Matches every step of the plan, from the first.
  void Run() {
    if (!plan_.steps.empty()) Match(0);
  }

 private:
  void Match(size_t step_index);
  bool Stopped() const { return stopped_ || !evaluator_.error().ok() || !budget_.status().ok(); }
  int64_t CountLastStep(const Step& step, EntityIndex from, Direction follow);
  bool EntityFits(const NodePlan& node, EntityIndex e);
  bool PropertiesHold(int slot, const std::vector<std::pair<std::string, ExprPtr>>& properties);
  bool PropertiesHoldForStatement(const RelationshipPlan& relationship, StatementIndex statement);
  bool PredicateFits(const RelationshipPlan& relationship, StatementIndex statement) const;
  bool Used(StatementIndex statement) const;
  std::vector<EntityIndex> AnchorCandidates(const NodePlan& node, const Step& step);
  const View& view() const { return view_; }

  const View& view_;
  const aikg::internal::GraphData& data_;
  const Plan& plan_;
  Evaluator& evaluator_;
  Bindings& bindings_;
  Budget& budget_;
  absl::FunctionRef<bool(int64_t)> on_rows_;
  absl::flat_hash_map<EntityIndex, int64_t> last_step_counts_;  // CountLastStep's hop counts
  // The last step's conditions, when they read its statement alone (and the step is counted).
  std::optional<StatementConditions> last_step_conditions_;
  std::vector<StatementIndex> used_;  // statements of the current binding: a match uses each once
  bool stopped_ = false;
};

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_MATCHER_H_
