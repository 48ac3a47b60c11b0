"""The call sheet of one shooting day.

Entry point: ``render_call_sheet_pdf(sheet) -> bytes`` (portrait, A4 or Letter). The top
of the first page gives the day ("Day 3 of 40"), its date, the general call in a dark
box, and when known sunrise, sunset, weather and the day's other times; then come the
sections, each left out when it has nothing to show: contacts, the day's scenes (number,
INT/EXT, set, time of day, cast, pages, location) with their total, the cast calls
(pick-up, make-up, on set), the crew calls grouped by department, the locations with
parking and unit base, the nearest hospital, the advance schedule (the next shooting
day's scenes) and the notes. A column that no row fills (phone numbers the reader may
not see, pick-up addresses) is left out too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.documents._pdf import (
    BAND,
    BOLD,
    BOLD_ITALIC,
    INK,
    MUTED,
    REGULAR,
    RULE,
    SHADE,
    WHITE,
    Block,
    Cell,
    Column,
    Frame,
    Row,
    RowStyle,
    Table,
    Text,
    clip,
    fit,
    format_time,
    printable,
    render_pdf,
    wrap,
)
from clapboard.engines.documents.schedule_labels import (
    Language,
    cast_numbers,
    details_line,
    format_day_date,
    page_size,
    pages_phrase,
    resolve_labels,
)
from clapboard.engines.documents.schedule_model import (
    Banner,
    CallSheet,
    CallSheetLocation,
    CastCall,
    Contact,
    SceneStrip,
    ScheduleDay,
    check_call_sheet,
)
from clapboard.engines.screenplay.pagination import PageSize

__all__ = ["render_call_sheet_pdf"]

ROW = RowStyle(size=8.0, padding=2.8)
STRONG = RowStyle(size=8.0, padding=2.8, font=BOLD)
BANNER = RowStyle(
    fill=Color(1, 0.95, 0.79), font=BOLD_ITALIC, size=8.0, padding=2.6, stripe=Color(0.85, 0.6, 0.1)
)
DEPARTMENT = RowStyle(fill=Color(0.85, 0.88, 0.92), font=BOLD, size=8.0, rule=RULE, padding=2.8)
TOTAL = RowStyle(fill=SHADE, font=BOLD, size=8.0, rule=RULE, padding=2.8)
NOTE = RowStyle(size=8.5, padding=3.0)

HEADER_HEIGHT = 64.0
BOX_GAP = 6.0
BOX_PAD = 6.0


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Field(Generic[T]):
    """A column that appears only when some row fills it (unless ``always``)."""

    column: Column
    value: Callable[[T], Cell]
    always: bool = False


def _filled(cell: Cell) -> bool:
    if isinstance(cell, str):
        return bool(cell.strip())
    if isinstance(cell, Text):
        return bool(cell.text.strip())
    return any(run.text.strip() for run in cell)


def _used(fields: Sequence[_Field[T]], items: Sequence[T]) -> list[_Field[T]]:
    return [f for f in fields if f.always or any(_filled(f.value(item)) for item in items)]


def _table(
    title: str, fields: Sequence[_Field[T]], items: Sequence[T], *, style: RowStyle = ROW
) -> Table | None:
    """A section's table over ``items``, without the optional columns nobody fills; None
    when there is no item."""
    if not items:
        return None
    used = _used(fields, items)
    rows = [Row(tuple(f.value(item) for f in used), style) for item in items]
    return Table(tuple(f.column for f in used), rows, title=title)


def _header(sheet: CallSheet, labels: Mapping[str, str]) -> Block:
    """The boxes at the top: day and date, general call, sun and weather, other times."""
    boxes: list[tuple[float, Callable[[Canvas, float, float, float], None]]] = []

    def day_box(canvas: Canvas, x: float, top: float, width: float) -> None:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.rect(x, top - HEADER_HEIGHT, width, HEADER_HEIGHT, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 17)
        day = labels["day_of"].format(number=sheet.day_number, total=sheet.total_days)
        canvas.drawString(x + BOX_PAD, top - 24, fit(printable(day), BOLD, 17, width - 2 * BOX_PAD))
        canvas.setFont(BOLD, 10)
        date = format_day_date(sheet.date, labels)
        canvas.drawString(x + BOX_PAD, top - 40, fit(printable(date), BOLD, 10, width - 2 * BOX_PAD))
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        if sheet.unit:
            unit = printable(labels["unit"].format(unit=sheet.unit))
            canvas.drawString(x + BOX_PAD, top - 54, fit(unit, REGULAR, 7.5, width - 2 * BOX_PAD))

    def call_box(canvas: Canvas, x: float, top: float, width: float) -> None:
        canvas.setFillColor(BAND)
        canvas.rect(x, top - HEADER_HEIGHT, width, HEADER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(WHITE)
        canvas.setFont(BOLD, 7.5)
        label = printable(labels["general_call"].upper())
        lines = clip(wrap(label, BOLD, 7.5, width - 2 * BOX_PAD), 2, BOLD, 7.5, width - 2 * BOX_PAD)
        for number, line in enumerate(lines):
            canvas.drawCentredString(
                x + width / 2, top - 13 - 8.5 * number - (4 if len(lines) == 1 else 0), line
            )
        canvas.setFont(BOLD, 26)
        call = printable(format_time(sheet.general_call))
        canvas.drawCentredString(x + width / 2, top - 52, fit(call, BOLD, 26, width - 2 * BOX_PAD))

    def list_box(entries: list[tuple[str, str]]) -> Callable[[Canvas, float, float, float], None]:
        def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(x, top - HEADER_HEIGHT, width, HEADER_HEIGHT, stroke=1, fill=0)
            y = top - BOX_PAD - 7.5
            inner = width - 2 * BOX_PAD
            label_width = min(
                max(stringWidth(printable(label), REGULAR, 7) for label, _ in entries), inner / 2
            )
            label_width += 5
            value_width = inner - label_width
            for label, value in entries:
                canvas.setFont(REGULAR, 7)
                canvas.setFillColor(MUTED)
                canvas.drawString(x + BOX_PAD, y, fit(printable(label), REGULAR, 7, label_width - 5))
                lines = clip(wrap(printable(value), BOLD, 8, value_width) or [""], 3, BOLD, 8, value_width)
                canvas.setFont(BOLD, 8)
                canvas.setFillColor(INK)
                for line in lines:
                    if y < top - HEADER_HEIGHT + 4:
                        return
                    canvas.drawString(x + BOX_PAD + label_width, y, line)
                    y -= 10
                y -= 1

        return draw

    boxes.append((1.6, day_box))
    boxes.append((1.0, call_box))
    sun = [
        (labels["sunrise"], format_time(sheet.sunrise)),
        (labels["sunset"], format_time(sheet.sunset)),
        (labels["weather"], sheet.weather),
    ]
    sun = [(label, value) for label, value in sun if value.strip()]
    if sun:
        boxes.append((1.5, list_box(sun)))
    times = [(timing.label, format_time(timing.time)) for timing in sheet.timings]
    if times:
        boxes.append((1.0, list_box(times)))

    def draw(canvas: Canvas, left: float, top: float, width: float) -> None:
        shares = sum(share for share, _ in boxes)
        available = width - BOX_GAP * (len(boxes) - 1)
        x = left
        for share, box in boxes:
            box_width = available * share / shares
            box(canvas, x, top, box_width)
            x += box_width + BOX_GAP

    return Block(HEADER_HEIGHT, draw, space_after=4.0)


def _scene_fields(labels: Mapping[str, str], *, with_location: bool) -> list[_Field[SceneStrip]]:
    fields: list[_Field[SceneStrip]] = [
        _Field(Column(labels["scene"], 6), lambda s: Text(s.number, font=BOLD), always=True),
        _Field(Column(labels["int_ext"], 8), lambda s: s.int_ext),
        _Field(Column(labels["set"], 27, wrap=True, max_lines=3), lambda s: s.set_name, always=True),
        _Field(Column(labels["time_of_day"], 9), lambda s: s.time_of_day),
        _Field(Column(labels["cast"], 12, wrap=True, max_lines=3), lambda s: cast_numbers(s.cast)),
    ]
    if with_location:
        fields.append(
            _Field(Column(labels["location"], 22, wrap=True, max_lines=3), lambda s: s.location_name)
        )
    fields.append(
        _Field(Column(labels["pages"], 6, align="right"), lambda s: format_eighths(s.eighths), always=True)
    )
    return fields


def _scenes(
    title: str, strips: Sequence[SceneStrip | Banner], labels: Mapping[str, str], *, with_location: bool
) -> Table | None:
    scenes = [strip for strip in strips if isinstance(strip, SceneStrip)]
    if not strips:
        return None
    fields = _scene_fields(labels, with_location=with_location)
    used = _used(fields, scenes)
    rows: list[Row] = []
    for strip in strips:
        if isinstance(strip, SceneStrip):
            rows.append(Row(tuple(f.value(strip) for f in used), ROW))
        else:
            rows.append(Row((strip.text,), BANNER, span=True))
    if scenes:
        total = details_line(
            labels["total"],
            labels["scenes_count"].format(count=len(scenes)),
            pages_phrase(sum(scene.eighths for scene in scenes), labels),
        )
        rows.append(Row((total,), TOTAL, span=True))
    return Table(tuple(f.column for f in used), rows, title=title)


def _cast_calls(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    fields: list[_Field[CastCall]] = [
        _Field(
            Column(labels["number"], 4, align="right"), lambda c: Text(str(c.number), font=BOLD), always=True
        ),
        _Field(Column(labels["character"], 17, wrap=True, max_lines=2), lambda c: c.character, always=True),
        _Field(Column(labels["actor"], 16, wrap=True, max_lines=2), lambda c: c.actor),
        _Field(Column(labels["pick_up"], 9, align="center"), lambda c: format_time(c.pick_up)),
        _Field(Column(labels["pick_up_address"], 18, wrap=True, max_lines=3), lambda c: c.pick_up_address),
        _Field(Column(labels["make_up"], 7, align="center"), lambda c: format_time(c.make_up)),
        _Field(
            Column(labels["on_set"], 7, align="center"),
            lambda c: Text(format_time(c.on_set), font=BOLD),
        ),
        _Field(Column(labels["phone"], 11), lambda c: c.phone),
        _Field(Column(labels["remarks"], 16, wrap=True, max_lines=4), lambda c: c.remarks),
    ]
    return _table(labels["cast_calls"], fields, sheet.cast_calls)


def _crew_calls(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    calls = sheet.crew_calls
    if not calls:
        return None
    has_phone = any(call.phone for call in calls)
    has_remarks = any(call.remarks for call in calls)
    columns = [
        Column(labels["role"], 26, wrap=True, max_lines=2),
        Column(labels["name"], 26, wrap=True, max_lines=2),
    ]
    columns.append(Column(labels["call"], 11, align="center"))
    if has_phone:
        columns.append(Column(labels["phone"], 14))
    if has_remarks:
        columns.append(Column(labels["remarks"], 25, wrap=True, max_lines=3))
    departments: dict[str, list[Row]] = {}
    for call in calls:
        cells: list[Cell] = [call.role, call.name, Text(format_time(call.call), font=BOLD)]
        if has_phone:
            cells.append(call.phone)
        if has_remarks:
            cells.append(call.remarks)
        departments.setdefault(call.department, []).append(Row(tuple(cells), ROW))
    rows: list[Row] = []
    for department, members in departments.items():
        rows.append(Row((department,), DEPARTMENT, span=True, keep_with_next=True))
        rows.extend(members)
    return Table(tuple(columns), rows, title=labels["crew_calls"])


def _locations(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    fields: list[_Field[CallSheetLocation]] = [
        _Field(
            Column(labels["location"], 18, wrap=True, max_lines=3),
            lambda p: Text(p.name, font=BOLD),
            always=True,
        ),
        _Field(Column(labels["address"], 22, wrap=True, max_lines=4), lambda p: p.address),
        _Field(Column(labels["parking"], 20, wrap=True, max_lines=4), lambda p: p.parking),
        _Field(Column(labels["base"], 20, wrap=True, max_lines=4), lambda p: p.base),
        _Field(Column(labels["location_contact"], 16, wrap=True, max_lines=3), lambda p: p.contact),
    ]
    return _table(labels["locations"], fields, sheet.locations)


def _contacts(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    fields: list[_Field[Contact]] = [
        _Field(Column(labels["role"], 30), lambda c: c.role, always=True),
        _Field(Column(labels["name"], 40), lambda c: Text(c.name, font=BOLD), always=True),
        _Field(Column(labels["phone"], 30), lambda c: c.phone),
    ]
    return _table(labels["contacts"], fields, sheet.contacts)


def _hospital(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    hospital = sheet.hospital
    if hospital is None:
        return None
    columns = [Column(labels["name"], 34, wrap=True, max_lines=2)]
    cells: list[Cell] = [Text(hospital.name, font=BOLD)]
    if hospital.address:
        columns.append(Column(labels["address"], 44, wrap=True, max_lines=3))
        cells.append(hospital.address)
    if hospital.phone:
        columns.append(Column(labels["phone"], 22))
        cells.append(Text(hospital.phone, font=BOLD))
    return Table(tuple(columns), [Row(tuple(cells), ROW)], title=labels["hospital"])


def _advance(day: ScheduleDay | None, labels: Mapping[str, str]) -> Table | None:
    if day is None:
        return None
    name = labels["day_n"].format(number=day.number) if day.number is not None else labels[day.kind.value]
    title = details_line(labels["advance"], name, format_day_date(day.date, labels))
    return _scenes(title, day.strips, labels, with_location=True)


def _notes(sheet: CallSheet, labels: Mapping[str, str]) -> Table | None:
    notes = [note for note in sheet.notes if note.strip()]
    if not notes:
        return None
    rows = [Row((note,), NOTE, span=True) for note in notes]
    return Table((Column("", 1),), rows, title=labels["notes"], header=False)


def render_call_sheet_pdf(
    sheet: CallSheet,
    *,
    paper: PageSize = PageSize.A4,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The call sheet as a PDF, portrait on ``paper``; empty sections are left out.

    Raises ``ScheduleDocumentError`` for a day that is not in the schedule or a scene of
    negative length, and ValueError for an unknown language or label key.
    """
    check_call_sheet(sheet)
    words = resolve_labels(language, labels)
    sections = [
        _contacts(sheet, words),
        _scenes(words["scenes"], sheet.scenes, words, with_location=True),
        _cast_calls(sheet, words),
        _crew_calls(sheet, words),
        _locations(sheet, words),
        _hospital(sheet, words),
        _advance(sheet.advance, words),
        _notes(sheet, words),
    ]
    items: list[Table | Block] = [_header(sheet, words)]
    items.extend(section for section in sections if section is not None)
    day = words["day_of"].format(number=sheet.day_number, total=sheet.total_days)
    date = format_day_date(sheet.date, words)
    generated = (
        words["generated"].format(date=format_day_date(sheet.generated_on, words, weekday=False))
        if sheet.generated_on is not None
        else ""
    )
    frame = Frame(
        pagesize=page_size(paper, wide=False),
        title=sheet.production_title,
        document=words["call_sheet"],
        details=details_line(day, date, sheet.schedule_label),
        footer_left=generated,
        footer_centre=details_line(sheet.production_title, day),
        page_of=words["page_of"],
        continued=words["continued"],
        language=language,
    )
    return render_pdf(
        frame,
        items,
        pdf_title=details_line(words["call_sheet"], sheet.production_title, day),
        subject=date,
    )
