"""Spreadsheets of a schedule for people who work in Excel: the day out of days."""

from __future__ import annotations

import io

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from clapboard.engines.schedule.dood import WORK_CODES, Code

from .reports import DoodLine, DoodView

# Cell colours per code, the same families as the page: work, hold, travel, dropped.
_FILLS = {
    **dict.fromkeys(WORK_CODES, "FFF3A6"),
    Code.HOLD: "E9EBF0",
    Code.TRAVEL: "CFE0FF",
    Code.REHEARSAL: "C9EBCB",
    Code.HOLIDAY: "F5F5F5",
}
_FIRST_DAY_COLUMN = 4
_HEADER_ROWS = 3


def day_out_of_days_workbook(view: DoodView, *, title: str) -> bytes:
    """One sheet: a row per performer, a column per day, then the counts and dates.

    The total column is a formula over the counts, so that a hand edit of a count in
    the file adds up."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = _("Day out of days")[:31]
    sheet["A1"] = f"{title} · {view.board.schedule.name}"
    sheet["A1"].font = Font(bold=True, size=13)
    _write_day_headers(sheet, view)
    counts_column = _FIRST_DAY_COLUMN + len(view.days)
    _write_count_headers(sheet, counts_column)
    for offset, line in enumerate(view.lines):
        _write_line(sheet, _HEADER_ROWS + 1 + offset, line, counts_column)
    sheet.freeze_panes = sheet.cell(row=_HEADER_ROWS + 1, column=_FIRST_DAY_COLUMN)
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 22
    for column in range(_FIRST_DAY_COLUMN, counts_column):
        sheet.column_dimensions[get_column_letter(column)].width = 6
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_day_headers(sheet: Worksheet, view: DoodView) -> None:
    for label, column in ((_("No."), 1), (_("Character"), 2), (_("Actor"), 3)):
        cell = sheet.cell(row=_HEADER_ROWS, column=column, value=label)
        cell.font = Font(bold=True)
    for offset, day in enumerate(view.days):
        column = _FIRST_DAY_COLUMN + offset
        number = str(day.number) if day.number is not None else day.day.kind.value[:3].upper()
        sheet.cell(row=2, column=column, value=number).font = Font(bold=True)
        if day.date is not None:
            sheet.cell(row=_HEADER_ROWS, column=column, value=formats.date_format(day.date, "d/m"))
        for row in (2, _HEADER_ROWS):
            sheet.cell(row=row, column=column).alignment = Alignment(horizontal="center")


_COUNTS = ("work", "hold", "travel", "rehearsal", "holiday", "dropped")


def _count_labels() -> list[str]:
    return [_("Work"), _("Hold"), _("Travel"), _("Rehearsal"), _("Days off"), _("Dropped")]


def _write_count_headers(sheet: Worksheet, first: int) -> None:
    labels = [*_count_labels(), _("Total"), _("Start"), _("Finish")]
    for offset, label in enumerate(labels):
        cell = sheet.cell(row=_HEADER_ROWS, column=first + offset, value=label)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(first + offset)].width = 10


def _write_line(sheet: Worksheet, row: int, line: DoodLine, counts_column: int) -> None:
    sheet.cell(row=row, column=1, value=line.member.number)
    sheet.cell(row=row, column=2, value=line.member.name)
    sheet.cell(row=row, column=3, value=line.member.actor)
    for offset, code in enumerate(line.days.codes):
        cell = sheet.cell(row=row, column=_FIRST_DAY_COLUMN + offset, value=code.value or None)
        cell.alignment = Alignment(horizontal="center")
        if code in _FILLS:
            cell.fill = PatternFill("solid", fgColor=_FILLS[code])
    for offset, name in enumerate(_COUNTS):
        sheet.cell(row=row, column=counts_column + offset, value=getattr(line.days, name))
    first = get_column_letter(counts_column)
    last_paid = get_column_letter(counts_column + 4)  # work … days off; dropped days are not paid
    total = sheet.cell(
        row=row, column=counts_column + len(_COUNTS), value=f"=SUM({first}{row}:{last_paid}{row})"
    )
    total.font = Font(bold=True)
    for offset, date in enumerate((line.start, line.finish), start=len(_COUNTS) + 1):
        cell = sheet.cell(row=row, column=counts_column + offset, value=date)
        cell.number_format = "DD/MM/YYYY"
