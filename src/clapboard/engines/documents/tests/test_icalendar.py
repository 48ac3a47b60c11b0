"""iCalendar feeds: structure, escaping and folding as RFC 5545 asks."""

from __future__ import annotations

import datetime as dt

from clapboard.engines.documents.icalendar import CalendarEvent, escape_text, fold, write_calendar

STAMP = dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC)


def test_a_feed_of_all_day_events() -> None:
    feed = write_calendar(
        "Le Dernier Bac",
        [
            CalendarEvent(
                "s1-d0@clapboard", dt.date(2027, 5, 3), "Jour 1 · 2 7/8 p.", "Séq. 1, 2", "Le Conquet"
            ),
            CalendarEvent("s1-d1@clapboard", dt.date(2027, 5, 4), "Voyage"),
        ],
        stamp=STAMP,
    )
    assert feed.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert feed.endswith("END:VCALENDAR\r\n")
    assert feed.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20270503\r\nDTEND;VALUE=DATE:20270504\r\n" in feed
    assert "DTSTAMP:20261126T150000Z" in feed
    assert "DESCRIPTION:Séq. 1\\, 2\r\n" in feed
    assert "LOCATION:Le Conquet" in feed
    second = feed.split("BEGIN:VEVENT")[2]
    assert "DESCRIPTION" not in second
    assert "\n" not in feed.replace("\r\n", "")


def test_text_is_escaped() -> None:
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_cutting_characters() -> None:
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") if i else part for i, part in enumerate(parts)) == line


def test_a_short_line_is_left_alone() -> None:
    assert fold("UID:1") == "UID:1"
