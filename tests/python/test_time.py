"""TimePoint and ValidTime, and Python dates wherever a time is taken."""

from __future__ import annotations

import datetime

import pytest

import aikg


@pytest.mark.parametrize(
    ("text", "precision", "part", "first", "last"),
    [
        ("2024", "year", "whole", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        ("early 2024", "year", "early", datetime.date(2024, 1, 1), datetime.date(2024, 4, 30)),
        ("2025-Q2", "quarter", "whole", datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)),
        ("2024-H2", "half-year", "whole", datetime.date(2024, 7, 1), datetime.date(2024, 12, 31)),
        ("end of 2025", "year", "end", datetime.date(2025, 12, 1), datetime.date(2025, 12, 31)),
        ("2020s", "decade", "whole", datetime.date(2020, 1, 1), datetime.date(2029, 12, 31)),
        ("2024-02", "month", "whole", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2025-09-04T15:20", "minute", "whole", datetime.date(2025, 9, 4), datetime.date(2025, 9, 4)),
    ],
)
def test_time_point_text_forms(
    text: str, precision: str, part: str, first: datetime.date, last: datetime.date
) -> None:
    point = aikg.TimePoint(text)
    assert (point.precision, point.part, point.first_day, point.last_day) == (precision, part, first, last)
    assert str(point) == text
    assert repr(point) == f"TimePoint('{text}')"
    assert aikg.TimePoint(point) == point and hash(aikg.TimePoint(text)) == hash(point)


def test_time_point_from_dates() -> None:
    day = aikg.TimePoint(datetime.date(2025, 9, 4))
    assert day == aikg.TimePoint("2025-09-04") and day.precision == "day"
    instant = aikg.TimePoint(datetime.datetime(2025, 9, 4, 15, 20, 5))
    assert str(instant) == "2025-09-04T15:20:05" and instant.precision == "second"
    assert instant.utc_offset_minutes is None
    aware = aikg.TimePoint(datetime.datetime(2025, 9, 4, 15, 20, tzinfo=datetime.timezone(datetime.timedelta(hours=8))))
    assert aware.utc_offset_minutes == 480


def test_time_point_rejects_bad_text() -> None:
    with pytest.raises(aikg.ValidationError):
        aikg.TimePoint("sometime")
    with pytest.raises(TypeError):
        aikg.TimePoint(2024)  # type: ignore[arg-type]
    assert aikg.TimePoint("2024") != "2024"


def test_valid_time() -> None:
    interval = aikg.ValidTime("2022", datetime.date(2023, 6, 30))
    assert str(interval) == "2022..2023-06-30" and not interval.is_point
    assert (interval.first_day, interval.last_day) == (datetime.date(2022, 1, 1), datetime.date(2023, 6, 30))
    assert aikg.ValidTime(end="2023") == aikg.ValidTime(None, aikg.TimePoint("2023"))
    assert str(aikg.ValidTime(end="2023")) == "..2023"
    assert aikg.ValidTime("2024", "2024").is_point
    assert repr(aikg.ValidTime("2024")) == "ValidTime('2024..')"
