// The JSON graph formats: NetworkX node-link, JSON Graph Format v2 and Cytoscape.js elements.
// Each is streamed one node or edge per line; the three differ only in their frame and in where
// they put aikg's fields (docs/export.md).

#include <cstdio>
#include <string_view>

#include "export/export_internal.h"

namespace aikg::internal {
namespace {

using Fields = JsonFields<JsonFile::Writer>;

// An array (or object) written one item per line: `[`, then "\n<indent>item" separated by
// commas, then `]` on its own line at the outer indentation.
class Lines {
 public:
  Lines(JsonFile& out, std::string_view indent, char open = '[') : out_(out), indent_(indent), open_(open) {
    char text[2] = {open, '\0'};
    out_.Raw(text);
  }
  // Starts the next item and returns the writer to write it with.
  JsonFile::Writer& Item() {
    out_.Raw(first_ ? "\n" : ",\n");
    out_.Raw(indent_);
    first_ = false;
    return out_.Next();
  }
  void Close() {
    if (!first_) {
      out_.Raw("\n");
      out_.Raw(indent_.substr(0, indent_.size() >= 1 ? indent_.size() - 1 : 0));
    }
    out_.Raw(open_ == '[' ? "]" : "}");
  }

 private:
  JsonFile& out_;
  std::string_view indent_;
  char open_;
  bool first_ = true;
};

// Visits the visible entities, then the visible edge statements, in index order.
template <typename Visit>
void ForEachEntity(const ExportScope& scope, Visit visit) {
  for (EntityIndex e = 0; e < scope.data.entities.size(); ++e) {
    if (scope.view.Contains(e)) visit(e);
  }
}
template <typename Visit>
void ForEachEdge(const ExportScope& scope, Visit visit) {
  for (StatementIndex s = 0; s < scope.data.statements.size(); ++s) {
    if (scope.view.ContainsStatement(s) && scope.IsEdge(scope.data.statements[s])) visit(s);
  }
}

// Counts an entity and its visible values as written.
void StepEntity(const ExportScope& scope, Progress& progress, EntityIndex entity) {
  size_t values = 0;
  scope.ForEachValue(entity, [&](StatementIndex) { ++values; });
  progress.Step(1 + values);
}

void WriteSchemaMembers(const ExportScope& scope, JsonFile& out) {
  const Schema& schema = *scope.data.schema;
  out.Raw("\"schema\": ");
  out.Next().String(schema.name().data(), static_cast<rapidjson::SizeType>(schema.name().size()));
  out.Raw(", \"schema_version\": ");
  out.Next().String(schema.version().data(), static_cast<rapidjson::SizeType>(schema.version().size()));
}

void WriteSourceLines(const ExportScope& scope, JsonFile& out, std::string_view indent) {
  Fields fields(scope, out.writer());
  Lines lines(out, indent);
  for (SourceIndex source : scope.sources) {
    lines.Item();
    fields.Source(source);
  }
  lines.Close();
}

}  // namespace

void WriteNodeLink(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  scope.NumberStatements();
  Progress progress(options, scope.total_items());
  JsonFile out(file);
  Fields fields(scope, out.writer());
  const GraphData& data = scope.data;

  out.Raw("{\"directed\": true, \"multigraph\": true,\n \"graph\": {\"format\": \"");
  out.Raw(kNodeLinkFormat);
  out.Raw("\", ");
  WriteSchemaMembers(scope, out);
  out.Raw(", \"sources\": ");
  WriteSourceLines(scope, out, "   ");
  out.Raw("},\n \"nodes\": ");

  Lines nodes(out, "  ");
  ForEachEntity(scope, [&](EntityIndex e) {
    nodes.Item().StartObject();
    fields.Member("id", data.entities[e].id);
    fields.EntityMembers(e, /*with_name=*/true);
    out.writer().EndObject();
    StepEntity(scope, progress, e);
  });
  nodes.Close();

  out.Raw(",\n \"");
  out.Raw(options.node_link_links_key ? "links" : "edges");
  out.Raw("\": ");
  Lines edges(out, "  ");
  ForEachEdge(scope, [&](StatementIndex s) {
    const StatementRecord& statement = data.statements[s];
    edges.Item().StartObject();
    fields.Member("source", data.entities[statement.subject].id);
    fields.Member("target", data.entities[std::get<ObjectRef>(statement.value).entity].id);
    fields.Member("key", statement.id);
    fields.Member("predicate", scope.PredicateName(statement));
    fields.StatementMembers(s);
    out.writer().EndObject();
    progress.Step();
  });
  edges.Close();
  out.Raw("\n}\n");
  out.Flush();
  progress.Done();
}

void WriteJsonGraph(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  scope.NumberStatements();
  Progress progress(options, scope.total_items());
  JsonFile out(file);
  Fields fields(scope, out.writer());
  const GraphData& data = scope.data;
  const Schema& schema = *data.schema;

  out.Raw("{\"graph\": {\"directed\": true, \"type\": \"aikg\",\n \"metadata\": {\"format\": \"");
  out.Raw(kJsonGraphFormat);
  out.Raw("\", ");
  WriteSchemaMembers(scope, out);
  out.Raw(",\n  \"entity_types\": ");
  Lines types(out, "   ");
  for (const EntityType& type : schema.types()) {
    types.Item().StartObject();
    fields.Member("name", type.name);
    if (type.parent) fields.Member("parent", schema.type(*type.parent).name);
    fields.OptionalMember("description", type.description);
    out.writer().EndObject();
  }
  types.Close();
  out.Raw(",\n  \"sources\": ");
  WriteSourceLines(scope, out, "   ");
  out.Raw("},\n \"nodes\": ");

  // JGF v2 keys nodes by id: the object is framed by hand, one node per line.
  Lines nodes(out, "  ", '{');
  ForEachEntity(scope, [&](EntityIndex e) {
    nodes.Item().String(data.entities[e].id.data(), static_cast<rapidjson::SizeType>(data.entities[e].id.size()));
    out.Raw(": ");
    out.Next().StartObject();
    fields.Member("label", data.entities[e].name);
    fields.Key("metadata");
    out.writer().StartObject();
    fields.EntityMembers(e, /*with_name=*/false);
    out.writer().EndObject();
    out.writer().EndObject();
    StepEntity(scope, progress, e);
  });
  nodes.Close();
  out.Raw(",\n \"edges\": ");

  Lines edges(out, "  ");
  ForEachEdge(scope, [&](StatementIndex s) {
    const StatementRecord& statement = data.statements[s];
    edges.Item().StartObject();
    fields.Member("id", statement.id);
    fields.Member("source", data.entities[statement.subject].id);
    fields.Member("target", data.entities[std::get<ObjectRef>(statement.value).entity].id);
    fields.Member("relation", scope.PredicateName(statement));
    fields.Key("metadata");
    out.writer().StartObject();
    fields.StatementMembers(s);
    out.writer().EndObject();
    out.writer().EndObject();
    progress.Step();
  });
  edges.Close();
  out.Raw("}}\n");
  out.Flush();
  progress.Done();
}

void WriteCytoscape(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  scope.NumberStatements();
  Progress progress(options, scope.total_items());
  JsonFile out(file);
  Fields fields(scope, out.writer());
  const GraphData& data = scope.data;

  out.Raw("{\"data\": {");
  WriteSchemaMembers(scope, out);
  out.Raw(", \"sources\": ");
  WriteSourceLines(scope, out, "   ");
  out.Raw("},\n \"elements\": {\n  \"nodes\": ");
  Lines nodes(out, "   ");
  ForEachEntity(scope, [&](EntityIndex e) {
    nodes.Item().StartObject();
    fields.Key("data");
    out.writer().StartObject();
    fields.Member("id", data.entities[e].id);
    fields.EntityMembers(e, /*with_name=*/true);
    out.writer().EndObject();
    out.writer().EndObject();
    StepEntity(scope, progress, e);
  });
  nodes.Close();
  out.Raw(",\n  \"edges\": ");
  Lines edges(out, "   ");
  ForEachEdge(scope, [&](StatementIndex s) {
    const StatementRecord& statement = data.statements[s];
    edges.Item().StartObject();
    fields.Key("data");
    out.writer().StartObject();
    fields.Member("id", statement.id);
    fields.Member("source", data.entities[statement.subject].id);
    fields.Member("target", data.entities[std::get<ObjectRef>(statement.value).entity].id);
    fields.Member("predicate", scope.PredicateName(statement));
    fields.StatementMembers(s);
    out.writer().EndObject();
    out.writer().EndObject();
    progress.Step();
  });
  edges.Close();
  out.Raw("\n }\n}\n");
  out.Flush();
  progress.Done();
}

}  // namespace aikg::internal
