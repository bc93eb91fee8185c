"""Plots of timelines and series (matplotlib, imported lazily) and drawings of views (SVG).

``Timeline.plot``, ``Series.plot``, ``SeriesComparison.plot`` and ``View.draw`` call into this
module. The drawings need nothing to be installed: Graphviz ``dot`` lays them out when it is on
PATH, else a circular layout is computed here; either way the SVG is self-contained, so it
shows in a notebook offline.
"""

from __future__ import annotations

import datetime
import html
import math
import shutil
import subprocess
from typing import TYPE_CHECKING, Any

from aikg._errors import ValidationError
from aikg._interop import _require
from aikg._timeline import records

if TYPE_CHECKING:
    from aikg._aikg import Series, SeriesComparison, Timeline, View

# Colours by modality (the schema's modalities); others take the grey.
MODALITY_COLOURS = {
    "fact": "#1f77b4",
    "claim": "#ff7f0e",
    "estimate": "#2ca02c",
    "forecast": "#9467bd",
    "plan": "#8c564b",
    "rumor": "#d62728",
    "opinion": "#e377c2",
}
OTHER_COLOUR = "#7f7f7f"
# Series markers by bound: at_least points up, at_most down.
BOUND_MARKERS = {"exact": "o", "about": "D", "at_least": "^", "at_most": "v"}
# Entities' fill colours by type in drawings.
TYPE_COLOURS = ["#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d"]
# Tick labels are written on a timeline's rows up to this many statements.
LABELLED_ROWS = 40


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = _require("matplotlib.pyplot", "plot()")
    _figure, new_ax = plt.subplots(figsize=(10, 5))
    return new_ax


def _middle(first: datetime.date, last: datetime.date) -> datetime.date:
    return first + (last - first) / 2


def plot_timeline(timeline: Timeline, ax: Any = None) -> Any:
    """One row per dated statement: a marker at the middle of its period, a bar over the period."""
    dates = _require("matplotlib.dates", "plot()")
    ax = _axes(ax)
    rows = [row for row in records(timeline) if row["first_day"] is not None or row["last_day"] is not None]
    known_days = [day for row in rows for day in (row["first_day"], row["last_day"]) if day is not None]
    by_modality: dict[str, tuple[list[float], list[int]]] = {}
    labels = []
    for y, row in enumerate(rows):
        colour = MODALITY_COLOURS.get(row["modality"], OTHER_COLOUR)
        first, last = row["first_day"], row["last_day"]
        # An open end reaches the edge of the timeline's days, hatched; the marker is on the known end.
        open_end = first is None or last is None
        marked = first if last is None else last if first is None else _middle(first, last)
        first = first if first is not None else min(known_days)
        last = last if last is not None else max(known_days)
        if last > first:
            start = dates.date2num(first)
            ax.barh(
                y, dates.date2num(last) + 1 - start, left=start, height=0.5, color=colour, alpha=0.35,
                hatch="//" if open_end else None,
            )  # fmt: skip
        xs, ys = by_modality.setdefault(row["modality"], ([], []))
        xs.append(dates.date2num(marked))
        ys.append(y)
        value = row["value"] or ""
        labels.append(f"{row['subject']} {row['predicate']} {value}"[:60])
    for modality, (xs, ys) in by_modality.items():
        colour = MODALITY_COLOURS.get(modality, OTHER_COLOUR)
        ax.plot(xs, ys, linestyle="none", marker="o", color=colour, label=modality)
    ax.xaxis_date()
    if len(rows) <= LABELLED_ROWS:
        ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("valid time")
    ax.set_title(f"Timeline: {len(rows)} statements")
    if by_modality:
        ax.legend(title="modality", fontsize=7)
    return ax


def _plot_points(ax: Any, rows: list[dict[str, Any]], label: str, colour: Any = None) -> Any:
    """Markers by bound (one Line2D per bound), a line through the points, ranges as error bars."""
    dates = _require("matplotlib.dates", "plot()")
    dated = [row for row in rows if row["first_day"] is not None and row["amount"] is not None]
    xs = [dates.date2num(_middle(row["first_day"], row["last_day"] or row["first_day"])) for row in dated]
    (line,) = ax.plot(xs, [row["amount"] for row in dated], linestyle="-", linewidth=1, color=colour, label=label)
    colour = line.get_color()
    for bound, marker in BOUND_MARKERS.items():
        points = [(x, row) for x, row in zip(xs, dated) if row["bound"] == bound]
        if not points:
            continue
        ax.plot(
            [x for x, _ in points],
            [row["amount"] for _, row in points],
            linestyle="none",
            marker=marker,
            markersize=8,
            color=colour,
            label=f"{label} ({bound.replace('_', ' ')})",
        )
    for x, row in zip(xs, dated):
        first, last = row["first_day"], row["last_day"] or row["first_day"]
        if last > first:  # the period the value is for
            start, end = dates.date2num(first), dates.date2num(last) + 1
            ax.hlines(row["amount"], start, end, colors=colour, alpha=0.4, gid="period")
        if row["lower"] is not None or row["upper"] is not None:  # the stated range
            low = row["lower"] if row["lower"] is not None else row["amount"]
            high = row["upper"] if row["upper"] is not None else row["amount"]
            ax.vlines(x, low, high, colors=colour, linewidth=2, alpha=0.6, gid="range")
    ax.xaxis_date()
    return ax


def plot_series(series: Series, ax: Any = None) -> Any:
    ax = _axes(ax)
    _plot_points(ax, records(series), series.subject.name)
    ax.set_title(f"{series.subject.name}: {series.metric}")
    ax.set_ylabel(", ".join(series.units) or series.metric)
    ax.legend(fontsize=7)
    return ax


def plot_comparison(comparison: SeriesComparison, ax: Any = None) -> Any:
    ax = _axes(ax)
    metrics = []
    units: list[str] = []
    for series in comparison:
        _plot_points(ax, records(series), f"{series.subject.name} {series.metric}")
        metrics.append(series.metric)
        units += [unit for unit in series.units if unit not in units]
    ax.set_title(" vs ".join(dict.fromkeys(metrics)))
    ax.set_ylabel(", ".join(units))
    ax.legend(fontsize=7)
    return ax


# ---- Drawings of views ---------------------------------------------------------------------------


class Drawing:
    """An SVG drawing of a view; shows inline in notebooks (``_repr_svg_``, ``_repr_html_``)."""

    def __init__(self, svg: str, engine: str, entities: int, edges: int) -> None:
        self.svg = svg
        self.engine = engine
        self.entities = entities
        self.edges = edges

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_html_(self) -> str:
        body = self.svg[self.svg.find("<svg") :]
        return f"<div style='overflow:auto'>{body}</div>"

    def __repr__(self) -> str:
        return f"<aikg.Drawing ({self.engine}): {self.entities} entities, {self.edges} edges>"

    def save(self, path: str) -> None:
        """Writes the SVG to `path`."""
        with open(path, "w", encoding="utf-8") as file:
            file.write(self.svg)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], colours: dict[str, str]) -> str:
    lines = ["digraph aikg {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=9];']  # fmt: skip
    for node in nodes:
        label = _quote(node["name"])[:-1] + "\\n(" + _quote(node["type"])[1:-1] + ')"'  # a line break for dot
        lines.append(f"  {_quote(node['id'])} [label={label}, fillcolor={_quote(colours[node['type']])}];")
    for edge in edges:
        lines.append(f"  {_quote(edge['subject'])} -> {_quote(edge['object'])} [label={_quote(edge['predicate'])}];")
    lines.append("}")
    done = subprocess.run(
        ["dot", "-Tsvg"], input="\n".join(lines), capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout


def _builtin_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], colours: dict[str, str]) -> str:
    """Entities on a circle (grouped by type), edges as arrows labelled with their predicate."""
    count = max(len(nodes), 1)
    radius = max(120.0, 28.0 * count / math.pi)
    margin = 150.0
    size = 2 * (radius + margin)
    ordered = sorted(nodes, key=lambda node: (node["type"], node["name"]))
    position = {}
    for i, node in enumerate(ordered):
        angle = 2 * math.pi * i / count - math.pi / 2
        position[node["id"]] = (size / 2 + radius * math.cos(angle), size / 2 + radius * math.sin(angle))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" '
        f'viewBox="0 0 {size:.0f} {size:.0f}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        '<defs><marker id="aikg-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = position[edge["subject"]], position[edge["object"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # Stop short of the node's circle.
        x2s, y2s = x2 - (x2 - x1) * 9 / length, y2 - (y2 - y1) * 9 / length
        title = html.escape(f"{edge['id']}: {edge['subject']} {edge['predicate']} {edge['object']}")
        parts.append(
            f'<g class="edge"><title>{title}</title><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2s:.1f}" y2="{y2s:.1f}" '
            f'stroke="#888" stroke-width="1.2" marker-end="url(#aikg-arrow)"/>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" fill="#666" font-size="9" '
            f'text-anchor="middle">{html.escape(edge["predicate"])}</text></g>'
        )
    for node in ordered:
        x, y = position[node["id"]]
        anchor = "start" if x >= size / 2 else "end"
        dx = 12 if x >= size / 2 else -12
        parts.append(
            f'<g class="node"><title>{html.escape(node["id"])} ({html.escape(node["type"])})</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colours[node["type"]]}" stroke="#333"/>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{html.escape(node["name"])}</text></g>'
        )
    legend_y = 16
    for kind, colour in colours.items():
        parts.append(
            f'<circle cx="12" cy="{legend_y}" r="6" fill="{colour}" stroke="#333"/>'
            f'<text x="24" y="{legend_y + 4}">{html.escape(kind)}</text>'
        )
        legend_y += 16
    parts.append("</svg>")
    return "\n".join(parts)


def draw(view: View, engine: str = "auto", max_entities: int = 200) -> Drawing:
    if engine not in ("auto", "dot", "builtin"):
        raise ValidationError(f"engine must be 'auto', 'dot' or 'builtin', not {engine!r}")
    nodes = view._entity_records()
    if len(nodes) > max_entities:
        raise ValidationError(
            f"the view has {len(nodes)} entities, more than max_entities={max_entities}: draw a smaller view"
        )
    edges = [record for record in view._statement_records() if record["kind"] == "entity"]
    types = sorted({node["type"] for node in nodes})
    colours = {kind: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, kind in enumerate(types)}
    use_dot = engine == "dot" or (engine == "auto" and shutil.which("dot") is not None)
    if use_dot:
        try:
            return Drawing(_dot_svg(nodes, edges, colours), "dot", len(nodes), len(edges))
        except (OSError, subprocess.SubprocessError):
            if engine == "dot":
                raise
    return Drawing(_builtin_svg(nodes, edges, colours), "builtin", len(nodes), len(edges))
