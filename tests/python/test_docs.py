"""The examples in aikg's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

import aikg
import aikg._display
import aikg._errors
import aikg._interop

REPOSITORY = Path(__file__).resolve().parents[2]


def _docstrings() -> Iterator[tuple[str, str]]:
    yield "aikg", aikg.__doc__ or ""
    for module in (aikg._errors, aikg._interop, aikg._display):
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", value.__doc__ or ""
    for name in aikg.__all__:
        value = getattr(aikg, name)
        yield f"aikg.{name}", getattr(value, "__doc__", None) or ""
        if not inspect.isclass(value) or value.__module__ != "aikg._aikg":
            continue
        for member_name, member in vars(value).items():
            doc = getattr(member, "__doc__", None)
            if doc and not member_name.startswith("__"):
                yield f"aikg.{name}.{member_name}", doc


DOCSTRINGS = [(name, doc) for name, doc in _docstrings() if ">>>" in doc]


def test_many_docstrings_have_examples() -> None:
    assert len(DOCSTRINGS) >= 40


@pytest.mark.parametrize(("name", "doc"), DOCSTRINGS, ids=[name for name, _ in DOCSTRINGS])
def test_docstring_examples(name: str, doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPOSITORY)  # the examples load tests/data/tiny.json
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {"aikg": aikg}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
