"""Every published instance (../shared/bench/talent/json) solved to its optimum, with the proof.

All of them run here: after the reductions the largest has 20 scenes, which the full
subset table settles in about a second. ``benchmarks/talent.py`` times them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clapboard.engines.schedule import load_instance, schedule_cost, solve
from clapboard.engines.schedule.cpsat import solve_cpsat
from clapboard.engines.schedule.dp import solve_dp
from clapboard.engines.schedule.reduce import reduce_instance

from .conftest import needs_bench, published, published_optimum

pytestmark = needs_bench


@pytest.mark.parametrize("path", published(), ids=lambda path: path.stem)
def test_published_optimum_is_reached_and_proven(path: Path) -> None:
    solution = solve(load_instance(path))
    assert solution.total_cost == published_optimum(path)
    assert solution.proven_optimal
    assert solution.lower_bound == solution.total_cost


SMALL = ["ddo__tiny", "ddo__small2", "ddo__concert", "csplib__rehearsal_smith", "ddo__film-10"]


@pytest.mark.parametrize("name", SMALL)
def test_bounded_search_and_cpsat_prove_the_small_ones(name: str) -> None:
    path = next((p for p in published() if p.stem == name), None)
    if path is None:
        pytest.skip(f"{name}.json is not in the shared folder")
    instance = load_instance(path)
    problem = reduce_instance(instance)
    start = tuple(range(problem.scene_count))
    found = solve_dp(problem, incumbent=start)
    cpsat = solve_cpsat(problem, time_limit=60, hint=start, workers=2)
    assert cpsat is not None
    assert cpsat.is_optimal
    assert found.is_optimal
    assert found.cost == cpsat.cost
    assert schedule_cost(instance, problem.expand(found.order)).total == published_optimum(path)
