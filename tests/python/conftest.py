"""Shared fixtures: the small fixture graph of tests/data and the newsletter dataset.

Run after installing the package (``pip install .``); the tests import the installed ``aikg``.
Tests marked ``slow`` (large synthetic graphs) run in CI; skip them locally with ``-m "not slow"``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aikg

REPOSITORY = Path(__file__).resolve().parents[2]
TEST_DATA = REPOSITORY / "tests" / "data"
TINY = TEST_DATA / "tiny.json"
INVALID = TEST_DATA / "invalid.json"
NEWSLETTER = REPOSITORY / "datasets" / "china-ai-2025-09.json"


def write_more_for_tiny(path: Path) -> Path:
    """Writes at `path` a file to load after tiny.json: a source, the chip org/alibaba develops
    (chip/ascend, "Ascend 910") and that statement (st/more, a claim); returns `path`."""
    document = {
        "format": "aikg-graph/1",
        "schema": str(TEST_DATA / "tiny.schema.json"),
        "sources": [{"id": "src/more", "kind": "report"}],
        "entities": [{"id": "chip/ascend", "type": "Chip", "name": "Ascend 910"}],
        "statements": [
            {"id": "st/more", "subject": "org/alibaba", "predicate": "develops", "object": "chip/ascend",
             "modality": "claim", "sources": [{"source": "src/more"}]}
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny() -> aikg.Graph:
    """tests/data/tiny.json, shared: tests must not load more into it."""
    return aikg.load(TINY)


@pytest.fixture(scope="session")
def newsletter() -> aikg.Graph:
    """The September 2025 newsletter dataset, shared: tests must not load more into it."""
    return aikg.load(NEWSLETTER)
