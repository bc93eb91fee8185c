"""aikg.load, Graph: loading, merging, saving, the schema, the summary, errors."""

from __future__ import annotations

import datetime
import gc
import json
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

import aikg
from conftest import INVALID, NEWSLETTER, TEST_DATA, TINY, write_more_for_tiny


def test_load_counts(tiny: aikg.Graph) -> None:
    assert (tiny.entity_count, tiny.statement_count, tiny.edge_count, tiny.source_count) == (7, 14, 7, 2)


def test_entity_answers_every_form_of_call_alike(tiny: aikg.Graph) -> None:
    """`entity(id)` has a path around pybind11's dispatcher; names, aliases, Entity objects, the
    keyword and ids a view hides take the general one: same answers, same errors."""
    deepseek = tiny.entity("org/deepseek")
    assert (deepseek.id, deepseek.name) == ("org/deepseek", "DeepSeek")
    assert tiny.entity("deepseek") == deepseek  # a name, ignoring case
    assert tiny.entity(deepseek) == deepseek
    assert tiny.entity(key="org/deepseek") == deepseek
    assert aikg.View.entity(tiny, "org/deepseek") == deepseek
    companies = tiny.view(types=["Company"])
    assert companies.entity("org/deepseek") == deepseek
    with pytest.raises(KeyError, match="country/cn"):
        companies.entity("country/cn")  # in the graph, not in the view
    with pytest.raises(KeyError, match="org/nope"):
        tiny.entity("org/nope")
    with pytest.raises(TypeError):
        tiny.entity("org/deepseek", "org/alibaba")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tiny.entity()  # type: ignore[call-arg]
    assert "alias" in (aikg.View.entity.__doc__ or "")


def test_entities_from_every_route_are_equal(tiny: aikg.Graph) -> None:
    """An Entity is a handle (graph and index): the one `entity(id)` makes around pybind11's
    dispatcher equals, and hashes as, those made by names, views, statements and hops."""
    deepseek = tiny.entity("org/deepseek")
    others = [
        tiny.entity("DeepSeek"),
        tiny["深度求索"],
        tiny.entity(deepseek),
        tiny.view(types=["Company"]).entity("org/deepseek"),
        tiny.as_of("2025-12-31").entity("org/deepseek"),
        tiny.statement("st/6").subject,
        tiny.statement("st/7").subject,
    ]
    assert all(other == deepseek and hash(other) == hash(deepseek) for other in others)
    assert len({deepseek, *others}) == 1
    assert deepseek != tiny.entity("org/alibaba") and deepseek != "org/deepseek"
    assert aikg.load(TINY).entity("org/deepseek") != deepseek  # another graph
    assert isinstance(deepseek, aikg.Entity) and type(deepseek).__module__ == "aikg._aikg"
    assert weakref.ref(deepseek)() is deepseek
    with pytest.raises(TypeError):
        aikg.Entity()
    assert "org/deepseek" in tiny and deepseek in tiny and deepseek not in tiny.view(types=["Country"])


def test_an_id_with_no_utf8_text_is_refused_as_every_str_argument_is(tiny: aikg.Graph) -> None:
    # A lone surrogate has no UTF-8 form: the fast paths of entity and neighbor_ids leave it to
    # pybind11, which refuses it as it does for statement(id), whatever the route.
    lone = "org/\ud800"
    calls: list[Callable[[], object]] = [
        lambda: tiny.entity(lone),
        lambda: tiny.as_of("2024").entity(lone),
        lambda: tiny.neighbor_ids(lone),
        lambda: tiny.neighbor_ids("org/alibaba", direction=lone),  # type: ignore[arg-type]
        lambda: tiny.statement(lone),
    ]
    for call in calls:
        with pytest.raises(TypeError, match="incompatible function arguments"):
            call()
    assert tiny.entity("org/alibaba").id == "org/alibaba"


def test_an_entity_keeps_its_graph_alive() -> None:
    graph = aikg.load(TINY)
    deepseek, china = graph.entity("org/deepseek"), graph.entity("country/cn")
    graph_object = weakref.ref(graph)
    del graph
    gc.collect()
    assert graph_object() is None  # the Graph object is gone, not the graph its entities read
    assert (deepseek.name, repr(china)) == ("DeepSeek", "<Entity country/cn 'China' Country>")
    assert deepseek.is_a("Organization") and [str(alias) for alias in deepseek.aliases] == ["深度求索"]
    entity_object = weakref.ref(deepseek)
    del deepseek
    assert entity_object() is None  # freed at once: an Entity is in no reference cycle


def test_entity_objects_follow_loads(tmp_path: Path) -> None:
    """Entity objects made before a load read the graph right after it; entities the load adds
    are found, through the graph and through views made before it; a failed load changes
    nothing."""
    graph = aikg.load(TINY)
    companies = graph.view(types=["Company", "Chip"])
    alibaba = graph.entity("org/alibaba")
    with pytest.raises(KeyError, match="chip/ascend"):
        graph.entity("chip/ascend")
    more = write_more_for_tiny(tmp_path / "more.json")
    graph.load(more)
    ascend = graph.entity("chip/ascend")
    assert (ascend.id, ascend.name, ascend.type) == ("chip/ascend", "Ascend 910", "Chip")
    assert companies.entity("chip/ascend") == ascend and graph["Ascend 910"] == ascend
    assert graph.statement("st/more").object == ascend
    assert graph.entity("org/alibaba") == alibaba and alibaba.name == "Alibaba Group"
    assert graph.neighbor_ids(alibaba, direction="out") == ["country/cn", "chip/ascend"]
    with pytest.raises(aikg.ValidationError):
        graph.load(INVALID)
    assert graph.entity_count == 8
    assert graph.entity("chip/ascend") == ascend and ascend.name == "Ascend 910"
    with pytest.raises(KeyError, match="chip/nope"):
        graph.entity("chip/nope")


def test_load_accepts_paths_and_strings() -> None:
    assert aikg.load(str(TINY)).entity_count == aikg.load(TINY).entity_count == 7


def test_newsletter_loads_with_its_ontology(newsletter: aikg.Graph) -> None:
    assert newsletter.schema is not None
    assert newsletter.schema.name == "ai-industry"
    assert newsletter.source_count == 5
    assert newsletter.statement_count >= 150
    assert newsletter.entity_count >= 60


def test_graph_load_merges_more_files(tmp_path: Path) -> None:
    more = write_more_for_tiny(tmp_path / "more.json")
    graph = aikg.load(TINY)
    graph.load(more)
    assert (graph.entity_count, graph.statement_count, graph.source_count) == (8, 15, 3)
    assert graph.statement("st/more").object == graph.entity("Ascend 910")


def test_empty_graph_then_load() -> None:
    graph = aikg.Graph()
    assert graph.schema is None
    assert graph.entity_count == 0
    graph.load(TINY)
    assert graph.entity_count == 7


def test_graph_with_a_schema_loads_data_of_that_schema() -> None:
    graph = aikg.Graph(schema=TEST_DATA / "tiny.schema.json")
    assert graph.schema is not None and graph.schema.name == "tiny"
    graph.load(TINY)
    assert graph.statement_count == 14


def test_bad_file_raises_validation_error_with_diagnostics() -> None:
    with pytest.raises(aikg.ValidationError) as raised:
        aikg.load(INVALID)
    error = raised.value
    assert isinstance(error, aikg.Error) and isinstance(error, ValueError)
    assert len(error.diagnostics) == 2
    by_pointer = {d.json_pointer: d for d in error.diagnostics}
    dangling = by_pointer["/statements/1/subject"]
    assert dangling.file.endswith("invalid.json")
    assert dangling.line == 8
    assert dangling.column is not None and dangling.column > 1
    assert "org/nowhere" in dangling.message
    unit = by_pointer["/statements/2/value/unit"]
    assert unit.line == 9
    assert "percent" in unit.message
    assert str(unit).startswith(f"{unit.file}:9:{unit.column}: ")
    assert (error.line, error.column) == (error.diagnostics[0].line, error.diagnostics[0].column)
    assert "org/nowhere" in str(error)


def test_failed_load_leaves_the_graph_unchanged() -> None:
    graph = aikg.load(TINY)
    with pytest.raises(aikg.ValidationError):
        graph.load(INVALID)
    assert (graph.entity_count, graph.statement_count) == (7, 14)
    with pytest.raises(KeyError):
        graph.entity("model/m")


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        aikg.load(tmp_path / "nowhere.json")
    assert raised.value.filename == str(tmp_path / "nowhere.json")


def test_bad_json_says_where(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "aikg-graph/1",\n  "schema": \n}\n', encoding="utf-8")
    with pytest.raises(aikg.ValidationError) as raised:
        aikg.load(broken)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.line == 4
    assert diagnostic.column == 1
    assert "invalid JSON" in diagnostic.message


def test_deep_nesting_is_a_clean_error(tmp_path: Path) -> None:
    # A million levels once overflowed the parser's stack and killed the interpreter.
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1_000_000 + "]" * 1_000_000, encoding="ascii")
    graph = aikg.Graph()
    with pytest.raises(aikg.ValidationError) as raised:
        graph.load(deep)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (1, 257)
    assert diagnostic.message == "invalid JSON: arrays and objects nested deeper than 256 levels"
    with pytest.raises(aikg.ValidationError):
        graph.load_string('{"a": ' + "[" * 1_000_000, base_dir=tmp_path)
    assert graph.schema is None


def test_a_directory_is_no_file(tmp_path: Path) -> None:
    with pytest.raises(aikg.ValidationError) as raised:
        aikg.Graph().load(tmp_path)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.file == str(tmp_path)
    assert diagnostic.message == "is a directory, not a file"


def test_load_string(tmp_path: Path) -> None:
    graph = aikg.Graph()
    graph.load_string(TINY.read_text(encoding="utf-8"), base_dir=TEST_DATA, file_name="tiny-copy.json")
    assert graph.statement_count == 14
    with pytest.raises(aikg.ValidationError) as raised:
        aikg.Graph().load_string("[]", base_dir=tmp_path, file_name="list.json")
    assert raised.value.diagnostics[0].file == "list.json"


def test_save_round_trip_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    aikg.load(TINY).save(first)
    aikg.load(first).save(second)
    assert first.read_bytes() == second.read_bytes()
    schema = json.loads(first.read_text(encoding="utf-8"))["schema"]
    assert (tmp_path / schema).resolve() == (TEST_DATA / "tiny.schema.json").resolve()
    assert aikg.load(first).to_json(base_dir=tmp_path) == first.read_text(encoding="utf-8")


def test_save_without_a_schema_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(aikg.Error) as raised:
        aikg.Graph().save(tmp_path / "empty.json")
    assert not isinstance(raised.value, aikg.ValidationError)


def test_summary(tiny: aikg.Graph) -> None:
    summary = tiny.summary()
    assert summary["entities"] == 7
    assert summary["statements"] == 14
    assert summary["edges"] == 7
    assert summary["sources"] == 2
    assert summary["entities_by_type"] == {"AIModel": 1, "Chip": 1, "Company": 3, "Country": 2}
    assert summary["statements_by_modality"] == {"claim": 3, "forecast": 1, "opinion": 1, "reported": 9}
    assert summary["statements_by_predicate"]["develops"] == 3
    assert summary["sources_by_kind"] == {"news_wire": 1, "newsletter": 1}
    assert summary["valid_start"] == datetime.date(2022, 1, 1)
    assert summary["valid_end"] == datetime.date(2025, 12, 31)


def test_schema(tiny: aikg.Graph) -> None:
    schema = tiny.schema
    assert schema is not None
    assert (schema.name, schema.version) == ("tiny", "1.0.0")
    assert schema.path is not None and schema.path.endswith("tiny.schema.json")
    assert schema.entity_types["Company"] == {
        "parent": "Organization",
        "description": "",
        "attributes": {"ticker": "text", "listed": "boolean", "margin": "number"},
    }
    assert schema.predicates["competes_with"]["symmetric"] is True
    assert schema.predicates["users"]["range_kind"] == "quantity"
    assert schema.predicates["develops"]["range"] == ["Chip", "AIModel"]
    assert schema.units["CNY"] == {"dimension": "currency", "description": "Chinese yuan"}
    assert schema.is_a("Company", "Organization") and not schema.is_a("Country", "Organization")
    with pytest.raises(aikg.ValidationError, match="Startup"):
        schema.is_a("Startup", "Organization")
    assert repr(schema) == "<Schema 'tiny' 1.0.0>"


def test_repr_and_html(tiny: aikg.Graph) -> None:
    assert repr(tiny) == "<aikg.Graph 'tiny': 7 entities, 14 statements, 2 sources>"
    html = tiny._repr_html_()
    assert "<table>" in html and "<td style='text-align:left'>14</td>" in html
    assert repr(aikg.Graph()) == "<aikg.Graph: 0 entities, 0 statements, 0 sources>"


def test_newsletter_is_a_graph_and_a_view(newsletter: aikg.Graph) -> None:
    assert isinstance(newsletter, aikg.View)
    assert NEWSLETTER.exists()


def test_version() -> None:
    assert aikg.__version__.count(".") == 2


def test_a_graph_reads_like_a_python_container(tiny: aikg.Graph) -> None:
    assert len(tiny) == tiny.entity_count == 7
    assert "org/alibaba" in tiny and "alibaba group" in tiny and "阿里巴巴" in tiny
    assert "Atlantis" not in tiny and 42 not in tiny
    assert tiny["深度求索"].id == "org/deepseek"
    assert [entity.id for entity in tiny] == [entity.id for entity in tiny.entities()]
    with pytest.raises(KeyError, match="nearest: 'DeepSeek'"):
        tiny["deepsek"]
    view = tiny.view(types=["Country"])
    assert len(view) == 2 and "China" in view and "org/alibaba" not in view
    assert [entity.id for entity in view] == ["country/us", "country/cn"]


def test_statement_filters_combine(tiny: aikg.Graph) -> None:
    assert [s.id for s in tiny.statements(object="chip/h100")] == ["st/1", "st/2", "st/12"]
    assert [s.id for s in tiny.statements(object="chip/h100", predicate="develops", modality="claim")] == ["st/12"]
    # src/wire is relayed by src/letter: asking for the letter finds what the wire said too.
    assert [s.id for s in tiny.statements(source="src/wire")] == ["st/6", "st/8", "st/9", "st/10", "st/12"]
    assert len(tiny.statements(source="src/letter")) == 14
    assert [e.id for e in tiny.entities(type="Company")] == ["org/alibaba", "org/deepseek", "org/nvidia"]
    with pytest.raises(KeyError, match="no source 'src/nowhere'"):
        tiny.statements(source="src/nowhere")
    with pytest.raises(aikg.ValidationError, match="unknown modality"):
        tiny.statements(modality="rumour")
