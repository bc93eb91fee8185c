"""Tables handed to ``Graph.import_table`` and ``Graph.reconcile`` as text cells.

A pandas DataFrame or a pyarrow Table becomes its column names and, per column, one ``str`` or
``None`` (a missing cell) per row: what a CSV file would hold, so that a mapping reads a
DataFrame exactly as it reads the same table saved as CSV. Dates and timestamps are written in
ISO form; a timestamp at midnight reads back as a day.
"""

from __future__ import annotations

import datetime
import math
from typing import Any


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    return None if text in ("NaT", "<NA>") else text


def table_columns(source: Any) -> tuple[str, list[str], list[list[str | None]]]:
    """The label, column names and text columns of a DataFrame or an Arrow table."""
    module = type(source).__module__
    if module.startswith("pandas"):
        names = [str(name) for name in source.columns]
        columns = [[_text(value) for value in source[name].tolist()] for name in source.columns]
        return "<DataFrame>", names, columns
    if module.startswith("pyarrow"):
        names = [str(name) for name in source.column_names]
        columns = [[_text(value) for value in source.column(name).to_pylist()] for name in source.column_names]
        return "<Arrow table>", names, columns
    raise TypeError(
        "import_table reads a CSV file (str or os.PathLike), a pandas DataFrame or a pyarrow Table, "
        f"not {type(source).__name__}"
    )
