"""Every format of ``aikg export`` read back by the real tool that reads it.

The newsletter dataset is exported once per format by the command-line tool (``AIKG_CLI``,
default ``build/tools/aikg/aikg``), then read with networkx, jsonschema (JSON Graph Format v2),
DuckDB and Kùzu (the CSV and Parquet tables, with the commands of docs/scaling.md), ElementTree
and networkx (GraphML, GEXF) and Graphviz's ``dot`` (DOT). Counts are checked against
``aikg summary --format json`` and fields against the dataset's own JSON.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import kuzu
import networkx as nx
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
DATASET = REPOSITORY / "datasets" / "china-ai-2025-09.json"
TINY = REPOSITORY / "tests" / "data" / "tiny.json"
JGF_SCHEMA = REPOSITORY / "tests" / "data" / "export" / "jgf" / "json-graph-schema_v2.json"
GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

FORMATS = {
    "node-link": "graph.json",
    "jgf": "graph.jgf.json",
    "cytoscape": "graph.cyjs",
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "dot": "graph.dot",
    "timelinejs": "timeline.json",
    "csv": "tables",
    "parquet": "parquet-tables",  # through the Python package: python -m aikg export
}


def _cli() -> Path:
    path = Path(os.environ.get("AIKG_CLI", REPOSITORY / "build" / "tools" / "aikg" / "aikg"))
    if not path.is_file():
        pytest.fail(f"the aikg command-line tool is not at {path}: build it or set AIKG_CLI")
    return path


def run(*args: str | Path, expect: int = 0) -> subprocess.CompletedProcess[str]:
    """Runs the aikg CLI and checks its exit code."""
    result = subprocess.run([_cli(), *map(str, args)], capture_output=True, text=True, check=False)
    assert result.returncode == expect, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dataset in every format."""
    out = tmp_path_factory.mktemp("export")
    paths = {}
    for name, file in FORMATS.items():
        paths[name] = out / file
        run("export", DATASET, "--format", name, "-o", paths[name])
    return paths


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run("summary", DATASET, "--format", "json").stdout)
    return result


@pytest.fixture(scope="module")
def dataset() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DATASET.read_text(encoding="utf-8"))
    return document


def _edges(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in dataset["statements"] if "object" in s]


def _values(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in dataset["statements"] if "value" in s]


def _valid_text(statement: dict[str, Any]) -> str | None:
    valid = statement.get("valid")
    if valid is None or isinstance(valid, str):
        return valid
    return f"{valid.get('from', '')}..{valid.get('to', '')}"


def _expect_statement_fields(attributes: dict[str, Any], statement: dict[str, Any]) -> None:
    """The statement members an export carries equal the dataset's."""
    assert attributes["predicate"] == statement["predicate"]
    assert attributes["modality"] == statement["modality"]
    assert attributes.get("valid") == _valid_text(statement)
    assert attributes.get("period") == statement.get("period")
    assert attributes["sources"] == [c["source"] for c in statement["sources"]]
    assert attributes["locators"] == [c.get("locator", "") for c in statement["sources"]]
    assert attributes.get("confidence") == statement.get("confidence")
    assert attributes.get("qualifiers") == statement.get("qualifiers")


# ---- NetworkX node-link ------------------------------------------------------------------------


def test_node_link_is_a_multidigraph_with_every_statement(
    exported: dict[str, Path], summary: dict[str, Any], dataset: dict[str, Any]
) -> None:
    data = json.loads(exported["node-link"].read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == summary["entities"]
    assert graph.number_of_edges() == summary["edges"]
    assert graph.graph["schema"] == "ai-industry"
    assert [s["id"] for s in graph.graph["sources"]] == [s["id"] for s in dataset["sources"]]

    # Every edge statement is its own edge, keyed by its id, parallel ones included.
    for statement in _edges(dataset):
        attributes = graph.edges[statement["subject"], statement["object"], statement["id"]]
        _expect_statement_fields(attributes, statement)
    pairs = collections.Counter((u, v) for u, v, _ in graph.edges(keys=True))
    assert max(pairs.values()) >= 2, "the dataset has parallel edges: they must stay apart"

    # Nodes carry the entities, value statements hang off their subject.
    for entity in dataset["entities"]:
        node = graph.nodes[entity["id"]]
        assert node["type"] == entity["type"]
        assert node["name"] == entity["name"]
        assert node.get("description") == entity.get("description")
        assert node.get("aliases") == entity.get("aliases")
        assert node.get("attributes") == entity.get("attributes")
    values = {v["id"]: (node, v) for node, attributes in graph.nodes(data=True) for v in attributes.get("values", [])}
    assert len(values) == summary["statements"] - summary["edges"]
    for statement in _values(dataset):
        node, value = values[statement["id"]]
        assert node == statement["subject"]
        assert value["value"] == statement["value"]
        _expect_statement_fields(value, statement)

    # Orders number all statements in load order.
    orders = sorted(
        [attributes["order"] for _, _, attributes in graph.edges(data=True)] + [v["order"] for _, v in values.values()]
    )
    assert orders == list(range(summary["statements"]))


def test_node_link_links_key_for_older_networkx(tmp_path: Path, summary: dict[str, Any]) -> None:
    out = tmp_path / "graph.json"
    run("export", DATASET, "--format", "node-link", "--links", "-o", out)
    graph = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    assert graph.number_of_edges() == summary["edges"]


# ---- JSON Graph Format ----------------------------------------------------------------------------


def test_jgf_is_valid_json_graph_format_v2(exported: dict[str, Path], summary: dict[str, Any]) -> None:
    document = json.loads(exported["jgf"].read_text(encoding="utf-8"))
    schema = json.loads(JGF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(document)
    graph = document["graph"]
    assert len(graph["nodes"]) == summary["entities"]
    assert len(graph["edges"]) == summary["edges"]
    assert len(graph["metadata"]["sources"]) == summary["sources"]
    values = sum(len(node["metadata"].get("values", [])) for node in graph["nodes"].values())
    assert values == summary["statements"] - summary["edges"]


def test_jgf_of_an_empty_view_is_still_valid(tmp_path: Path) -> None:
    # With no edges, a graph without an "edges" member would match two of the schema's oneOf.
    out = tmp_path / "empty.json"
    run("export", TINY, "--format", "jgf", "--as-of", "1990", "--known-at", "1990", "-o", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(JGF_SCHEMA.read_text(encoding="utf-8"))).validate(document)


# ---- Cytoscape.js and TimelineJS ------------------------------------------------------------------


def test_cytoscape_elements(exported: dict[str, Path], summary: dict[str, Any]) -> None:
    document = json.loads(exported["cytoscape"].read_text(encoding="utf-8"))
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    assert len(nodes) == summary["entities"]
    assert len(edges) == summary["edges"]
    node_ids = {node["data"]["id"] for node in nodes}
    assert all(edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids for edge in edges)
    # Cytoscape.js needs element ids unique across nodes and edges.
    assert len(node_ids | {edge["data"]["id"] for edge in edges}) == len(nodes) + len(edges)


def test_timelinejs_events_at_their_own_precision(exported: dict[str, Path], dataset: dict[str, Any]) -> None:
    document = json.loads(exported["timelinejs"].read_text(encoding="utf-8"))
    events = {event["unique_id"]: event for event in document["events"]}
    # Dated statements at their valid time; releases and announcements without one at their date.
    dated = {s["id"]: s for s in dataset["statements"] if "valid" in s or "date" in (s.get("value") or {})}
    assert set(events) == set(dated)
    assert events["st/deepseek-v3.1-release-date"]["start_date"] == {"year": 2025, "month": 8, "day": 21}
    for statement_id, event in events.items():
        valid = dated[statement_id].get("valid") or dated[statement_id]["value"]["date"]
        start = event["start_date"]
        assert isinstance(start["year"], int)
        assert event["group"] == dated[statement_id]["predicate"]
        assert event["text"]["headline"]
        if isinstance(valid, str) and len(valid) == 4 and valid.isdigit():  # a year: nothing finer
            assert start == {"year": int(valid)}
            assert "end_date" not in event
        if isinstance(valid, str) and len(valid) == 7 and valid[4] == "-" and valid[5:].isdigit():  # a month
            assert start == {"year": int(valid[:4]), "month": int(valid[5:])}
    assert document["title"]["text"]["headline"] == "ai-industry"


# ---- CSV tables in DuckDB and Kùzu ----------------------------------------------------------------


READERS = {"csv": "read_csv_auto('{}.csv')", "parquet": "read_parquet('{}.parquet')"}


@pytest.mark.parametrize("format_name", ["csv", "parquet"])
def test_tables_in_duckdb(format_name: str, exported: dict[str, Path], summary: dict[str, Any]) -> None:
    tables = exported[format_name]
    con = duckdb.connect()
    for table in ("entities", "statements", "sources"):
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM " + READERS[format_name].format(tables / table))

    def scalar(query: str) -> Any:
        row = con.execute(query).fetchone()
        assert row is not None
        return row[0]

    assert scalar("SELECT count(*) FROM entities") == summary["entities"]
    assert scalar("SELECT count(*) FROM statements") == summary["statements"]
    assert scalar("SELECT count(*) FROM sources") == summary["sources"]
    assert scalar("SELECT count(*) FROM statements WHERE dst IS NOT NULL") == summary["edges"]
    by_predicate = dict(con.execute("SELECT predicate, count(*) FROM statements GROUP BY predicate").fetchall())
    assert by_predicate == summary["statements_by_predicate"]
    by_type = dict(con.execute("SELECT type, count(*) FROM entities GROUP BY type").fetchall())
    assert by_type == summary["entities_by_type"]
    by_modality = dict(con.execute("SELECT modality, count(*) FROM statements GROUP BY modality").fetchall())
    assert by_modality == summary["statements_by_modality"]
    # Days are typed as dates; every end of every edge is an entity.
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE statements)").fetchall())
    assert types["valid_start"] == "DATE"
    assert types["amount"] == "DOUBLE"
    span = con.execute("SELECT min(valid_start), max(valid_end) FROM statements").fetchone()
    assert span is not None
    assert [day.isoformat() for day in span] == [summary["valid_start"], summary["valid_end"]]
    dangling = (
        "SELECT count(*) FROM statements"
        " WHERE src NOT IN (SELECT id FROM entities) OR dst NOT IN (SELECT id FROM entities)"
    )
    assert scalar(dangling) == 0
    # The JSON list columns parse as JSON.
    cited = scalar("SELECT count(*) FROM statements WHERE json_array_length(sources::JSON) >= 1")
    assert cited == summary["statements"]


def test_parquet_and_csv_tables_hold_the_same_rows(exported: dict[str, Path]) -> None:
    con = duckdb.connect()
    for table in ("entities", "statements", "sources"):
        parquet = READERS["parquet"].format(exported["parquet"] / table)
        csv = READERS["csv"].format(exported["csv"] / table)
        # Parquet's types are the ones the CSV reader guesses (dates, doubles, booleans)...
        con.execute(f"CREATE TABLE p_{table} AS SELECT * FROM {parquet}")
        con.execute(f"CREATE TABLE c_{table} AS SELECT * FROM {csv}")
        types = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE p_{table})").fetchall()
        csv_types = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE c_{table})").fetchall()
        assert [name for name, _ in types] == [name for name, _ in csv_types]
        # ...and every cell is the same, compared as text.
        columns = ", ".join(f"CAST({name} AS VARCHAR)" for name, _ in types)
        difference = f"SELECT {columns} FROM p_{table} EXCEPT ALL SELECT {columns} FROM c_{table}"
        assert con.execute(difference).fetchall() == [], table
        count = con.execute(f"SELECT (SELECT count(*) FROM p_{table}) - (SELECT count(*) FROM c_{table})").fetchone()
        assert count == (0,)


@pytest.mark.parametrize(("block", "format_name"), [("kuzu", "csv"), ("kuzu-parquet", "parquet")])
def test_tables_in_kuzu(
    block: str, format_name: str, exported: dict[str, Path], summary: dict[str, Any], tmp_path: Path
) -> None:
    """The Kùzu commands of docs/scaling.md, as written there."""
    tables = exported[format_name]
    database = kuzu.Database(str(tmp_path / "kuzu"))
    con = kuzu.Connection(database)
    for statement in _scaling_doc_block(block, tables):
        con.execute(statement)

    def scalar(query: str) -> Any:
        result = con.execute(query)
        assert isinstance(result, kuzu.QueryResult)
        row = result.get_next()
        assert isinstance(row, list)
        return row[0]

    assert scalar("MATCH (e:Entity) RETURN count(e)") == summary["entities"]
    assert scalar("MATCH ()-[s:Statement]->() RETURN count(s)") == summary["edges"]
    assert scalar("MATCH (v:Value) RETURN count(v)") == summary["statements"] - summary["edges"]
    assert scalar("MATCH (s:Source) RETURN count(s)") == summary["sources"]
    assert scalar("MATCH (:Entity)-[s:Statement {predicate: 'develops'}]->(:Entity) RETURN count(s)") == (
        summary["statements_by_predicate"]["develops"]
    )


def _scaling_doc_block(name: str, tables: Path) -> Iterator[str]:
    """The statements of the code block marked `<!-- name -->` in docs/scaling.md, run on `tables`."""
    text = (REPOSITORY / "docs" / "scaling.md").read_text(encoding="utf-8")
    marker = f"<!-- {name} -->\n```"
    start = text.index("\n", text.index(marker) + len(marker)) + 1
    block = text[start : text.index("```", start)]
    for statement in block.replace("'kg/", f"'{tables}/").split(";"):
        lines = [line for line in statement.splitlines() if line.strip() and not line.strip().startswith("--")]
        if lines:
            yield "\n".join(lines)


@pytest.mark.parametrize("format_name", ["csv", "parquet"])
def test_duckdb_commands_of_the_scaling_doc(format_name: str, exported: dict[str, Path]) -> None:
    con = duckdb.connect()
    results = []
    for statement in _scaling_doc_block("duckdb", exported[format_name]):
        if format_name == "parquet":  # "read_parquet in place of read_csv_auto"
            statement = statement.replace("read_csv_auto(", "read_parquet(").replace(".csv'", ".parquet'")
        results.append(con.execute(statement).fetchall())
    assert results[3], "statements by predicate"
    assert ("Huawei", "chip/huawei-ascend") in {(row[0], row[1]) for row in results[4]}


# ---- GraphML and GEXF -------------------------------------------------------------------------------


def test_graphml_parses_and_reads_into_networkx(
    exported: dict[str, Path], summary: dict[str, Any], dataset: dict[str, Any]
) -> None:
    root = ElementTree.parse(exported["graphml"]).getroot()
    keys = {
        key.get("attr.name"): key.get("attr.type") for key in root.iter(f"{GRAPHML}key") if key.get("for") == "edge"
    }
    assert keys["confidence"] == "double"
    assert keys["predicate"] == "string"
    graph = nx.read_graphml(exported["graphml"])
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == summary["entities"]
    assert graph.number_of_edges() == summary["edges"]
    for statement in _edges(dataset):
        attributes = graph.edges[statement["subject"], statement["object"], statement["id"]]
        assert attributes["predicate"] == statement["predicate"]
        assert json.loads(attributes["sources"]) == [c["source"] for c in statement["sources"]]
    for entity in dataset["entities"]:
        node = graph.nodes[entity["id"]]
        assert node["type"] == entity["type"]
        for name, value in entity.get("attributes", {}).items():
            assert node[name] == value  # typed: integers, numbers and booleans come back as such
    assert graph.graph["schema"] == "ai-industry"


def test_gexf_is_a_dynamic_graph_with_valid_time_spells(
    exported: dict[str, Path], summary: dict[str, Any], dataset: dict[str, Any]
) -> None:
    root = ElementTree.parse(exported["gexf"]).getroot()
    assert root.tag == f"{GEXF}gexf"
    assert root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    # Only what the GEXF 1.3 schema (gexf.rnc, dynamics.rnc) allows.
    attribute_types = {a.get("type") for a in graph.iter(f"{GEXF}attribute")}
    assert attribute_types <= {"string", "long", "double", "boolean"}
    edge_attributes = {name for edge in graph.iter(f"{GEXF}edge") for name in edge.attrib}
    assert edge_attributes <= {"id", "type", "label", "source", "target", "weight", "kind", "start", "end"}
    nodes = graph.findall(f"{GEXF}nodes/{GEXF}node")
    edges = graph.findall(f"{GEXF}edges/{GEXF}edge")
    assert len(nodes) == summary["entities"]
    assert len(edges) == summary["edges"]
    by_id = {edge.get("id"): edge for edge in edges}
    for statement in _edges(dataset):
        edge = by_id[statement["id"]]
        attvalues = {a.get("for"): a.get("value") for a in edge.iter(f"{GEXF}attvalue")}
        # The spell is the valid time's days; open ends and undated statements have none.
        assert edge.get("start") == attvalues.get("valid_start")
        assert edge.get("end") == attvalues.get("valid_end")
        valid = statement.get("valid")
        has_start = isinstance(valid, str) or (isinstance(valid, dict) and "from" in valid)
        assert (edge.get("start") is not None) == has_start
        start, end = edge.get("start"), edge.get("end")
        if start is not None and end is not None:
            assert start <= end


# ---- DOT -----------------------------------------------------------------------------------------


def test_dot_renders_with_graphviz(exported: dict[str, Path], summary: dict[str, Any]) -> None:
    dot = shutil.which("dot")
    assert dot is not None, "Graphviz's dot is missing: scripts/install-deps.sh installs it"
    result = subprocess.run([dot, "-Tsvg", exported["dot"]], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    svg = ElementTree.fromstring(result.stdout)
    groups = [g.get("class") for g in svg.iter("{http://www.w3.org/2000/svg}g")]
    assert groups.count("node") == summary["entities"]
    assert groups.count("edge") == summary["edges"]


# ---- The command line ------------------------------------------------------------------------------


def test_views_and_progress(tmp_path: Path, summary: dict[str, Any]) -> None:
    out = tmp_path / "tables"
    result = run("export", DATASET, "--format", "csv", "--as-of", "2023-12-31", "--known-at", "2025-09-30",
                 "--progress", "-o", out)
    assert result.stderr.splitlines()[-1].startswith("export: ")
    con = duckdb.connect()
    row = con.execute(f"SELECT count(*) FROM read_csv_auto('{out / 'statements.csv'}')").fetchone()
    assert row is not None
    assert 0 < row[0] < summary["statements"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xml", "-o", "out"], 2, "xml not in"),
        (["--format", "dot"], 2, "--output is required"),
        (["--format", "dot", "--as-of", "2024-13", "-o", "out"], 2, "--as-of: malformed time '2024-13'"),
        (["--format", "dot", "-o", "/nonexistent-dir/x.dot"], 3, "cannot create a temporary file in /nonexistent-dir"),
    ],
)
def test_exit_codes(args: list[str], code: int, message: str) -> None:
    result = run("export", TINY, *args, expect=code)
    assert message in result.stderr


def test_parquet_through_python_keeps_the_options_and_exit_codes(tmp_path: Path, summary: dict[str, Any]) -> None:
    out = tmp_path / "tables"
    result = run("export", DATASET, "--format", "parquet", "--as-of", "2023-12-31", "--known-at", "2025-09-30",
                 "--progress", "-o", out)  # fmt: skip
    assert result.stderr.splitlines()[-1].startswith("export: ")
    row = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out / 'statements.parquet'}')").fetchone()
    assert row is not None and 0 < row[0] < summary["statements"]
    # Usage errors are the C++ tool's own; output errors come back from Python with exit 3.
    result = run("export", TINY, "--format", "parquet", "--as-of", "2024-13", "-o", out, expect=2)
    assert "--as-of: malformed time '2024-13'" in result.stderr
    result = run("export", TINY, "--format", "parquet", "-o", "/proc/no/tables", expect=3)
    assert "cannot create the directory /proc/no: " in result.stderr
    bad = REPOSITORY / "tests" / "data" / "invalid.json"
    result = run("export", bad, "--format", "parquet", "-o", tmp_path / "bad", expect=1)
    assert "invalid.json:8:29: unknown entity 'org/nowhere'" in result.stderr


def test_parquet_without_python_says_what_to_install(tmp_path: Path) -> None:
    missing = subprocess.run([_cli(), "export", TINY, "--format", "parquet", "-o", tmp_path / "t"],
                             capture_output=True, text=True, env={**os.environ, "AIKG_PYTHON": "no-such-python"})  # fmt: skip
    assert missing.returncode == 3
    assert "no-such-python cannot be run" in missing.stderr
    # A Python without the aikg package: this one with its site-packages turned off (-S).
    python = tmp_path / "python-without-site-packages"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    bare = subprocess.run([_cli(), "export", TINY, "--format", "parquet", "-o", tmp_path / "t"],
                          capture_output=True, text=True, env={**os.environ, "AIKG_PYTHON": str(python)})  # fmt: skip
    assert bare.returncode == 3
    assert "cannot import (No module named 'aikg'): pip install '.[parquet]'" in bare.stderr


def test_python_module_command_line_is_the_same_export(tmp_path: Path, exported: dict[str, Path]) -> None:
    result = subprocess.run([sys.executable, "-m", "aikg", "export", DATASET, "--format", "csv", "-o", tmp_path / "t"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    for table in ("entities", "statements", "sources"):
        assert (tmp_path / "t" / f"{table}.csv").read_bytes() == (exported["csv"] / f"{table}.csv").read_bytes()
    usage = subprocess.run([sys.executable, "-m", "aikg", "export", DATASET, "--format", "xml", "-o", tmp_path / "x"],
                           capture_output=True, text=True)  # fmt: skip
    assert usage.returncode == 2 and "invalid choice: 'xml'" in usage.stderr


def test_invalid_input_exits_1(tmp_path: Path) -> None:
    bad = REPOSITORY / "tests" / "data" / "invalid.json"
    result = run("export", bad, "--format", "dot", "-o", tmp_path / "out.dot", expect=1)
    assert "invalid.json:" in result.stderr
    assert not (tmp_path / "out.dot").exists()
