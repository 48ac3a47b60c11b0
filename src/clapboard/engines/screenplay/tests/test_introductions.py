"""Characters introduced in capitals who never speak: each rule, what is nobody, the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import Screenplay, parse_screenplay, to_json
from clapboard.engines.screenplay.fdx import parse_fdx
from clapboard.engines.screenplay.introductions import (
    Evidence,
    NameIndex,
    find_introductions,
    fold,
    introduction_vocabulary,
)
from clapboard.engines.screenplay.tests.fixtures import fixture_path

DEMO = Path(__file__).resolve().parents[3] / "productions" / "data" / "le-dernier-bac.fountain"


def script(body: str, heading: str = "INT. CUISINE - JOUR") -> Screenplay:
    return parse_screenplay(f"{heading}\n\n{body}\n", format="fountain")


def characters(body: str, heading: str = "INT. CUISINE - JOUR") -> tuple[str, ...]:
    """The characters of the first scene of a one-scene script."""
    return script(body, heading).scenes[0].characters


def evidence(text: str) -> list[tuple[str, Evidence, bool]]:
    """(name, evidence, is_person) of each introduction in one action paragraph."""
    return [(i.name, i.evidence, i.is_person) for i in find_introductions(text, NameIndex())]


# French ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("RONAN (50 ans, cotte de travail) mange une tartine.", ("RONAN",)),
        ("Sur le buffet, une photo. JOB, le mari, mort depuis longtemps.", ("JOB",)),
        ("LUCIE, la trentaine, attend sur le quai.", ("LUCIE",)),
        ("Le RECTEUR, capuche sur la tête, secoue son goupillon.", ("RECTEUR",)),
        ("Un AIDE-SOIGNANT en blouse prend la valise.", ("AIDE-SOIGNANT",)),
        ("Un PÊCHEUR répare son filet. Un AGENT DE SÉCURITÉ surveille.", ("PÊCHEUR", "AGENT DE SÉCURITÉ")),
        ("Sa MÈRE arrive. Le MAIRE la suit.", ("MÈRE", "MAIRE")),
        ("KERHERVÉ entre sans frapper.", ("KERHERVÉ",)),
        ("ÉLODIE, 32 ans, avocate, attend.", ("ÉLODIE",)),
    ],
)
def test_french_introductions(body: str, expected: tuple[str, ...]) -> None:
    assert characters(body) == expected


# English -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A WAITER brings the bill.", ("WAITER",)),
        ("JOHN (40s) enters.", ("JOHN",)),
        ("JOHN enters. He sits down.", ("JOHN",)),
        ("JOHN's phone buzzes on the table.", ("JOHN",)),
        ("SARAH, 32, a lawyer, waits.", ("SARAH",)),
        ("BOB, late forties, pours a drink.", ("BOB",)),
        ("DICK STEEL, his former partner, walks in.", ("DICK STEEL",)),
        ("A young WOMAN (20s) sings. A SECURITY GUARD listens.", ("WOMAN", "SECURITY GUARD")),
        ("It's Scott, pleading with a snobby-looking GALLERY DIRECTOR.", ("GALLERY DIRECTOR",)),
    ],
)
def test_english_introductions(body: str, expected: tuple[str, ...]) -> None:
    assert characters(body, heading="INT. DINER - NIGHT") == expected


def test_each_rule_says_why() -> None:
    assert evidence("Un PÊCHEUR répare son filet.") == [("PÊCHEUR", Evidence.ROLE, True)]
    assert evidence("RONAN (50 ans) mange.") == [("RONAN", Evidence.PARENTHESIS, True)]
    assert evidence("JOB, le mari, dort.") == [("JOB", Evidence.APPOSITION, True)]
    assert evidence("JOHN, 40s, enters.") == [("JOHN", Evidence.AGE, True)]
    assert evidence("JOHN enters.") == [("JOHN", Evidence.SENTENCE, True)]


# Nobody ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # Sound effects, drawn-out cries and sounds at the start of a sentence.
        "BANG! The door SLAMS. A CRASH outside. WHOOOSH.",
        "BOOM goes the dynamite. SIRENS wail in the distance. THUNDER rumbles.",
        "The PHONE RINGS. Un BRUIT sourd. BOUM ! Le volet CLAQUE.",
        # Camera words and title cards.
        "CLOSE ON the letter. ANGLE ON the door. We see it in POV.",
        "INSERT - the letter. SUPER: Paris, 1942.",
        # Emphasis, pronouns, acronyms.
        "She does NOT move. NOTHING happens. EVERYONE freezes.",
        "Personne ne bouge. RIEN. ELLE hésite, puis PERSONNE ne répond.",
        "The FBI agent shows his badge. The CIA files are on the desk.",
        # Writing between quotes: signs, tags.
        'A board reads "HOTEL PARADISO". On the wall, « TITOUAN » in red.',
        # Several people are a group, not a character.
        "Deux GENDARMES arrivent. La FOULE s'écarte. Three SOLDIERS salute.",
        # A description that names an animal, not a person.
        "MOUSSE, un vieux chien noir et blanc, boite un peu.",
        "REX, the neighbour's dog, barks at the mailman.",
    ],
)
def test_what_is_not_a_character(body: str) -> None:
    assert characters(body) == ()


def test_paragraphs_all_in_capitals_and_transitions_name_nobody() -> None:
    screenplay = script("LATER THAT NIGHT, THE STORM BREAKS.\n\nSMASH CUT TO:\n\n> THE END <")
    assert screenplay.scenes[0].characters == ()


def test_dialogue_is_never_read_for_names() -> None:
    screenplay = script("ANNA\nThe FBI called. JOHN is coming, and NASA too!\n\nShe hangs up.")
    assert screenplay.scenes[0].characters == ("ANNA",)


def test_a_description_that_is_no_person_is_left_to_the_lexicon() -> None:
    # Only the breakdown lexicon knows that « chien » is a dog; here the name is no one.
    [mousse] = find_introductions("MOUSSE, un vieux chien, dort.", NameIndex())
    assert (mousse.name, mousse.evidence, mousse.is_person) == ("MOUSSE", Evidence.APPOSITION, False)
    text = "MOUSSE, un vieux chien, dort."
    assert text[mousse.description[0] : mousse.description[1]] == "un vieux chien"


def test_known_limit_things_with_evidence_look_like_people() -> None:
    # Without the lexicon a prop or a vehicle with evidence of a person is taken for one;
    # the breakdown suggestions (engines/breakdown/suggest.py) tell them apart.
    assert characters("GLOCK in hand, he runs to the door.") == ("GLOCK",)
    assert characters("Le TRACTEUR (rouge, vieux) recule.") == ("TRACTEUR",)


# Across the script ---------------------------------------------------------------------


def test_names_introduced_are_found_again_in_capitals_in_later_scenes() -> None:
    screenplay = parse_screenplay(
        "INT. HALL - DAY\n\nA note for DOUG lies on the bar.\n\n"
        "INT. BAR - NIGHT\n\nDOUG (60s) sweeps the floor.\n\n"
        "EXT. STREET - NIGHT\n\nOutside, DOUG smokes.\n\n"
        "INT. CAR - NIGHT\n\nAnna drives past Doug.\n"
    )
    # Not before the scene that introduces him, nor written with a capital initial only.
    assert [scene.characters for scene in screenplay.scenes] == [(), ("DOUG",), ("DOUG",), ()]


def test_speaking_characters_come_first_and_known_names_are_mentions() -> None:
    screenplay = script(
        "MARYVONNE KERHERVÉ (62 ans) descend la cale. Le RECTEUR la salue.\n\n"
        "PIERRIG\nBonjour.\n\nMARYVONNE\nBonjour, toi."
    )
    scene = screenplay.scenes[0]
    assert scene.speaking_characters == ("PIERRIG", "MARYVONNE")
    assert scene.characters == ("PIERRIG", "MARYVONNE", "RECTEUR")


def test_the_statistics_list_speaking_characters_only() -> None:
    screenplay = parse_screenplay(
        "INT. DINER - NIGHT\n\nA WAITER brings the bill. JOHN (40s) reads it.\n\n"
        "ANNA\nI'll pay.\n\nEXT. STREET - NIGHT\n\nJOHN follows Anna.\n"
    )
    assert [c.name for c in screenplay.characters] == ["ANNA"]
    document = to_json(screenplay)
    assert document["scenes"][0]["characters"] == ["ANNA", "WAITER", "JOHN"]
    assert document["scenes"][1]["characters"] == ["JOHN"]
    assert [c["name"] for c in document["characters"]] == ["ANNA"]


def test_fdx_and_fountain_give_the_same_scene_characters() -> None:
    for stem in ("fountain-io-samples/The-Last-Birthday-Card", "fountain-io-samples/Brick-and-Steel"):
        fountain = parse_screenplay(fixture_path(f"{stem}.fountain").read_bytes(), source_name="x.fountain")
        fdx = parse_fdx(fixture_path(f"{stem}.fdx").read_bytes(), source_name="x.fdx")
        assert [s.characters for s in fdx.scenes] == [s.characters for s in fountain.scenes], stem


def test_the_last_birthday_card_people_who_never_speak() -> None:
    path = fixture_path("fountain-io-samples", "The-Last-Birthday-Card.fountain")
    screenplay = parse_screenplay(path.read_bytes(), source_name=path.name)
    speakers = {c.name for c in screenplay.characters}
    silent = {
        (scene.index, name)
        for scene in screenplay.scenes
        for name in scene.characters
        if name not in speakers
    }
    assert silent == {(2, "MAILMAN"), (12, "SECURITY GUARD"), (23, "GALLERY DIRECTOR"), (38, "DRIVER")}


# The demo screenplay -------------------------------------------------------------------


def test_demo_screenplay() -> None:
    screenplay = parse_screenplay(DEMO.read_bytes(), source_name=DEMO.name)
    introduced = {13: ("JOB",), 20: ("RECTEUR",), 31: ("AIDE-SOIGNANT",)}
    mentioned = {26: ("TITOUAN",)}  # « TITOUAN », a tag on the bridge: a known name, as before
    headings = {13: "INT. MAISON DE MARYVONNE - JOUR", 20: "EXT. CALE DE TRÉVÉNEC - NUIT"}
    for index, heading in headings.items():
        assert screenplay.scenes[index - 1].heading == heading
    for scene in screenplay.scenes:
        expected = (
            *scene.speaking_characters,
            *mentioned.get(scene.index, ()),
            *introduced.get(scene.index, ()),
        )
        assert scene.characters == expected, scene.heading
    # MOUSSE, un vieux chien noir et blanc: the dog is no character.
    assert not any("MOUSSE" in scene.characters for scene in screenplay.scenes)
    statistics = {c.name: c.scenes for c in screenplay.characters}
    assert not {"JOB", "RECTEUR", "AIDE-SOIGNANT"} & statistics.keys()
    assert statistics["MARYVONNE"][:4] == (1, 4, 6, 7)


# The words -----------------------------------------------------------------------------


def test_vocabulary_is_versioned_with_source_and_date() -> None:
    vocabulary = introduction_vocabulary()
    assert vocabulary.version >= 1
    assert isinstance(vocabulary.effective_from, date)
    assert len(vocabulary.source) > 80
    assert {"un", "le", "l", "a", "the", "his"} <= vocabulary.articles
    assert {"pov", "close", "angle", "not", "fbi", "personne"} <= vocabulary.ignored_capitals


def test_each_word_is_in_one_list() -> None:
    vocabulary = introduction_vocabulary()
    people: dict[tuple[str, str], str] = {}
    for language, lists in vocabulary.terms.items():
        for name, terms in lists.items():
            if not name.startswith("people."):
                continue
            for term in terms:
                singular = term.split("|")[0]
                assert people.setdefault((language, singular), name) == name, (language, singular)
    # "son" is a French possessive and an English son: the possessive wins (not a person).
    persons = {
        fold(term) for (_, term), name in people.items() if " " not in term and name != "people.groups"
    }
    assert not persons & vocabulary.ignored_capitals
    assert not persons & vocabulary.sounds
    assert not persons & vocabulary.groups


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "JOHN",
                "John",
                "(40s)",
                ",",
                ", le",
                "mari",
                "BANG",
                "A",
                "WAITER",
                "«",
                "»",
                '"',
                ".",
                " ",
                "\n",
                "enters",
            ]
        )
        | st.text(max_size=8),
        max_size=30,
    )
)
def test_random_paragraphs(parts: list[str]) -> None:
    text = " ".join(parts)
    found = find_introductions(text, NameIndex(["ANNA"]))
    assert found == find_introductions(text, NameIndex(["ANNA"]))
    for introduction in found:
        assert 0 <= introduction.start < introduction.end <= len(text)
        assert introduction.name == " ".join(text[introduction.start : introduction.end].split()).upper()
        assert introduction.name != "ANNA"
