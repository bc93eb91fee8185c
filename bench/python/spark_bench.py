#!/usr/bin/env python3
"""Spark (local mode), DuckDB and aikg on the same graph: three of docs/scaling.md's questions.

Usage (from the repository root, after ``pip install ".[spark]" duckdb pyarrow``, with Java):

    python3 bench/python/spark_bench.py --statements 1000000 --repeat 5 --out bench/python/spark_results.md
    python3 bench/python/spark_bench.py --statements 100000 --repeat 3   # a few minutes

The dataset is the synthetic file of the C++ generator (bench/generate_dataset.cc), as in
bench/python/compare_peers.py: ``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json`` (AIKG_BENCH_DATA:
/tmp/aikg-bench), generated with ``--generator`` (default build/bench/aikg_generate) when
missing. aikg loads it; ``View.export(format="parquet")`` writes the tables
(``$AIKG_BENCH_DATA/spark-n<N>/``) that Spark and DuckDB read.

Each engine first loads what it queries (timed once, reported apart): aikg the JSON file,
DuckDB the Parquet files into in-memory tables, Spark the Parquet files through
aikg.spark.read_tables into cached DataFrames (``spark.master`` local[2], the machine's 2 cores;
DuckDB gets 2 threads). Then the queries, each returning its full answer to Python:

- as of: the statements held on 2024-12-31 (a count), with docs/scaling.md's condition; aikg
  ``MATCH ... WHERE s.valid IS NOT NULL AS OF 2024-12-31 RETURN count(s)`` over edges and values;
- per source: statements per cited source (every (source, count) row); aikg has no query for it,
  so its column is the Python API, ``Counter`` over ``g.statements()`` and their citations;
- 2-hop: ``(o:Company)-[:develops]->(m:AIModel)-[:trained_on]->(c:Chip)`` matches (a count; a
  Company label matches Startups, through the is_a table of docs/scaling.md).

The answers of the three engines are checked equal. Runs are interleaved (each repetition runs
every query on every engine in turn), --repeat of them; the table gives the min and median wall
seconds, and the 1-minute load average before each repetition is logged: this is a shared
2-core machine, and Spark's numbers are those of one machine, where it is not meant to shine.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aikg
import aikg.spark
from compare_peers import dataset, publish  # the same dataset cache and report output

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2024, 12, 31)

# docs/scaling.md's held_at condition, in SQL (the same text in Spark and DuckDB).
AS_OF = f"""
SELECT count(*) FROM statements
WHERE valid IS NOT NULL
  AND (valid_start IS NULL OR valid_start <= DATE '{DAY}')
  AND (valid NOT LIKE '%..%' OR valid_end IS NULL OR valid_end >= DATE '{DAY}')
"""
TWO_HOP = """
SELECT count(*)
FROM statements d
JOIN statements t ON t.src = d.dst AND t.predicate = 'trained_on'
JOIN entities o ON o.id = d.src JOIN is_a oa ON oa.type = o.type AND oa.label = 'Company'
JOIN entities m ON m.id = d.dst JOIN is_a ma ON ma.type = m.type AND ma.label = 'AIModel'
JOIN entities c ON c.id = t.dst JOIN is_a ca ON ca.type = c.type AND ca.label = 'Chip'
WHERE d.predicate = 'develops'
"""
PER_SOURCE = {
    "spark": "SELECT source, count(*) FROM (SELECT explode(from_json(sources, 'array<string>')) AS source "
    "FROM statements) GROUP BY source",
    "duckdb": "SELECT source, count(*) FROM (SELECT unnest(from_json(sources, '[\"VARCHAR\"]')) AS source "
    "FROM statements) GROUP BY source",
}
AIKG_AS_OF = [
    f"MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF {DAY} RETURN count(s)",
    f"MATCH (x)-[s]->(v:Value) WHERE s.valid IS NOT NULL AS OF {DAY} RETURN count(s)",
]
AIKG_TWO_HOP = "MATCH (o:Company)-[:develops]->(m:AIModel)-[:trained_on]->(c:Chip) RETURN count(*)"
QUERIES = ["as of", "per source", "2-hop"]
ENGINES = ["aikg", "duckdb", "spark"]


def is_a_rows(schema: aikg.Schema) -> list[tuple[str, str]]:
    """(type, label) for every type and each of its ancestors: a label matches its subtypes."""
    types = schema.entity_types
    return [(kind, label) for kind in types for label in types if schema.is_a(kind, label)]


class Aikg:
    def __init__(self, path: Path) -> None:
        self.graph = aikg.load(path)

    def as_of(self) -> int:
        return sum(self.graph.query(query).rows[0][0] for query in AIKG_AS_OF)

    def per_source(self) -> dict[str, int]:
        return dict(collections.Counter(c.source.id for s in self.graph.statements() for c in s.citations))

    def two_hop(self) -> int:
        count: int = self.graph.query(AIKG_TWO_HOP).rows[0][0]
        return count


class DuckDb:
    def __init__(self, tables: Path, schema: aikg.Schema) -> None:
        import duckdb

        self.con = duckdb.connect()
        self.con.execute("SET threads TO 2")
        for name in aikg.spark.TABLES:
            self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{tables / name}.parquet')")
        self.con.execute("CREATE TABLE is_a (type VARCHAR, label VARCHAR)")
        self.con.executemany("INSERT INTO is_a VALUES (?, ?)", is_a_rows(schema))

    def scalar(self, query: str) -> int:
        row = self.con.execute(query).fetchone()
        assert row is not None
        return int(row[0])

    def as_of(self) -> int:
        return self.scalar(AS_OF)

    def per_source(self) -> dict[str, int]:
        return dict(self.con.execute(PER_SOURCE["duckdb"]).fetchall())

    def two_hop(self) -> int:
        return self.scalar(TWO_HOP)


class Spark:
    def __init__(self, tables: Path, schema: aikg.Schema) -> None:
        from pyspark.sql import SparkSession

        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("aikg-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "8g")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        for name, table in aikg.spark.read_tables(self.spark, tables).items():
            table.cache().createOrReplaceTempView(name)
            table.count()  # materialises the cache
        self.spark.createDataFrame(is_a_rows(schema), "type string, label string").cache().createOrReplaceTempView("is_a")

    def scalar(self, query: str) -> int:
        return int(self.spark.sql(query).collect()[0][0])

    def as_of(self) -> int:
        return self.scalar(AS_OF)

    def per_source(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.spark.sql(PER_SOURCE["spark"]).collect()}

    def two_hop(self) -> int:
        return self.scalar(TWO_HOP)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", help="also write the Markdown report here")
    args = parser.parse_args()

    path = dataset(args.statements, args.generator)
    tables = path.parent / f"spark-n{args.statements}"
    log = [f"load average before loading: {os.getloadavg()[0]:.2f}"]
    load_seconds = {}
    load_seconds["aikg"], graph = timed(lambda: Aikg(path))
    schema = graph.graph.schema
    assert schema is not None
    if not (tables / "statements.parquet").exists():
        graph.graph.export(tables, format="parquet")
    engines: dict[str, Any] = {"aikg": graph}
    load_seconds["duckdb"], engines["duckdb"] = timed(lambda: DuckDb(tables, schema))
    load_seconds["spark"], engines["spark"] = timed(lambda: Spark(tables, schema))

    methods = {"as of": "as_of", "per source": "per_source", "2-hop": "two_hop"}
    seconds: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    answers: dict[tuple[str, str], Any] = {}
    for repetition in range(args.repeat):
        log.append(f"repetition {repetition + 1}: load average {os.getloadavg()[0]:.2f}")
        for query in QUERIES:
            for engine in ENGINES:
                elapsed, answer = timed(getattr(engines[engine], methods[query]))
                seconds[query, engine].append(elapsed)
                previous = answers.setdefault((query, engine), answer)
                assert answer == previous, (query, engine)
    for query in QUERIES:
        given = {engine: answers[query, engine] for engine in ENGINES}
        assert given["aikg"] == given["duckdb"] == given["spark"], (query, {e: str(a)[:200] for e, a in given.items()})
    log.append(f"load average after: {os.getloadavg()[0]:.2f}")

    def size(answer: Any) -> str:
        return f"{len(answer)} sources" if isinstance(answer, dict) else f"{answer:,}"

    lines = [
        f"# Spark local[2], DuckDB and aikg on {args.statements:,} statements",
        "",
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"pyspark {__import__('pyspark').__version__}, duckdb {__import__('duckdb').__version__}, "
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}. Wall seconds; {args.repeat} interleaved repetitions.",
        "",
        "| query | answer | aikg min | aikg median | DuckDB min | DuckDB median | Spark min | Spark median |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for query in QUERIES:
        cells = [f"{min(seconds[query, e]):.3f} | {statistics.median(seconds[query, e]):.3f}" for e in ENGINES]
        lines.append(f"| {query} | {size(answers[query, 'aikg'])} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Loading, once: " + ", ".join(f"{engine} {load_seconds[engine]:.1f} s" for engine in ENGINES)
        + " (aikg: the JSON file; DuckDB and Spark: the Parquet tables, into memory / the cache).",
        "",
        *[f"- {line}" for line in log],
    ]
    publish(lines, args.out)
    engines["spark"].spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
