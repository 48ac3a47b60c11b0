"""The exact methods against brute force on random small instances (seeded)."""

from __future__ import annotations

from itertools import permutations

import pytest

from clapboard.engines.schedule import Instance, schedule_cost, solve
from clapboard.engines.schedule.cpsat import solve_cpsat
from clapboard.engines.schedule.dp import solve_dp
from clapboard.engines.schedule.reduce import reduce_instance
from clapboard.engines.schedule.table import solve_table

from .conftest import random_instance

SEEDS = range(60)


def brute_force(instance: Instance) -> int:
    return min(schedule_cost(instance, order).total for order in permutations(range(instance.scene_count)))


@pytest.mark.parametrize("seed", SEEDS)
def test_reductions_table_and_search_reach_the_brute_force_optimum(seed: int) -> None:
    instance = random_instance(seed)
    optimum = brute_force(instance)
    problem = reduce_instance(instance)
    fixed = schedule_cost(instance, problem.expand(tuple(range(problem.scene_count)))).total - problem.total(
        range(problem.scene_count)
    )

    order, value = solve_table(problem)
    assert value + fixed == optimum
    assert schedule_cost(instance, problem.expand(order)).total == optimum

    found = solve_dp(problem, incumbent=tuple(range(problem.scene_count)))
    assert found.is_optimal
    assert found.cost + fixed == optimum
    assert schedule_cost(instance, problem.expand(found.order)).total == optimum


@pytest.mark.parametrize("seed", SEEDS)
def test_solve_gives_the_brute_force_optimum_with_its_proof(seed: int) -> None:
    instance = random_instance(seed)
    solution = solve(instance)
    assert solution.proven_optimal
    assert solution.total_cost == solution.lower_bound == brute_force(instance)
    assert sorted(solution.order) == sorted(scene.id for scene in instance.scenes)
    assert solution.idle_cost == solution.total_cost - solution.base_cost


@pytest.mark.parametrize("seed", range(0, 60, 6))
def test_cpsat_proves_small_instances(seed: int) -> None:
    instance = random_instance(seed)
    problem = reduce_instance(instance)
    result = solve_cpsat(problem, time_limit=30, workers=1)
    assert result is not None
    assert result.is_optimal
    assert result.cost == solve_table(problem)[1]
