// aikg/export.h: a graph, or any view of it, in the formats other tools read, and back.
//
// `Export` writes what a View keeps (the whole graph, an as-of or known-at view, a filtered or
// ego view: see aikg/view.h) as
//
//   kNodeLink    NetworkX node-link JSON: networkx.node_link_graph(data, edges="edges") gives a
//                MultiDiGraph whose edge keys are statement ids;
//   kJsonGraph   JSON Graph Format v2 (jsongraphformat.info), aikg's fields in `metadata`;
//   kCytoscape   Cytoscape.js elements JSON;
//   kGraphMl     GraphML with typed keys;
//   kGexf        GEXF 1.3, edges carrying their valid time as spells for Gephi's timeline;
//   kDot         Graphviz DOT;
//   kTimelineJs  TimelineJS JSON: one event per dated statement, at its own precision;
//   kCsv         a directory of CSV tables (entities, statements, sources) for bulk loaders;
//   kHtml        a browsable explorer: one self-contained HTML page (search, entity pages,
//                neighbourhood drawings, timeline, metric charts, as-of and known-at controls)
//                that opens offline and loads nothing from the network (docs/explorer.md).
//   kTurtle, kNTriples, kNQuads, kJsonLd
//                RDF 1.1 in Wikidata's model, for triple stores and SPARQL (aikg/rdf.h).
//
// docs/export.md documents every layout; docs/scaling.md shows the loaders' commands. Output is
// deterministic (entities, statements and sources in index order; the same view gives the same
// bytes), streamed (no document is built in memory) and atomic: each file is written beside its
// target and renamed over it when complete.
//
// `ImportNodeLink` and `ImportJsonGraph` read back what the node-link and JGF exporters wrote,
// without loss, into a graph typed by the caller's schema (`ImportRdf` in aikg/rdf.h does the
// same for Turtle and N-Triples).
//
// Example:
//   aikg::Filter then;
//   then.valid_at = absl::CivilDay(2024, 12, 31);
//   absl::StatusOr<aikg::View> view = aikg::View::Of(graph, then);
//   absl::Status written = aikg::Export(*view, aikg::ExportFormat::kGexf, "ai-2024.gexf");
//
// Exports only read the graph: several may run at once over the same graph.

#ifndef AIKG_EXPORT_H_
#define AIKG_EXPORT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"
#include "aikg/rdf.h"
#include "aikg/view.h"

namespace aikg {

enum class ExportFormat : uint8_t {
  kNodeLink,
  kJsonGraph,
  kCytoscape,
  kGraphMl,
  kGexf,
  kDot,
  kTimelineJs,
  kCsv,
  kHtml,
  kTurtle,
  kNTriples,
  kNQuads,
  kJsonLd,
};

// The command-line names: "node-link", "jgf", "cytoscape", "graphml", "gexf", "dot",
// "timelinejs", "csv", "html", "turtle", "ntriples", "nquads", "jsonld".
std::string_view ExportFormatName(ExportFormat format);
// The format of a command-line name; InvalidArgument listing the names otherwise.
absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name);

// What groups TimelineJS events (its rows).
enum class TimelineGroup : uint8_t { kPredicate, kModality };

// How the explorer's neighbourhood drawings are laid out.
enum class ExplorerLayout : uint8_t {
  kAuto,    // Graphviz `dot` when it is on the PATH and the view has at most
            // kExplorerGraphvizEntityLimit entities; the radial layout otherwise
  kRadial,  // the library's own: the entity in the centre, its neighbours on a ring around it,
            // theirs on an outer ring next to the neighbour that reaches them
};

// The largest view the explorer takes (statements): past it a page is too slow to open and
// search, and Export says so, suggesting a narrower view (as of a date, some entity types, the
// neighbourhood of some entities).
inline constexpr size_t kExplorerStatementLimit = 250000;
// Views with more entities are laid out radially even when Graphviz is there (one drawing per
// entity: Graphviz would take minutes).
inline constexpr size_t kExplorerGraphvizEntityLimit = 1000;
// Entities in one neighbourhood drawing at most: the entity, then its neighbours, then theirs.
inline constexpr size_t kExplorerNeighbourhoodLimit = 30;

struct ExportOptions {
  // Node-link: name the edge list "links" (networkx's name before 3.4) instead of "edges".
  bool node_link_links_key = false;
  // TimelineJS: the events' group.
  TimelineGroup timeline_group = TimelineGroup::kPredicate;
  // Html: the page's title; empty: the schema's name.
  std::string html_title;
  // Html: how the neighbourhood drawings are laid out.
  ExplorerLayout explorer_layout = ExplorerLayout::kAuto;
  // RDF formats: the IRI that entity, statement and source IRIs are made under (aikg/rdf.h);
  // must pass CheckBaseIri.
  std::string base_iri = std::string(kDefaultBaseIri);
  // Csv: prefix with an apostrophe the texts that start with "=", "+", "-", "@", a tab or a
  // carriage return, so that a spreadsheet opening the file shows them instead of running them
  // as formulas (CSV injection). The apostrophe is then part of the value for other readers.
  bool csv_spreadsheet_safe = false;
  // Called with the items (entities and statements) written so far and their total, every
  // `progress_every` items and once when done. Runs on the exporting thread.
  std::function<void(size_t done, size_t total)> progress;
  size_t progress_every = 100000;
};

// Writes `view` to `out` (for kCsv, a directory, created when missing) in `format`.
// Unavailable "cannot write …" or "cannot create a temporary file in …" when the output cannot
// be written; InvalidArgument for a bad `options.base_iri`, or a language tag that RDF cannot
// carry (RDF formats); on error no partial or temporary file is left (kCsv writes its tables into
// a temporary directory swapped in as a whole, and refuses an existing directory holding other
// files). InvalidArgument for an empty `out`; Unavailable for a target that is not a regular
// file (a FIFO, a device; docs/reliability.md lists the rules for output paths; a symbolic link
// is written through). FailedPrecondition when the graph has no schema, and for kHtml when the
// view has more than kExplorerStatementLimit statements. O(entities + statements +
// sources) time; memory: one bit per source, and for the JSON formats four bytes per statement.
absl::Status Export(const View& view, ExportFormat format, const std::filesystem::path& out,
                    const ExportOptions& options = {});

// ---- Tables ---------------------------------------------------------------------------------
//
// The rows behind kCsv, for writers of other tabular formats (the Python package's Parquet
// writer uses them): tables "entities", "statements" and "sources", columns and rows exactly as
// in the CSV files (docs/export.md). Lists and objects are JSON text; dates are days.

enum class ColumnType : uint8_t { kString, kDouble, kBoolean, kDate };

struct TableColumn {
  std::string_view name;
  ColumnType type;
};

// A cell: null, or a value of its column's type. Strings live until `AddRow` returns.
using TableCell = std::variant<std::monostate, std::string_view, double, bool, absl::CivilDay>;

class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual absl::Status BeginTable(std::string_view name, absl::Span<const TableColumn> columns) = 0;
  virtual absl::Status AddRow(absl::Span<const TableCell> row) = 0;
  virtual absl::Status EndTable() = 0;
};

// Feeds the tables of `view` to `sink`, stopping at the first error it returns.
// `options.progress` is honoured.
absl::Status WriteTables(const View& view, TableSink& sink, const ExportOptions& options = {});

// ---- Import ---------------------------------------------------------------------------------
//
// Both read files written by Export and add their sources, entities and statements to `graph`
// as one batch, all or nothing, like a JSON load (aikg/json.h). The graph must have a schema
// (FailedPrecondition otherwise) with the name recorded in the file. Statements come back in
// the order they were exported. Problems are reported as diagnostics "file:line:col: message
// (at /json/pointer)": the pointer names the place in the imported file.
absl::Status ImportNodeLink(Graph& graph, const std::filesystem::path& path,
                            std::vector<Diagnostic>* diagnostics = nullptr);
absl::Status ImportJsonGraph(Graph& graph, const std::filesystem::path& path,
                             std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace aikg

#endif  // AIKG_EXPORT_H_
