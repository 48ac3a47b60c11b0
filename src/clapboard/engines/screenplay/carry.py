"""Carrying breakdown tags over to a new draft: where the tagged words are now.

A tag marks characters ``[start, end)`` of a scene's text. ``carry_span`` finds the same
words in the scene's new text when they, and a word of context on each side, survived
the rewrite; ``carry_spans`` does it for many tags of one scene at once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

__all__ = ["carry_span", "carry_spans"]

_WORDS = re.compile(r"\w+")
_TOKENS = re.compile(r"\S+")


def _context_bounds(text: str, start: int, end: int, context: int) -> tuple[int, int]:
    """``[start, end)`` widened by ``context`` words on each side (fewer at the text's ends);
    a word cut by an edge of the span counts as one of them."""
    low, high = start, end
    if context > 0:
        # Bounded by ``start``, a word cut by it is found up to the cut, from its true start.
        before = [match.start() for match in _WORDS.finditer(text, 0, start)]
        if before:
            low = before[-min(context, len(before))]
        # From ``end``, a word cut by it is found from the cut to its true end.
        for count, match in enumerate(_WORDS.finditer(text, end), start=1):
            high = match.end()
            if count == context:
                break
    return low, high


def carry_spans(
    old_text: str, new_text: str, spans: Sequence[tuple[int, int]], *, context: int = 1
) -> list[tuple[int, int] | None]:
    """Carry many character spans of ``old_text`` over to ``new_text`` (see ``carry_span``).

    The two texts are aligned once (difflib on their white-space separated tokens); each
    span, widened by ``context`` words on each side, must lie inside one unchanged stretch
    of the alignment and read the same, character for character, in the new text.
    """
    for start, end in spans:
        if not 0 <= start < end <= len(old_text):
            raise ValueError(f"span ({start}, {end}) is not a non-empty range of the old text")
    old_tokens = list(_TOKENS.finditer(old_text))
    new_tokens = list(_TOKENS.finditer(new_text))
    matcher = SequenceMatcher(
        None, [t.group() for t in old_tokens], [t.group() for t in new_tokens], autojunk=False
    )
    # Unchanged stretches as (first old token, first new token, token count).
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    block_starts = [block.a for block in blocks]
    token_starts = [token.start() for token in old_tokens]
    token_ends = [token.end() for token in old_tokens]

    def shift_of(low: int, high: int) -> int | None:
        """How far ``old_text[low:high]`` moved, or None if it did not survive intact."""
        first = bisect.bisect_right(token_ends, low)  # the first token ending after low
        last = bisect.bisect_left(token_starts, high) - 1  # the last token starting before high
        if first > last:
            # White space only: the tokens on either side of it must hold still instead.
            first, last = max(first - 1, 0), min(first, len(old_tokens) - 1)
        if first > last:  # no token in the old text at all
            shift = 0
        else:
            position = bisect.bisect_right(block_starts, first) - 1
            if position < 0 or last >= blocks[position].a + blocks[position].size:
                return None
            block = blocks[position]
            shift = new_tokens[block.b + first - block.a].start() - token_starts[first]
        if low + shift < 0 or new_text[low + shift : high + shift] != old_text[low:high]:
            return None
        return shift

    carried: list[tuple[int, int] | None] = []
    for start, end in spans:
        shift = shift_of(*_context_bounds(old_text, start, end, context))
        carried.append(None if shift is None else (start + shift, end + shift))
    return carried


def carry_span(
    old_text: str, new_text: str, start: int, end: int, *, context: int = 1
) -> tuple[int, int] | None:
    """Where the characters ``[start, end)`` of ``old_text`` are in ``new_text``, or None.

    A breakdown tag marks a range of a scene's text; after a revision it follows its words
    when they, and ``context`` words on each side of them (fewer at the start or end of
    the text), are unchanged. None when the tagged words or their context were edited or
    deleted: the tag then needs a person to look at it. ``ValueError`` for a range that is
    empty or outside the old text.
    """
    return carry_spans(old_text, new_text, [(start, end)], context=context)[0]
