"""``solve_plan``: scenes on shooting days, the cheapest plan found, and why it costs what it costs.

The steps:

1. ``validate_problem`` (bad input raises ``PlanningError``) and ``obvious_conflicts``:
   a problem that is infeasible on paper is answered at once, with its conflicts in words;
2. the hand-made plan (``greedy.py``): the first plan when it breaks no rule, and the hint
   the solver starts from in any case;
3. CP-SAT (``cpsat_model.py``) in two stages. First the fewest shooting days alone (at
   most a quarter of the time, 5 s, ended after 1.5 s without a shorter plan; skipped when
   the hand-made plan is already as short as the minutes allow): the search of the full
   model hardly ever empties a whole day, which the packing alone does in a second or two,
   and the number of days it proves becomes a constraint of the second stage. Then the
   whole cost for the time left, from the shortest plan (hint completed over every
   variable). Each better plan and each better lower bound goes to ``on_progress`` (the
   ``Progress`` of the talent solver: best cost, lower bound, seconds, gap);
   ``should_stop`` is polled twenty times a second and a stop keeps the best plan found;
4. when the solver proves there is no plan, ``explain_infeasibility`` names a minimal set of
   rules that clash.

Every cost in the result is recomputed from the plan by ``evaluate.py``; the lower bound
is the solver's, or the cheap one (fewest days the minutes need; each actor's fewest days)
when the solver had no time.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ortools.sat.python import cp_model

from clapboard.engines.schedule.board import pages_of
from clapboard.engines.schedule.planning.bounds import cheap_lower_bound, minimum_days
from clapboard.engines.schedule.planning.cpsat_model import PlanningModel, build_model
from clapboard.engines.schedule.planning.evaluate import (
    Plan,
    PlanCost,
    check_plan,
    cost_of_assignment,
)
from clapboard.engines.schedule.planning.explain import explain_infeasibility, obvious_conflicts
from clapboard.engines.schedule.planning.greedy import greedy_days
from clapboard.engines.schedule.planning.model import PlanningProblem
from clapboard.engines.schedule.planning.ordering import order_days
from clapboard.engines.schedule.planning.validate import IndexedProblem, validate_problem
from clapboard.engines.schedule.solver import Progress

_POLL_SECONDS = 0.05
_FIRST_STAGE_SHARE = 0.25  # of the time limit, for the fewest days alone
_FIRST_STAGE_MOST = 5.0  # seconds
_FIRST_STAGE_STALL = 1.5  # seconds without a shorter plan end the first stage


class PlanStatus(enum.StrEnum):
    OPTIMAL = "optimal"
    """The plan is proven cheapest."""
    FEASIBLE = "feasible"
    """A plan that keeps every rule; a cheaper one may exist (see the gap)."""
    INFEASIBLE = "infeasible"
    """No plan keeps every rule: ``conflicts`` says which rules clash."""
    UNKNOWN = "unknown"
    """No plan was found in time, and none was proven impossible."""


@dataclass(frozen=True, slots=True)
class PlannedDay:
    index: int
    """In the calendar, from 0."""
    number: int
    """Shooting day number, from 1."""
    date: dt.date | None
    scenes: tuple[str, ...]
    eighths: int
    minutes: int
    locations: tuple[str, ...]
    cast: tuple[str, ...]
    has_night: bool

    @property
    def pages(self) -> Decimal:
        return pages_of(self.eighths)


@dataclass(frozen=True, slots=True)
class PlanResult:
    status: PlanStatus
    plan: Plan | None
    days: tuple[PlannedDay, ...]
    cost: PlanCost | None
    """Counts and cost per term (cents), cast cost per actor."""
    lower_bound: int
    conflicts: tuple[str, ...]
    """Why no plan exists (status infeasible), in words."""
    conflicts_are_minimal: bool
    greedy_cost: int | None
    """The hand-made plan's cost, when it keeps every rule."""
    seconds: float
    seconds_to_first: float | None
    seconds_to_best: float | None
    method: str
    """What found the plan: "greedy" or "cp-sat" (empty without a plan)."""

    @property
    def total_cost(self) -> int | None:
        return None if self.cost is None else self.cost.total

    @property
    def gap(self) -> float | None:
        """(cost - lower bound) / cost: 0 when proven optimal."""
        if self.cost is None:
            return None
        return (self.cost.total - self.lower_bound) / self.cost.total if self.cost.total else 0.0

    @property
    def pages_per_day(self) -> tuple[Decimal, ...]:
        return tuple(day.pages for day in self.days)


class _Incumbent:
    """The best plan so far, and what the caller has been told about it."""

    def __init__(self, indexed: IndexedProblem, on_progress: Callable[[Progress], None] | None) -> None:
        self.indexed = indexed
        self.started = time.monotonic()
        self.days: list[list[int]] | None = None
        self.cost: int | None = None
        self.method = ""
        self.lower_bound = cheap_lower_bound(indexed)
        self.seconds_to_first: float | None = None
        self.seconds_to_best: float | None = None
        self._on_progress = on_progress
        self._reported: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def offer(self, days: list[list[int]], method: str) -> None:
        cost = cost_of_assignment(self.indexed, days).total
        with self._lock:
            if self.seconds_to_first is None:
                self.seconds_to_first = self.elapsed()
            if self.cost is None or cost < self.cost:
                self.days, self.cost, self.method = days, cost, method
                self.seconds_to_best = self.elapsed()
        self.report()

    def raise_bound(self, bound: int) -> None:
        with self._lock:
            if bound <= self.lower_bound:
                return
            self.lower_bound = bound if self.cost is None else min(bound, self.cost)
        self.report()

    def report(self) -> None:
        if self._on_progress is None or self.cost is None:
            return
        state = (self.cost, min(self.lower_bound, self.cost))
        if state != self._reported:
            self._reported = state
            self._on_progress(Progress(best_cost=state[0], lower_bound=state[1], seconds=self.elapsed()))


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, built: PlanningModel, incumbent: _Incumbent, *, reports_bound: bool) -> None:
        super().__init__()
        self._built = built
        self._incumbent = incumbent
        self._reports_bound = reports_bound
        self._last_solution: float | None = None

    def seconds_since_last(self) -> float:
        """Since the last solution (0 before the first one: a search is not stalled before it)."""
        return 0.0 if self._last_solution is None else time.monotonic() - self._last_solution

    def on_solution_callback(self) -> None:
        self._last_solution = time.monotonic()
        self._incumbent.offer(self._built.assignment(self), "cp-sat")
        if self._reports_bound:
            self._incumbent.raise_bound(_whole(self.best_objective_bound))


def _whole(bound: float) -> int:
    """The objective is whole cents: a float bound of 870.0000001 is 870 (none is 0)."""
    return math.ceil(bound - 1e-6) if math.isfinite(bound) else 0


def _run_solver(
    built: PlanningModel,
    model: cp_model.CpModel,
    incumbent: _Incumbent,
    *,
    seconds: float,
    workers: int,
    seed: int,
    should_stop: Callable[[], bool],
    reports_bound: bool = True,
    stall_seconds: float | None = None,
) -> tuple[Any, float, list[list[int]] | None]:
    """Solve ``model`` (the planning model or a copy with another objective), offering every
    plan to the incumbent; the solver's status, its bound on ``model``'s objective and the
    best plan for that objective."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = max(workers, 1)
    solver.parameters.random_seed = seed
    # One round of presolve: the later rounds take a second or more on a feature and find
    # little in a model that is already tight (measured on the generated features).
    solver.parameters.max_presolve_iterations = 1
    if reports_bound:
        solver.best_bound_callback = lambda bound: incumbent.raise_bound(_whole(bound))
    finished = threading.Event()
    callback = _Callback(built, incumbent, reports_bound=reports_bound)

    def watch() -> None:
        while not finished.wait(_POLL_SECONDS):
            stalled = stall_seconds is not None and callback.seconds_since_last() > stall_seconds
            if should_stop() or stalled:
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="planning-stop-watch", daemon=True)
    watcher.start()
    try:
        status = solver.solve(model, callback)
    finally:
        finished.set()
        watcher.join()
    best = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        best = built.assignment(solver)
        incumbent.offer(best, "cp-sat")
    return status, solver.best_objective_bound, best


def _shortest_shoot(
    built: PlanningModel,
    incumbent: _Incumbent,
    hint: Sequence[Sequence[int]],
    *,
    seconds: float,
    workers: int,
    seed: int,
    should_stop: Callable[[], bool],
) -> tuple[Any, int, list[list[int]] | None]:
    """First stage: the fewest shooting days, alone. Moving a whole day's scenes elsewhere is
    what the large-neighbourhood search of the full model hardly ever does, while the
    packing alone is quick to solve; its plans go to the incumbent, and the number of days
    it proves is a valid bound for the full model, and its shortest plan is where the full
    model starts. Returns the status, that bound and that plan."""
    model = built.model.clone()
    model.minimize(sum(model.get_bool_var_from_proto_index(var.index) for var in built.used))
    built.hint(hint, model)
    status, bound, shortest = _run_solver(
        built,
        model,
        incumbent,
        seconds=seconds,
        workers=workers,
        seed=seed,
        should_stop=should_stop,
        reports_bound=False,
        stall_seconds=_FIRST_STAGE_STALL,
    )
    return status, _whole(bound), shortest


def solve_plan(
    problem: PlanningProblem,
    *,
    time_limit: float = 10.0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    workers: int = 2,
    seed: int = 0,
    explain_time_limit: float = 10.0,
) -> PlanResult:
    """The cheapest plan found within ``time_limit`` seconds, with its costs and a lower bound.

    ``workers`` is the number of CP-SAT threads. A stop (``should_stop`` returning true)
    returns the best plan found so far, or status unknown when there is none yet.
    """
    stop = should_stop or (lambda: False)
    indexed = validate_problem(problem)
    incumbent = _Incumbent(indexed, on_progress)
    conflicts = obvious_conflicts(indexed)
    if conflicts:
        return _infeasible(incumbent, tuple(conflicts), is_minimal=False)
    greedy = greedy_days(indexed)
    greedy_cost = None
    if not check_plan(problem, _plan(indexed, greedy)):
        incumbent.offer(greedy, "greedy")
        greedy_cost = incumbent.cost
    status, is_optimal = None, False
    if not stop():
        built = build_model(indexed)
        fewest_days, shortest = minimum_days(indexed), None
        if greedy_cost is None or len(greedy) > fewest_days:
            first_stage = min(_FIRST_STAGE_SHARE * time_limit, _FIRST_STAGE_MOST)
            status, fewest_days, shortest = _shortest_shoot(
                built, incumbent, greedy, seconds=first_stage, workers=workers, seed=seed, should_stop=stop
            )
        if status != cp_model.INFEASIBLE and not stop():
            built.model.add(sum(built.used) >= fewest_days)
            built.hint(shortest or incumbent.days or greedy)
            remaining = time_limit - incumbent.elapsed()
            status, bound, _ = _run_solver(
                built, built.model, incumbent, seconds=remaining, workers=workers, seed=seed, should_stop=stop
            )
            incumbent.raise_bound(_whole(bound))
            is_optimal = status == cp_model.OPTIMAL
    if status == cp_model.INFEASIBLE:
        explained = explain_infeasibility(
            indexed, time_limit=explain_time_limit, workers=workers, should_stop=stop
        )
        if explained is not None:
            return _infeasible(incumbent, explained.reasons, is_minimal=explained.is_minimal)
        return _infeasible(
            incumbent,
            ("no plan keeps every rule (the clash was not narrowed down in time)",),
            is_minimal=False,
        )
    if is_optimal and incumbent.cost is not None:
        incumbent.raise_bound(incumbent.cost)
    return _result(incumbent, greedy_cost, is_optimal=is_optimal)


def _plan(indexed: IndexedProblem, days: Sequence[Sequence[int]]) -> Plan:
    return Plan(days=tuple(tuple(indexed.scene_id(s) for s in day) for day in order_days(indexed, days)))


def _infeasible(incumbent: _Incumbent, reasons: tuple[str, ...], *, is_minimal: bool) -> PlanResult:
    return PlanResult(
        status=PlanStatus.INFEASIBLE,
        plan=None,
        days=(),
        cost=None,
        lower_bound=incumbent.lower_bound,
        conflicts=reasons,
        conflicts_are_minimal=is_minimal,
        greedy_cost=None,
        seconds=incumbent.elapsed(),
        seconds_to_first=None,
        seconds_to_best=None,
        method="",
    )


def _result(incumbent: _Incumbent, greedy_cost: int | None, *, is_optimal: bool) -> PlanResult:
    indexed = incumbent.indexed
    if incumbent.days is None:
        status = PlanStatus.UNKNOWN
        plan, cost = None, None
        days: tuple[PlannedDay, ...] = ()
    else:
        status = PlanStatus.OPTIMAL if is_optimal else PlanStatus.FEASIBLE
        ordered = order_days(indexed, incumbent.days)
        plan = _plan(indexed, ordered)
        days = tuple(_planned_day(indexed, d, scenes) for d, scenes in enumerate(ordered))
        cost = cost_of_assignment(indexed, ordered)
    return PlanResult(
        status=status,
        plan=plan,
        days=days,
        cost=cost,
        lower_bound=incumbent.lower_bound if cost is None else min(incumbent.lower_bound, cost.total),
        conflicts=(),
        conflicts_are_minimal=True,
        greedy_cost=greedy_cost,
        seconds=incumbent.elapsed(),
        seconds_to_first=incumbent.seconds_to_first,
        seconds_to_best=incumbent.seconds_to_best,
        method=incumbent.method,
    )


def _planned_day(indexed: IndexedProblem, day: int, scenes: Sequence[int]) -> PlannedDay:
    problem = indexed.problem
    dates = problem.calendar.dates
    return PlannedDay(
        index=day,
        number=day + 1,
        date=dates[day] if dates else None,
        scenes=tuple(indexed.scene_id(s) for s in scenes),
        eighths=sum(indexed.eighths[s] for s in scenes),
        minutes=sum(indexed.minutes[s] for s in scenes),
        locations=tuple(dict.fromkeys(problem.scenes[s].location for s in scenes)),
        cast=tuple(problem.cast[c].id for c in sorted({c for s in scenes for c in indexed.scene_cast[s]})),
        has_night=any(indexed.is_night[s] for s in scenes),
    )
