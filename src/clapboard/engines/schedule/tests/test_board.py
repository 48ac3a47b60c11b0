"""The stripboard engine on boards small enough to add up by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clapboard.engines.schedule.board import (
    BoardError,
    DayKind,
    Pace,
    Strip,
    StripKind,
    automatic_breaks,
    build_board,
    default_pages_per_day,
    format_minutes,
    pages_of,
)

# 3 pages in a 10-hour day: 3 h 20 a page, 25 minutes an eighth.
PACE = Pace.from_day(Decimal(3), Decimal(10))


def scene(key: int, eighths: int, location: str = "CALE", cast: tuple[int, ...] = ()) -> Strip:
    return Strip(key, StripKind.SCENE, eighths, location, cast)


def brk(key: int) -> Strip:
    return Strip(key, StripKind.DAY_BREAK)


def test_days_add_up_pages_hours_and_cast() -> None:
    board = build_board(
        [
            scene(1, 11, "CALE", (1, 2)),
            scene(2, 5, "CALE", (2, 3)),
            brk(100),
            scene(3, 8, "BAC", (1,)),
            brk(101),
        ],
        PACE,
    )
    first, second = board.days
    assert (first.number, first.eighths, first.minutes, first.cast) == (1, 16, 400, (1, 2, 3))
    assert (second.number, second.eighths, second.minutes, second.cast) == (2, 8, 200, (1,))
    assert first.end_key == 100
    assert second.end_key == 101
    assert board.total_eighths == 24
    assert board.total_minutes == 600
    assert board.shooting_days == 2
    assert board.day_of_strip == {1: 0, 2: 0, 100: 0, 3: 1, 101: 1}
    assert format_minutes(first.minutes) == "6 h 40"


def test_company_moves_within_and_between_days() -> None:
    board = build_board(
        [
            scene(1, 8, "CALE"),
            scene(2, 8, "BAC"),
            scene(3, 8, "CALE"),
            brk(10),
            scene(4, 8, "CALE"),
            brk(11),
            scene(5, 8, "PHARE"),
            brk(12),
        ],
        PACE,
    )
    assert [day.moves_within for day in board.days] == [2, 0, 0]
    assert [day.move_before for day in board.days] == [False, False, True]
    assert board.company_moves == 3
    assert board.days[0].locations == ("CALE", "BAC")


def test_special_days_close_the_day_and_are_not_numbered() -> None:
    board = build_board(
        [
            scene(1, 8),
            Strip(2, StripKind.BANNER),
            Strip(3, StripKind.TRAVEL),
            scene(4, 4),
            brk(5),
            Strip(6, StripKind.DAY_OFF),
            Strip(7, StripKind.REHEARSAL),
            scene(8, 2),
        ],
        PACE,
    )
    kinds = [(day.kind, day.number) for day in board.days]
    assert kinds == [
        (DayKind.SHOOT, 1),
        (DayKind.TRAVEL, None),
        (DayKind.SHOOT, 2),
        (DayKind.DAY_OFF, None),
        (DayKind.REHEARSAL, None),
        (DayKind.SHOOT, 3),
    ]
    assert board.days[0].end_key is None  # closed by the travel strip, without a break
    assert not board.days[-1].is_closed
    assert board.day_of_strip[2] == 0  # the banner belongs to the day it is in
    assert board.shooting_days == 3


def test_empty_board_and_empty_day() -> None:
    assert build_board([], PACE).days == ()
    board = build_board([brk(1), brk(2)], PACE)
    assert [(day.number, day.eighths, day.minutes) for day in board.days] == [(1, 0, 0), (2, 0, 0)]


def test_automatic_breaks_fill_days_up_to_the_pages() -> None:
    # 3 pages = 24 eighths: [10, 14] fills day 1 exactly, 20 alone, then [30] longer than a day, then [4].
    assert automatic_breaks([10, 14, 20, 30, 4], Decimal(3)) == [1, 2, 3, 4]
    assert automatic_breaks([], Decimal(3)) == []
    assert automatic_breaks([8, 8, 8, 8], Decimal("2.5")) == [1, 3]


def test_pace_from_a_rate_and_rounding() -> None:
    assert Pace.from_pages_per_hour(Decimal("0.5")).minutes(8) == 120
    assert Pace(Decimal("1")).minutes(1) == 8  # 7.5 minutes, half up
    assert pages_of(11) == Decimal("1.375")


def test_default_pages_per_day_comes_from_the_viability_rules() -> None:
    assert default_pages_per_day() == Decimal(3)
    assert default_pages_per_day("feature") == Decimal(3)
    assert default_pages_per_day("series") == Decimal(6)
    assert default_pages_per_day("short") == Decimal(3)


@pytest.mark.parametrize(
    ("strips", "message"),
    [
        ([scene(1, 8), scene(1, 8)], "twice"),
        ([scene(1, -1)], "negative"),
        ([Strip(1, StripKind.DAY_BREAK, 8)], "no length"),
    ],
)
def test_bad_boards_are_named(strips: list[Strip], message: str) -> None:
    with pytest.raises(BoardError, match=message):
        build_board(strips, PACE)


def test_bad_paces_are_refused() -> None:
    with pytest.raises(BoardError):
        Pace(Decimal(0))
    with pytest.raises(BoardError):
        Pace.from_day(Decimal(0), Decimal(10))
    with pytest.raises(BoardError):
        automatic_breaks([8], Decimal(0))
