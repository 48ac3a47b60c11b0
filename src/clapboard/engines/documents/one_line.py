"""The one-line schedule: every scene on one line, grouped by shooting day.

Entry points: ``render_one_line_pdf(schedule) -> bytes`` (A4 landscape, or Letter) and
``render_one_line_xlsx(schedule) -> bytes`` (one sheet). Each day opens with its header,
"Day 3 — Monday 5 May 2027" with its pages and estimated hours; its scenes follow in
shooting order (number, episode when the schedule has any, INT/EXT, set, time of day,
synopsis cut to one line, cast numbers, location, pages), with the banners where they
stand; days off, travel and rehearsal days are one line each. The last line adds up the
schedule. The Excel sheet holds the same rows, with the day totals as formulas.
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
    cast_numbers,
    day_heading,
    details_line,
    hours_phrase,
    page_size,
    pages_phrase,
    resolve_labels,
    schedule_frame,
)
from clapboard.engines.documents.schedule_model import SceneStrip, ScheduleDocument, check_schedule
from clapboard.engines.screenplay.pagination import PageSize

__all__ = ["render_one_line_pdf", "render_one_line_xlsx"]

DAY = RowStyle(fill=Color(0.85, 0.88, 0.92), font=BOLD, size=8.5, rule=RULE, padding=3.0)
SCENE = RowStyle(size=7.5, padding=2.0)
BANNER = RowStyle(
    fill=Color(1, 0.95, 0.79), font=BOLD_ITALIC, size=7.5, padding=2.0, stripe=Color(0.85, 0.6, 0.1)
)
OFF = RowStyle(fill=Color(0.94, 0.95, 0.96), ink=MUTED, font=ITALIC, size=8.0, rule=RULE, padding=3.0)
TOTAL = RowStyle(fill=BAND, ink=WHITE, font=BOLD, size=8.5, rule=None, padding=3.5)
EMPTY = RowStyle(ink=MUTED, font=ITALIC, size=8.5, rule=None, padding=6.0)


def _columns(labels: Mapping[str, str], *, episodes: bool) -> tuple[Column, ...]:
    columns = [Column(labels["scene"], 5.5)]
    if episodes:
        columns.append(Column(labels["episode"], 4))
    columns += [
        Column(labels["int_ext"], 6.5),
        Column(labels["set"], 24),
        Column(labels["time_of_day"], 8),
        Column(labels["synopsis"], 36),
        Column(labels["cast"], 9.5),
        Column(labels["location"], 15),
        Column(labels["pages"], 6, align="right"),
    ]
    return tuple(columns)


def _scene_row(scene: SceneStrip, *, episodes: bool) -> Row:
    cells: list[Cell] = [Text(scene.number, font=BOLD)]
    if episodes:
        cells.append(scene.episode)
    cells += [
        scene.int_ext,
        scene.set_name,
        scene.time_of_day,
        scene.synopsis,
        cast_numbers(scene.cast),
        scene.location_name,
        format_eighths(scene.eighths),
    ]
    return Row(tuple(cells), SCENE)


def render_one_line_pdf(
    schedule: ScheduleDocument,
    *,
    paper: PageSize = PageSize.A4,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The one-line schedule as a PDF, landscape on ``paper``.

    Raises ``ScheduleDocumentError`` for a schedule that cannot be printed and ValueError
    for an unknown language or label key.
    """
    check_schedule(schedule)
    words = resolve_labels(language, labels)
    episodes = any(scene.episode for day in schedule.days for scene in day.scenes)
    rows: list[Row] = []
    for day in schedule.days:
        left, right = day_heading(day, words)
        if not day.is_shooting:
            rows.append(Row((left, right) if right else (left,), OFF, span=True))
            continue
        rows.append(Row((left, right), DAY, span=True, keep_with_next=True))
        for strip in day.strips:
            if isinstance(strip, SceneStrip):
                rows.append(_scene_row(strip, episodes=episodes))
            else:
                rows.append(Row((strip.text,), BANNER, span=True))
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
        rows.append(Row((total, summary), TOTAL, span=True))
    table = Table(_columns(words, episodes=episodes), rows, space_before=0)
    frame = schedule_frame(
        schedule, words, document="one_line", pagesize=page_size(paper, wide=True), language=language
    )
    return render_pdf(
        frame,
        [table],
        pdf_title=details_line(words["one_line"], schedule.production_title),
        subject=details_line(schedule.schedule_name, schedule.version_label),
    )


def render_one_line_xlsx(
    schedule: ScheduleDocument,
    *,
    language: Language = "en",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The one-line schedule as an Excel workbook of one sheet: a row per scene under its
    day's header row, which carries the day's total (``=SUM`` of its scenes' eighths)."""
    check_schedule(schedule)
    words = resolve_labels(language, labels)
    return ScheduleSheet(schedule, words, document=words["one_line"], detailed=False).write()
