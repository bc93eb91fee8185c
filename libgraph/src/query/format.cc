// Query trees back to text, and results to tables, CSV and JSON.

#include <algorithm>
#include <cstdio>
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/strings/str_join.h"
#include "internal/cat.h"
#include "query/value_ops.h"

namespace aikg::query {
namespace {

using aikg::internal::Cat;

std::string_view OpText(Op op) {
  switch (op) {
    case Op::kOr: return "OR";
    case Op::kAnd: return "AND";
    case Op::kXor: return "XOR";
    case Op::kNot: return "NOT";
    case Op::kEq: return "=";
    case Op::kNe: return "<>";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kIn: return "IN";
    case Op::kStartsWith: return "STARTS WITH";
    case Op::kEndsWith: return "ENDS WITH";
    case Op::kContains: return "CONTAINS";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kNeg: return "-";
    case Op::kIsNull: return "IS NULL";
    case Op::kIsNotNull: return "IS NOT NULL";
  }
  return "?";
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') quoted.push_back('\\');
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted.push_back(c);
  }
  return quoted + "'";
}

std::string LiteralText(const Value& value) {
  if (value.is_null()) return "null";
  if (const std::string* text = std::get_if<std::string>(&value.data)) return Quote(*text);
  if (const TimePoint* time = std::get_if<TimePoint>(&value.data)) return Cat("date(", Quote(time->ToString()), ")");
  if (const List* list = std::get_if<List>(&value.data)) {
    return "[" + absl::StrJoin(*list, ", ", [](std::string* out, const Value& item) { *out += LiteralText(item); }) + "]";
  }
  if (const double* number = std::get_if<double>(&value.data)) {
    std::string text = ToText(value);
    // Keep it a float when read back.
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    (void)number;
    return text;
  }
  return ToText(value);
}

std::string Name(const std::string& name) {
  bool plain = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
               std::all_of(name.begin(), name.end(),
                           [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  return plain ? name : Cat("`", name, "`");
}

std::string Properties(const std::vector<std::pair<std::string, ExprPtr>>& properties) {
  if (properties.empty()) return "";
  return " {" +
         absl::StrJoin(properties, ", ",
                       [](std::string* out, const auto& property) {
                         *out += Cat(Name(property.first), ": ", internal::FormatExpression(*property.second));
                       }) +
         "}";
}

std::string NodeText(const NodePattern& node) {
  std::string text = "(" + (node.variable.empty() ? "" : Name(node.variable));
  if (!node.labels.empty()) {
    text += ":" + absl::StrJoin(node.labels, "|", [](std::string* out, const std::string& l) { *out += Name(l); });
  }
  return text + Properties(node.properties) + ")";
}

std::string RelationshipText(const RelationshipPattern& relationship) {
  std::string inside = relationship.variable.empty() ? "" : Name(relationship.variable);
  if (!relationship.types.empty()) {
    inside += ":" + absl::StrJoin(relationship.types, "|", [](std::string* out, const std::string& t) { *out += Name(t); });
  }
  if (relationship.variable_length) {
    inside += Cat("*", relationship.min_hops, "..");
    if (relationship.max_hops != kUnboundedHops) inside += Cat(relationship.max_hops);
  }
  inside += Properties(relationship.properties);
  std::string body = inside.empty() ? "" : Cat("[", inside, "]");
  switch (relationship.direction) {
    case Direction::kOut: return Cat("-", body, "->");
    case Direction::kIn: return Cat("<-", body, "-");
    case Direction::kBoth: return Cat("-", body, "-");
  }
  return body;
}

}  // namespace

namespace internal {

std::string FormatExpression(const Expr& expression) {
  return std::visit(
      [](const auto& node) -> std::string {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Literal>) {
          return LiteralText(node.value);
        } else if constexpr (std::is_same_v<T, Parameter>) {
          return "$" + node.name;
        } else if constexpr (std::is_same_v<T, Variable>) {
          return Name(node.name);
        } else if constexpr (std::is_same_v<T, PropertyAccess>) {
          return FormatExpression(*node.object) + "." + Name(node.key);
        } else if constexpr (std::is_same_v<T, Operation>) {
          if (node.op == Op::kNot) return "NOT (" + FormatExpression(*node.operands[0]) + ")";
          if (node.op == Op::kNeg) return "-(" + FormatExpression(*node.operands[0]) + ")";
          if (node.op == Op::kIsNull || node.op == Op::kIsNotNull) {
            return Cat("(", FormatExpression(*node.operands[0]), ") ", OpText(node.op));
          }
          return Cat("(", FormatExpression(*node.operands[0]), " ", OpText(node.op), " ",
                     FormatExpression(*node.operands[1]), ")");
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          if (node.star) return node.name + "(*)";
          return Cat(node.name, "(", node.distinct ? "DISTINCT " : "",
                     absl::StrJoin(node.arguments, ", ",
                                   [](std::string* out, const ExprPtr& a) { *out += FormatExpression(*a); }),
                     ")");
        } else {
          return "[" +
                 absl::StrJoin(node.items, ", ", [](std::string* out, const ExprPtr& i) { *out += FormatExpression(*i); }) +
                 "]";
        }
      },
      expression.node);
}

}  // namespace internal

std::string Format(const Query& query) {
  std::string text = "MATCH ";
  text += absl::StrJoin(query.match, ", ", [](std::string* out, const PathPattern& path) {
    *out += NodeText(path.nodes[0]);
    for (size_t i = 0; i < path.relationships.size(); ++i) {
      *out += RelationshipText(path.relationships[i]) + NodeText(path.nodes[i + 1]);
    }
  });
  if (query.where) text += " WHERE " + internal::FormatExpression(*query.where);
  if (query.as_of) text += " AS OF " + internal::FormatExpression(*query.as_of);
  if (query.during) {
    const ExprPtr &start = query.during_start, &end = query.during_end;
    if (start && start == end) {  // one period, written once: DURING '2024'
      text += " DURING " + internal::FormatExpression(*start);
    } else {
      text += " DURING ";
      if (start) text += internal::FormatExpression(*start) + " ";
      text += "..";
      if (end) text += " " + internal::FormatExpression(*end);
    }
  }
  if (query.include_undated) text += " INCLUDE UNDATED";
  if (query.known_at) text += " KNOWN AT " + internal::FormatExpression(*query.known_at);
  text += query.distinct ? " RETURN DISTINCT " : " RETURN ";
  text += absl::StrJoin(query.returns, ", ", [](std::string* out, const ReturnItem& item) {
    *out += internal::FormatExpression(*item.expression) + " AS " + Name(item.alias);
  });
  if (!query.order_by.empty()) {
    text += " ORDER BY " + absl::StrJoin(query.order_by, ", ", [](std::string* out, const OrderItem& item) {
              *out += internal::FormatExpression(*item.expression) + (item.descending ? " DESC" : "");
            });
  }
  if (query.skip) text += " SKIP " + internal::FormatExpression(*query.skip);
  if (query.limit) text += " LIMIT " + internal::FormatExpression(*query.limit);
  return text;
}

std::string ToTable(const Result& result) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(result.columns);
  for (const auto& row : result.rows) {
    std::vector<std::string> line;
    for (const Value& value : row) line.push_back(ToText(value));
    cells.push_back(std::move(line));
  }
  // Widths in characters (UTF-8 continuation bytes do not count).
  auto width = [](const std::string& text) {
    return std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  };
  std::vector<size_t> widths(result.columns.size(), 0);
  for (const auto& line : cells) {
    for (size_t c = 0; c < line.size(); ++c) widths[c] = std::max<size_t>(widths[c], width(line[c]));
  }
  std::string table;
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < cells[r].size(); ++c) {
      table += cells[r][c];
      if (c + 1 < cells[r].size()) table += std::string(widths[c] - width(cells[r][c]) + 2, ' ');
    }
    table += "\n";
    if (r == 0) {
      for (size_t c = 0; c < widths.size(); ++c) {
        table += std::string(widths[c], '-') + (c + 1 < widths.size() ? "  " : "");
      }
      table += "\n";
    }
  }
  table += Cat("(", result.rows.size(), result.rows.size() == 1 ? " row)\n" : " rows)\n");
  return table;
}

std::string ToCsv(const Result& result) {
  auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"') quoted.push_back('"');
      quoted.push_back(c);
    }
    return quoted + "\"";
  };
  std::string csv;
  csv += absl::StrJoin(result.columns, ",", [&](std::string* out, const std::string& c) { *out += field(c); }) + "\r\n";
  for (const auto& row : result.rows) {
    csv += absl::StrJoin(row, ",",
                         [&](std::string* out, const Value& v) { *out += field(internal::ToPlainText(v)); }) +
           "\r\n";
  }
  return csv;
}

namespace {

void WriteJson(rapidjson::Writer<rapidjson::StringBuffer>& writer, const Value& value) {
  std::visit(
      [&](const auto& data) {
        using T = std::decay_t<decltype(data)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          writer.Null();
        } else if constexpr (std::is_same_v<T, bool>) {
          writer.Bool(data);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          writer.Int64(data);
        } else if constexpr (std::is_same_v<T, double>) {
          writer.Double(data);
        } else if constexpr (std::is_same_v<T, std::string>) {
          writer.String(data.c_str(), static_cast<rapidjson::SizeType>(data.size()));
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          std::string text = data.ToString();
          writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
        } else if constexpr (std::is_same_v<T, Entity>) {
          writer.StartObject();
          for (auto [key, text] : {std::pair{"id", data.id()}, std::pair{"name", data.name()},
                                   std::pair{"type", data.type_name()}}) {
            writer.Key(key);
            writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
          }
          writer.EndObject();
        } else if constexpr (std::is_same_v<T, Statement>) {
          writer.StartObject();
          for (auto [key, text] : {std::pair{"id", data.id()}, std::pair{"predicate", data.predicate_name()},
                                   std::pair{"subject", data.subject().id()},
                                   std::pair{"modality", ModalityName(data.modality())}}) {
            writer.Key(key);
            writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
          }
          writer.EndObject();
        } else if constexpr (std::is_same_v<T, ValueOf>) {
          const Statement& statement = data.statement;
          if (auto quantity = statement.quantity()) {
            writer.StartObject();
            writer.Key("amount");
            writer.Double(quantity->amount);
            writer.Key("unit");
            writer.String(quantity->unit.data(), static_cast<rapidjson::SizeType>(quantity->unit.size()));
            writer.Key("bound");
            std::string_view bound = BoundName(quantity->bound);
            writer.String(bound.data(), static_cast<rapidjson::SizeType>(bound.size()));
            writer.EndObject();
          } else if (auto boolean = statement.boolean()) {
            writer.Bool(*boolean);
          } else {
            std::string text = ToText(value);
            writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
          }
        } else {
          writer.StartArray();
          for (const Value& item : data) WriteJson(writer, item);
          writer.EndArray();
        }
      },
      value.data);
}

}  // namespace

std::string ToJson(const Result& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const auto& row : result.rows) {
    writer.StartObject();
    for (size_t c = 0; c < row.size(); ++c) {
      writer.Key(result.columns[c].c_str(), static_cast<rapidjson::SizeType>(result.columns[c].size()));
      WriteJson(writer, row[c]);
    }
    writer.EndObject();
  }
  writer.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace aikg::query
