"""Exports: networkx graphs and pandas frames, of the whole graph and of views."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

import aikg
from conftest import NEWSLETTER, REPOSITORY, TEST_DATA


def test_to_networkx_keeps_parallel_edges(tiny: aikg.Graph) -> None:
    nx = pytest.importorskip("networkx")
    graph = tiny.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["schema"] == "tiny"
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (7, 7)
    assert sorted(graph["org/nvidia"]["chip/h100"]) == ["st/1", "st/12"]
    reported = graph.edges["org/nvidia", "chip/h100", "st/1"]
    claimed = graph.edges["org/nvidia", "chip/h100", "st/12"]
    assert (reported["modality"], claimed["modality"]) == ("reported", "claim")
    assert reported == {
        "predicate": "develops",
        "modality": "reported",
        "valid": "2022",
        "valid_start": "2022-01-01",
        "valid_end": "2022-12-31",
        "valid_precision": "year",
        "sources": ["src/letter"],
        "locators": ["Focus"],
        "order": 0,
    }
    assert graph.edges["country/us", "chip/h100", "st/2"]["confidence"] == 0.9
    assert graph.edges["country/us", "chip/h100", "st/2"]["valid"] == "2022.."


def test_to_networkx_node_attributes(tiny: aikg.Graph) -> None:
    pytest.importorskip("networkx")
    graph = tiny.to_networkx()
    alibaba = graph.nodes["org/alibaba"]
    assert {key: alibaba[key] for key in ("type", "name", "description", "aliases")} == {
        "type": "Company",
        "name": "Alibaba Group",
        "description": "Chinese e-commerce and cloud company.",
        "aliases": [{"name": "阿里巴巴", "lang": "zh"}, {"name": "Alibaba", "lang": "en"}],
    }
    assert alibaba["attributes"] == {"founded": "1999", "ticker": "BABA", "listed": True, "employees": 204891,
                                     "margin": 0.125}  # fmt: skip
    values = {value["id"]: value for value in alibaba["values"]}
    assert sorted(values) == ["st/11", "st/3", "st/4"]
    assert values["st/11"]["value"] == {"amount": 250e9, "unit": "CNY", "bound": "about", "lower": 240e9, "upper": 260e9}
    assert values["st/4"]["qualifiers"] == {"comparison": "year over year"}
    assert "values" not in graph.nodes["chip/h100"]
    assert "values" not in tiny.to_networkx(values=False).nodes["org/alibaba"]


def test_to_networkx_is_the_node_link_export(newsletter: aikg.Graph, tmp_path: Path) -> None:
    # One attribute layout: what to_networkx() gives is what networkx reads from the export.
    nx = pytest.importorskip("networkx")
    newsletter.export(tmp_path / "graph.json", format="node-link")
    exported = nx.node_link_graph(json.loads((tmp_path / "graph.json").read_text(encoding="utf-8")), edges="edges")
    graph = newsletter.to_networkx()
    assert graph.graph == exported.graph
    assert dict(graph.nodes(data=True)) == dict(exported.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(exported.edges(keys=True, data=True))


def test_to_networkx_of_a_view(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    pytest.importorskip("networkx")
    graph = tiny.view(modalities=["reported"], types=["Organization", "Chip"]).to_networkx()
    assert sorted(graph.nodes) == ["chip/h100", "org/alibaba", "org/deepseek", "org/nvidia"]
    assert list(graph.edges(keys=True)) == [("org/nvidia", "chip/h100", "st/1")]
    full = newsletter.to_networkx()
    assert (full.number_of_nodes(), full.number_of_edges()) == (newsletter.entity_count, newsletter.edge_count)


def test_statements_frame(tiny: aikg.Graph) -> None:
    pd = pytest.importorskip("pandas")
    frame = tiny.statements_frame()
    assert len(frame) == 14
    assert list(frame.columns)[:6] == ["id", "subject", "predicate", "kind", "object", "value"]
    users = frame.set_index("id").loc["st/5"]
    assert (users["subject"], users["amount"], users["unit"], users["bound"]) == ("model/r1", 97e6, "users", "at_least")
    # `value` is for people; the numeric columns beside it are for analysis.
    assert users["value"] == "≥ 97 million users"
    values = frame.set_index("id")["value"]
    assert values["st/11"] == "≈ 250 billion CNY (240–260 billion)"
    assert (values["st/4"], values["st/6"]) == ("2 %", "model/r1")
    assert values["st/8"] == "Vers l’ère des agents 🚀" and values["st/10"] == "true"
    assert users["valid_start"] == pd.Timestamp("2025-01-01") and users["valid_end"] == pd.Timestamp("2025-12-31")
    assert frame["valid_start"].dtype == "datetime64[s]"
    assert frame["amount"].dtype == "float64"
    edges = frame[frame["kind"] == "entity"]
    assert edges["id"].tolist() == ["st/1", "st/2", "st/6", "st/7", "st/12", "st/13", "st/14"]
    assert frame.set_index("id").loc["st/6", "sources"] == ["src/wire", "src/letter"]
    assert frame.set_index("id").loc["st/8", "text"] == "Vers l’ère des agents 🚀"
    assert frame.set_index("id").loc["st/10", "boolean"] is True
    assert tiny.view(predicates=["revenue"]).statements_frame()["id"].tolist() == ["st/3", "st/11"]


@pytest.mark.parametrize("name", ["tiny", "newsletter"])
def test_statements_frame_is_what_the_records_make(name: str, request: pytest.FixtureRequest) -> None:
    """The columnar frame equals the frame of one dict per statement, dtypes included, for views
    with and without each kind of value (all-missing columns stay objects, as pandas makes them;
    a column every row has, as `boolean` in a view of boolean statements, takes its own dtype).
    Where pandas keeps strings in Arrow, `sources` and `locators` are Arrow lists of texts instead
    of objects: each row still reads as the same list of str (or None)."""
    pd = pytest.importorskip("pandas")
    graph: aikg.Graph = request.getfixturevalue(name)
    views = [graph, graph.as_of("2025-06-30"), graph.view(valid_during=("2024", "2025"), include_undated=True),
             graph.view(predicates=[graph.statements()[0].predicate]), graph.view(types=["Country"]),
             graph.as_of("1900")]  # empty
    booleans = sorted({statement.predicate for statement in graph.statements() if isinstance(statement.value, bool)})
    if booleans:  # every row has a boolean: a bool column, not objects
        views.append(graph.view(predicates=booleans))
    for view in views:
        records = pd.DataFrame.from_records(view._statement_records(), columns=aikg._interop.STATEMENT_COLUMNS)
        for column in ("valid_start", "valid_end"):
            records[column] = pd.to_datetime(records[column]).astype("datetime64[s]")
        frame = view.statements_frame()
        assert len(frame) == view.statement_count
        if len(frame):  # texts as lists of str too, as where pandas does not keep strings in Arrow
            lists = pd.DataFrame(dict(view._statement_columns(arrow_texts=False)))
            pd.testing.assert_frame_equal(lists, records)
        for column in ("sources", "locators"):
            if isinstance(frame[column].dtype, pd.ArrowDtype):
                pa = pytest.importorskip("pyarrow")
                assert frame[column].dtype == pd.ArrowDtype(pa.large_list(pa.large_string()))
                assert [frame[column].iloc[row] for row in range(len(frame))] == records[column].tolist()
                assert all(isinstance(frame[column].iloc[row], list) for row in range(len(frame)))
                records[column] = pd.arrays.ArrowExtensionArray(pa.array(records[column].tolist(), frame[column].dtype.pyarrow_dtype))
        pd.testing.assert_frame_equal(frame, records)


def test_entities_frame(tiny: aikg.Graph) -> None:
    pytest.importorskip("pandas")
    frame = tiny.entities_frame().set_index("id")
    assert list(frame.index) == ["org/alibaba", "org/deepseek", "org/nvidia", "country/us", "country/cn", "chip/h100",
                                 "model/r1"]
    assert frame.loc["org/alibaba", "ticker"] == "BABA"
    assert frame.loc["org/alibaba", "founded"] == "1999"
    assert frame.loc["country/cn", "aliases"] == ["Chine", "中国"]
    assert list(tiny.view(types=["Chip"]).entities_frame()["id"]) == ["chip/h100"]


# ---- Files: View.export, View.tables, Graph.import_file ---------------------------------------------

EXPORT_FORMATS = ["node-link", "jgf", "cytoscape", "graphml", "gexf", "dot", "timelinejs"]


@pytest.mark.parametrize("format_name", EXPORT_FORMATS)
def test_export_writes_what_the_cli_writes(format_name: str, newsletter: aikg.Graph, tmp_path: Path) -> None:
    """Both call the same exporter: the same view gives the same bytes, whoever asks."""
    cli = Path(os.environ.get("AIKG_CLI", REPOSITORY / "build" / "tools" / "aikg" / "aikg"))
    if not cli.is_file():
        pytest.skip(f"no aikg command line at {cli}")
    ours, theirs = tmp_path / "python.out", tmp_path / "cli.out"
    newsletter.as_of("2025-06-30").export(ours, format=format_name)
    subprocess.run([cli, "export", NEWSLETTER, "--format", format_name, "--as-of", "2025-06-30", "-o", theirs],
                   check=True)  # fmt: skip
    assert ours.read_bytes() == theirs.read_bytes()


def test_export_options_and_progress(tiny: aikg.Graph, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    tiny.export(tmp_path / "links.json", format="node-link", links=True, progress=lambda *c: calls.append(c))
    assert "links" in json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert calls == [(21, 21)]  # 7 entities and 14 statements, reported once at the end
    tiny.export(tmp_path / "t.json", format="timelinejs", group_by="modality")
    groups = {event["group"] for event in json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["events"]}
    assert groups == {"reported", "claim", "forecast"}


def test_export_errors(tiny: aikg.Graph, tmp_path: Path) -> None:
    with pytest.raises(aikg.ValidationError, match="xml"):
        tiny.export(tmp_path / "x", format="xml")
    with pytest.raises(aikg.ValidationError, match="group_by"):
        tiny.export(tmp_path / "x", format="timelinejs", group_by="year")
    with pytest.raises(aikg.Error, match="cannot create a temporary file in /nonexistent-dir"):
        tiny.export("/nonexistent-dir/x.dot", format="dot")
    with pytest.raises(aikg.Error, match="cannot create the directory /proc/none"):
        tiny.export("/proc/none/tables", format="parquet")

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    # The progress callback's exception comes out once the export is over; the file is complete.
    with pytest.raises(KeyboardInterrupt):
        tiny.export(tmp_path / "done.dot", format="dot", progress=interrupt)
    assert (tmp_path / "done.dot").read_text(encoding="utf-8").rstrip().endswith("}")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["done.dot"]  # no temporary file left


def test_output_paths(tiny: aikg.Graph, tmp_path: Path) -> None:
    """docs/reliability.md: an empty path is refused, a link written through, a FIFO kept."""
    with pytest.raises(aikg.ValidationError, match="the output path is empty"):
        tiny.save("")
    for format_name in ("csv", "dot", "parquet"):
        with pytest.raises(aikg.ValidationError, match="the output path is empty"):
            tiny.export("", format=format_name)
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    tiny.save(tmp_path / "link.json")
    assert (tmp_path / "link.json").is_symlink()
    assert aikg.load(tmp_path / "real.json").statement_count == 14
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(aikg.Error, match="it is a FIFO; only a regular file is replaced"):
        tiny.export(tmp_path / "pipe", format="gexf")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.json", "pipe", "real.json"]


def test_spreadsheet_safe_csv(tmp_path: Path) -> None:
    graph_file = tmp_path / "formulas.json"
    graph_file.write_text(json.dumps({
        "format": "aikg-graph/1", "schema": str(TEST_DATA / "tiny.schema.json"),
        "entities": [{"id": "org/a", "type": "Company", "name": "=HYPERLINK(\"http://x\")", "description": "@SUM(A1)"}],
    }), encoding="utf-8")  # fmt: skip
    graph = aikg.load(graph_file)
    graph.export(tmp_path / "plain", format="csv")
    graph.export(tmp_path / "safe", format="csv", spreadsheet_safe=True)
    plain = (tmp_path / "plain" / "entities.csv").read_text(encoding="utf-8").splitlines()[1]
    safe = (tmp_path / "safe" / "entities.csv").read_text(encoding="utf-8").splitlines()[1]
    assert plain.startswith('org/a,Company,"=HYPERLINK(""http://x"")",@SUM(A1),')
    assert safe.startswith('org/a,Company,"\'=HYPERLINK(""http://x"")",\'@SUM(A1),')


def test_tables_are_typed_and_match_the_csv_export(newsletter: aikg.Graph, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pacsv = pytest.importorskip("pyarrow.csv")
    tables = newsletter.tables()
    assert list(tables) == ["entities", "statements", "sources"]
    statements = tables["statements"]
    types = {field.name: str(field.type) for field in statements.schema}
    assert (types["valid_start"], types["valid_precision"], types["amount"], types["boolean"], types["src"]) == (
        "date32[day]", "large_string", "double", "bool", "large_string"
    )
    assert statements.num_rows == newsletter.statement_count
    users = statements.filter(pa.compute.equal(statements["id"], "st/deepseek-users")).to_pylist()[0]
    assert (users["src"], users["dst"], users["amount"], users["bound"]) == ("org/deepseek", None, 97e6, "at_least")
    revenue = statements.filter(pa.compute.equal(statements["id"], "st/alibaba-revenue")).to_pylist()[0]
    assert (revenue["valid_start"], revenue["valid_end"], revenue["valid_precision"]) == (
        datetime.date(2025, 4, 1), datetime.date(2025, 6, 30), "quarter"
    )

    # Cell for cell what the CSV tables hold, read back with the same types.
    newsletter.export(tmp_path / "csv", format="csv")
    for name, table in tables.items():
        options = pacsv.ConvertOptions(column_types=table.schema, strings_can_be_null=True,
                                       quoted_strings_can_be_null=False)  # fmt: skip
        from_csv = pacsv.read_csv(tmp_path / "csv" / f"{name}.csv", convert_options=options)
        assert from_csv.to_pylist() == table.to_pylist(), name


def test_tables_of_an_empty_view(tiny: aikg.Graph) -> None:
    pytest.importorskip("pyarrow")
    tables = tiny.view(types=["Chip"], predicates=["users"]).tables()
    assert (tables["entities"].num_rows, tables["statements"].num_rows, tables["sources"].num_rows) == (1, 0, 0)
    assert tables["statements"].column_names[:3] == ["src", "dst", "id"]


def test_parquet_export(newsletter: aikg.Graph, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    view = newsletter.known_at("2025-09-03")
    view.export(tmp_path / "tables", format="parquet")
    assert sorted(path.name for path in (tmp_path / "tables").iterdir()) == [
        "entities.parquet", "sources.parquet", "statements.parquet"
    ]  # fmt: skip
    for name, table in view.tables().items():
        assert pq.read_table(tmp_path / "tables" / f"{name}.parquet").equals(table), name
        assert (tmp_path / "tables" / f"{name}.parquet").stat().st_mode & 0o777 == 0o644
    assert 0 < pq.read_table(tmp_path / "tables" / "statements.parquet").num_rows < newsletter.statement_count


def test_parquet_export_replaces_the_set_as_a_whole(
    newsletter: aikg.Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "tables"
    newsletter.export(target, format="parquet")
    before = {path.name: path.read_bytes() for path in target.iterdir()}
    # A write that fails after the first table: the target keeps the whole old set, and no
    # temporary is left beside it.
    write_table = pq.write_table
    written: list[object] = []

    def fail_second(table: object, where: object, **options: object) -> None:
        if written:
            raise OSError(28, "No space left on device")
        written.append(table)
        write_table(table, where, **options)

    monkeypatch.setattr(pq, "write_table", fail_second)
    with pytest.raises(aikg.Error, match="No space left on device"):
        newsletter.known_at("2025-09-03").export(target, format="parquet")
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in target.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tables"]
    # A directory holding other files is not replaced (that would delete them).
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(aikg.Error, match="it holds notes.txt, which this export does not write"):
        newsletter.export(target, format="parquet")
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("format_name", ["node-link", "jgf"])
def test_import_file_round_trip(format_name: str, newsletter: aikg.Graph, tmp_path: Path) -> None:
    exported = tmp_path / "graph.json"
    newsletter.export(exported, format=format_name)
    copy = aikg.Graph(schema=REPOSITORY / "datasets" / "ai-industry.schema.json")
    copy.import_file(exported, format=format_name)
    assert copy.to_json(REPOSITORY / "datasets") == newsletter.to_json(REPOSITORY / "datasets")


def test_import_file_errors(tiny: aikg.Graph, tmp_path: Path) -> None:
    graph = aikg.Graph(schema=TEST_DATA / "tiny.schema.json")
    with pytest.raises(FileNotFoundError):
        graph.import_file(tmp_path / "missing.json", format="jgf")
    bad = tmp_path / "bad.json"
    tiny.export(bad, format="node-link")
    bad.write_text(bad.read_text(encoding="utf-8").replace('"predicate":"develops"', '"predicate":"invents"', 1),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(aikg.ValidationError) as raised:
        graph.import_file(bad, format="node-link")
    assert any("invents" in d.message and d.json_pointer for d in raised.value.diagnostics)
    assert graph.statement_count == 0  # all or nothing
    with pytest.raises(aikg.ValidationError, match="'node-link', 'jgf', 'turtle' or 'ntriples'"):
        graph.import_file(bad, format="graphml")
