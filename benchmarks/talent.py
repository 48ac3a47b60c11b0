#!/usr/bin/env python
"""Talent scheduling: every published instance, time to the best order and to its proof.

Reads ../shared/bench/talent/json (never copied into the project). For each instance,
``--runs`` runs (default 3) of the engine's ``solve`` in this process, reporting the
medians of

* time to best: when the order that is finally returned was found;
* time to proof: when the lower bound met it (the whole run, since ``solve`` stops there);

beside the greedy baseline's cost (``greedy_order``) and its ratio to the optimum, the
published optimum, and the peer measured in the same run: the plain CP-SAT model alone
(``cpsat.solve_cpsat`` on the reduced instance, no table, no hint, 2 workers, at most
``--cpsat-seconds``), its time to reach the optimum and whether it proved it. The README
of the shared folder quotes no solve times, so none are printed for the publications.

The ``minizinc__`` files hold the same data as their ``ddo__`` namesakes and are skipped
unless ``--all``.

    .venv/bin/python benchmarks/talent.py
    .venv/bin/python benchmarks/talent.py --runs 5 --cpsat-seconds 30 --all
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from clapboard.engines.schedule import greedy_order, load_instance, schedule_cost, solve
from clapboard.engines.schedule.cpsat import solve_cpsat
from clapboard.engines.schedule.reduce import reduce_instance

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "talent" / "json"


def published_optimum(path: Path) -> int:
    optimum: dict[str, Any] = json.loads(path.read_text())["optimum"]
    return int(optimum.get("total_cost", optimum["dp_total_cost"]))


def cpsat_alone(path: Path, seconds: float) -> dict[str, Any]:
    """The plain model: when it first reached the optimum, and whether it proved it in time."""
    instance = load_instance(path)
    problem = reduce_instance(instance)
    fixed = schedule_cost(instance, problem.expand(range(problem.scene_count))).total - problem.total(
        range(problem.scene_count)
    )
    optimum = published_optimum(path)
    started = time.monotonic()
    reached: list[float] = []

    def on_solution(cost: int, order: tuple[int, ...]) -> None:
        if not reached and problem.total(order) + fixed == optimum:
            reached.append(time.monotonic() - started)

    result = solve_cpsat(problem, time_limit=seconds, on_solution=on_solution, workers=2)
    elapsed = time.monotonic() - started
    return {
        "cost": None if result is None else result.cost + fixed,
        "seconds_to_optimum": reached[0] if reached else None,
        "proven": bool(result and result.is_optimal),
        "seconds": elapsed,
    }


def measure(path: Path, runs: int, cpsat_seconds: float) -> dict[str, Any]:
    instance = load_instance(path)
    optimum = published_optimum(path)
    to_best: list[float] = []
    to_proof: list[float] = []
    costs: set[int] = set()
    proven: set[bool] = set()
    method = ""
    for _ in range(runs):
        solution = solve(instance)
        to_best.append(solution.seconds_to_best)
        to_proof.append(solution.seconds)
        costs.add(solution.total_cost)
        proven.add(solution.proven_optimal)
        method = solution.method
    greedy = schedule_cost(instance, greedy_order(instance)).total
    return {
        "instance": path.stem,
        "scenes": instance.scene_count,
        "actors": len(instance.actors),
        "reduced_scenes": reduce_instance(instance).scene_count,
        "published_optimum": optimum,
        "ours": sorted(costs),
        "optimum_reached": costs == {optimum},
        "proven": proven == {True},
        "method": method,
        "median_seconds_to_best": statistics.median(to_best),
        "median_seconds_to_proof": statistics.median(to_proof),
        "greedy": greedy,
        "greedy_ratio": round(greedy / optimum, 3),
        "cpsat_alone": cpsat_alone(path, cpsat_seconds) if cpsat_seconds > 0 else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpsat-seconds", type=float, default=10.0, help="peer time limit; 0 skips it")
    parser.add_argument("--all", action="store_true", help="include the minizinc__ copies")
    parser.add_argument("--folder", type=Path, default=BENCH)
    options = parser.parse_args()
    if not options.folder.is_dir():
        raise SystemExit(f"the shared instances are not at {options.folder}")
    paths = [
        p for p in sorted(options.folder.glob("*.json")) if options.all or not p.stem.startswith("minizinc__")
    ]
    rows = []
    for path in paths:
        row = measure(path, options.runs, options.cpsat_seconds)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "processor": platform.processor() or platform.machine(),
                    "python": platform.python_version(),
                },
                "runs": options.runs,
                "all_optimal_and_proven": all(r["optimum_reached"] and r["proven"] for r in rows),
                "total_seconds_to_proof": round(sum(r["median_seconds_to_proof"] for r in rows), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
