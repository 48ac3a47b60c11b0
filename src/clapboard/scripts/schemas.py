"""Shapes of the scripts API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

TagStatus = Literal["suggested", "accepted", "rejected"]
Decision = Literal["accepted", "rejected"]


class VersionOut(Schema):
    id: int
    number: int
    label: str
    colour: str
    revision_date: dt.date
    source_name: str
    source_format: str
    paper: str
    title: str
    page_count: int
    scene_count: int
    total_eighths: int
    previous_id: int | None
    created_at: dt.datetime


class ScriptOut(Schema):
    id: int
    title: str
    episode_id: int | None
    numbers_locked: bool
    minutes_per_page: Decimal
    current_version: VersionOut | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class ScriptCreate(Schema):
    title: str = Field(max_length=200, min_length=1)
    episode_id: int | None = None
    minutes_per_page: Decimal = Field(Decimal(1), gt=0, max_digits=4, decimal_places=2)


class SceneOut(Schema):
    id: int
    position: int = Field(description="Reading order in this version, from 1 (placeholders included).")
    number: str = Field(
        description="The scene number as written or assigned; empty when the script has none."
    )
    heading: str
    int_ext: str
    location: str = Field(alias="location_name")
    time_of_day: str
    page_start: int
    eighths: int
    omitted: bool = Field(description="An OMITTED placeholder that keeps a locked number.")
    change: str = Field(
        description="Against the previous version: unchanged, changed, added, omitted, or empty."
    )
    moved: bool
    previous_scene_id: int | None = Field(alias="previous_id")
    speaking_characters: list[str] = Field(alias="speaking")
    characters: list[str]
    synopsis: str
    text: str


class SceneUpdate(Schema):
    synopsis: str = Field(max_length=300, description="One line, printed on the breakdown sheet.")
    read_synopsis: str = Field(
        description="The synopsis you read; if someone saved another one since, the change is refused (422)."
    )


class ElementOut(Schema):
    id: int
    category: str
    name: str
    aliases: list[str]
    minor: bool
    actor: str
    notes: str
    version: int


class TagOut(Schema):
    id: int
    scene_id: int
    element_id: int
    category: str = Field(alias="element.category")
    name: str = Field(alias="element.name")
    status: TagStatus
    source: str
    start: int | None = Field(description="Offset of the tagged words in the scene text, or null.")
    end: int | None


class TagDecision(Schema):
    status: Decision


class TagCreate(Schema):
    category: str
    name: str = Field(max_length=200, min_length=1)
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=1)


class ElementMerge(Schema):
    target_id: int = Field(description="The element to keep.")
    other_ids: list[int] = Field(
        min_length=1, description="Elements merged into it; their names become aliases."
    )


class ShareOut(Schema):
    key: str
    scenes: int
    eighths: int
    pages: Decimal


class CharacterOut(Schema):
    rank: int
    name: str
    scenes: int
    lines: int
    words: int


class StatisticsOut(Schema):
    scene_count: int
    eighths: int
    pages: Decimal
    minutes_per_page: Decimal
    screen_minutes: Decimal
    screen_time: str
    locations: list[ShareOut]
    int_ext: list[ShareOut]
    daylight: list[ShareOut]
    characters: list[CharacterOut]


class FlagOut(Schema):
    code: str
    level: str
    count: int
    scenes: list[int]


class ViabilityOut(Schema):
    cast_size: int
    background_count: int
    minor_count: int
    location_count: int
    night_exterior_scenes: list[int]
    night_exterior_pages: Decimal
    dawn_dusk_exterior_scenes: list[int]
    stunt_scenes: list[int]
    vfx_scenes: list[int]
    sfx_scenes: list[int]
    minor_scenes: list[int]
    animal_scenes: list[int]
    vehicle_scenes: list[int]
    pages_per_day: Decimal
    shooting_days: Decimal
    flags: list[FlagOut]


class ReadoutOut(Schema):
    statistics: StatisticsOut
    viability: ViabilityOut
