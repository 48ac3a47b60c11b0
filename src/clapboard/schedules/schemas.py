"""Shapes of the schedules API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

Unit = Literal["main", "second"]


class ScheduleOut(Schema):
    id: int
    name: str
    unit: Unit
    script_version_id: int | None
    start_date: dt.date | None
    weekdays: list[int] = Field(description="Working weekdays, 0 = Monday to 6 = Sunday.")
    country: str = Field(description="Whose public holidays are not worked (FR by default).")
    days_off: list[dt.date]
    pages_per_day: Decimal
    hours_per_day: Decimal
    drop_and_pick_up: bool = Field(
        description="Whether the day out of days drops performers over long gaps instead of holding them."
    )
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class ScheduleCreate(Schema):
    name: str = Field(max_length=120, min_length=1)
    unit: Unit = "main"
    script_version_id: int | None = Field(
        None, description="The script version to lay out; by default the current version of the first script."
    )
    episode_version_ids: list[int] = Field(
        default_factory=list,
        description="Series: the script versions of more episodes to board after it (cross-boarding), in order.",
    )
    start_date: dt.date | None = None
    pages_per_day: Decimal | None = Field(
        None,
        gt=0,
        max_digits=4,
        decimal_places=2,
        description="By default the usual figure for the production's kind.",
    )
    hours_per_day: Decimal = Field(Decimal(10), gt=0, max_digits=4, decimal_places=2)


class StripOut(Schema):
    id: int
    position: int
    kind: Literal["scene", "day_break", "banner", "day_off", "travel", "rehearsal"]
    scene_id: int | None
    scene_number: str = Field(description="The scene's number, or its position when it has none.")
    int_ext: str
    time_of_day: str
    daylight: str = Field(description="DAY, NIGHT, DAWN_DUSK or UNKNOWN (continuity words resolved).")
    colour: str = Field(description="int-day, ext-day, int-night, ext-night, dawn-dusk or unknown.")
    location: str
    eighths: int
    cast: list[int] = Field(description="Cast ids, as numbered in the schedule's cast list.")
    text: str
    day_index: int | None = Field(description="Index of the calendar day the strip belongs to.")


class DayOut(Schema):
    index: int
    kind: Literal["shoot", "day_off", "travel", "rehearsal"]
    number: int | None = Field(description="Shooting day number, from 1; null on days without shooting.")
    date: dt.date | None
    eighths: int
    minutes: int = Field(description="Estimated shooting time at the schedule's pace.")
    cast: list[int]
    company_moves: int = Field(description="Location changes within the day.")
    move_before: bool = Field(description="The day starts at another location than the day before ended.")
    closed: bool = Field(description="False for scenes after the last day break.")


class CastOut(Schema):
    number: int
    element_id: int
    name: str
    actor: str


class BoardOut(Schema):
    schedule: ScheduleOut
    strips: list[StripOut]
    days: list[DayOut]
    cast: list[CastOut]
    shooting_days: int
    total_eighths: int
    total_minutes: int
    company_moves: int


class ReorderIn(Schema):
    version: int = Field(description="The schedule version the order was read at; a stale one gets 409.")
    order: list[int] = Field(description="Every strip id of the schedule, once each, in the new order.")


class UndoIn(Schema):
    version: int


class PerformerDaysOut(Schema):
    number: int = Field(description="The cast number on this schedule.")
    element_id: int
    name: str
    actor: str
    codes: list[str] = Field(
        description="One code per day of the schedule (as in `days`): SW, W, WF, SWF, H, T, R, HOL, WD, "
        "SWD, PW, PWF, '-' for a dropped day, '' outside the engagement."
    )
    work: int
    hold: int
    travel: int
    rehearsal: int
    holiday: int
    dropped: int
    engaged_days: int = Field(
        description="Work + hold + travel + rehearsal + days off: the days on the books."
    )
    start: dt.date | None
    finish: dt.date | None


class DayOutOfDaysOut(Schema):
    schedule_id: int
    drop_and_pick_up: bool
    days: list[DayOut]
    performers: list[PerformerDaysOut]


class UssDocumentIn(Schema):
    """A Universal Schedule Standard document, as a ``.uss`` file holds it."""

    document: dict[str, Any] = Field(
        alias="universalScheduleStandard",
        description="The USS object: breakdowns, categories, elements, stripboards, calendars.",
    )
