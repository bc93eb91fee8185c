// bindings/python/aikg_py.h: what the binding areas (`<area>_py.cc`) share.
//
// Every Python object that reads a graph (Graph, View, Entity, Statement, Source, Result, ...)
// holds a `GraphPtr`, a shared owner of the graph, so a view, an entity or a query result keeps
// its graph alive after the Graph object is gone, and no `close()` is needed.
//
// Locking: loads run with the GIL released, so a load in one thread may overlap reads in
// others. Each SharedGraph has a reader-writer lock: loads take it exclusively, every read takes
// it shared. The rule that keeps this free of deadlocks: never wait for the lock while holding
// the GIL (`ReadLock` releases the GIL while it waits), and never wait for the GIL while holding
// the lock exclusively (loads convert their diagnostics to Python after unlocking).
//
// Views: aikg::View is a snapshot that must not outlive a change of its graph. A Python View
// keeps the steps that made it (filters, ego neighbourhoods) and rebuilds its aikg::View when
// the graph has grown since, so Python views always read the graph as it is now.

#ifndef AIKG_BINDINGS_PYTHON_AIKG_PY_H_
#define AIKG_BINDINGS_PYTHON_AIKG_PY_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/typing.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "aikg/aikg.h"
#include "text_table.h"

namespace aikg::python {

namespace py = pybind11;

// A datetime.date (so named in signatures and stubs).
class PyDate : public py::object {
 public:
  using py::object::object;
  explicit PyDate(py::object date) : py::object(std::move(date)) {}
};

// `__eq__` for a bound value type: false for objects of other types, else `equal(a, b)`.
template <typename T, typename Equal>
auto EqualTo(Equal equal) {
  return [equal](const T& a, const py::object& b) { return py::isinstance<T>(b) && equal(a, b.cast<const T&>()); };
}

// ---- The shared graph --------------------------------------------------------------------------

class SharedGraph {
 public:
  SharedGraph() = default;
  explicit SharedGraph(Graph graph) : graph_(std::move(graph)) {}
  SharedGraph(const SharedGraph&) = delete;
  SharedGraph& operator=(const SharedGraph&) = delete;
  ~SharedGraph();

  const Graph& graph() const { return graph_; }
  // Only with the lock held exclusively.
  Graph& mutable_graph() { return graph_; }
  std::shared_mutex& mutex() const { return mutex_; }

  // Counts the changes applied to the graph, so views know when to rebuild.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  void MarkChanged() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  // The id of `entity` as a Python str, made on first use and then shared by every result that
  // names the entity (as networkx hands back the node keys it holds), so a result costs a
  // reference, not a new string. Needs the GIL and the read lock; forgotten when the graph
  // changes.
  py::handle EntityIdString(EntityIndex entity) const;

  // Every entity's id in one table, by entity index, for the columns of ids (statements_frame):
  // a row notes an index, and the column's bytes come from this compact table rather than
  // from each record. Made on first use and forgotten when the graph changes; needs the GIL and
  // the read lock.
  const TextTable& EntityIds() const;

 private:
  Graph graph_;
  mutable std::shared_mutex mutex_;
  std::atomic<uint64_t> generation_{0};
  // Owned references (null until made), for the graph of `id_strings_generation_`. Guarded by
  // the GIL.
  mutable std::vector<PyObject*> id_strings_;
  mutable uint64_t id_strings_generation_ = 0;
  // For the graph of `id_table_generation_` when it holds that many ids. Guarded by the GIL.
  mutable TextTable id_table_;
  mutable uint64_t id_table_generation_ = 0;
};

using GraphPtr = std::shared_ptr<SharedGraph>;

// Shared access to a graph for code that holds the GIL; waits, when it has to, without it.
class ReadLock {
 public:
  explicit ReadLock(const SharedGraph& graph);

 private:
  std::shared_lock<std::shared_mutex> lock_;
};

// ---- Handles to what a graph holds -------------------------------------------------------------

struct EntityRef {
  GraphPtr owner;
  EntityIndex index;
  Entity get() const { return owner->graph().entity(index); }
};

// Entity objects. Entity is a plain CPython type holding its EntityRef in the object, not a
// pybind11 class: a pybind11 instance costs a heap copy of the value, an entry in pybind11's
// registry of instances (inserted when made, erased when freed) and a call through pybind11's
// dispatcher for every attribute read, which made `g.entity(id)` twice NetworkX's `G.nodes[id]`.
// Bindings take and return EntityRef as before (the type caster below converts).

// A new Entity object (a new reference), or null with a Python error set.
PyObject* NewEntityObject(const GraphPtr& owner, EntityIndex index);
// The EntityRef an Entity object holds, or null when `object` is not an Entity.
const EntityRef* EntityRefOf(PyObject* object);

struct StatementRef {
  GraphPtr owner;
  StatementIndex index;
  Statement get() const { return owner->graph().statement(index); }
};

struct SourceRef {
  GraphPtr owner;
  SourceIndex index;
  Source get() const { return owner->graph().source(index); }
};

// Values copied out of the graph, so they outlive it.
struct QuantityValue {
  double amount = 0;
  std::string unit;
  Bound bound = Bound::kExact;
  std::optional<double> lower;
  std::optional<double> upper;

  // As people read it: "≥ 97 million users" (aikg::FormatQuantity).
  std::string ToString() const { return FormatQuantity(Quantity{amount, unit, bound, lower, upper}); }
};

struct TextValue {
  std::string text;
  std::string lang;
};

struct AliasValue {
  std::string name;
  std::string lang;
};

struct CitationValue {
  SourceRef source;
  std::string locator;
};

// The schema of a graph; immutable, so it needs no lock.
struct SchemaHandle {
  std::shared_ptr<const Schema> schema;
};

// One step along an edge statement, as Python sees it.
struct HopValue {
  StatementRef statement;
  EntityRef neighbor;
  bool forward;
};

HopValue MakeHop(const GraphPtr& owner, const Hop& hop);

// The value of a statement as a Python object: Entity, Quantity, Text, TimePoint or bool.
py::object StatementValueToPython(const GraphPtr& owner, const Statement& statement);
// A statement as a dict of plain values: the columns of View.statements_frame (export_py.cc).
py::dict StatementRecord(const Graph& graph, const Statement& statement);
// The same columns for a whole view, as (name, column) pairs (statement_columns.cc); texts as
// Arrow buffers when `arrow_texts`. Needs the GIL and the read lock.
py::list StatementColumns(const SharedGraph& owner, const View& view, bool arrow_texts);
// An attribute value as a Python object: str, float, int, bool or TimePoint.
py::object AttributeToPython(const AttributeValue& value);

// ---- Views -------------------------------------------------------------------------------------

struct EgoStep {
  std::vector<EntityIndex> seeds;
  int hops = 1;
  Direction direction = Direction::kBoth;
};
using ViewStep = std::variant<Filter, EgoStep>;

// A Python View (and, with no steps, a Python Graph).
class ViewHandle {
 public:
  ViewHandle(GraphPtr owner, std::vector<ViewStep> steps) : owner_(std::move(owner)), steps_(std::move(steps)) {}
  virtual ~ViewHandle() = default;

  const GraphPtr& owner() const { return owner_; }
  const Graph& graph() const { return owner_->graph(); }
  const std::vector<ViewStep>& steps() const { return steps_; }
  bool is_whole_graph() const { return steps_.empty(); }

  // The view over the graph as it is now, rebuilt when the graph changed since the last call.
  // Needs the read lock; does not touch Python objects (callable without the GIL).
  absl::StatusOr<std::shared_ptr<const View>> Resolve() const;

  // Resolve, raising the error as a Python exception. Needs the read lock and the GIL.
  std::shared_ptr<const View> ResolveOrThrow() const;

 private:
  GraphPtr owner_;
  std::vector<ViewStep> steps_;
  mutable std::mutex cache_mutex_;
  mutable std::shared_ptr<const View> cache_;
  mutable uint64_t cache_generation_ = 0;
};

using ViewPtr = std::shared_ptr<ViewHandle>;

// The Python Graph: the view of everything, plus loading and saving.
class GraphHandle : public ViewHandle {
 public:
  explicit GraphHandle(GraphPtr owner) : ViewHandle(std::move(owner), {}) {}
};

// Applies `change(graph, diagnostics)` to the graph with the GIL released and the lock held
// exclusively; raises its error once both are back to normal.
template <typename Change>
void Write(GraphHandle& self, Change change);

// ---- Arguments ---------------------------------------------------------------------------------

// An entity given by id, name or alias (str), or as an Entity object.
struct EntityKey {
  std::variant<std::string, EntityRef> key;
};

// A time given as text ("2024-06-30", "2025-Q2", "early 2024"), a datetime.date or a TimePoint.
struct TimeArg {
  TimePoint point;
  // The day a period stands for as a date filter: its last day ("2023" → 2023-12-31).
  absl::CivilDay last_day() const { return point.last_day(); }
};

// "out", "in" or "both".
struct DirectionArg {
  Direction direction = Direction::kBoth;
};

// The visible entity `key` names in `view`. KeyError when it names none, or several.
EntityIndex ResolveEntity(const View& view, const EntityKey& key);
// Like ResolveEntity, for the entity of the graph (visible or not).
EntityIndex ResolveGraphEntity(const Graph& graph, const EntityKey& key);

// A Python time value as a TimePoint: nullopt when `value` is no str, date or TimePoint.
// Raises ValidationError for text that is not a time.
std::optional<TimePoint> TimeFromPython(py::handle value);
PyDate DayToPython(absl::CivilDay day);
// datetime.date (or a subclass); the datetime module is imported on first use.
bool IsPythonDate(py::handle value);

Direction ParseDirection(std::string_view text);
std::string_view DirectionName(Direction direction);
std::string_view PeriodPartName(PeriodPart part);

// ---- Errors: the one place absl::Status becomes a Python exception -----------------------------

// NotFound → KeyError; InvalidArgument → aikg.ValidationError (with `diagnostics` when given,
// and `line`/`column` from a "line:column: ..." message); anything else → aikg.Error.
[[noreturn]] void ThrowStatus(const absl::Status& status, const std::vector<Diagnostic>* diagnostics = nullptr);
inline void ThrowIfError(const absl::Status& status, const std::vector<Diagnostic>* diagnostics = nullptr) {
  if (!status.ok()) ThrowStatus(status, diagnostics);
}
[[noreturn]] void ThrowKeyError(const std::string& message);
// An aikg.Diagnostic.
py::object DiagnosticToPython(const Diagnostic& diagnostic);
[[noreturn]] void ThrowValidationError(const std::string& message);

// ---- Registration, called in this order by module.cc -------------------------------------------

void RegisterTime(py::module_& m);
void RegisterModel(py::module_& m);
void RegisterView(py::module_& m);
void RegisterTraversal(py::module_& m);
void RegisterGraph(py::module_& m);
void RegisterSearch(py::module_& m);
void RegisterPaths(py::module_& m);
void RegisterAlgorithms(py::module_& m);
void RegisterQuery(py::module_& m);
void RegisterExport(py::module_& m);
void RegisterInterchange(py::module_& m);
void RegisterTimeline(py::module_& m);
void RegisterImport(py::module_& m);

// The bound View class, for areas that add methods to it.
using ViewClass = py::class_<ViewHandle, ViewPtr>;
ViewClass GetViewClass(py::module_& m);

// Calls `name` of the pure-Python helper module `aikg.<module_name>`.
py::object CallHelper(const char* module_name, const char* name, py::args args, py::kwargs kwargs = {});

// A `_repr_html_` that returns aikg._display.<function>(self).
inline auto ReprHtml(const char* function) {
  return [function](py::object self) {
    return CallHelper("_display", function, py::make_tuple(std::move(self))).cast<std::string>();
  };
}

// The UTF-8 text of the str `text`, without a copy (CPython keeps it with the str; for the ASCII
// ids of a graph it is the str's own bytes); nothing for a str that has none (a lone surrogate),
// which then does not load as an argument, as for a plain `str` parameter.
inline std::optional<std::string_view> Utf8Of(PyObject* text) {
  Py_ssize_t size = 0;
  const char* bytes = PyUnicode_AsUTF8AndSize(text, &size);
  if (bytes == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(bytes, static_cast<size_t>(size));
}

template <typename Change>
void Write(GraphHandle& self, Change change) {
  std::vector<Diagnostic> diagnostics;
  absl::Status status;
  {
    py::gil_scoped_release nogil;
    std::unique_lock<std::shared_mutex> lock(self.owner()->mutex());
    status = change(self.owner()->mutable_graph(), diagnostics);
    if (status.ok()) self.owner()->MarkChanged();
  }
  ThrowIfError(status, &diagnostics);
}

}  // namespace aikg::python

// ---- Type casters for the argument types ------------------------------------------------------

namespace pybind11::detail {

template <>
struct handle_type_name<aikg::python::PyDate> {
  static constexpr auto name = const_name("datetime.date");
};

template <>
struct type_caster<aikg::python::EntityRef> {
  PYBIND11_TYPE_CASTER(aikg::python::EntityRef, const_name("Entity"));

  bool load(handle source, bool) {
    const aikg::python::EntityRef* ref = aikg::python::EntityRefOf(source.ptr());
    if (ref == nullptr) return false;
    value = *ref;
    return true;
  }

  static handle cast(const aikg::python::EntityRef& ref, return_value_policy, handle) {
    return aikg::python::NewEntityObject(ref.owner, ref.index);
  }
};

template <>
struct type_caster<aikg::python::EntityKey> {
  PYBIND11_TYPE_CASTER(aikg::python::EntityKey, const_name("str | ") + make_caster<aikg::python::EntityRef>::name);

  bool load(handle source, bool) {
    if (isinstance<str>(source)) {
      std::optional<std::string_view> text = aikg::python::Utf8Of(source.ptr());
      if (!text) return false;
      value.key = std::string(*text);
      return true;
    }
    if (const aikg::python::EntityRef* ref = aikg::python::EntityRefOf(source.ptr())) {
      value.key = *ref;
      return true;
    }
    return false;
  }

  static handle cast(const aikg::python::EntityKey& key, return_value_policy, handle) {
    if (const auto* text = std::get_if<std::string>(&key.key)) return str(*text).release();
    return pybind11::cast(std::get<aikg::python::EntityRef>(key.key)).release();
  }
};

template <>
struct type_caster<aikg::python::TimeArg> {
  PYBIND11_TYPE_CASTER(aikg::python::TimeArg,
                       const_name("str | datetime.date | ") + make_caster<aikg::TimePoint>::name);

  bool load(handle source, bool) {
    std::optional<aikg::TimePoint> point = aikg::python::TimeFromPython(source);
    if (!point) return false;
    value.point = *point;
    return true;
  }

  static handle cast(const aikg::python::TimeArg& time, return_value_policy, handle) {
    return pybind11::cast(time.point).release();
  }
};

template <>
struct type_caster<aikg::python::DirectionArg> {
  PYBIND11_TYPE_CASTER(aikg::python::DirectionArg, const_name("typing.Literal['out', 'in', 'both']"));

  bool load(handle source, bool) {
    std::optional<std::string_view> text = isinstance<str>(source) ? aikg::python::Utf8Of(source.ptr()) : std::nullopt;
    if (!text) return false;
    value.direction = aikg::python::ParseDirection(*text);
    return true;
  }

  static handle cast(const aikg::python::DirectionArg& direction, return_value_policy, handle) {
    return str(std::string(aikg::python::DirectionName(direction.direction))).release();
  }
};

}  // namespace pybind11::detail

#endif  // AIKG_BINDINGS_PYTHON_AIKG_PY_H_
