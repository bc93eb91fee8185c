"""aikg's tables in Spark: typed DataFrames of an export, and the days of aikg's time texts.

A graph too big for one machine goes to Spark as the three tables of ``aikg export --format
parquet`` (or ``csv``); docs/scaling.md runs aikg's questions on them (a typed pattern, as of a
day, known at a day, counts per source, a metric series) and tests/python/test_spark.py checks
they give aikg's answers. Nothing here calls Python on Spark's workers: the helpers build Spark
expressions, so a cluster needs no aikg.

Pure Python: pyspark is imported when a function is called, and a missing pyspark is an
ImportError that names the ``spark`` extra (``pip install "aikg[spark]"``).

Example (after ``aikg export graph.json --format parquet -o kg``)::

    from pyspark.sql import SparkSession
    from aikg.spark import first_day, read_tables

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    tables = read_tables(spark, "kg")   # {"entities", "statements", "sources"}
    tables["sources"].select("id", first_day("published").alias("since")).show()
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

__all__ = ["TABLES", "first_day", "read_tables"]

TABLES = ("entities", "statements", "sources")

# The columns the tables type (docs/export.md): a CSV file holds them as text, a Parquet file
# with these types. Every other column is text (or JSON text).
_TYPED_COLUMNS = {
    "valid_start": "date",
    "valid_end": "date",
    "confidence": "double",
    "amount": "double",
    "lower": "double",
    "upper": "double",
    "boolean": "boolean",
}

# A time text of docs/json-format.md without fiscal periods (which need their subject's fiscal
# year): 1 the fuzzy part, 2 the year, 3 "s" of a decade, 4 the half, 5 the quarter, 6 the
# month, 7 the day (a time of day and its offset are on that day, as written).
_TIME_PATTERN = (
    r"^(?:(early|mid|late|start of|end of) )?([0-9]{4})"
    r"(?:(s)|-H([12])|-Q([1-4])|-([0-9]{2})(?:-([0-9]{2})(?:T[0-9:]+(?:Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$"
)


_NO_PYSPARK = 'aikg.spark needs pyspark: pip install "aikg[spark]" (Spark also needs a Java runtime, 17 or later)'


def read_tables(spark: SparkSession, path: str | os.PathLike[str], *, format: str | None = None) -> dict[str, DataFrame]:
    """The tables of an aikg export as typed Spark DataFrames.

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
    path : str or os.PathLike
        The directory ``aikg export --format parquet`` (or ``csv``) wrote: ``entities``,
        ``statements`` and ``sources`` tables. A URI (``"s3a://bucket/kg"``, ``"hdfs:///kg"``)
        is handed to Spark as it is.
    format : {"parquet", "csv"}, optional
        Which files to read; by default the Parquet files when a local directory has them, else
        the CSV files; Parquet at a URI.

    Returns
    -------
    dict of str to pyspark.sql.DataFrame
        ``{"entities", "statements", "sources"}``, with the columns of ``View.tables()`` in
        their order: ``valid_start`` and ``valid_end`` as DateType, ``amount``, ``lower``,
        ``upper`` and ``confidence`` as DoubleType, ``boolean`` as BooleanType, the rest
        strings (lists and objects as JSON text). From CSV files, the same rows, except that an
        empty text value (``""``, rare: aikg writes absent texts as nulls) reads as null, since
        Spark's CSV reader does not tell a quoted empty field from an empty one.

    Raises
    ------
    FileNotFoundError
        When a table is missing, naming the file.
    ValueError
        For another format.
    ImportError
        When pyspark is not installed.
    """
    try:
        import pyspark.sql.functions as F
    except ImportError as error:
        raise ImportError(_NO_PYSPARK) from error
    location = os.fspath(path)
    local = "://" not in location
    if local:  # Spark's JVM resolves relative paths against its own working directory
        location = os.path.abspath(location)
    if format is None:
        format = "parquet" if not local or Path(location, "statements.parquet").exists() else "csv"
    if format not in ("parquet", "csv"):
        raise ValueError(f"read_tables reads format 'parquet' or 'csv', not '{format}'")
    tables = {}
    for name in TABLES:
        file = f"{location.rstrip('/')}/{name}.{format}"
        if local and not Path(file).is_file():
            raise FileNotFoundError(
                f"{file} is missing: read_tables reads a directory written by aikg export --format {format}"
            )
        if format == "parquet":
            tables[name] = spark.read.parquet(file)
            continue
        # RFC 4180 (a quote doubled inside quotes), quoted line breaks; every cell read as text, an
        # empty field as null, then typed as the Parquet files are.
        table = spark.read.csv(file, header=True, multiLine=True, quote='"', escape='"', encoding="UTF-8")
        tables[name] = table.select(
            *[F.col(column).cast(_TYPED_COLUMNS.get(column, "string")).alias(column) for column in table.columns]
        )
    return tables


def first_day(time: Column | str) -> Column:
    """The first day of an aikg time text, as a Spark date column (``TimePoint.first_day``).

    For the texts the tables hold as text, such as the sources' ``published``: ``"2025-09"``
    gives 2025-09-01, ``"2025-09-04T15:20+08:00"`` 2025-09-04, ``"mid 2024"`` 2024-05-01,
    ``"end of 2024-02"`` 2024-02-23 (the last seven days), ``"2020s"`` 2020-01-01. Null for a
    null, a fiscal period (its days depend on the subject) or a text that is no time. The
    statements' valid times need none of this: their days are ``valid_start`` and ``valid_end``.

    Parameters
    ----------
    time : pyspark.sql.Column or str
        The text column, or its name.
    """
    try:
        import pyspark.sql.functions as F
    except ImportError as error:
        raise ImportError(_NO_PYSPARK) from error
    text = F.col(time) if isinstance(time, str) else time

    def group(index: int) -> Column:
        return F.regexp_extract(text, _TIME_PATTERN, index)

    def number(index: int) -> Column:  # null when the group did not match (no cast of "": ANSI)
        return F.when(group(index) != "", group(index).cast("int"))

    part, year, half, quarter, month, day = group(1), number(2), number(4), number(5), number(6), number(7)
    # Years, halves and quarters: the fuzzy parts are months (docs/json-format.md): early the
    # first third, mid the second, late the last, start the first month, end the last month.
    months = F.when(half.isNotNull(), 6).when(quarter.isNotNull(), 3).otherwise(12)
    offset = (
        F.when(part == "mid", months / 3)
        .when(part == "late", months * 2 / 3)
        .when(part == "end of", months - 1)
        .otherwise(0)
        .cast("int")
    )
    first_month = F.coalesce(half * 6 - 5, quarter * 3 - 2, F.lit(1))
    # Months: the parts are days (early 1-10, mid 11-20, late 21-end, start 1-7, end the last 7).
    month_start = F.make_date(year, month, F.lit(1))
    month_first_day = (
        F.when(part == "mid", F.date_add(month_start, 10))
        .when(part == "late", F.date_add(month_start, 20))
        .when(part == "end of", F.date_sub(F.last_day(month_start), 6))
        .otherwise(month_start)
    )
    return (
        F.when(year.isNull(), F.lit(None).cast("date"))
        .when(day.isNotNull(), F.when(part == "", F.make_date(year, month, day)))
        .when(group(3) == "s", F.when(part == "", F.make_date(year, F.lit(1), F.lit(1))))
        .when(month.isNotNull(), month_first_day)
        .otherwise(F.make_date(year, first_month + offset, F.lit(1)))
    )
