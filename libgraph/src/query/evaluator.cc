// Evaluating expressions (see evaluator.h).

#include "query/evaluator.h"

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "aikg/resolve.h"
#include "internal/cat.h"
#include "query/value_ops.h"

namespace aikg::query::internal {

using aikg::internal::Cat;

namespace {

std::string_view OperatorSymbol(Op op) {
  switch (op) {
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    default: return "/";
  }
}

}  // namespace

void Evaluator::Fail(const Expr& at, std::string_view message) {
  if (error_.ok()) error_ = ErrorAt(at, message);
}

Value Evaluator::SlotValue(int slot) const {
  uint32_t bound = bindings_.slots[slot];
  if (bound == kUnbound) return Value{};
  const Graph& graph = view().graph();
  switch (plan_.kinds[slot]) {
    case VariableKind::kEntity: return Value{graph.entity(bound)};
    case VariableKind::kStatement: return Value{graph.statement(bound)};
    case VariableKind::kValue: return Value{ValueOf{graph.statement(bound)}};
    case VariableKind::kPath: {
      List list;
      for (StatementIndex statement : bindings_.paths[bound]) list.push_back(Value{graph.statement(statement)});
      return Value{std::move(list)};
    }
  }
  return Value{};
}

Value Evaluator::PropertyOf(int slot, const std::string& key) const {
  uint32_t bound = bindings_.slots[slot];
  if (bound == kUnbound) return Value{};
  switch (plan_.kinds[slot]) {
    case VariableKind::kEntity: return EntityProperty(bound, key);
    case VariableKind::kStatement: return StatementProperty(bound, key);
    case VariableKind::kValue: return ValueProperty(bound, key);
    case VariableKind::kPath: return Value{};
  }
  return Value{};
}

Value Evaluator::EntityProperty(EntityIndex index, const std::string& key) const {
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
  return attribute ? FromAttribute(*attribute) : Value{};
}

Value Evaluator::StatementProperty(StatementIndex index, const std::string& key) const {
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

Value Evaluator::ValueProperty(StatementIndex index, const std::string& key) const {
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

Value Evaluator::Evaluate(const Expr& expression) {
  return std::visit(
      [&](const auto& node) -> Value {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Literal>) {
          return node.value;
        } else if constexpr (std::is_same_v<T, Parameter>) {
          return parameters_.find(node.name)->second;
        } else if constexpr (std::is_same_v<T, Variable>) {
          return SlotValue(plan_.slot_of.at(node.name));
        } else if constexpr (std::is_same_v<T, PropertyAccess>) {
          if (const Variable* variable = std::get_if<Variable>(&node.object->node)) {
            return PropertyOf(plan_.slot_of.at(variable->name), node.key);
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

Value Evaluator::EvaluateOperation(const Expr& at, const Operation& operation) {
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
      if (const int64_t* i = std::get_if<int64_t>(&operand.data)) {
        int64_t negated;
        if (!__builtin_sub_overflow(int64_t{0}, *i, &negated)) return Value{negated};
        Fail(at, Cat("integer overflow: -(", *i, ") is out of the 64-bit range"));
        return Value{};
      }
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
      return Compare(operation.op, left, right);
    case Op::kIn: {
      if (right.is_null()) return Value{};
      const List* list = std::get_if<List>(&right.data);
      if (list == nullptr) {
        Fail(at, "IN needs a list on its right");
        return Value{};
      }
      bool unknown = false;
      for (const Value& item : *list) {
        Value same = Compare(Op::kEq, left, item);
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
        // Checked: a wrapped result would be a silent wrong answer, and INT64_MIN / -1 traps.
        int64_t result;
        bool overflow = false;
        switch (operation.op) {
          case Op::kAdd: overflow = __builtin_add_overflow(*i, *j, &result); break;
          case Op::kSub: overflow = __builtin_sub_overflow(*i, *j, &result); break;
          case Op::kMul: overflow = __builtin_mul_overflow(*i, *j, &result); break;
          default:
            if (*j == 0) {
              Fail(at, "division by zero");
              return Value{};
            }
            overflow = *i == std::numeric_limits<int64_t>::min() && *j == -1;
            if (!overflow) result = *i / *j;
        }
        if (overflow) {
          Fail(at, Cat("integer overflow: ", ToText(left), " ", OperatorSymbol(operation.op), " ", ToText(right),
                       " is out of the 64-bit range"));
          return Value{};
        }
        return Value{result};
      }
      std::optional<double> x = AsNumber(left), y = AsNumber(right);
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

Value Evaluator::EvaluateFunction(const Expr& at, const FunctionCall& call) {
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
    if (std::optional<TimePoint> time = AsTime(first)) return Value{*time};
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

bool Evaluator::Holds(const Expr& condition) {
  Value value = Evaluate(condition);
  const bool* truth = std::get_if<bool>(&value.data);
  return truth != nullptr && *truth;
}

}  // namespace aikg::query::internal
