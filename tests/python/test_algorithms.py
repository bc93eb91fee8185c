"""PageRank, degree, centralities and components, checked against networkx."""

from __future__ import annotations

import pytest

import aikg

nx = pytest.importorskip("networkx")


def test_pagerank_matches_networkx(tiny: aikg.Graph) -> None:
    rank = tiny.pagerank(max_iterations=1000, tolerance=1e-12)
    assert rank["chip/h100"] == pytest.approx(0.2537395253665633, abs=1e-9)
    assert rank["country/cn"] == pytest.approx(0.22311849008850324, abs=1e-9)
    assert rank["org/nvidia"] == pytest.approx(0.09397760201915975, abs=1e-9)
    assert sum(rank.values()) == pytest.approx(1.0)
    expected = nx.pagerank(tiny.to_networkx(), alpha=0.85, tol=1e-12, max_iter=1000)
    assert rank == pytest.approx(expected, abs=1e-9)
    assert list(rank) == [e.id for e in tiny.entities()]


def test_pagerank_over_a_view(tiny: aikg.Graph) -> None:
    rank = tiny.view(types=["Organization", "Country"]).pagerank()
    assert "chip/h100" not in rank
    assert sum(rank.values()) == pytest.approx(1.0, abs=1e-9)
    assert rank["country/cn"] > rank["org/nvidia"]
    with pytest.raises(aikg.ValidationError):
        tiny.pagerank(damping=1.5)


def test_degree(tiny: aikg.Graph) -> None:
    assert tiny.degree("in")["chip/h100"] == 3
    assert tiny.degree("out")["org/deepseek"] == 3
    assert tiny.degree()["org/alibaba"] == 2
    graph = tiny.to_networkx()
    assert tiny.degree("in") == dict(graph.in_degree())
    assert tiny.degree_centrality("in") == pytest.approx(nx.in_degree_centrality(graph))
    assert tiny.degree_centrality("out") == pytest.approx(nx.out_degree_centrality(graph))
    assert tiny.degree_centrality() == pytest.approx(nx.degree_centrality(graph))
    assert tiny.degree_centrality("in")["chip/h100"] == 0.5


def test_betweenness_matches_networkx(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    for graph in (tiny, newsletter):
        expected = nx.betweenness_centrality(nx.DiGraph(graph.to_networkx()))
        assert graph.betweenness() == pytest.approx(expected, abs=1e-12)
        raw = nx.betweenness_centrality(nx.DiGraph(graph.to_networkx()), normalized=False)
        assert graph.betweenness(normalized=False) == pytest.approx(raw, abs=1e-9)


def test_connected_components(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    components = tiny.connected_components()
    assert components == {
        "org/alibaba": 0, "org/deepseek": 0, "org/nvidia": 1, "country/us": 1,
        "country/cn": 0, "chip/h100": 1, "model/r1": 0,
    }  # fmt: skip
    assert "country/cn" not in tiny.view(types=["Company"]).connected_components()
    groups: dict[int, set[str]] = {}
    for entity, component in newsletter.connected_components().items():
        groups.setdefault(component, set()).add(entity)
    expected = {frozenset(c) for c in nx.weakly_connected_components(newsletter.to_networkx())}
    assert {frozenset(g) for g in groups.values()} == expected
