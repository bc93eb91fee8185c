#!/usr/bin/env python3
"""Time-filtered counts and frames: aikg against pandas and DuckDB on the same statements table.

Usage (after ``pip install . pandas pyarrow duckdb``):

    python3 bench/python/frames_bench.py --statements 100000 --repeat 5
    python3 bench/python/frames_bench.py --statements 1000000 --generator build/bench/aikg_generate

The dataset is the C++ generator's synthetic file (compare_peers.py's cache:
``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json``). aikg loads it; its Parquet export (``export(format=
"parquet")``) is written beside it once and DuckDB loads that ``statements`` table into memory;
pandas gets aikg's ``statements_frame()`` of the whole graph, built once. Then, with D = --day and
the window --during:

- as-of count: statements held on D. aikg ``g.as_of(D).statement_count``; DuckDB ``count(*)``
  with docs/scaling.md's held-at condition (spark_bench.py's ``AS_OF``); pandas the same
  condition as a boolean mask over the frame, summed.
- as-of count by query: the same count through the query language, as spark_bench.py asks it
  (``MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF D RETURN count(s)``, and the same for
  values, summed); the peers' columns are those of the as-of count.
- overlap count: statements whose valid time overlaps the window. aikg
  ``g.view(valid_during=(A, B)).statement_count``; DuckDB and pandas ``valid_start <= B's last
  day and valid_end >= A's first day`` (an open end passes).
- as-of frame: the rows held on D as a pandas.DataFrame. aikg ``g.as_of(D).statements_frame()``;
  pandas the frame filtered by the mask (``frame[mask]``); DuckDB ``SELECT * ... WHERE``
  fetched with ``.df()`` (its table's columns: sources as JSON text, not lists).

pandas runs twice: on aikg's frame of the whole graph, built once and held (the in-memory
route), and from the Parquet ``statements`` table, read with ``pandas.read_parquet`` at every
operation (the route of a user who starts from the exported files, as DuckDB's table does).

Everything runs in one process, one operation after the other, --repeat times each; the report
gives the best CPU time of this process (``time.process_time``: DuckDB's worker threads
included; DuckDB runs with --duckdb-threads) and the best wall time, and the ratio of CPU times
(peer / aikg: above 1×, aikg is faster). CPU time is the figure to read on a shared machine; the
load average is logged. The answers (counts, row ids) are checked equal.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import aikg
from compare_peers import dataset, publish  # the same dataset cache and report output

ROOT = Path(__file__).resolve().parents[2]


def held_at_sql(day: datetime.date) -> str:
    """docs/scaling.md's held-at condition (as spark_bench.py's AS_OF)."""
    return (
        f"valid IS NOT NULL AND (valid_start IS NULL OR valid_start <= DATE '{day}') "
        f"AND (valid NOT LIKE '%..%' OR valid_end IS NULL OR valid_end >= DATE '{day}')"
    )


def overlap_sql(first: datetime.date, last: datetime.date) -> str:
    return (
        f"valid IS NOT NULL AND (valid_start IS NULL OR valid_start <= DATE '{last}') "
        f"AND (valid_end IS NULL OR valid_end >= DATE '{first}')"
    )


def as_of_queries(day: datetime.date) -> list[str]:
    """spark_bench.py's AIKG_AS_OF: edges and values held on `day`, counted by the query language."""
    return [
        f"MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF {day} RETURN count(s)",
        f"MATCH (x)-[s]->(v:Value) WHERE s.valid IS NOT NULL AS OF {day} RETURN count(s)",
    ]


def held_at_mask(frame: Any, day: datetime.date) -> Any:
    import duckdb
    import pandas as pd

    # aikg's frame has datetime64 days; read_parquet gives the Parquet DATE columns as dates.
    at = pd.Timestamp(day) if pd.api.types.is_datetime64_any_dtype(frame["valid_start"]) else day
    interval = frame["valid"].str.contains("..", regex=False).fillna(False).astype(bool)
    return (
        frame["valid"].notna()
        & (frame["valid_start"].isna() | (frame["valid_start"] <= at))
        & (~interval | frame["valid_end"].isna() | (frame["valid_end"] >= at))
    )


def overlap_mask(frame: Any, first: datetime.date, last: datetime.date) -> Any:
    import duckdb
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(frame["valid_start"]):
        first, last = pd.Timestamp(first), pd.Timestamp(last)
    return (
        frame["valid"].notna()
        & (frame["valid_start"].isna() | (frame["valid_start"] <= last))
        & (frame["valid_end"].isna() | (frame["valid_end"] >= first))
    )


def best_of(repeat: int, operation: Callable[[], Any]) -> tuple[float, float, Any]:
    """The least CPU and wall seconds of `repeat` runs, and the last answer."""
    cpu = wall = float("inf")
    answer = None
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        answer = operation()
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start_wall)
    return cpu, wall, answer


def formatted(seconds: float) -> str:
    return f"{seconds * 1e3:.3g} ms" if seconds < 1 else f"{seconds:.3g} s"


class Setup(NamedTuple):
    """What frames_bench.py and query_count_bench.py measure on."""

    arguments: argparse.Namespace
    day: datetime.date  # --day
    first: datetime.date  # --during's first and last days
    last: datetime.date
    path: Path  # the synthetic JSON
    graph: aikg.Graph
    connection: Any  # DuckDB, the graph's Parquet ``statements`` table loaded into memory
    loads: list[str]  # 1-minute load averages, the first before the load


def set_up(description: str) -> Setup:
    """Parses the shared arguments, loads the dataset into aikg and its Parquet export (written
    beside it once) into DuckDB."""
    parser = argparse.ArgumentParser(description=description.split("\n", 1)[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"))
    parser.add_argument("--day", default="2024-12-31")
    parser.add_argument("--during", default="2023-07-01..2024-06-30")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--duckdb-threads", type=int, default=1)
    parser.add_argument("--out", help="also write the Markdown report here")
    arguments = parser.parse_args()

    import duckdb

    day = datetime.date.fromisoformat(arguments.day)
    first, last = (datetime.date.fromisoformat(part) for part in arguments.during.split(".."))
    path = dataset(arguments.statements, arguments.generator)
    loads = [f"{os.getloadavg()[0]:.2f}"]
    graph = aikg.load(path)
    tables = path.parent / f"frames-n{arguments.statements}"
    if not (tables / "statements.parquet").exists():
        graph.export(tables, format="parquet")
    connection = duckdb.connect()
    connection.execute(f"SET threads TO {arguments.duckdb_threads}")
    connection.execute(f"CREATE TABLE statements AS SELECT * FROM read_parquet('{tables / 'statements.parquet'}')")
    return Setup(arguments, day, first, last, path, graph, connection, loads)


def main() -> int:
    arguments, day, first, last, path, graph, connection, loads = set_up(__doc__)
    import duckdb
    import pandas as pd

    frame = graph.statements_frame()
    statements_parquet = path.parent / f"frames-n{arguments.statements}" / "statements.parquet"

    def parquet() -> Any:
        return pd.read_parquet(statements_parquet)

    def parquet_as_of() -> Any:
        table = parquet()
        return table[held_at_mask(table, day)]

    def duckdb_count(condition: str) -> int:
        row = connection.execute(f"SELECT count(*) FROM statements WHERE {condition}").fetchone()
        assert row is not None
        return int(row[0])

    operations: dict[str, dict[str, Callable[[], Any]]] = {
        "as-of count": {
            "aikg": lambda: graph.as_of(day).statement_count,
            "DuckDB": lambda: duckdb_count(held_at_sql(day)),
            "pandas": lambda: int(held_at_mask(frame, day).sum()),
            "pandas from Parquet": lambda: int(held_at_mask(parquet(), day).sum()),
        },
        "as-of count by query": {
            "aikg": lambda: sum(graph.query(query).rows[0][0] for query in as_of_queries(day)),
            "DuckDB": lambda: duckdb_count(held_at_sql(day)),
            "pandas": lambda: int(held_at_mask(frame, day).sum()),
            "pandas from Parquet": lambda: int(held_at_mask(parquet(), day).sum()),
        },
        "overlap count": {
            "aikg": lambda: graph.view(valid_during=(first, last)).statement_count,
            "DuckDB": lambda: duckdb_count(overlap_sql(first, last)),
            "pandas": lambda: int(overlap_mask(frame, first, last).sum()),
            "pandas from Parquet": lambda: int(overlap_mask(parquet(), first, last).sum()),
        },
        "as-of frame": {
            "aikg": lambda: graph.as_of(day).statements_frame(),
            "DuckDB": lambda: connection.execute(f"SELECT * FROM statements WHERE {held_at_sql(day)}").df(),
            "pandas": lambda: frame[held_at_mask(frame, day)],
            "pandas from Parquet": parquet_as_of,
        },
    }
    engines = ["aikg", "DuckDB", "pandas", "pandas from Parquet"]
    results: dict[str, dict[str, tuple[float, float]]] = {}
    disagreements = []
    rows = {}
    for name, by_engine in operations.items():
        results[name] = {}
        answers = {}
        for engine in engines:
            cpu, wall, answer = best_of(arguments.repeat, by_engine[engine])
            results[name][engine] = (cpu, wall)
            answers[engine] = sorted(answer["id"]) if isinstance(answer, pd.DataFrame) else answer
        if isinstance(answers["aikg"], list):
            rows[name] = len(answers["aikg"])
        if len({repr(answer) for answer in answers.values()}) > 1:
            disagreements.append(name)
        loads.append(f"{os.getloadavg()[0]:.2f}")

    lines = [
        f"Counts and frames at {path.name} ({graph.statement_count} statements): held on {day}, overlapping "
        f"{first}..{last}; best of {arguments.repeat} in one process; DuckDB {duckdb.__version__} "
        f"({arguments.duckdb_threads} thread(s), table in memory), pandas {pd.__version__}.",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; 1-minute load average before each operation: {', '.join(loads)}.",
        "",
        "CPU / wall seconds; in brackets, peer CPU / aikg CPU (above 1×: aikg faster).",
        "",
        "| operation | " + " | ".join(engines) + " |",
        "| --- |" + " --- |" * len(engines),
    ]
    for name, by_engine in results.items():
        base = by_engine["aikg"][0]
        cells = []
        for engine in engines:
            cpu, wall = by_engine[engine]
            cell = f"{formatted(cpu)} / {formatted(wall)}"
            if engine != "aikg":
                cell += f" ({cpu / base:.2g}×)"
            elif name in rows:
                cell += f" ({cpu / rows[name] * 1e6:.2g} µs/row, {rows[name]} rows)"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "Answers agree." if not disagreements else "Answers differ: " + ", ".join(disagreements)]
    publish(lines, arguments.out)
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
