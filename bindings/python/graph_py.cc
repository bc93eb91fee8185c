// bindings/python/graph_py.cc: Graph (loading, saving, the schema, the summary) and aikg.load.

#include <pybind11/stl/filesystem.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

using GraphClass = py::class_<GraphHandle, ViewHandle, std::shared_ptr<GraphHandle>>;

using PathArgs = py::Args<std::filesystem::path>;

// FileNotFoundError for a file that does not exist (rather than a ValidationError "cannot read
// the file"), as Python's own file functions do.
void CheckExists(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    PyErr_SetObject(PyExc_FileNotFoundError, py::make_tuple(ENOENT, std::strerror(ENOENT), path.string()).ptr());
    throw py::error_already_set();
  }
}

// The files of `*paths`, each checked to exist.
std::vector<std::filesystem::path> Paths(const PathArgs& args) {
  std::vector<std::filesystem::path> paths;
  for (py::handle arg : args) {
    paths.push_back(py::cast<std::filesystem::path>(arg));
    CheckExists(paths.back());
  }
  return paths;
}

void LoadFiles(GraphHandle& self, const PathArgs& args) {
  std::vector<std::filesystem::path> paths = Paths(args);
  Write(self, [&paths](Graph& graph, std::vector<Diagnostic>& diagnostics) {
    return LoadGraphFiles(graph, paths, &diagnostics);
  });
}

std::shared_ptr<GraphHandle> NewGraph(const std::optional<std::filesystem::path>& schema_path) {
  if (!schema_path) return std::make_shared<GraphHandle>(std::make_shared<SharedGraph>());
  std::vector<Diagnostic> diagnostics;
  absl::StatusOr<Schema> schema;
  {
    py::gil_scoped_release nogil;
    schema = Schema::LoadFile(*schema_path, &diagnostics);
  }
  if (!schema.ok()) ThrowStatus(schema.status(), &diagnostics);
  Graph graph(std::make_shared<const Schema>(*std::move(schema)));
  return std::make_shared<GraphHandle>(std::make_shared<SharedGraph>(std::move(graph)));
}

template <typename Map>
py::dict CountsToDict(const Map& counts) {
  py::dict dict;
  for (const auto& [name, count] : counts) dict[py::str(name)] = count;
  return dict;
}

std::string GraphRepr(const GraphHandle& self) {
  ReadLock lock(*self.owner());
  const Graph& graph = self.graph();
  std::string schema = graph.schema() ? " '" + graph.schema()->name() + "'" : "";
  return "<aikg.Graph" + schema + ": " + std::to_string(graph.entity_count()) + " entities, " +
         std::to_string(graph.statement_count()) + " statements, " + std::to_string(graph.source_count()) +
         " sources>";
}

}  // namespace

void RegisterGraph(py::module_& m) {
  GraphClass(m, "Graph", R"doc(
A typed, sourced, time-aware graph of claims.

Entities are the nodes; statements linking two entities are its edges (parallel edges are
normal: the same relation read in two sources is two statements); value statements hang off
their subject. A Graph is also the View of everything it holds, so it has the whole reading
API of View (lookups, neighbours, paths, algorithms, queries, exports).

Parameters
----------
schema : str or os.PathLike, optional
    A schema file to type the graph by; without one, the first load sets it.

Notes
-----
Loads, saves, queries and algorithms release the GIL. Several threads may read a graph at
once; a load waits for the readers, and they for it.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g
<aikg.Graph 'tiny': 7 entities, 14 statements, 2 sources>
>>> g.entity_count, g.statement_count, g.edge_count, g.source_count
(7, 14, 7, 2)
)doc")
      .def(py::init(&NewGraph), py::arg("schema") = py::none())
      .def("load", &LoadFiles, R"doc(
Loads graph files into this graph, all as one batch.

Every problem of every file is reported at once, and if there is any, the graph is left as it
was. Files that define the same id identically merge; different definitions clash. When the
graph has no schema yet, the schema named by the first file is loaded.

Parameters
----------
*paths : str or os.PathLike
    Graph files (docs/json-format.md), or one binary snapshot (``.aikgb``, docs/snapshot.md)
    alone, into an empty graph.

Raises
------
FileNotFoundError
    When a file does not exist.
ValidationError
    When a file breaks the format or the schema; ``diagnostics`` lists every problem with
    its file, line, column and JSON pointer.

Examples
--------
>>> g = aikg.Graph()
>>> g.load(aikg.datasets.path("tiny"))
>>> g.entity_count
7
)doc")
      .def(
          "load_string",
          [](GraphHandle& self, const std::string& text, const std::string& file_name,
             const std::filesystem::path& base_dir) {
            Write(self, [&](Graph& graph, std::vector<Diagnostic>& diagnostics) {
              return LoadJsonString(graph, text, file_name, base_dir, &diagnostics);
            });
          },
          py::arg("text"), py::kw_only(), py::arg("file_name") = "<string>", py::arg("base_dir") = ".", R"doc(
Loads one graph document held in a string, as ``load`` does a file.

Parameters
----------
text : str
    The JSON document.
file_name : str
    The name diagnostics give the document.
base_dir : str or os.PathLike
    Where the document's schema path is resolved from.
)doc")
      .def(
          "import_file",
          [](GraphHandle& self, const std::filesystem::path& path, const std::string& format) {
            CheckExists(path);
            if (format != "node-link" && format != "jgf" && format != "turtle" && format != "ntriples") {
              ThrowValidationError("import_file reads 'node-link', 'jgf', 'turtle' or 'ntriples', not '" + format +
                                   "'");
            }
            Write(self, [&](Graph& graph, std::vector<Diagnostic>& diagnostics) {
              if (format == "turtle" || format == "ntriples") return ImportRdf(graph, path, &diagnostics);
              return format == "jgf" ? ImportJsonGraph(graph, path, &diagnostics)
                                     : ImportNodeLink(graph, path, &diagnostics);
            });
          },
          py::arg("path"), py::kw_only(), py::arg("format"), R"doc(
Reads back a file that ``View.export`` wrote as "node-link", "jgf", "turtle" or "ntriples",
losslessly, as one batch (all or nothing, like ``load``).

The graph must have the schema the file names: make it with ``Graph(schema=...)``.

Parameters
----------
path : str or os.PathLike
format : {"node-link", "jgf", "turtle", "ntriples"}

Raises
------
FileNotFoundError
    When the file does not exist.
ValidationError
    When the file is not what the exporter writes; ``diagnostics`` give the file, line,
    column and (for JSON) JSON pointer of every problem.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "tiny.jgf.json"
>>> aikg.datasets.load("tiny").export(out, format="jgf")
>>> copy = aikg.Graph(schema="tests/data/tiny.schema.json")
>>> copy.import_file(out, format="jgf")
>>> copy.statement_count
14
)doc")
      .def(
          "save",
          [](const GraphHandle& self, const std::filesystem::path& path) {
            if (path.empty()) ThrowValidationError("the output path is empty");
            absl::Status status;
            {
              py::gil_scoped_release nogil;
              std::shared_lock<std::shared_mutex> lock(self.owner()->mutex());
              status = SaveGraphFile(self.graph(), path);
            }
            ThrowIfError(status);
          },
          py::arg("path"), R"doc(
Writes the graph to `path`, atomically (a temporary file renamed over the target): as a binary
snapshot when `path` ends in ``.aikgb`` (docs/snapshot.md: it reloads many times faster than
JSON), else in the canonical JSON layout. save → load → save gives byte-identical files.

Raises
------
Error
    When the file cannot be written, or the graph has no schema file to refer to.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.aikgb"
>>> aikg.datasets.load("tiny").save(path)
>>> aikg.load(path).statement_count
14
)doc")
      .def(
          "to_json",
          [](const GraphHandle& self, const std::filesystem::path& base_dir) {
            absl::StatusOr<std::string> json;
            {
              py::gil_scoped_release nogil;
              std::shared_lock<std::shared_mutex> lock(self.owner()->mutex());
              json = ToJsonString(self.graph(), base_dir);
            }
            if (!json.ok()) ThrowStatus(json.status());
            return *std::move(json);
          },
          py::arg("base_dir") = ".", R"doc(
The canonical JSON text of the graph; its schema path is written relative to `base_dir`.
)doc")
      .def_property_readonly(
          "schema",
          [](const GraphHandle& self) -> std::optional<SchemaHandle> {
            ReadLock lock(*self.owner());
            std::shared_ptr<const Schema> schema = self.graph().shared_schema();
            if (schema == nullptr) return std::nullopt;
            return SchemaHandle{std::move(schema)};
          },
          "The schema the graph is typed by (a Schema), or None before the first load.")
      .def(
          "summary",
          [](const GraphHandle& self) {
            GraphSummary summary;
            {
              ReadLock lock(*self.owner());
              py::gil_scoped_release nogil;
              summary = Summarize(self.graph());
            }
            py::typing::Dict<py::str, py::object> result;
            result["entities"] = summary.entities;
            result["statements"] = summary.statements;
            result["sources"] = summary.sources;
            result["edges"] = summary.edges;
            result["entities_by_type"] = CountsToDict(summary.entities_by_type);
            result["statements_by_predicate"] = CountsToDict(summary.statements_by_predicate);
            result["statements_by_modality"] = CountsToDict(summary.statements_by_modality);
            result["sources_by_kind"] = CountsToDict(summary.sources_by_kind);
            result["valid_start"] = summary.valid_start ? py::object(DayToPython(*summary.valid_start)) : py::none();
            result["valid_end"] = summary.valid_end ? py::object(DayToPython(*summary.valid_end)) : py::none();
            return result;
          },
          R"doc(
What the graph holds, in numbers.

Returns
-------
dict
    ``entities``, ``statements``, ``sources``, ``edges`` (counts);
    ``entities_by_type``, ``statements_by_predicate``, ``statements_by_modality``,
    ``sources_by_kind`` (name → count); ``valid_start``, ``valid_end`` (datetime.date: the
    span the statements' valid times cover, or None).

Examples
--------
>>> s = aikg.datasets.load("tiny").summary()
>>> s["statements"], s["entities_by_type"]["Company"], s["valid_start"], s["valid_end"]
(14, 3, datetime.date(2022, 1, 1), datetime.date(2025, 12, 31))
)doc")
      .def("__repr__", &GraphRepr)
      .def("_repr_html_", ReprHtml("graph_html"));

  m.def(
      "load",
      [](const PathArgs& paths) {
        std::shared_ptr<GraphHandle> graph = NewGraph(std::nullopt);
        LoadFiles(*graph, paths);
        return graph;
      },
      R"doc(
Loads graph files into a new Graph, as one batch (see ``Graph.load``).

Parameters
----------
*paths : str or os.PathLike
    Graph files (docs/json-format.md), or one binary snapshot (``.aikgb``, docs/snapshot.md)
    alone; the schema is the one the first file names.

Returns
-------
Graph

Raises
------
FileNotFoundError
    When a file does not exist.
ValidationError
    When a file breaks the format or the schema, with every problem in ``diagnostics``.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.entity("DeepSeek").id
'org/deepseek'
)doc");
}

}  // namespace aikg::python
