#!/usr/bin/env python3
"""RDF export and import throughput, next to the node-link export and import they resemble.

Usage (from the repository root, after ``pip install .``):

    python3 bench/python/rdf_bench.py --statements 100000 --repeat 3

The dataset is the synthetic file of the C++ generator, as in export_bench.py
(``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json``, generated with ``--generator`` when missing). For
each format it times ``g.export(path, format=F)`` (streamed to a temporary file, ``fsync``ed and
renamed) and, for the formats aikg reads back, ``Graph(schema).import_file(path, format=F)`` into an
empty graph, and reports the best of --repeat runs of wall time, with the output's size. Not
guarded against other load on the machine (export_bench.py's guard is for the long runs): read
the ratios to node-link, measured in the same run, rather than the absolute times.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import aikg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_peers import dataset  # noqa: E402  the same dataset cache

FORMATS = ["node-link", "turtle", "ntriples", "nquads", "jsonld"]
READ_BACK = {"node-link", "turtle", "ntriples"}


def best(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generator", default="build/bench/aikg_generate")
    arguments = parser.parse_args()

    source = dataset(arguments.statements, arguments.generator)
    graph = aikg.load(source)
    schema = graph.schema.path if graph.schema is not None else None
    assert schema is not None
    statements = graph.statement_count
    print(f"{statements} statements, {graph.entity_count} entities ({source})\n")
    print("| format | output MB | export, best | statements/s | import, best | statements/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as directory:
        for format_name in FORMATS:
            path = Path(directory) / f"graph.{format_name}"
            exported = best(arguments.repeat, lambda: graph.export(path, format=format_name))
            size = path.stat().st_size / 1e6
            imported = "—"
            rate = "—"
            if format_name in READ_BACK:

                def read_back() -> None:
                    copy = aikg.Graph(schema=schema)
                    copy.import_file(path, format=format_name)
                    assert copy.statement_count == statements

                seconds = best(arguments.repeat, read_back)
                imported, rate = f"{seconds:.2f} s", f"{statements / seconds / 1e3:.0f} k"
            print(f"| {format_name} | {size:.1f} | {exported:.2f} s | {statements / exported / 1e3:.0f} k "
                  f"| {imported} | {rate} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
