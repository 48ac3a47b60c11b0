"""Why no plan exists: the smallest set of rules that cannot all hold, in words.

Two stages. ``obvious_conflicts`` reads the problem for the conflicts a person spots
on paper, each with its own message: a scene longer than a day, a scene no day suits
(its cast's and location's windows, its fixed day… reduced to the ones that clash), a
same-day group too long for a day, more hours of scenes than the days can hold, in all or
for one actor or location. When none is found and the solver still proves the problem
infeasible, ``explain_infeasibility`` rebuilds the model with one switch per rule
instance ("Anna is available only on 4-8 May", "a shooting day lasts at most 10 h 00",
"scenes 4 and 5 are shot on the same day", "11 h 00 of rest after a night…"), asks CP-SAT
for a set of switches that is infeasible on its own, then shrinks it by deletion: each
member is dropped in turn and kept only if the rest becomes solvable without it. What
remains is minimal: without any one of its rules, a plan exists (unless a re-solve ran out
of time, which ``Infeasibility.is_minimal`` says).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from clapboard.engines.schedule.planning.cpsat_model import build_model
from clapboard.engines.schedule.planning.model import GroupKind
from clapboard.engines.schedule.planning.validate import IndexedProblem, format_eighths, hours


@dataclass(frozen=True, slots=True)
class Infeasibility:
    reasons: tuple[str, ...]
    is_minimal: bool


def obvious_conflicts(indexed: IndexedProblem) -> list[str]:
    """Conflicts found without a solver, each in words; empty when none is obvious."""
    return [
        *_scenes_too_long(indexed),
        *_scenes_without_a_day(indexed),
        *_groups_that_cannot_share_a_day(indexed),
        *_too_much_work(indexed),
    ]


def _scenes_too_long(indexed: IndexedProblem) -> list[str]:
    problem = indexed.problem
    limits = problem.limits
    found = []
    for s in range(indexed.scene_count):
        scene_id = indexed.scene_id(s)
        if limits.max_minutes_per_day is not None and indexed.minutes[s] > limits.max_minutes_per_day:
            found.append(
                f"scene {scene_id} takes {hours(indexed.minutes[s])}, "
                f"more than a shooting day's {hours(limits.max_minutes_per_day)}"
            )
        if limits.max_eighths_per_day is not None and indexed.eighths[s] > limits.max_eighths_per_day:
            found.append(
                f"scene {scene_id} is {format_eighths(indexed.eighths[s])} long, "
                f"more than the {format_eighths(limits.max_eighths_per_day)} of a shooting day"
            )
        for member in indexed.scene_cast[s]:
            info = problem.cast[member]
            if info.max_minutes_per_day is not None and indexed.minutes[s] > info.max_minutes_per_day:
                found.append(
                    f"scene {scene_id} keeps {info.name} {hours(indexed.minutes[s])}, "
                    f"more than the {hours(info.max_minutes_per_day)} {info.name} may work in a day"
                )
    return found


def _day_rules_of(indexed: IndexedProblem, scene: int) -> list[tuple[str, frozenset[int]]]:
    """Each rule on a scene's day, in words, with the days it leaves."""
    problem = indexed.problem
    every = frozenset(range(indexed.day_count))
    rules = []
    for member in indexed.scene_cast[scene]:
        if (days := indexed.cast_days[member]) is not None:
            rules.append(
                (f"{problem.cast[member].name} is available only on {indexed.days_label(days)}", days)
            )
    place = indexed.scene_location[scene]
    if (days := indexed.location_days[place]) is not None:
        rules.append(
            (f"{problem.locations[place].name} is available only on {indexed.days_label(days)}", days)
        )
    if (fixed := indexed.fixed_day[scene]) is not None:
        rules.append((f"it is fixed on {indexed.day_label(fixed)}", frozenset({fixed})))
    first, last = indexed.earliest[scene], indexed.latest[scene]
    if first is not None:
        rules.append(
            (f"it is shot on {indexed.day_label(first)} or later", frozenset(d for d in every if d >= first))
        )
    if last is not None:
        rules.append(
            (f"it is shot on {indexed.day_label(last)} or earlier", frozenset(d for d in every if d <= last))
        )
    limit = problem.limits.max_shooting_days
    if limit is not None and limit < indexed.day_count:
        rules.append((f"the shoot lasts at most {limit} shooting days", frozenset(range(limit))))
    return rules


def _minimal_clash(rules: list[tuple[str, frozenset[int]]]) -> list[str]:
    """The fewest rules, by deletion, whose days have nothing in common."""
    kept = list(rules)
    for rule in list(kept):
        trial = [other for other in kept if other is not rule]
        if trial and not frozenset.intersection(*(days for _, days in trial)):
            kept = trial
    return [words for words, _ in kept]


def _scenes_without_a_day(indexed: IndexedProblem) -> list[str]:
    found = []
    for s in range(indexed.scene_count):
        if not indexed.allowed_days(s):
            reasons = "; ".join(_minimal_clash(_day_rules_of(indexed, s)))
            found.append(f"scene {indexed.scene_id(s)} has no possible day: {reasons}")
    return found


def _names(indexed: IndexedProblem, scenes: Sequence[int]) -> str:
    ids = [indexed.scene_id(s) for s in scenes]
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _groups_that_cannot_share_a_day(indexed: IndexedProblem) -> list[str]:
    limit = indexed.problem.limits.max_minutes_per_day
    found = []
    for kind, scenes in indexed.groups:
        if kind is not GroupKind.SAME_DAY:
            continue
        minutes = sum(indexed.minutes[s] for s in scenes)
        names = _names(indexed, scenes)
        if limit is not None and minutes > limit:
            found.append(
                f"scenes {names} must be shot on the same day but take {hours(minutes)} together, "
                f"more than a shooting day's {hours(limit)}"
            )
        elif all(indexed.allowed_days(s) for s in scenes) and not frozenset.intersection(
            *(indexed.allowed_days(s) for s in scenes)
        ):
            found.append(f"scenes {names} must be shot on the same day but have no possible day in common")
    return found


def _too_much_work(indexed: IndexedProblem) -> list[str]:
    problem = indexed.problem
    limit = problem.limits.max_minutes_per_day
    found = []
    days = indexed.shoot_length
    total = sum(indexed.minutes)
    if limit is not None and total > days * limit:
        found.append(
            f"the scenes take {hours(total)} in all, more than {days} shooting days "
            f"of at most {hours(limit)} ({hours(days * limit)})"
        )
    eighths_limit = problem.limits.max_eighths_per_day
    if eighths_limit is not None and sum(indexed.eighths) > days * eighths_limit:
        found.append(
            f"the scenes are {format_eighths(sum(indexed.eighths))} long in all, more than {days} "
            f"shooting days of at most {format_eighths(eighths_limit)}"
        )
    if found or limit is None:
        return found
    for member, info in enumerate(problem.cast):
        per_day = min(limit, info.max_minutes_per_day or limit)
        window = indexed.cast_days[member]
        if window is not None:
            found += _over_window(indexed, info.name, indexed.cast_scenes[member], window, per_day)
    for place, location in enumerate(problem.locations):
        window = indexed.location_days[place]
        if window is not None:
            found += _over_window(indexed, location.name, indexed.location_scenes[place], window, limit)
    return found


def _over_window(
    indexed: IndexedProblem, name: str, scenes: Sequence[int], window: frozenset[int], per_day: int
) -> list[str]:
    days = frozenset(d for d in window if d < indexed.shoot_length)
    minutes = sum(indexed.minutes[s] for s in scenes)
    if minutes <= len(days) * per_day:
        return []
    return [
        f"the scenes of {name} take {hours(minutes)}, more than the {len(days)} days "
        f"when {name} is available ({indexed.days_label(days)}) hold at {hours(per_day)} a day"
    ]


def explain_infeasibility(
    indexed: IndexedProblem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    should_stop: Callable[[], bool] = lambda: False,
) -> Infeasibility | None:
    """A minimal set of rules that cannot all hold, or None if the problem is not proven
    infeasible within ``time_limit`` seconds."""
    deadline = time.monotonic() + time_limit
    built = build_model(indexed, explaining=True)
    literals = built.rules.literals
    position = {literal.index: number for number, literal in enumerate(literals)}

    def infeasible_core(members: Sequence[int], seconds: float) -> tuple[Any, list[int]]:
        """The solver's status with only ``members`` switched on, and its core when infeasible."""
        built.model.clear_assumptions()
        built.model.add_assumptions([literals[m] for m in members])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, 0.05)
        solver.parameters.num_workers = max(workers, 1)
        status = solver.solve(built.model)
        if status != cp_model.INFEASIBLE:
            return status, []
        return status, sorted(position[index] for index in solver.sufficient_assumptions_for_infeasibility())

    status, core = infeasible_core(range(len(literals)), time_limit)
    if status != cp_model.INFEASIBLE:
        return None
    is_minimal = True
    for member in list(core):
        if member not in core:
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0 or should_stop():
            is_minimal = False
            break
        trial = [m for m in core if m != member]
        status, smaller = infeasible_core(trial, min(remaining, max(1.0, time_limit / 10)))
        if status == cp_model.INFEASIBLE:
            core = smaller if set(smaller) <= set(trial) else trial
        elif status != cp_model.FEASIBLE and status != cp_model.OPTIMAL:
            is_minimal = False  # not decided in time: the member stays, perhaps needlessly
    return Infeasibility(reasons=tuple(built.rules.descriptions[m] for m in core), is_minimal=is_minimal)
