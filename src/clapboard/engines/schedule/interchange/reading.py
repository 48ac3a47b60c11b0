"""Reading a Universal Schedule Standard (USS) document into an ``Interchange``.

Versions 0.9 and 1.0 of the standard are read: categories numbered by ``ucid`` (or the
older ``catId``), elements placed by their ``category`` (or listed in their category),
day breaks as sub-arrays of a board (or as ``day`` breakdowns), banner text in
``bannerText`` (or ``description``). Keys the reader does not know are ignored. The first
error stops the reading, with the JSON path where it is: ``breakdowns[12].elements[3]:
unknown element id "e99"``. Nothing is half read: the caller gets the whole
``Interchange`` or the error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NoReturn

from .categories import CategoryMap, load_category_map
from .model import (
    Breakdown,
    Calendar,
    CalendarEvent,
    Category,
    Element,
    Interchange,
    InterchangeError,
    ItemKind,
    Project,
    ScheduleSettings,
    StripItem,
)

ROOT = "universalScheduleStandard"
EXTENSION = "_clapboard"  # Clapboard's own values, in a key the standard leaves to tools
MAX_USS_BYTES = 20 * 1024 * 1024
_SPECIAL = {"day_off": ItemKind.DAY_OFF, "travel": ItemKind.TRAVEL, "rehearsal": ItemKind.REHEARSAL}
_SCENE_TYPES = {"scene", "strip"}
_EVENT_TYPES = ("start", "dayOff", "event")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


class _Reader:
    def __init__(self, source_name: str, categories: CategoryMap) -> None:
        self.source_name = source_name
        self.map = categories

    def fail(self, path: str, message: str) -> NoReturn:
        raise InterchangeError(path, message, source_name=self.source_name)

    def object(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object, not {_kind(value)}")
        return value

    def array(self, owner: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> list[Any]:
        value = owner.get(key)
        if value is None and not required:
            return []
        if key not in owner:
            self.fail(path, "missing")
        if not isinstance(value, list):
            self.fail(path, f"expected an array, not {_kind(value)}")
        return value

    def text(self, owner: Mapping[str, Any], key: str, path: str) -> str:
        value = owner.get(key)
        if value is None:
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # scene and page numbers written as numbers
        if not isinstance(value, str):
            self.fail(_join(path, key), f"expected a string, not {_kind(value)}")
        return value.strip()

    def identifier(self, owner: Mapping[str, Any], path: str, seen: set[str]) -> str:
        found = self.text(owner, "id", path)
        if not found:
            self.fail(_join(path, "id"), "missing")
        if found in seen:
            self.fail(_join(path, "id"), f'duplicate id "{found}"')
        seen.add(found)
        return found

    def number(self, owner: Mapping[str, Any], key: str, path: str) -> Decimal | None:
        value = owner.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(_join(path, key), f"expected a number, not {_kind(value)}")
        if value < 0:
            self.fail(_join(path, key), f"cannot be negative ({value})")
        return Decimal(str(value))

    def date(self, owner: Mapping[str, Any], key: str, path: str) -> dt.date | None:
        value = self.text(owner, key, path)
        if not value:
            return None
        try:
            # The date as written: "2022-06-20T08:00:00.000Z" is 20 June.
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            self.fail(_join(path, key), f'"{value}" is not an ISO date')

    def moment(self, owner: Mapping[str, Any], key: str, path: str) -> dt.datetime | None:
        value = self.text(owner, key, path)
        if not value:
            return None
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            self.fail(_join(path, key), f'"{value}" is not an ISO date and time')

    def extension(self, owner: Mapping[str, Any], path: str) -> Mapping[str, Any]:
        value = owner.get(EXTENSION)
        return {} if value is None else self.object(value, _join(path, EXTENSION))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _eighths(pages: Decimal) -> int:
    return int((pages * 8).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_uss(data: Any, *, source_name: str = "", categories: CategoryMap | None = None) -> Interchange:
    """Read a parsed USS document (``json.loads`` of a ``.uss`` file)."""
    reader = _Reader(source_name, categories or load_category_map())
    root = reader.object(data, "")
    if ROOT not in root:
        reader.fail("", f'no "{ROOT}" object: this is not a Universal Schedule Standard file')
    uss = reader.object(root[ROOT], ROOT)
    return _Document(reader, uss).read()


def load_uss(raw: bytes | str, *, source_name: str = "", max_bytes: int = MAX_USS_BYTES) -> Interchange:
    """Read a ``.uss`` file's bytes (or text): size, encoding, JSON, then ``read_uss``."""
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > max_bytes:
        raise InterchangeError(
            "",
            f"the file is too large ({size:,} bytes; the limit is {max_bytes:,} bytes)",
            source_name=source_name,
        )
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise InterchangeError("", "the file is not UTF-8 text", source_name=source_name) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            "",
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
            source_name=source_name,
        ) from None
    return read_uss(data, source_name=source_name)


class _Document:
    """One reading: the lookups built from the arrays, in the order they depend on each other."""

    def __init__(self, reader: _Reader, uss: Mapping[str, Any]) -> None:
        self.r = reader
        self.uss = uss
        self.categories: dict[str, Category] = {}
        self.property_categories: dict[str, str] = {}  # category id → set / int_ext / time_of_day
        self.listed_in: dict[str, str] = {}  # element id → category id (0.9 lists)
        self.elements: dict[str, Element] = {}
        self.properties: dict[str, tuple[str, str]] = {}  # element id → (property, value)
        self.unplaced: set[str] = set()  # elements in no category: ignored, as the standard says
        self.scenes: dict[str, Breakdown] = {}
        self.items: dict[str, StripItem] = {}  # banners, special days and 0.9 day breaks
        self.order: list[str] = []  # breakdown ids in the file's order
        self.category_index: dict[str, int] = {}

    def read(self) -> Interchange:
        self._categories()
        self._elements()
        self._breakdowns()
        strips, boneyard, calendar, board_name = self._schedule()
        return Interchange(
            project=self._project(board_name),
            categories=tuple(self.categories.values()),
            elements=tuple(self.elements.values()),
            breakdowns=tuple(self.scenes.values()),
            strips=strips,
            boneyard=boneyard,
            calendar=calendar,
            has_schedule=bool(board_name),
        )

    def _categories(self) -> None:
        r, seen = self.r, set[str]()
        for index, raw in enumerate(r.array(self.uss, "categories", "categories")):
            path = f"categories[{index}]"
            entry = r.object(raw, path)
            category_id = r.identifier(entry, path, seen)
            self.category_index[category_id] = index
            key = "ucid" if "ucid" in entry else "catId"
            ucid = entry.get(key)
            if ucid is None:
                r.fail(f"{path}.ucid", "missing")
            if isinstance(ucid, bool) or not isinstance(ucid, int):
                r.fail(f"{path}.{key}", f"expected a whole number, not {_kind(ucid)}")
            name = r.text(entry, "name", path)
            prop = r.map.property_of(ucid)
            if prop is not None:
                self.property_categories[category_id] = prop
            else:
                known = r.map.names.get(ucid, "")
                self.categories[category_id] = Category(category_id, r.map.code_of(ucid), name or known, ucid)
            for position, member in enumerate(r.array(entry, "elements", f"{path}.elements", required=False)):
                if not isinstance(member, str):
                    r.fail(f"{path}.elements[{position}]", f"expected an element id, not {_kind(member)}")
                self.listed_in.setdefault(member, category_id)

    def _elements(self) -> None:
        r, seen = self.r, set[str]()
        for index, raw in enumerate(r.array(self.uss, "elements", "elements")):
            path = f"elements[{index}]"
            entry = r.object(raw, path)
            element_id = r.identifier(entry, path, seen)
            category_id = r.text(entry, "category", path)
            known = category_id in self.categories or category_id in self.property_categories
            if category_id and not known:
                r.fail(f"{path}.category", f'unknown category id "{category_id}"')
            category_id = category_id or self.listed_in.get(element_id, "")
            name = r.text(entry, "name", path)
            if not name:
                r.fail(f"{path}.name", "missing")
            if not category_id:
                self.unplaced.add(element_id)
            elif category_id in self.property_categories:
                self.properties[element_id] = (self.property_categories[category_id], name)
            else:
                self.elements[element_id] = Element(
                    element_id, category_id, name, r.text(entry, "elementId", path)
                )
        for member, category_id in self.listed_in.items():
            if member not in seen:
                where = self.category_index[category_id]
                r.fail(f"categories[{where}].elements", f'unknown element id "{member}"')

    def _breakdowns(self) -> None:
        r, seen = self.r, set[str]()
        for index, raw in enumerate(r.array(self.uss, "breakdowns", "breakdowns")):
            path = f"breakdowns[{index}]"
            entry = r.object(raw, path)
            breakdown_id = r.identifier(entry, path, seen)
            self.order.append(breakdown_id)
            kind = r.text(entry, "type", path)
            extra = r.extension(entry, path)
            if kind in _SCENE_TYPES:
                self.scenes[breakdown_id] = self._scene(breakdown_id, entry, path, extra)
            elif kind == "banner":
                text = r.text(entry, "bannerText", path) or r.text(entry, "description", path)
                special = _SPECIAL.get(r.text(extra, "kind", f"{path}.{EXTENSION}"), ItemKind.BANNER)
                if special is not ItemKind.BANNER and "text" in extra:  # its own text, maybe none
                    text = r.text(extra, "text", f"{path}.{EXTENSION}")
                self.items[breakdown_id] = StripItem(special, id=breakdown_id, text=text)
            elif kind == "day":
                self.items[breakdown_id] = StripItem(ItemKind.DAY_BREAK, id=breakdown_id)
            elif not kind:
                r.fail(f"{path}.type", "missing")
            else:
                r.fail(f"{path}.type", f'unknown type "{kind}" (scene, banner or day)')

    def _scene(
        self, breakdown_id: str, entry: Mapping[str, Any], path: str, extra: Mapping[str, Any]
    ) -> Breakdown:
        r = self.r
        found: dict[str, str] = {}
        element_ids: list[str] = []
        for position, element_id in enumerate(r.array(entry, "elements", f"{path}.elements", required=False)):
            where = f"{path}.elements[{position}]"
            if not isinstance(element_id, str):
                r.fail(where, f"expected an element id, not {_kind(element_id)}")
            if element_id in self.properties:
                prop, value = self.properties[element_id]
                found.setdefault(prop, value)
            elif element_id in self.elements:
                if element_id not in element_ids:
                    element_ids.append(element_id)
            elif element_id not in self.unplaced:
                r.fail(where, f'unknown element id "{element_id}"')
        pages = r.number(entry, "pages", path)
        duration = r.number(entry, "duration", path)
        if duration is None:
            duration = r.number(entry, "time", path)  # 0.9
        return Breakdown(
            id=breakdown_id,
            number=r.text(entry, "scene", path),
            heading=r.text(extra, "heading", f"{path}.{EXTENSION}"),
            int_ext=found.get("int_ext", ""),
            set_name=found.get("set", ""),
            time_of_day=found.get("time_of_day", ""),
            eighths=_eighths(pages) if pages is not None else 0,
            synopsis=r.text(entry, "description", path),
            script_page=r.text(entry, "scriptPage", path),
            episode=r.text(extra, "episode", f"{path}.{EXTENSION}"),
            comments=r.text(entry, "comments", path),
            minutes=int((duration / 60000).quantize(Decimal(1), ROUND_HALF_UP))
            if duration is not None
            else None,
            element_ids=tuple(element_ids),
        )

    def _schedule(self) -> tuple[tuple[StripItem, ...], tuple[str, ...], Calendar | None, str]:
        r = self.r
        stripboards = r.array(self.uss, "stripboards", "stripboards", required=False)
        if not stripboards:
            in_order = (
                StripItem(ItemKind.SCENE, breakdown_id=key) if key in self.scenes else self.items[key]
                for key in self.order
            )
            return tuple(in_order), (), None, ""
        # The first stripboard is the one read; a file holding several scenarios gives its first.
        board = r.object(stripboards[0], "stripboards[0]")
        placed: set[str] = set()
        strips: list[StripItem] = []
        boneyard: list[str] = []
        main_found = False
        for index, raw in enumerate(r.array(board, "boards", "stripboards[0].boards")):
            path = f"stripboards[0].boards[{index}]"
            entry = r.object(raw, path)
            is_main = not main_found and r.text(entry, "name", path).casefold() != "boneyard"
            main_found = main_found or is_main
            items = self._board(entry, path, placed)
            if is_main:
                strips = items
            else:
                boneyard.extend(item.breakdown_id for item in items if item.kind is ItemKind.SCENE)
        boneyard.extend(key for key in self.scenes if key not in placed)
        calendar, strips = self._calendar(board, strips)
        name = r.text(board, "name", "stripboards[0]") or r.text(self.uss, "name", "")
        return tuple(strips), tuple(boneyard), calendar, name or "stripboard"

    def _board(self, entry: Mapping[str, Any], path: str, placed: set[str]) -> list[StripItem]:
        r = self.r
        items: list[StripItem] = []

        def place(key: Any, where: str) -> None:
            if not isinstance(key, str):
                r.fail(where, f"expected a breakdown id or an array of them, not {_kind(key)}")
            if key in placed:
                r.fail(where, f'breakdown "{key}" is on the stripboard twice')
            placed.add(key)
            if key in self.scenes:
                items.append(StripItem(ItemKind.SCENE, breakdown_id=key))
            elif key in self.items:
                items.append(self.items[key])
            else:
                r.fail(where, f'unknown breakdown id "{key}"')

        for position, value in enumerate(r.array(entry, "breakdownIds", f"{path}.breakdownIds")):
            where = f"{path}.breakdownIds[{position}]"
            if isinstance(value, list):  # one shooting day
                for inner, key in enumerate(value):
                    place(key, f"{where}[{inner}]")
                items.append(StripItem(ItemKind.DAY_BREAK))
            else:
                place(value, where)
        return items

    def _calendar(
        self, board: Mapping[str, Any], strips: list[StripItem]
    ) -> tuple[Calendar | None, list[StripItem]]:
        r = self.r
        calendars = r.array(self.uss, "calendars", "calendars", required=False)
        wanted = r.text(board, "calendar", "stripboards[0]")
        ids = [r.object(raw, f"calendars[{i}]").get("id") for i, raw in enumerate(calendars)]
        if wanted and wanted not in ids:
            r.fail("stripboards[0].calendar", f'unknown calendar id "{wanted}"')
        if not calendars:
            return None, strips
        index = ids.index(wanted) if wanted else 0
        path = f"calendars[{index}]"
        entry = r.object(calendars[index], path)
        weekdays_off: set[int] = set()
        for position, day in enumerate(r.array(entry, "daysOff", f"{path}.daysOff", required=False)):
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                r.fail(
                    f"{path}.daysOff[{position}]",
                    "expected a day of the week from 0 (Sunday) to 6 (Saturday)",
                )
            weekdays_off.add((day + 6) % 7)  # the standard counts from Sunday, Python from Monday
        if len(weekdays_off) == 7:
            r.fail(f"{path}.daysOff", "every day of the week is a day off")
        start: dt.date | None = None
        days_off: list[dt.date] = []
        events: list[CalendarEvent] = []
        dated: dict[str, dt.date] = {}
        for position, raw in enumerate(r.array(entry, "events", f"{path}.events", required=False)):
            where = f"{path}.events[{position}]"
            event = r.object(raw, where)
            kind = r.text(event, "type", where)
            if kind not in _EVENT_TYPES:
                r.fail(f"{where}.type", f'unknown type "{kind}" (start, dayOff or event)')
            date = r.date(event, "date", where)
            if date is None:
                r.fail(f"{where}.date", "missing")
            strip = r.text(r.extension(event, where), "strip", f"{where}.{EXTENSION}")
            if strip:
                dated[strip] = date  # a day of the board, which the board itself carries
            elif kind == "start":
                start = start or date
            elif kind == "dayOff":
                days_off.append(date)
            else:
                events.append(CalendarEvent(date, kind, r.text(event, "name", where)))
        strips = [
            dataclasses.replace(item, date=dated[item.id]) if item.id in dated else item for item in strips
        ]
        calendar = Calendar(
            id=str(entry.get("id") or ""),
            name=r.text(entry, "name", path),
            start=start,
            weekdays_off=frozenset(weekdays_off),
            days_off=tuple(sorted(set(days_off))),
            events=tuple(events),
        )
        return calendar, strips

    def _project(self, board_name: str) -> Project:
        r, uss = self.r, self.uss
        extra = r.extension(uss, "")
        where = EXTENSION
        pages = self._decimal(extra, "pagesPerDay", where)
        hours = self._decimal(extra, "hoursPerDay", where)
        drop = extra.get("dropAndPickUp")
        if drop is not None and not isinstance(drop, bool):
            r.fail(f"{where}.dropAndPickUp", f"expected true or false, not {_kind(drop)}")
        return Project(
            id=r.text(uss, "id", ""),
            name=r.text(uss, "name", ""),
            title=r.text(uss, "project", ""),
            author=r.text(uss, "author", ""),
            company=r.text(uss, "company", ""),
            description=r.text(uss, "description", ""),
            episode=r.text(uss, "episode", ""),
            episode_name=r.text(uss, "episodeName", ""),
            season=r.text(uss, "season", ""),
            script_colour=r.text(uss, "scriptColor", ""),
            script_date=r.date(uss, "scriptDate", ""),
            schedule_colour=r.text(uss, "schedColor", ""),
            schedule_date=r.date(uss, "schedDate", ""),
            created=r.moment(uss, "created", ""),
            source=r.text(uss, "source", ""),
            version=r.text(uss, "ussVersion", "") or r.text(uss, "version", ""),
            stripboard_name=board_name,
            settings=ScheduleSettings(
                unit=r.text(extra, "unit", where),
                country=r.text(extra, "country", where),
                pages_per_day=pages,
                hours_per_day=hours,
                drop_and_pick_up=drop,
            ),
        )

    def _decimal(self, owner: Mapping[str, Any], key: str, path: str) -> Decimal | None:
        value = owner.get(key)
        if value is None:
            return None
        try:
            number = Decimal(value) if isinstance(value, str) else self.r.number(owner, key, path)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number <= 0:
            self.r.fail(_join(path, key), f"expected a positive number, not {json.dumps(value)}")
        return number
