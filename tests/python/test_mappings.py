"""The shipped table mappings (datasets/mappings) against their JSON Schema, the ontology and their fixtures.

These tests read JSON and CSV only: they do not need the compiled module.
"""

from __future__ import annotations

import copy
import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
MAPPINGS = REPOSITORY / "datasets" / "mappings"
TABLE_MAPPING_SCHEMA = MAPPINGS / "mapping.schema.json"
WIKIDATA_MAPPING_SCHEMA = MAPPINGS / "wikidata-mapping.schema.json"
ONTOLOGY = REPOSITORY / "datasets" / "ai-industry.schema.json"
IMPORT_DATA = REPOSITORY / "tests" / "data" / "import"
IMPORT_DOC = REPOSITORY / "docs" / "import.md"
TABLE_FORMAT = "aikg-mapping/1"

# Each shipped table mapping and the fixture laid out as the table it reads.
FIXTURES = {
    "epoch-notable-models.json": "epoch-layout-a.csv",
    "epoch-all-models.json": "epoch-layout-b.csv",
    "gpu-specs.json": "gpu-specs.csv",
}
BAD_ROWS = IMPORT_DATA / "bad-rows.csv"
BAD_ROWS_MAPPING = "epoch-notable-models.json"

# Template names that are not columns (docs/import.md, Templates).
TEMPLATE_KEYWORDS = frozenset({"value", "row", "line"})
TEMPLATE_FIELD = re.compile(r"\{([^{}]*)\}")
SLUG_OF = re.compile(r"slug\((.*)\)")
VALUE_KINDS = ("quantity", "text", "date", "boolean")


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def _mapping_files() -> list[Path]:
    return sorted(path for path in MAPPINGS.glob("*.json") if not path.name.endswith(".schema.json"))


def _table_mapping_files() -> list[Path]:
    return [path for path in _mapping_files() if _load_json(path).get("format") == TABLE_FORMAT]


def _schema_for(format_name: object) -> Path | None:
    """The JSON Schema that checks mappings of `format_name`, or None when there is none."""
    if format_name == TABLE_FORMAT:
        return TABLE_MAPPING_SCHEMA
    for path in sorted(MAPPINGS.glob("*.schema.json")):
        declared = _load_json(path).get("properties", {}).get("format", {})
        if declared.get("const") == format_name or format_name in declared.get("enum", []):
            return path
    return WIKIDATA_MAPPING_SCHEMA if WIKIDATA_MAPPING_SCHEMA.exists() else None


def _validator(schema_path: Path) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_load_json(schema_path))


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return next(csv.reader(file))


def _records(path: Path) -> list[tuple[int, list[str]]]:
    """The data rows of a CSV file, each with the line it starts on (the header is line 1)."""
    rows: list[tuple[int, list[str]]] = []
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        next(reader)
        start = reader.line_num + 1
        for record in reader:
            rows.append((start, record))
            start = reader.line_num + 1
    return rows


def _template_columns(template: str) -> Iterator[str]:
    """The columns a template reads: {Column} and {slug(Column)}, not {value}, {row}, {line} or {{ }}."""
    for field in TEMPLATE_FIELD.findall(template.replace("{{", "").replace("}}", "")):
        slug = SLUG_OF.fullmatch(field)
        name = slug.group(1) if slug else field
        if name not in TEMPLATE_KEYWORDS:
            yield name


def _columns_read(node: Any, top_level: bool = True) -> Iterator[str]:
    """Every column a mapping reads: `column` members and the columns of its templates."""
    if isinstance(node, dict):
        for key, value in node.items():
            if top_level and key in ("format", "name", "description", "missing", "csv"):
                continue  # not templates
            if key == "column" and isinstance(value, str):
                yield value
            else:
                yield from _columns_read(value, top_level=False)
    elif isinstance(node, list):
        for item in node:
            yield from _columns_read(item, top_level=False)
    elif isinstance(node, str):
        yield from _template_columns(node)


class Ontology:
    """The names datasets/ai-industry.schema.json declares."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.parents: dict[str, str | None] = {t["name"]: t.get("parent") for t in schema["entity_types"]}
        self.units: set[str] = {u["name"] for u in schema["units"]}
        self.predicates: dict[str, dict[str, Any]] = {p["name"]: p for p in schema["predicates"]}

    def is_a(self, type_name: str, ancestor: str) -> bool:
        current: str | None = type_name
        while current is not None:
            if current == ancestor:
                return True
            current = self.parents.get(current)
        return False

    def fits(self, type_name: str, allowed: list[str] | None) -> bool:
        return allowed is None or any(self.is_a(type_name, a) for a in allowed)


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology(_load_json(ONTOLOGY))


def _entity_types(rule: dict[str, Any]) -> list[str]:
    """Every type an entity rule may give."""
    kind = rule["type"]
    if isinstance(kind, str):
        return [kind]
    types = list(kind["map"].values())
    if "default" in kind:
        types.append(kind["default"])
    return types


# ---- the schema itself ---------------------------------------------------------------------------


def test_mapping_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = _load_json(TABLE_MAPPING_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_shipped_table_mappings_are_there() -> None:
    assert {path.name for path in _table_mapping_files()} >= set(FIXTURES)


@pytest.mark.parametrize("path", _mapping_files(), ids=lambda path: path.name)
def test_mapping_matches_its_schema(path: Path) -> None:
    mapping = _load_json(path)
    schema = _schema_for(mapping.get("format"))
    if schema is None:
        pytest.skip(f"no JSON Schema for format {mapping.get('format')!r}")
    errors = sorted(_validator(schema).iter_errors(mapping), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{path.name}#/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_the_example_of_docs_import_md_matches_the_schema() -> None:
    blocks = re.findall(r"```json\n(.*?)```", IMPORT_DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    examples = [json.loads(block) for block in blocks if f'"format": "{TABLE_FORMAT}"' in block]
    assert examples, "docs/import.md has no complete mapping example"
    for example in examples:
        _validator(TABLE_MAPPING_SCHEMA).validate(example)


# ---- what the schema rejects ---------------------------------------------------------------------


def _epoch_mapping() -> dict[str, Any]:
    mapping: dict[str, Any] = _load_json(MAPPINGS / "epoch-notable-models.json")
    return mapping


def _messages(error: jsonschema.ValidationError) -> Iterator[str]:
    yield error.message
    for inner in error.context or []:
        yield from _messages(inner)


def _rejection_messages(mapping: dict[str, Any]) -> list[str]:
    return [message for error in _validator(TABLE_MAPPING_SCHEMA).iter_errors(mapping) for message in _messages(error)]


@pytest.mark.parametrize(
    ("where", "typo"),
    [
        ((), "statement"),
        (("entities", "organization"), "colum"),
        (("entities", "organization", "type"), "defualt"),
        (("statements", 9, "quantity"), "units"),
        (("source",), "publihser"),
        (("confidence",), "maps"),
    ],
    ids=["top-level", "entity", "entity-type", "quantity", "source", "confidence"],
)
def test_schema_rejects_a_typo_d_member(where: tuple[str | int, ...], typo: str) -> None:
    mapping = _epoch_mapping()
    node: Any = mapping
    for step in where:
        node = node[step]
    node[typo] = copy.deepcopy(next(iter(node.values())))
    messages = _rejection_messages(mapping)
    assert any(f"'{typo}' was unexpected" in message for message in messages), messages


def test_schema_rejects_a_statement_with_two_values() -> None:
    mapping = _epoch_mapping()
    mapping["statements"][0]["text"] = {"column": "Domain"}  # an object and a text
    assert _rejection_messages(mapping)


def test_schema_rejects_a_statement_without_a_value() -> None:
    mapping = _epoch_mapping()
    del mapping["statements"][0]["object"]
    assert _rejection_messages(mapping)


@pytest.mark.parametrize(
    ("member", "bad"),
    [
        ("format", "aikg-mapping/2"),
        ("modality", "rumour"),
        ("confidence", 1.5),
        ("valid", {"column": "Publication date", "fromat": "%Y"}),
        ("valid", {}),
    ],
)
def test_schema_rejects_a_bad_top_level_value(member: str, bad: object) -> None:
    mapping = _epoch_mapping()
    mapping[member] = bad
    assert _rejection_messages(mapping)


def test_schema_rejects_a_bad_bound_and_scale() -> None:
    mapping = _epoch_mapping()
    quantity = mapping["statements"][9]["quantity"]
    quantity["bound"] = "roughly"
    quantity["scale"] = 0
    messages = _rejection_messages(mapping)
    assert len(messages) >= 2, messages


def test_schema_requires_a_source() -> None:
    mapping = _epoch_mapping()
    del mapping["source"], mapping["row_source"]
    assert _rejection_messages(mapping)


def test_schema_requires_an_id_unless_the_rule_only_finds() -> None:
    mapping = _epoch_mapping()
    del mapping["entities"]["country"]["id"]  # "create": false: finding by name is enough
    assert not _rejection_messages(mapping)
    del mapping["entities"]["hardware"]["id"]
    assert _rejection_messages(mapping)


# ---- the mappings against the ontology -----------------------------------------------------------


@pytest.mark.parametrize("path", _table_mapping_files(), ids=lambda path: path.name)
def test_mapping_uses_only_names_of_the_ontology(path: Path, ontology: Ontology) -> None:
    mapping = _load_json(path)
    problems: list[str] = []
    for key, rule in mapping["entities"].items():
        problems += [f"entities/{key}: unknown type {t!r}" for t in _entity_types(rule) if t not in ontology.parents]
    for index, rule in enumerate(mapping["statements"]):
        where = f"statements/{index}"
        predicate = ontology.predicates.get(rule["predicate"])
        if predicate is None:
            problems.append(f"{where}: unknown predicate {rule['predicate']!r}")
            continue
        for role in ("subject", "object"):
            if role in rule and rule[role] not in mapping["entities"]:
                problems.append(f"{where}: {role} {rule[role]!r} is not an entity key")
        value_range = predicate.get("range")
        if "object" in rule:
            if not isinstance(value_range, list):
                problems.append(f"{where}: {rule['predicate']} takes a {value_range}, not an object")
        else:
            kind = next(kind for kind in VALUE_KINDS if kind in rule)
            if value_range != kind:
                problems.append(f"{where}: {rule['predicate']} takes {value_range}, not a {kind}")
            if kind == "quantity":
                unit = rule["quantity"]["unit"]
                if unit not in ontology.units:
                    problems.append(f"{where}: unknown unit {unit!r}")
                elif unit not in predicate.get("units", []):
                    problems.append(f"{where}: {rule['predicate']} does not allow unit {unit!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", _table_mapping_files(), ids=lambda path: path.name)
def test_mapping_respects_domains_and_ranges(path: Path, ontology: Ontology) -> None:
    mapping = _load_json(path)
    problems: list[str] = []
    for index, rule in enumerate(mapping["statements"]):
        predicate = ontology.predicates.get(rule["predicate"])
        entities = mapping["entities"]
        if predicate is None or rule["subject"] not in entities:
            continue  # reported by test_mapping_uses_only_names_of_the_ontology
        for kind in _entity_types(entities[rule["subject"]]):
            if not ontology.fits(kind, predicate.get("domain")):
                problems.append(f"statements/{index}: a {kind} cannot be the subject of {rule['predicate']}")
        if "object" in rule and rule["object"] in entities and isinstance(predicate.get("range"), list):
            for kind in _entity_types(entities[rule["object"]]):
                if not ontology.fits(kind, predicate["range"]):
                    problems.append(f"statements/{index}: a {kind} cannot be the object of {rule['predicate']}")
    assert not problems, "\n".join(problems)


# ---- the mappings against their fixtures ---------------------------------------------------------


@pytest.mark.parametrize(
    ("mapping_name", "table_name"),
    [*FIXTURES.items(), (BAD_ROWS_MAPPING, BAD_ROWS.name)],
)
def test_every_column_the_mapping_reads_is_in_the_fixture_header(mapping_name: str, table_name: str) -> None:
    header = _header(IMPORT_DATA / table_name)
    columns = set(_columns_read(_load_json(MAPPINGS / mapping_name)))
    assert columns, "the mapping reads no column"
    assert sorted(columns - set(header)) == []


def test_fixtures_are_rectangular_and_about_thirty_rows() -> None:
    for table_name in [*FIXTURES.values(), BAD_ROWS.name]:
        path = IMPORT_DATA / table_name
        width = len(_header(path))
        rows = _records(path)
        assert all(len(cells) == width for _, cells in rows), table_name
        if table_name != BAD_ROWS.name:
            assert 25 <= len(rows) <= 40, table_name


def test_fixtures_keep_their_messy_features() -> None:
    raw = {name: (IMPORT_DATA / name).read_bytes() for name in FIXTURES.values()}
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values()), "a UTF-8 BOM"
    assert any(data.count(b"\n") == data.count(b"\r\n") > 0 for data in raw.values()), "a file CRLF throughout"
    cells = [cell for name in FIXTURES.values() for _, row in _records(IMPORT_DATA / name) for cell in row]
    assert any("\n" in cell for cell in cells), "a quoted line break"
    assert any("," in cell and " " in cell for cell in cells), "a quoted separator"
    assert any('"' in cell for cell in cells), "a doubled quote"
    for written in ["Multimodal,Language", "Google DeepMind,Google", "Unknown", "", "1.0692e+25", "135000000000.0",
                    "1,024", "2025-04-10", "2025-04", "2025", "2024-Q3", "6/5/00"]:
        assert written in cells, written


def test_bad_rows_expectations_name_real_lines_and_columns() -> None:
    header = _header(BAD_ROWS)
    lines = {line: cells for line, cells in _records(BAD_ROWS)}
    expected = (IMPORT_DATA / "bad-rows.expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) >= 4
    for entry in expected:
        match = re.fullmatch(r"(\d+):([^:]+): (.+)", entry)
        assert match is not None, entry
        line, column, fragment = match.groups()
        assert int(line) in lines, entry
        assert column in header, entry
        cell = lines[int(line)][header.index(column)]
        assert f"'{cell}'" in fragment, entry  # the message quotes the cell it could not read


def test_layout_a_expectations_agree_with_the_fixture() -> None:
    expected = _load_json(IMPORT_DATA / "epoch-layout-a.expected.json")
    rows = _records(IMPORT_DATA / "epoch-layout-a.csv")
    assert expected["report"]["rows"] == len(rows)
    model_column = _header(IMPORT_DATA / "epoch-layout-a.csv").index("Model")
    by_model = {cells[model_column]: (row, line) for row, (line, cells) in enumerate(rows, start=1)}
    for model, place in expected["rows"].items():
        assert by_model[model] == (place["row"], place["line"]), model
