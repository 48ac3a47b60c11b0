"""What a schedule says once laid out: the day out of days and the shooting calendar.

Both start from ``calculation.load_board`` (the board's days, their dates and the cast
list) and hand the rest to the engines: ``engines.schedule.dood`` for each performer's
codes and counts, ``engines.schedule.calendar`` for the days that are not worked and why.

``cast_days`` is what the budget reads: per cast element, the days worked, held,
travelled and the days on the books, and the number of shooting days.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

from clapboard.engines.schedule.board import DayKind
from clapboard.engines.schedule.calendar import WorkCalendar
from clapboard.engines.schedule.dood import (
    DayOutOfDays,
    DoodRules,
    DropRule,
    PerformerDays,
    day_out_of_days,
    load_dood_rules,
)

from .calculation import BoardView, CastMember, DayRow, calendar_of, load_board
from .call_sheets import scenes_by_day
from .models import Schedule, Strip


@dataclass(frozen=True)
class DoodLine:
    member: CastMember
    days: PerformerDays
    start: dt.date | None
    finish: dt.date | None


@dataclass(frozen=True)
class DoodView:
    board: BoardView
    dood: DayOutOfDays
    lines: list[DoodLine]
    working: list[int]  # per day, how many performers work it
    drop_rule: DropRule | None  # None when every gap is held
    rules: DoodRules

    @property
    def days(self) -> list[DayRow]:
        return self.board.days

    @property
    def headers(self) -> list[tuple[DayRow, str]]:
        """Each day with what heads its column: the shooting day's number, or a short
        word for a day without shooting."""
        return [(day, str(day.number) if day.number else str(_SHORT[day.day.kind])) for day in self.days]


# Column heads of the days without shooting, short enough for a column of codes.
_SHORT = {
    DayKind.DAY_OFF: pgettext_lazy("day out of days column", "Off"),
    DayKind.TRAVEL: pgettext_lazy("day out of days column", "Trav."),
    DayKind.REHEARSAL: pgettext_lazy("day out of days column", "Reh."),
    DayKind.SHOOT: "",
}


def drop_rule_of(schedule: Schedule) -> DropRule | None:
    return load_dood_rules().drop_rule if schedule.drop_and_pick_up else None


def load_day_out_of_days(schedule: Schedule, board: BoardView | None = None) -> DoodView:
    board = load_board(schedule) if board is None else board
    dates = [day.date for day in board.days]
    drop_rule = drop_rule_of(schedule)
    dood = day_out_of_days([day.day for day in board.days], dates, drop_rule=drop_rule)
    lines = []
    for member in board.cast:
        performer = dood.of(member.number)
        if performer is None:  # in the breakdown, but in no scene of this board
            continue
        start, finish = performer.start, performer.finish
        lines.append(
            DoodLine(
                member,
                performer,
                dates[start] if start is not None else None,
                dates[finish] if finish is not None else None,
            )
        )
    working = [len(day.day.cast) for day in board.days]
    return DoodView(board, dood, lines, working, drop_rule, load_dood_rules())


@dataclass(frozen=True)
class CastDays:
    """A cast element's days on one schedule, as the budget pays them."""

    element_id: int
    name: str
    work: int
    hold: int
    travel: int
    rehearsal: int
    holiday: int
    engaged: int


@dataclass(frozen=True)
class ScheduleQuantities:
    shooting_days: int
    calendar_days: int
    cast: dict[int, CastDays]  # by cast element id


def schedule_quantities(schedule: Schedule) -> ScheduleQuantities:
    """The schedule's figures a budget line can link to."""
    view = load_day_out_of_days(schedule)
    cast = {
        line.member.element_id: CastDays(
            element_id=line.member.element_id,
            name=line.member.name,
            work=line.days.work,
            hold=line.days.hold,
            travel=line.days.travel,
            rehearsal=line.days.rehearsal,
            holiday=line.days.holiday,
            engaged=line.days.engaged_days,
        )
        for line in view.lines
    }
    board = view.board.board
    return ScheduleQuantities(board.shooting_days, len(board.days), cast)


# The shooting calendar ------------------------------------------------------------------


@dataclass
class CalendarCell:
    date: dt.date
    in_month: bool
    day: DayRow | None = None  # the schedule's day on this date
    holiday: str = ""
    day_off: bool = False  # a day off the settings list
    weekend: bool = False  # not a working weekday
    scenes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.day is not None:
            return str(self.day.day.kind)
        if self.holiday:
            return "holiday"
        if self.day_off:
            return "day_off"
        return "rest" if self.weekend else "free"

    @property
    def label(self) -> str:
        """What a day without shooting is: day off, travel or rehearsal day, or the holiday."""
        if self.day is not None and self.day.number is None:
            return str(Strip.Kind(self.day.day.kind).label)
        return self.holiday


@dataclass
class CalendarMonth:
    first: dt.date
    weeks: list[list[CalendarCell]]


def shooting_calendar(view: BoardView) -> list[CalendarMonth]:
    """Month grids (weeks from Monday) from the first to the last day of the schedule."""
    by_date = {day.date: day for day in view.days if day.date is not None}
    if not by_date:
        return []
    work_calendar = calendar_of(view.schedule)
    scenes_of = {index: [row.number for row in rows] for index, rows in scenes_by_day(view).items()}
    grid = month_calendar.Calendar(firstweekday=0)
    months = []
    for year, month in _months(min(by_date), max(by_date)):
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            weeks.append([_cell(date, month, by_date, work_calendar, scenes_of) for date in week])
        months.append(CalendarMonth(dt.date(year, month, 1), weeks))
    return months


def _cell(
    date: dt.date,
    month: int,
    by_date: dict[dt.date, DayRow],
    work_calendar: WorkCalendar,
    scenes_of: dict[int, list[str]],
) -> CalendarCell:
    day = by_date.get(date)
    return CalendarCell(
        date=date,
        in_month=date.month == month,
        day=day,
        holiday=work_calendar.holiday(date) or "",
        day_off=date in work_calendar.days_off,
        weekend=date.weekday() not in work_calendar.weekdays,
        scenes=scenes_of.get(day.day.index, []) if day is not None else [],
    )


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
