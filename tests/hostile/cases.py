"""Hostile inputs: graph files (and schemas) built to break a reader, with what each must give.

One table, run by two suites: the CLI tests (tests/cli, which run this file at configure time to
write the inputs and a manifest) and the Python tests (tests/python/test_hostile.py, which
import it). Every case must end in a clean error located in the file (``file:line:col``) whose
text matches ``expect``, and a graph it was loaded into must be left as it was. Errors quote at
most 80 bytes of a text (ids, member names), so each stays short.

A case whose fix belongs to work not merged yet names it in ``pending`` (issue 14's item): the
suites then expect it to fail (pytest ``xfail(strict=True)``, CTest ``WILL_FAIL``), so the one
who merges the fix flips it by clearing ``pending``.

    python3 tests/hostile/cases.py OUT_DIR   # writes the inputs and OUT_DIR/manifest.tsv
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

TINY_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "tiny.schema.json"

# Deep enough to overflow a recursive reader's stack (issue 14, item 1: 50 000 crashed the CLI in
# some builds, 10^6 crashes every build).
DEPTH = 1_000_000


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    # The graph file's bytes; "{schema}" is replaced by the schema's path.
    graph: bytes
    # What the error must match after "<file>:<line>:<col>: ": a regular expression that both
    # Python and CMake read (groups and alternatives; no flags).
    expect: str
    # A schema written beside the graph (``<name>.schema.json``) instead of tests/data's tiny one.
    schema: bytes | None = None
    # Issue 14's item whose fix this case waits for; empty when it must pass now.
    pending: str = ""


def _document(members: str, schema: str = "{schema}") -> bytes:
    return ('{"format": "aikg-graph/1", "schema": "' + schema + '",\n' + members + "\n}\n").encode()


def _entity(members: str) -> str:
    return '"entities": [\n  {"id": "h/x", "type": "Company", "name": "X"' + members + "}\n]"


_SOURCES = '"sources": [\n  {"id": "h/a", "kind": "newsletter", "via": "h/b"},\n  {"id": "h/b", "kind": "newsletter", "via": "h/a"}\n]'

_VALID = _document(_entity(""))


def _schema_with(types: list[dict], predicates: list[dict]) -> bytes:
    schema = json.loads(TINY_SCHEMA.read_text(encoding="utf-8"))
    schema["entity_types"] += types
    schema["predicates"] += predicates
    return (json.dumps(schema, indent=1) + "\n").encode()


CASES = [
    Case("deep-array", b"[" * DEPTH + b"]" * DEPTH, r"(nest|deep|depth)"),
    Case("deep-attribute", _document(_entity(', "attributes": {"ticker": ' + "[" * DEPTH + "]" * DEPTH + "}")),
         r"(nest|deep|depth)"),
    Case("huge-number", _document(_entity(', "attributes": {"margin": 1.7976931348623157e309}')),
         r"(range|large|overflow|too big)"),
    Case("tiny-number", _document(_entity(', "attributes": {"margin": 1e-400}')), r"too small .*would become 0"),
    Case("lone-low-surrogate", _document(_entity("").replace('"X"', '"\\udc00"')), r"surrogate"),
    Case("lone-high-surrogate", _document(_entity("").replace('"X"', '"\\ud800 "')), r"surrogate"),
    # One byte order mark opening the file is accepted (tests/cpp/core/json_errors_test.cc); any
    # other is named.
    Case("byte-order-mark-not-first", b"\n\xef\xbb\xbf" + _VALID, r"byte order mark \(U\+FEFF\) may only open the file"),
    Case("second-byte-order-mark", b"\xef\xbb\xbf\xef\xbb\xbf" + _VALID, r"byte order mark"),
    Case("bytes-after-nul", _VALID + b"\0 garbage {{{", r"(after|trailing|end|NUL)"),
    Case("invalid-utf8", _document(_entity("")).replace(b'"X"', b'"X\xff\xfe"'), r"(UTF-8|encoding)"),
    Case("nul-in-string", _document(_entity("")).replace(b'"X"', b'"X\0Y"'), r"(control|invalid|character)"),
    Case("long-unknown-id",
         _document('"sources": [{"id": "h/src", "kind": "newsletter"}],\n"statements": [{"id": "h/s", "subject": "' +
                   "x" * 200_000 + '", "predicate": "slogan", "value": {"text": "t"}, "modality": "reported", '
                   '"sources": [{"source": "h/src"}]}]'),
         r"unknown entity 'x+…' \(200000 bytes\) \(at /statements/0/subject\)"),
    Case("long-member-name", _document(_entity(', "' + "y" * 200_000 + '": 1')),
         r"unknown member 'y+…' \(200000 bytes\) \(at /entities/0/y+…\)"),
    Case("circular-relays", _document(_SOURCES), r"relays itself"),
    Case("type-parent-cycle", _document(_entity(""), schema="type-parent-cycle.schema.json"),
         r"its own ancestor",
         schema=_schema_with([{"name": "Lab", "parent": "Unit"}, {"name": "Unit", "parent": "Lab"}], [])),
    Case("growth-of-cycle", _document(_entity(""), schema="growth-of-cycle.schema.json"), r"cycle",
         schema=_schema_with([], [
             {"name": "a_growth", "domain": ["Company"], "range": "quantity", "units": ["percent"], "growth_of": "b_growth"},
             {"name": "b_growth", "domain": ["Company"], "range": "quantity", "units": ["percent"], "growth_of": "a_growth"},
         ])),
]


def write(case: Case, directory: Path) -> Path:
    """Writes `case`'s files into `directory` and returns the graph file's path."""
    schema = TINY_SCHEMA.as_posix()
    if case.schema is not None:
        (directory / f"{case.name}.schema.json").write_bytes(case.schema)
        schema = f"{case.name}.schema.json"
    path = directory / f"{case.name}.json"
    path.write_bytes(case.graph.replace(b"{schema}", schema.encode()))
    return path


def main(out: str) -> None:
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    rows = []
    for case in CASES:
        path = write(case, directory)
        rows.append("\t".join([case.name, str(path), case.expect, case.pending]))
    (directory / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
