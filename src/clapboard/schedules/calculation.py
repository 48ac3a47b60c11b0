"""From a schedule's rows to the stripboard engine and back to what a page shows.

``load_board`` reads a schedule in two queries whatever its size (the strips with their
scenes and places, then the cast of those scenes), hands them to
``engines.schedule.board`` and ``engines.schedule.calendar``, and returns rows ready for
the template and the API: each strip with its colour, and each day with its number,
date, pages, estimated hours and cast.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from clapboard.engines.breakdown.statistics import (
    Daylight,
    classify_daylight,
    format_eighths,
    normalise_int_ext,
)
from clapboard.engines.schedule.board import (
    Board,
    Day,
    Pace,
    StripKind,
    build_board,
    format_minutes,
)
from clapboard.engines.schedule.board import Strip as BoardStrip
from clapboard.engines.schedule.calendar import CalendarError, WorkCalendar
from clapboard.scripts.models import Tag

from .models import Schedule, Strip

CAST = "cast"
_EXTERIOR = {"EXT", "INT/EXT"}


@dataclass(frozen=True)
class CastMember:
    number: int
    element_id: int
    name: str
    actor: str


@dataclass
class DayRow:
    """A day of the board as pages show it (a day break row, or a day off / travel row)."""

    day: Day
    date: dt.date | None
    pages: str
    hours: str

    @property
    def number(self) -> int | None:
        return self.day.number


@dataclass
class StripRow:
    """A strip as the board shows it. Scene strips carry their display values flat, so
    that the template of a 400-strip board reads plain attributes, not model lookups."""

    strip: Strip
    key: str = ""
    colour: str = ""
    daylight: str = ""
    int_ext: str = ""
    pages: str = ""
    cast: list[int] = field(default_factory=list)
    number: str = ""
    time: str = ""
    location: str = ""
    cast_text: str = ""
    episode: str = ""  # the episode's number on a board of several episodes
    day: DayRow | None = None  # the day this strip ends, for day breaks and special days


@dataclass
class BoardView:
    schedule: Schedule
    rows: list[StripRow]
    days: list[DayRow]
    board: Board
    cast: list[CastMember]
    open_day: DayRow | None  # scenes after the last day break
    end_date: dt.date | None
    total_pages: str
    total_hours: str
    calendar_error: str = ""

    @property
    def order(self) -> str:
        return ",".join(str(row.strip.pk) for row in self.rows)


def strip_colour(int_ext: str, daylight: Daylight) -> str:
    """The stripboard colour class: INT day white, EXT day yellow, INT night blue,
    EXT night green, dawn or dusk orange; a scene without a known light is grey."""
    if daylight is Daylight.UNKNOWN:
        return "unknown"
    if daylight is Daylight.DAWN_DUSK:
        return "dawn-dusk"
    outside = "ext" if int_ext in _EXTERIOR else "int"
    return f"{outside}-{'day' if daylight is Daylight.DAY else 'night'}"


def calendar_of(schedule: Schedule) -> WorkCalendar:
    days_off = frozenset(dt.date.fromisoformat(day) for day in schedule.days_off or [])
    return WorkCalendar(weekdays=frozenset(schedule.weekdays), country=schedule.country, days_off=days_off)


def pace_of(schedule: Schedule) -> Pace:
    return Pace.from_day(Decimal(schedule.pages_per_day), Decimal(schedule.hours_per_day))


def _cast_of(scene_ids: list[int]) -> tuple[dict[int, list[int]], list[CastMember]]:
    """Cast ids per scene, numbered by how many scenes each person is in (most first).

    The cast is the breakdown's cast tags that nobody rejected: accepted ones and the
    suggestions still waiting for a decision.
    """
    rows = (
        Tag.objects.filter(scene_id__in=scene_ids, element__category=CAST)
        .exclude(status=Tag.Status.REJECTED)
        .values_list("scene_id", "element_id", "element__name", "element__actor")
    )
    scenes_of: dict[int, set[int]] = defaultdict(set)
    names: dict[int, tuple[str, str]] = {}
    for scene_id, element_id, name, actor in rows:
        scenes_of[element_id].add(scene_id)
        names[element_id] = (name, actor)
    ranked = sorted(scenes_of, key=lambda element: (-len(scenes_of[element]), names[element][0], element))
    numbers = {element: index for index, element in enumerate(ranked, start=1)}
    per_scene: dict[int, list[int]] = defaultdict(list)
    for element, scenes in scenes_of.items():
        for scene_id in scenes:
            per_scene[scene_id].append(numbers[element])
    cast = [CastMember(numbers[e], e, names[e][0], names[e][1]) for e in ranked]
    return {scene: sorted(found) for scene, found in per_scene.items()}, cast


def _location(strip: Strip) -> str:
    scene = strip.scene
    if scene is None:
        return ""
    place = scene.script_location
    if place is not None and place.shooting_location_id is not None:
        return f"shooting:{place.shooting_location_id}"
    return f"script:{scene.location_name.upper()}"


def _daylight(strips: list[Strip]) -> dict[int, Daylight]:
    """Each scene's light, continuity words (SUITE, LATER) resolved in script order."""
    found: dict[int, Daylight] = {}
    previous = Daylight.UNKNOWN
    scenes = sorted((s.scene for s in strips if s.scene is not None), key=lambda scene: scene.position)
    for scene in scenes:
        light = classify_daylight(scene.time_of_day or None)
        previous = previous if light is None else light
        found[scene.pk] = previous
    return found


def load_strips(schedule: Schedule) -> list[Strip]:
    return list(
        Strip.objects.filter(schedule=schedule)
        .select_related("scene__script_location", "scene__version__script__episode")
        .order_by("position", "id")
    )


def load_board(schedule: Schedule, strips: list[Strip] | None = None) -> BoardView:
    strips = load_strips(schedule) if strips is None else strips
    scene_ids = [strip.scene_id for strip in strips if strip.scene_id is not None]
    cast_by_scene, cast = _cast_of(scene_ids)
    light = _daylight(strips)
    board = build_board(
        (
            BoardStrip(
                key=strip.pk,
                kind=StripKind(strip.kind),
                eighths=strip.scene.eighths if strip.scene is not None else 0,
                location=_location(strip),
                cast=tuple(cast_by_scene.get(strip.scene_id or 0, ())),
            )
            for strip in strips
        ),
        pace_of(schedule),
    )
    dates: list[dt.date | None] = [None] * len(board.days)
    calendar_error = ""
    if schedule.start_date is not None:
        try:
            dates = list(calendar_of(schedule).dates(schedule.start_date, len(board.days)))
        except CalendarError as error:
            calendar_error = str(error)
    days = [
        DayRow(day, dates[day.index], format_eighths(day.eighths), format_minutes(day.minutes))
        for day in board.days
    ]
    ended = {day.day.end_key: day for day in days if day.day.end_key is not None}
    rows = []
    for strip in strips:
        row = StripRow(strip, key=str(strip.pk), day=ended.get(strip.pk))
        scene = strip.scene
        if scene is not None:
            row.int_ext = normalise_int_ext(scene.int_ext or None)
            daylight = light.get(scene.pk, Daylight.UNKNOWN)
            row.daylight = daylight.value
            row.colour = strip_colour(row.int_ext, daylight)
            row.pages = format_eighths(scene.eighths)
            row.cast = cast_by_scene.get(scene.pk, [])
            row.number = scene.label
            row.time = scene.time_of_day
            row.location = scene.location_name or scene.heading
            row.cast_text = " ".join(str(number) for number in row.cast)
            episode = scene.version.script.episode
            row.episode = str(episode.number) if episode is not None else ""
        rows.append(row)
    open_day = days[-1] if days and not days[-1].day.is_closed else None
    return BoardView(
        schedule=schedule,
        rows=rows,
        days=days,
        board=board,
        cast=cast,
        open_day=open_day,
        end_date=next((day.date for day in reversed(days) if day.date is not None), None),
        total_pages=format_eighths(board.total_eighths),
        total_hours=format_minutes(board.total_minutes),
        calendar_error=calendar_error,
    )


def board_summary(view: BoardView) -> dict[str, Any]:
    return {
        "shooting_days": view.board.shooting_days,
        "calendar_days": len(view.board.days),
        "total_eighths": view.board.total_eighths,
        "total_minutes": view.board.total_minutes,
        "company_moves": view.board.company_moves,
        "end_date": view.end_date,
    }
