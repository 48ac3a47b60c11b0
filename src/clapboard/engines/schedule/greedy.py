"""The baseline a scheduler would try by hand: keep the actors who are already there busy.

Start with the scene whose cast costs most a day; then, again and again, shoot next the
remaining scene that shares the most daily cost with the actors already called and
still needed, and that calls the fewest new actors (ties: the input order). It is fast,
often reasonable, and the reference the optimiser's gain is measured against.
"""

from __future__ import annotations

from functools import partial

from clapboard.engines.schedule.instance import Instance


def greedy_order(instance: Instance) -> tuple[int, ...]:
    """A quick order (scene positions) grouping scenes by the actors they share."""
    needs = instance.scenes_of()
    cost = [actor.cost for actor in instance.actors]
    remaining = list(range(instance.scene_count))
    scenes_left_of = [len(actor.scenes) for actor in instance.actors]

    def daily(actors: frozenset[int] | set[int]) -> int:
        return sum(cost[a] for a in actors)

    def _preference(s: int, on_location: set[int], called: frozenset[int]) -> tuple[int, int, int]:
        shared = daily(needs[s] & on_location)
        newly_called = daily(needs[s] - called)
        return (shared - newly_called, -newly_called, -s)

    if not remaining:
        return ()
    first = max(remaining, key=lambda s: (daily(needs[s]), -s))
    order = [first]
    remaining.remove(first)
    called: set[int] = set(needs[first])
    for a in needs[first]:
        scenes_left_of[a] -= 1
    while remaining:
        on_location = {a for a in called if scenes_left_of[a] > 0}
        called_now = frozenset(called)
        chosen = max(remaining, key=partial(_preference, on_location=on_location, called=called_now))
        order.append(chosen)
        remaining.remove(chosen)
        called |= needs[chosen]
        for a in needs[chosen]:
            scenes_left_of[a] -= 1
    return tuple(order)
