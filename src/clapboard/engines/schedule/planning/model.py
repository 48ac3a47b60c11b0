"""A shooting-schedule planning problem: scenes to place on shooting days, and the rules.

Everything the planner reads is here, as frozen dataclasses; nothing is solved or even
checked in this module (``validate.py`` checks a problem and turns it into positions).

Days. A problem has a calendar: either the list of shooting dates (the caller computes
them with ``calendar.WorkCalendar.dates``) or only a number of days. Days are known by
their index in that calendar (0 is the first); wherever a day is asked for (an
availability window, a fixed day, an earliest or latest day) a date may be given
instead when the calendar has dates. A shoot is continuous: it uses the first days of
the calendar, up to its last shooting day (a pause in the shoot is a gap between the
calendar's dates, never an unused day in the middle).

Time of day. Each scene is shot by day, by night, at dawn or at dusk (``DayPart``). The
rest rule (``RestRules``) reads a day as calling early when it holds a day-side scene
(day, dawn, dusk) and as wrapping late when it holds a night scene; see ``RestRules``.

Money is in integer cents; lengths are eighths of a page; durations are minutes.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from clapboard.engines.schedule.board import Pace

DATA = Path(__file__).resolve().parent.parent / "data"
MINUTES_PER_DAY = 24 * 60

DayRef = int | dt.date
"""A day of the calendar: its index (0 is the first day) or, when the calendar has dates, a date."""


class PlanningError(ValueError):
    """A problem that cannot be planned as given: the message names the id and the field."""


class DayPart(enum.StrEnum):
    DAY = "day"
    NIGHT = "night"
    DAWN = "dawn"
    DUSK = "dusk"

    @property
    def is_night(self) -> bool:
        """Night scenes are the ones that make a day wrap late; dawn and dusk are shot in the
        hours around a day's call or wrap and count with the day."""
        return self is DayPart.NIGHT


class GroupKind(enum.StrEnum):
    SAME_DAY = "same_day"
    """All the scenes on one day (a continuous action, a set that is struck that evening)."""
    CONSECUTIVE_DAYS = "consecutive_days"
    """The scenes' days form an unbroken run of shooting days (a sequence shot over several days)."""


@dataclass(frozen=True, slots=True)
class Window:
    """The days from ``first`` to ``last``, both included."""

    first: DayRef
    last: DayRef


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    eighths: int
    location: str
    day_part: DayPart
    cast: tuple[str, ...] = ()
    minutes: int | None = None
    """Estimated shooting time; None derives it from the problem's pace."""
    episode: str | None = None
    fixed_day: DayRef | None = None
    earliest: DayRef | None = None
    latest: DayRef | None = None


@dataclass(frozen=True, slots=True)
class CastMember:
    id: str
    name: str
    daily_rate: int
    """Cents per day, paid for every day from their first to their last shooting day."""
    availability: tuple[Window, ...] = ()
    """The days they can work; empty means every day."""
    is_child: bool = False
    max_minutes_per_day: int | None = None
    """For a child, the longest they may work in a day (required); for an adult, None."""


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str
    availability: tuple[Window, ...] = ()
    """The days it can be used; empty means every day."""


@dataclass(frozen=True, slots=True)
class SceneGroup:
    kind: GroupKind
    scenes: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class ShootingCalendar:
    """The days a shoot may use: dates, or only a number of days (then taken as consecutive)."""

    dates: tuple[dt.date, ...] = ()
    day_count: int = 0

    @property
    def length(self) -> int:
        return len(self.dates) if self.dates else self.day_count

    def gap_after(self, day: int) -> int:
        """Calendar days from ``day`` to the next shooting day: 1 for the next morning, 3 over
        a weekend. Without dates, days are taken as consecutive (the strict reading)."""
        if not self.dates:
            return 1
        return (self.dates[day + 1] - self.dates[day]).days


@dataclass(frozen=True, slots=True)
class Limits:
    max_minutes_per_day: int | None = 600
    max_eighths_per_day: int | None = None
    max_shooting_days: int | None = None


@dataclass(frozen=True, slots=True)
class RestRules:
    """Minimum rest between one day's wrap and the next shooting day's call.

    Times are minutes after midnight of the day they belong to; a night wrap after
    midnight is over 1440 (26:00 is 02:00 the next morning). A day calls at ``day_call``
    when it holds a day-side scene, else at ``night_call``; it wraps at ``night_wrap`` when
    it holds a night scene, else at ``day_wrap``. Between two shooting days ``gap``
    calendar days apart, the rest is ``gap * 1440 + call - wrap``; every combination that
    leaves less than ``min_rest_minutes`` is forbidden. With the defaults a night (wrap
    02:00) cannot be followed the next morning by a day call at 07:00 (5 h of rest), but
    can by another night (call 16:00, 14 h) or, after a weekend, by anything.
    """

    min_rest_minutes: int = 11 * 60
    day_call: int = 7 * 60
    day_wrap: int = 19 * 60
    night_call: int = 16 * 60
    night_wrap: int = 26 * 60

    def rest(self, *, gap: int, wraps_late: bool, calls_early: bool) -> int:
        wrap = self.night_wrap if wraps_late else self.day_wrap
        call = self.day_call if calls_early else self.night_call
        return gap * MINUTES_PER_DAY + call - wrap

    def is_allowed(self, *, gap: int, wraps_late: bool, calls_early: bool) -> bool:
        return self.rest(gap=gap, wraps_late=wraps_late, calls_early=calls_early) >= self.min_rest_minutes


@dataclass(frozen=True, slots=True)
class Weights:
    """What each unit of the objective's terms costs, in cents (see data/planning_weights.json).

    The cast's days are paid at their own rates; these weigh the rest against them.
    """

    shooting_day: int
    company_move: int
    location_change: int
    split_day: int
    day_night_switch: int


@dataclass(frozen=True, slots=True)
class PlanningProblem:
    scenes: tuple[Scene, ...]
    cast: tuple[CastMember, ...]
    locations: tuple[Location, ...]
    calendar: ShootingCalendar
    groups: tuple[SceneGroup, ...] = ()
    limits: Limits = Limits()
    rest: RestRules = RestRules()
    weights: Weights = field(default_factory=lambda: default_weights())
    pace: Pace | None = None
    """How long a page takes, for scenes without their own estimate."""
    name: str = ""


@cache
def _weights_file() -> dict[str, object]:
    data: dict[str, object] = json.loads((DATA / "planning_weights.json").read_text(encoding="utf-8"))
    return data


def weights_version() -> int:
    version = _weights_file()["version"]
    assert isinstance(version, int)
    return version


def default_weights() -> Weights:
    """The shipped weights, each documented with its reasoning in the data file."""
    raw = _weights_file()["weights"]
    assert isinstance(raw, dict)
    return Weights(**{name: int(entry["cents"]) for name, entry in raw.items()})
