"""How fast the explorer page (aikg export --format html) opens and searches in Chromium.

    python3 bench/python/explorer_bench.py GRAPH.json... [--runs 5] [--keep DIR]

For each graph: exports the page with the aikg package, then, in Debian's headless Chromium
(driven by Selenium with the system chromedriver), opens it `--runs` times and reports the
median time from the start of navigation until the first view is drawn (the page's own
`aikgExplorer.readyAt`), then the median time of a search for each query (exact, prefix and
fuzzy, run in the page). Generate big graphs with `aikg_generate --statements 1e5 --out FILE`
(docs/benchmarks.md). Results go to docs/benchmarks.md, "Explorer".
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aikg

QUERIES = ["china", "net", "netherlnds", "deepsek", "a"]


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graphs", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="keep the pages in this directory")
    arguments = parser.parse_args()
    directory = Path(arguments.keep or tempfile.mkdtemp(prefix="aikg-explorer-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    driver = _driver()
    try:
        for source in arguments.graphs:
            graph = aikg.load(source)
            page = directory / (Path(source).stem + ".html")
            started = time.perf_counter()
            graph.export(page, format="html")
            export_seconds = time.perf_counter() - started
            opened = []
            for _ in range(arguments.runs):
                driver.get("about:blank")
                driver.get(page.as_uri())
                opened.append(driver.execute_script("return window.aikgExplorer.readyAt"))
            names = driver.execute_script("return window.aikgExplorer.entities.length")
            searches = {}
            for query in QUERIES:
                times = driver.execute_script(
                    "const times = []; for (let i = 0; i < arguments[1]; i++) {"
                    " const t = performance.now(); window.aikgExplorer.search(arguments[0], 12);"
                    " times.push(performance.now() - t); } return times",
                    query, arguments.runs)  # fmt: skip
                searches[query] = statistics.median(times)
            print(f"{source}: {graph.statement_count} statements, {names} entities; page {page.stat().st_size / 1e6:.1f} MB,"
                  f" export {export_seconds:.2f} s; opened in {statistics.median(opened):.0f} ms"
                  f" (median of {arguments.runs}, {min(opened):.0f}–{max(opened):.0f});"
                  " search " + ", ".join(f"'{q}' {t:.0f} ms" for q, t in searches.items()))  # fmt: skip
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
