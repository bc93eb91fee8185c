"""The GIL is released during loads, and reads during a load see the graph before or after it."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

import aikg
from conftest import TEST_DATA, TINY

COMPANIES = 20_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph of the tiny schema with many companies, each located in a new country."""
    path = tmp_path_factory.mktemp("big") / "big.json"
    document = {
        "format": "aikg-graph/1",
        "schema": str(TEST_DATA / "tiny.schema.json"),
        "sources": [{"id": "src/big", "kind": "report", "published": "2025-01"}],
        "entities": [{"id": f"org/c{i}", "type": "Company", "name": f"Company {i}"} for i in range(COMPANIES)]
        + [{"id": f"country/k{i}", "type": "Country", "name": f"Country {i}"} for i in range(COMPANIES)],
        "statements": [
            {"id": f"st/big-{i}", "subject": f"org/c{i}", "predicate": "located_in", "object": f"country/k{i}",
             "modality": "reported", "valid": "2024", "sources": [{"source": "src/big", "locator": f"row {i}"}]}
            for i in range(COMPANIES)
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_load_releases_the_gil(big_file: Path) -> None:
    graph = aikg.Graph()
    thread = threading.Thread(target=graph.load, args=(big_file,))
    start = time.perf_counter()
    thread.start()
    gaps, last = [], time.perf_counter()
    while thread.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        sum(range(200))
    thread.join()
    duration = time.perf_counter() - start
    assert graph.statement_count == COMPANIES
    assert duration > 0.02, "the load is too fast to tell"
    # Holding the GIL for the whole load would stall this thread for about that long.
    assert max(gaps) < duration / 2


def test_reads_during_a_load(big_file: Path) -> None:
    graph = aikg.load(TINY)
    located = graph.view(predicates=["located_in"])
    thread = threading.Thread(target=graph.load, args=(big_file,))
    thread.start()
    counts, view_counts = set(), set()
    while thread.is_alive():
        counts.add(graph.query("MATCH (a)-[r]->(b) RETURN count(r)")[0][0])
        view_counts.add(located.statement_count)
        assert graph.entity("org/deepseek").name == "DeepSeek"
    thread.join()
    assert counts <= {7, 7 + COMPANIES}
    assert view_counts <= {2, 2 + COMPANIES}
    assert graph.query("MATCH (a)-[r]->(b) RETURN count(r)")[0][0] == 7 + COMPANIES
    assert located.statement_count == 2 + COMPANIES


def test_queries_in_parallel(tiny: aikg.Graph) -> None:
    results: list[int] = []

    def run() -> None:
        for _ in range(50):
            results.append(len(tiny.query("MATCH (a)-[r*1..3]-(b) RETURN a, r, b")))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 200 and len(set(results)) == 1
