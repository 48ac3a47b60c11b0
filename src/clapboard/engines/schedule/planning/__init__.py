"""The shooting-schedule planner: scenes on shooting days, under a production's rules.

Where the talent solver (``engines.schedule.solve``) orders scenes to keep actors waiting
least, this plans a real schedule: which scenes go on which shooting day of a calendar,
and in which order within the day, so that the shoot costs least in days, actors' work
and hold days, company moves and day/night changes, while every hard rule holds
(availability of cast and locations, fixed days, groups of scenes, hours and pages per
day, children's hours, rest after a night, the number of days).

Entry point: ``solve_plan(problem, *, time_limit, on_progress, should_stop) -> PlanResult``.
Build the ``PlanningProblem`` from dataclasses (``model.py``) or JSON (``read_problem``,
``load_problem``; the format is in ``reading.py``); ``validate_problem`` names the bad id
or field; ``check_plan`` and ``evaluate_plan`` check and cost any plan, whatever made it;
``generate_feature`` makes realistic instances. The modules:

* ``model.py``: the problem's dataclasses and the rest rule;
* ``validate.py``: checks, and the problem by positions;
* ``reading.py``: the JSON format;
* ``evaluate.py``: cost per term, and the independent rule checker;
* ``greedy.py``: the plan a person lays out by hand (baseline and hint);
* ``bounds.py``: lower bounds without a solver;
* ``cpsat_model.py``: the CP-SAT model;
* ``solve.py``: ``solve_plan`` and its result;
* ``explain.py``: why no plan exists, in words;
* ``ordering.py``: the order of scenes within a day;
* ``generate.py``: realistic feature-film instances.

``solve_plan`` and ``explain_infeasibility`` load OR-Tools; they are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clapboard.engines.schedule.planning.evaluate import (
    CastCost,
    Plan,
    PlanCost,
    Violation,
    check_plan,
    evaluate_plan,
)
from clapboard.engines.schedule.planning.generate import FeatureShape, generate_feature
from clapboard.engines.schedule.planning.model import (
    CastMember,
    DayPart,
    GroupKind,
    Limits,
    Location,
    PlanningError,
    PlanningProblem,
    RestRules,
    Scene,
    SceneGroup,
    ShootingCalendar,
    Weights,
    Window,
    default_weights,
)
from clapboard.engines.schedule.planning.reading import load_problem, problem_to_json, read_problem
from clapboard.engines.schedule.planning.validate import IndexedProblem, validate_problem

if TYPE_CHECKING:
    from clapboard.engines.schedule.planning.explain import Infeasibility, explain_infeasibility
    from clapboard.engines.schedule.planning.solve import PlannedDay, PlanResult, PlanStatus, solve_plan

_LAZY = {
    "Infeasibility": "explain",
    "explain_infeasibility": "explain",
    "PlannedDay": "solve",
    "PlanResult": "solve",
    "PlanStatus": "solve",
    "solve_plan": "solve",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"clapboard.engines.schedule.planning.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CastCost",
    "CastMember",
    "DayPart",
    "FeatureShape",
    "GroupKind",
    "IndexedProblem",
    "Infeasibility",
    "Limits",
    "Location",
    "Plan",
    "PlanCost",
    "PlanResult",
    "PlanStatus",
    "PlannedDay",
    "PlanningError",
    "PlanningProblem",
    "RestRules",
    "Scene",
    "SceneGroup",
    "ShootingCalendar",
    "Violation",
    "Weights",
    "Window",
    "check_plan",
    "default_weights",
    "evaluate_plan",
    "explain_infeasibility",
    "generate_feature",
    "load_problem",
    "problem_to_json",
    "read_problem",
    "solve_plan",
    "validate_problem",
]
