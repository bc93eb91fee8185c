// The C++ query builder: it makes the same tree the parser makes.

#include <utility>

#include "aikg/query.h"
#include "query/value_ops.h"

namespace aikg::query::build {
namespace {

ExprPtr Make(decltype(Expr::node) node) {
  auto expression = std::make_shared<Expr>();
  expression->node = std::move(node);
  return expression;
}

E Binary(Op op, const E& left, const E& right) { return E(Make(Operation{op, {left.get(), right.get()}})); }

}  // namespace

E E::operator==(const E& other) const { return Binary(Op::kEq, *this, other); }
E E::operator!=(const E& other) const { return Binary(Op::kNe, *this, other); }
E E::operator<(const E& other) const { return Binary(Op::kLt, *this, other); }
E E::operator<=(const E& other) const { return Binary(Op::kLe, *this, other); }
E E::operator>(const E& other) const { return Binary(Op::kGt, *this, other); }
E E::operator>=(const E& other) const { return Binary(Op::kGe, *this, other); }
E E::operator&&(const E& other) const { return Binary(Op::kAnd, *this, other); }
E E::operator||(const E& other) const { return Binary(Op::kOr, *this, other); }
E E::operator!() const { return E(Make(Operation{Op::kNot, {expression_}})); }
E E::In(const E& list) const { return Binary(Op::kIn, *this, list); }
E E::StartsWith(const E& prefix) const { return Binary(Op::kStartsWith, *this, prefix); }
E E::Contains(const E& part) const { return Binary(Op::kContains, *this, part); }
E E::IsNull() const { return E(Make(Operation{Op::kIsNull, {expression_}})); }

E Lit(Value value) { return E(Make(Literal{std::move(value)})); }
E Lit(const char* text) { return Lit(Value{std::string(text)}); }
E Lit(int64_t number) { return Lit(Value{number}); }
E Lit(double number) { return Lit(Value{number}); }
E Var(std::string name) { return E(Make(Variable{std::move(name)})); }
E Prop(std::string variable, std::string key) {
  return E(Make(PropertyAccess{Var(std::move(variable)).get(), std::move(key)}));
}
E Param(std::string name) { return E(Make(Parameter{std::move(name)})); }
E Call(std::string function, std::vector<E> arguments) {
  FunctionCall call{std::move(function), {}, false, false};
  for (const E& argument : arguments) call.arguments.push_back(argument.get());
  return E(Make(std::move(call)));
}
E CountAll() { return E(Make(FunctionCall{"count", {}, false, true})); }

NodePattern Node(std::string variable, std::vector<std::string> labels,
                 std::vector<std::pair<std::string, E>> properties) {
  NodePattern node{std::move(variable), std::move(labels), {}};
  for (auto& [key, value] : properties) node.properties.emplace_back(key, value.get());
  return node;
}

Path::Path(NodePattern start) { pattern_.nodes.push_back(std::move(start)); }

Path& Path::Add(std::string variable, std::vector<std::string> types, Direction direction, NodePattern next) {
  RelationshipPattern relationship;
  relationship.variable = std::move(variable);
  relationship.types = std::move(types);
  relationship.direction = direction;
  pattern_.relationships.push_back(std::move(relationship));
  pattern_.nodes.push_back(std::move(next));
  return *this;
}
Path& Path::Out(std::string variable, std::vector<std::string> types, NodePattern next) {
  return Add(std::move(variable), std::move(types), Direction::kOut, std::move(next));
}
Path& Path::In(std::string variable, std::vector<std::string> types, NodePattern next) {
  return Add(std::move(variable), std::move(types), Direction::kIn, std::move(next));
}
Path& Path::Any(std::string variable, std::vector<std::string> types, NodePattern next) {
  return Add(std::move(variable), std::move(types), Direction::kBoth, std::move(next));
}
Path& Path::Hops(int min_hops, int max_hops) {
  RelationshipPattern& last = pattern_.relationships.back();
  last.variable_length = true;
  last.min_hops = min_hops;
  last.max_hops = max_hops;
  return *this;
}

Builder& Builder::Match(const Path& path) {
  query_.match.push_back(path.pattern());
  return *this;
}
Builder& Builder::Where(const E& condition) {
  query_.where = query_.where ? (E(query_.where) && condition).get() : condition.get();
  return *this;
}
Builder& Builder::AsOf(const E& date, bool include_undated) {
  query_.as_of = date.get();
  query_.include_undated = include_undated;
  return *this;
}
Builder& Builder::During(const std::optional<E>& start, const std::optional<E>& end, bool include_undated) {
  query_.during = true;
  query_.during_start = start ? start->get() : nullptr;
  query_.during_end = end ? end->get() : nullptr;
  query_.include_undated = include_undated;
  return *this;
}
Builder& Builder::KnownAt(const E& date) {
  query_.known_at = date.get();
  return *this;
}
Builder& Builder::Distinct() {
  query_.distinct = true;
  return *this;
}
Builder& Builder::Return(const E& expression, std::string alias) {
  if (alias.empty()) alias = internal::FormatExpression(*expression.get());
  query_.returns.push_back({expression.get(), std::move(alias)});
  return *this;
}
Builder& Builder::OrderBy(const E& expression, bool descending) {
  query_.order_by.push_back({expression.get(), descending});
  return *this;
}
Builder& Builder::Skip(int64_t count) {
  query_.skip = Lit(count).get();
  return *this;
}
Builder& Builder::Limit(int64_t count) {
  query_.limit = Lit(count).get();
  return *this;
}

}  // namespace aikg::query::build
