// RDF exports: Turtle, N-Triples, N-Quads and JSON-LD, in the vocabulary of docs/rdf.md.
//
// One pass builds the triples node by node (a subject and its triples) and hands each node to
// the syntax being written, which groups its predicates (Turtle's ';' and ',', JSON-LD's keys)
// and forgets it: nothing but one node is held in memory. The order is fixed (dataset,
// ontology, sources, entities, then each statement with its direct triples, value node and
// citations), so the same view gives the same bytes.

#include <rapidjson/filewritestream.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/btree_map.h"
#include "export/export_internal.h"
#include "export/rdf_internal.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

using rdf::Namespaces;
using rdf::Prefix;
namespace term = rdf::term;

// ---- Nodes --------------------------------------------------------------------------------------

struct Object {
  bool is_iri = false;
  std::string text;      // the IRI, or the literal's lexical form
  std::string datatype;  // the literal's datatype IRI; empty for plain and language-tagged strings
  std::string lang;
};

struct Triple {
  std::string predicate;
  Object object;
};

// A subject and its triples, in the order added. Its storage is reused from node to node.
class Node {
 public:
  void Reset(std::string subject, bool in_ontology) {
    subject_ = std::move(subject);
    in_ontology_ = in_ontology;
    size_ = 0;
  }
  void Iri(std::string_view predicate, std::string_view iri) { Add(predicate, true, iri, {}, {}); }
  void String(std::string_view predicate, std::string_view text) { Add(predicate, false, text, {}, {}); }
  void OptionalString(std::string_view predicate, std::string_view text) {
    if (!text.empty()) String(predicate, text);
  }
  void Typed(std::string_view predicate, std::string_view lexical, std::string_view datatype) {
    Add(predicate, false, lexical, datatype, {});
  }
  void LangString(std::string_view predicate, std::string_view text, std::string_view lang) {
    Add(predicate, false, text, {}, lang);
  }

  const std::string& subject() const { return subject_; }
  bool in_ontology() const { return in_ontology_; }
  size_t size() const { return size_; }
  const Triple& operator[](size_t i) const { return triples_[i]; }

 private:
  void Add(std::string_view predicate, bool is_iri, std::string_view text, std::string_view datatype,
           std::string_view lang) {
    if (size_ == triples_.size()) triples_.emplace_back();
    Triple& triple = triples_[size_++];
    triple.predicate.assign(predicate);
    triple.object.is_iri = is_iri;
    triple.object.text.assign(text);
    triple.object.datatype.assign(datatype);
    triple.object.lang.assign(lang);
  }

  std::string subject_;
  bool in_ontology_ = false;
  std::vector<Triple> triples_;
  size_t size_ = 0;
};

// Calls `visit(first, indexes)` once per distinct predicate of `node`, in the order predicates
// first appear, with the indexes of its triples: Turtle and JSON-LD write each predicate once.
template <typename Visit>
void ForEachPredicate(const Node& node, std::vector<size_t>& scratch, Visit visit) {
  std::vector<bool> done(node.size(), false);
  for (size_t i = 0; i < node.size(); ++i) {
    if (done[i]) continue;
    scratch.clear();
    for (size_t j = i; j < node.size(); ++j) {
      if (!done[j] && node[j].predicate == node[i].predicate) {
        scratch.push_back(j);
        done[j] = true;
      }
    }
    visit(node[i].predicate, scratch);
  }
}

// ---- Syntaxes -------------------------------------------------------------------------------------

const std::string kRdfType = Cat(rdf::kRdf, "type");
const std::string kXsdString = Cat(rdf::kXsd, "string");

// Whether `local` can follow a prefix as is in Turtle and reads plainly in JSON-LD.
bool IsPlainLocal(std::string_view local) {
  if (local.empty() || local.front() == '-' || local.front() == '.' || local.back() == '.') return false;
  for (char c : local) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class Syntax {
 public:
  explicit Syntax(std::FILE* file) : out_(file) {}
  virtual ~Syntax() = default;
  virtual void Begin(const std::vector<Prefix>& prefixes) = 0;
  virtual void Write(const Node& node) = 0;
  virtual void End() = 0;

 protected:
  // "prefix:local" for an IRI in a declared namespace with a plain local name, else "".
  std::string Compact(std::string_view iri) const {
    const Prefix* best = nullptr;
    for (const Prefix& prefix : prefixes_) {
      if (iri.starts_with(prefix.namespace_iri) &&
          (best == nullptr || prefix.namespace_iri.size() > best->namespace_iri.size())) {
        best = &prefix;
      }
    }
    if (best == nullptr) return "";
    std::string_view local = iri.substr(best->namespace_iri.size());
    if (!IsPlainLocal(local)) return "";
    return Cat(best->name, ":", local);
  }

  // A string between double quotes with Turtle's and N-Triples' escapes.
  void Quoted(std::string_view text) {
    out_ << '"';
    size_t plain = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
      out_ << text.substr(plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"':
          out_ << "\\\"";
          break;
        case '\\':
          out_ << "\\\\";
          break;
        case '\n':
          out_ << "\\n";
          break;
        case '\r':
          out_ << "\\r";
          break;
        case '\t':
          out_ << "\\t";
          break;
        default: {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04X", c);
          out_ << std::string_view(escape);
        }
      }
    }
    out_ << text.substr(plain) << '"';
  }

  std::vector<Prefix> prefixes_;
  TextOut out_;
};

class NTriples : public Syntax {
 public:
  NTriples(std::FILE* file, const Namespaces& ns, bool quads) : Syntax(file), ns_(ns), quads_(quads) {}
  void Begin(const std::vector<Prefix>&) override {}
  void Write(const Node& node) override {
    for (size_t i = 0; i < node.size(); ++i) {
      const Object& object = node[i].object;
      out_ << '<' << node.subject() << "> <" << node[i].predicate << "> ";
      if (object.is_iri) {
        out_ << '<' << object.text << '>';
      } else {
        Quoted(object.text);
        if (!object.lang.empty()) {
          out_ << '@' << object.lang;
        } else if (!object.datatype.empty()) {
          out_ << "^^<" << object.datatype << '>';
        }
      }
      if (quads_) out_ << " <" << (node.in_ontology() ? ns_.ontology_graph : ns_.base) << '>';
      out_ << " .\n";
    }
  }
  void End() override {}

 private:
  const Namespaces& ns_;
  bool quads_;
};

class Turtle : public Syntax {
 public:
  explicit Turtle(std::FILE* file) : Syntax(file) {}
  void Begin(const std::vector<Prefix>& prefixes) override {
    prefixes_ = prefixes;
    for (const Prefix& prefix : prefixes_)
      out_ << "@prefix " << prefix.name << ": <" << prefix.namespace_iri << "> .\n";
  }
  void Write(const Node& node) override {
    out_ << '\n';
    Iri(node.subject());
    const char* separator = " ";
    ForEachPredicate(node, scratch_, [&](const std::string& predicate, const std::vector<size_t>& triples) {
      out_ << separator;
      separator = " ;\n    ";
      if (predicate == kRdfType) {
        out_ << 'a';
      } else {
        Iri(predicate);
      }
      for (size_t k = 0; k < triples.size(); ++k) {
        out_ << (k == 0 ? " " : ", ");
        Value(node[triples[k]].object);
      }
    });
    out_ << " .\n";
  }
  void End() override {}

 private:
  void Iri(std::string_view iri) {
    std::string compact = Compact(iri);
    if (!compact.empty()) {
      out_ << compact;
    } else {
      out_ << '<' << iri << '>';
    }
  }
  void Value(const Object& object) {
    if (object.is_iri) return Iri(object.text);
    // Turtle's own forms, where they mean the same literal.
    if (object.datatype == Cat(rdf::kXsd, "boolean") || object.datatype == Cat(rdf::kXsd, "integer")) {
      out_ << object.text;
      return;
    }
    Quoted(object.text);
    if (!object.lang.empty()) {
      out_ << '@' << object.lang;
    } else if (!object.datatype.empty()) {
      out_ << "^^";
      Iri(object.datatype);
    }
  }

  std::vector<size_t> scratch_;
};

class JsonLd : public Syntax {
 public:
  explicit JsonLd(std::FILE* file) : Syntax(file), stream_(file, buffer_, sizeof buffer_), json_(stream_) {}
  void Begin(const std::vector<Prefix>& prefixes) override {
    prefixes_ = prefixes;
    Raw("{\"@context\": {");
    for (size_t i = 0; i < prefixes_.size(); ++i) {
      Raw(i == 0 ? "\n  " : ",\n  ");
      Next().String(prefixes_[i].name.data(), static_cast<rapidjson::SizeType>(prefixes_[i].name.size()));
      Raw(": ");
      JsonString(Next(), prefixes_[i].namespace_iri);
    }
    Raw("},\n \"@graph\": [");
  }
  void Write(const Node& node) override {
    Raw(first_ ? "\n  " : ",\n  ");
    first_ = false;
    Writer& json = Next();
    json.StartObject();
    json.Key("@id");
    JsonString(json, CompactOrFull(node.subject()));
    ForEachPredicate(node, scratch_, [&](const std::string& predicate, const std::vector<size_t>& triples) {
      bool is_type = predicate == kRdfType;
      JsonString(json, is_type ? std::string("@type") : CompactOrFull(predicate), /*key=*/true);
      if (triples.size() > 1) json.StartArray();
      for (size_t k : triples) {
        const Object& object = node[k].object;
        if (is_type) {
          JsonString(json, CompactOrFull(object.text));
        } else {
          Value(json, object);
        }
      }
      if (triples.size() > 1) json.EndArray();
    });
    json.EndObject();
  }
  void End() override {
    Raw("\n ]}\n");
    stream_.Flush();
  }

 private:
  using Writer = rapidjson::Writer<rapidjson::FileWriteStream>;

  void Raw(std::string_view text) {
    for (char c : text) stream_.Put(c);
  }
  Writer& Next() {
    json_.Reset(stream_);
    return json_;
  }
  static void JsonString(Writer& json, std::string_view text, bool key = false) {
    if (key) {
      json.Key(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    } else {
      json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
  }
  std::string CompactOrFull(std::string_view iri) const {
    std::string compact = Compact(iri);
    return compact.empty() ? std::string(iri) : compact;
  }
  void Value(Writer& json, const Object& object) {
    if (!object.is_iri && object.lang.empty() && object.datatype.empty()) {
      JsonString(json, object.text);
      return;
    }
    json.StartObject();
    if (object.is_iri) {
      json.Key("@id");
      JsonString(json, CompactOrFull(object.text));
    } else {
      json.Key("@value");
      JsonString(json, object.text);
      if (!object.lang.empty()) {
        json.Key("@language");
        JsonString(json, object.lang);
      } else {
        json.Key("@type");
        JsonString(json, CompactOrFull(object.datatype));
      }
    }
    json.EndObject();
  }

  char buffer_[1 << 16];
  rapidjson::FileWriteStream stream_;
  Writer json_;
  bool first_ = true;
  std::vector<size_t> scratch_;
};

// ---- Literals ---------------------------------------------------------------------------------------

// `value` in xsd:decimal's lexical form (no exponent): the shortest text that reads back to it.
std::string DecimalText(double value) {
  std::string text = NumberText(value);
  size_t e = text.find_first_of("eE");
  if (e == std::string::npos) return text;
  std::string mantissa = text.substr(0, e);
  int exponent = std::stoi(text.substr(e + 1));
  bool negative = !mantissa.empty() && mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  size_t dot = mantissa.find('.');
  std::string digits = mantissa;
  int point = static_cast<int>(mantissa.size());  // digits before the decimal point
  if (dot != std::string::npos) {
    digits.erase(dot, 1);
    point = static_cast<int>(dot);
  }
  point += exponent;
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out += digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return out;
}

// ---- The content ----------------------------------------------------------------------------------

class RdfWriter {
 public:
  RdfWriter(ExportScope& scope, const ExportOptions& options, Syntax& syntax)
      : scope_(scope),
        data_(scope.data),
        schema_(*scope.data.schema),
        ns_(options.base_iri),
        syntax_(syntax),
        progress_(options, scope.total_items()) {}

  absl::Status Write() {
    syntax_.Begin(rdf::Prefixes(ns_));
    Dataset();
    Vocabulary();
    Types();
    Attributes();
    Units();
    Predicates();
    for (SourceIndex source : scope_.sources) Source(source);
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (!scope_.view.Contains(e)) continue;
      if (absl::Status status = Entity(e); !status.ok()) return status;
      progress_.Step();
    }
    for (StatementIndex s = 0; s < data_.statements.size(); ++s) {
      if (!scope_.view.ContainsStatement(s)) continue;
      if (absl::Status status = Statement(s); !status.ok()) return status;
      progress_.Step();
    }
    syntax_.End();
    progress_.Done();
    return absl::OkStatus();
  }

 private:
  // IRIs of the fixed namespaces.
  static std::string Vocab(std::string_view name) { return Cat(kRdfVocabulary, name); }
  static std::string Rdf(std::string_view name) { return Cat(rdf::kRdf, name); }
  static std::string Rdfs(std::string_view name) { return Cat(rdf::kRdfs, name); }
  static std::string Xsd(std::string_view name) { return Cat(rdf::kXsd, name); }
  static std::string Prov(std::string_view name) { return Cat(rdf::kProv, name); }
  static std::string SchemaOrg(std::string_view name) { return Cat(rdf::kSchemaOrg, name); }
  // "aikg:Statement", "xsd:date"... from the vocabulary table.
  static std::string Expand(std::string_view curie) {
    size_t colon = curie.find(':');
    std::string_view prefix = curie.substr(0, colon), local = curie.substr(colon + 1);
    if (prefix == "aikg") return Vocab(local);
    if (prefix == "rdf") return Rdf(local);
    if (prefix == "rdfs") return Rdfs(local);
    if (prefix == "xsd") return Xsd(local);
    return Prov(local);
  }

  std::string TypeIri(TypeId type) const { return Cat(ns_.type, rdf::EncodeName(schema_.type(type).name)); }
  std::string UnitIri(UnitId unit) const { return Cat(ns_.unit, rdf::EncodeName(schema_.unit(unit).name)); }
  std::string PredicateIri(std::string_view space, PredicateId predicate) const {
    return Cat(space, rdf::EncodeName(schema_.predicate(predicate).name));
  }
  std::string EntityIri(EntityIndex entity) const { return Cat(ns_.entity, rdf::EncodeId(data_.entities[entity].id)); }
  std::string SourceIri(SourceIndex source) const { return Cat(ns_.source, rdf::EncodeId(data_.sources[source].id)); }

  void Emit() { syntax_.Write(node_); }

  // A time point as a literal whose lexical form is aikg's text, typed when XSD has its type.
  void Time(std::string_view predicate, const TimePoint& point) {
    std::string text = point.ToString();
    if (std::optional<std::string_view> type = rdf::TimeDatatype(point)) {
      node_.Typed(predicate, text, Xsd(*type));
    } else {
      node_.String(predicate, text);
    }
  }
  void Day(std::string_view predicate, absl::CivilDay day) { node_.Typed(predicate, DayText(day), Xsd("date")); }
  void Decimal(std::string_view predicate, double value) {
    if (std::isfinite(value)) {
      node_.Typed(predicate, DecimalText(value), Xsd("decimal"));
    } else {
      node_.Typed(predicate, std::isnan(value) ? "NaN" : (value > 0 ? "INF" : "-INF"), Xsd("double"));
    }
  }
  void Boolean(std::string_view predicate, bool value) {
    node_.Typed(predicate, value ? "true" : "false", Xsd("boolean"));
  }
  absl::Status LangText(std::string_view predicate, std::string_view text, std::string_view lang,
                        std::string_view owner) {
    if (lang.empty()) {
      node_.String(predicate, text);
      return absl::OkStatus();
    }
    if (!rdf::IsLanguageTag(lang)) {
      return absl::InvalidArgumentError(Cat("cannot write ", owner, " in RDF: its language tag '", lang,
                                            "' is not one (letters, then '-' and letters or digits, as in zh-Hans)"));
    }
    node_.LangString(predicate, text, lang);
    return absl::OkStatus();
  }

  void Dataset() {
    node_.Reset(ns_.base, false);
    node_.Iri(kRdfType, Vocab(term::kDataset));
    node_.String(Vocab(term::kFormat), rdf::kRdfFormat);
    node_.String(Vocab(term::kSchema), schema_.name());
    node_.OptionalString(Vocab(term::kSchemaVersion), schema_.version());
    Emit();
  }

  // aikg's own terms, as RDFS.
  void Vocabulary() {
    for (size_t i = 0; i < rdf::kVocabularySize; ++i) {
      const rdf::VocabularyTerm& entry = rdf::kVocabulary[i];
      node_.Reset(Vocab(entry.name), true);
      if (entry.kind == rdf::TermKind::kClass) {
        node_.Iri(kRdfType, Rdfs("Class"));
        node_.String(Rdfs("label"), entry.name);
        node_.String(Rdfs("comment"), entry.comment);
        if (!entry.range.empty()) node_.Iri(Rdfs("subClassOf"), Expand(entry.range));
      } else {
        node_.Iri(kRdfType, Rdf("Property"));
        node_.String(Rdfs("label"), entry.name);
        node_.String(Rdfs("comment"), entry.comment);
        if (!entry.domain.empty()) node_.Iri(Rdfs("domain"), Expand(entry.domain));
        if (!entry.range.empty()) node_.Iri(Rdfs("range"), Expand(entry.range));
      }
      Emit();
    }
  }

  void Types() {
    for (TypeId t = 0; t < schema_.types().size(); ++t) {
      const EntityType& type = schema_.type(t);
      node_.Reset(TypeIri(t), true);
      node_.Iri(kRdfType, Rdfs("Class"));
      node_.String(Rdfs("label"), type.name);
      node_.OptionalString(Rdfs("comment"), type.description);
      node_.Iri(Rdfs("subClassOf"), type.parent ? TypeIri(*type.parent) : Vocab(term::kEntity));
      Emit();
    }
  }

  static std::string_view AttributeRange(std::string_view kind) {
    if (kind == "text" || kind == "identifier") return "string";
    if (kind == "number") return "decimal";
    if (kind == "integer") return "integer";
    if (kind == "boolean") return "boolean";
    return "";  // dates: typed at their precision, or plain text
  }

  // Entity attributes (one property per name, whichever types declare it) and identifiers.
  void Attributes() {
    struct Declared {
      std::vector<TypeId> types;
      std::string kind;
      bool mixed = false;
    };
    absl::btree_map<std::string, Declared> attributes;  // by name: a stable order
    for (TypeId t = 0; t < schema_.types().size(); ++t) {
      for (const AttributeDecl& attribute : schema_.type(t).attributes) {
        Declared& declared = attributes[attribute.name];
        std::string kind(AttributeKindName(attribute.kind));
        declared.mixed = declared.mixed || (!declared.types.empty() && declared.kind != kind);
        declared.kind = kind;
        declared.types.push_back(t);
      }
    }
    for (const Identifier& identifier : schema_.identifiers()) {
      attributes[identifier.name] = Declared{{}, "identifier", false};
    }
    for (const auto& [name, declared] : attributes) {
      node_.Reset(Cat(ns_.attribute, rdf::EncodeName(name)), true);
      node_.Iri(kRdfType, Rdf("Property"));
      node_.String(Rdfs("label"), name);
      for (const Identifier& identifier : schema_.identifiers()) {
        if (identifier.name == name) node_.OptionalString(Rdfs("comment"), identifier.description);
      }
      node_.Iri(Rdfs("domain"), declared.types.size() == 1 ? TypeIri(declared.types[0]) : Vocab(term::kEntity));
      for (TypeId type : declared.types) node_.Iri(SchemaOrg("domainIncludes"), TypeIri(type));
      std::string_view range = declared.mixed ? "" : AttributeRange(declared.kind);
      node_.Iri(Rdfs("range"), range.empty() ? Rdfs("Literal") : Xsd(range));
      if (!declared.mixed) node_.String(Vocab(term::kAttributeKind), declared.kind);
      Emit();
    }
  }

  void Units() {
    for (UnitId u = 0; u < schema_.units().size(); ++u) {
      const aikg::Unit& unit = schema_.unit(u);
      node_.Reset(UnitIri(u), true);
      node_.Iri(kRdfType, Vocab(term::kUnit));
      node_.String(Rdfs("label"), unit.name);
      node_.OptionalString(Rdfs("comment"), unit.description);
      node_.OptionalString(Vocab(term::kDimension), unit.dimension);
      Emit();
    }
  }

  // The class every member of `types` belongs to: the one type, or any entity.
  std::string CommonClass(const std::vector<TypeId>& types) const {
    return types.size() == 1 ? TypeIri(types[0]) : Vocab(term::kEntity);
  }

  // Each predicate as its direct property (with the schema's domain, range and units) and the
  // properties of its statement nodes, as Wikidata declares wdt:, p:, ps: and psv:.
  void Predicates() {
    for (PredicateId p = 0; p < schema_.predicates().size(); ++p) {
      const aikg::Predicate& predicate = schema_.predicate(p);
      bool has_value_node = predicate.range_kind == RangeKind::kQuantity || predicate.range_kind == RangeKind::kDate;
      std::string value_range;
      switch (predicate.range_kind) {
        case RangeKind::kEntity:
          value_range = CommonClass(predicate.range);
          break;
        case RangeKind::kQuantity:
          value_range = Xsd("decimal");
          break;
        case RangeKind::kText:
          value_range = Rdfs("Literal");
          break;
        case RangeKind::kDate:
          value_range = Rdfs("Literal");
          break;
        case RangeKind::kBoolean:
          value_range = Xsd("boolean");
          break;
      }

      node_.Reset(PredicateIri(ns_.direct, p), true);
      node_.Iri(kRdfType, Rdf("Property"));
      node_.String(Rdfs("label"), predicate.name);
      node_.OptionalString(Rdfs("comment"), predicate.description);
      node_.Iri(Rdfs("domain"), CommonClass(predicate.domain));
      for (TypeId type : predicate.domain) node_.Iri(SchemaOrg("domainIncludes"), TypeIri(type));
      node_.Iri(Rdfs("range"), value_range);
      for (TypeId type : predicate.range) node_.Iri(SchemaOrg("rangeIncludes"), TypeIri(type));
      node_.String(Vocab(term::kRangeKind), RangeKindName(predicate.range_kind));
      for (UnitId unit : predicate.units) node_.Iri(Vocab(term::kAllowedUnit), UnitIri(unit));
      if (predicate.symmetric) Boolean(Vocab(term::kSymmetric), true);
      if (predicate.growth_of) node_.Iri(Vocab(term::kGrowthOf), PredicateIri(ns_.direct, *predicate.growth_of));
      node_.Iri(Vocab(term::kClaim), PredicateIri(ns_.claim, p));
      node_.Iri(Vocab(term::kStatementProperty), PredicateIri(ns_.statement_property, p));
      if (has_value_node) node_.Iri(Vocab(term::kStatementValue), PredicateIri(ns_.statement_value, p));
      Emit();

      node_.Reset(PredicateIri(ns_.claim, p), true);
      node_.Iri(kRdfType, Rdf("Property"));
      node_.String(Rdfs("label"), Cat(predicate.name, " (statement)"));
      node_.Iri(Rdfs("domain"), CommonClass(predicate.domain));
      node_.Iri(Rdfs("range"), Vocab(term::kStatement));
      Emit();

      node_.Reset(PredicateIri(ns_.statement_property, p), true);
      node_.Iri(kRdfType, Rdf("Property"));
      node_.String(Rdfs("label"), Cat(predicate.name, " (object or value)"));
      node_.Iri(Rdfs("domain"), Vocab(term::kStatement));
      node_.Iri(Rdfs("range"), value_range);
      Emit();

      if (has_value_node) {
        node_.Reset(PredicateIri(ns_.statement_value, p), true);
        node_.Iri(kRdfType, Rdf("Property"));
        node_.String(Rdfs("label"), Cat(predicate.name, " (value node)"));
        node_.Iri(Rdfs("domain"), Vocab(term::kStatement));
        node_.Iri(Rdfs("range"),
                  Vocab(predicate.range_kind == RangeKind::kQuantity ? term::kQuantityValue : term::kTimeValue));
        Emit();
      }
    }
  }

  void Source(SourceIndex index) {
    const SourceRecord& source = data_.sources[index];
    node_.Reset(SourceIri(index), false);
    node_.Iri(kRdfType, Vocab(term::kSource));
    node_.String(Vocab(term::kId), source.id);
    node_.String(Vocab(term::kKind), SourceKindName(source.kind));
    node_.OptionalString(Vocab(term::kPublisher), source.publisher);
    node_.OptionalString(Vocab(term::kAuthor), source.author);
    node_.OptionalString(Vocab(term::kTitle), source.title);
    node_.OptionalString(Vocab(term::kLanguage), source.language);
    if (source.published.is_set()) {
      Time(Vocab(term::kPublished), source.published);
      if (HasDays(source.published)) Day(Vocab(term::kPublishedStart), source.published.first_day());
      node_.String(Vocab(term::kPublishedPrecision), PrecisionName(source.published.precision()));
    }
    if (!source.url.empty()) node_.Typed(Vocab(term::kUrl), source.url, Xsd("anyURI"));
    if (source.via != kNoIndex) node_.Iri(Vocab(term::kVia), SourceIri(source.via));
    Emit();
  }

  absl::Status Entity(EntityIndex index) {
    const EntityRecord& entity = data_.entities[index];
    node_.Reset(EntityIri(index), false);
    node_.Iri(kRdfType, TypeIri(entity.type));
    node_.String(Vocab(term::kId), entity.id);
    node_.String(Rdfs("label"), entity.name);
    node_.OptionalString(Rdfs("comment"), entity.description);
    for (const Alias& alias : data_.AliasesOf(entity)) {
      absl::Status status = LangText(Cat(rdf::kSkos, "altLabel"), alias.name, alias.lang,
                                     Cat("alias '", alias.name, "' of entity '", entity.id, "'"));
      if (!status.ok()) return status;
    }
    for (const Attribute& attribute : data_.AttributesOf(entity)) {
      std::string predicate = Cat(ns_.attribute, rdf::EncodeName(attribute.name));
      std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string_view>) {
              node_.String(predicate, value);
            } else if constexpr (std::is_same_v<T, double>) {
              Decimal(predicate, value);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              node_.Typed(predicate, Cat(value), Xsd("integer"));
            } else if constexpr (std::is_same_v<T, bool>) {
              Boolean(predicate, value);
            } else {
              Time(predicate, value);
            }
          },
          attribute.value);
    }
    Emit();
    return absl::OkStatus();
  }

  // The object or value of a statement, as the direct triple and ps: carry it.
  absl::Status SimpleValue(std::string_view predicate, const StatementRecord& statement) {
    if (const ObjectRef* object = std::get_if<ObjectRef>(&statement.value)) {
      node_.Iri(predicate, EntityIri(object->entity));
    } else if (const QuantityRef* quantity = std::get_if<QuantityRef>(&statement.value)) {
      Decimal(predicate, data_.quantities[quantity->index].amount);
    } else if (const TextRef* text = std::get_if<TextRef>(&statement.value)) {
      const aikg::Text& value = data_.texts[text->index];
      return LangText(predicate, value.text, value.lang, Cat("the text of statement '", statement.id, "'"));
    } else if (const TimePoint* date = std::get_if<TimePoint>(&statement.value)) {
      Time(predicate, *date);
    } else {
      Boolean(predicate, std::get<bool>(statement.value));
    }
    return absl::OkStatus();
  }

  void TimeSpan(std::string_view start, std::string_view end, const ValidTime& valid) {
    if (std::optional<absl::CivilDay> first = valid.start_day()) Day(start, *first);
    if (std::optional<absl::CivilDay> last = valid.end_day()) Day(end, *last);
  }

  absl::Status Statement(StatementIndex index) {
    const StatementRecord& statement = data_.statements[index];
    std::string statement_iri = Cat(ns_.statement, rdf::EncodeId(statement.id));
    std::string value_iri = Cat(ns_.value, rdf::EncodeId(statement.id));
    bool has_value_node =
        std::holds_alternative<QuantityRef>(statement.value) || std::holds_alternative<TimePoint>(statement.value);

    // The subject's direct triple and its link to the statement node.
    node_.Reset(EntityIri(statement.subject), false);
    if (absl::Status status = SimpleValue(PredicateIri(ns_.direct, statement.predicate), statement); !status.ok()) {
      return status;
    }
    node_.Iri(PredicateIri(ns_.claim, statement.predicate), statement_iri);
    Emit();

    node_.Reset(statement_iri, false);
    node_.Iri(kRdfType, Vocab(term::kStatement));
    node_.String(Vocab(term::kId), statement.id);
    node_.Iri(Vocab(term::kSubject), EntityIri(statement.subject));
    node_.Iri(Vocab(term::kPredicate), PredicateIri(ns_.direct, statement.predicate));
    if (absl::Status status = SimpleValue(PredicateIri(ns_.statement_property, statement.predicate), statement);
        !status.ok()) {
      return status;
    }
    if (has_value_node) node_.Iri(PredicateIri(ns_.statement_value, statement.predicate), value_iri);
    node_.String(Vocab(term::kModality), ModalityName(statement.modality));
    if (statement.valid.is_set()) {
      node_.String(Vocab(term::kValid), statement.valid.ToString());
      TimeSpan(Vocab(term::kValidStart), Vocab(term::kValidEnd), statement.valid);
      node_.String(Vocab(term::kValidPrecision), PrecisionName(statement.valid.precision()));
    }
    if (statement.period.is_set()) Time(Vocab(term::kPeriod), statement.period);
    if (!std::isnan(statement.confidence)) Decimal(Vocab(term::kConfidence), statement.confidence);
    for (const Qualifier& qualifier : data_.QualifiersOf(statement)) {
      node_.String(Cat(ns_.qualifier, rdf::EncodeName(qualifier.key)), qualifier.value);
    }
    CitationList citations = data_.CitationsOf(statement);
    for (const Citation& citation : citations) node_.Iri(Prov("wasDerivedFrom"), SourceIri(citation.source));
    for (size_t i = 0; i < citations.size(); ++i) {
      node_.Iri(Prov("qualifiedDerivation"), Cat(ns_.reference, rdf::EncodeId(statement.id), "/", i));
    }
    Emit();

    if (const QuantityRef* ref = std::get_if<QuantityRef>(&statement.value)) {
      const QuantityRecord& quantity = data_.quantities[ref->index];
      node_.Reset(value_iri, false);
      node_.Iri(kRdfType, Vocab(term::kQuantityValue));
      Decimal(Vocab(term::kAmount), quantity.amount);
      node_.Iri(Vocab(term::kUnitOf), UnitIri(quantity.unit));
      node_.String(Vocab(term::kBound), BoundName(quantity.bound));
      QuantityBounds bounds = data_.BoundsOf(quantity);
      if (!std::isnan(bounds.lower)) Decimal(Vocab(term::kLowerBound), bounds.lower);
      if (!std::isnan(bounds.upper)) Decimal(Vocab(term::kUpperBound), bounds.upper);
      Emit();
    } else if (const TimePoint* date = std::get_if<TimePoint>(&statement.value)) {
      node_.Reset(value_iri, false);
      node_.Iri(kRdfType, Vocab(term::kTimeValue));
      Time(Vocab(term::kTime), *date);
      TimeSpan(Vocab(term::kTimeStart), Vocab(term::kTimeEnd), ValidTime::At(*date));
      node_.String(Vocab(term::kTimePrecision), PrecisionName(date->precision()));
      Emit();
    }

    for (size_t i = 0; i < citations.size(); ++i) {
      node_.Reset(Cat(ns_.reference, rdf::EncodeId(statement.id), "/", i), false);
      node_.Iri(kRdfType, Prov("Derivation"));
      node_.Iri(Prov("entity"), SourceIri(citations[i].source));
      node_.OptionalString(Vocab(term::kLocator), citations[i].locator);
      Emit();
    }
    return absl::OkStatus();
  }

  ExportScope& scope_;
  const GraphData& data_;
  const Schema& schema_;
  Namespaces ns_;
  Syntax& syntax_;
  Progress progress_;
  Node node_;
};

}  // namespace

absl::Status WriteRdf(ExportScope& scope, ExportFormat format, const ExportOptions& options, std::FILE* file) {
  if (absl::Status base = CheckBaseIri(options.base_iri); !base.ok()) return base;
  Namespaces ns(options.base_iri);
  std::unique_ptr<Syntax> syntax;
  switch (format) {
    case ExportFormat::kTurtle:
      syntax = std::make_unique<Turtle>(file);
      break;
    case ExportFormat::kNTriples:
      syntax = std::make_unique<NTriples>(file, ns, /*quads=*/false);
      break;
    case ExportFormat::kNQuads:
      syntax = std::make_unique<NTriples>(file, ns, /*quads=*/true);
      break;
    default:
      syntax = std::make_unique<JsonLd>(file);
      break;
  }
  RdfWriter writer(scope, options, *syntax);
  return writer.Write();
}

}  // namespace aikg::internal
