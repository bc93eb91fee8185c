"""Frames, text and HTML of the timeline results (Timeline, Series, SeriesComparison, Conflicts, Changes).

The extension builds plain records (``_records()``, the columns of ``View.statements_frame``
plus a few of each result); this module picks and orders the columns, and renders them.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Union

from aikg._aikg import Changes, Conflicts, Series, SeriesComparison, Timeline
from aikg._interop import _require

if TYPE_CHECKING:
    import pandas

TimelineResult = Union[Timeline, Series, SeriesComparison, Conflicts, Changes]

# Rows shown by __repr__ and _repr_html_ before saying how many more there are.
SHOWN_ROWS = 20

# The time columns (the round's names, one way everywhere): ``valid`` as written, ``valid_start``
# and ``valid_end`` (datetime.date; None for an open end), ``valid_precision``; a timeline's rows
# give where the entry is placed, which for a release or announcement is its date (``from_value``).
_TIME = ["valid", "valid_start", "valid_end", "valid_precision"]
_COMMON = ["id", *_TIME, "subject", "predicate"]
_TAIL = ["modality", "sources"]
# Columns of each result's frame, in order.
COLUMNS: dict[str, list[str]] = {
    "Timeline": ["group", "id", *_TIME, "from_value", "subject", "predicate", "object", "value", *_TAIL],
    "Series": [*_COMMON, "amount", "unit", "bound", "lower", "upper", "derived_growth",
               "stated_growth", "growth_consistent", *_TAIL],
    "SeriesComparison": [*_COMMON, "amount", "unit", "bound", "lower", "upper", "derived_growth",
                         "stated_growth", "growth_consistent", *_TAIL],
    "Conflicts": ["conflict", "current", *_COMMON, "object", "value", *_TAIL],
    "Changes": ["change", "previous", *_COMMON, "object", "value", *_TAIL],
}  # fmt: skip
# Columns __repr__ shows.
_TEXT_COLUMNS: dict[str, list[str]] = {
    "Timeline": ["group", "valid", "id", "subject", "predicate", "value", "modality"],
    "Series": ["valid", "id", "value", "modality", "sources"],
    "SeriesComparison": ["subject", "valid", "id", "value", "modality"],
    "Conflicts": ["conflict", "current", "id", "subject", "predicate", "valid", "value", "sources"],
    "Changes": ["change", "id", "subject", "predicate", "value", "previous"],
}


def records(result: TimelineResult) -> list[dict[str, Any]]:
    """The result's records; ``value`` is the object's id or the value in words ("≥ 97 million users")."""
    return result._records()


def to_pandas(result: TimelineResult) -> pandas.DataFrame:
    pd = _require("pandas", "to_pandas()")
    columns = COLUMNS[type(result).__name__]
    frame = pd.DataFrame.from_records(records(result), columns=columns)
    return frame


# Longer cells are cut in __repr__ and _repr_html_.
CELL_WIDTH = 48


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = ", ".join(str(item) for item in value)
    elif isinstance(value, float):
        text = f"{value:.4g}"
    else:
        text = str(value)
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def _title(result: TimelineResult) -> str:
    name = type(result).__name__
    count = len(result)
    if isinstance(result, Series):
        points = "point" if count == 1 else "points"
        units = ", ".join(result.units)
        return f"aikg.Series {result.subject.id} {result.metric}: {count} {points}" + (f" in {units}" if units else "")
    if isinstance(result, Changes):
        return f"aikg.Changes {result.before}..{result.after}: {count} " + ("change" if count == 1 else "changes")
    singular = {"Timeline": "entry", "SeriesComparison": "series", "Conflicts": "conflict"}[name]
    noun = singular if count == 1 else {"entry": "entries", "series": "series", "conflict": "conflicts"}[singular]
    return f"aikg.{name}: {count} {noun}"


def _rows(result: TimelineResult) -> tuple[list[str], list[list[str]], int]:
    columns = _TEXT_COLUMNS[type(result).__name__]
    all_rows = records(result)
    rows = [[_cell(row.get(column)) for column in columns] for row in all_rows[:SHOWN_ROWS]]
    return columns, rows, len(all_rows)


def text(result: TimelineResult) -> str:
    columns, rows, total = _rows(result)
    lines = [f"<{_title(result)}>"]
    if rows:
        widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
        lines.append("  " + "  ".join(column.ljust(width) for column, width in zip(columns, widths)).rstrip())
        for row in rows:
            lines.append("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    if total > len(rows):
        lines.append(f"  ... {total - len(rows)} more")
    return "\n".join(lines)


def html_table(columns: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(result: TimelineResult) -> str:
    columns, rows, total = _rows(result)
    note = f"<p>({total - len(rows)} more rows)</p>" if total > len(rows) else ""
    return f"<b>{html.escape(_title(result))}</b>{html_table(columns, rows)}{note}"
