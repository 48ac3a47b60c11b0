"""The order of scenes within each shooting day, once the days are chosen.

The objective only depends on which scenes share a day; the order is what a first
assistant director would do with them: each location's scenes together (so a day has
exactly one move per extra location), the location shared with the day before first and
the one shared with the day after last (so that no move is added between days), day-side
locations before night-only ones, and within a location dawn, day, dusk, then night.
"""

from __future__ import annotations

from collections.abc import Sequence

from clapboard.engines.schedule.planning.model import DayPart
from clapboard.engines.schedule.planning.validate import IndexedProblem

_PART_ORDER = {DayPart.DAWN: 0, DayPart.DAY: 1, DayPart.DUSK: 2, DayPart.NIGHT: 3}


def order_days(indexed: IndexedProblem, days: Sequence[Sequence[int]]) -> list[list[int]]:
    """Each day's scene positions in shooting order."""
    places = [{indexed.scene_location[s] for s in day} for day in days]
    ordered = []
    for d, day in enumerate(days):
        before = places[d - 1] if d > 0 else set()
        after = places[d + 1] if d + 1 < len(days) else set()
        ordered.append(_order_day(indexed, day, before, after))
    return ordered


def _order_day(indexed: IndexedProblem, day: Sequence[int], before: set[int], after: set[int]) -> list[int]:
    scenes = indexed.problem.scenes
    by_place: dict[int, list[int]] = {}
    for s in day:
        by_place.setdefault(indexed.scene_location[s], []).append(s)

    def place_key(place: int) -> tuple[int, int, int, int]:
        night_only = all(indexed.is_night[s] for s in by_place[place])
        first = 0 if place in before else 1
        last = 1 if place in after else 0
        return (first, last, int(night_only), place)

    ordered = []
    for place in sorted(by_place, key=place_key):
        ordered += sorted(by_place[place], key=lambda s: (_PART_ORDER[scenes[s].day_part], s))
    return ordered
