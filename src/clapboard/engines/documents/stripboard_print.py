"""The stripboard, printed: one coloured strip per scene, in shooting order.

Entry point: ``render_stripboard_pdf(schedule) -> bytes`` (landscape, A4 or Letter).
Strips take the board's colours: INT day white, EXT day yellow, INT night blue, EXT
night green, and orange for dawn or dusk, grey when the light is unknown; a legend on
the first page says so. Each strip prints its scene number, episode (when the schedule
has any), INT/EXT, set, time of day, pages and cast numbers. A black strip ends each
shooting day with its date, pages and estimated hours; banners stand out in violet with a
frame; days off, travel and rehearsal days are grey strips. The column headings repeat
at the top of every page, and the last strip adds up the board.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.documents._pdf import (
    BOLD,
    BOLD_ITALIC,
    INK,
    ITALIC,
    MUTED,
    REGULAR,
    RULE,
    WHITE,
    Block,
    Cell,
    Column,
    Row,
    RowStyle,
    Table,
    Text,
    parse_colour,
    printable,
    render_pdf,
)
from clapboard.engines.documents.schedule_labels import (
    Language,
    cast_numbers,
    colour_class,
    day_heading,
    details_line,
    format_day_date,
    hours_phrase,
    page_size,
    pages_phrase,
    resolve_labels,
    schedule_frame,
)
from clapboard.engines.documents.schedule_model import SceneStrip, ScheduleDocument, check_schedule
from clapboard.engines.screenplay.pagination import PageSize

__all__ = ["STRIP_COLOURS", "render_stripboard_pdf"]

# The board page's colours (static/clapboard/app.css, .strip--*), by colour class.
STRIP_COLOURS: dict[str, str] = {
    "int_day": "#FFFFFF",
    "ext_day": "#FFF3A6",
    "int_night": "#CFE0FF",
    "ext_night": "#C9EBCB",
    "dawn_dusk": "#FFD8B5",
    "unknown": "#E9EBF0",
}
_MAIN_CLASSES = ("int_day", "ext_day", "int_night", "ext_night")
BREAK_FILL = parse_colour("#1B1F27", "day break")
BANNER_FILL = parse_colour("#EFE6F7", "banner")
BANNER_EDGE = parse_colour("#6B3FA0", "banner")
OFF_FILL = parse_colour("#DFE3EA", "day off")

STRIP_SIZE = 8.0
_STYLES = {
    name: RowStyle(fill=parse_colour(colour, name), size=STRIP_SIZE, rule=RULE, padding=2.6)
    for name, colour in STRIP_COLOURS.items()
}
BREAK = RowStyle(fill=BREAK_FILL, ink=WHITE, font=BOLD, size=8.0, rule=None, padding=3.0)
BANNER = RowStyle(
    fill=BANNER_FILL,
    ink=BANNER_EDGE,
    font=BOLD_ITALIC,
    size=8.0,
    padding=2.6,
    stripe=BANNER_EDGE,
    border=BANNER_EDGE,
)
OFF = RowStyle(fill=OFF_FILL, ink=INK, font=ITALIC, size=8.0, rule=RULE, padding=2.6)
EMPTY = RowStyle(ink=MUTED, font=ITALIC, size=8.5, rule=None, padding=6.0)

LEGEND_HEIGHT = 16.0
SWATCH_WIDTH = 22.0
SWATCH_HEIGHT = 9.0


def _legend(labels: Mapping[str, str], classes: list[str]) -> Block:
    entries: list[tuple[str, Color, Color | None]] = [
        (labels[name], parse_colour(STRIP_COLOURS[name], name), None) for name in classes
    ]
    entries.append((labels["day_break"], BREAK_FILL, None))
    entries.append((labels["banner"], BANNER_FILL, BANNER_EDGE))

    def draw(canvas: Canvas, left: float, top: float, width: float) -> None:
        x = left
        y = top - LEGEND_HEIGHT + 4
        canvas.setFont(REGULAR, 7.5)
        for text, fill, edge in entries:
            label = printable(text)
            canvas.setFillColor(fill)
            canvas.setStrokeColor(edge or RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(x, y - 1.5, SWATCH_WIDTH, SWATCH_HEIGHT, stroke=1, fill=1)
            canvas.setFillColor(INK)
            canvas.drawString(x + SWATCH_WIDTH + 4, y, label)
            x += SWATCH_WIDTH + 4 + canvas.stringWidth(label, REGULAR, 7.5) + 14

    return Block(LEGEND_HEIGHT, draw, space_after=2.0)


def _columns(labels: Mapping[str, str], *, episodes: bool) -> tuple[Column, ...]:
    columns = [Column(labels["scene"], 6)]
    if episodes:
        columns.append(Column(labels["episode"], 4))
    columns += [
        Column(labels["int_ext"], 7),
        Column(labels["set"], 40),
        Column(labels["time_of_day"], 12),
        Column(labels["pages"], 7, align="right"),
        Column(labels["cast"], 22),
    ]
    return tuple(columns)


def _strip(scene: SceneStrip, *, episodes: bool) -> Row:
    cells: list[Cell] = [Text(scene.number, font=BOLD)]
    if episodes:
        cells.append(scene.episode)
    cells += [
        scene.int_ext,
        Text(scene.set_name, font=BOLD),
        scene.time_of_day,
        format_eighths(scene.eighths),
        cast_numbers(scene.cast),
    ]
    return Row(tuple(cells), _STYLES[colour_class(scene.int_ext, scene.daylight)])


def render_stripboard_pdf(
    schedule: ScheduleDocument,
    *,
    paper: PageSize = PageSize.A4,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The stripboard as a PDF, landscape on ``paper``: a strip per scene, a black strip
    at the end of each shooting day, banners and days off where they stand.

    Raises ``ScheduleDocumentError`` for a schedule that cannot be printed and ValueError
    for an unknown language or label key.
    """
    check_schedule(schedule)
    words = resolve_labels(language, labels)
    scenes = [scene for day in schedule.days for scene in day.scenes]
    episodes = any(scene.episode for scene in scenes)
    present = {colour_class(scene.int_ext, scene.daylight) for scene in scenes}
    classes = [name for name in STRIP_COLOURS if name in _MAIN_CLASSES or name in present]
    rows: list[Row] = []
    for day in schedule.days:
        left, right = day_heading(day, words)
        if not day.is_shooting:
            rows.append(Row((left, right) if right else (left,), OFF, span=True))
            continue
        for strip in day.strips:
            if isinstance(strip, SceneStrip):
                rows.append(_strip(strip, episodes=episodes))
            else:
                rows.append(Row((strip.text,), BANNER, span=True))
        end = details_line(words["end_of_day"].format(number=day.number), format_day_date(day.date, words))
        rows.append(Row((end, right), BREAK, span=True))
    if not schedule.days:
        rows.append(Row((words["empty"],), EMPTY, span=True))
    else:
        total = details_line(
            words["total"],
            words["total_line"].format(days=schedule.shooting_days, scenes=schedule.scene_count),
        )
        summary = details_line(
            pages_phrase(schedule.total_eighths, words), hours_phrase(schedule.total_minutes, words)
        )
        rows.append(Row((total, summary), BREAK, span=True))
    frame = schedule_frame(
        schedule, words, document="stripboard", pagesize=page_size(paper, wide=True), language=language
    )
    return render_pdf(
        frame,
        [_legend(words, classes), Table(_columns(words, episodes=episodes), rows, space_before=0, grid=True)],
        pdf_title=details_line(words["stripboard"], schedule.production_title),
        subject=details_line(schedule.schedule_name, schedule.version_label),
    )
