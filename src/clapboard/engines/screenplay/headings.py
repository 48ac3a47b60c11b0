"""Scene-heading analysis: prefix, INT/EXT, location, time of day and scene number.

The rules (issue 3):

* A heading starts with INT., EXT., INT./EXT., INT/EXT, I/E, EXT./INT. or EST., with or
  without the dot, in any case; I/E, INT./EXT. and EXT./INT. give ``"INT/EXT"`` and EST.
  gives ``"EXT"``. A heading without a prefix (a forced ``.HEADING``) has int_ext None.
* A scene number written ``#12A#`` at the end is taken out before anything else.
* The location runs from the prefix to the last separator; the time of day is what follows
  it, as written, or None. Separators are `` - `` (also with an en or em dash), `` -- ``,
  and a comma when what follows it is a known time of day (``INT. FLAT, DAY``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clapboard.engines.screenplay.vocabulary import HEADING_PREFIXES, TIME_QUALIFIERS, TIME_WORDS

_SCENE_NUMBER = re.compile(r"\s*#([0-9A-Za-z.\-]+)#\s*$")
_DASH_SEPARATOR = re.compile(r"\s+(?:--|-|\u2013|\u2014)\s+")
_WORD = re.compile(r"[^\s,.;:!?()]+")


@dataclass(frozen=True, slots=True)
class HeadingParts:
    """A heading taken apart. ``heading`` is the text without its scene number."""

    heading: str
    prefix: str | None
    int_ext: str | None
    location: str
    time_of_day: str | None
    number: str | None


def split_scene_number(text: str) -> tuple[str, str | None]:
    """``"INT. HOUSE - DAY #1A#"`` -> ``("INT. HOUSE - DAY", "1A")``."""
    match = _SCENE_NUMBER.search(text)
    if match is None:
        return text.strip(), None
    return text[: match.start()].strip(), match.group(1)


def match_prefix(text: str) -> tuple[str, str, int] | None:
    """The heading prefix at the start of ``text``: (as written, int_ext, end index) or None.

    The prefix must be followed by a space, a dot or the end of the text, so that
    ``ESTABLISHING`` or ``INTERIOR`` are not headings.
    """
    upper = text.upper()
    for prefix, int_ext in HEADING_PREFIXES:
        if not upper.startswith(prefix):
            continue
        end = len(prefix)
        if end < len(upper) and upper[end] not in " \t.":
            continue
        if end < len(upper) and upper[end] == ".":
            end += 1
        if end < len(upper) and upper[end] not in " \t":
            continue
        return text[:end], int_ext, end
    return None


def is_time_of_day(phrase: str) -> bool:
    """True when ``phrase`` is a known time of day (``DAY``, ``A BIT LATER``, ``LE LENDEMAIN``)."""
    words = [word.upper().removeprefix("L'") for word in _WORD.findall(phrase)]
    if not words:
        return False
    return any(word in TIME_WORDS for word in words) and all(
        word in TIME_WORDS or word in TIME_QUALIFIERS or word.isdigit() for word in words
    )


def _last_separator(body: str) -> tuple[int, int] | None:
    """(start, end) of the last separator in ``body``, or None."""
    best: tuple[int, int] | None = None
    for match in _DASH_SEPARATOR.finditer(body):
        best = (match.start(), match.end())
    position = body.rfind(",")
    while position != -1:
        if best is not None and position < best[0]:
            break
        if is_time_of_day(body[position + 1 :]):
            end = position + 1
            while end < len(body) and body[end] in " \t":
                end += 1
            if best is None or position > best[0]:
                best = (position, end)
            break
        position = body.rfind(",", 0, position)
    return best


def analyse_heading(text: str) -> HeadingParts:
    """Take a scene heading apart (see the module docstring for the rules)."""
    heading, number = split_scene_number(text)
    heading = heading.strip()
    found = match_prefix(heading)
    if found is None:
        prefix, int_ext, body = None, None, heading
    else:
        prefix, int_ext, end = found
        body = heading[end:].strip()
    # "INT - HOUSE - DAY": a dash right after the prefix is not the location separator.
    if prefix is not None and body[:2] in {"- ", "\u2013 ", "\u2014 "}:
        body = body[2:].strip()
    separator = _last_separator(body)
    if separator is None:
        location, time_of_day = body, None
    else:
        location = body[: separator[0]].strip()
        time_of_day = body[separator[1] :].strip() or None
    location = location.strip().rstrip(",").strip()
    return HeadingParts(
        heading=heading,
        prefix=prefix,
        int_ext=int_ext,
        location=location,
        time_of_day=time_of_day,
        number=number,
    )
