#!/usr/bin/env python3
"""One entity by its id, one call each: aikg's ``g.entity(id)`` against NetworkX's ``G.nodes[id]``.

Usage (after ``pip install . networkx``; the dataset as in compare_peers.py):

    AIKG_BENCH_DATA=/tmp/aikg-bench python3 bench/python/entity_lookup_bench.py --statements 1000000

NetworkX holds each entity with its name as a node attribute (built from aikg's graph, not
timed). The same random ids are looked up by both, bare and reading the name; each form runs
--repeat times per round, in rounds that alternate the libraries, and the report gives the best
CPU time per lookup of each round (at 10^6 cache misses dominate both sides and vary from round
to round, so every round is shown), then the best and the median over the rounds. Before them,
every entity is looked up once, and what that leaves allocated (Python objects by tracemalloc, the C++
heap by glibc's mallinfo2) is what the Entity objects a graph keeps for its lookups cost.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import networkx as nx

import aikg
from compare_peers import dataset, publish

ROOT = Path(__file__).resolve().parents[2]


def per_call(run: Callable[[], object], calls: int, repeat: int) -> float:
    """The best CPU time of `repeat` runs, per call, in microseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best / calls * 1e6


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def heap_bytes() -> int:
    """The bytes malloc has handed out and not had back (glibc): C++ objects, not Python's own."""
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def kept_bytes(run: Callable[[], object]) -> int:
    """What `run` leaves allocated: Python objects (tracemalloc) and the C++ heap (malloc)."""
    gc.collect()
    heap = heap_bytes()
    tracemalloc.start()
    run()
    gc.collect()
    python_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return python_bytes + heap_bytes() - heap


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"))
    parser.add_argument("--lookups", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", help="also write the Markdown report here")
    arguments = parser.parse_args()

    path = dataset(arguments.statements, arguments.generator)
    graph = aikg.load(path)
    every_id = [entity.id for entity in graph.entities()]

    def look_up_every_entity() -> None:
        for entity_id in every_id:
            graph.entity(entity_id)

    kept = kept_bytes(look_up_every_entity)  # before any other lookup
    peer = nx.DiGraph()
    peer.add_nodes_from((entity.id, {"name": entity.name}) for entity in graph.entities())
    ids = random.Random(3).sample([entity.id for entity in graph.entities()], arguments.lookups)
    assert [graph.entity(i).name for i in ids] == [peer.nodes[i]["name"] for i in ids]

    forms: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "by id": (lambda: [graph.entity(i) for i in ids], lambda: [peer.nodes[i] for i in ids]),
        "by id, then its name": (
            lambda: [graph.entity(i).name for i in ids],
            lambda: [peer.nodes[i]["name"] for i in ids],
        ),
    }
    lines = [
        f"Entity lookups at {path.name}: {arguments.lookups} random ids, best of {arguments.repeat} per round; "
        f"NetworkX {nx.__version__}; 1-minute load average {os.getloadavg()[0]:.2f} at the start.",
        "",
        "CPU µs per lookup, aikg / NetworkX, one cell per round (below 1 in brackets: aikg faster).",
        "",
        "| lookup | " + " | ".join(f"round {r + 1}" for r in range(arguments.rounds)) + " | best | median |",
        "| --- |" + " --- |" * (arguments.rounds + 2),
    ]
    times: dict[str, list[tuple[float, float]]] = {form: [] for form in forms}
    for _ in range(arguments.rounds):
        for form, (ours, theirs) in forms.items():
            times[form].append((per_call(ours, len(ids), arguments.repeat), per_call(theirs, len(ids), arguments.repeat)))

    def cell(aikg_us: float, peer_us: float) -> str:
        return f"{aikg_us:.3f} / {peer_us:.3f} ({aikg_us / peer_us:.2g})"

    for form, rounds in times.items():
        ours, theirs = [t[0] for t in rounds], [t[1] for t in rounds]
        summary = [cell(min(ours), min(theirs)), cell(statistics.median(ours), statistics.median(theirs))]
        lines.append(f"| {form} | " + " | ".join([cell(*t) for t in rounds] + summary) + " |")
    lines.append(f"\n1-minute load average at the end: {os.getloadavg()[0]:.2f}.")
    lines.append(
        f"Memory kept after looking up every entity once ({graph.entity_count} entities): "
        f"{kept / 2**20:.1f} MiB ({kept / graph.entity_count:.0f} B per entity)."
    )
    publish(lines, arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
