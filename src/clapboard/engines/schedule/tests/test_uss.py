"""Universal Schedule Standard documents: reading, writing, the category table, bad input.

The documents are written here by hand, small enough to check by eye: a short film of
three scenes on two days with a banner, a travel day and a scene left in the boneyard.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from clapboard.engines.breakdown import CATEGORY_CODES
from clapboard.engines.schedule.interchange import (
    OTHER,
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
    load_category_map,
    load_uss,
    read_uss,
    write_uss,
)


def _element(element_id: str, category: str, name: str, board_id: str | None = None) -> dict[str, Any]:
    return {"id": element_id, "category": category, "name": name, "elementId": board_id, "isDood": True}


def document() -> dict[str, Any]:
    """A USS 1.0 file as another tool could write it, with a key of its own (``_colour``)."""
    return {
        "universalScheduleStandard": {
            "id": "doc-1",
            "author": "A. Planner",
            "company": "Les Films du Quai",
            "created": "2026-03-02T09:30:00.000Z",
            "description": None,
            "episode": None,
            "episodeName": None,
            "name": "Draft board",
            "project": "Le Quai",
            "schedColor": "Blue",
            "schedDate": "2026-03-04T12:00:00.000Z",
            "scriptColor": "White",
            "scriptDate": "2026-02-20T12:00:00.000Z",
            "season": None,
            "source": "Another tool",
            "ussVersion": "1.0.0",
            "_colour": "teal",
            "categories": [
                {"id": "c-set", "name": "Set", "ucid": 0},
                {"id": "c-ie", "name": "INT/EXT", "ucid": 1},
                {"id": "c-dn", "name": "Day/Night", "ucid": 2},
                {"id": "c-cast", "name": "Cast", "ucid": 100},
                {"id": "c-props", "name": "Props", "ucid": 104},
                {"id": "c-camera", "name": "Camera", "ucid": 110},
                {"id": "c-custom", "name": "Drones", "ucid": 9001},
            ],
            "elements": [
                _element("e-quai", "c-set", "QUAI DU PORT"),
                _element("e-bar", "c-set", "BAR"),
                _element("e-ext", "c-ie", "EXT"),
                _element("e-int", "c-ie", "INT"),
                _element("e-day", "c-dn", "DAY"),
                _element("e-night", "c-dn", "NIGHT"),
                _element("e-lea", "c-cast", "LÉA", "1"),
                _element("e-marc", "c-cast", "MARC", "2"),
                _element("e-rope", "c-props", "Rope"),
                _element("e-crane", "c-camera", "Crane"),
                _element("e-drone", "c-custom", "Quadcopter"),
            ],
            "breakdowns": [
                {
                    "id": "b1",
                    "type": "scene",
                    "scene": "1",
                    "description": "Léa ties up the boat",
                    "scriptPage": "1",
                    "pages": 1.375,
                    "duration": 5_400_000,
                    "comments": "Tide at 7",
                    "elements": ["e-ext", "e-quai", "e-day", "e-lea", "e-rope", "e-crane"],
                },
                {
                    "id": "b2",
                    "type": "scene",
                    "scene": "2",
                    "description": None,
                    "scriptPage": "2",
                    "pages": 0.5,
                    "elements": ["e-int", "e-bar", "e-night", "e-lea", "e-marc", "e-drone"],
                },
                {"id": "b3", "type": "scene", "scene": "3A", "pages": 0.125, "elements": ["e-marc"]},
                {"id": "b4", "type": "scene", "scene": "4", "pages": 2, "elements": []},
                {"id": "banner-1", "type": "banner", "bannerText": "Harbour week", "elements": []},
                {
                    "id": "travel-1",
                    "type": "banner",
                    "bannerText": "To Brest",
                    "_clapboard": {"kind": "travel"},
                },
            ],
            "stripboards": [
                {
                    "id": "sb-1",
                    "name": "First pass",
                    "calendar": "cal-1",
                    "boards": [
                        {
                            "id": "board-1",
                            "name": "stripboard",
                            "breakdownIds": [["banner-1", "b1", "b2"], "travel-1", "b3"],
                        },
                        {"id": "board-2", "name": "boneyard", "breakdownIds": ["b4"]},
                    ],
                }
            ],
            "calendars": [
                {
                    "id": "cal-1",
                    "name": "Spring",
                    "daysOff": [0, 6],
                    "events": [
                        {"id": "ev-1", "type": "start", "name": None, "date": "2026-04-06T07:00:00.000Z"},
                        {
                            "id": "ev-2",
                            "type": "dayOff",
                            "name": "holiday",
                            "date": "2026-04-08T07:00:00.000Z",
                        },
                        {
                            "id": "ev-3",
                            "type": "event",
                            "name": "fitting",
                            "date": "2026-04-01T07:00:00.000Z",
                        },
                        {
                            "id": "ev-4",
                            "type": "event",
                            "name": "travel",
                            "date": "2026-04-09T12:00:00.000Z",
                            "_clapboard": {"strip": "travel-1"},
                        },
                    ],
                }
            ],
        }
    }


def test_reads_the_breakdown_with_its_heading_parts_and_lengths() -> None:
    read = read_uss(document())
    first, second, third, fourth = read.breakdowns
    assert first == Breakdown(
        id="b1",
        number="1",
        int_ext="EXT",
        set_name="QUAI DU PORT",
        time_of_day="DAY",
        eighths=11,
        synopsis="Léa ties up the boat",
        script_page="1",
        comments="Tide at 7",
        minutes=90,
        element_ids=("e-lea", "e-rope", "e-crane"),
    )
    assert (second.int_ext, second.set_name, second.time_of_day, second.eighths) == ("INT", "BAR", "NIGHT", 4)
    assert second.minutes is None
    assert (third.number, third.eighths, fourth.eighths) == ("3A", 1, 16)
    assert read.project.title == "Le Quai"
    assert read.project.script_date == dt.date(2026, 2, 20)
    assert read.project.created == dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    assert read.project.stripboard_name == "First pass"


def test_categories_map_to_clapboard_codes_and_keep_unknown_ones_as_other() -> None:
    read = read_uss(document())
    codes = {element.name: read.category_of(element).code for element in read.elements}
    assert codes == {
        "LÉA": "cast",
        "MARC": "cast",
        "Rope": "props",
        "Crane": "special_equipment",
        "Quadcopter": OTHER,
    }
    drones = read.category_of(read.elements[-1])
    assert (drones.name, drones.ucid) == ("Drones", 9001)
    assert [element.board_id for element in read.elements[:2]] == ["1", "2"]


def test_reads_the_board_days_banners_special_days_and_calendar() -> None:
    read = read_uss(document())
    assert read.has_schedule
    assert [(item.kind, item.breakdown_id or item.text) for item in read.strips] == [
        (ItemKind.BANNER, "Harbour week"),
        (ItemKind.SCENE, "b1"),
        (ItemKind.SCENE, "b2"),
        (ItemKind.DAY_BREAK, ""),
        (ItemKind.TRAVEL, "To Brest"),
        (ItemKind.SCENE, "b3"),
    ]
    assert read.strips[4].date == dt.date(2026, 4, 9)
    assert read.boneyard == ("b4",)
    assert read.calendar == Calendar(
        id="cal-1",
        name="Spring",
        start=dt.date(2026, 4, 6),
        weekdays_off=frozenset({5, 6}),
        days_off=(dt.date(2026, 4, 8),),
        events=(CalendarEvent(dt.date(2026, 4, 1), "event", "fitting"),),
    )


def test_scenes_on_no_board_go_to_the_boneyard() -> None:
    data = document()
    data["universalScheduleStandard"]["stripboards"][0]["boards"].pop()
    assert read_uss(data).boneyard == ("b4",)


def test_a_breakdown_without_schedule_keeps_the_file_order() -> None:
    data = document()
    del data["universalScheduleStandard"]["stripboards"]
    read = read_uss(data)
    assert not read.has_schedule
    assert read.calendar is None
    assert [item.breakdown_id or item.text for item in read.strips] == [
        "b1",
        "b2",
        "b3",
        "b4",
        "Harbour week",
        "To Brest",
    ]


def test_reads_the_older_0_9_layout() -> None:
    older = {
        "universalScheduleStandard": {
            "id": "old",
            "name": "Old",
            "version": "0.9.0",
            "categories": [
                {"id": "k-ie", "catId": 1, "name": "INT/EXT", "elements": ["x-int"]},
                {"id": "k-cast", "catId": 100, "name": "Cast Members", "elements": ["x-ann"]},
            ],
            "elements": [
                {"id": "x-int", "name": "INT"},
                {"id": "x-ann", "name": "ANN"},
                {"id": "x-lost", "name": "?"},
            ],
            "breakdowns": [
                {
                    "id": "s1",
                    "type": "scene",
                    "scene": "1",
                    "pages": 0.25,
                    "time": 600000,
                    "elements": ["x-int", "x-ann", "x-lost"],
                },
                {"id": "d1", "type": "day"},
                {"id": "n1", "type": "banner", "description": "Week one"},
            ],
            "stripboards": [
                {
                    "id": "sb",
                    "boards": [{"id": "b", "name": "stripboard", "breakdownIds": ["n1", "s1", "d1"]}],
                }
            ],
        }
    }
    read = read_uss(older)
    assert read.project.version == "0.9.0"
    (scene,) = read.breakdowns
    assert (scene.int_ext, scene.eighths, scene.minutes, scene.element_ids) == ("INT", 2, 10, ("x-ann",))
    assert [(item.kind, item.text) for item in read.strips] == [
        (ItemKind.BANNER, "Week one"),
        (ItemKind.SCENE, ""),
        (ItemKind.DAY_BREAK, ""),
    ]


def interchange() -> Interchange:
    return Interchange(
        project=Project(
            id="schedule-7",
            name="Plan A",
            title="Le Quai",
            episode="3",
            script_colour="blue",
            script_date=dt.date(2026, 2, 20),
            created=dt.datetime(2026, 3, 2, 9, 30, 15, 250000, tzinfo=dt.UTC),
            source="Clapboard",
            stripboard_name="Plan A",
            settings=ScheduleSettings(
                "main", "FR", Decimal("2.50"), Decimal("10.00"), drop_and_pick_up=False
            ),
        ),
        categories=(Category("cat-cast", "cast", "Cast"), Category("cat-props", "props", "Props")),
        elements=(Element("el-1", "cat-cast", "LÉA", "1"), Element("el-2", "cat-props", "Rope")),
        breakdowns=(
            Breakdown(
                "sc-1",
                "1",
                "EXT. QUAI - JOUR",
                "EXT",
                "QUAI",
                "JOUR",
                11,
                "Léa",
                "1",
                "3",
                "",
                90,
                ("el-1", "el-2"),
            ),
            Breakdown(
                "sc-2", "2", "INT. BAR - NUIT", "INT", "BAR", "NUIT", 4, "", "2", "3", "", 20, ("el-1",)
            ),
            Breakdown("sc-3", "3", "EXT. QUAI - NUIT", "EXT", "QUAI", "NUIT", 8, "", "3", "3", "", None, ()),
        ),
        strips=(
            StripItem(ItemKind.BANNER, id="st-1", text="Week one"),
            StripItem(ItemKind.SCENE, breakdown_id="sc-1"),
            StripItem(ItemKind.DAY_BREAK),
            StripItem(ItemKind.SCENE, breakdown_id="sc-2"),
            StripItem(ItemKind.DAY_OFF, id="st-2", date=dt.date(2026, 4, 8)),
            StripItem(ItemKind.DAY_BREAK),
            StripItem(ItemKind.BANNER, id="st-3", text="Last"),
        ),
        boneyard=("sc-3",),
        calendar=Calendar(
            start=dt.date(2026, 4, 6), weekdays_off=frozenset({6}), days_off=(dt.date(2026, 4, 13),)
        ),
        has_schedule=True,
    )


def test_writes_every_key_with_days_as_sub_arrays() -> None:
    written = write_uss(interchange())["universalScheduleStandard"]
    assert written["ussVersion"] == "1.0.0"
    assert written["created"] == "2026-03-02T09:30:15.250Z"
    assert written["scriptDate"] == "2026-02-20T12:00:00.000Z"
    assert written["_clapboard"] == {
        "unit": "main",
        "country": "FR",
        "pagesPerDay": "2.50",
        "hoursPerDay": "10.00",
        "dropAndPickUp": False,
    }
    board, boneyard = written["stripboards"][0]["boards"]
    assert board["breakdownIds"] == [["st-1", "sc-1"], "sc-2", "st-2", [], "st-3"]
    assert boneyard["breakdownIds"] == ["sc-3"]
    scene = written["breakdowns"][0]
    assert set(scene) >= {
        "id",
        "bannerText",
        "comments",
        "created",
        "description",
        "elements",
        "pages",
        "scene",
        "scriptPage",
        "duration",
        "type",
    }
    assert (scene["pages"], scene["duration"], scene["type"]) == (1.375, 5_400_000, "scene")
    names = {element["id"]: element["name"] for element in written["elements"]}
    assert [names[element_id] for element_id in scene["elements"]] == ["QUAI", "EXT", "JOUR", "LÉA", "Rope"]
    ucids = {category["name"]: category["ucid"] for category in written["categories"]}
    assert ucids == {"Set": 0, "INT/EXT": 1, "Day/Night": 2, "Cast": 100, "Props": 104}
    day_off = next(row for row in written["breakdowns"] if row["id"] == "st-2")
    assert (day_off["type"], day_off["bannerText"], day_off["_clapboard"]) == (
        "banner",
        "Day off",
        {"kind": "day_off", "text": ""},
    )
    calendar = written["calendars"][0]
    assert calendar["daysOff"] == [0]
    assert [(event["type"], event["name"], event["date"][:10]) for event in calendar["events"]] == [
        ("start", None, "2026-04-06"),
        ("dayOff", "dayOff", "2026-04-08"),
        ("dayOff", "dayOff", "2026-04-13"),
    ]
    assert written["stripboards"][0]["calendar"] == calendar["id"]
    assert write_uss(interchange()) == write_uss(interchange())  # stable ids
    json.dumps(written)


def test_what_is_written_reads_back_the_same() -> None:
    original = interchange()
    read = read_uss(json.loads(json.dumps(write_uss(original))))
    assert read.breakdowns == original.breakdowns
    assert read.strips == original.strips
    assert read.boneyard == original.boneyard
    assert read.elements == original.elements
    assert [(c.id, c.code, c.ucid) for c in read.categories] == [
        ("cat-cast", "cast", 100),
        ("cat-props", "props", 104),
    ]
    assert read.calendar is not None
    assert original.calendar is not None
    assert (read.calendar.start, read.calendar.weekdays_off, read.calendar.days_off) == (
        original.calendar.start,
        original.calendar.weekdays_off,
        original.calendar.days_off,
    )
    assert read.project.settings == original.project.settings
    assert read.project.created == original.project.created
    assert (read.project.title, read.project.episode, read.project.script_colour) == ("Le Quai", "3", "blue")


def test_a_breakdown_alone_is_written_without_stripboards() -> None:
    plain = Interchange(project=Project(id="x", name="Breakdown"), breakdowns=(Breakdown("s", "1"),))
    written = write_uss(plain)["universalScheduleStandard"]
    assert (written["stripboards"], written["calendars"]) == ([], [])
    assert [row["elements"] for row in written["breakdowns"]] == [[]]


def test_the_category_table_goes_both_ways() -> None:
    table = load_category_map()
    assert table.property_ucids == {"set": 0, "int_ext": 1, "time_of_day": 2}
    assert sorted(table.export_ucids) == sorted(CATEGORY_CODES)
    assert len(set(table.export_ucids.values())) == len(CATEGORY_CODES)
    for code in CATEGORY_CODES:
        assert table.code_of(table.ucid_of(code)) == code
    assert table.code_of(110) == "special_equipment"
    assert table.code_of(124) == OTHER
    assert table.code_of(4242) == OTHER
    assert table.source
    with pytest.raises(KeyError, match="'other'"):
        table.ucid_of(OTHER)


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(document())
    change(data["universalScheduleStandard"])
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["breakdowns"][1]["elements"].append("e99"),
            'breakdowns[1].elements[6]: unknown element id "e99"',
        ),
        (
            lambda d: d["breakdowns"][2].update(pages="1/8"),
            "breakdowns[2].pages: expected a number, not a string",
        ),
        (lambda d: d["breakdowns"][2].update(pages=-1), "breakdowns[2].pages: cannot be negative (-1)"),
        (
            lambda d: d["breakdowns"][3].update(type="shot"),
            'breakdowns[3].type: unknown type "shot" (scene, banner or day)',
        ),
        (lambda d: d["breakdowns"][3].update(id="b1"), 'breakdowns[3].id: duplicate id "b1"'),
        (lambda d: d["breakdowns"].__setitem__(0, "b1"), "breakdowns[0]: expected an object, not a string"),
        (lambda d: d.pop("elements"), "elements: missing"),
        (
            lambda d: d["elements"][7].update(category="c-x"),
            'elements[7].category: unknown category id "c-x"',
        ),
        (lambda d: d["elements"][7].update(name=None), "elements[7].name: missing"),
        (lambda d: d["categories"][3].pop("ucid"), "categories[3].ucid: missing"),
        (
            lambda d: d["categories"][3].update(ucid="100"),
            "categories[3].ucid: expected a whole number, not a string",
        ),
        (
            lambda d: d["stripboards"][0]["boards"][0]["breakdownIds"][0].append("b9"),
            'stripboards[0].boards[0].breakdownIds[0][3]: unknown breakdown id "b9"',
        ),
        (
            lambda d: d["stripboards"][0]["boards"][1]["breakdownIds"].append("b1"),
            'stripboards[0].boards[1].breakdownIds[1]: breakdown "b1" is on the stripboard twice',
        ),
        (
            lambda d: d["stripboards"][0].update(calendar="cal-9"),
            'stripboards[0].calendar: unknown calendar id "cal-9"',
        ),
        (
            lambda d: d["calendars"][0].update(daysOff=[0, 7]),
            "calendars[0].daysOff[1]: expected a day of the week from 0 (Sunday) to 6 (Saturday)",
        ),
        (
            lambda d: d["calendars"][0].update(daysOff=list(range(7))),
            "calendars[0].daysOff: every day of the week is a day off",
        ),
        (
            lambda d: d["calendars"][0]["events"][1].update(date="8 April"),
            'calendars[0].events[1].date: "8 April" is not an ISO date',
        ),
        (
            lambda d: d["calendars"][0]["events"][1].update(type="wrap"),
            'calendars[0].events[1].type: unknown type "wrap" (start, dayOff or event)',
        ),
        (
            lambda d: d.update(_clapboard={"pagesPerDay": "lots"}),
            '_clapboard.pagesPerDay: expected a positive number, not "lots"',
        ),
    ],
)
def test_bad_input_names_the_path(change: Any, message: str) -> None:
    with pytest.raises(InterchangeError) as caught:
        read_uss(_broken(change))
    assert str(caught.value) == message


def test_errors_name_the_file_and_refuse_what_is_not_uss() -> None:
    with pytest.raises(InterchangeError, match=r'^plan\.uss: no "universalScheduleStandard" object'):
        read_uss({"schedule": {}}, source_name="plan.uss")
    with pytest.raises(InterchangeError, match=r"^plan\.uss: not valid JSON \(line 1, column 2"):
        load_uss(b"{,", source_name="plan.uss")
    with pytest.raises(
        InterchangeError, match=r"^plan\.uss: the file is too large \(11 bytes; the limit is 10 bytes\)$"
    ):
        load_uss(b'{"a": "bcd"}'[:11], source_name="plan.uss", max_bytes=10)
    with pytest.raises(InterchangeError, match="not UTF-8"):
        load_uss(b'{"a": "\xff"}')


def test_loads_bytes_with_a_byte_order_mark() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(document()).encode()
    assert load_uss(raw).project.name == "Draft board"
