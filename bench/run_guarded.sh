#!/usr/bin/env bash
# Runs the load/save benchmarks on a shared machine, keeping only the runs during which the
# machine did nothing else. This is how the tables of docs/benchmarks.md were taken.
#
# Each group waits for 20 s with less than 0.15 busy cores (from /proc/stat), then runs. The run is
# kept only if the whole machine averaged at most 1.15 busy cores while it ran (the benchmark
# itself uses one). Runs are repeated until RUNS are kept, for at most an hour. The kept runs are
# appended to OUT; a log of the kept and rejected runs goes to OUT.log. Summarise OUT (median and
# range per benchmark) yourself.
#
# Usage: bench/run_guarded.sh [BUILD_DIR] [RUNS] [OUT]
#        (defaults: build-bench at the project root, 5, $AIKG_BENCH_DATA/guarded.txt)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
runs="${2:-5}"
data="${AIKG_BENCH_DATA:-${TMPDIR:-/tmp}/aikg-bench}"
out="${3:-$data/guarded.txt}"
bench="$build/bench/aikg_bench_load_save"
mkdir -p "$data"

# "total idle" jiffies over all cores.
sample() { awk '/^cpu /{idle = $5 + $6; total = 0; for (i = 2; i <= NF; ++i) total += $i; print total, idle}' /proc/stat; }
# Busy cores between two samples.
busy_cores() {
  awk -v a="$1" -v b="$2" -v cores="$(nproc)" 'BEGIN {
    split(a, x, " "); split(b, y, " "); dt = y[1] - x[1]; di = y[2] - x[2]
    printf "%.2f", dt <= 0 ? 0 : cores * (dt - di) / dt }'
}
at_most() { awk -v v="$1" -v limit="$2" 'BEGIN { exit !(v <= limit) }'; }
wait_idle() {
  while true; do
    local before after
    before=$(sample); sleep 20; after=$(sample)
    at_most "$(busy_cores "$before" "$after")" 0.15 && return
  done
}

# The datasets must exist before the guarded runs (their generation is not measured).
"$bench" --benchmark_filter='BM_ToJsonString/10000/' >/dev/null 2>&1

deadline=$(( $(date +%s) + 3600 ))
for group in 'BM_Load/(10000|100000)/' 'BM_Load/1000000/' 'BM_Save/' 'BM_ToJsonString/' 'python'; do
  kept=0
  attempt=0
  while (( kept < runs )) && (( $(date +%s) < deadline )); do
    wait_idle
    attempt=$((attempt + 1))
    before=$(sample)
    if [[ "$group" == python ]]; then
      result=$(python3 -c 'import json,sys,time; t=time.perf_counter(); d=json.load(open(sys.argv[1],"rb")); print("json.load", len(d["statements"]), "%.3f s" % (time.perf_counter()-t))' \
               "$data/synthetic-v1-n1000000.json")
    else
      result=$("$bench" --benchmark_filter="$group" 2>/dev/null | grep '^BM_')
    fi
    busy=$(busy_cores "$before" "$(sample)")
    if ! at_most "$busy" 1.15; then
      echo "$group: attempt $attempt rejected ($busy busy cores)" >> "$out.log"
      continue
    fi
    kept=$((kept + 1))
    echo "$group: run $kept kept (attempt $attempt, $busy busy cores)" >> "$out.log"
    echo "$result" >> "$out"
  done
done
echo "kept runs in $out, log in $out.log"
