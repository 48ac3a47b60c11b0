"""The shooting-schedule engine: the order of scenes that keeps actors waiting least.

Entry point: ``solve(instance, *, time_limit=None, on_progress=None, should_stop=None)
-> Solution``, with ``read_instance(data)`` / ``load_instance(path)`` to build the
``Instance`` (``InstanceError`` names the bad field or id), ``schedule_cost`` for the
arithmetic and ``greedy_order`` for the hand-made baseline. See ``solve.py`` for how the
methods (reductions, the table over scene subsets, CP-SAT, the bounded search) combine.
"""

from __future__ import annotations

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
from clapboard.engines.schedule.solve import Progress, Solution, solve

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
