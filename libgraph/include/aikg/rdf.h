// aikg/rdf.h: a graph as RDF, for triple stores and SPARQL, and back.
//
// `Export` (aikg/export.h) writes a view as RDF 1.1 in four syntaxes: kTurtle, kNTriples,
// kNQuads and kJsonLd. The vocabulary follows Wikidata's RDF model, so that any RDF 1.1 store
// can hold everything a statement carries and simple questions stay simple:
//
//   - a direct triple per statement (`<org/nvidia> direct:develops <chip/h100>`, Wikidata's
//     wdt:), for queries that need no more than who relates to what;
//   - a statement node with the full claim (Wikidata's p:/ps:/pq:): subject, predicate, object
//     or value (quantities and dates as value nodes), valid time as written and as first and
//     last day with its precision, period, modality, confidence, qualifiers, and its sources as
//     PROV (`prov:wasDerivedFrom`, and a `prov:qualifiedDerivation` per citation carrying its
//     locator);
//   - sources with their kind, publisher, author, title, language, publication date and relay
//     (`aikg:via`);
//   - the ontology as RDFS: entity types as classes (rdfs:subClassOf), predicates and
//     attributes as properties with their domain and range, units.
//
// docs/rdf.md documents every term and shows SPARQL queries. Ids become IRIs under a base IRI
// (`ExportOptions::base_iri`, kDefaultBaseIri by default): `<base>entity/org/alibaba`, with
// every character that is not safe in an IRI path percent-encoded, so that distinct ids always
// give distinct IRIs (see EntityIri).
//
// `ImportRdf` reads back what the Turtle and N-Triples exports wrote, without loss.
//
// Example:
//   aikg::ExportOptions options;
//   options.base_iri = "https://example.org/ai/";
//   absl::Status written = aikg::Export(aikg::View(graph), aikg::ExportFormat::kTurtle, "ai.ttl", options);
//
//   aikg::Graph copy(graph.shared_schema());
//   absl::Status read = aikg::ImportRdf(copy, "ai.ttl");
//
// The functions are thread-safe; ImportRdf needs the graph to itself while it applies.

#ifndef AIKG_RDF_H_
#define AIKG_RDF_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"

namespace aikg {

// The namespace of aikg's own vocabulary (prefix `aikg:`). aikg has no web home: the reserved
// `.invalid` domain makes clear these IRIs are names, not addresses.
inline constexpr std::string_view kRdfVocabulary = "https://aikg.invalid/vocab#";
// The base IRI when none is given.
inline constexpr std::string_view kDefaultBaseIri = "https://aikg.invalid/graph/";

// OK when `iri` can be a base IRI: absolute (a scheme, then ':'), without white space or the
// characters IRIs exclude (<>"{}|\^`), and ending with '/' or '#' so that names can be
// appended to it. InvalidArgument saying what is wrong otherwise.
absl::Status CheckBaseIri(std::string_view iri);

// The IRI of an entity, statement or source id under `base`: base + "entity/" (or
// "statement/", "source/") + the id with every byte other than ASCII letters, digits, '-',
// '.', '_', '~' and '/' percent-encoded (%XX), and '.' encoded too in a path segment of only
// dots (which IRI resolution would remove). Injective: distinct ids give distinct IRIs.
std::string EntityIri(std::string_view base, std::string_view id);
std::string StatementIri(std::string_view base, std::string_view id);
std::string SourceIri(std::string_view base, std::string_view id);

// Reads a Turtle or N-Triples file written by Export (kTurtle or kNTriples; N-Triples is a
// subset of Turtle) and adds its sources, entities and statements to `graph` as one batch, all
// or nothing, like a JSON load. The graph must have a schema (FailedPrecondition otherwise)
// with the name the file records. Items come back in the order of the file; so do a
// statement's citations and qualifiers and an entity's aliases. The ontology in the file is
// not read (the graph has its own); derived triples (direct triples, first and last days) are
// accepted and ignored. Anything else is an error: every problem is reported as a diagnostic
// "file:line:col: message" at the term it is about.
absl::Status ImportRdf(Graph& graph, const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace aikg

#endif  // AIKG_RDF_H_
