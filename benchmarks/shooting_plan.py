#!/usr/bin/env python
"""Shooting plan: the generated 150-scene feature, cost over time against the hand-made plan.

For each seed of ``generate_feature`` (150 scenes, 40 locations, 30 cast, at most 35
days), ``--runs`` runs (default 1; CP-SAT's own random seed changes from run to run) of
``planning.solve_plan`` with ``--seconds`` (default 30) and 2 workers, in this process.
From the progress reports it reads:

* time to the first plan that keeps every rule (the hand-made plan when it does, else the
  solver's first);
* the best cost and the lower bound at 10 s, 30 s (and 60 s when run that long), and the
  gap between them, (cost - bound) / cost;
* the hand-made baseline (``greedy.py``): its cost, whether it keeps every rule, and the
  ratio of its cost to the optimised cost at the end.

Medians over the runs of one seed; a table at the end (costs in EUR).

    .venv/bin/python benchmarks/shooting_plan.py
    .venv/bin/python benchmarks/shooting_plan.py --seeds 0 1 2 3 4 --seconds 60 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from typing import Any

from clapboard.engines.schedule.planning import (
    Plan,
    check_plan,
    generate_feature,
    solve_plan,
    validate_problem,
)
from clapboard.engines.schedule.planning.bounds import minimum_days
from clapboard.engines.schedule.planning.evaluate import cost_of_assignment
from clapboard.engines.schedule.planning.greedy import greedy_days
from clapboard.engines.schedule.solver import Progress

CHECKPOINTS = (10.0, 30.0, 60.0)


def at(history: list[Progress], seconds: float) -> Progress | None:
    """The last report at or before ``seconds``."""
    seen = [progress for progress in history if progress.seconds <= seconds]
    return seen[-1] if seen else None


def one_run(seed: int, run: int, seconds: float) -> dict[str, Any]:
    problem = generate_feature(seed)
    history: list[Progress] = []
    result = solve_plan(problem, time_limit=seconds, on_progress=history.append, seed=run)
    if result.plan is None or check_plan(problem, result.plan):
        raise SystemExit(f"seed {seed}: no plan, or a plan that breaks a rule ({result.status})")
    row: dict[str, Any] = {
        "status": result.status.value,
        "seconds_to_first": result.seconds_to_first,
        "final_cost": result.total_cost,
        "final_bound": result.lower_bound,
        "days": len(result.days),
    }
    for checkpoint in CHECKPOINTS:
        if checkpoint <= seconds + 0.5:
            progress = at(history, checkpoint)
            row[f"cost_{checkpoint:g}s"] = progress.best_cost if progress else None
            row[f"bound_{checkpoint:g}s"] = progress.lower_bound if progress else None
            row[f"gap_{checkpoint:g}s"] = round(progress.gap, 4) if progress else None
    return row


def greedy(seed: int) -> dict[str, Any]:
    problem = generate_feature(seed)
    indexed = validate_problem(problem)
    days = greedy_days(indexed)
    plan = Plan(days=tuple(tuple(indexed.scene_id(s) for s in day) for day in days))
    return {
        "greedy_cost": cost_of_assignment(indexed, days).total,
        "greedy_keeps_every_rule": not check_plan(problem, plan),
        "greedy_days": len(days),
        "fewest_days_on_paper": minimum_days(indexed),
    }


def median(rows: list[dict[str, Any]], key: str) -> Any:
    values = [row[key] for row in rows if row.get(key) is not None]
    return statistics.median(values) if values else None


def measure(seed: int, runs: int, seconds: float) -> dict[str, Any]:
    rows = [one_run(seed, run, seconds) for run in range(runs)]
    summary: dict[str, Any] = {
        "seed": seed,
        "runs": runs,
        "statuses": sorted({row["status"] for row in rows}),
    }
    for key in rows[0]:
        if key != "status":
            summary[key] = median(rows, key)
    summary.update(greedy(seed))
    summary["greedy_ratio"] = round(summary["greedy_cost"] / summary["final_cost"], 3)
    return summary


def euros(cents: int | float | None) -> str:
    return "-" if cents is None else f"{cents / 100:,.0f}"


def print_table(rows: list[dict[str, Any]], seconds: float) -> None:
    points = [f"{c:g}s" for c in CHECKPOINTS if c <= seconds + 0.5]
    header = ["seed", "first (s)", *(f"cost {p}" for p in points), *(f"gap {p}" for p in points)]
    header += ["bound (end)", "days", "greedy", "greedy ok", "greedy/opt"]
    print(" | ".join(header))
    for row in rows:
        cells = [str(row["seed"]), f"{row['seconds_to_first']:.2f}"]
        cells += [euros(row[f"cost_{p}"]) for p in points]
        cells += [f"{row[f'gap_{p}']:.1%}" if row[f"gap_{p}"] is not None else "-" for p in points]
        cells += [
            euros(row["final_bound"]),
            f"{row['days']:g} (min {row['fewest_days_on_paper']})",
            euros(row["greedy_cost"]),
            "yes" if row["greedy_keeps_every_rule"] else "no",
            f"{row['greedy_ratio']:.3f}",
        ]
        print(" | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=30.0)
    options = parser.parse_args()
    rows = []
    for seed in options.seeds:
        row = measure(seed, options.runs, options.seconds)
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
                "workers": 2,
                "seconds": options.seconds,
            }
        )
    )
    print_table(rows, options.seconds)


if __name__ == "__main__":
    main()
