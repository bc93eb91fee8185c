#!/usr/bin/env python3
"""Export throughput of aikg's formats, next to ``json.dumps`` and ``orjson.dumps`` of ``nx.node_link_data(G)``.

Usage (from the repository root, after ``pip install .`` and ``pip install networkx pyarrow``):

    python3 bench/python/export_bench.py --statements 1000000 --repeat 5 --out /tmp/export-1e6.md
    python3 bench/python/export_bench.py --statements 100000 --out /tmp/export-1e5.md
    python3 bench/python/export_bench.py --statements 100000 --repeat 1 --idle-seconds 0  # unguarded, 1 min

The first two are the runs of bench/python/export_results.md and docs/benchmarks.md; guarded, the
10^6 run takes about 40 minutes on an idle 2-core machine, most of it in quiet windows and NetworkX.

The dataset is the synthetic file of the C++ generator (bench/generate_dataset.cc), as in
bench/python/compare_peers.py: ``$AIKG_BENCH_DATA/synthetic-v1-n<N>.json`` (AIKG_BENCH_DATA:
/tmp/aikg-bench), generated with ``--generator`` (default build/bench/aikg_generate) when missing.
The outputs go to ``$AIKG_BENCH_DATA/export-n<N>/`` and are deleted at the end unless ``--keep``.

What is measured, each the best of --repeat kept runs (seconds of wall time). The runs are
interleaved: each of the --repeat rounds runs every measurement once, in an order rotated by one
from round to round, in this one process (both graphs stay loaded):

- aikg: ``g.export(path, format=F)`` for every format. The C++ writers stream to a temporary
  file, ``fsync`` it and rename it over the target; "csv" and "parquet" write a directory
  (parquet through pyarrow). Output size is the file's bytes, or the sum over the directory.
- NetworkX: the graph a NetworkX user gets from aikg, ``nx.node_link_graph`` of aikg's own
  node-link export (so both sides serialise the same nodes, edges and fields; building it is not
  timed), then ``json.dumps(nx.node_link_data(G, edges="edges"))``, reported alone, plus writing
  the string to a file, and plus ``fsync`` (what aikg's exports include). With
  ``--networkx-graph to_networkx`` the graph is ``g.to_networkx()`` instead, whose edge days are
  ``datetime.date`` objects: ``json.dumps`` then needs ``default=str``.

MB are 10^6 bytes; MB/s is output MB per second; statements/s is the graph's statements per
second (every format gets all of them except "dot", which leaves out the value statements, and
"timelinejs", which keeps the dated ones).

The guard (as in bench/run_guarded.sh): before each run, wait until the machine had less than
--idle-cores busy cores for --idle-seconds (from /proc/stat); keep a run only if the other
processes (the whole machine minus this process's own CPU time) used at most --other-cores cores
while it ran; else repeat it, up to --attempts times (then the quietest run is kept, marked *).
Busy means user, nice, system, irq and softirq time. Steal time (the VM's cores lent to the
host's other tenants) is not the work of processes here and is only logged: it cannot be waited
out, and it is why kept runs still differ.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import aikg
from compare_peers import dataset, publish  # the same dataset cache and report output

ROOT = Path(__file__).resolve().parents[2]
FORMATS = [
    "node-link", "jgf", "cytoscape", "graphml", "gexf", "dot", "timelinejs", "csv", "parquet",
    "turtle", "ntriples", "nquads", "jsonld",
]
# File names of the outputs; csv and parquet are directories.
OUTPUT_NAMES = {
    "node-link": "graph.node-link.json",
    "jgf": "graph.jgf.json",
    "cytoscape": "graph.cyjs",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "dot": "graph.dot",
    "timelinejs": "graph.timeline.json",
    "csv": "csv",
    "parquet": "parquet",
    "turtle": "graph.ttl",
    "ntriples": "graph.nt",
    "nquads": "graph.nq",
    "jsonld": "graph.jsonld",
}
DIRECTORY_FORMATS = {"csv", "parquet"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# /proc/stat counts in ticks: allow three ticks of slack before blaming other processes.
TICK_SLACK = 3 / CLOCK_TICKS


# ---- The guard ------------------------------------------------------------------------------------


@dataclass
class CpuSample:
    wall: float
    # Seconds of CPU since boot over all cores (/proc/stat): busy is user, nice, system, irq and
    # softirq; steal (the time the host gave this VM's cores to its other tenants) is apart.
    busy: float
    steal: float
    own: float  # CPU seconds of this process, all threads

    @staticmethod
    def take() -> CpuSample:
        with open("/proc/stat", encoding="ascii") as stat:
            user, nice, system, _, _, irq, softirq, steal = [int(value) for value in stat.readline().split()[1:9]]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return CpuSample(
            time.perf_counter(),
            (user + nice + system + irq + softirq) / CLOCK_TICKS,
            steal / CLOCK_TICKS,
            usage.ru_utime + usage.ru_stime,
        )


@dataclass
class Run:
    seconds: float
    cpu: float  # this process's CPU seconds during the run, all threads
    other_cores: float  # average busy cores of the other processes during the run
    quiet: bool  # whether the run passed the guard
    result: Any = None


@dataclass
class Measurement:
    runs: list[Run] = field(default_factory=list)
    attempts: int = 0

    @property
    def best(self) -> Run:
        return min(self.runs, key=lambda run: run.seconds)

    @property
    def quiet(self) -> bool:
        return all(run.quiet for run in self.runs)


class Guard:
    """Runs a measurement only on an idle machine and keeps it only if the machine stayed idle."""

    def __init__(self, arguments: argparse.Namespace, log: list[str]) -> None:
        self.idle_seconds = arguments.idle_seconds
        self.idle_cores = arguments.idle_cores
        self.other_cores = arguments.other_cores
        self.attempts = arguments.attempts
        self.max_wait = arguments.max_wait
        self.log = log

    def wait_idle(self) -> None:
        if self.idle_seconds <= 0:
            return
        deadline = time.monotonic() + self.max_wait
        while True:
            before = CpuSample.take()
            time.sleep(self.idle_seconds)
            after = CpuSample.take()
            cores = (after.busy - before.busy - (after.own - before.own)) / (after.wall - before.wall)
            if cores < self.idle_cores:
                return
            if time.monotonic() > deadline:
                self.log.append(f"gave up waiting for an idle machine after {self.max_wait:.0f} s ({cores:.2f} busy cores)")
                return

    def measure(
        self, label: str, function: Callable[[], Any], repeat: int, prepare: Callable[[], None] | None = None
    ) -> Measurement:
        """`repeat` kept runs of `function`, each after `prepare` (untimed) and a quiet window.

        A run during which other processes were busy is repeated, up to --attempts times; then
        the quietest of the tries is kept, marked as not quiet.
        """
        measurement = Measurement()
        for _ in range(repeat):
            tried: list[Run] = []
            while len(tried) < self.attempts:
                if prepare is not None:
                    prepare()
                gc.collect()
                self.wait_idle()
                before = CpuSample.take()
                start = time.perf_counter()
                result = function()
                seconds = time.perf_counter() - start
                after = CpuSample.take()
                own = after.own - before.own
                wall = after.wall - before.wall
                other = max(0.0, after.busy - before.busy - own - TICK_SLACK) / wall
                steal = (after.steal - before.steal) / wall
                quiet = other <= self.other_cores or self.idle_seconds <= 0  # 0: no guard at all
                run = Run(seconds, own, other, quiet, result)
                measurement.attempts += 1
                verdict = "kept" if run.quiet else "rejected"
                line = (
                    f"{label}: {verdict} attempt {measurement.attempts} ({seconds:.3f} s, CPU {own:.3f} s, "
                    f"others {other:.2f} cores, steal {steal:.2f} cores)"
                )
                self.log.append(line)
                print(line, file=sys.stderr, flush=True)
                tried.append(run)
                if run.quiet:
                    break
            measurement.runs.append(min(tried, key=lambda run: (not run.quiet, run.other_cores)))
        return measurement


# ---- Data and outputs -----------------------------------------------------------------------------


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())
    return path.stat().st_size


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # ru_maxrss is in KiB


# ---- The two sides --------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    output: str
    size: int
    measurement: Measurement


@dataclass
class Job:
    """One thing to time: `function`, after `prepare` (untimed); `size` reads the bytes of its output
    right after a run (from the run's result, or from the file it wrote)."""

    what: str
    output: str
    function: Callable[[], Any]
    size: Callable[[Any], int]
    prepare: Callable[[], None] | None = None


def interleaved(jobs: list[Job], guard: Guard, repeat: int) -> list[Row]:
    """`repeat` rounds, each running every job once in an order rotated by one from round to round,
    so that a slow spell of the machine does not fall on one row's runs only."""
    measurements = [Measurement() for _ in jobs]
    sizes = [0] * len(jobs)
    for round_ in range(repeat):
        shift = round_ % len(jobs)
        for index in [*range(shift, len(jobs)), *range(shift)]:
            job = jobs[index]
            single = guard.measure(job.what, job.function, 1, prepare=job.prepare)
            measurements[index].runs += single.runs
            measurements[index].attempts += single.attempts
            sizes[index] = job.size(single.runs[-1].result)
    return [Row(job.what, job.output, size, measurement) for job, size, measurement in zip(jobs, sizes, measurements)]


def export_jobs(graph: aikg.Graph, directory: Path, formats: list[str]) -> list[Job]:
    jobs = []
    for name in formats:
        target = directory / OUTPUT_NAMES[name]
        jobs.append(Job(
            f"aikg `{name}`",
            OUTPUT_NAMES[name] + ("/" if name in DIRECTORY_FORMATS else ""),
            lambda name=name, target=target: graph.export(target, format=name),
            lambda _, target=target: size_of(target),
            lambda target=target: remove(target),
        ))
    return jobs


def networkx_graph(graph: aikg.Graph, node_link_file: Path, source: str) -> Any:
    import networkx as nx

    if source == "to_networkx":
        return graph.to_networkx()
    with open(node_link_file, encoding="utf-8") as file:
        document = json.load(file)
    return nx.node_link_graph(document, edges="edges")


def networkx_jobs(nx_graph: Any, directory: Path, source: str) -> list[Job]:
    """json.dumps(node_link_data(G)) alone, + write, + write and fsync; the same with orjson.dumps;
    node_link_data alone."""
    import networkx as nx

    default = str if source == "to_networkx" else None  # datetime.date edge days
    target = directory / "networkx.node-link.json"

    def text() -> str:
        return json.dumps(nx.node_link_data(nx_graph, edges="edges"), default=default)

    def dumps_and_write(sync: bool) -> int:
        data = text()
        with open(target, "w", encoding="utf-8") as file:
            file.write(data)
            if sync:
                file.flush()
                os.fsync(file.fileno())
        return len(data)

    def written(_: Any) -> int:
        return size_of(target)

    def clear() -> None:
        remove(target)

    call = 'json.dumps(nx.node_link_data(G, edges="edges")' + (", default=str)" if default else ")")
    jobs = [
        # json.dumps escapes non-ASCII by default: characters are bytes.
        Job(f"NetworkX `{call}`", "str in memory", lambda: len(text()), lambda length: length),
        Job(f"NetworkX `{call}` + write", target.name, lambda: dumps_and_write(False), written, clear),
        Job(f"NetworkX `{call}` + write + fsync", target.name, lambda: dumps_and_write(True), written, clear),
    ]

    # orjson, a JSON encoder written in Rust, on the same dict: what a NetworkX user who cares
    # about speed would call (it writes compact UTF-8 and knows datetime.date, so no default=str).
    if _has_orjson():
        import orjson

        def orjson_write_fsync() -> int:
            data = orjson.dumps(nx.node_link_data(nx_graph, edges="edges"))
            with open(target, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            return len(data)

        call = 'orjson.dumps(nx.node_link_data(G, edges="edges"))'
        jobs += [
            Job(f"NetworkX `{call}`", "bytes in memory",
                lambda: len(orjson.dumps(nx.node_link_data(nx_graph, edges="edges"))), lambda length: length),
            Job(f"NetworkX `{call}` + write + fsync", target.name, orjson_write_fsync, written, clear),
        ]

    # node_link_data alone: how much of the time is building the dict, not the JSON text.
    def node_link_data() -> None:
        nx.node_link_data(nx_graph, edges="edges")  # dropped at once: not kept across runs

    jobs.append(Job('NetworkX `nx.node_link_data(G, edges="edges")` alone (no text)', "dict in memory",
                    node_link_data, lambda _: 0))
    return jobs


def _has_orjson() -> bool:
    try:
        import orjson  # noqa: F401
    except ImportError:
        print("orjson is not installed: no orjson rows (pip install orjson)", file=sys.stderr)
        return False
    return True


# ---- Report ---------------------------------------------------------------------------------------


def seconds_text(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1e3:.0f} ms"


def table(rows: list[Row], statements: int) -> str:
    lines = [
        "| what | output | MB | best | slowest | CPU | MB/s | statements/s | × aikg node-link | CPU × aikg node-link "
        "| runs kept/tried |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    node_link = next((row.measurement.best for row in rows if row.what == "aikg `node-link`"), None)
    reference = node_link.seconds if node_link else None
    for row in rows:
        best = row.measurement.best
        slowest = max(run.seconds for run in row.measurement.runs)
        size = f"{row.size / 1e6:.1f}" if row.size else "—"
        rate = f"{row.size / 1e6 / best.seconds:.0f}" if row.size else "—"
        ratio = f"{best.seconds / reference:.2f}" if reference else "—"
        # On a loaded machine the wall times wait for the other processes; CPU time does less.
        cpu_ratio = f"{best.cpu / node_link.cpu:.2f}" if node_link else "—"
        mark = "" if row.measurement.quiet else " *"
        runs = f"{len(row.measurement.runs)}/{row.measurement.attempts}{mark}"
        lines.append(
            f"| {row.what} | {row.output} | {size} | {seconds_text(best.seconds)} | {seconds_text(slowest)} | "
            f"{seconds_text(best.cpu)} | {rate} | {statements / best.seconds / 1e3:,.0f} k | "
            f"{ratio} | {cpu_ratio} | {runs} |"
        )
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, Linux {platform.release()}"


def build_note() -> str:
    module = Path(aikg._aikg.__file__)
    built = datetime.fromtimestamp(module.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " with uncommitted changes" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown commit"
    return f"installed module {module.name} built {built}; repository at {commit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000, help="dataset size (10^5 for a quick run)")
    parser.add_argument("--generator", default=str(ROOT / "build/bench/aikg_generate"),
                        help="aikg_generate, to make a missing dataset")
    parser.add_argument("--repeat", type=int, default=3, help="kept runs per measurement; the best counts")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated aikg formats")
    parser.add_argument("--networkx-graph", choices=["node-link", "to_networkx", "none"], default="node-link",
                        help="the NetworkX graph: nx.node_link_graph of aikg's node-link export, g.to_networkx(), "
                             "or no NetworkX side")
    parser.add_argument("--idle-seconds", type=float, default=20, help="quiet window before each run (0: no guard)")
    parser.add_argument("--idle-cores", type=float, default=0.15, help="busy cores allowed in the quiet window")
    parser.add_argument("--other-cores", type=float, default=0.15,
                        help="busy cores of other processes allowed during a kept run")
    parser.add_argument("--attempts", type=int, default=8, help="tries per run before keeping the quietest")
    parser.add_argument("--max-wait", type=float, default=1800, help="seconds to wait for a quiet window")
    parser.add_argument("--keep", action="store_true", help="keep the exported files")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    arguments = parser.parse_args()

    formats = [name for name in arguments.formats.split(",") if name]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)}")
    if "parquet" in formats:
        import pyarrow.parquet  # noqa: F401  # imported once here, not inside the first timed export
    if arguments.networkx_graph != "none":
        import networkx  # noqa: F401

    path = dataset(arguments.statements, arguments.generator)
    directory = path.parent / f"export-n{arguments.statements}"
    directory.mkdir(parents=True, exist_ok=True)
    log: list[str] = []
    guard = Guard(arguments, log)
    rss: list[tuple[str, float]] = [("start", peak_rss_mb())]

    print(f"loading {path} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    graph = aikg.load(path)
    load_seconds = time.perf_counter() - start
    statements, entities = graph.statement_count, graph.entity_count
    edges = graph.summary()["edges"]
    rss.append(("after aikg.load", peak_rss_mb()))

    jobs = export_jobs(graph, directory, formats)
    versions = {"aikg": aikg.__version__}
    build_seconds = 0.0
    nx_graph = None
    if arguments.networkx_graph != "none":
        import networkx as nx

        versions["NetworkX"] = nx.__version__
        node_link = directory / OUTPUT_NAMES["node-link"]
        if arguments.networkx_graph == "node-link" and not node_link.exists():
            graph.export(node_link, format="node-link")
        print("building the NetworkX graph ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        nx_graph = networkx_graph(graph, node_link, arguments.networkx_graph)
        build_seconds = time.perf_counter() - start
        rss.append(("after building the NetworkX graph", peak_rss_mb()))
        jobs += networkx_jobs(nx_graph, directory, arguments.networkx_graph)
        if "orjson" in sys.modules:
            versions["orjson"] = sys.modules["orjson"].__version__
    rows = interleaved(jobs, guard, arguments.repeat)
    rss.append(("after the exports", peak_rss_mb()))
    del nx_graph
    if "parquet" in formats:
        versions["pyarrow"] = sys.modules["pyarrow"].__version__
    if not arguments.keep:
        shutil.rmtree(directory)

    command = "python3 " + " ".join([os.path.relpath(__file__, ROOT), *sys.argv[1:]])
    how = {
        "node-link": "`nx.node_link_graph(json.load(f), edges=\"edges\")` of aikg's node-link export",
        "to_networkx": "`g.to_networkx()` (value statements attached to the nodes)",
        "none": "none",
    }[arguments.networkx_graph]
    report = [
        "# Export throughput: aikg's formats and NetworkX's json.dumps / orjson.dumps",
        "",
        f"Command: `{command}` (from the repository root).",
        "",
        f"Dataset: `{path.name}`: {statements} statements, {edges} of them entity-to-entity edges, "
        f"{entities} entities; aikg.load took {load_seconds:.2f} s. Machine: {machine()}; "
        f"Python {platform.python_version()}; " + ", ".join(f"{name} {version}" for name, version in versions.items())
        + f"; {build_note()}.",
        "",
        f"NetworkX graph: {how}, built in {build_seconds:.2f} s (not timed below).",
        "",
        f"Best of {arguments.repeat} kept runs (wall time; slowest = the slowest kept run; CPU = this "
        "process's CPU time in the best run, all threads; × aikg node-link = time / aikg's node-link time, and the "
        "same for the CPU times). "
        "MB = 10^6 bytes of output; MB/s = output MB / best time; statements/s = the graph's "
        f"{statements} statements / best time. aikg's exports include an fsync of the output; "
        + ("runs were guarded: each after "
           f"{arguments.idle_seconds:.0f} s with < {arguments.idle_cores} busy cores, kept only if other processes "
           f"used ≤ {arguments.other_cores} cores meanwhile (* = kept although not quiet)."
           if arguments.idle_seconds > 0 else "runs were not guarded (--idle-seconds 0)."),
        "",
        table(rows, statements),
        "",
        "Peak RSS of this process (ru_maxrss, MB): " + "; ".join(f"{what} {value:,.0f}" for what, value in rss) + ".",
        "",
        "<details><summary>guard log</summary>",
        "",
        "```",
        *log,
        "```",
        "",
        "</details>",
    ]
    publish(report, arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
