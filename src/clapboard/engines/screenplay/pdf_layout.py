"""Positioned PDF lines to screenplay elements: the page layout learnt from the document.

Input: per page, the lines the extraction child found (left x, baseline y, right x, font
box height, text; PDF points, y upwards). The steps:

1. Noise out: revision asterisks (``*`` alone, or after a space at the end of a line),
   ``(MORE)``, ``CONTINUED:``/``(CONTINUED)``/``(SUITE)`` page-continuation lines, page
   numbers (``12``, ``12.``, ``Page 12``, ``- 12 -``) alone on the top or bottom line of a
   page, and headers or footers (the same text, digits aside, at the same height on at
   least half of the pages, at least three).
2. Scene numbers: a short number (``12``, ``12A``, ``A12``, ``2-B``) printed in the left or
   right margin on the same baseline as another line is that line's scene number.
3. Columns, learnt from the document: the left x of every line is clustered (to within
   half a character). The action column is the leftmost cluster holding at least 5% of
   the lines. A character cue is an upper-case line well right of it followed directly
   (one line height below) by a line further left; the cue column is the commonest cue x,
   the dialogue and parenthetical columns the commonest x of what follows cues.
4. Lines to elements, top to bottom: at the action column a heading (it starts with
   INT./EXT./... or carries a margin scene number; when the document prints no scene
   numbers, also a one-line upper-case paragraph ending without punctuation, the way
   writers force a ``.BACK IN THE APARTMENT`` heading) or action; at the cue column after
   a blank line a cue (``(CONT'D)``/``(SUITE)`` removed; after ``(MORE)`` the same cue at
   the top of the next page continues the speech); inside a speech, parentheticals and
   dialogue; upper-case lines ending at the right margin or ending in ``TO:`` are
   transitions; lines centred on the action area are centred text; anything else action.
   Two cues on one baseline, one in each half of the page, start a dual dialogue: each
   following line until a blank line goes to the column its start falls in.
5. The first page is a title page when the document has more than one page and that page
   has neither a heading nor a cue; its first block of text is the title.

Every element keeps the positions of its printed lines, so that scene lengths come from
the real pages (see ``page_measures``).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clapboard.engines.screenplay.headings import match_prefix
from clapboard.engines.screenplay.model import Element, ElementKind
from clapboard.engines.screenplay.vocabulary import KNOWN_TRANSITIONS


@dataclass(frozen=True, slots=True)
class PdfLine:
    """A run of text on one baseline. ``page`` counts from 1."""

    page: int
    x: float
    y: float
    x_end: float
    size: float
    text: str
    number: str | None = None


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]


@dataclass(slots=True)
class Layout:
    """What the document taught us: character width, line height, the columns."""

    char_width: float
    line_height: float
    action: float
    cue: float | None
    dialogue: float | None
    parenthetical: float | None
    right_edge: float
    lines_per_page: int
    numbered: bool


@dataclass(slots=True)
class Classified:
    """Elements in reading order, and for each the (page, y) of each of its printed lines."""

    elements: list[Element] = field(default_factory=list)
    positions: list[list[tuple[int, float]]] = field(default_factory=list)
    title_page: dict[str, str] = field(default_factory=dict)
    #: Pages before the script itself (a title page), which script page numbers skip.
    front_pages: int = 0
    layout: Layout | None = None


_ASTERISKS = re.compile(r"^\*+$")
_TRAILING_ASTERISK = re.compile(r"\s+\*+$")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+|p\.\s*)?-?\s*\d{1,4}\s*-?\.?(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE
)
_SCENE_NUMBER = re.compile(r"^[A-Z]{0,2}\d{1,4}(?:[-.]?[A-Z0-9]{1,3})?\.?$")
_CONTINUED = re.compile(
    r"^\(?(?:CONTINUED|CONT'D|CONT\u2019D|SUITE|\u00c0 SUIVRE|A SUIVRE)\)?:?(?:\s*\(\d+\))?$", re.IGNORECASE
)
_MORE = re.compile(r"^\((?:MORE|PLUS|SUITE)\)$", re.IGNORECASE)
_CUE_CONTINUATION = re.compile(
    r"\s*\((?:CONT'D|CONT\u2019D|CONTD|CONT|CONT\.|SUITE|CONTINUING)\)\s*", re.IGNORECASE
)
_PARENTHESES = re.compile(r"\([^)]*\)?")


def _is_upper(text: str) -> bool:
    """Upper case once any parenthesised extension is removed, with at least one letter."""
    bare = _PARENTHESES.sub("", text)
    return any(c.isalpha() for c in bare) and bare == bare.upper()


def _cue_like(text: str) -> bool:
    bare = text.strip()
    return (
        _is_upper(bare)
        and len(bare) <= 50
        and not bare.endswith((":", ".", "!", "?", ","))
        and match_prefix(bare) is None
        and not bare.startswith("(")
    )


# Step 1 and 2 ----------------------------------------------------------------------------


def clean_pages(pages: Sequence[PdfPage]) -> list[PdfPage]:
    """Pages without noise, scene numbers moved onto their lines (steps 1 and 2)."""
    repeated = _repeated_lines(pages)
    cleaned: list[PdfPage] = []
    for page in pages:
        lines = [
            PdfLine(line.page, line.x, line.y, line.x_end, line.size, _TRAILING_ASTERISK.sub("", line.text))
            for line in page.lines
            if not (
                _ASTERISKS.match(line.text)
                or _CONTINUED.match(line.text)
                or (round(line.y), re.sub(r"\d+", "#", line.text)) in repeated
            )
        ]
        if lines:
            top = max(line.y for line in lines)
            bottom = min(line.y for line in lines)
            per_y = Counter(round(line.y, 1) for line in lines)
            lines = [
                line
                for line in lines
                if not (
                    line.y in (top, bottom) and per_y[round(line.y, 1)] == 1 and _PAGE_NUMBER.match(line.text)
                )
            ]
        cleaned.append(PdfPage(page.number, page.width, page.height, tuple(_take_scene_numbers(lines))))
    return cleaned


def _repeated_lines(pages: Sequence[PdfPage]) -> set[tuple[int, str]]:
    if len(pages) < 3:
        return set()
    counts: Counter[tuple[int, str]] = Counter()
    for page in pages:
        counts.update({(round(line.y), re.sub(r"\d+", "#", line.text)) for line in page.lines})
    needed = max(3, len(pages) // 2)
    return {key for key, count in counts.items() if count >= needed}


def _take_scene_numbers(lines: list[PdfLine]) -> list[PdfLine]:
    by_y: dict[float, list[PdfLine]] = {}
    for line in lines:
        by_y.setdefault(round(line.y, 1), []).append(line)
    result: list[PdfLine] = []
    for row in by_y.values():
        row.sort(key=lambda line: line.x)
        numbers = [line for line in row if _SCENE_NUMBER.match(line.text)]
        texts = [line for line in row if not _SCENE_NUMBER.match(line.text)]
        if len(texts) == 1 and numbers and all(n.x < texts[0].x or n.x > texts[0].x_end for n in numbers):
            body = texts[0]
            number = numbers[0].text.rstrip(".")
            result.append(PdfLine(body.page, body.x, body.y, body.x_end, body.size, body.text, number))
        else:
            result.extend(row)
    result.sort(key=lambda line: (-line.y, line.x))
    return result


# Step 3 ----------------------------------------------------------------------------------


def _clusters(values: Iterable[float], tolerance: float) -> list[tuple[float, int]]:
    """(centre, count) of groups of values no more than ``tolerance`` apart, left to right."""
    ordered = sorted(values)
    groups: list[list[float]] = []
    for value in ordered:
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [(statistics.median(group), len(group)) for group in groups]


def _commonest(values: Sequence[float], tolerance: float) -> float | None:
    if not values:
        return None
    return max(_clusters(values, tolerance), key=lambda cluster: cluster[1])[0]


def learn_layout(pages: Sequence[PdfPage]) -> Layout:
    lines = [line for page in pages for line in page.lines]
    widths = [(line.x_end - line.x) / len(line.text) for line in lines if len(line.text) >= 4]
    char_width = statistics.median(widths) if widths else 7.2
    sizes = [line.size for line in lines if line.size > 0]
    size = statistics.median(sizes) if sizes else 12.0
    steps: list[float] = []
    for page in pages:
        ys = sorted({round(line.y, 1) for line in page.lines}, reverse=True)
        steps.extend(a - b for a, b in itertools.pairwise(ys) if 0.7 * size <= a - b <= 1.6 * size)
    line_height = statistics.median(steps) if steps else size
    tolerance = char_width / 2
    cues: list[float] = []
    after_cue: list[float] = []
    parentheticals: list[float] = []
    for page in pages:
        for line, following in zip(page.lines, page.lines[1:], strict=False):
            if (
                _cue_like(line.text)
                and abs(line.y - following.y - line_height) < 0.3 * line_height
                and following.x < line.x - 3 * char_width
            ):
                cues.append(line.x)
                (parentheticals if following.text.startswith("(") else after_cue).append(following.x)
    dialogue = _commonest(after_cue, tolerance)
    limit = dialogue - 3 * char_width if dialogue is not None else float("inf")
    clusters = [cluster for cluster in _clusters((line.x for line in lines), tolerance) if cluster[0] < limit]
    floor = max(2, len(lines) // 20)
    if clusters:
        action = next((centre for centre, count in clusters if count >= floor), clusters[0][0])
    else:
        action = limit - 7 * char_width if dialogue is not None else 0.0
    cue = _commonest([x for x in cues if x > action + 4 * char_width], tolerance)
    action_ends = sorted(line.x_end for line in lines if abs(line.x - action) <= tolerance)
    right_edge = (
        action_ends[int(0.95 * (len(action_ends) - 1))] if action_ends else max(p.width for p in pages)
    )
    spans: list[float] = []
    for page in pages:
        if page.lines:
            spans.append((page.lines[0].y - page.lines[-1].y) / line_height + 1)
    measured = round(max(spans)) if spans else 0
    height = statistics.median(page.height for page in pages) if pages else 792.0
    standard = max(1, round((height - 144) / line_height) + 1)
    return Layout(
        char_width=char_width,
        line_height=line_height,
        action=action,
        cue=cue,
        dialogue=dialogue,
        parenthetical=_commonest(parentheticals, tolerance),
        right_edge=right_edge,
        lines_per_page=measured if measured >= 0.8 * standard else standard,
        numbered=any(line.number for line in lines),
    )


# Step 4 and 5 ----------------------------------------------------------------------------


class _Builder:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.result = Classified(layout=layout)
        self.counter = 0

    def near(self, x: float, column: float | None, slack: float = 1.5) -> bool:
        return column is not None and abs(x - column) <= slack * self.layout.char_width

    def add(
        self,
        kind: ElementKind,
        line: PdfLine,
        text: str | None = None,
        *,
        dual: bool = False,
        scene_number: str | None = None,
    ) -> None:
        self.counter += 1
        element = Element(
            kind, line.text if text is None else text, self.counter, dual=dual, scene_number=scene_number
        )
        self.result.elements.append(element)
        self.result.positions.append([(line.page, line.y)])

    def extend(self, line: PdfLine, separator: str = "\n") -> None:
        last = self.result.elements[-1]
        self.result.elements[-1] = Element(
            last.kind, last.text + separator + line.text, last.line, last.dual, last.scene_number
        )
        self.result.positions[-1].append((line.page, line.y))

    @property
    def last_kind(self) -> ElementKind | None:
        return self.result.elements[-1].kind if self.result.elements else None


def classify(pages: Sequence[PdfPage]) -> Classified:
    """Elements from cleaned pages (steps 3 to 5)."""
    layout = learn_layout(pages)
    builder = _Builder(layout)
    lh = layout.line_height
    first_body = 0
    if len(pages) > 1 and pages[0].lines and not _has_script(pages[0], layout):
        builder.result.title_page = _title_page(pages[0], lh)
        if builder.result.title_page:
            builder.add(
                ElementKind.TITLE_PAGE,
                pages[0].lines[0],
                "\n".join(f"{key.title()}: {value}" for key, value in builder.result.title_page.items()),
            )
        first_body = 1
    builder.result.front_pages = first_body
    more_pending = False
    speaker = ""
    for page in pages[first_body:]:
        lines = list(page.lines)
        index = 0
        previous: PdfLine | None = None
        while index < len(lines):
            line = lines[index]
            following = lines[index + 1] if index + 1 < len(lines) else None
            blank_before = previous is None or previous.y - line.y > 1.5 * lh
            page_top = previous is None
            previous_line = previous
            previous = line
            index += 1
            if previous_line is not None and abs(previous_line.y - line.y) < 0.3 * lh:
                blank_before = False
            if _MORE.match(line.text):
                more_pending = True
                continue
            dual = _dual_start(line, following, page, layout)
            if dual is not None:
                index = _dual_block(builder, lines, index - 1, page, dual)
                previous = lines[index - 1]
                more_pending, speaker = False, ""
                continue
            in_speech = builder.last_kind in (
                ElementKind.CHARACTER,
                ElementKind.DIALOGUE,
                ElementKind.PARENTHETICAL,
            )
            if (
                page_top
                and more_pending
                and in_speech
                and _cue_like(line.text)
                and _cue_name(line.text) == speaker
            ):
                more_pending = False
                continue  # the repeated cue of a speech continued from the previous page
            more_pending = False
            blank_after = following is None or line.y - following.y > 1.5 * lh
            if (
                builder.near(line.x, layout.action, 1.0)
                and line.x < (layout.cue or 1e9) - 2 * layout.char_width
            ):
                if (
                    builder.last_kind is ElementKind.SCENE_HEADING
                    and not blank_before
                    and _is_upper(line.text)
                ):
                    builder.extend(line, " ")
                elif _is_heading(line, layout, blank_before, blank_after):
                    builder.add(ElementKind.SCENE_HEADING, line, scene_number=line.number)
                    speaker = ""
                elif builder.last_kind is ElementKind.ACTION and (not blank_before or page_top):
                    builder.extend(line, " ")
                else:
                    builder.add(ElementKind.ACTION, line)
                continue
            if (blank_before or page_top) and builder.near(line.x, layout.cue, 2.0) and _cue_like(line.text):
                text = _CUE_CONTINUATION.sub(" ", line.text).strip()
                builder.add(ElementKind.CHARACTER, line, text)
                speaker = _cue_name(text)
                continue
            if in_speech and (
                not blank_before or (page_top and builder.last_kind is not ElementKind.CHARACTER)
            ):
                last = builder.result.elements[-1]
                if last.kind is ElementKind.PARENTHETICAL and not last.text.rstrip().endswith(")"):
                    builder.extend(line, " ")
                elif line.text.startswith("("):
                    builder.add(ElementKind.PARENTHETICAL, line)
                elif last.kind is ElementKind.DIALOGUE:
                    builder.extend(line, " ")
                else:
                    builder.add(ElementKind.DIALOGUE, line)
                continue
            if in_speech and builder.near(line.x, layout.dialogue) and not _cue_like(line.text):
                builder.add(ElementKind.DIALOGUE, line)
                continue
            if in_speech and page_top and builder.last_kind is ElementKind.CHARACTER:
                builder.add(
                    ElementKind.PARENTHETICAL if line.text.startswith("(") else ElementKind.DIALOGUE, line
                )
                continue
            speaker = ""
            if _is_transition(line, layout):
                builder.add(ElementKind.TRANSITION, line)
            elif _is_centred(line, layout):
                builder.add(ElementKind.CENTERED, line)
            elif builder.last_kind is ElementKind.ACTION and not blank_before:
                builder.extend(line, "\n")
            else:
                builder.add(ElementKind.ACTION, line)
    return builder.result


def _cue_name(text: str) -> str:
    return " ".join(_PARENTHESES.sub("", text).split()).upper()


def _has_script(page: PdfPage, layout: Layout) -> bool:
    for line, following in zip(page.lines, [*page.lines[1:], None], strict=False):
        if match_prefix(line.text) is not None or line.number:
            return True
        if (
            following is not None
            and _cue_like(line.text)
            and layout.cue is not None
            and abs(line.x - layout.cue) <= 1.5 * layout.char_width
            and abs(line.y - following.y - layout.line_height) < 0.3 * layout.line_height
        ):
            return True
    return False


def _title_page(page: PdfPage, line_height: float) -> dict[str, str]:
    block: list[str] = []
    previous: PdfLine | None = None
    for line in page.lines:
        if previous is not None and previous.y - line.y > 1.5 * line_height and block:
            break
        block.append(line.text)
        previous = line
    title = " ".join(" ".join(block).split())
    return {"title": title} if title else {}


def _is_heading(line: PdfLine, layout: Layout, blank_before: bool, blank_after: bool) -> bool:
    if line.number is not None or match_prefix(line.text) is not None:
        return True
    text = line.text.strip()
    return (
        not layout.numbered
        and blank_before
        and blank_after
        and _is_upper(text)
        and len(text) <= 60
        and not text.endswith((":", "!", "?", ";", '"'))
        and text.upper() not in KNOWN_TRANSITIONS
    )


def _is_transition(line: PdfLine, layout: Layout) -> bool:
    text = line.text.strip()
    if not _is_upper(text) or line.x <= layout.action + layout.char_width:
        return False
    if text.upper() in KNOWN_TRANSITIONS or text.endswith(("TO:", "À:", "SUR:", "SUR :")):
        return True
    return line.x_end >= layout.right_edge - 2 * layout.char_width and line.x > (
        layout.cue if layout.cue is not None else layout.action + 30 * layout.char_width
    )


def _is_centred(line: PdfLine, layout: Layout) -> bool:
    centre = (layout.action + layout.right_edge) / 2
    return line.x > layout.action + 2 * layout.char_width and abs((line.x + line.x_end) / 2 - centre) <= (
        2 * layout.char_width
    )


def _dual_start(line: PdfLine, following: PdfLine | None, page: PdfPage, layout: Layout) -> float | None:
    """The x that splits a dual dialogue starting at ``line`` (left cue), or None."""
    if following is None or abs(following.y - line.y) > 0.3 * layout.line_height:
        return None
    middle = page.width / 2
    if not (line.x < middle <= following.x and _cue_like(line.text) and _cue_like(following.text)):
        return None
    if line.x <= layout.action + layout.char_width:
        return None
    return (line.x + following.x) / 2


def _dual_block(builder: _Builder, lines: list[PdfLine], start: int, page: PdfPage, split: float) -> int:
    """Emit both speeches of a dual dialogue; returns the index after the block."""
    lh = builder.layout.line_height
    left: list[PdfLine] = []
    right: list[PdfLine] = []
    index = start
    last_y = lines[start].y
    while index < len(lines) and last_y - lines[index].y <= 1.5 * lh:
        line = lines[index]
        if _MORE.match(line.text):
            index += 1
            continue
        (left if line.x < split else right).append(line)
        last_y = line.y
        index += 1
    for column in (left, right):
        if not column:
            continue
        cue = column[0]
        builder.add(ElementKind.CHARACTER, cue, _CUE_CONTINUATION.sub(" ", cue.text).strip(), dual=True)
        for line in column[1:]:
            last = builder.result.elements[-1]
            if last.kind is ElementKind.PARENTHETICAL and not last.text.rstrip().endswith(")"):
                builder.extend(line, " ")
            elif line.text.startswith("("):
                builder.add(ElementKind.PARENTHETICAL, line, dual=True)
            elif last.kind is ElementKind.DIALOGUE:
                builder.extend(line, " ")
            else:
                builder.add(ElementKind.DIALOGUE, line, dual=True)
    return index


# Real-page measures ----------------------------------------------------------------------


def page_measures(
    positions: Sequence[Sequence[tuple[int, float]]],
    start: int,
    end: int,
    previous_y: dict[int, float],
    layout: Layout,
) -> tuple[int, int]:
    """(first page, lines occupied) of the elements ``start:end``.

    On each page the scene occupies the lines from just below the last line printed before
    it on that page (so the blank lines before its heading count, as in text pagination)
    down to its own last line there; on a page it starts at the top of, from its first line.
    ``previous_y`` maps a page to the lowest line already attributed on it and is updated.
    """
    by_page: dict[int, list[float]] = {}
    for element in positions[start:end]:
        for page, y in element:
            by_page.setdefault(page, []).append(y)
    if not by_page:
        return 0, 0
    total = 0.0
    lh = layout.line_height
    for page, ys in sorted(by_page.items()):
        top = previous_y.get(page, max(ys) + lh)
        bottom = min(ys)
        total += (top - bottom) / lh
        previous_y[page] = bottom
    return min(by_page), round(total)
