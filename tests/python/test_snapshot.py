"""Binary snapshots from Python and the command line (docs/snapshot.md)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import aikg
from conftest import NEWSLETTER, REPOSITORY, TINY


def test_save_and_load_choose_the_format_by_extension(newsletter: aikg.Graph, tmp_path: Path) -> None:
    newsletter.save(tmp_path / "graph.aikgb")
    newsletter.save(tmp_path / "graph.json")
    assert (tmp_path / "graph.aikgb").read_bytes()[:5] == b"\x89AIKG"
    assert (tmp_path / "graph.json").read_bytes().startswith(b"{")
    again = aikg.load(tmp_path / "graph.aikgb")
    assert again.statement_count == newsletter.statement_count
    assert again.entity("DeepSeek").id == newsletter.entity("DeepSeek").id
    # The same canonical JSON, hence the same graph.
    assert again.to_json(tmp_path) == (tmp_path / "graph.json").read_text(encoding="utf-8")


def test_a_damaged_snapshot_is_refused_and_changes_nothing(tiny: aikg.Graph, tmp_path: Path) -> None:
    path = tmp_path / "tiny.aikgb"
    tiny.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(aikg.ValidationError, match=r"tiny\.aikgb: truncated") as raised:
        aikg.load(path)
    assert raised.value.diagnostics[0].file == str(path)
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 1
    path.write_bytes(bytes(damaged))
    graph = aikg.Graph()
    with pytest.raises(aikg.ValidationError, match="checksum mismatch"):
        graph.load(path)
    assert graph.statement_count == 0


def test_a_snapshot_loads_alone_into_an_empty_graph(tiny: aikg.Graph, tmp_path: Path) -> None:
    tiny.save(tmp_path / "tiny.aikgb")
    with pytest.raises(aikg.ValidationError, match="must be loaded alone"):
        aikg.load(tmp_path / "tiny.aikgb", TINY)
    graph = aikg.load(TINY)
    with pytest.raises(aikg.Error, match="not empty"):
        graph.load(tmp_path / "tiny.aikgb")
    assert graph.statement_count == 14


def test_the_cli_converts_to_and_reads_snapshots(tmp_path: Path) -> None:
    cli = Path(os.environ.get("AIKG_CLI", REPOSITORY / "build" / "tools" / "aikg" / "aikg"))
    if not cli.is_file():
        pytest.skip(f"no aikg command line at {cli}")
    subprocess.run([cli, "convert", NEWSLETTER, "-o", tmp_path / "graph.aikgb"], check=True)
    subprocess.run([cli, "convert", tmp_path / "graph.aikgb", "-o", tmp_path / "graph.json"], check=True)
    subprocess.run([cli, "convert", NEWSLETTER, "-o", tmp_path / "direct.json"], check=True)
    assert (tmp_path / "graph.json").read_bytes() == (tmp_path / "direct.json").read_bytes()
    summaries = [
        subprocess.run([cli, "summary", path, "--format", "json"], check=True, capture_output=True).stdout
        for path in (NEWSLETTER, tmp_path / "graph.aikgb")
    ]
    assert summaries[0] == summaries[1]
    (tmp_path / "cut.aikgb").write_bytes((tmp_path / "graph.aikgb").read_bytes()[:100])
    done = subprocess.run([cli, "validate", tmp_path / "cut.aikgb"], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{tmp_path / 'cut.aikgb'}: truncated: 100 of" in done.stderr
