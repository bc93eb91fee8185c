// Reading Wikidata mappings (docs/import-wikidata.md). Every problem in a mapping is reported
// at its place (line:col and JSON pointer), all at once; names the schema must know keep their
// place so that the importer can report an unknown one there too.

#include "import/wikidata_mapping.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "import/import_internal.h"
#include "internal/cat.h"
#include "internal/json_input.h"

namespace aikg {

using internal::Cat;
using internal::JsonInput;
using internal::JsonPath;
using internal::MappedName;
using internal::ObjectReader;
using internal::View;
using internal::WikidataMappingData;
using internal::WikidataRule;
using internal::WikidataValueKind;

namespace internal {

std::string_view WikidataValueKindName(WikidataValueKind kind) {
  static constexpr std::string_view kNames[] = {"entity", "quantity", "date", "text", "attribute"};
  return kNames[static_cast<int>(kind)];
}

Diagnostic PlaceIn(JsonInput& input, const JsonPath& path, const rapidjson::Value* value) {
  input.Report(path, value, "");
  Diagnostic place = std::move(input.diagnostics().back());
  input.diagnostics().pop_back();
  return place;
}

namespace {

bool IsEntityId(std::string_view text, char letter) {
  if (text.size() < 2 || text[0] != letter || text[1] == '0') return false;
  for (char c : text.substr(1)) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

constexpr std::string_view kSlugOfLabel = "{slug(label)}";
constexpr std::string_view kLabel = "{label}";
constexpr std::string_view kQid = "{qid}";

}  // namespace

bool IsItemId(std::string_view text) { return IsEntityId(text, 'Q'); }
bool IsPropertyId(std::string_view text) { return IsEntityId(text, 'P'); }

std::string ExpandIdTemplate(std::string_view id_template, std::string_view qid, std::string_view label) {
  std::string id;
  for (size_t at = 0; at < id_template.size();) {
    std::string_view rest = id_template.substr(at);
    if (rest.starts_with(kSlugOfLabel)) {
      std::string slug = Slug(label);
      id += slug.empty() ? absl::AsciiStrToLower(std::string(qid)) : slug;
      at += kSlugOfLabel.size();
    } else if (rest.starts_with(kLabel)) {
      id += label;
      at += kLabel.size();
    } else if (rest.starts_with(kQid)) {
      id += qid;
      at += kQid.size();
    } else {
      id.push_back(id_template[at++]);
    }
  }
  return id;
}

std::optional<std::string> CheckIdTemplate(std::string_view id_template) {
  bool names_item = false;
  for (size_t at = 0; at < id_template.size();) {
    std::string_view rest = id_template.substr(at);
    if (rest.starts_with(kSlugOfLabel) || rest.starts_with(kLabel) || rest.starts_with(kQid)) {
      names_item = true;
      at = id_template.find('}', at) + 1;
    } else if (rest.front() == '{' || rest.front() == '}') {
      return Cat("unknown placeholder in id template '", id_template,
                 "' (known: {slug(label)}, {label}, {qid})");
    } else {
      ++at;
    }
  }
  if (!names_item) {
    return Cat("id template '", id_template, "' gives every item the same id: use {slug(label)} or {qid}");
  }
  return std::nullopt;
}

}  // namespace internal

namespace {

// Reads one mapping document into WikidataMappingData, reporting every problem.
class MappingReader {
 public:
  MappingReader(JsonInput& input, WikidataMappingData& mapping) : input_(input), mapping_(mapping) {}

  // False when any problem was reported.
  bool Read() {
    JsonPath root;
    ObjectReader top(input_, input_.root(), root,
                     {"format", "name", "description", "languages", "types", "default_type", "ids", "default_id",
                      "units", "qualifiers", "properties"});
    if (!top.is_object()) return false;
    if (std::optional<std::string_view> format = top.String("format", true);
        format && *format != internal::kWikidataMappingFormat) {
      top.Report("format", Cat("unsupported mapping format '", *format, "' (expected '",
                               internal::kWikidataMappingFormat, "')"));
    }
    mapping_.name = top.String("name").value_or("");
    mapping_.description = top.String("description").value_or("");
    ReadLanguages(top);
    if (const rapidjson::Value* types = top.Object("types")) {
      mapping_.types = ReadMap(*types, top.PathOf("types"), "an item id", internal::IsItemId);
    }
    if (const rapidjson::Value* type = top.Find("default_type")) {
      if (std::optional<std::string_view> name = top.String("default_type")) {
        mapping_.default_type =
            MappedName{"", std::string(*name), internal::PlaceIn(input_, top.PathOf("default_type"), type)};
      }
    }
    if (const rapidjson::Value* ids = top.Object("ids")) {
      mapping_.ids = ReadMap(*ids, top.PathOf("ids"), "an entity type", [](std::string_view) { return true; });
      for (const MappedName& id : mapping_.ids) CheckTemplate(id.value, id.where);
    }
    mapping_.default_id = "wikidata/{qid}";
    if (const rapidjson::Value* default_id = top.Find("default_id")) {
      if (std::optional<std::string_view> text = top.String("default_id")) {
        mapping_.default_id = std::string(*text);
        mapping_.default_id_where = internal::PlaceIn(input_, top.PathOf("default_id"), default_id);
        CheckTemplate(*text, mapping_.default_id_where);
      }
    }
    if (const rapidjson::Value* units = top.Object("units")) {
      for (MappedName& unit : ReadMap(*units, top.PathOf("units"), "an item id", internal::IsItemId)) {
        std::string key = unit.key;
        mapping_.units.emplace(std::move(key), std::move(unit));
      }
    }
    if (const rapidjson::Value* qualifiers = top.Object("qualifiers")) {
      mapping_.qualifiers = ReadQualifiers(*qualifiers, top.PathOf("qualifiers"));
    }
    if (const rapidjson::Value* properties = top.Object("properties", true)) {
      ReadProperties(*properties, top.PathOf("properties"));
    }
    return top.ok() && ok_;
  }

 private:
  void Report(const JsonPath& path, const rapidjson::Value* value, std::string_view message) {
    input_.Report(path, value, message);
    ok_ = false;
  }

  void ReadLanguages(ObjectReader& top) {
    const rapidjson::Value* languages = top.Array("languages");
    if (languages == nullptr) {
      mapping_.languages = {"en"};
      return;
    }
    JsonPath path = top.PathOf("languages");
    for (rapidjson::SizeType i = 0; i < languages->Size(); ++i) {
      const rapidjson::Value& language = (*languages)[i];
      if (!language.IsString() || language.GetStringLength() == 0) {
        Report(path.Element(i), &language, "a language is a non-empty string (a Wikidata language code: en, zh-hans)");
        continue;
      }
      mapping_.languages.emplace_back(View(language));
    }
  }

  // A JSON object of non-empty strings whose keys pass `valid_key` (described as `key_kind`).
  template <typename KeyCheck>
  std::vector<MappedName> ReadMap(const rapidjson::Value& object, const JsonPath& path, std::string_view key_kind,
                                  KeyCheck valid_key) {
    std::vector<MappedName> names;
    for (const auto& member : object.GetObject()) {
      std::string_view key = View(member.name);
      JsonPath member_path = path.Member(key);
      if (!valid_key(key)) {
        Report(member_path, nullptr, Cat("'", key, "' is not ", key_kind));
        continue;
      }
      if (!member.value.IsString() || member.value.GetStringLength() == 0) {
        Report(member_path, &member.value, Cat("the value of '", key, "' must be a non-empty string"));
        continue;
      }
      names.push_back({std::string(key), std::string(View(member.value)),
                       internal::PlaceIn(input_, member_path, &member.value)});
    }
    return names;
  }

  std::vector<MappedName> ReadQualifiers(const rapidjson::Value& object, const JsonPath& path) {
    std::vector<MappedName> qualifiers = ReadMap(object, path, "a property id", internal::IsPropertyId);
    for (const MappedName& qualifier : qualifiers) {
      if (qualifier.key == internal::kPointInTime || qualifier.key == internal::kStartTime ||
          qualifier.key == internal::kEndTime) {
        Diagnostic diagnostic = qualifier.where;
        diagnostic.message = Cat("qualifier ", qualifier.key, " always gives the valid time: it cannot be mapped");
        input_.diagnostics().push_back(std::move(diagnostic));
        ok_ = false;
      }
    }
    return qualifiers;
  }

  // Reports a bad id template at `where`, the place of the template.
  void CheckTemplate(std::string_view id_template, const Diagnostic& where) {
    if (std::optional<std::string> problem = internal::CheckIdTemplate(id_template)) {
      Diagnostic diagnostic = where;
      diagnostic.message = std::move(*problem);
      input_.diagnostics().push_back(std::move(diagnostic));
      ok_ = false;
    }
  }

  void ReadProperties(const rapidjson::Value& properties, const JsonPath& path) {
    for (const auto& member : properties.GetObject()) {
      std::string_view property = View(member.name);
      JsonPath property_path = path.Member(property);
      if (!internal::IsPropertyId(property)) {
        Report(property_path, nullptr, Cat("'", property, "' is not a property id (P followed by digits)"));
        continue;
      }
      if (property == internal::kInstanceOf) {
        Report(property_path, nullptr, "P31 (instance of) gives the entity type: map its values in 'types'");
        continue;
      }
      std::vector<WikidataRule> rules;
      if (member.value.IsArray()) {
        if (member.value.Empty()) Report(property_path, &member.value, "a property needs at least one rule");
        for (rapidjson::SizeType i = 0; i < member.value.Size(); ++i) {
          ReadRule(member.value[i], property_path.Element(i), rules);
        }
      } else {
        ReadRule(member.value, property_path, rules);
      }
      mapping_.properties.emplace(std::string(property), std::move(rules));
    }
  }

  void ReadRule(const rapidjson::Value& value, const JsonPath& path, std::vector<WikidataRule>& rules) {
    ObjectReader item(input_, value, path,
                      {"predicate", "attribute", "inverse", "value", "unitless", "qualifiers", "description"});
    if (!item.is_object()) {
      ok_ = false;
      return;
    }
    WikidataRule rule;
    rule.where = internal::PlaceIn(input_, path, &value);
    std::optional<std::string_view> predicate = item.String("predicate");
    std::optional<std::string_view> attribute = item.String("attribute");
    if (predicate.has_value() == attribute.has_value()) {
      item.Report(predicate ? "attribute" : "", "a rule has either a 'predicate' or an 'attribute'");
    }
    if (predicate) {
      rule.predicate = std::string(*predicate);
      rule.predicate_where = internal::PlaceIn(input_, item.PathOf("predicate"), item.Find("predicate"));
    } else if (attribute) {
      rule.attribute = std::string(*attribute);
      rule.predicate_where = internal::PlaceIn(input_, item.PathOf("attribute"), item.Find("attribute"));
    }
    rule.inverse = item.Bool("inverse").value_or(false);
    if (std::optional<std::string_view> kind = item.String("value")) {
      for (WikidataValueKind known : {WikidataValueKind::kEntity, WikidataValueKind::kQuantity,
                                      WikidataValueKind::kDate, WikidataValueKind::kText}) {
        if (*kind == internal::WikidataValueKindName(known)) rule.value = known;
      }
      if (!rule.value) {
        item.Report("value", Cat("unknown value kind '", *kind, "' (expected entity, quantity, date or text)"));
      }
    }
    if (attribute) {
      if (rule.inverse) item.Report("inverse", "an attribute rule has no direction");
      if (item.Find("value") != nullptr) item.Report("value", "an attribute takes its kind from the schema");
      rule.value = WikidataValueKind::kAttribute;
    } else if (rule.inverse && rule.value && *rule.value != WikidataValueKind::kEntity) {
      item.Report("inverse", "only entity values can be the subject (inverse)");
    }
    if (std::optional<std::string_view> unitless = item.String("unitless")) {
      rule.unitless = std::string(*unitless);
      rule.unitless_where = internal::PlaceIn(input_, item.PathOf("unitless"), item.Find("unitless"));
      if (rule.value && *rule.value != WikidataValueKind::kQuantity) {
        item.Report("unitless", "'unitless' names the unit of quantities");
      }
    }
    if (const rapidjson::Value* qualifiers = item.Object("qualifiers")) {
      rule.qualifiers = ReadQualifiers(*qualifiers, item.PathOf("qualifiers"));
    }
    item.String("description");
    if (!item.ok()) ok_ = false;
    rules.push_back(std::move(rule));
  }

  JsonInput& input_;
  WikidataMappingData& mapping_;
  bool ok_ = true;
};

}  // namespace

namespace internal {

std::shared_ptr<const WikidataMappingData> ParseWikidataMapping(std::string_view json, std::string label,
                                                                const std::filesystem::path* path,
                                                                std::vector<Diagnostic>& diagnostics) {
  size_t first_problem = diagnostics.size();
  std::unique_ptr<JsonInput> input = path != nullptr ? JsonInput::FromFile(*path, diagnostics)
                                                     : JsonInput::FromString(json, label, diagnostics);
  if (input == nullptr) return nullptr;
  auto mapping = std::make_shared<WikidataMappingData>();
  mapping->label = input->label();
  MappingReader reader(*input, *mapping);
  if (!reader.Read() || diagnostics.size() > first_problem) return nullptr;
  return mapping;
}

bool ResolveWikidataMapping(const WikidataMappingData& mapping, const Schema& schema,
                            ResolvedWikidataMapping& resolved_mapping, std::vector<Diagnostic>& found) {
  size_t first = found.size();
  auto problem = [&](const Diagnostic& where, std::string message) {
    Diagnostic diagnostic = where;
    if (diagnostic.file.empty()) diagnostic.file = mapping.label;
    diagnostic.message = std::move(message);
    found.push_back(std::move(diagnostic));
  };
  if (schema.FindIdentifier(kWikidataIdentifier) == nullptr) {
    problem({}, Cat("the graph's schema '", schema.name(), "' declares no '", kWikidataIdentifier,
                    "' identifier (\"identifiers\": [{\"name\": \"wikidata\"}]): items could not be linked by Q-id"));
  }
  auto find_type = [&](const MappedName& name) -> std::optional<TypeId> {
    std::optional<TypeId> type = schema.FindType(name.value);
    if (!type) problem(name.where, Cat("unknown entity type '", name.value, "'"));
    return type;
  };
  for (const MappedName& type : mapping.types) {
    if (std::optional<TypeId> id = find_type(type)) resolved_mapping.types.emplace_back(type.key, *id);
  }
  if (mapping.default_type) resolved_mapping.default_type = find_type(*mapping.default_type);
  for (const MappedName& id : mapping.ids) {
    std::optional<TypeId> type = schema.FindType(id.key);
    if (!type) {
      problem(id.where, Cat("unknown entity type '", id.key, "'"));
      continue;
    }
    resolved_mapping.id_templates.emplace(*type, id.value);
  }
  for (const auto& [item, unit] : mapping.units) {
    if (!schema.FindUnit(unit.value)) problem(unit.where, Cat("unknown unit '", unit.value, "'"));
  }
  for (const auto& [property, rules] : mapping.properties) {
    std::vector<ResolvedWikidataRule>& resolved = resolved_mapping.rules[property];
    for (const WikidataRule& rule : rules) {
      ResolvedWikidataRule entry;
      entry.rule = &rule;
      if (!rule.attribute.empty()) {
        entry.kind = WikidataValueKind::kAttribute;
        bool declared = schema.FindIdentifier(rule.attribute) != nullptr;
        for (TypeId type = 0; type < schema.types().size() && !declared; ++type) {
          declared = schema.FindAttribute(type, rule.attribute) != nullptr;
        }
        if (!declared) problem(rule.predicate_where, Cat("no entity type has an attribute '", rule.attribute, "'"));
        resolved.push_back(entry);
        continue;
      }
      std::optional<PredicateId> predicate = schema.FindPredicate(rule.predicate);
      if (!predicate) {
        problem(rule.predicate_where, Cat("unknown predicate '", rule.predicate, "'"));
        continue;
      }
      entry.predicate = &schema.predicate(*predicate);
      RangeKind range = entry.predicate->range_kind;
      if (range == RangeKind::kBoolean) {
        problem(rule.predicate_where,
                Cat("predicate '", rule.predicate, "' takes a boolean, which no Wikidata value gives"));
        continue;
      }
      entry.kind = range == RangeKind::kEntity     ? WikidataValueKind::kEntity
                   : range == RangeKind::kQuantity ? WikidataValueKind::kQuantity
                   : range == RangeKind::kDate     ? WikidataValueKind::kDate
                                                   : WikidataValueKind::kText;
      if (rule.value && *rule.value != entry.kind) {
        problem(rule.predicate_where, Cat("predicate '", rule.predicate, "' takes ", RangeKindName(range),
                                          " values, but the rule reads ",
                                          WikidataValueKindName(*rule.value), " values"));
      }
      if (rule.inverse && entry.kind != WikidataValueKind::kEntity) {
        problem(rule.predicate_where,
                Cat("predicate '", rule.predicate, "' takes a value: its claims cannot be inverse"));
      }
      if (!rule.unitless.empty()) {
        std::optional<UnitId> unit = schema.FindUnit(rule.unitless);
        if (!unit) {
          problem(rule.unitless_where, Cat("unknown unit '", rule.unitless, "'"));
        } else if (entry.kind == WikidataValueKind::kQuantity && !schema.AllowsUnit(*predicate, *unit)) {
          problem(rule.unitless_where,
                  Cat("unit '", rule.unitless, "' is not allowed for predicate '", rule.predicate, "'"));
        }
      }
      resolved.push_back(entry);
    }
  }
  return found.size() == first;
}

}  // namespace internal

absl::StatusOr<WikidataMapping> WikidataMapping::LoadFile(const std::filesystem::path& path,
                                                          std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::shared_ptr<const WikidataMappingData> data = internal::ParseWikidataMapping({}, path.string(), &path, found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (data == nullptr) return DiagnosticsToStatus(found);
  return WikidataMapping(std::move(data));
}

absl::StatusOr<WikidataMapping> WikidataMapping::LoadString(std::string_view json, std::string label,
                                                            std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::shared_ptr<const WikidataMappingData> data =
      internal::ParseWikidataMapping(json, std::move(label), nullptr, found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (data == nullptr) return DiagnosticsToStatus(found);
  return WikidataMapping(std::move(data));
}

const std::string& WikidataMapping::label() const { return data_->label; }

}  // namespace aikg
