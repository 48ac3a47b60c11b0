"""The demo short film's screenplay: shipped with the package and rich enough for breakdown tests."""

from __future__ import annotations

from importlib.resources import files

import pytest

from clapboard.engines.screenplay import ElementKind, Screenplay, parse_screenplay
from clapboard.productions.demo import SHORT_FILM

SCRIPT_NAME = "le-dernier-bac.fountain"


@pytest.fixture(scope="module")
def screenplay() -> Screenplay:
    data = files("clapboard.productions").joinpath("data", SCRIPT_NAME).read_bytes()
    return parse_screenplay(data, source_name=SCRIPT_NAME)


def test_title_page_names_the_demo_short_film(screenplay):
    assert screenplay.format == "fountain"
    assert screenplay.title == "Le Dernier Bac" == SHORT_FILM["title"]
    assert {"credit", "author", "draft date"} <= screenplay.title_page.keys()


def test_length_fits_a_twenty_minute_short(screenplay):
    assert 30 <= len(screenplay.scenes) <= 40
    assert 16 <= screenplay.page_count <= 24


def test_every_scene_heading_is_read_in_full(screenplay):
    for scene in screenplay.scenes:
        assert scene.int_ext in {"INT", "EXT", "INT/EXT"}, scene.heading
        assert scene.time_of_day, scene.heading
        assert scene.location, scene.heading
    assert any(scene.int_ext == "INT/EXT" for scene in screenplay.scenes)


def test_day_and_night_and_revisited_locations(screenplay):
    times = {scene.time_of_day for scene in screenplay.scenes}
    assert {"JOUR", "NUIT"} <= times
    locations = [scene.location for scene in screenplay.scenes]
    assert 8 <= len(set(locations)) <= 12
    revisited = {location for location in locations if locations.count(location) > 1}
    assert {"CALE DE TRÉVÉNEC", "LE BAC - TIMONERIE", "LE BAC - PONT"} <= revisited
    assert any(
        s.int_ext == "EXT" and s.time_of_day == "NUIT" and "BAC" in s.location for s in screenplay.scenes
    )


def test_speaking_cast(screenplay):
    names = {character.name for character in screenplay.characters}
    assert len(names) >= 10
    assert {"MARYVONNE", "GWENAËL", "INÈS", "JEAN-YVES", "TITOUAN"} <= names


def test_fountain_features_for_the_breakdown(screenplay):
    kinds = {element.kind for element in screenplay.elements}
    assert {
        ElementKind.LYRICS,
        ElementKind.TRANSITION,
        ElementKind.SECTION,
        ElementKind.SYNOPSIS,
        ElementKind.NOTE,
    } <= kinds
    assert any(element.dual for element in screenplay.elements)
    cues = {element.text for element in screenplay.elements if element.kind == ElementKind.CHARACTER}
    for extension in ("(OFF)", "(HC)", "(SUITE)", "(V.O.)"):
        assert any(cue.endswith(extension) for cue in cues), extension
