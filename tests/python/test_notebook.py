"""Runs examples/notebooks/china_ai_2025.ipynb with nbclient and checks what its cells show."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import REPOSITORY

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = REPOSITORY / "examples" / "notebooks" / "china_ai_2025.ipynb"


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return notebook


def outputs(cell: Any) -> str:
    """The text a cell shows: streams, and the plain text of results and displays."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "\n".join(parts)


def cell_with(notebook: Any, source: str) -> Any:
    matching = [cell for cell in notebook.cells if cell.cell_type == "code" and source in cell.source]
    assert len(matching) == 1, source
    return matching[0]


def test_notebook_runs_without_errors(executed: Any) -> None:
    errors = [outputs(cell) for cell in executed.cells if any(o.output_type == "error" for o in cell.get("outputs", []))]
    assert errors == []


def test_who_builds_which_chips(executed: Any) -> None:
    text = outputs(cell_with(executed, "builders = g.query("))
    assert "Huawei" in text and "Huawei Ascend" in text and "Cambricon Siyuan 590" in text
    counts = outputs(cell_with(executed, 'groupby("builder")'))
    assert counts.splitlines()[1].split() == ["Nvidia", "5"]


def test_export_control_timeline(executed: Any) -> None:
    text = outputs(cell_with(executed, "export_timeline = controls.timeline"))
    assert text.startswith("<aikg.Timeline: 13 entries>")
    assert "st/us-export-controls-2022-h100" in text


def test_refused_comparison_is_shown_with_its_error(executed: Any) -> None:
    text = outputs(cell_with(executed, "except aikg.ValidationError as error"))
    assert text.startswith("refused: ")
    assert "different metrics" in text and "registered_users" in text


def test_single_source_claims(executed: Any) -> None:
    text = outputs(cell_with(executed, "conflicts = g.conflicts()"))
    assert "0 conflicts" in text
    assert "169 of 172 statements rest on a single source" in text


def test_pagerank_table(executed: Any) -> None:
    cell = cell_with(executed, "rank = ecosystem.pagerank()")
    text = outputs(cell)
    assert "top: Nvidia AI chips" in text
    table = [output for output in cell.outputs if output.output_type == "execute_result"][0]
    first_row = table.data["text/plain"].splitlines()[1].split()
    assert first_row[:2] == ["0", "chip/nvidia-ai-chips"]
    assert "<table" in table.data["text/html"]


def test_plots_and_drawing_show_inline(executed: Any) -> None:
    plot = cell_with(executed, "timeline().plot(group_by=\"entity\")")
    assert any("image/png" in output.get("data", {}) for output in plot.outputs)
    drawing = cell_with(executed, 'huawei = g.ego("org/huawei")')
    shown = [output for output in drawing.outputs if output.output_type == "execute_result"][0]
    svg = shown.data.get("image/svg+xml", "")
    assert "<svg" in svg and "Huawei" in svg and "Huawei Ascend" in svg


def test_a_public_table_joins_the_newsletter(executed: Any) -> None:
    links = outputs(cell_with(executed, "joined.reconcile(models_table, mapping)"))
    assert "Alibaba Group" in links and "alias" in links
    report = outputs(cell_with(executed, "report = joined.import_table(models_table, mapping)"))
    assert report.startswith("<ImportReport: 30 of 30 rows imported, 0 skipped; 40 entities created, 14 matched")
    compute = outputs(cell_with(executed, "v.amount AS flop"))
    assert "DeepSeek-V3" in compute and "Qwen2.5-72B" in compute and "Pangu Ultra" in compute
    plot = cell_with(executed, 'ax.set_ylabel("training compute (FLOP)")')
    assert any("image/png" in output.get("data", {}) for output in plot.outputs)
