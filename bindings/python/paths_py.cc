// bindings/python/paths_py.cc: how two entities are linked: shortest and all simple paths,
// each hop with the statement (and so the sources) that justifies it.

#include <pybind11/functional.h>

#include <optional>
#include <string>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

struct PathValue {
  std::vector<EntityRef> entities;
  std::vector<HopValue> hops;
  double cost = 0;
};

PathValue ToPython(const GraphPtr& owner, const Path& path) {
  PathValue value;
  value.cost = path.cost;
  for (EntityIndex entity : path.entities) value.entities.push_back({owner, entity});
  for (const Hop& hop : path.hops) value.hops.push_back(MakeHop(owner, hop));
  return value;
}

std::string PathRepr(const PathValue& path) {
  if (path.entities.empty()) return "<Path>";
  ReadLock lock(*path.entities.front().owner);
  std::string text = "<Path " + std::string(path.entities.front().get().id());
  for (const HopValue& hop : path.hops) {
    std::string predicate(hop.statement.get().predicate_name());
    text += hop.forward ? " -[" + predicate + "]-> " : " <-[" + predicate + "]- ";
    text += std::string(hop.neighbor.get().id());
  }
  return text + ">";
}

using WeightFunction = py::typing::Callable<double(const StatementRef&)>;

}  // namespace

void RegisterPaths(py::module_& m) {
  py::class_<PathValue>(m, "Path", R"doc(
A path between two entities: the entities from start to end, and the hops between them, each
with the statement that justifies it. ``len(path)`` is the number of hops; iterating gives the
hops.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> path = g.shortest_path("model/r1", "country/cn")
>>> path
<Path model/r1 <-[develops]- org/deepseek -[located_in]-> country/cn>
>>> len(path), [s.id for s in path.statements], [src.id for src in path.hops[0].sources]
(2, ['st/6', 'st/14'], ['src/wire', 'src/letter'])
)doc")
      .def_readonly("entities", &PathValue::entities, "The entities from the start to the end, one more than hops.")
      .def_readonly("hops", &PathValue::hops, "The hops; hops[i] leads from entities[i] to entities[i + 1].")
      .def_readonly("cost", &PathValue::cost, "The number of hops, or the sum of the weights.")
      .def_property_readonly(
          "statements",
          [](const PathValue& path) {
            std::vector<StatementRef> statements;
            for (const HopValue& hop : path.hops) statements.push_back(hop.statement);
            return statements;
          },
          "The statement of each hop.")
      .def("__len__", [](const PathValue& path) { return path.hops.size(); })
      .def(
          "__iter__",
          [](const PathValue& path) { return py::make_iterator(path.hops.begin(), path.hops.end()); },
          py::keep_alive<0, 1>())
      .def("__repr__", &PathRepr);

  ViewClass view_class = GetViewClass(m);
  view_class.def(
      "shortest_path",
      [](const ViewHandle& self, const EntityKey& source, const EntityKey& target, const DirectionArg& direction,
         const std::optional<WeightFunction>& weight,
         const std::optional<std::vector<std::string>>& exclude) -> std::optional<PathValue> {
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        EntityIndex from = ResolveEntity(*view, source), to = ResolveEntity(*view, target);
        PathOptions options;
        options.direction = direction.direction;
        for (const std::string& name : exclude.value_or(std::vector<std::string>{})) {
          std::optional<PredicateId> predicate = self.graph().schema()->FindPredicate(name);
          if (!predicate) ThrowValidationError("unknown predicate '" + name + "'");
          options.exclude_predicates.push_back(*predicate);
        }
        // The weight is Python: called with the GIL, its first error stops the search.
        std::optional<py::error_already_set> error;
        if (weight) {
          options.weight = [&](const Statement& statement) -> double {
            if (error) return 0.0;
            py::gil_scoped_acquire gil;
            try {
              return py::cast<double>((*weight)(StatementRef{self.owner(), statement.index()}));
            } catch (py::error_already_set& e) {
              error = std::move(e);
            } catch (const py::cast_error&) {
              try {
                ThrowValidationError("the weight function must return a number");
              } catch (py::error_already_set& e) {
                error = std::move(e);
              }
            }
            return 0.0;
          };
        }
        absl::StatusOr<Path> path;
        {
          py::gil_scoped_release nogil;
          path = ShortestPath(*view, from, to, options);
        }
        if (error) throw std::move(*error);
        if (path.status().code() == absl::StatusCode::kNotFound) return std::nullopt;
        if (!path.ok()) ThrowStatus(path.status());
        return ToPython(self.owner(), *path);
      },
      py::arg("source"), py::arg("target"), py::kw_only(), py::arg("direction") = "both",
      py::arg("weight") = py::none(), py::arg("exclude") = py::none(), R"doc(
A shortest path from `source` to `target`, or None when the view links them by no path.

Ties go to the path found first, following statements in load order, so the answer is
stable.

Parameters
----------
source, target : str or Entity
    The ends (id, name or alias, or Entity).
direction : {"both", "out", "in"}
    Follow statements either way (default), only from subject to object, or only backwards.
weight : callable, optional
    ``weight(statement) -> float``, finite and non-negative: the path minimising the sum of
    weights (Dijkstra) instead of the number of hops.
exclude : list of str, optional
    Predicates not to follow: hubs such as ``headquartered_in`` join everything located in one
    country, and a path through them says little.

Returns
-------
Path or None

Raises
------
KeyError
    When an end is not in the view.
ValidationError
    When a weight is negative or not finite.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.shortest_path("model/r1", "country/cn", direction="out") is None
True
>>> trust = {"reported": 1.0, "claim": 2.0, "opinion": 5.0}
>>> g.shortest_path("org/deepseek", "org/alibaba", weight=lambda s: trust[s.modality])
<Path org/deepseek -[located_in]-> country/cn <-[located_in]- org/alibaba>
>>> g.shortest_path("org/deepseek", "org/alibaba")
<Path org/deepseek -[competes_with]-> org/alibaba>
>>> g.shortest_path("org/deepseek", "org/alibaba", exclude=["competes_with"])
<Path org/deepseek -[located_in]-> country/cn <-[located_in]- org/alibaba>
)doc");

  view_class.def(
      "all_simple_paths",
      [](const ViewHandle& self, const EntityKey& source, const EntityKey& target, int max_length,
         const DirectionArg& direction, size_t limit) {
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        EntityIndex from = ResolveEntity(*view, source), to = ResolveEntity(*view, target);
        if (max_length < 0) ThrowValidationError("max_length must be at least 0");
        absl::StatusOr<std::vector<Path>> paths;
        {
          py::gil_scoped_release nogil;
          paths = AllSimplePaths(*view, from, to, max_length, direction.direction, limit);
        }
        if (!paths.ok()) ThrowStatus(paths.status());
        std::vector<PathValue> result;
        for (const Path& path : *paths) result.push_back(ToPython(self.owner(), path));
        return result;
      },
      py::arg("source"), py::arg("target"), py::kw_only(), py::arg("max_length") = 3, py::arg("direction") = "both",
      py::arg("limit") = 1000, R"doc(
Every simple path (no entity twice) from `source` to `target` with at most `max_length` hops,
shortest first. Parallel statements make distinct paths.

Parameters
----------
source, target : str or Entity
    The ends.
max_length : int
    At most this many hops.
direction : {"both", "out", "in"}
    How statements may be followed.
limit : int
    At most this many paths.

Returns
-------
list of Path

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> [[s.id for s in p.statements] for p in g.all_simple_paths("org/nvidia", "chip/h100", max_length=1)]
[['st/1'], ['st/12']]
>>> len(g.all_simple_paths("org/deepseek", "country/cn", max_length=3))
2
)doc");
}

}  // namespace aikg::python
