// bindings/python/query_py.cc: pattern queries (docs/query.md) and their results.
//
// A Result keeps its graph alive. Its rows hold rich values (Entity, Statement, TimePoint,
// Quantity...); its exports (to_pandas, to_arrow, CSV, JSON) hold plain ones (ids, texts,
// numbers).

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "aikg_py.h"

namespace aikg::python {
namespace {

struct ResultHandle {
  GraphPtr owner;
  query::Result result;
};

constexpr size_t kReprRows = 20;

py::object ToPython(const GraphPtr& owner, const query::Value& value) {
  return std::visit(
      [&owner](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return py::none();
        } else if constexpr (std::is_same_v<T, Entity>) {
          return py::cast(EntityRef{owner, v.index()});
        } else if constexpr (std::is_same_v<T, Statement>) {
          return py::cast(StatementRef{owner, v.index()});
        } else if constexpr (std::is_same_v<T, query::ValueOf>) {
          return StatementValueToPython(owner, v.statement);
        } else if constexpr (std::is_same_v<T, query::List>) {
          py::list list;
          for (const query::Value& item : v) list.append(ToPython(owner, item));
          return list;
        } else {
          return py::cast(v);
        }
      },
      value.data);
}

// Ids for entities and statements, texts for times, amounts for quantities.
py::object ToPlain(const query::Value& value) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return py::none();
        } else if constexpr (std::is_same_v<T, Entity> || std::is_same_v<T, Statement>) {
          std::string_view id = v.id();
          return py::str(id.data(), id.size());
        } else if constexpr (std::is_same_v<T, TimePoint>) {
          return py::str(v.ToString());
        } else if constexpr (std::is_same_v<T, query::ValueOf>) {
          const Statement& statement = v.statement;
          if (std::optional<Quantity> quantity = statement.quantity()) return py::float_(quantity->amount);
          if (std::optional<Text> text = statement.text()) return py::str(text->text.data(), text->text.size());
          if (std::optional<TimePoint> date = statement.date()) return py::str(date->ToString());
          if (std::optional<bool> boolean = statement.boolean()) return py::bool_(*boolean);
          return py::none();
        } else if constexpr (std::is_same_v<T, query::List>) {
          py::list list;
          for (const query::Value& item : v) list.append(ToPlain(item));
          return list;
        } else {
          return py::cast(v);
        }
      },
      value.data);
}

query::Value FromPython(py::handle value, const std::string& name) {
  if (value.is_none()) return {};
  if (py::isinstance<py::bool_>(value)) return {value.cast<bool>()};
  if (py::isinstance<py::int_>(value)) {
    int overflow = 0;
    long long number = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow != 0) ThrowValidationError("parameter $" + name + " does not fit in 64 bits");
    return {static_cast<int64_t>(number)};
  }
  if (py::isinstance<py::float_>(value)) return {value.cast<double>()};
  if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
  if (const EntityRef* entity = EntityRefOf(value.ptr())) return {entity->get()};
  if (py::isinstance<StatementRef>(value)) return {value.cast<const StatementRef&>().get()};
  if (std::optional<TimePoint> time = TimeFromPython(value)) return {*time};
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    query::List list;
    for (py::handle item : value) list.push_back(FromPython(item, name));
    return {std::move(list)};
  }
  throw py::type_error("parameter $" + name + ": cannot use a " +
                       std::string(py::str(py::type::handle_of(value).attr("__name__"))) + " in a query");
}

py::tuple RowTuple(const ResultHandle& self, size_t index) {
  const std::vector<query::Value>& row = self.result.rows[index];
  py::tuple tuple(row.size());
  for (size_t i = 0; i < row.size(); ++i) tuple[i] = ToPython(self.owner, row[i]);
  return tuple;
}

std::string ResultRepr(const ResultHandle& self) {
  ReadLock lock(*self.owner);
  if (self.result.rows.size() <= kReprRows) return query::ToTable(self.result);
  query::Result head{self.result.columns, {self.result.rows.begin(), self.result.rows.begin() + kReprRows}};
  std::string table = query::ToTable(head);
  table.erase(table.rfind('('));  // "(20 rows)"
  return table + "... (" + std::to_string(self.result.rows.size()) + " rows)\n";
}

}  // namespace

// Parameter values, as the stubs name them.
using ParameterValue =
    py::typing::Union<py::bool_, py::int_, py::float_, py::str, PyDate, TimePoint, EntityRef, StatementRef,
                      py::typing::List<py::object>, py::typing::Tuple<py::object, py::ellipsis>, py::none>;
using ParameterArgs = py::KWArgs<ParameterValue>;
// Typed loosely (dict is invariant in its values, so a dict of a narrower type would not pass
// a type checker); the values are checked as the keyword arguments are.
using ParameterDict = py::typing::Dict<py::str, py::object>;

// A query limit from Python: a count from 0 to `most`.
template <typename T>
T Checked(T value, const char* name, T most = std::numeric_limits<T>::max()) {
  if (value < 0 || value > most) throw py::value_error(absl::StrCat(name, " takes a count from 0 to ", most, ", not ", value));
  return value;
}

void RegisterQuery(py::module_& m) {
  using Row = py::typing::Tuple<py::object, py::ellipsis>;
  py::class_<ResultHandle>(m, "Result", R"doc(
The rows a query returns. Iterating gives one tuple per row; values are Entity, Statement,
TimePoint, Quantity, Text, str, int, float, bool, None or lists of them. ``to_pandas()`` and
``to_arrow()`` give tables of plain values.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> result = g.query("MATCH (o)-[:develops]->(c:Chip) RETURN o.name AS developer, c.name AS chip")
>>> result.columns, len(result)
(['developer', 'chip'], 2)
>>> list(result)
[('Nvidia', 'H100'), ('Nvidia', 'H100')]
>>> print(result)
developer  chip
---------  ----
Nvidia     H100
Nvidia     H100
(2 rows)
<BLANKLINE>
)doc")
      .def_property_readonly(
          "columns", [](const ResultHandle& self) { return self.result.columns; }, "The column names.")
      .def_property_readonly(
          "rows",
          [](const ResultHandle& self) {
            ReadLock lock(*self.owner);
            py::typing::List<Row> rows;
            for (size_t i = 0; i < self.result.rows.size(); ++i) rows.append(RowTuple(self, i));
            return rows;
          },
          "Every row, as a list of tuples.")
      .def("__len__", [](const ResultHandle& self) { return self.result.rows.size(); })
      .def("__getitem__",
           [](const ResultHandle& self, py::ssize_t index) {
             py::ssize_t size = static_cast<py::ssize_t>(self.result.rows.size());
             if (index < 0) index += size;
             if (index < 0 || index >= size) throw py::index_error("row index out of range");
             ReadLock lock(*self.owner);
             return py::reinterpret_steal<Row>(RowTuple(self, static_cast<size_t>(index)).release());
           },
           py::arg("index"))
      .def("__iter__",
           [](const ResultHandle& self) {
             ReadLock lock(*self.owner);
             py::list rows;
             for (size_t i = 0; i < self.result.rows.size(); ++i) rows.append(RowTuple(self, i));
             return py::typing::Iterator<Row>(rows.attr("__iter__")());
           })
      .def(
          "to_dicts",
          [](const ResultHandle& self) {
            ReadLock lock(*self.owner);
            py::typing::List<py::typing::Dict<py::str, py::object>> records;
            for (const auto& row : self.result.rows) {
              py::dict record;
              for (size_t i = 0; i < row.size(); ++i) {
                record[py::str(self.result.columns[i])] = ToPython(self.owner, row[i]);
              }
              records.append(record);
            }
            return records;
          },
          "Every row as a dict, column name to value.")
      .def(
          "_plain_columns",
          [](const ResultHandle& self) {
            ReadLock lock(*self.owner);
            py::typing::List<py::typing::List<py::object>> columns;
            for (size_t c = 0; c < self.result.columns.size(); ++c) {
              py::list column;
              for (const auto& row : self.result.rows) column.append(ToPlain(row[c]));
              columns.append(column);
            }
            return columns;
          },
          "The values column by column, plain: entities and statements by id, times as text, values as their "
          "amount, text, date text or truth value.")
      .def(
          "_text_rows",
          [](const ResultHandle& self, size_t limit) {
            ReadLock lock(*self.owner);
            py::typing::List<py::typing::List<py::str>> rows;
            for (size_t r = 0; r < self.result.rows.size() && r < limit; ++r) {
              py::list row;
              for (const query::Value& value : self.result.rows[r]) row.append(query::ToText(value));
              rows.append(row);
            }
            return rows;
          },
          py::arg("limit"), "The first `limit` rows as the texts tables show.")
      .def(
          "to_pandas", [](py::object self) { return CallHelper("_interop", "result_to_pandas", py::make_tuple(self)); },
          R"doc(
The rows as a pandas.DataFrame of plain values: entities and statements by id, times as text,
values of value nodes as their amount, text, date or truth value; lists stay lists.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.query("MATCH (m)-[s:users]->(v) RETURN m, v.amount AS users, s.valid AS valid").to_pandas()
          m       users valid
0  model/r1  97000000.0  2025
)doc")
      .def(
          "to_arrow", [](py::object self) { return CallHelper("_interop", "result_to_arrow", py::make_tuple(self)); },
          "The rows as a pyarrow.Table of the same plain values as ``to_pandas``.")
      .def(
          "to_csv",
          [](const ResultHandle& self) {
            ReadLock lock(*self.owner);
            return query::ToCsv(self.result);
          },
          "The rows as RFC 4180 CSV text, with a header line.")
      .def(
          "to_json",
          [](const ResultHandle& self) {
            ReadLock lock(*self.owner);
            return query::ToJson(self.result);
          },
          "The rows as a JSON array of objects.")
      .def("__str__",
           [](const ResultHandle& self) {
             ReadLock lock(*self.owner);
             return query::ToTable(self.result);
           })
      .def("__repr__", &ResultRepr)
      .def("_repr_html_", ReprHtml("result_html"));

  GetViewClass(m).def(
      "query",
      [](const ViewHandle& self, const std::string& text, const std::optional<ParameterDict>& parameter_dict,
         std::optional<int> max_hops, std::optional<int64_t> max_rows, std::optional<int64_t> max_memory,
         std::optional<double> timeout, const ParameterArgs& parameters) {
        query::QueryOptions options;
        if (max_hops) options.max_open_hops = Checked(*max_hops, "max_hops", query::kMaxHops);
        if (max_rows) options.max_rows = Checked(*max_rows, "max_rows");
        if (max_memory) options.max_memory_bytes = Checked(*max_memory, "max_memory");
        if (timeout) {
          absl::StatusOr<std::chrono::milliseconds> milliseconds = query::TimeoutFromSeconds(*timeout);
          ThrowIfError(milliseconds.status());
          options.timeout = *milliseconds;
        }
        query::Parameters values;
        auto add = [&values](py::handle name, py::handle value) {
          std::string key = py::cast<std::string>(name);
          values[key] = FromPython(value, key);
        };
        if (parameter_dict) {
          for (const auto& [name, value] : *parameter_dict) add(name, value);
        }
        for (const auto& [name, value] : parameters) add(name, value);
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        // Ctrl-C reaches a running query: every few thousand matching steps it takes the GIL
        // back for a moment and lets Python run its signal handlers; KeyboardInterrupt (or
        // whatever a handler raised) cancels the query and is raised here.
        bool interrupted = false;
        options.cancelled = [&interrupted] {
          py::gil_scoped_acquire gil;
          interrupted = PyErr_CheckSignals() != 0;
          return interrupted;
        };
        absl::StatusOr<query::Result> result;
        {
          py::gil_scoped_release nogil;
          result = query::Run(*view, text, values, options);
        }
        if (interrupted) throw py::error_already_set();
        if (!result.ok()) ThrowStatus(result.status());
        return ResultHandle{self.owner(), *std::move(result)};
      },
      py::arg("text"), py::arg("parameters") = py::none(), py::pos_only(), py::kw_only(), py::arg("max_hops") = py::none(),
      py::arg("max_rows") = py::none(), py::arg("max_memory") = py::none(), py::arg("timeout") = py::none(), R"doc(
Runs a pattern query (the openCypher subset of docs/query.md, with AS OF and KNOWN AT) over
the view.

Parameters
----------
text : str
    The query.
parameters : dict, optional
    Values for ``$name`` parameters, by name (as the keyword arguments below; a keyword argument
    wins over the same name here). Any name works here, also ``text`` or ``timeout``.
max_hops : int, optional
    The longest path an open hop range (``*``, ``*2..``) matches; 10 by default.
max_rows : int, optional
    The most rows kept before ORDER BY, SKIP and LIMIT (groups, when aggregating); 10 million by
    default, 0 for no limit.
max_memory : int, optional
    The most bytes those rows may take (an estimate); 2 GiB by default, 0 for no limit.
timeout : float, optional
    Seconds the run may take; no limit by default (0 too).
**parameters
    Values for ``$name`` parameters: int, float, bool, str, None, datetime.date (a day),
    datetime.datetime, TimePoint, Entity, Statement, or lists of them. A parameter named
    ``text``, ``max_hops``, ``max_rows``, ``max_memory`` or ``timeout`` goes in ``parameters``.

Returns
-------
Result

Raises
------
ValidationError
    When the query does not parse or names an unknown type, predicate, variable,
    parameter or function; ``line`` and ``column`` say where.
Error
    When the run passes a limit of docs/query.md ("Limits"): ``max_rows``, ``max_memory`` or
    ``timeout``.
ValueError
    For a negative limit.
KeyboardInterrupt
    On Ctrl-C: a running query stops.

Examples
--------
>>> import datetime
>>> g = aikg.datasets.load("tiny")
>>> r = g.query("MATCH (m)-[s:users]->(v) WHERE v.amount >= $least RETURN m.name, v", least=10**6)
>>> r[0]
('DeepSeek-R1', <Quantity ≥ 97 million users>)
>>> g.query("MATCH (x)-[r]->(y) AS OF $day RETURN count(r) AS edges", day=datetime.date(2022, 6, 30))[0]
(3,)
>>> g.query("MATCH (a)-[*]-(b) RETURN count(*) AS paths", max_hops=1)[0]
(14,)
)doc");
}

}  // namespace aikg::python
