"""The shooting calendar against dates checked on a printed calendar."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clapboard.engines.schedule.calendar import (
    CalendarError,
    WorkCalendar,
    easter_sunday,
    load_holiday_rules,
    public_holidays,
    weekdays_from,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)),
     (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))],
)  # fmt: skip
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_french_holidays_of_2026() -> None:
    assert list(public_holidays(2026)) == [
        D(2026, 1, 1),
        D(2026, 4, 6),  # Easter Monday
        D(2026, 5, 1),
        D(2026, 5, 8),
        D(2026, 5, 14),  # Ascension
        D(2026, 5, 25),  # Whit Monday
        D(2026, 7, 14),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 25),
    ]


def test_french_holidays_of_2027_move_with_easter() -> None:
    holidays = public_holidays(2027, "FR")
    assert holidays[D(2027, 3, 29)] == "Lundi de Pâques"
    assert holidays[D(2027, 5, 6)] == "Ascension"
    assert holidays[D(2027, 5, 17)] == "Lundi de Pentecôte"
    assert len(holidays) == 11


def test_other_countries_are_data() -> None:
    alsace = public_holidays(2026, "FR-ALSACE-MOSELLE")
    assert alsace[D(2026, 4, 3)] == "Vendredi saint"
    assert D(2026, 12, 26) in alsace
    assert public_holidays(2026, "BE")[D(2026, 7, 21)] == "Fête nationale"
    with pytest.raises(CalendarError, match="XX"):
        public_holidays(2026, "XX")


def test_the_data_names_its_source() -> None:
    rules = load_holiday_rules()
    assert rules.default_country == "FR"
    assert "L3133-1" in rules.countries["FR"].source
    assert rules.countries["FR"].effective_from == D(2008, 5, 1)


def test_working_dates_skip_weekends_holidays_and_days_off() -> None:
    # Thursday 30 April 2026: 1 May (Fri) and 8 May (Fri) are holidays, 5 May a day off.
    calendar = WorkCalendar(days_off=frozenset({D(2026, 5, 5)}))
    assert calendar.dates(D(2026, 4, 30), 6) == [
        D(2026, 4, 30),
        D(2026, 5, 4),
        D(2026, 5, 6),
        D(2026, 5, 7),
        D(2026, 5, 11),
        D(2026, 5, 12),
    ]
    assert calendar.skipped(D(2026, 4, 30), D(2026, 5, 12)) == [
        (D(2026, 5, 1), "Fête du Travail"),
        (D(2026, 5, 5), "day off"),
        (D(2026, 5, 8), "Victoire 1945"),
    ]


def test_six_day_weeks_and_holidays_off() -> None:
    calendar = WorkCalendar(weekdays=frozenset(range(6)), observe_holidays=False)
    # Saturday 4 April 2026 is worked, Sunday is not, Easter Monday is worked.
    assert calendar.dates(D(2026, 4, 3), 3) == [D(2026, 4, 3), D(2026, 4, 4), D(2026, 4, 6)]
    assert calendar.dates(D(2026, 4, 3), 0) == []


def test_calendars_that_cannot_work_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CalendarError):
        WorkCalendar(weekdays=frozenset())
    with pytest.raises(CalendarError):
        weekdays_from([7])
    with pytest.raises(CalendarError):
        WorkCalendar(country="XX")
    bad = tmp_path / "holidays.json"
    bad.write_text(json.dumps({"version": 1, "effective_from": "2026-01-01", "source": "x",
                               "default_country": "FR", "countries": {}}))  # fmt: skip
    with pytest.raises(CalendarError, match="default country"):
        load_holiday_rules(bad)
