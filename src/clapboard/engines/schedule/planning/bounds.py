"""Lower bounds that need no solver: the fewest days the scenes' minutes need.

Valid for every plan, so the CP-SAT model adds them as redundant constraints (they help
it prove its bound) and ``solve_plan`` reports them when the solver had no time.
"""

from __future__ import annotations

import math

from clapboard.engines.schedule.planning.validate import IndexedProblem


def days_needed(minutes: int, per_day: int | None) -> int:
    """Days that ``minutes`` of scenes need at ``per_day`` a day (one when there is no limit)."""
    if minutes <= 0:
        return 0
    if per_day is None:
        return 1
    return math.ceil(minutes / per_day)


def minimum_days(indexed: IndexedProblem) -> int:
    """The fewest shooting days the scenes' minutes and pages need."""
    limits = indexed.problem.limits
    needed = days_needed(sum(indexed.minutes), limits.max_minutes_per_day)
    if limits.max_eighths_per_day is not None:
        needed = max(needed, math.ceil(sum(indexed.eighths) / limits.max_eighths_per_day))
    return max(needed, 1)


def cast_minimum_days(indexed: IndexedProblem, member: int) -> int:
    """The fewest days a cast member works: their scenes' minutes at the day's limit or their own."""
    limits = [indexed.problem.limits.max_minutes_per_day, indexed.problem.cast[member].max_minutes_per_day]
    per_day = min((limit for limit in limits if limit is not None), default=None)
    minutes = sum(indexed.minutes[s] for s in indexed.cast_scenes[member])
    return max(days_needed(minutes, per_day), 1) if indexed.cast_scenes[member] else 0


def cheap_lower_bound(indexed: IndexedProblem) -> int:
    """No plan costs less: the fewest days, and each actor paid for the fewest days they work."""
    problem = indexed.problem
    cast = sum(member.daily_rate * cast_minimum_days(indexed, c) for c, member in enumerate(problem.cast))
    return cast + problem.weights.shooting_day * minimum_days(indexed)
