"""Check a planning problem and turn it into positions, before any solving.

``validate_problem`` raises ``PlanningError`` naming the first bad id and field (an
unknown cast id in a scene, a negative length, a window outside the calendar, a child
without a limit on their hours…). What it returns, ``IndexedProblem``, is what the
planner's other modules read: scenes, cast and locations by position, every day
reference resolved to calendar indexes, and each scene's estimated minutes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from clapboard.engines.schedule.board import format_minutes
from clapboard.engines.schedule.planning.model import (
    DayRef,
    GroupKind,
    PlanningError,
    PlanningProblem,
    Window,
)


@dataclass(frozen=True, slots=True)
class IndexedProblem:
    """A checked problem by positions (scenes, cast and locations in the problem's order)."""

    problem: PlanningProblem
    day_count: int
    minutes: tuple[int, ...]
    eighths: tuple[int, ...]
    scene_location: tuple[int, ...]
    scene_cast: tuple[tuple[int, ...], ...]
    is_night: tuple[bool, ...]
    cast_scenes: tuple[tuple[int, ...], ...]
    location_scenes: tuple[tuple[int, ...], ...]
    cast_days: tuple[frozenset[int] | None, ...]
    """Days each cast member is available; None when always."""
    location_days: tuple[frozenset[int] | None, ...]
    fixed_day: tuple[int | None, ...]
    earliest: tuple[int | None, ...]
    latest: tuple[int | None, ...]
    groups: tuple[tuple[GroupKind, tuple[int, ...]], ...]
    scene_position: dict[str, int]

    @property
    def scene_count(self) -> int:
        return len(self.minutes)

    def scene_id(self, scene: int) -> str:
        return self.problem.scenes[scene].id

    def allowed_days(self, scene: int) -> frozenset[int]:
        """The days a scene may go on for its own reasons: cast, location, fixed or earliest/latest
        day and the maximum number of days (not the limits on hours, rest or groups)."""
        days = set(range(self.shoot_length))
        for member in self.scene_cast[scene]:
            if (window := self.cast_days[member]) is not None:
                days &= window
        if (window := self.location_days[self.scene_location[scene]]) is not None:
            days &= window
        if (fixed := self.fixed_day[scene]) is not None:
            days &= {fixed}
        if (first := self.earliest[scene]) is not None:
            days = {d for d in days if d >= first}
        if (last := self.latest[scene]) is not None:
            days = {d for d in days if d <= last}
        return frozenset(days)

    @property
    def shoot_length(self) -> int:
        """The most days the shoot may use: the calendar, cut by the maximum number of days."""
        limit = self.problem.limits.max_shooting_days
        return self.day_count if limit is None else min(limit, self.day_count)

    def day_label(self, day: int) -> str:
        """How a person reads a day: its date when the calendar has dates, else "day 4" (from 1)."""
        dates = self.problem.calendar.dates
        return format_date(dates[day]) if dates else f"day {day + 1}"

    def days_label(self, days: frozenset[int]) -> str:
        """A set of days as runs: "4-8 May 2026, 11 May 2026" or "days 3-7, 9"."""
        return describe_days(sorted(days), self.problem.calendar.dates)


def format_date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def describe_days(days: Sequence[int], dates: Sequence[dt.date]) -> str:
    if not days:
        return "no day"
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    if dates:
        return ", ".join(_date_run(dates[a], dates[b]) for a, b in runs)
    parts = [f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in runs]
    return ("day " if len(days) == 1 else "days ") + ", ".join(parts)


def _date_run(first: dt.date, last: dt.date) -> str:
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last:%b %Y}"
    return f"{first.day} {first:%b} - {last.day} {last:%b %Y}"


def _resolve_day(ref: DayRef, problem: PlanningProblem, where: str) -> int:
    calendar = problem.calendar
    if isinstance(ref, dt.date):
        if not calendar.dates:
            raise PlanningError(f"{where}: {ref.isoformat()} is a date, but the calendar has no dates")
        if ref not in calendar.dates:
            raise PlanningError(f"{where}: {ref.isoformat()} is not a shooting date of the calendar")
        return calendar.dates.index(ref)
    if isinstance(ref, bool) or not isinstance(ref, int):
        raise PlanningError(f"{where}: {ref!r} is neither a day index nor a date")
    if not 0 <= ref < calendar.length:
        raise PlanningError(f"{where}: day index {ref} is outside the calendar (0 to {calendar.length - 1})")
    return ref


def _window_days(window: Window, problem: PlanningProblem, where: str) -> set[int]:
    first, last = window.first, window.last
    dates = problem.calendar.dates
    if isinstance(first, dt.date) and isinstance(last, dt.date):
        if not dates:
            raise PlanningError(f"{where}: the window is given in dates, but the calendar has no dates")
        if last < first:
            raise PlanningError(f"{where}: the window ends ({last}) before it starts ({first})")
        days = {index for index, date in enumerate(dates) if first <= date <= last}
        if not days:
            raise PlanningError(f"{where}: the window {first} to {last} holds no date of the calendar")
        return days
    if isinstance(first, dt.date) or isinstance(last, dt.date):
        raise PlanningError(f"{where}: a window is two day indexes or two dates, not one of each")
    start = _resolve_day(first, problem, where)
    end = _resolve_day(last, problem, where)
    if end < start:
        raise PlanningError(f"{where}: the window ends (day index {end}) before it starts ({start})")
    return set(range(start, end + 1))


def _availability(windows: tuple[Window, ...], problem: PlanningProblem, where: str) -> frozenset[int] | None:
    if not windows:
        return None
    days: set[int] = set()
    for window in windows:
        days |= _window_days(window, problem, where)
    return frozenset(days)


def _unique_ids(ids: Sequence[str], kind: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, item_id in enumerate(ids):
        if not isinstance(item_id, str) or not item_id.strip():
            raise PlanningError(f"{kind} at position {position}: the id must be a non-empty string")
        if item_id in positions:
            raise PlanningError(f"{kind} {item_id!r}: the id appears twice")
        positions[item_id] = position
    return positions


def _check_limits(problem: PlanningProblem) -> None:
    limits = problem.limits
    for name in ("max_minutes_per_day", "max_eighths_per_day", "max_shooting_days"):
        value = getattr(limits, name)
        if value is not None and value <= 0:
            raise PlanningError(f"limits: {name} must be positive, not {value}")
    if problem.calendar.length <= 0:
        raise PlanningError("calendar: there is no shooting day")
    dates = problem.calendar.dates
    if any(later <= earlier for earlier, later in itertools.pairwise(dates)):
        raise PlanningError("calendar: the dates must be in increasing order, without repeats")
    for name in ("shooting_day", "company_move", "location_change", "split_day", "day_night_switch"):
        if getattr(problem.weights, name) < 0:
            raise PlanningError(f"weights: {name} is negative")
    if problem.rest.min_rest_minutes < 0:
        raise PlanningError("rest: min_rest_minutes is negative")


def _scene_minutes(problem: PlanningProblem) -> tuple[int, ...]:
    minutes = []
    for scene in problem.scenes:
        where = f"scene {scene.id!r}"
        if scene.eighths < 0:
            raise PlanningError(f"{where}: eighths is negative ({scene.eighths})")
        if scene.minutes is None:
            if problem.pace is None:
                raise PlanningError(
                    f"{where}: no estimated minutes, and the problem has no pace to derive them"
                )
            minutes.append(problem.pace.minutes(scene.eighths))
        elif scene.minutes < 0:
            raise PlanningError(f"{where}: minutes is negative ({scene.minutes})")
        else:
            minutes.append(scene.minutes)
    return tuple(minutes)


def _check_cast(problem: PlanningProblem) -> None:
    for member in problem.cast:
        where = f"cast {member.id!r}"
        if isinstance(member.daily_rate, bool) or not isinstance(member.daily_rate, int):
            raise PlanningError(f"{where}: daily_rate must be whole cents, not {member.daily_rate!r}")
        if member.daily_rate < 0:
            raise PlanningError(f"{where}: daily_rate is negative ({member.daily_rate})")
        if member.is_child and member.max_minutes_per_day is None:
            raise PlanningError(f"{where}: a child needs max_minutes_per_day")
        if member.max_minutes_per_day is not None and member.max_minutes_per_day <= 0:
            raise PlanningError(f"{where}: max_minutes_per_day must be positive")


def _groups(
    problem: PlanningProblem, scenes: dict[str, int]
) -> tuple[tuple[GroupKind, tuple[int, ...]], ...]:
    groups = []
    for number, group in enumerate(problem.groups):
        where = f"group {group.name or number}"
        if len(group.scenes) < 2:
            raise PlanningError(f"{where}: a group needs at least two scenes")
        unknown = [scene_id for scene_id in group.scenes if scene_id not in scenes]
        if unknown:
            raise PlanningError(f"{where}: unknown scene id {unknown[0]!r}")
        if len(set(group.scenes)) != len(group.scenes):
            raise PlanningError(f"{where}: a scene is listed twice")
        groups.append((group.kind, tuple(scenes[scene_id] for scene_id in group.scenes)))
    return tuple(groups)


def validate_problem(problem: PlanningProblem) -> IndexedProblem:
    """The problem by positions; ``PlanningError`` names the first bad id and field."""
    if not problem.scenes:
        raise PlanningError("scenes: there is no scene to plan")
    _check_limits(problem)
    scenes = _unique_ids([s.id for s in problem.scenes], "scene")
    cast = _unique_ids([c.id for c in problem.cast], "cast")
    locations = _unique_ids([loc.id for loc in problem.locations], "location")
    _check_cast(problem)
    minutes = _scene_minutes(problem)
    scene_cast: list[tuple[int, ...]] = []
    scene_location: list[int] = []
    for scene in problem.scenes:
        where = f"scene {scene.id!r}"
        if scene.location not in locations:
            raise PlanningError(f"{where}: unknown location id {scene.location!r}")
        unknown = [member for member in scene.cast if member not in cast]
        if unknown:
            raise PlanningError(f"{where}: unknown cast id {unknown[0]!r}")
        if len(set(scene.cast)) != len(scene.cast):
            raise PlanningError(f"{where}: a cast id is listed twice")
        scene_location.append(locations[scene.location])
        scene_cast.append(tuple(cast[member] for member in scene.cast))
    fixed = [_optional_day(s.fixed_day, problem, f"scene {s.id!r}: fixed_day") for s in problem.scenes]
    earliest = [_optional_day(s.earliest, problem, f"scene {s.id!r}: earliest") for s in problem.scenes]
    latest = [_optional_day(s.latest, problem, f"scene {s.id!r}: latest") for s in problem.scenes]
    for scene, first, last in zip(problem.scenes, earliest, latest, strict=True):
        if first is not None and last is not None and last < first:
            raise PlanningError(f"scene {scene.id!r}: latest is before earliest")
    return IndexedProblem(
        problem=problem,
        day_count=problem.calendar.length,
        minutes=minutes,
        eighths=tuple(s.eighths for s in problem.scenes),
        scene_location=tuple(scene_location),
        scene_cast=tuple(scene_cast),
        is_night=tuple(s.day_part.is_night for s in problem.scenes),
        cast_scenes=tuple(
            tuple(s for s, members in enumerate(scene_cast) if c in members) for c in range(len(problem.cast))
        ),
        location_scenes=tuple(
            tuple(s for s, place in enumerate(scene_location) if place == loc)
            for loc in range(len(problem.locations))
        ),
        cast_days=tuple(
            _availability(c.availability, problem, f"cast {c.id!r}: availability") for c in problem.cast
        ),
        location_days=tuple(
            _availability(loc.availability, problem, f"location {loc.id!r}: availability")
            for loc in problem.locations
        ),
        fixed_day=tuple(fixed),
        earliest=tuple(earliest),
        latest=tuple(latest),
        groups=_groups(problem, scenes),
        scene_position=scenes,
    )


def _optional_day(ref: DayRef | None, problem: PlanningProblem, where: str) -> int | None:
    return None if ref is None else _resolve_day(ref, problem, where)


def format_eighths(eighths: int) -> str:
    """A length as a script reads it: 21 -> "2 5/8 pages", 3 -> "3/8 page", 16 -> "2 pages"."""
    whole, rest = divmod(eighths, 8)
    if not rest:
        return f"{whole} page" if whole == 1 else f"{whole} pages"
    if not whole:
        return f"{rest}/8 page"
    return f"{whole} {rest}/8 pages"


def hours(minutes: int) -> str:
    """Minutes as a person reads a duration: 600 -> "10 h 00"."""
    return format_minutes(minutes)
