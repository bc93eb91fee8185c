#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test. Exit 0 only if all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j2
