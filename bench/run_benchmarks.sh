#!/usr/bin/env bash
# Builds the benchmarks and produces the numbers of docs/benchmarks.md:
#   - the machine and compiler;
#   - aikg_generate at 10^6 statements, with --check (aikg loads it and saves the same bytes);
#   - aikg_bench_load_save (load, save, in-memory serialisation at 10^4, 10^5, 10^6);
#   - for context, Python's json.load of the same 10^6 file (a parse only, no typed graph).
#
# Usage: bench/run_benchmarks.sh [BUILD_DIR]   (default: build-bench at the project root)
# Environment: AIKG_BENCH_DATA (dataset cache, default $TMPDIR/aikg-bench or /tmp/aikg-bench),
#              AIKG_BENCH_HUGE=1 (also load 10^7 statements and generate them first).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
data="${AIKG_BENCH_DATA:-${TMPDIR:-/tmp}/aikg-bench}"
mkdir -p "$data"

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo
grep MemTotal /proc/meminfo
uname -srm
"${CXX:-c++}" --version | head -1

echo "== build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIKG_BUILD_BENCHMARKS=ON \
      -DAIKG_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" -j2 aikg_generate aikg_bench_load_save >/dev/null

echo "== generator"
"$build/bench/aikg_generate" --statements 1e6 --out "$data/generated-n1000000.json" --check
if [[ "${AIKG_BENCH_HUGE:-0}" == 1 ]]; then
  "$build/bench/aikg_generate" --statements 1e7 --out "$data/generated-n10000000.json"
  rm -f "$data/generated-n10000000.json"
fi
rm -f "$data/generated-n1000000.json"

echo "== load and save"
# Three repetitions; the table in docs/benchmarks.md gives the medians.
"$build/bench/aikg_bench_load_save" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_out="$data/load_save.json" --benchmark_out_format=json

echo "== python json.load (parse only, for context)"
file="$data/synthetic-v1-n1000000.json"
python3 --version
python3 - "$file" <<'EOF'
import json, os, sys, time
path = sys.argv[1]
best = None
for _ in range(3):
    start = time.perf_counter()
    with open(path, "rb") as f:
        document = json.load(f)
    seconds = time.perf_counter() - start
    best = seconds if best is None else min(best, seconds)
    n = len(document["statements"])
    del document
print(f"json.load: {n} statements, {os.path.getsize(path) / 1e6:.1f} MB in {best:.2f} s (best of 3): "
      f"{n / best / 1e3:.0f}k statements/s, {os.path.getsize(path) / 1e6 / best:.1f} MB/s")
EOF
