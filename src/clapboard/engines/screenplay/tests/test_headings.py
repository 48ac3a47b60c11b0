"""Scene-heading analysis: one row per rule of issue 3."""

from __future__ import annotations

import pytest

from clapboard.engines.screenplay import analyse_heading
from clapboard.engines.screenplay.headings import is_time_of_day
from clapboard.engines.screenplay.vocabulary import KNOWN_TIMES_OF_DAY

# heading, int_ext, location, time_of_day, number
CASES = [
    # The prefixes, with and without the dot, any case.
    ("INT. HOUSE - DAY", "INT", "HOUSE", "DAY", None),
    ("EXT. HOUSE - NIGHT", "EXT", "HOUSE", "NIGHT", None),
    ("INT HOUSE - DAY", "INT", "HOUSE", "DAY", None),
    ("ext house - day", "EXT", "house", "day", None),
    ("INT./EXT. CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("INT/EXT CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("I/E CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("I/E. CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("I./E. CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("EXT./INT. CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("EXT/INT CAR - DAY", "INT/EXT", "CAR", "DAY", None),
    ("EST. CITY SKYLINE - DAWN", "EXT", "CITY SKYLINE", "DAWN", None),
    ("EST CITY SKYLINE - DAWN", "EXT", "CITY SKYLINE", "DAWN", None),
    # No prefix (forced heading): no int_ext, the whole text is the location.
    ("KITCHEN", None, "KITCHEN", None, None),
    ("BACK IN THE APARTMENT", None, "BACK IN THE APARTMENT", None, None),
    ("ESTABLISHING SHOT", None, "ESTABLISHING SHOT", None, None),
    # The LAST " - " separates location and time.
    ("INT. ÉCOLE - COUR - NUIT", "INT", "ÉCOLE - COUR", "NUIT", None),
    ("INT. HOUSE - DAY - FLASHBACK (1944)", "INT", "HOUSE - DAY", "FLASHBACK (1944)", None),
    ("INT. HOUSE - DAY (1979)", "INT", "HOUSE", "DAY (1979)", None),
    # " -- " separates too; en and em dashes count as " - ".
    ("INT. LANDCRUISER, DRIVING -- A BIT LATER", "INT", "LANDCRUISER, DRIVING", "A BIT LATER", None),
    ("INT. CUISINE \u2013 SOIR", "INT", "CUISINE", "SOIR", None),
    ("EXT. FORÊT \u2014 AUBE", "EXT", "FORÊT", "AUBE", None),
    # A comma separates only before a known time of day.
    ("INT. SAN FRANCISCO APARTMENT, DAY", "INT", "SAN FRANCISCO APARTMENT", "DAY", None),
    (
        "INT. HALLWAY, SCOTT'S APARTMENT BUILDING, A MOMENT LATER",
        "INT",
        "HALLWAY, SCOTT'S APARTMENT BUILDING",
        "A MOMENT LATER",
        None,
    ),
    ("INT SCOTT'S APARTMENT, SAME TIME", "INT", "SCOTT'S APARTMENT", "SAME TIME", None),
    (
        "INT. SOUTHERN EXPOSURE GALLERY, SOUTH OF MARKET",
        "INT",
        "SOUTHERN EXPOSURE GALLERY, SOUTH OF MARKET",
        None,
        None,
    ),
    ("INT. SAUSALITO HOME, THE NEXT MORNING", "INT", "SAUSALITO HOME", "THE NEXT MORNING", None),
    ("EXT. PLACE DU MARCHÉ, LE LENDEMAIN MATIN", "EXT", "PLACE DU MARCHÉ", "LE LENDEMAIN MATIN", None),
    ("INT. BUREAU, PLUS TARD", "INT", "BUREAU", "PLUS TARD", None),
    # Time as written; no separator means no time.
    ("INT. HOUSE - Magic hour", "INT", "HOUSE", "Magic hour", None),
    ("INT HOUSE DAY", "INT", "HOUSE DAY", None, None),
    ("INT. SCOTT'S APARTMENT", "INT", "SCOTT'S APARTMENT", None, None),
    # A dash right after the prefix is not the separator.
    ("INT - HOUSE - DAY", "INT", "HOUSE", "DAY", None),
    # Scene numbers are excluded from location and time.
    ("INT. HOUSE - DAY #1A#", "INT", "HOUSE", "DAY", "1A"),
    ("INT. GARE - NUIT #12#", "INT", "GARE", "NUIT", "12"),
    ("INT. HOUSE - DAY - FLASHBACK (1944) #110A#", "INT", "HOUSE - DAY", "FLASHBACK (1944)", "110A"),
    ("EXT. BEACH #I-1-A#", "EXT", "BEACH", None, "I-1-A"),
]


@pytest.mark.parametrize(("heading", "int_ext", "location", "time_of_day", "number"), CASES)
def test_heading_rules(
    heading: str, int_ext: str | None, location: str, time_of_day: str | None, number: str | None
) -> None:
    parts = analyse_heading(heading)
    assert (parts.int_ext, parts.location, parts.time_of_day, parts.number) == (
        int_ext,
        location,
        time_of_day,
        number,
    )
    assert "#" not in parts.heading or number is None


@pytest.mark.parametrize("time", KNOWN_TIMES_OF_DAY)
def test_every_listed_time_of_day_is_known(time: str) -> None:
    assert is_time_of_day(time)
    assert analyse_heading(f"INT. LIEU, {time}").time_of_day == time


@pytest.mark.parametrize("phrase", ["SOUTH OF MARKET", "THE PAIR", "DRIVING", ""])
def test_other_phrases_are_not_times(phrase: str) -> None:
    assert not is_time_of_day(phrase)
