"""solve_plan: each hard rule holds where breaking it would be cheaper, small optima worked
out by hand, live progress and the stop flag."""

from __future__ import annotations

from typing import Any

import pytest

from clapboard.engines.schedule.planning import (
    PlanningProblem,
    PlanResult,
    PlanStatus,
    check_plan,
    evaluate_plan,
    generate_feature,
    solve_plan,
)
from clapboard.engines.schedule.solver import Progress

from .test_planning_problems import SMALL_FEATURE, scene, small_problem


def solved(problem: PlanningProblem, seconds: float = 5.0) -> PlanResult:
    result = solve_plan(problem, time_limit=seconds)
    assert result.plan is not None, result.conflicts
    assert check_plan(problem, result.plan) == []
    return result


def day_of(result: PlanResult, scene_id: str) -> int:
    assert result.plan is not None
    return next(d for d, day in enumerate(result.plan.days) if scene_id in day)


def test_a_small_optimum_is_proven_and_costs_what_the_hand_says() -> None:
    problem = small_problem(
        [
            scene("1", "L1", minutes=300, cast=["A"]),
            scene("2", "L2", minutes=300, cast=["B"]),
            scene("3", "L1", minutes=300, cast=["A"]),
            scene("4", "L2", minutes=300, cast=["B"]),
        ]
    )
    result = solved(problem)
    # Two days of 10 h, one per location: 2 x 1000, Anna 1 day x 50, Ben 1 day x 7, one
    # location change between the days x 10. Mixing the locations would add two moves (200).
    assert result.status is PlanStatus.OPTIMAL
    assert result.total_cost == 2000 + 50 + 7 + 10
    assert result.lower_bound == result.total_cost
    assert result.gap == 0
    assert {frozenset(day.scenes) for day in result.days} == {frozenset({"1", "3"}), frozenset({"2", "4"})}
    assert [day.minutes for day in result.days] == [600, 600]
    assert result.cost is not None
    assert result.cost.terms == {
        "cast": 57,
        "shooting_days": 2000,
        "company_moves": 0,
        "location_changes": 10,
        "split_days": 0,
        "day_night_switches": 0,
    }


def test_the_result_describes_each_day() -> None:
    problem = small_problem(
        [scene("1", "L2", cast=["B"], day_part="night"), scene("2", "L1", cast=["A"], pages="1 1/8")],
        calendar={"dates": ["2026-05-04", "2026-05-05"]},
    )
    result = solved(problem)
    (day,) = result.days
    assert day.date is not None
    assert day.date.isoformat() == "2026-05-04"
    assert day.scenes == ("2", "1")  # the day scene before the night one
    assert day.locations == ("L1", "L2")
    assert day.cast == ("A", "B")
    assert day.eighths == 17
    assert str(day.pages) == "2.125"
    assert day.has_night
    assert result.pages_per_day == (day.pages,)


# Each case: scenes and problem fields where the cheapest plan without the rule breaks it,
# and what must hold of the plan found.
RULE_CASES: dict[str, tuple[list[dict[str, Any]], dict[str, Any], Any]] = {
    "cast availability": (
        [scene("1", cast=["A"]), scene("2", cast=["A"])],
        {"cast": [{"id": "A", "name": "Anna", "daily_rate": "0.5", "availability": [[2, 3]]}]},
        lambda r: day_of(r, "1") >= 2,
    ),
    "location availability": (
        [scene("1", "L2"), scene("2", "L1")],
        {"locations": [{"id": "L1"}, {"id": "L2", "availability": [[1, 1]]}, {"id": "L3"}]},
        lambda r: day_of(r, "1") == 1,
    ),
    "fixed date": (
        [scene("1"), scene("2", fixed_day="2026-05-05")],
        {"calendar": {"dates": ["2026-05-04", "2026-05-05", "2026-05-06"]}},
        lambda r: day_of(r, "2") == 1,
    ),
    "same day": (
        # Without the group: {1, 2} and {3}, no move; with it {1, 3} and {2}, one move.
        [scene("1", "L1"), scene("2", "L1"), scene("3", "L2", minutes=500)],
        {"groups": [{"kind": "same_day", "scenes": ["1", "3"]}]},
        lambda r: day_of(r, "1") == day_of(r, "3"),
    ),
    "consecutive days": (
        # One scene a day; without the group the Flat's two days come first, then the Street's.
        [
            scene("1", "L1", minutes=400, fixed_day=0),
            scene("2", "L1", minutes=400),
            scene("3", "L2", minutes=400),
            scene("4", "L2", minutes=400),
        ],
        {"groups": [{"kind": "consecutive_days", "scenes": ["1", "3"]}]},
        lambda r: day_of(r, "3") == 1,
    ),
    "hours a day": (
        [scene(str(n), minutes=250) for n in range(1, 5)],
        {"limits": {"max_minutes_per_day": 500}},
        lambda r: all(day.minutes <= 500 for day in r.days),
    ),
    "pages a day": (
        [scene(str(n)) for n in range(1, 5)],
        {"limits": {"max_minutes_per_day": 600, "max_eighths_per_day": 16}},
        lambda r: all(day.eighths <= 16 for day in r.days),
    ),
    "rest after a night": (
        [scene("1", "L1", day_part="night", cast=["A"]), scene("2", "L2", cast=["A"], minutes=550)],
        {"limits": {"max_minutes_per_day": 600}},
        lambda r: day_of(r, "2") != day_of(r, "1") + 1,
    ),
    "child hours": (
        [scene(str(n), cast=["K"], minutes=150) for n in range(1, 4)],
        {
            "cast": [
                {"id": "K", "name": "Kid", "daily_rate": "0.5", "child": True, "max_minutes_per_day": 240}
            ]
        },
        lambda r: len({day_of(r, s) for s in "123"}) == 3,
    ),
    "number of days": (
        [scene("1", "L1"), scene("2", "L2"), scene("3", "L3")],
        {
            "weights": {"shooting_day": 1, "company_move": 1000, "location_change": 0},
            "limits": {"max_minutes_per_day": 600, "max_shooting_days": 2},
        },
        lambda r: len(r.days) == 2,
    ),
}


@pytest.mark.parametrize("rule", list(RULE_CASES))
def test_each_hard_rule_holds(rule: str) -> None:
    scenes, fields, holds = RULE_CASES[rule]
    result = solved(small_problem(scenes, **fields))
    assert result.status is PlanStatus.OPTIMAL
    assert holds(result)


def test_without_the_rule_the_cheapest_plan_would_break_it() -> None:
    """The cases above bind: the same problems without their rule are solved differently."""
    unbounded = small_problem(
        [scene("1", "L1"), scene("2", "L2"), scene("3", "L3")],
        weights={"shooting_day": 1, "company_move": 1000, "location_change": 0},
    )
    assert len(solved(unbounded).days) == 3
    free_child = small_problem([scene(str(n), cast=["A"], minutes=150) for n in range(1, 4)])
    assert len(solved(free_child).days) == 1
    ungrouped = small_problem([scene("1", "L1"), scene("2", "L1"), scene("3", "L2", minutes=500)])
    assert day_of(solved(ungrouped), "1") != day_of(solved(ungrouped), "3")


def test_a_generated_schedule_keeps_every_rule_and_beats_the_hand() -> None:
    problem = generate_feature(0, SMALL_FEATURE)
    result = solved(problem, seconds=4)
    assert result.status in (PlanStatus.FEASIBLE, PlanStatus.OPTIMAL)
    assert result.total_cost is not None
    assert result.lower_bound <= result.total_cost
    if result.greedy_cost is not None:
        assert result.total_cost <= result.greedy_cost
    assert result.plan is not None
    assert result.cost == evaluate_plan(problem, result.plan)


def test_progress_reports_better_plans_and_a_bound_below_them() -> None:
    seen: list[Progress] = []
    result = solve_plan(generate_feature(1, SMALL_FEATURE), time_limit=3, on_progress=seen.append)
    assert seen
    costs = [progress.best_cost for progress in seen]
    assert costs == sorted(costs, reverse=True)
    assert all(progress.lower_bound <= progress.best_cost for progress in seen)
    assert costs[-1] == result.total_cost
    assert all(0 <= progress.gap <= 1 for progress in seen)


def test_a_stop_keeps_the_best_plan_found() -> None:
    problem = generate_feature(2, SMALL_FEATURE)
    calls = 0

    def stop_after_a_few_polls() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    result = solve_plan(problem, time_limit=60, should_stop=stop_after_a_few_polls)
    assert result.seconds < 10
    assert result.status in (PlanStatus.FEASIBLE, PlanStatus.UNKNOWN)
    if result.plan is not None:
        assert check_plan(problem, result.plan) == []


def test_a_stop_before_the_solver_returns_the_hand_made_plan() -> None:
    problem = small_problem([scene("1", "L1"), scene("2", "L2")])
    result = solve_plan(problem, time_limit=60, should_stop=lambda: True)
    assert result.method == "greedy"
    assert result.status is PlanStatus.FEASIBLE
    assert result.total_cost == result.greedy_cost
