// bindings/python/algorithms_py.cc: graph algorithms over a view, results keyed by entity id.
//
// Edges are the view's entity-to-entity statements; parallel statements count once each where
// edges are weighed (degree, PageRank), as in a networkx.MultiDiGraph.

#include <string>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

// Entity id → value, for the entities of the view, in load order.
template <typename Value, typename Number>
py::typing::Dict<py::str, Value> ByEntityId(const View& view, const std::vector<Number>& values) {
  py::typing::Dict<py::str, Value> result;
  const Graph& graph = view.graph();
  for (EntityIndex i = 0; i < values.size() && i < view.entities().size(); ++i) {
    if (!view.Contains(i)) continue;
    std::string_view id = graph.entity(i).id();
    result[py::str(id.data(), id.size())] = values[i];
  }
  return result;
}

// Runs `algorithm(view)` with the GIL released, and keys its result by entity id.
template <typename Value, typename Algorithm>
py::typing::Dict<py::str, Value> Run(const ViewHandle& self, Algorithm algorithm) {
  ReadLock lock(*self.owner());
  std::shared_ptr<const View> view = self.ResolveOrThrow();
  decltype(algorithm(*view)) values;
  {
    py::gil_scoped_release nogil;
    values = algorithm(*view);
  }
  return ByEntityId<Value>(*view, values);
}

}  // namespace

void RegisterAlgorithms(py::module_& m) {
  ViewClass view_class = GetViewClass(m);
  view_class.def(
      "pagerank",
      [](const ViewHandle& self, double damping, int max_iterations, double tolerance) {
        if (!(damping >= 0 && damping <= 1)) ThrowValidationError("damping must be in [0, 1]");
        if (max_iterations < 1) ThrowValidationError("max_iterations must be at least 1");
        PageRankOptions options{damping, max_iterations, tolerance};
        return Run<py::float_>(self, [&options](const View& view) { return PageRank(view, options); });
      },
      py::kw_only(), py::arg("damping") = 0.85, py::arg("max_iterations") = 100, py::arg("tolerance") = 1e-6, R"doc(
PageRank of the entities, by power iteration on the directed view; the rank of entities
without out-edges is spread over all, as networkx.pagerank does. Ranks sum to 1.

Parameters
----------
damping : float
    The damping factor (networkx's ``alpha``).
max_iterations : int
    At most this many iterations.
tolerance : float
    Stops when the L1 change of the whole vector falls below tolerance × entities.

Returns
-------
dict of str to float
    Entity id to rank, for the entities of the view.

Examples
--------
>>> rank = aikg.datasets.load("tiny").pagerank(max_iterations=1000, tolerance=1e-12)
>>> round(rank["chip/h100"], 10)
0.2537395254
)doc");

  view_class.def(
      "degree",
      [](const ViewHandle& self, const DirectionArg& direction) {
        return Run<py::int_>(self, [&direction](const View& view) { return Degree(view, direction.direction); });
      },
      py::arg("direction") = "both", R"doc(
Number of edge statements at each entity (parallel statements count once each).

Examples
--------
>>> aikg.datasets.load("tiny").degree("in")["chip/h100"]
3
)doc");

  view_class.def(
      "degree_centrality",
      [](const ViewHandle& self, const DirectionArg& direction) {
        return Run<py::float_>(self,
                               [&direction](const View& view) { return DegreeCentrality(view, direction.direction); });
      },
      py::arg("direction") = "both", R"doc(
Degree divided by (entities − 1), as networkx's degree, in_degree and out_degree centralities.

Parameters
----------
direction : {"both", "in", "out"}
    Which edges count.

Examples
--------
>>> aikg.datasets.load("tiny").degree_centrality("in")["chip/h100"]
0.5
)doc");

  view_class.def(
      "betweenness",
      [](const ViewHandle& self, bool normalized) {
        return Run<py::float_>(self,
                               [normalized](const View& view) { return BetweennessCentrality(view, normalized); });
      },
      py::kw_only(), py::arg("normalized") = true, R"doc(
Betweenness centrality of the directed view (Brandes' algorithm), normalised by
(n − 1)(n − 2) when `normalized`, as networkx.betweenness_centrality.

Examples
--------
>>> b = aikg.datasets.load("tiny").betweenness()
>>> b["org/deepseek"], b["country/cn"]
(0.0, 0.0)
)doc");

  view_class.def(
      "connected_components",
      [](const ViewHandle& self) {
        return Run<py::int_>(self, [](const View& view) { return ConnectedComponents(view); });
      },
      R"doc(
Weakly connected components: a component number per entity of the view, numbered 0, 1, ...
in the order of their first entity.

Returns
-------
dict of str to int

Examples
--------
>>> c = aikg.datasets.load("tiny").connected_components()
>>> c["org/alibaba"], c["model/r1"], c["org/nvidia"], c["country/us"]
(0, 0, 1, 1)
)doc");
}

}  // namespace aikg::python
