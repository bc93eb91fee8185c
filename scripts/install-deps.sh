#!/usr/bin/env bash
# Installs what aikg needs to build and test, from Debian packages and PyPI only.
# Idempotent: installs nothing when everything is already there. Shared by README and CI.
set -euo pipefail

# default-jre-headless: the Java runtime Spark runs on (tests/python/test_spark.py), Debian's
# default one: OpenJDK 17 on Debian 12, 21 on Debian 13, both of which Spark 4 supports.
debian_packages=(
  g++ cmake ninja-build pkg-config
  libabsl-dev libboost-graph-dev rapidjson-dev libutf8proc-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz
  # The fuzz targets (tests/fuzz, scripts/fuzz.sh): Debian's default clang and its runtime
  # libraries (libFuzzer, ASan, UBSan); the unversioned names exist on Debian 12 and 13.
  clang libclang-rt-dev
  default-jre-headless
  # The explorer's browser tests (tests/python/test_explorer.py): headless Chromium and its
  # driver, used by Selenium without any browser download; a font for the CJK names.
  chromium chromium-driver fonts-wqy-microhei
)

missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_prefix=()
  [[ $(id -u) -eq 0 ]] || sudo_prefix=(sudo)
  "${sudo_prefix[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python packages for tests/python: the real readers of the export formats (test_export_readers.py,
# and for RDF test_rdf.py); NumPy for the arrays of the batched traversal calls (test_traversal.py).
pip_packages=(
  pytest numpy networkx jsonschema types-jsonschema duckdb kuzu selenium rdflib pyoxigraph pyld
)
pip_missing=()
for package in "${pip_packages[@]}"; do
  python3 -m pip show -q "$package" >/dev/null 2>&1 || pip_missing+=("$package")
done
if ((${#pip_missing[@]})); then
  echo "install-deps: installing ${pip_missing[*]} from PyPI"
  python3 -m pip install -q "${pip_missing[@]}"
fi
