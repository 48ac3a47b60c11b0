"""A first approximation of screenplay pagination for text formats (Fountain, plain text).

The standard page: Courier 12 pt (10 characters an inch, 6 lines an inch, so one line is
12 pt), with a 1 inch top margin and a 1 inch bottom margin, on US Letter or on A4. The
paper formats, their margins and the lines they hold are in ``PAPER_FORMATS`` (versioned,
with their sources). Element widths in characters: scene heading and action 61, character
cue 38, dialogue 35, parenthetical 26, transition 16, centred text 61, lyrics 35 (the same
on both papers: A4 is 6 mm narrower, and the right margin absorbs it). One blank line
before each element except parentheticals and dialogue (which follow their cue); no blank
line at the top of a page.

Page breaks: a scene heading is kept with at least two lines of what follows; a long
action paragraph splits between lines when at least two lines stay on each side; a
speech (cue, parentheticals, dialogue) stays together, or splits with ``(MORE)`` at the
bottom and the cue repeated with ``(CONT'D)`` at the top of the next page when at least
two of its lines fit; ``===`` forces a new page. The two sides of a dual-dialogue
exchange print side by side (the taller one counts).

A scene's length is the number of lines it occupies (its heading, its elements, the blank
lines between them), converted to eighths of a page (lines per page / 8 lines: 55/8 on
Letter, 59/8 on A4) and rounded up to the next whole eighth, at least 1. Word wrapping is
greedy; words longer than a line are cut.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from clapboard.engines.screenplay.markup import strip_markup
from clapboard.engines.screenplay.model import Element, ElementKind


class PageSize(enum.StrEnum):
    LETTER = "letter"
    A4 = "a4"


POINTS_PER_INCH = 72.0
POINTS_PER_MM = POINTS_PER_INCH / 25.4


@dataclass(frozen=True, slots=True)
class PaperFormat:
    """A paper format and the standard screenplay page printed on it (lengths in points).

    Lines a page holds: the first baseline sits on the top margin, the last one on the
    bottom margin, one line pitch apart, so ``floor((height - top - bottom) / pitch) + 1``.
    Letter: (792 - 72 - 72) / 12 = 54 pitches, 55 lines (the count the engine was measured
    with against Final Draft, docs/screenplay-json.md). A4: 297 mm = 841.89 pt;
    (841.89 - 144) / 12 = 58.2 pitches, 59 lines. The PDF reader uses the same rule when a
    PDF has no full page to learn from (``pdf_layout``).
    """

    name: PageSize
    width: float
    height: float
    top_margin: float
    bottom_margin: float
    line_pitch: float
    source: str

    @property
    def lines_per_page(self) -> int:
        return int((self.height - self.top_margin - self.bottom_margin) // self.line_pitch) + 1


# Version 1 (2026). Change a figure here, with its source; the tests read this table.
PAPER_FORMATS_VERSION = 1
PAPER_FORMATS: dict[PageSize, PaperFormat] = {
    PageSize.LETTER: PaperFormat(
        name=PageSize.LETTER,
        width=8.5 * POINTS_PER_INCH,
        height=11 * POINTS_PER_INCH,
        top_margin=1 * POINTS_PER_INCH,
        bottom_margin=1 * POINTS_PER_INCH,
        line_pitch=POINTS_PER_INCH / 6,
        source=(
            "US Letter, 8.5 x 11 in (ANSI/ASME Y14.1); the usual US screenplay page as style "
            "guides give it: Courier 12 at 6 lines an inch, 1 in top and bottom margins"
        ),
    ),
    PageSize.A4: PaperFormat(
        name=PageSize.A4,
        width=210 * POINTS_PER_MM,
        height=297 * POINTS_PER_MM,
        top_margin=1 * POINTS_PER_INCH,
        bottom_margin=1 * POINTS_PER_INCH,
        line_pitch=POINTS_PER_INCH / 6,
        source=(
            "A4, 210 x 297 mm (ISO 216); the Letter page's margins (1 in = 25.4 mm top and "
            "bottom) and line pitch kept, so the taller sheet holds 4 more lines"
        ),
    ),
}
LINES_PER_PAGE = {size: paper.lines_per_page for size, paper in PAPER_FORMATS.items()}

WIDTHS = {
    ElementKind.SCENE_HEADING: 61,
    ElementKind.ACTION: 61,
    ElementKind.CHARACTER: 38,
    ElementKind.DIALOGUE: 35,
    ElementKind.PARENTHETICAL: 26,
    ElementKind.TRANSITION: 16,
    ElementKind.CENTERED: 61,
    ElementKind.LYRICS: 35,
}
SPACE_BEFORE = {
    ElementKind.SCENE_HEADING: 1,
    ElementKind.ACTION: 1,
    ElementKind.CHARACTER: 1,
    ElementKind.TRANSITION: 1,
    ElementKind.CENTERED: 1,
    ElementKind.LYRICS: 1,
}
MIN_LINES_AT_BREAK = 2


@dataclass(frozen=True, slots=True)
class Pagination:
    """Per element: the page its first line falls on and the lines it takes (blank lines
    before it included); and the number of pages."""

    pages: tuple[int, ...]
    lines: tuple[int, ...]
    page_count: int
    lines_per_page: int


def wrapped_lines(text: str, width: int) -> int:
    """How many printed lines ``text`` takes at ``width`` characters (greedy wrapping)."""
    total = 0
    for source_line in strip_markup(text).split("\n"):
        words = source_line.split()
        if not words:
            total += 1
            continue
        count, used = 1, -1
        for word in words:
            size = len(word)
            while size > width:
                if used > 0:
                    count += 1
                size -= width
                used = width
                if size > 0:
                    count += 1
                    used = -1
            if used + 1 + size > width:
                count += 1
                used = size
            else:
                used += 1 + size
        total += count
    return total


@dataclass(slots=True)
class _Block:
    first: int
    last: int
    kind: ElementKind
    heights: list[int]
    dual: bool = False


def _blocks(elements: Sequence[Element]) -> list[_Block]:
    blocks: list[_Block] = []
    index = 0
    while index < len(elements):
        element = elements[index]
        kind = element.kind
        if kind is ElementKind.CHARACTER:
            heights = [1]
            last = index
            while last + 1 < len(elements) and elements[last + 1].kind in (
                ElementKind.DIALOGUE,
                ElementKind.PARENTHETICAL,
            ):
                last += 1
                heights.append(wrapped_lines(elements[last].text, WIDTHS[elements[last].kind]))
            blocks.append(_Block(index, last, kind, heights, element.dual))
            index = last + 1
            continue
        if kind in WIDTHS:
            blocks.append(_Block(index, index, kind, [wrapped_lines(element.text, WIDTHS[kind])]))
        elif kind is ElementKind.PAGE_BREAK:
            blocks.append(_Block(index, index, kind, []))
        index += 1
    return blocks


def paginate(elements: Sequence[Element], page_size: PageSize | str = PageSize.LETTER) -> Pagination:
    """Lay the elements out on pages of ``page_size`` (see the module docstring)."""
    per_page = PAPER_FORMATS[PageSize(page_size)].lines_per_page
    pages = [1] * len(elements)
    lines = [0] * len(elements)
    page, used = 1, 0
    blocks = _blocks(elements)
    previous_dual_height = 0
    for number, block in enumerate(blocks):
        if block.kind is ElementKind.PAGE_BREAK:
            if used > 0:
                page, used = page + 1, 0
            pages[block.first] = page
            continue
        total = sum(block.heights)
        if block.kind is ElementKind.CHARACTER and block.dual and previous_dual_height:
            # Right-hand column of a dual exchange: only the excess over the left column counts.
            extra = max(0, total - previous_dual_height)
            pages[block.first] = page
            lines[block.first] = extra
            used += extra
            previous_dual_height = 0
            continue
        previous_dual_height = total if block.kind is ElementKind.CHARACTER and block.dual else 0
        space = SPACE_BEFORE.get(block.kind, 0) if used > 0 else 0
        need = total
        if block.kind is ElementKind.SCENE_HEADING and number + 1 < len(blocks):
            following = blocks[number + 1].heights
            need += min(MIN_LINES_AT_BREAK, sum(following)) + 1 if following else 0
        if used + space + need <= per_page:
            pages[block.first] = page
            lines[block.first] = space + total
            used += space + total
            continue
        available = per_page - used - space
        split = _split(block, available)
        if split is None:
            page, used = page + 1, 0
            pages[block.first] = page
            taken = _place_at_top(block, per_page)
            page += (taken - 1) // per_page
            used = (taken - 1) % per_page + 1
            lines[block.first] = taken
            continue
        first_part, second_part = split
        pages[block.first] = page
        page, used = page + 1, 0
        taken = _place_at_top_lines(second_part, per_page)
        page += (taken - 1) // per_page
        used = (taken - 1) % per_page + 1
        lines[block.first] = space + first_part + taken
    last_page = page if used > 0 else max(page - 1, 1)
    return Pagination(tuple(pages), tuple(lines), last_page if elements else 0, per_page)


def _split(block: _Block, available: int) -> tuple[int, int] | None:
    """Lines on this page and on the next if ``block`` may break here, else None."""
    total = sum(block.heights)
    if block.kind is ElementKind.ACTION:
        if available >= MIN_LINES_AT_BREAK and total - available >= MIN_LINES_AT_BREAK:
            return available, total - available
        return None
    if block.kind is ElementKind.CHARACTER:
        body = total - 1
        # The cue, at least two lines of speech, and "(MORE)".
        here = available - 2
        if here >= MIN_LINES_AT_BREAK and body - here >= MIN_LINES_AT_BREAK:
            return available, 1 + body - here
        return None
    return None


def _place_at_top(block: _Block, per_page: int) -> int:
    return _place_at_top_lines(sum(block.heights), per_page)


def _place_at_top_lines(count: int, per_page: int) -> int:
    """Lines taken by ``count`` lines starting at the top of a page (taller blocks run on)."""
    return max(count, 1)


def eighths(line_count: int, lines_per_page: int) -> int:
    """A length in lines as eighths of a page, rounded up (a started eighth counts), at least one."""
    return max(1, -(-line_count * 8 // lines_per_page))
