"""Shortest and all simple paths, with the statements and sources behind each hop."""

from __future__ import annotations

import pytest

import aikg


def steps(path: aikg.Path) -> list[str]:
    return [f"{hop.statement.id}{'>' if hop.forward else '<'}{hop.neighbor.id}" for hop in path]


def test_shortest_path_follows_statements_either_way(tiny: aikg.Graph) -> None:
    path = tiny.shortest_path("model/r1", "country/cn")
    assert path is not None
    assert steps(path) == ["st/6<org/deepseek", "st/14>country/cn"]
    assert [e.id for e in path.entities] == ["model/r1", "org/deepseek", "country/cn"]
    assert len(path) == 2 and path.cost == 2.0
    assert [s.id for s in path.statements] == ["st/6", "st/14"]
    assert [s.id for s in path.hops[0].sources] == ["src/wire", "src/letter"]
    assert repr(path) == "<Path model/r1 <-[develops]- org/deepseek -[located_in]-> country/cn>"


def test_shortest_path_respects_direction_and_views(tiny: aikg.Graph) -> None:
    assert tiny.shortest_path("model/r1", "country/cn", direction="out") is None
    assert tiny.view(predicates=["develops", "competes_with"]).shortest_path("model/r1", "country/cn") is None
    same = tiny.shortest_path("model/r1", "model/r1")
    assert same is not None and len(same) == 0 and [e.id for e in same.entities] == ["model/r1"]
    with pytest.raises(KeyError, match="not in this view"):
        tiny.view(types=["Company"]).shortest_path("model/r1", "org/alibaba")


def test_weighted_shortest_path(tiny: aikg.Graph) -> None:
    def distrust_opinions(statement: aikg.Statement) -> float:
        return 10.0 if statement.modality == "opinion" else 1.0

    cheap = tiny.shortest_path("org/deepseek", "org/alibaba", weight=distrust_opinions)
    assert cheap is not None
    assert steps(cheap) == ["st/14>country/cn", "st/13<org/alibaba"] and cheap.cost == 2.0
    direct = tiny.shortest_path("org/deepseek", "org/alibaba", weight=lambda s: 1.0)
    assert direct is not None and steps(direct) == ["st/7>org/alibaba"]
    with pytest.raises(aikg.ValidationError):
        tiny.shortest_path("org/deepseek", "org/alibaba", weight=lambda s: -1.0)


def test_weight_errors_propagate(tiny: aikg.Graph) -> None:
    def broken(statement: aikg.Statement) -> float:
        raise RuntimeError(f"no weight for {statement.id}")

    with pytest.raises(RuntimeError, match="no weight for st/"):
        tiny.shortest_path("org/deepseek", "country/us", weight=broken)
    with pytest.raises(aikg.ValidationError, match="number"):
        tiny.shortest_path("org/deepseek", "country/cn", weight=lambda s: "far")  # type: ignore[arg-type,return-value]


def test_all_simple_paths(tiny: aikg.Graph) -> None:
    paths = tiny.all_simple_paths("org/deepseek", "country/cn", max_length=3)
    assert [steps(p) for p in paths] == [
        ["st/14>country/cn"],
        ["st/7>org/alibaba", "st/13>country/cn"],
    ]
    parallel = tiny.all_simple_paths("org/nvidia", "chip/h100", max_length=1)
    assert [[s.id for s in p.statements] for p in parallel] == [["st/1"], ["st/12"]]
    assert len(tiny.all_simple_paths("org/deepseek", "country/cn", max_length=3, limit=1)) == 1
    assert tiny.all_simple_paths("org/deepseek", "country/cn", max_length=3, direction="in") == []


def test_newsletter_links_deepseek_to_huawei(newsletter: aikg.Graph) -> None:
    path = newsletter.shortest_path("DeepSeek", "Huawei")
    assert path is not None
    assert [s.id for s in path.statements] == ["st/deepseek-based-in-china", "st/huawei-based-in-china"]
    by_length = [len(p) for p in newsletter.all_simple_paths("org/deepseek", "org/huawei", max_length=3)]
    assert by_length == [2, 3, 3]


def test_shortest_path_can_skip_hub_predicates(newsletter: aikg.Graph) -> None:
    hub = newsletter.shortest_path("Alibaba", "DeepSeek")
    assert hub is not None and [h.predicate for h in hub.hops] == ["headquartered_in", "headquartered_in"]
    informative = newsletter.shortest_path("Alibaba", "DeepSeek", exclude=["headquartered_in", "member_of", "located_in"])
    assert informative is not None and len(informative) > 2
    assert not {"headquartered_in", "member_of", "located_in"} & {h.predicate for h in informative.hops}
    with pytest.raises(aikg.ValidationError, match="unknown predicate 'based_nowhere'"):
        newsletter.shortest_path("Alibaba", "DeepSeek", exclude=["based_nowhere"])
