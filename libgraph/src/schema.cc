#include "aikg/schema.h"

#include <algorithm>
#include <string>
#include <utility>

#include "internal/cat.h"
#include "internal/json_input.h"
#include "internal/schema_reference.h"

namespace aikg {
namespace {

using internal::JsonInput;
using internal::JsonPath;
using internal::ObjectReader;
using internal::View;

constexpr std::string_view kSchemaFormat = "aikg-schema/1";

constexpr std::string_view kAttributeKindNames[] = {"text", "number", "integer", "boolean", "date"};
constexpr std::string_view kRangeKindNames[] = {"entity", "quantity", "text", "date", "boolean"};

template <typename Map>
auto FindIn(const Map& map, std::string_view name) -> std::optional<typename Map::mapped_type> {
  auto found = map.find(absl::string_view(name.data(), name.size()));
  if (found == map.end()) return std::nullopt;
  return found->second;
}

}  // namespace

std::string_view AttributeKindName(AttributeKind kind) { return kAttributeKindNames[static_cast<int>(kind)]; }
std::string_view RangeKindName(RangeKind kind) { return kRangeKindNames[static_cast<int>(kind)]; }

// Reads a schema document into a Schema, reporting every problem.
class SchemaParser {
 public:
  SchemaParser(JsonInput& input, Schema& schema) : input_(input), schema_(schema) {}

  void Parse() {
    JsonPath root;
    ObjectReader top(input_, input_.root(), root,
                     {"format", "name", "version", "description", "identifiers", "entity_types", "units", "predicates"});
    if (!top.is_object()) return;
    if (std::optional<std::string_view> format = top.String("format", true); format && *format != kSchemaFormat) {
      top.Report("format", internal::Cat("unsupported schema format '", *format, "' (expected '", kSchemaFormat, "')"));
    }
    schema_.name_ = std::string(top.String("name", true).value_or(""));
    if (top.Find("name") != nullptr && schema_.name_.empty()) top.Report("name", "schema name must not be empty");
    schema_.version_ = std::string(top.String("version").value_or(""));
    schema_.description_ = std::string(top.String("description").value_or(""));

    // Types first (declaring every name before resolving parents), then units, then
    // predicates, which refer to both.
    const rapidjson::Value* types = top.Array("entity_types", true);
    JsonPath types_path = top.PathOf("entity_types");
    if (types != nullptr) ReadTypes(*types, types_path);
    if (const rapidjson::Value* identifiers = top.Array("identifiers")) {
      ReadIdentifiers(*identifiers, top.PathOf("identifiers"));
    }
    if (const rapidjson::Value* units = top.Array("units")) ReadUnits(*units, top.PathOf("units"));
    if (const rapidjson::Value* predicates = top.Array("predicates")) {
      ReadPredicates(*predicates, top.PathOf("predicates"));
    }
  }

 private:
  // Adds `name` to `ids` unless taken; returns whether it was new.
  template <typename Map>
  bool Declare(Map& ids, ObjectReader& item, std::string_view what, std::string_view name, size_t id) {
    if (name.empty()) {
      item.Report("name", internal::Cat(what, " name must not be empty"));
      return false;
    }
    if (!ids.emplace(std::string(name), static_cast<typename Map::mapped_type>(id)).second) {
      item.Report("name", internal::Cat("duplicate ", what, " '", name, "'"));
      return false;
    }
    return true;
  }

  void ReadTypes(const rapidjson::Value& types, const JsonPath& path) {
    // Parents may be declared after their children: resolve them once every type is known.
    struct PendingParent {
      TypeId child;
      const rapidjson::Value* name;
      std::string pointer;
    };
    std::vector<PendingParent> parents;
    for (rapidjson::SizeType i = 0; i < types.Size(); ++i) {
      JsonPath item_path = path.Element(i);
      ObjectReader item(input_, types[i], item_path, {"name", "description", "parent", "attributes"});
      EntityType type;
      type.name = std::string(item.String("name", true).value_or(""));
      type.description = std::string(item.String("description").value_or(""));
      if (const rapidjson::Value* attributes = item.Object("attributes")) {
        JsonPath attributes_path = item.PathOf("attributes");
        for (const auto& member : attributes->GetObject()) {
          JsonPath attribute_path = attributes_path.Member(View(member.name));
          std::optional<AttributeKind> kind;
          if (member.value.IsString()) {
            auto found = std::find(std::begin(kAttributeKindNames), std::end(kAttributeKindNames), View(member.value));
            if (found != std::end(kAttributeKindNames)) {
              kind = static_cast<AttributeKind>(found - std::begin(kAttributeKindNames));
            }
          }
          if (!kind) {
            input_.Report(attribute_path, &member.value,
                          "attribute kind must be one of text, number, integer, boolean, date");
            continue;
          }
          type.attributes.push_back({std::string(View(member.name)), *kind});
        }
      }
      TypeId id = static_cast<TypeId>(schema_.types_.size());
      if (!Declare(schema_.type_ids_, item, "entity type", type.name, id)) continue;
      if (item.String("parent")) parents.push_back({id, item.Find("parent"), item.PathOf("parent").ToPointer()});
      schema_.types_.push_back(std::move(type));
    }
    for (const PendingParent& pending : parents) {
      std::optional<TypeId> parent = schema_.FindType(View(*pending.name));
      if (!parent) {
        input_.ReportValue(pending.pointer, *pending.name,
                           internal::Cat("unknown parent type '", View(*pending.name), "'"));
        continue;
      }
      schema_.types_[pending.child].parent = *parent;
    }
    // Single inheritance: a cycle shows as a walk longer than the number of types.
    for (const PendingParent& pending : parents) {
      std::optional<TypeId> at = schema_.types_[pending.child].parent;
      for (size_t steps = 0; at; ++steps) {
        if (*at == pending.child || steps > schema_.types_.size()) {
          input_.ReportValue(pending.pointer, *pending.name,
                             internal::Cat("type '", schema_.types_[pending.child].name, "' is its own ancestor"));
          schema_.types_[pending.child].parent.reset();
          break;
        }
        at = schema_.types_[*at].parent;
      }
    }
  }

  // External identifiers are text attributes every entity type accepts; their names must not
  // shadow an attribute a type declares.
  void ReadIdentifiers(const rapidjson::Value& identifiers, const JsonPath& path) {
    for (rapidjson::SizeType i = 0; i < identifiers.Size(); ++i) {
      JsonPath item_path = path.Element(i);
      ObjectReader item(input_, identifiers[i], item_path, {"name", "description"});
      if (!item.is_object()) continue;
      Identifier identifier;
      identifier.name = std::string(item.String("name", true).value_or(""));
      identifier.description = std::string(item.String("description").value_or(""));
      if (!Declare(identifier_ids_, item, "identifier", identifier.name, schema_.identifiers_.size())) continue;
      for (const EntityType& type : schema_.types_) {
        for (const AttributeDecl& attribute : type.attributes) {
          if (attribute.name == identifier.name) {
            item.Report("name", internal::Cat("identifier '", identifier.name, "' is also an attribute of type '",
                                              type.name, "'"));
          }
        }
      }
      schema_.identifiers_.push_back(std::move(identifier));
    }
    for (const Identifier& identifier : schema_.identifiers_) {
      schema_.identifier_attributes_.push_back({identifier.name, AttributeKind::kText});
    }
  }

  void ReadUnits(const rapidjson::Value& units, const JsonPath& path) {
    for (rapidjson::SizeType i = 0; i < units.Size(); ++i) {
      JsonPath item_path = path.Element(i);
      ObjectReader item(input_, units[i], item_path, {"name", "dimension", "description"});
      Unit unit;
      unit.name = std::string(item.String("name", true).value_or(""));
      unit.dimension = std::string(item.String("dimension", true).value_or(""));
      unit.description = std::string(item.String("description").value_or(""));
      if (!item.is_object() || !Declare(schema_.unit_ids_, item, "unit", unit.name, schema_.units_.size())) continue;
      schema_.units_.push_back(std::move(unit));
    }
  }

  // Resolves the list of names in member `member` with `find` (a schema lookup), reporting
  // each name it cannot resolve as an unknown `what`.
  template <typename Id, typename Find>
  std::vector<Id> ReadNames(ObjectReader& item, std::string_view member, std::string_view what, Find find) {
    std::vector<Id> ids;
    const rapidjson::Value* list = item.Array(member);
    if (list == nullptr) return ids;
    JsonPath list_path = item.PathOf(member);
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      const rapidjson::Value& name = (*list)[i];
      std::optional<Id> id = name.IsString() ? find(View(name)) : std::nullopt;
      if (!id) {
        input_.Report(list_path.Element(i), &name,
                      name.IsString() ? internal::Cat("unknown ", what, " '", View(name), "'")
                                      : internal::Cat("expected ", what == "unit" ? "a " : "an ", what, " name"));
        item.MarkBad();
        continue;
      }
      ids.push_back(*id);
    }
    return ids;
  }

  std::vector<TypeId> ReadTypeList(ObjectReader& item, std::string_view member) {
    return ReadNames<TypeId>(item, member, "entity type", [&](std::string_view n) { return schema_.FindType(n); });
  }

  void ReadPredicates(const rapidjson::Value& predicates, const JsonPath& path) {
    for (rapidjson::SizeType i = 0; i < predicates.Size(); ++i) {
      JsonPath item_path = path.Element(i);
      ObjectReader item(input_, predicates[i], item_path,
                        {"name", "description", "domain", "range", "units", "symmetric", "growth_of"});
      if (!item.is_object()) continue;
      Predicate predicate;
      predicate.name = std::string(item.String("name", true).value_or(""));
      predicate.description = std::string(item.String("description").value_or(""));
      predicate.domain = ReadTypeList(item, "domain");
      predicate.symmetric = item.Bool("symmetric").value_or(false);
      if (const rapidjson::Value* range = item.Find("range", true)) {
        if (range->IsArray()) {
          predicate.range_kind = RangeKind::kEntity;
          predicate.range = ReadTypeList(item, "range");
        } else if (range->IsString() && View(*range) != "entity" &&
                   std::find(std::begin(kRangeKindNames), std::end(kRangeKindNames), View(*range)) !=
                       std::end(kRangeKindNames)) {
          predicate.range_kind = static_cast<RangeKind>(
              std::find(std::begin(kRangeKindNames), std::end(kRangeKindNames), View(*range)) -
              std::begin(kRangeKindNames));
        } else {
          item.Report("range", "range must be a list of entity types or one of quantity, text, date, boolean");
        }
      }
      predicate.units = ReadNames<UnitId>(item, "units", "unit", [&](std::string_view n) { return schema_.FindUnit(n); });
      if (item.ok() && predicate.range_kind == RangeKind::kQuantity && predicate.units.empty()) {
        item.Report("range", internal::Cat("quantity predicate '", predicate.name, "' needs its allowed 'units'"));
      }
      if (item.ok() && predicate.range_kind != RangeKind::kQuantity && item.Find("units") != nullptr) {
        item.Report("units", "only quantity predicates take 'units'");
      }
      if (std::optional<std::string_view> growth_of = item.String("growth_of")) {
        pending_growth_.push_back({schema_.predicates_.size(), item.Find("growth_of"), item.PathOf("growth_of").ToPointer()});
        if (predicate.range_kind != RangeKind::kQuantity) item.Report("growth_of", "only a quantity predicate is a growth");
      }
      if (!Declare(schema_.predicate_ids_, item, "predicate", predicate.name, schema_.predicates_.size())) continue;
      schema_.predicates_.push_back(std::move(predicate));
    }
    // Growth rates may name metrics declared after them.
    for (const PendingGrowth& pending : pending_growth_) {
      if (pending.predicate >= schema_.predicates_.size()) continue;
      std::optional<PredicateId> metric = schema_.FindPredicate(View(*pending.name));
      if (!metric || schema_.predicates_[*metric].range_kind != RangeKind::kQuantity) {
        input_.ReportValue(pending.pointer, *pending.name,
                           internal::Cat("growth_of names '", View(*pending.name), "', which is not a metric"));
        continue;
      }
      schema_.predicates_[pending.predicate].growth_of = *metric;
    }
    // A growth of a growth is fine; a chain that comes back to where it started names no metric
    // (series would compute rates of rates forever).
    for (const PendingGrowth& pending : pending_growth_) {
      if (pending.predicate >= schema_.predicates_.size()) continue;
      std::string chain = schema_.predicates_[pending.predicate].name;
      std::optional<PredicateId> next = schema_.predicates_[pending.predicate].growth_of;
      for (size_t steps = 0; next && steps < schema_.predicates_.size(); ++steps) {
        chain += internal::Cat(" → ", schema_.predicates_[*next].name);
        if (*next == pending.predicate) {
          input_.ReportValue(pending.pointer, *pending.name, internal::Cat("growth_of makes a cycle: ", chain));
          break;
        }
        next = schema_.predicates_[*next].growth_of;
      }
    }
  }

  struct PendingGrowth {
    size_t predicate;
    const rapidjson::Value* name;
    std::string pointer;
  };
  std::vector<PendingGrowth> pending_growth_;
  absl::flat_hash_map<std::string, size_t> identifier_ids_;

  JsonInput& input_;
  Schema& schema_;
};

namespace {

absl::StatusOr<Schema> ParseSchema(std::unique_ptr<JsonInput> input, std::vector<Diagnostic>& found,
                                   std::vector<Diagnostic>* diagnostics) {
  Schema schema;
  if (input != nullptr) SchemaParser(*input, schema).Parse();
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (!found.empty()) return DiagnosticsToStatus(found);
  return schema;
}

}  // namespace

absl::StatusOr<Schema> Schema::LoadFile(const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  absl::StatusOr<Schema> schema = ParseSchema(JsonInput::FromFile(path, found), found, diagnostics);
  if (schema.ok()) schema->path_ = internal::AbsolutePath(path).lexically_normal();
  return schema;
}

absl::StatusOr<Schema> Schema::LoadString(std::string_view json, std::string_view file_name,
                                          std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  return ParseSchema(JsonInput::FromString(json, std::string(file_name), found), found, diagnostics);
}

std::optional<TypeId> Schema::FindType(std::string_view name) const { return FindIn(type_ids_, name); }
std::optional<UnitId> Schema::FindUnit(std::string_view name) const { return FindIn(unit_ids_, name); }
std::optional<PredicateId> Schema::FindPredicate(std::string_view name) const {
  return FindIn(predicate_ids_, name);
}

bool Schema::IsA(TypeId type, TypeId ancestor) const {
  for (std::optional<TypeId> at = type; at; at = types_[*at].parent) {
    if (*at == ancestor) return true;
  }
  return false;
}

bool Schema::IsAnyOf(TypeId type, const std::vector<TypeId>& allowed) const {
  if (allowed.empty()) return true;
  return std::any_of(allowed.begin(), allowed.end(), [&](TypeId ancestor) { return IsA(type, ancestor); });
}

const AttributeDecl* Schema::FindAttribute(TypeId type, std::string_view name) const {
  for (std::optional<TypeId> at = type; at; at = types_[*at].parent) {
    for (const AttributeDecl& decl : types_[*at].attributes) {
      if (decl.name == name) return &decl;
    }
  }
  return FindIdentifier(name);
}

const AttributeDecl* Schema::FindIdentifier(std::string_view name) const {
  for (const AttributeDecl& decl : identifier_attributes_) {
    if (decl.name == name) return &decl;
  }
  return nullptr;
}

bool Schema::AllowsUnit(PredicateId predicate, UnitId unit) const {
  const std::vector<UnitId>& units = predicates_[predicate].units;
  return std::find(units.begin(), units.end(), unit) != units.end();
}

}  // namespace aikg
