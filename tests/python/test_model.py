"""Entity, Statement, Source and their values."""

from __future__ import annotations

import datetime

import pytest

import aikg
from conftest import TINY


def test_entity_lookup_by_id_name_and_alias(tiny: aikg.Graph) -> None:
    deepseek = tiny.entity("org/deepseek")
    assert tiny.entity("DeepSeek") == deepseek
    assert tiny.entity("deepseek") == deepseek
    assert tiny.entity("深度求索") == deepseek
    assert tiny.entity("etats-unis").id == "country/us"  # accents and case ignored
    assert tiny.entity(deepseek) == deepseek


def test_unknown_entity_raises_key_error(tiny: aikg.Graph) -> None:
    with pytest.raises(KeyError, match="org/nowhere"):
        tiny.entity("org/nowhere")
    with pytest.raises(KeyError):
        tiny.statement("st/999")
    with pytest.raises(KeyError):
        tiny.source("src/nowhere")


def test_entity_of_another_graph_is_rejected(tiny: aikg.Graph) -> None:
    other = aikg.load(TINY)
    with pytest.raises(aikg.ValidationError, match="another graph"):
        tiny.entity(other.entity("org/deepseek"))
    assert other.entity("org/deepseek") != tiny.entity("org/deepseek")


def test_entity_properties(tiny: aikg.Graph) -> None:
    alibaba = tiny.entity("org/alibaba")
    assert alibaba.id == "org/alibaba"
    assert alibaba.name == "Alibaba Group"
    assert alibaba.type == "Company"
    assert alibaba.description == "Chinese e-commerce and cloud company."
    assert [(a.name, a.lang) for a in alibaba.aliases] == [("阿里巴巴", "zh"), ("Alibaba", "en")]
    assert alibaba.aliases == tiny.entity("Alibaba").aliases
    assert [str(a) for a in alibaba.aliases] == ["阿里巴巴", "Alibaba"]
    assert [a.lang for a in alibaba.aliases] == ["zh", "en"]
    attributes = alibaba.attributes
    assert attributes == {
        "founded": aikg.TimePoint("1999"),
        "ticker": "BABA",
        "listed": True,
        "employees": 204891,
        "margin": 0.125,
    }
    assert type(attributes["employees"]) is int and type(attributes["margin"]) is float
    assert alibaba.is_a("Organization") and not alibaba.is_a("Country")
    assert tiny.entity("org/nvidia").description is None
    assert tiny.entity("org/nvidia").aliases == []


def test_entity_equality_and_hash(tiny: aikg.Graph) -> None:
    a, b = tiny.entity("org/nvidia"), tiny.entity("Nvidia")
    assert a == b and hash(a) == hash(b)
    assert a != tiny.entity("org/alibaba")
    assert a != "org/nvidia"
    assert len({a, b, tiny.entity("chip/h100")}) == 2


def test_entity_repr_and_html(tiny: aikg.Graph) -> None:
    alibaba = tiny.entity("org/alibaba")
    assert repr(alibaba) == "<Entity org/alibaba 'Alibaba Group' Company>"
    html = alibaba._repr_html_()
    assert "<b>Alibaba Group</b>" in html and "BABA" in html and "阿里巴巴" in html


def test_edge_statement(tiny: aikg.Graph) -> None:
    s = tiny.statement("st/6")
    assert s.id == "st/6"
    assert s.subject == tiny.entity("org/deepseek")
    assert s.predicate == "develops"
    assert s.kind == "entity" and s.is_edge
    assert s.object == tiny.entity("model/r1") == s.value
    assert s.modality == "reported"
    assert s.valid is not None and str(s.valid) == "early 2025"
    assert (s.valid.first_day, s.valid.last_day) == (datetime.date(2025, 1, 1), datetime.date(2025, 4, 30))
    assert s.valid.is_point and s.valid.start == s.valid.end == aikg.TimePoint("early 2025")
    assert [(c.source.id, c.locator) for c in s.citations] == [("src/wire", "post"), ("src/letter", "Focus")]
    assert [source.id for source in s.sources] == ["src/wire", "src/letter"]
    assert s.confidence is None and s.qualifiers == {} and s.period is None
    assert repr(s) == "<Statement st/6: org/deepseek develops model/r1 [early 2025] reported>"


def test_quantity_statements(tiny: aikg.Graph) -> None:
    users = tiny.statement("st/5")
    assert users.kind == "quantity" and not users.is_edge and users.object is None
    q = users.value
    assert isinstance(q, aikg.Quantity)
    assert (q.amount, q.unit, q.bound, q.lower, q.upper) == (97000000.0, "users", "at_least", None, None)
    assert float(q) == 97000000.0
    assert q == aikg.Quantity(97000000, "users", bound="at_least")
    assert q != aikg.Quantity(97000000, "users")
    forecast = tiny.statement("st/11").value
    assert forecast == aikg.Quantity(250e9, "CNY", bound="about", lower=240e9, upper=260e9)
    assert repr(forecast) == "<Quantity ≈ 250 billion CNY (240–260 billion)>"
    assert tiny.statement("st/11").modality == "forecast"
    assert str(tiny.statement("st/11").valid) == "end of 2025"
    revenue = tiny.statement("st/3")
    assert revenue.value == aikg.Quantity(34.7e9, "USD")
    assert revenue.period == aikg.TimePoint("2025-Q2")
    assert tiny.statement("st/4").qualifiers == {"comparison": "year over year"}
    assert tiny.statement("st/2").confidence == 0.9
    with pytest.raises(aikg.ValidationError, match="bound"):
        aikg.Quantity(1, "users", bound="roughly")


def test_quantities_read_as_people_read_them(tiny: aikg.Graph) -> None:
    users = tiny.statement("st/5")
    assert str(users.value) == "≥ 97 million users"
    assert repr(users.value) == "<Quantity ≥ 97 million users>"
    assert repr(users) == "<Statement st/5: model/r1 users ≥ 97 million users [2025] reported>"
    assert str(tiny.statement("st/3").value) == "34.7 billion USD"
    assert str(tiny.statement("st/4").value) == "2 %"
    # Every digit is kept: the text says exactly what the graph holds.
    assert str(aikg.Quantity(34_712_000_000, "USD")) == "34.712 billion USD"
    assert str(aikg.Quantity(1_234_567, "users")) == "1,234,567 users"
    assert str(aikg.Quantity(12_000, "users", bound="at_most")) == "≤ 12,000 users"
    assert str(aikg.Quantity(1.2e12, "CNY", bound="about")) == "≈ 1.2 trillion CNY"
    assert str(aikg.Quantity(-3.5, "percent")) == "-3.5 %"
    assert str(aikg.Quantity(0.85, "ratio")) == "0.85 ratio"
    assert str(aikg.Quantity(3.8e25, "FLOP")) == "3.8e25 FLOP"
    assert str(aikg.Quantity(6, "years", lower=5)) == "6 years (at least 5)"
    assert str(aikg.Quantity(1e9, "USD", lower=8e8, upper=1.2e9)) == "1 billion USD (800 million–1.2 billion)"


def test_series_points_show_their_quantity(tiny: aikg.Graph) -> None:
    points = list(tiny.series("org/alibaba", "revenue"))
    assert [repr(point) for point in points] == [
        "<SeriesPoint st/3 2025-Q2: 34.7 billion USD>",
        "<SeriesPoint st/11 end of 2025: ≈ 250 billion CNY (240–260 billion)>",
    ]


def test_text_date_and_boolean_statements(tiny: aikg.Graph) -> None:
    slogan = tiny.statement("st/8")
    assert slogan.kind == "text"
    assert slogan.value == aikg.Text("Vers l’ère des agents 🚀", lang="fr")
    assert str(slogan.value) == "Vers l’ère des agents 🚀"
    release = tiny.statement("st/9")
    assert release.kind == "date" and release.value == aikg.TimePoint("2025-01-20")
    assert release.value.first_day == datetime.date(2025, 1, 20)  # type: ignore[union-attr]
    open_source = tiny.statement("st/10")
    assert open_source.kind == "boolean" and open_source.value is True
    assert open_source.modality == "claim"
    assert repr(open_source) == "<Statement st/10: model/r1 open_source true claim>"


def test_open_interval(tiny: aikg.Graph) -> None:
    valid = tiny.statement("st/2").valid
    assert valid is not None
    assert str(valid) == "2022.." and not valid.is_point
    assert valid.start == aikg.TimePoint("2022") and valid.end is None
    assert valid.first_day == datetime.date(2022, 1, 1) and valid.last_day is None
    assert tiny.statement("st/7").valid is None


def test_sources(tiny: aikg.Graph) -> None:
    letter = tiny.source("src/letter")
    assert (letter.id, letter.kind, letter.publisher, letter.author) == (
        "src/letter", "newsletter", "Tech Letter", "Théo"
    )
    assert (letter.title, letter.language, letter.url) == ("La Chine avance", "fr", "https://example.org/letter")
    assert letter.published == aikg.TimePoint("2025-09") and letter.via is None
    wire = tiny.source("src/wire")
    assert wire.via == letter and wire.title is None
    assert wire.published is not None and wire.published.precision == "minute"
    assert [s.id for s in tiny.sources()] == ["src/letter", "src/wire"]
    assert repr(wire) == "<Source src/wire news_wire 'Wire' 2025-09-04T15:20>"


def test_statement_html(tiny: aikg.Graph) -> None:
    html = tiny.statement("st/6")._repr_html_()
    assert "<b>st/6</b>" in html and "DeepSeek-R1 (model/r1)" in html and "src/wire › post" in html
    assert "<td style='text-align:left'>≥ 97 million users</td>" in tiny.statement("st/5")._repr_html_()


def test_newsletter_deepseek_users(newsletter: aikg.Graph) -> None:
    users = newsletter.statement("st/deepseek-users")
    assert users.subject.id == "org/deepseek" and users.predicate == "users"
    assert users.value == aikg.Quantity(97000000, "users", bound="at_least")
    assert users.modality == "reported" and str(users.valid) == "2025-09"
    assert users.sources == [newsletter.source("src/newsletter-2025-09")]
    assert [s.value for s in newsletter.values("DeepSeek", predicates=["users"])] == [
        aikg.Quantity(1000, "users", bound="at_least"),
        aikg.Quantity(97000000, "users", bound="at_least"),
    ]


def test_newsletter_approvals_in_early_2024(newsletter: aikg.Graph) -> None:
    approvals = newsletter.statement("st/chinese-approved-models-early-2024")
    assert approvals.value == aikg.Quantity(117, "models")
    assert approvals.valid is not None and str(approvals.valid) == "early 2024"
    assert approvals.valid.start is not None and approvals.valid.start.part == "early"
    assert approvals.valid.start.precision == "year"
