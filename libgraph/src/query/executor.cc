// Running a query: plan it (plan.h), narrow the view by its time clauses, match its patterns
// (matcher.h) evaluating expressions over the bindings (evaluator.h), and project, group, sort
// and cut the rows (projection.h).

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "aikg/query.h"
#include "internal/cat.h"
#include "query/evaluator.h"
#include "query/matcher.h"
#include "query/plan.h"
#include "query/projection.h"
#include "query/statement_count.h"
#include "query/value_ops.h"

namespace aikg::query {
namespace {

using aikg::internal::Cat;
using internal::ErrorAt;

// The date a time clause gives, or an error at it.
absl::StatusOr<TimePoint> DateOf(const Expr& clause, std::string_view name, internal::Evaluator& evaluator) {
  std::optional<TimePoint> time = internal::AsTime(evaluator.Evaluate(clause));
  if (!time) return ErrorAt(clause, Cat(name, " needs a date such as '2024-06-30' or '2024'"));
  return *time;
}

// The view narrowed by AS OF, DURING and KNOWN AT, or nothing when the query has none.
absl::StatusOr<std::optional<View>> ApplyTimeClauses(const View& view, const Query& query,
                                                      internal::Evaluator& evaluator) {
  Filter filter;
  for (auto [clause, target, name] : {std::tuple{query.as_of, &filter.valid_at, "AS OF"},
                                      std::tuple{query.known_at, &filter.known_at, "KNOWN AT"}}) {
    if (!clause) continue;
    absl::StatusOr<TimePoint> time = DateOf(*clause, name, evaluator);
    if (!time.ok()) return time.status();
    // A period stands for its last day: AS OF '2023' is as of the end of 2023.
    *target = time->last_day();
  }
  if (query.during) {
    // The window runs from the first day its start may be to the last day its end may be, as
    // the view's valid_during reads it: DURING 2024 .. 2024-Q2 is 2024-01-01 to 2024-06-30.
    ValidTime window;
    for (auto [clause, target] :
         {std::pair{query.during_start, &window.from}, std::pair{query.during_end, &window.to}}) {
      if (!clause) continue;
      absl::StatusOr<TimePoint> time = DateOf(*clause, "DURING", evaluator);
      if (!time.ok()) return time.status();
      *target = *time;
    }
    if (!window.is_set()) return absl::InvalidArgumentError("DURING needs a start, an end or both");
    if (window.from.is_set() && window.to.is_set() && window.from.first_day() > window.to.last_day()) {
      return ErrorAt(*query.during_start, Cat("DURING ", window.from.ToString(), " .. ", window.to.ToString(),
                                              " starts after it ends"));
    }
    filter.valid_during = window;
  }
  filter.include_undated = query.include_undated;
  if (!filter.valid_at && !filter.valid_during && !filter.known_at) return std::optional<View>();
  absl::StatusOr<View> narrowed = view.Filtered(filter);
  if (!narrowed.ok()) return narrowed.status();
  return std::optional<View>(std::move(*narrowed));
}

// `expression` with its variable-free parts (date('2024-06-30'), a list of names) evaluated
// once, as literals, instead of once per binding. A part whose evaluation fails is left as
// written, so that its error still comes only if a binding reaches it.
ExprPtr FoldConstants(const ExprPtr& expression, const View& view, const internal::Plan& plan,
                      const Parameters& parameters, const internal::Bindings& bindings) {
  if (std::holds_alternative<Literal>(expression->node)) return expression;
  auto make = [&](auto node) {
    return std::make_shared<const Expr>(Expr{std::move(node), expression->line, expression->column});
  };
  if (!internal::NamesVariable(*expression)) {
    internal::Evaluator evaluator(view, plan, parameters, bindings);
    Value value = evaluator.Evaluate(*expression);
    if (!evaluator.error().ok()) return expression;
    return make(Literal{std::move(value)});
  }
  bool changed = false;
  auto fold = [&](const std::vector<ExprPtr>& parts) {
    std::vector<ExprPtr> folded;
    for (const ExprPtr& part : parts) {
      folded.push_back(FoldConstants(part, view, plan, parameters, bindings));
      changed = changed || folded.back() != part;
    }
    return folded;
  };
  return std::visit(
      [&](const auto& node) -> ExprPtr {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Operation>) {
          Operation folded{node.op, fold(node.operands)};
          return changed ? make(std::move(folded)) : expression;
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          FunctionCall folded = node;
          folded.arguments = fold(node.arguments);
          return changed ? make(std::move(folded)) : expression;
        } else if constexpr (std::is_same_v<T, ListLiteral>) {
          ListLiteral folded{fold(node.items)};
          return changed ? make(std::move(folded)) : expression;
        } else {
          return expression;  // a variable, or a property of one
        }
      },
      expression->node);
}

}  // namespace

absl::StatusOr<Result> Execute(const View& view, const Query& query, const Parameters& parameters,
                               const QueryOptions& options) {
  if (view.graph().data().schema == nullptr) return absl::FailedPreconditionError("the graph has no schema");
  absl::StatusOr<internal::Plan> plan = internal::Compile(*view.graph().data().schema, query, parameters);
  if (!plan.ok()) return plan.status();
  // An open hop range goes up to the default maximum (or its own start, if that is further).
  for (internal::RelationshipPlan& relationship : plan->relationships) {
    if (relationship.max_hops == kUnboundedHops) {
      relationship.max_hops = std::max(relationship.min_hops, options.max_open_hops);
    }
  }
  internal::Bindings bindings;
  bindings.slots.assign(plan->kinds.size(), internal::kUnbound);
  absl::StatusOr<std::optional<View>> narrowed;
  {
    internal::Evaluator constants(view, *plan, parameters, bindings);
    narrowed = ApplyTimeClauses(view, query, constants);
    if (!narrowed.ok()) return narrowed.status();
    if (!constants.error().ok()) return constants.error();
  }
  const View& matched = narrowed->has_value() ? **narrowed : view;
  // AS OF and DURING without INCLUDE UNDATED leave only dated statements in view.
  bool every_statement_dated = (query.as_of != nullptr || query.during) && !query.include_undated;
  for (ExprPtr& condition : plan->conditions) {
    condition = FoldConstants(condition, matched, *plan, parameters, bindings);
  }
  internal::Evaluator evaluator(matched, *plan, parameters, bindings);
  internal::Budget budget(options);
  internal::Projection projection(query, *plan, evaluator, budget);
  // Conditions that need no variable are checked once, up front.
  bool constant_ok = true;
  for (int condition : plan->constant_conditions) {
    constant_ok = constant_ok && evaluator.Holds(*plan->conditions[condition]);
  }
  if (constant_ok && plan->count_statements) {
    std::vector<int> conditions;
    for (const internal::Step& step : plan->steps) {
      conditions.insert(conditions.end(), step.conditions.begin(), step.conditions.end());
    }
    std::sort(conditions.begin(), conditions.end());  // in the order WHERE wrote them
    const internal::NodePlan& right = plan->nodes[1];
    internal::StatementConditions statement_conditions(
        matched.graph().data(), *plan, std::move(conditions), plan->relationships[0].slot,
        right.value ? right.slot : -1, every_statement_dated, evaluator, bindings);
    if (int64_t count = internal::CountStatements(matched, *plan, statement_conditions, budget); count > 0) {
      projection.Add(count);
    }
  } else if (constant_ok) {
    auto on_rows = [&](int64_t count) { return projection.Add(count); };
    internal::Matcher matcher(matched, *plan, evaluator, bindings, budget, on_rows,  // refers to on_rows
                              every_statement_dated);
    matcher.Run();
  }
  if (!evaluator.error().ok()) return evaluator.error();
  if (!budget.status().ok()) return budget.status();
  return projection.Finish();
}

absl::StatusOr<Result> Run(const View& view, std::string_view text, const Parameters& parameters,
                           const QueryOptions& options) {
  absl::StatusOr<Query> query = Parse(text);
  if (!query.ok()) return query.status();
  return Execute(view, *query, parameters, options);
}

}  // namespace aikg::query
