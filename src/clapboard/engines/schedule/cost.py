"""The objective, in whole numbers: what an order of scenes costs in actors' days.

An actor is paid ``cost`` for every day from the first day of their first scene to the
last day of their last scene, waiting days included (the *total*). The days of the
scenes they are in are paid whatever the order (the *base*); the rest is the *idle*
(holding) cost, the only part an order can change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clapboard.engines.schedule.instance import Instance, InstanceError


@dataclass(frozen=True, slots=True)
class ScheduleCost:
    total: int
    base: int

    @property
    def idle(self) -> int:
        return self.total - self.base


def base_cost(instance: Instance) -> int:
    """What the actors' own scene days cost: the same for every order."""
    return sum(
        actor.cost * sum(instance.scenes[s].duration for s in actor.scenes) for actor in instance.actors
    )


def check_order(instance: Instance, order: Sequence[int]) -> None:
    """Refuse anything but a permutation of the scene positions."""
    if sorted(order) != list(range(instance.scene_count)):
        raise InstanceError(
            f"an order must list each of the {instance.scene_count} scenes once (got {len(order)} entries)"
        )


def schedule_cost(instance: Instance, order: Sequence[int]) -> ScheduleCost:
    """Total and base cost of shooting the scenes in ``order`` (scene positions)."""
    check_order(instance, order)
    start = [0] * instance.scene_count
    day = 0
    for position in order:
        start[position] = day
        day += instance.scenes[position].duration
    total = 0
    for actor in instance.actors:
        if not actor.scenes:
            continue
        first = min(start[s] for s in actor.scenes)
        last_end = max(start[s] + instance.scenes[s].duration for s in actor.scenes)
        total += actor.cost * (last_end - first)
    return ScheduleCost(total=total, base=base_cost(instance))
