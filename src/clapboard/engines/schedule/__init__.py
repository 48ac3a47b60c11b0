"""The shooting-schedule engine: the order of scenes that keeps actors waiting least.

Entry point: ``solve(instance, *, time_limit=None, on_progress=None, should_stop=None)
-> Solution``, with ``read_instance(data)`` / ``load_instance(path)`` to build the
``Instance`` (``InstanceError`` names the bad field or id), ``schedule_cost`` for the
arithmetic and ``greedy_order`` for the hand-made baseline. See ``solver.py`` for how the
methods (reductions, the table over scene subsets, CP-SAT, the bounded search) combine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clapboard.engines.schedule.cost import ScheduleCost, base_cost, schedule_cost
from clapboard.engines.schedule.greedy import greedy_order
from clapboard.engines.schedule.instance import (
    Actor,
    ActorId,
    Instance,
    InstanceError,
    Scene,
    SceneId,
    load_instance,
    read_instance,
)

if TYPE_CHECKING:
    from clapboard.engines.schedule.solver import Progress, Solution, solve

#: Names read from ``solver.py`` on first use: it loads OR-Tools (and with it pandas), which
#: the web pages that only lay out a stripboard (``board``, ``calendar``) never need.
_SOLVER_NAMES = frozenset({"Progress", "Solution", "solve"})


def __getattr__(name: str) -> Any:
    if name in _SOLVER_NAMES:
        from clapboard.engines.schedule import solver

        return getattr(solver, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Actor",
    "ActorId",
    "Instance",
    "InstanceError",
    "Progress",
    "Scene",
    "SceneId",
    "ScheduleCost",
    "Solution",
    "base_cost",
    "greedy_order",
    "load_instance",
    "read_instance",
    "schedule_cost",
    "solve",
]
