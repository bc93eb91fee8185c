// Reading back node-link and JGF files written by the exporters: parsed in place like aikg's
// own JSON (every string of the input points into one buffer), turned into input records and
// applied as one transaction. Problems the transaction finds about a record are reported at
// the place the record came from in the file, in the file's own layout.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "aikg/export.h"
#include "export/export_internal.h"
#include "internal/cat.h"
#include "internal/json_input.h"
#include "internal/transaction.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::ItemKind;
using internal::JsonInput;
using internal::JsonPath;
using internal::ObjectReader;
using internal::View;

// Where an item sits in the file, kept as steps (JsonPaths are stack-linked and die with the
// reading code) to rebuild its path when the transaction reports a problem about it.
class Place {
 public:
  Place Member(std::string_view name) const { return With({name, 0, false}); }
  Place Element(size_t index) const { return With({{}, index, true}); }

  // Builds the JsonPath chain in `chain` (which must outlive its use) and returns its tip.
  const JsonPath& Build(std::array<JsonPath, 8>& chain) const {
    chain[0] = JsonPath();
    for (size_t i = 0; i < depth_; ++i) {
      chain[i + 1] = steps_[i].is_index ? chain[i].Element(steps_[i].index) : chain[i].Member(steps_[i].member);
    }
    return chain[depth_];
  }

 private:
  struct Step {
    std::string_view member;
    size_t index;
    bool is_index;
  };
  Place With(Step step) const {
    Place next = *this;
    next.steps_[next.depth_++] = step;
    return next;
  }
  std::array<Step, 7> steps_{};
  size_t depth_ = 0;
};

// How the file lays out an item's fields compared with aikg's JSON, for mapping the
// transaction's field pointers ("/subject", "/sources/0/locator") to the file's.
enum class Layout : uint8_t {
  kSource,         // as in aikg's JSON
  kNodeLinkNode,   // as in aikg's JSON (an entity)
  kJsonGraphNode,  // id is the key, name the label, the rest in metadata
  kNodeLinkEdge,   // source, target, key, predicate, then the statement members
  kJsonGraphEdge,  // id, source, target, relation, the statement members in metadata
  kValue,          // id, predicate, value, the statement members; the subject is the node
};

// Statement members other than the ends: sources and locators are parallel lists.
std::string StatementMemberPointer(std::string_view field) {
  if (field.starts_with("/valid/")) return "/valid";
  if (field.starts_with("/sources/")) {
    std::string_view rest = field.substr(9);
    size_t slash = rest.find('/');
    std::string_view index = rest.substr(0, slash);
    if (slash != std::string_view::npos && rest.substr(slash) == "/locator") return Cat("/locators/", index);
    return Cat("/sources/", index);
  }
  return std::string(field);
}

std::string FilePointer(Layout layout, std::string_view field) {
  auto is = [&](std::string_view name) { return field == name || field.starts_with(Cat(name, "/")); };
  switch (layout) {
    case Layout::kSource:
    case Layout::kNodeLinkNode: return std::string(field);
    case Layout::kJsonGraphNode:
      if (field.empty() || is("/id")) return "";
      if (is("/name")) return "/label";
      return Cat("/metadata", field);
    case Layout::kNodeLinkEdge:
      if (is("/id")) return "/key";
      if (is("/subject")) return "/source";
      if (is("/object")) return "/target";
      return StatementMemberPointer(field);
    case Layout::kJsonGraphEdge:
      if (field.empty() || is("/id")) return std::string(field);
      if (is("/subject")) return "/source";
      if (is("/object")) return "/target";
      if (is("/predicate")) return "/relation";
      return Cat("/metadata", StatementMemberPointer(field));
    case Layout::kValue:
      if (is("/subject")) return "";
      return StatementMemberPointer(field);
  }
  return std::string(field);
}

struct PendingStatement {
  StatementInput input;
  std::optional<uint32_t> order;
  Place place;
  const rapidjson::Value* value;  // the item in the file
  Layout layout;
};

struct PendingItem {
  Place place;
  const rapidjson::Value* value;
  Layout layout;
};

class Importer {
 public:
  Importer(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>& found)
      : graph_(graph), path_(path), found_(found) {}

  // Reads the file with `read` (which fills the pending records), then applies them.
  template <typename Read>
  void Run(Read read) {
    input_ = JsonInput::FromFile(path_, found_);
    if (input_ == nullptr) return;
    read();
    Apply();
  }

  JsonInput& input() { return *input_; }

  // The file names the layout it was written in and the schema of its graph.
  void CheckHeader(ObjectReader& header, std::string_view expected_format) {
    if (std::optional<std::string_view> format = header.String("format", true); format && *format != expected_format) {
      header.Report("format", Cat("unsupported layout '", *format, "' (expected '", expected_format,
                                  "', as written by aikg export)"));
    }
    if (std::optional<std::string_view> schema = header.String("schema", true);
        schema && *schema != graph_.schema()->name()) {
      header.Report("schema", Cat("the file's schema '", *schema, "' is not the graph's schema '",
                                  graph_.schema()->name(), "'"));
    }
    header.String("schema_version");
  }

  void ReadSources(const rapidjson::Value* sources, const JsonPath& path, const Place& place) {
    if (sources == nullptr) return;
    for (rapidjson::SizeType i = 0; i < sources->Size(); ++i) {
      JsonPath item_path = path.Element(i);
      const rapidjson::Value& value = (*sources)[i];
      ObjectReader item = internal::SourceReader(*input_, value, item_path);
      if (!item.is_object()) continue;
      sources_.push_back(internal::ReadSource(item));
      source_places_.push_back({place.Element(i), &value, Layout::kSource});
    }
  }

  // Reads type, description, aliases, attributes and values from `fields` into a new entity.
  void AddEntity(std::string_view id, std::string_view name, ObjectReader& fields, const Place& fields_place,
                 const Place& item_place, const rapidjson::Value& item_value, Layout layout) {
    EntityInput entity;
    entity.id = id;
    entity.name = name;
    entity.type = fields.String("type", true).value_or("");
    entity.description = fields.String("description").value_or("");
    internal::ReadAliasesAndAttributes(fields, entity);
    if (const rapidjson::Value* values = fields.Array("values")) {
      JsonPath values_path = fields.PathOf("values");
      Place values_place = fields_place.Member("values");
      for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
        JsonPath value_path = values_path.Element(i);
        const rapidjson::Value& value = (*values)[i];
        ObjectReader item(*input_, value, value_path,
                          {"id", "predicate", "value", "modality", "valid", "valid_start", "valid_end", "valid_precision", "period",
                           "sources", "locators", "confidence", "qualifiers", "order"});
        if (!item.is_object()) continue;
        PendingStatement statement{{}, std::nullopt, values_place.Element(i), &value, Layout::kValue};
        statement.input.id = item.String("id", true).value_or("");
        statement.input.subject = id;
        statement.input.predicate = item.String("predicate", true).value_or("");
        if (const rapidjson::Value* given = item.Find("value", true)) {
          ReadValue(*given, item.PathOf("value"), statement.input.value);
        }
        ReadStatementMembers(item, statement);
        statements_.push_back(std::move(statement));
      }
    }
    entities_.push_back(std::move(entity));
    entity_places_.push_back({item_place, &item_value, layout});
  }

  // The members every statement has besides its ends and value.
  void ReadStatementMembers(ObjectReader& item, PendingStatement& statement) {
    StatementInput& input = statement.input;
    if (std::optional<std::string_view> modality = item.String("modality", true)) {
      if (std::optional<Modality> parsed = ParseModality(*modality)) {
        input.modality = *parsed;
      } else {
        item.Report("modality",
                    Cat("unknown modality '", *modality, "' (expected reported, claim, forecast, plan or opinion)"));
      }
    }
    if (std::optional<std::string_view> valid = item.String("valid")) {
      absl::StatusOr<ValidTime> parsed = internal::ParseValidText(*valid);
      if (parsed.ok()) {
        input.valid = *parsed;
      } else {
        item.Report("valid", std::string(parsed.status().message()));
      }
    }
    input.period = item.Time("period").value_or(TimePoint());
    std::vector<std::string_view> sources = Strings(item, "sources", true);
    std::vector<std::string_view> locators = Strings(item, "locators", false);
    if (item.Find("locators") != nullptr && locators.size() != sources.size()) {
      item.Report("locators", Cat("expected one locator per source (", sources.size(), "), found ", locators.size()));
    }
    for (size_t i = 0; i < sources.size(); ++i) {
      input.sources.push_back({sources[i], i < locators.size() ? locators[i] : std::string_view()});
    }
    input.confidence = item.Number("confidence");
    if (const rapidjson::Value* qualifiers = item.Object("qualifiers")) {
      JsonPath qualifiers_path = item.PathOf("qualifiers");
      for (const auto& member : qualifiers->GetObject()) {
        if (!member.value.IsString()) {
          input_->Report(qualifiers_path.Member(View(member.name)), &member.value, "qualifier values must be strings");
          continue;
        }
        input.qualifiers.push_back({View(member.name), View(member.value)});
      }
    }
    if (const rapidjson::Value* order = item.Find("order")) {
      if (order->IsUint()) {
        statement.order = order->GetUint();
      } else {
        item.Report("order", "'order' must be a non-negative integer");
      }
    }
  }

  void AddStatement(PendingStatement statement) { statements_.push_back(std::move(statement)); }

 private:
  // An array of strings; reports anything else.
  std::vector<std::string_view> Strings(ObjectReader& item, std::string_view name, bool required) {
    std::vector<std::string_view> out;
    const rapidjson::Value* array = item.Array(name, required);
    if (array == nullptr) return out;
    JsonPath path = item.PathOf(name);
    for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
      if (!(*array)[i].IsString()) {
        input_->Report(path.Element(i), &(*array)[i], Cat("'", name, "' must hold strings"));
        continue;
      }
      out.push_back(View((*array)[i]));
    }
    return out;
  }

  // A value object as in aikg's JSON; its members say its kind.
  void ReadValue(const rapidjson::Value& value, const JsonPath& path, StatementValue& out) {
    auto has = [&](const char* key) { return value.IsObject() && value.HasMember(key); };
    if (has("amount")) {
      ObjectReader quantity(*input_, value, path, {"amount", "unit", "bound", "lower", "upper"});
      Quantity q;
      q.amount = quantity.Number("amount", true).value_or(0);
      internal::ReadUnitAndBounds(quantity, q);
      out = q;
    } else if (has("text")) {
      ObjectReader text(*input_, value, path, {"text", "lang"});
      out = Text{text.String("text", true).value_or(""), text.String("lang").value_or("")};
    } else if (has("date")) {
      ObjectReader date(*input_, value, path, {"date"});
      out = date.Time("date", true).value_or(TimePoint());
    } else if (has("boolean")) {
      ObjectReader boolean(*input_, value, path, {"boolean"});
      out = boolean.Bool("boolean", true).value_or(false);
    } else {
      input_->Report(path, &value, "expected a value object with 'amount', 'text', 'date' or 'boolean'");
    }
  }

  // Statements in their exported order (those without one after, in file order), then one
  // transaction for everything; its problems are reported at the items' places.
  void Apply() {
    std::stable_sort(statements_.begin(), statements_.end(), [](const PendingStatement& a, const PendingStatement& b) {
      return a.order.value_or(std::numeric_limits<uint32_t>::max()) <
             b.order.value_or(std::numeric_limits<uint32_t>::max());
    });
    internal::Transaction transaction(graph_.mutable_data(), graph_.shared_schema(), {path_.string()});
    for (uint32_t i = 0; i < sources_.size(); ++i) transaction.AddSource(sources_[i], {0, i});
    transaction.ResolveSources();
    for (uint32_t i = 0; i < entities_.size(); ++i) transaction.AddEntity(entities_[i], {0, i});
    for (uint32_t i = 0; i < statements_.size(); ++i) transaction.AddStatement(statements_[i].input, {0, i});

    // What the transaction says again about a place the reading reported is dropped.
    absl::flat_hash_set<std::string> reported;
    for (const Diagnostic& diagnostic : found_) {
      std::string_view pointer = diagnostic.json_pointer;
      for (size_t end = pointer.size(); end != std::string_view::npos && end > 0; end = pointer.rfind('/', end - 1)) {
        reported.insert(std::string(pointer.substr(0, end)));
      }
    }
    for (const internal::Problem& problem : transaction.problems()) {
      PendingItem item;
      switch (problem.kind) {
        case ItemKind::kSource: item = source_places_[problem.origin.index]; break;
        case ItemKind::kEntity: item = entity_places_[problem.origin.index]; break;
        case ItemKind::kStatement: {
          const PendingStatement& statement = statements_[problem.origin.index];
          item = {statement.place, statement.value, statement.layout};
          break;
        }
      }
      std::array<JsonPath, 8> chain;
      const JsonPath& path = item.place.Build(chain);
      std::string suffix = FilePointer(item.layout, problem.field);
      if (reported.contains(Cat(path.ToPointer(), suffix))) continue;
      input_->ReportBelow(path, *item.value, suffix, problem.message);
    }
    if (found_.empty()) transaction.Commit();
  }

  Graph& graph_;
  std::filesystem::path path_;
  std::vector<Diagnostic>& found_;
  std::unique_ptr<JsonInput> input_;
  std::vector<SourceInput> sources_;
  std::vector<PendingItem> source_places_;
  std::vector<EntityInput> entities_;
  std::vector<PendingItem> entity_places_;
  std::vector<PendingStatement> statements_;
};

void ReadNodeLink(Importer& importer) {
  JsonInput& input = importer.input();
  JsonPath root;
  Place top_place;
  ObjectReader top(input, input.root(), root, {"directed", "multigraph", "graph", "nodes", "edges", "links"});
  if (!top.is_object()) return;
  top.Bool("directed");
  top.Bool("multigraph");
  if (const rapidjson::Value* graph = top.Object("graph", true)) {
    JsonPath graph_path = top.PathOf("graph");
    ObjectReader header(input, *graph, graph_path, {"format", "schema", "schema_version", "sources"});
    importer.CheckHeader(header, internal::kNodeLinkFormat);
    importer.ReadSources(header.Array("sources"), header.PathOf("sources"),
                         top_place.Member("graph").Member("sources"));
  }
  if (const rapidjson::Value* nodes = top.Array("nodes", true)) {
    JsonPath nodes_path = top.PathOf("nodes");
    for (rapidjson::SizeType i = 0; i < nodes->Size(); ++i) {
      JsonPath node_path = nodes_path.Element(i);
      const rapidjson::Value& value = (*nodes)[i];
      ObjectReader node(input, value, node_path,
                        {"id", "type", "name", "description", "aliases", "attributes", "values"});
      if (!node.is_object()) continue;
      Place place = top_place.Member("nodes").Element(i);
      std::string_view id = node.String("id", true).value_or("");
      std::string_view name = node.String("name", true).value_or("");
      importer.AddEntity(id, name, node, place, place, value, Layout::kNodeLinkNode);
    }
  }
  // networkx wrote the edge list as "links" before 3.4 and "edges" since; either is read.
  const rapidjson::Value* edges = top.Find("edges");
  std::string_view edges_name = "edges";
  if (edges == nullptr) {
    edges = top.Find("links");
    edges_name = "links";
  } else if (top.Find("links") != nullptr) {
    top.Report("links", "give the edges as 'edges' or 'links', not both");
  }
  if (edges == nullptr) {
    top.Report("edges", "missing required member 'edges' (or 'links')");
    return;
  }
  edges = top.Array(edges_name);
  if (edges == nullptr) return;
  JsonPath edges_path = top.PathOf(edges_name);
  for (rapidjson::SizeType i = 0; i < edges->Size(); ++i) {
    JsonPath edge_path = edges_path.Element(i);
    const rapidjson::Value& value = (*edges)[i];
    ObjectReader edge(input, value, edge_path,
                      {"source", "target", "key", "predicate", "modality", "valid", "valid_start", "valid_end", "valid_precision", "period",
                       "sources", "locators", "confidence", "qualifiers", "order"});
    if (!edge.is_object()) continue;
    PendingStatement statement{{}, std::nullopt, top_place.Member(edges_name).Element(i), &value,
                               Layout::kNodeLinkEdge};
    statement.input.id = edge.String("key", true).value_or("");
    statement.input.subject = edge.String("source", true).value_or("");
    statement.input.value = EntityId{edge.String("target", true).value_or("")};
    statement.input.predicate = edge.String("predicate", true).value_or("");
    importer.ReadStatementMembers(edge, statement);
    importer.AddStatement(std::move(statement));
  }
}

void ReadJsonGraph(Importer& importer) {
  JsonInput& input = importer.input();
  JsonPath root;
  Place top_place;
  ObjectReader top(input, input.root(), root, {"graph", "graphs"});
  if (!top.is_object()) return;
  if (top.Find("graphs") != nullptr) {
    top.Report("graphs", "aikg imports one graph ('graph'), not a list of graphs");
    return;
  }
  const rapidjson::Value* graph = top.Object("graph", true);
  if (graph == nullptr) return;
  JsonPath graph_path = top.PathOf("graph");
  Place graph_place = top_place.Member("graph");
  ObjectReader body(input, *graph, graph_path, {"id", "label", "directed", "type", "metadata", "nodes", "edges"});
  if (!body.is_object()) return;
  body.String("id");
  body.String("label");
  body.String("type");
  if (std::optional<bool> directed = body.Bool("directed"); directed && !*directed) {
    body.Report("directed", "aikg graphs are directed");
  }
  if (const rapidjson::Value* metadata = body.Object("metadata", true)) {
    JsonPath metadata_path = body.PathOf("metadata");
    ObjectReader header(input, *metadata, metadata_path,
                        {"format", "schema", "schema_version", "entity_types", "sources"});
    importer.CheckHeader(header, internal::kJsonGraphFormat);
    header.Array("entity_types");  // the schema's, for readers of the file; the graph has its own
    importer.ReadSources(header.Array("sources"), header.PathOf("sources"),
                         graph_place.Member("metadata").Member("sources"));
  }
  if (const rapidjson::Value* nodes = body.Object("nodes", true)) {
    JsonPath nodes_path = body.PathOf("nodes");
    for (const auto& member : nodes->GetObject()) {
      std::string_view id = View(member.name);
      JsonPath node_path = nodes_path.Member(id);
      ObjectReader node(input, member.value, node_path, {"label", "metadata"});
      if (!node.is_object()) continue;
      Place place = graph_place.Member("nodes").Member(id);
      std::string_view name = node.String("label", true).value_or("");
      const rapidjson::Value* metadata = node.Object("metadata", true);
      if (metadata == nullptr) continue;
      JsonPath metadata_path = node.PathOf("metadata");
      ObjectReader fields(input, *metadata, metadata_path, {"type", "description", "aliases", "attributes", "values"});
      if (!fields.is_object()) continue;
      importer.AddEntity(id, name, fields, place.Member("metadata"), place, member.value, Layout::kJsonGraphNode);
    }
  }
  if (const rapidjson::Value* edges = body.Array("edges", true)) {
    JsonPath edges_path = body.PathOf("edges");
    for (rapidjson::SizeType i = 0; i < edges->Size(); ++i) {
      JsonPath edge_path = edges_path.Element(i);
      const rapidjson::Value& value = (*edges)[i];
      ObjectReader edge(input, value, edge_path,
                        {"id", "source", "target", "relation", "directed", "label", "metadata"});
      if (!edge.is_object()) continue;
      PendingStatement statement{{}, std::nullopt, graph_place.Member("edges").Element(i), &value,
                                 Layout::kJsonGraphEdge};
      statement.input.id = edge.String("id", true).value_or("");
      statement.input.subject = edge.String("source", true).value_or("");
      statement.input.value = EntityId{edge.String("target", true).value_or("")};
      statement.input.predicate = edge.String("relation", true).value_or("");
      edge.String("label");
      if (std::optional<bool> directed = edge.Bool("directed"); directed && !*directed) {
        edge.Report("directed", "aikg statements are directed");
      }
      if (const rapidjson::Value* metadata = edge.Object("metadata", true)) {
        JsonPath metadata_path = edge.PathOf("metadata");
        ObjectReader fields(input, *metadata, metadata_path,
                            {"modality", "valid", "valid_start", "valid_end", "valid_precision", "period", "sources", "locators",
                             "confidence", "qualifiers", "order"});
        if (fields.is_object()) importer.ReadStatementMembers(fields, statement);
      }
      importer.AddStatement(std::move(statement));
    }
  }
}

template <typename Read>
absl::Status Import(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics, Read read) {
  if (graph.schema() == nullptr) {
    return absl::FailedPreconditionError(
        Cat("cannot import ", path.string(), ": the graph has no schema (make it with the schema the file uses)"));
  }
  std::vector<Diagnostic> found;
  Importer importer(graph, path, found);
  importer.Run([&] { read(importer); });
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return DiagnosticsToStatus(found);
}

}  // namespace

absl::Status ImportNodeLink(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics) {
  return Import(graph, path, diagnostics, ReadNodeLink);
}

absl::Status ImportJsonGraph(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics) {
  return Import(graph, path, diagnostics, ReadJsonGraph);
}

}  // namespace aikg
