#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test: the C++ suites (CTest, then again
# under ASan+UBSan), the fuzz targets (their kept crash inputs and a short fuzzing run each), then
# the Python module, installed with pip as a user would (with its spark extra), and its tests
# (pytest), which also check the exports with real readers (DuckDB, Kùzu, Spark, ...) and execute
# the example notebook. Exit 0 only if all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j2
# The C++ tests again under AddressSanitizer and UBSan (build-asan/): memory errors, leaks, UB.
scripts/sanitize.sh
# Every libFuzzer target (tests/fuzz, Clang): its kept crash inputs replayed, then 20 s of fuzzing.
scripts/fuzz.sh "${AIKG_FUZZ_SECONDS:-20}"
python3 -m pip install --quiet --disable-pip-version-check ".[test,spark]"
AIKG_CLI="$PWD/build/tools/aikg/aikg" python3 -m pytest tests/python -q
