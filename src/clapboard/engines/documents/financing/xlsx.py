"""The financing plan as an Excel workbook: one sheet laid out as the CNC presents it.

Amounts are numbers; every total and share is a formula, so that the producer can change
an amount in Excel and see the plan move: a heading's subtotal is ``=SUM()`` of its
sources, the French and foreign totals add up their headings, the shares divide by the
budget cell, the secured financing and the public aid are ``=SUMIF()`` over the
"Secured" and "Public" columns, and the gap is ``=MAX(0, budget - total)``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

from clapboard.engines.documents.financing.labels import Language, group_title, labels_for, status_title
from clapboard.engines.documents.financing.model import FinancingPlanDocument, SourceGroup

__all__ = ["render_financing_plan_xlsx"]

MONEY = "#,##0.00"
PERCENT = "0.00%"
BUDGET_ROW = 5
HEADER_ROW = 7
_HEADER_FILL = PatternFill("solid", start_color="FF27333D")
_SECTION_FILL = PatternFill("solid", start_color="FFCCD6E3")
_GROUP_FILL = PatternFill("solid", start_color="FFEBEDF2")
_TOTAL_FILL = PatternFill("solid", start_color="FFC9D3E0")
_BOLD = Font(bold=True)
_WHITE = Font(bold=True, color="FFFFFFFF")
WIDTHS = {"A": 30, "B": 34, "C": 22, "D": 16, "E": 12, "F": 9, "G": 9}


class _Sheet:
    def __init__(self, doc: FinancingPlanDocument, words: Mapping[str, str]) -> None:
        self.doc = doc
        self.words = words
        self.workbook = Workbook()
        self.sheet = self.workbook.active
        self.sheet.title = words["sheet_plan"][:31]
        self.row = HEADER_ROW + 1
        self.budget = f"$D${BUDGET_ROW}"
        self.source_rows: list[int] = []

    def share(self, row: int) -> None:
        cell = self.sheet.cell(row=row, column=5, value=f'=IF({self.budget}=0,"",D{row}/{self.budget})')
        cell.number_format = PERCENT

    def money(self, row: int, value: object, font: Font | None = None) -> None:
        cell = self.sheet.cell(row=row, column=4, value=value)
        cell.number_format = MONEY
        if font is not None:
            cell.font = font

    def fill(self, row: int, fill: PatternFill, font: Font = _BOLD) -> None:
        for column in range(1, 8):
            cell = self.sheet.cell(row=row, column=column)
            cell.fill = fill
            cell.font = font

    def head(self) -> None:
        sheet, words, doc = self.sheet, self.words, self.doc
        sheet["A1"] = doc.production
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = f"{words['plan_document']} \u2014 {doc.title}"
        sheet["A2"].font = _BOLD
        details = [words["currency_line"].format(currency=doc.currency)]
        if doc.details:
            details.insert(0, doc.details)
        sheet["A3"] = " \u2014 ".join(details)
        sheet.cell(row=BUDGET_ROW, column=1, value=words["budget"]).font = _BOLD
        self.money(BUDGET_ROW, doc.budget, _BOLD)
        titles = (
            "col_group",
            "col_source",
            "col_status",
            "col_amount",
            "col_share",
            "col_secured",
            "col_public",
        )
        for column, key in enumerate(titles, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=column, value=words[key])
            cell.fill = _HEADER_FILL
            cell.font = _WHITE
            cell.alignment = Alignment(horizontal="right" if column in (4, 5) else "left")
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        for letter, width in WIDTHS.items():
            sheet.column_dimensions[letter].width = width

    def group(self, group: SourceGroup) -> int:
        sheet, words = self.sheet, self.words
        heading = self.row
        sheet.cell(row=heading, column=1, value=group_title(group.key, group.foreign, words))
        self.fill(heading, _GROUP_FILL)
        first = heading + 1
        for offset, source in enumerate(group.sources):
            row = first + offset
            sheet.cell(row=row, column=2, value=source.partner)
            sheet.cell(row=row, column=3, value=status_title(source.status, words))
            self.money(row, source.amount)
            self.share(row)
            sheet.cell(row=row, column=6, value=words["yes"] if source.secured else words["no"])
            sheet.cell(row=row, column=7, value=words["yes"] if source.public else words["no"])
            self.source_rows.append(row)
        last = first + len(group.sources) - 1
        self.money(heading, f"=SUM(D{first}:D{last})", _BOLD)
        self.share(heading)
        self.row = last + 1
        return heading

    def section(self, title: str, groups: tuple[SourceGroup, ...], total_title: str) -> int | None:
        if not groups:
            return None
        self.sheet.cell(row=self.row, column=1, value=title)
        self.fill(self.row, _SECTION_FILL)
        self.row += 1
        headings = [self.group(group) for group in groups]
        total = self.row
        self.sheet.cell(row=total, column=1, value=total_title).font = _BOLD
        self.money(total, "=" + "+".join(f"D{row}" for row in headings), _BOLD)
        self.share(total)
        self.row += 2
        return total

    def totals(self, sections: list[int]) -> None:
        sheet, words = self.sheet, self.words
        total = self.row
        sheet.cell(row=total, column=1, value=words["total"])
        self.money(total, "=" + "+".join(f"D{row}" for row in sections) if sections else 0)
        self.share(total)
        self.fill(total, _TOTAL_FILL)
        if self.source_rows:
            first, last = self.source_rows[0], self.source_rows[-1]
            yes = words["yes"].replace('"', '""')
            secured = f'=SUMIF(F{first}:F{last},"{yes}",D{first}:D{last})'
            public = f'=SUMIF(G{first}:G{last},"{yes}",D{first}:D{last})'
        else:
            secured = public = "=0"
        lines = (
            ("secured", secured),
            ("gap", f"=MAX(0,{self.budget}-D{total})"),
            ("public", public),
        )
        row = total + 1
        for key, formula in lines:
            sheet.cell(row=row, column=1, value=words[key]).font = _BOLD
            self.money(row, formula, _BOLD)
            self.share(row)
            row += 1
        self.row = row

    def write(self) -> bytes:
        doc, words = self.doc, self.words
        self.head()
        sections = [
            self.section(words["french_financing"], doc.french, words["total_french"]),
            self.section(words["foreign_financing"], doc.foreign, words["total_foreign"]),
        ]
        self.totals([row for row in sections if row is not None])
        self.workbook.properties.creator = "Clapboard"
        self.workbook.properties.title = f"{words['plan_document']} \u2014 {doc.title}"
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def render_financing_plan_xlsx(doc: FinancingPlanDocument, *, language: Language = "fr") -> bytes:
    """The plan as a one-sheet workbook whose totals and shares are formulas. ValueError
    for an unknown language."""
    return _Sheet(doc, labels_for(language)).write()
