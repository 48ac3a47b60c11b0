"""iCalendar (RFC 5545) feeds: a calendar of all-day events that phones and mail clients
subscribe to.

Entry point: ``write_calendar(name, events) -> str``. Each ``CalendarEvent`` is one day
(an all-day event, so that a shooting day shows on its date whatever the reader's time
zone) with a stable ``uid``: a client that refreshes the feed moves an event whose date
changed instead of adding a second one. Text is escaped and lines are folded at 75
octets as the standard asks; lines end with CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PRODUCT = "-//Clapboard//Shooting schedule//EN"
_FOLD_AT = 75  # octets per line, CRLF excluded


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    day: dt.date
    summary: str
    description: str = ""
    location: str = ""


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma, and newlines as ``\\n``."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuations starting with a
    space, never cutting a UTF-8 character in two."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = _FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, _FOLD_AT - 1  # the leading space takes one octet
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def write_calendar(name: str, events: Iterable[CalendarEvent], *, stamp: dt.datetime) -> str:
    """The whole feed. ``stamp`` (UTC) is the DTSTAMP of every event: when it was written."""
    utc_stamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, utc_stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
        "TRANSP:OPAQUE",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines.append("END:VEVENT")
    return lines
