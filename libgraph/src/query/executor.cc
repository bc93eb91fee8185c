// Running a query: compile the tree against the schema (check names, give every variable a
// slot, choose where each pattern starts, attach each WHERE condition to the first step where
// all its variables are bound), then match by backtracking over the view's adjacency, and
// project, group, sort and cut the rows.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/range/iterator_range.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "aikg/query.h"
#include "aikg/resolve.h"
#include "internal/cat.h"
#include "internal/graph_data.h"
#include "query/value_ops.h"

namespace aikg::query {
namespace {

using aikg::internal::Cat;
using aikg::internal::GraphData;

constexpr uint32_t kUnbound = 0xFFFFFFFF;

enum class VariableKind { kEntity, kStatement, kPath, kValue };

std::string_view KindName(VariableKind kind) {
  switch (kind) {
    case VariableKind::kEntity: return "an entity";
    case VariableKind::kStatement: return "a statement";
    case VariableKind::kPath: return "a list of statements";
    case VariableKind::kValue: return "a value";
  }
  return "a variable";
}

// What a slot holds during matching: an entity, a statement, a value (its statement), or a
// variable-length path (an index into the executor's path store).
struct Slot {
  uint32_t index = kUnbound;
};

bool IsAggregate(const std::string& name) {
  return name == "count" || name == "min" || name == "max" || name == "sum" || name == "avg" || name == "collect";
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

absl::Status ErrorAt(int line, int column, std::string_view message) {
  if (line == 0) return absl::InvalidArgumentError(std::string(message));
  return absl::InvalidArgumentError(Cat(line, ":", column, ": ", message));
}
absl::Status ErrorAt(const Expr& at, std::string_view message) { return ErrorAt(at.line, at.column, message); }

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

class Executor {
 public:
  Executor(const View& view, const Query& query, const Parameters& parameters)
      : view_(view), data_(view.graph().data()), query_(query), parameters_(parameters) {}

  absl::StatusOr<Result> Run() {
    if (data_.schema == nullptr) return absl::FailedPreconditionError("the graph has no schema");
    if (absl::Status compiled = Compile(); !compiled.ok()) return compiled;
    if (absl::Status timed = ApplyTimeClauses(); !timed.ok()) return timed;
    slots_.assign(kinds_.size(), Slot{});
    // Conditions that need no variable are checked once, up front.
    bool constant_ok = true;
    for (int condition : constant_conditions_) constant_ok = constant_ok && Holds(*conditions_[condition]);
    if (constant_ok && !steps_.empty()) Match(0);
    if (!error_.ok()) return error_;
    return Finish();
  }

 private:
  // ---- Compilation ---------------------------------------------------------------------------

  absl::StatusOr<int> Declare(const std::string& name, VariableKind kind, int line, int column) {
    if (!name.empty()) {
      auto found = slot_of_.find(name);
      if (found != slot_of_.end()) {
        if (kinds_[found->second] != kind) {
          return ErrorAt(line, column, Cat("variable '", name, "' is ", KindName(kinds_[found->second]),
                                           " elsewhere, not ", KindName(kind)));
        }
        return found->second;
      }
    }
    int slot = static_cast<int>(kinds_.size());
    kinds_.push_back(kind);
    if (!name.empty()) slot_of_[name] = slot;
    return slot;
  }

  absl::Status Compile() {
    const Schema& schema = *data_.schema;
    if (query_.match.empty()) return absl::InvalidArgumentError("a query needs a MATCH pattern");
    // The steps of each pattern, in order; `bound` tracks slots bound by earlier steps.
    std::vector<bool> bound;
    auto is_bound = [&](int slot) { return slot < static_cast<int>(bound.size()) && bound[slot]; };
    if (query_.where) SplitConjuncts(query_.where);
    auto has_id_condition = [&](int slot) {
      for (const ExprPtr& condition : conditions_) {
        std::optional<IdCondition> ids = AsIdCondition(*condition);
        if (!ids) continue;
        auto declared = slot_of_.find(ids->variable);  // undeclared: CheckExpression reports it
        if (declared != slot_of_.end() && declared->second == slot) return true;
      }
      return false;
    };
    for (const PathPattern& path : query_.match) {
      size_t first_node = nodes_.size();
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
        nodes_.push_back(std::move(plan));
      }
      for (size_t i = 0; i < path.relationships.size(); ++i) {
        const RelationshipPattern& relationship = path.relationships[i];
        RelationshipPlan plan{0, {}, relationship.direction, relationship.min_hops, relationship.max_hops,
                              relationship.variable_length, relationship.properties};
        bool to_value = nodes_[first_node + i + 1].value;
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
        if (nodes_[first_node + i].value) {
          return ErrorAt(path.nodes[i].line, path.nodes[i].column, "a value has no relationships of its own");
        }
        if (!relationship.variable.empty() && slot_of_.contains(relationship.variable)) {
          return ErrorAt(relationship.line, relationship.column,
                         Cat("variable '", relationship.variable, "' is already bound: a relationship variable "
                             "names one relationship"));
        }
        absl::StatusOr<int> slot =
            Declare(relationship.variable, relationship.variable_length ? VariableKind::kPath : VariableKind::kStatement,
                    relationship.line, relationship.column);
        if (!slot.ok()) return slot.status();
        plan.slot = *slot;
        relationships_.push_back(std::move(plan));
      }
      // Where to start: a node bound by an earlier pattern, one given by id (in the pattern or
      // in WHERE) or name, one with a type, else the first entity node.
      size_t count = path.nodes.size();
      auto score = [&](size_t i) {
        const NodePlan& node = nodes_[first_node + i];
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
      size_t first_relationship = relationships_.size() - path.relationships.size();
      auto bind = [&](int slot) {
        if (static_cast<int>(bound.size()) <= slot) bound.resize(slot + 1, false);
        bound[slot] = true;
      };
      steps_.push_back({true, static_cast<int>(first_node + anchor), -1, -1, true, {}});
      bind(nodes_[first_node + anchor].slot);
      for (size_t i = anchor; i + 1 < count; ++i) {
        steps_.push_back({false, static_cast<int>(first_node + i + 1), static_cast<int>(first_node + i),
                          static_cast<int>(first_relationship + i), true, {}});
        bind(nodes_[first_node + i + 1].slot);
        bind(relationships_[first_relationship + i].slot);
      }
      for (size_t i = anchor; i > 0; --i) {
        steps_.push_back({false, static_cast<int>(first_node + i - 1), static_cast<int>(first_node + i),
                          static_cast<int>(first_relationship + i - 1), false, {}});
        bind(nodes_[first_node + i - 1].slot);
        bind(relationships_[first_relationship + i - 1].slot);
      }
    }
    // Slot → the step that binds it first.
    std::vector<int> bound_at(kinds_.size(), -1);
    for (int s = 0; s < static_cast<int>(steps_.size()); ++s) {
      for (int slot : {nodes_[steps_[s].node].slot,
                       steps_[s].relationship >= 0 ? relationships_[steps_[s].relationship].slot : -1}) {
        if (slot >= 0 && bound_at[slot] < 0) bound_at[slot] = s;
      }
    }
    for (const NodePlan& node : nodes_) {
      for (const auto& [key, value] : node.properties) {
        if (absl::Status checked = CheckExpression(*value, false); !checked.ok()) return checked;
        if (!node.value) continue;
        if (absl::Status checked = CheckProperty(VariableKind::kValue, key, *value); !checked.ok()) return checked;
      }
    }
    for (const RelationshipPlan& relationship : relationships_) {
      for (const auto& [key, value] : relationship.properties) {
        if (absl::Status checked = CheckExpression(*value, false); !checked.ok()) return checked;
        if (absl::Status checked = CheckProperty(VariableKind::kStatement, key, *value); !checked.ok()) return checked;
      }
    }
    // WHERE: its conjuncts, each checked as soon as its variables are bound.
    if (query_.where) {
      if (absl::Status checked = CheckExpression(*query_.where, false); !checked.ok()) return checked;
      for (int c = 0; c < static_cast<int>(conditions_.size()); ++c) {
        std::set<int> slots;
        CollectSlots(*conditions_[c], slots);
        int step = -1;
        for (int slot : slots) step = std::max(step, bound_at[slot]);
        if (step < 0) {
          constant_conditions_.push_back(c);
        } else {
          steps_[step].conditions.push_back(c);
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
      aggregates_.push_back(aggregate);
      grouping_ = grouping_ || aggregate;
      columns_.push_back(item.alias);
    }
    for (const OrderItem& item : query_.order_by) {
      int column = -1;
      if (const Variable* variable = std::get_if<Variable>(&item.expression->node)) {
        for (size_t c = 0; c < columns_.size(); ++c) {
          if (columns_[c] == variable->name) column = static_cast<int>(c);
        }
      }
      std::string text = FormatExpression(*item.expression);
      for (size_t c = 0; c < query_.returns.size() && column < 0; ++c) {
        if (FormatExpression(*query_.returns[c].expression) == text) column = static_cast<int>(c);
      }
      if (column < 0) {
        if (grouping_) {
          return ErrorAt(*item.expression, "with aggregation, ORDER BY may only use RETURN columns");
        }
        if (absl::Status checked = CheckExpression(*item.expression, false); !checked.ok()) return checked;
      }
      order_columns_.push_back(column);
    }
    for (const ExprPtr& count : {query_.skip, query_.limit}) {
      if (!count) continue;
      std::set<int> slots;
      CollectSlots(*count, slots);
      if (!slots.empty()) return ErrorAt(*count, "SKIP and LIMIT take a number, not a variable");
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
        if (known(kEntityProperties) || data_.schema->FindIdentifier(key) != nullptr) return absl::OkStatus();
        for (const EntityType& type : data_.schema->types()) {
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
            if (!slot_of_.contains(node.name)) {
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
              return CheckProperty(kinds_[slot_of_.at(variable->name)], node.key, expression);
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

  // `v.id = e`, `e = v.id` or `v.id IN e`, where `e` names no variable: the entities `e` names
  // can be looked up instead of scanning every entity for `v` (the condition is still checked).
  struct IdCondition {
    std::string variable;
    const Expr* ids;
    bool list;
  };

  static bool NamesVariable(const Expr& expression) {
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

  static std::optional<IdCondition> AsIdCondition(const Expr& condition) {
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

  void SplitConjuncts(const ExprPtr& expression) {
    if (const Operation* operation = std::get_if<Operation>(&expression->node); operation && operation->op == Op::kAnd) {
      SplitConjuncts(operation->operands[0]);
      SplitConjuncts(operation->operands[1]);
      return;
    }
    conditions_.push_back(expression);
  }

  void CollectSlots(const Expr& expression, std::set<int>& slots) const {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, Variable>) {
            slots.insert(slot_of_.at(node.name));
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

  absl::Status ApplyTimeClauses() {
    Filter filter;
    for (auto [clause, target, name] : {std::tuple{query_.as_of, &filter.valid_at, "AS OF"},
                                        std::tuple{query_.known_at, &filter.known_at, "KNOWN AT"}}) {
      if (!clause) continue;
      std::set<int> slots;
      CollectSlots(*clause, slots);
      if (!slots.empty()) return ErrorAt(*clause, Cat(name, " takes a date, not a variable"));
      if (absl::Status checked = CheckExpression(*clause, false); !checked.ok()) return checked;
      std::optional<TimePoint> time = internal::AsTime(Evaluate(*clause));
      if (!time) return ErrorAt(*clause, Cat(name, " needs a date such as '2024-06-30' or '2024'"));
      // A period stands for its last day: AS OF '2023' is as of the end of 2023.
      *target = time->last_day();
    }
    filter.include_undated = query_.include_undated;
    if (filter.valid_at || filter.known_at) {
      absl::StatusOr<View> narrowed = view_.Filtered(filter);
      if (!narrowed.ok()) return narrowed.status();
      narrowed_ = std::move(*narrowed);
    }
    return absl::OkStatus();
  }

  // ---- Matching ------------------------------------------------------------------------------

  const View& view() const { return narrowed_ ? *narrowed_ : view_; }

  bool Holds(const Expr& condition) {
    Value value = Evaluate(condition);
    const bool* truth = std::get_if<bool>(&value.data);
    return truth != nullptr && *truth;
  }

  // Whether entity `e` fits node `n` (type, properties, earlier binding).
  bool EntityFits(const NodePlan& node, EntityIndex e) {
    if (!view().Contains(e)) return false;
    if (!node.types.empty() && !data_.schema->IsAnyOf(data_.entities[e].type, node.types)) return false;
    return true;
  }

  bool PropertiesHold(int slot, const std::vector<std::pair<std::string, ExprPtr>>& properties) {
    for (const auto& [key, expected] : properties) {
      Value actual = PropertyOf(slot, key);
      Value same = internal::Compare(Op::kEq, actual, Evaluate(*expected));
      if (!std::get_if<bool>(&same.data) || !std::get<bool>(same.data)) return false;
    }
    return true;
  }

  bool Used(StatementIndex statement) const {
    return std::find(used_.begin(), used_.end(), statement) != used_.end();
  }

  void Match(size_t step_index) {
    if (!error_.ok()) return;
    if (step_index == steps_.size()) {
      Emit();
      return;
    }
    const Step& step = steps_[step_index];
    const NodePlan& node = nodes_[step.node];
    auto continue_with = [&]() {
      for (int condition : step.conditions) {
        if (!Holds(*conditions_[condition])) return;
      }
      Match(step_index + 1);
    };
    // Binds the step's node to `e` (or checks an earlier binding) and goes on.
    auto try_entity = [&](EntityIndex e) {
      Slot& slot = slots_[node.slot];
      bool was_unbound = slot.index == kUnbound;
      if (!was_unbound && slot.index != e) return;
      if (!EntityFits(node, e)) return;
      slot.index = e;
      if (PropertiesHold(node.slot, node.properties)) continue_with();
      if (was_unbound) slot.index = kUnbound;
    };

    if (step.anchor) {
      Slot& slot = slots_[node.slot];
      if (slot.index != kUnbound) {
        try_entity(slot.index);
        return;
      }
      for (EntityIndex e : AnchorCandidates(node, step)) try_entity(e);
      return;
    }

    const RelationshipPlan& relationship = relationships_[step.relationship];
    EntityIndex from = slots_[nodes_[step.from].slot].index;
    Slot& relationship_slot = slots_[relationship.slot];
    if (node.value) {
      for (StatementIndex statement : view().Values(from)) {
        if (!relationship.predicates.empty() &&
            std::find(relationship.predicates.begin(), relationship.predicates.end(),
                      data_.statements[statement].predicate) == relationship.predicates.end()) {
          continue;
        }
        Slot& value_slot = slots_[node.slot];
        if (value_slot.index != kUnbound && value_slot.index != statement) continue;
        uint32_t previous_value = value_slot.index;
        relationship_slot.index = statement;
        value_slot.index = statement;
        if (PropertiesHold(relationship.slot, relationship.properties) && PropertiesHold(node.slot, node.properties)) {
          continue_with();
        }
        relationship_slot.index = kUnbound;
        value_slot.index = previous_value;
      }
      return;
    }
    Direction follow = relationship.direction;
    if (!step.forward && follow != Direction::kBoth) follow = follow == Direction::kOut ? Direction::kIn : Direction::kOut;

    if (!relationship.variable_length) {
      view().ForEachHop(from, follow, [&](const Hop& hop) {
        if (!error_.ok() || Used(hop.statement) || !PredicateFits(relationship, hop.statement)) return;
        relationship_slot.index = hop.statement;
        if (PropertiesHold(relationship.slot, relationship.properties)) {
          used_.push_back(hop.statement);
          try_entity(hop.neighbor);
          used_.pop_back();
        }
        relationship_slot.index = kUnbound;
      });
      return;
    }
    // Variable length: depth-first over distinct statements, emitting every length in range.
    std::vector<StatementIndex> trail;
    auto extend = [&](auto& self, EntityIndex at) -> void {
      if (!error_.ok()) return;
      int length = static_cast<int>(trail.size());
      if (length >= relationship.min_hops) {
        relationship_slot.index = static_cast<uint32_t>(paths_.size());
        std::vector<StatementIndex> path = trail;
        if (!step.forward) std::reverse(path.begin(), path.end());
        paths_.push_back(std::move(path));
        try_entity(at);
        paths_.pop_back();
        relationship_slot.index = kUnbound;
      }
      if (length >= relationship.max_hops) return;
      std::vector<Hop> hops = view().Neighbors(at, follow);
      for (const Hop& hop : hops) {
        if (Used(hop.statement) || !PredicateFits(relationship, hop.statement)) continue;
        trail.push_back(hop.statement);
        used_.push_back(hop.statement);
        // Inline properties apply to every statement of the path.
        relationship_slot.index = hop.statement;
        bool fits = PropertiesHoldForStatement(relationship, hop.statement);
        relationship_slot.index = kUnbound;
        if (fits) self(self, hop.neighbor);
        used_.pop_back();
        trail.pop_back();
      }
    };
    extend(extend, from);
  }

  bool PropertiesHoldForStatement(const RelationshipPlan& relationship, StatementIndex statement) {
    for (const auto& [key, expected] : relationship.properties) {
      Value same = internal::Compare(Op::kEq, StatementProperty(statement, key), Evaluate(*expected));
      if (!std::get_if<bool>(&same.data) || !std::get<bool>(same.data)) return false;
    }
    return true;
  }

  bool PredicateFits(const RelationshipPlan& relationship, StatementIndex statement) const {
    if (relationship.predicates.empty()) return true;
    PredicateId predicate = data_.statements[statement].predicate;
    return std::find(relationship.predicates.begin(), relationship.predicates.end(), predicate) !=
           relationship.predicates.end();
  }

  // The entities an anchor node may bind: looked up when the pattern or a WHERE condition of
  // the step gives ids or a name, else every entity that fits the node.
  std::vector<EntityIndex> AnchorCandidates(const NodePlan& node, const Step& step) {
    for (const auto& [key, expected] : node.properties) {
      if (key == "id") {
        Value id = Evaluate(*expected);
        const std::string* text = std::get_if<std::string>(&id.data);
        if (text == nullptr) return {};
        auto found = data_.entity_ids.find(*text);
        if (found == data_.entity_ids.end()) return {};
        return {found->second};
      }
    }
    for (const auto& [key, expected] : node.properties) {
      if (key == "name") {
        Value name = Evaluate(*expected);
        const std::string* text = std::get_if<std::string>(&name.data);
        if (text == nullptr) return {};
        std::vector<EntityIndex> candidates;
        for (const Entity& entity : view().graph().FindByName(*text)) candidates.push_back(entity.index());
        return candidates;  // the exact name is checked with the other properties
      }
    }
    for (int condition : step.conditions) {
      std::optional<IdCondition> ids = AsIdCondition(*conditions_[condition]);
      if (!ids || slot_of_.at(ids->variable) != node.slot) continue;
      Value given = Evaluate(*ids->ids);
      const List* list = std::get_if<List>(&given.data);
      // A non-list right of IN is an error the condition itself reports: scan, and let it.
      if (ids->list && list == nullptr && !given.is_null()) break;
      std::vector<EntityIndex> candidates;
      auto look_up = [&](const Value& id) {
        if (const Entity* entity = std::get_if<Entity>(&id.data)) {
          candidates.push_back(entity->index());
          return;
        }
        const std::string* text = std::get_if<std::string>(&id.data);
        if (text == nullptr) return;
        if (auto found = data_.entity_ids.find(*text); found != data_.entity_ids.end()) {
          candidates.push_back(found->second);
        }
      };
      if (list != nullptr) {
        for (const Value& id : *list) look_up(id);
      } else {
        look_up(given);
      }
      // In entity order, once each: what a scan would find.
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      return candidates;
    }
    std::vector<EntityIndex> candidates;
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (EntityFits(node, e)) candidates.push_back(e);
    }
    return candidates;
  }

  // ---- Evaluation ----------------------------------------------------------------------------

  void Fail(const Expr& at, std::string_view message) {
    if (error_.ok()) error_ = ErrorAt(at, message);
  }

  Value SlotValue(int slot) const {
    const Slot& bound = slots_[slot];
    if (bound.index == kUnbound) return Value{};
    const Graph& graph = view().graph();
    switch (kinds_[slot]) {
      case VariableKind::kEntity: return Value{graph.entity(bound.index)};
      case VariableKind::kStatement: return Value{graph.statement(bound.index)};
      case VariableKind::kValue: return Value{ValueOf{graph.statement(bound.index)}};
      case VariableKind::kPath: {
        List list;
        for (StatementIndex statement : paths_[bound.index]) list.push_back(Value{graph.statement(statement)});
        return Value{std::move(list)};
      }
    }
    return Value{};
  }

  Value PropertyOf(int slot, const std::string& key) const {
    const Slot& bound = slots_[slot];
    if (bound.index == kUnbound) return Value{};
    switch (kinds_[slot]) {
      case VariableKind::kEntity: return EntityProperty(bound.index, key);
      case VariableKind::kStatement: return StatementProperty(bound.index, key);
      case VariableKind::kValue: return ValueProperty(bound.index, key);
      case VariableKind::kPath: return Value{};
    }
    return Value{};
  }

  Value EntityProperty(EntityIndex index, const std::string& key) const {
    Entity entity = view().graph().entity(index);
    if (key == "id") return Value{std::string(entity.id())};
    if (key == "name") return Value{std::string(entity.name())};
    if (key == "type") return Value{std::string(entity.type_name())};
    if (key == "description") {
      return entity.description().empty() ? Value{} : Value{std::string(entity.description())};
    }
    if (key == "aliases") {
      List aliases;
      for (const Alias& alias : entity.aliases()) aliases.push_back(Value{std::string(alias.name)});
      return Value{std::move(aliases)};
    }
    std::optional<AttributeValue> attribute = entity.attribute(key);
    return attribute ? internal::FromAttribute(*attribute) : Value{};
  }

  Value StatementProperty(StatementIndex index, const std::string& key) const {
    const Graph& graph = view().graph();
    Statement statement = graph.statement(index);
    auto time = [](const TimePoint& point) { return point.is_set() ? Value{point} : Value{}; };
    if (key == "id") return Value{std::string(statement.id())};
    if (key == "type" || key == "predicate") return Value{std::string(statement.predicate_name())};
    if (key == "modality") return Value{std::string(ModalityName(statement.modality()))};
    if (key == "confidence") return statement.confidence() ? Value{*statement.confidence()} : Value{};
    if (key == "valid") {
      ValidTime valid = statement.valid();
      if (!valid.is_set()) return Value{};
      if (valid.is_point()) return Value{valid.from};
      return Value{valid.ToString()};
    }
    // The first and last possible day, so that comparing them with an ISO date is exact.
    if (key == "valid_start" || key == "valid_end") {
      ValidTime valid = statement.valid();
      std::optional<absl::CivilDay> day = key == "valid_start" ? valid.start_day() : valid.end_day();
      return day ? Value{TimePoint::Day(static_cast<int>(day->year()), day->month(), day->day())} : Value{};
    }
    if (key == "valid_precision") {
      ValidTime valid = statement.valid();
      return valid.is_set() ? Value{std::string(PrecisionName(valid.precision()))} : Value{};
    }
    if (key == "period") return time(statement.period());
    if (key == "source") return Value{std::string(graph.source(statement.citations()[0].source).id())};
    if (key == "locator") {
      std::string_view locator = statement.citations()[0].locator;
      return locator.empty() ? Value{} : Value{std::string(locator)};
    }
    if (key == "sources" || key == "locators") {
      List list;
      for (const Citation& citation : statement.citations()) {
        list.push_back(key == "sources" ? Value{std::string(graph.source(citation.source).id())}
                                        : Value{std::string(citation.locator)});
      }
      return Value{std::move(list)};
    }
    if (key == "published") {
      // The earliest publication among its sources (relays standing in for undated sources).
      std::optional<TimePoint> earliest;
      for (const Citation& citation : statement.citations()) {
        for (std::optional<Source> source = graph.source(citation.source); source; source = source->via()) {
          if (!source->published().is_set()) continue;
          if (!earliest || source->published().first_day() < earliest->first_day()) earliest = source->published();
          break;
        }
      }
      return earliest ? Value{*earliest} : Value{};
    }
    if (key == "subject") return Value{statement.subject()};
    if (key == "object") {
      std::optional<Entity> object = statement.object();
      return object ? Value{*object} : Value{};
    }
    return Value{};
  }

  Value ValueProperty(StatementIndex index, const std::string& key) const {
    Statement statement = view().graph().statement(index);
    if (key == "kind") return Value{std::string(RangeKindName(statement.kind()))};
    if (std::optional<Quantity> quantity = statement.quantity()) {
      if (key == "amount" || key == "value") return Value{quantity->amount};
      if (key == "unit") return Value{std::string(quantity->unit)};
      if (key == "bound") return Value{std::string(BoundName(quantity->bound))};
      if (key == "lower") return quantity->lower ? Value{*quantity->lower} : Value{};
      if (key == "upper") return quantity->upper ? Value{*quantity->upper} : Value{};
      if (key == "dimension") {
        return Value{data_.schema->unit(*data_.schema->FindUnit(quantity->unit)).dimension};
      }
    }
    if (std::optional<Text> text = statement.text()) {
      if (key == "text" || key == "value") return Value{std::string(text->text)};
      if (key == "lang") return text->lang.empty() ? Value{} : Value{std::string(text->lang)};
    }
    if (std::optional<TimePoint> date = statement.date(); date && (key == "date" || key == "value")) return Value{*date};
    if (std::optional<bool> boolean = statement.boolean(); boolean && (key == "boolean" || key == "value")) {
      return Value{*boolean};
    }
    return Value{};
  }

  Value Evaluate(const Expr& expression) {
    return std::visit(
        [&](const auto& node) -> Value {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, Literal>) {
            return node.value;
          } else if constexpr (std::is_same_v<T, Parameter>) {
            return parameters_.find(node.name)->second;
          } else if constexpr (std::is_same_v<T, Variable>) {
            return SlotValue(slot_of_.at(node.name));
          } else if constexpr (std::is_same_v<T, PropertyAccess>) {
            if (const Variable* variable = std::get_if<Variable>(&node.object->node)) {
              return PropertyOf(slot_of_.at(variable->name), node.key);
            }
            Value object = Evaluate(*node.object);
            if (const Entity* entity = std::get_if<Entity>(&object.data)) return EntityProperty(entity->index(), node.key);
            if (const Statement* statement = std::get_if<Statement>(&object.data)) {
              return StatementProperty(statement->index(), node.key);
            }
            if (object.is_null()) return Value{};
            Fail(expression, Cat("cannot read property '", node.key, "' of ", ToText(object)));
            return Value{};
          } else if constexpr (std::is_same_v<T, Operation>) {
            return EvaluateOperation(expression, node);
          } else if constexpr (std::is_same_v<T, FunctionCall>) {
            return EvaluateFunction(expression, node);
          } else {
            List list;
            for (const ExprPtr& item : node.items) list.push_back(Evaluate(*item));
            return Value{std::move(list)};
          }
        },
        expression.node);
  }

  Value EvaluateOperation(const Expr& at, const Operation& operation) {
    auto truth = [](const Value& value) -> std::optional<bool> {
      if (const bool* b = std::get_if<bool>(&value.data)) return *b;
      return std::nullopt;
    };
    switch (operation.op) {
      case Op::kAnd: case Op::kOr: case Op::kXor: {
        std::optional<bool> left = truth(Evaluate(*operation.operands[0]));
        // Short-circuit where the answer is settled.
        if (operation.op == Op::kAnd && left == false) return Value{false};
        if (operation.op == Op::kOr && left == true) return Value{true};
        std::optional<bool> right = truth(Evaluate(*operation.operands[1]));
        if (operation.op == Op::kAnd) {
          if (right == false) return Value{false};
          return left && right ? Value{true} : Value{};
        }
        if (operation.op == Op::kOr) {
          if (right == true) return Value{true};
          return left && right ? Value{false} : Value{};
        }
        return left && right ? Value{*left != *right} : Value{};
      }
      case Op::kNot: {
        std::optional<bool> operand = truth(Evaluate(*operation.operands[0]));
        return operand ? Value{!*operand} : Value{};
      }
      case Op::kIsNull: return Value{Evaluate(*operation.operands[0]).is_null()};
      case Op::kIsNotNull: return Value{!Evaluate(*operation.operands[0]).is_null()};
      case Op::kNeg: {
        Value operand = Evaluate(*operation.operands[0]);
        if (const int64_t* i = std::get_if<int64_t>(&operand.data)) return Value{-*i};
        if (const double* d = std::get_if<double>(&operand.data)) return Value{-*d};
        if (!operand.is_null()) Fail(at, Cat("cannot negate ", ToText(operand)));
        return Value{};
      }
      default: break;
    }
    Value left = Evaluate(*operation.operands[0]);
    Value right = Evaluate(*operation.operands[1]);
    switch (operation.op) {
      case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe: case Op::kGt: case Op::kGe:
        return internal::Compare(operation.op, left, right);
      case Op::kIn: {
        if (right.is_null()) return Value{};
        const List* list = std::get_if<List>(&right.data);
        if (list == nullptr) {
          Fail(at, "IN needs a list on its right");
          return Value{};
        }
        bool unknown = false;
        for (const Value& item : *list) {
          Value same = internal::Compare(Op::kEq, left, item);
          if (same.is_null()) unknown = true;
          else if (std::get<bool>(same.data)) return Value{true};
        }
        return unknown ? Value{} : Value{false};
      }
      case Op::kStartsWith: case Op::kEndsWith: case Op::kContains: {
        const std::string* text = std::get_if<std::string>(&left.data);
        const std::string* part = std::get_if<std::string>(&right.data);
        if (text == nullptr || part == nullptr) return Value{};
        if (operation.op == Op::kStartsWith) return Value{absl::StartsWith(*text, *part)};
        if (operation.op == Op::kEndsWith) return Value{absl::EndsWith(*text, *part)};
        return Value{absl::StrContains(*text, *part)};
      }
      case Op::kAdd: case Op::kSub: case Op::kMul: case Op::kDiv: {
        if (left.is_null() || right.is_null()) return Value{};
        if (operation.op == Op::kAdd) {
          const std::string* a = std::get_if<std::string>(&left.data);
          const std::string* b = std::get_if<std::string>(&right.data);
          if (a && b) return Value{*a + *b};
        }
        const int64_t* i = std::get_if<int64_t>(&left.data);
        const int64_t* j = std::get_if<int64_t>(&right.data);
        if (i && j) {
          switch (operation.op) {
            case Op::kAdd: return Value{*i + *j};
            case Op::kSub: return Value{*i - *j};
            case Op::kMul: return Value{*i * *j};
            default:
              if (*j == 0) {
                Fail(at, "division by zero");
                return Value{};
              }
              return Value{*i / *j};
          }
        }
        std::optional<double> x = internal::AsNumber(left), y = internal::AsNumber(right);
        if (!x || !y) {
          Fail(at, Cat("arithmetic needs numbers, not ", ToText(left), " and ", ToText(right)));
          return Value{};
        }
        switch (operation.op) {
          case Op::kAdd: return Value{*x + *y};
          case Op::kSub: return Value{*x - *y};
          case Op::kMul: return Value{*x * *y};
          default: return Value{*x / *y};
        }
      }
      default: return Value{};
    }
  }

  Value EvaluateFunction(const Expr& at, const FunctionCall& call) {
    // Aggregates are evaluated by the grouping code; here their argument is what is wanted.
    std::vector<Value> arguments;
    for (const ExprPtr& argument : call.arguments) arguments.push_back(Evaluate(*argument));
    const std::string& name = call.name;
    if (name == "coalesce") {
      for (Value& argument : arguments) {
        if (!argument.is_null()) return std::move(argument);
      }
      return Value{};
    }
    const Value& first = arguments.empty() ? Value{} : arguments[0];
    if (first.is_null()) return Value{};
    if (name == "id") {
      if (const Entity* e = std::get_if<Entity>(&first.data)) return Value{std::string(e->id())};
      if (const Statement* s = std::get_if<Statement>(&first.data)) return Value{std::string(s->id())};
    } else if (name == "type") {
      if (const Statement* s = std::get_if<Statement>(&first.data)) return Value{std::string(s->predicate_name())};
    } else if (name == "labels") {
      if (const Entity* e = std::get_if<Entity>(&first.data)) {
        List labels;
        for (std::optional<TypeId> type = e->type(); type; type = data_.schema->type(*type).parent) {
          labels.push_back(Value{data_.schema->type(*type).name});
        }
        return Value{std::move(labels)};
      }
    } else if (name == "tolower" || name == "toupper") {
      if (const std::string* text = std::get_if<std::string>(&first.data)) {
        return Value{name == "tolower" ? absl::AsciiStrToLower(*text) : absl::AsciiStrToUpper(*text)};
      }
    } else if (name == "size" || name == "length") {
      if (const List* list = std::get_if<List>(&first.data)) return Value{static_cast<int64_t>(list->size())};
      if (const std::string* text = std::get_if<std::string>(&first.data)) {
        return Value{static_cast<int64_t>(text->size())};
      }
    } else if (name == "date") {
      if (std::optional<TimePoint> time = internal::AsTime(first)) return Value{*time};
      Fail(at, Cat("date() cannot read '", ToText(first), "' as a time"));
      return Value{};
    } else if (name == "tostring") {
      return Value{ToText(first)};
    } else if (name == "entity") {
      // A name, alias, identifier or id, resolved as everywhere else in aikg (aikg/resolve.h).
      if (const std::string* text = std::get_if<std::string>(&first.data)) {
        absl::StatusOr<Entity> entity = NameResolver(view().graph()).Resolve(*text);
        if (entity.ok()) return Value{*entity};
        Fail(at, Cat("entity(): ", entity.status().message()));
        return Value{};
      }
    } else if (name == "qualifier") {
      const Statement* statement = std::get_if<Statement>(&first.data);
      const std::string* key = std::get_if<std::string>(&arguments[1].data);
      if (statement && key) {
        for (const Qualifier& qualifier : statement->qualifiers()) {
          if (qualifier.key == *key) return Value{std::string(qualifier.value)};
        }
        return Value{};
      }
    } else if (IsAggregate(name)) {
      return first;
    }
    Fail(at, Cat(name, "() cannot take ", ToText(first)));
    return Value{};
  }

  // ---- Projection ----------------------------------------------------------------------------

  struct Accumulator {
    int64_t count = 0;
    double sum = 0;
    bool all_integers = true;
    int64_t integer_sum = 0;
    Value extreme;
    List items;
    std::set<Value, internal::TotalLess> seen;  // for DISTINCT
  };
  struct Group {
    std::vector<Value> keys;  // by column; aggregate columns left null
    std::vector<Accumulator> accumulators;
  };
  struct OutputRow {
    std::vector<Value> values;
    std::vector<Value> order_keys;
  };

  void Emit() {
    if (!grouping_) {
      OutputRow row;
      for (const ReturnItem& item : query_.returns) row.values.push_back(Evaluate(*item.expression));
      for (size_t o = 0; o < query_.order_by.size(); ++o) {
        row.order_keys.push_back(order_columns_[o] >= 0 ? row.values[order_columns_[o]]
                                                        : Evaluate(*query_.order_by[o].expression));
      }
      rows_.push_back(std::move(row));
      return;
    }
    std::vector<Value> keys(query_.returns.size());
    for (size_t c = 0; c < query_.returns.size(); ++c) {
      if (!aggregates_[c]) keys[c] = Evaluate(*query_.returns[c].expression);
    }
    auto [found, inserted] = group_of_.try_emplace(keys, groups_.size());
    if (inserted) groups_.push_back({keys, std::vector<Accumulator>(query_.returns.size())});
    Group& group = groups_[found->second];
    for (size_t c = 0; c < query_.returns.size(); ++c) {
      if (aggregates_[c]) Accumulate(std::get<FunctionCall>(query_.returns[c].expression->node), group.accumulators[c]);
    }
  }

  void Accumulate(const FunctionCall& call, Accumulator& accumulator) {
    if (call.star) {
      ++accumulator.count;
      return;
    }
    Value value = Evaluate(*call.arguments[0]);
    if (value.is_null()) return;
    if (call.distinct && !accumulator.seen.insert(value).second) return;
    ++accumulator.count;
    if (call.name == "sum" || call.name == "avg") {
      std::optional<double> number = internal::AsNumber(value);
      if (!number) {
        Fail(*call.arguments[0], Cat(call.name, "() needs numbers, not ", ToText(value)));
        return;
      }
      accumulator.sum += *number;
      if (const int64_t* integer = std::get_if<int64_t>(&value.data)) {
        accumulator.integer_sum += *integer;
      } else {
        accumulator.all_integers = false;
      }
    } else if (call.name == "min" || call.name == "max") {
      int order = accumulator.extreme.is_null() ? 0 : internal::TotalOrder(value, accumulator.extreme);
      if (accumulator.extreme.is_null() || (call.name == "min" ? order < 0 : order > 0)) accumulator.extreme = value;
    } else if (call.name == "collect") {
      accumulator.items.push_back(std::move(value));
    }
  }

  Value Finalize(const FunctionCall& call, const Accumulator& accumulator) const {
    if (call.name == "count") return Value{accumulator.count};
    if (call.name == "sum") {
      return accumulator.all_integers ? Value{accumulator.integer_sum} : Value{accumulator.sum};
    }
    if (call.name == "avg") return accumulator.count == 0 ? Value{} : Value{accumulator.sum / accumulator.count};
    if (call.name == "collect") return Value{accumulator.items};
    return accumulator.extreme;
  }

  absl::StatusOr<int64_t> Count(const ExprPtr& expression, std::string_view clause) {
    Value value = Evaluate(*expression);
    const int64_t* count = std::get_if<int64_t>(&value.data);
    if (count == nullptr || *count < 0) {
      return ErrorAt(*expression, Cat(clause, " needs a non-negative integer, not ", ToText(value)));
    }
    return *count;
  }

  absl::StatusOr<Result> Finish() {
    if (grouping_) {
      // Only aggregates, no match: one row of empty aggregates (count 0), as in Cypher.
      bool only_aggregates = std::all_of(aggregates_.begin(), aggregates_.end(), [](bool a) { return a; });
      if (groups_.empty() && only_aggregates) {
        groups_.push_back({std::vector<Value>(query_.returns.size()), std::vector<Accumulator>(query_.returns.size())});
      }
      for (Group& group : groups_) {
        OutputRow row;
        row.values = group.keys;
        for (size_t c = 0; c < query_.returns.size(); ++c) {
          if (aggregates_[c]) {
            row.values[c] = Finalize(std::get<FunctionCall>(query_.returns[c].expression->node), group.accumulators[c]);
          }
        }
        for (int column : order_columns_) row.order_keys.push_back(row.values[column]);
        rows_.push_back(std::move(row));
      }
    }
    if (query_.distinct) {
      std::set<std::vector<Value>, internal::RowLess> seen;
      std::vector<OutputRow> unique;
      for (OutputRow& row : rows_) {
        if (seen.insert(row.values).second) unique.push_back(std::move(row));
      }
      rows_ = std::move(unique);
    }
    if (!query_.order_by.empty()) {
      std::stable_sort(rows_.begin(), rows_.end(), [&](const OutputRow& a, const OutputRow& b) {
        for (size_t o = 0; o < query_.order_by.size(); ++o) {
          int order = internal::TotalOrder(a.order_keys[o], b.order_keys[o]);
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
    result.columns = columns_;
    for (size_t r = skip; r < rows_.size() && result.rows.size() < limit; ++r) result.rows.push_back(std::move(rows_[r].values));
    return result;
  }

  static std::string FormatExpression(const Expr& expression) { return internal::FormatExpression(expression); }

  const View& view_;
  std::optional<View> narrowed_;
  const GraphData& data_;
  const Query& query_;
  const Parameters& parameters_;

  absl::flat_hash_map<std::string, int> slot_of_;
  std::vector<VariableKind> kinds_;
  std::vector<NodePlan> nodes_;
  std::vector<RelationshipPlan> relationships_;
  std::vector<Step> steps_;
  std::vector<ExprPtr> conditions_;
  std::vector<int> constant_conditions_;
  std::vector<std::string> columns_;
  std::vector<bool> aggregates_;
  bool grouping_ = false;
  std::vector<int> order_columns_;  // RETURN column of each ORDER BY item, or -1

  std::vector<Slot> slots_;
  std::vector<StatementIndex> used_;
  std::vector<std::vector<StatementIndex>> paths_;
  std::vector<OutputRow> rows_;
  std::vector<Group> groups_;
  std::map<std::vector<Value>, size_t, internal::RowLess> group_of_;
  absl::Status error_;
};

}  // namespace


absl::StatusOr<Result> Execute(const View& view, const Query& query, const Parameters& parameters) {
  return Executor(view, query, parameters).Run();
}

absl::StatusOr<Result> Run(const View& view, std::string_view text, const Parameters& parameters) {
  absl::StatusOr<Query> query = Parse(text);
  if (!query.ok()) return query.status();
  return Execute(view, *query, parameters);
}

}  // namespace aikg::query
