"""Batched traversal (neighbourhood sizes, expansions, degree arrays, distinct neighbours) and shortest-path
lengths, checked against networkx on the tiny graph and the newsletter dataset."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Literal

import pytest

import aikg
from conftest import TINY

nx = pytest.importorskip("networkx")
np = pytest.importorskip("numpy")

Direction = Literal["both", "out", "in"]
DIRECTIONS: list[Direction] = ["both", "out", "in"]


def networkx_view(graph: aikg.Graph, direction: Direction) -> Any:
    """The graph as networkx walks it in `direction`: undirected, as is, or reversed."""
    multi = graph.to_networkx()
    if direction == "both":
        return nx.Graph(multi.to_undirected())
    simple = nx.DiGraph(multi)
    return simple if direction == "out" else simple.reverse(copy=True)


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("name", ["tiny", "newsletter"])
def test_neighborhood_sizes_match_networkx(name: str, direction: Direction, request: pytest.FixtureRequest) -> None:
    graph: aikg.Graph = request.getfixturevalue(name)
    walked = networkx_view(graph, direction)
    ids = [e.id for e in graph.entities()]
    for hops in (0, 1, 2, 3):
        sizes = graph.neighborhood_sizes(ids, hops, direction=direction)
        assert isinstance(sizes, np.ndarray) and sizes.dtype == np.int64
        expected = [len(nx.single_source_shortest_path_length(walked, i, cutoff=hops)) for i in ids]
        assert sizes.tolist() == expected


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("name", ["tiny", "newsletter"])
def test_neighbor_ids_are_the_distinct_neighbours(name: str, direction: Direction, request: pytest.FixtureRequest) -> None:
    graph: aikg.Graph = request.getfixturevalue(name)
    walked = networkx_view(graph, direction)
    for entity in graph.entities():
        found = graph.neighbor_ids(entity.id, direction=direction)
        assert len(found) == len(set(found))
        assert set(found) == set(walked.neighbors(entity.id))
        assert set(found) == {hop.neighbor.id for hop in graph.neighbors(entity, direction)}


def test_neighbor_ids_answers_every_form_of_call_alike(tiny: aikg.Graph) -> None:
    """The common call (an id, `direction` by keyword) has a path around pybind11's dispatcher;
    names, Entity objects, `entity=` and bad arguments take the general one: same answers, same
    errors."""
    expected = ["model/r1", "org/alibaba", "country/cn"]
    assert tiny.neighbor_ids("org/deepseek") == expected
    assert tiny.neighbor_ids("org/deepseek", direction="both") == expected
    assert tiny.neighbor_ids("DeepSeek") == expected  # a name
    assert tiny.neighbor_ids(tiny.entity("org/deepseek")) == expected
    assert tiny.neighbor_ids(entity="org/deepseek", direction="out") == tiny.neighbor_ids("org/deepseek", direction="out")
    assert aikg.View.neighbor_ids(tiny, "chip/h100", direction="in") == ["org/nvidia", "country/us"]
    assert "direction" in (aikg.View.neighbor_ids.__doc__ or "")
    with pytest.raises(KeyError, match="org/nope"):
        tiny.neighbor_ids("org/nope")
    with pytest.raises(KeyError, match="not in this view"):
        tiny.view(types=["Company"]).neighbor_ids("country/cn", direction="out")
    with pytest.raises(aikg.ValidationError, match="direction must be"):
        tiny.neighbor_ids("org/deepseek", direction="up")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tiny.neighbor_ids("org/deepseek", "out")  # type: ignore[call-arg]  # direction is keyword-only
    with pytest.raises(TypeError):
        tiny.neighbor_ids("org/deepseek", hops=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tiny.neighbor_ids()  # type: ignore[call-arg]


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_degrees_match_the_degree_dict(newsletter: aikg.Graph, direction: Direction) -> None:
    degree = newsletter.degree(direction)
    everything = newsletter.degrees(direction=direction)
    assert everything.tolist() == list(degree.values())
    some = ["org/deepseek", "org/huawei"]
    assert newsletter.degrees(some, direction=direction).tolist() == [degree[i] for i in some]
    multi = newsletter.to_networkx()
    networkx_degree = {"both": multi.degree, "out": multi.out_degree, "in": multi.in_degree}[direction]
    assert everything.tolist() == [networkx_degree[e.id] for e in newsletter.entities()]


def test_batched_calls_follow_the_view(tiny: aikg.Graph) -> None:
    companies = tiny.view(types=["Company"])
    assert companies.neighborhood_sizes(["org/alibaba"], 1).tolist() == [2]
    assert companies.neighbor_ids("org/alibaba") == ["org/deepseek"]
    assert len(companies.degrees()) == len(companies.entities())
    with pytest.raises(KeyError):
        companies.neighborhood_sizes(["country/cn"], 1)
    with pytest.raises(KeyError):
        tiny.degrees(["org/nowhere"])
    with pytest.raises(aikg.ValidationError):
        tiny.neighborhood_sizes(["org/alibaba"], -1)
    assert tiny.neighborhood_sizes([], 2).tolist() == []


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_shortest_path_lengths_match_networkx(newsletter: aikg.Graph, direction: Direction) -> None:
    walked = networkx_view(newsletter, direction)
    ids = [e.id for e in newsletter.entities()]
    for source in ids[::3]:
        lengths = nx.single_source_shortest_path_length(walked, source)
        for target in ids[::2]:
            path = newsletter.shortest_path(source, target, direction=direction)
            if target not in lengths:
                assert path is None
                continue
            assert path is not None and len(path) == lengths[target], (source, target)
            assert path.entities[0].id == source and path.entities[-1].id == target


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("name", ["tiny", "newsletter"])
def test_expand_many_lists_what_networkx_reaches(name: str, direction: Direction, request: pytest.FixtureRequest) -> None:
    graph: aikg.Graph = request.getfixturevalue(name)
    walked = networkx_view(graph, direction)
    ids = [e.id for e in graph.entities()]
    for hops in (0, 1, 2, 3):
        offsets, found = graph.expand_many(ids, hops, direction=direction)
        assert offsets.dtype == np.int64 and found.dtype == object
        assert offsets.tolist()[0] == 0 and offsets[-1] == len(found) and len(offsets) == len(ids) + 1
        sizes = graph.neighborhood_sizes(ids, hops, direction=direction)
        assert np.diff(offsets).tolist() == (sizes - 1).tolist()
        for i, entity in enumerate(ids):
            row = found[offsets[i]:offsets[i + 1]].tolist()
            reached = nx.single_source_shortest_path_length(walked, entity, cutoff=hops)
            assert sorted(row) == sorted(set(reached) - {entity}), (entity, hops)
            # Nearest first.
            assert [reached[r] for r in row] == sorted(reached[r] for r in row)
            if hops == 1:
                assert row == [n for n in graph.neighbor_ids(entity, direction=direction) if n != entity]


def test_expand_many_in_a_view_and_its_errors(tiny: aikg.Graph) -> None:
    develops = tiny.view(predicates=["develops"])
    offsets, found = develops.expand_many(["org/deepseek", "chip/h100", "org/deepseek"], 2)
    rows = [found[offsets[i]:offsets[i + 1]].tolist() for i in range(3)]
    assert rows == [["model/r1"], ["org/nvidia"], ["model/r1"]]
    offsets, found = tiny.expand_many([], 2)
    assert offsets.tolist() == [0] and found.tolist() == []
    with pytest.raises(KeyError):
        develops.expand_many(["org/nope"])
    with pytest.raises(aikg.ValidationError):
        tiny.expand_many(["org/deepseek"], -1)


def random_graph(seed: int, path: Path) -> aikg.Graph:
    """A random graph over the tiny schema: a few dozen entities, up to 300 statements, most edges at
    a few hubs, with parallel edges, self-loops, isolated entities and a value now and then."""
    rng = random.Random(seed)
    ids = {kind: [f"{kind}/{i}" for i in range(rng.randint(1, 12))] for kind in ("Company", "Organization", "Country", "Chip", "AIModel")}
    organizations = ids["Organization"] + ids["Company"]

    def hub(candidates: list[str]) -> str:
        return candidates[min(len(candidates) - 1, int(len(candidates) * rng.random() ** 3))]

    shapes = [("develops", organizations, ids["Chip"]), ("develops", organizations, ids["AIModel"]),
              ("located_in", organizations, ids["Country"]), ("restricts_export_of", ids["Country"], ids["Chip"]),
              ("competes_with", organizations, organizations)]
    statements: list[dict[str, Any]] = []
    for i in range(rng.randrange(300)):
        predicate, subjects, objects = rng.choice(shapes)
        statement: dict[str, Any] = {"id": f"st/{i}", "subject": hub(subjects), "predicate": predicate, "object": hub(objects)}
        if rng.random() < 0.1:
            del statement["object"]
            statement.update(predicate="slogan", value={"text": "s"})
        statement.update(modality=rng.choice(["reported", "claim"]), sources=[{"source": "src/s"}])
        statements.append(statement)
    path.write_text(json.dumps({
        "format": "aikg-graph/1",
        "schema": str(TINY.parent / "tiny.schema.json"),
        "sources": [{"id": "src/s", "kind": "report"}],
        "entities": [{"id": i, "type": kind, "name": i} for kind, members in ids.items() for i in members],
        "statements": statements,
    }), encoding="utf-8")
    return aikg.load(path)


def reached_by_search(view: aikg.View, seed: str, hops: int, direction: Direction) -> dict[str, int]:
    """Distances within `hops` steps of `seed`: a plain breadth-first search over the view's edge
    statements, read one by one."""
    following: dict[str, set[str]] = {}
    for statement in view.statements():
        subject, target = statement.subject.id, statement.object
        if target is None:
            continue
        if direction != "in":
            following.setdefault(subject, set()).add(target.id)
        if direction != "out":
            following.setdefault(target.id, set()).add(subject)
    distance = {seed: 0}
    queue = [seed]
    for entity in queue:
        if distance[entity] < hops:
            for neighbor in following.get(entity, ()):
                if neighbor not in distance:
                    distance[neighbor] = distance[entity] + 1
                    queue.append(neighbor)
    return distance


@pytest.mark.parametrize("seed", range(6))
def test_neighbourhoods_of_random_graphs_match_a_plain_search(seed: int, tmp_path: Path) -> None:
    graph = random_graph(seed, tmp_path / "random.json")
    views = [graph, graph.view(predicates=["develops", "competes_with"]), graph.view(modalities=["reported"]),
             graph.view(types=["Organization", "Chip"])]
    for view in views:
        ids = [e.id for e in view.entities()]
        ids += ids[:1]  # a seed asked twice is answered twice
        for direction in DIRECTIONS:
            for hops in (0, 1, 2, 3, 5):
                sizes = view.neighborhood_sizes(ids, hops, direction=direction)
                offsets, found = view.expand_many(ids, hops, direction=direction)
                for i, entity in enumerate(ids):
                    expected = reached_by_search(view, entity, hops, direction)
                    assert sizes[i] == len(expected), (seed, entity, hops, direction)
                    row = found[offsets[i]:offsets[i + 1]].tolist()
                    assert sorted(row) == sorted(set(expected) - {entity}), (seed, entity, hops, direction)
                    assert [expected[r] for r in row] == sorted(expected[r] for r in row)  # nearest first


def test_results_share_id_strings_and_follow_a_change(tmp_path: Path) -> None:
    graph = aikg.load(TINY)
    first = graph.neighbor_ids("org/nvidia", direction="out")
    assert first == ["chip/h100"]
    assert graph.neighbor_ids("org/nvidia", direction="out")[0] is first[0]
    assert graph.expand_many(["org/nvidia"], direction="out")[1][0] is first[0]
    more = tmp_path / "more.json"
    more.write_text(json.dumps({
        "format": "aikg-graph/1",
        "schema": str(TINY.parent / "tiny.schema.json"),
        "entities": [{"id": "chip/b200", "type": "Chip", "name": "B200"}],
        "statements": [{"id": "st/b200", "subject": "org/nvidia", "predicate": "develops", "object": "chip/b200",
                        "modality": "reported", "sources": [{"source": "src/letter"}]}],
    }), encoding="utf-8")
    pytest.importorskip("pandas")
    before = graph.statements_frame()  # its ids come from a buffer of the graph's ids, kept until a change
    graph.load(more)
    assert graph.neighbor_ids("org/nvidia", direction="out") == ["chip/h100", "chip/b200"]
    after = graph.statements_frame().set_index("id")
    assert len(after) == len(before) + 1 and after.loc["st/b200", "object"] == "chip/b200"
    assert graph.degrees(["org/nvidia"], direction="out").tolist() == [3]
    offsets, found = graph.expand_many(["chip/b200"], direction="in")
    assert found.tolist() == ["org/nvidia"]
