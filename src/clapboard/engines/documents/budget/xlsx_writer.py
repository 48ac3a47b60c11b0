"""Writes a budget as an Excel workbook (see ``xlsx_format`` for the layout).

``write_budget_xlsx(budget, totals)`` streams the sheets with openpyxl's write-only mode:
a 5,000-line budget is written in about a second. Amounts are formulas wherever Excel can
compute what the engine computes (a line whose quantity, rate and multiplier are plain
numbers: ``=ROUND(quantity*rate*multiplier*exchange rate,2)``, a subtotal, a percentage
line); a line that uses globals shows the engine's figures as values, its expressions in
their own columns. The engine's rounding (to the cent, half away from zero) is Excel's
``ROUND``, so the workbook and the engine agree to the cent.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import column_index_from_string, get_column_letter  # type: ignore[import-untyped]

from clapboard.engines.budget import Account, Budget, BudgetTotals, Expression, Line
from clapboard.engines.budget.checks import selector_accounts
from clapboard.engines.documents._xlsx import sum_of_cells
from clapboard.engines.documents.budget.cells import PLAIN_NUMBER, number_text, safe_text
from clapboard.engines.documents.budget.labels import Language, resolve_labels
from clapboard.engines.documents.budget.xlsx_format import (
    ACCOUNT_COLUMNS,
    DETAIL_COLUMNS,
    FORMAT_MARKER,
    FORMAT_VERSION,
    FRINGE_COLUMNS,
    GLOBAL_COLUMNS,
    META_SHEET,
    PERCENTAGE_COLUMNS,
    SETTINGS,
    UNIT_NAMES,
    Col,
)

__all__ = ["write_budget_xlsx"]

MONEY = "#,##0.00"
NUMBER = "#,##0.####"
PERCENT = "0.00##"


@dataclass(frozen=True, slots=True)
class Style:
    bold: bool = False
    italic: bool = False
    size: float | None = None
    colour: str | None = None
    fill: str | None = None
    number_format: str | None = None
    wrap: bool = False
    align: str | None = None


HEADER = Style(bold=True, colour="FFFFFFFF", fill="FF27333D", wrap=True, align="center")
CHAPTER = Style(bold=True, fill="FFC9D3E0")
CHAPTER_MONEY = Style(bold=True, fill="FFC9D3E0", number_format=MONEY)
ACCOUNT = Style(bold=True, fill="FFE8EDF3")
ACCOUNT_MONEY = Style(bold=True, fill="FFE8EDF3", number_format=MONEY)
FRINGE = Style(italic=True, colour="FF505A66")
FRINGE_MONEY = Style(italic=True, colour="FF505A66", number_format=MONEY)
TOTAL = Style(bold=True)
TOTAL_MONEY = Style(bold=True, number_format=MONEY)
GRAND = Style(bold=True, size=12, fill="FFC9D3E0")
GRAND_MONEY = Style(bold=True, size=12, fill="FFC9D3E0", number_format=MONEY)
MONEY_CELL = Style(number_format=MONEY)
NUMBER_CELL = Style(number_format=NUMBER)
PERCENT_CELL = Style(number_format=PERCENT)
TITLE = Style(bold=True, size=14)
MUTED = Style(italic=True, colour="FF606060")
FORMULA_TEXT = Style(colour="FF1F5F99")


class _Sheet:
    """A write-only sheet with numbered rows, cached cell styles and outline levels."""

    def __init__(self, workbook: Any, title: str, columns: Sequence[Col], labels: Mapping[str, str]) -> None:
        self.sheet = workbook.create_sheet(title)
        self.title = title
        self.columns = tuple(columns)
        self.index = {column.key: number for number, column in enumerate(self.columns, start=1)}
        self.letters = {key: get_column_letter(number) for key, number in self.index.items()}
        self.labels = labels
        self.row = 0
        self._styles: dict[Style, Any] = {}
        for column in self.columns:
            self.sheet.column_dimensions[self.letters[column.key]].width = column.width

    @property
    def ref(self) -> str:
        """The sheet's name as a formula prefix: ``'Détail'!``."""
        return "'" + self.title.replace("'", "''") + "'!"

    def cell(self, value: object, style: Style | None = None, *, text: bool = False) -> Any:
        cell = WriteOnlyCell(self.sheet, value=value)
        if text:
            cell.data_type = "s"  # text that merely starts with "=" is not a formula
        if style is not None:
            cached = self._styles.get(style)
            if cached is None:
                self._apply(cell, style)
                self._styles[style] = copy(cell._style)
            else:
                cell._style = copy(cached)
        return cell

    @staticmethod
    def _apply(cell: Any, style: Style) -> None:
        if style.bold or style.italic or style.size or style.colour:
            cell.font = Font(bold=style.bold, italic=style.italic, size=style.size, color=style.colour)
        if style.fill:
            cell.fill = PatternFill("solid", start_color=style.fill)
        if style.number_format:
            cell.number_format = style.number_format
        if style.wrap or style.align:
            cell.alignment = Alignment(horizontal=style.align, vertical="center", wrap_text=style.wrap)

    def header(self) -> None:
        self.append({column.key: self.labels[f"col_{column.key}"] for column in self.columns}, HEADER)

    def append(
        self,
        values: Mapping[str, object],
        style: Style | None = None,
        *,
        styles: Mapping[str, Style] | None = None,
        level: int = 0,
        fill_row: bool = False,
    ) -> int:
        """Writes a row of ``values`` by column key; returns its number."""
        self.row += 1
        if level:
            self.sheet.row_dimensions[self.row].outlineLevel = level
        row: list[object] = []
        for column in self.columns:
            value, text = _clean(values.get(column.key))
            cell_style = (styles or {}).get(column.key, style)
            if cell_style is None and not text:
                row.append(value)
            elif value is None and not fill_row:
                row.append(None)
            else:
                row.append(self.cell(value, cell_style, text=text))
        self.sheet.append(row)
        return self.row

    def blank(self) -> None:
        self.row += 1
        self.sheet.append([])

    def at(self, key: str, row: int, *, absolute: bool = False) -> str:
        letter = self.letters[key]
        return f"${letter}${row}" if absolute else f"{letter}{row}"


class _RawSheet(_Sheet):
    """A sheet serialised straight to SpreadsheetML, for the sheets with thousands of rows.

    openpyxl's serialiser spends about 25 µs a cell; a 5,000-line Detail sheet has some
    100,000 cells. This class writes the same XML with string formatting; the styles are
    registered in the workbook through openpyxl (``style_id``), and the sheet's part is
    put in place of the empty one openpyxl saved (``_replace_parts``).
    """

    def __init__(
        self,
        workbook: Any,
        title: str,
        columns: Sequence[Col],
        labels: Mapping[str, str],
        *,
        strings: _Strings,
        freeze: str | None = None,
        hidden: Sequence[str] = (),
    ) -> None:
        super().__init__(workbook, title, columns, labels)
        self.freeze = freeze
        self.hidden = set(hidden)
        self.parts: list[str] = []
        self.strings = strings
        self._ids: dict[Style | None, int] = {None: 0}
        self.max_level = 0

    def style_id(self, style: Style | None) -> int:
        number = self._ids.get(style)
        if number is None:
            cell = self.cell(None, style)
            number = self._ids[style] = int(cell.style_id)
        return number

    def append(
        self,
        values: Mapping[str, object],
        style: Style | None = None,
        *,
        styles: Mapping[str, Style] | None = None,
        level: int = 0,
        fill_row: bool = False,
    ) -> int:
        self.row += 1
        row = self.row
        parts = self.parts
        parts.append(f'<row r="{row}" outlineLevel="{level}">' if level else f'<row r="{row}">')
        self.max_level = max(self.max_level, level)
        letters = self.letters
        for column in self.columns:
            key = column.key
            value = values.get(key)
            cell_style = styles.get(key, style) if styles else style
            sid = self.style_id(cell_style) if cell_style is not None else 0
            at = f' r="{letters[key]}{row}"' + (f' s="{sid}"' if sid else "")
            if value is None or value == "":
                if sid and fill_row:
                    parts.append(f"<c{at}/>")
            elif isinstance(value, Formula):
                parts.append(f"<c{at}><f>{_escape(value[1:])}</f></c>")
            elif isinstance(value, str):
                parts.append(f'<c{at} t="s"><v>{self.strings.index(value)}</v></c>')
            elif isinstance(value, bool):
                parts.append(f'<c{at} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | Decimal):
                parts.append(f"<c{at}><v>{float(value)!r}</v></c>")
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
        parts.append("</row>")
        return row

    def blank(self) -> None:
        self.row += 1

    def xml(self) -> str:
        last = get_column_letter(len(self.columns))
        columns = "".join(
            f'<col min="{number}" max="{number}" width="{column.width}" customWidth="1"'
            + (' hidden="1"' if column.key in self.hidden else "")
            + "/>"
            for number, column in enumerate(self.columns, start=1)
        )
        view = '<sheetView workbookViewId="0"'
        if self.freeze:
            column, row = _split_ref(self.freeze)
            x_split, y_split = column - 1, row - 1
            pane = "bottomRight" if x_split and y_split else ("bottomLeft" if y_split else "topRight")
            splits = (f' xSplit="{x_split}"' if x_split else "") + (f' ySplit="{y_split}"' if y_split else "")
            view += (
                f'><pane{splits} topLeftCell="{self.freeze}" activePane="{pane}" state="frozen"/>'
                f'<selection pane="{pane}" activeCell="{self.freeze}" sqref="{self.freeze}"/></sheetView>'
            )
        else:
            view += "/>"
        return "".join(
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
                '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>',
                f'<dimension ref="A1:{last}{max(self.row, 1)}"/>',
                f"<sheetViews>{view}</sheetViews>",
                f'<sheetFormatPr defaultRowHeight="15" outlineLevelRow="{self.max_level}"/>',
                f"<cols>{columns}</cols>",
                "<sheetData>",
                *self.parts,
                "</sheetData>",
                '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
                '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
                "</worksheet>",
            )
        )


class _Strings:
    """The workbook's shared strings table, for the raw sheets (Excel keeps each text
    once; readers look a cell's text up instead of parsing it again)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def index(self, text: str) -> int:
        number = self.numbers.get(text)
        if number is None:
            number = self.numbers[text] = len(self.numbers)
        return number

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_escape(safe_text(text))}</t></si>' for text in self.numbers
        )
        count = len(self.numbers)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{count}" uniqueCount="{count}">{items}</sst>'
        )


_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_STRINGS_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _split_ref(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    return column_index_from_string(letters), int(ref[len(letters) :])


def _replace_parts(data: bytes, sheets: Mapping[str, str], strings: _Strings) -> bytes:
    """The workbook ``data`` with the XML of the sheets named in ``sheets`` replaced and
    the shared strings table added (openpyxl's write-only mode writes none)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    namespace = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    workbook = ElementTree.fromstring(source.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(source.read("xl/_rels/workbook.xml.rels"))
    targets = {
        item.get("Id"): item.get("Target", "") for item in relations.findall("p:Relationship", namespace)
    }
    paths: dict[str, str] = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", namespace):
        target = targets[sheet.get(f"{{{namespace['r']}}}id")]
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        name = sheet.get("name", "")
        if name in sheets:
            paths[path] = sheets[name]
    if "xl/sharedStrings.xml" in source.namelist():
        raise RuntimeError("openpyxl wrote a shared strings table; the raw sheets cannot add theirs")
    additions = {
        "[Content_Types].xml": (
            "</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED_STRINGS_TYPE}"/></Types>',
        ),
        "xl/_rels/workbook.xml.rels": (
            "</Relationships>",
            f'<Relationship Id="rIdClapboardStrings" Type="{_SHARED_STRINGS_RELATION}" '
            'Target="sharedStrings.xml"/></Relationships>',
        ),
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target_zip:
        for item in source.infolist():
            if item.filename in paths:
                content = paths[item.filename].encode("utf-8")
            elif item.filename in additions:
                end, replacement = additions[item.filename]
                content = source.read(item.filename).decode("utf-8").replace(end, replacement).encode("utf-8")
            else:
                content = source.read(item.filename)
            target_zip.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
        target_zip.writestr("xl/sharedStrings.xml", strings.xml(), compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


class Formula(str):
    """A cell value that is a formula (plain text starting with "=" is written as text)."""

    __slots__ = ()


def _clean(value: object) -> tuple[object, bool]:
    """The value to write, and whether it is text that must not be taken for a formula."""
    if isinstance(value, Formula):
        return str(value), False
    if isinstance(value, str):
        text = safe_text(value)
        return text, text.startswith("=")
    if isinstance(value, Decimal):
        return float(value), False
    return value, False


def _plain(expression: Expression | None) -> bool:
    return expression is None or PLAIN_NUMBER.fullmatch(expression.text) is not None


class _Writer:
    def __init__(
        self, budget: Budget, totals: BudgetTotals, labels: Mapping[str, str], language: str
    ) -> None:
        self.budget = budget
        self.totals = totals
        self.labels = labels
        self.language = language
        self.units = UNIT_NAMES[language]
        self.workbook = Workbook(write_only=True)
        self.series = budget.episodes is not None
        detail_columns = [c for c in DETAIL_COLUMNS if self.series or c.key != "per_episode"]
        names = {key: labels[f"sheet_{key}"][:31] for key in SHEET_KEYS_ORDER}
        self.top = _Sheet(self.workbook, names["top"], TOP_COLUMNS, labels)
        self.strings = _Strings()
        self.detail: _RawSheet = _RawSheet(
            self.workbook,
            names["detail"],
            detail_columns,
            labels,
            strings=self.strings,
            freeze="E2",
            hidden=("row",),
        )
        self.accounts = _Sheet(self.workbook, names["accounts"], ACCOUNT_COLUMNS, labels)
        self.globals = _Sheet(self.workbook, names["globals"], GLOBAL_COLUMNS, labels)
        self.fringes = _Sheet(self.workbook, names["fringes"], FRINGE_COLUMNS, labels)
        self.settings = _Sheet(self.workbook, names["settings"], PERCENTAGE_COLUMNS, labels)
        self.meta: _RawSheet = _RawSheet(
            self.workbook, META_SHEET, META_COLUMNS, labels, strings=self.strings
        )
        self.sheet_names = names
        self.originals: list[tuple[str, str, str, float]] = []
        # Filled while writing the Detail sheet.
        self.account_totals: dict[str, str] = {}
        self.chapter_totals: dict[str, str] = {}
        self.fringe_totals: list[str] = []
        self.rate_cells: dict[str, str] = {}
        self.episodes_cell = ""

    # -------------------------------------------------------------- settings

    def write_settings(self) -> None:
        sheet, budget, labels = self.settings, self.budget, self.labels
        sheet.sheet.column_dimensions["A"].hidden = True
        sheet.sheet.column_dimensions["B"].width = 24
        sheet.sheet.column_dimensions["C"].width = 30
        values: dict[str, object] = {
            "title": budget.title,
            "layout": budget.layout,
            "currency": budget.currency,
            "episodes": budget.episodes,
            "hours_per_day": budget.hours_per_day,
            "days_per_week": budget.days_per_week,
            "notes": budget.notes,
        }
        for key in SETTINGS:
            row = sheet.append(
                {"row": key, "id": labels[f"setting_{key}"], "title": values[key]},
                styles={"id": TOTAL},
            )
            if key == "episodes":
                self.episodes_cell = f"{sheet.ref}$C${row}"
        sheet.blank()
        sheet.append({"row": "rates", "id": labels["exchange_rates"]}, TOTAL)
        for code, rate in budget.exchange_rates.items():
            row = sheet.append({"row": "rate", "id": code, "title": rate}, styles={"title": NUMBER_CELL})
            self.rate_cells[code] = f"{sheet.ref}$C${row}"
        sheet.blank()
        sheet.append(
            {"row": "percentages", **{c.key: labels[f"col_{c.key}"] for c in PERCENTAGE_COLUMNS[1:]}}, HEADER
        )
        for item in budget.percentages:
            figures = self.totals.percentages[item.id]
            sheet.append(
                {
                    "row": "percentage",
                    "id": item.id,
                    "title": item.title,
                    "percentage": item.percentage.text,
                    "percentage_value": figures.percentage,
                    "include": ", ".join(item.base.include),
                    "exclude": ", ".join(item.base.exclude),
                    "after": ", ".join(item.base.percentages),
                    "french_share": item.french_share,
                    "notes": item.notes,
                },
                styles={"percentage_value": PERCENT_CELL, "french_share": PERCENT_CELL},
            )

    # -------------------------------------------------------------- detail

    def write_detail(self) -> None:
        sheet = self.detail
        sheet.header()
        collected = self._collected_fringes()
        fringe_titles = self._fringe_titles()
        by_chapter: dict[str, list[Account]] = defaultdict(list)
        for account in self.budget.accounts:
            by_chapter[account.chapter].append(account)
        labels = self.labels
        for chapter in self.budget.chapters:
            sheet.append(
                {"row": f"chapter:{chapter.number}", "account": chapter.number, "description": chapter.title},
                CHAPTER,
                level=1,
                fill_row=True,
            )
            account_cells: list[str] = []
            for account in by_chapter[chapter.number]:
                account_cells.append(self._account(account, collected.get(account.number, {}), fringe_titles))
            row = sheet.append(
                {
                    "row": f"chapter-total:{chapter.number}",
                    "account": chapter.number,
                    "description": labels["total_of"].format(number=chapter.number, title=chapter.title),
                    "amount": Formula(sum_of_cells(account_cells)),
                },
                CHAPTER,
                styles={"amount": CHAPTER_MONEY},
                fill_row=True,
            )
            self.chapter_totals[chapter.number] = f"{sheet.ref}{sheet.at('amount', row)}"

    def _account(self, account: Account, fringes: Mapping[str, Decimal], titles: Mapping[str, str]) -> str:
        sheet, labels = self.detail, self.labels
        sheet.append(
            {"row": f"account:{account.number}", "account": account.number, "description": account.title},
            ACCOUNT,
            level=2,
            fill_row=True,
        )
        first = sheet.row + 1
        for line in account.lines:
            self._line(account, line)
        last = sheet.row
        parts = [f"SUM({sheet.at('amount', first)}:{sheet.at('amount', last)})"] if last >= first else []
        if fringes:
            fringe_first = sheet.row + 1
            for name, value in fringes.items():
                sheet.append(
                    {
                        "row": f"fringe:{account.number}:{name}",
                        "description": titles.get(name, name),
                        "fringe_sets": name,
                        "amount": value,
                    },
                    FRINGE,
                    styles={"amount": FRINGE_MONEY},
                    level=2,
                )
            amount = Formula(f"=SUM({sheet.at('amount', fringe_first)}:{sheet.at('amount', sheet.row)})")
            row = sheet.append(
                {
                    "row": f"fringes:{account.number}",
                    "description": labels["fringes_of"].format(number=account.number),
                    "amount": amount,
                },
                FRINGE,
                styles={"amount": FRINGE_MONEY},
                level=2,
            )
            self.fringe_totals.append(f"{sheet.ref}{sheet.at('amount', row)}")
            parts.append(sheet.at("amount", row))
        row = sheet.append(
            {
                "row": f"total:{account.number}",
                "account": account.number,
                "description": labels["total_of"].format(number=account.number, title=account.title),
                "amount": Formula("=" + ("+".join(parts) or "0")),
            },
            TOTAL,
            styles={"amount": TOTAL_MONEY},
            level=1,
        )
        cell = f"{sheet.at('amount', row)}"
        self.account_totals[account.number] = f"{sheet.ref}{cell}"
        return cell

    def _line(self, account: Account, line: Line) -> None:
        sheet = self.detail
        row = sheet.row + 1
        figures = self.totals.lines[line.id]
        values = self.totals.globals
        quantity = figures.quantity
        rate = line.rate.evaluate(values)
        multiplier = None if line.multiplier is None else line.multiplier.evaluate(values)
        cells: dict[str, object] = {
            "account": account.number,
            "line_id": line.id,
            "description": line.description,
            "quantity": self._number(line, "quantity", line.quantity, quantity),
            "unit": self.units.get(line.unit, line.unit),
            "rate": self._number(line, "rate", line.rate, rate),
            "multiplier": None
            if line.multiplier is None or multiplier is None
            else self._number(line, "multiplier", line.multiplier, multiplier),
            "currency": line.currency,
            "fringe_sets": ", ".join(line.fringe_sets),
            "department": line.department,
            "french_share": line.french_share,
            "person": line.person,
            "quantity_link": line.quantity_link,
            "notes": line.notes,
        }
        if self.series:
            cells["per_episode"] = self.labels["yes"] if line.per_episode else None
        for key, expression in (
            ("quantity_formula", line.quantity),
            ("rate_formula", line.rate),
            ("multiplier_formula", line.multiplier),
        ):
            if not _plain(expression):
                assert expression is not None
                cells[key] = expression.text
        currency = line.currency
        if currency is None or currency == self.budget.currency:
            cells["exchange"] = 1
        else:
            cells["exchange"] = Formula(f"={self.rate_cells[currency]}")
        if _plain(line.quantity) and _plain(line.rate) and _plain(line.multiplier):
            at = sheet.at
            counted = at("quantity", row) + ("/100" if line.unit == "percentage" else "")
            factor = f'IF({at("multiplier", row)}="",1,{at("multiplier", row)})'
            formula = f"=ROUND({counted}*{at('rate', row)}*{factor}*{at('exchange', row)},2)"
            if line.per_episode and self.episodes_cell:
                formula += f"*{self.episodes_cell}"
            cells["amount"] = Formula(formula)
        else:
            cells["amount"] = figures.amount
        sheet.append(cells, styles=LINE_STYLES, level=2)

    def _number(self, line: Line, field: str, expression: Expression, value: Decimal) -> float:
        """The value the cell shows; remembers the text when the cell cannot show it."""
        written = float(value)
        if number_text(written) != expression.text:
            self.originals.append((line.id, field, expression.text, written))
        return written

    def _collected_fringes(self) -> dict[str, dict[str, Decimal]]:
        """For each account, the fringes it collects, by fringe name in the budget's order."""
        order = {
            fringe.name: position
            for position, fringe in enumerate(f for s in self.budget.fringe_sets for f in s.fringes)
        }
        sums: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for account, line in self.budget.lines():
            figures = self.totals.lines[line.id]
            if not figures.fringes:
                continue
            target = sums[account.fringes_to or account.number]
            for name, value in figures.fringes.items():
                target[name] = target.get(name, Decimal(0)) + value
        return {
            number: dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))
            for number, values in sums.items()
        }

    def _fringe_titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        for fringe_set in self.budget.fringe_sets:
            for fringe in fringe_set.fringes:
                titles.setdefault(fringe.name, fringe.title or fringe.name)
        return titles

    # -------------------------------------------------------------- top sheet

    def write_top(self) -> None:
        sheet, labels, totals, budget = self.top, self.labels, self.totals, self.budget
        sheet.sheet.freeze_panes = "A5"
        sheet.append({"number": budget.title or budget.layout}, TITLE)
        details = [
            labels["layout_line"].format(layout=budget.layout),
            labels["currency_line"].format(currency=budget.currency),
        ]
        if budget.episodes is not None:
            details.append(labels["episodes_line"].format(episodes=budget.episodes))
        sheet.append({"number": " \u2014 ".join(details)}, MUTED)
        sheet.blank()
        sheet.append(
            {"number": labels["number"], "title": labels["col_chapter"], "base": labels["base"],
             "percent": labels["percent"], "total": labels["col_total"]},
            HEADER,
        )  # fmt: skip
        chapter_rows: dict[str, int] = {}
        for chapter in budget.chapters:
            chapter_rows[chapter.number] = sheet.append(
                {"number": chapter.number, "title": chapter.title, "total": Formula("=" + self.chapter_totals[chapter.number])},
                styles={"total": MONEY_CELL},
            )  # fmt: skip
        sheet.blank()
        group_rows = {}
        for group in ("above", "below"):
            cells = [self.account_totals[a.number] for a in budget.accounts if a.group == group]
            group_rows[group] = sheet.append(
                {"title": labels[group], "total": Formula(sum_of_cells(cells))},
                TOTAL,
                styles={"total": TOTAL_MONEY},
            )
        subtotal = sheet.append(
            {
                "title": labels["subtotal"],
                "total": Formula(
                    f"={sheet.at('total', group_rows['above'])}+{sheet.at('total', group_rows['below'])}"
                ),
            },
            TOTAL,
            styles={"total": TOTAL_MONEY},
        )
        percentage_rows: dict[str, int] = {}
        first_percentage = sheet.row + 1
        for item in budget.percentages:
            row = sheet.row + 1
            base = self._base_cells(item.base.include, item.base.exclude, chapter_rows, subtotal)
            base += [sheet.at("total", percentage_rows[other]) for other in item.base.percentages]
            percentage_rows[item.id] = sheet.append(
                {
                    "number": item.id,
                    "title": item.title,
                    "base": Formula(sum_of_cells(base)),
                    "percent": totals.percentages[item.id].percentage,
                    "total": Formula(f"=ROUND({sheet.at('base', row)}*{sheet.at('percent', row)}/100,2)"),
                },
                styles={"base": MONEY_CELL, "percent": PERCENT_CELL, "total": MONEY_CELL},
            )
        grand = f"={sheet.at('total', subtotal)}"
        if percentage_rows:
            grand += f"+SUM({sheet.at('total', first_percentage)}:{sheet.at('total', sheet.row)})"
        sheet.append(
            {"title": labels["grand_total"], "total": Formula(grand)},
            GRAND,
            styles={"total": GRAND_MONEY},
            fill_row=True,
        )
        sheet.blank()
        sheet.append(
            {"title": labels["fringe_total"], "total": Formula(sum_of_cells(self.fringe_totals))},
            styles={"total": MONEY_CELL},
        )
        sheet.append({"title": labels["french"], "total": totals.french}, styles={"total": MONEY_CELL})
        sheet.append({"title": labels["foreign"], "total": totals.foreign}, styles={"total": MONEY_CELL})
        if totals.series is not None:
            series = totals.series
            sheet.blank()
            for key, value in (
                (labels["per_episode"].format(episodes=series.episodes), series.per_episode),
                ("    " + labels["pattern"], series.pattern_per_episode),
                ("    " + labels["amortised"], series.amortised_per_episode),
                (labels["season"], series.season),
            ):
                sheet.append({"title": key, "total": value}, styles={"total": MONEY_CELL})

    def _base_cells(
        self, include: Sequence[str], exclude: Sequence[str], chapter_rows: Mapping[str, int], subtotal: int
    ) -> list[str]:
        chosen: set[str] = set()
        for selector in include:
            chosen |= selector_accounts(self.budget, selector)
        for selector in exclude:
            chosen -= selector_accounts(self.budget, selector)
        if chosen == {a.number for a in self.budget.accounts}:
            return [self.top.at("total", subtotal)]
        cells: list[str] = []
        covered: set[str] = set()
        for chapter in self.budget.chapters:
            members = {a.number for a in self.budget.accounts if a.chapter == chapter.number}
            if members and members <= chosen:
                cells.append(self.top.at("total", chapter_rows[chapter.number]))
                covered |= members
        cells += [self.account_totals[a.number] for a in self.budget.accounts if a.number in chosen - covered]
        return cells

    # -------------------------------------------------------------- other sheets

    def write_accounts(self) -> None:
        sheet = self.accounts
        sheet.sheet.freeze_panes = "A2"
        sheet.header()
        for chapter in self.budget.chapters:
            sheet.append({"chapter": chapter.number, "chapter_title": chapter.title}, ACCOUNT)
        for account in self.budget.accounts:
            sheet.append(
                {
                    "chapter": account.chapter,
                    "account": account.number,
                    "title": account.title,
                    "group": GROUP_NAMES[self.language][account.group],
                    "fringes_to": account.fringes_to,
                    "total": Formula("=" + self.account_totals[account.number]),
                },
                styles={"total": MONEY_CELL},
            )

    def write_globals(self) -> None:
        sheet = self.globals
        sheet.sheet.freeze_panes = "A2"
        sheet.header()
        for item in self.budget.globals:
            sheet.append(
                {
                    "name": item.name,
                    "expression": item.expression.text,
                    "value": self.totals.globals.get(item.name),
                    "link": item.link,
                    "description": item.description,
                },
                styles={"value": NUMBER_CELL, "expression": FORMULA_TEXT},
            )

    def write_fringes(self) -> None:
        sheet = self.fringes
        sheet.sheet.freeze_panes = "A2"
        sheet.header()
        for fringe_set in self.budget.fringe_sets:
            head: dict[str, object] = {
                "set": fringe_set.name,
                "status": fringe_set.employment_status,
                "set_title": fringe_set.title,
                "set_source": fringe_set.source,
                "effective_from": fringe_set.effective_from.isoformat()
                if fringe_set.effective_from
                else None,
                "set_notes": fringe_set.notes,
            }
            if not fringe_set.fringes:
                sheet.append(head, ACCOUNT)
            for position, fringe in enumerate(fringe_set.fringes):
                values: dict[str, object] = dict(head) if position == 0 else {}
                cap = fringe.cap
                values.update(
                    {
                        "fringe": fringe.name,
                        "fringe_title": fringe.title,
                        "percentage": fringe.percentage,
                        "cap_amount": None if cap is None else cap.amount,
                        "cap_per": None if cap is None else cap.per,
                        "cap_currency": None if cap is None else cap.currency,
                        "cap_floor": None if cap is None else cap.floor,
                        "source": fringe.source,
                        "notes": fringe.notes,
                        "total": self.totals.fringes.get(fringe.name),
                    }
                )
                sheet.append(
                    values,
                    styles={
                        "set": TOTAL,
                        "percentage": PERCENT_CELL,
                        "cap_amount": MONEY_CELL,
                        "cap_floor": MONEY_CELL,
                        "total": MONEY_CELL,
                    },
                )

    def write_meta(self) -> None:
        sheet = self.meta
        sheet.sheet.sheet_state = "hidden"
        meta = {
            "language": self.language,
            "sheets": self.sheet_names,
            "headings": {
                key: self.labels[f"col_{key}"]
                for key in {
                    c.key
                    for c in (
                        *DETAIL_COLUMNS,
                        *ACCOUNT_COLUMNS,
                        *GLOBAL_COLUMNS,
                        *FRINGE_COLUMNS,
                        *PERCENTAGE_COLUMNS,
                    )
                }
            },
        }
        meta_text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        sheet.append({"line": FORMAT_MARKER, "field": FORMAT_VERSION, "text": meta_text})
        sheet.append({"line": "line", "field": "field", "text": "text", "written": "written"})
        for line_id, field, text, written in self.originals:
            sheet.append({"line": line_id, "field": field, "text": text, "written": written})

    def write(self) -> bytes:
        self.write_settings()
        self.write_detail()
        self.write_top()
        self.write_accounts()
        self.write_globals()
        self.write_fringes()
        self.write_meta()
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return _replace_parts(
            buffer.getvalue(), {sheet.title: sheet.xml() for sheet in (self.detail, self.meta)}, self.strings
        )


SHEET_KEYS_ORDER = ("top", "detail", "accounts", "globals", "fringes", "settings")
META_COLUMNS = (Col("line", 12), Col("field", 12), Col("text", 30), Col("written", 20))
TOP_COLUMNS = (Col("number", 12), Col("title", 46), Col("base", 16), Col("percent", 8), Col("total", 18))
GROUP_NAMES = {
    "en": {"above": "above", "below": "below"},
    "fr": {"above": "au-dessus", "below": "au-dessous"},
}
LINE_STYLES = {
    "quantity": NUMBER_CELL,
    "rate": MONEY_CELL,
    "multiplier": NUMBER_CELL,
    "exchange": NUMBER_CELL,
    "amount": MONEY_CELL,
    "french_share": PERCENT_CELL,
    "quantity_formula": FORMULA_TEXT,
    "rate_formula": FORMULA_TEXT,
    "multiplier_formula": FORMULA_TEXT,
}


def write_budget_xlsx(
    budget: Budget,
    totals: BudgetTotals,
    *,
    language: Language = "fr",
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The budget as an ``.xlsx`` workbook that ``read_budget_xlsx`` reads back unchanged.

    ``totals`` is ``calculate_budget(budget)`` (with the links the app passes), whose
    figures fill the cells that are not formulas. ``labels`` replaces any built-in word
    (see ``labels.BUDGET_LABELS``); ValueError for an unknown language or label key.
    """
    return _Writer(budget, totals, resolve_labels(language, labels), language).write()
