"""Table imports from Python (docs/import.md): CSV files, DataFrames and Arrow tables through the
shipped mappings, checked against the fixtures' hand-worked expectations; reconciliation; errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import aikg

from conftest import NEWSLETTER, REPOSITORY, TEST_DATA, TINY

IMPORT_DATA = TEST_DATA / "import"
MAPPINGS = REPOSITORY / "datasets" / "mappings"
LAYOUT_A = IMPORT_DATA / "epoch-layout-a.csv"
LAYOUT_B = IMPORT_DATA / "epoch-layout-b.csv"
NOTABLE = MAPPINGS / "epoch-notable-models.json"
ALL_MODELS = MAPPINGS / "epoch-all-models.json"
EXPECTED: dict[str, Any] = json.loads((IMPORT_DATA / "epoch-layout-a.expected.json").read_text())


@pytest.fixture(scope="module")
def imported() -> aikg.Graph:
    """The newsletter with layout A imported through the notable-models mapping."""
    graph = aikg.load(NEWSLETTER)
    graph.import_table(LAYOUT_A, NOTABLE)
    return graph


def statement_ids(graph: aikg.Graph) -> set[str]:
    return {str(row) for row in graph.statements_frame()["id"]}


def test_report_matches_the_hand_count() -> None:
    graph = aikg.load(NEWSLETTER)
    report = graph.import_table(LAYOUT_A, NOTABLE)
    for name, count in EXPECTED["report"].items():
        assert getattr(report, name) == count, name
    assert report.skipped == []


def test_links_to_what_the_graph_holds() -> None:
    rows = aikg.load(NEWSLETTER).reconcile(LAYOUT_A, NOTABLE)
    found = {(row.entity, row.text): row for row in rows}
    for link in EXPECTED["links"]:
        row = found[(link["rule"], link["text"])]
        assert (row.outcome, row.id, row.candidates[0].how) == ("matched", link["entity"], link["by"]), link


def test_created_entities_and_their_types(imported: aikg.Graph) -> None:
    for entity_id, type_name in EXPECTED["created"]["organizations"].items():
        assert imported.entity(entity_id).type == type_name
    for chip in EXPECTED["created"]["chips"]:
        assert imported.entity(chip).type == "Chip"


def test_several_developers_in_one_cell(imported: aikg.Graph) -> None:
    for model, developers in EXPECTED["developers"].items():
        found = sorted(hop.neighbor.id for hop in imported.neighbors(model, direction="in") if hop.predicate == "develops")
        assert found == sorted(developers), model


def test_quantities_keep_unit_bound_time_and_confidence(imported: aikg.Graph) -> None:
    for expected in EXPECTED["quantities"]:
        matches = imported.statements(expected["subject"], predicates=[expected["predicate"]])
        assert len(matches) == 1, expected
        statement = matches[0]
        quantity = statement.value
        assert isinstance(quantity, aikg.Quantity)
        assert (quantity.amount, quantity.unit, quantity.bound) == (expected["amount"], expected["unit"], expected["bound"])
        assert str(statement.valid) == expected["valid"]
        assert statement.confidence == expected["confidence"]
        assert dict(statement.qualifiers) == expected.get("qualifiers", {})


def test_dates_keep_their_precision(imported: aikg.Graph) -> None:
    for expected in EXPECTED["release_dates"]:
        (statement,) = imported.statements(expected["subject"], predicates=["release_date"])
        date = statement.value
        assert isinstance(date, aikg.TimePoint)
        assert (str(date), date.precision) == (expected["date"], expected["precision"])
        assert not statement.valid


def test_statements_per_row(imported: aikg.Graph) -> None:
    frame = imported.statements_frame()
    for model, counts in EXPECTED["statements_per_row"].items():
        from_row = frame[frame["locators"].map(lambda locators: model in list(locators))]
        assert len(from_row) == counts["total"], model
        for predicate, count in counts.items():
            if predicate != "total":
                assert (from_row["predicate"] == predicate).sum() == count, (model, predicate)


def test_training_compute_as_a_series(imported: aikg.Graph) -> None:
    for organization, points in EXPECTED["training_compute_series"].items():
        models = {hop.neighbor.id for hop in imported.neighbors(organization, direction="out") if hop.predicate == "develops"}
        series = []
        for model in sorted(models):
            series += [(str(p.statement.valid), p.quantity.amount) for p in imported.series(model, "training_compute")]
        assert sorted(series) == sorted((p["valid"], p["amount"]) for p in points), organization


def test_a_dataframe_and_an_arrow_table_import_as_the_csv_does() -> None:
    pandas = pytest.importorskip("pandas")
    pyarrow_csv = pytest.importorskip("pyarrow.csv")
    from_csv = aikg.load(NEWSLETTER)
    from_csv.import_table(LAYOUT_B, ALL_MODELS)
    from_frame = aikg.load(NEWSLETTER)
    from_frame.import_table(pandas.read_csv(LAYOUT_B), ALL_MODELS)
    from_arrow = aikg.load(NEWSLETTER)
    from_arrow.import_table(pyarrow_csv.read_csv(LAYOUT_B), ALL_MODELS)
    assert statement_ids(from_frame) == statement_ids(from_csv)
    assert statement_ids(from_arrow) == statement_ids(from_csv)


def test_reimport_is_idempotent() -> None:
    graph = aikg.load(NEWSLETTER)
    graph.import_table(LAYOUT_A, NOTABLE)
    before = statement_ids(graph)
    again = graph.import_table(LAYOUT_A, NOTABLE)
    assert (again.statements_added, again.entities_created) == (0, 0)
    assert again.statements_unchanged == EXPECTED["report"]["statements_added"]
    assert statement_ids(graph) == before


def test_bad_rows_are_located_and_nothing_changes() -> None:
    graph = aikg.load(NEWSLETTER)
    count = graph.statement_count
    with pytest.raises(aikg.ValidationError) as raised:
        graph.import_table(IMPORT_DATA / "bad-rows.csv", NOTABLE)
    assert graph.statement_count == count
    found = [str(d) for d in raised.value.diagnostics]
    for line in (IMPORT_DATA / "bad-rows.expected.txt").read_text().splitlines():
        where, fragment = line.split(": ", 1)
        assert any(f"bad-rows.csv:{where}: " in text and fragment.strip() in text for text in found), line
    first = raised.value.diagnostics[0]
    assert (first.line, first.column_name, first.pointer_file) == (6, "Parameters", str(NOTABLE))
    assert first.json_pointer == "/statements/9/quantity"


def test_skip_bad_rows_reports_and_counts_them() -> None:
    graph = aikg.load(NEWSLETTER)
    report = graph.import_table(IMPORT_DATA / "bad-rows.csv", NOTABLE, skip_bad_rows=True)
    assert (report.rows, report.rows_imported, report.rows_skipped) == (9, 4, 5)
    assert {d.line for d in report.skipped} == {6, 7, 8, 9, 10}


def test_a_mapping_given_as_a_dict_and_decisions_as_same_as(tiny: aikg.Graph) -> None:
    pandas = pytest.importorskip("pandas")
    mapping = {
        "format": "aikg-mapping/1",
        "name": "users",
        "source": {"id": "src/tracker", "kind": "report", "published": "2025-10-01"},
        "entities": {
            "model": {"column": "Model", "create": False, "type": "AIModel"},
            "maker": {"column": "Maker", "id": "org/{slug(value)}", "type": "Company"},
        },
        "statements": [
            {"subject": "model", "predicate": "users", "quantity": {"column": "Users", "unit": "users", "scale": 1e6}},
            {"subject": "maker", "predicate": "develops", "object": "model"},
        ],
        "valid": {"column": "Month"},
    }
    frame = pandas.DataFrame({"Model": ["DeepSeek-R1"], "Maker": ["Deepseek AI"], "Users": [120.0], "Month": ["2025-09"]})
    graph = aikg.load(TINY)
    graph.import_table(frame, mapping, same_as={"Deepseek AI": "org/deepseek"})
    users = graph.statements("model/r1", predicates=["users"])
    assert sorted(s.value.amount for s in users if isinstance(s.value, aikg.Quantity)) == [97000000.0, 120000000.0]
    with pytest.raises(KeyError):
        graph.entity("org/deepseek-ai")


def test_errors_in_a_mapping_are_located(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "aikg-mapping/1", "name": "x", "source": {"id": "src/x"},\n'
                      ' "entities": {}, "statements": [], "colour": "red"}')
    with pytest.raises(aikg.ValidationError) as raised:
        aikg.load(TINY).import_table(LAYOUT_A, broken)
    assert [(d.line, d.json_pointer) for d in raised.value.diagnostics] == [(2, "/colour")]


def test_unsupported_sources_are_refused() -> None:
    with pytest.raises(TypeError, match="pandas DataFrame or a pyarrow Table"):
        aikg.load(TINY).import_table([["a", "b"]], NOTABLE)


def test_entity_lookups_share_the_import_rules(tiny: aikg.Graph) -> None:
    assert tiny.entity("alibaba group").id == "org/alibaba"
    assert tiny.entity("阿里巴巴").id == "org/alibaba"
    with pytest.raises(KeyError, match="nearest: 'DeepSeek' \\(org/deepseek\\)"):
        tiny.entity("deepsek")


def test_wikidata_items_join_the_newsletter() -> None:
    graph = aikg.load(NEWSLETTER)
    report = graph.import_wikidata(IMPORT_DATA / "wikidata" / "items.json", MAPPINGS / "wikidata.json")
    assert (report.rows, report.rows_imported, report.entities_created, report.entities_matched) == (7, 7, 4, 3)
    assert report.deprecated_claims == 1
    assert report.unmapped_properties["P1082"] == 1
    assert report.unresolved_items == {"Q9100052": 1, "Q9100060": 1, "Q9100097": 1}
    # The item labelled DeepSeek is the newsletter's DeepSeek; its Q-id now finds it too.
    assert graph.entity("Q9100001").id == "org/deepseek"
    revenue = graph.series("org/deepseek", "revenue")
    assert len(revenue) >= 5
    again = graph.import_wikidata(IMPORT_DATA / "wikidata" / "items.json", MAPPINGS / "wikidata.json")
    assert (again.statements_added, again.statements_unchanged) == (0, report.statements_added)


def test_wikidata_problems_are_located() -> None:
    graph = aikg.load(NEWSLETTER)
    with pytest.raises(aikg.ValidationError) as raised:
        graph.import_wikidata(IMPORT_DATA / "wikidata" / "bad.json", MAPPINGS / "wikidata.json")
    first = raised.value.diagnostics[0]
    assert (first.line, first.column) == (9, 115)
    assert first.json_pointer == "/entities/Q9200001/claims/P2139/0/mainsnak/datavalue/value/unit"
    report = graph.import_wikidata(IMPORT_DATA / "wikidata" / "bad.json", MAPPINGS / "wikidata.json", skip_bad_rows=True)
    assert report.rows_skipped == len({d.json_pointer.split("/")[2] for d in report.skipped if d.json_pointer})


def test_merged_graph_keeps_sources(tiny: aikg.Graph) -> None:
    merged = tiny.merged({"DeepSeek": "org/alibaba"})
    assert merged.entity_count == tiny.entity_count - 1
    assert merged.statement("st/6").subject.id == "org/alibaba"
    assert [s.id for s in merged.statement("st/6").sources] == ["src/wire", "src/letter"]
    with pytest.raises(aikg.ValidationError, match="unrelated"):
        tiny.merged({"org/alibaba": "country/cn"})
