// Counting a single hop straight from the view's statements (Plan::count_statements), and the
// WHERE conjuncts that read one statement alone, evaluated once per kind of statement rather
// than once per statement.
//
// `MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF D RETURN count(s)` matches each visible
// edge statement exactly once (a view shows a statement only with its subject and object), so
// its answer is the number of visible edge statements: the view's bit set counted, less the
// values. The matcher would walk every entity and evaluate the condition on every hop for it.
// Labels, relationship types and conditions on the statement are checked per statement; a
// conjunct that reads only the statement's predicate, modality or whether it is dated is
// evaluated once per distinct combination of those (and not at all per statement when AS OF
// already implies its answer).

#ifndef AIKG_QUERY_STATEMENT_COUNT_H_
#define AIKG_QUERY_STATEMENT_COUNT_H_

#include <cstdint>
#include <vector>

#include "aikg/query.h"
#include "aikg/view.h"
#include "internal/graph_data.h"
#include "query/budget.h"
#include "query/evaluator.h"
#include "query/plan.h"

namespace aikg::query::internal {

// WHERE conjuncts (indexes into Plan::conditions) that name no variable but the statement in
// `slot` and, optionally, the value node bound to the same statement. Hold() gives what
// evaluating them in order with the statement bound would give, short-circuits included.
class StatementConditions {
 public:
  // `every_statement_dated`: every statement asked about has a valid time (the query says AS
  // OF without INCLUDE UNDATED), so `s.valid IS NOT NULL` needs no look.
  StatementConditions(const aikg::internal::GraphData& data, const Plan& plan, std::vector<int> conditions,
                      int statement_slot, int value_slot, bool every_statement_dated, Evaluator& evaluator,
                      Bindings& bindings);

  // Whether every condition holds for `statement`.
  bool Hold(StatementIndex statement);
  // Whether Hold gives the same answer for every statement: the conditions read nothing that
  // differs from one statement to the next.
  bool SameForEvery() const;
  bool empty() const { return conditions_.empty(); }

 private:
  struct Condition {
    const Expr* expression = nullptr;
    bool general = true;       // reads more than the facts below: evaluated for every statement
    uint8_t facts = 0;         // which of kPredicate, kModality, kDated it reads
    std::vector<int8_t> memo;  // by FactKey: -1 not evaluated yet, else 0 or 1
  };
  size_t FactKey(const Condition& condition, StatementIndex statement) const;
  bool Evaluate(const Condition& condition, StatementIndex statement);

  const aikg::internal::GraphData& data_;
  int statement_slot_;
  int value_slot_;  // -1: none
  Evaluator& evaluator_;
  Bindings& bindings_;
  std::vector<Condition> conditions_;
};

// The number of matches of a plan whose count_statements is set, each of its statements
// checked against `conditions` (the plan's WHERE conjuncts). Stops early, answering what it
// counted so far, when `budget` runs out.
int64_t CountStatements(const View& view, const Plan& plan, StatementConditions& conditions, Budget& budget);

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_STATEMENT_COUNT_H_
