// The parsed form of a Wikidata mapping (docs/import-wikidata.md): which items' types, ids,
// units and claims become what. Names of types, predicates, units and attributes stay text
// here, each with the place the mapping gives it; the importer checks them against the graph's
// schema and reports a bad name at that place.

#ifndef AIKG_IMPORT_WIKIDATA_MAPPING_H_
#define AIKG_IMPORT_WIKIDATA_MAPPING_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aikg/diagnostic.h"
#include "aikg/import.h"
#include "aikg/schema.h"
#include "internal/json_input.h"
#include "internal/strings.h"

namespace aikg::internal {

inline constexpr std::string_view kWikidataMappingFormat = "aikg-wikidata-mapping/1";
// The external identifier (aikg/schema.h) that holds an entity's Q-id.
inline constexpr std::string_view kWikidataIdentifier = "wikidata";

// The Wikidata properties the importer reads itself, whatever the mapping says.
inline constexpr std::string_view kInstanceOf = "P31";
inline constexpr std::string_view kPointInTime = "P585";
inline constexpr std::string_view kStartTime = "P580";
inline constexpr std::string_view kEndTime = "P582";

// What a claim's value becomes: a statement of one of these kinds, or an entity attribute.
enum class WikidataValueKind : uint8_t { kEntity, kQuantity, kDate, kText, kAttribute };
std::string_view WikidataValueKindName(WikidataValueKind kind);  // "entity", "quantity", ...

// One pair of a mapping's maps ("Q4917" → "USD"), and where the mapping writes it: a problem
// found later with the value (an unknown unit) is reported there.
struct MappedName {
  std::string key;
  std::string value;
  Diagnostic where;  // `message` left empty
};

// What the claims of one property become. A property may have several rules: the first that
// applies to the item's type is used.
struct WikidataRule {
  std::string predicate;  // a statement rule, or
  std::string attribute;  // an attribute rule
  bool inverse = false;   // the item is the statement's object, the claim's value its subject
  // As the mapping states it; else the kind of the predicate's range (or kAttribute).
  std::optional<WikidataValueKind> value;
  std::string unitless;                // the unit of quantities whose Wikidata unit is "1"
  std::vector<MappedName> qualifiers;  // qualifier property → qualifier key, for this rule
  Diagnostic where;                    // the rule
  Diagnostic predicate_where;          // its "predicate" or "attribute" member
  Diagnostic unitless_where;
};

struct WikidataMappingData {
  std::string label;
  std::string name;
  std::string description;
  // Preferred languages for an entity's name and description; then any.
  std::vector<std::string> languages;
  std::vector<MappedName> types;  // P31 value → entity type, tried in this order
  std::optional<MappedName> default_type;
  std::vector<MappedName> ids;  // entity type → id template ("org/{slug(label)}")
  std::string default_id;
  Diagnostic default_id_where;
  absl::flat_hash_map<std::string, MappedName> units;  // unit item → unit
  std::vector<MappedName> qualifiers;                   // qualifier property → key, for every rule
  absl::flat_hash_map<std::string, std::vector<WikidataRule>> properties;
};

// Parses a mapping document; problems go to `diagnostics`, located in the document. Null when
// there was any.
std::shared_ptr<const WikidataMappingData> ParseWikidataMapping(std::string_view json, std::string label,
                                                                const std::filesystem::path* path,
                                                                std::vector<Diagnostic>& diagnostics);

// Where `value`, at `path` in `input`, is: file, line:col and pointer, as a problem there would
// be reported (counting lines up to it: for the few places that need one).
Diagnostic PlaceIn(JsonInput& input, const JsonPath& path, const rapidjson::Value* value);

// A rule with its names checked against a schema.
struct ResolvedWikidataRule {
  const WikidataRule* rule = nullptr;
  WikidataValueKind kind = WikidataValueKind::kEntity;
  const Predicate* predicate = nullptr;  // statement rules
};

// A mapping with its names checked against a schema; it points into both.
struct ResolvedWikidataMapping {
  std::vector<std::pair<std::string_view, TypeId>> types;  // P31 value → type, in the mapping's order
  std::optional<TypeId> default_type;
  absl::flat_hash_map<TypeId, std::string_view> id_templates;
  StringViewMap<std::vector<ResolvedWikidataRule>> rules;  // property → its rules
};

// Checks every name `mapping` gives against `schema` (types, units, predicates and whether the
// value kinds fit them, attributes) and that the schema declares the `wikidata` identifier.
// Each problem goes to `found`, at its place in the mapping. False when there was any.
bool ResolveWikidataMapping(const WikidataMappingData& mapping, const Schema& schema,
                            ResolvedWikidataMapping& resolved, std::vector<Diagnostic>& found);

// Whether `text` is an item id ("Q42") or a property id ("P31"): the letter, then digits
// without a leading zero.
bool IsItemId(std::string_view text);
bool IsPropertyId(std::string_view text);

// The id made by `id_template` for an item: "{qid}" is replaced by the item id, "{label}" by
// its name and "{slug(label)}" by the name's slug (an empty slug: the item id in lower case).
std::string ExpandIdTemplate(std::string_view id_template, std::string_view qid, std::string_view label);
// Whether `id_template` uses only those placeholders and at least one of them; otherwise the
// reason why not.
std::optional<std::string> CheckIdTemplate(std::string_view id_template);

}  // namespace aikg::internal

#endif  // AIKG_IMPORT_WIKIDATA_MAPPING_H_
