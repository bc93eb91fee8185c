#!/usr/bin/env python3
"""Traversal side by side: aikg against NetworkX, igraph and rustworkx, each through its fastest API.

Usage (after ``pip install .`` and ``pip install networkx python-igraph rustworkx``):

    python3 bench/python/traversal_bench.py --statements 100000 --reps 3
    python3 bench/python/traversal_bench.py --statements 1000000 --out bench/python/traversal_results.md

The dataset is the C++ generator's synthetic file (see compare_peers.py: ``$AIKG_BENCH_DATA/
synthetic-v1-n<N>.json``). Every rep runs each library in a fresh process, in an order rotated
from rep to rep (aikg, peer, peer, ...), so no library always runs first or last and no earlier
graph is alive while a later one loads. A process loads its graph (the load is timed once, with the
library's import), then runs each operation --inner times and keeps the fastest (the first call may
pay one-time costs); the report gives the minimum and the median of those over the reps, the machine's load average at each
rep, and each process's RSS after the load and its peak.

What each side keeps: aikg loads its own JSON and keeps every entity with its attributes, every
statement with its value, sources and valid time, and its indexes. The peers build their graph from
the same file's entity ids and entity-to-entity statements (the id and predicate of each edge):
they keep far less.

Operations (all unweighted; ``samples`` is --samples, ``centres`` is --centres):
- shortest path, undirected / directed: ``samples`` random pairs, each a separate call.
  aikg: ``g.shortest_path`` (bidirectional BFS). NetworkX: ``nx.bidirectional_shortest_path`` on
  an undirected view built once / on the DiGraph. igraph: ``get_shortest_path`` (mode all / out).
  rustworkx: ``dijkstra_shortest_paths`` on a PyGraph built once at load for undirected (so no
  undirected copy per call), on the PyDiGraph for directed.
- 2-hop neighbourhood size of ``centres`` entities, out-edges: aikg ``neighborhood_sizes`` (one
  call), igraph's batched ``neighborhood_size``, NetworkX ``single_source_shortest_path_length``
  with cutoff 2 per entity, rustworkx successor sets per entity.
- 2-hop neighbourhood lists of the same entities (who, not how many; the entity itself left
  out): aikg ``expand_many`` (one call, NumPy arrays in CSR form), igraph's batched
  ``neighborhood(..., mindist=1)``, NetworkX and rustworkx as for the sizes. The result compared
  is the total length of the lists.
- 1-hop distinct out-neighbours of ``centres`` entities, one call each: aikg ``neighbor_ids``,
  NetworkX ``list(G.successors(id))``, igraph ``successors``, rustworkx ``successor_indices``.
- degree array of every entity: aikg ``degrees()``, NetworkX ``G.degree``, igraph ``degree()``,
  rustworkx ``in_degree + out_degree`` per node.
Each operation's result (sum of path lengths, of sizes, ...) is compared across libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from compare_peers import publish  # the same report output
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = ["aikg", "NetworkX", "igraph", "rustworkx"]
OPERATIONS = [
    "load (JSON)",
    "shortest path, undirected",
    "shortest path, directed",
    "2-hop neighbourhood size",
    "2-hop neighbourhood lists",
    "1-hop distinct neighbours",
    "degree array",
]


def rss_bytes() -> int:
    """Resident set size now, from /proc (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    """This process's peak RSS (VmHWM). Not getrusage's ru_maxrss: Linux carries that across
    fork and exec, so a worker would report the driver's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def read_edges(path: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    ids = [entity["id"] for entity in document["entities"]]
    edges = [(s["subject"], s["object"], s["predicate"]) for s in document["statements"] if "object" in s]
    return ids, edges


# ---- Workers: one library per process ---------------------------------------------------------


def aikg_worker(path: Path) -> dict[str, Callable[[dict[str, Any]], Any]]:
    import numpy  # noqa: F401  (the batched calls' arrays: imported with the library, as the peers' are)

    import aikg

    g = aikg.load(path)

    def paths(pairs: list[list[str]], direction: str) -> int:
        total = 0
        for source, target in pairs:
            found = g.shortest_path(source, target, direction=direction)
            total += -1 if found is None else len(found)
        return total

    return {
        "shortest path, undirected": lambda s: paths(s["pairs"], "both"),
        "shortest path, directed": lambda s: paths(s["pairs"], "out"),
        "2-hop neighbourhood size": lambda s: int(g.neighborhood_sizes(s["centres"], 2, direction="out").sum()),
        "2-hop neighbourhood lists": lambda s: len(g.expand_many(s["centres"], 2, direction="out")[1]),
        "1-hop distinct neighbours": lambda s: sum(len(g.neighbor_ids(i, direction="out")) for i in s["centres"]),
        "degree array": lambda s: int(g.degrees().sum()),
    }


def networkx_worker(path: Path) -> dict[str, Callable[[dict[str, Any]], Any]]:
    import networkx as nx

    ids, edges = read_edges(path)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((s, o, {"predicate": p}) for s, o, p in edges)
    undirected = graph.to_undirected(as_view=True)

    def paths(pairs: list[list[str]], walked: Any) -> int:
        total = 0
        for source, target in pairs:
            try:
                total += len(nx.bidirectional_shortest_path(walked, source, target)) - 1
            except nx.NetworkXNoPath:
                total -= 1
        return total

    return {
        "shortest path, undirected": lambda s: paths(s["pairs"], undirected),
        "shortest path, directed": lambda s: paths(s["pairs"], graph),
        "2-hop neighbourhood size": lambda s: sum(
            len(nx.single_source_shortest_path_length(graph, i, cutoff=2)) for i in s["centres"]
        ),
        "2-hop neighbourhood lists": lambda s: sum(
            len(nx.single_source_shortest_path_length(graph, i, cutoff=2)) - 1 for i in s["centres"]
        ),
        "1-hop distinct neighbours": lambda s: sum(len(list(graph.successors(i))) for i in s["centres"]),
        "degree array": lambda s: sum(d for _, d in graph.degree()),
    }


def igraph_worker(path: Path) -> dict[str, Callable[[dict[str, Any]], Any]]:
    import igraph

    ids, edges = read_edges(path)
    index = {entity: i for i, entity in enumerate(ids)}
    graph = igraph.Graph(n=len(ids), edges=[(index[s], index[o]) for s, o, _ in edges], directed=True)
    graph.vs["name"] = ids
    graph.es["predicate"] = [p for _, _, p in edges]

    def paths(pairs: list[list[str]], mode: str) -> int:
        total = 0
        for source, target in pairs:
            found = graph.get_shortest_path(index[source], index[target], mode=mode)
            total += len(found) - 1 if found else -1
        return total

    return {
        "shortest path, undirected": lambda s: paths(s["pairs"], "all"),
        "shortest path, directed": lambda s: paths(s["pairs"], "out"),
        "2-hop neighbourhood size": lambda s: sum(
            graph.neighborhood_size([index[i] for i in s["centres"]], order=2, mode="out")
        ),
        "2-hop neighbourhood lists": lambda s: sum(
            len(found) for found in graph.neighborhood([index[i] for i in s["centres"]], order=2, mode="out", mindist=1)
        ),
        "1-hop distinct neighbours": lambda s: sum(len(set(graph.successors(index[i]))) for i in s["centres"]),
        "degree array": lambda s: sum(graph.degree()),
    }


def rustworkx_worker(path: Path) -> dict[str, Callable[[dict[str, Any]], Any]]:
    import rustworkx as rx

    ids, edges = read_edges(path)
    graph = rx.PyDiGraph(multigraph=True)
    nodes = graph.add_nodes_from(ids)
    index = dict(zip(ids, nodes))
    graph.add_edges_from([(index[s], index[o], p) for s, o, p in edges])
    undirected = graph.to_undirected(multigraph=True)  # once, not per call

    def paths(pairs: list[list[str]], walked: Any, search: Callable[..., Any]) -> int:
        total = 0
        for source, target in pairs:
            found = search(walked, index[source], target=index[target])
            total += len(found[index[target]]) - 1 if index[target] in found else -1
        return total

    def two_hop(centres: list[str]) -> int:
        total = 0
        for i in centres:
            first = set(graph.successor_indices(index[i]))
            reached = set(first)
            for node in first:
                reached.update(graph.successor_indices(node))
            reached.add(index[i])
            total += len(reached)
        return total

    return {
        "shortest path, undirected": lambda s: paths(s["pairs"], undirected, rx.graph_dijkstra_shortest_paths),
        "shortest path, directed": lambda s: paths(s["pairs"], graph, rx.digraph_dijkstra_shortest_paths),
        "2-hop neighbourhood size": lambda s: two_hop(s["centres"]),
        "2-hop neighbourhood lists": lambda s: two_hop(s["centres"]) - len(s["centres"]),
        "1-hop distinct neighbours": lambda s: sum(len(set(graph.successor_indices(index[i]))) for i in s["centres"]),
        "degree array": lambda s: sum(graph.in_degree(n) + graph.out_degree(n) for n in graph.node_indices()),
    }


WORKERS = {"aikg": aikg_worker, "NetworkX": networkx_worker, "igraph": igraph_worker, "rustworkx": rustworkx_worker}


def worker(library: str, path: Path, samples_path: Path, inner: int) -> None:
    """Loads `path` with `library`, times each operation `inner` times (keeping the fastest), prints JSON."""
    samples = json.loads(samples_path.read_text(encoding="utf-8"))
    before = rss_bytes()
    start = time.perf_counter()
    operations = WORKERS[library](path)
    seconds = {"load (JSON)": time.perf_counter() - start}
    kept = rss_bytes() - before
    results = {}
    for name, operation in operations.items():
        for _ in range(inner):
            start = time.perf_counter()
            results[name] = operation(samples)
            elapsed = time.perf_counter() - start
            seconds[name] = min(elapsed, seconds.get(name, elapsed))
    peak = peak_rss_bytes()
    print(json.dumps({"seconds": seconds, "results": results, "rss_kept": kept, "rss_peak": peak}))


# ---- Driver -------------------------------------------------------------------------------------


def available(library: str) -> bool:
    module = {"aikg": "aikg", "NetworkX": "networkx", "igraph": "igraph", "rustworkx": "rustworkx"}[library]
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return probe.returncode == 0


def formatted(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1e3:.3g} ms" if value < 1 else f"{value:.3g} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--data", help="the synthetic JSON (default: $AIKG_BENCH_DATA/synthetic-v1-n<N>.json)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--samples", type=int, default=100, help="shortest-path pairs")
    parser.add_argument("--centres", type=int, default=1000, help="entities for the 1- and 2-hop operations")
    parser.add_argument("--inner", type=int, default=3, help="runs of each operation per process (the fastest counts)")
    parser.add_argument("--libraries", default=",".join(LIBRARIES))
    parser.add_argument("--out", help="also write the Markdown report here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--samples-file", help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    data_dir = Path(os.environ.get("AIKG_BENCH_DATA", "/tmp/aikg-bench"))
    path = Path(arguments.data) if arguments.data else data_dir / f"synthetic-v1-n{arguments.statements}.json"
    if arguments.worker:
        worker(arguments.worker, path, Path(arguments.samples_file), arguments.inner)
        return 0
    if not path.exists():
        sys.exit(f"{path} is missing: make it with build/bench/aikg_generate --statements N --out {path}")

    ids, _ = read_edges(path)
    rng = random.Random(13)
    samples = {
        "pairs": [[rng.choice(ids), rng.choice(ids)] for _ in range(arguments.samples)],
        "centres": rng.sample(ids, min(arguments.centres, len(ids))),
    }
    samples_path = data_dir / f"traversal-samples-{path.stem}.json"
    samples_path.write_text(json.dumps(samples), encoding="utf-8")
    del ids

    libraries = [name for name in arguments.libraries.split(",") if available(name)]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in libraries}
    loads: list[str] = []
    for rep in range(arguments.reps):
        loads.append(" / ".join(f"{x:.2f}" for x in os.getloadavg()))
        order = libraries[rep % len(libraries):] + libraries[: rep % len(libraries)]
        for library in order:
            command = [sys.executable, __file__, "--worker", library, "--data", str(path),
                       "--samples-file", str(samples_path), "--inner", str(arguments.inner)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            runs[library].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"rep {rep + 1}: {library} done", file=sys.stderr)

    lines = [
        f"Traversal at {path.name}: {arguments.samples} shortest-path pairs, {arguments.centres} centres; "
        f"{arguments.reps} reps, each library in a fresh process per rep, order rotated.",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average (1/5/15 min) at each rep: {'; '.join(loads)}.",
        "",
        f"Min / median wall time over the reps (each the fastest of {arguments.inner} runs in its process; the load "
        "once); in brackets, peer median / aikg median (above 1×: aikg faster).",
        "",
        "| operation | " + " | ".join(libraries) + " |",
        "| --- |" + " --- |" * len(libraries),
    ]
    for operation in OPERATIONS:
        medians = {}
        cells = []
        for library in libraries:
            times = [run["seconds"].get(operation) for run in runs[library]]
            if None in times:
                cells.append("—")
                continue
            medians[library] = statistics.median(times)
            cell = f"{formatted(min(times))} / {formatted(medians[library])}"
            if library != "aikg" and "aikg" in medians:
                cell += f" ({medians[library] / medians['aikg']:.2g}×)"
            cells.append(cell)
        lines.append(f"| {operation} | " + " | ".join(cells) + " |")
    for label, key in (("RSS kept after load", "rss_kept"), ("peak RSS", "rss_peak")):
        cells = [f"{statistics.median(run[key] for run in runs[library]) / 2**20:.0f} MiB" for library in libraries]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    disagreements = []
    for operation in OPERATIONS[1:]:
        answers = {library: runs[library][0]["results"].get(operation) for library in libraries}
        if len({json.dumps(a) for a in answers.values() if a is not None}) > 1:
            disagreements.append(f"{operation}: {answers}")
    lines += ["", "Results agree across libraries." if not disagreements else "Results differ: " + "; ".join(disagreements)]
    publish(lines, arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
