// The XML graph formats: GraphML (typed keys) and GEXF 1.3 (a dynamic graph whose edges live
// for their statements' valid time). Both are written element by element with escaping;
// entity attributes get one typed column each, lists and objects are JSON text.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "export/export_internal.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

// One column for each attribute name the schema declares, in declaration order. A name
// declared with different kinds on different types gets a text column.
struct AttributeColumn {
  std::string_view name;    // the attribute's name
  std::string title;        // the column's name: the attribute's, unless a fixed column has it
  std::optional<AttributeKind> kind;  // nullopt: kinds differ, written as text
};

class AttributeColumns {
 public:
  AttributeColumns(const Schema& schema, absl::Span<const std::string_view> reserved) {
    for (const EntityType& type : schema.types()) {
      for (const AttributeDecl& decl : type.attributes) {
        auto [it, added] = index_.try_emplace(decl.name, columns_.size());
        if (!added) {
          AttributeColumn& column = columns_[it->second];
          if (column.kind != decl.kind) column.kind.reset();
          continue;
        }
        bool taken = std::find(reserved.begin(), reserved.end(), decl.name) != reserved.end();
        columns_.push_back({decl.name, taken ? Cat("attribute:", decl.name) : decl.name, decl.kind});
      }
    }
  }
  const std::vector<AttributeColumn>& columns() const { return columns_; }
  size_t IndexOf(std::string_view name) const { return index_.at(name); }

 private:
  std::vector<AttributeColumn> columns_;
  absl::flat_hash_map<std::string_view, size_t> index_;  // names live in the schema
};

std::string AttributeText(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          return std::string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return NumberText(v);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return Cat(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else {
          return v.ToString();
        }
      },
      value);
}

// GraphML's and GEXF's type names agree for these.
std::string_view XmlType(std::optional<AttributeKind> kind) {
  if (!kind) return "string";
  switch (*kind) {
    case AttributeKind::kNumber: return "double";
    case AttributeKind::kInteger: return "long";
    case AttributeKind::kBoolean: return "boolean";
    case AttributeKind::kText:
    case AttributeKind::kDate: break;
  }
  return "string";
}

// The columns every statement carries on an edge, in the order written.
struct EdgeColumn {
  std::string_view name;
  std::string_view type;  // GraphML attr.type
};
constexpr EdgeColumn kEdgeColumns[] = {
    {"predicate", "string"},  {"modality", "string"},  {"valid", "string"},      {"valid_start", "string"},
    {"valid_end", "string"},  {"valid_precision", "string"}, {"period", "string"}, {"sources", "string"},
    {"locators", "string"},   {"confidence", "double"}, {"qualifiers", "string"},
};
constexpr std::string_view kNodeColumns[] = {"label", "type", "name", "description", "aliases", "values"};

// Calls `cell(name, text)` for each edge column the statement has a value for.
template <typename Cell>
void EdgeCells(const ExportScope& scope, JsonText& json, StatementIndex index, Cell cell) {
  const StatementRecord& statement = scope.data.statements[index];
  cell("predicate", scope.PredicateName(statement));
  cell("modality", ModalityName(statement.modality));
  if (statement.valid.is_set()) {
    cell("valid", statement.valid.ToString());
    if (std::optional<absl::CivilDay> start = statement.valid.start_day()) cell("valid_start", DayText(*start));
    if (std::optional<absl::CivilDay> end = statement.valid.end_day()) cell("valid_end", DayText(*end));
    cell("valid_precision", PrecisionName(statement.valid.precision()));
  }
  if (statement.period.is_set()) cell("period", statement.period.ToString());
  json.Begin().SourceIds(statement);
  cell("sources", json.text());
  json.Begin().Locators(statement);
  cell("locators", json.text());
  if (!std::isnan(statement.confidence)) cell("confidence", NumberText(statement.confidence));
  if (statement.qualifiers.count > 0) {
    json.Begin().Qualifiers(statement);
    cell("qualifiers", json.text());
  }
}

// Calls `cell(name, text)` for each fixed node column the entity has a value for, then
// `attribute(column, text)` for each of its attributes.
template <typename Cell, typename AttributeCell>
void NodeCells(const ExportScope& scope, JsonText& json, EntityIndex index, Cell cell, AttributeCell attribute) {
  const EntityRecord& entity = scope.data.entities[index];
  cell("label", entity.name);
  cell("type", scope.TypeName(entity));
  cell("name", entity.name);
  if (!entity.description.empty()) cell("description", entity.description);
  if (entity.aliases.count > 0) {
    json.Begin().Aliases(entity);
    cell("aliases", json.text());
  }
  size_t values = 0;
  scope.ForEachValue(index, [&](StatementIndex) { ++values; });
  if (values > 0) {
    json.Begin().Values(index);
    cell("values", json.text());
  }
  for (const Attribute& a : scope.data.AttributesOf(entity)) attribute(a.name, AttributeText(a.value));
}

}  // namespace

void WriteGraphMl(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  Progress progress(options, scope.total_items());
  TextOut out(file);
  JsonText json(scope);
  const GraphData& data = scope.data;
  const Schema& schema = *data.schema;
  AttributeColumns attributes(schema, kNodeColumns);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  auto key = [&](std::string_view id, std::string_view domain, std::string_view name, std::string_view type) {
    out << "  <key id=\"";
    out.Xml(id);
    out << "\" for=\"" << domain << "\" attr.name=\"";
    out.Xml(name);
    out << "\" attr.type=\"" << type << "\"/>\n";
  };
  for (std::string_view name : {"format", "schema", "schema_version", "sources"}) {
    key(Cat("g_", name), "graph", name, "string");
  }
  for (std::string_view name : kNodeColumns) key(Cat("n_", name), "node", name, "string");
  for (size_t i = 0; i < attributes.columns().size(); ++i) {
    const AttributeColumn& column = attributes.columns()[i];
    key(Cat("n_attribute_", i), "node", column.title, XmlType(column.kind));
  }
  for (const EdgeColumn& column : kEdgeColumns) key(Cat("e_", column.name), "edge", column.name, column.type);
  key("e_label", "edge", "label", "string");

  auto data_element = [&](std::string_view indent, std::string_view key_id, std::string_view text) {
    out << indent << "<data key=\"" << key_id << "\">";
    out.Xml(text);
    out << "</data>\n";
  };
  out << "  <graph id=\"G\" edgedefault=\"directed\">\n";
  data_element("    ", "g_format", "aikg-graphml/1");
  data_element("    ", "g_schema", schema.name());
  data_element("    ", "g_schema_version", schema.version());
  json.Begin().Sources();
  data_element("    ", "g_sources", json.text());

  for (EntityIndex e = 0; e < data.entities.size(); ++e) {
    if (!scope.view.Contains(e)) continue;
    out << "    <node id=\"";
    out.Xml(data.entities[e].id);
    out << "\">\n";
    NodeCells(
        scope, json, e,
        [&](std::string_view name, std::string_view text) { data_element("      ", Cat("n_", name), text); },
        [&](std::string_view name, std::string_view text) {
          data_element("      ", Cat("n_attribute_", attributes.IndexOf(name)), text);
        });
    out << "    </node>\n";
    size_t values = 0;
    scope.ForEachValue(e, [&](StatementIndex) { ++values; });
    progress.Step(1 + values);
  }
  for (StatementIndex s = 0; s < data.statements.size(); ++s) {
    const StatementRecord& statement = data.statements[s];
    if (!scope.view.ContainsStatement(s) || !scope.IsEdge(statement)) continue;
    out << "    <edge id=\"";
    out.Xml(statement.id);
    out << "\" source=\"";
    out.Xml(data.entities[statement.subject].id);
    out << "\" target=\"";
    out.Xml(data.entities[std::get<ObjectRef>(statement.value).entity].id);
    out << "\">\n";
    data_element("      ", "e_label", scope.PredicateName(statement));
    EdgeCells(scope, json, s,
              [&](std::string_view name, std::string_view text) { data_element("      ", Cat("e_", name), text); });
    out << "    </edge>\n";
    progress.Step();
  }
  out << "  </graph>\n</graphml>\n";
  progress.Done();
}

void WriteGexf(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  Progress progress(options, scope.total_items());
  TextOut out(file);
  JsonText json(scope);
  const GraphData& data = scope.data;
  const Schema& schema = *data.schema;
  // GEXF gives nodes a label of their own: the fixed columns leave it out.
  constexpr std::string_view kGexfNodeColumns[] = {"type", "name", "description", "aliases", "values"};
  AttributeColumns attributes(schema, kGexfNodeColumns);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>aikg</creator>\n    <description>";
  out.Xml(Cat("aikg graph, schema ", schema.name(), " ", schema.version()));
  out << "</description>\n  </meta>\n"
         "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
         "    <attributes class=\"node\" mode=\"static\">\n";
  auto attribute = [&](std::string_view id, std::string_view title, std::string_view type) {
    out << "      <attribute id=\"";
    out.Xml(id);
    out << "\" title=\"";
    out.Xml(title);
    out << "\" type=\"" << type << "\"/>\n";
  };
  for (std::string_view name : kGexfNodeColumns) attribute(name, name, "string");
  for (size_t i = 0; i < attributes.columns().size(); ++i) {
    const AttributeColumn& column = attributes.columns()[i];
    attribute(Cat("attribute_", i), column.title, XmlType(column.kind));
  }
  out << "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  // GEXF 1.3 has no date type for attributes: the days are ISO text (the spells are dates).
  for (const EdgeColumn& column : kEdgeColumns) attribute(column.name, column.name, column.type);
  out << "    </attributes>\n";

  auto attvalue = [&](std::string_view id, std::string_view text) {
    out << "          <attvalue for=\"";
    out.Xml(id);
    out << "\" value=\"";
    out.Xml(text);
    out << "\"/>\n";
  };
  out << "    <nodes>\n";
  for (EntityIndex e = 0; e < data.entities.size(); ++e) {
    if (!scope.view.Contains(e)) continue;
    out << "      <node id=\"";
    out.Xml(data.entities[e].id);
    out << "\" label=\"";
    out.Xml(data.entities[e].name);
    out << "\">\n        <attvalues>\n";
    NodeCells(
        scope, json, e,
        [&](std::string_view name, std::string_view text) {
          if (name != "label") attvalue(name, text);
        },
        [&](std::string_view name, std::string_view text) {
          attvalue(Cat("attribute_", attributes.IndexOf(name)), text);
        });
    out << "        </attvalues>\n      </node>\n";
    size_t values = 0;
    scope.ForEachValue(e, [&](StatementIndex) { ++values; });
    progress.Step(1 + values);
  }
  out << "    </nodes>\n    <edges>\n";
  for (StatementIndex s = 0; s < data.statements.size(); ++s) {
    const StatementRecord& statement = data.statements[s];
    if (!scope.view.ContainsStatement(s) || !scope.IsEdge(statement)) continue;
    std::string_view predicate = scope.PredicateName(statement);
    out << "      <edge id=\"";
    out.Xml(statement.id);
    out << "\" source=\"";
    out.Xml(data.entities[statement.subject].id);
    out << "\" target=\"";
    out.Xml(data.entities[std::get<ObjectRef>(statement.value).entity].id);
    // `kind` keeps parallel edges of different predicates apart in Gephi.
    out << "\" label=\"";
    out.Xml(predicate);
    out << "\" kind=\"";
    out.Xml(predicate);
    out << "\"";
    // The spell Gephi's timeline plays: the valid time's days; an open end is left open.
    if (std::optional<absl::CivilDay> start = statement.valid.start_day()) {
      out << " start=\"" << DayText(*start) << "\"";
    }
    if (std::optional<absl::CivilDay> end = statement.valid.end_day()) {
      out << " end=\"" << DayText(*end) << "\"";
    }
    out << ">\n        <attvalues>\n";
    EdgeCells(scope, json, s, [&](std::string_view name, std::string_view text) { attvalue(name, text); });
    out << "        </attvalues>\n      </edge>\n";
    progress.Step();
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  progress.Done();
}

}  // namespace aikg::internal
