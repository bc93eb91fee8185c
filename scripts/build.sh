#!/usr/bin/env bash
# Configures and builds aikg (library, CLI, tests, benchmarks) into build/.
#   scripts/build.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAIKG_BUILD_TESTS=ON -DAIKG_BUILD_TOOLS=ON -DAIKG_BUILD_BENCHMARKS=ON "$@"
cmake --build build -j2
