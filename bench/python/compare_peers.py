#!/usr/bin/env python3
"""aikg's Python API side by side with NetworkX, igraph, rustworkx and Kùzu, in one run.

Usage (after ``pip install .`` and ``pip install networkx python-igraph rustworkx kuzu``):

    python3 bench/python/compare_peers.py                     # 10^5 statements
    python3 bench/python/compare_peers.py --statements 1000000  # 10^6 (slow: minutes per peer)
    python3 bench/python/compare_peers.py --out bench/python/results.md

The datasets are the synthetic files of the C++ generator (bench/generate_dataset.cc):
``build/bench/aikg_generate --statements N --out FILE``; by default this reads
``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json`` (AIKG_BENCH_DATA: /tmp/aikg-bench) and runs the
generator when the file is missing and ``--generator`` names it.

What is measured (seconds, the best of --repeat runs except for load, which runs once):

- load: aikg.load (parse, validate against the schema, build the typed graph and its indexes)
  vs. json.load of the same file plus building the peer's graph from its entities and
  entity-to-entity statements (peers do not see the value statements, sources or times);
- lookup: --lookups entity lookups by id, one call each;
- 1-hop: out-neighbours of --lookups entities;
- 2-hop: entities within 2 out-hops of --samples entities;
- shortest path: --samples random pairs, ignoring direction, unweighted;
- PageRank: damping 0.85, to each library's default tolerance.

Also the per-call overhead of the Python API: a loop of ``g.entity(id)`` against one bulk query
returning the same names.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import aikg
# aikg itself is imported where it is used: the other bench scripts' worker processes import this
# module for its helpers, and a peer's process must not carry aikg.

ROOT = Path(__file__).resolve().parents[2]


def best(function: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def once(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def dataset(statements: int, generator: str | None) -> Path:
    data = Path(os.environ.get("AIKG_BENCH_DATA", "/tmp/aikg-bench"))
    path = data / f"synthetic-v1-n{statements}.json"
    if not path.exists():
        if generator is None or not Path(generator).exists():
            sys.exit(f"{path} is missing: build aikg_generate and pass --generator build/bench/aikg_generate")
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run([generator, "--statements", str(statements), "--out", str(path)], check=True)
    return path


def publish(lines: list[str], out: str | None) -> None:
    """Prints a Markdown report, and writes it to `out` when given."""
    text = "\n".join(lines) + "\n"
    print(text)
    if out:
        Path(out).write_text(text, encoding="utf-8")


def read_edges(path: Path) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    ids = [entity["id"] for entity in document["entities"]]
    edges = [
        (statement["subject"], statement["object"], statement["predicate"], statement["id"])
        for statement in document["statements"]
        if "object" in statement
    ]
    return ids, edges


# ---- Measuring in fresh processes (load_peers.py, snapshot_bench.py) -----------------------------
# A worker process measures one thing and prints one JSON line; the driver starts one per
# measurement, so nothing an earlier library loaded is alive (or cached) while a later one runs.


def status_kb(field: str) -> int:
    """A field of /proc/self/status, in KiB: VmRSS is the resident set now, VmHWM its peak.

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a worker would report
    its parent's peak.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def timed(function: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """The result of `function` and its cost: CPU seconds (user + system of every thread of the
    process, the fair figure on a shared machine) and wall seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}


def in_fresh_process(arguments: list[str]) -> dict[str, Any]:
    """Runs ``python3 *arguments`` and returns the JSON object its last line of output holds."""
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"worker {arguments} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def interleaved(
    names: list[str], measure: Callable[[str], dict[str, Any]], repeat: int, log: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """`repeat` rounds of `measure(name)` for every name, the order rotated by one each round (so no
    name always runs first or last); the 1/5/15-minute load average before each round goes to `log`."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for round_ in range(repeat):
        log.append(f"repetition {round_ + 1}: load average " + " / ".join(f"{x:.2f}" for x in os.getloadavg()))
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            samples[name].append(measure(name))
            print(f"repetition {round_ + 1}: {name}: {samples[name][-1]}", file=sys.stderr, flush=True)
    log.append("after: load average " + " / ".join(f"{x:.2f}" for x in os.getloadavg()))
    return samples


def min_median(runs: list[dict[str, Any]], key: str) -> tuple[float, float]:
    values = [run[key] for run in runs]
    return min(values), statistics.median(values)


# ---- One adapter per library: load() then the operations on what it loaded ------------------------


class Aikg:
    name = "aikg"

    def load(self, path: Path) -> None:
        import aikg

        self.graph = aikg.load(path)

    def lookup(self, ids: list[str]) -> int:
        return sum(len(self.graph.entity(i).name) for i in ids)

    def one_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.neighbors(i, "out")) for i in ids)

    def two_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.expand(i, hops=2, direction="out")) for i in ids)

    def shortest_path(self, pairs: list[tuple[str, str]]) -> int:
        total = 0
        for source, target in pairs:
            path = self.graph.shortest_path(source, target)
            total += -1 if path is None else len(path)
        return total

    def pagerank(self) -> dict[str, float]:
        return self.graph.pagerank()


class NetworkX:
    name = "NetworkX"

    def load(self, path: Path) -> None:
        import networkx as nx

        ids, edges = read_edges(path)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(ids)
        graph.add_edges_from((s, o, k, {"predicate": p}) for s, o, p, k in edges)
        self.nx, self.graph, self.undirected = nx, graph, graph.to_undirected(as_view=True)

    def lookup(self, ids: list[str]) -> int:
        return sum(len(self.graph.nodes[i]) + 1 for i in ids)

    def one_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.out_edges(i)) for i in ids)

    def two_hop(self, ids: list[str]) -> int:
        return sum(len(self.nx.single_source_shortest_path_length(self.graph, i, cutoff=2)) for i in ids)

    def shortest_path(self, pairs: list[tuple[str, str]]) -> int:
        total = 0
        for source, target in pairs:
            try:
                total += len(self.nx.shortest_path(self.undirected, source, target))
            except self.nx.NetworkXNoPath:
                total -= 1
        return total

    def pagerank(self) -> Any:
        return self.nx.pagerank(self.graph, alpha=0.85)


class IGraph:
    name = "igraph"

    def load(self, path: Path) -> None:
        import igraph

        ids, edges = read_edges(path)
        index = {entity: i for i, entity in enumerate(ids)}
        graph = igraph.Graph(n=len(ids), edges=[(index[s], index[o]) for s, o, _, _ in edges], directed=True)
        graph.vs["name"] = ids
        graph.es["predicate"] = [p for _, _, p, _ in edges]
        self.graph = graph

    def lookup(self, ids: list[str]) -> int:
        return sum(self.graph.vs.find(name=i).index >= 0 for i in ids)

    def one_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.incident(i, mode="out")) for i in ids)

    def two_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.neighborhood(i, order=2, mode="out")) for i in ids)

    def shortest_path(self, pairs: list[tuple[str, str]]) -> int:
        total = 0
        for source, target in pairs:
            total += len(self.graph.get_shortest_path(source, target, mode="all")) or -1
        return total

    def pagerank(self) -> Any:
        return self.graph.pagerank(damping=0.85)


class Rustworkx:
    name = "rustworkx"

    def load(self, path: Path) -> None:
        import rustworkx as rx

        ids, edges = read_edges(path)
        graph = rx.PyDiGraph(multigraph=True)
        nodes = graph.add_nodes_from(ids)
        self.index = dict(zip(ids, nodes))
        graph.add_edges_from([(self.index[s], self.index[o], p) for s, o, p, _ in edges])
        self.rx, self.graph = rx, graph

    def lookup(self, ids: list[str]) -> int:
        return sum(len(self.graph[self.index[i]]) for i in ids)

    def one_hop(self, ids: list[str]) -> int:
        return sum(len(self.graph.out_edges(self.index[i])) for i in ids)

    def two_hop(self, ids: list[str]) -> int:
        total = 0
        for i in ids:
            first = set(self.graph.successor_indices(self.index[i]))
            reached = set(first)
            for node in first:
                reached.update(self.graph.successor_indices(node))
            reached.add(self.index[i])
            total += len(reached)
        return total

    def shortest_path(self, pairs: list[tuple[str, str]]) -> int:
        total = 0
        for source, target in pairs:
            paths = self.rx.digraph_dijkstra_shortest_paths(
                self.graph, self.index[source], target=self.index[target], as_undirected=True
            )
            total += len(paths[self.index[target]]) if self.index[target] in paths else -1
        return total

    def pagerank(self) -> Any:
        return self.rx.pagerank(self.graph, alpha=0.85)


class Kuzu:
    name = "Kùzu"

    def __init__(self) -> None:
        try:
            import kuzu
        except ImportError:
            import real_ladybug as kuzu  # type: ignore[no-redef]  # the fork's name
        self.kuzu = kuzu

    def load(self, path: Path) -> None:
        import pandas as pd

        ids, edges = read_edges(path)
        self.database = self.kuzu.Database(":memory:")
        self.connection = self.kuzu.Connection(self.database, num_threads=2)
        run = self.connection.execute
        run("CREATE NODE TABLE Entity(id STRING, PRIMARY KEY (id))")
        run("CREATE REL TABLE Rel(FROM Entity TO Entity, predicate STRING, sid STRING)")
        # Object columns: Kùzu's pandas scan does not know pandas 3's string dtype.
        nodes = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
        rels = pd.DataFrame(edges, columns=["from", "to", "predicate", "sid"]).astype(object)
        run("COPY Entity FROM nodes")
        run("COPY Rel FROM rels")
        self.lookup_statement = self.connection.prepare("MATCH (e:Entity {id: $id}) RETURN e.id")
        self.hop_statement = self.connection.prepare("MATCH (a:Entity {id: $id})-[:Rel]->(b) RETURN b.id")
        self.two_hop_statement = self.connection.prepare(
            "MATCH (a:Entity {id: $id})-[:Rel*1..2]->(b) RETURN count(DISTINCT b)"
        )
        self.path_statement = self.connection.prepare(
            "MATCH p = (a:Entity {id: $s})-[:Rel* SHORTEST 1..30]-(b:Entity {id: $t}) RETURN length(p)"
        )

    def _rows(self, statement: Any, **parameters: Any) -> list[list[Any]]:
        result = self.connection.execute(statement, parameters)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    def lookup(self, ids: list[str]) -> int:
        return sum(len(self._rows(self.lookup_statement, id=i)) for i in ids)

    def one_hop(self, ids: list[str]) -> int:
        return sum(len(self._rows(self.hop_statement, id=i)) for i in ids)

    def two_hop(self, ids: list[str]) -> int:
        return sum(self._rows(self.two_hop_statement, id=i)[0][0] for i in ids)

    def shortest_path(self, pairs: list[tuple[str, str]]) -> int:
        total = 0
        for source, target in pairs:
            rows = self._rows(self.path_statement, s=source, t=target)
            total += rows[0][0] + 1 if rows else -1
        return total

    def pagerank(self) -> Any:
        # The algo extension is downloaded on first use: offline, Kùzu has no PageRank.
        connection = self.connection
        if not getattr(self, "projected", False):
            try:
                connection.execute("LOAD EXTENSION algo")
            except RuntimeError:
                connection.execute("INSTALL algo")
                connection.execute("LOAD EXTENSION algo")
            connection.execute("CALL project_graph('G', ['Entity'], ['Rel'])")
            self.projected = True
        return connection.execute("CALL page_rank('G') RETURN node.id, rank").get_as_df()


OPERATIONS = ["load", "lookup", "1-hop", "2-hop", "shortest path", "PageRank"]


def run_library(adapter: Any, path: Path, arguments: argparse.Namespace, samples: dict[str, Any]) -> dict[str, Any]:
    timings: dict[str, Any] = {}
    timings["load"], _ = once(lambda: adapter.load(path))
    repeat = arguments.repeat
    timings["lookup"] = best(lambda: adapter.lookup(samples["lookups"]), repeat)
    timings["1-hop"] = best(lambda: adapter.one_hop(samples["lookups"]), repeat)
    timings["2-hop"] = best(lambda: adapter.two_hop(samples["centres"]), repeat)
    timings["shortest path"] = best(lambda: adapter.shortest_path(samples["pairs"]), repeat)
    try:
        timings["PageRank"] = best(adapter.pagerank, repeat)
    except Exception as error:  # noqa: BLE001  # a peer without PageRank (Kùzu offline)
        timings["PageRank"] = f"n/a ({type(error).__name__}: {str(error).splitlines()[0][:60]})"
    return timings


def overhead(graph: aikg.Graph, ids: list[str], repeat: int) -> list[tuple[str, float, int]]:
    """(what, seconds, entities) for the ways of reading entity names."""
    count, every = len(ids), graph.entity_count
    loop = best(lambda: [graph.entity(i).name for i in ids], repeat)
    # Once, as it was slow before ids in WHERE were looked up in the index.
    query, _ = once(lambda: graph.query("MATCH (e) WHERE e.id IN $ids RETURN e.name", ids=ids).rows)
    scan = best(lambda: graph.query("MATCH (e) RETURN e.id, e.name").rows, repeat)
    objects = best(lambda: [entity.name for entity in graph.entities()], repeat)
    frame = best(lambda: graph.entities_frame(), repeat) if _has("pandas") else float("nan")
    return [
        (f"loop of {count} `g.entity(id).name`", loop, count),
        (f"one query for the same {count} names (`MATCH (e) WHERE e.id IN $ids RETURN e.name`, run once)", query, count),
        (f"one query for all {every} names (`MATCH (e) RETURN e.id, e.name`)", scan, every),
        (f"`[e.name for e in g.entities()]`: all {every}", objects, every),
        (f"`g.entities_frame()`: all {every} as a DataFrame", frame, every),
    ]


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def seconds(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    if value >= 1e-6:
        return f"{value * 1e6:.0f} µs"
    return f"{value * 1e9:.0f} ns"


def table(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = ["| operation | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    base = results["aikg"]
    for operation in OPERATIONS:
        cells = []
        for name in names:
            value = results[name].get(operation, "—")
            cell = seconds(value)
            if name != "aikg" and isinstance(value, float) and isinstance(base.get(operation), float):
                cell += f" ({value / base[operation]:.1f}×)"
            cells.append(cell)
        lines.append(f"| {operation} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000, help="dataset size (10^6 is slow)")
    parser.add_argument("--generator", help="aikg_generate, to make a missing dataset")
    parser.add_argument("--lookups", type=int, default=1000, help="entities looked up and expanded 1 hop")
    parser.add_argument("--samples", type=int, default=100, help="2-hop centres and shortest-path pairs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation; the best counts")
    parser.add_argument("--peers", default="networkx,igraph,rustworkx,kuzu", help="comma-separated")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    arguments = parser.parse_args()

    import aikg

    warnings.simplefilter("ignore")  # igraph warns about each unreachable pair
    path = dataset(arguments.statements, arguments.generator)
    random.seed(42)
    ids, _ = read_edges(path)
    samples = {
        "lookups": random.sample(ids, min(arguments.lookups, len(ids))),
        "centres": random.sample(ids, min(arguments.samples, len(ids))),
        "pairs": [tuple(random.sample(ids, 2)) for _ in range(arguments.samples)],
    }
    adapters: list[Any] = [Aikg()]
    skipped = []
    makers = {"networkx": NetworkX, "igraph": IGraph, "rustworkx": Rustworkx, "kuzu": Kuzu}
    for peer in filter(None, arguments.peers.split(",")):
        try:
            if peer != "kuzu":
                __import__(peer)
            adapters.append(makers[peer]())
        except ImportError as error:
            skipped.append(f"{peer} ({error})")

    results: dict[str, dict[str, Any]] = {}
    versions = {"aikg": aikg.__version__}
    for adapter in adapters:
        print(f"running {adapter.name} ...", file=sys.stderr, flush=True)
        results[adapter.name] = run_library(adapter, path, arguments, samples)
        module = {"NetworkX": "networkx", "igraph": "igraph", "rustworkx": "rustworkx"}.get(adapter.name)
        if module:
            versions[adapter.name] = sys.modules[module].__version__
        elif adapter.name == "Kùzu":
            versions[adapter.name] = adapter.kuzu.__version__
        if adapter.name == "aikg":
            results["_overhead"] = {"rows": overhead(adapter.graph, samples["lookups"], arguments.repeat)}
            statements, edges = adapter.graph.statement_count, adapter.graph.summary()["edges"]
            entities = adapter.graph.entity_count
        del adapter
    overhead_rows = results.pop("_overhead")["rows"]

    command = "python3 " + " ".join([os.path.relpath(__file__, ROOT), *sys.argv[1:]])
    report = [
        "# aikg's Python API and its peers",
        "",
        f"Command: `{command}` (from the repository root).",
        "",
        f"Dataset: `{path.name}`: {statements} statements, {edges} of them entity-to-entity edges, "
        f"{entities} entities. Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}; "
        + ", ".join(f"{name} {version}" for name, version in versions.items())
        + ".",
        "",
        f"Seconds for: load (once); lookup and 1-hop of {len(samples['lookups'])} entities; 2-hop from "
        f"{len(samples['centres'])} entities; shortest path (undirected) between {len(samples['pairs'])} "
        f"random pairs; PageRank of the whole graph — best of {arguments.repeat}. In brackets: the time "
        "relative to aikg (above 1× is slower than aikg).",
        "",
        table(results),
        "",
        "Notes: aikg's load parses, validates against the schema and indexes every statement (values, "
        "sources, times too); the peers' load is json.load plus building a graph of the entities and the "
        "entity-to-entity statements only. Each call crosses from Python into the library; Kùzu's answers "
        "come back through Cypher queries (prepared statements). The rustworkx 2-hop is two "
        "successor_indices steps in Python. Measured on a shared 2-core machine (other builds running): "
        "read the ratios, not the last digit. " + ("Skipped: " + ", ".join(skipped) + "." if skipped else ""),
        "",
        "## Per-call overhead of the Python API",
        "",
        "| call | time | per entity |",
        "|---|---|---|",
    ]
    for label, value, count in overhead_rows:
        report.append(f"| {label} | {seconds(value)} | {seconds(value / count)} |")
    publish(report, arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
