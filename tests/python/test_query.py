"""Pattern queries: results, parameters, errors, exports, and the golden query files."""

from __future__ import annotations

import datetime
import gc
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import pytest

import aikg
from conftest import NEWSLETTER, REPOSITORY, TINY

CHIP_QUERY = """
  MATCH (o:Organization)-[:headquartered_in]->(:Country {id: 'country/china'}), (o)-[:develops]->(c:Chip)
  RETURN o.name AS organisation, collect(c.name) AS chips ORDER BY organisation"""


def test_the_query_of_the_docs(newsletter: aikg.Graph) -> None:
    result = newsletter.query(CHIP_QUERY)
    assert result.columns == ["organisation", "chips"]
    assert len(result) == 5
    assert list(result) == [
        ("Alibaba", ["Alibaba in-house AI processor"]),
        ("Biren Technology", ["Biren BR100"]),
        ("Cambricon", ["Cambricon Siyuan 590"]),
        ("Huawei", ["Huawei Ascend", "Huawei Kirin"]),
        ("Moore Threads", ["Moore Threads GPUs"]),
    ]
    assert str(result).splitlines()[2] == "Alibaba           [Alibaba in-house AI processor]"
    assert str(result).endswith("(5 rows)\n")


def test_rows_hold_rich_values(tiny: aikg.Graph) -> None:
    result = tiny.query("MATCH (m)-[s:users]->(v) RETURN m, s, v, s.valid, v.amount, v.bound")
    ((model, statement, value, valid, amount, bound),) = result.rows
    assert model == tiny.entity("model/r1")
    assert statement == tiny.statement("st/5")
    assert value == aikg.Quantity(97000000, "users", bound="at_least")
    assert valid == aikg.TimePoint("2025")
    assert (amount, bound) == (97000000.0, "at_least")
    assert result[0] == result[-1] == result.rows[0]
    with pytest.raises(IndexError):
        result[1]
    assert result.to_dicts() == [
        {"m": model, "s": statement, "v": value, "s.valid": valid, "v.amount": amount, "v.bound": bound}
    ]


def test_parameters_are_typed(tiny: aikg.Graph) -> None:
    def count(text: str, /, **parameters: object) -> object:
        return tiny.query(text, **parameters)[0][0]  # type: ignore[arg-type]

    assert count("MATCH (m)-[s:users]->(v) WHERE v.amount > $n RETURN count(s)", n=96_999_999) == 1
    assert count("MATCH (m)-[s:users]->(v) WHERE v.amount > $n RETURN count(s)", n=97e6) == 0
    assert count("MATCH (m)-[s:open_source]->(v) WHERE v.boolean = $b RETURN count(s)", b=True) == 1
    assert count("MATCH (e {id: $id}) RETURN e.name", id="org/deepseek") == "DeepSeek"
    assert count("MATCH (e) WHERE e.id IN $ids RETURN count(e)", ids=["org/deepseek", "chip/h100"]) == 2
    assert count("MATCH (e) WHERE e = $who RETURN e.id", who=tiny.entity("Nvidia")) == "org/nvidia"
    assert count("MATCH (x)-[r]->(y) AS OF $day RETURN count(r)", day=datetime.date(2021, 12, 31)) == 0
    assert count("MATCH (x)-[r]->(y) AS OF $day RETURN count(r)", day=datetime.date(2022, 1, 1)) == 3
    assert count("MATCH (x)-[r]->(y) AS OF $t RETURN count(r)", t=aikg.TimePoint("2022")) == 3
    assert count("MATCH (e {id: 'org/deepseek'}) RETURN $nothing IS NULL", nothing=None) is True
    with pytest.raises(aikg.ValidationError, match="64 bits"):
        count("MATCH (e) RETURN $n", n=2**70)
    with pytest.raises(TypeError, match=r"\$n"):
        count("MATCH (e) RETURN $n", n={"a": 1})


def test_query_errors_say_where(tiny: aikg.Graph) -> None:
    with pytest.raises(aikg.ValidationError) as raised:
        tiny.query("MATCH (n RETURN n")
    assert (raised.value.line, raised.value.column) == (1, 10)
    assert raised.value.diagnostics == []
    assert str(raised.value).startswith("1:10: expected ')'")
    with pytest.raises(aikg.ValidationError) as raised:
        tiny.query("MATCH (n:Startup)\nRETURN n")
    assert (raised.value.line, raised.value.column) == (1, 7)
    with pytest.raises(aikg.ValidationError) as raised:
        tiny.query("MATCH (n)\nRETURN $who")
    assert (raised.value.line, raised.value.column) == (2, 8)
    assert "missing parameter $who" in str(raised.value)


def test_queries_read_their_view(tiny: aikg.Graph) -> None:
    text = "MATCH (a)-[r:develops]->(b) RETURN r.id ORDER BY r.id"
    assert [row[0] for row in tiny.query(text)] == ["st/1", "st/12", "st/6"]
    assert [row[0] for row in tiny.view(modalities=["claim"]).query(text)] == ["st/12"]
    assert [row[0] for row in tiny.as_of("2021").query(text)] == []


def test_during_counts_what_the_view_keeps_during_the_window(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    """DURING in a query is g.view(valid_during=...): the same statements, open ends and undated ones included."""
    windows: list[tuple[str, tuple[object, object]]] = [
        ("DURING 2025-Q1 .. 2025-06-30", ("2025-Q1", "2025-06-30")),
        ("DURING 2022", ("2022", "2022")),
        ("DURING 2024-07 ..", ("2024-07", None)),
        ("DURING .. 2023", (None, "2023")),
        ("DURING $start .. $end", (datetime.date(2023, 7, 1), aikg.TimePoint("2024-H1"))),
    ]
    for graph in (tiny, newsletter):
        for clause, (start, end) in windows:
            parameters = {"start": start, "end": end} if "$" in clause else {}
            for include_undated in (False, True):
                text = clause + (" INCLUDE UNDATED" if include_undated else "")
                counted = sum(
                    graph.query(f"MATCH {pattern} {text} RETURN count(s)", **parameters)[0][0]  # type: ignore[arg-type]
                    for pattern in ("(x)-[s]->(y)", "(x)-[s]->(v:Value)")
                )
                view = graph.view(valid_during=(start, end), include_undated=include_undated)  # type: ignore[arg-type]
                assert counted == view.statement_count, text
                ids = graph.query(f"MATCH (x)-[s]->(y) {text} RETURN s.id ORDER BY s.id", **parameters)  # type: ignore[arg-type]
                assert [row[0] for row in ids] == sorted(
                    s.id for s in view.statements() if s.is_edge
                ), text
    with pytest.raises(aikg.ValidationError) as raised:
        tiny.query("MATCH (x)-[s]->(y)\nDURING 2025 .. 2024 RETURN count(s)")
    assert (raised.value.line, raised.value.column) == (2, 8)
    assert "starts after it ends" in str(raised.value)


def test_result_keeps_its_graph_alive() -> None:
    result = aikg.load(TINY).query("MATCH (e:Country) RETURN e ORDER BY e.id")
    gc.collect()
    assert [row[0].name for row in result] == ["China", "United States"]


def test_to_pandas(newsletter: aikg.Graph) -> None:
    pytest.importorskip("pandas")
    frame = newsletter.query(CHIP_QUERY).to_pandas()
    assert list(frame.columns) == ["organisation", "chips"]
    assert frame["organisation"].tolist() == ["Alibaba", "Biren Technology", "Cambricon", "Huawei", "Moore Threads"]
    assert frame["chips"].tolist()[3] == ["Huawei Ascend", "Huawei Kirin"]
    plain = newsletter.query(
        "MATCH (x)-[r]->(v:Value) WHERE r.modality = 'claim' AND v.kind = 'quantity' "
        "RETURN x, r, v, r.valid ORDER BY r.id"
    ).to_pandas()
    assert plain.values.tolist() == [
        ["product/ernie-bot", "st/ernie-bot-daily-api-calls", 1.5e9, "2025-09"],
        ["product/ernie-bot", "st/ernie-bot-registrations", 4.3e8, "2025-09"],
    ]
    empty = newsletter.query("MATCH (x:Country) WHERE x.id = 'nowhere' RETURN x.id AS id, x.name").to_pandas()
    assert list(empty.columns) == ["id", "x.name"] and len(empty) == 0


def test_to_arrow(tiny: aikg.Graph) -> None:
    pa = pytest.importorskip("pyarrow")
    table = tiny.query(
        "MATCH (m)-[s]->(v:Value) RETURN s.id AS id, v.value AS value, v.amount AS amount, s.valid AS valid "
        "ORDER BY id"
    ).to_arrow()
    assert table.column_names == ["id", "value", "amount", "valid"]
    assert table.num_rows == 7
    assert table.schema.field("amount").type == pa.float64()
    assert table.schema.field("valid").type == pa.string()
    # Values of several kinds in one column are kept as text.
    assert table.schema.field("value").type == pa.string()
    assert table.column("id").to_pylist()[0] == "st/10"


def test_result_rendering(tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    result = tiny.query("MATCH (c:Country) RETURN c.id AS id, c.name AS name ORDER BY id")
    assert repr(result) == str(result) == (
        "id          name\n----------  -------------\ncountry/cn  China\ncountry/us  United States\n(2 rows)\n"
    )
    assert result.to_csv() == "id,name\r\ncountry/cn,China\r\ncountry/us,United States\r\n"
    assert json.loads(result.to_json()) == [
        {"id": "country/cn", "name": "China"}, {"id": "country/us", "name": "United States"}
    ]
    html = result._repr_html_()
    assert "<th>id</th>" in html and "<td>United States</td>" in html and "(2 rows)" in html
    many = newsletter.query("MATCH (e) RETURN e.id AS id")
    assert len(many) > 50
    assert repr(many).endswith(f"... ({len(many)} rows)\n") and repr(many).count("\n") == 23
    assert f"({len(many)} rows, 50 shown)" in many._repr_html_()


# ---- Golden files (tests/golden/query/*.test, format at the top of tiny.test) ----------------


Parameter = Union[int, str, list["Parameter"]]


def parameter_value(text: str) -> Parameter:
    """As the C++ golden runner reads them: "7" → 7, "[a, b]" → ["a", "b"], else the text."""
    if len(text) >= 2 and text[0] == "[" and text[-1] == "]":
        return [parameter_value(item.strip()) for item in text[1:-1].split(",") if item.strip()]
    return int(text) if text.lstrip("-").isdigit() else text


@dataclass
class GoldenCase:
    name: str
    query: str = ""
    parameters: dict[str, Parameter] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    error: str | None = None


def read_golden(path: Path) -> tuple[str, list[GoldenCase]]:
    dataset, cases, reading = "", [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("-DATASET "):
            dataset = line[9:]
        elif line.startswith("-CASE "):
            cases.append(GoldenCase(line[6:]))
            reading = ""
        elif line.startswith("-PARAM "):
            name, value = line[7:].split("=", 1)
            cases[-1].parameters[name] = parameter_value(value)
        elif line.startswith("-QUERY "):
            cases[-1].query, reading = line[7:], "query"
        elif line.startswith("-ERROR "):
            cases[-1].error, reading = line[7:], ""
        elif line.startswith("----"):
            reading = "rows"
        elif not line:
            reading = ""
        elif reading == "query":
            cases[-1].query += "\n" + line
        elif reading == "rows":
            cases[-1].rows.append(line)
    return dataset, cases


GOLDEN = [
    pytest.param(dataset, case, id=f"{path.stem}: {case.name}")
    for path in sorted((REPOSITORY / "tests" / "golden" / "query").glob("*.test"))
    for dataset, cases in [read_golden(path)]
    for case in cases
]


def test_golden_files_were_found() -> None:
    assert len(GOLDEN) >= 60


@pytest.mark.parametrize(("dataset", "case"), GOLDEN)
def test_golden_query(dataset: str, case: GoldenCase, tiny: aikg.Graph, newsletter: aikg.Graph) -> None:
    graph = tiny if dataset == "tiny" else newsletter
    assert dataset == "tiny" or Path(NEWSLETTER).exists()
    if case.error is not None:
        with pytest.raises(aikg.ValidationError) as raised:
            graph.query(case.query, case.parameters)
        assert str(raised.value) == case.error
        return
    result = graph.query(case.query, case.parameters)
    actual = ["|".join(row) for row in result._text_rows(len(result))]
    expected = list(case.rows)
    if "ORDER BY" not in case.query:
        actual.sort()
        expected.sort()
    assert actual == expected


def test_an_error_at_a_multibyte_character_is_a_validation_error(tiny: aikg.Graph) -> None:
    # The lexer used to cut '§' in half, and the message then failed to decode.
    with pytest.raises(aikg.ValidationError, match="1:19: unexpected character '§'"):
        tiny.query("MATCH (a) RETURN a§")


def test_integer_overflow_is_an_error_not_a_crash(tiny: aikg.Graph) -> None:
    with pytest.raises(aikg.ValidationError, match="integer overflow"):
        tiny.query("MATCH (a {id: 'org/alibaba'}) RETURN (-9223372036854775807 - 1) / -1")


def test_deep_nesting_is_an_error_not_a_crash(tiny: aikg.Graph) -> None:
    with pytest.raises(aikg.ValidationError, match="nested more than 500 levels deep"):
        tiny.query("MATCH (a) RETURN " + "(" * 20000 + "1" + ")" * 20000)


def test_ctrl_c_stops_a_running_query() -> None:
    # Twelve patterns over seven entities: 7^12 bindings, hours of matching. Run in a child so
    # that a query Ctrl-C cannot reach fails this test instead of hanging it.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, aikg\n"
            f"g = aikg.load({str(TINY)!r})\n"
            "print('running', flush=True)\n"
            "try:\n"
            "    g.query('MATCH ' + ', '.join(f'(x{i})' for i in range(12)) + ' RETURN count(*)')\n"
            "except KeyboardInterrupt:\n"
            "    print('interrupted', flush=True)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "running"
        # Until the child is inside the query: the interrupt must reach the running match.
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
        output, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert output.strip() == "interrupted"
    assert child.returncode == 0


def test_limits_of_a_run_are_keyword_arguments(tiny: aikg.Graph) -> None:
    # An open `*` goes up to max_hops: one hop finds the 7 statements, in both directions.
    assert tiny.query("MATCH (a)-[*]-(b) RETURN count(*) AS n", max_hops=1)[0] == (14,)
    assert tiny.query("MATCH (a)-[*]-(b) RETURN count(*) AS n", max_hops=2)[0] == (32,)
    # A range reaches its own start even when that is past max_hops.
    assert tiny.query("MATCH (a)-[*]-(b) RETURN count(*) AS n", max_hops=0)[0] == (14,)
    with pytest.raises(aikg.Error, match=r"more than 100 rows \(the max_rows limit\)"):
        tiny.query("MATCH (a), (b), (c) RETURN a, b, c", max_rows=100)
    with pytest.raises(aikg.Error, match=r"the max_memory limit"):
        tiny.query("MATCH (a), (b), (c) RETURN a, b, c", max_memory=1000)
    # Twelve patterns over seven entities: hours of matching, stopped after 0.2 s.
    started = time.monotonic()
    with pytest.raises(aikg.Error, match=r"ran longer than 200 ms \(the timeout\)"):
        tiny.query("MATCH " + ", ".join(f"(x{i})" for i in range(12)) + " RETURN count(*)", timeout=0.2)
    assert time.monotonic() - started < 60
    # 0 lifts a limit; limits and parameters mix.
    rows = tiny.query("MATCH (a), (b) WHERE a.id = $who RETURN b", max_rows=0, timeout=0, who="org/alibaba")
    assert len(rows) == tiny.entity_count
    # Parameters with any name, also one of the limits', go in the dict.
    assert tiny.query("MATCH (a {id: $text}) RETURN a.name, $timeout + $n", {"text": "org/alibaba", "timeout": 1, "n": 1}, n=2)[0] == ("Alibaba Group", 3)
    with pytest.raises(ValueError, match="max_rows takes a count from 0"):
        tiny.query("MATCH (a) RETURN a", max_rows=-1)
    with pytest.raises(ValueError, match="max_hops takes a count from 0 to 1000000"):
        tiny.query("MATCH (a) RETURN a", max_hops=2_000_000)
    with pytest.raises(ValueError, match="timeout"):
        tiny.query("MATCH (a) RETURN a", timeout=float("nan"))
