// What the RDF writer and reader share: namespaces, IRI encoding, typed times and the table of
// aikg's vocabulary.

#include "aikg/rdf.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "export/rdf_internal.h"
#include "internal/cat.h"

namespace aikg {
namespace internal::rdf {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUnreserved(char c) {
  return IsAsciiLetter(c) || IsAsciiDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 15]);
}

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Percent-encodes `text`; '/' is kept when `keep_slash`, and then a segment of only dots has
// its dots encoded, since IRI resolution removes "." and ".." segments.
std::string Encode(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  size_t segment_start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !(keep_slash && text[i] == '/')) continue;
    std::string_view segment = text.substr(segment_start, i - segment_start);
    bool only_dots = !segment.empty() && segment.find_first_not_of('.') == std::string_view::npos;
    for (char c : segment) {
      if (IsUnreserved(c) && !(only_dots && c == '.')) {
        out.push_back(c);
      } else {
        AppendEscaped(out, static_cast<unsigned char>(c));
      }
    }
    if (i < text.size()) out.push_back('/');
    segment_start = i + 1;
  }
  return out;
}

}  // namespace

Namespaces::Namespaces(std::string_view base_iri)
    : base(base_iri),
      ontology_graph(Cat(base_iri, "ontology")),
      entity(Cat(base_iri, "entity/")),
      statement(Cat(base_iri, "statement/")),
      source(Cat(base_iri, "source/")),
      value(Cat(base_iri, "value/")),
      reference(Cat(base_iri, "reference/")),
      type(Cat(base_iri, "type/")),
      unit(Cat(base_iri, "unit/")),
      attribute(Cat(base_iri, "attribute/")),
      direct(Cat(base_iri, "prop/direct/")),
      claim(Cat(base_iri, "prop/")),
      statement_property(Cat(base_iri, "prop/statement/")),
      statement_value(Cat(base_iri, "prop/statement/value/")),
      qualifier(Cat(base_iri, "prop/qualifier/")) {}

std::vector<Prefix> Prefixes(const Namespaces& ns) {
  return {
      {"rdf", std::string(kRdf)},
      {"rdfs", std::string(kRdfs)},
      {"xsd", std::string(kXsd)},
      {"prov", std::string(kProv)},
      {"skos", std::string(kSkos)},
      {"schema", std::string(kSchemaOrg)},
      {"aikg", std::string(kRdfVocabulary)},
      {"type", ns.type},
      {"unit", ns.unit},
      {"attr", ns.attribute},
      {"direct", ns.direct},
      {"p", ns.claim},
      {"ps", ns.statement_property},
      {"psv", ns.statement_value},
      {"pq", ns.qualifier},
  };
}

std::string EncodeId(std::string_view id) { return Encode(id, /*keep_slash=*/true); }
std::string EncodeName(std::string_view name) { return Encode(name, /*keep_slash=*/false); }

std::optional<std::string> DecodeName(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      out.push_back(encoded[i]);
      continue;
    }
    int high = i + 1 < encoded.size() ? HexValue(encoded[i + 1]) : -1;
    int low = i + 2 < encoded.size() ? HexValue(encoded[i + 2]) : -1;
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

bool IsLanguageTag(std::string_view tag) {
  size_t i = 0;
  while (i < tag.size() && IsAsciiLetter(tag[i])) ++i;
  if (i == 0) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    size_t start = ++i;
    while (i < tag.size() && (IsAsciiLetter(tag[i]) || IsAsciiDigit(tag[i]))) ++i;
    if (i == start) return false;
  }
  return true;
}

std::optional<std::string_view> TimeDatatype(const TimePoint& point) {
  if (!point.is_set() || point.is_fiscal() || point.part() != PeriodPart::kWhole) return std::nullopt;
  switch (point.precision()) {
    case Precision::kDay:
      return "date";
    case Precision::kMonth:
      return "gYearMonth";
    case Precision::kYear:
      return "gYear";
    case Precision::kSecond:
      return "dateTime";
    default:
      return std::nullopt;
  }
}

// ---- The vocabulary ---------------------------------------------------------------------------

const VocabularyTerm kVocabulary[] = {
    // Classes.
    {term::kDataset, TermKind::kClass, "", "", "An export of an aikg graph: its format and schema."},
    {term::kEntity, TermKind::kClass, "", "", "An entity of the graph; its type is a subclass."},
    {term::kStatement, TermKind::kClass, "", "prov:Entity", "A claim about an entity, with everything it carries."},
    {term::kSource, TermKind::kClass, "", "prov:Entity", "Where claims were read."},
    {term::kQuantityValue, TermKind::kClass, "", "", "A quantity: amount, unit, bound and range."},
    {term::kTimeValue, TermKind::kClass, "", "", "A date at a precision, with its first and last day."},
    {term::kUnit, TermKind::kClass, "", "", "A unit of the schema."},
    // The dataset.
    {term::kFormat, TermKind::kProperty, "aikg:Dataset", "xsd:string", "The layout version, aikg-rdf/1."},
    {term::kSchema, TermKind::kProperty, "aikg:Dataset", "xsd:string", "The name of the schema."},
    {term::kSchemaVersion, TermKind::kProperty, "aikg:Dataset", "xsd:string", "The version of the schema."},
    {term::kId, TermKind::kProperty, "", "xsd:string", "The aikg id of an entity, statement or source."},
    // Statements.
    {term::kSubject, TermKind::kProperty, "aikg:Statement", "aikg:Entity", "The entity the statement is about."},
    {term::kPredicate, TermKind::kProperty, "aikg:Statement", "rdf:Property", "The direct property of its predicate."},
    {term::kModality, TermKind::kProperty, "aikg:Statement", "xsd:string",
     "reported, claim, forecast, plan or opinion."},
    {term::kValid, TermKind::kProperty, "aikg:Statement", "xsd:string", "The valid time as written."},
    {term::kValidStart, TermKind::kProperty, "aikg:Statement", "xsd:date",
     "The first day the statement may hold; absent for an open start."},
    {term::kValidEnd, TermKind::kProperty, "aikg:Statement", "xsd:date",
     "The last day of its valid time; absent for an open end."},
    {term::kValidPrecision, TermKind::kProperty, "aikg:Statement", "xsd:string",
     "day, month, quarter, half-year, year, decade (or minute, second): of the coarser end."},
    {term::kPeriod, TermKind::kProperty, "aikg:Statement", "rdfs:Literal", "The reporting period."},
    {term::kConfidence, TermKind::kProperty, "aikg:Statement", "xsd:decimal", "From 0 to 1."},
    {term::kLocator, TermKind::kProperty, "prov:Derivation", "xsd:string", "Where in the source the claim was read."},
    // Values.
    {term::kAmount, TermKind::kProperty, "aikg:QuantityValue", "xsd:decimal", "The amount."},
    {term::kLowerBound, TermKind::kProperty, "aikg:QuantityValue", "xsd:decimal", "The low end of its range."},
    {term::kUpperBound, TermKind::kProperty, "aikg:QuantityValue", "xsd:decimal", "The high end of its range."},
    {term::kUnitOf, TermKind::kProperty, "aikg:QuantityValue", "aikg:Unit", "The unit of the amount."},
    {term::kBound, TermKind::kProperty, "aikg:QuantityValue", "xsd:string", "exact, at_least, at_most or about."},
    {term::kTime, TermKind::kProperty, "aikg:TimeValue", "rdfs:Literal", "The date as written."},
    {term::kTimeStart, TermKind::kProperty, "aikg:TimeValue", "xsd:date", "Its first day."},
    {term::kTimeEnd, TermKind::kProperty, "aikg:TimeValue", "xsd:date", "Its last day."},
    {term::kTimePrecision, TermKind::kProperty, "aikg:TimeValue", "xsd:string", "Its precision."},
    // Sources.
    {term::kKind, TermKind::kProperty, "aikg:Source", "xsd:string", "newsletter, news_wire, news_article, ..."},
    {term::kPublisher, TermKind::kProperty, "aikg:Source", "xsd:string", "Who published it."},
    {term::kAuthor, TermKind::kProperty, "aikg:Source", "xsd:string", "Who wrote it."},
    {term::kTitle, TermKind::kProperty, "aikg:Source", "xsd:string", "Its title."},
    {term::kLanguage, TermKind::kProperty, "aikg:Source", "xsd:string", "Its language."},
    {term::kPublished, TermKind::kProperty, "aikg:Source", "rdfs:Literal", "When it was published, as written."},
    {term::kPublishedStart, TermKind::kProperty, "aikg:Source", "xsd:date",
     "The first day it may have been published."},
    {term::kPublishedPrecision, TermKind::kProperty, "aikg:Source", "xsd:string", "The precision of its date."},
    {term::kUrl, TermKind::kProperty, "aikg:Source", "xsd:anyURI", "Its address."},
    {term::kVia, TermKind::kProperty, "aikg:Source", "aikg:Source", "The source that relayed it."},
    // The ontology.
    {term::kRangeKind, TermKind::kProperty, "rdf:Property", "xsd:string",
     "What a predicate points at: entity, quantity, text, date or boolean."},
    {term::kAllowedUnit, TermKind::kProperty, "rdf:Property", "aikg:Unit", "A unit a quantity predicate allows."},
    {term::kSymmetric, TermKind::kProperty, "rdf:Property", "xsd:boolean", "Whether the predicate goes both ways."},
    {term::kGrowthOf, TermKind::kProperty, "rdf:Property", "rdf:Property",
     "The metric a growth rate is the growth of."},
    {term::kClaim, TermKind::kProperty, "rdf:Property", "rdf:Property",
     "The property from an entity to its statements of this predicate (p:)."},
    {term::kStatementProperty, TermKind::kProperty, "rdf:Property", "rdf:Property",
     "The property from a statement node to its object or value (ps:)."},
    {term::kStatementValue, TermKind::kProperty, "rdf:Property", "rdf:Property",
     "The property from a statement node to its value node (psv:)."},
    {term::kDimension, TermKind::kProperty, "aikg:Unit", "xsd:string", "What a unit measures."},
    {term::kAttributeKind, TermKind::kProperty, "rdf:Property", "xsd:string",
     "text, number, integer, boolean, date or identifier."},
};
const size_t kVocabularySize = sizeof kVocabulary / sizeof kVocabulary[0];

}  // namespace internal::rdf

absl::Status CheckBaseIri(std::string_view iri) {
  size_t colon = iri.find(':');
  bool has_scheme = colon != std::string_view::npos && colon > 0 &&
                    ((iri[0] >= 'A' && iri[0] <= 'Z') || (iri[0] >= 'a' && iri[0] <= 'z'));
  for (size_t i = 1; has_scheme && i < colon; ++i) {
    char c = iri[i];
    has_scheme =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  }
  if (!has_scheme) {
    return absl::InvalidArgumentError(
        internal::Cat("base IRI '", iri, "' is not absolute: it needs a scheme, as in https://example.org/kg/"));
  }
  for (char c : iri) {
    if (static_cast<unsigned char>(c) <= 0x20 || std::string_view("<>\"{}|\\^`").find(c) != std::string_view::npos) {
      return absl::InvalidArgumentError(
          internal::Cat("base IRI '", iri, "' contains '", std::string(1, c), "', which IRIs cannot hold"));
    }
  }
  // JSON-LD would read "p:..." as a compact IRI of aikg's prefix p.
  std::string scheme = absl::AsciiStrToLower(internal::ToAbsl(iri.substr(0, colon)));
  for (const internal::rdf::Prefix& prefix : internal::rdf::Prefixes(internal::rdf::Namespaces(""))) {
    if (scheme == prefix.name) {
      return absl::InvalidArgumentError(
          internal::Cat("base IRI '", iri, "' has the scheme '", scheme, ":', which is one of aikg's RDF prefixes"));
    }
  }
  if (iri.back() != '/' && iri.back() != '#') {
    return absl::InvalidArgumentError(
        internal::Cat("base IRI '", iri, "' must end with '/' or '#' so that names can follow it"));
  }
  return absl::OkStatus();
}

std::string EntityIri(std::string_view base, std::string_view id) {
  return internal::Cat(base, "entity/", internal::rdf::EncodeId(id));
}
std::string StatementIri(std::string_view base, std::string_view id) {
  return internal::Cat(base, "statement/", internal::rdf::EncodeId(id));
}
std::string SourceIri(std::string_view base, std::string_view id) {
  return internal::Cat(base, "source/", internal::rdf::EncodeId(id));
}

}  // namespace aikg
