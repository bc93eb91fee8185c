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
    "reported": "#1f77b4",
    "claim": "#ff7f0e",
    "forecast": "#9467bd",
    "plan": "#8c564b",
    "opinion": "#e377c2",
}
OTHER_COLOUR = "#7f7f7f"
# Series markers by bound: at_least points up, at_most down.
BOUND_MARKERS = {"exact": "o", "about": "D", "at_least": "^", "at_most": "v"}
# Entities' fill colours by type in drawings.
TYPE_COLOURS = ["#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d"]
# A timeline row's label is cut to this many characters; a new figure gives each row this many
# inches of height.
LABEL_WIDTH = 60
ROW_HEIGHT = 0.24
# What Timeline.plot(group_by=...) accepts.
TIMELINE_GROUPINGS = (None, "entity", "year")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = _require("matplotlib.pyplot", "plot()")
    _figure, new_ax = plt.subplots(figsize=(10, 5))
    return new_ax


def _middle(first: datetime.date, last: datetime.date) -> datetime.date:
    return first + (last - first) / 2


# ---- Timeline labels -----------------------------------------------------------------------------

def _claim_value(row: dict[str, Any], object_name: str | None) -> str:
    """The object's name or the value, in words."""
    if object_name is not None:
        return object_name
    if row.get("amount") is not None:
        return str(row["value"])  # the library's readable quantity: "≥ 97 million users"
    if row.get("text") is not None:
        return f"“{row['text']}”"
    if row.get("boolean") is not None:
        return "yes" if row["boolean"] else "no"
    return str(row.get("date") or "")


def _shortened(parts: list[str], width: int = LABEL_WIDTH) -> str:
    """The parts joined by " · ", the longest cut first (with "…") until the whole fits `width`."""
    parts = list(parts)
    while len(" · ".join(parts)) > width:
        longest = max(range(len(parts)), key=lambda i: len(parts[i]))
        text = parts[longest].rstrip("…")
        if len(text) <= 3:
            break
        parts[longest] = text[:-1].rstrip() + "…"
    return " · ".join(parts)


def _timeline_rows(timeline: Timeline, group_by: str | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """The dated entries as (group header, rows) in order of each group's first entry; each row
    gains ``label``. One group with an empty header when not grouping."""
    groups: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for entry, row in zip(timeline, records(timeline)):
        start, end = row["valid_start"], row["valid_end"]
        if start is None and end is None:
            continue  # undated: nowhere on the time axis
        statement = entry.statement
        subject = statement.subject
        target = statement.object
        words = [subject.name, row["predicate"].replace("_", " "), _claim_value(row, target.name if target else None)]
        if group_by == "entity":
            key, header = subject.id, _shortened([subject.name])
            words = words[1:]  # the header names the subject
        elif group_by == "year":
            # As grouping="year" labels entries: the year when the entry lies in one, else its period.
            same_year = start is not None and end is not None and start.year == end.year
            key = header = str(start.year) if same_year else row["valid"]
        else:
            key, header = "", ""
        row["label"] = _shortened(words)
        groups.setdefault(key, (header, []))[1].append(row)
    return list(groups.values())


def plot_timeline(timeline: Timeline, ax: Any = None, group_by: str | None = None) -> Any:
    """One labelled row per dated entry: a marker for a day (or finer), a bar over a longer period."""
    if group_by not in TIMELINE_GROUPINGS:
        raise ValidationError(f"group_by must be None, 'entity' or 'year', not {group_by!r}")
    dates = _require("matplotlib.dates", "plot()")
    patches = _require("matplotlib.patches", "plot()")
    groups = _timeline_rows(timeline, group_by)
    headed = group_by is not None
    count = sum(len(rows) for _header, rows in groups)
    lines = count + (len(groups) if headed else 0)
    if ax is None:
        plt = _require("matplotlib.pyplot", "plot()")
        _figure, ax = plt.subplots(figsize=(12, 1.4 + ROW_HEIGHT * max(lines, 4)), layout="constrained")
    known = [day for _h, rows in groups for row in rows for day in (row["valid_start"], row["valid_end"]) if day]
    # Open ends reach a little beyond the known days, hatched.
    margin = datetime.timedelta(days=max(30, ((max(known) - min(known)).days if known else 0) // 40))
    left = (min(known) - margin) if known else None
    right = (max(known) + margin) if known else None
    points: dict[str, tuple[list[float], list[int]]] = {}
    labels: list[str] = []
    header_rows: list[int] = []
    for group, (header, rows) in enumerate(groups):
        if headed:
            if group > 0:
                ax.axhline(len(labels) - 0.5, color="#888888", linewidth=0.8, gid="group-separator")
            header_rows.append(len(labels))
            labels.append(header)
        for row in rows:
            y = len(labels)
            labels.append(row["label"])
            colour = MODALITY_COLOURS.get(row["modality"], OTHER_COLOUR)
            start, end = row["valid_start"], row["valid_end"]
            if start is not None and start == end:  # a day, or a minute of it: a point
                xs, ys = points.setdefault(row["modality"], ([], []))
                xs.append(dates.date2num(start) + 0.5)
                ys.append(y)
                continue
            open_end = start is None or end is None
            first = dates.date2num(start if start is not None else left)
            last = dates.date2num(end if end is not None else right) + 1
            ax.barh(
                y, last - first, left=first, height=0.6, color=colour, alpha=0.55, edgecolor=colour,
                linewidth=0.6, hatch="//" if open_end else None,
            )  # fmt: skip
    for modality, (xs, ys) in points.items():
        colour = MODALITY_COLOURS.get(modality, OTHER_COLOUR)
        ax.plot(xs, ys, linestyle="none", marker="o", markersize=6, color=colour, markeredgecolor="white")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i in header_rows:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_ylim(len(labels) - 0.5, -0.5)  # the earliest at the top
    if known:
        ax.set_xlim(dates.date2num(left), dates.date2num(right) + 1)
    ax.xaxis_date()
    # Light lines along the rows lead the eye from a label to its bar far to the right.
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("valid time (releases and announcements at their date)")
    undated = len(timeline) - count
    noun = "statement" if count == 1 else "statements"
    ax.set_title(f"Timeline: {count} dated {noun}" + (f" ({undated} undated, not shown)" if undated else ""))
    modalities = dict.fromkeys(row["modality"] for _h, rows in groups for row in rows)
    if modalities:
        handles = [patches.Patch(color=MODALITY_COLOURS.get(m, OTHER_COLOUR), label=m) for m in modalities]
        ax.legend(handles=handles, title="modality", fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def _plot_points(ax: Any, rows: list[dict[str, Any]], label: str, colour: Any = None) -> Any:
    """Markers by bound (one Line2D per bound), a line through the points, ranges as error bars."""
    dates = _require("matplotlib.dates", "plot()")
    dated = [row for row in rows if row["valid_start"] is not None and row["amount"] is not None]
    xs = [dates.date2num(_middle(row["valid_start"], row["valid_end"] or row["valid_start"])) for row in dated]
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
        first, last = row["valid_start"], row["valid_end"] or row["valid_start"]
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
