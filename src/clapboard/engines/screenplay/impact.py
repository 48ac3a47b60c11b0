"""The impact of a new draft per department: which elements appear, go, grow or shrink.

``department_impact`` compares the element names of each breakdown category in two
versions; ``department_impact_counts`` also compares how many scenes each element is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

__all__ = ["Impact", "department_impact", "department_impact_counts"]


@dataclass(frozen=True, slots=True)
class Impact:
    """What changed in one breakdown category: element names that appear (``added``) or
    disappear (``removed``), and, when scenes are counted, ``changed`` as
    ``(name, old scene count, new scene count)`` for names present in both versions."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[tuple[str, int, int], ...] = ()


def _sorted_names(names: set[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda name: (name.casefold(), name)))


def department_impact(
    old_elements: Mapping[str, AbstractSet[str]], new_elements: Mapping[str, AbstractSet[str]]
) -> dict[str, Impact]:
    """Per breakdown category (its code), the element names that appear or disappear.

    Categories without a change are left out; names are sorted (case aside), categories too.
    """
    impacts: dict[str, Impact] = {}
    for category in sorted(old_elements.keys() | new_elements.keys()):
        old = set(old_elements.get(category, ()))
        new = set(new_elements.get(category, ()))
        if old != new:
            impacts[category] = Impact(added=_sorted_names(new - old), removed=_sorted_names(old - new))
    return impacts


def department_impact_counts(
    old_counts: Mapping[str, Mapping[str, int]], new_counts: Mapping[str, Mapping[str, int]]
) -> dict[str, Impact]:
    """Like ``department_impact`` from scene counts (category → name → number of scenes):
    also reports, in ``changed``, the names whose count changed ("VFX shots: 4 → 7").

    A count of 0 is the same as an absent name; a negative count is a ``ValueError``.
    """
    impacts: dict[str, Impact] = {}
    for category in sorted(old_counts.keys() | new_counts.keys()):
        old = _present(old_counts.get(category, {}), category)
        new = _present(new_counts.get(category, {}), category)
        if old == new:
            continue
        both = old.keys() & new.keys()
        impacts[category] = Impact(
            added=_sorted_names(set(new.keys() - old.keys())),
            removed=_sorted_names(set(old.keys() - new.keys())),
            changed=tuple(
                (name, old[name], new[name]) for name in _sorted_names(set(both)) if old[name] != new[name]
            ),
        )
    return impacts


def _present(counts: Mapping[str, int], category: str) -> dict[str, int]:
    for name, count in counts.items():
        if count < 0:
            raise ValueError(f"negative scene count for {name!r} in category {category!r}")
    return {name: count for name, count in counts.items() if count > 0}
