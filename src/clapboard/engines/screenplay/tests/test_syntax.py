"""Fountain syntax: the Jouvence YAML cases, the nyousefi and aw-parser fixtures, French cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from clapboard.engines.screenplay import ElementKind, Screenplay, parse_screenplay
from clapboard.engines.screenplay.fountain import parse_fountain
from clapboard.engines.screenplay.markup import strip_markup

from .fixtures import FIXTURES, fixture_json, fixture_path, fixture_text, read_yaml_documents

# Jouvence's one-character type markers (its README in the fixtures folder).
JOUVENCE_KINDS = {
    ".": ElementKind.SCENE_HEADING,
    "!": ElementKind.ACTION,
    "@": ElementKind.CHARACTER,
    "=": ElementKind.DIALOGUE,
    "_": ElementKind.PARENTHETICAL,
    ">": ElementKind.TRANSITION,
    "~": ElementKind.LYRICS,
    "#": ElementKind.SECTION,
    "+": ElementKind.SYNOPSIS,
}


def _lines_of(kind: ElementKind, text: str) -> list[tuple[ElementKind, str]]:
    """Compare line by line, ignoring blank lines: Jouvence keeps blank lines inside action
    paragraphs, this parser splits action at blank lines."""
    return [(kind, line.strip()) for line in text.split("\n") if line.strip()]


def _expected(items: list[str]) -> list[tuple[ElementKind, str]]:
    result: list[tuple[ElementKind, str]] = []
    for item in items:
        if item == "<pagebreak>":
            result.append((ElementKind.PAGE_BREAK, ""))
        elif item.startswith("!><"):
            result.extend(_lines_of(ElementKind.CENTERED, item[3:]))
        else:
            result.extend(_lines_of(JOUVENCE_KINDS[item[0]], item[1:]))
    return result


def _actual(screenplay: Screenplay) -> list[tuple[ElementKind, str]]:
    result: list[tuple[ElementKind, str]] = []
    for element in screenplay.elements:
        if element.kind is ElementKind.TITLE_PAGE:
            continue
        if element.kind is ElementKind.PAGE_BREAK:
            result.append((ElementKind.PAGE_BREAK, ""))
        else:
            result.extend(_lines_of(element.kind, element.text))
    return result


def _jouvence_cases() -> list[tuple[str, int, dict[str, object]]]:
    folder = FIXTURES / "jouvence-tests"
    if not folder.is_dir():
        return []
    return [
        (path.name, number, document)
        for path in sorted(folder.glob("test_*.yaml"))
        for number, document in enumerate(read_yaml_documents(path.read_text(encoding="utf-8")))
    ]


def test_jouvence_fixtures_are_present() -> None:
    fixture_path("jouvence-tests")
    assert len(_jouvence_cases()) >= 40


@pytest.mark.parametrize(("name", "number", "case"), _jouvence_cases(), ids=lambda value: str(value)[:20])
def test_jouvence_case(name: str, number: int, case: dict[str, object]) -> None:
    source = case["in"]
    assert isinstance(source, str)
    screenplay = parse_fountain(source)
    expected_out = case.get("out") or []
    assert isinstance(expected_out, list)
    assert _actual(screenplay) == _expected(expected_out), f"{name} #{number}"
    if "title" in case:
        assert screenplay.title_page == case["title"]


def _parsed(*parts: str) -> Screenplay:
    return parse_fountain(fixture_text(*parts), source_name=parts[-1])


def test_nyousefi_scene_headers() -> None:
    screenplay = _parsed("nyousefi-fountain-tests", "SceneHeaders.fountain")
    expectation = fixture_json("nyousefi-fountain-tests", "SceneHeaders.expected.json")
    for index, _text, kind in expectation["expect"]:
        element = screenplay.elements[index]
        is_heading = element.kind is ElementKind.SCENE_HEADING
        assert is_heading == (kind == "Scene Heading"), (index, element)


def test_nyousefi_scene_numbers() -> None:
    screenplay = _parsed("nyousefi-fountain-tests", "SceneNumbers.fountain")
    expectation = fixture_json("nyousefi-fountain-tests", "SceneNumbers.expected.json")
    for index, text, number in expectation["expect"]:
        element = screenplay.elements[index]
        assert (element.kind, element.text, element.scene_number) == (ElementKind.SCENE_HEADING, text, number)
        assert screenplay.scenes[index].number == number


def test_nyousefi_transitions() -> None:
    screenplay = _parsed("nyousefi-fountain-tests", "Transitions.fountain")
    expectation = fixture_json("nyousefi-fountain-tests", "Transitions.expected.json")
    for index, _text, kind in expectation["expect"]:
        element = screenplay.elements[index]
        assert (element.kind is ElementKind.TRANSITION) == (kind == "Transition"), (index, element)


@pytest.mark.parametrize(
    ("fixture", "kinds"),
    [
        ("Boneyard.fountain", {ElementKind.ACTION}),
        ("CenteredText.fountain", {ElementKind.CENTERED}),
        ("Dialogue.fountain", {ElementKind.CHARACTER, ElementKind.DIALOGUE}),
        ("DualDialogue.fountain", {ElementKind.CHARACTER, ElementKind.DIALOGUE}),
        ("Notes.fountain", {ElementKind.NOTE}),
        ("PageBreaks.fountain", {ElementKind.PAGE_BREAK}),
        ("SectionHeaders.fountain", {ElementKind.SECTION}),
        ("Synopses.fountain", {ElementKind.SYNOPSIS}),
    ],
)
def test_nyousefi_fixture_kinds(fixture: str, kinds: set[ElementKind]) -> None:
    screenplay = _parsed("nyousefi-fountain-tests", fixture)
    assert kinds <= {element.kind for element in screenplay.elements}
    assert all("/*" not in element.text for element in screenplay.elements)


def test_nyousefi_dual_dialogue_marks_both_sides() -> None:
    screenplay = _parsed("nyousefi-fountain-tests", "DualDialogue.fountain")
    cues = [e for e in screenplay.elements if e.kind is ElementKind.CHARACTER]
    assert sum(cue.dual for cue in cues) >= 2
    assert all("^" not in cue.text for cue in cues)


def test_aw_parser_sample_headings_cues_and_title_page() -> None:
    tokens = fixture_json("aw-parser", "sample.tokens.json")
    screenplay = _parsed("aw-parser", "sample.fountain")

    def texts(kind: ElementKind) -> list[str]:
        return [e.text for e in screenplay.elements if e.kind is kind]

    assert texts(ElementKind.SCENE_HEADING) == [
        t["text"] for t in tokens["tokens"] if t["type"] == "scene_heading"
    ]
    assert texts(ElementKind.CHARACTER) == [t["text"] for t in tokens["tokens"] if t["type"] == "character"]
    assert screenplay.title_page == {t["type"]: t["text"] for t in tokens["title_page"]}
    assert all("Ignored" not in e.text for e in screenplay.elements)
    names = [c.name for c in screenplay.characters]
    assert "MCCABE" in names
    assert "HERO 2" in names


def test_the_last_birthday_card_against_final_draft_truth() -> None:
    truth = fixture_json("truth", "fountain-io-samples__The-Last-Birthday-Card.json")
    screenplay = _parsed("fountain-io-samples", "The-Last-Birthday-Card.fountain")
    assert [s.heading for s in screenplay.scenes] == [s["heading"] for s in truth["scenes"]]
    assert len(screenplay.scenes) == 48
    assert [c.name for c in screenplay.characters] == truth["characters"]
    assert len(screenplay.characters) == 12
    for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
        assert list(scene.speaking_characters) == expected["characters"], scene.heading
        assert scene.int_ext == expected["heuristic"]["int_ext"]
        assert scene.time_of_day == expected["heuristic"]["time"]


def test_brick_and_steel() -> None:
    truth = fixture_json("truth", "fountain-io-samples__Brick-and-Steel.json")
    screenplay = _parsed("fountain-io-samples", "Brick-and-Steel.fountain")
    assert [s.heading for s in screenplay.scenes] == [s["heading"] for s in truth["scenes"]]
    for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
        assert set(scene.speaking_characters) == set(expected["characters"]), scene.heading


@pytest.mark.parametrize("sample", [f"sample-0{n}" for n in range(1, 7)])
def test_rsdoiel_fountain_and_plain_text(sample: str) -> None:
    truth = fixture_json("truth", f"rsdoiel-fdx__{sample}.json")
    for extension in ("fountain", "txt"):
        path = fixture_path("rsdoiel-fdx", f"{sample}.{extension}")
        screenplay = parse_screenplay(path.read_bytes(), source_name=path.name)
        assert screenplay.format == extension
        # Final Draft prints headings in capitals whatever was typed.
        assert [s.heading.upper() for s in screenplay.scenes] == [s["heading"] for s in truth["scenes"]]
        for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
            assert set(scene.speaking_characters) == set(expected["characters"]), (extension, scene.heading)


FRENCH = """\
Titre: La Nuit du Marché
Auteur: Claire Dupont

INT. CUISINE DE MARIE - JOUR #1#

MARIE, la quarantaine, épluche des pommes. PAUL entre.

MARIE (OFF)
Tu es en retard.

PAUL (SUITE)
(essoufflé)
Le bus. Toujours le bus.

MARIE (HC)
Évidemment.

EXT. PLACE DU MARCHÉ, LE LENDEMAIN MATIN #2#

Les étals s'installent. JULIETTE (V.O.) chantonne.

JULIETTE (V.O.)
Un jour, je partirai.

I/E VOITURE DE PAUL - NUIT

Paul conduit, seul.

PAUL (CONT'D)
Elle a raison.

COUPE FRANCHE VERS :

EST. VILLAGE - CRÉPUSCULE

Le village s'endort.
"""


def test_french_headings_and_extensions() -> None:
    screenplay = parse_screenplay(FRENCH, source_name="la-nuit.fountain")
    assert screenplay.title == "La Nuit du Marché"
    assert [(s.number, s.int_ext, s.location, s.time_of_day) for s in screenplay.scenes] == [
        ("1", "INT", "CUISINE DE MARIE", "JOUR"),
        ("2", "EXT", "PLACE DU MARCHÉ", "LE LENDEMAIN MATIN"),
        (None, "INT/EXT", "VOITURE DE PAUL", "NUIT"),
        (None, "EXT", "VILLAGE", "CRÉPUSCULE"),
    ]
    assert screenplay.scenes[0].speaking_characters == ("MARIE", "PAUL")
    assert screenplay.scenes[1].speaking_characters == ("JULIETTE",)
    assert screenplay.scenes[2].speaking_characters == ("PAUL",)
    stats = {c.name: c for c in screenplay.characters}
    assert stats["MARIE"].lines == 2
    assert stats["MARIE"].words == 5
    assert stats["PAUL"].scenes == (1, 3)
    assert stats["PAUL"].lines == 2
    assert "PAUL" in screenplay.scenes[0].characters


def test_extensions_forced_names_and_dual_markers_leave_the_name() -> None:
    text = (
        "INT. ROOM - DAY\n\nBOB (V.O.)\nOne.\n\nBOB (O.S.)\nTwo.\n\nBOB (O.C.)\nThree.\n\n"
        "BOB (CONT'D)\nFour.\n\n@McGREGOR\nFive.\n\nANN ^\nSix.\n\nBOB (OFF) ^\nSeven.\n"
    )
    screenplay = parse_fountain(text)
    assert screenplay.scenes[0].speaking_characters == ("BOB", "MCGREGOR", "ANN")
    assert {c.name: c.lines for c in screenplay.characters} == {"BOB": 5, "MCGREGOR": 1, "ANN": 1}


def test_writers_typing_heading_then_action_without_blank_line() -> None:
    screenplay = parse_fountain("INT. HOUSE - DAY\nJohn enters.\n\nJOHN\nHello.\n")
    assert [e.kind for e in screenplay.elements] == [
        ElementKind.SCENE_HEADING,
        ElementKind.ACTION,
        ElementKind.CHARACTER,
        ElementKind.DIALOGUE,
    ]


def test_emphasis_is_kept_in_text_and_removable() -> None:
    screenplay = parse_fountain("INT. HOUSE - DAY\n\nA **bold** and *italic* _move_ \\*here\\*.[[note]]\n")
    action = screenplay.elements[1]
    assert action.text == "A **bold** and *italic* _move_ \\*here\\*.[[note]]"
    assert strip_markup(action.text) == "A bold and italic move *here*."
    assert screenplay.scenes[0].text == "A bold and italic move *here*."


def test_notes_boneyard_sections_and_synopses_are_not_scene_text() -> None:
    text = (
        "# ACT ONE\n\n= The set-up.\n\nINT. HOUSE - DAY\n\n[[A note\nover two lines]]\n\n"
        "/* cut scene\nINT. GONE - NIGHT\n*/\nJohn waits.\n\n~La la la\n~La la\n"
    )
    screenplay = parse_fountain(text)
    kinds = [e.kind for e in screenplay.elements]
    assert kinds == [
        ElementKind.SECTION,
        ElementKind.SYNOPSIS,
        ElementKind.SCENE_HEADING,
        ElementKind.NOTE,
        ElementKind.ACTION,
        ElementKind.LYRICS,
        ElementKind.LYRICS,
    ]
    assert screenplay.elements[3].text == "A note\nover two lines"
    assert len(screenplay.scenes) == 1
    assert screenplay.scenes[0].text == "John waits.\n\nLa la la\n\nLa la"
    assert screenplay.elements[4].line == 13


def test_plain_text_keeps_fountain_markers_as_text() -> None:
    text = "INT. HOUSE - DAY\n\n# not a section\n\nJOHN\n(quietly)\nHello.\n"
    screenplay = parse_screenplay(text, format="txt", source_name="x.txt")
    assert [e.kind for e in screenplay.elements] == [
        ElementKind.SCENE_HEADING,
        ElementKind.ACTION,
        ElementKind.CHARACTER,
        ElementKind.PARENTHETICAL,
        ElementKind.DIALOGUE,
    ]


def test_fixture_folder_is_read_in_place() -> None:
    assert not (Path(__file__).parent / "data").exists() or not any(
        (Path(__file__).parent / "data").iterdir()
    )
