"""The checked-in stubs are those of the module, and the package is typed."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import aikg
from conftest import REPOSITORY

SCRIPT = REPOSITORY / "scripts" / "check_stubs.py"
TYPED_USAGE = Path(__file__).with_name("typed_usage.py")


def test_package_ships_stubs_and_marker() -> None:
    package = Path(aikg.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_aikg.pyi").exists()


def test_stubs_match_the_module() -> None:
    if importlib.util.find_spec("pybind11_stubgen") is None:
        pytest.skip("pybind11-stubgen is not installed (pip install '.[test]')")
    check = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_stubs_type_check_real_use(tmp_path: Path) -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install '.[test]')")
    env_path = str(REPOSITORY / "bindings" / "python")
    check = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11",
         "--no-error-summary", "--cache-dir", str(tmp_path), TYPED_USAGE.name],
        capture_output=True, text=True, env={**os.environ, "MYPYPATH": env_path}, cwd=TYPED_USAGE.parent,
    )  # fmt: skip
    # Only errors in typed_usage.py: the stubs name os.PathLike without its type argument, as
    # pybind11 writes it, which --strict would report in the stubs themselves.
    errors = [
        line for line in check.stdout.splitlines() if line.startswith(f"{TYPED_USAGE.name}:") and ": error:" in line
    ]
    # typed_usage.py marks each line that must be rejected with "# rejected".
    rejected = {
        number for number, line in enumerate(TYPED_USAGE.read_text(encoding="utf-8").splitlines(), 1)
        if line.rstrip().endswith("# rejected")
    }  # fmt: skip
    reported = {int(line.split(":")[1]) for line in errors}
    assert reported == rejected, check.stdout + check.stderr


def test_package_and_tests_type_check(tmp_path: Path) -> None:
    """mypy --strict over the package's own Python and the tests, as configured in pyproject.toml."""
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install '.[test]')")
    check = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path)],
        capture_output=True, text=True, cwd=REPOSITORY,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
