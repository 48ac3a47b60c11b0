"""What Clapboard exchanges with other scheduling tools, independent of any file format.

A breakdown (scenes with their elements by category) and, optionally, one stripboard:
its items in shooting order (scenes, day breaks, banners, days on which nothing is
shot) and its calendar. Identifiers are the exchanged file's own strings; the reader
checks that every reference resolves before anything else sees the data.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

#: The category code of elements whose category Clapboard does not have.
OTHER = "other"


class InterchangeError(ValueError):
    """Bad input: ``path`` says where in the document (``breakdowns[12].elements[3]``)."""

    def __init__(self, path: str, message: str, *, source_name: str = "") -> None:
        self.path = path
        self.message = message
        self.source_name = source_name
        where = f"{path}: " if path else ""
        prefix = f"{source_name}: " if source_name else ""
        super().__init__(f"{prefix}{where}{message}")


class ItemKind(enum.StrEnum):
    """What an item of the stripboard stands for (the board engine's strip kinds)."""

    SCENE = "scene"
    DAY_BREAK = "day_break"
    BANNER = "banner"
    DAY_OFF = "day_off"
    TRAVEL = "travel"
    REHEARSAL = "rehearsal"


#: Items that are calendar days of their own, on which nothing is shot.
SPECIAL_DAYS = frozenset({ItemKind.DAY_OFF, ItemKind.TRAVEL, ItemKind.REHEARSAL})


@dataclass(frozen=True, slots=True)
class Category:
    """A breakdown category. ``code`` is a Clapboard category code, or ``OTHER`` with the
    category's own ``name`` kept; ``ucid`` is the universal category number (the writer
    finds it from ``code`` when it is None)."""

    id: str
    code: str
    name: str = ""
    ucid: int | None = None


@dataclass(frozen=True, slots=True)
class Element:
    """Something scenes need, in one category. ``board_id`` is the number a stripboard
    shows for it (the cast number), or empty."""

    id: str
    category_id: str
    name: str
    board_id: str = ""


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One scene: its heading's parts, its length in eighths of a page and its elements
    (ids of ``Element``, in the order given)."""

    id: str
    number: str = ""
    heading: str = ""
    int_ext: str = ""
    set_name: str = ""
    time_of_day: str = ""
    eighths: int = 0
    synopsis: str = ""
    script_page: str = ""
    episode: str = ""
    comments: str = ""
    minutes: int | None = None  # estimated shooting time
    element_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StripItem:
    """An item of the stripboard. A scene names its breakdown; a banner or a day without
    shooting carries its own ``id`` and text; a day break needs neither. ``date`` is the
    calendar date of a day without shooting, when the board has a start date."""

    kind: ItemKind
    breakdown_id: str = ""
    id: str = ""
    text: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """A dated event of the calendar that is not a day of the board: ``kind`` is the
    standard's ``dayOff`` or ``event``, ``name`` what it is (holiday, travel, fitting…)."""

    date: dt.date
    kind: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Calendar:
    """When the board is shot: its first day, the weekdays not worked (0 = Monday, as in
    ``datetime.date.weekday``), the single dates off, and other events."""

    id: str = ""
    name: str = ""
    start: dt.date | None = None
    weekdays_off: frozenset[int] = frozenset({5, 6})
    days_off: tuple[dt.date, ...] = ()
    events: tuple[CalendarEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """Clapboard's own settings of a schedule, carried in an extension key; None or empty
    where the document does not say."""

    unit: str = ""
    country: str = ""
    pages_per_day: Decimal | None = None
    hours_per_day: Decimal | None = None
    drop_and_pick_up: bool | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """What the document says about itself and its production."""

    id: str
    name: str
    title: str = ""
    author: str = ""
    company: str = ""
    description: str = ""
    episode: str = ""
    episode_name: str = ""
    season: str = ""
    script_colour: str = ""
    script_date: dt.date | None = None
    schedule_colour: str = ""
    schedule_date: dt.date | None = None
    created: dt.datetime | None = None
    source: str = ""
    version: str = ""
    stripboard_name: str = ""
    settings: ScheduleSettings = field(default_factory=ScheduleSettings)


@dataclass(frozen=True, slots=True)
class Interchange:
    """A breakdown and, when ``has_schedule``, one stripboard of it.

    ``strips`` is the board in shooting order; ``boneyard`` the scenes that are not on
    it (breakdown ids). Every breakdown is either on the board or in the boneyard.
    """

    project: Project
    categories: tuple[Category, ...] = ()
    elements: tuple[Element, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    strips: tuple[StripItem, ...] = ()
    boneyard: tuple[str, ...] = ()
    calendar: Calendar | None = None
    has_schedule: bool = False

    def category_of(self, element: Element) -> Category:
        for category in self.categories:
            if category.id == element.category_id:
                return category
        raise KeyError(element.category_id)
