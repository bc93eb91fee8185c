"""Views (filters, time, composition, lifetime), neighbours, values, ego, expand and search."""

from __future__ import annotations

import datetime
import gc
from pathlib import Path

import pytest

import aikg
from conftest import TINY, write_more_for_tiny


def ids(items: list[aikg.Statement] | list[aikg.Entity]) -> list[str]:
    return sorted(item.id for item in items)


def test_view_by_types_and_predicates(tiny: aikg.Graph) -> None:
    chips = tiny.view(types=["Organization", "Chip"], predicates=["develops"])
    assert isinstance(chips, aikg.View) and not isinstance(chips, aikg.Graph)
    assert ids(chips.entities()) == ["chip/h100", "org/alibaba", "org/deepseek", "org/nvidia"]
    assert ids(chips.statements()) == ["st/1", "st/12"]
    assert (chips.entity_count, chips.statement_count, chips.edge_count) == (4, 2, 2)
    assert chips.source_count == 2
    assert repr(chips) == "<aikg.View of 'tiny': 4 of 7 entities, 2 of 14 statements>"


def test_view_by_entities_modalities_and_sources(tiny: aikg.Graph) -> None:
    assert ids(tiny.view(entities=["org/nvidia", "H100"]).statements()) == ["st/1", "st/12"]
    assert ids(tiny.view(modalities=["claim", "opinion"]).statements()) == ["st/10", "st/12", "st/7", "st/8"]
    wire = tiny.view(sources=["src/wire"]).statements()
    assert ids(wire) == ["st/10", "st/12", "st/6", "st/8", "st/9"]
    # A source also stands for what it relayed.
    assert tiny.view(sources=["src/letter"]).statement_count == 14


def test_view_rejects_unknown_names(tiny: aikg.Graph) -> None:
    with pytest.raises(aikg.ValidationError, match="Startup"):
        tiny.view(types=["Startup"])
    with pytest.raises(aikg.ValidationError, match="founds"):
        tiny.view(predicates=["founds"])
    with pytest.raises(aikg.ValidationError, match="rumour"):
        tiny.view(modalities=["rumour"])
    with pytest.raises(aikg.ValidationError, match="src/nowhere"):
        tiny.view(sources=["src/nowhere"])
    with pytest.raises(KeyError):
        tiny.view(entities=["org/nowhere"])
    with pytest.raises(aikg.ValidationError):
        tiny.view(valid_at="someday")


def test_valid_time_filters(tiny: aikg.Graph) -> None:
    # "early 2025" (Jan–Apr 2025) may hold from 2025-01-01 on.
    assert "st/6" not in ids(tiny.as_of("2024-12-31").statements())
    assert "st/6" in ids(tiny.as_of(datetime.date(2025, 1, 1)).statements())
    # A period stands for its last day.
    assert ids(tiny.as_of("2025").statements()) == ids(tiny.as_of(datetime.date(2025, 12, 31)).statements())
    assert tiny.as_of(aikg.TimePoint("2021")).statement_count == tiny.view(valid_at="2021-12-31").statement_count
    during = tiny.view(valid_during=("2023", "2023")).statements()
    assert "st/2" in ids(during) and "st/1" not in ids(during)
    assert ids(tiny.view(valid_during=(None, "2022-06-30")).statements()) == ["st/1", "st/12", "st/2"]


def test_undated_statements_only_when_included(tiny: aikg.Graph) -> None:
    # st/7 has no valid time; its source, the letter, is dated 2025-09: included, it counts from
    # 2025-09-01, in every valid-time filter alike.
    assert "st/7" not in ids(tiny.as_of("2030").statements())
    assert "st/7" in ids(tiny.as_of("2030", include_undated=True).statements())
    assert "st/7" not in ids(tiny.as_of("2025-06-30", include_undated=True).statements())
    assert "st/7" in ids(tiny.view(valid_at="2025-09-30", include_undated=True).statements())
    assert "st/7" in ids(tiny.view(valid_during=("2025-Q3", "2025-Q3"), include_undated=True).statements())
    assert "st/7" not in ids(tiny.view(valid_during=("2025-Q3", "2025-Q3")).statements())
    query = "MATCH (x)-[r]->(y) AS OF 2030 INCLUDE UNDATED RETURN r.id"
    edges = sorted(s.id for s in tiny.as_of("2030", include_undated=True).statements() if s.is_edge)
    assert sorted(row[0] for row in tiny.query(query)) == edges and "st/7" in edges
    # Without a valid-time filter nothing is dropped.
    assert tiny.view(include_undated=True).statement_count == tiny.view().statement_count == 14


def test_known_at(newsletter: aikg.Graph) -> None:
    known = newsletter.known_at("2025-08-31")
    edges = sorted(s.predicate for s in known.statements() if s.is_edge)
    assert edges == ["develops", "outperforms", "variant_of"]
    assert newsletter.known_at(datetime.date(2025, 9, 30)).statement_count == newsletter.statement_count


def test_views_compose(tiny: aikg.Graph) -> None:
    reported = tiny.view(modalities=["reported"])
    both = reported.as_of("2022-06-30").known_at("2025-09-30")
    assert ids(both.statements()) == ["st/1", "st/2"]
    assert ids(reported.view(types=["Country", "Chip"]).statements()) == ["st/2"]
    assert both.statement_count <= reported.statement_count <= tiny.statement_count


def test_view_lookups_only_see_the_view(tiny: aikg.Graph) -> None:
    companies = tiny.view(types=["Company"])
    assert "org/alibaba" in companies and "country/cn" not in companies
    assert "country/cn" in tiny and "nowhere" not in tiny and 3 not in tiny
    assert tiny.entity("org/alibaba") in companies
    with pytest.raises(KeyError, match="not in this view"):
        companies.entity("country/cn")
    with pytest.raises(KeyError, match="not in this view"):
        companies.statement("st/13")
    assert companies.source("src/wire").id == "src/wire"


def test_view_keeps_its_graph_alive() -> None:
    view = aikg.load(TINY).view(predicates=["develops"])
    entity = aikg.load(TINY).entity("org/deepseek")
    gc.collect()
    assert ids(view.statements()) == ["st/1", "st/12", "st/6"]
    assert entity.name == "DeepSeek"
    assert view.pagerank()["chip/h100"] > 0


def test_views_follow_later_loads(tmp_path: Path) -> None:
    graph = aikg.load(TINY)
    develops = graph.view(predicates=["develops"])
    assert develops.statement_count == 3
    more = write_more_for_tiny(tmp_path / "more.json")
    graph.load(more)
    assert develops.statement_count == 4
    assert [h.neighbor.id for h in develops.neighbors("org/alibaba")] == ["chip/ascend"]


def test_neighbors(tiny: aikg.Graph) -> None:
    out = tiny.neighbors("org/deepseek")
    assert [(h.predicate, h.neighbor.id, h.forward) for h in out] == [
        ("develops", "model/r1", True),
        ("competes_with", "org/alibaba", True),
        ("located_in", "country/cn", True),
    ]
    assert [h.statement.id for h in out] == ["st/6", "st/7", "st/14"]
    assert [s.id for s in out[0].sources] == ["src/wire", "src/letter"]
    incoming = tiny.neighbors("chip/h100", direction="in")
    assert sorted(h.statement.id for h in incoming) == ["st/1", "st/12", "st/2"]
    assert all(not h.forward for h in incoming)
    both = tiny.neighbors("org/alibaba", direction="both")
    assert [(h.neighbor.id, h.forward) for h in both] == [("country/cn", True), ("org/deepseek", False)]
    assert [h.neighbor.id for h in tiny.neighbors("chip/h100", direction="in", predicates=["develops"])] == [
        "org/nvidia", "org/nvidia"
    ]
    assert [h.statement.id for h in tiny.neighbors("chip/h100", direction="in", modalities=["claim"])] == ["st/12"]
    assert [h.neighbor.id for h in tiny.neighbors("org/deepseek", types=["Organization"])] == ["org/alibaba"]
    with pytest.raises(aikg.ValidationError, match="direction"):
        tiny.neighbors("org/deepseek", direction="up")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        tiny.neighbors("org/nowhere")


def test_neighbors_in_a_view(tiny: aikg.Graph) -> None:
    reported = tiny.view(modalities=["reported"])
    assert [h.statement.id for h in reported.neighbors("org/nvidia")] == ["st/1"]


def test_values_and_statements(tiny: aikg.Graph) -> None:
    assert [s.id for s in tiny.values("org/alibaba")] == ["st/3", "st/4", "st/11"]
    assert [s.id for s in tiny.values("org/alibaba", modalities=["forecast"])] == ["st/11"]
    assert [s.id for s in tiny.statements("org/deepseek")] == ["st/6", "st/7", "st/8", "st/14"]
    assert [s.id for s in tiny.statements(predicates=["located_in"])] == ["st/13", "st/14"]
    assert len(tiny.statements()) == 14
    assert [e.id for e in tiny.entities(types=["Country"])] == ["country/us", "country/cn"]


def test_ego_and_expand(tiny: aikg.Graph) -> None:
    ego = tiny.ego("org/deepseek")
    assert ids(ego.entities()) == ["country/cn", "model/r1", "org/alibaba", "org/deepseek"]
    assert "st/5" in ids(ego.statements())  # values of the entities in it
    assert ids(tiny.ego(["chip/h100", "org/deepseek"], hops=0).entities()) == ["chip/h100", "org/deepseek"]
    assert tiny.expand("model/r1", hops=2) == {"model/r1": 0, "org/deepseek": 1, "org/alibaba": 2, "country/cn": 2}
    assert tiny.expand("model/r1", hops=2, direction="out") == {"model/r1": 0}
    with pytest.raises(aikg.ValidationError):
        tiny.expand("model/r1", hops=-1)


def test_search(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    (match,) = tiny.search("deepsek")
    assert (match.entity.id, match.kind) == ("org/deepseek", "fuzzy")
    assert 0 < match.score < 1
    exact = tiny.search("China")[0]
    assert (exact.entity.id, exact.kind, exact.score, exact.name) == ("country/cn", "exact", 1.0, "china")
    assert [m.entity.id for m in tiny.search("deep")] == ["org/deepseek", "model/r1"]
    assert len(newsletter.search("a", limit=3)) == 3
    assert [m.entity.id for m in tiny.view(types=["AIModel"]).search("deep")] == ["model/r1"]
    assert repr(match).startswith("<NameMatch org/deepseek 'deepseek' fuzzy 0.")
