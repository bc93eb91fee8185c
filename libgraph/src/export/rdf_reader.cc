// Reading back Turtle and N-Triples written by the RDF export (docs/rdf.md).
//
// Two passes over the text: the first finds the dataset node, whose IRI is the base every other
// IRI was made under; the second sorts each triple by its subject's namespace (entity/,
// statement/, source/, value/, reference/; the ontology's are skipped) into records that keep
// where each field was read. Records are resolved once everything is read, so the triples may
// come in any order; lists (aliases, citations, qualifiers) keep the order of their triples.
// Then one transaction applies everything, and what it finds wrong is reported at the term the
// field came from.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "aikg/rdf.h"
#include "export/export_internal.h"
#include "export/rdf_internal.h"
#include "export/turtle_reader.h"
#include "internal/cat.h"
#include "internal/strings.h"
#include "internal/transaction.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::ItemKind;
using internal::RdfTerm;
using internal::TextLocation;
using internal::rdf::Namespaces;
namespace term = internal::rdf::term;

const std::string kRdfType = Cat(internal::rdf::kRdf, "type");

std::string Vocab(std::string_view name) { return Cat(kRdfVocabulary, name); }
// Whether `iri` is `space` + `name`, without building the IRI (this runs for every triple).
bool IsTerm(std::string_view iri, std::string_view space, std::string_view name) {
  return iri.size() == space.size() + name.size() && iri.starts_with(space) && iri.ends_with(name);
}

// Where the fields of a record were read: the longest field prefix of a transaction problem's
// field names the term to report it at; the record's first place otherwise.
class Places {
 public:
  void Add(std::string field, TextLocation where) { places_.emplace_back(std::move(field), where); }
  TextLocation Find(std::string_view field) const {
    TextLocation best = first;
    size_t best_length = 0;
    for (const auto& [prefix, where] : places_) {
      bool covers =
          field == prefix || (field.starts_with(prefix) && field.size() > prefix.size() && field[prefix.size()] == '/');
      if (covers && prefix.size() >= best_length) {
        best = where;
        best_length = prefix.size();
      }
    }
    return best;
  }
  TextLocation first;

 private:
  std::vector<std::pair<std::string, TextLocation>> places_;
};

// A term kept with its place, for what is resolved at the end.
struct Kept {
  RdfTerm term;
  bool present() const { return term.where.line != 0; }
};

struct PendingSource {
  std::string iri;
  SourceInput input;
  Kept id, via;
  Places places;
};

struct PendingEntity {
  std::string iri;
  EntityInput input;
  Kept id, type, name;
  std::vector<std::pair<std::string, RdfTerm>> attributes;  // name, value
  Places places;
};

struct PendingStatement {
  std::string iri;
  StatementInput input;
  Kept id, subject, predicate, value, value_node, modality;
  std::string value_predicate;  // the local name of the ps: property
  std::vector<RdfTerm> references;
  Places places;
};

struct PendingValue {
  Kept type, amount, unit, bound, lower, upper;
  TextLocation first;
};

struct PendingReference {
  Kept source, locator;
  TextLocation first;
};

class RdfImporter {
 public:
  RdfImporter(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>& found)
      : graph_(graph), schema_(*graph.schema()), path_(path), found_(found) {}

  void Run() {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream buffer;
    if (in) buffer << in.rdbuf();
    if (!in) {
      Diagnostic unreadable;
      unreadable.file = path_.string();
      unreadable.message = "cannot read the file";
      found_.push_back(std::move(unreadable));
      return;
    }
    text_ = std::move(buffer).str();
    if (!FindBase()) return;
    internal::TurtleReader reader(text_);
    bool parsed = reader.Read([&](const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) { Triple(s, p, o); });
    if (!parsed) {
      Report(reader.error().where, reader.error().message);
      return;
    }
    if (!dataset_seen_) Report({1, 1}, "no dataset node (a aikg:Dataset): is this an aikg export?");
    Resolve();
    if (found_.empty()) Apply();
  }

 private:
  void Report(TextLocation where, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = path_.string();
    diagnostic.line = where.line;
    diagnostic.column = where.column;
    diagnostic.message = std::move(message);
    found_.push_back(std::move(diagnostic));
  }

  // The first pass: the subject of `a aikg:Dataset` is the base IRI. aikg writes it first, so
  // the pass stops there; syntax errors after it are found by the second.
  bool FindBase() {
    internal::TurtleReader reader(text_);
    std::string dataset_type = Vocab(term::kDataset);
    bool parsed = reader.Read([&](const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
      if (p.value == kRdfType && o.is_iri && o.value == dataset_type) {
        base_ = s.value;
        reader.Stop();
      }
    });
    if (!parsed) {
      Report(reader.error().where, reader.error().message);
      return false;
    }
    if (!base_) {
      Report({1, 1}, "no dataset node (a aikg:Dataset): is this an aikg export?");
      return false;
    }
    ns_.emplace(*base_);
    return true;
  }

  // The id in an IRI of namespace `space`, or nullopt when the IRI is not in it.
  static std::optional<std::string> IdIn(std::string_view iri, std::string_view space) {
    if (!iri.starts_with(space) || iri.size() == space.size()) return std::nullopt;
    return internal::rdf::DecodeName(iri.substr(space.size()));
  }

  std::string_view Keep(std::string_view text) { return strings_.Copy(text); }

  bool IsOntology(std::string_view iri) const {
    for (const std::string* space : {&ns_->type, &ns_->unit, &ns_->attribute, &ns_->claim}) {
      if (iri.starts_with(*space)) return true;  // prop/ covers the other property namespaces
    }
    return iri == ns_->ontology_graph || iri.starts_with(kRdfVocabulary);
  }

  // Sets a single-valued field, reporting a second value.
  bool Once(Kept& field, const RdfTerm& object, const RdfTerm& predicate, std::string_view subject) {
    if (field.present()) {
      Report(predicate.where, Cat("<", subject, "> has a second <", predicate.value, ">"));
      return false;
    }
    field.term = object;
    return true;
  }

  void Unexpected(const RdfTerm& subject, const RdfTerm& predicate, std::string_view what) {
    Report(predicate.where, Cat("unexpected property <", predicate.value, "> of ", what, " <", subject.value, ">"));
  }

  // A plain string literal's text, or a report.
  std::optional<std::string_view> PlainString(const RdfTerm& object, std::string_view what) {
    if (object.is_iri || !object.lang.empty() ||
        (!object.datatype.empty() && !IsTerm(object.datatype, internal::rdf::kXsd, "string"))) {
      Report(object.where, Cat(what, " must be a plain string literal"));
      return std::nullopt;
    }
    return Keep(object.value);
  }

  // ---- The second pass: one triple at a time ------------------------------------------------

  void Triple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    const std::string& iri = s.value;
    if (iri == *base_) return DatasetTriple(s, p, o);
    if (IsOntology(iri)) return;
    if (iri.starts_with(ns_->entity)) return EntityTriple(s, p, o);
    if (iri.starts_with(ns_->statement)) return StatementTriple(s, p, o);
    if (iri.starts_with(ns_->source)) return SourceTriple(s, p, o);
    if (iri.starts_with(ns_->value)) return ValueTriple(s, p, o);
    if (iri.starts_with(ns_->reference)) return ReferenceTriple(s, p, o);
    Report(s.where, Cat("<", iri, "> is not a node aikg writes under the base <", *base_, ">"));
  }

  void DatasetTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    dataset_seen_ = true;
    if (p.value == kRdfType) return;
    if (IsTerm(p.value, kRdfVocabulary, term::kFormat)) {
      if (o.value != internal::rdf::kRdfFormat) {
        Report(o.where, Cat("unsupported layout '", o.value, "' (expected '", internal::rdf::kRdfFormat,
                            "', as written by aikg export)"));
      }
    } else if (IsTerm(p.value, kRdfVocabulary, term::kSchema)) {
      if (o.value != schema_.name()) {
        Report(o.where, Cat("the file's schema '", o.value, "' is not the graph's schema '", schema_.name(), "'"));
      }
    } else if (!IsTerm(p.value, kRdfVocabulary, term::kSchemaVersion)) {
      Unexpected(s, p, "the dataset");
    }
  }

  template <typename Record>
  Record& Find(std::vector<Record>& records, absl::flat_hash_map<std::string, size_t>& index, const RdfTerm& s) {
    auto [it, added] = index.try_emplace(s.value, records.size());
    if (added) {
      records.emplace_back();
      records.back().iri = s.value;
      records.back().places.first = s.where;
    }
    return records[it->second];
  }

  void EntityTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    // Direct triples and links to statement nodes repeat what the statement nodes say.
    if (p.value.starts_with(ns_->direct) || (p.value.starts_with(ns_->claim) && !IsNonClaimProperty(p.value))) return;
    PendingEntity& entity = Find(entities_, entity_index_, s);
    if (p.value == kRdfType) {
      if (Once(entity.type, o, p, s.value)) entity.places.Add("/type", o.where);
    } else if (IsTerm(p.value, kRdfVocabulary, term::kId)) {
      if (Once(entity.id, o, p, s.value)) entity.places.Add("/id", o.where);
    } else if (IsTerm(p.value, internal::rdf::kRdfs, "label")) {
      if (Once(entity.name, o, p, s.value)) entity.places.Add("/name", o.where);
    } else if (IsTerm(p.value, internal::rdf::kRdfs, "comment")) {
      if (std::optional<std::string_view> text = PlainString(o, "a description")) entity.input.description = *text;
      entity.places.Add("/description", o.where);
    } else if (IsTerm(p.value, internal::rdf::kSkos, "altLabel")) {
      if (o.is_iri || (!o.datatype.empty() && !IsTerm(o.datatype, internal::rdf::kXsd, "string"))) {
        Report(o.where, "an alias must be a string literal, with or without a language tag");
        return;
      }
      entity.places.Add(Cat("/aliases/", entity.input.aliases.size()), o.where);
      entity.input.aliases.push_back({Keep(o.value), Keep(o.lang)});
    } else if (std::optional<std::string> name = IdIn(p.value, ns_->attribute)) {
      entity.places.Add(Cat("/attributes/", *name), o.where);
      entity.attributes.emplace_back(std::move(*name), o);
    } else {
      Unexpected(s, p, "entity");
    }
  }

  // prop/NAME is the claim namespace, which prop/direct/, prop/statement/... share the start of.
  bool IsNonClaimProperty(std::string_view iri) const {
    return iri.starts_with(ns_->direct) || iri.starts_with(ns_->statement_property) || iri.starts_with(ns_->qualifier);
  }

  void StatementTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    PendingStatement& statement = Find(statements_, statement_index_, s);
    const std::string& property = p.value;
    auto one = [&](Kept& field, std::string field_name) {
      if (Once(field, o, p, s.value)) statement.places.Add(std::move(field_name), o.where);
    };
    if (property == kRdfType) {
      if (!o.is_iri || !IsTerm(o.value, kRdfVocabulary, term::kStatement))
        Report(o.where, "a statement node is a aikg:Statement");
    } else if (IsTerm(property, kRdfVocabulary, term::kId)) {
      one(statement.id, "/id");
    } else if (IsTerm(property, kRdfVocabulary, term::kSubject)) {
      one(statement.subject, "/subject");
    } else if (IsTerm(property, kRdfVocabulary, term::kPredicate)) {
      one(statement.predicate, "/predicate");
    } else if (IsTerm(property, kRdfVocabulary, term::kModality)) {
      one(statement.modality, "/modality");
    } else if (property.starts_with(ns_->statement_value)) {
      one(statement.value_node, "/value");
    } else if (property.starts_with(ns_->statement_property)) {
      if (Once(statement.value, o, p, s.value)) {
        statement.value_predicate = property.substr(ns_->statement_property.size());
        statement.places.Add("/value", o.where);
        statement.places.Add("/object", o.where);
      }
    } else if (IsTerm(property, kRdfVocabulary, term::kValid)) {
      statement.places.Add("/valid", o.where);
      if (std::optional<std::string_view> text = PlainString(o, "aikg:valid")) {
        absl::StatusOr<ValidTime> valid = internal::ParseValidText(*text);
        if (valid.ok()) {
          statement.input.valid = *valid;
        } else {
          Report(o.where, std::string(valid.status().message()));
        }
      }
    } else if (IsTerm(property, kRdfVocabulary, term::kPeriod)) {
      statement.places.Add("/period", o.where);
      if (std::optional<TimePoint> period = Time(o)) statement.input.period = *period;
    } else if (IsTerm(property, kRdfVocabulary, term::kConfidence)) {
      statement.places.Add("/confidence", o.where);
      if (std::optional<double> confidence = Decimal(o)) statement.input.confidence = *confidence;
    } else if (std::optional<std::string> key = IdIn(property, ns_->qualifier)) {
      statement.places.Add("/qualifiers", o.where);
      if (std::optional<std::string_view> value = PlainString(o, "a qualifier")) {
        statement.input.qualifiers.push_back({Keep(*key), *value});
      }
    } else if (IsTerm(property, internal::rdf::kProv, "qualifiedDerivation")) {
      if (!o.is_iri) {
        Report(o.where, "prov:qualifiedDerivation names a citation node by its IRI");
        return;
      }
      statement.places.Add(Cat("/sources/", statement.references.size()), o.where);
      statement.references.push_back(o);
    } else if (IsTerm(property, internal::rdf::kProv, "wasDerivedFrom") ||
               IsTerm(property, kRdfVocabulary, term::kValidStart) ||
               IsTerm(property, kRdfVocabulary, term::kValidEnd) ||
               IsTerm(property, kRdfVocabulary, term::kValidPrecision)) {
      // Derived: the citations and the valid text say it all.
    } else {
      Unexpected(s, p, "statement");
    }
  }

  void SourceTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    PendingSource& source = Find(sources_, source_index_, s);
    const std::string& property = p.value;
    auto text = [&](std::string_view& field, std::string field_name) {
      source.places.Add(std::move(field_name), o.where);
      if (std::optional<std::string_view> value =
              PlainString(o, Cat("aikg:", property.substr(kRdfVocabulary.size())))) {
        field = *value;
      }
    };
    if (property == kRdfType) {
      if (!o.is_iri || !IsTerm(o.value, kRdfVocabulary, term::kSource))
        Report(o.where, "a source node is a aikg:Source");
    } else if (IsTerm(property, kRdfVocabulary, term::kId)) {
      if (Once(source.id, o, p, s.value)) source.places.Add("/id", o.where);
    } else if (IsTerm(property, kRdfVocabulary, term::kKind)) {
      source.places.Add("/kind", o.where);
      std::optional<SourceKind> kind = ParseSourceKind(o.value);
      if (kind && !o.is_iri) {
        source.input.kind = *kind;
      } else {
        Report(o.where, Cat("unknown source kind '", o.value, "'"));
      }
    } else if (IsTerm(property, kRdfVocabulary, term::kPublisher)) {
      text(source.input.publisher, "/publisher");
    } else if (IsTerm(property, kRdfVocabulary, term::kAuthor)) {
      text(source.input.author, "/author");
    } else if (IsTerm(property, kRdfVocabulary, term::kTitle)) {
      text(source.input.title, "/title");
    } else if (IsTerm(property, kRdfVocabulary, term::kLanguage)) {
      text(source.input.language, "/language");
    } else if (IsTerm(property, kRdfVocabulary, term::kPublished)) {
      source.places.Add("/published", o.where);
      if (std::optional<TimePoint> published = Time(o)) source.input.published = *published;
    } else if (IsTerm(property, kRdfVocabulary, term::kUrl)) {
      source.places.Add("/url", o.where);
      if (o.is_iri || !o.lang.empty()) {
        Report(o.where, "aikg:url must be a literal");
      } else {
        source.input.url = Keep(o.value);
      }
    } else if (IsTerm(property, kRdfVocabulary, term::kVia)) {
      if (Once(source.via, o, p, s.value)) source.places.Add("/via", o.where);
    } else if (!IsTerm(property, kRdfVocabulary, term::kPublishedStart) &&
               !IsTerm(property, kRdfVocabulary, term::kPublishedPrecision)) {
      Unexpected(s, p, "source");
    }
  }

  void ValueTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    auto [it, added] = values_.try_emplace(s.value);
    PendingValue& value = it->second;
    if (added) value.first = s.where;
    const std::string& property = p.value;
    if (property == kRdfType) {
      Once(value.type, o, p, s.value);
    } else if (IsTerm(property, kRdfVocabulary, term::kAmount)) {
      Once(value.amount, o, p, s.value);
    } else if (IsTerm(property, kRdfVocabulary, term::kUnitOf)) {
      Once(value.unit, o, p, s.value);
    } else if (IsTerm(property, kRdfVocabulary, term::kBound)) {
      Once(value.bound, o, p, s.value);
    } else if (IsTerm(property, kRdfVocabulary, term::kLowerBound)) {
      Once(value.lower, o, p, s.value);
    } else if (IsTerm(property, kRdfVocabulary, term::kUpperBound)) {
      Once(value.upper, o, p, s.value);
    } else if (!IsTerm(property, kRdfVocabulary, term::kTime) && !IsTerm(property, kRdfVocabulary, term::kTimeStart) &&
               !IsTerm(property, kRdfVocabulary, term::kTimeEnd) &&
               !IsTerm(property, kRdfVocabulary, term::kTimePrecision)) {
      // A date's value node repeats the ps: literal, which is what is read.
      Unexpected(s, p, "value node");
    }
  }

  void ReferenceTriple(const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) {
    auto [it, added] = references_.try_emplace(s.value);
    PendingReference& reference = it->second;
    if (added) reference.first = s.where;
    if (p.value == kRdfType) {
      if (!o.is_iri || !IsTerm(o.value, internal::rdf::kProv, "Derivation")) {
        Report(o.where, "a citation node is a prov:Derivation");
      }
    } else if (IsTerm(p.value, internal::rdf::kProv, "entity")) {
      Once(reference.source, o, p, s.value);
    } else if (IsTerm(p.value, kRdfVocabulary, term::kLocator)) {
      Once(reference.locator, o, p, s.value);
    } else {
      Unexpected(s, p, "citation node");
    }
  }

  // ---- Literals ---------------------------------------------------------------------------------

  std::optional<TimePoint> Time(const RdfTerm& object) {
    if (object.is_iri || !object.lang.empty()) {
      Report(object.where, "expected a date literal");
      return std::nullopt;
    }
    absl::StatusOr<TimePoint> point = TimePoint::Parse(object.value);
    if (!point.ok()) {
      Report(object.where, std::string(point.status().message()));
      return std::nullopt;
    }
    return *point;
  }

  std::optional<double> Decimal(const RdfTerm& object) {
    bool numeric = !object.is_iri && (IsTerm(object.datatype, internal::rdf::kXsd, "decimal") ||
                                      IsTerm(object.datatype, internal::rdf::kXsd, "double") ||
                                      IsTerm(object.datatype, internal::rdf::kXsd, "integer"));
    double value = 0;
    if (numeric && object.value == "INF") return std::numeric_limits<double>::infinity();
    if (numeric && object.value == "-INF") return -std::numeric_limits<double>::infinity();
    if (!numeric || !absl::SimpleAtod(internal::ToAbsl(object.value), &value)) {
      Report(object.where, Cat("expected an xsd:decimal, not ", Describe(object)));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> Boolean(const RdfTerm& object) {
    if (!object.is_iri && IsTerm(object.datatype, internal::rdf::kXsd, "boolean")) {
      if (object.value == "true" || object.value == "1") return true;
      if (object.value == "false" || object.value == "0") return false;
    }
    Report(object.where, Cat("expected an xsd:boolean, not ", Describe(object)));
    return std::nullopt;
  }

  static std::string Describe(const RdfTerm& term) {
    if (term.is_iri) return Cat("<", term.value, ">");
    if (!term.datatype.empty()) return Cat("\"", term.value, "\"^^<", term.datatype, ">");
    return Cat("\"", term.value, "\"");
  }

  // The id in an IRI of `space`, reported when it is not one.
  std::optional<std::string_view> Reference(const Kept& kept, std::string_view space, std::string_view what) {
    std::optional<std::string> id;
    if (kept.term.is_iri) id = IdIn(kept.term.value, space);
    if (!id) {
      Report(kept.term.where, Cat("expected ", what, " IRI <", space, "...>, not ", Describe(kept.term)));
      return std::nullopt;
    }
    return Keep(*id);
  }

  // The id literal of a node, checked against its IRI so that each id has one IRI.
  std::optional<std::string_view> NodeId(const Kept& id, std::string_view iri, std::string_view space,
                                         TextLocation first, std::string_view what) {
    if (!id.present()) {
      Report(first, Cat(what, " <", iri, "> has no aikg:id"));
      return std::nullopt;
    }
    std::optional<std::string_view> text = PlainString(id.term, "aikg:id");
    if (!text) return std::nullopt;
    std::string expected = Cat(space, internal::rdf::EncodeId(*text));
    if (expected != iri) {
      Report(id.term.where, Cat("the IRI of id '", *text, "' is <", expected, ">, not <", iri, ">"));
      return std::nullopt;
    }
    return text;
  }

  // ---- Resolution -------------------------------------------------------------------------------

  void Resolve() {
    for (PendingSource& source : sources_) {
      if (std::optional<std::string_view> id =
              NodeId(source.id, source.iri, ns_->source, source.places.first, "source")) {
        source.input.id = *id;
      }
      if (source.via.present()) {
        if (std::optional<std::string_view> via = Reference(source.via, ns_->source, "a source"))
          source.input.via = *via;
      }
    }
    for (PendingEntity& entity : entities_) ResolveEntity(entity);
    for (PendingStatement& statement : statements_) ResolveStatement(statement);
  }

  void ResolveEntity(PendingEntity& entity) {
    if (std::optional<std::string_view> id =
            NodeId(entity.id, entity.iri, ns_->entity, entity.places.first, "entity")) {
      entity.input.id = *id;
    }
    if (!entity.name.present()) {
      Report(entity.places.first, Cat("entity <", entity.iri, "> has no rdfs:label (its name)"));
    } else if (std::optional<std::string_view> name = PlainString(entity.name.term, "rdfs:label")) {
      entity.input.name = *name;
    }
    std::optional<TypeId> type;
    if (!entity.type.present()) {
      Report(entity.places.first, Cat("entity <", entity.iri, "> has no type (a type:...)"));
    } else if (std::optional<std::string_view> name = Reference(entity.type, ns_->type, "an entity type")) {
      entity.input.type = *name;
      type = schema_.FindType(*name);
    }
    for (auto& [name, value] : entity.attributes) {
      const AttributeDecl* declared = type ? schema_.FindAttribute(*type, name) : nullptr;
      if (declared == nullptr) {
        if (type) Report(value.where, Cat("type '", entity.input.type, "' has no attribute '", name, "'"));
        continue;
      }
      std::optional<AttributeValue> typed = AttributeOf(*declared, value);
      if (typed) entity.input.attributes.push_back({Keep(name), *typed});
    }
  }

  std::optional<AttributeValue> AttributeOf(const AttributeDecl& declared, const RdfTerm& value) {
    switch (declared.kind) {
      case AttributeKind::kText:
        if (std::optional<std::string_view> text = PlainString(value, Cat("attribute '", declared.name, "'"))) {
          return AttributeValue(*text);
        }
        return std::nullopt;
      case AttributeKind::kNumber:
        if (std::optional<double> number = Decimal(value)) return AttributeValue(*number);
        return std::nullopt;
      case AttributeKind::kInteger: {
        int64_t integer = 0;
        if (!value.is_iri && IsTerm(value.datatype, internal::rdf::kXsd, "integer") &&
            absl::SimpleAtoi(internal::ToAbsl(value.value), &integer)) {
          return AttributeValue(integer);
        }
        Report(value.where, Cat("expected an xsd:integer, not ", Describe(value)));
        return std::nullopt;
      }
      case AttributeKind::kBoolean:
        if (std::optional<bool> boolean = Boolean(value)) return AttributeValue(*boolean);
        return std::nullopt;
      case AttributeKind::kDate:
        if (std::optional<TimePoint> date = Time(value)) return AttributeValue(*date);
        return std::nullopt;
    }
    return std::nullopt;
  }

  void ResolveStatement(PendingStatement& statement) {
    StatementInput& input = statement.input;
    TextLocation first = statement.places.first;
    if (std::optional<std::string_view> id = NodeId(statement.id, statement.iri, ns_->statement, first, "statement")) {
      input.id = *id;
    }
    if (!statement.subject.present()) {
      Report(first, Cat("statement <", statement.iri, "> has no aikg:subject"));
    } else if (std::optional<std::string_view> subject = Reference(statement.subject, ns_->entity, "an entity")) {
      input.subject = *subject;
    }
    if (!statement.modality.present()) {
      Report(first, Cat("statement <", statement.iri, "> has no aikg:modality"));
    } else if (std::optional<Modality> modality = ParseModality(statement.modality.term.value)) {
      input.modality = *modality;
    } else {
      Report(statement.modality.term.where, Cat("unknown modality '", statement.modality.term.value,
                                                "' (expected reported, claim, forecast, plan or opinion)"));
    }
    const aikg::Predicate* predicate = nullptr;
    if (!statement.predicate.present()) {
      Report(first, Cat("statement <", statement.iri, "> has no aikg:predicate"));
    } else if (std::optional<std::string_view> name = Reference(statement.predicate, ns_->direct, "a predicate")) {
      input.predicate = *name;
      if (std::optional<PredicateId> found = schema_.FindPredicate(*name)) predicate = &schema_.predicate(*found);
    }
    for (size_t i = 0; i < statement.references.size(); ++i) {
      const RdfTerm& iri = statement.references[i];
      auto reference = references_.find(iri.value);
      if (reference == references_.end()) {
        Report(iri.where, Cat("no citation node <", iri.value, ">"));
        continue;
      }
      CitationInput citation;
      if (!reference->second.source.present()) {
        Report(reference->second.first, Cat("citation node <", iri.value, "> has no prov:entity"));
        continue;
      }
      std::optional<std::string_view> source = Reference(reference->second.source, ns_->source, "a source");
      if (!source) continue;
      citation.source = *source;
      statement.places.Add(Cat("/sources/", i, "/source"), reference->second.source.term.where);
      if (reference->second.locator.present()) {
        statement.places.Add(Cat("/sources/", i, "/locator"), reference->second.locator.term.where);
        if (std::optional<std::string_view> locator = PlainString(reference->second.locator.term, "a locator")) {
          citation.locator = *locator;
        }
      }
      input.sources.push_back(citation);
    }
    if (!statement.value.present()) {
      Report(first, Cat("statement <", statement.iri, "> has no object or value (ps:...)"));
      return;
    }
    if (predicate == nullptr) return;  // the transaction says the predicate is unknown
    std::optional<std::string> value_name = internal::rdf::DecodeName(statement.value_predicate);
    if (!value_name || *value_name != predicate->name) {
      Report(statement.value.term.where, Cat("the object or value of a '", predicate->name,
                                             "' statement is given by ps:", internal::rdf::EncodeName(predicate->name),
                                             ", not <", ns_->statement_property, statement.value_predicate, ">"));
      return;
    }
    const RdfTerm& value = statement.value.term;
    switch (predicate->range_kind) {
      case RangeKind::kEntity:
        if (std::optional<std::string_view> object = Reference(statement.value, ns_->entity, "an entity")) {
          input.value = EntityId{*object};
        }
        break;
      case RangeKind::kQuantity:
        ResolveQuantity(statement);
        break;
      case RangeKind::kText:
        if (value.is_iri || (!value.datatype.empty() && !IsTerm(value.datatype, internal::rdf::kXsd, "string"))) {
          Report(value.where, Cat("expected a string literal, not ", Describe(value)));
        } else {
          input.value = Text{Keep(value.value), Keep(value.lang)};
        }
        break;
      case RangeKind::kDate:
        if (std::optional<TimePoint> date = Time(value)) input.value = *date;
        break;
      case RangeKind::kBoolean:
        if (std::optional<bool> boolean = Boolean(value)) input.value = *boolean;
        break;
    }
  }

  void ResolveQuantity(PendingStatement& statement) {
    if (!statement.value_node.present()) {
      Report(statement.value.term.where, Cat("a quantity needs its value node (psv:...)"));
      return;
    }
    const RdfTerm& node_iri = statement.value_node.term;
    auto found = values_.find(node_iri.value);
    if (!node_iri.is_iri || found == values_.end()) {
      Report(node_iri.where, Cat("no value node ", Describe(node_iri)));
      return;
    }
    PendingValue& node = found->second;
    if (!node.type.present() || !IsTerm(node.type.term.value, kRdfVocabulary, term::kQuantityValue)) {
      Report(node.type.present() ? node.type.term.where : node.first,
             "a quantity's value node is a aikg:QuantityValue");
      return;
    }
    Quantity quantity;
    if (!node.amount.present()) {
      Report(node.first, Cat("value node <", node_iri.value, "> has no aikg:amount"));
      return;
    }
    std::optional<double> amount = Decimal(node.amount.term);
    if (!amount) return;
    quantity.amount = *amount;
    statement.places.Add("/value/amount", node.amount.term.where);
    if (!node.unit.present()) {
      Report(node.first, Cat("value node <", node_iri.value, "> has no aikg:unit"));
      return;
    }
    std::optional<std::string_view> unit = Reference(node.unit, ns_->unit, "a unit");
    if (!unit) return;
    quantity.unit = *unit;
    statement.places.Add("/value/unit", node.unit.term.where);
    if (node.bound.present()) {
      std::optional<Bound> bound = ParseBound(node.bound.term.value);
      if (!bound) {
        Report(node.bound.term.where,
               Cat("unknown bound '", node.bound.term.value, "' (expected exact, at_least, at_most or about)"));
        return;
      }
      quantity.bound = *bound;
    }
    if (node.lower.present()) {
      quantity.lower = Decimal(node.lower.term);
      statement.places.Add("/value/lower", node.lower.term.where);
    }
    if (node.upper.present()) {
      quantity.upper = Decimal(node.upper.term);
      statement.places.Add("/value/upper", node.upper.term.where);
    }
    statement.input.value = quantity;
  }

  // ---- Applying -----------------------------------------------------------------------------------

  void Apply() {
    internal::Transaction transaction(graph_.mutable_data(), graph_.shared_schema(), {path_.string()});
    for (uint32_t i = 0; i < sources_.size(); ++i) transaction.AddSource(sources_[i].input, {0, i});
    transaction.ResolveSources();
    for (uint32_t i = 0; i < entities_.size(); ++i) transaction.AddEntity(entities_[i].input, {0, i});
    for (uint32_t i = 0; i < statements_.size(); ++i) transaction.AddStatement(statements_[i].input, {0, i});
    for (const internal::Problem& problem : transaction.problems()) {
      const Places* places = nullptr;
      switch (problem.kind) {
        case ItemKind::kSource:
          places = &sources_[problem.origin.index].places;
          break;
        case ItemKind::kEntity:
          places = &entities_[problem.origin.index].places;
          break;
        case ItemKind::kStatement:
          places = &statements_[problem.origin.index].places;
          break;
      }
      Report(places->Find(problem.field), problem.message);
    }
    if (found_.empty()) transaction.Commit();
  }

  Graph& graph_;
  const Schema& schema_;
  std::filesystem::path path_;
  std::vector<Diagnostic>& found_;
  std::string text_;
  std::optional<std::string> base_;
  std::optional<Namespaces> ns_;
  bool dataset_seen_ = false;
  internal::StringStore strings_;
  std::vector<PendingSource> sources_;
  std::vector<PendingEntity> entities_;
  std::vector<PendingStatement> statements_;
  absl::flat_hash_map<std::string, size_t> source_index_, entity_index_, statement_index_;
  absl::flat_hash_map<std::string, PendingValue> values_;
  absl::flat_hash_map<std::string, PendingReference> references_;
};

}  // namespace

absl::Status ImportRdf(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) {
    return absl::FailedPreconditionError(
        Cat("cannot import ", path.string(), ": the graph has no schema (make it with the schema the file uses)"));
  }
  std::vector<Diagnostic> found;
  RdfImporter importer(graph, path, found);
  importer.Run();
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return DiagnosticsToStatus(found);
}

}  // namespace aikg
