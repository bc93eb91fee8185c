// bindings/python/time_py.cc: TimePoint and ValidTime, and Python dates.
//
// The datetime C API is imported here only (PyDateTime_IMPORT fills a per-file pointer).

#include "aikg_py.h"  // first: Python.h must come before datetime.h

#include <datetime.h>

#include <functional>
#include <string>

namespace aikg::python {
namespace {

void ImportDateTime() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

// A datetime.datetime as a TimePoint of second precision, keeping its UTC offset when aware.
TimePoint FromPythonDateTime(py::handle value) {
  std::string text = py::str(value.attr("isoformat")("T", "seconds"));
  absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
  if (!point.ok()) ThrowValidationError("datetime " + text + ": " + std::string(point.status().message()));
  return *point;
}

std::optional<TimePoint> SetOrNone(const TimePoint& point) {
  return point.is_set() ? std::optional<TimePoint>(point) : std::nullopt;
}

}  // namespace

bool IsPythonDate(py::handle value) {
  ImportDateTime();
  return PyDate_Check(value.ptr());
}

PyDate DayToPython(absl::CivilDay day) {
  ImportDateTime();
  PyObject* date = PyDate_FromDate(static_cast<int>(day.year()), day.month(), day.day());
  if (date == nullptr) throw py::error_already_set();
  return PyDate(py::reinterpret_steal<py::object>(date));
}

std::optional<TimePoint> TimeFromPython(py::handle value) {
  if (py::isinstance<TimePoint>(value)) return value.cast<TimePoint>();
  if (py::isinstance<py::str>(value)) {
    std::string text = value.cast<std::string>();
    absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
    if (!point.ok()) ThrowStatus(point.status());
    return *point;
  }
  ImportDateTime();
  if (PyDateTime_Check(value.ptr())) return FromPythonDateTime(value);
  if (PyDate_Check(value.ptr())) {
    return TimePoint::Day(PyDateTime_GET_YEAR(value.ptr()), PyDateTime_GET_MONTH(value.ptr()),
                          PyDateTime_GET_DAY(value.ptr()));
  }
  return std::nullopt;
}

std::string_view PeriodPartName(PeriodPart part) {
  switch (part) {
    case PeriodPart::kWhole: return "whole";
    case PeriodPart::kEarly: return "early";
    case PeriodPart::kMid: return "mid";
    case PeriodPart::kLate: return "late";
    case PeriodPart::kStart: return "start";
    case PeriodPart::kEnd: return "end";
  }
  return "whole";
}

Direction ParseDirection(std::string_view text) {
  if (text == "out") return Direction::kOut;
  if (text == "in") return Direction::kIn;
  if (text == "both") return Direction::kBoth;
  ThrowValidationError("direction must be 'out', 'in' or 'both', not '" + std::string(text) + "'");
}

std::string_view DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kOut: return "out";
    case Direction::kIn: return "in";
    case Direction::kBoth: return "both";
  }
  return "both";
}

void RegisterTime(py::module_& m) {
  py::class_<TimePoint>(m, "TimePoint", R"doc(
A time at a stated precision, as people write it in news: ``"2022"``, ``"2025-Q2"``,
``"early 2024"``, ``"2025-09-04T15:20"``.

A time point is a period: it stands for every day in it, and remembers how it was written, so
it never claims more precision than its source. The text forms are those of
docs/json-format.md.

Parameters
----------
value : str or datetime.date or TimePoint
    The text form, or a date (a day), or a datetime (a time to the second).

Raises
------
ValidationError
    When the text is not a time.

Examples
--------
>>> import datetime
>>> early = aikg.TimePoint("early 2024")
>>> early.precision, early.part
('year', 'early')
>>> early.first_day, early.last_day
(datetime.date(2024, 1, 1), datetime.date(2024, 4, 30))
>>> str(aikg.TimePoint(datetime.date(2025, 9, 4)))
'2025-09-04'
)doc")
      .def(py::init([](const TimeArg& value) { return value.point; }), py::arg("value"))
      .def_property_readonly(
          "precision", [](const TimePoint& point) { return std::string(PrecisionName(point.precision())); },
          "How finely the time is known: 'second', 'minute', 'day', 'month', 'quarter', 'half-year', "
          "'year' or 'decade'.")
      .def_property_readonly(
          "part", [](const TimePoint& point) { return std::string(PeriodPartName(point.part())); },
          "The part of the period a fuzzy form names: 'whole', 'early', 'mid', 'late', 'start' or 'end'.")
      .def_property_readonly(
          "first_day", [](const TimePoint& point) { return DayToPython(point.first_day()); },
          "The first day of the period (datetime.date).")
      .def_property_readonly(
          "last_day", [](const TimePoint& point) { return DayToPython(point.last_day()); },
          "The last day of the period (datetime.date), inclusive.")
      .def_property_readonly("utc_offset_minutes", &TimePoint::utc_offset_minutes,
                             "For times of day: the UTC offset the text gave, in minutes; else None.")
      .def("__str__", &TimePoint::ToString)
      .def("__repr__", [](const TimePoint& point) { return "TimePoint('" + point.ToString() + "')"; })
      .def("__eq__", EqualTo<TimePoint>(std::equal_to<TimePoint>()), py::arg("other"))
      .def("__hash__", [](const TimePoint& point) { return py::hash(py::str(point.ToString())); });

  py::class_<ValidTime>(m, "ValidTime", R"doc(
When a statement holds: one time point, or an interval whose ends are time points (either
end may be open).

Its text is the point (``"2022"``) or ``"from..to"`` with an empty open end (``"2022.."``),
as in queries.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> valid = g.statement("st/2").valid
>>> str(valid), valid.start, valid.end, valid.first_day
('2022..', TimePoint('2022'), None, datetime.date(2022, 1, 1))
)doc")
      .def(py::init([](std::optional<TimeArg> start, std::optional<TimeArg> end) {
             return ValidTime{start ? start->point : TimePoint(), end ? end->point : TimePoint()};
           }),
           py::arg("start") = py::none(), py::arg("end") = py::none())
      .def_property_readonly(
          "start", [](const ValidTime& valid) { return SetOrNone(valid.from); },
          "The start (a TimePoint), or None when open.")
      .def_property_readonly(
          "end", [](const ValidTime& valid) { return SetOrNone(valid.to); },
          "The end (a TimePoint), or None when open.")
      .def_property_readonly("is_point", &ValidTime::is_point, "True when start and end are the same time point.")
      .def_property_readonly(
          "first_day",
          [](const ValidTime& valid) -> std::optional<PyDate> {
            if (!valid.from.is_set()) return std::nullopt;
            return DayToPython(valid.from.first_day());
          },
          "The first day of the start (datetime.date), or None when open.")
      .def_property_readonly(
          "last_day",
          [](const ValidTime& valid) -> std::optional<PyDate> {
            if (!valid.to.is_set()) return std::nullopt;
            return DayToPython(valid.to.last_day());
          },
          "The last day of the end (datetime.date), or None when open.")
      .def_property_readonly(
          "precision",
          [](const ValidTime& valid) -> std::optional<std::string> {
            if (!valid.is_set()) return std::nullopt;
            return std::string(PrecisionName(valid.precision()));
          },
          "The precision of the coarser end: 'day', 'month', 'quarter', 'year', ... (``valid_precision``).")
      .def("__str__", &ValidTime::ToString)
      .def("__repr__", [](const ValidTime& valid) { return "ValidTime('" + valid.ToString() + "')"; })
      .def("__eq__", EqualTo<ValidTime>(std::equal_to<ValidTime>()), py::arg("other"))
      .def("__hash__", [](const ValidTime& valid) { return py::hash(py::str(valid.ToString())); });
}

}  // namespace aikg::python
