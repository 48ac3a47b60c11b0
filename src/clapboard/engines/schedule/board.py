"""The stripboard: strips in shooting order cut into days, with each day's totals.

A board is a sequence of strips. Scene strips are shot in order; a ``DAY_BREAK`` strip
ends the shooting day that precedes it; ``DAY_OFF``, ``TRAVEL`` and ``REHEARSAL`` strips
are calendar days of their own, on which nothing is shot (scenes waiting before such a
strip close their day first); ``BANNER`` strips are notes between strips and change
nothing. Scenes after the last day break still form a day, marked as not closed.

For each day the board gives its length in eighths of a page, an estimate of the hours
it takes at the production's pace, the cast ids who work that day and the company moves
(a change of location from one scene to the next). ``automatic_breaks`` places day
breaks by filling each day up to a number of pages, the way a first board is laid out.

Pure Python on integers and ``Decimal``; no Django.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from clapboard.engines.breakdown.viability import load_viability_rules

EIGHTHS_PER_PAGE = 8
MINUTES_PER_HOUR = 60

# Kinds of production (productions.Production.Kind) mapped to the viability rules'
# production types; anything else takes the rules' default type.
_PRODUCTION_TYPES = {"series": "tv_series", "feature": "feature"}


class StripKind(enum.StrEnum):
    """What a strip stands for on the board."""

    SCENE = "scene"
    DAY_BREAK = "day_break"
    BANNER = "banner"
    DAY_OFF = "day_off"
    TRAVEL = "travel"
    REHEARSAL = "rehearsal"


class DayKind(enum.StrEnum):
    """A calendar day of the schedule: a shooting day, or a day on which nothing is shot."""

    SHOOT = "shoot"
    DAY_OFF = "day_off"
    TRAVEL = "travel"
    REHEARSAL = "rehearsal"


_SPECIAL_DAYS = {
    StripKind.DAY_OFF: DayKind.DAY_OFF,
    StripKind.TRAVEL: DayKind.TRAVEL,
    StripKind.REHEARSAL: DayKind.REHEARSAL,
}


class BoardError(ValueError):
    """A board that cannot be read: a negative length, a duplicate key, a bad pace."""


@dataclass(frozen=True, slots=True)
class Strip:
    """One strip as the board needs it. ``key`` identifies it (a database id, an index).

    ``location`` is the place where the scene is shot (or, when none is known, the place
    the script names): two scenes with the same location need no company move.
    """

    key: int
    kind: StripKind = StripKind.SCENE
    eighths: int = 0
    location: str = ""
    cast: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Pace:
    """How long a page takes to shoot, as hours per page (a rate in pages per hour converts)."""

    hours_per_page: Decimal

    def __post_init__(self) -> None:
        if not self.hours_per_page.is_finite() or self.hours_per_page <= 0:
            raise BoardError(f"hours per page must be positive, not {self.hours_per_page}")

    @classmethod
    def from_pages_per_hour(cls, pages_per_hour: Decimal) -> Pace:
        if not pages_per_hour.is_finite() or pages_per_hour <= 0:
            raise BoardError(f"pages per hour must be positive, not {pages_per_hour}")
        return cls(1 / pages_per_hour)

    @classmethod
    def from_day(cls, pages_per_day: Decimal, hours_per_day: Decimal) -> Pace:
        """The pace of a day of ``hours_per_day`` in which ``pages_per_day`` are shot."""
        if not pages_per_day.is_finite() or pages_per_day <= 0:
            raise BoardError(f"pages per day must be positive, not {pages_per_day}")
        return cls(hours_per_day / pages_per_day)

    def minutes(self, eighths: int) -> int:
        """Estimated minutes for a length in eighths, rounded to the nearest minute (half up)."""
        exact = Decimal(eighths) * self.hours_per_page * MINUTES_PER_HOUR / EIGHTHS_PER_PAGE
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day of the board, in order.

    ``number`` counts shooting days from 1 and is None for a day on which nothing is shot.
    ``end_key`` is the strip that ends the day: its day break, or the day off / travel /
    rehearsal strip itself; None for the last day when no break follows its scenes.
    """

    index: int
    kind: DayKind
    number: int | None
    scene_keys: tuple[int, ...]
    end_key: int | None
    eighths: int
    minutes: int
    cast: tuple[int, ...]
    locations: tuple[str, ...]
    moves_within: int
    move_before: bool

    @property
    def is_closed(self) -> bool:
        return self.end_key is not None


@dataclass(frozen=True, slots=True)
class Board:
    """The days of a board and its totals."""

    days: tuple[Day, ...]
    day_of_strip: dict[int, int]
    total_eighths: int
    total_minutes: int
    shooting_days: int
    moves_within_days: int
    moves_between_days: int

    @property
    def company_moves(self) -> int:
        return self.moves_within_days + self.moves_between_days


def pages_of(eighths: int) -> Decimal:
    """Eighths of a page as pages, exactly: 11 -> Decimal("1.375")."""
    return Decimal(eighths) / EIGHTHS_PER_PAGE


def default_pages_per_day(production_kind: str | None = None) -> Decimal:
    """Pages shot in a day for a kind of production, from the viability rules' data."""
    rules = load_viability_rules()
    code = _PRODUCTION_TYPES.get(production_kind or "", rules.default_production_type)
    kind = rules.production_types.get(code) or rules.production_types[rules.default_production_type]
    return kind.pages_per_day


def _moves(locations: Sequence[str]) -> int:
    return sum(1 for before, after in itertools.pairwise(locations) if before != after)


def _check(strips: Sequence[Strip]) -> None:
    seen: set[int] = set()
    for strip in strips:
        if strip.key in seen:
            raise BoardError(f"strip {strip.key} is on the board twice")
        seen.add(strip.key)
        if strip.eighths < 0:
            raise BoardError(f"strip {strip.key} has a negative length ({strip.eighths} eighths)")
        if strip.kind is not StripKind.SCENE and strip.eighths:
            raise BoardError(f"strip {strip.key} is a {strip.kind}, it has no length")


def build_board(strips: Iterable[Strip], pace: Pace) -> Board:
    """Cut the strips into days, in order, and add up each day."""
    strips = list(strips)
    _check(strips)
    days: list[Day] = []
    day_of_strip: dict[int, int] = {}
    scenes: list[Strip] = []
    waiting: list[int] = []  # banners before the day's end, which belong to the day
    last_location: str | None = None

    def close(kind: DayKind, end_key: int | None) -> None:
        nonlocal last_location
        index = len(days)
        locations = [strip.location for strip in scenes]
        move_before = bool(scenes) and last_location is not None and locations[0] != last_location
        if scenes:
            last_location = locations[-1]
        eighths = sum(strip.eighths for strip in scenes)
        shooting = kind is DayKind.SHOOT
        number = sum(1 for day in days if day.kind is DayKind.SHOOT) + 1 if shooting else None
        days.append(
            Day(
                index=index,
                kind=kind,
                number=number,
                scene_keys=tuple(strip.key for strip in scenes),
                end_key=end_key,
                eighths=eighths,
                minutes=pace.minutes(eighths),
                cast=tuple(sorted({member for strip in scenes for member in strip.cast})),
                locations=tuple(dict.fromkeys(locations)),
                moves_within=_moves(locations),
                move_before=move_before,
            )
        )
        for key in [*waiting, *(strip.key for strip in scenes)]:
            day_of_strip[key] = index
        if end_key is not None:
            day_of_strip[end_key] = index
        scenes.clear()
        waiting.clear()

    for strip in strips:
        if strip.kind is StripKind.SCENE:
            scenes.append(strip)
        elif strip.kind is StripKind.BANNER:
            waiting.append(strip.key)
        elif strip.kind is StripKind.DAY_BREAK:
            close(DayKind.SHOOT, strip.key)
        else:
            if scenes:
                close(DayKind.SHOOT, None)
            close(_SPECIAL_DAYS[strip.kind], strip.key)
    if scenes:
        close(DayKind.SHOOT, None)
    elif waiting:
        # Banners after the last day: they belong to no day, but readers need an index.
        for key in waiting:
            day_of_strip[key] = len(days)
    shooting = [day for day in days if day.kind is DayKind.SHOOT]
    return Board(
        days=tuple(days),
        day_of_strip=day_of_strip,
        total_eighths=sum(day.eighths for day in days),
        total_minutes=pace.minutes(sum(day.eighths for day in days)),
        shooting_days=len(shooting),
        moves_within_days=sum(day.moves_within for day in days),
        moves_between_days=sum(1 for day in days if day.move_before),
    )


def automatic_breaks(lengths: Sequence[int], pages_per_day: Decimal) -> list[int]:
    """Where to break days when scenes of these lengths (eighths) are shot in this order.

    Returns the indexes of the scenes after which a day ends, the last scene included.
    Each day takes scenes while they fit in ``pages_per_day``; a scene longer than a day
    gets a day of its own.
    """
    if not pages_per_day.is_finite() or pages_per_day <= 0:
        raise BoardError(f"pages per day must be positive, not {pages_per_day}")
    capacity = pages_per_day * EIGHTHS_PER_PAGE
    breaks: list[int] = []
    filled = 0
    for index, eighths in enumerate(lengths):
        if eighths < 0:
            raise BoardError(f"scene {index} has a negative length ({eighths} eighths)")
        if filled and filled + eighths > capacity:
            breaks.append(index - 1)
            filled = 0
        filled += eighths
    if lengths:
        breaks.append(len(lengths) - 1)
    return breaks


def format_minutes(minutes: int) -> str:
    """Minutes as hours and minutes: 400 -> "6 h 40", 60 -> "1 h 00"."""
    if minutes < 0:
        raise BoardError(f"a duration cannot be negative ({minutes} min)")
    hours, minute = divmod(minutes, MINUTES_PER_HOUR)
    return f"{hours} h {minute:02d}"
