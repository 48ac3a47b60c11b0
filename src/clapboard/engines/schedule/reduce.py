"""Safe reductions before searching: the same optimum on a smaller problem.

* Actors who cost nothing, or are in no scene, play no part.
* Scenes needing exactly the same (remaining) actors are shot together: some optimal
  order keeps them side by side, so they become one scene of their summed duration.
* An actor left in only one (merged) scene is never kept waiting: their cost is the
  same for every order, so the search forgets them.
* A scene left needing nobody goes first, where nobody is waiting yet.

The three last steps feed each other (forgetting an actor can make two scenes equal),
so they are repeated until nothing changes. ``expand`` turns an order of the reduced
scenes back into an order of every scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clapboard.engines.schedule.instance import Instance


@dataclass(frozen=True, slots=True)
class Reduced:
    """The problem the exact methods see: scenes as bit positions, actors as bit masks."""

    durations: tuple[int, ...]
    needs: tuple[int, ...]
    """Per reduced scene, the mask of the kept actors it needs."""
    costs: tuple[int, ...]
    """Per kept actor, the daily cost."""
    groups: tuple[tuple[int, ...], ...]
    """Per reduced scene, the original scene positions it stands for, in shooting order."""
    leading: tuple[int, ...]
    """Original scene positions that need none of the kept actors: shot first."""

    @property
    def scene_count(self) -> int:
        return len(self.durations)

    def expand(self, order: Sequence[int]) -> tuple[int, ...]:
        """An order of every original scene from an order of the reduced scenes."""
        return self.leading + tuple(position for scene in order for position in self.groups[scene])

    def total(self, order: Sequence[int]) -> int:
        """What the kept actors cost in ``order`` (reduced scenes)."""
        start_of: dict[int, int] = {}
        end_of: dict[int, int] = {}
        day = 0
        for scene in order:
            mask = self.needs[scene]
            day_after = day + self.durations[scene]
            actor = 0
            while mask:
                if mask & 1:
                    start_of.setdefault(actor, day)
                    end_of[actor] = day_after
                mask >>= 1
                actor += 1
            day = day_after
        return sum(self.costs[a] * (end_of[a] - start_of[a]) for a in start_of)


def reduce_instance(instance: Instance) -> Reduced:
    needs_of = instance.scenes_of()
    kept = {a for a, actor in enumerate(instance.actors) if actor.cost > 0 and actor.scenes}
    groups: list[tuple[int, ...]] = [(s,) for s in range(instance.scene_count)]
    while True:
        merged: dict[frozenset[int], tuple[int, ...]] = {}
        for group in groups:
            key = needs_of[group[0]] & kept
            merged[key] = merged.get(key, ()) + group
        groups = list(merged.values())
        active = [needs_of[group[0]] & kept for group in groups if needs_of[group[0]] & kept]
        lonely = {a for a in kept if sum(1 for needs in active if a in needs) <= 1}
        if not lonely:
            break
        kept -= lonely
    actor_bit = {a: bit for bit, a in enumerate(sorted(kept))}
    leading: tuple[int, ...] = ()
    durations: list[int] = []
    needs: list[int] = []
    reduced_groups: list[tuple[int, ...]] = []
    for group in groups:
        needed = needs_of[group[0]] & kept
        if not needed:
            leading += group
            continue
        durations.append(sum(instance.scenes[s].duration for s in group))
        needs.append(sum(1 << actor_bit[a] for a in needed))
        reduced_groups.append(group)
    return Reduced(
        durations=tuple(durations),
        needs=tuple(needs),
        costs=tuple(instance.actors[a].cost for a in sorted(kept)),
        groups=tuple(reduced_groups),
        leading=leading,
    )
