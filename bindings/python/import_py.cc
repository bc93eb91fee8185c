// bindings/python/import_py.cc: Graph.import_table, Graph.reconcile, Graph.import_wikidata and
// what they return (docs/import.md).

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

// A CSV path, or a DataFrame or Arrow table (as text cells, aikg._tables).
absl::StatusOr<Table> TableFrom(const py::object& source, const CsvOptions& csv, std::vector<Diagnostic>& diagnostics) {
  if (py::isinstance<py::str>(source) || py::hasattr(source, "__fspath__")) {
    std::filesystem::path path = py::cast<std::filesystem::path>(source);
    py::gil_scoped_release nogil;
    return ReadCsvFile(path, csv, &diagnostics);
  }
  py::tuple parts = CallHelper("_tables", "table_columns", py::make_tuple(source));
  std::vector<std::string> names = parts[1].cast<std::vector<std::string>>();
  py::list columns = parts[2];
  Table table(parts[0].cast<std::string>(), names);
  size_t rows = names.empty() ? 0 : py::len(columns[0]);
  std::vector<py::list> lists;
  for (py::handle column : columns) lists.push_back(py::reinterpret_borrow<py::list>(column));
  std::vector<std::string> cells(names.size());
  std::vector<std::string_view> views(names.size());
  for (size_t row = 0; row < rows; ++row) {
    for (size_t column = 0; column < names.size(); ++column) {
      py::handle cell = lists[column][row];
      cells[column] = cell.is_none() ? std::string() : cell.cast<std::string>();
      views[column] = cells[column];
    }
    table.AddRow(views, static_cast<int64_t>(row + 1));
  }
  return table;
}

// A mapping file, or the mapping itself as a dict.
TableMapping MappingFrom(const py::object& mapping) {
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<TableMapping> parsed;
  if (py::isinstance<py::dict>(mapping)) {
    std::string text = py::module_::import("json").attr("dumps")(mapping).cast<std::string>();
    parsed = TableMapping::LoadString(text, "<mapping>", &diagnostics);
  } else {
    std::filesystem::path path = py::cast<std::filesystem::path>(mapping);
    parsed = TableMapping::LoadFile(path, &diagnostics);
  }
  if (!parsed.ok()) ThrowStatus(parsed.status(), &diagnostics);
  return *std::move(parsed);
}

// Curator decisions: a same-as file, or a dict of name or id → entity id.
absl::flat_hash_map<std::string, std::string> SameAsFrom(const py::object& same_as) {
  absl::flat_hash_map<std::string, std::string> decisions;
  if (same_as.is_none()) return decisions;
  if (py::isinstance<py::dict>(same_as)) {
    for (auto [key, value] : same_as.cast<py::dict>()) decisions[key.cast<std::string>()] = value.cast<std::string>();
    return decisions;
  }
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> read =
      LoadSameAsFile(py::cast<std::filesystem::path>(same_as), &diagnostics);
  if (!read.ok()) ThrowStatus(read.status(), &diagnostics);
  return *std::move(read);
}

ImportOptions Options(bool skip_bad_rows, const py::object& same_as) {
  ImportOptions options;
  options.skip_bad_rows = skip_bad_rows;
  options.same_as = SameAsFrom(same_as);
  return options;
}

std::string ReportRepr(const ImportReport& report) {
  return "<ImportReport: " + std::to_string(report.rows_imported) + " of " + std::to_string(report.rows) +
         " rows imported, " + std::to_string(report.rows_skipped) + " skipped; " +
         std::to_string(report.entities_created) + " entities created, " + std::to_string(report.entities_matched) +
         " matched; " + std::to_string(report.statements_added) + " statements added, " +
         std::to_string(report.statements_unchanged) + " unchanged>";
}

// A reconciliation candidate, for Python.
struct CandidateValue {
  EntityRef entity;
  std::string how;
  std::string matched;
  double score;
};

struct RowReconciliationValue {
  size_t row;
  int64_t line;
  std::string entity;
  std::string text;
  std::optional<std::string> id;
  std::string outcome;
  std::vector<CandidateValue> candidates;
};

}  // namespace

void RegisterImport(py::module_& m) {
  py::class_<ImportReport>(m, "ImportReport", R"doc(
What an import did: rows read, imported and skipped, entities created and matched, statements
added and found unchanged, sources added, missing cells; for Wikidata, the unmapped properties
and the deprecated claims left out.

Examples
--------
>>> g = aikg.load("datasets/china-ai-2025-09.json")
>>> report = g.import_table("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
>>> report.rows, report.rows_skipped, report.statements_added
(30, 0, 331)
)doc")
      .def_readonly("rows", &ImportReport::rows, "Rows (or Wikidata items) read.")
      .def_readonly("rows_imported", &ImportReport::rows_imported, "Rows that went into the graph.")
      .def_readonly("rows_skipped", &ImportReport::rows_skipped, "Rows left out (skip_bad_rows=True).")
      .def_readonly("entities_created", &ImportReport::entities_created)
      .def_readonly("entities_matched", &ImportReport::entities_matched,
                    "Distinct existing entities that rows were linked to.")
      .def_readonly("statements_added", &ImportReport::statements_added)
      .def_readonly("statements_unchanged", &ImportReport::statements_unchanged,
                    "Statements already in the graph with the same id and content (a re-import).")
      .def_readonly("sources_added", &ImportReport::sources_added)
      .def_readonly("cells_missing", &ImportReport::cells_missing,
                    "Empty or missing-marked cells ('Unknown'): no statement was made of them.")
      .def_readonly("deprecated_claims", &ImportReport::deprecated_claims)
      .def_property_readonly(
          "unresolved_items", [](const ImportReport& report) { return report.unresolved_items; },
          "Wikidata items that claims point to but that are neither in the input nor in the graph → how "
          "many claims were left out for each.")
      .def_property_readonly(
          "unmapped_properties", [](const ImportReport& report) { return report.unmapped_properties; },
          "Wikidata properties without a mapping → how many claims used them.")
      .def_property_readonly(
          "skipped",
          [](const ImportReport& report) {
            py::list diagnostics;
            for (const Diagnostic& diagnostic : report.skipped) diagnostics.append(DiagnosticToPython(diagnostic));
            return py::typing::List<py::object>(std::move(diagnostics));
          },
          "The problems of the rows left out (list of Diagnostic).")
      .def("__repr__", &ReportRepr);

  py::class_<CandidateValue>(m, "Candidate", "An entity a reference may mean, how it matched and how well.")
      .def_readonly("entity", &CandidateValue::entity)
      .def_readonly("how", &CandidateValue::how, "'id', 'identifier', 'name', 'alias' or 'fuzzy'.")
      .def_readonly("matched", &CandidateValue::matched, "The id, identifier, name or alias that matched.")
      .def_readonly("score", &CandidateValue::score, "1 for exact matches, below 1 for near names.")
      .def("__repr__", [](const CandidateValue& candidate) {
        ReadLock lock(*candidate.entity.owner);
        return "<Candidate " + std::string(candidate.entity.get().id()) + " (" + candidate.how + " '" +
               candidate.matched + "', " + std::to_string(candidate.score).substr(0, 4) + ")>";
      });

  py::class_<RowReconciliationValue>(m, "RowReconciliation", R"doc(
What importing one row would link one of its entity references to (``Graph.reconcile``).

Attributes
----------
row : int
    0-based row of the table.
line : int
    The row's line in the CSV file (1-based row number for a DataFrame or Arrow table).
entity : str
    The mapping's entity rule ("model", "organization").
text : str
    What the row says: the name, or without one the id.
id : str or None
    The matched entity's id, or the id a new entity would get.
outcome : str
    'matched', 'new', 'ambiguous' or 'unknown' (a find-only rule that finds nothing).
candidates : list of Candidate
    The matched entity, the ambiguous candidates, or near names proposed for a new one.
)doc")
      .def_readonly("row", &RowReconciliationValue::row)
      .def_readonly("line", &RowReconciliationValue::line)
      .def_readonly("entity", &RowReconciliationValue::entity)
      .def_readonly("text", &RowReconciliationValue::text)
      .def_readonly("id", &RowReconciliationValue::id)
      .def_readonly("outcome", &RowReconciliationValue::outcome)
      .def_readonly("candidates", &RowReconciliationValue::candidates)
      .def("__repr__", [](const RowReconciliationValue& row) {
        return "<RowReconciliation line " + std::to_string(row.line) + " " + row.entity + " '" + row.text + "': " +
               row.outcome + (row.id ? " " + *row.id : "") + ">";
      });

  py::class_<GraphHandle, ViewHandle, std::shared_ptr<GraphHandle>> graph =
      py::reinterpret_borrow<py::class_<GraphHandle, ViewHandle, std::shared_ptr<GraphHandle>>>(m.attr("Graph"));
  graph.def(
      "import_table",
      [](GraphHandle& self, const py::object& source, const py::object& mapping, bool skip_bad_rows,
         const py::object& same_as) {
        TableMapping parsed = MappingFrom(mapping);
        ImportOptions options = Options(skip_bad_rows, same_as);
        std::vector<Diagnostic> diagnostics;
        absl::StatusOr<Table> table = TableFrom(source, parsed.csv(), diagnostics);
        if (!table.ok()) ThrowStatus(table.status(), &diagnostics);
        ImportReport report;
        Write(self, [&](Graph& graph, std::vector<Diagnostic>& problems) {
          absl::StatusOr<ImportReport> imported = ImportTable(graph, *table, parsed, options, &problems);
          if (imported.ok()) report = *std::move(imported);
          return imported.status();
        });
        return report;
      },
      py::arg("source"), py::arg("mapping"), py::kw_only(), py::arg("skip_bad_rows") = false,
      py::arg("same_as") = py::none(), R"doc(
Imports a table through a mapping (docs/import.md), as one batch.

Parameters
----------
source : str, os.PathLike, pandas.DataFrame or pyarrow.Table
    A CSV file (read in the dialect the mapping's ``csv`` member gives), or a table in memory,
    read as the same table saved as CSV would be.
mapping : str, os.PathLike or dict
    A mapping file, or the mapping itself.
skip_bad_rows : bool
    Leave out the rows with problems (listed in the report's ``skipped``) instead of failing.
same_as : dict or str or os.PathLike, optional
    Curator decisions: a name or id as the table gives it → the id of the entity it means; or
    a same-as file.

Returns
-------
ImportReport

Raises
------
ValidationError
    When the mapping is malformed, names what the schema lacks or a column the table lacks, or
    (without skip_bad_rows) a row has a problem; ``diagnostics`` locate each problem by file,
    line, column name and the place in the mapping. The graph is then unchanged.

Examples
--------
>>> g = aikg.load("datasets/china-ai-2025-09.json")
>>> g.import_table("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
<ImportReport: 30 of 30 rows imported, 0 skipped; 40 entities created, 14 matched; 331 statements added, 0 unchanged>
>>> [(str(p.statement.valid), p.quantity.amount) for p in g.series("DeepSeek-V3", "training_compute")]
[('2024-12-26', 3.4e+24)]
)doc");
  graph.def(
      "reconcile",
      [](GraphHandle& self, const py::object& source, const py::object& mapping) {
        TableMapping parsed = MappingFrom(mapping);
        std::vector<Diagnostic> diagnostics;
        absl::StatusOr<Table> table = TableFrom(source, parsed.csv(), diagnostics);
        if (!table.ok()) ThrowStatus(table.status(), &diagnostics);
        absl::StatusOr<std::vector<RowReconciliation>> rows;
        {
          ReadLock lock(*self.owner());
          py::gil_scoped_release nogil;
          rows = ReconcileTable(self.graph(), *table, parsed, &diagnostics);
        }
        if (!rows.ok()) ThrowStatus(rows.status(), &diagnostics);
        std::vector<RowReconciliationValue> values;
        for (const RowReconciliation& row : *rows) {
          RowReconciliationValue value{row.row, row.line, row.entity, row.text, std::nullopt,
                                       std::string(ReconciliationName(row.outcome)), {}};
          if (!row.id.empty()) value.id = row.id;
          for (const Candidate& candidate : row.candidates) {
            value.candidates.push_back({EntityRef{self.owner(), candidate.entity.index()},
                                        std::string(ResolvedByName(candidate.how)), candidate.matched,
                                        candidate.score});
          }
          values.push_back(std::move(value));
        }
        return values;
      },
      py::arg("source"), py::arg("mapping"), R"doc(
What importing `source` through `mapping` would link each row's entity references to, without
changing the graph: matched (with how), new (with near names proposed), ambiguous (with the
candidates) or unknown. Decisions go back to ``import_table(..., same_as=...)``.

Returns
-------
list of RowReconciliation

Examples
--------
>>> g = aikg.load("datasets/china-ai-2025-09.json")
>>> rows = g.reconcile("tests/data/import/epoch-layout-a.csv", "datasets/mappings/epoch-notable-models.json")
>>> sorted({(r.text, r.id, r.candidates[0].how) for r in rows if r.text == "Alibaba Group"})
[('Alibaba Group', 'org/alibaba', 'alias')]
)doc");
  graph.def(
      "merged",
      [](const GraphHandle& self, const py::object& same_as) {
        absl::flat_hash_map<std::string, std::string> decisions = SameAsFrom(same_as);
        std::vector<Diagnostic> diagnostics;
        absl::StatusOr<Graph> merged;
        {
          ReadLock lock(*self.owner());
          py::gil_scoped_release nogil;
          merged = MergeEntities(self.graph(), decisions, &diagnostics);
        }
        if (!merged.ok()) ThrowStatus(merged.status(), &diagnostics);
        return std::make_shared<GraphHandle>(std::make_shared<SharedGraph>(*std::move(merged)));
      },
      py::arg("same_as"), R"doc(
A new graph in which the entities a curator decided are the same are merged (docs/import.md).

Parameters
----------
same_as : dict or str or os.PathLike
    An id, identifier, name or alias → the entity it is merged into; or a same-as file.

Returns
-------
Graph
    Statements about or pointing to a merged entity are re-pointed and keep their ids and
    sources; the merged entity's names become aliases of the kept one. This graph is unchanged.

Raises
------
ValidationError
    When a name names no entity or several, the types are unrelated, or decisions form a cycle.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> merged = g.merged({"DeepSeek": "org/alibaba"})
>>> merged.entity_count, merged.entity("深度求索").id, g.entity("深度求索").id
(6, 'org/alibaba', 'org/deepseek')
)doc");
  graph.def(
      "import_wikidata",
      [](GraphHandle& self, const std::filesystem::path& path, const std::filesystem::path& mapping, bool skip_bad_rows,
         const py::object& same_as) {
        std::vector<Diagnostic> diagnostics;
        absl::StatusOr<WikidataMapping> parsed = WikidataMapping::LoadFile(mapping, &diagnostics);
        if (!parsed.ok()) ThrowStatus(parsed.status(), &diagnostics);
        ImportOptions options = Options(skip_bad_rows, same_as);
        ImportReport report;
        Write(self, [&](Graph& graph, std::vector<Diagnostic>& problems) {
          absl::StatusOr<ImportReport> imported = ImportWikidata(graph, path, *parsed, options, &problems);
          if (imported.ok()) report = *std::move(imported);
          return imported.status();
        });
        return report;
      },
      py::arg("path"), py::arg("mapping"), py::kw_only(), py::arg("skip_bad_rows") = false,
      py::arg("same_as") = py::none(), R"doc(
Imports Wikidata entities (a ``wbgetentities`` response or a dump: docs/import-wikidata.md)
through a property mapping, as one batch.

Parameters
----------
path : str or os.PathLike
mapping : str or os.PathLike
    A Wikidata mapping file (datasets/mappings/wikidata.json for the AI-industry ontology).
skip_bad_rows : bool
    Leave out the items with problems instead of failing.
same_as : dict or str or os.PathLike, optional
    Curator decisions, as for ``import_table``.

Returns
-------
ImportReport
    ``unmapped_properties`` counts the claims of properties the mapping does not cover.
)doc");
}

}  // namespace aikg::python
