"""A CP-SAT model of the shooting order: the general method, open to side constraints.

Each scene is an interval of its duration on one timeline of exactly the total number
of days (no overlap, hence no gap); an actor's span runs from the earliest start to the
latest end of their scenes, and the objective is the sum of span x daily cost. The
order is read back by sorting the starts. Mirror images cost the same, so the first
scene is asked to start in the first half.

CP-SAT finds good orders quickly but proves optimality only on small instances (about
13 scenes); ``solve`` uses it where the full subset table does not fit, and the model is
where constraints such as "actor X is only free from day 10" will be added later.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from clapboard.engines.schedule.reduce import Reduced


@dataclass(frozen=True, slots=True)
class CPSatResult:
    order: tuple[int, ...]
    cost: int
    lower_bound: int
    is_optimal: bool


@dataclass(slots=True)
class _Model:
    model: cp_model.CpModel
    starts: list[cp_model.IntVar]


def build_model(problem: Reduced) -> _Model:
    """The model of the reduced problem; the caller may add constraints before solving."""
    model = cp_model.CpModel()
    horizon = sum(problem.durations)
    starts = [
        model.new_int_var(0, horizon - duration, f"start_{scene}")
        for scene, duration in enumerate(problem.durations)
    ]
    intervals = [
        model.new_fixed_size_interval_var(start, duration, f"scene_{scene}")
        for scene, (start, duration) in enumerate(zip(starts, problem.durations, strict=True))
    ]
    model.add_no_overlap(intervals)
    objective = []
    for actor, cost in enumerate(problem.costs):
        scenes = [s for s, needs in enumerate(problem.needs) if needs >> actor & 1]
        own_days = sum(problem.durations[s] for s in scenes)
        first = model.new_int_var(0, horizon, f"first_{actor}")
        last = model.new_int_var(0, horizon, f"last_{actor}")
        model.add_min_equality(first, [starts[s] for s in scenes])
        model.add_max_equality(last, [starts[s] + problem.durations[s] for s in scenes])
        model.add(last - first >= own_days)
        objective.append(cost * (last - first))
    if starts:
        model.add(2 * starts[0] + problem.durations[0] <= horizon)
    model.minimize(sum(objective))
    return _Model(model=model, starts=starts)


def _ceil(bound: float) -> int:
    """The objective is whole: a bound of 870.0000001 (float noise) is 870, 870.2 is 871."""
    return math.ceil(bound - 1e-6)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self, starts: Sequence[cp_model.IntVar], on_solution: Callable[[int, tuple[int, ...]], None]
    ):
        super().__init__()
        self._starts = starts
        self._on_solution = on_solution

    def on_solution_callback(self) -> None:
        values = [self.value(start) for start in self._starts]
        order = tuple(sorted(range(len(values)), key=values.__getitem__))
        self._on_solution(round(self.objective_value), order)


def solve_cpsat(
    problem: Reduced,
    *,
    time_limit: float,
    hint: Sequence[int] = (),
    on_solution: Callable[[int, tuple[int, ...]], None] = lambda cost, order: None,
    on_bound: Callable[[int], None] = lambda bound: None,
    should_stop: Callable[[], bool] = lambda: False,
    workers: int = 2,
    seed: int = 0,
) -> CPSatResult | None:
    """Best order found within ``time_limit`` seconds (reduced scenes), or None if none was."""
    if problem.scene_count == 0:
        return CPSatResult(order=(), cost=0, lower_bound=0, is_optimal=True)
    built = build_model(problem)
    if hint:
        day = 0
        for scene in hint:
            built.model.add_hint(built.starts[scene], day)
            day += problem.durations[scene]
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    solver.parameters.num_workers = max(workers, 1)
    solver.parameters.random_seed = seed
    solver.best_bound_callback = lambda bound: on_bound(_ceil(bound))
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.05):
            if should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="cpsat-stop-watch", daemon=True)
    watcher.start()
    try:
        status = solver.solve(built.model, _Reporter(built.starts, on_solution))
    finally:
        finished.set()
        watcher.join()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = [solver.value(start) for start in built.starts]
    order = tuple(sorted(range(len(values)), key=values.__getitem__))
    cost = problem.total(order)
    bound = _ceil(solver.best_objective_bound)
    return CPSatResult(
        order=order, cost=cost, lower_bound=min(bound, cost), is_optimal=status == cp_model.OPTIMAL
    )
