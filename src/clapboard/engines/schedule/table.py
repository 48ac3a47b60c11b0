"""The whole dynamic program over scene subsets, a table of 2**n values filled with numpy.

The same recurrence as ``dp.py`` (shoot from the first day; what the remaining scenes
cost depends only on which remain), computed for *every* subset rather than searched:

    best(Q) = min over s in Q of duration(s) x cost(actors of s | (called(Q) & needed(Q - s)))
                                 + best(Q - s)

where ``called(Q)`` is the union of the needs of the scenes already shot (the complement
of Q) and ``needed(Q - s)`` that of the scenes left after s. Subsets are filled by
increasing size, each size in one vectorised pass per scene, so that 20 scenes (about a
million subsets, ten million transitions) take a second or two and no bound is needed:
the table is the proof. Memory grows as 2**n (about 8 bytes x 4 arrays per subset),
hence ``MAX_TABLE_SCENES``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from clapboard.engines.schedule.reduce import Reduced

MAX_TABLE_SCENES = 22
MAX_TABLE_ACTORS = 62

Int64Array = npt.NDArray[np.int64]


class TableStopped(Exception):
    """Told to stop between two subset sizes."""


def fits_table(problem: Reduced) -> bool:
    return problem.scene_count <= MAX_TABLE_SCENES and len(problem.costs) <= MAX_TABLE_ACTORS


def _unions(values: tuple[int, ...]) -> Int64Array:
    """For every subset mask of positions, the bitwise or of ``values`` over it."""
    union = np.zeros(1 << len(values), dtype=np.int64)
    for bit, value in enumerate(values):
        size = 1 << bit
        union[size : 2 * size] = union[:size] | value
    return union


def _mask_cost(masks: Int64Array, tables: list[Int64Array]) -> Int64Array:
    total = np.zeros(masks.shape, dtype=np.int64)
    for chunk, table in enumerate(tables):
        total += table[(masks >> (8 * chunk)) & 255]
    return total


def _cost_tables(costs: tuple[int, ...]) -> list[Int64Array]:
    tables: list[Int64Array] = []
    for offset in range(0, max(len(costs), 1), 8):
        chunk = costs[offset : offset + 8]
        table = np.zeros(256, dtype=np.int64)
        for bit, cost in enumerate(chunk):
            table[np.arange(256) >> bit & 1 == 1] += cost
        tables.append(table)
    return tables


def solve_table(
    problem: Reduced, *, should_stop: Callable[[], bool] = lambda: False
) -> tuple[tuple[int, ...], int]:
    """An optimal order of the reduced scenes and its cost (kept actors only).

    Raises ``TableStopped`` if ``should_stop()`` turns true between two subset sizes.
    """
    n = problem.scene_count
    if n == 0:
        return (), 0
    if not fits_table(problem):
        raise ValueError(f"{n} scenes and {len(problem.costs)} actors are too many for the full table")
    full = (1 << n) - 1
    masks = np.arange(1 << n, dtype=np.int64)
    needed = _unions(problem.needs)  # needed[Q]: actors of the scenes in Q
    called = needed[::-1].copy()  # called[Q] = needed[full ^ Q]: actors of the scenes shot
    tables = _cost_tables(problem.costs)
    size = np.zeros(1 << n, dtype=np.int64)
    for bit in range(n):
        size += (masks >> bit) & 1
    best = np.full(1 << n, np.iinfo(np.int64).max // 4, dtype=np.int64)
    best[0] = 0
    by_size = np.argsort(size, kind="stable")
    bounds = np.searchsorted(size[by_size], np.arange(n + 2))
    for count in range(1, n + 1):
        if should_stop():
            raise TableStopped
        layer = by_size[bounds[count] : bounds[count + 1]]
        layer_best = np.full(layer.shape, np.iinfo(np.int64).max // 4, dtype=np.int64)
        for scene in range(n):
            scene_bit = np.int64(1 << scene)
            has = (layer & scene_bit) != 0
            remaining = layer[has]
            rest = remaining ^ scene_bit
            present = np.int64(problem.needs[scene]) | (called[remaining] & needed[rest])
            value = problem.durations[scene] * _mask_cost(present, tables) + best[rest]
            layer_best[has] = np.minimum(layer_best[has], value)
        best[layer] = layer_best
    order: list[int] = []
    remaining_mask = full
    shot_actors = 0
    while remaining_mask:
        for scene in range(n):
            if not remaining_mask >> scene & 1:
                continue
            rest_mask = remaining_mask ^ (1 << scene)
            present_mask = problem.needs[scene] | (shot_actors & int(needed[rest_mask]))
            step = problem.durations[scene] * sum(
                cost for a, cost in enumerate(problem.costs) if present_mask >> a & 1
            )
            if step + int(best[rest_mask]) == int(best[remaining_mask]):
                order.append(scene)
                shot_actors |= problem.needs[scene]
                remaining_mask = rest_mask
                break
        else:
            raise AssertionError("no scene reproduces the table's value")
    return tuple(order), int(best[full])
