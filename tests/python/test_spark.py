"""Spark on aikg's tables: the code of docs/scaling.md (section 5) gives aikg's answers.

One SparkSession in local mode (``local[2]``) serves the module. The newsletter dataset is exported
as Parquet and CSV tables; the doc's Spark blocks run, as written, in a directory holding them
(``kg``, ``datasets``), and each answer (a typed two-hop pattern, as of a day, known at a day
through the relay chain, statements per source, a metric series) is compared with aikg's own.

Marked ``spark``: ``pytest -m "not spark"`` leaves them out. Without pyspark or Java they are
skipped, except in CI (``CI=true``), where a missing Spark fails.
"""

from __future__ import annotations

import collections
import datetime
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aikg
import aikg.spark

REPOSITORY = Path(__file__).resolve().parents[2]
SCALING = REPOSITORY / "docs" / "scaling.md"


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return 'pyspark is not installed (pip install ".[spark]")'
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Spark finds no Java runtime (apt-get install default-jre-headless, or set JAVA_HOME)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    missing = _spark_missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}: CI runs the Spark tests (scripts/install-deps.sh, the spark extra)")
        pytest.skip(missing)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("aikg-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        # Small data: the JVM's quick compiler is enough, and it starts faster.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def workdir(newsletter: aikg.Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the doc's paths: kg/ (Parquet), kg-csv/ and datasets/."""
    directory = tmp_path_factory.mktemp("spark")
    newsletter.export(directory / "kg", format="parquet")
    newsletter.export(directory / "kg-csv", format="csv")
    (directory / "datasets").symlink_to(REPOSITORY / "datasets")
    return directory


def _doc_blocks() -> list[str]:
    """The Python blocks of docs/scaling.md marked `<!-- spark -->`, in order."""
    text = SCALING.read_text(encoding="utf-8")
    marker = "<!-- spark -->\n```python\n"
    blocks = []
    start = text.find(marker)
    while start >= 0:
        start += len(marker)
        blocks.append(text[start : text.index("```", start)])
        start = text.find(marker, start)
    return blocks


@pytest.fixture(scope="module")
def doc(spark: Any, workdir: Path) -> dict[str, Any]:
    """What the doc's blocks define, run in `workdir` as a reader would run them."""
    blocks = _doc_blocks()
    assert len(blocks) == 6, "docs/scaling.md's Spark section changed: update the test"
    namespace: dict[str, Any] = {}
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        for block in blocks:
            exec(compile(block, str(SCALING), "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert namespace["spark"] is spark  # the doc's getOrCreate() found the test's session
    return namespace


def _ids(frame: Any) -> set[str]:
    return {row["id"] for row in frame.select("id").collect()}


@pytest.mark.spark
def test_tables_have_the_arrow_columns_and_types(doc: dict[str, Any], newsletter: aikg.Graph) -> None:
    arrow = newsletter.tables()
    spark_types = {"large_string": "string", "date32[day]": "date", "double": "double", "bool": "boolean"}
    for name, table in doc["tables"].items():
        expected = [(field.name, spark_types[str(field.type)]) for field in arrow[name].schema]
        assert table.dtypes == expected, name
        assert table.count() == arrow[name].num_rows, name
    assert {"valid_start", "valid_end", "amount"} <= set(doc["statements"].columns)


@pytest.mark.spark
def test_csv_tables_read_as_the_parquet_ones(spark: Any, workdir: Path, doc: dict[str, Any]) -> None:
    from_csv = aikg.spark.read_tables(spark, workdir / "kg-csv")
    for name, table in doc["tables"].items():
        assert from_csv[name].dtypes == table.dtypes, name
        assert from_csv[name].exceptAll(table).count() == 0, name
        assert table.exceptAll(from_csv[name]).count() == 0, name
    # Empty fields are nulls and amounts doubles, as in the Parquet files.
    located = from_csv["statements"].where("id = 'st/deepseek-users'").first()
    assert located is not None
    assert (located["dst"], located["amount"], located["bound"]) == (None, 97e6, "at_least")


@pytest.mark.spark
def test_typed_two_hop_pattern(doc: dict[str, Any], newsletter: aikg.Graph) -> None:
    rows = sorted(tuple(row) for row in doc["chips_in_products"].collect())
    query = "MATCH (o:Organization)-[:develops]->(p:Product)-[:uses]->(c:Chip) RETURN o.name, p.name, c.name"
    expected = sorted(newsletter.query(query).rows)
    assert rows == expected
    assert ("Huawei", "Huawei Mate 60 Pro", "Huawei Kirin") in rows  # a Smartphone and a Processor: subtypes


@pytest.mark.parametrize("day", ["2022-12-31", "2024-12-31", "2025-06-30", "2030-01-01"])
@pytest.mark.spark
def test_as_of(doc: dict[str, Any], newsletter: aikg.Graph, day: str) -> None:
    held = _ids(doc["held_at"](datetime.date.fromisoformat(day)))
    # Statements without valid time are never held (the lead's undated convention); the valid-time
    # condition keeps aikg's answer the same before and after that convention lands.
    query = f"MATCH (x)-[s]->(y) WHERE s.valid IS NOT NULL AS OF {day} RETURN s.id"
    values = f"MATCH (x)-[s]->(v:Value) WHERE s.valid IS NOT NULL AS OF {day} RETURN s.id"
    expected = {row[0] for row in newsletter.query(query).rows} | {row[0] for row in newsletter.query(values).rows}
    assert expected == {s.id for s in newsletter.as_of(day).statements() if s.valid is not None}
    assert held == expected
    assert held, "the newsletter holds claims on every day tested"


@pytest.mark.parametrize("day", ["2024-01-01", "2025-08-31", "2025-09-01", "2025-09-03", "2025-09-30"])
@pytest.mark.spark
def test_known_at_follows_the_relay_chain(doc: dict[str, Any], newsletter: aikg.Graph, day: str) -> None:
    known = _ids(doc["known_at"](datetime.date.fromisoformat(day)))
    assert known == {s.id for s in newsletter.known_at(day).statements()}


@pytest.mark.spark
def test_undated_sources_take_their_relays_date(doc: dict[str, Any]) -> None:
    since = {row["id"]: row["since"] for row in doc["since"].collect()}
    # Bloomberg has no date and came through the newsletter of September 2025.
    assert since["src/bloomberg-deepseek-agent"] == datetime.date(2025, 9, 1)
    assert since["src/deepseek-2025-08-21"] == datetime.date(2025, 8, 21)


@pytest.mark.spark
def test_statements_per_source(doc: dict[str, Any], newsletter: aikg.Graph) -> None:
    counts = {row["source"]: row["count"] for row in doc["per_source"].collect()}
    expected = collections.Counter(c.source.id for s in newsletter.statements() for c in s.citations)
    assert counts == dict(expected)


@pytest.mark.spark
def test_metric_series(doc: dict[str, Any], newsletter: aikg.Graph) -> None:
    def in_order(rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Dated points in time order; undated ones (in load order for aikg) as a sorted list."""
        return [row for row in rows if row[0] is not None], sorted(row for row in rows if row[0] is None)

    for subject, metric in [
        ("market/china-ai-chip-market", "domestic_supplier_market_share"),
        ("org/alibaba", "revenue"),
        ("org/deepseek", "users"),  # an open start ("..2025-09") comes first
    ]:
        rows = [tuple(row) for row in doc["series"](subject, metric).collect()]
        expected = []
        for point in newsletter.series(subject, metric):
            valid = point.statement.valid
            quantity = point.quantity
            expected.append((None if valid is None else str(valid), quantity.amount, quantity.unit, quantity.bound,
                             point.statement.modality))  # fmt: skip
        assert rows, (subject, metric)
        assert in_order(rows) == in_order(expected), (subject, metric)


@pytest.mark.spark
def test_first_day_reads_every_time_form_as_aikg_does(spark: Any) -> None:
    texts = ["2025", "2025-09", "2025-09-04", "2025-09-04T15:20", "2025-09-04T01:20+08:00",
             "2025-09-04T23:20:05-05:00", "2025-09-04T10:00Z", "2020s", "2024-H1", "2024-H2", "2024-Q1", "2024-Q4"]  # fmt: skip
    for part in ["early", "mid", "late", "start of", "end of"]:
        for base in ["2024", "2024-H2", "2024-Q1", "2024-Q3", "2024-01", "2024-02", "2023-02", "2024-12"]:
            texts.append(f"{part} {base}")
    frame = spark.createDataFrame([(text,) for text in texts], "text string")
    days = dict(frame.select("text", aikg.spark.first_day("text")).collect())
    assert days == {text: aikg.TimePoint(text).first_day for text in texts}
    # No calendar day: nulls, fiscal periods (their days depend on the subject), non-times.
    odd = spark.createDataFrame([(None,), ("FY2026",), ("early 2024-09-04",), ("soon",)], "text string")
    assert [row[0] for row in odd.select(aikg.spark.first_day("text")).collect()] == [None] * 4


@pytest.mark.spark
def test_read_tables_says_what_is_missing(spark: Any, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"entities\.csv is missing: .*aikg export --format csv"):
        aikg.spark.read_tables(spark, tmp_path)
    with pytest.raises(ValueError, match="'parquet' or 'csv', not 'json'"):
        aikg.spark.read_tables(spark, tmp_path, format="json")


def test_without_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql.functions", None)
    with pytest.raises(ImportError, match=r'pip install "aikg\[spark\]"'):
        aikg.spark.read_tables(None, tmp_path)  # type: ignore[arg-type]
    with pytest.raises(ImportError, match=r"aikg\.spark needs pyspark"):
        aikg.spark.first_day("published")
