"""Whole scripts: the French demo « Le Dernier Bac », English samples, and the time it takes.

The English samples are the shared screenplay fixtures (../shared/bench/screenplays,
see its README); they are read from there, never copied, and the tests skip without them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clapboard.engines.breakdown.categories import CATEGORY_CODES
from clapboard.engines.breakdown.suggest import REASONS, Suggestion, distinct_elements, suggest
from clapboard.engines.screenplay import Screenplay, parse_screenplay

PACKAGE = Path(__file__).resolve().parents[1]
DEMO = PACKAGE.parents[1] / "productions" / "data" / "le-dernier-bac.fountain"
REPOSITORY = PACKAGE.parents[3]
FIXTURES = REPOSITORY.parent / "shared" / "bench" / "screenplays"


def parsed(path: Path) -> Screenplay:
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return parse_screenplay(path.read_bytes(), source_name=path.name)


@pytest.fixture(scope="module")
def demo() -> Screenplay:
    return parsed(DEMO)


@pytest.fixture(scope="module")
def demo_suggestions(demo: Screenplay) -> tuple[Suggestion, ...]:
    return suggest(demo)


def rows(
    screenplay: Screenplay, suggestions: tuple[Suggestion, ...], index: int
) -> set[tuple[str, str, str, str]]:
    """(category, name, text at the span, reason) for one scene."""
    text = screenplay.scenes[index - 1].text
    return {
        (s.category, s.name, text[s.start : s.end] if s.start >= 0 else "", s.reason)
        for s in suggestions
        if s.scene_index == index
    }


def heading(screenplay: Screenplay, index: int) -> str:
    return screenplay.scenes[index - 1].heading


def assert_well_formed(screenplay: Screenplay, suggestions: tuple[Suggestion, ...]) -> None:
    texts = {scene.index: scene.text for scene in screenplay.scenes}
    for suggestion in suggestions:
        assert suggestion.category in CATEGORY_CODES
        assert suggestion.reason in REASONS
        if suggestion.start >= 0:
            assert 0 <= suggestion.start < suggestion.end <= len(texts[suggestion.scene_index])


def test_demo_opening_scene(demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]) -> None:
    assert heading(demo, 1) == "EXT. CALE DE TRÉVÉNEC - AUBE"
    found = rows(demo, demo_suggestions, 1)
    assert {
        ("cast", "MARYVONNE", "MARYVONNE", "capitals"),  # MARYVONNE KERHERVÉ (62 ans, …)
        ("cast", "PIERRIG", "PIERRIG", "capitals"),
        ("cast", "PIERRIG", "PIERRIG", "dialogue"),
        ("cast", "MARYVONNE", "MARYVONNE", "dialogue"),
        ("cast", "PIERRIG", "Pierrig", "mention"),
        ("animals", "MOUSSE", "MOUSSE", "capitals"),  # MOUSSE, un vieux chien noir et blanc
        ("animals", "chien", "chien", "lexicon"),
        ("vehicles", "bac", "bac", "lexicon"),
        ("vehicles", "vélo", "vélo", "lexicon"),
        ("wardrobe", "ciré", "ciré", "lexicon"),
        ("wardrobe", "bonnet", "bonnet", "lexicon"),
        ("props", "écouteurs", "écouteurs", "lexicon"),
    } <= found
    # « un vieux chien noir et blanc » is not a black-and-white picture.
    assert not [row for row in found if row[0] == "notes"]


def test_demo_capitals_vehicles_and_the_radio(
    demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]
) -> None:
    assert heading(demo, 2) == "INT. LE BAC - TIMONERIE - AUBE"
    assert {
        ("cast", "VOIX DE LA RADIO", "VOIX DE LA RADIO", "dialogue"),  # VOIX DE LA RADIO (OFF)
        ("props", "vhf", "VHF", "lexicon"),
        ("music", "radio", "radio", "lexicon"),
        ("set_dressing", "calendrier des marées", "calendrier des marées", "lexicon"),
    } <= rows(demo, demo_suggestions, 2)
    assert heading(demo, 3) == "EXT. LE BAC - PONT - JOUR"
    assert {
        ("vehicles", "tracteur", "TRACTEUR", "lexicon"),
        ("cast", "RONAN", "RONAN", "capitals"),
        ("wardrobe", "cotte de travail", "cotte de travail", "lexicon"),
        ("props", "sangle", "sangles", "lexicon"),
    } <= rows(demo, demo_suggestions, 3)


def test_demo_characters_who_never_speak(demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]) -> None:
    speakers = {c.name for c in demo.characters}
    assert not {"JOB", "RECTEUR", "AIDE-SOIGNANT"} & speakers
    assert heading(demo, 13) == "INT. MAISON DE MARYVONNE - JOUR"
    assert ("cast", "JOB", "JOB", "capitals") in rows(demo, demo_suggestions, 13)  # JOB, le mari
    assert heading(demo, 20) == "EXT. CALE DE TRÉVÉNEC - NUIT"
    assert {
        ("cast", "RECTEUR", "RECTEUR", "capitals"),  # Le RECTEUR, capuche sur la tête
        ("background", "foule", "foule", "lexicon"),
        ("sfx", "pluie", "pluie", "lexicon"),
        ("sfx", "vent", "vent", "lexicon"),
        ("props", "goupillon", "goupillon", "lexicon"),
        ("props", "lampe torche", "lampes torches", "lexicon"),
        ("cast", "VOIX DANS LA FOULE", "VOIX DANS LA FOULE", "dialogue"),
    } <= rows(demo, demo_suggestions, 20)
    assert heading(demo, 31) == "EXT. PORT DE KERLOC'H - NUIT"
    assert ("cast", "AIDE-SOIGNANT", "AIDE-SOIGNANT", "capitals") in rows(demo, demo_suggestions, 31)


def test_demo_silent_presence_by_name(demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]) -> None:
    # Nobody speaks in the departure scene; the breakdown still needs its people and the dog.
    assert heading(demo, 21) == "EXT. LE BAC - PONT - NUIT"
    found = rows(demo, demo_suggestions, 21)
    assert not [row for row in found if row[3] == "dialogue"]
    assert {
        ("cast", "ANNIG", "Annig", "mention"),
        ("cast", "FANCH", "Fanch", "mention"),
        ("cast", "TITOUAN", "Titouan", "mention"),
        ("animals", "MOUSSE", "Mousse", "mention"),
        ("wardrobe", "gilet de sauvetage", "gilets de sauvetage", "lexicon"),
        ("sound", "coup de corne", "coups de corne", "lexicon"),
    } <= found


def test_demo_parentheticals_effects_and_extensions(
    demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]
) -> None:
    assert heading(demo, 14) == "INT. MAIRIE - JOUR"
    # JEAN-YVES (au téléphone): a parenthetical is a stage direction.
    assert ("props", "téléphone", "téléphone", "lexicon") in rows(demo, demo_suggestions, 14)
    assert heading(demo, 22) == "INT. LE BAC - TIMONERIE - NUIT"
    assert ("mechanical_effects", "roulis", "roulis", "lexicon") in rows(demo, demo_suggestions, 22)
    assert heading(demo, 26) == "EXT. MER D'IROISE - SUITE"
    found = rows(demo, demo_suggestions, 26)
    assert {("vfx", "vfx", "VFX", "lexicon"), ("vfx", "incrustation", "incrustation", "lexicon")} <= found
    assert not [row for row in found if row[1] == "TITOUAN"], "« TITOUAN » is a tag on the bridge"
    assert heading(demo, 30) == "INT. LE BAC - TIMONERIE - SUITE"
    assert ("cast", "MONA", "MONA", "dialogue") in rows(demo, demo_suggestions, 30)  # MONA (V.O.)
    assert heading(demo, 32) == "EXT. PORT DE KERLOC'H - PLUS TARD"
    assert ("vehicles", "car", "car", "lexicon") in rows(demo, demo_suggestions, 32)  # le car de Quimper


def test_demo_writing_between_quotes_is_not_read(
    demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]
) -> None:
    # « 19 h 52. Kerloc'h. Six passagers, un chien. Mer agitée. Bac passé. »
    assert heading(demo, 33) == "INT. LE BAC - TIMONERIE - NUIT"
    names = {row[1] for row in rows(demo, demo_suggestions, 33)}
    assert not {"passager", "chien"} & names


def test_demo_elements_across_scenes(demo: Screenplay, demo_suggestions: tuple[Suggestion, ...]) -> None:
    assert_well_formed(demo, demo_suggestions)
    elements = {(category, name): scenes for category, name, scenes in distinct_elements(demo_suggestions)}
    assert elements[("animals", "MOUSSE")][:3] == (1, 5, 8)
    assert elements[("vehicles", "tracteur")][:2] == (3, 4)
    assert set(elements[("cast", "MARYVONNE")]) >= {1, 2, 4, 6, 7, 35}
    assert suggest(demo) == demo_suggestions


@pytest.mark.parametrize(
    "path",
    [
        DEMO,
        FIXTURES / "fountain-io-samples" / "Brick-and-Steel.fountain",
        FIXTURES / "fountain-io-samples" / "The-Last-Birthday-Card.fountain",
    ],
    ids=["demo", "brick-and-steel", "last-birthday-card"],
)
def test_people_who_never_speak_are_the_screenplay_engines(path: Path) -> None:
    # One definition of the rules: the cast suggested from capitals for people who never
    # speak is who the screenplay engine lists in the scene (suggest adds animals etc.).
    screenplay = parsed(path)
    speakers = {c.name for c in screenplay.characters}
    suggested = {
        (s.scene_index, s.name)
        for s in suggest(screenplay)
        if s.category == "cast" and s.reason == "capitals" and s.name not in speakers
    }
    listed = {
        (scene.index, name)
        for scene in screenplay.scenes
        for name in scene.characters
        if name not in speakers
    }
    assert suggested == listed
    assert suggested


def test_brick_and_steel() -> None:
    screenplay = parsed(FIXTURES / "fountain-io-samples" / "Brick-and-Steel.fountain")
    found = suggest(screenplay)
    assert_well_formed(screenplay, found)
    assert {
        ("cast", "BRICK", "BRICK", "capitals"),  # BRICK BRADDOCK, retired police detective
        ("cast", "STEEL", "STEEL", "capitals"),  # DICK STEEL, his former partner
        ("set_dressing", "screen door", "SCREEN DOOR", "lexicon"),
        ("props", "beer", "beers", "lexicon"),
    } <= rows(screenplay, found, 1)
    assert ("cast", "DAN", "DAN", "capitals") in rows(screenplay, found, 2)  # AKA DAN and JACK
    assert ("stunts", "slammed against", "SLAMMED against", "lexicon") in rows(screenplay, found, 6)
    assert ("sound", "smack", "SMACKS", "capitals") in rows(screenplay, found, 6)
    assert ("vehicles", "porsche", "PORSCHE", "lexicon") in rows(screenplay, found, 7)
    # An EXTREMELY HANDSOME MAN, who speaks as HANDSOME MAN.
    assert ("cast", "HANDSOME MAN", "HANDSOME MAN", "capitals") in rows(screenplay, found, 8)
    # Title cards in capitals and transitions suggest nothing.
    assert heading(screenplay, 5) == "OPENING TITLES"
    assert rows(screenplay, found, 5) == set()
    assert not [s for s in found if s.name in ("smash", "SMASH CUT")]


def test_the_last_birthday_card() -> None:
    screenplay = parsed(FIXTURES / "fountain-io-samples" / "The-Last-Birthday-Card.fountain")
    found = suggest(screenplay)
    assert_well_formed(screenplay, found)
    speakers = {c.name for c in screenplay.characters}
    assert "MAILMAN" not in speakers
    assert "SECURITY GUARD" not in speakers
    assert ("sound", "sound", "SOUND", "lexicon") in rows(screenplay, found, 1)  # a SOUND in the hall
    assert ("cast", "MAILMAN", "MAILMAN", "capitals") in rows(screenplay, found, 2)
    assert {
        ("props", "samurai sword", "SAMURAI SWORD", "lexicon"),
        ("cast", "NAK", "NAK", "capitals"),
        ("wardrobe", "hakama", "Hakama", "lexicon"),
    } <= rows(screenplay, found, 6)
    assert heading(screenplay, 12) == "INT. HOFF AND SPIRNHOLD LOBBY, CONTINUED"
    assert {
        ("cast", "SECURITY GUARD", "SECURITY GUARD", "capitals"),
        ("props", "gun", "gun", "lexicon"),
        ("stunts", "topple over", "topples over", "lexicon"),
    } <= rows(screenplay, found, 12)


@pytest.mark.parametrize(
    "name",
    [
        "aw-parser/sample.fountain",
        "rsdoiel-fdx/sample-06.fountain",
        "nyousefi-fountain-tests/DualDialogue.fountain",
        "screenplain-tests/dialogue-character-extension.fountain",
    ],
)
def test_other_samples_are_well_formed(name: str) -> None:
    screenplay = parsed(FIXTURES / name)
    found = suggest(screenplay)
    assert_well_formed(screenplay, found)
    assert found == suggest(screenplay)


def test_250_scenes_each_get_their_suggestions(demo: Screenplay) -> None:
    # Speed is measured by benchmarks/script_import.py, not asserted here.
    scenes = [dataclasses.replace(demo.scenes[i % len(demo.scenes)], index=i + 1) for i in range(250)]
    long_script = dataclasses.replace(demo, scenes=tuple(scenes))
    found = suggest(long_script)
    assert len({s.scene_index for s in found}) == 250
    assert found == suggest(long_script)
