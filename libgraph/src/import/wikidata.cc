// Importing Wikidata entity JSON (docs/import-wikidata.md): items become entities, or link to
// the entities a graph already has; their claims become statements through a WikidataMapping;
// their references become sources relayed by Wikidata.
//
// Two passes over the items: the first names every item (its type, its entity id, whether it
// links to an existing entity), so that the second can turn claims about other items of the
// same file into edges. Everything goes through one ImportBatch: an import is all or nothing,
// or leaves out the items with problems. Problems found while reading are located at once;
// places of the batch's items (claims, references) only keep their JSON pointer and are
// located when the transaction reports a problem there, since counting lines for every claim
// would make a large file quadratic.

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "aikg/import.h"
#include "aikg/resolve.h"
#include "aikg/text.h"
#include "import/import_internal.h"
#include "import/wikidata_mapping.h"
#include "import/wikidata_values.h"
#include "internal/cat.h"
#include "internal/graph_data.h"
#include "internal/json_input.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::FindMember;
using internal::ImportBatch;
using internal::ImportPlace;
using internal::IsEmptyArray;
using internal::JsonInput;
using internal::JsonPath;
using internal::MappedName;
using internal::Member;
using internal::SnakOutcome;
using internal::SnakValue;
using internal::View;
using internal::WikidataMappingData;
using internal::WikidataQuantity;
using internal::WikidataRule;
using internal::WikidataValueKind;

// The source every imported claim is read from, directly or as the relay of its references.
constexpr std::string_view kWikidataSourceId = "src/wikidata";
constexpr std::string_view kItemPage = "https://www.wikidata.org/wiki/";

// Reference snaks read into sources; the others are ignored.
constexpr std::string_view kStatedIn = "P248";
constexpr std::string_view kReferenceUrl = "P854";
constexpr std::string_view kRetrieved = "P813";
constexpr std::string_view kPublicationDate = "P577";
constexpr std::string_view kTitle = "P1476";
constexpr std::string_view kSection = "P958";
constexpr std::string_view kPages = "P304";

// A label, description or alias: its language and text.
struct Term {
  std::string_view lang;
  std::string_view text;
};

class WikidataImporter {
 public:
  WikidataImporter(Graph& graph, const WikidataMappingData& mapping, const ImportOptions& options, JsonInput& input)
      : graph_(graph),
        schema_(*graph.schema()),
        mapping_(mapping),
        options_(options),
        input_(input),
        resolver_(graph),
        batch_(input.label()),
        values_(input, batch_) {}

  // Imports the input. `found` is the input's diagnostics sink; the problems of the import are
  // appended to it, located.
  absl::Status Run(ImportReport& report, std::vector<Diagnostic>& found) {
    if (!internal::ResolveWikidataMapping(mapping_, schema_, resolved_, found)) return DiagnosticsToStatus(found);
    if (!FindItems()) return DiagnosticsToStatus(found);
    for (Item& item : items_) {
      AtItem(item, [&](const JsonPath& path) { NameItem(item, path); });
    }
    for (Item& item : items_) {
      if (batch_.IsBad(item.unit)) continue;
      AtItem(item, [&](const JsonPath& path) { ReadClaims(item, path); });
    }
    AddEntitiesAndStatements();
    report.rows = items_.size();
    std::vector<Diagnostic> problems;
    absl::Status applied = batch_.Apply(graph_, options_.skip_bad_rows, report, &problems);
    for (Diagnostic& problem : problems) Locate(problem);
    for (Diagnostic& problem : report.skipped) Locate(problem);
    found.insert(found.end(), problems.begin(), problems.end());
    if (!applied.ok()) return problems.empty() ? applied : DiagnosticsToStatus(problems);
    for (const Item& item : items_) {
      if (batch_.IsBad(item.unit)) continue;
      report.deprecated_claims += item.deprecated;
      report.cells_missing += item.missing;
      for (const auto& [property, count] : item.unmapped) report.unmapped_properties[property] += count;
      for (const auto& [qid, count] : item.unresolved) report.unresolved_items[qid] += count;
    }
    return absl::OkStatus();
  }

 private:
  // One entity object of the input: a unit of the import.
  struct Item {
    size_t unit = 0;
    const rapidjson::Value* value = nullptr;
    std::string_view key;  // its member name under "entities"; empty in a dump
    std::string_view qid;
    std::string_view name;
    std::string_view description;
    std::vector<Alias> aliases;
    std::optional<TypeId> type;  // mapped, or the linked entity's
    std::string_view id;         // the entity it becomes, or links to
    bool linked = false;
    std::vector<Attribute> attributes;    // from attribute rules (created entities only)
    std::vector<bool> preferred_attributes;  // whether each came from a preferred claim
    // What its claims left out, added to the report when the item is imported.
    size_t deprecated = 0;
    size_t missing = 0;
    std::map<std::string, size_t> unmapped;
    std::map<std::string, size_t> unresolved;
  };

  // A statement waiting for the end of the second pass: an edge to an item of the file is left
  // out (counted as unresolved) when that item turned out bad.
  struct PendingStatement {
    StatementInput input;
    ImportPlace place;
    std::optional<size_t> target_unit;
    std::string_view target_qid;
  };

  // Whether `rule` can take a claim of an item of type `type`: the item's side of the predicate
  // (subject, or object when inverse) admits it, or the type has the attribute.
  bool Applies(const internal::ResolvedWikidataRule& rule, TypeId type) const {
    if (rule.kind == WikidataValueKind::kAttribute) {
      return schema_.FindAttribute(type, rule.rule->attribute) != nullptr;
    }
    return schema_.IsAnyOf(type, rule.rule->inverse ? rule.predicate->range : rule.predicate->domain);
  }

  // ---- Items ----------------------------------------------------------------------------------

  // Finds the items of a wbgetentities response or of a dump. False (reported) when the input
  // is neither.
  bool FindItems() {
    const rapidjson::Value& root = input_.root();
    JsonPath root_path;
    if (root.IsArray()) {
      for (rapidjson::SizeType i = 0; i < root.Size(); ++i) AddItem(&root[i], {});
      return true;
    }
    if (root.IsObject()) {
      if (Member error = FindMember(root, "error")) {
        Member info = FindMember(*error.value, "info");
        input_.Report(root_path.Member(error.name), error.value,
                      Cat("the response is an error: ", info && info.value->IsString() ? View(*info.value) : "?"));
        return false;
      }
      Member entities = FindMember(root, "entities");
      if (entities && entities.value->IsObject()) {
        entities_member_ = entities.name;
        for (const auto& member : entities.value->GetObject()) {
          AddItem(&member.value, View(member.name));
        }
        return true;
      }
      if (entities) {
        input_.Report(root_path.Member(entities.name), entities.value,
                      Cat("'entities' must be an object of items, found ", internal::JsonTypeName(*entities.value)));
        return false;
      }
    }
    input_.Report(root_path, &root,
                  "expected a wbgetentities response ({\"entities\": {…}}) or a dump (a JSON array of entities)");
    return false;
  }

  void AddItem(const rapidjson::Value* value, std::string_view key) {
    Item& item = items_.emplace_back();
    item.unit = items_.size() - 1;
    item.value = value;
    item.key = key;
  }

  // Calls `visit` with the path of `item` (its links live on this frame).
  template <typename Visit>
  void AtItem(const Item& item, Visit&& visit) const {
    JsonPath root;
    if (entities_member_.empty()) {
      visit(root.Element(item.unit));
      return;
    }
    JsonPath entities = root.Member(entities_member_);
    visit(entities.Member(item.key));
  }

  void Problem(size_t unit, const JsonPath& path, const rapidjson::Value* value, std::string message) {
    values_.Problem(unit, path, value, std::move(message));
  }

  // A place that is only located when a problem is found there.
  ImportPlace LazyPlace(size_t unit, const JsonPath& path, const rapidjson::Value& value) {
    Diagnostic where;
    where.file = input_.label();
    where.json_pointer = path.ToPointer();
    lazy_values_.emplace(where.json_pointer, &value);
    return batch_.Place(unit, where);
  }

  void Locate(Diagnostic& diagnostic) {
    if (diagnostic.line != 0 || diagnostic.json_pointer.empty()) return;
    auto value = lazy_values_.find(diagnostic.json_pointer);
    if (value == lazy_values_.end()) return;
    input_.ReportValue(diagnostic.json_pointer, *value->second, "");
    diagnostic.line = input_.diagnostics().back().line;
    diagnostic.column = input_.diagnostics().back().column;
    input_.diagnostics().pop_back();
  }

  // The first pass: the item's names, type, and the entity it becomes or links to.
  void NameItem(Item& item, const JsonPath& path) {
    const rapidjson::Value& entity = *item.value;
    if (!entity.IsObject()) {
      Problem(item.unit, path, &entity, Cat("an entity is an object, found ", internal::JsonTypeName(entity)));
      return;
    }
    Member id = FindMember(entity, "id");
    if (!id || !id.value->IsString() || !internal::IsItemId(View(*id.value))) {
      Problem(item.unit, id ? path.Member(id.name) : path, id ? id.value : &entity,
              "an item needs its 'id': Q followed by digits");
      return;
    }
    item.qid = View(*id.value);
    if (Member missing = FindMember(entity, "missing")) {
      Problem(item.unit, path.Member(missing.name), missing.value, Cat("Wikidata has no item ", item.qid));
      return;
    }
    if (Member type = FindMember(entity, "type"); type && (!type.value->IsString() || View(*type.value) != "item")) {
      Problem(item.unit, path.Member(type.name), type.value, "only items are imported (\"type\": \"item\")");
      return;
    }
    if (auto [first, added] = units_by_qid_.emplace(item.qid, item.unit); !added) {
      Problem(item.unit, path.Member(id.name), id.value,
              Cat("item ", item.qid, " appears twice (first as item ", first->second + 1, " of the file)"));
      return;
    }
    std::vector<Term> labels, descriptions, aliases;
    bool terms_ok = ReadTerms(item, path, "labels", false, labels);
    terms_ok = ReadTerms(item, path, "descriptions", false, descriptions) && terms_ok;
    terms_ok = ReadTerms(item, path, "aliases", true, aliases) && terms_ok;
    if (!terms_ok) return;
    const Term* name = Preferred(labels);
    item.name = name != nullptr ? name->text : item.qid;
    if (const Term* description = Preferred(descriptions)) item.description = description->text;
    absl::flat_hash_set<std::string> folded_names = {FoldForLookup(item.name)};
    for (const std::vector<Term>* terms : {&labels, &aliases}) {
      for (const Term& term : *terms) {
        if (folded_names.insert(FoldForLookup(term.text)).second) item.aliases.push_back({term.text, term.lang});
      }
    }
    std::optional<TypeId> mapped_type = MappedType(item, path);
    if (batch_.IsBad(item.unit)) return;
    Link(item, path, mapped_type, labels, aliases);
  }

  // Reads labels or descriptions ({lang: {"language", "value"}}), or aliases ({lang: [...]}).
  bool ReadTerms(const Item& item, const JsonPath& path, std::string_view name, bool lists,
                 std::vector<Term>& terms) {
    Member member = FindMember(*item.value, name);
    if (!member || IsEmptyArray(*member.value)) return true;
    JsonPath terms_path = path.Member(member.name);
    if (!member.value->IsObject()) {
      Problem(item.unit, terms_path, member.value, Cat("'", name, "' must be an object of languages"));
      return false;
    }
    bool ok = true;
    auto read = [&](const JsonPath& term_path, const rapidjson::Value& term, std::string_view lang) {
      Member text = FindMember(term, "value");
      if (!text || !text.value->IsString() || text.value->GetStringLength() == 0) {
        Problem(item.unit, text ? term_path.Member(text.name) : term_path, text ? text.value : &term,
                "a term needs a non-empty 'value' string");
        ok = false;
        return;
      }
      Member language = FindMember(term, "language");
      terms.push_back({language && language.value->IsString() ? View(*language.value) : lang, View(*text.value)});
    };
    for (const auto& language : member.value->GetObject()) {
      std::string_view lang = View(language.name);
      JsonPath language_path = terms_path.Member(lang);
      if (!lists) {
        read(language_path, language.value, lang);
        continue;
      }
      if (!language.value.IsArray()) {
        Problem(item.unit, language_path, &language.value, "aliases of a language are an array");
        ok = false;
        continue;
      }
      for (rapidjson::SizeType i = 0; i < language.value.Size(); ++i) {
        read(language_path.Element(i), language.value[i], lang);
      }
    }
    return ok;
  }

  // The term in the first preferred language that has one, else the first.
  const Term* Preferred(const std::vector<Term>& terms) const {
    for (const std::string& language : mapping_.languages) {
      for (const Term& term : terms) {
        if (term.lang == language) return &term;
      }
    }
    return terms.empty() ? nullptr : &terms.front();
  }

  // The type the item's "instance of" values map to, first in the mapping's order; else the
  // default type; else nullopt (a problem only when the item links to no existing entity).
  std::optional<TypeId> MappedType(const Item& item, const JsonPath& path) {
    std::vector<std::string_view> classes;
    Member claims = FindMember(*item.value, "claims");
    Member instance_of = claims ? FindMember(*claims.value, internal::kInstanceOf) : Member();
    if (instance_of && instance_of.value->IsArray()) {
      JsonPath claims_path = path.Member(claims.name);
      JsonPath instance_path = claims_path.Member(instance_of.name);
      for (rapidjson::SizeType i = 0; i < instance_of.value->Size(); ++i) {
        const rapidjson::Value& claim = (*instance_of.value)[i];
        JsonPath claim_path = instance_path.Element(i);
        std::optional<bool> preferred = values_.ReadRank(item.unit, claim_path, claim);
        if (!preferred) continue;  // deprecated, or reported
        Member mainsnak = FindMember(claim, "mainsnak");
        if (!mainsnak) continue;  // reported with the other claims
        JsonPath snak_path = claim_path.Member(mainsnak.name);
        SnakValue snak;
        if (values_.ReadSnak(item.unit, snak_path, *mainsnak.value, snak) != SnakOutcome::kValue) continue;
        JsonPath datavalue_path = snak_path.Member(snak.datavalue_member);
        if (!values_.ExpectType(item.unit, datavalue_path, snak, {"wikibase-entityid"}, internal::kInstanceOf)) {
          continue;
        }
        if (std::optional<std::string_view> qid =
                values_.ReadItemId(item.unit, datavalue_path.Member(snak.value_member), *snak.value)) {
          classes.push_back(*qid);
        }
      }
    }
    for (const auto& [qid, type] : resolved_.types) {
      if (std::find(classes.begin(), classes.end(), qid) != classes.end()) return type;
    }
    return resolved_.default_type;
  }

  // The existing entity carrying the Wikidata identifier `qid`: one, none, or (reported by the
  // caller) several.
  std::vector<Entity> EntitiesWithQid(std::string_view qid) const {
    std::vector<Entity> found;
    for (const Candidate& candidate : resolver_.Matches(qid)) {
      if (candidate.how == ResolvedBy::kIdentifier) found.push_back(candidate.entity);
    }
    return found;
  }

  static std::string DescribeEntities(const std::vector<Entity>& entities) {
    std::string text;
    for (const Entity& entity : entities) {
      text += Cat(text.empty() ? "" : ", ", "'", entity.name(), "' (", entity.id(), ")");
    }
    return text;
  }

  TypeId RootOf(TypeId type) const {
    while (schema_.type(type).parent) type = *schema_.type(type).parent;
    return type;
  }

  // Links the item to an existing entity (curator's same_as, Q-id, then a label or alias naming
  // one entity of the same family of types), or gives it the id of a new one.
  void Link(Item& item, const JsonPath& path, std::optional<TypeId> mapped_type, const std::vector<Term>& labels,
            const std::vector<Term>& aliases) {
    auto link = [&](const Entity& entity) {
      item.linked = true;
      item.id = batch_.Keep(entity.id());
      item.type = entity.type();
      batch_.NoteMatched(entity.index(), item.unit);
      // The entity learns its Q-id, so that later lookups and imports find it by it.
      if (!entity.attribute(internal::kWikidataIdentifier)) {
        batch_.AddIdentifier(entity.index(), internal::kWikidataIdentifier, batch_.Keep(item.qid),
                             LazyPlace(item.unit, path, *item.value));
      }
    };
    auto same_as = [&](std::string_view key) {
      auto decided = options_.same_as.find(std::string(key));
      if (decided == options_.same_as.end()) return false;
      if (std::optional<Entity> entity = graph_.FindEntity(decided->second)) {
        link(*entity);
      } else {
        Problem(item.unit, path, item.value,
                Cat("same_as maps '", key, "' to '", decided->second, "', which is no entity of the graph"));
      }
      return true;
    };
    if (same_as(item.qid)) return;
    std::vector<Entity> by_qid = EntitiesWithQid(item.qid);
    if (by_qid.size() > 1) {
      Problem(item.unit, path, item.value,
              Cat("several entities carry the Wikidata id ", item.qid, ": ", DescribeEntities(by_qid)));
      return;
    }
    if (by_qid.size() == 1) {
      if (!same_as(by_qid.front().id())) link(by_qid.front());
      return;
    }
    if (!mapped_type) {
      Problem(item.unit, path, item.value,
              Cat("item ", item.qid, " ('", item.name, "') has no 'instance of' (P31) value that the mapping's "
                  "'types' map, and the mapping has no 'default_type'"));
      return;
    }
    // Names: the labels first, then the aliases; entities that carry another Q-id are other items.
    TypeId family = RootOf(*mapped_type);
    std::vector<Entity> named;
    for (const std::vector<Term>* terms : {&labels, &aliases}) {
      absl::flat_hash_set<std::string> tried;
      for (const Term& term : *terms) {
        if (!tried.insert(FoldForLookup(term.text)).second) continue;
        for (const Candidate& candidate : resolver_.Matches(term.text, family)) {
          if (candidate.how != ResolvedBy::kName && candidate.how != ResolvedBy::kAlias) continue;
          std::optional<AttributeValue> qid = candidate.entity.attribute(internal::kWikidataIdentifier);
          const std::string_view* other = qid ? std::get_if<std::string_view>(&*qid) : nullptr;
          if (other != nullptr && *other != item.qid) continue;
          if (std::find(named.begin(), named.end(), candidate.entity) == named.end()) named.push_back(candidate.entity);
        }
      }
      if (!named.empty()) break;
    }
    if (named.size() > 1) {
      Problem(item.unit, path, item.value,
              Cat("the names of item ", item.qid, " ('", item.name, "') match several entities: ",
                  DescribeEntities(named), "; choose one with same_as"));
      return;
    }
    if (named.size() == 1) {
      if (!same_as(named.front().id())) link(named.front());
      return;
    }
    item.type = mapped_type;
    std::string id = internal::ExpandIdTemplate(IdTemplate(*mapped_type), item.qid, item.name);
    if (same_as(id)) return;
    if (graph_.FindEntity(id) || taken_ids_.contains(id)) {
      id += Cat("-", absl::AsciiStrToLower(std::string(item.qid)));
    }
    if (graph_.FindEntity(id) || taken_ids_.contains(id)) {
      Problem(item.unit, path, item.value, Cat("the id '", id, "' made for item ", item.qid, " is taken"));
      return;
    }
    item.id = batch_.Keep(id);
    taken_ids_.insert(std::string(item.id));
  }

  // The id template of `type` or its nearest ancestor that has one, else the default.
  std::string_view IdTemplate(TypeId type) const {
    for (std::optional<TypeId> at = type; at; at = schema_.type(*at).parent) {
      if (auto found = resolved_.id_templates.find(*at); found != resolved_.id_templates.end()) return found->second;
    }
    return mapping_.default_id;
  }

  // How a qualifier's value reads as text, or nullopt (reported).
  std::optional<std::string_view> QualifierText(size_t unit, const JsonPath& snak_path, const SnakValue& snak,
                                                std::string_view property) {
    JsonPath datavalue_path = snak_path.Member(snak.datavalue_member);
    JsonPath value_path = datavalue_path.Member(snak.value_member);
    if (snak.type == "wikibase-entityid") {
      std::optional<std::string_view> qid = values_.ReadItemId(unit, value_path, *snak.value);
      if (!qid) return std::nullopt;
      std::string_view label = LabelOf(*qid);
      return label.empty() ? *qid : label;
    }
    if (snak.type == "string" || snak.type == "monolingualtext") {
      std::optional<Text> text = values_.ReadText(unit, value_path, snak);
      if (!text) return std::nullopt;
      return text->text;
    }
    if (snak.type == "time") {
      std::optional<TimePoint> time = values_.ReadTime(unit, value_path, *snak.value);
      if (!time) return std::nullopt;
      return batch_.Keep(time->ToString());
    }
    if (snak.type == "quantity") {
      std::optional<WikidataQuantity> quantity = values_.ReadQuantity(unit, value_path, *snak.value);
      if (!quantity) return std::nullopt;
      std::string_view unit_name = quantity->unit;
      if (auto mapped = mapping_.units.find(internal::ToAbsl(quantity->unit)); mapped != mapping_.units.end()) {
        unit_name = mapped->second.value;
      }
      return batch_.Keep(unit_name == "1" ? std::string(quantity->amount_text)
                                          : Cat(quantity->amount_text, " ", unit_name));
    }
    Problem(unit, datavalue_path, snak.datavalue,
            Cat("qualifier ", property, " has a '", snak.type, "' value, which aikg does not read"));
    return std::nullopt;
  }

  // The name the import gives the item `qid`: its entity's in this file, else the name of the
  // existing entity carrying that id, else "".
  std::string_view LabelOf(std::string_view qid) const {
    if (auto unit = units_by_qid_.find(qid); unit != units_by_qid_.end()) return items_[unit->second].name;
    std::vector<Entity> entities = EntitiesWithQid(qid);
    return entities.size() == 1 ? entities.front().name() : std::string_view();
  }

  // ---- Claims ---------------------------------------------------------------------------------

  void ReadClaims(Item& item, const JsonPath& path) {
    Member claims = FindMember(*item.value, "claims");
    if (!claims || IsEmptyArray(*claims.value)) return;
    JsonPath claims_path = path.Member(claims.name);
    if (!claims.value->IsObject()) {
      Problem(item.unit, claims_path, claims.value, "'claims' must be an object of properties");
      return;
    }
    AddWikidataSource(item, path);
    for (const auto& member : claims.value->GetObject()) {
      std::string_view property = View(member.name);
      JsonPath property_path = claims_path.Member(property);
      if (!internal::IsPropertyId(property) || !member.value.IsArray()) {
        Problem(item.unit, property_path, &member.value, "claims are an array under their property id (P…)");
        continue;
      }
      if (property == internal::kInstanceOf) continue;  // the type, read in the first pass
      auto rules = resolved_.rules.find(property);
      for (rapidjson::SizeType i = 0; i < member.value.Size(); ++i) {
        ReadClaim(item, property, rules == resolved_.rules.end() ? nullptr : &rules->second, property_path.Element(i),
                  member.value[i]);
      }
    }
  }

  void ReadClaim(Item& item, std::string_view property, const std::vector<internal::ResolvedWikidataRule>* rules,
                 const JsonPath& claim_path, const rapidjson::Value& claim) {
    if (!claim.IsObject()) {
      Problem(item.unit, claim_path, &claim, Cat("a claim is an object, found ", internal::JsonTypeName(claim)));
      return;
    }
    std::optional<bool> preferred = values_.ReadRank(item.unit, claim_path, claim);
    if (!preferred) {
      Member rank = FindMember(claim, "rank");
      if (rank && rank.value->IsString() && View(*rank.value) == "deprecated") ++item.deprecated;
      return;
    }
    if (rules == nullptr) {
      ++item.unmapped[std::string(property)];
      return;
    }
    const internal::ResolvedWikidataRule* rule = nullptr;
    for (const internal::ResolvedWikidataRule& candidate : *rules) {
      if (Applies(candidate, *item.type)) {
        rule = &candidate;
        break;
      }
    }
    if (rule == nullptr) {
      ++item.unmapped[Cat(property, " on ", schema_.type(*item.type).name)];
      return;
    }
    Member mainsnak = FindMember(claim, "mainsnak");
    if (!mainsnak) {
      Problem(item.unit, claim_path, &claim, "a claim needs its 'mainsnak'");
      return;
    }
    JsonPath snak_path = claim_path.Member(mainsnak.name);
    SnakValue snak;
    SnakOutcome outcome = values_.ReadSnak(item.unit, snak_path, *mainsnak.value, snak);
    if (outcome == SnakOutcome::kBad) return;
    if (outcome == SnakOutcome::kNoValue) {
      ++item.missing;
      return;
    }
    JsonPath datavalue_path = snak_path.Member(snak.datavalue_member);
    JsonPath value_path = datavalue_path.Member(snak.value_member);
    if (rule->kind == WikidataValueKind::kAttribute) {
      if (!item.linked) ReadAttribute(item, *rule, *preferred, property, datavalue_path, value_path, snak);
      return;
    }
    Member claim_id = FindMember(claim, "id");
    if (!claim_id || !claim_id.value->IsString() || claim_id.value->GetStringLength() == 0) {
      Problem(item.unit, claim_id ? claim_path.Member(claim_id.name) : claim_path, claim_id ? claim_id.value : &claim,
              "a claim needs its 'id': the statement's id is made from it");
      return;
    }
    std::string_view id = View(*claim_id.value);

    PendingStatement pending;
    StatementInput& statement = pending.input;
    statement.id = batch_.Keep(
        Cat("st/wikidata/", item.qid, "/", property, "/", internal::HexDigits(internal::StableHash(id))));
    statement.subject = item.id;
    statement.predicate = rule->rule->predicate;
    statement.modality = Modality::kReported;
    switch (rule->kind) {
      case WikidataValueKind::kEntity: {
        if (!values_.ExpectType(item.unit, datavalue_path, snak, {"wikibase-entityid"}, property)) return;
        std::optional<std::string_view> qid = values_.ReadItemId(item.unit, value_path, *snak.value);
        if (!qid) return;
        if (*qid == item.qid) return;  // a country is its own country: no edge to itself
        std::optional<std::string_view> target = Target(item, *qid, pending.target_unit);
        if (!target) {
          ++item.unresolved[std::string(*qid)];
          return;
        }
        pending.target_qid = *qid;
        if (rule->rule->inverse) {
          statement.subject = *target;
          statement.value = EntityId{item.id};
        } else {
          statement.value = EntityId{*target};
        }
        break;
      }
      case WikidataValueKind::kQuantity: {
        if (!values_.ExpectType(item.unit, datavalue_path, snak, {"quantity"}, property)) return;
        std::optional<WikidataQuantity> quantity = values_.ReadQuantity(item.unit, value_path, *snak.value);
        if (!quantity) return;
        std::optional<std::string_view> unit = UnitOf(item, *rule->rule, property, value_path, *quantity, *snak.value);
        if (!unit) return;
        statement.value = Quantity{quantity->amount, *unit, Bound::kExact, quantity->lower, quantity->upper};
        break;
      }
      case WikidataValueKind::kDate: {
        if (!values_.ExpectType(item.unit, datavalue_path, snak, {"time"}, property)) return;
        std::optional<TimePoint> time = values_.ReadTime(item.unit, value_path, *snak.value);
        if (!time) return;
        statement.value = *time;
        break;
      }
      case WikidataValueKind::kText: {
        if (!values_.ExpectType(item.unit, datavalue_path, snak, {"string", "monolingualtext"}, property)) return;
        std::optional<Text> text = values_.ReadText(item.unit, value_path, snak);
        if (!text) return;
        statement.value = *text;
        break;
      }
      case WikidataValueKind::kAttribute:
        return;  // handled above
    }
    if (*preferred) statement.qualifiers.push_back({"rank", "preferred"});
    if (!ReadQualifiers(item, *rule->rule, claim_path, claim, statement)) return;
    if (!ReadReferences(item, claim_path, claim, id, statement.sources)) return;
    pending.place = LazyPlace(item.unit, claim_path, claim);
    pending_.push_back(std::move(pending));
  }

  // The entity id of the item `qid` that a claim of `item` points to: an item of the file, or an
  // existing entity carrying that Q-id; nullopt when neither.
  std::optional<std::string_view> Target(const Item& item, std::string_view qid, std::optional<size_t>& target_unit) {
    if (auto unit = units_by_qid_.find(qid); unit != units_by_qid_.end()) {
      const Item& target = items_[unit->second];
      if (batch_.IsBad(target.unit) || target.id.empty()) return std::nullopt;
      target_unit = target.unit;
      return target.id;
    }
    std::vector<Entity> entities = EntitiesWithQid(qid);
    if (entities.size() != 1) return std::nullopt;
    batch_.NoteMatched(entities.front().index(), item.unit);
    return batch_.Keep(entities.front().id());
  }

  std::optional<std::string_view> UnitOf(const Item& item, const WikidataRule& rule, std::string_view property,
                                         const JsonPath& value_path, const WikidataQuantity& quantity,
                                         const rapidjson::Value& value) {
    JsonPath unit_path = value_path.Member(quantity.unit_member);
    const rapidjson::Value* unit_value = FindMember(value, "unit").value;
    if (quantity.unit == "1") {
      if (!rule.unitless.empty()) return rule.unitless;
      Problem(item.unit, unit_path, unit_value,
              Cat(property, " value has no unit (\"1\"), and the mapping's rule gives no 'unitless' unit"));
      return std::nullopt;
    }
    auto mapped = mapping_.units.find(internal::ToAbsl(quantity.unit));
    if (mapped == mapping_.units.end()) {
      Problem(item.unit, unit_path, unit_value,
              Cat("unknown unit item ", quantity.unit, ": add it to the mapping's 'units'"));
      return std::nullopt;
    }
    return std::string_view(mapped->second.value);
  }

  // The attribute an attribute rule sets: the value of the preferred claim, else of the first.
  void ReadAttribute(Item& item, const internal::ResolvedWikidataRule& rule, bool preferred, std::string_view property,
                     const JsonPath& datavalue_path, const JsonPath& value_path, const SnakValue& snak) {
    const AttributeDecl* decl = schema_.FindAttribute(*item.type, rule.rule->attribute);
    std::optional<AttributeValue> value;
    std::string_view expected;
    switch (decl->kind) {
      case AttributeKind::kDate:
        expected = "time";
        if (snak.type == "time") {
          if (std::optional<TimePoint> time = values_.ReadTime(item.unit, value_path, *snak.value)) value = *time;
          if (!value) return;
        }
        break;
      case AttributeKind::kText:
        expected = "string";
        if (snak.type == "string" || snak.type == "monolingualtext") {
          if (std::optional<Text> text = values_.ReadText(item.unit, value_path, snak)) value = text->text;
          if (!value) return;
        } else if (snak.type == "wikibase-entityid") {
          std::optional<std::string_view> qid = values_.ReadItemId(item.unit, value_path, *snak.value);
          if (qid) value = *qid;
          if (!value) return;
        }
        break;
      case AttributeKind::kNumber:
      case AttributeKind::kInteger:
        expected = "quantity";
        if (snak.type == "quantity") {
          std::optional<WikidataQuantity> quantity = values_.ReadQuantity(item.unit, value_path, *snak.value);
          if (!quantity) return;
          if (decl->kind == AttributeKind::kNumber) {
            value = quantity->amount;
          } else if (quantity->amount == std::trunc(quantity->amount) && std::abs(quantity->amount) < 9e15) {
            value = static_cast<int64_t>(quantity->amount);
          } else {
            Problem(item.unit, value_path, snak.value,
                    Cat("attribute '", decl->name, "' is an integer, but ", property, " gives ", quantity->amount));
            return;
          }
        }
        break;
      case AttributeKind::kBoolean:
        expected = "boolean";
        break;
    }
    if (!value) {
      values_.ExpectType(item.unit, datavalue_path, snak, {expected}, property);
      return;
    }
    for (size_t i = 0; i < item.attributes.size(); ++i) {
      if (item.attributes[i].name != decl->name) continue;
      if (preferred && !item.preferred_attributes[i]) {
        item.attributes[i].value = *value;
        item.preferred_attributes[i] = true;
      }
      return;
    }
    item.attributes.push_back({decl->name, *value});
    item.preferred_attributes.push_back(preferred);
  }

  // Point in time (P585) or start and end (P580, P582) → valid time; the qualifiers the mapping
  // lists → statement qualifiers (several values joined by ", "). False when one was bad.
  bool ReadQualifiers(Item& item, const WikidataRule& rule, const JsonPath& claim_path, const rapidjson::Value& claim,
                      StatementInput& statement) {
    Member qualifiers = FindMember(claim, "qualifiers");
    if (!qualifiers || IsEmptyArray(*qualifiers.value)) return true;
    JsonPath qualifiers_path = claim_path.Member(qualifiers.name);
    if (!qualifiers.value->IsObject()) {
      Problem(item.unit, qualifiers_path, qualifiers.value, "'qualifiers' must be an object of properties");
      return false;
    }
    bool ok = true;
    TimePoint point, start, end;
    for (const auto& member : qualifiers.value->GetObject()) {
      std::string_view property = View(member.name);
      JsonPath property_path = qualifiers_path.Member(property);
      if (!member.value.IsArray()) {
        Problem(item.unit, property_path, &member.value, "qualifiers are an array under their property id");
        ok = false;
        continue;
      }
      TimePoint* time = property == internal::kPointInTime ? &point
                        : property == internal::kStartTime ? &start
                        : property == internal::kEndTime   ? &end
                                                           : nullptr;
      std::string_view key = QualifierKey(rule, property);
      if (time == nullptr && key.empty()) continue;  // not listed: ignored
      std::string joined;
      for (rapidjson::SizeType i = 0; i < member.value.Size(); ++i) {
        JsonPath snak_path = property_path.Element(i);
        SnakValue snak;
        SnakOutcome outcome = values_.ReadSnak(item.unit, snak_path, member.value[i], snak);
        if (outcome == SnakOutcome::kBad) ok = false;
        if (outcome != SnakOutcome::kValue) continue;
        if (time != nullptr) {
          if (time->is_set()) continue;  // the first value gives the time
          JsonPath datavalue_path = snak_path.Member(snak.datavalue_member);
          if (!values_.ExpectType(item.unit, datavalue_path, snak, {"time"}, property)) {
            ok = false;
            continue;
          }
          std::optional<TimePoint> read =
              values_.ReadTime(item.unit, datavalue_path.Member(snak.value_member), *snak.value);
          if (!read) ok = false;
          *time = read.value_or(TimePoint());
          continue;
        }
        std::optional<std::string_view> text = QualifierText(item.unit, snak_path, snak, property);
        if (!text) {
          ok = false;
          continue;
        }
        joined += Cat(joined.empty() ? "" : ", ", *text);
      }
      if (!joined.empty()) statement.qualifiers.push_back({key, batch_.Keep(joined)});
    }
    if (point.is_set()) {
      statement.valid = ValidTime::At(point);
    } else {
      statement.valid = {start, end};
    }
    return ok;
  }

  std::string_view QualifierKey(const WikidataRule& rule, std::string_view property) const {
    for (const std::vector<MappedName>* names : {&rule.qualifiers, &mapping_.qualifiers}) {
      for (const MappedName& name : *names) {
        if (name.key == property) return name.value;
      }
    }
    return {};
  }

  // One source per distinct reference that names where it was stated (P248) or a URL (P854),
  // relayed by Wikidata; a claim without one cites Wikidata itself at the claim's id.
  bool ReadReferences(Item& item, const JsonPath& claim_path, const rapidjson::Value& claim, std::string_view claim_id,
                      std::vector<CitationInput>& citations) {
    bool ok = true;
    Member references = FindMember(claim, "references");
    if (references && !references.value->IsArray()) {
      Problem(item.unit, claim_path.Member(references.name), references.value, "'references' must be an array");
      return false;
    }
    if (references) {
      JsonPath references_path = claim_path.Member(references.name);
      for (rapidjson::SizeType i = 0; i < references.value->Size(); ++i) {
        ok = ReadReference(item, references_path.Element(i), (*references.value)[i], citations) && ok;
      }
    }
    if (citations.empty()) citations.push_back({kWikidataSourceId, claim_id});
    return ok;
  }

  // Wikidata itself, added with each item that has claims (the batch adds it once).
  void AddWikidataSource(const Item& item, const JsonPath& path) {
    SourceInput wikidata;
    wikidata.id = kWikidataSourceId;
    wikidata.kind = SourceKind::kOther;
    wikidata.publisher = "Wikidata";
    wikidata.url = "https://www.wikidata.org/";
    batch_.AddSource(wikidata, LazyPlace(item.unit, path, *item.value));
  }

  bool ReadReference(Item& item, const JsonPath& path, const rapidjson::Value& reference,
                     std::vector<CitationInput>& citations) {
    Member snaks = FindMember(reference, "snaks");
    if (!snaks || !snaks.value->IsObject()) {
      Problem(item.unit, snaks ? path.Member(snaks.name) : path, snaks ? snaks.value : &reference,
              "a reference needs its 'snaks': an object of properties");
      return false;
    }
    JsonPath snaks_path = path.Member(snaks.name);
    bool ok = true;
    std::string_view stated_in, url, title, section, pages;
    TimePoint retrieved, published;
    for (const auto& member : snaks.value->GetObject()) {
      std::string_view property = View(member.name);
      bool read = property == kStatedIn || property == kReferenceUrl || property == kRetrieved ||
                  property == kPublicationDate || property == kTitle || property == kSection || property == kPages;
      if (!read || !member.value.IsArray() || member.value.Empty()) continue;
      JsonPath snak_path = snaks_path.Member(property).Element(0);  // the first value says it
      SnakValue snak;
      SnakOutcome outcome = values_.ReadSnak(item.unit, snak_path, member.value[0], snak);
      if (outcome == SnakOutcome::kBad) ok = false;
      if (outcome != SnakOutcome::kValue) continue;
      JsonPath datavalue_path = snak_path.Member(snak.datavalue_member);
      JsonPath value_path = datavalue_path.Member(snak.value_member);
      if (property == kStatedIn) {
        std::optional<std::string_view> qid;
        if (values_.ExpectType(item.unit, datavalue_path, snak, {"wikibase-entityid"}, property)) {
          qid = values_.ReadItemId(item.unit, value_path, *snak.value);
        }
        if (!qid) ok = false;
        stated_in = qid.value_or("");
      } else if (property == kRetrieved || property == kPublicationDate) {
        std::optional<TimePoint> time;
        if (values_.ExpectType(item.unit, datavalue_path, snak, {"time"}, property)) {
          time = values_.ReadTime(item.unit, value_path, *snak.value);
        }
        if (!time) ok = false;
        (property == kRetrieved ? retrieved : published) = time.value_or(TimePoint());
      } else {
        std::optional<Text> text;
        if (values_.ExpectType(item.unit, datavalue_path, snak, {"string", "monolingualtext"}, property)) {
          text = values_.ReadText(item.unit, value_path, snak);
        }
        if (!text) ok = false;
        std::string_view read_text = text ? text->text : "";
        (property == kReferenceUrl ? url : property == kTitle ? title : property == kSection ? section : pages) =
            read_text;
      }
    }
    if (!ok || (stated_in.empty() && url.empty())) return ok;  // "imported from" alone is no source

    SourceInput source;
    source.kind = stated_in.empty() ? SourceKind::kOther : SourceKind::kReport;
    source.title = title.empty() && !stated_in.empty() ? LabelOf(stated_in) : title;
    source.url = url.empty() ? batch_.Keep(Cat(kItemPage, stated_in)) : url;
    source.published = published.is_set() ? published : retrieved;
    source.via = kWikidataSourceId;
    std::string published_text = source.published.ToString();
    uint64_t hash = internal::StableHash(SourceKindName(source.kind));
    for (std::string_view part : {source.title, source.url, std::string_view(published_text)}) {
      hash = internal::StableHash(part, internal::StableHash("\x1f", hash));
    }
    source.id = batch_.Keep(Cat("src/wikidata/", internal::HexDigits(hash)));
    batch_.AddSource(source, LazyPlace(item.unit, path, reference));

    std::string_view locator = section;
    if (!pages.empty()) locator = batch_.Keep(section.empty() ? Cat("p. ", pages) : Cat(section, ", p. ", pages));
    CitationInput citation{source.id, locator};
    for (const CitationInput& cited : citations) {
      if (cited.source == citation.source && cited.locator == citation.locator) return true;
    }
    citations.push_back(citation);
    return true;
  }

  // ---- Into the batch -------------------------------------------------------------------------

  void AddEntitiesAndStatements() {
    for (const Item& item : items_) {
      if (batch_.IsBad(item.unit) || item.linked || item.id.empty()) continue;
      EntityInput entity;
      entity.id = item.id;
      entity.type = schema_.type(*item.type).name;
      entity.name = item.name;
      entity.description = item.description;
      entity.aliases = item.aliases;
      entity.attributes.push_back({internal::kWikidataIdentifier, item.qid});
      entity.attributes.insert(entity.attributes.end(), item.attributes.begin(), item.attributes.end());
      AtItem(item, [&](const JsonPath& path) { batch_.AddEntity(entity, LazyPlace(item.unit, path, *item.value)); });
    }
    for (PendingStatement& pending : pending_) {
      if (pending.target_unit && batch_.IsBad(*pending.target_unit)) {
        ++items_[pending.place.unit].unresolved[std::string(pending.target_qid)];
        continue;
      }
      batch_.AddStatement(std::move(pending.input), pending.place);
    }
  }

  Graph& graph_;
  const Schema& schema_;
  const WikidataMappingData& mapping_;
  const ImportOptions& options_;
  JsonInput& input_;
  NameResolver resolver_;
  ImportBatch batch_;
  internal::WikidataValueReader values_;

  internal::ResolvedWikidataMapping resolved_;

  std::string_view entities_member_;  // "entities" as parsed; empty for a dump
  std::vector<Item> items_;
  internal::StringViewMap<size_t> units_by_qid_;
  absl::flat_hash_set<std::string> taken_ids_;
  std::vector<PendingStatement> pending_;
  absl::flat_hash_map<std::string, const rapidjson::Value*> lazy_values_;  // pointer → value
};

absl::StatusOr<ImportReport> ImportInput(Graph& graph, std::unique_ptr<JsonInput> input, std::vector<Diagnostic>& found,
                                         const WikidataMapping& mapping, const ImportOptions& options,
                                         std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) return absl::FailedPreconditionError("the graph has no schema to import into");
  ImportReport report;
  absl::Status status = DiagnosticsToStatus(found);
  if (input != nullptr) {
    WikidataImporter importer(graph, mapping.data(), options, *input);
    status = importer.Run(report, found);
  }
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (!status.ok()) return status;
  return report;
}

}  // namespace

absl::StatusOr<ImportReport> ImportWikidata(Graph& graph, const std::filesystem::path& path,
                                            const WikidataMapping& mapping, const ImportOptions& options,
                                            std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::unique_ptr<JsonInput> input = JsonInput::FromFile(path, found);
  return ImportInput(graph, std::move(input), found, mapping, options, diagnostics);
}

absl::StatusOr<ImportReport> ImportWikidataString(Graph& graph, std::string_view json, std::string label,
                                                  const WikidataMapping& mapping, const ImportOptions& options,
                                                  std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::unique_ptr<JsonInput> input = JsonInput::FromString(json, std::move(label), found);
  return ImportInput(graph, std::move(input), found, mapping, options, diagnostics);
}

}  // namespace aikg
