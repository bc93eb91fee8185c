// bindings/python/timeline_py.cc: View.timeline, series, compare_series, conflicts, changes.
//
// Each reader runs aikg/timeline.h with the GIL released and returns a small result object
// (Timeline, Series, SeriesComparison, Conflicts, Changes) that holds statement handles, so it
// outlives the view. Their frames, plots and HTML are built by the pure-Python helpers of
// aikg._timeline from the plain records made here.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

struct TimelineEntryValue {
  StatementRef statement;
  ValidTime when;
  bool from_value;
  std::string group;
};

struct TimelineValue {
  GraphPtr owner;
  std::string grouping;
  std::vector<TimelineEntryValue> entries;
};

struct SeriesPointValue {
  StatementRef statement;
  QuantityValue quantity;
  std::optional<double> derived_growth;
  std::optional<StatementRef> previous;
  std::optional<StatementRef> stated_growth;
  std::optional<bool> growth_consistent;
};

struct SeriesValue {
  EntityRef subject;
  std::string metric;
  std::vector<std::string> units;
  std::vector<SeriesPointValue> points;
};

struct SeriesComparisonValue {
  std::vector<SeriesValue> series;
};

struct ConflictValue {
  std::vector<StatementRef> statements;
  std::optional<StatementRef> current;
};

struct ConflictsValue {
  GraphPtr owner;
  std::vector<ConflictValue> conflicts;
};

struct ChangeValue {
  std::string kind;
  StatementRef statement;
  std::optional<StatementRef> previous;
};

struct ChangesValue {
  GraphPtr owner;
  std::string before;
  std::string after;
  std::vector<ChangeValue> changes;
};

using Records = py::typing::List<py::typing::Dict<py::str, py::object>>;

Grouping ParseGrouping(const std::optional<std::string>& grouping) {
  if (!grouping || *grouping == "none") return Grouping::kNone;
  if (*grouping == "year") return Grouping::kYear;
  if (*grouping == "quarter") return Grouping::kQuarter;
  if (*grouping == "month") return Grouping::kMonth;
  ThrowValidationError("grouping must be None, 'year', 'quarter' or 'month', not '" + *grouping + "'");
}

std::optional<StatementRef> RefOf(const GraphPtr& owner, const std::optional<Statement>& statement) {
  if (!statement) return std::nullopt;
  return StatementRef{owner, statement->index()};
}

// The time columns of every result's records (docs/python.md): `valid` as written,
// `valid_start` and `valid_end` (the first and last possible day; None for an open end),
// `valid_precision` (of the coarser end); all None when undated. A timeline's entries give
// where they are placed, which for a release or announcement is its date.
void SetTimeColumns(py::dict& record, const ValidTime& valid) {
  auto day = [](std::optional<absl::CivilDay> day) { return day ? py::object(DayToPython(*day)) : py::none(); };
  Precision coarser = std::max(valid.from.precision(), valid.to.precision());  // kUnset is the finest
  record["valid"] = valid.is_set() ? py::object(py::str(valid.ToString())) : py::none();
  record["valid_start"] = day(valid.from.is_set() ? std::optional(valid.from.first_day()) : std::nullopt);
  record["valid_end"] = day(valid.to.is_set() ? std::optional(valid.to.last_day()) : std::nullopt);
  record["valid_precision"] = valid.is_set() ? py::object(py::str(std::string(PrecisionName(coarser)))) : py::none();
}

// The record of a statement, with its time columns.
py::dict ResultRecord(const Graph& graph, const Statement& statement) {
  py::dict record = StatementRecord(graph, statement);
  SetTimeColumns(record, statement.valid());
  return record;
}

QuantityValue CopyQuantity(const Quantity& q) { return {q.amount, std::string(q.unit), q.bound, q.lower, q.upper}; }

SeriesValue CopySeries(const GraphPtr& owner, const Series& series) {
  SeriesValue value{EntityRef{owner, series.subject.index()}, series.metric, series.units, {}};
  for (const SeriesPoint& point : series.points) {
    value.points.push_back({StatementRef{owner, point.statement.index()}, CopyQuantity(point.quantity),
                            point.derived_growth, RefOf(owner, point.previous), RefOf(owner, point.stated_growth),
                            point.growth_consistent});
  }
  return value;
}

// Runs `reader(view)` on the resolved view with the lock held and the GIL released.
template <typename Reader>
auto ReadView(const ViewHandle& self, Reader reader) {
  ReadLock lock(*self.owner());
  std::shared_ptr<const View> view = self.ResolveOrThrow();
  py::gil_scoped_release nogil;
  return reader(*view);
}

py::object IdOrNone(const std::optional<StatementRef>& ref) {
  if (!ref) return py::none();
  std::string_view id = ref->get().id();
  return py::str(id.data(), id.size());
}

Records SeriesRecords(const SeriesValue& series, Records records) {
  ReadLock lock(*series.subject.owner);
  const Graph& graph = series.subject.owner->graph();
  for (const SeriesPointValue& point : series.points) {
    py::dict record = ResultRecord(graph, point.statement.get());
    record["metric"] = series.metric;
    record["derived_growth"] = py::cast(point.derived_growth);
    record["previous"] = IdOrNone(point.previous);
    record["stated_growth"] = IdOrNone(point.stated_growth);
    record["growth_consistent"] = py::cast(point.growth_consistent);
    records.append(record);
  }
  return records;
}

// `__len__`, `__iter__`, `__getitem__`, `to_pandas`, `__repr__` and `_repr_html_` of a result
// holding `items`; the last three call aikg._timeline.
template <typename Class, typename Items>
void AddSequence(Class& cls, Items items) {
  using Value = typename Class::type;
  cls.def("__len__", [items](const Value& self) { return (self.*items).size(); })
      .def(
          "__iter__",
          [items](const Value& self) { return py::make_iterator((self.*items).begin(), (self.*items).end()); },
          py::keep_alive<0, 1>())
      .def(
          "__getitem__",
          [items](const Value& self, py::ssize_t index) {
            py::ssize_t size = static_cast<py::ssize_t>((self.*items).size());
            if (index < 0) index += size;
            if (index < 0 || index >= size) throw py::index_error("index out of range");
            return (self.*items)[static_cast<size_t>(index)];
          },
          py::arg("index"))
      .def(
          "to_pandas", [](py::object self) { return CallHelper("_timeline", "to_pandas", py::make_tuple(self)); },
          "One row per entry as a pandas.DataFrame (pandas is imported on first use).")
      .def("__repr__",
           [](py::object self) { return CallHelper("_timeline", "text", py::make_tuple(self)).cast<std::string>(); })
      .def("_repr_html_",
           [](py::object self) { return CallHelper("_timeline", "to_html", py::make_tuple(self)).cast<std::string>(); });
}

}  // namespace

void RegisterTimeline(py::module_& m) {
  py::class_<TimelineEntryValue>(m, "TimelineEntry",
                                  "A statement of a Timeline, where it is placed and the label of its group.")
      .def_readonly("statement", &TimelineEntryValue::statement)
      .def_property_readonly(
          "when",
          [](const TimelineEntryValue& e) { return e.when.is_set() ? std::optional(e.when) : std::nullopt; },
          R"doc(
Where the entry is placed (a ValidTime): the statement's valid time, or, for a statement without
one whose value is a date (a release, an announcement), that date. None when undated.)doc")
      .def_readonly("from_value", &TimelineEntryValue::from_value,
                    "True when ``when`` is the statement's date value rather than its valid time.")
      .def_readonly("group", &TimelineEntryValue::group, R"doc(
"2024", "2024-Q2", "2024-03" by the grouping, the statement's own coarser period when it does
not fit in one group ("2020s", "2023..2025"), or "" when ungrouped or undated.)doc")
      .def("__repr__", [](const TimelineEntryValue& e) {
        ReadLock lock(*e.statement.owner);
        std::string group = e.group.empty() ? "" : e.group + ": ";
        return "<TimelineEntry " + group + std::string(e.statement.get().id()) + ">";
      });

  py::class_<TimelineValue> timeline(m, "Timeline", R"doc(
The statements of a view in a date range, ordered by the first possible day of where they are
placed (TimelineEntry.when), then by its last (the more precise first); see View.timeline.
Iterates over TimelineEntry objects.
)doc");
  timeline.def_readonly("grouping", &TimelineValue::grouping, "'none', 'year', 'quarter' or 'month'.")
      .def_property_readonly(
          "statements", [](const TimelineValue& t) {
            std::vector<StatementRef> statements;
            for (const TimelineEntryValue& entry : t.entries) statements.push_back(entry.statement);
            return statements;
          },
          "The statements, in timeline order.")
      .def(
          "_records",
          [](const TimelineValue& t) {
            ReadLock lock(*t.owner);
            Records records;
            for (const TimelineEntryValue& entry : t.entries) {
              py::dict record = StatementRecord(t.owner->graph(), entry.statement.get());
              SetTimeColumns(record, entry.when);
              record["from_value"] = entry.from_value;
              record["group"] = entry.group;
              records.append(record);
            }
            return records;
          },
          "The entries as dicts of plain values (the statements_frame columns, with the time the entry is\n"
          "placed at in ``valid``, ``valid_start``, ``valid_end`` and ``valid_precision``, and ``from_value``\n"
          "and ``group``).")
      .def(
          "plot",
          [](py::object self, py::object ax, const std::optional<std::string>& group_by) {
            return CallHelper("_plots", "plot_timeline", py::make_tuple(self),
                              py::dict(py::arg("ax") = ax, py::arg("group_by") = group_by));
          },
          py::kw_only(), py::arg("ax") = py::none(), py::arg("group_by") = py::none(), R"doc(
Draws the dated entries with matplotlib (imported on first use), one row each, labelled with its
claim in words ("DeepSeek-R1 · users · ≥ 97 million users"): a day or finer as a marker, a
longer or imprecise period as a bar (hatched towards an open end), coloured by modality.

Parameters
----------
ax : matplotlib Axes, optional
    Where to draw; by default a new figure whose height follows the number of rows.
group_by : {None, "entity", "year"}
    Rows grouped under a bold header with a line between groups: by subject, or by the year the
    entry falls in (its own period when it spans years, as grouping="year" labels it).

Returns
-------
matplotlib Axes
)doc");
  AddSequence(timeline, &TimelineValue::entries);

  py::class_<SeriesPointValue>(m, "SeriesPoint", "A value of a Series, with the growth derived from the previous one.")
      .def_readonly("statement", &SeriesPointValue::statement)
      .def_readonly("quantity", &SeriesPointValue::quantity, "As stated: the unit labelled, never converted.")
      .def_readonly("derived_growth", &SeriesPointValue::derived_growth, R"doc(
Growth in percent from the previous point of the same unit and precision, from the absolute
values (amounts given exactly or approximately only), or None.)doc")
      .def_readonly("previous", &SeriesPointValue::previous)
      .def_readonly("stated_growth", &SeriesPointValue::stated_growth,
                    "A growth statement for the same subject and an overlapping period, or None.")
      .def_readonly("growth_consistent", &SeriesPointValue::growth_consistent,
                    "Whether the stated growth agrees with the derived one (within 1 point), or None.")
      .def("__repr__", [](const SeriesPointValue& p) {
        ReadLock lock(*p.statement.owner);
        Statement statement = p.statement.get();
        std::string valid = statement.valid().is_set() ? " " + statement.valid().ToString() : "";
        return "<SeriesPoint " + std::string(statement.id()) + valid + ": " + p.quantity.ToString() + ">";
      });

  py::class_<SeriesValue> series(m, "Series", R"doc(
One subject's values of one metric over time (see View.series): dated points in time order,
then undated ones. Iterates over SeriesPoint objects.
)doc");
  series.def_readonly("subject", &SeriesValue::subject)
      .def_readonly("metric", &SeriesValue::metric)
      .def_readonly("units", &SeriesValue::units, "The units that occur, in order of first use.")
      .def(
          "_records", [](const SeriesValue& s) { return SeriesRecords(s, Records()); },
          "The points as dicts of plain values (statements_frame columns, and the growth fields).")
      .def(
          "plot",
          [](py::object self, py::object ax) {
            return CallHelper("_plots", "plot_series", py::make_tuple(self), py::dict(py::arg("ax") = ax));
          },
          py::kw_only(), py::arg("ax") = py::none(), R"doc(
Plots the amounts over time with matplotlib (imported on first use); bounds are shown by the
marker (``at_least`` ▲, ``at_most`` ▼, ``about`` ◇, exact ●) and ranges as error bars.
Returns the Axes.
)doc");
  AddSequence(series, &SeriesValue::points);

  py::class_<SeriesComparisonValue> comparison(m, "SeriesComparison", R"doc(
Several series compared side by side (see View.compare_series). Iterates over Series objects.
)doc");
  comparison
      .def(
          "_records",
          [](const SeriesComparisonValue& c) {
            Records records;
            for (const SeriesValue& s : c.series) records = SeriesRecords(s, std::move(records));
            return records;
          },
          "The points of every series, one after the other.")
      .def(
          "plot",
          [](py::object self, py::object ax) {
            return CallHelper("_plots", "plot_comparison", py::make_tuple(self), py::dict(py::arg("ax") = ax));
          },
          py::kw_only(), py::arg("ax") = py::none(), "Plots every series on one Axes, which it returns.");
  AddSequence(comparison, &SeriesComparisonValue::series);

  py::class_<ConflictValue>(m, "Conflict", R"doc(
Statements about the same subject, predicate and period whose values cannot all be true.
``current`` is the one from the most recently published source (None when publication dates
cannot order them); the others stay in the graph.
)doc")
      .def_readonly("statements", &ConflictValue::statements)
      .def_readonly("current", &ConflictValue::current)
      .def("__repr__", [](const ConflictValue& c) {
        std::string text = "<Conflict";
        if (c.statements.empty()) return text + ">";
        ReadLock lock(*c.statements.front().owner);
        for (const StatementRef& s : c.statements) text += " " + std::string(s.get().id());
        if (c.current) text += ", current " + std::string(c.current->get().id());
        return text + ">";
      });

  py::class_<ConflictsValue> conflicts(m, "Conflicts", "The conflicts of a view (see View.conflicts).");
  conflicts.def(
      "_records",
      [](const ConflictsValue& c) {
        ReadLock lock(*c.owner);
        Records records;
        for (size_t i = 0; i < c.conflicts.size(); ++i) {
          const ConflictValue& conflict = c.conflicts[i];
          for (const StatementRef& statement : conflict.statements) {
            py::dict record = ResultRecord(c.owner->graph(), statement.get());
            record["conflict"] = i;
            record["current"] =
                conflict.current ? py::object(py::bool_(conflict.current->index == statement.index)) : py::none();
            records.append(record);
          }
        }
        return records;
      },
      "One dict per statement of each conflict, with ``conflict`` (its number) and ``current``.");
  AddSequence(conflicts, &ConflictsValue::conflicts);

  py::class_<ChangeValue>(m, "Change", R"doc(
A statement that became known: ``kind`` is "added" (about something not claimed before) or
"changed" (a new figure for what ``previous`` gave a value to).
)doc")
      .def_readonly("kind", &ChangeValue::kind)
      .def_readonly("statement", &ChangeValue::statement)
      .def_readonly("previous", &ChangeValue::previous)
      .def("__repr__", [](const ChangeValue& c) {
        ReadLock lock(*c.statement.owner);
        std::string text = "<Change " + c.kind + " " + std::string(c.statement.get().id());
        if (c.previous) text += " (was " + std::string(c.previous->get().id()) + ")";
        return text + ">";
      });

  py::class_<ChangesValue> changes(m, "Changes", "What became known between two dates (see View.changes).");
  changes.def_readonly("before", &ChangesValue::before)
      .def_readonly("after", &ChangesValue::after)
      .def(
          "_records",
          [](const ChangesValue& c) {
            ReadLock lock(*c.owner);
            Records records;
            for (const ChangeValue& change : c.changes) {
              py::dict record = ResultRecord(c.owner->graph(), change.statement.get());
              record["change"] = change.kind;
              record["previous"] = IdOrNone(change.previous);
              records.append(record);
            }
            return records;
          },
          "One dict per change: the statements_frame columns, ``change`` and ``previous`` (an id).");
  AddSequence(changes, &ChangesValue::changes);

  ViewClass view_class = GetViewClass(m);
  view_class.def(
      "timeline",
      [](const ViewHandle& self, const std::optional<TimeArg>& start, const std::optional<TimeArg>& end,
         const std::optional<std::vector<EntityKey>>& entities, bool include_undated,
         const std::optional<std::string>& grouping) {
        TimelineOptions options;
        if (start) options.from = start->point.first_day();
        if (end) options.to = end->last_day();
        options.include_undated = include_undated;
        options.grouping = ParseGrouping(grouping);
        if (entities) {
          ReadLock lock(*self.owner());
          for (const EntityKey& key : *entities) {
            options.entities.emplace_back(self.graph().entity(ResolveGraphEntity(self.graph(), key)).id());
          }
        }
        TimelineValue value{self.owner(), grouping.value_or("none"), {}};
        absl::StatusOr<std::vector<TimelineEntry>> entries =
            ReadView(self, [&options](const View& view) { return Timeline(view, options); });
        ThrowIfError(entries.status());
        for (const TimelineEntry& entry : *entries) {
          value.entries.push_back(
              {StatementRef{self.owner(), entry.statement.index()}, entry.when, entry.from_value, entry.group});
        }
        return value;
      },
      py::arg("start") = py::none(), py::arg("end") = py::none(), py::kw_only(), py::arg("entities") = py::none(),
      py::arg("include_undated") = false, py::arg("grouping") = py::none(), R"doc(
The statements of the view placed in [start, end], in time order: each at its valid time, or, for
a statement without one whose value is a date (a release, an announcement), at that date.

Parameters
----------
start, end : str, datetime.date or TimePoint, optional
    The range; a period counts from its first day (start) or to its last day (end). Open when
    None.
entities : list of str or Entity, optional
    Only statements about these entities (as subject or object).
include_undated : bool
    Also list the undated statements (no valid time, no date value), after the dated ones; with
    `end` given, only those one of whose sources may have been published by `end`.
grouping : {None, "year", "quarter", "month"}
    Labels each entry with its group ("2024", "2024-Q2", "2024-03").

Returns
-------
Timeline

Examples
--------
>>> t = aikg.datasets.load("tiny").timeline("2025", grouping="quarter")
>>> [(e.statement.id, e.group) for e in t][:4]
[('st/2', '2022..'), ('st/6', 'early 2025'), ('st/5', '2025'), ('st/9', '2025-Q1')]
>>> release = t[3]
>>> str(release.when), release.from_value
('2025-01-20', True)
)doc");

  view_class.def(
      "series",
      [](const ViewHandle& self, const EntityKey& subject, const std::string& metric) {
        std::string subject_id;
        {
          ReadLock lock(*self.owner());
          subject_id = self.graph().entity(ResolveEntity(*self.ResolveOrThrow(), subject)).id();
        }
        absl::StatusOr<Series> series =
            ReadView(self, [&](const View& view) { return MetricSeries(view, subject_id, metric); });
        ThrowIfError(series.status());
        ReadLock lock(*self.owner());
        return CopySeries(self.owner(), *series);
      },
      py::arg("subject"), py::arg("metric"), R"doc(
The values of `metric` (a quantity predicate) about `subject` over time, units as stated.

Raises
------
KeyError
    When `subject` names no entity of the view.
ValidationError
    When `metric` is not a quantity predicate.

Examples
--------
>>> s = aikg.datasets.load("tiny").series("org/alibaba", "revenue")
>>> [(p.statement.id, p.quantity.amount, p.quantity.unit) for p in s]
[('st/3', 34700000000.0, 'USD'), ('st/11', 250000000000.0, 'CNY')]
)doc");

  view_class.def(
      "compare_series",
      [](const ViewHandle& self, const std::vector<std::tuple<EntityKey, std::string>>& keys,
         bool allow_different_metrics) {
        std::vector<SeriesKey> series_keys;
        {
          ReadLock lock(*self.owner());
          std::shared_ptr<const View> view = self.ResolveOrThrow();
          for (const auto& [subject, metric] : keys) {
            series_keys.push_back({std::string(self.graph().entity(ResolveEntity(*view, subject)).id()), metric});
          }
        }
        absl::StatusOr<std::vector<Series>> series = ReadView(self, [&](const View& view) {
          return CompareSeries(view, series_keys, allow_different_metrics);
        });
        ThrowIfError(series.status());
        ReadLock lock(*self.owner());
        SeriesComparisonValue value;
        for (const Series& one : *series) value.series.push_back(CopySeries(self.owner(), one));
        return value;
      },
      py::arg("keys"), py::kw_only(), py::arg("allow_different_metrics") = false, R"doc(
Several (subject, metric) series side by side.

Refused with ValidationError (saying what differs) when the series are of different metrics —
registrations are not weekly active users — or in units of different dimensions, unless
`allow_different_metrics`. Currencies are labelled, never converted.

Returns
-------
SeriesComparison
)doc");

  view_class.def(
      "conflicts",
      [](const ViewHandle& self) {
        std::vector<Conflict> found = ReadView(self, [](const View& view) { return Conflicts(view); });
        ConflictsValue value{self.owner(), {}};
        for (const Conflict& conflict : found) {
          ConflictValue copy{{}, RefOf(self.owner(), conflict.current)};
          for (const Statement& statement : conflict.statements) {
            copy.statements.push_back(StatementRef{self.owner(), statement.index()});
          }
          value.conflicts.push_back(std::move(copy));
        }
        return value;
      },
      R"doc(
Statements that disagree about the same subject, predicate and period (quantities whose ranges
do not meet, different truth values, dates that do not overlap), with the one a later source
supersedes. Nothing is deleted.

Returns
-------
Conflicts
)doc");

  view_class.def(
      "changes",
      [](const ViewHandle& self, const TimeArg& before, const TimeArg& after) {
        absl::CivilDay before_day = before.last_day();
        absl::CivilDay after_day = after.last_day();
        std::vector<Change> found =
            ReadView(self, [&](const View& view) { return Changes(view, before_day, after_day); });
        ChangesValue value{self.owner(), before.point.ToString(), after.point.ToString(), {}};
        for (const Change& change : found) {
          value.changes.push_back({change.kind == ChangeKind::kAdded ? "added" : "changed",
                                   StatementRef{self.owner(), change.statement.index()},
                                   RefOf(self.owner(), change.previous)});
        }
        return value;
      },
      py::arg("before"), py::arg("after"), R"doc(
What became known after `before` and by `after` (publication dates; a period stands for its
last day), in statement order.

Returns
-------
Changes
)doc");
}

}  // namespace aikg::python
