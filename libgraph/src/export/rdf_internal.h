// What the RDF writer and reader share: the namespaces, the names of aikg's vocabulary terms
// (one table, which the writer declares as RDFS and the reader recognises), and the IRIs made
// under a base IRI.

#ifndef AIKG_EXPORT_RDF_INTERNAL_H_
#define AIKG_EXPORT_RDF_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/rdf.h"
#include "aikg/time.h"

namespace aikg::internal::rdf {

// The layout version, recorded in every export (aikg:format) for the reader.
inline constexpr std::string_view kRdfFormat = "aikg-rdf/1";

inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kSchemaOrg = "http://schema.org/";

// The namespaces made under a base IRI, by prefix. Their relative parts end with '/' and the
// names appended to them are encoded (ids keep '/', names do not), so no two overlap.
struct Namespaces {
  explicit Namespaces(std::string_view base);

  std::string base;                // the dataset itself, and its data graph in N-Quads
  std::string ontology_graph;      // the named graph of the ontology in N-Quads
  std::string entity;              // entity/ID
  std::string statement;           // statement/ID
  std::string source;              // source/ID
  std::string value;               // value/ID: the value node of statement ID
  std::string reference;           // reference/ID/N: citation N of statement ID
  std::string type;                // type/NAME       entity types (rdfs:Class)
  std::string unit;                // unit/NAME
  std::string attribute;           // attribute/NAME  entity attributes and identifiers
  std::string direct;              // prop/direct/NAME            entity -> object or value
  std::string claim;               // prop/NAME                   entity -> statement node
  std::string statement_property;  // prop/statement/NAME         statement node -> object or value
  std::string statement_value;     // prop/statement/value/NAME   statement node -> value node
  std::string qualifier;           // prop/qualifier/KEY          statement node -> qualifier value
};

// The prefixes the Turtle and JSON-LD writers declare, in order: name and namespace.
struct Prefix {
  std::string_view name;
  std::string namespace_iri;
};
std::vector<Prefix> Prefixes(const Namespaces& ns);

// Percent-encoding of ids (keeping '/') and names (encoding it too); see aikg::EntityIri.
std::string EncodeId(std::string_view id);
std::string EncodeName(std::string_view name);
// The text back from an encoded name; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> DecodeName(std::string_view encoded);

// Whether `tag` is a language tag as Turtle writes one: letters, then '-' and letters or digits.
bool IsLanguageTag(std::string_view tag);

// The XSD datatype whose lexical form is aikg's text of `point` (xsd:date for a day,
// xsd:gYearMonth for a month, xsd:gYear for a year, xsd:dateTime for a second), so the literal
// is both typed and lossless; nullopt for the forms XSD has no type for (quarters, halves,
// decades, fuzzy and fiscal periods, minutes), which are written as plain strings.
std::optional<std::string_view> TimeDatatype(const TimePoint& point);

// ---- aikg's vocabulary ---------------------------------------------------------------------

enum class TermKind : uint8_t { kClass, kProperty };

struct VocabularyTerm {
  std::string_view name;  // local name in kRdfVocabulary
  TermKind kind;
  std::string_view domain;  // a CURIE ("aikg:Statement") or empty
  std::string_view range;   // a CURIE or empty; for a class, its superclass
  std::string_view comment;
};

// Every term of aikg's vocabulary, as docs/rdf.md lists them.
extern const VocabularyTerm kVocabulary[];
extern const size_t kVocabularySize;

// Local names, so the writer and the reader spell them once.
namespace term {
inline constexpr std::string_view kDataset = "Dataset", kEntity = "Entity", kStatement = "Statement",
                                  kSource = "Source", kQuantityValue = "QuantityValue", kTimeValue = "TimeValue",
                                  kUnit = "Unit";
inline constexpr std::string_view kFormat = "format", kSchema = "schema", kSchemaVersion = "schemaVersion", kId = "id";
inline constexpr std::string_view kSubject = "subject", kPredicate = "predicate", kModality = "modality",
                                  kValid = "valid", kValidStart = "validStart", kValidEnd = "validEnd",
                                  kValidPrecision = "validPrecision", kPeriod = "period", kConfidence = "confidence",
                                  kLocator = "locator";
inline constexpr std::string_view kAmount = "amount", kLowerBound = "lowerBound", kUpperBound = "upperBound",
                                  kUnitOf = "unit", kBound = "bound", kTime = "time", kTimeStart = "timeStart",
                                  kTimeEnd = "timeEnd", kTimePrecision = "timePrecision";
inline constexpr std::string_view kKind = "kind", kPublisher = "publisher", kAuthor = "author", kTitle = "title",
                                  kLanguage = "language", kPublished = "published", kPublishedStart = "publishedStart",
                                  kPublishedPrecision = "publishedPrecision", kUrl = "url", kVia = "via";
inline constexpr std::string_view kRangeKind = "rangeKind", kAllowedUnit = "allowedUnit", kSymmetric = "symmetric",
                                  kGrowthOf = "growthOf", kClaim = "claim", kStatementProperty = "statementProperty",
                                  kStatementValue = "statementValue", kDimension = "dimension",
                                  kAttributeKind = "attributeKind";
}  // namespace term

}  // namespace aikg::internal::rdf

#endif  // AIKG_EXPORT_RDF_INTERNAL_H_
