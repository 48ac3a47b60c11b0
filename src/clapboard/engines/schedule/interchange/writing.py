"""Writing an ``Interchange`` as a Universal Schedule Standard (USS) 1.0 document.

Every key of the standard is written, ``null`` where there is no value, as the standard
asks. A scene's set, INT/EXT and day or night become elements of three categories, one
element per distinct value. Shooting days are sub-arrays of the stripboard's board; the
scenes after the last day break, which form no closed day yet, follow as plain ids.
Banners are ``banner`` breakdowns; days without shooting (day off, travel, rehearsal) are
banners too, marked in the ``_clapboard`` key, and, when the board has a start date,
calendar events on their dates. Identifiers not given by the caller are derived from the
document's id, so that writing the same data twice gives the same file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from .categories import SCENE_PROPERTIES, CategoryMap, load_category_map
from .model import SPECIAL_DAYS, Breakdown, Interchange, ItemKind, StripItem
from .reading import EXTENSION, ROOT

USS_VERSION = "1.0.0"
# What another tool shows on a day without shooting that has no text of its own.
_LABELS = {ItemKind.DAY_OFF: "Day off", ItemKind.TRAVEL: "Travel day", ItemKind.REHEARSAL: "Rehearsal day"}
_EVENTS = {
    ItemKind.DAY_OFF: ("dayOff", "dayOff"),
    ItemKind.TRAVEL: ("event", "travel"),
    ItemKind.REHEARSAL: ("event", "rehearsal"),
}


def _date(value: dt.date | None) -> str | None:
    # Noon UTC: the same calendar date in every time zone a reader may convert it to.
    return None if value is None else f"{value.isoformat()}T12:00:00.000Z"


def _moment(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _or_null(value: str) -> str | None:
    return value or None


class _Ids:
    """Identifiers derived from the document's id: stable from one writing to the next."""

    def __init__(self, document_id: str) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"uss:{document_id}")

    def __call__(self, *parts: object) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(str(part) for part in parts)))


def write_uss(interchange: Interchange, *, categories: CategoryMap | None = None) -> dict[str, Any]:
    """The USS document of ``interchange``, ready for ``json.dumps``."""
    table = categories or load_category_map()
    project = interchange.project
    ids = _Ids(project.id)
    created = _moment(project.created)
    heading_elements: dict[tuple[str, str], str] = {}  # (property, value) → element id

    def heading_element(prop: str, value: str) -> list[str]:
        if not value:
            return []
        return [heading_elements.setdefault((prop, value), ids("heading", prop, value))]

    breakdowns = [_scene(item, heading_element, created) for item in interchange.breakdowns]
    strip_breakdowns = [_banner(item, created) for item in interchange.strips if item.id]
    category_rows = [
        {"id": ids("category", prop), "created": created, "name": table.property_names[prop], "ucid": number}
        for prop, number in table.property_ucids.items()
    ]
    for category in interchange.categories:
        ucid = category.ucid if category.ucid is not None else table.ucid_of(category.code)
        name = category.name or table.names.get(ucid, category.code)
        category_rows.append({"id": category.id, "created": created, "name": name, "ucid": ucid})
    elements = [
        _element(ids("category", prop), element_id, value, "", created)
        for (prop, value), element_id in heading_elements.items()
    ] + [
        _element(element.category_id, element.id, element.name, element.board_id, created)
        for element in interchange.elements
    ]
    document: dict[str, Any] = {
        "id": project.id,
        "author": _or_null(project.author),
        "company": _or_null(project.company),
        "created": created,
        "description": _or_null(project.description),
        "episode": _or_null(project.episode),
        "episodeName": _or_null(project.episode_name),
        "name": project.name,
        "project": _or_null(project.title),
        "schedColor": _or_null(project.schedule_colour),
        "schedDate": _date(project.schedule_date),
        "scriptColor": _or_null(project.script_colour),
        "scriptDate": _date(project.script_date),
        "season": _or_null(project.season),
        "source": project.source or "Clapboard",
        "ussVersion": USS_VERSION,
        EXTENSION: _settings(interchange),
        "breakdowns": breakdowns + strip_breakdowns,
        "categories": category_rows,
        "elements": elements,
        "stripboards": [],
        "calendars": [],
    }
    if interchange.has_schedule:
        calendar_id = _calendar_id(interchange, ids)
        document["stripboards"] = [
            {
                "id": ids("stripboard"),
                "boards": [
                    {
                        "id": ids("board", "stripboard"),
                        "name": "stripboard",
                        "breakdownIds": _board(interchange.strips),
                    },
                    {
                        "id": ids("board", "boneyard"),
                        "name": "boneyard",
                        "breakdownIds": list(interchange.boneyard),
                    },
                ],
                "calendar": calendar_id,
                "name": project.stripboard_name or project.name,
            }
        ]
        document["calendars"] = [_calendar(interchange, calendar_id, ids)]
    return {ROOT: document}


def _scene(
    item: Breakdown, heading_element: Callable[[str, str], list[str]], created: str | None
) -> dict[str, Any]:
    properties = {"set": item.set_name, "int_ext": item.int_ext, "time_of_day": item.time_of_day}
    heading_ids = [i for prop in SCENE_PROPERTIES for i in heading_element(prop, properties[prop])]
    extra = {key: value for key, value in (("heading", item.heading), ("episode", item.episode)) if value}
    row: dict[str, Any] = {
        "id": item.id,
        "bannerText": None,
        "comments": _or_null(item.comments),
        "created": created,
        "description": _or_null(item.synopsis),
        "elements": heading_ids + list(item.element_ids),
        "pages": item.eighths / 8,
        "scene": _or_null(item.number),
        "scriptPage": _or_null(item.script_page),
        "duration": item.minutes * 60_000 if item.minutes is not None else None,
        "type": "scene",
    }
    if extra:
        row[EXTENSION] = extra
    return row


def _banner(item: StripItem, created: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": item.id,
        "bannerText": item.text or _LABELS.get(item.kind, ""),
        "comments": None,
        "created": created,
        "description": None,
        "elements": [],
        "pages": None,
        "scene": None,
        "scriptPage": None,
        "duration": None,
        "type": "banner",
    }
    if item.kind in SPECIAL_DAYS:
        row[EXTENSION] = {"kind": item.kind.value, "text": item.text}
    return row


def _element(
    category_id: str, element_id: str, name: str, board_id: str, created: str | None
) -> dict[str, Any]:
    return {
        "id": element_id,
        "category": category_id,
        "created": created,
        "daysOff": [],
        "dropDayCount": 0,
        "elementId": _or_null(board_id),
        "events": [],
        "isDood": True,
        "isDrop": False,
        "isHold": True,
        "isIdLock": False,
        "linkedElements": [],
        "name": name,
    }


def _board(strips: Sequence[StripItem]) -> list[Any]:
    """Days closed by a day break as sub-arrays; anything else as plain ids: a day without
    shooting, and the scenes and banners that no day break closes."""
    board: list[Any] = []
    day: list[str] = []
    for item in strips:
        if item.kind is ItemKind.DAY_BREAK:
            board.append(day)
            day = []
        elif item.kind in SPECIAL_DAYS:
            # Scenes waiting before it end their day without a day break: they stay plain ids.
            board.extend(day)
            day = []
            board.append(item.id)
        else:
            day.append(item.breakdown_id if item.kind is ItemKind.SCENE else item.id)
    return board + day


def _calendar_id(interchange: Interchange, ids: _Ids) -> str:
    calendar = interchange.calendar
    return calendar.id if calendar is not None and calendar.id else ids("calendar")


def _calendar(interchange: Interchange, calendar_id: str, ids: _Ids) -> dict[str, Any]:
    calendar = interchange.calendar
    events: list[dict[str, Any]] = []
    if calendar is not None and calendar.start is not None:
        events.append(
            {"id": ids("event", "start"), "date": _date(calendar.start), "type": "start", "name": None}
        )
    for item in interchange.strips:
        if item.kind in SPECIAL_DAYS and item.date is not None:
            kind, name = _EVENTS[item.kind]
            events.append(
                {
                    "id": ids("event", item.id),
                    "date": _date(item.date),
                    "type": kind,
                    "name": name,
                    EXTENSION: {"strip": item.id},
                }
            )
    if calendar is not None:
        for day in calendar.days_off:
            events.append(
                {"id": ids("event", "off", day), "date": _date(day), "type": "dayOff", "name": "dayOff"}
            )
        for event in calendar.events:
            events.append(
                {
                    "id": ids("event", event.kind, event.name, event.date),
                    "date": _date(event.date),
                    "type": event.kind,
                    "name": event.name or None,
                }
            )
    weekdays_off = calendar.weekdays_off if calendar is not None else frozenset({5, 6})
    return {
        "id": calendar_id,
        "daysOff": sorted((day + 1) % 7 for day in weekdays_off),  # Sunday = 0 in the standard
        "events": events,
        "name": (calendar.name if calendar is not None else "") or interchange.project.name,
    }


def _settings(interchange: Interchange) -> dict[str, Any]:
    settings = interchange.project.settings
    values: dict[str, Any] = {
        "unit": settings.unit or None,
        "country": settings.country or None,
        "pagesPerDay": str(settings.pages_per_day) if settings.pages_per_day is not None else None,
        "hoursPerDay": str(settings.hours_per_day) if settings.hours_per_day is not None else None,
        "dropAndPickUp": settings.drop_and_pick_up,
    }
    return {key: value for key, value in values.items() if value is not None}
