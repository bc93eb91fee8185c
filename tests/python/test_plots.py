"""Timeline and series plots (matplotlib, Agg backend) and the SVG drawings of views."""

from __future__ import annotations

import html
import shutil
from typing import Any

import pytest

import aikg
from aikg import _plots

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures() -> Any:
    yield
    plt.close("all")


def marker_points(ax: Any) -> int:
    """Points drawn as markers (lines drawn without a marker do not count)."""
    return sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() not in ("None", "", None))


def tick_labels(ax: Any) -> list[str]:
    return [label.get_text() for label in ax.get_yticklabels()]


# The tiny graph's dated entries in time order, in words (st/9 is a release, placed at its date).
TINY_CLAIMS = [
    "Nvidia · develops · H100",
    "Nvidia · develops · H100",
    "United States · restricts export of · H100",
    "DeepSeek · develops · DeepSeek-R1",
    "DeepSeek-R1 · users · ≥ 97 million users",
    "DeepSeek-R1 · release date · 2025-01-20",
    "Alibaba Group · revenue · 34.7 billion USD",
    "Alibaba Group · revenue growth · 2 %",
    "Alibaba Group · revenue · ≈ 250 billion CNY (240–260 billio…",
]


def test_timeline_plot_labels_each_row_with_its_claim(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline()
    ax = timeline.plot()
    assert tick_labels(ax) == TINY_CLAIMS
    # The release (a day) is a marker; the periods (2022, early 2025, 2025-Q2, ...) are bars.
    assert marker_points(ax) == 1
    assert len(ax.patches) == 8
    assert ax.get_title() == "Timeline: 9 dated statements"


def test_timeline_plot_colours_by_modality(tiny: aikg.Graph) -> None:
    ax = tiny.timeline().plot()
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "modality"
    assert [text.get_text() for text in legend.get_texts()] == ["reported", "claim", "forecast"]
    bar_colours = [to_hex(patch.get_facecolor(), keep_alpha=False) for patch in ax.patches]
    # Rows st/1, st/12 (a claim), st/2, st/6, st/5, then st/3, st/4, st/11 (a forecast).
    reported, claim, forecast = (_plots.MODALITY_COLOURS[m] for m in ("reported", "claim", "forecast"))
    assert bar_colours == [reported, claim, reported, reported, reported, reported, reported, forecast]
    (release,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert to_hex(release.get_color()) == reported


def test_timeline_plot_groups_by_entity(tiny: aikg.Graph) -> None:
    ax = tiny.timeline().plot(group_by="entity")
    assert tick_labels(ax) == [
        "Nvidia", "develops · H100", "develops · H100",
        "United States", "restricts export of · H100",
        "DeepSeek", "develops · DeepSeek-R1",
        "DeepSeek-R1", "users · ≥ 97 million users", "release date · 2025-01-20",
        "Alibaba Group", "revenue · 34.7 billion USD", "revenue growth · 2 %", "revenue · ≈ 250 billion CNY (240–260 billion)",
    ]  # fmt: skip
    bold = [label.get_text() for label in ax.get_yticklabels() if label.get_fontweight() == "bold"]
    assert bold == ["Nvidia", "United States", "DeepSeek", "DeepSeek-R1", "Alibaba Group"]
    separators = [line for line in ax.get_lines() if line.get_gid() == "group-separator"]
    assert [line.get_ydata()[0] for line in separators] == [2.5, 4.5, 6.5, 9.5]
    # The rows keep their place under their header: the release's marker is on its row.
    (release,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert list(release.get_ydata()) == [9]


def test_timeline_plot_groups_by_year(tiny: aikg.Graph) -> None:
    ax = tiny.timeline().plot(group_by="year")
    labels = tick_labels(ax)
    bold = [label.get_text() for label in ax.get_yticklabels() if label.get_fontweight() == "bold"]
    # "2022.." spans years: its own group, as grouping="year" labels it.
    assert bold == ["2022", "2022..", "2025"]
    assert labels[:5] == ["2022", "Nvidia · develops · H100", "Nvidia · develops · H100", "2022..",
                          "United States · restricts export of · H100"]  # fmt: skip
    assert labels[5:] == ["2025", *TINY_CLAIMS[3:]]
    with pytest.raises(aikg.ValidationError, match="group_by must be"):
        tiny.timeline().plot(group_by="quarter")


def test_timeline_plot_leaves_out_undated_statements(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline(include_undated=True)
    assert len(timeline) == 14
    ax = timeline.plot()
    assert tick_labels(ax) == TINY_CLAIMS
    assert ax.get_title() == "Timeline: 9 dated statements (5 undated, not shown)"


def test_timeline_plot_height_follows_the_rows(tiny: aikg.Graph) -> None:
    all_rows = tiny.timeline().plot().figure.get_size_inches()[1]
    from_2025 = tiny.timeline("2025").plot().figure.get_size_inches()[1]  # 7 rows instead of 9
    assert all_rows - from_2025 == pytest.approx(2 * _plots.ROW_HEIGHT)
    _figure, ax = plt.subplots(figsize=(4, 3))
    assert tiny.timeline().plot(ax=ax) is ax and tuple(ax.figure.get_size_inches()) == (4, 3)


def test_timeline_plot_of_the_newsletter(newsletter: aikg.Graph) -> None:
    timeline = newsletter.timeline()
    ax = timeline.plot(group_by="entity")
    labels = tick_labels(ax)
    bold = [label.get_text() for label in ax.get_yticklabels() if label.get_fontweight() == "bold"]
    assert len(labels) == len(timeline) + len(bold)
    assert all(0 < len(label) <= _plots.LABEL_WIDTH for label in labels)
    assert "DeepSeek-V3.1" in bold and "release date · 2025-08-21" in labels  # a release, at its date


def test_shortened_labels() -> None:
    label = _plots._shortened(["A very long organisation name indeed", "develops", "a chip with a long name"], 40)
    assert label == "A very long… · develops · a chip with a…"  # the longest part cut first
    assert len(label) == 40


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
