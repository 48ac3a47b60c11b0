"""Suggestions from small scripts: each rule, the spans it reports, and random input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clapboard.engines.breakdown.categories import CATEGORY_CODES
from clapboard.engines.breakdown.lexicon import default_lexicon
from clapboard.engines.breakdown.suggest import (
    REASONS,
    Suggestion,
    distinct_elements,
    suggest,
    suggest_for_scene,
)
from clapboard.engines.screenplay import Scene, Screenplay, parse_screenplay


def script(body: str, heading: str = "INT. CUISINE - JOUR") -> Screenplay:
    return parse_screenplay(f"{heading}\n\n{body}\n", format="fountain")


def found(body: str, heading: str = "INT. CUISINE - JOUR") -> list[tuple[str, str, str, str]]:
    """(category, name, text at the span, reason) for the first scene of a one-scene script."""
    screenplay = script(body, heading)
    text = screenplay.scenes[0].text
    return [
        (s.category, s.name, text[s.start : s.end] if s.start >= 0 else "", s.reason)
        for s in suggest(screenplay)
    ]


def scene_of(text: str, speaking: tuple[str, ...] = ()) -> Scene:
    return Scene(
        index=7,
        number=None,
        heading="INT. ROOM - DAY",
        int_ext="INT",
        location="ROOM",
        time_of_day="DAY",
        page_start=1,
        eighths=1,
        speaking_characters=speaking,
        characters=speaking,
        text=text,
    )


def test_offsets_point_at_the_matched_text() -> None:
    screenplay = script("Elle pose le fusil sur la table.\n\nIl prend l'arme et deux valises.")
    text = screenplay.scenes[0].text
    for suggestion in suggest(screenplay):
        assert text[suggestion.start : suggestion.end].lower().startswith(suggestion.name[:3].lower())
    spans = {s.name: text[s.start : s.end] for s in suggest(screenplay)}
    assert spans["fusil"] == "fusil"
    assert spans["arme"] == "arme"
    assert spans["valise"] == "valises"


def test_speaking_characters_with_extensions() -> None:
    rows = found(
        "ANNA (V.O.)\nOù es-tu ?\n\nMARC\nIci.\n\nANNA (CONT'D)\nJ'arrive.\n\nMARC (SUITE)\n(au téléphone)\nVite."
    )
    dialogue = [(name, span) for _, name, span, reason in rows if reason == "dialogue"]
    assert dialogue == [("ANNA", "ANNA"), ("MARC", "MARC"), ("ANNA", "ANNA"), ("MARC", "MARC")]
    # The parenthetical is a stage direction, read for elements.
    assert ("props", "téléphone", "téléphone", "lexicon") in rows


def test_speaker_whose_cue_is_not_in_the_text_has_no_span() -> None:
    scene = scene_of("Elle entre.", speaking=("ANNA",))
    assert suggest_for_scene(scene, speakers=frozenset({"ANNA"})) == [
        Suggestion(scene_index=7, category="cast", name="ANNA", start=-1, end=-1, reason="dialogue")
    ]


def test_dialogue_is_not_read_for_elements() -> None:
    rows = found("ANNA\nJ'ai laissé le fusil dans la voiture.")
    assert [r[0] for r in rows] == ["cast"]


def test_characters_who_never_speak_introduced_in_capitals() -> None:
    rows = found("Un PÊCHEUR répare son filet. LUCIE (30 ans) attend. JOB, le mari, dort.")
    assert ("cast", "PÊCHEUR", "PÊCHEUR", "capitals") in rows
    assert ("cast", "LUCIE", "LUCIE", "capitals") in rows
    assert ("cast", "JOB", "JOB", "capitals") in rows
    assert ("props", "filet", "filet", "lexicon") in rows
    assert not any(r[1] == "pêcheur" for r in rows), "the role word is promoted, not also background"
    english = found("A WAITER brings the bill. JOHN enters the room.", heading="INT. DINER - NIGHT")
    assert ("cast", "WAITER", "WAITER", "capitals") in english
    assert ("cast", "JOHN", "JOHN", "capitals") in english


def test_rules_shared_with_the_screenplay_engine() -> None:
    # The screenplay engine's introductions (engines/screenplay/introductions.py) decide
    # who is someone; the lexicon only says what a description that names no person is.
    assert ("cast", "RONAN", "RONAN", "capitals") in found("RONAN, le patron du bateau, attend.")
    assert found("LUCIE, 32 ans, attend.") == [("cast", "LUCIE", "LUCIE", "capitals")]
    assert found("Le MAIRE entre. Sa MÈRE attend.")[:2] == [
        ("cast", "MAIRE", "MAIRE", "capitals"),
        ("cast", "MÈRE", "MÈRE", "capitals"),
    ]
    # A group is background, never cast (it used to be cast FOULE).
    assert found("La FOULE s'écarte.") == [("background", "foule", "FOULE", "lexicon")]
    english = found("SIRENS wail. BOOM goes the dynamite.", heading="EXT. STREET - NIGHT")
    assert english == [("sound", "siren", "SIRENS", "lexicon"), ("sound", "boom", "BOOM", "capitals")]


def test_several_people_in_capitals_stay_background() -> None:
    rows = found("Deux GENDARMES arrivent.")
    assert ("background", "gendarme", "GENDARMES", "lexicon") in rows
    assert not [r for r in rows if r[0] == "cast"]


def test_named_animal_by_its_description() -> None:
    rows = found("MOUSSE, un vieux chien noir, dort.\n\nPlus tard, Mousse aboie.")
    assert ("animals", "MOUSSE", "MOUSSE", "capitals") in rows
    assert ("animals", "chien", "chien", "lexicon") in rows
    assert ("animals", "MOUSSE", "Mousse", "mention") in rows


def test_known_speaker_in_capitals_or_mentioned() -> None:
    rows = found("MARYVONNE KERHERVÉ (62 ans) descend. Pierrig la suit.\n\nPIERRIG\nBonjour.")
    assert ("cast", "MARYVONNE", "MARYVONNE", "capitals") not in rows  # not a speaker here
    assert ("cast", "MARYVONNE KERHERVÉ", "MARYVONNE KERHERVÉ", "capitals") in rows
    assert ("cast", "PIERRIG", "Pierrig", "mention") in rows
    assert ("cast", "PIERRIG", "PIERRIG", "dialogue") in rows


def test_sound_effects_in_capitals_go_to_sound() -> None:
    rows = found("BANG! The door SLAMS. A CRASH outside. WHOOOSH.", heading="INT. HALL - NIGHT")
    sounds = [(name, span, reason) for category, name, span, reason in rows if category == "sound"]
    assert sounds == [
        ("bang", "BANG", "capitals"),
        ("slam", "SLAMS", "capitals"),
        ("crash", "CRASH", "capitals"),
        ("whooosh", "WHOOOSH", "capitals"),
    ]
    assert not [r for r in rows if r[0] == "cast"]


def test_emphasis_camera_words_quotes_and_transitions_suggest_nothing() -> None:
    rows = found(
        'NOTHING happens. We see it in POV. A board reads "HOTEL PARADISO".\n\nSMASH CUT TO:',
        heading="EXT. STREET - DAY",
    )
    assert rows == []
    assert found("Sur la pile, un tag : « TITOUAN ».\n\nTITOUAN\nC'est moi.")[:1] == [
        ("cast", "TITOUAN", "TITOUAN", "dialogue")
    ]


def test_determinism_and_order() -> None:
    screenplay = script("Un PÊCHEUR répare son filet. La pluie tombe sur le bateau.\n\nANNA\nBonjour.")
    first = suggest(screenplay)
    assert first == suggest(screenplay)
    spans = [(s.start, s.end) for s in first]
    assert spans == sorted(spans)


def test_progress_is_reported_per_scene() -> None:
    screenplay = parse_screenplay(
        "INT. A - JOUR\n\nUn chien.\n\nEXT. B - NUIT\n\nUn chat.\n\nINT. C - JOUR\n\nRien.\n"
    )
    calls: list[tuple[int, int]] = []
    suggest(screenplay, on_scene=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_distinct_elements() -> None:
    screenplay = parse_screenplay(
        "INT. A - JOUR\n\nUn chien et un autre chien.\n\nANNA\nViens.\n\n"
        "EXT. B - NUIT\n\nLe chien dort sous la pluie.\n\nINT. C - JOUR\n\nANNA\nEncore.\n"
    )
    assert distinct_elements(suggest(screenplay)) == [
        ("cast", "ANNA", (1, 3)),
        ("sfx", "pluie", (2,)),
        ("animals", "chien", (1, 2)),
    ]


def test_language_is_detected_for_a_lone_scene() -> None:
    french = scene_of("Elle pose la valise sur la table, puis monte dans le car avec le chien.")
    assert {s.name for s in suggest_for_scene(french, speakers=frozenset())} == {
        "valise",
        "table",
        "chien",
        "car",
    }
    english = scene_of("She leaves the car keys on the table and walks out with the dog.")
    names = {s.name for s in suggest_for_scene(english, speakers=frozenset(), lexicon=default_lexicon("en"))}
    assert names == {"car", "key", "table", "dog"}


WORDS = [
    "ANNA",
    "Anna",
    "JEAN-YVES",
    "Jean-Yves",
    "chien",
    "CHEVAUX",
    "l'arme",
    "voiture de police",
    "BANG",
    "WHOOOSH",
    "(62 ans)",
    "«",
    "»",
    '"',
    ", un",
    "CUT TO:",
    "POV",
    "la",
    "the",
    "car",
    "\n",
    "\n\n",
    " ",
    ".",
    "'s",
    "İ",
    "œil",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40),
    speaking=st.lists(st.sampled_from(["ANNA", "JEAN-YVES", "BOB"]), max_size=3, unique=True),
)
def test_random_scenes_never_crash_and_spans_stay_inside(parts: list[str], speaking: list[str]) -> None:
    text = " ".join(parts)
    scene = scene_of(text, speaking=tuple(speaking))
    speakers = frozenset({"ANNA", "JEAN-YVES", "MARC"} | set(speaking))
    result = suggest_for_scene(scene, speakers=speakers, introduced={"REX": "animals"})
    for suggestion in result:
        assert suggestion.scene_index == 7
        assert suggestion.category in CATEGORY_CODES
        assert suggestion.reason in REASONS
        assert suggestion.name
        if suggestion.start == -1:
            assert suggestion.end == -1
        else:
            assert 0 <= suggestion.start < suggestion.end <= len(text)
    assert result == suggest_for_scene(scene, speakers=speakers, introduced={"REX": "animals"})
