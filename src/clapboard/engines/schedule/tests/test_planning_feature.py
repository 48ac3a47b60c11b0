"""The generated 150-scene feature, once, in the time the planner promises (10 s, 2 workers)."""

from __future__ import annotations

from clapboard.engines.schedule.planning import PlanStatus, check_plan, generate_feature, solve_plan


def test_a_feature_is_planned_within_ten_seconds_and_beats_the_hand() -> None:
    problem = generate_feature(0)
    result = solve_plan(problem, time_limit=10, workers=2)
    assert result.status is PlanStatus.FEASIBLE
    assert result.plan is not None
    assert check_plan(problem, result.plan) == []
    assert result.seconds_to_first is not None
    assert result.seconds_to_first < 10
    assert result.seconds < 12
    assert result.total_cost is not None
    assert result.greedy_cost is not None
    assert result.total_cost < result.greedy_cost
    assert 0 < result.lower_bound < result.total_cost
    assert len(result.days) <= 35
    assert sum(len(day.scenes) for day in result.days) == 150
