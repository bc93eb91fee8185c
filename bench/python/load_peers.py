#!/usr/bin/env python3
"""Loads from each library's best format, parse floors, and PageRank at equal accuracy.

Usage (from the repository root, after ``pip install . ".[bench]"``):

    python3 bench/python/load_peers.py --statements 100000 --repeat 3             # quick check
    python3 bench/python/load_peers.py --statements 1000000 --repeat 3 --out bench/python/load_peers_results.md

The dataset is the synthetic file of the C++ generator (bench/generate_dataset.cc), as in
bench/python/compare_peers.py: ``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json`` (AIKG_BENCH_DATA:
/tmp/aikg-bench), generated with ``--generator`` (default build/bench/aikg_generate) when missing.
From it, once, aikg writes its binary snapshot (``g.save("….aikgb")``) and its Parquet tables
(``View.export(format="parquet")``, in ``spark-n<N>/`` beside it), as snapshot_bench.py does.

**Loads.** Every route runs in a fresh Python process: the library is imported first, then only
the load is timed, so no earlier graph is alive and no cache of the process helps. The routes:

- aikg from its own JSON (``aikg.load("….json")``) and from its snapshot (``aikg.load("….aikgb")``):
  aikg keeps every entity with its attributes, every statement with its value, valid time,
  sources and qualifiers, and its id, name, adjacency and time indexes.
- NetworkX, igraph, rustworkx and Kùzu from the Parquet edge list: pyarrow reads ``id`` of the
  entities table and ``src``, ``dst``, ``predicate`` of the statements with an object; igraph and
  rustworkx get vertex numbers from ``pyarrow.compute.index_in`` (as lists of int pairs, which
  igraph takes 3× faster than a NumPy array), NetworkX the id strings; Kùzu runs
  ``COPY … FROM (LOAD FROM '….parquet' … RETURN …)`` into an in-memory database.
- The same four from the JSON: ``orjson.loads`` of the file (the fastest parser here that
  gives Python objects), then the entity ids and the (subject, object, predicate) of every
  entity-to-entity statement; Kùzu copies from pandas frames of those.
  Every peer keeps the entity ids and, per edge, its two ends and predicate: nothing else.
- Parse floors of the JSON file, each including the read: the read alone (``Path.read_bytes``),
  ``json.loads``, ``orjson.loads`` and a simdjson parse (pysimdjson's ``Parser().parse``: the
  whole document parsed into simdjson's tape, no Python objects made); and the read of the
  snapshot's bytes.

**PageRank at equal accuracy.** Each library loads its graph by its fast route (aikg its
snapshot, the peers the Parquet edge list) in a fresh process, then runs PageRank (damping 0.85),
twice each (the faster run kept: NetworkX imports SciPy on its first call), with its default
settings and with a tight tolerance (``--tolerance``, per entity: the power
iterations stop when the L1 change of the whole vector falls below tolerance × entities, the rule
of aikg, NetworkX and rustworkx; Kùzu gets the same number). igraph's PRPACK solver is the
reference; its ARPACK eigensolver, an independent method, runs too and shows how close two good
solvers agree. Each result is compared, entity by entity, with the reference: the table gives the
largest absolute difference, also after scaling the ranks to sum 1 (Kùzu's do not).

Runs are interleaved (aikg, peer, peer, …, the order rotated every repetition), ``--repeat`` of
them; the tables give the min and the median, of CPU seconds (``time.process_time()`` of the
worker: user + system of all its threads, the fair measure on a shared machine) and of wall
seconds, the worker's RSS before the load (the interpreter and the imported library), what the
load kept (RSS after minus before) and its peak (VmHWM). The load average is logged.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from compare_peers import dataset, in_fresh_process, interleaved, min_median, publish, status_kb, timed

ROOT = Path(__file__).resolve().parents[2]
DAMPING = 0.85


@dataclass(frozen=True)
class Files:
    json: Path
    snapshot: Path
    tables: Path  # aikg's Parquet export: entities.parquet, statements.parquet, sources.parquet

    @property
    def entities(self) -> Path:
        return self.tables / "entities.parquet"

    @property
    def statements(self) -> Path:
        return self.tables / "statements.parquet"


# ---- The edge lists the peers build from (run inside the timed load) --------------------------------


def parquet_edges(files: Files) -> tuple[Any, Any]:
    """The entity ids (an Arrow array) and the src, dst, predicate of the entity-to-entity statements."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    ids = pq.read_table(files.entities, columns=["id"])["id"].combine_chunks()
    edges = pq.read_table(files.statements, columns=["src", "dst", "predicate"])
    return ids, edges.filter(pc.is_valid(edges["dst"]))


def vertex_numbers(edges: Any, column: str, ids: Any) -> Any:
    """The row of each edge end's id in the entities table, as a NumPy array."""
    import pyarrow.compute as pc

    return pc.index_in(edges[column], value_set=ids).to_numpy()


def json_edges(files: Files) -> tuple[list[str], list[tuple[str, str, str]]]:
    """orjson.loads of the file, then the entity ids and (subject, object, predicate) of each edge."""
    import orjson

    document = orjson.loads(files.json.read_bytes())
    ids = [entity["id"] for entity in document["entities"]]
    edges = [(s["subject"], s["object"], s["predicate"]) for s in document["statements"] if "object" in s]
    return ids, edges


# ---- Builders: one per library and format. Each imports its library (untimed) and returns the ------
# ---- timed load and how to count what it holds. ------------------------------------------------------

Load = Callable[[], Any]
Route = Callable[[Files], tuple[Load, Callable[[Any], int]]]


def aikg_route(which: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        import aikg

        path = files.json if which == "json" else files.snapshot
        return lambda: aikg.load(path), lambda graph: graph.statement_count

    return route


def networkx_route(source: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        import networkx as nx

        def load() -> Any:
            graph = nx.MultiDiGraph()
            if source == "parquet":
                ids, edges = parquet_edges(files)
                graph.add_nodes_from(ids.to_pylist())
                ends = zip(edges["src"].to_pylist(), edges["dst"].to_pylist(), edges["predicate"].to_pylist())
            else:
                ids, ends = json_edges(files)
                graph.add_nodes_from(ids)
            graph.add_edges_from((s, o, {"predicate": p}) for s, o, p in ends)
            return graph

        return load, lambda graph: graph.number_of_edges()

    return route


def igraph_route(source: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        import igraph

        def load() -> Any:
            if source == "parquet":
                ids, edges = parquet_edges(files)
                # Pairs of ints: igraph takes a list of tuples 3× faster than a NumPy (n, 2) array.
                ends = zip(vertex_numbers(edges, "src", ids).tolist(), vertex_numbers(edges, "dst", ids).tolist())
                graph = igraph.Graph(n=len(ids), edges=list(ends), directed=True)
                graph.vs["name"] = ids.to_pylist()
                graph.es["predicate"] = edges["predicate"].to_pylist()
            else:
                names, triples = json_edges(files)
                index = {entity: i for i, entity in enumerate(names)}
                graph = igraph.Graph(n=len(names), edges=[(index[s], index[o]) for s, o, _ in triples], directed=True)
                graph.vs["name"] = names
                graph.es["predicate"] = [p for _, _, p in triples]
            return graph

        return load, lambda graph: graph.ecount()

    return route


def rustworkx_route(source: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        import rustworkx as rx

        def load() -> Any:
            graph = rx.PyDiGraph(multigraph=True)
            if source == "parquet":
                ids, edges = parquet_edges(files)
                graph.add_nodes_from(ids.to_pylist())  # node i is row i of the entities table
                src, dst = vertex_numbers(edges, "src", ids).tolist(), vertex_numbers(edges, "dst", ids).tolist()
                graph.add_edges_from(list(zip(src, dst, edges["predicate"].to_pylist())))
            else:
                names, triples = json_edges(files)
                index = dict(zip(names, graph.add_nodes_from(names)))
                graph.add_edges_from([(index[s], index[o], p) for s, o, p in triples])
            return graph

        return load, lambda graph: graph.num_edges()

    return route


def kuzu_module() -> Any:
    try:
        import kuzu
    except ImportError:
        import real_ladybug as kuzu  # the fork's name
    return kuzu


def kuzu_route(source: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        kuzu = kuzu_module()
        if source == "json":
            import pandas as pd

        def load() -> Any:
            database = kuzu.Database(":memory:")
            connection = kuzu.Connection(database)
            connection.execute("CREATE NODE TABLE Entity(id STRING, PRIMARY KEY (id))")
            connection.execute("CREATE REL TABLE Rel(FROM Entity TO Entity, predicate STRING)")
            if source == "parquet":
                connection.execute(f"COPY Entity FROM (LOAD FROM '{files.entities}' RETURN id)")
                connection.execute(
                    f"COPY Rel FROM (LOAD FROM '{files.statements}' WHERE dst IS NOT NULL RETURN src, dst, predicate)"
                )
            else:
                ids, triples = json_edges(files)
                # Object columns: Kùzu's pandas scan does not know pandas 3's string dtype.
                nodes = pd.DataFrame({"id": pd.Series(ids, dtype=object)})  # noqa: F841  (read by COPY … FROM nodes)
                rels = pd.DataFrame(triples, columns=["from", "to", "predicate"]).astype(object)  # noqa: F841
                connection.execute("COPY Entity FROM nodes")
                connection.execute("COPY Rel FROM rels")
            return database, connection

        def size(loaded: Any) -> int:
            return loaded[1].execute("MATCH ()-[r:Rel]->() RETURN count(*)").get_next()[0]

        return load, size

    return route


def floor_route(what: str) -> Route:
    def route(files: Files) -> tuple[Load, Callable[[Any], int]]:
        if what == "read JSON":
            return files.json.read_bytes, len
        if what == "read snapshot":
            return files.snapshot.read_bytes, len
        if what == "json.loads":
            return lambda: json.loads(files.json.read_bytes()), lambda document: len(document["statements"])
        if what == "orjson.loads":
            import orjson

            return lambda: orjson.loads(files.json.read_bytes()), lambda document: len(document["statements"])
        import simdjson

        parser = simdjson.Parser()
        return lambda: parser.parse(files.json.read_bytes()), lambda document: len(document["statements"])

    return route


# Route name: (builder, what it reads, what it keeps).
PEER_KEEPS = "entity ids; per edge its ends and predicate"
ROUTES: dict[str, tuple[Route, str, str]] = {
    "aikg JSON": (aikg_route("json"), "its JSON", "everything: attributes, values, times, sources, indexes"),
    "aikg snapshot": (aikg_route("snapshot"), ".aikgb", "everything, as the JSON load"),
    "NetworkX Parquet": (networkx_route("parquet"), "Parquet edge list", PEER_KEEPS),
    "igraph Parquet": (igraph_route("parquet"), "Parquet edge list", PEER_KEEPS),
    "rustworkx Parquet": (rustworkx_route("parquet"), "Parquet edge list", PEER_KEEPS),
    "Kùzu COPY FROM Parquet": (kuzu_route("parquet"), "Parquet edge list", PEER_KEEPS),
    "NetworkX JSON": (networkx_route("json"), "JSON, orjson.loads", PEER_KEEPS),
    "igraph JSON": (igraph_route("json"), "JSON, orjson.loads", PEER_KEEPS),
    "rustworkx JSON": (rustworkx_route("json"), "JSON, orjson.loads", PEER_KEEPS),
    "Kùzu COPY FROM pandas": (kuzu_route("json"), "JSON, orjson.loads", PEER_KEEPS),
    "floor: read JSON": (floor_route("read JSON"), "JSON bytes", "the bytes"),
    "floor: json.loads": (floor_route("json.loads"), "JSON", "Python dicts and lists"),
    "floor: orjson.loads": (floor_route("orjson.loads"), "JSON", "Python dicts and lists"),
    "floor: simdjson parse": (floor_route("simdjson"), "JSON", "simdjson's parsed tape"),
    "floor: read snapshot": (floor_route("read snapshot"), ".aikgb bytes", "the bytes"),
}


def load_worker(name: str, files: Files) -> dict[str, Any]:
    builder = ROUTES[name][0]
    load, size = builder(files)  # imports happen here, before the clock
    before = status_kb("VmRSS")
    loaded, cost = timed(load)
    return {**cost, "rss_before_kb": before, "rss_kb": status_kb("VmRSS"), "peak_kb": status_kb("VmHWM"),
            "size": size(loaded)}


# ---- PageRank ---------------------------------------------------------------------------------------

# Per library: the route it loads by, {setting: run(graph) -> its result}, and result -> ranks in
# the order of the entities table. The reference is igraph's PRPACK.
Plan = tuple[str, dict[str, Callable[[Any], Any]], Callable[[Any, Files], list[float]]]


def canonical_ids(files: Files) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_table(files.entities, columns=["id"])["id"].to_pylist()


def pagerank_plan(library: str, tolerance: float, iterations: int) -> Plan:
    tight = f"tol {tolerance:g}"
    if library == "aikg":
        return "aikg snapshot", {
            "default": lambda g: g.pagerank(damping=DAMPING),
            tight: lambda g: g.pagerank(damping=DAMPING, tolerance=tolerance, max_iterations=iterations),
        }, lambda ranks, files: [ranks[i] for i in canonical_ids(files)]
    if library == "NetworkX":
        import networkx as nx

        return "NetworkX Parquet", {
            "default": lambda g: nx.pagerank(g, alpha=DAMPING),
            tight: lambda g: nx.pagerank(g, alpha=DAMPING, tol=tolerance, max_iter=iterations),
        }, lambda ranks, files: [ranks[i] for i in canonical_ids(files)]
    if library == "rustworkx":
        import rustworkx as rx

        return "rustworkx Parquet", {
            "default": lambda g: rx.pagerank(g, alpha=DAMPING),
            tight: lambda g: rx.pagerank(g, alpha=DAMPING, tol=tolerance, max_iter=iterations),
        }, lambda ranks, files: [ranks[i] for i in range(len(ranks))]
    if library == "igraph":
        return "igraph Parquet", {
            "PRPACK (reference)": lambda g: g.pagerank(damping=DAMPING, implementation="prpack"),
            "ARPACK": lambda g: g.pagerank(damping=DAMPING, implementation="arpack"),
        }, lambda ranks, files: list(ranks)
    if library == "Kùzu":
        def run(query: str) -> Callable[[Any], Any]:
            return lambda loaded: loaded[1].execute(query).get_as_df()

        def order(frame: Any, files: Files) -> list[float]:
            rank = dict(zip(frame["node.id"], frame["rank"]))
            return [rank[i] for i in canonical_ids(files)]

        return "Kùzu COPY FROM Parquet", {
            "default": run("CALL page_rank('G') RETURN node.id, rank"),
            tight: run(f"CALL page_rank('G', dampingFactor := {DAMPING}, maxIterations := {iterations}, "
                       f"tolerance := {tolerance!r}) RETURN node.id, rank"),
        }, order
    raise ValueError(f"no PageRank plan for {library}")


PAGERANK_LIBRARIES = ["aikg", "NetworkX", "igraph", "rustworkx", "Kùzu"]


def pagerank_worker(library: str, files: Files, tolerance: float, iterations: int, ranks_file: Path) -> dict[str, Any]:
    route, settings, order = pagerank_plan(library, tolerance, iterations)
    load, _ = ROUTES[route][0](files)
    graph = load()
    if library == "Kùzu":
        graph[1].execute("CALL project_graph('G', ['Entity'], ['Rel'])")
    costs, ranks = {}, {}
    for setting, run in settings.items():
        # Twice, the faster kept: a first call may pay one-time costs (NetworkX imports SciPy then).
        for _ in range(2):
            result, cost = timed(lambda: run(graph))
            if setting not in costs or cost["cpu"] < costs[setting]["cpu"]:
                costs[setting] = cost
        ranks[setting] = order(result, files)
    ranks_file.write_text(json.dumps(ranks), encoding="utf-8")
    return {"costs": costs, "peak_kb": status_kb("VmHWM")}


# ---- Driver -----------------------------------------------------------------------------------------


def prepare(json_path: Path, statements: int) -> Files:
    """The snapshot and the Parquet tables of the JSON graph, written once (by snapshot_bench's prepare)."""
    from snapshot_bench import prepare as write_snapshot_and_tables

    snapshot, statements_table = write_snapshot_and_tables(json_path, statements)
    return Files(json_path, snapshot, statements_table.parent)


def versions() -> str:
    import aikg

    found = [f"aikg {aikg.__version__}"]
    packages = ["networkx", "python-igraph", "rustworkx", "kuzu", "pyarrow", "numpy", "pandas", "orjson", "pysimdjson"]
    for package in packages:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} missing")
    return ", ".join(found)


def mb(kib: float) -> str:
    return f"{kib / 1024:,.0f}"


def load_table(samples: dict[str, list[dict[str, Any]]]) -> list[str]:
    reference = min_median(samples["aikg snapshot"], "cpu")[0] if "aikg snapshot" in samples else None
    lines = [
        "| route | reads | keeps | CPU s min / median | wall s min / median | CPU ÷ aikg snapshot | "
        "RSS MB before / kept / peak | holds |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, runs in samples.items():
        _, reads, keeps = ROUTES[name]
        cpu, wall = min_median(runs, "cpu"), min_median(runs, "wall")
        before, after, peak = (min_median(runs, key)[1] for key in ("rss_before_kb", "rss_kb", "peak_kb"))
        ratio = f"{cpu[0] / reference:.1f}×" if reference else "—"
        unit = "bytes" if name.startswith("floor: read") else (
            "statements" if name.startswith(("aikg", "floor")) else "edges")
        lines.append(
            f"| {name} | {reads} | {keeps} | {cpu[0]:.3f} / {cpu[1]:.3f} | {wall[0]:.3f} / {wall[1]:.3f} | {ratio} | "
            f"{mb(before)} / {mb(after - before)} / {mb(peak)} | {runs[0]['size']:,} {unit} |"
        )
    return lines


def pagerank_table(runs: dict[str, list[dict[str, Any]]], ranks: dict[str, dict[str, list[float]]]) -> list[str]:
    import numpy

    reference = numpy.array(ranks["igraph"]["PRPACK (reference)"])
    lines = [
        "| library | settings | CPU s min / median | wall s min / median | max abs error vs PRPACK | "
        "same, after scaling to sum 1 | sum of ranks |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for library, library_runs in runs.items():
        for setting in library_runs[0]["costs"]:
            costs = [run["costs"][setting] for run in library_runs]
            cpu, wall = min_median(costs, "cpu"), min_median(costs, "wall")
            result = numpy.array(ranks[library][setting])
            error = numpy.abs(result - reference).max()
            scaled = numpy.abs(result / result.sum() - reference).max()
            lines.append(
                f"| {library} | {setting} | {cpu[0]:.3f} / {cpu[1]:.3f} | {wall[0]:.3f} / {wall[1]:.3f} | "
                f"{error:.1e} | {scaled:.1e} | {result.sum():.6f} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000, help="dataset size")
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"),
                        help="aikg_generate, to make a missing dataset")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions (min and median reported)")
    parser.add_argument("--routes", default=",".join(ROUTES), help="comma-separated load routes")
    parser.add_argument("--pagerank", default=",".join(PAGERANK_LIBRARIES), help="libraries, or 'none'")
    parser.add_argument("--tolerance", type=float, default=1e-12, help="the tight PageRank tolerance, per entity")
    parser.add_argument("--max-iterations", type=int, default=1000, help="iteration cap of the tight PageRank")
    parser.add_argument("--out", help="also write the Markdown report here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--pagerank-worker", help=argparse.SUPPRESS)
    parser.add_argument("--files", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--ranks-file", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker or args.pagerank_worker:
        files = Files(*map(Path, args.files))
        if args.worker:
            record = load_worker(args.worker, files)
        else:
            record = pagerank_worker(
                args.pagerank_worker, files, args.tolerance, args.max_iterations, Path(args.ranks_file)
            )
        print(json.dumps(record))
        return 0

    routes = [name for name in args.routes.split(",") if name]
    unknown = sorted(set(routes) - set(ROUTES))
    if unknown:
        parser.error(f"unknown routes: {', '.join(unknown)}")
    libraries = [] if args.pagerank == "none" else [name for name in args.pagerank.split(",") if name]
    if libraries and "igraph" not in libraries:
        parser.error("PageRank needs igraph: its PRPACK result is the reference")
    files = prepare(dataset(args.statements, args.generator), args.statements)
    paths = [str(files.json), str(files.snapshot), str(files.tables)]
    here = str(Path(__file__).resolve())
    log: list[str] = []

    print("loads ...", file=sys.stderr, flush=True)
    log.append("loads:")
    def load(name: str) -> dict[str, Any]:
        return in_fresh_process([here, "--worker", name, "--files", *paths])

    loads = interleaved(routes, load, args.repeat, log)

    ranks: dict[str, dict[str, list[float]]] = {}
    pageranks: dict[str, list[dict[str, Any]]] = {}
    if libraries:
        print("PageRank ...", file=sys.stderr, flush=True)
        log.append("PageRank:")
        with tempfile.TemporaryDirectory() as scratch:
            def pagerank(library: str) -> dict[str, Any]:
                ranks_file = Path(scratch) / "ranks.json"
                record = in_fresh_process([
                    here, "--pagerank-worker", library, "--files", *paths, "--ranks-file", str(ranks_file),
                    "--tolerance", repr(args.tolerance), "--max-iterations", str(args.max_iterations),
                ])
                ranks.setdefault(library, json.loads(ranks_file.read_text(encoding="utf-8")))  # the first run's
                return record

            pageranks = interleaved(libraries, pagerank, args.repeat, log)

    command = "python3 " + " ".join([os.path.relpath(__file__, ROOT), *sys.argv[1:]])
    sizes = {"JSON": files.json, "snapshot": files.snapshot, "Parquet entities": files.entities,
             "Parquet statements": files.statements}
    lines = [
        "# Loads from each library's best format, parse floors, PageRank at equal accuracy",
        "",
        f"Command: `{command}` (from the repository root).",
        "",
        f"Dataset `{files.json.name}`. Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {versions()}.",
        "",
        "Files: " + ", ".join(f"{name} {path.stat().st_size / 1e6:.1f} MB" for name, path in sizes.items()) + ".",
        "",
        f"Each load in a fresh process, imports untimed; {args.repeat} interleaved repetitions, order rotated. "
        "CPU = user + system seconds of the worker's threads; RSS before = after the imports, kept = after the "
        "load minus before, peak = VmHWM (medians).",
        "",
        *load_table(loads),
    ]
    if libraries:
        entities = len(ranks["igraph"]["PRPACK (reference)"])
        lines += [
            "",
            f"PageRank, damping {DAMPING}, over {entities:,} entities (mean rank {1 / entities:.1e}); each library "
            "loads by its fast route in a fresh process, then runs each setting twice (the faster counts); "
            f"tight = tolerance {args.tolerance:g} per entity, at most {args.max_iterations} iterations. "
            "Errors are of the first repetition's result against igraph's PRPACK.",
            "",
            *pagerank_table(pageranks, ranks),
        ]
    lines += ["", "Load average (1 / 5 / 15 minutes):", "", *[f"- {entry}" for entry in log]]
    publish(lines, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
