// The plan of a query: the query tree checked against the schema, every variable given a slot,
// each pattern turned into steps (where to start, which relationship to follow next), and each
// WHERE conjunct attached to the first step where all its variables are bound. The matcher
// walks the steps, the evaluator reads the slots, the projection groups and sorts the rows.

#ifndef AIKG_QUERY_PLAN_H_
#define AIKG_QUERY_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "aikg/query.h"
#include "aikg/schema.h"

namespace aikg::query::internal {

// A slot with nothing bound to it.
inline constexpr uint32_t kUnbound = 0xFFFFFFFF;

enum class VariableKind { kEntity, kStatement, kPath, kValue };

struct NodePlan {
  int slot;
  std::vector<TypeId> types;  // empty: any
  bool value = false;         // binds the value of a value statement
  std::vector<std::pair<std::string, ExprPtr>> properties;
};

struct RelationshipPlan {
  int slot;
  std::vector<PredicateId> predicates;  // empty: any entity-to-entity predicate
  Direction direction;
  int min_hops, max_hops;
  bool variable_length;
  std::vector<std::pair<std::string, ExprPtr>> properties;
};

// One step of matching: bind a pattern's first node, or follow a relationship to its next node.
struct Step {
  bool anchor;
  int node;          // the node the step binds (or checks, if already bound)
  int from = -1;     // expansion: the node it starts from
  int relationship = -1;
  bool forward = true;          // whether the pattern is walked left to right here
  std::vector<int> conditions;  // WHERE conjuncts to check once this step is done
};

struct Plan {
  absl::flat_hash_map<std::string, int> slot_of;  // variable name → slot
  std::vector<VariableKind> kinds;                // by slot
  std::vector<NodePlan> nodes;
  std::vector<RelationshipPlan> relationships;
  std::vector<Step> steps;
  std::vector<ExprPtr> conditions;  // the conjuncts of WHERE
  std::vector<int> constant_conditions;  // conjuncts that name no variable: checked once, up front
  std::vector<std::string> columns;
  std::vector<bool> aggregates;     // by RETURN column
  bool grouping = false;            // some RETURN column aggregates
  std::vector<int> order_columns;   // RETURN column of each ORDER BY item, or -1
  // Whether the last step is counted rather than bound, binding by binding: when every
  // RETURN item is count(*) (or count(v) of a pattern variable) and the last step is a single hop to a new node constrained only
  // by its labels and by WHERE conditions on it and its statement alone, only how many ways
  // it completes matters, and that depends on where it starts only (a 2-hop count through
  // hubs costs the sum of degrees, not of their products).
  bool count_last_step = false;
  // With count_last_step: whether the last step's WHERE conjuncts name only its statement, so
  // that they can be evaluated once per kind of statement (StatementConditions).
  bool last_step_conditions_on_statement = false;
  // Whether the matches are counted straight from the view's statements, without matching
  // (statement_count.h): when every RETURN item counts rows (as for count_last_step), the
  // pattern is one hop of one statement between two distinct nodes without inline properties,
  // and every WHERE conjunct names only that statement (or the value node it carries).
  bool count_statements = false;
};

// Checks `query` against `schema` (labels, types, variables, properties, functions,
// parameters) and plans it. InvalidArgument with the line:column of the first problem.
absl::StatusOr<Plan> Compile(const Schema& schema, const Query& query, const Parameters& parameters);

// `v.id = e`, `e = v.id` or `v.id IN e`, where `e` names no variable: the entities `e` names
// can be looked up instead of scanning every entity for `v` (the condition is still checked).
struct IdCondition {
  std::string variable;
  const Expr* ids;
  bool list;
};
std::optional<IdCondition> AsIdCondition(const Expr& condition);

bool IsAggregate(const std::string& name);

// Whether an expression names a variable anywhere in it.
bool NamesVariable(const Expr& expression);

// InvalidArgument "line:column: message" (just the message for trees built in C++).
absl::Status ErrorAt(int line, int column, std::string_view message);
absl::Status ErrorAt(const Expr& at, std::string_view message);

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_PLAN_H_
