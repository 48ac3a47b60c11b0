"""Script statistics for charts: pages, locations, INT/EXT and day/night splits, characters.

Entry point: ``calculate_script_statistics(scenes, characters, *, minutes_per_page=1)``.
Input is one ``SceneFacts`` per scene and one ``CharacterFacts`` per speaking character;
``facts_from_screenplay`` builds both from a parsed ``Screenplay``.

Lengths are counted in eighths of a page, as a line producer does, and turned into pages
with ``Decimal`` (an eighth is exactly 0.125, so nothing is rounded). The day/night class
of a scene comes from its time of day through the versioned word list in
``data/daylight.json`` (``load_daylight_rules``); continuity words (SUITE, CONTINUOUS,
PLUS TARD) take the class of the scene before, in script order.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from clapboard.engines.screenplay.model import Screenplay

__all__ = [
    "INT_EXT_KEYS",
    "CharacterFacts",
    "CharacterRank",
    "Daylight",
    "DaylightRules",
    "SceneFacts",
    "ScriptStatistics",
    "Share",
    "calculate_script_statistics",
    "classify_daylight",
    "daylight_by_scene",
    "facts_from_screenplay",
    "format_duration",
    "format_eighths",
    "load_daylight_rules",
    "normalise_int_ext",
    "pages_of",
]

DATA = Path(__file__).resolve().parent / "data"
EIGHTHS_PER_PAGE = 8
UNKNOWN = "UNKNOWN"
# The INT/EXT split always lists these keys, in this order (UNKNOWN: a heading without prefix).
INT_EXT_KEYS: tuple[str, ...] = ("INT", "EXT", "INT/EXT", UNKNOWN)
_INT_EXT_SPELLINGS = {
    "INT": "INT",
    "EXT": "EXT",
    "INT/EXT": "INT/EXT",
    "EXT/INT": "INT/EXT",
    "I/E": "INT/EXT",
    "E/I": "INT/EXT",
}
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]/]+")
_ELISION = re.compile(r"^[LD]['\u2019]")


class Daylight(enum.StrEnum):
    """The light a scene is shot in, as a stripboard sorts it."""

    DAY = "DAY"
    NIGHT = "NIGHT"
    DAWN_DUSK = "DAWN_DUSK"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class SceneFacts:
    """What the statistics need of one scene.

    ``index`` is the scene's place in the script (from 1); ``int_ext`` is "INT", "EXT",
    "INT/EXT" or None; ``time_of_day`` is as written in the heading ("JOUR", "SUITE") or
    None; ``eighths`` is the scene's length in eighths of a page; ``characters`` are the
    characters in the scene.
    """

    index: int
    int_ext: str | None
    location: str
    time_of_day: str | None
    eighths: int
    characters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CharacterFacts:
    """A speaking character: number of scenes, speeches (``lines``) and dialogue words."""

    name: str
    scenes: int
    lines: int
    words: int


@dataclass(frozen=True, slots=True)
class Share:
    """One bar of a chart: a location, an INT/EXT value or a day/night class."""

    key: str
    scenes: int
    eighths: int
    pages: Decimal


@dataclass(frozen=True, slots=True)
class CharacterRank:
    """A character's place when ranked by scenes, then speeches, then words."""

    rank: int
    name: str
    scenes: int
    lines: int
    words: int


@dataclass(frozen=True, slots=True)
class ScriptStatistics:
    """The figures behind the script's charts.

    ``locations`` is sorted by length, longest first; ``int_ext`` lists INT_EXT_KEYS and
    ``daylight`` the four ``Daylight`` classes, always all of them and in that order, zeros
    included. ``scene_daylight`` gives each scene's class (index -> class). Screen time is
    ``pages * minutes_per_page``; ``screen_seconds`` is it rounded to the second and
    ``screen_time`` the same as "h:mm:ss".
    """

    scene_count: int
    eighths: int
    pages: Decimal
    locations: tuple[Share, ...]
    int_ext: tuple[Share, ...]
    daylight: tuple[Share, ...]
    scene_daylight: Mapping[int, Daylight]
    characters: tuple[CharacterRank, ...]
    minutes_per_page: Decimal
    screen_minutes: Decimal
    screen_seconds: int
    screen_time: str
    daylight_rules_version: int


@dataclass(frozen=True, slots=True)
class DaylightRules:
    """The versioned word list of ``data/daylight.json``, words folded (see ``fold_word``)."""

    version: int
    effective_from: date
    source: str
    words: Mapping[str, Daylight]
    inherit: frozenset[str]


def pages_of(eighths: int) -> Decimal:
    """Eighths of a page as pages, exactly: 11 -> Decimal("1.375")."""
    return Decimal(eighths) / EIGHTHS_PER_PAGE


def format_eighths(eighths: int) -> str:
    """A length as a line producer writes it: 3 -> "3/8", 8 -> "1", 11 -> "1 3/8", 0 -> "0"."""
    if eighths < 0:
        raise ValueError(f"a length cannot be negative ({eighths} eighths)")
    whole, part = divmod(eighths, EIGHTHS_PER_PAGE)
    if part == 0:
        return str(whole)
    if whole == 0:
        return f"{part}/8"
    return f"{whole} {part}/8"


def format_duration(seconds: int) -> str:
    """Seconds as "h:mm:ss": 1343 -> "0:22:23"."""
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative ({seconds} s)")
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}"


def normalise_int_ext(value: str | None) -> str:
    """One of INT_EXT_KEYS: "INT./EXT." and "I/E" -> "INT/EXT", None or anything else -> UNKNOWN."""
    if value is None:
        return UNKNOWN
    compact = value.upper().replace(".", "").replace(" ", "").replace("-", "/")
    return _INT_EXT_SPELLINGS.get(compact, UNKNOWN)


def fold_word(word: str) -> str:
    """Upper case without accents, so that CRÉPUSCULE and crepuscule compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.upper())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words_of(phrase: str) -> list[str]:
    words = []
    for token in _TOKEN.findall(fold_word(phrase)):
        word = _ELISION.sub("", token.strip("-'\u2019"))
        if word:
            words.append(word)
    return words


def _read_rules(path: Path) -> DaylightRules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    try:
        version = raw["version"]
        effective_from = date.fromisoformat(raw["effective_from"])
        source = raw["source"]
        classes = raw["classes"]
        inherit_words = raw["inherit"]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path.name}: missing or malformed field ({error})") from error
    if not isinstance(version, int) or version < 1 or not isinstance(source, str) or not source.strip():
        raise ValueError(f"{path.name}: needs a positive integer version and a source")
    words: dict[str, Daylight] = {}
    for name, listed in classes.items():
        daylight = Daylight(name)
        if daylight is Daylight.UNKNOWN:
            raise ValueError(f"{path.name}: UNKNOWN is what is left, it takes no words")
        for word in listed:
            folded = fold_word(word)
            if words.setdefault(folded, daylight) is not daylight:
                raise ValueError(f"{path.name}: {word} is in two classes")
    inherit = frozenset(fold_word(word) for word in inherit_words)
    both = inherit & words.keys()
    if both:
        raise ValueError(f"{path.name}: {', '.join(sorted(both))} both inherit and name a class")
    return DaylightRules(
        version=version, effective_from=effective_from, source=source, words=words, inherit=inherit
    )


@cache
def _default_rules() -> DaylightRules:
    return _read_rules(DATA / "daylight.json")


def load_daylight_rules(path: Path | None = None) -> DaylightRules:
    """The rules in ``path``, or the shipped ``data/daylight.json`` (read once)."""
    return _default_rules() if path is None else _read_rules(path)


def classify_daylight(time_of_day: str | None, rules: DaylightRules | None = None) -> Daylight | None:
    """The class named by a time of day, or None when it inherits the previous scene's class.

    The first word that names a class wins ("LATER THAT NIGHT" is NIGHT); a phrase whose
    words name no class but include a continuity word ("SUITE", "PLUS TARD") inherits;
    anything else, and no time of day at all, is UNKNOWN.
    """
    if time_of_day is None:
        return Daylight.UNKNOWN
    rules = rules or load_daylight_rules()
    words = _words_of(time_of_day)
    for word in words:
        found = rules.words.get(word)
        if found is not None:
            return found
    if any(word in rules.inherit for word in words):
        return None
    return Daylight.UNKNOWN


def daylight_by_scene(
    scenes: Iterable[SceneFacts], rules: DaylightRules | None = None
) -> dict[int, Daylight]:
    """Each scene's class (index -> class), continuity words resolved in script order.

    A continuity scene takes the resolved class of the scene before it (so a chain of
    SUITE scenes keeps the light of the scene that started it); the first scene has
    nothing to inherit from and is UNKNOWN.
    """
    rules = rules or load_daylight_rules()
    result: dict[int, Daylight] = {}
    previous = Daylight.UNKNOWN
    for scene in sorted(scenes, key=lambda scene: scene.index):
        found = classify_daylight(scene.time_of_day, rules)
        previous = previous if found is None else found
        result[scene.index] = previous
    return result


def facts_from_screenplay(
    screenplay: Screenplay,
) -> tuple[tuple[SceneFacts, ...], tuple[CharacterFacts, ...]]:
    """SceneFacts and CharacterFacts for every scene and speaking character of a screenplay."""
    scenes = tuple(
        SceneFacts(
            index=scene.index,
            int_ext=scene.int_ext,
            location=scene.location,
            time_of_day=scene.time_of_day,
            eighths=scene.eighths,
            characters=scene.characters,
        )
        for scene in screenplay.scenes
    )
    characters = tuple(
        CharacterFacts(name=c.name, scenes=len(c.scenes), lines=c.lines, words=c.words)
        for c in screenplay.characters
    )
    return scenes, characters


def _location_key(location: str) -> str:
    return " ".join(location.split()).casefold()


def _check(scenes: Sequence[SceneFacts], minutes_per_page: Decimal) -> None:
    seen: set[int] = set()
    for scene in scenes:
        if scene.index in seen:
            raise ValueError(f"scene {scene.index} is listed twice")
        seen.add(scene.index)
        if scene.eighths < 0:
            raise ValueError(f"scene {scene.index} has a negative length ({scene.eighths} eighths)")
    if not minutes_per_page.is_finite() or minutes_per_page <= 0:
        raise ValueError(f"minutes per page must be positive, not {minutes_per_page}")


def _shares(keys: Sequence[str], scenes: Iterable[tuple[str, SceneFacts]]) -> tuple[Share, ...]:
    counts = dict.fromkeys(keys, 0)
    eighths = dict.fromkeys(keys, 0)
    for key, scene in scenes:
        counts[key] += 1
        eighths[key] += scene.eighths
    return tuple(Share(str(key), counts[key], eighths[key], pages_of(eighths[key])) for key in keys)


def _locations(scenes: Sequence[SceneFacts]) -> tuple[Share, ...]:
    """Scenes grouped by location (case and spacing ignored; first spelling kept), longest first."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    eighths: dict[str, int] = {}
    for scene in scenes:
        key = _location_key(scene.location)
        names.setdefault(key, " ".join(scene.location.split()))
        counts[key] = counts.get(key, 0) + 1
        eighths[key] = eighths.get(key, 0) + scene.eighths
    ordered = sorted(names, key=lambda key: (-eighths[key], -counts[key], key))
    return tuple(Share(names[key], counts[key], eighths[key], pages_of(eighths[key])) for key in ordered)


def _rank(characters: Iterable[CharacterFacts]) -> tuple[CharacterRank, ...]:
    ordered = sorted(characters, key=lambda c: (-c.scenes, -c.lines, -c.words, c.name))
    return tuple(
        CharacterRank(rank=place, name=c.name, scenes=c.scenes, lines=c.lines, words=c.words)
        for place, c in enumerate(ordered, start=1)
    )


def calculate_script_statistics(
    scenes: Sequence[SceneFacts],
    characters: Sequence[CharacterFacts] = (),
    *,
    minutes_per_page: Decimal = Decimal(1),
    daylight_rules: DaylightRules | None = None,
) -> ScriptStatistics:
    """The statistics of a script (see ``ScriptStatistics``).

    ``minutes_per_page`` is the screen time of one page (1 minute by default, the usual
    estimate); raises ValueError for a scene listed twice, a negative length or a
    non-positive rate.
    """
    minutes_per_page = Decimal(minutes_per_page)
    _check(scenes, minutes_per_page)
    rules = daylight_rules or load_daylight_rules()
    ordered = sorted(scenes, key=lambda scene: scene.index)
    classes = daylight_by_scene(ordered, rules)
    total = sum(scene.eighths for scene in ordered)
    pages = pages_of(total)
    screen_minutes = pages * minutes_per_page
    screen_seconds = int((screen_minutes * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ScriptStatistics(
        scene_count=len(ordered),
        eighths=total,
        pages=pages,
        locations=_locations(ordered),
        int_ext=_shares(INT_EXT_KEYS, ((normalise_int_ext(s.int_ext), s) for s in ordered)),
        daylight=_shares(tuple(Daylight), ((classes[s.index], s) for s in ordered)),
        scene_daylight=classes,
        characters=_rank(characters),
        minutes_per_page=minutes_per_page,
        screen_minutes=screen_minutes,
        screen_seconds=screen_seconds,
        screen_time=format_duration(screen_seconds),
        daylight_rules_version=rules.version,
    )
