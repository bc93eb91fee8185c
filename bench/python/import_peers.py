#!/usr/bin/env python3
"""The CSV table import against pandas and NetworkX (docs/benchmarks.md, "Table import (issue 11)").

On the generated model table of bench/generate_table.py (10^6 rows by default), times:

  aikg read          ReadCsvFile alone (bench/import_bench.cc, BM_ReadCsv)
  aikg import        ReadCsvFile + ImportTable through bench/data/bench-mapping.json (BM_Import)
  pandas c           pandas.read_csv(path), the default C engine
  pandas pyarrow     pandas.read_csv(path, engine="pyarrow"), when pyarrow is installed
  pandas + NetworkX  pandas.read_csv + a MultiDiGraph of the same entities and statements
                     (add_nodes_from / add_edges_from with attribute dicts)

Each measurement runs in a fresh process. The repetitions are interleaved and their order rotated
every round, so that a slow minute of the shared machine falls on every tool in turn. For each
one the script records:

- the CPU and wall seconds of the timed part, measured inside the child (Google Benchmark's
  cpu_time and real_time for aikg, time.process_time and time.perf_counter around the calls for
  Python): the comparison columns;
- the CPU seconds of the whole child process and its peak resident set (os.wait4's rusage:
  ru_utime + ru_stime, ru_maxrss), which include the interpreter, the imports of pandas and
  NetworkX, or the load of the schema;
- the 1-minute load average before it, and the cores the rest of the machine kept busy while it
  ran (/proc/stat minus the child's own CPU time).

The Markdown table (min and median of each) goes to --out, default bench/python/import_results.md.

Usage:
  ninja -C build-bench aikg_bench_import
  python3 bench/python/import_peers.py --rows 1e5 1e6 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
GENERATOR = REPOSITORY / "bench" / "generate_table.py"
DEFAULT_BENCH = REPOSITORY / "build-bench" / "bench" / "aikg_bench_import"
DEFAULT_OUT = Path(__file__).resolve().parent / "import_results.md"

# bench/generate_table.py's countries: the graph holds them before the import, on both sides.
COUNTRIES = [
    "United States", "China", "United Kingdom", "France", "Canada", "Germany", "Japan", "South Korea",
    "Israel", "United Arab Emirates", "India", "Singapore",
]
ORGANIZATION_TYPES = {"Industry": "Company", "Academia": "ResearchLab", "Government": "GovernmentBody",
                      "Research collective": "Organization"}

TOOLS = ["aikg read", "aikg import", "pandas c", "pandas pyarrow", "pandas + NetworkX"]

KEEPS = {
    "aikg read": "a `Table`: every cell's text in one buffer, cell offsets, each row's line; UTF-8 checked, "
                 "quotes undone",
    "aikg import": "the checked, indexed graph: one entity per model and per organisation (typed from the "
                   "categorization), countries found, never made, and ~6.06 statements per row, each with its id, typed value (quantities "
                   "with unit and bound, dates at their precision, texts), valid time at its precision, "
                   "modality, confidence, source and locator; id, name, time and edge indexes; every row "
                   "checked against the schema, all or nothing",
    "pandas c": "a DataFrame: 9 columns, numbers as float64 where a whole column parses (not here: "
                "\"1,024\"), the rest strings; no validation",
    "pandas pyarrow": "the same DataFrame, parsed by Arrow's multithreaded CSV reader",
    "pandas + NetworkX": "the DataFrame (thousands=\",\", \"Unknown\" as NaN), then a MultiDiGraph: one node per "
                         "model (attributes: type, release date as text, parameters and compute as float, "
                         "domain list, confidence label), organisation (type) and country; develops and "
                         "country edges with predicate, valid date text and confidence label. No statement "
                         "ids, units, bounds, date precision, sources or locators, no checks",
}


# ---- Children: one measurement each, printed as one JSON line ----------------------------------

def child_pandas(path: str, engine: str) -> dict:
    import pandas as pd

    cpu, wall = time.process_time(), time.perf_counter()
    frame = pd.read_csv(path, engine=engine) if engine != "c" else pd.read_csv(path)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu": cpu, "wall": wall, "rows": len(frame)}


def child_networkx(path: str) -> dict:
    import math

    import networkx as nx
    import pandas as pd

    cpu, wall = time.process_time(), time.perf_counter()
    frame = pd.read_csv(path, thousands=",", na_values=["Unknown"])
    read_cpu = time.process_time() - cpu

    def present(value):
        return value is not None and not (isinstance(value, float) and math.isnan(value))

    graph = nx.MultiDiGraph()
    graph.add_nodes_from((name, {"type": "Country"}) for name in COUNTRIES)
    models = frame["Model"].tolist()
    dates = frame["Publication date"].tolist()
    confidences = frame["Confidence"].tolist()
    parameters = frame["Parameters"].tolist()
    compute = frame["Training compute (FLOP)"].tolist()
    domains = frame["Domain"].str.split(",").tolist()
    model_nodes = []
    for model, date, confidence, count, flop, domain in zip(models, dates, confidences, parameters, compute, domains):
        attributes = {"type": "AIModel", "release_date": date}
        if present(count):
            attributes["parameters"] = count
        if present(flop):
            attributes["training_compute"] = flop
        if isinstance(domain, list):
            attributes["domain"] = domain
        if present(confidence):
            attributes["confidence"] = confidence
        model_nodes.append((model, attributes))
    graph.add_nodes_from(model_nodes)

    organizations: dict[str, dict] = {}
    edges = []
    categories = frame["Organization categorization"].fillna("").str.split(",").tolist()
    for model, names, types, date, confidence in zip(models, frame["Organization"].str.split(",").tolist(),
                                                    categories, dates, confidences):
        for i, name in enumerate(names):
            name = name.strip()
            if name not in organizations:
                organizations[name] = {"type": ORGANIZATION_TYPES.get(types[min(i, len(types) - 1)].strip(),
                                                                      "Organization")}
            edges.append((name, model, {"predicate": "develops", "valid": date, "confidence": confidence}))
    for model, country, date, confidence in zip(models, frame["Country"].tolist(), dates, confidences):
        if present(country):
            edges.append((model, country, {"predicate": "country", "valid": date, "confidence": confidence}))
    graph.add_nodes_from(organizations.items())
    graph.add_edges_from(edges)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu": cpu, "wall": wall, "rows": len(frame), "read_cpu": read_cpu,
            "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def run_child(tool: str, path: str) -> int:
    if tool == "pandas c":
        result = child_pandas(path, "c")
    elif tool == "pandas pyarrow":
        result = child_pandas(path, "pyarrow")
    elif tool == "pandas + NetworkX":
        result = child_networkx(path)
    else:
        raise SystemExit(f"unknown child {tool!r}")
    print(json.dumps(result))
    return 0


# ---- The parent ---------------------------------------------------------------------------------

def cpu_sample() -> tuple[int, int]:
    """Total and idle jiffies over all cores."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]


def wait_idle(limit: float, timeout: float) -> float:
    """Waits (at most `timeout` s) for a 3 s window with at most `limit` busy cores; returns the last."""
    deadline = time.monotonic() + timeout
    busy = 0.0
    while True:
        before = cpu_sample()
        time.sleep(3)
        busy = busy_cores(before, cpu_sample(), 3.0)
        if busy <= limit or time.monotonic() >= deadline:
            return busy


def busy_cores(before: tuple[int, int], after: tuple[int, int], seconds: float) -> float:
    total, idle = after[0] - before[0], after[1] - before[1]
    if total <= 0:
        return 0.0
    return (os.cpu_count() or 1) * (total - idle) / total


@dataclass
class Measurement:
    tool: str
    rows: int
    cpu: float          # timed part, inside the child
    wall: float
    process_cpu: float  # the whole child: user + system
    process_wall: float
    peak_rss_mb: float
    load: float
    others: float       # busy cores other than the child, while it ran
    extra: dict = field(default_factory=dict)


def command_for(tool: str, path: Path, rows: int, bench: Path) -> list[str]:
    if tool.startswith("aikg"):
        name = "BM_ReadCsv" if tool == "aikg read" else "BM_Import"
        # One iteration: --benchmark_min_time=0 stops after the first (10^6 is fixed at one).
        return [str(bench), f"--benchmark_filter=^{name}/{rows}/", "--benchmark_min_time=0",
                "--benchmark_format=json"]
    return [sys.executable, str(Path(__file__).resolve()), "--child", tool, "--table", str(path)]


def measure(tool: str, path: Path, rows: int, bench: Path) -> Measurement:
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = cpu_sample()
        start = time.perf_counter()
        child = subprocess.Popen(command_for(tool, path, rows, bench), stdout=out, stderr=err)
        # wait4 gives this child's own rusage: its CPU time and its peak resident set.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        after = cpu_sample()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise SystemExit(f"{tool} failed ({child.returncode}):\n{stderr.decode(errors='replace')[-2000:]}")
    extra: dict = {}
    if tool.startswith("aikg"):
        benchmark = json.loads(stdout)["benchmarks"][0]
        if benchmark.get("error_occurred"):
            raise SystemExit(f"{tool}: {benchmark.get('error_message')}")
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[benchmark["time_unit"]]
        cpu, timed_wall = benchmark["cpu_time"] * scale, benchmark["real_time"] * scale
        extra = {k: benchmark[k] for k in ("iterations", "stmts/row", "peak_MB", "heap_B/row", "peak_B/row")
                 if k in benchmark}
    else:
        result = json.loads(stdout.decode().strip().splitlines()[-1])
        if result["rows"] != rows:
            raise SystemExit(f"{tool} read {result['rows']} rows, not {rows}")
        cpu, timed_wall = result["cpu"], result["wall"]
        extra = {k: v for k, v in result.items() if k not in ("cpu", "wall", "rows")}
    process_cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, busy_cores(before, after, wall) - process_cpu / wall)
    return Measurement(tool, rows, cpu, timed_wall, process_cpu, wall, usage.ru_maxrss * 1024 / 1e6, load, others, extra)


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for module in ("pandas", "pyarrow", "networkx", "numpy"):
        try:
            found[module] = __import__(module).__version__
        except ImportError:
            found[module] = "not installed"
    return found


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPOSITORY), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPOSITORY), "status", "--porcelain", "--untracked-files=no",
                                "libgraph"], capture_output=True, text=True, check=True).stdout.strip()
        return head + (" with uncommitted changes in libgraph/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt_rate(rows: int, seconds: float) -> str:
    rate = rows / seconds
    return f"{rate / 1e6:.2f} M" if rate >= 1e6 else f"{rate / 1e3:.0f} k"


def table(rows: int, measurements: list[Measurement], tools: list[str]) -> list[str]:
    lines = [
        f"### {rows:,} rows".replace(",", " "),
        "",
        "| what | CPU s, min | CPU s, median | wall s, median | rows/s (min CPU) | × pandas c (CPU, min) "
        "| process CPU s, min | peak RSS MB, median | load avg | other busy cores |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    by_tool = {tool: [m for m in measurements if m.tool == tool and m.rows == rows] for tool in tools}
    baseline = min((m.cpu for m in by_tool.get("pandas c", [])), default=None)
    for tool in tools:
        runs = by_tool[tool]
        if not runs:
            continue
        cpus = [m.cpu for m in runs]
        ratio = f"{min(cpus) / baseline:.2f}" if baseline else "—"
        loads = [m.load for m in runs]
        others = [m.others for m in runs]
        lines.append(
            f"| {tool} | {min(cpus):.3f} | {statistics.median(cpus):.3f} | "
            f"{statistics.median(m.wall for m in runs):.3f} | {fmt_rate(rows, min(cpus))} | {ratio} | "
            f"{min(m.process_cpu for m in runs):.2f} | {statistics.median(m.peak_rss_mb for m in runs):.0f} | "
            f"{min(loads):.2f}–{max(loads):.2f} | {min(others):.2f}–{max(others):.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=float, nargs="+", default=[1e6])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="the aikg_bench_import binary")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=TOOLS)
    parser.add_argument("--idle-wait", type=float, default=30.0,
                        help="before each measurement, wait up to this many seconds for an idle machine")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child, args.table)

    tools = list(args.tools)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        tools = [t for t in tools if t != "pandas pyarrow"]
    if not args.bench.exists():
        raise SystemExit(f"{args.bench} is missing: build it with ninja -C build-bench aikg_bench_import")

    measurements: list[Measurement] = []
    started = time.strftime("%Y-%m-%d %H:%M")
    revision = commit()  # at the start: other work may commit while the run goes on
    for rows_float in args.rows:
        rows = int(rows_float)
        path = Path(subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows)], capture_output=True,
                                   text=True, check=True).stdout.strip())
        for rep in range(args.repeat):
            order = tools[rep % len(tools):] + tools[:rep % len(tools)]
            for tool in order:
                idle = wait_idle(0.3, args.idle_wait) if args.idle_wait > 0 else float("nan")
                m = measure(tool, path, rows, args.bench)
                measurements.append(m)
                print(f"{rows} rep {rep + 1} {tool}: cpu {m.cpu:.3f} s, wall {m.wall:.3f} s, process cpu "
                      f"{m.process_cpu:.2f} s, peak {m.peak_rss_mb:.0f} MB, load {m.load:.2f}, others {m.others:.2f}, "
                      f"idle-wait {idle:.2f} {m.extra}", file=sys.stderr, flush=True)

    found = versions()
    lines = [
        "# Table import: aikg against pandas and NetworkX",
        "",
        "Written by `bench/python/import_peers.py` (docs/benchmarks.md, \"Table import (issue 11)\"). "
        f"Run of {started}: `python3 bench/python/import_peers.py "
        + " ".join(sys.argv[1:] if argv is None else argv) + "`.",
        "",
        f"Machine: {machine()}. aikg {revision} at the start of the run (`{args.bench.relative_to(REPOSITORY) if args.bench.is_relative_to(REPOSITORY) else args.bench}`, "
        "Release). " + ", ".join(f"{k} {v}" for k, v in found.items()) + ".",
        "",
        "CPU and wall: the timed part, measured inside each fresh process (Google Benchmark's cpu_time and "
        "real_time; time.process_time and time.perf_counter). Process CPU and peak RSS: the whole child "
        "(os.wait4 rusage), interpreter and imports included. rows/s is rows over the minimum CPU time. "
        f"{args.repeat} repetitions, interleaved, order rotated each round. Load avg: the 1-minute load "
        "average before each run; other busy cores: /proc/stat over the run minus the child's own CPU. "
        "MB = 10^6 bytes.",
        "",
    ]
    for rows_float in args.rows:
        lines += table(int(rows_float), measurements, tools) + [""]
    lines += ["What each side keeps:", ""]
    lines += [f"- **{tool}**: {KEEPS[tool]}" for tool in tools]
    lines += ["", "Every measurement:", "", "| rows | what | CPU s | wall s | process CPU s | peak RSS MB | load | others | details |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for m in measurements:
        details = ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in m.extra.items())
        lines.append(f"| {m.rows} | {m.tool} | {m.cpu:.3f} | {m.wall:.3f} | {m.process_cpu:.2f} | {m.peak_rss_mb:.0f} | "
                     f"{m.load:.2f} | {m.others:.2f} | {details} |")
    args.out.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
