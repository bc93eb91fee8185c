// aikg/schema.h: the ontology a graph is typed by.
//
// A schema declares entity types (single inheritance: Company ⊂ Organization), external
// identifier schemes (Wikidata's Q-ids) that any entity may carry, units with the
// dimension they measure, and predicates with their domain (subject types) and range (object
// types, or the kind of value they carry; for quantities, the allowed units). Everything a
// graph holds is checked against it. The JSON form is documented in docs/json-format.md.
//
// Example:
//   absl::StatusOr<aikg::Schema> schema = aikg::Schema::LoadFile("datasets/ai-industry.schema.json");
//   if (!schema.ok()) { std::cerr << schema.status().message(); return 1; }
//   std::optional<aikg::TypeId> company = schema->FindType("Company");
//   std::optional<aikg::TypeId> org = schema->FindType("Organization");
//   schema->IsA(*company, *org);  // true
//
// A Schema is immutable once loaded: const methods are safe to call from several threads.

#ifndef AIKG_SCHEMA_H_
#define AIKG_SCHEMA_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "aikg/diagnostic.h"

namespace aikg {

using TypeId = uint16_t;
using PredicateId = uint16_t;
using UnitId = uint16_t;

// What an entity attribute holds.
enum class AttributeKind : uint8_t { kText, kNumber, kInteger, kBoolean, kDate };

// What a statement's predicate points at: another entity, or a value of one kind.
enum class RangeKind : uint8_t { kEntity, kQuantity, kText, kDate, kBoolean };

std::string_view AttributeKindName(AttributeKind kind);
std::string_view RangeKindName(RangeKind kind);

struct AttributeDecl {
  std::string name;
  AttributeKind kind;
};

struct EntityType {
  std::string name;
  std::string description;
  std::optional<TypeId> parent;
  std::vector<AttributeDecl> attributes;  // declared on this type (not inherited ones)
};

// An external identifier scheme ("wikidata": Q-ids). Every entity may carry one as a text
// attribute of that name; name resolution and imports match entities by it.
struct Identifier {
  std::string name;
  std::string description;
};

struct Unit {
  std::string name;
  std::string dimension;  // "currency", "ratio", "count", ...
  std::string description;
};

struct Predicate {
  std::string name;
  std::string description;
  std::vector<TypeId> domain;  // empty: any subject type
  RangeKind range_kind = RangeKind::kEntity;
  std::vector<TypeId> range;   // entity predicates; empty: any object type
  std::vector<UnitId> units;   // quantity predicates: allowed units, at least one
  bool symmetric = false;
  // For a growth rate (a quantity in ratio units), the metric it is the growth of.
  std::optional<PredicateId> growth_of;
};

class Schema {
 public:
  // Parses and checks a schema document. Every problem is reported at once: the status
  // message has one "file:line:col: message (at /pointer)" line per diagnostic, and the
  // diagnostics are appended to `diagnostics` when given.
  static absl::StatusOr<Schema> LoadFile(const std::filesystem::path& path,
                                         std::vector<Diagnostic>* diagnostics = nullptr);
  static absl::StatusOr<Schema> LoadString(std::string_view json, std::string_view file_name = "<schema>",
                                           std::vector<Diagnostic>* diagnostics = nullptr);

  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& description() const { return description_; }
  // The absolute path the schema was loaded from; empty when loaded from a string.
  const std::filesystem::path& path() const { return path_; }

  const std::vector<EntityType>& types() const { return types_; }
  const std::vector<Identifier>& identifiers() const { return identifiers_; }
  const std::vector<Unit>& units() const { return units_; }
  const std::vector<Predicate>& predicates() const { return predicates_; }

  const EntityType& type(TypeId id) const { return types_[id]; }
  const Unit& unit(UnitId id) const { return units_[id]; }
  const Predicate& predicate(PredicateId id) const { return predicates_[id]; }

  // Exact, case-sensitive name lookups. O(1).
  std::optional<TypeId> FindType(std::string_view name) const;
  std::optional<UnitId> FindUnit(std::string_view name) const;
  std::optional<PredicateId> FindPredicate(std::string_view name) const;

  // True when `type` is `ancestor` or one of its subtypes. O(depth).
  bool IsA(TypeId type, TypeId ancestor) const;
  // True when `type` is in `allowed` (subtypes included), or `allowed` is empty.
  bool IsAnyOf(TypeId type, const std::vector<TypeId>& allowed) const;

  // The declaration of attribute `name` on `type` or one of its ancestors, or of the external
  // identifier `name` (a text attribute of every type).
  const AttributeDecl* FindAttribute(TypeId type, std::string_view name) const;
  // The text attribute of the external identifier `name`, or null when it is not one.
  const AttributeDecl* FindIdentifier(std::string_view name) const;

  // Whether `unit` is allowed for the quantity predicate `predicate`.
  bool AllowsUnit(PredicateId predicate, UnitId unit) const;

 private:
  friend class SchemaParser;

  std::string name_;
  std::string version_;
  std::string description_;
  std::filesystem::path path_;
  std::vector<EntityType> types_;
  std::vector<Identifier> identifiers_;
  std::vector<AttributeDecl> identifier_attributes_;  // one text attribute per identifier
  std::vector<Unit> units_;
  std::vector<Predicate> predicates_;
  absl::flat_hash_map<std::string, TypeId> type_ids_;
  absl::flat_hash_map<std::string, UnitId> unit_ids_;
  absl::flat_hash_map<std::string, PredicateId> predicate_ids_;
};

}  // namespace aikg

#endif  // AIKG_SCHEMA_H_
