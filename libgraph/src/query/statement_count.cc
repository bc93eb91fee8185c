// Counting single hops from the view's statements (see statement_count.h).

#include "query/statement_count.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace aikg::query::internal {
namespace {

using aikg::internal::GraphData;
using aikg::internal::ObjectRef;
using aikg::internal::StatementRecord;

// What a condition may read of a statement for its answer to be memoized.
constexpr uint8_t kPredicate = 1;
constexpr uint8_t kModality = 2;
constexpr uint8_t kDated = 4;  // whether it has a valid time

// The facts of the statement in `slot` that `expression` reads (kPredicate, kModality,
// kDated), or nothing when it reads more: another property, the statement itself, another
// variable. Literals, parameters and functions of them read nothing: they are the same for
// every statement.
std::optional<uint8_t> FactsRead(const Expr& expression, const Plan& plan, int slot) {
  auto is_statement = [&](const Expr& operand) {
    const Variable* variable = std::get_if<Variable>(&operand.node);
    return variable != nullptr && plan.slot_of.at(variable->name) == slot;
  };
  auto all_of = [&](const std::vector<ExprPtr>& operands) -> std::optional<uint8_t> {
    uint8_t facts = 0;
    for (const ExprPtr& operand : operands) {
      std::optional<uint8_t> read = FactsRead(*operand, plan, slot);
      if (!read) return std::nullopt;
      facts |= *read;
    }
    return facts;
  };
  return std::visit(
      [&](const auto& node) -> std::optional<uint8_t> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Literal> || std::is_same_v<T, Parameter>) {
          return uint8_t{0};
        } else if constexpr (std::is_same_v<T, Variable>) {
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, PropertyAccess>) {
          if (!is_statement(*node.object)) return FactsRead(*node.object, plan, slot);
          if (node.key == "predicate" || node.key == "type") return kPredicate;
          if (node.key == "modality") return kModality;
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, Operation>) {
          // `s.valid IS NULL`: null exactly when the statement is undated (so is its precision).
          if (node.op == Op::kIsNull || node.op == Op::kIsNotNull) {
            const auto* access = std::get_if<PropertyAccess>(&node.operands[0]->node);
            if (access != nullptr && is_statement(*access->object) &&
                (access->key == "valid" || access->key == "valid_precision")) {
              return kDated;
            }
          }
          return all_of(node.operands);
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          if (node.name == "type" && node.arguments.size() == 1 && is_statement(*node.arguments[0])) return kPredicate;
          return all_of(node.arguments);
        } else {
          return all_of(node.items);
        }
      },
      expression.node);
}

}  // namespace

StatementConditions::StatementConditions(const GraphData& data, const Plan& plan, std::vector<int> conditions,
                                         int statement_slot, int value_slot, bool every_statement_dated,
                                         Evaluator& evaluator, Bindings& bindings)
    : data_(data), statement_slot_(statement_slot), value_slot_(value_slot), evaluator_(evaluator),
      bindings_(bindings) {
  size_t predicates = std::max<size_t>(data.schema->predicates().size(), 1);
  for (int index : conditions) {
    Condition condition;
    condition.expression = plan.conditions[index].get();
    if (std::optional<uint8_t> facts = FactsRead(*condition.expression, plan, statement_slot)) {
      condition.general = false;
      condition.facts = every_statement_dated ? *facts & ~kDated : *facts;
      condition.memo.assign(predicates * kModalityCount * 2, -1);
    }
    conditions_.push_back(std::move(condition));
  }
}

size_t StatementConditions::FactKey(const Condition& condition, StatementIndex statement) const {
  const StatementRecord& record = data_.statements[statement];
  size_t predicate = condition.facts & kPredicate ? record.predicate : 0;
  size_t modality = condition.facts & kModality ? static_cast<size_t>(record.modality) : 0;
  size_t dated = condition.facts & kDated ? record.valid.is_set() : 0;
  return (predicate * kModalityCount + modality) * 2 + dated;
}

bool StatementConditions::Evaluate(const Condition& condition, StatementIndex statement) {
  bindings_.slots[statement_slot_] = statement;
  if (value_slot_ >= 0) bindings_.slots[value_slot_] = statement;
  bool holds = evaluator_.Holds(*condition.expression);
  bindings_.slots[statement_slot_] = kUnbound;
  if (value_slot_ >= 0) bindings_.slots[value_slot_] = kUnbound;
  return holds;
}

bool StatementConditions::Hold(StatementIndex statement) {
  for (Condition& condition : conditions_) {
    bool holds;
    if (condition.general) {
      holds = Evaluate(condition, statement);
    } else {
      int8_t& known = condition.memo[condition.facts == 0 ? 0 : FactKey(condition, statement)];
      if (known < 0) known = Evaluate(condition, statement) ? 1 : 0;
      holds = known == 1;
    }
    if (!holds) return false;
  }
  return true;
}

bool StatementConditions::SameForEvery() const {
  for (const Condition& condition : conditions_) {
    if (condition.general || condition.facts != 0) return false;
  }
  return true;
}

int64_t CountStatements(const View& view, const Plan& plan, StatementConditions& conditions, Budget& budget) {
  const GraphData& data = view.graph().data();
  const Schema& schema = *data.schema;
  const RelationshipPlan& relationship = plan.relationships[0];
  const NodePlan& left = plan.nodes[0];
  const NodePlan& right = plan.nodes[1];
  // The ways a statement matches: subject on the left (`->`), subject on the right (`<-`), or
  // both (`-`, which matches every edge once each way).
  const int along = relationship.direction != Direction::kIn ? 1 : 0;
  const int against = relationship.direction != Direction::kOut ? 1 : 0;
  auto predicate_fits = [&](const StatementRecord& record) {
    return relationship.predicates.empty() ||
           std::find(relationship.predicates.begin(), relationship.predicates.end(), record.predicate) !=
               relationship.predicates.end();
  };
  auto type_fits = [&](const NodePlan& node, EntityIndex entity) {
    return node.types.empty() || schema.IsAnyOf(data.entities[entity].type, node.types);
  };
  // Nothing to look at per statement: count the visible statements of the kind, and evaluate
  // the conditions on one of them.
  const bool per_statement = !relationship.predicates.empty() || !left.types.empty() || !right.types.empty() ||
                             !conditions.SameForEvery();

  // A bit test per value statement, branch-free: no budget to ask.
  auto visible_values = [&] {
    int64_t values = 0;
    for (StatementIndex statement : data.value_statements) values += view.ContainsStatement(statement);
    return values;
  };
  if (right.value) {  // the planner allows values only at the end of one `->`
    if (!per_statement) {
      int64_t values = visible_values();
      if (values == 0 || conditions.empty()) return values;
      for (StatementIndex statement : data.value_statements) {
        if (view.ContainsStatement(statement)) return conditions.Hold(statement) ? values : 0;
      }
      return 0;
    }
    int64_t count = 0;
    for (StatementIndex statement : data.value_statements) {
      if (!view.ContainsStatement(statement)) continue;
      if (!budget.Step()) return count;
      const StatementRecord& record = data.statements[statement];
      if (predicate_fits(record) && type_fits(left, record.subject) && conditions.Hold(statement)) ++count;
    }
    return count;
  }

  const BitSet& visible = view.statements();
  if (!per_statement) {
    int64_t edges = static_cast<int64_t>(view.statement_count()) - visible_values();
    if (edges == 0 || conditions.empty()) return edges * (along + against);
    for (StatementIndex statement = 0; statement < visible.size(); ++statement) {
      if (visible.test(statement) && std::holds_alternative<ObjectRef>(data.statements[statement].value)) {
        return conditions.Hold(statement) ? edges * (along + against) : 0;
      }
    }
    return 0;
  }
  int64_t count = 0;
  for (StatementIndex statement = 0; statement < visible.size(); ++statement) {
    if (!visible.test(statement)) continue;
    const StatementRecord& record = data.statements[statement];
    const auto* object = std::get_if<ObjectRef>(&record.value);
    if (object == nullptr || !predicate_fits(record)) continue;
    if (!budget.Step()) return count;
    int ways = (along != 0 && type_fits(left, record.subject) && type_fits(right, object->entity) ? 1 : 0) +
               (against != 0 && type_fits(left, object->entity) && type_fits(right, record.subject) ? 1 : 0);
    if (ways > 0 && conditions.Hold(statement)) count += ways;
  }
  return count;
}

}  // namespace aikg::query::internal
