"""The shooting schedule: each day's scenes in full, for the heads of department.

Entry points: ``render_shooting_schedule_pdf(schedule) -> bytes`` (portrait, A4 or
Letter) and ``render_shooting_schedule_xlsx(schedule) -> bytes``. Each shooting day is a
block under its title (day, date, pages, estimated hours; repeated with "(cont'd)" when
the day runs onto the next page): a row per scene with its number, its heading (INT/EXT,
set, time of day), its synopsis in full, the place where it is shot, the cast by number
and name, and its pages; banners where they stand; and a closing line "End of day N —
x pages". Days off, travel and rehearsal days are one line each. The Excel sheet holds
the same content, the day totals as formulas.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.colors import Color

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.documents._pdf import (
    BAND,
    BOLD,
    BOLD_ITALIC,
    ITALIC,
    MUTED,
    RULE,
    WHITE,
    Block,
    Cell,
    Column,
    Row,
    RowStyle,
    Table,
    Text,
    render_pdf,
)
from clapboard.engines.documents._xlsx import ScheduleSheet
from clapboard.engines.documents.schedule_labels import (
    Language,
    day_heading,
    details_line,
    hours_phrase,
    page_size,
    pages_phrase,
    resolve_labels,
    schedule_frame,
)
from clapboard.engines.documents.schedule_model import (
    CastMember,
    SceneStrip,
    ScheduleDay,
    ScheduleDocument,
    check_schedule,
)
from clapboard.engines.screenplay.pagination import PageSize

__all__ = ["render_shooting_schedule_pdf", "render_shooting_schedule_xlsx", "scene_heading"]

SCENE = RowStyle(size=8.0, padding=3.5, rule=RULE)
BANNER = RowStyle(
    fill=Color(1, 0.95, 0.79), font=BOLD_ITALIC, size=8.0, padding=3.0, stripe=Color(0.85, 0.6, 0.1)
)
END = RowStyle(fill=Color(0.85, 0.88, 0.92), font=BOLD, size=8.5, rule=None, padding=3.5)
OFF = RowStyle(fill=Color(0.94, 0.95, 0.96), ink=MUTED, font=ITALIC, size=8.5, rule=RULE, padding=4.0)
TOTAL = RowStyle(fill=BAND, ink=WHITE, font=BOLD, size=9.0, rule=None, padding=4.0)
EMPTY = RowStyle(ink=MUTED, font=ITALIC, size=9.0, rule=None, padding=6.0)
SYNOPSIS_LINES = 14


def scene_heading(scene: SceneStrip) -> str:
    """ "EXT. CALE DE TRÉVÉNEC — AUBE", from the scene's parts."""
    prefix = f"{scene.int_ext}." if scene.int_ext else ""
    place = " ".join(part for part in (prefix, scene.set_name) if part)
    return details_line(place, scene.time_of_day)


def _columns(labels: Mapping[str, str]) -> tuple[Column, ...]:
    return (
        Column(labels["scene"], 8),
        Column(labels["scene_details"], 52, wrap=True, max_lines=SYNOPSIS_LINES + 4),
        Column(labels["cast"], 30, wrap=True, max_lines=16),
        Column(labels["pages"], 8, align="right"),
    )


def _cast_lines(scene: SceneStrip, names: Mapping[int, CastMember]) -> tuple[Text, ...]:
    lines = []
    for number in sorted(scene.cast):
        member = names.get(number)
        if member is None:
            lines.append(Text(str(number)))
            continue
        actor = f" ({member.actor})" if member.actor else ""
        lines.append(Text(f"{number}. {member.character}{actor}", size=7.5))
    return tuple(lines)


def _scene_row(scene: SceneStrip, labels: Mapping[str, str], names: Mapping[int, CastMember]) -> Row:
    number: list[Text] = [Text(scene.number, font=BOLD, size=10.5)]
    if scene.episode:
        number.append(Text(f"{labels['episode']} {scene.episode}", size=7.0, colour=MUTED))
    body = [Text(scene_heading(scene), font=BOLD, size=8.5)]
    if scene.synopsis:
        body.append(Text(scene.synopsis))
    place = details_line(scene.location_name, scene.location_address)
    if place:
        body.append(Text(f"{labels['location']}: {place}", font=ITALIC, size=7.0, colour=MUTED))
    cells: tuple[Cell, ...] = (
        tuple(number),
        tuple(body),
        _cast_lines(scene, names),
        Text(format_eighths(scene.eighths), font=BOLD),
    )
    return Row(cells, SCENE)


def _day_table(day: ScheduleDay, labels: Mapping[str, str], names: Mapping[int, CastMember]) -> Table:
    left, right = day_heading(day, labels)
    if not day.is_shooting:
        return Table(
            _columns(labels), [Row((left, right) if right else (left,), OFF, span=True)], header=False
        )
    rows: list[Row] = []
    for strip in day.strips:
        if isinstance(strip, SceneStrip):
            rows.append(_scene_row(strip, labels, names))
        else:
            rows.append(Row((strip.text,), BANNER, span=True))
    end = details_line(labels["end_of_day"].format(number=day.number), pages_phrase(day.eighths, labels))
    rows.append(Row((end, hours_phrase(day.minutes, labels)), END, span=True))
    return Table(_columns(labels), rows, title=details_line(left, right), space_before=12.0)


def render_shooting_schedule_pdf(
    schedule: ScheduleDocument,
    *,
    paper: PageSize = PageSize.A4,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The shooting schedule as a PDF, portrait on ``paper``.

    Raises ``ScheduleDocumentError`` for a schedule that cannot be printed and ValueError
    for an unknown language or label key.
    """
    check_schedule(schedule)
    words = resolve_labels(language, labels)
    names = {member.number: member for member in schedule.cast}
    items: list[Table | Block] = [_day_table(day, words, names) for day in schedule.days]
    if not schedule.days:
        items.append(Table(_columns(words), [Row((words["empty"],), EMPTY, span=True)], header=False))
    else:
        total = details_line(
            words["total"],
            words["total_line"].format(days=schedule.shooting_days, scenes=schedule.scene_count),
        )
        summary = details_line(
            pages_phrase(schedule.total_eighths, words), hours_phrase(schedule.total_minutes, words)
        )
        items.append(
            Table(_columns(words), [Row((total, summary), TOTAL, span=True)], header=False, space_before=14)
        )
    frame = schedule_frame(
        schedule,
        words,
        document="shooting_schedule",
        pagesize=page_size(paper, wide=False),
        language=language,
    )
    return render_pdf(
        frame,
        items,
        pdf_title=details_line(words["shooting_schedule"], schedule.production_title),
        subject=details_line(schedule.schedule_name, schedule.version_label),
    )


def render_shooting_schedule_xlsx(
    schedule: ScheduleDocument,
    *,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The shooting schedule as an Excel workbook of one sheet: each day's header row, a
    row per scene with its synopsis, cast names and address, and an "End of day" row
    whose total is ``=SUM`` of the day's eighths."""
    check_schedule(schedule)
    words = resolve_labels(language, labels)
    return ScheduleSheet(schedule, words, document=words["shooting_schedule"], detailed=True).write()
