// bindings/python/export_py.cc: a view as records, networkx graphs and pandas frames.
//
// The records are built here, the frame's columns in statement_columns.cc; the pure-Python
// module aikg._interop turns them into networkx or pandas objects, importing those packages
// only when asked.

#include <optional>
#include <string>
#include <string_view>

#include "aikg_py.h"

namespace aikg::python {
namespace {

constexpr const char* kEntityFields[] = {"id", "type", "name", "description", "aliases"};

// The columns of statements_frame, in order, named once: the keys of StatementRecord and the
// columns of StatementColumns (statement_columns.cc) are checked against them, and aikg._interop reads them as
// _aikg._STATEMENT_COLUMNS.
constexpr std::string_view kStatementColumns[] = {
    "id",     "subject", "predicate", "kind",  "object", "value",       "amount",    "unit",          "bound",
    "lower",  "upper",   "text",      "lang",  "date",   "boolean",     "valid",     "valid_start",   "valid_end",
    "valid_precision",   "period",    "modality",        "sources",     "locators",  "confidence",    "qualifiers",
};

// Raises (a programming error) unless `names` are kStatementColumns, in order.
void CheckStatementColumns(const py::list& names, const char* what) {
  size_t i = 0;
  for (py::handle name : names) {
    if (i >= std::size(kStatementColumns) || name.cast<std::string>() != kStatementColumns[i]) break;
    ++i;
  }
  if (i != std::size(kStatementColumns) || static_cast<size_t>(py::len(names)) != i) {
    py::pybind11_fail(std::string(what) + " disagree with kStatementColumns at column " + std::to_string(i));
  }
}

py::object Text(std::string_view text) { return py::str(text.data(), text.size()); }
py::object TextOrNone(std::string_view text) { return text.empty() ? py::object(py::none()) : Text(text); }
py::object TimeOrNone(const TimePoint& point) {
  return point.is_set() ? py::object(py::str(point.ToString())) : py::object(py::none());
}

py::dict EntityRecord(const Entity& entity) {
  py::dict record;
  record["id"] = Text(entity.id());
  record["type"] = Text(entity.type_name());
  record["name"] = Text(entity.name());
  record["description"] = TextOrNone(entity.description());
  py::list aliases;
  for (const Alias& alias : entity.aliases()) aliases.append(Text(alias.name));
  record["aliases"] = aliases;
  for (const Attribute& attribute : entity.attributes()) {
    std::string key(attribute.name);
    for (const char* field : kEntityFields) {
      if (key == field) key = "attribute:" + key;  // never hide a core field
    }
    const auto* time = std::get_if<TimePoint>(&attribute.value);
    record[py::str(key)] = time != nullptr ? py::object(py::str(time->ToString())) : AttributeToPython(attribute.value);
  }
  return record;
}

}  // namespace

py::dict StatementRecord(const Graph& graph, const Statement& statement) {
  py::dict record;
  record["id"] = Text(statement.id());
  record["subject"] = Text(statement.subject().id());
  record["predicate"] = Text(statement.predicate_name());
  record["kind"] = Text(RangeKindName(statement.kind()));
  std::optional<Entity> object = statement.object();
  record["object"] = object ? Text(object->id()) : py::none();
  // What the statement says, for people: the object's id, or the value ("≥ 97 million users").
  record["value"] = object ? Text(object->id()) : py::str(query::ToText(query::Value{query::ValueOf{statement}}));
  std::optional<Quantity> quantity = statement.quantity();
  record["amount"] = quantity ? py::object(py::float_(quantity->amount)) : py::none();
  record["unit"] = quantity ? Text(quantity->unit) : py::none();
  record["bound"] = quantity ? Text(BoundName(quantity->bound)) : py::none();
  record["lower"] = quantity && quantity->lower ? py::object(py::float_(*quantity->lower)) : py::none();
  record["upper"] = quantity && quantity->upper ? py::object(py::float_(*quantity->upper)) : py::none();
  std::optional<aikg::Text> text = statement.text();
  record["text"] = text ? Text(text->text) : py::none();
  record["lang"] = text ? TextOrNone(text->lang) : py::none();
  std::optional<TimePoint> date = statement.date();
  record["date"] = date ? TimeOrNone(*date) : py::none();
  std::optional<bool> boolean = statement.boolean();
  record["boolean"] = boolean ? py::object(py::bool_(*boolean)) : py::none();
  ValidTime valid = statement.valid();
  record["valid"] = valid.is_set() ? py::object(py::str(valid.ToString())) : py::none();
  std::optional<absl::CivilDay> start = valid.start_day(), end = valid.end_day();
  record["valid_start"] = start ? py::object(DayToPython(*start)) : py::none();
  record["valid_end"] = end ? py::object(DayToPython(*end)) : py::none();
  record["valid_precision"] = valid.is_set() ? Text(PrecisionName(valid.precision())) : py::none();
  record["period"] = TimeOrNone(statement.period());
  record["modality"] = Text(ModalityName(statement.modality()));
  py::list sources, locators;
  for (const Citation& citation : statement.citations()) {
    sources.append(Text(graph.source(citation.source).id()));
    locators.append(TextOrNone(citation.locator));
  }
  record["sources"] = sources;
  record["locators"] = locators;
  record["confidence"] = statement.confidence() ? py::object(py::float_(*statement.confidence())) : py::none();
  py::dict qualifiers;
  for (const Qualifier& qualifier : statement.qualifiers()) qualifiers[Text(qualifier.key)] = Text(qualifier.value);
  record["qualifiers"] = qualifiers;
  return record;
}

namespace {

using Records = py::typing::List<py::typing::Dict<py::str, py::object>>;

}  // namespace

py::object CallHelper(const char* module_name, const char* name, py::args args, py::kwargs kwargs) {
  py::module_ helpers = py::module_::import((std::string("aikg.") + module_name).c_str());
  return helpers.attr(name)(*args, **kwargs);
}

void RegisterExport(py::module_& m) {
  py::list statement_columns;
  for (std::string_view name : kStatementColumns) statement_columns.append(py::str(name.data(), name.size()));
  m.attr("_STATEMENT_COLUMNS") = py::tuple(statement_columns);
  ViewClass view_class = GetViewClass(m);
  view_class
      .def(
          "_entity_records",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            Records records;
            for (EntityIndex i = 0; i < view->entities().size(); ++i) {
              if (view->Contains(i)) records.append(EntityRecord(self.graph().entity(i)));
            }
            return records;
          },
          "The entities of the view as dicts of plain values (times as text), attributes flattened.")
      .def(
          "_statement_records",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            Records records;
            for (StatementIndex i = 0; i < view->statements().size(); ++i) {
              if (view->ContainsStatement(i)) records.append(StatementRecord(self.graph(), self.graph().statement(i)));
            }
            if (!records.empty()) CheckStatementColumns(py::list(py::object(records[0])), "the records' keys");
            return records;
          },
          "The statements of the view as dicts of plain values, the columns of ``statements_frame``.")
      .def(
          "_statement_columns",
          [](const ViewHandle& self, bool arrow_texts) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            py::list columns = StatementColumns(*self.owner(), *view, arrow_texts);
            py::list names;
            for (py::handle column : columns) names.append(column.cast<py::tuple>()[0]);
            CheckStatementColumns(names, "the frame's columns");
            return columns;
          },
          py::kw_only(), py::arg("arrow_texts") = false,
          "The columns of ``statements_frame`` as (name, column) pairs, in order: a column is a list, a NumPy "
          "array, or with ``arrow_texts`` (length, null count, validity, offsets, data) of an Arrow large_string "
          "array, the last three objects with the buffer protocol (pyarrow Buffers or uint8 NumPy arrays, not "
          "copied; validity None when no value is null), and for ``sources`` and ``locators`` (offsets, such "
          "buffers of the items) of an Arrow large_list<large_string> array.")
      .def(
          "to_networkx",
          [](py::object self, bool values) {
            return CallHelper("_interop", "to_networkx", py::make_tuple(self), py::dict(py::arg("values") = values));
          },
          py::kw_only(), py::arg("values") = true, R"doc(
The view as a networkx.MultiDiGraph (networkx is imported on first use): the node-link export
read by ``networkx.node_link_graph``, so both have one attribute layout (docs/export.md).

Nodes are entity ids, with the entity's ``type``, ``name``, ``description``, ``aliases`` (list
of ``{"name", "lang"}``), ``attributes`` (dict) and ``values`` (its value statements). Edges are
the entity-to-entity statements, keyed by statement id, so parallel statements stay separate
edges; each carries the statement's fields (``predicate``, ``modality``, ``valid``,
``valid_start``, ``valid_end``, ``valid_precision``, ``period``, ``sources``, ``locators``,
``confidence``, ``qualifiers``, ``order``), those not given left out. ``graph.graph`` holds the
schema's name and version and the sources.

Parameters
----------
values : bool
    Also attach each entity's value statements to its node, as a list of statement dicts
    under ``"values"``.

Examples
--------
>>> nxg = aikg.datasets.load("tiny").to_networkx()
>>> sorted(nxg["org/nvidia"]["chip/h100"])
['st/1', 'st/12']
>>> nxg.edges["org/nvidia", "chip/h100", "st/12"]["modality"], nxg.nodes["org/alibaba"]["attributes"]["ticker"]
('claim', 'BABA')
)doc")
      .def(
          "statements_frame",
          [](py::object self) { return CallHelper("_interop", "statements_frame", py::make_tuple(self)); }, R"doc(
The statements of the view as a pandas.DataFrame, one row per statement (edges and values).
``value`` is what each says as people read it (the object's id, "≥ 97 million users"); the
columns after it hold the value's parts for analysis.

Columns: ``id``, ``subject``, ``predicate``, ``kind``, ``object`` (edges), ``value``; ``amount``,
``unit``, ``bound``, ``lower``, ``upper``, ``text``, ``lang``, ``date``, ``boolean`` (values);
``valid`` (the valid time as written), ``valid_start``, ``valid_end`` (its first and last
possible day, datetime64), ``valid_precision``, ``period``, ``modality``, ``sources`` and ``locators`` (lists),
``confidence``, ``qualifiers`` (dict).

Where pandas keeps its strings in Arrow (pandas 3 with pyarrow), ``sources`` and ``locators``
are Arrow lists of texts (``pandas.ArrowDtype(pyarrow.large_list(pyarrow.large_string()))``)
rather than objects: a row still reads as a list of str (None for a source cited without a
locator), but ``map`` and ``apply`` hand their function NumPy arrays.

Examples
--------
>>> df = aikg.datasets.load("tiny").statements_frame()
>>> df.loc[df.id == "st/5", ["subject", "amount", "unit", "bound"]].values.tolist()
[['model/r1', 97000000.0, 'users', 'at_least']]
)doc")
      .def(
          "draw",
          [](py::object self, const std::string& engine, int max_entities) {
            return CallHelper("_plots", "draw", py::make_tuple(self),
                              py::dict(py::arg("engine") = engine, py::arg("max_entities") = max_entities));
          },
          py::kw_only(), py::arg("engine") = "auto", py::arg("max_entities") = 200, R"doc(
A drawing of the view's entities and edge statements that shows inline in a notebook, offline.

Parameters
----------
engine : {"auto", "dot", "builtin"}
    "dot" lays the graph out with Graphviz ``dot`` (which must be on PATH); "builtin" draws a
    circular layout itself, with no dependency; "auto" uses dot when it is there.
max_entities : int
    Refuses (ValidationError) views with more entities: draw a smaller view (``ego``, ``view``).

Returns
-------
aikg.Drawing
    Has ``svg`` (the SVG text), ``_repr_svg_`` and ``_repr_html_``.

Examples
--------
>>> d = aikg.datasets.load("tiny").ego("org/nvidia").draw(engine="builtin")
>>> "Nvidia" in d.svg
True
)doc")
      .def(
          "entities_frame",
          [](py::object self) { return CallHelper("_interop", "entities_frame", py::make_tuple(self)); }, R"doc(
The entities of the view as a pandas.DataFrame: ``id``, ``type``, ``name``, ``description``,
``aliases`` (list of names), then one column per attribute (times as text).

Examples
--------
>>> df = aikg.datasets.load("tiny").entities_frame()
>>> df.set_index("id").loc["org/alibaba", "employees"]
np.float64(204891.0)
)doc");
}

}  // namespace aikg::python
