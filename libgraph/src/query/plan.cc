// Planning a query (see plan.h): names checked against the schema, a slot for every variable,
// a starting node for every pattern, each WHERE conjunct attached to the step that binds its
// last variable, and the RETURN and ORDER BY columns.

#include "query/plan.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "internal/cat.h"
#include "query/value_ops.h"

namespace aikg::query::internal {
namespace {

using aikg::internal::Cat;

std::string_view KindName(VariableKind kind) {
  switch (kind) {
    case VariableKind::kEntity: return "an entity";
    case VariableKind::kStatement: return "a statement";
    case VariableKind::kPath: return "a list of statements";
    case VariableKind::kValue: return "a value";
  }
  return "a variable";
}

constexpr std::string_view kEntityProperties[] = {"id", "name", "type", "description", "aliases"};
constexpr std::string_view kStatementProperties[] = {
    "id",     "type",    "predicate", "modality", "confidence", "valid",     "valid_start", "valid_end",
    "valid_precision",   "period",    "source",   "sources",    "locator",   "locators",    "published",
    "subject", "object"};
constexpr std::string_view kValueProperties[] = {"kind", "amount", "unit",    "bound", "lower", "upper", "text",
                                                 "lang", "date",   "boolean", "value", "dimension"};
constexpr std::string_view kFunctions[] = {"count", "min",     "max",  "sum",      "avg",       "collect",
                                           "id",    "type",    "labels", "tolower", "toupper",  "size",
                                           "date",  "coalesce", "qualifier", "tostring", "length", "entity"};

}  // namespace

bool NamesVariable(const Expr& expression) {
  return std::visit(
      [](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Variable>) {
          return true;
        } else if constexpr (std::is_same_v<T, PropertyAccess>) {
          return NamesVariable(*node.object);
        } else if constexpr (std::is_same_v<T, Operation>) {
          return std::any_of(node.operands.begin(), node.operands.end(),
                             [](const ExprPtr& operand) { return NamesVariable(*operand); });
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          return std::any_of(node.arguments.begin(), node.arguments.end(),
                             [](const ExprPtr& argument) { return NamesVariable(*argument); });
        } else if constexpr (std::is_same_v<T, ListLiteral>) {
          return std::any_of(node.items.begin(), node.items.end(),
                             [](const ExprPtr& item) { return NamesVariable(*item); });
        } else {
          return false;
        }
      },
      expression.node);
}

namespace {

class Planner {
 public:
  Planner(const Schema& schema, const Query& query, const Parameters& parameters)
      : schema_(schema), query_(query), parameters_(parameters) {}

  absl::StatusOr<Plan> Run() && {
    if (absl::Status compiled = Compile(); !compiled.ok()) return compiled;
    if (absl::Status checked = CheckTimeClauses(); !checked.ok()) return checked;
    plan_.count_statements = CanCountStatements();
    plan_.count_last_step = !plan_.count_statements && CanCountLastStep();
    if (plan_.count_last_step) {
      const Step& last = plan_.steps.back();
      int statement = plan_.relationships[last.relationship].slot;
      plan_.last_step_conditions_on_statement =
          std::all_of(last.conditions.begin(), last.conditions.end(),
                      [&](int condition) { return NamesOnly(*plan_.conditions[condition], statement); });
    }
    return std::move(plan_);
  }

 private:
  absl::StatusOr<int> Declare(const std::string& name, VariableKind kind, int line, int column) {
    if (!name.empty()) {
      auto found = plan_.slot_of.find(name);
      if (found != plan_.slot_of.end()) {
        if (plan_.kinds[found->second] != kind) {
          return ErrorAt(line, column, Cat("variable '", name, "' is ", KindName(plan_.kinds[found->second]),
                                           " elsewhere, not ", KindName(kind)));
        }
        return found->second;
      }
    }
    int slot = static_cast<int>(plan_.kinds.size());
    plan_.kinds.push_back(kind);
    if (!name.empty()) plan_.slot_of[name] = slot;
    return slot;
  }

  absl::Status Compile() {
    const Schema& schema = schema_;
    if (query_.match.empty()) return absl::InvalidArgumentError("a query needs a MATCH pattern");
    // The steps of each pattern, in order; `bound` tracks slots bound by earlier steps.
    std::vector<bool> bound;
    auto is_bound = [&](int slot) { return slot < static_cast<int>(bound.size()) && bound[slot]; };
    if (query_.where) SplitConjuncts(query_.where);
    auto has_id_condition = [&](int slot) {
      for (const ExprPtr& condition : plan_.conditions) {
        std::optional<IdCondition> ids = AsIdCondition(*condition);
        if (!ids) continue;
        auto declared = plan_.slot_of.find(ids->variable);  // undeclared: CheckExpression reports it
        if (declared != plan_.slot_of.end() && declared->second == slot) return true;
      }
      return false;
    };
    for (const PathPattern& path : query_.match) {
      size_t first_node = plan_.nodes.size();
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        const NodePattern& node = path.nodes[i];
        bool value = std::find(node.labels.begin(), node.labels.end(), "Value") != node.labels.end();
        NodePlan plan;
        plan.value = value;
        plan.properties = node.properties;
        for (const std::string& label : node.labels) {
          if (label == "Value") continue;
          std::optional<TypeId> type = schema.FindType(label);
          if (!type) return ErrorAt(node.line, node.column, Cat("unknown entity type '", label, "'"));
          plan.types.push_back(*type);
        }
        // A node after a value predicate holds that value.
        if (i > 0) {
          const RelationshipPattern& incoming = path.relationships[i - 1];
          for (const std::string& name : incoming.types) {
            std::optional<PredicateId> predicate = schema.FindPredicate(name);
            if (predicate && schema.predicate(*predicate).range_kind != RangeKind::kEntity) plan.value = true;
          }
        }
        if (plan.value && !plan.types.empty()) {
          return ErrorAt(node.line, node.column, "a value node has no entity type");
        }
        absl::StatusOr<int> slot =
            Declare(node.variable, plan.value ? VariableKind::kValue : VariableKind::kEntity, node.line, node.column);
        if (!slot.ok()) return slot.status();
        plan.slot = *slot;
        plan_.nodes.push_back(std::move(plan));
      }
      for (size_t i = 0; i < path.relationships.size(); ++i) {
        const RelationshipPattern& relationship = path.relationships[i];
        RelationshipPlan plan{0, {}, relationship.direction, relationship.min_hops, relationship.max_hops,
                              relationship.variable_length, relationship.properties};
        bool to_value = plan_.nodes[first_node + i + 1].value;
        for (const std::string& name : relationship.types) {
          std::optional<PredicateId> predicate = schema.FindPredicate(name);
          if (!predicate) {
            return ErrorAt(relationship.line, relationship.column, Cat("unknown relationship type '", name, "'"));
          }
          bool is_value = schema.predicate(*predicate).range_kind != RangeKind::kEntity;
          if (is_value != to_value) {
            return ErrorAt(relationship.line, relationship.column,
                           Cat("relationship types mix entity links and values ('", name, "')"));
          }
          plan.predicates.push_back(*predicate);
        }
        if (to_value) {
          if (relationship.direction != Direction::kOut || relationship.variable_length) {
            return ErrorAt(relationship.line, relationship.column,
                           "a value is reached by one '->' relationship from its subject");
          }
          if (i + 2 < path.nodes.size()) {
            return ErrorAt(path.nodes[i + 1].line, path.nodes[i + 1].column, "a value has no relationships of its own");
          }
        }
        if (plan_.nodes[first_node + i].value) {
          return ErrorAt(path.nodes[i].line, path.nodes[i].column, "a value has no relationships of its own");
        }
        if (!relationship.variable.empty() && plan_.slot_of.contains(relationship.variable)) {
          return ErrorAt(relationship.line, relationship.column,
                         Cat("variable '", relationship.variable, "' is already bound: a relationship variable "
                             "names one relationship"));
        }
        absl::StatusOr<int> slot =
            Declare(relationship.variable, relationship.variable_length ? VariableKind::kPath : VariableKind::kStatement,
                    relationship.line, relationship.column);
        if (!slot.ok()) return slot.status();
        plan.slot = *slot;
        plan_.relationships.push_back(std::move(plan));
      }
      // Where to start: a node bound by an earlier pattern, one given by id (in the pattern or
      // in WHERE) or name, one with a type, else the first entity node.
      size_t count = path.nodes.size();
      auto score = [&](size_t i) {
        const NodePlan& node = plan_.nodes[first_node + i];
        if (node.value) return -1;
        if (is_bound(node.slot)) return 5;
        for (const auto& [key, value] : node.properties) {
          if (key == "id") return 4;
        }
        if (has_id_condition(node.slot)) return 4;
        for (const auto& [key, value] : node.properties) {
          if (key == "name") return 3;
        }
        return node.types.empty() ? 1 : 2;
      };
      size_t anchor = 0;
      for (size_t i = 1; i < count; ++i) {
        if (score(i) > score(anchor)) anchor = i;
      }
      size_t first_relationship = plan_.relationships.size() - path.relationships.size();
      auto bind = [&](int slot) {
        if (static_cast<int>(bound.size()) <= slot) bound.resize(slot + 1, false);
        bound[slot] = true;
      };
      plan_.steps.push_back({true, static_cast<int>(first_node + anchor), -1, -1, true, {}});
      bind(plan_.nodes[first_node + anchor].slot);
      for (size_t i = anchor; i + 1 < count; ++i) {
        plan_.steps.push_back({false, static_cast<int>(first_node + i + 1), static_cast<int>(first_node + i),
                               static_cast<int>(first_relationship + i), true, {}});
        bind(plan_.nodes[first_node + i + 1].slot);
        bind(plan_.relationships[first_relationship + i].slot);
      }
      for (size_t i = anchor; i > 0; --i) {
        plan_.steps.push_back({false, static_cast<int>(first_node + i - 1), static_cast<int>(first_node + i),
                               static_cast<int>(first_relationship + i - 1), false, {}});
        bind(plan_.nodes[first_node + i - 1].slot);
        bind(plan_.relationships[first_relationship + i - 1].slot);
      }
    }
    // Slot → the step that binds it first.
    std::vector<int> bound_at(plan_.kinds.size(), -1);
    for (int s = 0; s < static_cast<int>(plan_.steps.size()); ++s) {
      for (int slot : {plan_.nodes[plan_.steps[s].node].slot,
                       plan_.steps[s].relationship >= 0 ? plan_.relationships[plan_.steps[s].relationship].slot : -1}) {
        if (slot >= 0 && bound_at[slot] < 0) bound_at[slot] = s;
      }
    }
    for (const NodePlan& node : plan_.nodes) {
      for (const auto& [key, value] : node.properties) {
        if (absl::Status checked = CheckExpression(*value, false); !checked.ok()) return checked;
        if (!node.value) continue;
        if (absl::Status checked = CheckProperty(VariableKind::kValue, key, *value); !checked.ok()) return checked;
      }
    }
    for (const RelationshipPlan& relationship : plan_.relationships) {
      for (const auto& [key, value] : relationship.properties) {
        if (absl::Status checked = CheckExpression(*value, false); !checked.ok()) return checked;
        if (absl::Status checked = CheckProperty(VariableKind::kStatement, key, *value); !checked.ok()) return checked;
      }
    }
    // WHERE: its conjuncts, each checked as soon as its variables are bound.
    if (query_.where) {
      if (absl::Status checked = CheckExpression(*query_.where, false); !checked.ok()) return checked;
      for (int c = 0; c < static_cast<int>(plan_.conditions.size()); ++c) {
        std::set<int> slots;
        CollectSlots(*plan_.conditions[c], slots);
        int step = -1;
        for (int slot : slots) step = std::max(step, bound_at[slot]);
        if (step < 0) {
          plan_.constant_conditions.push_back(c);
        } else {
          plan_.steps[step].conditions.push_back(c);
        }
      }
    }
    return CompileReturn();
  }

  absl::Status CompileReturn() {
    if (query_.returns.empty()) return absl::InvalidArgumentError("RETURN needs at least one item");
    for (const ReturnItem& item : query_.returns) {
      if (absl::Status checked = CheckExpression(*item.expression, true); !checked.ok()) return checked;
      const FunctionCall* call = std::get_if<FunctionCall>(&item.expression->node);
      bool aggregate = call != nullptr && IsAggregate(call->name);
      if (!aggregate && ContainsAggregate(*item.expression)) {
        return ErrorAt(*item.expression, "an aggregate function must be a whole RETURN item");
      }
      plan_.aggregates.push_back(aggregate);
      plan_.grouping = plan_.grouping || aggregate;
      plan_.columns.push_back(item.alias);
    }
    for (const OrderItem& item : query_.order_by) {
      int column = -1;
      if (const Variable* variable = std::get_if<Variable>(&item.expression->node)) {
        for (size_t c = 0; c < plan_.columns.size(); ++c) {
          if (plan_.columns[c] == variable->name) column = static_cast<int>(c);
        }
      }
      std::string text = FormatExpression(*item.expression);
      for (size_t c = 0; c < query_.returns.size() && column < 0; ++c) {
        if (FormatExpression(*query_.returns[c].expression) == text) column = static_cast<int>(c);
      }
      if (column < 0) {
        if (plan_.grouping) {
          return ErrorAt(*item.expression, "with aggregation, ORDER BY may only use RETURN columns");
        }
        if (absl::Status checked = CheckExpression(*item.expression, false); !checked.ok()) return checked;
      }
      plan_.order_columns.push_back(column);
    }
    for (const ExprPtr& count : {query_.skip, query_.limit}) {
      if (count && NamesVariable(*count)) return ErrorAt(*count, "SKIP and LIMIT take a number, not a variable");
    }
    return absl::OkStatus();
  }

  static bool ContainsAggregate(const Expr& expression) {
    return std::visit(
        [](const auto& node) -> bool {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, FunctionCall>) {
            if (IsAggregate(node.name)) return true;
            for (const ExprPtr& argument : node.arguments) {
              if (ContainsAggregate(*argument)) return true;
            }
            return false;
          } else if constexpr (std::is_same_v<T, Operation>) {
            for (const ExprPtr& operand : node.operands) {
              if (ContainsAggregate(*operand)) return true;
            }
            return false;
          } else if constexpr (std::is_same_v<T, PropertyAccess>) {
            return ContainsAggregate(*node.object);
          } else if constexpr (std::is_same_v<T, ListLiteral>) {
            for (const ExprPtr& item : node.items) {
              if (ContainsAggregate(*item)) return true;
            }
            return false;
          } else {
            return false;
          }
        },
        expression.node);
  }

  absl::Status CheckProperty(VariableKind kind, const std::string& key, const Expr& at) {
    auto known = [&](auto& names) { return std::find(std::begin(names), std::end(names), key) != std::end(names); };
    switch (kind) {
      case VariableKind::kEntity:
        if (known(kEntityProperties) || schema_.FindIdentifier(key) != nullptr) return absl::OkStatus();
        for (const EntityType& type : schema_.types()) {
          for (const AttributeDecl& decl : type.attributes) {
            if (decl.name == key) return absl::OkStatus();
          }
        }
        // The property may belong to what the variable was meant to be: say how to get there.
        if (known(kValueProperties)) {
          return ErrorAt(at, Cat("entities have no property '", key, "'; values have it: label the node as a value, "
                                 "(v:Value), or reach it by a value predicate, (e)-[:revenue]->(v)"));
        }
        if (known(kStatementProperties)) {
          return ErrorAt(at, Cat("entities have no property '", key, "'; statements have it: name the relationship, "
                                 "(a)-[r]->(b), and ask r.", key));
        }
        return ErrorAt(at, Cat("entities have no property '", key,
                               "' (expected id, name, type, description, aliases, an identifier or an attribute "
                               "of the schema)"));
      case VariableKind::kStatement:
        if (known(kStatementProperties)) return absl::OkStatus();
        return ErrorAt(at, Cat("statements have no property '", key, "' (expected one of id, type, predicate, "
                               "modality, confidence, valid, valid_start, valid_end, valid_precision, period, source, "
                               "sources, locator, locators, published, subject, object)"));
      case VariableKind::kValue:
        if (known(kValueProperties)) return absl::OkStatus();
        return ErrorAt(at, Cat("values have no property '", key, "' (expected one of kind, amount, unit, bound, "
                               "lower, upper, text, lang, date, boolean, value, dimension)"));
      case VariableKind::kPath:
        return ErrorAt(at, Cat("a variable-length relationship is a list: it has no property '", key, "'"));
    }
    return absl::OkStatus();
  }

  // Checks names in an expression: variables, properties, parameters, functions.
  absl::Status CheckExpression(const Expr& expression, bool aggregates_allowed) {
    return std::visit(
        [&](const auto& node) -> absl::Status {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, Variable>) {
            if (!plan_.slot_of.contains(node.name)) {
              return ErrorAt(expression, Cat("unknown variable '", node.name, "'"));
            }
          } else if constexpr (std::is_same_v<T, Parameter>) {
            if (parameters_.find(node.name) == parameters_.end()) {
              return ErrorAt(expression, Cat("missing parameter $", node.name));
            }
          } else if constexpr (std::is_same_v<T, PropertyAccess>) {
            if (absl::Status checked = CheckExpression(*node.object, aggregates_allowed); !checked.ok()) {
              return checked;
            }
            if (const Variable* variable = std::get_if<Variable>(&node.object->node)) {
              return CheckProperty(plan_.kinds[plan_.slot_of.at(variable->name)], node.key, expression);
            }
          } else if constexpr (std::is_same_v<T, Operation>) {
            for (const ExprPtr& operand : node.operands) {
              if (absl::Status checked = CheckExpression(*operand, aggregates_allowed); !checked.ok()) return checked;
            }
          } else if constexpr (std::is_same_v<T, ListLiteral>) {
            for (const ExprPtr& item : node.items) {
              if (absl::Status checked = CheckExpression(*item, aggregates_allowed); !checked.ok()) return checked;
            }
          } else if constexpr (std::is_same_v<T, FunctionCall>) {
            if (std::find(std::begin(kFunctions), std::end(kFunctions), node.name) == std::end(kFunctions)) {
              return ErrorAt(expression, Cat("unknown function '", node.name, "'"));
            }
            if (IsAggregate(node.name) && !aggregates_allowed) {
              return ErrorAt(expression, Cat("aggregate function ", node.name, "() is only allowed in RETURN"));
            }
            if (node.star && node.name != "count") return ErrorAt(expression, "only count takes '*'");
            size_t expected = node.name == "qualifier" ? 2 : 1;
            bool any_count = node.name == "coalesce";
            if (!node.star && !any_count && node.arguments.size() != expected) {
              return ErrorAt(expression, Cat(node.name, "() takes ", expected, " argument", expected > 1 ? "s" : ""));
            }
            for (const ExprPtr& argument : node.arguments) {
              if (IsAggregate(node.name) && ContainsAggregate(*argument)) {
                return ErrorAt(*argument, "aggregate functions cannot be nested");
              }
              if (absl::Status checked = CheckExpression(*argument, false); !checked.ok()) return checked;
            }
          }
          return absl::OkStatus();
        },
        expression.node);
  }

  void SplitConjuncts(const ExprPtr& expression) {
    if (const Operation* operation = std::get_if<Operation>(&expression->node); operation && operation->op == Op::kAnd) {
      SplitConjuncts(operation->operands[0]);
      SplitConjuncts(operation->operands[1]);
      return;
    }
    plan_.conditions.push_back(expression);
  }

  void CollectSlots(const Expr& expression, std::set<int>& slots) const {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, Variable>) {
            slots.insert(plan_.slot_of.at(node.name));
          } else if constexpr (std::is_same_v<T, PropertyAccess>) {
            CollectSlots(*node.object, slots);
          } else if constexpr (std::is_same_v<T, Operation>) {
            for (const ExprPtr& operand : node.operands) CollectSlots(*operand, slots);
          } else if constexpr (std::is_same_v<T, FunctionCall>) {
            for (const ExprPtr& argument : node.arguments) CollectSlots(*argument, slots);
          } else if constexpr (std::is_same_v<T, ListLiteral>) {
            for (const ExprPtr& item : node.items) CollectSlots(*item, slots);
          }
        },
        expression.node);
  }

  // Whether the query returns only counts of its rows (and so one row, or none).
  bool ReturnsOnlyRowCounts() const {
    if (query_.distinct) return false;
    for (const ReturnItem& item : query_.returns) {
      const FunctionCall* call = std::get_if<FunctionCall>(&item.expression->node);
      // count(v) of a pattern variable counts the rows, as count(*) does: every row binds every
      // variable of the pattern (there is no OPTIONAL MATCH), so v is never null.
      bool counts_rows = call != nullptr && call->name == "count" && !call->distinct &&
                         (call->star || (call->arguments.size() == 1 &&
                                         std::holds_alternative<Variable>(call->arguments[0]->node)));
      if (!counts_rows) return false;
    }
    return true;
  }

  // Whether `expression` names no variable but the one in `slot`.
  bool NamesOnly(const Expr& expression, int slot) const {
    std::set<int> slots;
    CollectSlots(expression, slots);
    return std::all_of(slots.begin(), slots.end(), [slot](int named) { return named == slot; });
  }

  // See Plan::count_statements.
  bool CanCountStatements() const {
    if (!ReturnsOnlyRowCounts() || plan_.relationships.size() != 1 || plan_.nodes.size() != 2) return false;
    const RelationshipPlan& relationship = plan_.relationships[0];
    const NodePlan& left = plan_.nodes[0];
    const NodePlan& right = plan_.nodes[1];
    if (relationship.variable_length || !relationship.properties.empty()) return false;
    // Node properties (an id, a name) are better looked up by the matcher's anchor.
    if (!left.properties.empty() || !right.properties.empty() || left.slot == right.slot) return false;
    for (const Step& step : plan_.steps) {
      for (int condition : step.conditions) {
        std::set<int> slots;
        CollectSlots(*plan_.conditions[condition], slots);
        for (int slot : slots) {
          if (slot != relationship.slot && !(right.value && slot == right.slot)) return false;
        }
      }
    }
    return true;
  }

  // See Plan::count_last_step.
  bool CanCountLastStep() const {
    if (plan_.steps.empty() || !ReturnsOnlyRowCounts()) return false;
    const Step& last = plan_.steps.back();
    if (last.anchor) return false;
    const NodePlan& node = plan_.nodes[last.node];
    const RelationshipPlan& relationship = plan_.relationships[last.relationship];
    // Conditions on the last node and statement alone still let the count be kept per entity.
    for (int condition : last.conditions) {
      std::set<int> slots;
      CollectSlots(*plan_.conditions[condition], slots);
      for (int slot : slots) {
        if (slot != node.slot && slot != relationship.slot) return false;
      }
    }
    if (node.value || !node.properties.empty() || relationship.variable_length || !relationship.properties.empty()) {
      return false;
    }
    // The node must be new here: bound by no earlier step.
    for (size_t s = 0; s + 1 < plan_.steps.size(); ++s) {
      const Step& earlier = plan_.steps[s];
      if (plan_.nodes[earlier.node].slot == node.slot) return false;
      if (earlier.relationship >= 0 && plan_.relationships[earlier.relationship].slot == node.slot) return false;
    }
    return true;
  }

  // AS OF, DURING and KNOWN AT take dates: no variable, nothing unknown. (They are evaluated
  // before matching, by the executor.)
  absl::Status CheckTimeClauses() {
    for (auto [clause, name] : {std::pair{query_.as_of, "AS OF"}, std::pair{query_.during_start, "DURING"},
                                std::pair{query_.during_end, "DURING"}, std::pair{query_.known_at, "KNOWN AT"}}) {
      if (!clause) continue;
      // Names are checked first: CollectSlots looks up only variables the pattern binds.
      if (absl::Status checked = CheckExpression(*clause, false); !checked.ok()) return checked;
      std::set<int> slots;
      CollectSlots(*clause, slots);
      if (!slots.empty()) return ErrorAt(*clause, Cat(name, " takes a date, not a variable"));
    }
    return absl::OkStatus();
  }

  const Schema& schema_;
  const Query& query_;
  const Parameters& parameters_;
  Plan plan_;
};

}  // namespace

bool IsAggregate(const std::string& name) {
  return name == "count" || name == "min" || name == "max" || name == "sum" || name == "avg" || name == "collect";
}

namespace {

// Refuses a query with an expression nested deeper than kMaxExpressionDepth, walking the trees
// with an explicit stack. The parser refuses such text already; this catches trees built in C++
// (Builder, or a Query filled by hand), which planning and evaluation would otherwise recurse
// through once per level.
absl::Status CheckNesting(const Query& query) {
  std::vector<std::pair<const Expr*, int>> pending;  // an expression and its depth
  auto push = [&pending](const ExprPtr& expression, int depth) {
    if (expression != nullptr) pending.emplace_back(expression.get(), depth);
  };
  for (const ExprPtr& root :
       {query.where, query.as_of, query.during_start, query.during_end, query.known_at, query.skip, query.limit}) {
    push(root, 1);
  }
  for (const ReturnItem& item : query.returns) push(item.expression, 1);
  for (const OrderItem& item : query.order_by) push(item.expression, 1);
  for (const PathPattern& path : query.match) {
    for (const NodePattern& node : path.nodes) {
      for (const auto& [key, value] : node.properties) push(value, 1);
    }
    for (const RelationshipPattern& relationship : path.relationships) {
      for (const auto& [key, value] : relationship.properties) push(value, 1);
    }
  }
  while (!pending.empty()) {
    // Named copies, not a structured binding: Clang 14 (Debian 12) cannot capture one in a lambda.
    const Expr* expression = pending.back().first;
    const int depth = pending.back().second;
    pending.pop_back();
    if (depth > kMaxExpressionDepth) {
      return ErrorAt(*expression, Cat("expression nested more than ", kMaxExpressionDepth, " levels deep"));
    }
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, PropertyAccess>) {
            push(node.object, depth + 1);
          } else if constexpr (std::is_same_v<T, Operation>) {
            for (const ExprPtr& operand : node.operands) push(operand, depth + 1);
          } else if constexpr (std::is_same_v<T, FunctionCall>) {
            for (const ExprPtr& argument : node.arguments) push(argument, depth + 1);
          } else if constexpr (std::is_same_v<T, ListLiteral>) {
            for (const ExprPtr& item : node.items) push(item, depth + 1);
          }
        },
        expression->node);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ErrorAt(int line, int column, std::string_view message) {
  if (line == 0) return absl::InvalidArgumentError(std::string(message));
  return absl::InvalidArgumentError(Cat(line, ":", column, ": ", message));
}
absl::Status ErrorAt(const Expr& at, std::string_view message) { return ErrorAt(at.line, at.column, message); }

std::optional<IdCondition> AsIdCondition(const Expr& condition) {
  const Operation* operation = std::get_if<Operation>(&condition.node);
  if (operation == nullptr || (operation->op != Op::kEq && operation->op != Op::kIn)) return std::nullopt;
  // `v.id = …`, or `v = …` (an entity, such as entity('Alibaba Group')).
  auto id_of = [](const Expr& side) -> const Variable* {
    if (const Variable* variable = std::get_if<Variable>(&side.node)) return variable;
    const PropertyAccess* access = std::get_if<PropertyAccess>(&side.node);
    if (access == nullptr || access->key != "id") return nullptr;
    return std::get_if<Variable>(&access->object->node);
  };
  for (int side : {0, 1}) {
    if (side == 1 && operation->op == Op::kIn) break;
    const Variable* variable = id_of(*operation->operands[side]);
    const Expr& other = *operation->operands[1 - side];
    if (variable != nullptr && !NamesVariable(other)) {
      return IdCondition{variable->name, &other, operation->op == Op::kIn};
    }
  }
  return std::nullopt;
}


absl::StatusOr<Plan> Compile(const Schema& schema, const Query& query, const Parameters& parameters) {
  if (absl::Status nesting = CheckNesting(query); !nesting.ok()) return nesting;
  return Planner(schema, query, parameters).Run();
}

}  // namespace aikg::query::internal
