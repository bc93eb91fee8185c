// Loading graph files: RapidJSON DOM (parsed in place) → Transaction, with every problem
// reported at its file, line:column and JSON pointer.

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#if defined(__GLIBC__)  // defined by the C++ headers above, on glibc
#include <malloc.h>
#endif

#include "internal/cat.h"
#include "absl/container/flat_hash_set.h"
#include "aikg/json.h"
#include "aikg/timeline.h"
#include "internal/graph_data.h"
#include "internal/json_input.h"
#include "internal/schema_reference.h"
#include "internal/transaction.h"

namespace aikg {
namespace {

using internal::ItemKind;
using internal::JsonInput;
using internal::JsonPath;
using internal::ObjectReader;
using internal::Origin;
using internal::View;

constexpr std::string_view kGraphFormat = "aikg-graph/1";

// One parsed input file and what its top level says.
struct GraphInput {
  std::unique_ptr<JsonInput> json;
  std::filesystem::path base_dir;  // where its schema path is resolved from
  const rapidjson::Value* items[3] = {};  // sources, entities, statements (by ItemKind)
};

class GraphReader {
 public:
  GraphReader(Graph& graph, std::vector<Diagnostic>& found) : graph_(graph), found_(found) {}

  void Add(std::unique_ptr<JsonInput> json, std::filesystem::path base_dir) {
    GraphInput input;
    input.base_dir = std::move(base_dir);
    if (json != nullptr) {
      JsonPath root;
      ObjectReader top(*json, json->root(), root, {"format", "schema", "sources", "entities", "statements"});
      if (std::optional<std::string_view> format = top.String("format", true); format && *format != kGraphFormat) {
        top.Report("format", internal::Cat("unsupported graph format ", internal::Quoted(*format), " (expected '",
                                           kGraphFormat, "')"));
      }
      if (std::optional<std::string_view> schema = top.String("schema", true)) {
        ResolveSchema(top, *schema, input.base_dir);
      }
      for (ItemKind kind : {ItemKind::kSource, ItemKind::kEntity, ItemKind::kStatement}) {
        input.items[static_cast<int>(kind)] = top.Array(internal::ItemArrayName(kind));
      }
    }
    input.json = std::move(json);
    inputs_.push_back(std::move(input));
  }

  // Checks and applies every input as one batch.
  void Load() {
    if (schema_ == nullptr) {
      if (found_.empty()) {
        Diagnostic none;
        none.message = "no schema: the inputs name none";
        found_.push_back(std::move(none));
      }
      return;
    }
    std::vector<std::string> labels;
    for (const GraphInput& input : inputs_) labels.push_back(input.json ? input.json->label() : "");
    internal::Transaction transaction(graph_.mutable_data(), schema_, std::move(labels));

    for (ItemKind kind : {ItemKind::kSource, ItemKind::kEntity, ItemKind::kStatement}) {
      transaction.Reserve(kind, ItemCount(kind));
    }
    ForEachItem(ItemKind::kSource, [&](ObjectReader& item, Origin origin) {
      if (item.is_object()) transaction.AddSource(internal::ReadSource(item), origin);
    });
    transaction.ResolveSources();
    EntityInput entity;
    ForEachItem(ItemKind::kEntity, [&](ObjectReader& item, Origin origin) {
      if (ReadEntity(item, entity)) transaction.AddEntity(entity, origin);
    });
    StatementInput statement;
    ForEachItem(ItemKind::kStatement, [&](ObjectReader& item, Origin origin) {
      if (ReadStatement(item, statement)) transaction.AddStatement(statement, origin);
    });

    // Items the reader found wrong still go to the transaction, so that every other problem
    // is reported too; what it says again about a place the reader reported, or about a place
    // inside one (the source of a citation that is no object), is dropped.
    absl::flat_hash_set<std::string> reported;         // "file#pointer" of each problem and its ancestors
    absl::flat_hash_set<std::string> reported_places;  // "file#pointer" of each problem
    for (const Diagnostic& diagnostic : found_) {
      std::string_view pointer = diagnostic.json_pointer;
      reported_places.insert(internal::Cat(diagnostic.file, "#", pointer));
      for (size_t end = pointer.size(); end != std::string_view::npos && end > 0; end = pointer.rfind('/', end - 1)) {
        reported.insert(internal::Cat(diagnostic.file, "#", pointer.substr(0, end)));
      }
    }
    auto inside_reported = [&](std::string_view file, std::string_view pointer) {
      for (size_t end = pointer.rfind('/'); end != std::string_view::npos && end > 0; end = pointer.rfind('/', end - 1)) {
        if (reported_places.contains(internal::Cat(file, "#", pointer.substr(0, end)))) return true;
      }
      return false;
    };
    for (const internal::Problem& problem : transaction.problems()) {
      GraphInput& input = inputs_[problem.origin.file];
      std::string pointer = internal::Cat("/", internal::ItemArrayName(problem.kind), "/", problem.origin.index,
                                          problem.field);
      if (reported.contains(internal::Cat(input.json->label(), "#", pointer)) ||
          inside_reported(input.json->label(), pointer)) {
        continue;
      }
      const rapidjson::Value& array = *input.items[static_cast<int>(problem.kind)];
      JsonPath root;
      JsonPath array_path = root.Member(internal::ItemArrayName(problem.kind));
      input.json->ReportBelow(array_path.Element(problem.origin.index), array[problem.origin.index], problem.field,
                              problem.message);
    }
    if (!found_.empty()) return;
    // The graph holds copies of what it keeps: the texts and their DOMs go before the indexes
    // are built, so that the load's peak memory does not hold both.
    for (GraphInput& input : inputs_) input.json.reset();
    transaction.Commit();
  }

 private:
  // The schema of the first file becomes the batch's schema (unless the graph has one); the
  // others must use a schema of the same name.
  void ResolveSchema(ObjectReader& top, std::string_view schema_ref, const std::filesystem::path& base_dir) {
    if (schema_ref.empty()) {
      top.Report("schema", "the schema reference is empty: name the schema file, relative to this file");
      return;
    }
    std::filesystem::path absolute = internal::ResolveSchemaReference(base_dir, schema_ref);
    if (schema_ == nullptr) schema_ = graph_.shared_schema();
    if (schema_ != nullptr && schema_->path() == absolute) return;
    std::vector<Diagnostic> schema_problems;
    absl::StatusOr<Schema> schema = Schema::LoadFile(absolute, &schema_problems);
    if (!schema.ok()) {
      top.Report("schema", internal::Cat("cannot use schema ", internal::Quoted(schema_ref)));
      found_.insert(found_.end(), schema_problems.begin(), schema_problems.end());
      return;
    }
    if (schema_ == nullptr) {
      schema_ = std::make_shared<const Schema>(*std::move(schema));
    } else if (schema->name() != schema_->name()) {
      top.Report("schema", internal::Cat("schema ", internal::Quoted(schema->name()),
                                        " differs from the graph's schema ", internal::Quoted(schema_->name())));
    }
  }

  // How many items of `kind` the inputs hold.
  size_t ItemCount(ItemKind kind) const {
    size_t count = 0;
    for (const GraphInput& input : inputs_) {
      if (const rapidjson::Value* array = input.items[static_cast<int>(kind)]) count += array->Size();
    }
    return count;
  }

  template <typename ReadItem>
  void ForEachItem(ItemKind kind, ReadItem read_item) {
    for (uint32_t file = 0; file < inputs_.size(); ++file) {
      GraphInput& input = inputs_[file];
      const rapidjson::Value* array = input.items[static_cast<int>(kind)];
      if (array == nullptr) continue;
      JsonPath root;
      JsonPath array_path = root.Member(internal::ItemArrayName(kind));
      for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
        JsonPath item_path = array_path.Element(i);
        ObjectReader item = MakeReader(*input.json, kind, (*array)[i], item_path);
        read_item(item, Origin{file, i});
      }
    }
  }

  static ObjectReader MakeReader(JsonInput& json, ItemKind kind, const rapidjson::Value& value, const JsonPath& path) {
    switch (kind) {
      case ItemKind::kSource:
        return internal::SourceReader(json, value, path);
      case ItemKind::kEntity:
        return ObjectReader(json, value, path, {"id", "type", "name", "aliases", "description", "attributes"});
      case ItemKind::kStatement:
        break;
    }
    return ObjectReader(json, value, path,
                        {"id", "subject", "predicate", "object", "value", "valid", "period", "modality", "sources",
                         "confidence", "qualifiers"});
  }

  bool ReadEntity(ObjectReader& item, EntityInput& entity) {
    if (!item.is_object()) return false;
    entity.id = item.String("id", true).value_or("");
    entity.type = item.String("type", true).value_or("");
    entity.name = item.String("name", true).value_or("");
    entity.description = item.String("description").value_or("");
    entity.aliases.clear();
    entity.attributes.clear();
    internal::ReadAliasesAndAttributes(item, entity);
    return true;
  }

  bool ReadStatement(ObjectReader& item, StatementInput& statement) {
    if (!item.is_object()) return false;
    statement.id = item.String("id", true).value_or("");
    statement.subject = item.String("subject", true).value_or("");
    statement.predicate = item.String("predicate", true).value_or("");
    statement.value = std::monostate();
    const rapidjson::Value* object = item.Find("object");
    const rapidjson::Value* value = item.Find("value");
    if (object != nullptr && value != nullptr) {
      item.Report("value", "give either 'object' or 'value', not both");
    } else if (object != nullptr) {
      if (std::optional<std::string_view> id = item.String("object")) statement.value = EntityId{*id};
    } else if (value != nullptr) {
      ReadValue(item, *value, statement.value);
    } else {
      item.Report("value", "statement needs an 'object' (an entity id) or a 'value'");
    }

    statement.valid = ValidTime();
    if (const rapidjson::Value* valid = item.Find("valid")) {
      JsonPath valid_path = item.PathOf("valid");
      if (valid->IsString()) {
        if (std::optional<TimePoint> point = internal::ReadTime(item.input(), *valid, valid_path)) {
          statement.valid = ValidTime::At(*point);
        } else {
          item.MarkBad();
        }
      } else {
        ObjectReader interval(item.input(), *valid, valid_path, {"from", "to"});
        statement.valid.from = interval.Time("from").value_or(TimePoint());
        statement.valid.to = interval.Time("to").value_or(TimePoint());
        if (interval.ok() && !statement.valid.is_set()) interval.Report("", "an interval needs 'from', 'to' or both");
        if (!interval.ok()) item.MarkBad();
      }
    }
    statement.period = item.Time("period").value_or(TimePoint());

    if (std::optional<std::string_view> modality = item.String("modality", true)) {
      if (std::optional<Modality> parsed = ParseModality(*modality)) {
        statement.modality = *parsed;
      } else {
        item.Report("modality", internal::Cat("unknown modality '", *modality,
                                             "' (expected reported, claim, forecast, plan or opinion)"));
      }
    }

    statement.sources.clear();
    if (const rapidjson::Value* sources = item.Array("sources", true)) {
      JsonPath sources_path = item.PathOf("sources");
      for (rapidjson::SizeType i = 0; i < sources->Size(); ++i) {
        JsonPath citation_path = sources_path.Element(i);
        ObjectReader citation(item.input(), (*sources)[i], citation_path, {"source", "locator"});
        std::string_view source = citation.String("source", true).value_or("");
        std::string_view locator = citation.String("locator").value_or("");
        if (!citation.ok()) item.MarkBad();
        statement.sources.push_back({source, locator});
      }
    }
    statement.confidence = item.Number("confidence");

    statement.qualifiers.clear();
    if (const rapidjson::Value* qualifiers = item.Object("qualifiers")) {
      JsonPath qualifiers_path = item.PathOf("qualifiers");
      for (const auto& member : qualifiers->GetObject()) {
        if (!member.value.IsString()) {
          item.input().Report(qualifiers_path.Member(View(member.name)), &member.value,
                              "qualifier values must be strings");
          item.MarkBad();
          continue;
        }
        statement.qualifiers.push_back({View(member.name), View(member.value)});
      }
    }
    return true;
  }

  // Reads the `value` member of a statement: its keys say which kind of value it is.
  void ReadValue(ObjectReader& item, const rapidjson::Value& value, StatementValue& out) {
    JsonPath path = item.PathOf("value");
    JsonInput& json = item.input();
    auto has = [&](const char* key) { return value.IsObject() && value.HasMember(key); };
    if (has("amount")) {
      ObjectReader quantity(json, value, path, {"amount", "unit", "bound", "lower", "upper"});
      Quantity q;
      // Amounts are numbers, or texts with scale words ("34.7 billion"), normalised here.
      if (const rapidjson::Value* amount = quantity.Find("amount"); amount != nullptr && amount->IsString()) {
        absl::StatusOr<double> parsed = ParseAmount(View(*amount));
        if (parsed.ok()) {
          q.amount = *parsed;
        } else {
          quantity.Report("amount", std::string(parsed.status().message()));
        }
      } else {
        q.amount = quantity.Number("amount", true).value_or(0);
      }
      q.unit = quantity.String("unit", true).value_or("");
      if (std::optional<std::string_view> bound = quantity.String("bound")) {
        if (std::optional<Bound> parsed = ParseBound(*bound)) {
          q.bound = *parsed;
        } else {
          quantity.Report("bound", internal::Cat("unknown bound '", *bound,
                                                "' (expected exact, at_least, at_most or about)"));
        }
      }
      q.lower = quantity.Number("lower");
      q.upper = quantity.Number("upper");
      // Even a flawed quantity goes on to the unit and bound checks (the load fails anyway).
      out = q;
      if (!quantity.ok()) item.MarkBad();
    } else if (has("text")) {
      ObjectReader text(json, value, path, {"text", "lang"});
      out = Text{text.String("text", true).value_or(""), text.String("lang").value_or("")};
      if (!text.ok()) item.MarkBad();
    } else if (has("date")) {
      ObjectReader date(json, value, path, {"date"});
      if (std::optional<TimePoint> time = date.Time("date", true)) out = *time;
      else item.MarkBad();
    } else if (has("boolean")) {
      ObjectReader boolean(json, value, path, {"boolean"});
      if (std::optional<bool> b = boolean.Bool("boolean", true)) out = *b;
      else item.MarkBad();
    } else {
      json.Report(path, &value, "a value is an object with 'amount' (a quantity), 'text', 'date' or 'boolean'");
      item.MarkBad();
    }
  }


  Graph& graph_;
  std::vector<Diagnostic>& found_;
  std::vector<GraphInput> inputs_;
  std::shared_ptr<const Schema> schema_;
};

// Orders diagnostics by file (in input order), then line and column.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files) {
  auto rank = [&](const Diagnostic& d) {
    return std::find(files.begin(), files.end(), d.file) - files.begin();
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(rank(a), a.line, a.column) < std::make_tuple(rank(b), b.line, b.column);
  });
}

absl::Status Finish(std::vector<Diagnostic>& found, const std::vector<std::string>& files,
                    std::vector<Diagnostic>* diagnostics) {
  // A load frees as much as it keeps (the file text, its DOM, the transaction's bookkeeping):
  // glibc keeps freed memory mapped until told, so the process would stay twice the graph's size.
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  SortDiagnostics(found, files);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return DiagnosticsToStatus(found);
}

}  // namespace

absl::Status LoadJsonFiles(Graph& graph, absl::Span<const std::filesystem::path> paths,
                           std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::vector<std::string> files;
  GraphReader reader(graph, found);
  for (const std::filesystem::path& path : paths) {
    files.push_back(path.string());
    reader.Add(JsonInput::FromFile(path, found), path.parent_path());
  }
  reader.Load();
  return Finish(found, files, diagnostics);
}

absl::Status LoadJsonString(Graph& graph, std::string_view json, std::string_view file_name,
                            const std::filesystem::path& base_dir, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  GraphReader reader(graph, found);
  reader.Add(JsonInput::FromString(json, std::string(file_name), found), base_dir);
  reader.Load();
  return Finish(found, {std::string(file_name)}, diagnostics);
}

}  // namespace aikg
