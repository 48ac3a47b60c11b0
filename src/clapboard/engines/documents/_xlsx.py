"""What the Excel schedules share: one sheet of days and scenes, written with openpyxl.

The sheet opens with the production, the document's name and the generation date, then a
header row that stays frozen while scrolling. Each day starts with a header row; its
scenes follow, one row each, with the length twice: "Pages" as a line producer writes
it ("1 3/8", text) and "Eighths" as an integer that formulas add up. A day's total is an
Excel ``=SUM()`` over its scenes' eighths, with its pages text computed from that sum by
a formula; the schedule's total adds up the days' totals. Banners and days on which
nothing is shot are rows of their own.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.documents.schedule_labels import (
    cast_numbers,
    day_heading,
    details_line,
    format_day_date,
    hours_phrase,
    pages_phrase,
)
from clapboard.engines.documents.schedule_model import Banner, SceneStrip, ScheduleDay, ScheduleDocument

TITLE_ROWS = 4  # production, document, generated on, blank
DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", start_color="FF27333D")
_DAY_FILL = PatternFill("solid", start_color="FFDCE3EC")
_BANNER_FILL = PatternFill("solid", start_color="FFFFF1C9")
_OFF_FILL = PatternFill("solid", start_color="FFEDEFF3")
_TOTAL_FILL = PatternFill("solid", start_color="FFC9D3E0")
_THIN = Side(style="thin", color="FF9AA4B1")
_TOP_RULE = Border(top=_THIN)


@dataclass(frozen=True, slots=True)
class XlsxColumn:
    """A column of the sheet: its label key, its width in characters and what it holds."""

    key: str
    width: float
    wrap: bool = False


def pages_formula(cell: str) -> str:
    """A formula writing the eighths in ``cell`` as pages: 11 -> "1 3/8", 8 -> "1", 3 -> "3/8"."""
    whole = f"INT({cell}/8)"
    part = f"MOD({cell},8)"
    return f'=IF({cell}=0,"0",IF({whole}=0,"",{whole}&IF({part}=0,""," "))&IF({part}=0,"",{part}&"/8"))'


def sum_of_cells(cells: Sequence[str]) -> str:
    """``=SUM(A1,A9,…)`` over scattered cells, nested so that no SUM takes more than 255
    arguments; ``=0`` for none."""
    if not cells:
        return "=0"
    chunks = [f"SUM({','.join(cells[i : i + 200])})" for i in range(0, len(cells), 200)]
    return f"={chunks[0]}" if len(chunks) == 1 else f"=SUM({','.join(chunks)})"


def _cast_names(scene: SceneStrip, names: Mapping[int, tuple[str, str]]) -> str:
    lines = []
    for number in sorted(scene.cast):
        character, actor = names.get(number, ("", ""))
        text = f"{number}. {character}".rstrip(". ") if character else str(number)
        lines.append(f"{text} ({actor})" if actor else text)
    return "\n".join(lines)


class ScheduleSheet:
    """Writes a schedule into one worksheet; ``detailed`` adds the cast's names, the
    location's address, and an "End of day" row that carries each day's total (else the
    total sits on the day's header row)."""

    def __init__(
        self,
        schedule: ScheduleDocument,
        labels: Mapping[str, str],
        *,
        document: str,
        detailed: bool,
    ) -> None:
        self.schedule = schedule
        self.labels = labels
        self.document = document
        self.detailed = detailed
        self.names = {member.number: (member.character, member.actor) for member in schedule.cast}
        columns = [
            XlsxColumn("day", 6),
            XlsxColumn("date", 11),
            XlsxColumn("scene", 7),
            XlsxColumn("episode", 6),
            XlsxColumn("int_ext", 7),
            XlsxColumn("set", 30, wrap=detailed),
            XlsxColumn("time_of_day", 10),
            XlsxColumn("synopsis", 50 if detailed else 44, wrap=detailed),
            XlsxColumn("cast", 28 if detailed else 14, wrap=detailed),
            XlsxColumn("location", 22, wrap=detailed),
        ]
        if detailed:
            columns.append(XlsxColumn("address", 28, wrap=True))
        columns += [XlsxColumn("pages", 8), XlsxColumn("eighths", 8)]
        self.columns = columns
        self.index = {column.key: number for number, column in enumerate(columns, start=1)}
        self.workbook = Workbook()
        self.sheet: Any = self.workbook.active
        self.row = 1

    def letter(self, key: str) -> str:
        return str(get_column_letter(self.index[key]))

    def put(self, key: str, value: object, **style: Any) -> Any:
        cell = self.sheet.cell(row=self.row, column=self.index[key], value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def fill_row(self, fill: PatternFill, font: Font | None = None, border: Border | None = None) -> None:
        for number in range(1, len(self.columns) + 1):
            cell = self.sheet.cell(row=self.row, column=number)
            cell.fill = fill
            if font is not None:
                cell.font = font
            if border is not None:
                cell.border = border

    def title(self) -> None:
        schedule = self.schedule
        self.sheet.title = self.document[:31].title().replace("/", "-")
        self.sheet.cell(row=1, column=1, value=schedule.production_title).font = Font(bold=True, size=14)
        unit = self.labels["unit"].format(unit=schedule.unit) if schedule.unit else ""
        self.sheet.cell(
            row=2,
            column=1,
            value=details_line(self.document, schedule.schedule_name, schedule.version_label, unit),
        ).font = Font(bold=True, size=11)
        generated = self.labels["generated"].format(
            date=format_day_date(schedule.generated_on, self.labels, weekday=False)
        )
        self.sheet.cell(row=3, column=1, value=generated).font = Font(italic=True, color="FF606060")
        self.row = TITLE_ROWS + 1
        for column in self.columns:
            cell = self.put(column.key, self.labels[column.key])
            cell.font = Font(bold=True, color="FFFFFFFF")
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center")
            self.sheet.column_dimensions[self.letter(column.key)].width = column.width
        self.sheet.freeze_panes = self.sheet.cell(row=self.row + 1, column=1)
        self.row += 1

    def totals(self, eighths_formula: str, pages_from: str | None = None) -> None:
        self.put("eighths", eighths_formula, number_format="0", font=Font(bold=True))
        pages_cell = pages_from or f"{self.letter('eighths')}{self.row}"
        self.put(
            "pages",
            pages_formula(pages_cell),
            font=Font(bold=True),
            alignment=Alignment(horizontal="right"),
        )

    def scene(self, day: ScheduleDay, scene: SceneStrip) -> None:
        top = Alignment(vertical="top", wrap_text=self.detailed)
        values: dict[str, object] = {
            "day": day.number,
            "date": day.date,
            "scene": scene.number,
            "episode": scene.episode or None,
            "int_ext": scene.int_ext or None,
            "set": scene.set_name,
            "time_of_day": scene.time_of_day or None,
            "synopsis": scene.synopsis or None,
            "cast": (_cast_names(scene, self.names) if self.detailed else cast_numbers(scene.cast)) or None,
            "location": scene.location_name or None,
            "pages": format_eighths(scene.eighths),
            "eighths": scene.eighths,
        }
        if self.detailed:
            values["address"] = scene.location_address or None
        for key, value in values.items():
            cell = self.put(key, value, alignment=top)
        self.sheet.cell(row=self.row, column=self.index["date"]).number_format = DATE_FORMAT
        self.sheet.cell(row=self.row, column=self.index["day"]).number_format = "0"
        cell = self.sheet.cell(row=self.row, column=self.index["eighths"])
        cell.number_format = "0"
        self.sheet.cell(row=self.row, column=self.index["pages"]).alignment = Alignment(
            horizontal="right", vertical="top"
        )
        self.row += 1

    def banner(self, banner: Banner) -> None:
        self.fill_row(_BANNER_FILL, Font(italic=True, bold=True))
        self.put("day", banner.text)
        self.row += 1

    def day(self, day: ScheduleDay) -> str | None:
        """Writes a day; returns the cell holding its total in eighths (None for a day off)."""
        left, right = day_heading(day, self.labels)
        if not day.is_shooting:
            self.fill_row(_OFF_FILL, Font(italic=True))
            self.put("day", details_line(left, right))
            self.put("date", day.date, number_format=DATE_FORMAT)
            self.row += 1
            return None
        header = self.row
        self.fill_row(_DAY_FILL, Font(bold=True), _TOP_RULE)
        hours = hours_phrase(day.minutes, self.labels)
        self.put("day", left if self.detailed else details_line(left, hours))
        self.row += 1
        first = self.row
        for strip in day.strips:
            if isinstance(strip, SceneStrip):
                self.scene(day, strip)
            else:
                self.banner(strip)
        last = self.row - 1
        column = self.letter("eighths")
        total = f"=SUM({column}{first}:{column}{last})" if last >= first else "=0"
        if not self.detailed:
            saved, self.row = self.row, header
            self.totals(total)
            self.row = saved
            return f"{column}{header}"
        self.fill_row(_DAY_FILL, Font(bold=True))
        end = self.labels["end_of_day"].format(number=day.number)
        self.put("day", details_line(end, hours))
        self.totals(total)
        cell = f"{column}{self.row}"
        self.row += 2  # a blank row between days
        return cell

    def write(self) -> bytes:
        self.title()
        day_totals: list[str] = []
        for day in self.schedule.days:
            total = self.day(day)
            if total is not None:
                day_totals.append(total)
        if not self.schedule.days:
            self.put("day", self.labels["empty"], font=Font(italic=True))
            self.row += 1
        self.row += 1
        self.fill_row(_TOTAL_FILL, Font(bold=True), _TOP_RULE)
        schedule = self.schedule
        self.put(
            "day",
            details_line(
                self.labels["total"],
                self.labels["total_line"].format(days=schedule.shooting_days, scenes=schedule.scene_count),
                pages_phrase(schedule.total_eighths, self.labels),
                hours_phrase(schedule.total_minutes, self.labels),
            ),
        )
        self.totals(sum_of_cells(day_totals))
        self.sheet.print_title_rows = f"{TITLE_ROWS + 1}:{TITLE_ROWS + 1}"
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()
