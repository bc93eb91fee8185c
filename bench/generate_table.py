#!/usr/bin/env python3
"""Writes the deterministic model table of the import benchmark (docs/benchmarks.md, issue 11).

The table is laid out like Epoch AI's notable-models download: one row per model, with the
habits of real exports that the importer must handle: organisations shared by many rows (a pool
of 2 000, about 10 % of the cells naming two, "A,B"), a categorization cell that types each of
them, countries the graph already holds, publication dates at day, month or year precision,
numbers written as 7000000000.0, 1.0692e+25 or "1,024" (quoted, thousands grouped), multi-valued
domains ("Multimodal,Language"), a confidence column, empty and "Unknown" cells and a few quoted
model names holding commas.

bench/data/bench-mapping.json maps each row to six kinds of statement (develops, country,
release_date, parameter_count, training_compute, domain) about 6.1 statements per row on
average, into a graph of datasets/ai-industry.schema.json that holds the countries of
bench/data/bench-countries.json.

Every draw is a pure function of (seed, row, field) through SplitMix64, so the same arguments
give the same bytes with any Python 3 (no `random` module whose algorithms may change), and a
row can be generated without the ones before it.

Usage:
  python3 bench/generate_table.py --rows 1000000            # into $AIKG_BENCH_DATA (or /tmp/aikg-bench)
  python3 bench/generate_table.py --rows 100000 --out /tmp/t.csv --check
Prints the path written. An existing file of the same version and size is reused unless --force.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 11
MASK = (1 << 64) - 1

HEADER = [
    "Model",
    "Organization",
    "Organization categorization",
    "Country",
    "Publication date",
    "Parameters",
    "Training compute (FLOP)",
    "Domain",
    "Confidence",
]

# Entities of bench/data/bench-countries.json, by name; the mapping finds them by slug id.
COUNTRIES = [
    "United States",
    "China",
    "United Kingdom",
    "France",
    "Canada",
    "Germany",
    "Japan",
    "South Korea",
    "Israel",
    "United Arab Emirates",
    "India",
    "Singapore",
]
# Cumulative weights (out of 1000) of COUNTRIES: a few countries make most models.
COUNTRY_WEIGHTS = [450, 720, 790, 830, 860, 890, 915, 940, 955, 970, 985, 1000]

CATEGORIES = ["Industry", "Academia", "Government", "Research collective"]
FAMILIES = ["Atlas", "Nimbus", "Qilin", "Orca", "Helix", "Lumen", "Pangu", "Vega", "Sora", "Kite", "Ember", "Zephyr"]
HEAD_ORGANIZATIONS = [
    "OpenAI", "Google DeepMind", "Google", "Meta AI", "Anthropic", "Microsoft", "Alibaba", "Baidu",
    "Tencent", "DeepSeek", "Huawei", "ByteDance", "Zhipu AI", "Moonshot AI", "Mistral AI", "Nvidia",
    "Stanford University", "Tsinghua University", "University of Oxford", "Allen Institute for AI",
    "清华大学", "智谱华章", "Naver", "LG AI Research", "Samsung", "Cohere", "xAI", "Amazon", "Apple",
    "EleutherAI",
]
SYLLABLES = ["ar", "bel", "cor", "den", "el", "fin", "gar", "hal", "ion", "jun", "kal", "lum", "mor",
             "nex", "or", "pra", "qua", "ris", "sol", "tor", "ul", "ver", "wen", "xi", "yan", "zen"]
SUFFIXES = ["AI", "Labs", "Research", "Technologies", "Intelligence", "Systems", "Institute", "University"]
ORGANIZATION_POOL = 2000


def splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def organization_name(index: int) -> str:
    if index < len(HEAD_ORGANIZATIONS):
        return HEAD_ORGANIZATIONS[index]
    h = splitmix64(index * 7919 + 3)
    stem = SYLLABLES[h % 26].capitalize() + SYLLABLES[(h >> 8) % 26] + SYLLABLES[(h >> 16) % 26]
    # The index keeps names (and their slugs) distinct.
    return f"{stem} {SUFFIXES[(h >> 24) % len(SUFFIXES)]} {index}"


def organization_category(index: int) -> str:
    h = splitmix64(index * 104729 + 5) % 100
    return CATEGORIES[0 if h < 62 else 1 if h < 88 else 2 if h < 95 else 3]


ORGANIZATIONS = [organization_name(i) for i in range(ORGANIZATION_POOL)]
ORGANIZATION_CATEGORIES = [organization_category(i) for i in range(ORGANIZATION_POOL)]


def grouped(number: int) -> str:
    return f"{number:,}"


class Row:
    """The draws of one row: field k of row r is splitmix64(seed, r, k)."""

    def __init__(self, seed: int, row: int) -> None:
        self.base = splitmix64(seed ^ (row * 0x100000001B3))

    def draw(self, field: int) -> int:
        return splitmix64(self.base + field)

    def below(self, field: int, n: int) -> int:
        return self.draw(field) % n


def organization_index(r: Row, field: int) -> int:
    # Skewed towards the head: u^3 over the pool.
    u = (r.draw(field) >> 11) / float(1 << 53)
    return min(int(ORGANIZATION_POOL * u * u * u), ORGANIZATION_POOL - 1)


def model_name(r: Row, row: int) -> str:
    family = FAMILIES[r.below(0, len(FAMILIES))]
    kind = r.below(1, 1000)
    if kind < 10:
        return f"{family} {row}, instruct"  # quoted: holds a comma
    if kind < 20:
        return f"通义-{family}-{row}"
    if kind < 120:
        return f"{family}-{row} ({2015 + r.below(2, 11)})"
    return f"{family}-{row}"


def publication_date(r: Row) -> str:
    year = 2015 + r.below(10, 11)
    month = 1 + r.below(11, 12)
    day = 1 + r.below(12, 28)
    precision = r.below(13, 100)
    if precision < 60:
        return f"{year}-{month:02d}-{day:02d}"
    if precision < 90:
        return f"{year}-{month:02d}"
    return f"{year}"


def parameters(r: Row) -> str:
    kind = r.below(20, 100)
    if kind < 5:
        return ""
    if kind < 8:
        return "Unknown"
    mantissa = 1 + r.below(21, 999)
    exponent = 6 + r.below(22, 6)  # 10^6 .. 10^11 scale
    value = mantissa * 10**exponent
    if kind < 55:
        return f"{value}.0"
    if kind < 78:
        return f"{value}"
    if kind < 90:
        return f"{mantissa / 100:.2f}e+{exponent + 2:02d}"
    return grouped(value)


def training_compute(r: Row) -> str:
    kind = r.below(30, 100)
    if kind < 9:
        return ""
    if kind < 12:
        return "Unknown"
    digits = 10000 + r.below(31, 90000)  # five significant digits
    exponent = 18 + r.below(32, 8)
    if kind < 78:
        return f"{digits / 10000:.4f}e+{exponent}"  # 1.0692e+25
    if kind < 88:
        return f"{digits * 10 ** (exponent - 4)}.0"
    if kind < 94:
        return grouped(digits * 10 ** (exponent - 4))  # "1,069,200,...", quoted
    return grouped(1 + r.below(33, 4096))  # "1,024": small grouped counts


def domain(r: Row) -> str:
    kind = r.below(40, 100)
    if kind < 75:
        return "Language"
    if kind < 90:
        return "Multimodal,Language"
    if kind < 95:
        return "Vision"
    return "Language,Speech"


def confidence(r: Row) -> str:
    kind = r.below(50, 100)
    return "Confident" if kind < 30 else "Likely" if kind < 65 else "Speculative" if kind < 90 else "Unknown"


def country(r: Row) -> str:
    kind = r.below(60, 1000)
    if kind < 30:
        return ""
    if kind < 40:
        return "Unknown"
    pick = r.below(61, 1000)
    for name, weight in zip(COUNTRIES, COUNTRY_WEIGHTS):
        if pick < weight:
            return name
    return COUNTRIES[-1]


def make_row(seed: int, row: int) -> list[str]:
    r = Row(seed, row)
    first = organization_index(r, 70)
    organizations = [first]
    if r.below(71, 100) < 10:
        second = organization_index(r, 72)
        if second != first:
            organizations.append(second)
    category_cell = ",".join(ORGANIZATION_CATEGORIES[i] for i in organizations)
    if r.below(73, 100) < 2:
        category_cell = ""  # the type map's default applies
    return [
        model_name(r, row),
        ",".join(ORGANIZATIONS[i] for i in organizations),
        category_cell,
        country(r),
        publication_date(r),
        parameters(r),
        training_compute(r),
        domain(r),
        confidence(r),
    ]


def data_directory() -> Path:
    env = os.environ.get("AIKG_BENCH_DATA")
    if env:
        return Path(env)
    return Path(os.environ.get("TMPDIR") or "/tmp") / "aikg-bench"


def default_path(rows: int) -> Path:
    return data_directory() / f"import-table-v{GENERATOR_VERSION}-n{rows}.csv"


def write_table(path: Path, rows: int, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        # csv quotes only the cells that need it ("A,B", "1,024"), as spreadsheet exports do.
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        chunk: list[list[str]] = []
        for row in range(1, rows + 1):
            chunk.append(make_row(seed, row))
            if len(chunk) == 10000:
                writer.writerows(chunk)
                chunk.clear()
        writer.writerows(chunk)
    temporary.replace(path)


def check_table(path: Path, rows: int) -> None:
    """Re-reads the file with the csv module: row count, unique models, the cell forms asked for."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        assert header == HEADER, header
        models = set()
        count = two_orgs = grouped_numbers = 0
        for cells in reader:
            count += 1
            models.add(cells[0])
            two_orgs += "," in cells[1]
            grouped_numbers += "," in cells[6] or "," in cells[5]
    assert count == rows, (count, rows)
    assert len(models) == rows, "model names are not unique"
    print(f"checked {path}: {count} rows, {two_orgs / count:.1%} with two organisations, "
          f"{grouped_numbers / count:.1%} with a grouped number", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=float, default=1e6, help="rows to write (1e6 accepted)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="default: $AIKG_BENCH_DATA/import-table-v1-n<rows>.csv")
    parser.add_argument("--force", action="store_true", help="rewrite an existing file")
    parser.add_argument("--check", action="store_true", help="re-read the file and check it")
    args = parser.parse_args(argv)
    rows = int(args.rows)
    path = args.out or default_path(rows)
    if args.force or args.seed != DEFAULT_SEED or not path.exists():
        write_table(path, rows, args.seed)
    if args.check:
        check_table(path, rows)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
