"""Timeline and series plots (matplotlib, Agg backend) and the SVG drawings of views."""

from __future__ import annotations

import html
import shutil
from typing import Any

import pytest

import aikg

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures() -> Any:
    yield
    plt.close("all")


def marker_points(ax: Any) -> int:
    """Points drawn as markers (lines drawn without a marker do not count)."""
    return sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() not in ("None", "", None))


def test_timeline_plot_has_one_marker_per_dated_statement(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline()
    ax = timeline.plot()
    assert marker_points(ax) == len(timeline) == 8
    # Intervals and imprecise periods (2022, 2025-Q2, ...) are bars; a day would be a marker only.
    assert len(ax.patches) == 8
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert sorted(legend) == ["claim", "forecast", "reported"]
    assert "org/nvidia develops chip/h100" in [label.get_text() for label in ax.get_yticklabels()]


def test_timeline_plot_leaves_out_undated_statements(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline(include_undated=True)
    assert len(timeline) == 14
    assert marker_points(timeline.plot()) == 8


def test_series_plot_shows_bounds_as_markers(tiny: aikg.Graph) -> None:
    _figure, ax = plt.subplots()
    returned = tiny.series("model/r1", "users").plot(ax=ax)
    assert returned is ax
    markers = {line.get_marker(): len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() != "None"}
    assert markers == {"^": 1}  # at_least: an upward triangle
    assert ax.get_title() == "DeepSeek-R1: users"


def test_series_plot_shows_ranges(tiny: aikg.Graph) -> None:
    ax = tiny.series("org/alibaba", "revenue").plot()
    assert marker_points(ax) == 2
    assert ax.get_ylabel() == "USD, CNY"
    # The stated 240..260 bn range as a vertical line; the periods (a quarter, a month) as horizontal ones.
    assert [collection.get_gid() for collection in ax.collections] == ["period", "period", "range"]
    assert ax.collections[2].get_segments()[0][:, 1].tolist() == [240e9, 260e9]


def test_comparison_plot(newsletter: aikg.Graph) -> None:
    comparison = newsletter.compare_series(
        [("market/china-ai-chip-market", "domestic_supplier_market_share")], allow_different_metrics=True
    )
    ax = comparison.plot()
    assert marker_points(ax) == len(comparison[0]) == 2


@pytest.mark.parametrize("engine", ["builtin", "dot"])
def test_draw_svg_names_the_entities(tiny: aikg.Graph, engine: str) -> None:
    if engine == "dot" and shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not on PATH")
    drawing = tiny.ego("org/deepseek").draw(engine=engine)
    svg = drawing._repr_svg_()
    assert "<svg" in svg
    for name in ("DeepSeek", "DeepSeek-R1", "Alibaba Group", "China"):
        assert f">{name}<" in html.unescape(svg)  # dot writes "-" as "&#45;"
    assert "Nvidia" not in svg
    assert "located_in" in svg and "develops" in svg
    assert drawing.engine == engine
    assert (drawing.entities, drawing.edges) == (4, 4)
    assert drawing._repr_html_().startswith("<div") and "<svg" in drawing._repr_html_()
    assert repr(drawing) == f"<aikg.Drawing ({engine}): 4 entities, 4 edges>"


def test_draw_builtin_is_self_contained(tiny: aikg.Graph) -> None:
    svg = tiny.draw(engine="builtin").svg
    assert svg.count('class="node"') == tiny.entity_count
    assert svg.count('class="edge"') == tiny.summary()["edges"]
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_draw_refuses_large_views_and_unknown_engines(tiny: aikg.Graph) -> None:
    with pytest.raises(aikg.ValidationError, match="more than max_entities=2"):
        tiny.draw(max_entities=2)
    with pytest.raises(aikg.ValidationError, match="engine must be"):
        tiny.draw(engine="neato")
