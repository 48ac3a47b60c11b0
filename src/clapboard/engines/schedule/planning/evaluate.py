"""What a plan costs, term by term, and which hard rules it breaks.

A ``Plan`` lists, for each shooting day of the calendar from the first, the scene ids
shot that day in order. The shoot runs from day 0 to the plan's last day: an empty day in
between is still a paid shooting day.

The objective's terms, each counted here exactly as the CP-SAT model counts them (so
that the model's bound is a bound on this cost):

* cast: each cast member is paid their daily rate for every day from their first to
  their last shooting day: work days plus hold days;
* shooting days: the length of the shoot;
* company moves: on each day, the number of distinct locations minus one (the order
  within the day puts each location's scenes together, so no location is left twice);
* location changes: consecutive shooting days that share no location (the unit base
  moves overnight); when they share one, the order puts it last and first;
* split days: days holding both a night scene and a day-side one;
* day/night switches: consecutive shooting days of which one holds a night scene and
  the other none.

``check_plan`` is independent of the solver: it re-reads the problem and checks every
hard rule, so tests and the app can trust a plan whatever produced it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from clapboard.engines.schedule.planning.model import GroupKind, PlanningProblem
from clapboard.engines.schedule.planning.validate import IndexedProblem, hours, validate_problem

Assignment = Sequence[Sequence[int]]
"""Scene positions per shooting day, in shooting order."""


@dataclass(frozen=True, slots=True)
class Plan:
    days: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class CastCost:
    cast_id: str
    name: str
    daily_rate: int
    work_days: int
    hold_days: int
    first_day: int | None
    last_day: int | None

    @property
    def cost(self) -> int:
        return self.daily_rate * (self.work_days + self.hold_days)


@dataclass(frozen=True, slots=True)
class PlanCost:
    """The counts behind the objective and what each costs, in cents."""

    shooting_days: int
    company_moves: int
    location_changes: int
    split_days: int
    day_night_switches: int
    cast: tuple[CastCost, ...]
    terms: dict[str, int]
    """Cents per term: "cast", "shooting_days", "company_moves", "location_changes",
    "split_days", "day_night_switches"."""

    @property
    def total(self) -> int:
        return sum(self.terms.values())


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    message: str


def _day_flags(indexed: IndexedProblem, day: Sequence[int]) -> tuple[bool, bool]:
    """(holds a night scene, holds a day-side scene)."""
    nights = [indexed.is_night[s] for s in day]
    return any(nights), not all(nights)


def cost_of_assignment(indexed: IndexedProblem, days: Assignment) -> PlanCost:
    """The cost of scenes placed on days (positions); the order within a day does not matter."""
    weights = indexed.problem.weights
    locations = [{indexed.scene_location[s] for s in day} for day in days]
    flags = [_day_flags(indexed, day) for day in days]
    company_moves = sum(max(len(places) - 1, 0) for places in locations)
    location_changes = sum(1 for before, after in itertools.pairwise(locations) if not before & after)
    split_days = sum(1 for night, day_side in flags if night and day_side)
    switches = sum(1 for (night, _), (next_night, _) in itertools.pairwise(flags) if night != next_night)
    cast = tuple(_cast_cost(indexed, member, days) for member in range(len(indexed.problem.cast)))
    terms = {
        "cast": sum(item.cost for item in cast),
        "shooting_days": weights.shooting_day * len(days),
        "company_moves": weights.company_move * company_moves,
        "location_changes": weights.location_change * location_changes,
        "split_days": weights.split_day * split_days,
        "day_night_switches": weights.day_night_switch * switches,
    }
    return PlanCost(
        shooting_days=len(days),
        company_moves=company_moves,
        location_changes=location_changes,
        split_days=split_days,
        day_night_switches=switches,
        cast=cast,
        terms=terms,
    )


def _cast_cost(indexed: IndexedProblem, member: int, days: Assignment) -> CastCost:
    info = indexed.problem.cast[member]
    worked = [d for d, day in enumerate(days) if any(member in indexed.scene_cast[s] for s in day)]
    if not worked:
        return CastCost(info.id, info.name, info.daily_rate, 0, 0, None, None)
    span = worked[-1] - worked[0] + 1
    return CastCost(
        info.id, info.name, info.daily_rate, len(worked), span - len(worked), worked[0], worked[-1]
    )


def positions_of(indexed: IndexedProblem, plan: Plan) -> list[list[int]]:
    """The plan's days as scene positions; unknown ids are dropped (``check_plan`` reports them)."""
    return [[indexed.scene_position[s] for s in day if s in indexed.scene_position] for day in plan.days]


def evaluate_plan(problem: PlanningProblem, plan: Plan) -> PlanCost:
    indexed = validate_problem(problem)
    return cost_of_assignment(indexed, positions_of(indexed, plan))


def check_plan(problem: PlanningProblem, plan: Plan) -> list[Violation]:
    """Every hard rule the plan breaks, in words; an empty list for a valid plan."""
    indexed = validate_problem(problem)
    found = _check_scenes_once(indexed, plan)
    days = positions_of(indexed, plan)
    found += _check_length(indexed, days)
    found += _check_days_of_scenes(indexed, days)
    found += _check_day_limits(indexed, days)
    found += _check_groups(indexed, days)
    found += _check_rest(indexed, days)
    return found


def _check_scenes_once(indexed: IndexedProblem, plan: Plan) -> list[Violation]:
    found = []
    counts: dict[str, int] = {}
    for day in plan.days:
        for scene_id in day:
            counts[scene_id] = counts.get(scene_id, 0) + 1
            if scene_id not in indexed.scene_position:
                found.append(Violation("scenes", f"scene {scene_id!r} is not in the problem"))
    for scene in indexed.problem.scenes:
        count = counts.get(scene.id, 0)
        if count != 1:
            found.append(Violation("scenes", f"scene {scene.id!r} is planned {count} times, not once"))
    return found


def _check_length(indexed: IndexedProblem, days: Assignment) -> list[Violation]:
    found = []
    if len(days) > indexed.day_count:
        found.append(Violation("calendar", f"{len(days)} days, but the calendar has {indexed.day_count}"))
    limit = indexed.problem.limits.max_shooting_days
    if limit is not None and len(days) > limit:
        found.append(Violation("max_shooting_days", f"{len(days)} shooting days, more than {limit}"))
    return found


def _check_days_of_scenes(indexed: IndexedProblem, days: Assignment) -> list[Violation]:
    problem = indexed.problem
    found = []
    for d, day in enumerate(days):
        for s in day:
            scene = problem.scenes[s]
            label = indexed.day_label(d)
            for member in indexed.scene_cast[s]:
                window = indexed.cast_days[member]
                if window is not None and d not in window:
                    name = problem.cast[member].name
                    found.append(
                        Violation(
                            "cast_availability", f"scene {scene.id}: {name} is not available on {label}"
                        )
                    )
            window = indexed.location_days[indexed.scene_location[s]]
            if window is not None and d not in window:
                place = problem.locations[indexed.scene_location[s]].name
                found.append(
                    Violation(
                        "location_availability", f"scene {scene.id}: {place} is not available on {label}"
                    )
                )
            if (fixed := indexed.fixed_day[s]) is not None and fixed != d:
                found.append(
                    Violation(
                        "fixed_day",
                        f"scene {scene.id} is fixed on {indexed.day_label(fixed)}, planned on {label}",
                    )
                )
            first, last = indexed.earliest[s], indexed.latest[s]
            if (first is not None and d < first) or (last is not None and d > last):
                found.append(
                    Violation("scene_window", f"scene {scene.id} is planned on {label}, outside its days")
                )
    return found


def _check_day_limits(indexed: IndexedProblem, days: Assignment) -> list[Violation]:
    problem = indexed.problem
    limits = problem.limits
    found = []
    for d, day in enumerate(days):
        label = indexed.day_label(d)
        minutes = sum(indexed.minutes[s] for s in day)
        if limits.max_minutes_per_day is not None and minutes > limits.max_minutes_per_day:
            found.append(
                Violation(
                    "max_minutes_per_day",
                    f"{label} lasts {hours(minutes)}, more than {hours(limits.max_minutes_per_day)}",
                )
            )
        eighths = sum(indexed.eighths[s] for s in day)
        if limits.max_eighths_per_day is not None and eighths > limits.max_eighths_per_day:
            found.append(
                Violation(
                    "max_eighths_per_day",
                    f"{label} holds {eighths} eighths, more than {limits.max_eighths_per_day}",
                )
            )
        for member, info in enumerate(problem.cast):
            if info.max_minutes_per_day is None:
                continue
            worked = sum(indexed.minutes[s] for s in day if member in indexed.scene_cast[s])
            if worked > info.max_minutes_per_day:
                found.append(
                    Violation(
                        "cast_hours",
                        f"{info.name} works {hours(worked)} on {label}, more than {hours(info.max_minutes_per_day)}",
                    )
                )
    return found


def _check_groups(indexed: IndexedProblem, days: Assignment) -> list[Violation]:
    day_of = {s: d for d, day in enumerate(days) for s in day}
    found = []
    for number, (kind, scenes) in enumerate(indexed.groups):
        if any(s not in day_of for s in scenes):
            continue  # reported as a missing scene
        used = {day_of[s] for s in scenes}
        ids = ", ".join(indexed.scene_id(s) for s in scenes)
        name = indexed.problem.groups[number].name or ids
        if kind is GroupKind.SAME_DAY and len(used) > 1:
            found.append(Violation("same_day", f"group {name}: scenes on {len(used)} different days"))
        if kind is GroupKind.CONSECUTIVE_DAYS and max(used) - min(used) + 1 != len(used):
            found.append(Violation("consecutive_days", f"group {name}: the days are not consecutive"))
    return found


def _check_rest(indexed: IndexedProblem, days: Assignment) -> list[Violation]:
    rest = indexed.problem.rest
    calendar = indexed.problem.calendar
    found = []
    for d in range(len(days) - 1):
        if d + 1 >= indexed.day_count:
            break
        wraps_late, _ = _day_flags(indexed, days[d])
        _, calls_early = _day_flags(indexed, days[d + 1])
        if not days[d]:
            wraps_late = False
        if not days[d + 1]:
            continue
        gap = calendar.gap_after(d)
        if not rest.is_allowed(gap=gap, wraps_late=wraps_late, calls_early=calls_early):
            minutes = rest.rest(gap=gap, wraps_late=wraps_late, calls_early=calls_early)
            found.append(
                Violation(
                    "rest",
                    f"only {hours(max(minutes, 0))} of rest between {indexed.day_label(d)} and "
                    f"{indexed.day_label(d + 1)}, less than {hours(rest.min_rest_minutes)}",
                )
            )
    return found
