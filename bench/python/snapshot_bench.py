#!/usr/bin/env python3
"""Reloading a saved graph: aikg's binary snapshot against its JSON load and igraph from Parquet.

Usage (from the repository root, after ``pip install .`` and ``pip install python-igraph pyarrow``):

    python3 bench/python/snapshot_bench.py --statements 1000000 --repeat 3 --out bench/python/snapshot_results.md

The dataset is the synthetic file of the C++ generator (bench/generate_dataset.cc), as in
bench/python/compare_peers.py: ``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json`` (AIKG_BENCH_DATA:
/tmp/aikg-bench), generated with ``--generator`` (default build/bench/aikg_generate) when
missing. From it the script writes the snapshot (``g.save("….aikgb")``, on every run) and, once,
the Parquet tables (``View.export(format="parquet")``, in ``spark-n<N>/`` beside it, shared with
bench/python/spark_bench.py).

The routes, each timed in a fresh Python process (so no earlier graph is alive, and no cache of
the process helps), around the load call only (the imports come before the clock starts):

- aikg JSON: ``aikg.load("….json")``, parsing and checking every claim;
- aikg snapshot: ``aikg.load("….aikgb")``: every source, entity, statement, value, citation and
  qualifier, with the id, name, identifier, adjacency and time indexes read from the file (format
  2; format 1 rebuilt them);
- igraph Parquet: igraph's fastest build from the edge list of the Parquet export: pyarrow reads
  ``src``, ``dst`` and ``predicate`` of the entity-to-entity statements, dictionary-encodes the
  ids into vertex numbers, ``igraph.Graph(n, edges, directed=True)`` from a list of int pairs,
  with the ids as the ``name`` vertex attribute and the predicate as an edge attribute. It keeps ids and predicates
  of the edges only (no values, times, sources);
- read floor: reading the snapshot's bytes into memory (``Path.read_bytes``).

Runs are interleaved, the order rotated each repetition, ``--repeat`` of them; the table gives
the min and median CPU seconds (``time.process_time()`` of the child: user + system of all its
threads, which is what the load costs on this shared 2-core machine) and wall seconds, and the
child's RSS after the load and at its peak (VmRSS, VmHWM). The 1-minute load average before each
repetition is logged.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

# The same dataset cache, fresh-process runs and report output.
from compare_peers import dataset, in_fresh_process, interleaved, min_median, publish

ROOT = Path(__file__).resolve().parents[2]

# Each child prints one JSON line: the CPU and wall seconds of the load, RSS after and at peak.
# (VmHWM, not ru_maxrss: the latter survives fork and exec, so a child would report its parent's peak.)
CHILD_PRELUDE = """
import json, sys, time
def status_kb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))
"""
CHILD_TIMED = """
def report(load):
    wall, cpu = time.perf_counter(), time.process_time()
    result = load()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"cpu": cpu, "wall": wall, "rss_kb": status_kb("VmRSS"), "peak_kb": status_kb("VmHWM"),
                      "size": size(result)}))
"""

ROUTES = {
    "aikg JSON": """
import aikg
size = lambda g: g.statement_count
report(lambda: aikg.load(sys.argv[1]))
""",
    "aikg snapshot": """
import aikg
size = lambda g: g.statement_count
report(lambda: aikg.load(sys.argv[2]))
""",
    "igraph Parquet": """
import igraph, pyarrow, pyarrow.compute, pyarrow.parquet
size = lambda g: g.ecount()
def build():
    table = pyarrow.parquet.read_table(sys.argv[3], columns=["src", "dst", "predicate"])
    table = table.filter(pyarrow.compute.is_valid(table["dst"]))
    ends = pyarrow.chunked_array(table["src"].chunks + table["dst"].chunks).combine_chunks().dictionary_encode()
    numbers = ends.indices.to_numpy().tolist()
    # A list of int pairs: igraph takes it 3× faster than a NumPy (n, 2) array.
    edges = list(zip(numbers[: table.num_rows], numbers[table.num_rows :]))
    graph = igraph.Graph(n=len(ends.dictionary), edges=edges, directed=True)
    graph.vs["name"] = ends.dictionary.to_pylist()
    graph.es["predicate"] = table["predicate"].to_pylist()
    return graph
report(build)
""",
    "read floor": """
from pathlib import Path
size = len
report(lambda: Path(sys.argv[2]).read_bytes())
""",
}


def prepare(json_path: Path, statements: int) -> tuple[Path, Path]:
    """The snapshot and the Parquet statements table of the JSON graph.

    The snapshot is written again on every run (one left by an older aikg may be of another
    format version, which this one refuses); the Parquet tables when missing.
    """
    snapshot = json_path.with_suffix(".aikgb")
    tables = json_path.parent / f"spark-n{statements}"
    # In a child process, so that this one stays small while the timed children run.
    code = (
        "import aikg, os, sys; g = aikg.load(sys.argv[1]); g.save(sys.argv[2])\n"
        "if not os.path.exists(os.path.join(sys.argv[3], 'statements.parquet')): g.export(sys.argv[3], format='parquet')"
    )
    subprocess.run([sys.executable, "-c", code, str(json_path), str(snapshot), str(tables)], check=True)
    return snapshot, tables / "statements.parquet"


def run(route: str, paths: list[Path]) -> dict[str, float]:
    return in_fresh_process(["-c", CHILD_PRELUDE + CHILD_TIMED + ROUTES[route], *map(str, paths)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="also write the Markdown report here")
    args = parser.parse_args()

    json_path = dataset(args.statements, args.generator)
    snapshot, parquet = prepare(json_path, args.statements)
    paths = [json_path, snapshot, parquet]
    routes = list(ROUTES)
    log: list[str] = []
    samples = interleaved(routes, lambda route: run(route, paths), args.repeat, log)

    def stat(route: str, key: str) -> tuple[float, float]:
        return min_median(samples[route], key)

    snapshot_cpu = stat("aikg snapshot", "cpu")[0]
    sizes = {
        "JSON": json_path.stat().st_size,
        "snapshot": snapshot.stat().st_size,
        "Parquet statements": parquet.stat().st_size,
    }
    lines = [
        f"Reload of a {args.statements:,}-statement graph ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}); each load in a fresh process, {args.repeat} interleaved repetitions.",
        "",
        "Files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items()) + ".",
        "",
        "| route | CPU s (min / median) | wall s (min / median) | statements per CPU s | CPU ÷ snapshot's | RSS kept / peak MB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for route in routes:
        cpu, wall = stat(route, "cpu"), stat(route, "wall")
        rss, peak = stat(route, "rss_kb")[1] / 1024, stat(route, "peak_kb")[1] / 1024
        rate = f"{args.statements / cpu[0]:,.0f}" if route.startswith("aikg") else "–"
        lines.append(
            f"| {route} | {cpu[0]:.3f} / {cpu[1]:.3f} | {wall[0]:.3f} / {wall[1]:.3f} | {rate} | "
            f"{cpu[0] / snapshot_cpu:.1f}× | {rss:,.0f} / {peak:,.0f} |"
        )
    edges = samples["igraph Parquet"][0]["size"]
    lines += ["", f"igraph keeps {edges:,.0f} edges (the entity-to-entity statements): ids and predicates only.", ""]
    lines += [f"- {entry}" for entry in log]
    publish(lines, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
