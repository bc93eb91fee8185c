// bindings/python/search_py.cc: ranked search of entities by name (aikg::SearchNames).

#include <string>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

struct MatchValue {
  EntityRef entity;
  std::string name;
  MatchKind kind;
  double score;
};

std::string_view MatchKindName(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact: return "exact";
    case MatchKind::kPrefix: return "prefix";
    case MatchKind::kWordPrefix: return "word_prefix";
    case MatchKind::kFuzzy: return "fuzzy";
  }
  return "fuzzy";
}

}  // namespace

void RegisterSearch(py::module_& m) {
  py::class_<MatchValue>(m, "NameMatch", "An entity found by ``search``, with the name that matched and how well.")
      .def_readonly("entity", &MatchValue::entity, "The entity.")
      .def_readonly("name", &MatchValue::name, "The name or alias that matched, folded (lower case, no accents).")
      .def_property_readonly(
          "kind", [](const MatchValue& match) { return std::string(MatchKindName(match.kind)); },
          "'exact', 'prefix', 'word_prefix' or 'fuzzy'.")
      .def_readonly("score", &MatchValue::score, "1 for an exact match, lower for looser ones, in (0, 1].")
      .def("__repr__", [](const MatchValue& match) {
        ReadLock lock(*match.entity.owner);
        return "<NameMatch " + std::string(match.entity.get().id()) + " '" + match.name + "' " +
               std::string(MatchKindName(match.kind)) + " " + std::string(py::repr(py::float_(match.score))) + ">";
      });

  GetViewClass(m).def(
      "search",
      [](const ViewHandle& self, const std::string& text, size_t limit, int max_edits) {
        ReadLock lock(*self.owner());
        std::shared_ptr<const View> view = self.ResolveOrThrow();
        SearchOptions options;
        // A view may hide some matches: search the whole graph, then keep the visible ones.
        options.limit = self.is_whole_graph() ? limit : self.graph().entity_count();
        options.max_edits = max_edits;
        std::vector<NameMatch> matches;
        {
          py::gil_scoped_release nogil;
          matches = SearchNames(self.graph(), text, options);
        }
        std::vector<MatchValue> found;
        for (const NameMatch& match : matches) {
          if (found.size() == limit) break;
          if (!view->Contains(match.entity.index())) continue;
          found.push_back({EntityRef{self.owner(), match.entity.index()}, std::string(match.name), match.kind,
                           match.score});
        }
        return found;
      },
      py::arg("text"), py::arg("limit") = 10, py::kw_only(), py::arg("max_edits") = 2, R"doc(
Entities whose name or alias matches `text`, best first: exact names, then names starting
with it, then names with a word starting with it, then names within a few typos. Case,
accents and width are ignored.

Parameters
----------
text : str
    What to look for.
limit : int
    At most this many matches.
max_edits : int
    Fuzzy matches differ by at most this many edits (and a quarter of the text's length).

Returns
-------
list of NameMatch

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> [(m.entity.id, m.kind) for m in g.search("deepsek")]
[('org/deepseek', 'fuzzy')]
>>> [m.entity.id for m in g.search("deep")]
['org/deepseek', 'model/r1']
)doc");
}

}  // namespace aikg::python
