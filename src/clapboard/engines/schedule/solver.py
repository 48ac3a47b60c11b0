"""``solve``: the best shooting order, its cost, a lower bound and whether it is proven.

The methods, in order, each starting from what the previous one found:

1. the safe reductions (``reduce.py``) and a quick order: the greedy baseline on the
   reduced scenes, improved by moving single scenes while that lowers the cost;
2. when the reduced problem has at most ``table.MAX_TABLE_SCENES`` scenes, the full table
   over scene subsets (``table.py``): the optimum and its proof, in about a second for 20;
3. otherwise CP-SAT (``cpsat.py``) for the time left, then, if time remains, the bounded
   search over subsets (``dp.py``) to prove or improve its order.

Progress goes to ``on_progress`` (best cost, lower bound, seconds) whenever one of them
changes; ``should_stop`` is polled throughout and a stop keeps the best order found.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from clapboard.engines.schedule import dp, table
from clapboard.engines.schedule.cost import base_cost, schedule_cost
from clapboard.engines.schedule.cpsat import solve_cpsat
from clapboard.engines.schedule.greedy import greedy_order
from clapboard.engines.schedule.instance import Actor, Instance, Scene, SceneId
from clapboard.engines.schedule.reduce import Reduced, reduce_instance


@dataclass(frozen=True, slots=True)
class Progress:
    best_cost: int
    lower_bound: int
    seconds: float

    @property
    def gap(self) -> float:
        """(best - bound) / best, 0 when proven."""
        return (self.best_cost - self.lower_bound) / self.best_cost if self.best_cost else 0.0


@dataclass(frozen=True, slots=True)
class Solution:
    order: tuple[SceneId, ...]
    total_cost: int
    idle_cost: int
    base_cost: int
    lower_bound: int
    proven_optimal: bool
    seconds: float
    seconds_to_best: float
    method: str
    """Which method found the order: "heuristic", "table", "cp-sat" or "search"."""

    def to_json(self) -> dict[str, object]:
        """The shape ``clapboard schedule solve --json`` prints."""
        return {
            "order": list(self.order),
            "total_cost": self.total_cost,
            "idle_cost": self.idle_cost,
            "lower_bound": self.lower_bound,
            "proven_optimal": self.proven_optimal,
            "seconds": round(self.seconds, 3),
        }


def improve_order(problem: Reduced, order: tuple[int, ...], *, deadline: float) -> tuple[int, ...]:
    """Move one scene at a time to wherever it lowers the cost, until no move does."""
    best = list(order)
    best_cost = problem.total(best)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for i in range(len(best)):
            scene = best[i]
            others = best[:i] + best[i + 1 :]
            for j in range(len(best)):
                if j == i:
                    continue
                candidate = [*others[:j], scene, *others[j:]]
                cost = problem.total(candidate)
                if cost < best_cost:
                    best, best_cost, improved = candidate, cost, True
                    break
            if improved or time.monotonic() >= deadline:
                break
    return tuple(best)


def _as_instance(problem: Reduced) -> Instance:
    return Instance(
        name="reduced",
        scenes=tuple(Scene(id=s, duration=d) for s, d in enumerate(problem.durations)),
        actors=tuple(
            Actor(id=a, cost=c, scenes=tuple(s for s, n in enumerate(problem.needs) if n >> a & 1))
            for a, c in enumerate(problem.costs)
        ),
    )


class _Run:
    """The best order so far, in reduced scenes, and what to tell the caller about it."""

    def __init__(
        self,
        instance: Instance,
        problem: Reduced,
        *,
        time_limit: float | None,
        on_progress: Callable[[Progress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.instance = instance
        self.problem = problem
        self.started = time.monotonic()
        self.deadline = self.started + time_limit if time_limit is not None else float("inf")
        self._on_progress = on_progress
        self._should_stop = should_stop
        self.order: tuple[int, ...] = ()
        self.cost = -1
        self.method = "heuristic"
        self.seconds_to_best = 0.0
        # The actors the reductions set aside cost the same in every order.
        self.fixed_cost = 0
        self.lower_bound = 0
        self._reported: tuple[int, int] | None = None

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def must_stop(self) -> bool:
        return time.monotonic() >= self.deadline or (self._should_stop is not None and self._should_stop())

    def offer(self, order: tuple[int, ...], method: str) -> None:
        cost = self.problem.total(order)
        if self.cost < 0 or cost < self.cost:
            self.order, self.cost, self.method = order, cost, method
            self.seconds_to_best = self.elapsed()
            self.report()

    def raise_bound(self, bound: int) -> None:
        if bound > self.lower_bound:
            self.lower_bound = min(bound, self.cost) if self.cost >= 0 else bound
            self.report()

    def report(self) -> None:
        state = (self.cost + self.fixed_cost, self.lower_bound + self.fixed_cost)
        if self._on_progress is not None and state != self._reported and self.cost >= 0:
            self._reported = state
            self._on_progress(Progress(best_cost=state[0], lower_bound=state[1], seconds=self.elapsed()))

    def solution(self, *, is_proven: bool) -> Solution:
        positions = self.problem.expand(self.order)
        cost = schedule_cost(self.instance, positions)
        lower = cost.total if is_proven else self.lower_bound + self.fixed_cost
        return Solution(
            order=tuple(self.instance.scenes[p].id for p in positions),
            total_cost=cost.total,
            idle_cost=cost.idle,
            base_cost=cost.base,
            lower_bound=lower,
            proven_optimal=is_proven,
            seconds=self.elapsed(),
            seconds_to_best=self.seconds_to_best,
            method=self.method,
        )


def solve(
    instance: Instance,
    *,
    time_limit: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    workers: int = 2,
) -> Solution:
    """The cheapest shooting order found, with a lower bound and whether it is proven optimal.

    ``time_limit`` (seconds, None for none) and ``should_stop`` end the search early; the
    best order found so far is returned, with ``proven_optimal`` false unless the proof
    was already complete. ``workers`` is the number of CP-SAT threads.
    """
    problem = reduce_instance(instance)
    run = _Run(instance, problem, time_limit=time_limit, on_progress=on_progress, should_stop=should_stop)
    run.fixed_cost = base_cost(instance) - dp.root_lower_bound(problem)
    first = greedy_order(_as_instance(problem))
    run.lower_bound = dp.root_lower_bound(problem)
    run.offer(first, "heuristic")
    run.offer(improve_order(problem, first, deadline=run.deadline), "heuristic")
    if problem.scene_count <= 1 or run.cost == run.lower_bound:
        return run.solution(is_proven=True)
    if run.must_stop():
        return run.solution(is_proven=False)
    if table.fits_table(problem):
        try:
            order, _ = table.solve_table(problem, should_stop=run.must_stop)
        except table.TableStopped:
            return run.solution(is_proven=False)
        run.offer(order, "table")
        return run.solution(is_proven=True)
    result = solve_cpsat(
        problem,
        time_limit=max(run.deadline - time.monotonic(), 0.0) if run.deadline != float("inf") else 1e9,
        hint=run.order,
        on_solution=lambda cost, order: run.offer(order, "cp-sat"),
        on_bound=run.raise_bound,
        should_stop=lambda: run._should_stop is not None and run._should_stop(),
        workers=workers,
    )
    if result is not None:
        run.offer(result.order, "cp-sat")
        run.raise_bound(result.lower_bound)
        if result.is_optimal or run.lower_bound >= run.cost:
            return run.solution(is_proven=True)
    if run.must_stop():
        return run.solution(is_proven=False)
    try:
        found = dp.solve_dp(problem, incumbent=run.order, should_stop=run.must_stop, on_checkpoint=run.report)
    except dp.SearchStopped:
        return run.solution(is_proven=False)
    run.offer(found.order, "search")
    return run.solution(is_proven=True)
