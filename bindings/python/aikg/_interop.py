"""Conversions of views and query results to networkx, pandas and pyarrow objects, and Parquet.

The extension builds plain records or columns in one pass over a view (``View._entity_records``,
``View._statement_columns``), a result (``Result._plain_columns``) or Arrow column buffers
(``View._table_buffers``); this module turns them into the objects of optional packages,
imported only when a conversion is asked for.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aikg._aikg import _STATEMENT_COLUMNS, _AtomicDirectory
from aikg._errors import Error

if TYPE_CHECKING:
    import networkx
    import pandas
    import pyarrow

    from aikg._aikg import Result, View

# Columns of statements_frame, in order: the extension's one list, which its records and columns
# are checked against.
STATEMENT_COLUMNS: list[str] = list(_STATEMENT_COLUMNS)
ENTITY_COLUMNS = ["id", "type", "name", "description", "aliases"]

_DAY_COLUMNS = ["valid_start", "valid_end"]


def _require(package: str, feature: str) -> Any:
    try:
        return importlib.import_module(package)
    except ImportError as error:
        raise ImportError(
            f"{feature} needs the '{package}' package: pip install {package} (or aikg[notebook])"
        ) from error


def to_networkx(view: View, values: bool = True) -> networkx.MultiDiGraph:
    """The node-link export read by networkx: one attribute layout for both (docs/export.md)."""
    nx = _require("networkx", "to_networkx()")
    with tempfile.TemporaryDirectory(prefix="aikg-") as directory:
        path = Path(directory) / "graph.json"
        view.export(path, format="node-link")
        with path.open(encoding="utf-8") as file:
            data = json.load(file)
    if not values:
        for node in data["nodes"]:
            node.pop("values", None)
    return nx.node_link_graph(data, edges="edges")


def _frame(records: list[dict[str, Any]], columns: list[str]) -> pandas.DataFrame:
    pd = _require("pandas", "frames")
    known = set(columns)
    extra = sorted({key for record in records for key in record if key not in known})
    return pd.DataFrame.from_records(records, columns=columns + extra)


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pauses the cyclic garbage collector: building three containers per row (sources,
    locators, qualifiers) would otherwise set off collections that walk every object made so
    far, most of the time spent. What is built holds no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def statements_frame(view: View) -> pandas.DataFrame:
    pd = _require("pandas", "frames")
    if view.statement_count == 0:
        return _with_day_columns(pd.DataFrame.from_records([], columns=STATEMENT_COLUMNS))
    # Built from whole columns: pandas infers each column's dtype as it would from the rows'
    # dicts (str, float64, object), at a fraction of the cost of a dict per row. Where pandas
    # keeps strings in Arrow (pandas 3 with pyarrow), the texts come as Arrow buffers, which it
    # wraps as they are, and `sources` and `locators` as Arrow lists of texts (pandas.ArrowDtype:
    # a row reads as a list of str, as from the dicts; no Python list per row).
    text_dtype = pd.Series(["text"]).dtype
    arrow_texts = getattr(text_dtype, "storage", None) == "pyarrow"
    with _without_cyclic_gc():
        columns = dict(view._statement_columns(arrow_texts=arrow_texts))
        for name, column in columns.items():
            if isinstance(column, tuple) and len(column) == 2:
                columns[name] = pd.arrays.ArrowExtensionArray(_arrow_text_lists(*column))
            elif isinstance(column, tuple):
                columns[name] = pd.array(_arrow_texts(column), dtype=text_dtype)
        # copy=False: the arrays are this frame's own (the default copies each one).
        return _with_day_columns(pd.DataFrame(columns, columns=STATEMENT_COLUMNS, copy=False))


# Column buffers from the extension: anything with the buffer protocol (pyarrow Buffers, NumPy arrays).
_Buffer = Any


def _arrow_texts(buffers: tuple[int, int, _Buffer | None, _Buffer, _Buffer]) -> pyarrow.Array:
    pa = _require("pyarrow", "frames")
    return _arrow_array(pa.large_string(), *buffers)


def _arrow_text_lists(offsets: _Buffer, items: tuple[int, int, _Buffer | None, _Buffer, _Buffer]) -> pyarrow.Array:
    """A large_list<large_string> array: a row's items are items[offsets[row]:offsets[row + 1]]."""
    pa = _require("pyarrow", "frames")
    rows = len(offsets) // 8 - 1
    return pa.Array.from_buffers(pa.large_list(pa.large_string()), rows, [None, pa.py_buffer(offsets)],
                                 children=[_arrow_texts(items)])


def _arrow_array(arrow_type: pyarrow.DataType, length: int, null_count: int, validity: _Buffer | None,
                 offsets: _Buffer | None, values: _Buffer) -> pyarrow.Array:
    """An Arrow array over column buffers the extension made (validity read only when some value
    is null; offsets for texts)."""
    pa = _require("pyarrow", "Arrow arrays")
    buffers = [pa.py_buffer(validity) if null_count else None]
    if offsets is not None:
        buffers.append(pa.py_buffer(offsets))
    buffers.append(pa.py_buffer(values))
    return pa.Array.from_buffers(arrow_type, length, buffers, null_count=null_count)


def _with_day_columns(frame: pandas.DataFrame) -> pandas.DataFrame:
    for column in _DAY_COLUMNS:
        frame[column] = frame[column].astype("datetime64[s]")
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


# The Arrow type of each column type of View._table_buffers (aikg::ColumnType).
_ARROW_TYPES = {"string": "large_string", "double": "float64", "boolean": "bool_", "date": "date32"}

Progress = Callable[[int, int], object]


def tables(view: View, progress: Progress | None = None) -> dict[str, pyarrow.Table]:
    pa = _require("pyarrow", "tables()")
    result = {}
    for name, columns in view._table_buffers(progress=progress):
        arrays = [_arrow_array(getattr(pa, _ARROW_TYPES[type_name])(), *buffers)
                  for _, type_name, *buffers in columns]
        result[name] = pa.Table.from_arrays(arrays, names=[column[0] for column in columns])
    return result


def write_parquet(view: View, directory: str | os.PathLike[str], progress: Progress | None = None) -> None:
    """Writes <directory>/{entities,statements,sources}.parquet as one set: into a temporary
    directory beside it, swapped in once every table is written (as the CSV export does)."""
    parquet = _require("pyarrow.parquet", "the parquet export")
    written = tables(view, progress)
    with _AtomicDirectory(directory, [f"{name}.parquet" for name in written]) as output:
        for name, table in written.items():
            _write_atomically(Path(output.path) / f"{name}.parquet", functools.partial(parquet.write_table, table))
        output.commit()


def _write_atomically(target: Path, write: Callable[[Any], object]) -> None:
    """Writes `target` through a temporary file beside it, renamed over it when complete."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise Error(f"cannot create a temporary file in {target.parent}: {error.strerror}") from error
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), 0o644)  # not mkstemp's 0600: like any output (and the C++ exports)
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise Error(f"cannot write {target}: {error.strerror or error}") from error
        raise
