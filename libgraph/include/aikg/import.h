// aikg/import.h: bringing outside data into a graph: tables through a declarative mapping and
// Wikidata entity JSON through a property mapping (docs/import.md).
//
// A `Table` is rows of text cells under a header: read from a CSV file (RFC 4180 with the
// habits of real exports: a UTF-8 BOM, CRLF, quoted cells holding separators and newlines) or
// handed over column by column (the Python package does so for pandas and Arrow tables).
// A `TableMapping` says what each row becomes: entities made or found (by external id, id or
// name, see aikg/resolve.h), statements between them or carrying values, their valid time,
// modality, confidence and source. `ImportTable` applies one table as one batch, all or
// nothing unless `ImportOptions::skip_bad_rows` is set, in which case each bad row is left out,
// reported and counted, and the rest loads.
//
// Statement ids are derived from what a row says ("st/<mapping>/<subject>/<predicate>/<hash>",
// the hash over object or value, time, modality, confidence and sources): importing the same
// table twice changes nothing, and a row whose figures changed in a newer version of the table
// (cited through a newer source) adds a statement next to the old one, which
// `Changes(view, before, after)` reports as changed.
//
// Problems name the table's file, the row's line, the column and the place in the mapping:
//
//   models.csv:14:Parameters: cell '12 B' is not a number (at models.mapping.json#/statements/3/quantity)
//
// Example:
//   aikg::Graph graph;
//   aikg::LoadJsonFiles(graph, {"datasets/china-ai-2025-09.json"});
//   absl::StatusOr<aikg::TableMapping> mapping =
//       aikg::TableMapping::LoadFile("datasets/mappings/epoch-notable-models.json");
//   absl::StatusOr<aikg::Table> table = aikg::ReadCsvFile("notable_ai_models.csv");
//   absl::StatusOr<aikg::ImportReport> report = aikg::ImportTable(graph, *table, *mapping);
//
// Imports need exclusive access to the graph, like loads.

#ifndef AIKG_IMPORT_H_
#define AIKG_IMPORT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "aikg/diagnostic.h"
#include "aikg/graph.h"

namespace aikg {

// ---- Tables -----------------------------------------------------------------------------------

// Rows of text cells under a header. Cells are kept as written; an empty cell is "".
class Table {
 public:
  // `label` names the table in messages (a file name, "<DataFrame>").
  Table(std::string label, std::vector<std::string> columns);

  const std::string& label() const { return label_; }
  const std::vector<std::string>& columns() const { return columns_; }
  // The index of the column named `name` (exact match), or -1.
  int FindColumn(std::string_view name) const;

  size_t row_count() const { return row_lines_.size(); }
  std::string_view cell(size_t row, size_t column) const {
    size_t at = row * columns_.size() + column;
    return std::string_view(text_).substr(cell_starts_[at], cell_starts_[at + 1] - cell_starts_[at]);
  }
  // Where the row is in its input: for a CSV file, the line it starts on (the header is line 1
  // when the file has no blank or multi-line rows before it); for tables built from columns,
  // its 0-based position.
  int64_t line(size_t row) const { return row_lines_[row]; }

  // Appends a row. Fewer cells than columns are padded with empty cells (as pandas does);
  // more is a programming error (ABSL_CHECKed: ReadCsv reports it first).
  void AddRow(absl::Span<const std::string_view> cells, int64_t line);
  void Reserve(size_t rows, size_t text_bytes);

 private:
  std::string label_;
  std::vector<std::string> columns_;
  std::string text_;                 // every cell, back to back
  std::vector<uint64_t> cell_starts_{0};  // cell i is text_[cell_starts_[i], cell_starts_[i + 1])
  std::vector<int64_t> row_lines_;
};

struct CsvOptions {
  char separator = ',';
  char quote = '"';
};

// Parses CSV text: the first record is the header. A UTF-8 BOM is skipped; records end in LF
// or CRLF; a quoted cell may hold separators, quotes (doubled) and line breaks; blank lines
// are skipped. InvalidArgument with "label:line:col: message" (and a diagnostic) for an
// unterminated quote, a quote inside an unquoted cell, a record with more cells than the
// header, an empty or duplicate header name, or text that is not UTF-8.
absl::StatusOr<Table> ReadCsv(std::string_view text, std::string label, const CsvOptions& options = {},
                              std::vector<Diagnostic>* diagnostics = nullptr);
// The same for a file; its path labels messages. Unavailable when the file cannot be read.
absl::StatusOr<Table> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options = {},
                                  std::vector<Diagnostic>* diagnostics = nullptr);

// ---- Mappings ---------------------------------------------------------------------------------

namespace internal {
struct TableMappingData;
struct WikidataMappingData;
}  // namespace internal

// What each row of a table becomes (format in docs/import.md, JSON Schema in
// datasets/mappings/mapping.schema.json). Parsing checks the mapping on its own; names of
// types, predicates and units are checked against the graph's schema when it is applied.
// Immutable once loaded; safe to share between threads.
class TableMapping {
 public:
  static absl::StatusOr<TableMapping> LoadFile(const std::filesystem::path& path,
                                               std::vector<Diagnostic>* diagnostics = nullptr);
  // `label` names the mapping in messages.
  static absl::StatusOr<TableMapping> LoadString(std::string_view json, std::string label = "<mapping>",
                                                 std::vector<Diagnostic>* diagnostics = nullptr);

  const std::string& name() const;
  const std::string& label() const;
  // The columns the mapping reads, in the order the mapping first names them.
  std::vector<std::string> columns() const;
  // The CSV dialect the mapping expects (its "csv" member).
  const CsvOptions& csv() const;

  const internal::TableMappingData& data() const { return *data_; }

 private:
  explicit TableMapping(std::shared_ptr<const internal::TableMappingData> data) : data_(std::move(data)) {}
  std::shared_ptr<const internal::TableMappingData> data_;
};

// How Wikidata claims become statements (format in docs/import-wikidata.md): per property, the
// predicate, the direction, and how values and their units map; items' types through their
// "instance of" (P31) values.
class WikidataMapping {
 public:
  static absl::StatusOr<WikidataMapping> LoadFile(const std::filesystem::path& path,
                                                  std::vector<Diagnostic>* diagnostics = nullptr);
  static absl::StatusOr<WikidataMapping> LoadString(std::string_view json, std::string label = "<mapping>",
                                                    std::vector<Diagnostic>* diagnostics = nullptr);

  const std::string& label() const;
  const internal::WikidataMappingData& data() const { return *data_; }

 private:
  explicit WikidataMapping(std::shared_ptr<const internal::WikidataMappingData> data) : data_(std::move(data)) {}
  std::shared_ptr<const internal::WikidataMappingData> data_;
};

// ---- Importing --------------------------------------------------------------------------------

struct ImportOptions {
  // Leave out rows (or Wikidata items) with problems, reporting each, instead of failing whole.
  bool skip_bad_rows = false;
  // Curator decisions (reconciliation): an entity reference that resolves to — or would create —
  // the key (an entity id, or a name as written in the table) means the entity with the value's
  // id instead. Statements keep their own sources.
  absl::flat_hash_map<std::string, std::string> same_as;
};

struct ImportReport {
  size_t rows = 0;           // rows (or items) read
  size_t rows_imported = 0;  // rows that contributed to the graph
  size_t rows_skipped = 0;   // rows left out (skip_bad_rows)
  size_t entities_created = 0;
  size_t entities_matched = 0;  // distinct existing entities rows referred to
  size_t statements_added = 0;
  size_t statements_unchanged = 0;  // already in the graph with the same id and content
  size_t sources_added = 0;
  // Cells the mapping reads that are empty or marked missing ("Unknown"): no statement is made
  // of them, and they are never read as zeros.
  size_t cells_missing = 0;
  // The problems of the rows that were left out, each located.
  std::vector<Diagnostic> skipped;
  // Wikidata: properties without a mapping, with how many claims used them; a property whose
  // rules do not apply to an item's type is counted as "P571 on Country".
  std::map<std::string, size_t> unmapped_properties;
  // Wikidata: claims left out because their rank is deprecated.
  size_t deprecated_claims = 0;
  // Wikidata: items that claims point to but that are neither in the input nor in the graph
  // (by Q-id), with how many claims were left out for want of them.
  std::map<std::string, size_t> unresolved_items;
};

// Reads a curator's decisions: {"format": "aikg-same-as/1", "same_as": {"name or id": "entity id"}}
// (docs/import.md, Reconciliation), for ImportOptions::same_as. Located diagnostics as for
// graph files.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> LoadSameAsFile(
    const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics = nullptr);

// A copy of `graph` in which the entities a curator decided are the same are merged: each key of
// `same_as` (an id, identifier, name or alias, resolved as NameResolver does) is merged into the
// entity its value names. Statements about or pointing to a merged entity are re-pointed and keep
// their ids and sources; its name and aliases become aliases of the kept entity, and attributes
// the kept one lacks are added. Chains (a → b → c) end at their last entity. InvalidArgument,
// with a diagnostic per decision, when a name resolves to no entity or several, when the types
// are unrelated (a Company is never merged into a Country), or when decisions form a cycle.
// O(entities + statements + sources).
absl::StatusOr<Graph> MergeEntities(const Graph& graph, const absl::flat_hash_map<std::string, std::string>& same_as,
                                    std::vector<Diagnostic>* diagnostics = nullptr);

// Imports `table` into `graph` (which must have a schema) through `mapping`. InvalidArgument,
// with every problem as a diagnostic, when a column the mapping reads is missing from the
// header, when the mapping names a type, predicate or unit the schema lacks, or — unless
// options.skip_bad_rows — when any row has a problem; the graph is then unchanged.
absl::StatusOr<ImportReport> ImportTable(Graph& graph, const Table& table, const TableMapping& mapping,
                                         const ImportOptions& options = {},
                                         std::vector<Diagnostic>* diagnostics = nullptr);

// Imports Wikidata entities: a `wbgetentities` response ({"entities": {"Q…": {…}}}) or a dump
// (a JSON array, one entity per line). Labels, descriptions and aliases in every language
// become names and aliases, the Q-id the `wikidata` identifier, claims statements through
// `mapping`. Located diagnostics (file:line:col, JSON pointer) as for graph files.
absl::StatusOr<ImportReport> ImportWikidata(Graph& graph, const std::filesystem::path& path,
                                            const WikidataMapping& mapping, const ImportOptions& options = {},
                                            std::vector<Diagnostic>* diagnostics = nullptr);
absl::StatusOr<ImportReport> ImportWikidataString(Graph& graph, std::string_view json, std::string label,
                                                  const WikidataMapping& mapping, const ImportOptions& options = {},
                                                  std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace aikg

#endif  // AIKG_IMPORT_H_
