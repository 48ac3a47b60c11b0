"""Fountain -> model -> Fountain keeps every scene, cue and line; random input never crashes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import (
    ElementKind,
    Screenplay,
    ScreenplayParseError,
    parse_screenplay,
    to_fountain,
    to_json,
)
from clapboard.engines.screenplay.fountain import parse_fountain

from .fixtures import fixture_path
from .test_syntax import FRENCH

SOURCES = [
    ("fountain-io-samples", "The-Last-Birthday-Card.fountain"),
    ("fountain-io-samples", "Brick-and-Steel.fountain"),
    ("aw-parser", "sample.fountain"),
    ("rsdoiel-fdx", "sample-06.fountain"),
    ("nyousefi-fountain-tests", "DualDialogue.fountain"),
    ("nyousefi-fountain-tests", "SceneNumbers.fountain"),
    ("nyousefi-fountain-tests", "ForcedElements.fountain"),
    ("screenplain-tests", "dual-dialogue.fountain"),
    ("screenplain-tests", "title-page.fountain"),
]


def _shape(screenplay: Screenplay) -> list[tuple[str, str, str | None, bool]]:
    """Every element that matters, line by line (blank lines and indentation aside)."""
    shape: list[tuple[str, str, str | None, bool]] = []
    for element in screenplay.elements:
        if element.kind is ElementKind.TITLE_PAGE:
            continue
        for line in element.text.split("\n"):
            if line.strip():
                shape.append((element.kind.value, line.strip(), element.scene_number, element.dual))
    return shape


def _assert_round_trip(screenplay: Screenplay) -> None:
    again = parse_fountain(to_fountain(screenplay))
    assert _shape(again) == _shape(screenplay)
    assert again.title_page == screenplay.title_page
    assert to_json(again)["scenes"] == to_json(screenplay)["scenes"]
    assert to_json(again)["characters"] == to_json(screenplay)["characters"]


@pytest.mark.parametrize(("folder", "name"), SOURCES, ids=[name for _, name in SOURCES])
def test_round_trip_of_fixtures(folder: str, name: str) -> None:
    screenplay = parse_fountain(fixture_path(folder, name).read_text(encoding="utf-8"))
    _assert_round_trip(screenplay)


def test_round_trip_of_french_script() -> None:
    _assert_round_trip(parse_fountain(FRENCH))


SCREENPLAY_LINES = st.sampled_from(
    [
        "INT. HOUSE - DAY",
        "EXT. RUE, NUIT #3A#",
        ".FORCED",
        "JOHN",
        "MARIE (OFF) ^",
        "@McCABE",
        "(beat)",
        "Hello there.",
        "CUT TO:",
        "> FADE OUT.",
        ">THE END<",
        "===",
        "# Act",
        "= synopsis",
        "[[note]]",
        "[[open note",
        "/* bone",
        "*/",
        "~lyric",
        "!FORCED ACTION",
        "Title: X",
        "    indented",
        "  ",
        "",
        "**bold** _under_ \\*",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(SCREENPLAY_LINES, st.text(max_size=40)), max_size=40))
def test_fuzz_screenplay_like_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        screenplay = parse_screenplay(text, source_name="fuzz.fountain")
    except ScreenplayParseError:
        return
    to_json(screenplay)
    to_fountain(screenplay)
    assert all(scene.eighths >= 1 for scene in screenplay.scenes)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["auto", "fountain", "txt", "fdx", "pdf"]))
def test_fuzz_bytes(data: bytes, format: str) -> None:
    message = ""
    try:
        parse_screenplay(data, format=format, source_name="fuzz.bin")
    except ScreenplayParseError as error:
        message = str(error)
    assert not message or message.startswith("fuzz.bin")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_fuzz_text(text: str) -> None:
    for format in ("auto", "txt"):
        with contextlib.suppress(ScreenplayParseError):
            parse_screenplay(text, format=format, source_name="fuzz.txt")
