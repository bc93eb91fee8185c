#!/usr/bin/env python3
"""Batched neighbourhoods by CPU time in one process: aikg's ``neighborhood_sizes`` and ``expand_many``
against igraph's ``neighborhood_size`` and ``neighborhood(..., mindist=1)``.

Usage (after ``pip install . python-igraph``; the dataset as in compare_peers.py):

    AIKG_BENCH_DATA=/tmp/aikg-bench python3 bench/python/neighborhood_bench.py --statements 1000000

traversal_bench.py times these calls by wall clock, each library in its own process; at about
1 ms a call that is at the mercy of a shared machine. Here both libraries live in one process and
are timed by CPU time, in rounds that alternate which goes first: each call runs --repeat times
per round and the best counts; the report gives the minimum and the median of those over the
rounds. igraph gets the graph of the file's entity-to-entity statements, and its calls include
turning the ids into vertex numbers, as aikg's include resolving them.
The answers (sums of sizes, of list lengths) must agree, or the script stops.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable

import igraph

import aikg
from compare_peers import dataset, publish, read_edges

MODES = {"out": "out", "both": "all", "in": "in"}  # aikg's direction: igraph's mode


def best_cpu(run: Callable[[], object], repeat: int) -> float:
    """The best CPU time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def formatted(seconds: float) -> str:
    return f"{seconds * 1e3:.3g} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--generator", default=None, help="aikg_generate, to make a missing dataset")
    parser.add_argument("--centres", type=int, default=1000)
    parser.add_argument("--hops", default="2", help="comma-separated")
    parser.add_argument("--directions", default="out,both", help="comma-separated: out, both, in")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--out", help="also write the Markdown report here")
    arguments = parser.parse_args()

    path = dataset(arguments.statements, arguments.generator)
    loads = [os.getloadavg()]
    graph = aikg.load(path)
    ids = [entity.id for entity in graph.entities()]
    index = {entity: i for i, entity in enumerate(ids)}
    _, edges = read_edges(path)
    peer = igraph.Graph(n=len(ids), edges=[(index[s], index[o]) for s, o, _, _ in edges], directed=True)
    del edges
    centres = random.Random(13).sample(ids, min(arguments.centres, len(ids)))

    calls: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {}
    for direction in arguments.directions.split(","):
        mode = MODES[direction]
        for hops in (int(h) for h in arguments.hops.split(",")):
            # Default arguments bind this iteration's values.
            def sizes(d: str = direction, h: int = hops) -> object:
                return graph.neighborhood_sizes(centres, h, direction=d)

            def peer_sizes(m: str = mode, h: int = hops) -> object:
                return peer.neighborhood_size([index[i] for i in centres], order=h, mode=m)

            def lists(d: str = direction, h: int = hops) -> object:
                return graph.expand_many(centres, h, direction=d)

            def peer_lists(m: str = mode, h: int = hops) -> object:
                return peer.neighborhood([index[i] for i in centres], order=h, mode=m, mindist=1)

            ours_size, peer_size = int(sizes().sum()), sum(peer_sizes())
            ours_listed, peer_listed = len(lists()[1]), sum(len(found) for found in peer_lists())
            if ours_size != peer_size or ours_listed != peer_listed:
                sys.exit(f"{direction}, {hops} hops: aikg {ours_size} / {ours_listed}, igraph {peer_size} / {peer_listed}")
            calls[f"{hops}-hop sizes, {direction} (sum {ours_size})"] = (sizes, peer_sizes)
            calls[f"{hops}-hop lists, {direction} (length {ours_listed})"] = (lists, peer_lists)

    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in calls}
    for round_number in range(arguments.rounds):
        for name, (ours, theirs) in calls.items():
            if round_number % 2 == 0:
                times[name][0].append(best_cpu(ours, arguments.repeat))
                times[name][1].append(best_cpu(theirs, arguments.repeat))
            else:
                times[name][1].append(best_cpu(theirs, arguments.repeat))
                times[name][0].append(best_cpu(ours, arguments.repeat))
    loads.append(os.getloadavg())

    lines = [
        f"Batched neighbourhoods at {path.name} ({len(ids)} entities), {len(centres)} random centres; aikg "
        f"{aikg.__version__}, igraph {igraph.__version__}; both in one process, CPU time, best of "
        f"{arguments.repeat} calls per round, {arguments.rounds} rounds alternating which goes first; "
        "load average (1/5/15 min) at the start and the end: "
        + "; ".join(" / ".join(f"{x:.2f}" for x in load) for load in loads) + ".",
        "",
        "Min / median over the rounds; in brackets, igraph median / aikg median (above 1×: aikg faster).",
        "",
        "| call | aikg | igraph |",
        "| --- | --- | --- |",
    ]
    for name, (ours, theirs) in times.items():
        ratio = statistics.median(theirs) / statistics.median(ours)
        lines.append(
            f"| {name} | {formatted(min(ours))} / {formatted(statistics.median(ours))} | "
            f"{formatted(min(theirs))} / {formatted(statistics.median(theirs))} ({ratio:.2g}×) |"
        )
    publish(lines, arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
