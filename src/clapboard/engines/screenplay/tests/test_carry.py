"""Carrying a tagged span from a scene's old text to its new text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay.revisions import carry_span, carry_spans

OLD_TEXT = "Marie pose le verre sur la table.\n\nPaul prend le verre et le vide d'un trait."


def _second_verre(text: str) -> tuple[int, int]:
    start = text.index("verre", text.index("Paul"))
    return start, start + len("verre")


def test_carry_span_unchanged_text() -> None:
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, OLD_TEXT, start, end) == (start, end)


def test_carry_span_follows_an_edit_before_it() -> None:
    new = OLD_TEXT.replace("Marie pose", "Marie, fatiguée, pose")
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, new, start, end) == _second_verre(new)


def test_carry_span_ignores_an_edit_after_it() -> None:
    new = OLD_TEXT.replace("d'un trait", "lentement")
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, new, start, end) == (start, end)


def test_carry_span_gives_none_when_the_span_is_edited() -> None:
    start = OLD_TEXT.index("prend le verre")
    end = start + len("prend le verre")
    assert carry_span(OLD_TEXT, OLD_TEXT.replace("prend le verre", "prend la bouteille"), start, end) is None
    assert (
        carry_span(OLD_TEXT, OLD_TEXT.replace("prend le verre", "prend le petit verre"), start, end) is None
    )


def test_carry_span_gives_none_when_the_span_is_deleted() -> None:
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, "Marie pose le verre sur la table.", start, end) is None


def test_carry_span_needs_its_context_unchanged() -> None:
    start, end = _second_verre(OLD_TEXT)
    changed_context = OLD_TEXT.replace("le verre et", "ce verre et")
    assert carry_span(OLD_TEXT, changed_context, start, end) is None
    assert carry_span(OLD_TEXT, changed_context, start, end, context=0) == (start, end)
    # Two words away, the edit is outside the default context.
    assert carry_span(OLD_TEXT, OLD_TEXT.replace("prend", "saisit"), start, end) == (start + 1, end + 1)


def test_carry_span_with_repeated_words_keeps_the_right_occurrence() -> None:
    old = "Il boit. Il boit. Il boit encore."
    second = old.index("boit", 5)
    new = "Il boit. Il boit. Il boit. Il boit encore."  # one more at the start of the line
    carried = carry_span(old, new, second, second + 4)
    assert carried is not None
    assert new[carried[0] : carried[1]] == "boit"
    # The tag covers the middle repetition, which is still followed by "Il boit encore".
    third = old.index("boit", second + 1)
    assert carry_span(old, new, third, third + 4) == (new.index("boit encore"), new.index("boit encore") + 4)


def test_carry_span_at_the_edges_of_the_text() -> None:
    assert carry_span(OLD_TEXT, "Soudain, " + OLD_TEXT, 0, 5) == (9, 14)
    end = len(OLD_TEXT)
    assert carry_span(OLD_TEXT, OLD_TEXT + " Il rit.", end - 6, end) == (end - 6, end)


def test_carry_span_within_a_word_and_across_line_breaks() -> None:
    new = "Tout à coup, " + OLD_TEXT
    start = OLD_TEXT.index("table")
    assert carry_span(OLD_TEXT, new, start + 1, start + 3) == (start + 14, start + 16)
    start = OLD_TEXT.index("table.")
    end = OLD_TEXT.index("Paul") + 4
    assert carry_span(OLD_TEXT, new, start, end) == (start + 13, end + 13)
    assert carry_span(OLD_TEXT, new.replace("\n\nPaul", "\nPaul"), start, end) is None


def test_carry_spans_batch() -> None:
    new = "Marie pose le verre sur la petite table.\n\nPaul prend le verre et le vide d'un trait."
    marie = (0, 5)
    table = (OLD_TEXT.index("table"), OLD_TEXT.index("table") + 5)
    verre = _second_verre(OLD_TEXT)
    assert carry_spans(OLD_TEXT, new, [marie, table, verre]) == [marie, None, _second_verre(new)]
    assert carry_spans(OLD_TEXT, new, []) == []


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, len(OLD_TEXT) + 1)])
def test_carry_span_refuses_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not a non-empty range"):
        carry_span(OLD_TEXT, OLD_TEXT, start, end)


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=200), data=st.data(), context=st.integers(min_value=0, max_value=3))
def test_carry_span_on_identical_texts_is_the_identity(text: str, data: st.DataObject, context: int) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    assert carry_span(text, text, start, end, context=context) == (start, end)
