"""Day out of days on schedules small enough to write out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from clapboard.engines.schedule.board import Day, DayKind
from clapboard.engines.schedule.dood import (
    Code,
    DoodError,
    DropRule,
    day_out_of_days,
    load_dood_rules,
)


def shoot(index: int, *cast: int) -> Day:
    return Day(index, DayKind.SHOOT, index + 1, (), None, 8, 60, cast, (), 0, False)


def special(index: int, kind: DayKind) -> Day:
    return Day(index, kind, None, (), None, 0, 0, (), (), 0, False)


def codes(line: tuple[Code, ...]) -> str:
    return " ".join(code.value or "." for code in line)


def test_work_hold_and_finish() -> None:
    days = [shoot(0, 1), shoot(1, 2), shoot(2, 1, 2), shoot(3, 2), shoot(4, 1)]
    dood = day_out_of_days(days)
    one, two = dood.performers
    assert codes(one.codes) == "SW H W H WF"
    assert (one.work, one.hold, one.engaged_days) == (3, 2, 5)
    assert codes(two.codes) == ". SW W WF ."
    assert (two.work, two.hold, two.engaged_days) == (3, 0, 3)
    assert (two.start, two.finish) == (1, 3)


def test_a_single_day_is_start_work_finish() -> None:
    dood = day_out_of_days([shoot(0), shoot(1, 7), shoot(2)])
    line = dood.of(7)
    assert line is not None
    assert codes(line.codes) == ". SWF ."
    assert dood.of(8) is None


def test_special_days_inside_and_around_the_engagement() -> None:
    days = [
        special(0, DayKind.TRAVEL),
        special(1, DayKind.REHEARSAL),
        shoot(2, 1),
        special(3, DayKind.DAY_OFF),
        shoot(4, 3),
        shoot(5, 1),
        special(6, DayKind.TRAVEL),
        special(7, DayKind.DAY_OFF),
        shoot(8, 3),
    ]
    dood = day_out_of_days(days)
    one = dood.of(1)
    assert one is not None
    # Comes in on the travel day, rehearses, works, is off, held, works, travels home.
    assert codes(one.codes) == "T R SW HOL H WF T . ."
    assert (one.work, one.hold, one.travel, one.rehearsal, one.holiday) == (2, 1, 2, 1, 1)
    assert one.engaged_days == 7
    three = dood.of(3)
    assert three is not None
    # A rehearsal day two days before their first work day is not theirs.
    assert codes(three.codes) == ". . . . SW H T HOL WF"


def test_no_drop_unless_a_rule_is_given() -> None:
    days = [shoot(0, 1)] + [shoot(i) for i in range(1, 13)] + [shoot(13, 1)]
    line = day_out_of_days(days).performers[0]
    assert line.hold == 12
    assert line.dropped == 0


def test_drop_and_pick_up_on_a_long_enough_gap() -> None:
    rule = DropRule(more_than_days_between=10, drops_per_performer=1)
    # Work on day 0, 1, then 11 idle days, then work on 13 and 14.
    days = [shoot(0, 1), shoot(1, 1)] + [shoot(i) for i in range(2, 13)] + [shoot(13, 1), shoot(14, 1)]
    line = day_out_of_days(days, drop_rule=rule).performers[0]
    assert codes(line.codes) == "SW WD " + "- " * 11 + "PW WF"
    assert (line.work, line.hold, line.dropped, line.engaged_days) == (4, 0, 11, 4)


def test_a_gap_of_exactly_the_limit_is_held() -> None:
    rule = DropRule(more_than_days_between=10, drops_per_performer=1)
    days = [shoot(0, 1)] + [shoot(i) for i in range(1, 11)] + [shoot(11, 1)]
    line = day_out_of_days(days, drop_rule=rule).performers[0]
    assert codes(line.codes) == "SW " + "H " * 10 + "WF"


def test_drop_on_the_first_and_last_work_days() -> None:
    rule = DropRule(more_than_days_between=2, drops_per_performer=1)
    days = [shoot(0, 1), shoot(1), shoot(2), shoot(3), shoot(4, 1)]
    line = day_out_of_days(days, drop_rule=rule).performers[0]
    assert codes(line.codes) == "SWD - - - PWF"


def test_only_the_longest_gaps_are_dropped() -> None:
    rule = DropRule(more_than_days_between=1, drops_per_performer=1)
    days = [shoot(0, 1), shoot(1), shoot(2), shoot(3, 1), shoot(4), shoot(5), shoot(6), shoot(7, 1)]
    line = day_out_of_days(days, drop_rule=rule).performers[0]
    # Gaps of 2 and 3 days: the one of 3 is dropped, the other held.
    assert codes(line.codes) == "SW H H WD - - - PWF"


def test_gaps_count_calendar_days_when_dated() -> None:
    rule = DropRule(more_than_days_between=10, drops_per_performer=1)
    monday = dt.date(2027, 5, 3)
    # Two shooting days a fortnight apart on the calendar, next to each other on the board.
    dates = [monday, monday + dt.timedelta(days=14)]
    line = day_out_of_days([shoot(0, 1), shoot(1, 1)], dates, drop_rule=rule).performers[0]
    assert codes(line.codes) == "SWD PWF"
    assert line.dropped == 0


def test_dates_must_match_days() -> None:
    with pytest.raises(DoodError, match="2 days but 1 dates"):
        day_out_of_days([shoot(0), shoot(1)], [None])


def test_shipped_rules_name_every_code_and_keep_drops_off() -> None:
    rules = load_dood_rules()
    assert {code.value for code in Code if code is not Code.NONE} == set(rules.codes)
    assert all(set(texts) == {"en", "fr"} for texts in rules.codes.values())
    assert ("H", "Attente : engagé, ne tourne pas") in rules.meanings("fr")
    assert ("H", "Hold: engaged, not working") in rules.meanings("de")
    assert not rules.drop_enabled_by_default
    assert rules.drop_rule.more_than_days_between == 10
    assert "SAG-AFTRA" in rules.drop_rule.source
