"""solve(): progress, stopping, and the CLI around it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clapboard.engines.schedule import Progress, load_instance, schedule_cost, solve, table

from .conftest import BENCH, needs_bench, published_optimum, random_instance

pytestmark = needs_bench

FILM1 = BENCH / "csplib__film1.json"


def test_progress_best_cost_never_rises_and_bound_never_passes_it() -> None:
    seen: list[Progress] = []
    solution = solve(load_instance(FILM1), on_progress=seen.append)
    assert seen
    costs = [p.best_cost for p in seen]
    assert costs == sorted(costs, reverse=True)
    assert all(p.lower_bound <= p.best_cost for p in seen)
    assert solution.total_cost == published_optimum(FILM1) == costs[-1]


def test_stopping_at_once_keeps_a_valid_unproven_order() -> None:
    instance = load_instance(FILM1)
    solution = solve(instance, should_stop=lambda: True)
    assert not solution.proven_optimal
    assert sorted(solution.order) == sorted(scene.id for scene in instance.scenes)
    positions = [instance.scene_position(scene_id) for scene_id in solution.order]
    assert schedule_cost(instance, positions).total == solution.total_cost
    assert solution.lower_bound <= published_optimum(FILM1) <= solution.total_cost


@pytest.mark.parametrize("stop_after", [1, 3])
def test_stopping_cpsat_and_the_search_keeps_the_best_order(
    monkeypatch: pytest.MonkeyPatch, stop_after: int
) -> None:
    """Without the table (as for a large instance), a stop still returns an order."""
    monkeypatch.setattr(table, "fits_table", lambda problem: False)
    instance = load_instance(FILM1)
    calls = 0

    def should_stop() -> bool:
        nonlocal calls
        calls += 1
        return calls > stop_after

    seen: list[Progress] = []
    solution = solve(instance, should_stop=should_stop, on_progress=seen.append)
    assert not solution.proven_optimal
    assert sorted(solution.order) == sorted(scene.id for scene in instance.scenes)
    assert solution.total_cost >= published_optimum(FILM1) >= solution.lower_bound
    assert [p.best_cost for p in seen] == sorted((p.best_cost for p in seen), reverse=True)


def test_without_the_table_cpsat_and_the_search_prove_a_small_instance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(table, "fits_table", lambda problem: False)
    path = BENCH / "ddo__film-10.json"
    solution = solve(load_instance(path), time_limit=60)
    assert solution.proven_optimal
    assert solution.total_cost == published_optimum(path)


def test_a_time_limit_of_zero_still_gives_an_order() -> None:
    instance = random_instance(7)
    solution = solve(instance, time_limit=0)
    assert len(solution.order) == instance.scene_count


def clapboard(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it (engines may not import the CLI module)."""
    command = [sys.executable, "-m", "clapboard.cli", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_cli_prints_the_documented_json() -> None:
    run = clapboard("schedule", "solve", str(BENCH / "ddo__tiny.json"), "--json")
    assert run.returncode == 0, run.stderr
    printed = json.loads(run.stdout)
    assert list(printed) == ["order", "total_cost", "idle_cost", "lower_bound", "proven_optimal", "seconds"]
    assert sorted(printed["order"]) == [1, 2, 3, 4]
    assert printed["total_cost"] == 29
    assert printed["idle_cost"] == 2
    assert printed["lower_bound"] == 29
    assert printed["proven_optimal"] is True
    assert isinstance(printed["seconds"], float)


def test_cli_names_the_bad_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"scenes": [{"id": 1, "duration": 1}], "actors": [{"id": "X", "scenes": [1]}]})
    )
    run = clapboard("schedule", "solve", str(path), "--json")
    assert run.returncode == 2
    assert "bad.json: actor 'X': missing 'cost'" in run.stderr
