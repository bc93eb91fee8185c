"""View.timeline, series, compare_series, conflicts and changes, and their frames."""

from __future__ import annotations

import datetime
import threading

import pytest

import aikg
from conftest import TEST_DATA, TINY


def test_timeline_orders_by_first_then_last_day(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline()
    assert isinstance(timeline, aikg.Timeline)
    assert [entry.statement.id for entry in timeline] == [
        "st/1", "st/12", "st/2", "st/6", "st/5", "st/9", "st/3", "st/4", "st/11",
    ]  # fmt: skip
    assert timeline.statements == [entry.statement for entry in timeline]
    assert timeline.grouping == "none"
    assert {entry.group for entry in timeline} == {""}
    assert timeline[-1].statement.id == "st/11" and timeline[0].statement.id == "st/1"
    with pytest.raises(IndexError):
        timeline[9]


def test_timeline_places_a_release_at_its_date(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline()
    release = timeline[5]
    # st/9: DeepSeek-R1's release date, 2025-01-20, with no valid time of its own.
    assert release.statement.id == "st/9" and release.statement.valid is None
    assert isinstance(release.when, aikg.ValidTime)
    assert (str(release.when), release.when.first_day, release.from_value) == (
        "2025-01-20", datetime.date(2025, 1, 20), True,
    )  # fmt: skip
    users = timeline[4]
    assert users.when == users.statement.valid and not users.from_value
    assert [e.statement.id for e in tiny.timeline("2025-01-20", "2025-01-20", entities=["model/r1"])] == [
        "st/6", "st/5", "st/9",
    ]  # fmt: skip
    assert [e.statement.id for e in tiny.timeline("2025-02", entities=["model/r1"])] == ["st/6", "st/5"]
    undated = tiny.timeline(include_undated=True)[-1]
    assert (undated.statement.id, undated.when, undated.from_value) == ("st/14", None, False)


def test_timeline_range_grouping_and_undated(tiny: aikg.Graph) -> None:
    quarters = tiny.timeline("2025", grouping="quarter")
    assert [(e.statement.id, e.group) for e in quarters] == [
        ("st/2", "2022.."),
        ("st/6", "early 2025"),
        ("st/5", "2025"),
        ("st/9", "2025-Q1"),
        ("st/3", "2025-Q2"),
        ("st/4", "2025-Q2"),
        ("st/11", "2025-Q4"),
    ]
    assert [e.statement.id for e in tiny.timeline(end=datetime.date(2022, 6, 30))] == ["st/1", "st/12", "st/2"]
    with_undated = tiny.timeline(include_undated=True)
    assert len(with_undated) == 14
    assert [e.statement.id for e in with_undated][9:] == ["st/7", "st/8", "st/10", "st/13", "st/14"]
    assert repr(tiny.timeline("2025-Q2", "2025-Q2")[0]) == "<TimelineEntry st/2>"


def test_timeline_lists_undated_claims_known_by_the_end(tiny: aikg.Graph) -> None:
    # The letter (2025-09) is out by 2025-09-02, the wire (2025-09-04) is not.
    deepseek = tiny.timeline("2025", "2025-09-02", entities=["org/deepseek"], include_undated=True)
    assert [e.statement.id for e in deepseek] == ["st/6", "st/7", "st/14"]
    later = tiny.timeline("2025", "2025-09-30", entities=["org/deepseek"], include_undated=True)
    assert [e.statement.id for e in later] == ["st/6", "st/7", "st/8", "st/14"]
    # Nothing undated was published by the end of August 2025.
    assert [e.statement.id for e in tiny.timeline(end="2025-08", include_undated=True)][-1] == "st/4"


def test_timeline_of_entities_and_of_a_view(tiny: aikg.Graph) -> None:
    about_h100 = tiny.timeline(entities=["H100"])
    assert [e.statement.id for e in about_h100] == ["st/1", "st/12", "st/2"]
    claims = tiny.view(modalities=["claim"]).timeline(include_undated=True)
    assert [e.statement.id for e in claims] == ["st/12", "st/8", "st/10"]
    with pytest.raises(KeyError, match="nobody"):
        tiny.timeline(entities=["nobody"])
    with pytest.raises(aikg.ValidationError, match="grouping must be"):
        tiny.timeline(grouping="week")


def test_timeline_frame(tiny: aikg.Graph) -> None:
    frame = tiny.timeline(grouping="year").to_pandas()
    assert list(frame.columns) == [
        "group", "id", "valid", "valid_start", "valid_end", "valid_precision", "from_value", "subject",
        "predicate", "object", "value", "modality", "sources",
    ]  # fmt: skip
    assert len(frame) == 9
    rows = frame.set_index("id")
    row = rows.loc["st/5"]
    assert row["valid_start"] == datetime.date(2025, 1, 1) and row["valid_end"] == datetime.date(2025, 12, 31)
    assert (row["valid_precision"], row["from_value"]) == ("year", False)
    assert (row["subject"], row["predicate"], row["value"], row["modality"]) == (
        "model/r1", "users", "≥ 97 million users", "reported",
    )  # fmt: skip
    assert row["sources"] == ["src/letter"]
    open_ended = rows.loc["st/2"]
    assert open_ended["valid"] == "2022.." and open_ended["valid_end"] is None
    assert open_ended["valid_precision"] == "year"
    # The release is an event: the frame carries its date where the valid time would be.
    release = rows.loc["st/9"]
    assert (release["valid"], release["valid_start"], release["valid_end"], release["valid_precision"]) == (
        "2025-01-20", datetime.date(2025, 1, 20), datetime.date(2025, 1, 20), "day",
    )  # fmt: skip
    assert (release["from_value"], release["group"], release["value"]) == (True, "2025", "2025-01-20")
    undated = tiny.timeline(include_undated=True).to_pandas().set_index("id").loc["st/7"]
    assert undated[["valid", "valid_start", "valid_end", "valid_precision"]].isna().all()


def test_timeline_repr_and_html(tiny: aikg.Graph) -> None:
    timeline = tiny.timeline("2025-Q2", "2025-Q2")
    text = repr(timeline)
    assert text.splitlines()[0] == "<aikg.Timeline: 5 entries>"
    assert "st/3" in text and "34.7 billion USD" in text
    html = timeline._repr_html_()
    assert html.startswith("<b>aikg.Timeline: 5 entries</b><table>")
    assert "<td>org/alibaba</td>" in html


def test_series_values_units_and_growth(tiny: aikg.Graph) -> None:
    series = tiny.series("Alibaba Group", "revenue")
    assert isinstance(series, aikg.Series)
    assert series.subject.id == "org/alibaba" and series.metric == "revenue"
    assert series.units == ["USD", "CNY"]
    assert [(p.statement.id, p.quantity) for p in series] == [
        ("st/3", aikg.Quantity(34700000000, "USD")),
        ("st/11", aikg.Quantity(250000000000, "CNY", bound="about", lower=240000000000, upper=260000000000)),
    ]
    assert series[1].derived_growth is None  # another unit: never converted
    frame = series.to_pandas()
    assert frame[["id", "amount", "unit", "bound"]].values.tolist() == [
        ["st/3", 34700000000.0, "USD", "exact"],
        ["st/11", 250000000000.0, "CNY", "about"],
    ]
    assert frame.loc[1, "lower"] == 240000000000.0 and frame.loc[1, "valid_end"] == datetime.date(2025, 12, 31)
    assert frame.loc[0, "valid_precision"] == "quarter" and "from_value" not in frame.columns
    assert repr(series).startswith("<aikg.Series org/alibaba revenue: 2 points in USD, CNY>")


def test_series_rejects_unknown_subjects_and_non_metrics(tiny: aikg.Graph) -> None:
    with pytest.raises(KeyError):
        tiny.series("org/nobody", "revenue")
    with pytest.raises(aikg.ValidationError):
        tiny.series("org/alibaba", "located_in")


def test_series_derives_growth(newsletter: aikg.Graph) -> None:
    share = newsletter.series("market/china-ai-chip-market", "domestic_supplier_market_share")
    assert [(p.quantity.amount, p.quantity.bound) for p in share] == [(17.0, "about"), (50.0, "at_least")]
    assert all(p.derived_growth is None for p in share)  # a share's rise is in points, not a growth


def test_compare_series_refuses_different_metrics(newsletter: aikg.Graph) -> None:
    keys = [("product/ernie-bot", "registered_users"), ("product/chatgpt", "weekly_active_users")]
    with pytest.raises(aikg.ValidationError, match="registered_users") as error:
        newsletter.compare_series(keys)
    assert isinstance(error.value, ValueError)
    allowed = newsletter.compare_series(keys, allow_different_metrics=True)
    assert isinstance(allowed, aikg.SeriesComparison)
    assert [(s.subject.id, s.metric, len(s)) for s in allowed] == [
        ("product/ernie-bot", "registered_users", 1),
        ("product/chatgpt", "weekly_active_users", 1),
    ]
    frame = allowed.to_pandas()
    assert frame[["subject", "predicate", "amount"]].values.tolist() == [
        ["product/ernie-bot", "registered_users", 430000000.0],
        ["product/chatgpt", "weekly_active_users", 700000000.0],
    ]


def test_compare_series_of_one_metric(tiny: aikg.Graph) -> None:
    same = tiny.compare_series([("org/alibaba", "revenue"), ("model/r1", "users")], allow_different_metrics=True)
    assert len(same) == 2 and same[1].units == ["users"]
    with pytest.raises(aikg.ValidationError):
        tiny.compare_series([("org/alibaba", "revenue"), ("model/r1", "users")])


@pytest.fixture
def conflicting() -> aikg.Graph:
    return aikg.load(TEST_DATA / "conflicting.json")


def test_conflicts_and_the_current_figure(conflicting: aikg.Graph) -> None:
    conflicts = conflicting.conflicts()
    assert isinstance(conflicts, aikg.Conflicts) and len(conflicts) == 1
    conflict = conflicts[0]
    assert [s.id for s in conflict.statements] == ["st/a1", "st/a2"]
    assert conflict.current is not None and conflict.current.id == "st/a2"
    assert repr(conflict) == "<Conflict st/a1 st/a2, current st/a2>"
    frame = conflicts.to_pandas()
    assert frame[["conflict", "current", "id", "value"]].values.tolist() == [
        [0, False, "st/a1", "10 USD"],
        [0, True, "st/a2", "12 USD"],
    ]
    assert len(conflicting.view(sources=["src/late"]).conflicts()) == 0


def test_changes_between_dates(conflicting: aikg.Graph, tiny: aikg.Graph) -> None:
    changes = conflicting.changes("2025-01-31", "2025-03")
    assert isinstance(changes, aikg.Changes)
    assert (changes.before, changes.after) == ("2025-01-31", "2025-03")
    assert [(c.kind, c.statement.id, c.previous.id if c.previous else None) for c in changes] == [
        ("changed", "st/a2", "st/a1")
    ]
    assert repr(changes[0]) == "<Change changed st/a2 (was st/a1)>"
    assert changes.to_pandas()[["change", "id", "previous"]].values.tolist() == [["changed", "st/a2", "st/a1"]]
    assert len(tiny.changes("2025-08", "2025-09")) == 14
    assert len(tiny.changes("2025-09", "2025-12")) == 0


def test_results_outlive_their_graph() -> None:
    timeline = aikg.load(TINY).timeline()
    assert timeline[0].statement.subject.name == "Nvidia"


def test_timeline_from_threads(newsletter: aikg.Graph) -> None:
    counts: list[int] = []

    def read() -> None:
        for _ in range(20):
            counts.append(len(newsletter.timeline(include_undated=True)))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(counts) == {newsletter.statement_count}
