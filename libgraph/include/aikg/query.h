// aikg/query.h: pattern queries in a subset of openCypher, with time clauses.
//
//   MATCH (o:Organization)-[r:develops]->(c:Chip)
//   WHERE r.modality = 'reported' AND c.name STARTS WITH 'Ascend'
//   AS OF '2024-06-30' KNOWN AT '2025-09-30'
//   RETURN o.name AS developer, count(c) AS chips ORDER BY chips DESC LIMIT 5
//
// docs/query.md documents the grammar, the properties of entities, statements and values,
// the functions, and the time semantics. A query text is parsed into a `query::Query` (the
// same tree `query::Builder` makes in C++), then run over a View: both forms run the same plan.
//
// Example:
//   absl::StatusOr<aikg::query::Result> result =
//       aikg::query::Run(aikg::View(graph), "MATCH (a)-[:develops]->(b:Chip) RETURN a.name, b.name");
//   for (const auto& row : result->rows) std::cout << aikg::query::ToText(row[0]) << "\n";
//
// Errors (InvalidArgument) say "line:column: what was expected, what was found".

#ifndef AIKG_QUERY_H_
#define AIKG_QUERY_H_

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "aikg/graph.h"
#include "aikg/time.h"
#include "aikg/view.h"

namespace aikg::query {

// A value in a query: null, a truth value, a number, a text, a time, an entity, a statement,
// the value carried by a value statement (see docs/query.md), or a list.
struct Value;
using List = std::vector<Value>;
struct ValueOf {
  Statement statement;  // the value statement whose value this is
  friend bool operator==(const ValueOf& a, const ValueOf& b) { return a.statement == b.statement; }
};
struct Value {
  std::variant<std::monostate, bool, int64_t, double, std::string, TimePoint, Entity, Statement, ValueOf, List> data;

  bool is_null() const { return std::holds_alternative<std::monostate>(data); }
  friend bool operator==(const Value& a, const Value& b) { return a.data == b.data; }
};

// The text of a value as shown in tables: entities by id, statements by id, times in their
// canonical form, quantities as people read them ("≥ 97 million users", see FormatQuantity),
// lists as [a, b]. ToCsv writes quantities with their plain amount ("≥ 97000000 users").
std::string ToText(const Value& value);

// ---- The query tree -------------------------------------------------------------------------

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class Op : uint8_t {
  kOr, kAnd, kXor, kNot,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kIn, kStartsWith, kEndsWith, kContains,
  kAdd, kSub, kMul, kDiv, kNeg,
  kIsNull, kIsNotNull,
};

struct Literal {
  Value value;
};
struct Parameter {
  std::string name;
};
struct Variable {
  std::string name;
};
struct PropertyAccess {
  ExprPtr object;
  std::string key;
};
struct Operation {
  Op op;
  std::vector<ExprPtr> operands;
};
struct FunctionCall {
  std::string name;  // lower case
  std::vector<ExprPtr> arguments;
  bool distinct = false;
  bool star = false;  // count(*)
};
struct ListLiteral {
  std::vector<ExprPtr> items;
};

struct Expr {
  std::variant<Literal, Parameter, Variable, PropertyAccess, Operation, FunctionCall, ListLiteral> node;
  int line = 0;  // where it starts in the query text (0 when built in C++)
  int column = 0;
};

struct NodePattern {
  std::string variable;             // may be empty
  std::vector<std::string> labels;  // entity types, any of them (a|b); "Value" for value nodes
  std::vector<std::pair<std::string, ExprPtr>> properties;
  int line = 0, column = 0;
};

// The upper bound of an open hop range, `*2..`, as parsed; running it uses
// QueryOptions::max_open_hops instead.
inline constexpr int kUnboundedHops = 1 << 20;
// The largest hop count a query may write (`*..1000000`).
inline constexpr int kMaxHops = 1'000'000;
// How deeply expressions may nest (parentheses, NOT, unary minus, operator chains such as a
// sum of many terms): deeper is an InvalidArgument error at the place where the limit is passed.
inline constexpr int kMaxExpressionDepth = 500;

struct RelationshipPattern {
  std::string variable;
  std::vector<std::string> types;  // predicates, any of them
  Direction direction = Direction::kOut;
  int min_hops = 1;
  int max_hops = 1;
  bool variable_length = false;  // *m..n: the variable binds to a list of statements
  std::vector<std::pair<std::string, ExprPtr>> properties;
  int line = 0, column = 0;
};

// (n0)-[r0]-(n1)-[r1]-(n2)...
struct PathPattern {
  std::vector<NodePattern> nodes;
  std::vector<RelationshipPattern> relationships;  // one fewer than nodes
};

struct ReturnItem {
  ExprPtr expression;
  std::string alias;  // the column name; the expression's text when not given
};

struct OrderItem {
  ExprPtr expression;
  bool descending = false;
};

struct Query {
  std::vector<PathPattern> match;
  ExprPtr where;    // may be null
  ExprPtr as_of;    // valid-time clause, a date; may be null
  // DURING start .. end: statements whose valid time overlaps the window (Filter::valid_during).
  // Either end may be null (open), not both; `DURING p` (one period) has the same expression at
  // both ends. With AS OF too, a statement must pass both.
  bool during = false;
  ExprPtr during_start;
  ExprPtr during_end;
  bool include_undated = false;  // AS OF / DURING ... INCLUDE UNDATED (Filter::include_undated)
  ExprPtr known_at; // known-time clause, a date; may be null
  bool distinct = false;
  std::vector<ReturnItem> returns;
  std::vector<OrderItem> order_by;
  ExprPtr skip;  // may be null
  ExprPtr limit;
};

// The query tree of `text`, or InvalidArgument "line:column: expected …, found …".
absl::StatusOr<Query> Parse(std::string_view text);

// The query tree back as text; Parse(Format(q)) gives an equal tree.
std::string Format(const Query& query);

// ---- Running queries ------------------------------------------------------------------------

using Parameters = std::map<std::string, Value, std::less<>>;

struct Result {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// Limits on one run of a query, so that a runaway pattern (an open `*` over a dense graph, a
// cartesian product of many patterns) ends with an error instead of running for hours or
// taking all memory. docs/query.md lists the defaults.
struct QueryOptions {
  // The longest path an open hop range (`*`, `*2..`) matches. Written bounds (`*..40`) are kept.
  int max_open_hops = 10;
  // The most rows kept before ORDER BY, SKIP and LIMIT cut them (groups, when aggregating):
  // ResourceExhausted beyond. 0: no limit.
  int64_t max_rows = 10'000'000;
  // An estimate of the memory those rows take, in bytes: ResourceExhausted beyond. 0: no limit.
  int64_t max_memory_bytes = int64_t{2} << 30;
  // Wall time for the run: DeadlineExceeded beyond. Zero: no limit.
  std::chrono::milliseconds timeout{0};
  // Asked every few thousand matching steps; returning true stops the run with Cancelled.
  // (The Python binding uses it so that Ctrl-C reaches a running query.)
  std::function<bool()> cancelled;
};

// A timeout given in seconds (the CLI's --timeout, Python's `timeout=`) as
// QueryOptions::timeout: rounded up to whole milliseconds, so that a positive timeout never
// reads as "no limit". InvalidArgument unless 0 <= seconds <= 1e9 (NaN too).
inline absl::StatusOr<std::chrono::milliseconds> TimeoutFromSeconds(double seconds) {
  if (!(seconds >= 0 && seconds <= 1e9)) return absl::InvalidArgumentError("timeout takes seconds from 0 to 1e9");
  return std::chrono::milliseconds(static_cast<int64_t>(std::ceil(seconds * 1000)));
}

// Runs `query` over `view`. AS OF, DURING and KNOWN AT narrow the view first (see aikg/view.h
// for their semantics). InvalidArgument for unknown labels, types, variables, parameters or
// functions, with their line:column; ResourceExhausted, DeadlineExceeded or Cancelled when
// `options` stop the run.
absl::StatusOr<Result> Execute(const View& view, const Query& query, const Parameters& parameters = {},
                               const QueryOptions& options = {});

// Parse, then Execute.
absl::StatusOr<Result> Run(const View& view, std::string_view text, const Parameters& parameters = {},
                           const QueryOptions& options = {});

// Renderings of a result: an aligned text table, RFC 4180 CSV, or a JSON array of objects.
std::string ToTable(const Result& result);
std::string ToCsv(const Result& result);
std::string ToJson(const Result& result);

// ---- Building queries in C++ ----------------------------------------------------------------
//
//   using namespace aikg::query::build;
//   Query q = Builder()
//                 .Match(Path(Node("o", {"Organization"})).Out("r", {"develops"}, Node("c", {"Chip"})))
//                 .Where(Prop("c", "name").StartsWith(Lit("Ascend")))
//                 .Return(Prop("o", "name"), "developer")
//                 .OrderBy(Prop("o", "name"))
//                 .Build();

namespace build {

// An expression with operators, for building WHERE and RETURN clauses.
class E {
 public:
  E(ExprPtr expression) : expression_(std::move(expression)) {}  // NOLINT: implicit by design
  const ExprPtr& get() const { return expression_; }
  E operator==(const E& other) const;
  E operator!=(const E& other) const;
  E operator<(const E& other) const;
  E operator<=(const E& other) const;
  E operator>(const E& other) const;
  E operator>=(const E& other) const;
  E operator&&(const E& other) const;
  E operator||(const E& other) const;
  E operator!() const;
  E In(const E& list) const;
  E StartsWith(const E& prefix) const;
  E Contains(const E& part) const;
  E IsNull() const;

 private:
  ExprPtr expression_;
};

E Lit(Value value);
E Lit(const char* text);
E Lit(int64_t number);
E Lit(double number);
E Var(std::string name);
E Prop(std::string variable, std::string key);
E Param(std::string name);
E Call(std::string function, std::vector<E> arguments = {});
E CountAll();

NodePattern Node(std::string variable, std::vector<std::string> labels = {},
                 std::vector<std::pair<std::string, E>> properties = {});

class Path {
 public:
  explicit Path(NodePattern start);
  // Adds a relationship (to `next`) following, against, or regardless of statement direction.
  Path& Out(std::string variable, std::vector<std::string> types, NodePattern next);
  Path& In(std::string variable, std::vector<std::string> types, NodePattern next);
  Path& Any(std::string variable, std::vector<std::string> types, NodePattern next);
  // The last relationship added spans `min_hops` to `max_hops` statements.
  Path& Hops(int min_hops, int max_hops);
  const PathPattern& pattern() const { return pattern_; }

 private:
  Path& Add(std::string variable, std::vector<std::string> types, Direction direction, NodePattern next);
  PathPattern pattern_;
};

class Builder {
 public:
  Builder& Match(const Path& path);
  Builder& Where(const E& condition);  // ANDed with earlier conditions
  Builder& AsOf(const E& date, bool include_undated = false);
  // DURING start .. end; an end given as nullopt is open (not both: Execute refuses that). One
  // include_undated flag serves AsOf and During: the last call sets it.
  Builder& During(const std::optional<E>& start, const std::optional<E>& end, bool include_undated = false);
  Builder& KnownAt(const E& date);
  Builder& Distinct();
  Builder& Return(const E& expression, std::string alias = "");
  Builder& OrderBy(const E& expression, bool descending = false);
  Builder& Skip(int64_t count);
  Builder& Limit(int64_t count);
  Query Build() const { return query_; }

 private:
  Query query_;
};

}  // namespace build
}  // namespace aikg::query

#endif  // AIKG_QUERY_H_
