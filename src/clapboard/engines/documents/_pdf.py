"""What the PDF documents share: fonts, colours, printable text, word wrap, dates, and a
small engine that flows tables over pages.

Text uses the PDF base fonts (Helvetica) in WinAnsi encoding, which print French and the
other Western European languages (é, œ, « », €, the typographic apostrophe, …);
``printable`` maps anything else to its unaccented letter, or "?" when it has none.

The table engine (``render_pdf``) takes a list of ``Table`` and ``Block`` items and lays
them out top to bottom before drawing anything, so that every page knows the page count
("Page 2 of 7"). A table's title and column headings are repeated on every page it runs
onto; a row never splits (a wrapped cell is clipped at its column's ``max_lines``), and a
row marked ``keep_with_next`` is never left alone at the foot of a page. Every page has the
same frame: a band with the production and the document's name, a line of details, and a
footer. The output is deterministic (reportlab's invariant mode).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"
BOLD_ITALIC = "Helvetica-BoldOblique"

INK = Color(0.1, 0.1, 0.1)
MUTED = Color(0.38, 0.38, 0.38)
RULE = Color(0.6, 0.6, 0.6)
HAIRLINE = Color(0.8, 0.8, 0.8)
BAND = Color(0.15, 0.2, 0.24)
SHADE = Color(0.92, 0.93, 0.95)
WHITE = Color(1, 1, 1)
BLACK = Color(0, 0, 0)

DASH = "\u2014"
ELLIPSIS = "\u2026"

_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
# Spaces that WinAnsi lacks but French typography uses (before « » : ; ! ?).
_SPACES = {"\u202f": "\u00a0", "\u2009": " ", "\u2007": " ", "\u200b": ""}
# Letters with a stroke, which Unicode does not decompose into a base letter and a mark.
_STROKED = str.maketrans("ŁłĐđĦħıŧŦ", "LlDdHhitT")
_BREAKING_SPACE = re.compile(r"[ \t\r\n]+")
_GUILLEMETS = re.compile(r"(«)[ \u00a0\u202f]+|[ \u00a0\u202f]+(»)")


# Text.


def printable(text: str) -> str:
    """``text`` with every character the base fonts' WinAnsi encoding can print.

    French guillemets are tied to their text with no-break spaces, so that « » never
    start or end a line on their own.
    """
    text = _GUILLEMETS.sub(lambda m: "«\u00a0" if m.group(1) else "\u00a0»", text.translate(_STROKED))
    out = []
    for char in text:
        char = _SPACES.get(char, char)
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = "?"
            char = base or "?"
        if char and unicodedata.category(char) == "Cc":
            char = " "  # tabs, line breaks and other control characters
        out.append(char)
    return "".join(out)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to ``width`` points at ordinary spaces; a word wider than a line is cut."""
    lines: list[str] = []
    current = ""
    for word in _BREAKING_SPACE.split(text.strip()):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while stringWidth(word, font, size) > width:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def clip(lines: list[str], limit: int, font: str, size: float, width: float) -> list[str]:
    """At most ``limit`` lines, the last ending with an ellipsis when text was left out."""
    if len(lines) <= limit:
        return lines
    kept = lines[:limit]
    last = kept[-1]
    while last and stringWidth(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line of ``width`` points, cut with an ellipsis when it is longer."""
    if stringWidth(text, font, size) <= width:
        return text
    return clip(wrap(text, font, size, width) or [""], 1, font, size, width)[0]


# Colours.


def parse_colour(value: str, where: str) -> Color:
    """``#RRGGBB`` (or ``#RGB``) as a colour; ValueError naming ``where`` otherwise."""
    match = _COLOUR.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"{where}: colour {value!r} is not #RRGGBB")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return Color(red, green, blue)


def _luminance(colour: Color) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)


def text_colour(background: Color) -> Color:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio)."""
    light = _luminance(background)
    on_black = (light + 0.05) / 0.05
    on_white = 1.05 / (light + 0.05)
    return BLACK if on_black >= on_white else WHITE


def tint(colour: Color, strength: float) -> Color:
    """``colour`` mixed with white (``strength`` of colour), for a legible background."""
    return Color(*(1 - strength + strength * c for c in (colour.red, colour.green, colour.blue)))


# Dates and times.

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def format_date(day: date, language: str) -> str:
    """ "1er mars 2026" in French, "1 March 2026" in English."""
    month = MONTHS[language][day.month - 1]
    if language == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_labelled_date(day: date, labels: Mapping[str, str], *, weekday: bool = True) -> str:
    """A date written with the month and weekday names of ``labels`` (``month_1`` …
    ``month_12``, ``weekday_1`` … ``weekday_7``, Monday first), in its ``date_format`` or
    ``date_weekday`` pattern; ``first_of_month`` writes the 1st ("1er" in French)."""
    number = labels["first_of_month"] if day.day == 1 else str(day.day)
    pattern = labels["date_weekday" if weekday else "date_format"]
    return pattern.format(
        weekday=labels[f"weekday_{day.isoweekday()}"],
        day=number,
        month=labels[f"month_{day.month}"],
        year=day.year,
    )


def format_time(value: time | str | None) -> str:
    """A clock time as "07:30"; a text ("O/C", "TBC") as written; None as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value.hour:02d}:{value.minute:02d}"


# The table engine.

Align = Literal["left", "right", "center"]


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text in a cell, in its own font; each run starts on a new line."""

    text: str
    font: str | None = None  # None: the row's font
    size: float | None = None  # None: the row's size
    colour: Color | None = None  # None: the row's ink


Cell = str | Text | tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its heading, its share of the table's width, how its cells print.

    A cell of a ``wrap`` column runs over as many lines as it needs, up to ``max_lines``;
    in the other columns it is cut to one line with an ellipsis.
    """

    title: str
    width: float
    align: Align = "left"
    wrap: bool = False
    max_lines: int = 12


@dataclass(frozen=True, slots=True)
class RowStyle:
    fill: Color | None = None
    ink: Color = INK
    font: str = REGULAR
    size: float = 8.0
    rule: Color | None = HAIRLINE  # the line under the row
    padding: float = 2.5  # above and below the text
    inset: float = 3.5  # left and right of the text in each cell
    stripe: Color | None = None  # a bar down the left edge
    border: Color | None = None  # a frame around the row


PLAIN = RowStyle()


@dataclass(slots=True)
class Row:
    """A row of cells, one per column; with ``span``, ``cells`` are one text across the
    whole table, plus an optional second one printed at its right end."""

    cells: tuple[Cell, ...]
    style: RowStyle = PLAIN
    span: bool = False
    keep_with_next: bool = False
    # Filled in by the layout: the lines of each cell and the row's height.
    lines: list[list[tuple[str, str, float, Color]]] = field(default_factory=list)
    height: float = 0.0


@dataclass(slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: list[Row]
    title: str = ""
    header: bool = True
    space_before: float = 8.0
    grid: bool = False  # hairlines between the columns of ordinary rows


@dataclass(slots=True)
class Block:
    """A drawing of fixed height (a legend, a header box), kept whole on one page."""

    height: float
    draw: Callable[[Canvas, float, float, float], None]  # canvas, left, top, width
    space_after: float = 6.0


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page of a document shows around its content."""

    pagesize: tuple[float, float]
    title: str  # in the band, left: the production
    document: str  # in the band, right: the document's name
    details: str  # under the band: schedule, version, unit…
    footer_left: str
    footer_centre: str
    page_of: str  # "Page {page} of {pages}"
    continued: str  # "(cont'd)", after a table title repeated on a new page
    language: str = "en"
    margin: float = 26.0


BAND_HEIGHT = 20.0
DETAILS_HEIGHT = 14.0
FOOTER_HEIGHT = 16.0
TITLE_SIZE = 9.5
TITLE_HEIGHT = 16.0
HEADER_SIZE = 6.8
LEADING = 1.2


def _leading(size: float) -> float:
    return size * LEADING


def _cell_runs(cell: Cell) -> tuple[Text, ...]:
    if isinstance(cell, str):
        return (Text(cell),)
    if isinstance(cell, Text):
        return (cell,)
    return cell


def _measure_row(row: Row, widths: Sequence[float], columns: Sequence[Column]) -> None:
    style = row.style
    pad = style.padding
    row.lines = []
    if row.span:
        cells = [(row.cells[0], sum(widths), Column("", 1, wrap=True, max_lines=8))]
        if len(row.cells) > 1:
            right = row.cells[1]
            right_width = max(
                stringWidth(printable(run.text), run.font or style.font, run.size or style.size)
                for run in _cell_runs(right)
            )
            cells[0] = (row.cells[0], sum(widths) - right_width - 4 * style.inset, cells[0][2])
            cells.append((right, right_width + 2 * style.inset, Column("", 1, align="right")))
    else:
        cells = list(zip(row.cells, widths, columns, strict=True))
    tallest = 0.0
    for cell, width, column in cells:
        inner = width - 2 * style.inset
        lines: list[tuple[str, str, float, Color]] = []
        for run in _cell_runs(cell):
            font = run.font or style.font
            size = run.size or style.size
            colour = run.colour or style.ink
            text = printable(run.text)
            if not text.strip():
                continue
            if column.wrap:
                wrapped = wrap(text, font, size, inner)
                lines.extend((line, font, size, colour) for line in wrapped)
            else:
                lines.append((fit(text.strip(), font, size, inner), font, size, colour))
        if column.wrap and len(lines) > column.max_lines:
            kept = lines[: column.max_lines]
            text, font, size, colour = kept[-1]
            kept[-1] = (clip([text, ""], 1, font, size, inner)[0], font, size, colour)
            lines = kept
        row.lines.append(lines)
        tallest = max(tallest, sum(_leading(size) for _, _, size, _ in lines) or _leading(style.size))
    row.height = tallest + 2 * pad


@dataclass(slots=True)
class _Placed:
    top: float
    kind: Literal["title", "header", "row", "block"]
    table: Table | None = None
    row: Row | None = None
    block: Block | None = None
    continued: bool = False


def _draw_row(
    canvas: Canvas,
    row: Row,
    widths: Sequence[float],
    columns: Sequence[Column],
    left: float,
    top: float,
    *,
    grid: bool = False,
) -> None:
    style = row.style
    total = sum(widths)
    bottom = top - row.height
    if style.fill is not None:
        canvas.setFillColor(style.fill)
        canvas.rect(left, bottom, total, row.height, stroke=0, fill=1)
    if style.stripe is not None:
        canvas.setFillColor(style.stripe)
        canvas.rect(left, bottom, 3, row.height, stroke=0, fill=1)
    if style.border is not None:
        canvas.setStrokeColor(style.border)
        canvas.setLineWidth(0.6)
        canvas.rect(left, bottom, total, row.height, stroke=1, fill=0)
    elif style.rule is not None:
        canvas.setStrokeColor(style.rule)
        canvas.setLineWidth(0.4)
        canvas.line(left, bottom, left + total, bottom)
    if grid and not row.span:
        canvas.setStrokeColor(style.rule or RULE)
        canvas.setLineWidth(0.4)
        x = left
        for width in widths[:-1]:
            x += width
            canvas.line(x, bottom, x, top)
    if row.span:
        spans: list[tuple[float, float, Align]] = [(left, total, "left")]
        if len(row.lines) > 1:
            spans.append((left, total, "right"))
    else:
        spans = []
        x = left
        for width, column in zip(widths, columns, strict=True):
            spans.append((x, width, column.align))
            x += width
    pad = style.padding
    for (x, width, align), lines in zip(spans, row.lines, strict=True):
        y = top - pad
        for text, font, size, colour in lines:
            y -= _leading(size)
            baseline = y + (_leading(size) - size) / 2 + size * 0.18
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            if align == "right":
                canvas.drawRightString(x + width - style.inset, baseline, text)
            elif align == "center":
                canvas.drawCentredString(x + width / 2, baseline, text)
            else:
                canvas.drawString(x + style.inset, baseline, text)


HEADER_STYLE = RowStyle(fill=SHADE, ink=MUTED, font=BOLD, size=HEADER_SIZE, rule=RULE, padding=2.5)
MIN_HEADER_SIZE = 5.0


def _header_row(table: Table, widths: Sequence[float]) -> Row:
    """The column headings, measured: a heading wraps onto a second line at spaces, and
    one whose longest word is wider than its column prints smaller (down to 5 pt)."""
    cells: list[Cell] = []
    for column, width in zip(table.columns, widths, strict=True):
        title = printable(column.title.upper())
        inner = width - 2 * HEADER_STYLE.inset
        longest = max((stringWidth(word, BOLD, HEADER_SIZE) for word in title.split()), default=0.0)
        size = HEADER_SIZE if longest <= inner else max(MIN_HEADER_SIZE, HEADER_SIZE * inner / longest)
        cells.append(Text(title, size=size))
    row = Row(tuple(cells), HEADER_STYLE)
    columns = [Column(c.title, c.width, c.align, wrap=True, max_lines=2) for c in table.columns]
    _measure_row(row, widths, columns)
    return row


class _Layout:
    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        width, height = frame.pagesize
        self.left = frame.margin
        self.width = width - 2 * frame.margin
        self.top = height - frame.margin - BAND_HEIGHT - DETAILS_HEIGHT - 4
        self.bottom = frame.margin + FOOTER_HEIGHT
        self.pages: list[list[_Placed]] = [[]]
        self.y = self.top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    @property
    def page_is_empty(self) -> bool:
        return not self.pages[-1]

    def room(self) -> float:
        return self.y - self.bottom

    def place(self, placed: _Placed, height: float) -> None:
        placed.top = self.y
        self.pages[-1].append(placed)
        self.y -= height

    def add_block(self, block: Block) -> None:
        if block.height > self.room() and not self.page_is_empty:
            self.new_page()
        self.place(_Placed(self.y, "block", block=block), block.height)
        self.y -= block.space_after

    def add_table(self, table: Table, widths: list[float]) -> None:
        header = _header_row(table, widths) if table.header else None
        for row in table.rows:
            _measure_row(row, widths, table.columns)
        title_height = TITLE_HEIGHT if table.title else 0.0
        head_height = title_height + (header.height if header is not None else 0.0)
        if not self.page_is_empty:
            self.y -= table.space_before

        def start(continued: bool) -> None:
            if table.title:
                self.place(_Placed(self.y, "title", table=table, continued=continued), title_height)
            if header is not None:
                self.place(_Placed(self.y, "header", table=table, row=header), header.height)

        rows = table.rows
        first = self._group_height(rows, 0)
        if head_height + first > self.room() and not self.page_is_empty:
            self.new_page()
        start(False)
        for index, row in enumerate(rows):
            group = self._group_height(rows, index)
            if group > self.room() and self.y < self.top - head_height - 0.01:
                self.new_page()
                start(True)
            self.place(_Placed(self.y, "row", table=table, row=row), row.height)

    @staticmethod
    def _group_height(rows: Sequence[Row], index: int) -> float:
        """The height of a row and of the rows it keeps with (at most four)."""
        height = 0.0
        for row in rows[index : index + 5]:
            height += row.height
            if not row.keep_with_next:
                break
        return height


def _widths(table: Table, width: float) -> list[float]:
    shares = sum(column.width for column in table.columns)
    return [width * column.width / shares for column in table.columns]


def _draw_frame(canvas: Canvas, frame: Frame, number: int, total: int) -> None:
    width, height = frame.pagesize
    left = frame.margin
    inner = width - 2 * frame.margin
    top = height - frame.margin
    canvas.setFillColor(BAND)
    canvas.rect(left, top - BAND_HEIGHT, inner, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    canvas.setFont(BOLD, 10.5)
    document = printable(frame.document)
    document_width = stringWidth(document, BOLD, 10.5)
    canvas.drawRightString(left + inner - 8, top - 14, document)
    canvas.drawString(
        left + 8, top - 14, fit(printable(frame.title), BOLD, 10.5, inner - document_width - 32)
    )
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(left, top - BAND_HEIGHT - 10, fit(printable(frame.details), REGULAR, 7.5, inner))
    y = frame.margin
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, y + 10, left + inner, y + 10)
    canvas.setFont(REGULAR, 7)
    canvas.drawString(left, y, fit(printable(frame.footer_left), REGULAR, 7, inner / 3))
    canvas.drawCentredString(left + inner / 2, y, fit(printable(frame.footer_centre), REGULAR, 7, inner / 3))
    canvas.drawRightString(left + inner, y, printable(frame.page_of.format(page=number, pages=total)))


def render_pdf(frame: Frame, items: Sequence[Table | Block], *, pdf_title: str, subject: str) -> bytes:
    """The PDF of ``items`` laid out top to bottom in ``frame``'s pages."""
    layout = _Layout(frame)
    widths: dict[int, list[float]] = {}
    for item in items:
        if isinstance(item, Block):
            layout.add_block(item)
        else:
            widths[id(item)] = _widths(item, layout.width)
            layout.add_table(item, widths[id(item)])
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=frame.pagesize,
        invariant=1,
        pageCompression=1,
        lang="fr-FR" if frame.language == "fr" else "en",
    )
    canvas.setTitle(printable(pdf_title))
    canvas.setSubject(printable(subject))
    canvas.setCreator("Clapboard")
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        _draw_frame(canvas, frame, number, total)
        for placed in page:
            if placed.kind == "block" and placed.block is not None:
                placed.block.draw(canvas, layout.left, placed.top, layout.width)
                continue
            table = placed.table
            assert table is not None
            if placed.kind == "title":
                title = printable(table.title)
                if placed.continued:
                    title = f"{title} {printable(frame.continued)}"
                canvas.setFont(BOLD, TITLE_SIZE)
                canvas.setFillColor(BAND)
                canvas.drawString(
                    layout.left, placed.top - TITLE_HEIGHT + 5, fit(title, BOLD, TITLE_SIZE, layout.width)
                )
                canvas.setStrokeColor(BAND)
                canvas.setLineWidth(1)
                canvas.line(
                    layout.left,
                    placed.top - TITLE_HEIGHT + 2,
                    layout.left + layout.width,
                    placed.top - TITLE_HEIGHT + 2,
                )
            elif placed.row is not None:
                _draw_row(
                    canvas,
                    placed.row,
                    widths[id(table)],
                    table.columns,
                    layout.left,
                    placed.top,
                    grid=table.grid,
                )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
