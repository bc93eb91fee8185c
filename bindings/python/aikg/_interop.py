"""Conversions of views and query results to networkx, pandas and pyarrow objects.

The extension builds plain records in one pass over a view (``View._entity_records``,
``View._statement_records``) or a result (``Result._plain_columns``); this module turns them
into the objects of optional packages, imported only when a conversion is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx
    import pandas
    import pyarrow

    from aikg._aikg import Result, View

# Columns of statements_frame, in order (the keys of View._statement_records).
STATEMENT_COLUMNS = [
    "id", "subject", "predicate", "kind", "object",
    "amount", "unit", "bound", "lower", "upper", "text", "lang", "date", "boolean",
    "valid", "valid_from", "valid_to", "valid_start", "valid_end", "period",
    "modality", "sources", "locators", "confidence", "qualifiers",
]  # fmt: skip
ENTITY_COLUMNS = ["id", "type", "name", "description", "aliases"]

# Fields an edge does not need: its ends are the edge's ends, and it carries no value.
_NOT_ON_EDGES = frozenset(
    ["subject", "object", "kind", "amount", "unit", "bound", "lower", "upper", "text", "lang", "date", "boolean"]
)
_DAY_COLUMNS = ["valid_start", "valid_end"]


def _require(package: str, feature: str) -> Any:
    try:
        return importlib.import_module(package)
    except ImportError as error:
        raise ImportError(
            f"{feature} needs the '{package}' package: pip install {package} (or aikg[notebook])"
        ) from error


def to_networkx(view: View, values: bool = True) -> networkx.MultiDiGraph:
    nx = _require("networkx", "to_networkx()")
    graph = nx.MultiDiGraph()
    schema = getattr(view, "schema", None)
    if schema is not None:
        graph.graph["schema"] = schema.name
    for record in view._entity_records():
        graph.add_node(record.pop("id"), **record)
    for record in view._statement_records():
        if record["kind"] == "entity":
            fields = {key: value for key, value in record.items() if key not in _NOT_ON_EDGES}
            graph.add_edge(record["subject"], record["object"], key=record["id"], **fields)
        elif values:
            subject = record.pop("subject")
            del record["object"]
            graph.nodes[subject].setdefault("values", []).append(record)
    return graph


def _frame(records: list[dict[str, Any]], columns: list[str]) -> pandas.DataFrame:
    pd = _require("pandas", "frames")
    known = set(columns)
    extra = sorted({key for record in records for key in record if key not in known})
    return pd.DataFrame.from_records(records, columns=columns + extra)


def statements_frame(view: View) -> pandas.DataFrame:
    frame = _frame(view._statement_records(), STATEMENT_COLUMNS)
    pd = _require("pandas", "frames")
    for column in _DAY_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    return frame


def entities_frame(view: View) -> pandas.DataFrame:
    return _frame(view._entity_records(), ENTITY_COLUMNS)


def result_to_pandas(result: Result) -> pandas.DataFrame:
    pd = _require("pandas", "Result.to_pandas()")
    columns = result._plain_columns()
    frame = pd.DataFrame({index: column for index, column in enumerate(columns)}, columns=range(len(columns)))
    frame.columns = list(result.columns)
    return frame


def result_to_arrow(result: Result) -> pyarrow.Table:
    pa = _require("pyarrow", "Result.to_arrow()")
    arrays = []
    for column in result._plain_columns():
        try:
            arrays.append(pa.array(column))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            # Mixed kinds in one column (a number here, a text there): keep them as text.
            arrays.append(pa.array([None if value is None else str(value) for value in column], type=pa.string()))
    return pa.Table.from_arrays(arrays, names=list(result.columns))
