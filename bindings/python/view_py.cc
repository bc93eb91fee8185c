// bindings/python/view_py.cc: View, the reading API that Graph shares: lookups, filtered
// views (view, as_of, known_at, ego), neighbours and values.

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "aikg_py.h"
#include "fast_path.h"

namespace aikg::python {

ReadLock::ReadLock(const SharedGraph& graph) : lock_(graph.mutex(), std::try_to_lock) {
  if (!lock_.owns_lock()) {
    py::gil_scoped_release release;
    lock_.lock();
  }
}

SharedGraph::~SharedGraph() {
  if (id_strings_.empty() || !Py_IsInitialized()) return;  // after finalization they are gone with Python
  py::gil_scoped_acquire gil;  // the last owner may be a thread that released the GIL
  for (PyObject* id : id_strings_) Py_XDECREF(id);
}

py::handle SharedGraph::EntityIdString(EntityIndex entity) const {
  uint64_t now = generation();
  if (id_strings_generation_ != now || id_strings_.size() != graph_.entity_count()) {
    for (PyObject* id : id_strings_) Py_XDECREF(id);
    id_strings_.assign(graph_.entity_count(), nullptr);
    id_strings_generation_ = now;
  }
  PyObject*& id = id_strings_[entity];
  if (id == nullptr) {
    std::string_view text = graph_.entity(entity).id();
    id = PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
    if (id == nullptr) throw py::error_already_set();
  }
  return id;
}

const TextTable& SharedGraph::EntityIds() const {
  uint64_t now = generation();
  if (id_table_generation_ == now && id_table_.size() == graph_.entity_count()) return id_table_;
  id_table_ = TextTable();
  for (EntityIndex entity = 0; entity < graph_.entity_count(); ++entity) id_table_.Add(graph_.entity(entity).id());
  id_table_generation_ = now;
  return id_table_;
}

absl::StatusOr<std::shared_ptr<const View>> ViewHandle::Resolve() const {
  std::lock_guard<std::mutex> guard(cache_mutex_);
  uint64_t generation = owner_->generation();
  if (cache_ != nullptr && cache_generation_ == generation) return cache_;
  View view(graph());
  for (const ViewStep& step : steps_) {
    if (const Filter* filter = std::get_if<Filter>(&step)) {
      absl::StatusOr<View> filtered = view.Filtered(*filter);
      if (!filtered.ok()) return filtered.status();
      view = *std::move(filtered);
    } else {
      const EgoStep& ego = std::get<EgoStep>(step);
      view = view.Ego(ego.seeds, ego.hops, ego.direction);
    }
  }
  cache_ = std::make_shared<const View>(std::move(view));
  cache_generation_ = generation;
  return cache_;
}

std::shared_ptr<const View> ViewHandle::ResolveOrThrow() const {
  absl::StatusOr<std::shared_ptr<const View>> view = Resolve();
  if (!view.ok()) ThrowStatus(view.status());
  return *std::move(view);
}

namespace {

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

// The entities `text` names, by the library's one set of rules (aikg/resolve.h): its id, an
// external identifier, else the entities with that name, else with that alias.
std::vector<EntityIndex> Candidates(const NameResolver& resolver, const std::string& text) {
  std::vector<EntityIndex> found;
  for (const Candidate& candidate : resolver.Matches(text)) found.push_back(candidate.entity.index());
  return found;
}

EntityIndex ResolveIn(const Graph& graph, const View* view, const EntityKey& key) {
  if (const auto* ref = std::get_if<EntityRef>(&key.key)) {
    if (&ref->owner->graph() != &graph) ThrowValidationError("the entity belongs to another graph");
    if (view != nullptr && !view->Contains(ref->index)) {
      ThrowKeyError(Quote(ref->get().id()) + " is not in this view");
    }
    return ref->index;
  }
  const std::string& text = std::get<std::string>(key.key);
  // An id names one entity whatever else matches (NameResolver::Matches stops there too): the
  // common case, answered without building candidates.
  if (std::optional<Entity> by_id = graph.FindEntity(text); by_id && (view == nullptr || view->Contains(by_id->index()))) {
    return by_id->index();
  }
  NameResolver resolver(graph);
  std::vector<EntityIndex> candidates = Candidates(resolver, text);
  // The resolver's message suggests the nearest names.
  if (candidates.empty()) ThrowKeyError(std::string(resolver.Resolve(text).status().message()));
  if (view != nullptr) {
    std::vector<EntityIndex> visible;
    for (EntityIndex index : candidates) {
      if (view->Contains(index)) visible.push_back(index);
    }
    if (visible.empty()) ThrowKeyError(Quote(text) + " is not in this view");
    candidates = std::move(visible);
  }
  if (candidates.size() > 1) {
    std::string ids;
    for (EntityIndex index : candidates) {
      if (!ids.empty()) ids += ", ";
      ids += graph.entity(index).id();
    }
    ThrowKeyError(Quote(text) + " names several entities (" + ids + "): use an id");
  }
  return candidates.front();
}

std::vector<PredicateId> PredicateIds(const Graph& graph, const std::vector<std::string>& names) {
  std::vector<PredicateId> ids;
  for (const std::string& name : names) {
    std::optional<PredicateId> id = graph.schema() ? graph.schema()->FindPredicate(name) : std::nullopt;
    if (!id) ThrowValidationError("unknown predicate " + Quote(name));
    ids.push_back(*id);
  }
  return ids;
}

std::vector<TypeId> TypeIds(const Graph& graph, const std::vector<std::string>& names) {
  std::vector<TypeId> ids;
  for (const std::string& name : names) {
    std::optional<TypeId> id = graph.schema() ? graph.schema()->FindType(name) : std::nullopt;
    if (!id) ThrowValidationError("unknown entity type " + Quote(name));
    ids.push_back(*id);
  }
  return ids;
}

std::vector<Modality> Modalities(const std::vector<std::string>& names) {
  std::vector<Modality> modalities;
  for (const std::string& name : names) {
    std::optional<Modality> modality = ParseModality(name);
    if (!modality) {
      ThrowValidationError("unknown modality " + Quote(name) + " (reported, claim, forecast, plan or opinion)");
    }
    modalities.push_back(*modality);
  }
  return modalities;
}

// Which statements pass the optional predicate and modality lists.
struct StatementTest {
  std::vector<PredicateId> predicates;
  std::vector<Modality> modalities;

  bool operator()(const Statement& statement) const {
    if (!predicates.empty() &&
        std::find(predicates.begin(), predicates.end(), statement.predicate()) == predicates.end()) {
      return false;
    }
    return modalities.empty() ||
           std::find(modalities.begin(), modalities.end(), statement.modality()) != modalities.end();
  }
};

StatementTest MakeStatementTest(const Graph& graph, const std::vector<std::string>& predicates,
                                const std::vector<std::string>& modalities) {
  return {PredicateIds(graph, predicates), Modalities(modalities)};
}

StatementTest MakeStatementTest(const Graph& graph, const std::optional<std::vector<std::string>>& predicates,
                                const std::optional<std::vector<std::string>>& modalities) {
  return MakeStatementTest(graph, predicates.value_or(std::vector<std::string>{}),
                           modalities.value_or(std::vector<std::string>{}));
}

using TimeRange = std::tuple<std::optional<TimeArg>, std::optional<TimeArg>>;

ViewPtr Derive(const ViewHandle& self, ViewStep step) {
  std::vector<ViewStep> steps = self.steps();
  steps.push_back(std::move(step));
  auto view = std::make_shared<ViewHandle>(self.owner(), std::move(steps));
  ReadLock lock(*self.owner());
  view->ResolveOrThrow();  // reports a bad filter now
  return view;
}

ViewPtr MakeView(const ViewHandle& self, const std::optional<std::vector<std::string>>& types,
                 const std::optional<std::vector<EntityKey>>& entities,
                 const std::optional<std::vector<std::string>>& predicates,
                 const std::optional<std::vector<std::string>>& modalities,
                 const std::optional<std::vector<std::string>>& sources, const std::optional<TimeArg>& valid_at,
                 const std::optional<TimeRange>& valid_during, const std::optional<TimeArg>& known_at,
                 bool include_undated) {
  Filter filter;
  filter.include_undated = include_undated;
  if (types) filter.entity_types = *types;
  if (entities) {
    ReadLock lock(*self.owner());
    for (const EntityKey& key : *entities) {
      filter.entity_ids.emplace_back(self.graph().entity(ResolveGraphEntity(self.graph(), key)).id());
    }
  }
  if (predicates) filter.predicates = *predicates;
  if (modalities) filter.modalities = Modalities(*modalities);
  if (sources) filter.sources = *sources;
  if (valid_at) filter.valid_at = valid_at->last_day();
  if (valid_during) {
    const auto& [from, to] = *valid_during;
    filter.valid_during = ValidTime{from ? from->point : TimePoint(), to ? to->point : TimePoint()};
  }
  if (known_at) filter.known_at = known_at->last_day();
  return Derive(self, std::move(filter));
}

std::string ViewRepr(const ViewHandle& self) {
  ReadLock lock(*self.owner());
  std::shared_ptr<const View> view = self.ResolveOrThrow();
  const Graph& graph = self.graph();
  std::string schema = graph.schema() ? " of " + Quote(graph.schema()->name()) : "";
  return "<aikg.View" + schema + ": " + std::to_string(view->entity_count()) + " of " +
         std::to_string(graph.entity_count()) + " entities, " + std::to_string(view->statement_count()) + " of " +
         std::to_string(graph.statement_count()) + " statements>";
}

std::string HopRepr(const HopValue& hop) {
  ReadLock lock(*hop.statement.owner);
  Statement statement = hop.statement.get();
  std::string predicate(statement.predicate_name());
  std::string arrow = hop.forward ? "-[" + predicate + "]->" : "<-[" + predicate + "]-";
  return "<Hop " + arrow + " " + std::string(hop.neighbor.get().id()) + " (" + std::string(statement.id()) + ")>";
}

// `view.entity(id)`, the common call, around pybind11's dispatcher (fast_path.h): one id the view
// shows. A name, an alias, an Entity, a keyword, or an id the view does not show (which may still
// be someone's name) go to the general method.
py::object EntityByIdFast(py::handle self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs != 1 || kwnames != nullptr || !PyUnicode_CheckExact(args[0])) return {};
  std::optional<std::string_view> id = Utf8Of(args[0]);
  if (!id) return {};
  const auto& handle = self.cast<const ViewHandle&>();
  ReadLock lock(*handle.owner());
  std::optional<Entity> entity = handle.graph().FindEntity(*id);
  if (!entity) return {};
  // The whole graph shows every entity: no view to resolve (a mutex and a reference count).
  if (!handle.is_whole_graph() && !handle.ResolveOrThrow()->Contains(entity->index())) return {};
  PyObject* found = NewEntityObject(handle.owner(), entity->index());
  if (found == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(found);
}

}  // namespace

EntityIndex ResolveEntity(const View& view, const EntityKey& key) { return ResolveIn(view.graph(), &view, key); }

EntityIndex ResolveGraphEntity(const Graph& graph, const EntityKey& key) { return ResolveIn(graph, nullptr, key); }

ViewClass GetViewClass(py::module_& m) { return py::reinterpret_borrow<ViewClass>(m.attr("View")); }

void RegisterView(py::module_& m) {
  py::class_<HopValue>(m, "Hop", R"doc(
One step from an entity along an edge statement: the statement that justifies it (with its
sources), the entity it leads to, and whether it follows the statement from subject to object.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> for hop in sorted(g.neighbors("chip/h100", direction="in"), key=lambda hop: hop.statement.id):
...     print(hop, [source.id for source in hop.sources])
<Hop <-[develops]- org/nvidia (st/1)> ['src/letter']
<Hop <-[develops]- org/nvidia (st/12)> ['src/wire']
<Hop <-[restricts_export_of]- country/us (st/2)> ['src/letter']
)doc")
      .def_readonly("statement", &HopValue::statement, "The statement the step follows.")
      .def_readonly("neighbor", &HopValue::neighbor, "The entity the step leads to.")
      .def_readonly("forward", &HopValue::forward, "True when the step goes from subject to object.")
      .def_property_readonly(
          "predicate",
          [](const HopValue& hop) {
            ReadLock lock(*hop.statement.owner);
            return std::string(hop.statement.get().predicate_name());
          },
          "The statement's predicate.")
      .def_property_readonly(
          "sources",
          [](const HopValue& hop) {
            ReadLock lock(*hop.statement.owner);
            std::vector<SourceRef> sources;
            for (const Citation& c : hop.statement.get().citations()) {
              sources.push_back({hop.statement.owner, c.source});
            }
            return sources;
          },
          "The sources of the statement.")
      .def("__repr__", &HopRepr);

  ViewClass view_class(m, "View", R"doc(
A filtered part of a graph, with the same reading API as Graph: lookups, neighbours, paths,
algorithms, queries and exports all read only what the view keeps.

Views are made by ``Graph.view``, ``as_of``, ``known_at`` and ``ego``, and compose: filtering a
view keeps what passes both. A view keeps its graph alive, and reads the graph as it is now
(after a later ``Graph.load``, it filters the grown graph).

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> chips = g.view(types=["Organization", "Chip"], predicates=["develops"])
>>> chips
<aikg.View of 'tiny': 4 of 7 entities, 2 of 14 statements>
>>> sorted(e.id for e in chips.entities())
['chip/h100', 'org/alibaba', 'org/deepseek', 'org/nvidia']
>>> g.as_of("2021").statement_count < g.statement_count
True
)doc");
  view_class
      .def_property_readonly(
          "entity_count",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            return self.ResolveOrThrow()->entity_count();
          },
          "Number of entities in the view.")
      .def_property_readonly(
          "statement_count",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            return self.ResolveOrThrow()->statement_count();
          },
          "Number of statements in the view (edges and values).")
      .def_property_readonly(
          "edge_count",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            if (self.is_whole_graph()) return self.graph().edge_count();
            size_t edges = 0;
            for (StatementIndex i = 0; i < self.graph().statement_count(); ++i) {
              if (view->ContainsStatement(i) && self.graph().statement(i).object()) ++edges;
            }
            return edges;
          },
          "Number of statements in the view that link two entities.")
      .def_property_readonly(
          "source_count",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            return self.graph().source_count();
          },
          "Number of sources of the graph (views do not filter sources).")
      .def(
          "__contains__",
          [](const ViewHandle& self, const py::object& key) {
            const EntityRef* ref = EntityRefOf(key.ptr());
            if (!py::isinstance<py::str>(key) && ref == nullptr) return false;
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            if (ref != nullptr) return &ref->owner->graph() == &self.graph() && view->Contains(ref->index);
            for (const Candidate& candidate : NameResolver(self.graph()).Matches(key.cast<std::string>())) {
              if (view->Contains(candidate.entity.index())) return true;
            }
            return false;
          },
          py::arg("key"), R"doc(
True when `key` names an entity of the view (an id, an identifier, a name or an alias, as
``entity`` reads them), or is such an Entity.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> "org/alibaba" in g, "alibaba group" in g, "阿里巴巴" in g, "Atlantis" in g
(True, True, True, False)
)doc")
      .def(
          "__len__",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            return self.ResolveOrThrow()->entity_count();
          },
          "The number of entities of the view, as ``len(G)`` counts a networkx graph's nodes.")
      .def(
          "__iter__",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            py::list entities;
            for (EntityIndex i = 0; i < view->entities().size(); ++i) {
              if (view->Contains(i)) entities.append(EntityRef{self.owner(), i});
            }
            return py::typing::Iterator<EntityRef>(entities.attr("__iter__")());
          },
          "The entities of the view, in load order.")
      .def(
          "__getitem__",
          [](const ViewHandle& self, const EntityKey& key) {
            ReadLock lock(*self.owner());
            return EntityRef{self.owner(), ResolveEntity(*self.ResolveOrThrow(), key)};
          },
          py::arg("key"), R"doc(
The entity `key` names, as ``entity(key)``: ``g["org/alibaba"]``, ``g["阿里巴巴"]``.

Raises
------
KeyError
    When `key` names no entity of the view (with the nearest names), or several.
)doc")
      .def(
          "entity",
          [](const ViewHandle& self, const EntityKey& key) {
            ReadLock lock(*self.owner());
            return EntityRef{self.owner(), ResolveEntity(*self.ResolveOrThrow(), key)};
          },
          py::arg("key"), R"doc(
The entity with this id, or else with this name or alias (ignoring case and accents).

Parameters
----------
key : str or Entity
    An id (``"org/deepseek"``), a name or an alias (``"deepseek"``, ``"深度求索"``).

Returns
-------
Entity

Raises
------
KeyError
    When no entity of the view has that id, name or alias, or several have that name.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.entity("org/deepseek").name, g.entity("深度求索").id, g.entity("etats-unis").id
('DeepSeek', 'org/deepseek', 'country/us')
)doc")
      .def(
          "statement",
          [](const ViewHandle& self, const std::string& id) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            std::optional<Statement> statement = self.graph().FindStatement(id);
            if (!statement) ThrowKeyError("no statement " + Quote(id));
            if (!view->ContainsStatement(statement->index())) ThrowKeyError(Quote(id) + " is not in this view");
            return StatementRef{self.owner(), statement->index()};
          },
          py::arg("id"), R"doc(
The statement with this id.

Raises
------
KeyError
    When the view has no statement with that id.

Examples
--------
>>> aikg.datasets.load("tiny").statement("st/5").value.amount
97000000.0
)doc")
      .def(
          "source",
          [](const ViewHandle& self, const std::string& id) {
            ReadLock lock(*self.owner());
            std::optional<Source> source = self.graph().FindSource(id);
            if (!source) ThrowKeyError("no source " + Quote(id));
            return SourceRef{self.owner(), source->index()};
          },
          py::arg("id"), R"doc(
The source with this id (views do not filter sources).

Raises
------
KeyError
    When the graph has no source with that id.
)doc")
      .def(
          "entities",
          [](const ViewHandle& self, const std::optional<std::vector<std::string>>& types,
             const std::optional<std::string>& type) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            const Graph& graph = self.graph();
            std::vector<std::string> names = types.value_or(std::vector<std::string>{});
            if (type) names.push_back(*type);
            std::vector<TypeId> wanted = TypeIds(graph, names);
            std::vector<EntityRef> entities;
            for (EntityIndex i = 0; i < view->entities().size(); ++i) {
              if (!view->Contains(i)) continue;
              if (!wanted.empty() && !graph.schema()->IsAnyOf(graph.entity(i).type(), wanted)) continue;
              entities.push_back({self.owner(), i});
            }
            return entities;
          },
          py::arg("types") = py::none(), py::kw_only(), py::arg("type") = py::none(), R"doc(
The entities of the view, in load order.

Parameters
----------
types : list of str, optional
    Only entities of these types or their subtypes.
type : str, optional
    Only entities of this type or its subtypes.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> [e.id for e in g.entities(type="Organization")]
['org/alibaba', 'org/deepseek', 'org/nvidia']
>>> [e.id for e in g.entities(types=["Chip", "Country"])]
['country/us', 'country/cn', 'chip/h100']
)doc")
      .def(
          "statements",
          [](const ViewHandle& self, const std::optional<EntityKey>& subject, const std::optional<EntityKey>& object,
             const std::optional<std::string>& predicate, const std::optional<std::string>& source,
             const std::optional<std::string>& modality, const std::optional<std::vector<std::string>>& predicates,
             const std::optional<std::vector<std::string>>& modalities) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            const Graph& graph = self.graph();
            std::vector<std::string> predicate_names = predicates.value_or(std::vector<std::string>{});
            if (predicate) predicate_names.push_back(*predicate);
            std::vector<std::string> modality_names = modalities.value_or(std::vector<std::string>{});
            if (modality) modality_names.push_back(*modality);
            StatementTest test = MakeStatementTest(graph, predicate_names, modality_names);
            // A source counts with every source it relays (a newsletter relaying a wire story).
            std::vector<bool> cited;
            if (source) {
              std::optional<Source> wanted = graph.FindSource(*source);
              if (!wanted) ThrowKeyError("no source " + Quote(*source));
              cited.assign(graph.source_count(), false);
              for (SourceIndex i = 0; i < graph.source_count(); ++i) {
                for (std::optional<Source> at = graph.source(i); at; at = at->via()) {
                  if (*at == *wanted) cited[i] = true;
                  if (cited[i]) break;
                }
              }
            }
            std::optional<EntityIndex> object_index;
            if (object) object_index = ResolveEntity(*view, *object);
            std::vector<StatementRef> statements;
            auto add = [&](const Statement& statement) {
              if (!view->ContainsStatement(statement.index()) || !test(statement)) return;
              if (object_index) {
                std::optional<Entity> target = statement.object();
                if (!target || target->index() != *object_index) return;
              }
              if (source && std::none_of(statement.citations().begin(), statement.citations().end(),
                                         [&](const Citation& citation) { return cited[citation.source]; })) {
                return;
              }
              statements.push_back({self.owner(), statement.index()});
            };
            if (subject) {
              for (const Statement& statement : graph.StatementsAbout(ResolveEntity(*view, *subject))) add(statement);
            } else if (object_index) {
              for (const Statement& statement : graph.StatementsPointingTo(*object_index)) add(statement);
            } else {
              for (StatementIndex i = 0; i < view->statements().size(); ++i) add(graph.statement(i));
            }
            return statements;
          },
          py::arg("subject") = py::none(), py::kw_only(), py::arg("object") = py::none(),
          py::arg("predicate") = py::none(), py::arg("source") = py::none(), py::arg("modality") = py::none(),
          py::arg("predicates") = py::none(), py::arg("modalities") = py::none(), R"doc(
The statements of the view, in load order, filtered by any of the arguments (all must hold).

Parameters
----------
subject, object : str or Entity, optional
    Only statements about this entity, or linking to it (edges).
predicate, modality : str, optional
    Only statements of this predicate, or asserted in this modality.
source : str, optional
    Only statements citing this source, or a source it relays.
predicates, modalities : list of str, optional
    Only statements of these predicates, or asserted in these modalities.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> [s.id for s in g.statements("org/alibaba", predicate="revenue")]
['st/3', 'st/11']
>>> [s.id for s in g.statements(object="China")]
['st/13', 'st/14']
>>> [s.id for s in g.statements(modality="claim", source="src/wire")]
['st/8', 'st/10', 'st/12']
>>> [s.id for s in g.statements(modalities=["forecast", "opinion"])]
['st/7', 'st/11']
)doc")
      .def(
          "sources",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::vector<SourceRef> sources;
            for (SourceIndex i = 0; i < self.graph().source_count(); ++i) sources.push_back({self.owner(), i});
            return sources;
          },
          "The sources of the graph, in load order.")
      .def("view", &MakeView, py::kw_only(), py::arg("types") = py::none(), py::arg("entities") = py::none(),
           py::arg("predicates") = py::none(), py::arg("modalities") = py::none(), py::arg("sources") = py::none(),
           py::arg("valid_at") = py::none(), py::arg("valid_during") = py::none(), py::arg("known_at") = py::none(),
           py::arg("include_undated") = false, R"doc(
The part of this view that passes a filter. Every argument left out keeps everything.

Parameters
----------
types : list of str, optional
    Entities of these types and their subtypes.
entities : list of str or Entity, optional
    Only these entities.
predicates : list of str, optional
    Statements of these predicates.
modalities : list of str, optional
    Statements asserted so: 'reported', 'claim', 'forecast', 'plan', 'opinion'.
sources : list of str, optional
    Statements citing one of these sources (or a source they relayed).
valid_at : str or datetime.date or TimePoint, optional
    Statements that may hold on that day (a period stands for its last day: "2023" is
    2023-12-31). Undated statements are dropped unless ``include_undated``.
valid_during : tuple (start, end), optional
    Statements whose valid time overlaps the period; either end may be None (open).
known_at : str or datetime.date or TimePoint, optional
    Statements one of whose sources may have been published by that day.
include_undated : bool, default False
    With ``valid_at`` or ``valid_during``: keep undated statements too, each counting as holding
    from the day its sources may first have been published (always, when no source is dated).

Returns
-------
View

Raises
------
ValidationError
    For an unknown type, predicate, modality or source, or a bad time.

Examples
--------
>>> import datetime
>>> g = aikg.datasets.load("tiny")
>>> v = g.view(modalities=["reported"], valid_at=datetime.date(2025, 6, 30))
>>> sorted(s.id for s in v.statements())
['st/1', 'st/2', 'st/3', 'st/4', 'st/5', 'st/6']
>>> g.view(valid_during=("2025-Q2", None)).statement_count
6
>>> g.view(valid_during=("2025-Q2", None), include_undated=True).statement_count
12
)doc")
      .def(
          "as_of",
          [](const ViewHandle& self, const TimeArg& date, bool include_undated) {
            Filter filter;
            filter.valid_at = date.last_day();
            filter.include_undated = include_undated;
            return Derive(self, std::move(filter));
          },
          py::arg("date"), py::kw_only(), py::arg("include_undated") = false, R"doc(
The view as of a day, in valid time: ``view(valid_at=date, include_undated=...)``, as the
AS OF clause of queries (``AS OF date INCLUDE UNDATED``).

Undated statements are dropped unless ``include_undated``; then each counts as holding from
the day its sources may first have been published (always, when no source is dated).

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> "st/6" in {s.id for s in g.as_of("2024-12-31").statements()}
False
>>> "st/6" in {s.id for s in g.as_of("2025-02-01").statements()}
True
)doc")
      .def(
          "known_at",
          [](const ViewHandle& self, const TimeArg& date) {
            Filter filter;
            filter.known_at = date.last_day();
            return Derive(self, std::move(filter));
          },
          py::arg("date"), R"doc(
The view as known at a day: statements one of whose sources may have been published by then
(``view(known_at=date)``, as the KNOWN AT clause of queries).

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> g.known_at("2025-08-31").statement_count, g.known_at("2025-09-30").statement_count
(0, 14)
>>> g.as_of("2025-06-30").known_at("2025-09-30").statement_count
7
)doc")
      .def(
          "ego",
          [](const ViewHandle& self, const std::variant<EntityKey, std::vector<EntityKey>>& center, int hops,
             const DirectionArg& direction) {
            if (hops < 0) ThrowValidationError("hops must be at least 0");
            EgoStep step{{}, hops, direction.direction};
            {
              ReadLock lock(*self.owner());
              std::shared_ptr<const View> view = self.ResolveOrThrow();
              if (const auto* one = std::get_if<EntityKey>(&center)) {
                step.seeds.push_back(ResolveEntity(*view, *one));
              } else {
                for (const EntityKey& key : std::get<std::vector<EntityKey>>(center)) {
                  step.seeds.push_back(ResolveEntity(*view, key));
                }
              }
            }
            return Derive(self, std::move(step));
          },
          py::arg("center"), py::kw_only(), py::arg("hops") = 1, py::arg("direction") = "both", R"doc(
The neighbourhood of one or more entities: the entities within `hops` steps and the
statements among them (their values included).

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> sorted(e.id for e in g.ego("org/deepseek", hops=1).entities())
['country/cn', 'model/r1', 'org/alibaba', 'org/deepseek']
)doc")
      .def(
          "neighbors",
          [](const ViewHandle& self, const EntityKey& entity, const DirectionArg& direction,
             const std::optional<std::vector<std::string>>& predicates,
             const std::optional<std::vector<std::string>>& modalities,
             const std::optional<std::vector<std::string>>& types) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            const Graph& graph = self.graph();
            StatementTest test = MakeStatementTest(graph, predicates, modalities);
            std::vector<TypeId> wanted = types ? TypeIds(graph, *types) : std::vector<TypeId>{};
            std::vector<HopValue> hops;
            for (const Hop& hop : view->Neighbors(ResolveEntity(*view, entity), direction.direction)) {
              if (!test(graph.statement(hop.statement))) continue;
              if (!wanted.empty() && !graph.schema()->IsAnyOf(graph.entity(hop.neighbor).type(), wanted)) continue;
              hops.push_back(MakeHop(self.owner(), hop));
            }
            return hops;
          },
          py::arg("entity"), py::arg("direction") = "out", py::kw_only(), py::arg("predicates") = py::none(),
          py::arg("modalities") = py::none(), py::arg("types") = py::none(), R"doc(
The edges at an entity, one Hop per statement (parallel statements are separate hops), in
the graph's adjacency order (out-edges first for "both").

Parameters
----------
entity : str or Entity
    Id, name or alias, or an Entity.
direction : {"out", "in", "both"}
    Follow statements from subject to object, the other way, or both.
predicates, modalities : list of str, optional
    Only statements of these predicates or modalities.
types : list of str, optional
    Only neighbours of these types (or subtypes).

Returns
-------
list of Hop

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> [(h.predicate, h.neighbor.id) for h in g.neighbors("org/deepseek")]
[('develops', 'model/r1'), ('competes_with', 'org/alibaba'), ('located_in', 'country/cn')]
>>> [h.neighbor.id for h in g.neighbors("country/cn", direction="in", types=["Company"])]
['org/alibaba', 'org/deepseek']
)doc")
      .def(
          "values",
          [](const ViewHandle& self, const EntityKey& entity, const std::optional<std::vector<std::string>>& predicates,
             const std::optional<std::vector<std::string>>& modalities) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            StatementTest test = MakeStatementTest(self.graph(), predicates, modalities);
            std::vector<StatementRef> statements;
            for (StatementIndex index : view->Values(ResolveEntity(*view, entity))) {
              if (test(self.graph().statement(index))) statements.push_back({self.owner(), index});
            }
            return statements;
          },
          py::arg("entity"), py::kw_only(), py::arg("predicates") = py::none(), py::arg("modalities") = py::none(),
          R"doc(
The value statements about an entity (quantities, texts, dates, truth values), in load order.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> for s in g.values("Alibaba", predicates=["revenue"]):
...     print(s.id, s.value, s.modality)
st/3 34.7 billion USD reported
st/11 ≈ 250 billion CNY (240–260 billion) forecast
)doc")
      .def(
          "expand",
          [](const ViewHandle& self, const std::variant<EntityKey, std::vector<EntityKey>>& center, int hops,
             const DirectionArg& direction) {
            if (hops < 0) ThrowValidationError("hops must be at least 0");
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            std::vector<EntityIndex> seeds;
            if (const auto* one = std::get_if<EntityKey>(&center)) {
              seeds.push_back(ResolveEntity(*view, *one));
            } else {
              for (const EntityKey& key : std::get<std::vector<EntityKey>>(center)) {
                seeds.push_back(ResolveEntity(*view, key));
              }
            }
            std::vector<std::pair<EntityIndex, int>> reached;
            {
              py::gil_scoped_release nogil;
              reached = view->Expand(seeds, hops, direction.direction);
            }
            py::typing::Dict<py::str, py::int_> distances;
            for (const auto& [index, distance] : reached) {
              std::string_view id = self.graph().entity(index).id();
              distances[py::str(id.data(), id.size())] = distance;
            }
            return distances;
          },
          py::arg("center"), py::kw_only(), py::arg("hops") = 1, py::arg("direction") = "both", R"doc(
The entities within `hops` steps of one or more entities, with their distance, in
breadth-first order (the centre first, at distance 0).

Returns
-------
dict of str to int
    Entity id to number of steps.

Examples
--------
>>> aikg.datasets.load("tiny").expand("model/r1", hops=2)
{'model/r1': 0, 'org/deepseek': 1, 'org/alibaba': 2, 'country/cn': 2}
)doc")
      .def("__repr__", &ViewRepr);
  AddFastPath<EntityByIdFast>(view_class, "entity");
}

}  // namespace aikg::python
