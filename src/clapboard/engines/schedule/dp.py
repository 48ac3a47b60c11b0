"""An exact dynamic program over sets of scenes, searched depth first with bounds.

Shoot the scenes from the first day on. Once a set of scenes is shot, what the rest
costs depends only on which scenes remain: an actor is on location during the next
scene if they are in it, or if they have already been called (they are in a shot
scene) and are still needed (they are in a scene still to shoot). So

    best(remaining) = min over s in remaining of
        duration(s) x cost(actors of s  |  (called & needed after s)) + best(remaining - s)

over at most 2**n sets, each value remembered once found. Three things keep the search
far below 2**n:

* an upper bound (the best order known) and a lower bound for every set (what its
  scenes cost their own actors, plus the waiting the actors already on location cannot
  avoid), so that a set whose bound cannot beat the best order is not opened;
* a set searched against a budget that it could not meet remembers the bound it proved,
  so that it is not searched again for the same or a smaller budget;
* dominance: a remaining scene that needs exactly the actors on location (called and
  still needed) is shot next: nobody waits during it, nobody new is called for it, and
  moving it forward can only let some actors leave earlier.

The values are exact integers. The search gives up, without a proof, when told to stop
or when it would remember more than ``max_states`` sets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from clapboard.engines.schedule.reduce import Reduced

DEFAULT_MAX_STATES = 4_000_000
_CHECK_EVERY = 2048


class SearchStopped(Exception):
    """The search was told to stop, or ran out of room, before finishing."""


@dataclass(frozen=True, slots=True)
class DPResult:
    order: tuple[int, ...]
    """The best order of reduced scenes known when the search ended."""
    cost: int
    lower_bound: int
    is_optimal: bool
    states: int


def _mask_sum_tables(values: tuple[int, ...]) -> list[list[int]]:
    """Tables giving the sum of ``values`` over a bit mask, eight bits at a time."""
    tables: list[list[int]] = []
    for offset in range(0, max(len(values), 1), 8):
        chunk = values[offset : offset + 8]
        table = [0] * 256
        for mask in range(1, 256):
            low = mask & -mask
            bit = low.bit_length() - 1
            table[mask] = table[mask ^ low] + (chunk[bit] if bit < len(chunk) else 0)
        tables.append(table)
    return tables


class _Search:
    def __init__(
        self,
        problem: Reduced,
        *,
        upper_bound: int,
        should_stop: Callable[[], bool],
        on_checkpoint: Callable[[], None],
        max_states: int,
    ) -> None:
        self.n = problem.scene_count
        self.full = (1 << self.n) - 1
        self.durations = problem.durations
        self.needs = problem.needs
        self.cost_tables = _mask_sum_tables(problem.costs)
        self.duration_tables = _mask_sum_tables(problem.durations)
        actor_count = len(problem.costs)
        self.actor_costs = problem.costs
        self.scenes_of_actor = [
            sum(1 << s for s in range(self.n) if problem.needs[s] >> a & 1) for a in range(actor_count)
        ]
        self.own_cost = [problem.durations[s] * self.mask_cost(problem.needs[s]) for s in range(self.n)]
        self.upper_bound = upper_bound
        self.should_stop = should_stop
        self.on_checkpoint = on_checkpoint
        self.max_states = max_states
        self.memo: dict[int, tuple[int, bool, int]] = {}
        self.expansions = 0

    def mask_cost(self, mask: int) -> int:
        total = 0
        for table in self.cost_tables:
            total += table[mask & 255]
            mask >>= 8
        return total

    def mask_duration(self, mask: int) -> int:
        total = 0
        for table in self.duration_tables:
            total += table[mask & 255]
            mask >>= 8
        return total

    def lower_bound(self, remaining: int, called: int) -> int:
        """What ``remaining`` costs at least, given the actors already ``called``.

        Its scenes cost their own actors; and of the actors called and still needed,
        the one who finishes last waits through every remaining scene of the others
        that is not theirs.
        """
        bound = 0
        mask = remaining
        while mask:
            low = mask & -mask
            bound += self.own_cost[low.bit_length() - 1]
            mask ^= low
        waiting: list[tuple[int, int]] = []
        touched = 0
        mask = called
        while mask:
            low = mask & -mask
            actor = low.bit_length() - 1
            theirs = self.scenes_of_actor[actor] & remaining
            if theirs:
                waiting.append((actor, theirs))
                touched |= theirs
            mask ^= low
        if len(waiting) > 1:
            bound += min(
                self.actor_costs[actor] * self.mask_duration(touched & ~theirs) for actor, theirs in waiting
            )
        return bound

    def best(self, remaining: int, called: int, budget: int) -> int:
        """The exact best cost of ``remaining`` if it is below ``budget``, else a bound >= budget."""
        if not remaining:
            return 0
        known = self.memo.get(remaining)
        if known is not None:
            value, is_exact, _ = known
            if is_exact or value >= budget:
                return value
        self.expansions += 1
        if self.expansions % _CHECK_EVERY == 0:
            if self.should_stop():
                raise SearchStopped
            if len(self.memo) > self.max_states:
                raise SearchStopped
            self.on_checkpoint()
        scenes: list[int] = []
        mask = remaining
        while mask:
            low = mask & -mask
            scenes.append(low.bit_length() - 1)
            mask ^= low
        needs = self.needs
        # The actors needed after each candidate: unions of the others' needs.
        count = len(scenes)
        after_prefix = [0] * (count + 1)
        for i, s in enumerate(scenes):
            after_prefix[i + 1] = after_prefix[i] | needs[s]
        after_suffix = [0] * (count + 1)
        for i in range(count - 1, -1, -1):
            after_suffix[i] = after_suffix[i + 1] | needs[scenes[i]]
        on_location = called & after_prefix[count]
        forced = next((s for s in scenes if needs[s] == on_location), None)
        candidates = [forced] if forced is not None else scenes
        position = {s: i for i, s in enumerate(scenes)}
        children: list[tuple[int, int, int]] = []
        for s in candidates:
            i = position[s]
            needed_after = after_prefix[i] | after_suffix[i + 1]
            step = self.durations[s] * self.mask_cost(needs[s] | (called & needed_after))
            rest = remaining ^ (1 << s)
            bound = self.lower_bound(rest, called | needs[s])
            remembered = self.memo.get(rest)
            if remembered is not None and remembered[0] > bound:
                bound = remembered[0]
            children.append((step + bound, step, s))
        children.sort()
        best = budget_reached = sys.maxsize
        best_scene = -1
        for estimate, step, s in children:
            limit = min(budget, best)
            if estimate >= limit:
                budget_reached = min(budget_reached, estimate)
                break
            value = self.best(remaining ^ (1 << s), called | needs[s], limit - step)
            if value < limit - step:
                best = step + value
                best_scene = s
            else:
                budget_reached = min(budget_reached, step + value)
        if best < budget:
            self.memo[remaining] = (best, True, best_scene)
            return best
        self.memo[remaining] = (budget_reached, False, -1)
        return budget_reached

    def order(self) -> tuple[int, ...]:
        """The best order, read back from the remembered exact values."""
        order: list[int] = []
        remaining = self.full
        while remaining:
            _, is_exact, scene = self.memo[remaining]
            if not is_exact:
                raise AssertionError("the order is read only after an exact search")
            order.append(scene)
            remaining ^= 1 << scene
        return tuple(order)


def solve_dp(
    problem: Reduced,
    *,
    incumbent: tuple[int, ...],
    should_stop: Callable[[], bool] = lambda: False,
    on_checkpoint: Callable[[], None] = lambda: None,
    max_states: int = DEFAULT_MAX_STATES,
) -> DPResult:
    """Prove ``incumbent`` (an order of reduced scenes) optimal, or find a better one.

    Raises ``SearchStopped`` when ``should_stop()`` turns true or the memory cap is hit;
    the caller keeps its incumbent then.
    """
    upper = problem.total(incumbent)
    if problem.scene_count == 0:
        return DPResult(order=(), cost=0, lower_bound=0, is_optimal=True, states=0)
    search = _Search(
        problem,
        upper_bound=upper,
        should_stop=should_stop,
        on_checkpoint=on_checkpoint,
        max_states=max_states,
    )
    value = search.best(search.full, 0, upper)
    if value < upper:
        return DPResult(
            order=search.order(), cost=value, lower_bound=value, is_optimal=True, states=len(search.memo)
        )
    return DPResult(order=incumbent, cost=upper, lower_bound=upper, is_optimal=True, states=len(search.memo))


def root_lower_bound(problem: Reduced) -> int:
    """The bound known before searching: every scene costs at least its own actors."""
    return sum(
        d * sum(problem.costs[a] for a in range(len(problem.costs)) if needs >> a & 1)
        for d, needs in zip(problem.durations, problem.needs, strict=True)
    )
