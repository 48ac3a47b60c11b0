"""One-line and shooting schedule workbooks: read back with openpyxl, check cells and formulas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from clapboard.engines.documents._xlsx import pages_formula, sum_of_cells
from clapboard.engines.documents.one_line import render_one_line_xlsx
from clapboard.engines.documents.schedule_samples import sample_schedule
from clapboard.engines.documents.shooting_schedule import render_shooting_schedule_xlsx
from clapboard.engines.documents.tests.test_schedule_pdfs import SMALL

ONE_LINE_HEADER = [
    "Day",
    "Date",
    "Scene",
    "Ep.",
    "I/E",
    "Set",
    "D/N",
    "Synopsis",
    "Cast",
    "Location",
    "Pages",
    "Eighths",
]


def _sheet(data: bytes) -> Any:
    workbook = load_workbook(io.BytesIO(data))
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _evaluate(sheet: Any, formula: str) -> int:
    """The value of the few formulas the sheets use for eighths: SUM of ranges and cells."""
    assert formula.startswith("=")
    total = 0
    for first, last in re.findall(r"([A-Z]+\d+)(?::([A-Z]+\d+))?", formula[1:]):
        cells = sheet[first:last] if last else ((sheet[first],),)
        for row in cells:
            for cell in row:
                value = cell.value
                total += _evaluate(sheet, value) if isinstance(value, str) else int(value or 0)
    return total


def _pages_text(eighths: int) -> str:
    """What ``pages_formula`` computes, step by step as Excel does."""
    if eighths == 0:
        return "0"
    whole, part = eighths // 8, eighths % 8
    head = "" if whole == 0 else f"{whole}{'' if part == 0 else ' '}"
    return head + ("" if part == 0 else f"{part}/8")


def test_one_line_sheet() -> None:
    sheet = _sheet(render_one_line_xlsx(SMALL))
    rows = _rows(sheet)
    assert rows[0][0] == "Le Dernier Bac"
    assert rows[1][0] == "ONE-LINE SCHEDULE — Plan de travail — V2 — Unit: Équipe principale"
    assert rows[2][0] == "Generated on 1 April 2027"
    assert rows[4] == ONE_LINE_HEADER
    assert sheet.freeze_panes == "A6"
    assert sheet.column_dimensions["F"].width == 30
    # Day 1: its header row carries the total, a formula over its scenes.
    assert rows[5][0] == "Day 1 — Friday 7 May 2027 — about 6 h 40"
    assert rows[5][11] == "=SUM(L7:L9)"
    assert rows[5][10] == pages_formula("L6")
    assert _evaluate(sheet, rows[5][11]) == 16
    first = rows[6]
    assert first[0] == 1
    assert first[1].date() == dt.date(2027, 5, 7)
    assert first[2] == "1"
    assert first[4:11] == [
        "INT",
        "L'ÉCRIN — SALLE",
        "JOUR",
        "Il est à ç point-là, é à ç.",
        "1 2",
        "Café L'Écrin",
        "1 3/8",
    ]
    assert first[11] == 11
    assert sheet["B7"].number_format == "yyyy-mm-dd"
    assert sheet["L7"].number_format == "0"
    assert rows[7][0] == "Déplacement vers l'Œuvre-Sainte"
    assert sheet["A8"].font.italic
    assert rows[8][2] == "2A"
    assert rows[9][0] == "Day off — Saturday 8 May 2027 — Repos"
    assert rows[9][1].date() == dt.date(2027, 5, 8)
    assert rows[10][0] == "Day 2 — Monday 10 May 2027 — about 5 h 00"
    assert rows[10][11] == "=SUM(L12:L12)"
    total = rows[-1]
    assert total[0] == "Total — 2 shooting days — 3 scenes — 3 pages — about 11 h 40"
    assert total[11] == "=SUM(L6,L11)"
    assert _evaluate(sheet, total[11]) == 24
    assert total[10] == pages_formula(f"L{len(rows)}")


def test_shooting_schedule_sheet_ends_each_day_with_its_total() -> None:
    sheet = _sheet(render_shooting_schedule_xlsx(SMALL))
    rows = _rows(sheet)
    header = rows[4]
    assert header == [*ONE_LINE_HEADER[:10], "Address", "Pages", "Eighths"]
    assert rows[5][0] == "Day 1 — Friday 7 May 2027"
    first = rows[6]
    assert first[8] == "1. MARYVONNE KERHERVÉ (Anne Le Gall)\n2. PIERRIG (Yann Quéré)"
    assert first[10] == "2 quai des Îles"
    assert sheet["H7"].alignment.wrap_text
    end = rows[9]
    assert end[0] == "End of day 1 — about 6 h 40"
    assert end[12] == "=SUM(M7:M9)"
    assert end[11] == pages_formula("M10")
    assert _evaluate(sheet, end[12]) == 16
    assert rows[10] == [None] * 13  # a blank row between days
    assert rows[11][0] == "Day off — Saturday 8 May 2027 — Repos"
    totals = [row[12] for row in rows if isinstance(row[0], str) and row[0].startswith("End of day")]
    assert totals == ["=SUM(M7:M9)", "=SUM(M14:M14)"]
    assert rows[-1][12] == "=SUM(M10,M15)"
    assert _evaluate(sheet, rows[-1][12]) == 24


def test_a_400_scene_schedule_adds_up() -> None:
    schedule = sample_schedule(400, 40)
    sheet = _sheet(render_one_line_xlsx(schedule))
    rows = _rows(sheet)
    assert sum(1 for row in rows if isinstance(row[11], int)) == 400
    assert _evaluate(sheet, rows[-1][11]) == schedule.total_eighths
    days = [row for row in rows if isinstance(row[0], str) and row[0].startswith("Day ") and row[11]]
    assert len(days) == 40
    for row, day in zip(days, [d for d in schedule.days if d.is_shooting], strict=True):
        assert _evaluate(sheet, row[11]) == day.eighths


def test_an_empty_schedule() -> None:
    sheet = _sheet(render_one_line_xlsx(dataclasses.replace(SMALL, days=())))
    rows = _rows(sheet)
    assert rows[5][0] == "Nothing is scheduled yet."
    assert rows[-1][11] == "=0"


def test_french_labels() -> None:
    rows = _rows(_sheet(render_one_line_xlsx(SMALL, language="fr")))
    assert rows[4][:3] == ["Jour", "Date", "Séq."]
    assert rows[5][0] == "Jour 1 — vendredi 7 mai 2027 — environ 6 h 40"


@pytest.mark.parametrize("eighths", [0, 1, 7, 8, 9, 11, 16, 23, 403])
def test_pages_formula_matches_the_written_form(eighths: int) -> None:
    from clapboard.engines.breakdown.statistics import format_eighths

    assert _pages_text(eighths) == format_eighths(eighths)
    assert pages_formula("L5") == (
        '=IF(L5=0,"0",IF(INT(L5/8)=0,"",INT(L5/8)&IF(MOD(L5,8)=0,""," "))&IF(MOD(L5,8)=0,"",MOD(L5,8)&"/8"))'
    )


def test_sum_of_many_cells_stays_within_excel_limits() -> None:
    assert sum_of_cells([]) == "=0"
    assert sum_of_cells(["A1", "A5"]) == "=SUM(A1,A5)"
    formula = sum_of_cells([f"A{n}" for n in range(1, 451)])
    assert formula.startswith("=SUM(SUM(A1,")
    assert formula.count("SUM(") == 4
    assert all(inner.count(",") < 255 for inner in formula.split("SUM(")[2:])
