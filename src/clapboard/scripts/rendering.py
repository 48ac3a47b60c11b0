"""Scene text with its breakdown tags marked, ready for a template to print.

The tags carry character offsets into the scene text; this module cuts the text into
plain and tagged pieces. Overlapping tags cannot both be drawn, so the first one (then
the longest) wins and the others are still listed beside the text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .categories import CategoryView, category_view
from .models import Tag


@dataclass(frozen=True)
class Piece:
    """A run of scene text, tagged or not."""

    text: str
    tag: Tag | None = None
    category: CategoryView | None = None


def tagged_pieces(text: str, tags: Iterable[Tag]) -> list[Piece]:
    """Cut ``text`` at the spans of the tags that are not rejected."""
    spans = sorted(
        (
            tag
            for tag in tags
            if tag.start is not None
            and tag.end is not None
            and tag.status != Tag.Status.REJECTED
            and 0 <= tag.start < tag.end <= len(text)
        ),
        key=lambda tag: (tag.start, -(tag.end or 0), tag.pk or 0),
    )
    pieces: list[Piece] = []
    cursor = 0
    for tag in spans:
        start, end = tag.start or 0, tag.end or 0
        if start < cursor:
            continue
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], tag, category_view(tag.element.category)))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


@dataclass(frozen=True)
class Change:
    """A run of words of a revised scene: kept, added (``+``) or removed (``-``)."""

    text: str
    kind: str  # "=", "+" or "-"


_TOKEN = re.compile(r"\s+|[^\s]+")


def text_changes(old: str, new: str) -> list[Change]:
    """The words a revision removed from and added to a scene, in reading order."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    changes: list[Change] = []
    for operation, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        if operation == "equal":
            changes.append(Change("".join(after[b1:b2]), "="))
            continue
        if a2 > a1:
            changes.append(Change("".join(before[a1:a2]), "-"))
        if b2 > b1:
            changes.append(Change("".join(after[b1:b2]), "+"))
    return changes
