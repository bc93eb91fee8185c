#!/usr/bin/env bash
# Installs what is needed, builds the aikg command line and runs the main job on the bundled
# dataset: validate the newsletter graph, then print its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
dataset=datasets/china-ai-2025-09.json
build/tools/aikg/aikg validate "$dataset"
build/tools/aikg/aikg summary "$dataset"
