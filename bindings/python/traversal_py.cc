// bindings/python/traversal_py.cc: batched traversal: one call for many entities, answered
// with the GIL released, as NumPy arrays (NumPy is imported on the first such call, so it
// stays optional for everything else).

#include <pybind11/numpy.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aikg/algorithms.h"
#include "aikg_py.h"
#include "fast_path.h"

namespace aikg::python {
namespace {

std::vector<EntityIndex> ResolveAll(const View& view, const std::vector<EntityKey>& keys) {
  std::vector<EntityIndex> entities;
  entities.reserve(keys.size());
  for (const EntityKey& key : keys) entities.push_back(ResolveEntity(view, key));
  return entities;
}

template <typename Number>
py::array_t<int64_t> ToArray(const std::vector<Number>& values) {
  py::array_t<int64_t> array(static_cast<py::ssize_t>(values.size()));
  int64_t* out = array.mutable_data();
  for (size_t i = 0; i < values.size(); ++i) out[i] = static_cast<int64_t>(values[i]);
  return array;
}

// The ids of `entities` as a list of the graph's shared str objects.
template <typename Entities>
py::list IdList(const SharedGraph& owner, const Entities& entities) {
  py::list ids(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    PyList_SET_ITEM(ids.ptr(), static_cast<Py_ssize_t>(i), owner.EntityIdString(entities[i]).inc_ref().ptr());
  }
  return ids;
}

// The same as a NumPy array of objects.
py::array IdArray(const SharedGraph& owner, const std::vector<EntityIndex>& entities) {
  py::array ids(py::dtype("O"), py::array::ShapeContainer{static_cast<py::ssize_t>(entities.size())});
  auto** out = static_cast<PyObject**>(ids.mutable_data());
  for (size_t i = 0; i < entities.size(); ++i) {
    PyObject* id = owner.EntityIdString(entities[i]).inc_ref().ptr();
    std::swap(out[i], id);
    Py_XDECREF(id);  // what NumPy filled the new array with
  }
  return ids;
}

// The common call of View.neighbor_ids, `view.neighbor_ids("org/x")` or with `direction=` a
// str: an id, not a name or an Entity. Anything else (and an id the view does not show, for its
// error) goes to the general method.
py::object NeighborIdsFast(py::handle self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs != 1 || !PyUnicode_CheckExact(args[0])) return {};
  Direction direction = Direction::kBoth;
  if (kwnames != nullptr) {
    PyObject* given = OnlyKeyword(kwnames, args, nargs, "direction");
    std::optional<std::string_view> name = given != nullptr && PyUnicode_Check(given) ? Utf8Of(given) : std::nullopt;
    if (!name) return {};
    direction = ParseDirection(*name);
  }
  std::optional<std::string_view> id = Utf8Of(args[0]);
  if (!id) return {};
  const auto& handle = self.cast<const ViewHandle&>();
  ReadLock lock(*handle.owner());
  std::shared_ptr<const View> view = handle.ResolveOrThrow();
  std::optional<Entity> entity = handle.graph().FindEntity(*id);
  if (!entity || !view->Contains(entity->index())) return {};
  return IdList(*handle.owner(), view->DistinctNeighbors(entity->index(), direction));
}

}  // namespace

void RegisterTraversal(py::module_& m) {
  ViewClass view_class = GetViewClass(m);
  view_class.def(
      "neighborhood_sizes",
      [](const ViewHandle& self, const std::vector<EntityKey>& entities, int hops, const DirectionArg& direction) {
        if (hops < 0) ThrowValidationError("hops must be at least 0");
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        std::vector<EntityIndex> seeds = ResolveAll(*view, entities);
        std::vector<uint32_t> sizes;
        {
          py::gil_scoped_release nogil;
          sizes = view->NeighborhoodSizes(seeds, hops, direction.direction);
        }
        return ToArray(sizes);
      },
      py::arg("entities"), py::arg("hops") = 1, py::kw_only(), py::arg("direction") = "both", R"doc(
For each entity, how many entities of the view lie within `hops` steps of it, itself
included (igraph's ``neighborhood_size``). With ``hops=1`` that is one more than its number
of distinct neighbours. One call for all of them, with the GIL released.

Parameters
----------
entities : list of str or Entity
    Ids, names or aliases, or Entity objects; repeats are answered again.
hops : int
    Steps from each entity (0: the entity alone).
direction : {"both", "out", "in"}
    Follow statements either way (default), only from subject to object, or only backwards.

Returns
-------
numpy.ndarray
    int64, one size per entity, in the order given.

Raises
------
KeyError
    When an entity is not in the view.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.neighborhood_sizes(["org/alibaba", "chip/h100"], hops=2).tolist()
[4, 3]
>>> g.neighborhood_sizes(["org/alibaba"], hops=1, direction="out").tolist()
[2]
)doc");

  view_class.def(
      "degrees",
      [](const ViewHandle& self, const std::optional<std::vector<EntityKey>>& entities,
         const DirectionArg& direction) {
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        std::vector<EntityIndex> wanted;
        if (entities) wanted = ResolveAll(*view, *entities);
        std::vector<uint32_t> selected;
        {
          py::gil_scoped_release nogil;
          std::vector<uint32_t> degree = Degree(*view, direction.direction);
          if (entities) {
            selected.reserve(wanted.size());
            for (EntityIndex e : wanted) selected.push_back(degree[e]);
          } else if (view->HidesNothing()) {
            selected = std::move(degree);
          } else {
            for (EntityIndex e = 0; e < degree.size(); ++e) {
              if (view->Contains(e)) selected.push_back(degree[e]);
            }
          }
        }
        return ToArray(selected);
      },
      py::arg("entities") = py::none(), py::kw_only(), py::arg("direction") = "both", R"doc(
Degrees as an array: the number of edge statements at each entity (parallel statements count
once each), as :meth:`degree` gives them in a dict.

Parameters
----------
entities : list of str or Entity, optional
    The entities, in this order. Default: every entity of the view, in the order of
    :meth:`entities`.
direction : {"both", "in", "out"}
    Which edges count.

Returns
-------
numpy.ndarray
    int64, one degree per entity.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.degrees(["chip/h100", "org/deepseek"], direction="in").tolist()
[3, 0]
>>> len(g.degrees()) == len(g.entities())
True
)doc");

  view_class.def(
      "expand_many",
      [](const ViewHandle& self, const std::vector<EntityKey>& entities, int hops, const DirectionArg& direction) {
        if (hops < 0) ThrowValidationError("hops must be at least 0");
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        std::vector<EntityIndex> seeds = ResolveAll(*view, entities);
        Neighborhoods found;
        {
          py::gil_scoped_release nogil;
          found = view->ExpandEach(seeds, hops, direction.direction);
        }
        return py::make_tuple(ToArray(found.offsets), IdArray(*self.owner(), found.entities));
      },
      py::arg("entities"), py::arg("hops") = 1, py::kw_only(), py::arg("direction") = "both", R"doc(
For each entity, the distinct entities within `hops` steps of it (itself excluded), nearest
first, as two NumPy arrays in compressed-sparse-row form: the neighbours of ``entities[i]`` are
``ids[offsets[i]:offsets[i + 1]]``. One call for all of them, with the GIL released while
searching; a row holds ``neighborhood_sizes`` minus one entries, and with ``hops=1`` it is
:meth:`neighbor_ids` without the entity itself.

Parameters
----------
entities : list of str or Entity
    Ids, names or aliases, or Entity objects; repeats are answered again.
hops : int
    Steps from each entity (0: empty rows).
direction : {"both", "out", "in"}
    Follow statements either way (default), only from subject to object, or only backwards.

Returns
-------
tuple of numpy.ndarray
    ``(offsets, ids)``: int64 offsets, one more than the entities, starting at 0; and the
    neighbours' ids (str objects, the same ones every call returns for an entity).

Raises
------
KeyError
    When an entity is not in the view.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> offsets, ids = g.expand_many(["chip/h100", "org/deepseek"], direction="in")
>>> offsets.tolist(), ids.tolist()
([0, 2, 2], ['org/nvidia', 'country/us'])
>>> offsets, ids = g.expand_many(["org/alibaba"], hops=2)
>>> ids[offsets[0]:offsets[1]].tolist()  # one step, then two
['country/cn', 'org/deepseek', 'model/r1']
>>> g.neighborhood_sizes(["org/alibaba"], hops=2).tolist()
[4]
)doc");

  view_class.def(
      "neighbor_ids",
      [](const ViewHandle& self, const EntityKey& entity, const DirectionArg& direction) {
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        EntityIndex at = ResolveEntity(*view, entity);
        return py::typing::List<py::str>(IdList(*self.owner(), view->DistinctNeighbors(at, direction.direction)));
      },
      py::arg("entity"), py::kw_only(), py::arg("direction") = "both", R"doc(
The ids of the distinct entities one step from `entity`, each once however many statements
link them, in adjacency order: ``list(G.neighbors(id))`` of networkx, without building Hops.

Parameters
----------
entity : str or Entity
    Id, name or alias, or an Entity.
direction : {"both", "out", "in"}
    Follow statements either way (default), only from subject to object, or only backwards.

Returns
-------
list of str

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.neighbor_ids("chip/h100", direction="in")
['org/nvidia', 'country/us']
>>> g.neighbor_ids("org/deepseek")
['model/r1', 'org/alibaba', 'country/cn']
)doc");
  AddFastPath<NeighborIdsFast>(view_class, "neighbor_ids");
}

}  // namespace aikg::python
