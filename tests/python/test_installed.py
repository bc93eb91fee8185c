"""What `pip install .` puts beside the module: the bundled datasets and mappings, and the
`aikg` command line."""

from __future__ import annotations

import subprocess
import sysconfig
from pathlib import Path

import pytest

import aikg


def test_bundled_datasets_load_wherever_aikg_is_installed() -> None:
    assert aikg.datasets.names() == ["china-ai-2025-09", "tiny"]
    graph = aikg.datasets.load("china-ai-2025-09")
    assert graph.statement_count == 172 and graph.schema is not None and graph.schema.name == "ai-industry"
    assert aikg.datasets.path("china-ai-2025-09").is_file()
    assert set(aikg.datasets.mappings()) >= {"epoch-notable-models", "epoch-all-models", "gpu-specs", "wikidata"}
    with pytest.raises(KeyError, match="there are: china-ai-2025-09"):
        aikg.datasets.load("china-ai-2099")
    with pytest.raises(KeyError, match="no bundled mapping 'epoch'"):
        aikg.datasets.mapping("epoch")


def test_bundled_mappings_import() -> None:
    graph = aikg.datasets.load("china-ai-2025-09")
    table = Path(__file__).resolve().parents[1] / "data" / "import" / "gpu-specs.csv"
    report = graph.import_table(table, aikg.datasets.mapping("gpu-specs"))
    assert report.rows == 30 and report.rows_skipped == 0


def test_the_command_line_comes_with_the_package() -> None:
    command = Path(sysconfig.get_path("scripts")) / "aikg"
    assert command.is_file(), f"pip install . did not install {command}"
    done = subprocess.run([command, "validate", aikg.datasets.path("china-ai-2025-09")],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid: 63 entities, 172 statements, 5 sources")
