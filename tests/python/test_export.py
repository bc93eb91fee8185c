"""Exports: networkx graphs and pandas frames, of the whole graph and of views."""

from __future__ import annotations

import datetime

import pytest

import aikg


def test_to_networkx_keeps_parallel_edges(tiny: aikg.Graph) -> None:
    nx = pytest.importorskip("networkx")
    graph = tiny.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["schema"] == "tiny"
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 7)
    assert sorted(graph["org/nvidia"]["chip/h100"]) == ["st/1", "st/12"]
    reported = graph.edges["org/nvidia", "chip/h100", "st/1"]
    claimed = graph.edges["org/nvidia", "chip/h100", "st/12"]
    assert (reported["modality"], claimed["modality"]) == ("reported", "claim")
    assert reported == {
        "id": "st/1",
        "predicate": "develops",
        "valid": "2022",
        "valid_from": "2022",
        "valid_to": "2022",
        "valid_start": datetime.date(2022, 1, 1),
        "valid_end": datetime.date(2022, 12, 31),
        "period": None,
        "modality": "reported",
        "sources": ["src/letter"],
        "locators": ["Focus"],
        "confidence": None,
        "qualifiers": {},
    }
    assert graph.edges["country/us", "chip/h100", "st/2"]["confidence"] == 0.9
    assert graph.edges["country/us", "chip/h100", "st/2"]["valid"] == "2022.."


def test_to_networkx_node_attributes(tiny: aikg.Graph) -> None:
    pytest.importorskip("networkx")
    graph = tiny.to_networkx()
    alibaba = graph.nodes["org/alibaba"]
    assert {key: alibaba[key] for key in ("type", "name", "description", "aliases")} == {
        "type": "Company",
        "name": "Alibaba Group",
        "description": "Chinese e-commerce and cloud company.",
        "aliases": ["阿里巴巴", "Alibaba"],
    }
    assert (alibaba["founded"], alibaba["ticker"], alibaba["listed"], alibaba["employees"], alibaba["margin"]) == (
        "1999", "BABA", True, 204891, 0.125
    )
    values = {value["id"]: value for value in alibaba["values"]}
    assert sorted(values) == ["st/11", "st/3", "st/4"]
    assert (values["st/11"]["amount"], values["st/11"]["unit"], values["st/11"]["bound"]) == (250e9, "CNY", "about")
    assert values["st/4"]["qualifiers"] == {"comparison": "year over year"}
    assert "values" not in graph.nodes["chip/h100"]
    assert "values" not in tiny.to_networkx(values=False).nodes["org/alibaba"]


def test_to_networkx_of_a_view(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    pytest.importorskip("networkx")
    graph = tiny.view(modalities=["reported"], types=["Organization", "Chip"]).to_networkx()
    assert sorted(graph.nodes) == ["chip/h100", "org/alibaba", "org/deepseek", "org/nvidia"]
    assert list(graph.edges(keys=True)) == [("org/nvidia", "chip/h100", "st/1")]
    full = newsletter.to_networkx()
    assert (full.number_of_nodes(), full.number_of_edges()) == (newsletter.entity_count, newsletter.edge_count)


def test_statements_frame(tiny: aikg.Graph) -> None:
    pd = pytest.importorskip("pandas")
    frame = tiny.statements_frame()
    assert len(frame) == 14
    assert list(frame.columns)[:5] == ["id", "subject", "predicate", "kind", "object"]
    users = frame.set_index("id").loc["st/5"]
    assert (users["subject"], users["amount"], users["unit"], users["bound"]) == ("model/r1", 97e6, "users", "at_least")
    assert users["valid_start"] == pd.Timestamp("2025-01-01") and users["valid_end"] == pd.Timestamp("2025-12-31")
    assert frame["valid_start"].dtype == "datetime64[s]"
    assert frame["amount"].dtype == "float64"
    edges = frame[frame["kind"] == "entity"]
    assert edges["id"].tolist() == ["st/1", "st/2", "st/6", "st/7", "st/12", "st/13", "st/14"]
    assert frame.set_index("id").loc["st/6", "sources"] == ["src/wire", "src/letter"]
    assert frame.set_index("id").loc["st/8", "text"] == "Vers l’ère des agents 🚀"
    assert frame.set_index("id").loc["st/10", "boolean"] is True
    assert tiny.view(predicates=["revenue"]).statements_frame()["id"].tolist() == ["st/3", "st/11"]


def test_entities_frame(tiny: aikg.Graph) -> None:
    pytest.importorskip("pandas")
    frame = tiny.entities_frame().set_index("id")
    assert list(frame.index) == ["org/alibaba", "org/deepseek", "org/nvidia", "country/us", "country/cn", "chip/h100",
                                 "model/r1"]
    assert frame.loc["org/alibaba", "ticker"] == "BABA"
    assert frame.loc["org/alibaba", "founded"] == "1999"
    assert frame.loc["country/cn", "aliases"] == ["Chine", "中国"]
    assert list(tiny.view(types=["Chip"]).entities_frame()["id"]) == ["chip/h100"]
