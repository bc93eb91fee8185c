// bindings/python/interchange_py.cc: files for other tools, and back (View.export, View.tables,
// Graph.import_file).
//
// Every format of aikg/export.h is written by the C++ exporter with the GIL released. Parquet
// is not in C++ (Debian has no Arrow C++): `tables` collects the rows of aikg::WriteTables into
// Arrow's own column layout (a validity bitmap, offsets, values), which aikg._interop wraps in
// pyarrow arrays without a Python object per cell, and pyarrow writes the Parquet files.

#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aikg_py.h"
#include "internal/atomic_file.h"

namespace aikg::python {
namespace {

// ---- Progress ---------------------------------------------------------------------------------

// Calls a Python callable as an export's progress (taking the GIL for each call). An exception
// it raises ends the calls; it is raised once the export is over.
class PythonProgress {
 public:
  explicit PythonProgress(py::object callable) : callable_(std::move(callable)) {}

  void Install(ExportOptions& options) {
    if (callable_.is_none()) return;
    options.progress = [this](size_t done, size_t total) {
      py::gil_scoped_acquire gil;
      if (error_) return;
      try {
        callable_(done, total);
      } catch (py::error_already_set& error) {
        error_.emplace(std::move(error));
      }
    };
  }

  // With the GIL held.
  void RaiseIfFailed() {
    if (error_) throw *std::move(error_);
  }

 private:
  py::object callable_;
  std::optional<py::error_already_set> error_;
};

// ---- Tables in Arrow's layout -----------------------------------------------------------------

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kString:
      return "string";
    case ColumnType::kDouble:
      return "double";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kDate:
      return "date";
  }
  return "string";
}

// Appends bit `index` (0 or 1) to an LSB-first bitmap.
void AppendBit(std::string& bits, int64_t index, bool bit) {
  if (index % 8 == 0) bits.push_back('\0');
  if (bit) bits.back() = static_cast<char>(bits.back() | (1 << (index % 8)));
}

template <typename T>
void AppendRaw(std::string& bytes, T value) {
  char raw[sizeof(T)];
  std::memcpy(raw, &value, sizeof(T));
  bytes.append(raw, sizeof(T));
}

// One column as Arrow lays it out: strings as large_string (64-bit offsets into UTF-8 bytes),
// doubles, booleans as bits, dates as date32 (days since 1970-01-01).
struct ArrowColumn {
  std::string name;
  ColumnType type;
  int64_t length = 0;
  int64_t null_count = 0;
  std::string validity;
  std::string offsets;
  std::string values;

  void Append(const TableCell& cell) {
    bool present = !std::holds_alternative<std::monostate>(cell);
    AppendBit(validity, length, present);
    null_count += present ? 0 : 1;
    switch (type) {
      case ColumnType::kString:
        if (length == 0) AppendRaw<int64_t>(offsets, 0);
        if (present) values.append(std::get<std::string_view>(cell));
        AppendRaw<int64_t>(offsets, static_cast<int64_t>(values.size()));
        break;
      case ColumnType::kDouble:
        AppendRaw<double>(values, present ? std::get<double>(cell) : 0.0);
        break;
      case ColumnType::kBoolean:
        AppendBit(values, length, present && std::get<bool>(cell));
        break;
      case ColumnType::kDate: {
        int64_t days = present ? std::get<absl::CivilDay>(cell) - absl::CivilDay(1970, 1, 1) : 0;
        AppendRaw<int32_t>(values, static_cast<int32_t>(days));
        break;
      }
    }
    ++length;
  }
};

struct ArrowTable {
  std::string name;
  std::vector<ArrowColumn> columns;
};

class ArrowTableSink : public TableSink {
 public:
  absl::Status BeginTable(std::string_view name, absl::Span<const TableColumn> columns) override {
    ArrowTable& table = tables_.emplace_back();
    table.name = std::string(name);
    for (const TableColumn& column : columns) {
      table.columns.push_back(ArrowColumn{std::string(column.name), column.type});
    }
    return absl::OkStatus();
  }

  absl::Status AddRow(absl::Span<const TableCell> row) override {
    std::vector<ArrowColumn>& columns = tables_.back().columns;
    for (size_t i = 0; i < row.size(); ++i) columns[i].Append(row[i]);
    return absl::OkStatus();
  }

  absl::Status EndTable() override { return absl::OkStatus(); }

  std::vector<ArrowTable>& tables() { return tables_; }

 private:
  std::vector<ArrowTable> tables_;
};

py::bytes Bytes(const std::string& bytes) { return py::bytes(bytes.data(), bytes.size()); }

// [(table, [(column, type, length, null_count, validity, offsets or None, values)])]: what
// aikg._interop.tables turns into pyarrow tables.
py::list TableBuffers(const ViewHandle& self, py::object progress) {
  PythonProgress python_progress(std::move(progress));
  ExportOptions options;
  python_progress.Install(options);
  ArrowTableSink sink;
  absl::Status written;
  {
    ReadLock lock(*self.owner());
    std::shared_ptr<const View> view = self.ResolveOrThrow();
    py::gil_scoped_release nogil;
    written = WriteTables(*view, sink, options);
  }
  python_progress.RaiseIfFailed();
  ThrowIfError(written);
  py::list tables;
  for (ArrowTable& table : sink.tables()) {
    py::list columns;
    for (ArrowColumn& column : table.columns) {
      py::object offsets = column.type == ColumnType::kString ? py::object(Bytes(column.offsets)) : py::none();
      columns.append(py::make_tuple(column.name, ColumnTypeName(column.type), column.length, column.null_count,
                                    Bytes(column.validity), offsets, Bytes(column.values)));
      column = ArrowColumn{};  // frees the buffers as they are copied
    }
    tables.append(py::make_tuple(table.name, columns));
  }
  return tables;
}

// ---- Files ------------------------------------------------------------------------------------

void ExportFile(const ViewHandle& self, const std::filesystem::path& path, const std::string& format_name,
                bool links, const std::string& group_by, const std::string& title, const std::string& layout,
                std::optional<std::string> base_iri, bool spreadsheet_safe, py::object progress) {
  if (path.empty()) ThrowValidationError("the output path is empty");
  if (format_name == "parquet") {
    CallHelper("_interop", "write_parquet", py::make_tuple(py::cast(self), path),
               py::dict(py::arg("progress") = progress));
    return;
  }
  absl::StatusOr<ExportFormat> format = ParseExportFormat(format_name);
  if (!format.ok()) ThrowValidationError(std::string(format.status().message()) + ", parquet");
  ExportOptions options;
  options.node_link_links_key = links;
  options.csv_spreadsheet_safe = spreadsheet_safe;
  if (base_iri) {
    absl::Status base = CheckBaseIri(*base_iri);
    if (!base.ok()) ThrowValidationError(std::string(base.message()));
    options.base_iri = *base_iri;
  }
  if (group_by == "modality") {
    options.timeline_group = TimelineGroup::kModality;
  } else if (group_by != "predicate") {
    ThrowValidationError("group_by is 'predicate' or 'modality', not '" + group_by + "'");
  }
  options.html_title = title;
  if (layout == "radial") {
    options.explorer_layout = ExplorerLayout::kRadial;
  } else if (layout != "auto") {
    ThrowValidationError("layout is 'auto' or 'radial', not '" + layout + "'");
  }
  PythonProgress python_progress(std::move(progress));
  python_progress.Install(options);
  absl::Status written;
  {
    ReadLock lock(*self.owner());
    std::shared_ptr<const View> view = self.ResolveOrThrow();
    py::gil_scoped_release nogil;
    written = Export(*view, *format, path, options);
  }
  python_progress.RaiseIfFailed();
  ThrowIfError(written);
}

}  // namespace

void RegisterInterchange(py::module_& m) {
  // The output directory of the exports written in Python (Parquet, through pyarrow): the same
  // rules as the CSV export's, from the same code (docs/reliability.md, "Output paths").
  py::class_<internal::AtomicDirectory>(m, "_AtomicDirectory", R"doc(
A directory of outputs replaced as one: write the files into ``path``, then ``commit()`` swaps it
in; leaving the ``with`` block without committing removes it. An existing target may hold only the
``owned`` files (relative paths).
)doc")
      .def(py::init([](const std::filesystem::path& target, std::vector<std::string> owned) {
             absl::StatusOr<internal::AtomicDirectory> directory =
                 internal::AtomicDirectory::Create(target, std::move(owned));
             if (!directory.ok()) ThrowStatus(directory.status());
             return std::move(*directory);
           }),
           py::arg("target"), py::arg("owned"))
      .def_property_readonly("path", &internal::AtomicDirectory::path, "Where to write the files.")
      .def(
          "commit",
          [](internal::AtomicDirectory& self) {
            absl::Status status;
            {
              py::gil_scoped_release nogil;
              status = self.Commit();
            }
            if (!status.ok()) ThrowStatus(status);
          },
          "Swaps the written directory in.")
      .def(
          "__enter__", [](internal::AtomicDirectory& self) -> internal::AtomicDirectory& { return self; },
          py::return_value_policy::reference_internal)
      .def("__exit__", [](internal::AtomicDirectory& self, const py::object&, const py::object&,
                          const py::object&) { self.Discard(); });


  ViewClass view_class = GetViewClass(m);
  view_class
      .def("export", &ExportFile, py::arg("path"), py::kw_only(), py::arg("format"), py::arg("links") = false,
           py::arg("group_by") = "predicate", py::arg("title") = "", py::arg("layout") = "auto",
           py::arg("base_iri") = py::none(), py::arg("spreadsheet_safe") = false, py::arg("progress") = py::none(),
           R"doc(
Writes the view to `path` in another tool's format (docs/export.md), atomically.

Parameters
----------
path : str or os.PathLike
    The file to write; for "csv" and "parquet", a directory (created when missing) that gets
    ``entities``, ``statements`` and ``sources`` tables.
format : str
    "node-link" (networkx), "jgf" (JSON Graph Format v2), "cytoscape" (Cytoscape.js), "graphml",
    "gexf" (Gephi, with valid-time spells), "dot" (Graphviz), "timelinejs", "csv", "parquet"
    (pyarrow; the same tables as "csv", typed), "html" (a browsable page that works offline,
    docs/explorer.md), or RDF for triple stores and SPARQL: "turtle", "ntriples", "nquads" or
    "jsonld" (docs/rdf.md).
links : bool
    node-link: name the edge list "links" (networkx before 3.4) instead of "edges".
group_by : {"predicate", "modality"}
    timelinejs: what groups the events.
title : str
    html: the page's title (default: the schema's name).
layout : {"auto", "radial"}
    html: how the neighbourhood drawings are laid out: "auto" uses Graphviz ``dot`` when it is
    installed and the view is small enough, "radial" the library's own layout.
base_iri : str, optional
    RDF formats: the IRI that ids become IRIs under (absolute, ending with "/" or "#"); by
    default ``https://aikg.invalid/graph/``.
spreadsheet_safe : bool
    csv: prefix with an apostrophe the texts that start with "=", "+", "-", "@", a tab or a
    carriage return, so that a spreadsheet shows them instead of running them as formulas.
progress : callable, optional
    Called as ``progress(done, total)`` with the entities and statements written so far, every
    100 000 and once at the end.

Raises
------
ValidationError
    For an empty path, an unknown format, group_by or layout, or a bad base_iri.
Error
    When the output cannot be written (nothing partial is left behind); for "html", when the
    view is larger than the page takes (narrow it with ``as_of``, ``view`` or ``ego``).

Examples
--------
>>> import json, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "tiny.json"
>>> aikg.datasets.load("tiny").view(predicates=["develops"]).export(out, format="node-link")
>>> [edge["key"] for edge in json.loads(out.read_text())["edges"]]
['st/1', 'st/6', 'st/12']
>>> aikg.datasets.load("tiny").export(out.with_suffix(".ttl"), format="turtle", base_iri="https://example.org/ai/")
>>> "<https://example.org/ai/entity/org/nvidia> direct:develops" in out.with_suffix(".ttl").read_text()
True
)doc")
      .def("_table_buffers", &TableBuffers, py::kw_only(), py::arg("progress") = py::none(),
           "The view's tables in Arrow's column layout, for aikg._interop.tables.")
      .def(
          "tables",
          [](py::object self, py::object progress) {
            return CallHelper("_interop", "tables", py::make_tuple(self), py::dict(py::arg("progress") = progress));
          },
          py::kw_only(), py::arg("progress") = py::none(), R"doc(
The view as three pyarrow Tables, ``{"entities": …, "statements": …, "sources": …}``: the rows
and columns of the CSV export (docs/export.md), typed: texts are strings, ``valid_start`` and
``valid_end`` dates, ``amount``, ``lower``, ``upper`` and ``confidence`` doubles, ``boolean``
booleans; lists and objects (``sources``, ``qualifiers``...) are JSON text.

Examples
--------
>>> t = aikg.datasets.load("tiny").tables()
>>> t["statements"].num_rows, str(t["statements"].schema.field("valid_start").type)
(14, 'date32[day]')
)doc");
}

}  // namespace aikg::python
