#!/usr/bin/env bash
# The main job: installs what is needed, builds the aikg command line and the Python package,
# then on the bundled newsletter dataset
#   1. validates it (exit 1 with file:line:col for every problem),
#   2. prints its report (summary, timeline, most central entities, conflicting claims), also
#      saved as report.md,
#   3. writes it in every export format (docs/export.md), the browsable explorer.html among them
#      (docs/explorer.md),
# into out/china-ai-2025-09/ (or $AIKG_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# The Parquet export runs through the Python package (pyarrow; Debian has no Arrow C++).
python3 -m pip install --quiet --disable-pip-version-check ".[parquet]"

aikg=build/tools/aikg/aikg
dataset=datasets/china-ai-2025-09.json
out=${AIKG_OUT:-out/china-ai-2025-09}
mkdir -p "$out"

"$aikg" validate "$dataset"
echo
"$aikg" report "$dataset" | tee "$out/report.md"
echo

declare -A targets=(
  [node-link]=graph.node-link.json [jgf]=graph.jgf.json [cytoscape]=graph.cyjs [graphml]=graph.graphml
  [gexf]=graph.gexf [dot]=graph.dot [timelinejs]=timeline.json [csv]=tables-csv [parquet]=tables-parquet
  [html]=explorer.html
)
for format in node-link jgf cytoscape graphml gexf dot timelinejs csv parquet html; do
  "$aikg" export "$dataset" --format "$format" -o "$out/${targets[$format]}"
  echo "export: $format → $out/${targets[$format]}"
done
