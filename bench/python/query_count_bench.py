#!/usr/bin/env python3
"""Counts under AS OF and over a time window through the query language, against DuckDB.

Usage (after ``pip install . duckdb pyarrow``; the dataset as in frames_bench.py):

    AIKG_BENCH_DATA=/tmp/aikg-bench python3 bench/python/query_count_bench.py --statements 1000000 --repeat 5

The queries are frames_bench.py's "as-of count by query" (spark_bench.py's, edges and values
summed) and variants that the count push-down (docs/query.md, "How counts are answered") takes
or leaves to the matcher; DuckDB answers the same counts with SQL over the Parquet export's
``statements`` table, loaded into memory. With D = --day and the window --during:

- as of: ``MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF D RETURN count(s)`` and the same with
  ``(v:Value)``, summed; DuckDB frames_bench.py's held-at condition.
- as of, edges / values: each query alone; DuckDB the condition and ``kind = 'entity'`` (or not).
- as of, predicate and modality: ``-[s:develops]->`` and ``s.modality = 'reported'``.
- during the window: ``MATCH (x)-[s]->(y) DURING first .. last RETURN count(s)`` and the same with
  ``(v:Value)``, summed (the view's valid_during, through the interval index); DuckDB
  frames_bench.py's overlap condition.
- during the window, view API: ``g.view(valid_during=(first, last)).statement_count``, the same
  count without the query language (one filter, not one per query).
- overlapping the window (WHERE): the same count written as a WHERE on ``s.valid_start`` and
  ``s.valid_end``, which reads every statement's columns.
- as of, condition on a node: the as-of edge count with ``x = x`` added, which the push-down
  leaves to the matcher (no DuckDB column: it is the same count as "as of, edges").

Everything runs in one process, --repeat times each, interleaved; the report gives the best CPU
time (``time.process_time``) and wall time, and DuckDB CPU / aikg CPU (above 1×: aikg faster). The
answers are checked equal; the load average is logged.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
from typing import Any, Callable

import aikg
from compare_peers import publish
from frames_bench import best_of, formatted, held_at_sql, overlap_sql, set_up



def overlap_where(first: datetime.date, last: datetime.date) -> str:
    """overlap_sql in the query language: the valid time's days reach into the window."""
    return (
        f"s.valid IS NOT NULL AND (s.valid_start IS NULL OR s.valid_start <= date('{last}')) "
        f"AND (s.valid_end IS NULL OR s.valid_end >= date('{first}'))"
    )


def main() -> int:
    arguments, day, first, last, path, graph, connection, loads = set_up(__doc__)
    import duckdb

    def duckdb_count(condition: str) -> int:
        row = connection.execute(f"SELECT count(*) FROM statements WHERE {condition}").fetchone()
        assert row is not None
        return int(row[0])

    def aikg_count(*queries: str) -> int:
        return sum(graph.query(query).rows[0][0] for query in queries)

    held = held_at_sql(day)
    edges = f"MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF {day} RETURN count(s)"
    values = f"MATCH (x)-[s]->(v:Value) WHERE s.valid IS NOT NULL AS OF {day} RETURN count(s)"
    window = overlap_where(first, last)
    operations: dict[str, dict[str, Callable[[], Any]]] = {
        "as of": {"aikg": lambda: aikg_count(edges, values), "DuckDB": lambda: duckdb_count(held)},
        "as of, edges": {"aikg": lambda: aikg_count(edges), "DuckDB": lambda: duckdb_count(f"{held} AND kind = 'entity'")},
        "as of, values": {
            "aikg": lambda: aikg_count(values),
            "DuckDB": lambda: duckdb_count(f"{held} AND kind <> 'entity'"),
        },
        "as of, predicate and modality": {
            "aikg": lambda: aikg_count(
                f"MATCH (x)-[s:develops]->(y) WHERE s.modality = 'reported' AS OF {day} RETURN count(*)"
            ),
            "DuckDB": lambda: duckdb_count(f"{held} AND predicate = 'develops' AND modality = 'reported'"),
        },
        "during the window": {
            "aikg": lambda: aikg_count(
                f"MATCH (x)-[s]->(y) DURING {first} .. {last} RETURN count(s)",
                f"MATCH (x)-[s]->(v:Value) DURING {first} .. {last} RETURN count(s)",
            ),
            "DuckDB": lambda: duckdb_count(overlap_sql(first, last)),
        },
        "during the window, view API": {
            "aikg": lambda: graph.view(valid_during=(first, last)).statement_count,
            "DuckDB": lambda: duckdb_count(overlap_sql(first, last)),
        },
        "overlapping the window (WHERE)": {
            "aikg": lambda: aikg_count(
                f"MATCH (x)-[s]->(y) WHERE {window} RETURN count(s)",
                f"MATCH (x)-[s]->(v:Value) WHERE {window} RETURN count(s)",
            ),
            "DuckDB": lambda: duckdb_count(overlap_sql(first, last)),
        },
        "as of, condition on a node (matcher)": {
            "aikg": lambda: aikg_count(
                f"MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AND x = x AS OF {day} RETURN count(s)"
            ),
        },
    }
    results: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in operations}
    answers: dict[str, dict[str, Any]] = {name: {} for name in operations}
    for rep in range(arguments.repeat):
        for name, by_engine in operations.items():
            for engine, operation in by_engine.items():
                cpu, wall, answer = best_of(1, operation)
                best = results[name].get(engine, (float("inf"), float("inf")))
                results[name][engine] = (min(best[0], cpu), min(best[1], wall))
                answers[name][engine] = answer
        loads.append(f"{os.getloadavg()[0]:.2f}")
    disagreements = [name for name, by_engine in answers.items() if len(set(by_engine.values())) > 1]

    lines = [
        f"Counts by query at {path.name} ({graph.statement_count} statements): held on {day}, overlapping "
        f"{first}..{last}; best of {arguments.repeat} interleaved runs in one process; DuckDB {duckdb.__version__} "
        f"({arguments.duckdb_threads} thread(s), table in memory).",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; 1-minute load average at the start and after each repetition: "
        f"{', '.join(loads)}.",
        "",
        "CPU / wall seconds; in brackets, DuckDB CPU / aikg CPU (above 1×: aikg faster).",
        "",
        "| count | answer | aikg | DuckDB |",
        "| --- | ---: | --- | --- |",
    ]
    for name, by_engine in results.items():
        aikg_cpu, aikg_wall = by_engine["aikg"]
        cells = [f"{formatted(aikg_cpu)} / {formatted(aikg_wall)}"]
        if "DuckDB" in by_engine:
            cpu, wall = by_engine["DuckDB"]
            cells.append(f"{formatted(cpu)} / {formatted(wall)} ({cpu / aikg_cpu:.2g}×)")
        else:
            cells.append("—")
        lines.append(f"| {name} | {answers[name]['aikg']} | " + " | ".join(cells) + " |")
    lines += ["", "Answers agree." if not disagreements else "Answers differ: " + ", ".join(disagreements)]
    publish(lines, arguments.out)
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
