"""HTML renderings for notebooks (the ``_repr_html_`` of Graph, Entity, Statement and Result)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from aikg._aikg import Entity

if TYPE_CHECKING:
    from aikg._aikg import Graph, Result, Statement

# Rows a Result shows in a notebook before it says how many more there are.
RESULT_ROWS = 50


def _table(rows: list[tuple[str, Any]]) -> str:
    left = "style='text-align:left'"
    cells = "".join(
        f"<tr><th {left}>{html.escape(name)}</th><td {left}>{html.escape(str(value))}</td></tr>"
        for name, value in rows
        if value is not None
    )
    return f"<table>{cells}</table>"


def graph_html(graph: Graph) -> str:
    summary = graph.summary()
    schema = graph.schema
    rows = [
        ("schema", f"{schema.name} {schema.version}" if schema is not None else None),
        ("entities", summary["entities"]),
        ("statements", summary["statements"]),
        ("edges", summary["edges"]),
        ("sources", summary["sources"]),
        ("valid start", summary["valid_start"]),
        ("valid end", summary["valid_end"]),
    ]
    return f"<b>aikg.Graph</b>{_table(rows)}"


def entity_html(entity: Entity) -> str:
    rows: list[tuple[str, Any]] = [
        ("id", entity.id),
        ("type", entity.type),
        ("description", entity.description),
        ("aliases", ", ".join(str(alias) for alias in entity.aliases) or None),
    ]
    rows += [(name, value) for name, value in entity.attributes.items()]
    return f"<b>{html.escape(entity.name)}</b>{_table(rows)}"


def statement_html(statement: Statement) -> str:
    value = statement.value
    # A quantity's str() is the readable one: "≥ 97 million users".
    shown = f"{value.name} ({value.id})" if isinstance(value, Entity) else str(value)
    rows: list[tuple[str, Any]] = [
        ("subject", f"{statement.subject.name} ({statement.subject.id})"),
        ("predicate", statement.predicate),
        ("object" if statement.is_edge else "value", shown),
        ("valid", statement.valid),
        ("period", statement.period),
        ("modality", statement.modality),
        ("confidence", statement.confidence),
    ]
    rows += [
        ("source", f"{citation.source.id}" + (f" › {citation.locator}" if citation.locator else ""))
        for citation in statement.citations
    ]
    rows += [(key, value) for key, value in statement.qualifiers.items()]
    return f"<b>{html.escape(statement.id)}</b>{_table(rows)}"


def result_html(result: Result) -> str:
    head = "".join(f"<th>{html.escape(column)}</th>" for column in result.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in result._text_rows(RESULT_ROWS)
    )
    count = len(result)
    note = f"{count} row" if count == 1 else f"{count} rows"
    if count > RESULT_ROWS:
        note += f", {RESULT_ROWS} shown"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>({note})</p>"
