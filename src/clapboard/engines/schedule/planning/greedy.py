"""The plan a first assistant director lays out by hand: the baseline and the solver's hint.

Night work goes at the end of the weeks, so that the rest after a night falls on the
weekend: for a shoot of a given length, the days needed for the night scenes (at 90 %
of a full day) are taken from the ends of the weeks, one per week from the last week
back, then a second one per week, and so on. Then the scenes are taken: first those held
to some days by a window (the earliest deadline first), then location by location (the
locations with windows first, the others by how long their scenes take), within a
location by cast, and each goes on the first day of its kind (a night day for a night
scene, another day otherwise) from the current one where it fits: its cast, location and
fixed or earliest/latest day allow the day, the day's minutes, pages and children's hours
stay under the limits, and the rest rule holds with the days around it. Scenes fixed on a
day go first; scenes of a same-day group travel together; each scene of a
consecutive-days group goes on the day of the previous one or the next.

The shortest shoot, from the fewest days the minutes need, on which every scene fits
is kept. When no length works, the longest attempt is returned with the scenes that fit
nowhere on the emptiest day they may take: the plan breaks a rule (``check_plan`` says
which), which a hint may do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from clapboard.engines.schedule.planning.bounds import minimum_days
from clapboard.engines.schedule.planning.model import GroupKind
from clapboard.engines.schedule.planning.validate import IndexedProblem

_NEARLY_FULL = 30  # minutes left under which a day is taken as full


@dataclass(slots=True)
class _Board:
    indexed: IndexedProblem
    days: list[list[int]]
    minutes: list[int]
    eighths: list[int]
    child_minutes: dict[tuple[int, int], int] = field(default_factory=dict)
    misplaced: list[list[int]] = field(default_factory=list)
    """Units put where they break a rule, because they fit nowhere."""

    def flags(self, day: int, extra: Sequence[int] = ()) -> tuple[bool, bool, bool]:
        """(holds a night scene, holds a day-side scene, holds any scene), with ``extra`` added."""
        scenes = [*self.days[day], *extra]
        nights = [self.indexed.is_night[s] for s in scenes]
        return any(nights), not all(nights), bool(scenes)

    def fits(self, unit: Sequence[int], day: int) -> bool:
        indexed = self.indexed
        limits = indexed.problem.limits
        if any(day not in indexed.allowed_days(s) for s in unit):
            return False
        minutes = sum(indexed.minutes[s] for s in unit)
        if (
            limits.max_minutes_per_day is not None
            and self.minutes[day] + minutes > limits.max_minutes_per_day
        ):
            return False
        eighths = sum(indexed.eighths[s] for s in unit)
        if (
            limits.max_eighths_per_day is not None
            and self.eighths[day] + eighths > limits.max_eighths_per_day
        ):
            return False
        return self._children_fit(unit, day) and self._rest_fits(unit, day)

    def _children_fit(self, unit: Sequence[int], day: int) -> bool:
        cast = self.indexed.problem.cast
        for member in {c for s in unit for c in self.indexed.scene_cast[s]}:
            limit = cast[member].max_minutes_per_day
            if limit is None:
                continue
            worked = sum(self.indexed.minutes[s] for s in unit if member in self.indexed.scene_cast[s])
            if self.child_minutes.get((member, day), 0) + worked > limit:
                return False
        return True

    def _rest_fits(self, unit: Sequence[int], day: int) -> bool:
        rest = self.indexed.problem.rest
        calendar = self.indexed.problem.calendar
        night, day_side, _ = self.flags(day, unit)
        if day > 0:
            before_night, _, _ = self.flags(day - 1)
            gap = calendar.gap_after(day - 1)
            if not rest.is_allowed(gap=gap, wraps_late=before_night, calls_early=day_side):
                return False
        if day + 1 < len(self.days):
            _, after_day_side, after_any = self.flags(day + 1)
            gap = calendar.gap_after(day)
            if after_any and not rest.is_allowed(gap=gap, wraps_late=night, calls_early=after_day_side):
                return False
        return True

    def place(self, unit: Sequence[int], day: int) -> None:
        indexed = self.indexed
        self.days[day].extend(unit)
        self.minutes[day] += sum(indexed.minutes[s] for s in unit)
        self.eighths[day] += sum(indexed.eighths[s] for s in unit)
        for s in unit:
            for member in indexed.scene_cast[s]:
                if indexed.problem.cast[member].max_minutes_per_day is not None:
                    key = (member, day)
                    self.child_minutes[key] = self.child_minutes.get(key, 0) + indexed.minutes[s]

    def is_full(self, day: int) -> bool:
        limit = self.indexed.problem.limits.max_minutes_per_day
        return limit is not None and self.minutes[day] > limit - _NEARLY_FULL


def _same_day_units(indexed: IndexedProblem) -> list[list[int]]:
    """Scenes that must share a day, merged (two groups with a scene in common are one unit)."""
    owner = list(range(indexed.scene_count))

    def root(s: int) -> int:
        while owner[s] != s:
            owner[s] = owner[owner[s]]
            s = owner[s]
        return s

    for kind, scenes in indexed.groups:
        if kind is GroupKind.SAME_DAY:
            for s in scenes[1:]:
                owner[root(s)] = root(scenes[0])
    units: dict[int, list[int]] = {}
    for s in range(indexed.scene_count):
        units.setdefault(root(s), []).append(s)
    return list(units.values())


def _hand_order(indexed: IndexedProblem, units: list[list[int]]) -> list[list[int]]:
    problem = indexed.problem
    place_minutes = [sum(indexed.minutes[s] for s in scenes) for scenes in indexed.location_scenes]

    def place_rank(place: int) -> tuple[int, int, int]:
        window = indexed.location_days[place]
        return (0 if window is not None else 1, max(window) if window else 0, -place_minutes[place])

    places = sorted(range(len(problem.locations)), key=place_rank)
    rank_of_place = {place: rank for rank, place in enumerate(places)}

    every_day = frozenset(range(indexed.shoot_length))

    def key(unit: list[int]) -> tuple[int, int, int, tuple[int, ...], int, int]:
        head = unit[0]
        allowed = frozenset.intersection(*(indexed.allowed_days(s) for s in unit))
        # Scenes held to some days (an actor's or a location's window) are laid out first,
        # the earliest deadline first, as a person pencils in the fixed points.
        deadline = max(allowed, default=0) if allowed != every_day else len(every_day)
        cast = tuple(sorted(indexed.scene_cast[head], key=lambda c: -problem.cast[c].daily_rate))
        place = rank_of_place[indexed.scene_location[head]]
        return (int(allowed == every_day), deadline, place, cast, int(indexed.is_night[head]), head)

    return sorted(units, key=key)


def greedy_days(indexed: IndexedProblem) -> list[list[int]]:
    """Scene positions per shooting day (in the order placed), trailing empty days dropped."""
    units = _same_day_units(indexed)
    attempt: _Board | None = None
    for length in range(min(minimum_days(indexed), indexed.shoot_length), indexed.shoot_length + 1):
        attempt = _attempt(indexed, units, length)
        if not attempt.misplaced:
            break
    assert attempt is not None
    days = attempt.days
    while days and not days[-1]:
        days.pop()
    return days


def _night_days(indexed: IndexedProblem, units: list[list[int]], length: int) -> set[int]:
    """The days kept for night work: at the ends of the weeks, spread over the weeks."""
    limit = indexed.problem.limits.max_minutes_per_day
    minutes = sum(indexed.minutes[s] for unit in units for s in unit if _is_night_unit(indexed, unit))
    if not minutes:
        return set()
    wanted = math.ceil(minutes / (0.9 * limit)) if limit is not None else 1
    calendar = indexed.problem.calendar
    weeks: list[list[int]] = [[]]
    for d in range(length):
        weeks[-1].append(d)
        if d + 1 < length and calendar.gap_after(d) > 1:
            weeks.append([])
    chosen: set[int] = set()
    for depth in range(1, length + 1):
        for week in reversed(weeks):
            if len(chosen) >= min(wanted, length):
                return chosen
            if depth <= len(week):
                chosen.add(week[-depth])
    return chosen


def _is_night_unit(indexed: IndexedProblem, unit: Sequence[int]) -> bool:
    return all(indexed.is_night[s] for s in unit)


def _attempt(indexed: IndexedProblem, units: list[list[int]], length: int) -> _Board:
    board = _Board(indexed, [[] for _ in range(length)], [0] * length, [0] * length)
    nights = _night_days(indexed, units, length)
    pools = {True: sorted(nights), False: [d for d in range(length) if d not in nights]}
    cursors = {True: 0, False: 0}
    fixed = [unit for unit in units if any(indexed.fixed_day[s] is not None for s in unit)]
    chain_of = _chain_of_unit(indexed, units)
    placed: set[int] = set()
    for unit in fixed + [u for u in _hand_order(indexed, units) if u not in fixed]:
        if id(unit) in placed:
            continue
        chain = chain_of.get(id(unit), [unit])
        placed.update(id(member) for member in chain)
        previous: int | None = None
        for member in chain:
            if previous is None or not _try(board, member, [previous, previous + 1]):
                if previous is not None:
                    board.misplaced.append(list(member))  # the run of days is broken
                kind = _is_night_unit(indexed, member)
                cursors[kind] = _place(board, member, pools[kind], cursors[kind])
            previous = next(d for d, day in enumerate(board.days) if member[0] in day)
    return board


def _try(board: _Board, unit: Sequence[int], days: Sequence[int]) -> bool:
    for day in days:
        if 0 <= day < len(board.days) and board.fits(unit, day):
            board.place(unit, day)
            return True
    return False


def _place(board: _Board, unit: Sequence[int], pool: Sequence[int], cursor: int) -> int:
    """Place a unit on a day of its pool from the cursor on, else on any day of its pool, else
    on any day at all, else where it breaks fewest rules; the new cursor skips full days."""
    others = [d for d in range(len(board.days)) if d not in set(pool)]
    if not _try(board, unit, [*pool[cursor:], *pool[:cursor], *others]):
        length = len(board.days)
        allowed = set.intersection(*(set(board.indexed.allowed_days(s)) for s in unit)) & set(range(length))
        allowed = allowed or set(range(length))
        board.place(unit, min(allowed, key=lambda d: (board.minutes[d], d)))
        board.misplaced.append(list(unit))
    while cursor < len(pool) - 1 and board.is_full(pool[cursor]):
        cursor += 1
    return cursor


def _chain_of_unit(indexed: IndexedProblem, units: list[list[int]]) -> dict[int, list[list[int]]]:
    """For each unit (by ``id``) in a consecutive-days group, the group's units in its order."""
    unit_of = {s: unit for unit in units for s in unit}
    chains: dict[int, list[list[int]]] = {}
    for kind, scenes in indexed.groups:
        if kind is not GroupKind.CONSECUTIVE_DAYS:
            continue
        chain: list[list[int]] = []
        for s in scenes:
            if all(unit_of[s] is not other for other in chain):
                chain.append(unit_of[s])
        for unit in chain:
            chains.setdefault(id(unit), chain)
    return chains
