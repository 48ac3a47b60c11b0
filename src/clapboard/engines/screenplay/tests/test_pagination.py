"""Pagination against the eighths Final Draft stored in the rsdoiel-fdx samples."""

from __future__ import annotations

from clapboard.engines.screenplay import ElementKind, parse_screenplay
from clapboard.engines.screenplay.fountain import parse_fountain
from clapboard.engines.screenplay.pagination import eighths, paginate, wrapped_lines

from .fixtures import fixture_json, fixture_path


def _measure(extension: str) -> tuple[int, int, int, int]:
    """(scenes, scenes exact, sum of absolute errors in eighths, page_start matches)."""
    scenes = exact = error = pages = 0
    for sample in range(1, 7):
        truth = fixture_json("truth", f"rsdoiel-fdx__sample-0{sample}.json")
        path = fixture_path("rsdoiel-fdx", f"sample-0{sample}.{extension}")
        screenplay = parse_screenplay(path.read_bytes(), source_name=path.name)
        for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
            scenes += 1
            exact += scene.eighths == expected["eighths"]
            error += abs(scene.eighths - expected["eighths"])
            pages += scene.page_start == int(expected["page"])
    return scenes, exact, error, pages


def test_eighths_and_pages_match_final_draft_closely() -> None:
    # Measured when written: 12 scenes, 11 exact, 1 eighth of total error, 12 page starts right.
    scenes, exact, error, pages = _measure("fountain")
    assert scenes == 12
    assert pages == scenes
    assert exact >= 11
    assert error <= 1


def test_plain_text_exports_paginate_the_same() -> None:
    scenes, _exact, error, pages = _measure("txt")
    assert pages == scenes
    assert error <= 1


def test_eighths_rounding() -> None:
    assert eighths(0, 55) == 1
    assert eighths(1, 55) == 1
    assert eighths(7, 55) == 2
    assert eighths(55, 55) == 8
    assert eighths(56, 55) == 9


def test_wrapping_widths() -> None:
    assert wrapped_lines("", 61) == 1
    assert wrapped_lines("word " * 12, 61) == 1
    assert wrapped_lines("word " * 13, 61) == 2
    assert wrapped_lines("x" * 70, 35) == 2
    assert wrapped_lines("a\nb\n\nc", 61) == 4


def test_long_speech_splits_with_more_and_contd() -> None:
    speech = "Blah blah blah. " * 300
    screenplay = parse_fountain(
        f"INT. ROOM - DAY\n\n{'Filler line.' + chr(10) * 2}" * 20 + f"BOB\n{speech}\n"
    )
    pagination = paginate(screenplay.elements)
    cue = next(i for i, e in enumerate(screenplay.elements) if e.kind is ElementKind.CHARACTER)
    assert pagination.page_count >= 3
    # The speech starts on the page where the cue is and runs on (plus the (MORE)/(CONT'D) lines).
    assert pagination.lines[cue] > wrapped_lines(speech, 35)


def test_page_break_forces_a_new_page() -> None:
    screenplay = parse_fountain("INT. A - DAY\n\nOne.\n\n===\n\nINT. B - DAY\n\nTwo.\n")
    assert [s.page_start for s in screenplay.scenes] == [1, 2]
    assert screenplay.page_count == 2


def test_a_full_script_has_plausible_pages() -> None:
    path = fixture_path("fountain-io-samples", "The-Last-Birthday-Card.fountain")
    screenplay = parse_screenplay(path.read_bytes(), source_name=path.name)
    starts = [s.page_start for s in screenplay.scenes]
    assert starts == sorted(starts)
    assert 1 <= screenplay.page_count <= 30
    # Eighths add up to about the pages printed.
    assert abs(sum(s.eighths for s in screenplay.scenes) / 8 - screenplay.page_count) < 4
