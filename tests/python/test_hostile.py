"""The hostile-input table (tests/hostile/cases.py, docs/reliability.md): each input gives a clean,
located ValidationError and leaves the graph it was loaded into unchanged.

The same table runs in the CLI tests (``ctest -R cli.hostile``). Cases whose fix is pending (a
part of issue 14 not merged yet) are strict xfails naming that part.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import aikg

from conftest import REPOSITORY, TINY


def _cases_module() -> ModuleType:
    # The table is a plain file shared with CMake, not a package: load it by path.
    spec = importlib.util.spec_from_file_location("hostile_cases", REPOSITORY / "tests" / "hostile" / "cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


CASES = _cases_module()


def _params() -> list[object]:
    return [
        pytest.param(case, id=case.name,
                     marks=[pytest.mark.xfail(strict=True, reason=f"issue 14, {case.pending}")] if case.pending else [])
        for case in CASES.CASES
    ]


def check(name: str, directory: str) -> None:
    """Loads case `name` (written into `directory`) and checks the error and the graph."""
    case = next(case for case in CASES.CASES if case.name == name)
    tmp_path = Path(directory)
    path = CASES.write(case, tmp_path)
    # A case with its own schema goes into an empty graph (the tiny graph has its schema already).
    graph = aikg.Graph() if case.schema is not None else aikg.load(TINY)
    before = tmp_path / "before.json"
    if case.schema is None:
        graph.save(before)
    with pytest.raises(aikg.ValidationError) as error:
        graph.load(path)
    # The error may be located in the case's own schema (<name>.schema.json).
    pattern = re.escape(case.name) + r"(\.schema)?\.json:\d+:\d+: [^\n]*" + case.expect
    assert re.search(pattern, str(error.value)), str(error.value)[:2000]
    assert len(str(error.value)) < 2000, str(error.value)[:2000]
    if case.schema is None:
        after = tmp_path / "after.json"
        graph.save(after)
        assert after.read_bytes() == before.read_bytes()
    else:
        assert (graph.entity_count, graph.statement_count, graph.source_count) == (0, 0, 0)


@pytest.mark.parametrize("case", _params())
def test_hostile_input_is_a_located_error_and_changes_nothing(case: Any, tmp_path: Path) -> None:
    # In a child process: a reader that still crashes on the case (a stack overflow) must fail
    # this test, not end the session.
    child = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('test_hostile', {str(Path(__file__))!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        f"module.check({case.name!r}, {str(tmp_path)!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300,
                            cwd=Path(__file__).parent, check=False)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"


def test_the_table_covers_what_issue_14_lists() -> None:
    names = {case.name for case in CASES.CASES}
    assert {"deep-array", "deep-attribute", "huge-number", "lone-low-surrogate", "bytes-after-nul", "invalid-utf8",
            "long-unknown-id", "circular-relays", "type-parent-cycle", "growth-of-cycle"} <= names
