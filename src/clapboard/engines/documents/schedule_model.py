"""What the printed schedule documents are made from: plain dataclasses the app fills.

A ``ScheduleDocument`` is one version of a stripboard as it prints: its days in order,
each with its strips (``SceneStrip`` and ``Banner``) in shooting order, and the cast list
that gives the cast numbers their names. It feeds the one-line schedule, the shooting
schedule and the stripboard print. A ``CallSheet`` is one shooting day as the call sheet
prints it.

The app decides what a reader may see: a field the reader's role does not allow (a
personal phone number, an actor's pick-up address) is left empty (``""`` or ``None``)
and the documents leave out the column, the line or the section that would show it.
``check_schedule`` and ``check_call_sheet`` refuse what cannot be printed sensibly
(``ScheduleDocumentError``, a ``ValueError``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from clapboard.engines.breakdown.statistics import Daylight
from clapboard.engines.schedule.board import DayKind

__all__ = [
    "Banner",
    "CallSheet",
    "CallSheetLocation",
    "CallTime",
    "CastCall",
    "CastMember",
    "Contact",
    "CrewCall",
    "DayKind",
    "Daylight",
    "Hospital",
    "SceneStrip",
    "ScheduleDay",
    "ScheduleDocument",
    "ScheduleDocumentError",
    "Timing",
    "check_call_sheet",
    "check_schedule",
]

# A call time: a clock time, or a text such as "O/C" (on call) or "TBC".
CallTime = dt.time | str


class ScheduleDocumentError(ValueError):
    """A schedule or call sheet that cannot be printed: a negative length, a day numbered
    wrongly, a cast number given twice."""


@dataclass(frozen=True, slots=True)
class CastMember:
    """A line of the cast list: the number the strips use, the role and who plays it."""

    number: int
    character: str
    actor: str = ""


@dataclass(frozen=True, slots=True)
class SceneStrip:
    """A scene as the schedule prints it.

    ``int_ext`` is "INT", "EXT", "INT/EXT" or "" when the heading says neither;
    ``time_of_day`` is as written ("JOUR", "NIGHT"); ``daylight`` is its class, which
    gives the strip its colour; ``eighths`` is the length in eighths of a page; ``cast``
    the cast numbers in the scene; ``location_name`` and ``location_address`` the place
    where it is shot, when one is known.
    """

    number: str
    int_ext: str
    set_name: str
    time_of_day: str = ""
    daylight: Daylight = Daylight.UNKNOWN
    eighths: int = 0
    synopsis: str = ""
    cast: tuple[int, ...] = ()
    episode: str = ""
    location_name: str = ""
    location_address: str = ""


@dataclass(frozen=True, slots=True)
class Banner:
    """A note between strips ("Company move to the harbour", "Second unit from here")."""

    text: str


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    """A calendar day of the schedule, in order.

    ``number`` counts shooting days and is None for a day off, a travel or a rehearsal
    day (``kind``), which has no scenes; ``note`` is the text written on such a day's
    strip. ``minutes`` is the estimated length of the shooting day (None: not estimated).
    The day's length in pages is the sum of its scenes (``eighths``).
    """

    number: int | None
    kind: DayKind = DayKind.SHOOT
    date: dt.date | None = None
    strips: tuple[SceneStrip | Banner, ...] = ()
    minutes: int | None = None
    note: str = ""

    @property
    def scenes(self) -> tuple[SceneStrip, ...]:
        return tuple(strip for strip in self.strips if isinstance(strip, SceneStrip))

    @property
    def eighths(self) -> int:
        return sum(strip.eighths for strip in self.strips if isinstance(strip, SceneStrip))

    @property
    def is_shooting(self) -> bool:
        return self.kind is DayKind.SHOOT


@dataclass(frozen=True, slots=True)
class ScheduleDocument:
    """A version of the schedule of one unit, as printed on ``generated_on``."""

    production_title: str
    schedule_name: str
    version_label: str
    generated_on: dt.date
    days: tuple[ScheduleDay, ...]
    unit: str = ""
    cast: tuple[CastMember, ...] = ()

    @property
    def shooting_days(self) -> int:
        return sum(1 for day in self.days if day.is_shooting)

    @property
    def total_eighths(self) -> int:
        return sum(day.eighths for day in self.days)

    @property
    def total_minutes(self) -> int | None:
        minutes = [day.minutes for day in self.days if day.is_shooting]
        if not minutes or any(value is None for value in minutes):
            return None
        return sum(value for value in minutes if value is not None)

    @property
    def scene_count(self) -> int:
        return sum(len(day.scenes) for day in self.days)


@dataclass(frozen=True, slots=True)
class Timing:
    """A time of the day printed under the general call: breakfast, lunch, estimated wrap."""

    label: str
    time: CallTime


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone to call about the day: the production office, the first AD, the unit manager."""

    role: str
    name: str
    phone: str = ""


@dataclass(frozen=True, slots=True)
class CastCall:
    """An actor's calls for the day. Pick-up, make-up and on-set times are clock times or
    texts ("O/C", "TBC"); ``pick_up_address`` and ``phone`` are given only to readers
    allowed to see them."""

    number: int
    character: str
    actor: str = ""
    pick_up: CallTime | None = None
    make_up: CallTime | None = None
    on_set: CallTime | None = None
    remarks: str = ""
    pick_up_address: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class CrewCall:
    """A crew member's call, printed under their department in the order given."""

    department: str
    role: str
    name: str
    call: CallTime | None = None
    phone: str = ""
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class CallSheetLocation:
    """A place the unit works at that day, with where to park and where the base is."""

    name: str
    address: str = ""
    parking: str = ""
    base: str = ""
    contact: str = ""


@dataclass(frozen=True, slots=True)
class Hospital:
    name: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class CallSheet:
    """One shooting day's call sheet.

    The core is the production, the day's number out of the schedule's shooting days,
    its date and the general call; every other field may be left empty, and the sheet
    leaves out what is empty. ``scenes`` are the day's strips in shooting order;
    ``advance`` is the next shooting day (its scenes), for the advance schedule.
    """

    production_title: str
    day_number: int
    total_days: int
    date: dt.date
    general_call: CallTime
    unit: str = ""
    schedule_label: str = ""
    generated_on: dt.date | None = None
    sunrise: dt.time | None = None
    sunset: dt.time | None = None
    weather: str = ""
    timings: tuple[Timing, ...] = ()
    contacts: tuple[Contact, ...] = ()
    scenes: tuple[SceneStrip | Banner, ...] = ()
    cast: tuple[CastMember, ...] = ()
    cast_calls: tuple[CastCall, ...] = ()
    crew_calls: tuple[CrewCall, ...] = ()
    locations: tuple[CallSheetLocation, ...] = ()
    hospital: Hospital | None = None
    advance: ScheduleDay | None = None
    notes: tuple[str, ...] = ()


def _check_scenes(strips: Iterable[SceneStrip | Banner], where: str) -> None:
    for strip in strips:
        if isinstance(strip, SceneStrip) and strip.eighths < 0:
            raise ScheduleDocumentError(
                f"{where}: scene {strip.number} has a negative length ({strip.eighths} eighths)"
            )


def _check_cast(cast: Iterable[CastMember], where: str) -> None:
    seen: set[int] = set()
    for member in cast:
        if member.number in seen:
            raise ScheduleDocumentError(f"{where}: cast number {member.number} is given twice")
        seen.add(member.number)


def _check_day(day: ScheduleDay, where: str) -> None:
    if day.is_shooting and day.number is None:
        raise ScheduleDocumentError(f"{where}: a shooting day needs a number")
    if not day.is_shooting:
        if day.number is not None:
            raise ScheduleDocumentError(f"{where}: a {day.kind.value} has no shooting day number")
        if day.scenes:
            raise ScheduleDocumentError(f"{where}: nothing is shot on a {day.kind.value}")
    if day.minutes is not None and day.minutes < 0:
        raise ScheduleDocumentError(f"{where}: a day cannot last {day.minutes} minutes")
    _check_scenes(day.strips, where)


def check_schedule(schedule: ScheduleDocument) -> None:
    """Raise ``ScheduleDocumentError`` for a schedule the documents cannot print."""
    for index, day in enumerate(schedule.days, start=1):
        _check_day(day, f"day {day.number}" if day.number is not None else f"calendar day {index}")
    _check_cast(schedule.cast, "cast list")


def check_call_sheet(sheet: CallSheet) -> None:
    """Raise ``ScheduleDocumentError`` for a call sheet that cannot be printed."""
    if sheet.day_number < 1 or sheet.total_days < sheet.day_number:
        raise ScheduleDocumentError(
            f"day {sheet.day_number} of {sheet.total_days} is not a day of the schedule"
        )
    _check_scenes(sheet.scenes, "call sheet")
    _check_cast(sheet.cast, "cast list")
    if sheet.advance is not None:
        _check_day(sheet.advance, "advance schedule")
