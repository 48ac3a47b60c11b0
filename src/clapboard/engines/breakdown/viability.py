"""A first reading of a breakdown for the producer: how big is this shoot, and what weighs on it.

Entry point: ``assess_viability(scenes, elements, *, production_type="feature")``. Input
is the scenes (``SceneFacts``, from ``statistics``) and the breakdown elements
(``ElementFacts``: a category code, a name, the scenes it appears in). Output is a
``Viability``: the counts a budget starts from (cast, background, sets, scenes with
stunts, effects, children, animals, vehicles), the estimated shooting days, and the
``Flag`` items worth a producer's attention.

The pages shot a day and every threshold are versioned data in ``data/viability.json``
(``load_viability_rules``); the day/night class of a scene comes from
``statistics.daylight_by_scene``. A night exterior is a scene marked EXT or INT/EXT whose
class is NIGHT (a car at night is lit outside too); the same for dawn/dusk exteriors.
Children are cast or background elements marked ``minor``: French law asks the same
authorisation for a child extra as for a child actor.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Literal

from clapboard.engines.breakdown.statistics import (
    DATA,
    Daylight,
    DaylightRules,
    SceneFacts,
    daylight_by_scene,
    normalise_int_ext,
    pages_of,
)

__all__ = [
    "FLAG_CODES",
    "ElementFacts",
    "Flag",
    "FlagLevel",
    "FlagRule",
    "ProductionType",
    "Viability",
    "ViabilityRules",
    "assess_viability",
    "load_viability_rules",
]

FlagLevel = Literal["info", "warning"]

# Category codes this module reads (the breakdown's category list has more).
CAST = "cast"
BACKGROUND = "background"
STUNTS = "stunts"
VEHICLES = "vehicles"
SFX = "sfx"
VFX = "vfx"
ANIMALS = "animals"
ANIMAL_HANDLERS = "animal_handlers"

# Every flag the rules file must describe, in the order they are reported within a level.
FLAG_CODES: tuple[str, ...] = (
    "minors",
    "night_exteriors",
    "dawn_dusk_exteriors",
    "stunts",
    "animals",
    "vehicles",
    "vfx",
    "sfx",
    "locations",
)
_SCENE_FIGURES = frozenset({"scenes", "page_share"})
_LOCATION_FIGURES = frozenset({"locations", "sets_per_page"})
_EXTERIOR = frozenset({"EXT", "INT/EXT"})


@dataclass(frozen=True, slots=True)
class ElementFacts:
    """A breakdown element: its category code, its name and the scenes (indexes) it is in.

    ``minor`` marks a person under 16 (a child in the cast or in the background).
    """

    category: str
    name: str
    scenes: tuple[int, ...]
    minor: bool = False


@dataclass(frozen=True, slots=True)
class Flag:
    """Something worth a producer's attention.

    ``code`` is one of FLAG_CODES; ``count`` is the number of scenes concerned (for
    ``locations``, the number of sets); ``scenes`` are their indexes in script order
    (empty for ``locations``).
    """

    code: str
    level: FlagLevel
    count: int
    scenes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Viability:
    """The read-out. Scene lists hold indexes in script order; pages are exact Decimals.

    ``cast_size`` counts distinct cast names, ``background_count`` distinct background
    names, ``minor_count`` distinct children (cast and background), ``location_count``
    distinct sets (heading locations, case and spacing ignored). ``shooting_days`` is
    ``pages / pages_per_day`` to one decimal (half up) and ``shooting_days_rounded_up`` the
    whole days to plan. ``flags`` lists warnings first, then information.
    """

    scene_count: int
    eighths: int
    pages: Decimal
    cast_size: int
    background_count: int
    minor_count: int
    location_count: int
    night_exterior_scenes: tuple[int, ...]
    night_exterior_eighths: int
    night_exterior_pages: Decimal
    dawn_dusk_exterior_scenes: tuple[int, ...]
    stunt_scenes: tuple[int, ...]
    vfx_scenes: tuple[int, ...]
    sfx_scenes: tuple[int, ...]
    minor_scenes: tuple[int, ...]
    animal_scenes: tuple[int, ...]
    vehicle_scenes: tuple[int, ...]
    production_type: str
    pages_per_day: Decimal
    shooting_days: Decimal
    shooting_days_rounded_up: int
    flags: tuple[Flag, ...]
    rules_version: int


@dataclass(frozen=True, slots=True)
class FlagRule:
    """When a flag is raised: each level is a list of conditions, any of which suffices;
    a condition is a mapping of figure -> minimum, all of which must be reached."""

    code: str
    info: tuple[Mapping[str, Decimal], ...]
    warning: tuple[Mapping[str, Decimal], ...]
    why: str


@dataclass(frozen=True, slots=True)
class ProductionType:
    """A kind of production and the pages of script it shoots in a day."""

    code: str
    pages_per_day: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class ViabilityRules:
    """The versioned contents of ``data/viability.json``."""

    version: int
    effective_from: date
    source: str
    default_production_type: str
    production_types: Mapping[str, ProductionType]
    flags: Mapping[str, FlagRule]


def _decimal(value: object, where: str) -> Decimal:
    """A non-negative Decimal from a JSON string or integer (floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"{where}: write numbers as strings or integers, not {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{where}: {value!r} is not a number") from error
    if not number.is_finite() or number < 0:
        raise ValueError(f"{where}: {value!r} must be a non-negative number")
    return number


def _conditions(raw: object, code: str, level: str) -> tuple[Mapping[str, Decimal], ...]:
    allowed = _LOCATION_FIGURES if code == "locations" else _SCENE_FIGURES
    if not isinstance(raw, list):
        raise ValueError(f"flag {code}: {level} must be a list of conditions")
    conditions = []
    for condition in raw:
        if not isinstance(condition, dict) or not condition:
            raise ValueError(f"flag {code}: each {level} condition is a non-empty object")
        unknown = condition.keys() - allowed
        if unknown:
            raise ValueError(f"flag {code}: {', '.join(sorted(unknown))} is not a figure of this flag")
        conditions.append(
            {name: _decimal(value, f"flag {code} {level} {name}") for name, value in condition.items()}
        )
    return tuple(conditions)


def _read_rules(path: Path) -> ViabilityRules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    try:
        version = raw["version"]
        effective_from = date.fromisoformat(raw["effective_from"])
        source = raw["source"]
        default_type = raw["default_production_type"]
        types = {
            code: ProductionType(
                code=code,
                pages_per_day=_decimal(entry["pages_per_day"], f"{code} pages_per_day"),
                source=entry["source"],
            )
            for code, entry in raw["production_types"].items()
        }
        flags = {
            code: FlagRule(
                code=code,
                info=_conditions(entry["info"], code, "info"),
                warning=_conditions(entry["warning"], code, "warning"),
                why=entry["why"],
            )
            for code, entry in raw["flags"].items()
        }
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{path.name}: missing or malformed field ({error})") from error
    if not isinstance(version, int) or version < 1 or not isinstance(source, str) or not source.strip():
        raise ValueError(f"{path.name}: needs a positive integer version and a source")
    if default_type not in types:
        raise ValueError(f"{path.name}: the default production type {default_type!r} is not listed")
    if any(kind.pages_per_day == 0 for kind in types.values()):
        raise ValueError(f"{path.name}: pages per day must be positive")
    if set(flags) != set(FLAG_CODES):
        raise ValueError(f"{path.name}: the flags must be exactly {', '.join(FLAG_CODES)}")
    return ViabilityRules(
        version=version,
        effective_from=effective_from,
        source=source,
        default_production_type=default_type,
        production_types=types,
        flags=flags,
    )


@cache
def _default_rules() -> ViabilityRules:
    return _read_rules(DATA / "viability.json")


def load_viability_rules(path: Path | None = None) -> ViabilityRules:
    """The rules in ``path``, or the shipped ``data/viability.json`` (read once)."""
    return _default_rules() if path is None else _read_rules(path)


def _level(rule: FlagRule, figures: Mapping[str, Decimal]) -> FlagLevel | None:
    def holds(condition: Mapping[str, Decimal]) -> bool:
        return all(figures[name] >= minimum for name, minimum in condition.items())

    if any(holds(condition) for condition in rule.warning):
        return "warning"
    if any(holds(condition) for condition in rule.info):
        return "info"
    return None


def _scenes_with(elements: Iterable[ElementFacts], categories: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({index for e in elements if e.category in categories for index in e.scenes}))


def _distinct_names(elements: Iterable[ElementFacts], category: str) -> int:
    return len({" ".join(e.name.split()).casefold() for e in elements if e.category == category})


def _check(scenes: Sequence[SceneFacts], elements: Sequence[ElementFacts]) -> None:
    indexes: set[int] = set()
    for scene in scenes:
        if scene.index in indexes:
            raise ValueError(f"scene {scene.index} is listed twice")
        if scene.eighths < 0:
            raise ValueError(f"scene {scene.index} has a negative length ({scene.eighths} eighths)")
        indexes.add(scene.index)
    for element in elements:
        missing = sorted(set(element.scenes) - indexes)
        if missing:
            raise ValueError(
                f"{element.category} {element.name!r} is in scene {missing[0]}, which is not in the script"
            )


def assess_viability(
    scenes: Sequence[SceneFacts],
    elements: Sequence[ElementFacts] = (),
    *,
    production_type: str | None = None,
    pages_per_day: Decimal | None = None,
    rules: ViabilityRules | None = None,
    daylight_rules: DaylightRules | None = None,
) -> Viability:
    """Read a breakdown (see ``Viability``).

    ``production_type`` picks the pages shot a day from the rules (their default type when
    None); ``pages_per_day`` overrides it. Elements of categories this read-out does not
    use (props, wardrobe…) are accepted and only checked for their scenes. Raises
    ValueError for an unknown production type, a non-positive rate, a scene listed twice
    or an element in a scene that is not in ``scenes``.
    """
    rules = rules or load_viability_rules()
    kind = production_type or rules.default_production_type
    if kind not in rules.production_types:
        raise ValueError(
            f"unknown production type {kind!r} (known: {', '.join(sorted(rules.production_types))})"
        )
    rate = rules.production_types[kind].pages_per_day if pages_per_day is None else Decimal(pages_per_day)
    if not rate.is_finite() or rate <= 0:
        raise ValueError(f"pages per day must be positive, not {rate}")
    _check(scenes, elements)

    ordered = sorted(scenes, key=lambda scene: scene.index)
    by_index = {scene.index: scene for scene in ordered}
    total = sum(scene.eighths for scene in ordered)
    pages = pages_of(total)
    light = daylight_by_scene(ordered, daylight_rules)

    def exteriors(daylight: Daylight) -> tuple[int, ...]:
        return tuple(
            s.index
            for s in ordered
            if light[s.index] is daylight and normalise_int_ext(s.int_ext) in _EXTERIOR
        )

    people = [e for e in elements if e.minor and e.category in {CAST, BACKGROUND}]
    scene_lists: dict[str, tuple[int, ...]] = {
        "minors": tuple(sorted({index for e in people for index in e.scenes})),
        "night_exteriors": exteriors(Daylight.NIGHT),
        "dawn_dusk_exteriors": exteriors(Daylight.DAWN_DUSK),
        "stunts": _scenes_with(elements, frozenset({STUNTS})),
        "animals": _scenes_with(elements, frozenset({ANIMALS, ANIMAL_HANDLERS})),
        "vehicles": _scenes_with(elements, frozenset({VEHICLES})),
        "vfx": _scenes_with(elements, frozenset({VFX})),
        "sfx": _scenes_with(elements, frozenset({SFX})),
    }
    location_count = len({" ".join(s.location.split()).casefold() for s in ordered})

    raised: list[Flag] = []
    listed: tuple[int, ...]
    for code in FLAG_CODES:
        if code == "locations":
            count, listed = location_count, ()
            figures = {
                "locations": Decimal(count),
                "sets_per_page": Decimal(count) / pages if pages else Decimal(0),
            }
        else:
            listed = scene_lists[code]
            count = len(listed)
            flagged = sum(by_index[index].eighths for index in listed)
            figures = {
                "scenes": Decimal(count),
                "page_share": Decimal(flagged) / total if total else Decimal(0),
            }
        level = _level(rules.flags[code], figures) if count else None
        if level is not None:
            raised.append(Flag(code=code, level=level, count=count, scenes=listed))
    raised.sort(key=lambda flag: flag.level != "warning")

    night = scene_lists["night_exteriors"]
    night_eighths = sum(by_index[index].eighths for index in night)
    days = pages / rate
    return Viability(
        scene_count=len(ordered),
        eighths=total,
        pages=pages,
        cast_size=_distinct_names(elements, CAST),
        background_count=_distinct_names(elements, BACKGROUND),
        minor_count=len({" ".join(e.name.split()).casefold() for e in people}),
        location_count=location_count,
        night_exterior_scenes=night,
        night_exterior_eighths=night_eighths,
        night_exterior_pages=pages_of(night_eighths),
        dawn_dusk_exterior_scenes=scene_lists["dawn_dusk_exteriors"],
        stunt_scenes=scene_lists["stunts"],
        vfx_scenes=scene_lists["vfx"],
        sfx_scenes=scene_lists["sfx"],
        minor_scenes=scene_lists["minors"],
        animal_scenes=scene_lists["animals"],
        vehicle_scenes=scene_lists["vehicles"],
        production_type=kind,
        pages_per_day=rate,
        shooting_days=days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        shooting_days_rounded_up=math.ceil(days),
        flags=tuple(raised),
        rules_version=rules.version,
    )
