"""The plan a first assistant director lays out by hand: the baseline and the solver's hint.

Scenes are taken location by location (the locations with availability windows first,
the others by how long their scenes take), and within a location by cast, day-side
scenes before night ones. Each is put on the first day from the current one where it
fits: its cast, location and fixed or earliest/latest day allow the day, the day's
minutes, pages and children's hours stay under the limits, and the rest rule holds with
the days around it. Scenes fixed on a day go first; scenes of a same-day group travel
together; each scene of a consecutive-days group goes on the day of the previous one or
the next. When nothing fits, the scene goes on the emptiest day it may take, and the
plan breaks a rule (``check_plan`` says which): a hint need not be valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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

    def key(unit: list[int]) -> tuple[int, tuple[int, ...], int, int]:
        head = unit[0]
        cast = tuple(sorted(indexed.scene_cast[head], key=lambda c: -problem.cast[c].daily_rate))
        return (rank_of_place[indexed.scene_location[head]], cast, int(indexed.is_night[head]), head)

    return sorted(units, key=key)


def greedy_days(indexed: IndexedProblem) -> list[list[int]]:
    """Scene positions per shooting day (in the order placed), trailing empty days dropped."""
    length = indexed.shoot_length
    board = _Board(indexed, [[] for _ in range(length)], [0] * length, [0] * length)
    units = _same_day_units(indexed)
    fixed = [unit for unit in units if any(indexed.fixed_day[s] is not None for s in unit)]
    chain_of = _chain_of_unit(indexed, units)
    placed: set[int] = set()
    cursor = 0
    for unit in fixed + [u for u in _hand_order(indexed, units) if u not in fixed]:
        if id(unit) in placed:
            continue
        for member in chain_of.get(id(unit), [unit]):
            placed.add(id(member))
        if id(unit) in chain_of:
            cursor = _place_chain(board, chain_of[id(unit)], cursor)
        else:
            cursor = _place(board, unit, cursor)
    while board.days and not board.days[-1]:
        board.days.pop()
    return board.days


def _place_chain(board: _Board, chain: list[list[int]], cursor: int) -> int:
    """A consecutive-days group: each unit on the day of the previous one or the next."""
    previous: int | None = None
    for unit in chain:
        if previous is None or not _try(board, unit, [previous, previous + 1]):
            cursor = _place(board, unit, cursor)
        previous = next(d for d, day in enumerate(board.days) if unit[0] in day)
    return cursor


def _try(board: _Board, unit: Sequence[int], days: Sequence[int]) -> bool:
    for day in days:
        if 0 <= day < len(board.days) and board.fits(unit, day):
            board.place(unit, day)
            return True
    return False


def _place(board: _Board, unit: Sequence[int], cursor: int) -> int:
    """Place a unit from the cursor on (else anywhere, else where it breaks fewest rules);
    the new cursor skips the days that are full."""
    length = len(board.days)
    order = [*range(cursor, length), *range(cursor)]
    if not _try(board, unit, order):
        allowed = set.intersection(*(set(board.indexed.allowed_days(s)) for s in unit)) or set(range(length))
        board.place(unit, min(allowed, key=lambda d: (board.minutes[d], d)))
    while cursor < length - 1 and board.is_full(cursor):
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
