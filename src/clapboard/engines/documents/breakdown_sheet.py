"""Breakdown sheets as PDF: one sheet (a page, more when it is long) per scene.

Entry point: ``render_breakdown_sheets(sheets) -> bytes``. Each ``BreakdownSheet`` holds
what the classic paper form shows: a header band (production, form title), a row of
cells (scene number, INT/EXT, time of day, length in eighths, script page), the heading,
set, script and version, the synopsis, then one box per breakdown category, drawn in the
category's colour, listing the elements of the scene.

Layout: A4 portrait, three columns of boxes; each box goes into the shortest column so
that the boxes keep roughly their given order from left to right and top to bottom. A
box that does not fit below the others starts a new page; a box taller than a whole
column continues in the next column (or page) under its header marked "(suite)" /
"(cont'd)". Every page has a footer with the date, the script and "Page n / N".

Text uses the PDF base fonts (Helvetica) in WinAnsi encoding, which print French and
the other Western European languages (é, œ, « », €, the typographic apostrophe, …). A character outside that set
prints as its unaccented letter when it has one (ł -> l) and as "?" otherwise; the fonts,
colours and text helpers live in ``_pdf``, shared with the schedule documents. The output
is deterministic (reportlab's invariant mode: fixed dates and document id), so the same
sheets always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.documents._pdf import (
    BAND,
    BOLD,
    INK,
    MUTED,
    REGULAR,
    RULE,
    WHITE,
    clip,
    fit,
    printable,
    text_colour,
    tint,
    wrap,
)
from clapboard.engines.documents._pdf import format_date as _format_date
from clapboard.engines.documents._pdf import parse_colour as _colour

__all__ = ["BreakdownSheet", "Language", "SheetElement", "render_breakdown_sheets"]

Language = Literal["fr", "en"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 28.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_HEIGHT = 16.0
CONTENT_BOTTOM = MARGIN + FOOTER_HEIGHT
COLUMNS = 3
GAP = 8.0
COLUMN_WIDTH = (CONTENT_WIDTH - GAP * (COLUMNS - 1)) / COLUMNS

BAND_HEIGHT = 24.0
CELL_HEIGHT = 34.0
LABEL_SIZE = 7.0
CELL_PAD = 4.0
HEADING_SIZE = 11.0
HEADING_LEADING = 13.5
HEADING_MAX_LINES = 3
SYNOPSIS_SIZE = 9.0
SYNOPSIS_LEADING = 11.5
SYNOPSIS_MAX_LINES = 8
BOX_HEADER_HEIGHT = 15.0
BOX_PAD = 5.0
NAME_SIZE = 9.0
NAME_LEADING = 11.5
BULLET_INDENT = 8.0
MIN_SPLIT_LINES = 3  # a box split over columns keeps at least this many lines in each part

# The name the tests read the text filter by.
_printable = printable

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "form": "DÉPOUILLEMENT",
        "scene": "Séquence",
        "int_ext": "Int. / Ext.",
        "time_of_day": "Effet",
        "length": "Durée (pages)",
        "page": "Page du scénario",
        "heading": "Intitulé",
        "location": "Décor",
        "script": "Scénario",
        "version": "Version",
        "synopsis": "Résumé",
        "none": "Aucun élément dépouillé pour cette séquence.",
        "continued": "(suite)",
        "generated": "Édité le {date}",
        "page_of": "Page {page} / {pages}",
    },
    "en": {
        "form": "BREAKDOWN SHEET",
        "scene": "Scene",
        "int_ext": "Int. / Ext.",
        "time_of_day": "Day / Night",
        "length": "Length (pages)",
        "page": "Script page",
        "heading": "Heading",
        "location": "Set",
        "script": "Script",
        "version": "Version",
        "synopsis": "Synopsis",
        "none": "No elements broken down for this scene.",
        "continued": "(cont'd)",
        "generated": "Generated on {date}",
        "page_of": "Page {page} of {pages}",
    },
}


@dataclass(frozen=True, slots=True)
class SheetElement:
    """One category box: the category's name as printed, its colour (``#RRGGBB``) and the
    names of the scene's elements in that category, in the order to print them."""

    category_name: str
    colour: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BreakdownSheet:
    """The breakdown of one scene, as printed.

    ``scene_number`` is the number as written ("12A") or None, in which case the sheet
    shows ``scene_index``; ``eighths`` is the scene's length in eighths of a page (printed
    "1 3/8"); ``page_start`` is the script page where it begins. ``elements`` are the
    category boxes in print order; ``language`` ("fr" or "en") chooses the labels and the
    date format.
    """

    production_title: str
    script_title: str
    version_label: str
    scene_number: str | None
    scene_index: int
    heading: str
    int_ext: str | None
    location: str
    time_of_day: str | None
    page_start: int
    eighths: int
    synopsis: str
    elements: tuple[SheetElement, ...]
    generated_on: date
    language: Language = "fr"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    first: bool  # the first line of a name, which carries the bullet


@dataclass(slots=True)
class _Box:
    title: str
    colour: Color
    text_colour: Color
    lines: list[_Line]
    column: int
    top: float

    @property
    def height(self) -> float:
        return _box_height(max(len(self.lines), 1))


@dataclass(slots=True)
class _Page:
    sheet: BreakdownSheet
    first: bool
    boxes: list[_Box] = field(default_factory=list)
    heading_lines: list[str] = field(default_factory=list)
    synopsis_lines: list[str] = field(default_factory=list)


def _box_height(lines: int) -> float:
    return BOX_HEADER_HEIGHT + 2 * BOX_PAD + lines * NAME_LEADING


def _check(sheet: BreakdownSheet) -> None:
    where = f"sheet for scene {sheet.scene_number or sheet.scene_index}"
    if sheet.language not in LABELS:
        raise ValueError(f"{where}: language {sheet.language!r} is not one of {', '.join(LABELS)}")
    if sheet.eighths < 0:
        raise ValueError(f"{where}: the length cannot be negative ({sheet.eighths} eighths)")
    for element in sheet.elements:
        _colour(element.colour, f"{where}, {element.category_name}")


# Layout: where everything goes, computed before drawing so that "Page n / N" is known.

_INNER_WIDTH = COLUMN_WIDTH - 2 * BOX_PAD - BULLET_INDENT


def _header_height(page: _Page) -> float:
    """Height of the page's header, from the top margin to the top of the boxes."""
    if not page.first:
        return BAND_HEIGHT + CELL_HEIGHT * 0.75 + GAP
    heading = LABEL_SIZE + CELL_PAD * 2 + len(page.heading_lines) * HEADING_LEADING + 2
    synopsis = LABEL_SIZE + CELL_PAD * 2 + max(len(page.synopsis_lines), 1) * SYNOPSIS_LEADING + 2
    return BAND_HEIGHT + CELL_HEIGHT + heading + CELL_HEIGHT + synopsis + GAP


def _name_lines(names: Sequence[str]) -> list[_Line]:
    lines: list[_Line] = []
    for name in names:
        wrapped = wrap(printable(name), REGULAR, NAME_SIZE, _INNER_WIDTH) or [""]
        lines.extend(_Line(text, index == 0) for index, text in enumerate(wrapped))
    return lines


def _layout_sheet(sheet: BreakdownSheet) -> list[_Page]:
    labels = LABELS[sheet.language]
    first = _Page(sheet, first=True)
    first.heading_lines = clip(
        wrap(printable(sheet.heading), BOLD, HEADING_SIZE, CONTENT_WIDTH - 2 * CELL_PAD) or [""],
        HEADING_MAX_LINES,
        BOLD,
        HEADING_SIZE,
        CONTENT_WIDTH - 2 * CELL_PAD,
    )
    first.synopsis_lines = clip(
        wrap(printable(sheet.synopsis), REGULAR, SYNOPSIS_SIZE, CONTENT_WIDTH - 2 * CELL_PAD),
        SYNOPSIS_MAX_LINES,
        REGULAR,
        SYNOPSIS_SIZE,
        CONTENT_WIDTH - 2 * CELL_PAD,
    )
    pages = [first]
    top = PAGE_HEIGHT - MARGIN - _header_height(first)
    used = [top] * COLUMNS  # the y where the next box in each column would start

    def new_page() -> None:
        nonlocal top
        page = _Page(sheet, first=False)
        pages.append(page)
        top = PAGE_HEIGHT - MARGIN - _header_height(page)
        used[:] = [top] * COLUMNS

    for element in sheet.elements:
        colour = _colour(element.colour, element.category_name)
        title = printable(element.category_name)
        remaining = _name_lines(element.names)
        continued = False
        after = -1  # a continued box goes on in a column to the right, else on the next page
        while True:
            columns = range(after + 1, COLUMNS)
            if not columns:
                new_page()
                after = -1
                continue
            column = max(columns, key=lambda c: (used[c], -c))
            fits = int((used[column] - CONTENT_BOTTOM - _box_height(0)) // NAME_LEADING)
            needed = max(len(remaining), 1)
            page_is_empty = all(u == top for u in used)
            full_column = int((top - CONTENT_BOTTOM - _box_height(0)) // NAME_LEADING)
            if needed <= fits:
                part, remaining = remaining, []
            elif needed <= full_column and not page_is_empty and not continued:
                new_page()
                continue
            elif fits >= MIN_SPLIT_LINES:
                part, remaining = remaining[:fits], remaining[fits:]
            else:
                new_page()
                after = -1
                continue
            header = f"{title} {labels['continued']}" if continued else title
            box = _Box(header, colour, text_colour(colour), part, column, used[column])
            pages[-1].boxes.append(box)
            used[column] -= box.height + GAP
            if not remaining:
                break
            continued = True
            after = column
    return pages


# Drawing.


def _label(canvas: Canvas, x: float, y: float, text: str) -> None:
    canvas.setFont(REGULAR, LABEL_SIZE)
    canvas.setFillColor(MUTED)
    canvas.drawString(x, y, printable(text))


def _draw_band(canvas: Canvas, sheet: BreakdownSheet, top: float) -> None:
    labels = LABELS[sheet.language]
    canvas.setFillColor(BAND)
    canvas.rect(MARGIN, top - BAND_HEIGHT, CONTENT_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    canvas.setFont(BOLD, 11)
    form = labels["form"]
    form_width = stringWidth(form, BOLD, 11)
    canvas.drawRightString(MARGIN + CONTENT_WIDTH - 8, top - 16, form)
    title = fit(printable(sheet.production_title), BOLD, 11, CONTENT_WIDTH - form_width - 32)
    canvas.drawString(MARGIN + 8, top - 16, title)


def _draw_cells(
    canvas: Canvas, top: float, height: float, cells: Sequence[tuple[str, str, float]], size: float
) -> None:
    """A row of outlined cells: (label, value, share of the width) each."""
    x = MARGIN
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    for label, value, share in cells:
        width = CONTENT_WIDTH * share
        canvas.rect(x, top - height, width, height, stroke=1, fill=0)
        _label(canvas, x + CELL_PAD, top - CELL_PAD - LABEL_SIZE + 1, label)
        canvas.setFont(BOLD, size)
        canvas.setFillColor(INK)
        canvas.drawString(
            x + CELL_PAD,
            top - height + CELL_PAD + 2,
            fit(printable(value), BOLD, size, width - 2 * CELL_PAD),
        )
        x += width


def _draw_text_block(
    canvas: Canvas, top: float, label: str, lines: Sequence[str], font: str, size: float, leading: float
) -> float:
    """An outlined full-width block with a label and lines of text; returns its bottom."""
    height = LABEL_SIZE + CELL_PAD * 2 + max(len(lines), 1) * leading + 2
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN, top - height, CONTENT_WIDTH, height, stroke=1, fill=0)
    _label(canvas, MARGIN + CELL_PAD, top - CELL_PAD - LABEL_SIZE + 1, label)
    canvas.setFont(font, size)
    canvas.setFillColor(INK)
    y = top - CELL_PAD - LABEL_SIZE - leading + 1
    for line in lines:
        canvas.drawString(MARGIN + CELL_PAD, y + 2, line)
        y -= leading
    return top - height


def _draw_header(canvas: Canvas, page: _Page) -> None:
    sheet = page.sheet
    labels = LABELS[sheet.language]
    number = sheet.scene_number or str(sheet.scene_index)
    top = PAGE_HEIGHT - MARGIN
    _draw_band(canvas, sheet, top)
    top -= BAND_HEIGHT
    if not page.first:
        value = f"{number} {labels['continued']} \u2014 {sheet.heading}"
        _draw_cells(canvas, top, CELL_HEIGHT * 0.75, [(labels["scene"], value, 1.0)], 10)
        return
    _draw_cells(
        canvas,
        top,
        CELL_HEIGHT,
        [
            (labels["scene"], number, 0.18),
            (labels["int_ext"], sheet.int_ext or "\u2014", 0.18),
            (labels["time_of_day"], sheet.time_of_day or "\u2014", 0.26),
            (labels["length"], format_eighths(sheet.eighths), 0.19),
            (labels["page"], str(sheet.page_start), 0.19),
        ],
        14,
    )
    top -= CELL_HEIGHT
    top = _draw_text_block(
        canvas, top, labels["heading"], page.heading_lines, BOLD, HEADING_SIZE, HEADING_LEADING
    )
    _draw_cells(
        canvas,
        top,
        CELL_HEIGHT,
        [
            (labels["location"], sheet.location or "\u2014", 0.46),
            (labels["script"], sheet.script_title, 0.34),
            (labels["version"], sheet.version_label or "\u2014", 0.20),
        ],
        10,
    )
    top -= CELL_HEIGHT
    _draw_text_block(
        canvas, top, labels["synopsis"], page.synopsis_lines, REGULAR, SYNOPSIS_SIZE, SYNOPSIS_LEADING
    )


def _draw_box(canvas: Canvas, box: _Box) -> None:
    x = MARGIN + box.column * (COLUMN_WIDTH + GAP)
    bottom = box.top - box.height
    canvas.setLineWidth(1)
    canvas.setStrokeColor(box.colour)
    canvas.setFillColor(tint(box.colour, 0.12))
    canvas.rect(x, bottom, COLUMN_WIDTH, box.height, stroke=1, fill=1)
    canvas.setFillColor(box.colour)
    canvas.rect(x, box.top - BOX_HEADER_HEIGHT, COLUMN_WIDTH, BOX_HEADER_HEIGHT, stroke=1, fill=1)
    canvas.setFillColor(box.text_colour)
    canvas.setFont(BOLD, 9)
    canvas.drawString(
        x + BOX_PAD,
        box.top - BOX_HEADER_HEIGHT + 4.5,
        fit(box.title, BOLD, 9, COLUMN_WIDTH - 2 * BOX_PAD),
    )
    canvas.setFillColor(INK)
    y = box.top - BOX_HEADER_HEIGHT - BOX_PAD - NAME_SIZE
    if not box.lines:
        canvas.setFont(REGULAR, NAME_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(x + BOX_PAD, y, "\u2014")
        return
    canvas.setFont(REGULAR, NAME_SIZE)
    for line in box.lines:
        if line.first:
            canvas.drawString(x + BOX_PAD, y, "\u2022")
        canvas.drawString(x + BOX_PAD + BULLET_INDENT, y, line.text)
        y -= NAME_LEADING


def _draw_footer(canvas: Canvas, page: _Page, number: int, total: int) -> None:
    sheet = page.sheet
    labels = LABELS[sheet.language]
    y = MARGIN
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 10, MARGIN + CONTENT_WIDTH, y + 10)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(
        MARGIN, y, labels["generated"].format(date=_format_date(sheet.generated_on, sheet.language))
    )
    script = " \u2014 ".join(part for part in (sheet.script_title, sheet.version_label) if part)
    canvas.drawCentredString(
        MARGIN + CONTENT_WIDTH / 2, y, fit(printable(script), REGULAR, 7.5, CONTENT_WIDTH / 2)
    )
    canvas.drawRightString(MARGIN + CONTENT_WIDTH, y, labels["page_of"].format(page=number, pages=total))


def render_breakdown_sheets(sheets: Sequence[BreakdownSheet]) -> bytes:
    """The PDF of ``sheets``, in the given order; each sheet starts on a new page.

    Raises ValueError when there is no sheet, or for a sheet with an unknown language, a
    negative length or a colour that is not ``#RRGGBB`` (``#RGB`` is accepted too).
    """
    if not sheets:
        raise ValueError("there is no breakdown sheet to render")
    for sheet in sheets:
        _check(sheet)
    pages = [page for sheet in sheets for page in _layout_sheet(sheet)]
    first = sheets[0]
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        invariant=1,
        pageCompression=1,
        lang="fr-FR" if first.language == "fr" else "en",
    )
    canvas.setTitle(printable(f"{LABELS[first.language]['form']} \u2014 {first.production_title}"))
    canvas.setSubject(printable(f"{first.script_title} \u2014 {first.version_label}"))
    canvas.setCreator("Clapboard")
    for number, page in enumerate(pages, start=1):
        _draw_header(canvas, page)
        for box in page.boxes:
            _draw_box(canvas, box)
        if page.first and not page.sheet.elements:
            canvas.setFont(REGULAR, NAME_SIZE)
            canvas.setFillColor(MUTED)
            canvas.drawString(
                MARGIN,
                PAGE_HEIGHT - MARGIN - _header_height(page) - NAME_SIZE,
                LABELS[page.sheet.language]["none"],
            )
        _draw_footer(canvas, page, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
