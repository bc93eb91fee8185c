#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with Clang, AddressSanitizer and UBSan into
# build-fuzz/, replays every input kept in tests/fuzz/regressions/<target>/, then fuzzes each
# target for a bounded time from its seed corpus (tests/data, the datasets). Exit 0 only if no
# input crashed, leaked, hung or broke an invariant; a finding is saved as
# build-fuzz/artifacts/<target>-crash-<sha1> (docs/reliability.md: make it a regression file).
#   scripts/fuzz.sh [seconds per target, default $AIKG_FUZZ_SECONDS or 25] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${AIKG_FUZZ_SECONDS:-25}}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(json_load snapshot_load query table_import wikidata_import node_link_import jgf_import turtle_import)

flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fsanitize-recover=pointer-overflow"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$flags" -DAIKG_BUILD_FUZZERS=ON -DAIKG_BUILD_TESTS=OFF -DAIKG_BUILD_TOOLS=OFF >/dev/null
cmake --build build-fuzz -j2 --target $(printf '%s_fuzzer ' "${targets[@]}")

# Where each target's seeds come from: inputs of that kind that the tests already use.
declare -A seeds=(
  [json_load]="tests/data datasets"
  [snapshot_load]="tests/fuzz/seeds/snapshot_load"
  [query]="tests/fuzz/seeds/query"
  [table_import]="tests/data/import"
  [wikidata_import]="tests/data/import/wikidata"
  [node_link_import]="tests/data/export/tiny/graph.node-link.json"
  [jgf_import]="tests/data/export/tiny/graph.jgf.json tests/data/export/jgf"
  [turtle_import]="tests/data/export/tiny/graph.ttl tests/data/export/tiny/graph.nt"
)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp}
mkdir -p build-fuzz/artifacts
for target in "${targets[@]}"; do
  fuzzer="build-fuzz/tests/fuzz/${target}_fuzzer"
  if compgen -G "tests/fuzz/regressions/$target/*" >/dev/null; then
    echo "fuzz: $target: replaying tests/fuzz/regressions/$target"
    "$fuzzer" -rss_limit_mb=2048 tests/fuzz/regressions/"$target"/* >"build-fuzz/$target.regressions.log" 2>&1 || {
      tail -n 60 "build-fuzz/$target.regressions.log"
      exit 1
    }
  fi
  # The corpus grows in build-fuzz/corpus/<target> from run to run; the seeds are only read.
  corpus="build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  seed_files=()
  for seed in ${seeds[$target]}; do
    if [[ -d $seed ]]; then
      while IFS= read -r -d '' file; do seed_files+=("$file"); done < <(find "$seed" -maxdepth 1 -type f -print0)
    else
      seed_files+=("$seed")
    fi
  done
  seed_dir="build-fuzz/seeds/$target"
  rm -rf "$seed_dir" && mkdir -p "$seed_dir" && cp "${seed_files[@]}" "$seed_dir"/
  echo "fuzz: $target for ${seconds}s from ${#seed_files[@]} seeds"
  "$fuzzer" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target-" "$corpus" "$seed_dir" \
    >"build-fuzz/$target.log" 2>&1 || {
    tail -n 60 "build-fuzz/$target.log"
    echo "fuzz: $target found a failing input (build-fuzz/artifacts/$target-*): see docs/reliability.md" >&2
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$target.log" | tr '\n' ' '
  echo
done
