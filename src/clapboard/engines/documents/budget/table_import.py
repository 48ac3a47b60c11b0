"""A simple budget from another tool: a CSV or xlsx table, a column mapping, the lines.

Three steps, so that the app can show the middle one to the person:

1. ``read_table(data, filename) -> Table``: the cells as text with their references
   (``budget.csv!C7``, ``Feuil1!C7``). The heading row is the first of the first 30 rows
   in which at least two cells are known headings (else the first row with two texts);
   rows above it (titles) are left out. CSV files are read as UTF-8 (with or without a
   BOM) or, failing that, Windows-1252; the separator is ``;``, a tab or ``,``, whichever
   splits the rows most regularly; a decimal comma is recognised from the numbers.
2. ``suggest_mapping(table) -> ColumnMapping``: which column holds what, from common
   French and English headings ("Poste", "Compte", "Libellé", "Qté", "Taux", "Montant",
   "Account", "Rate", "Amount"…). The person corrects it.
3. ``budget_from_table(table, mapping, *, layout_id, currency) -> Budget``: the lines
   placed in the accounts of the layout by account number (exact, else the nearest
   account the number belongs to: ``11010`` → ``11``, ``1105`` → ``1100``); the template's
   placeholder lines are dropped. A row with only an amount becomes 1 flat times the amount; a
   row with no figure at all (a heading) and a total row are skipped.

Every problem is collected with its cell, and nothing is returned unless the whole table
reads (``BudgetFileError``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from clapboard.engines.budget import Budget, BudgetError, Line, from_template, parse_expression
from clapboard.engines.budget.money import quantize_cents
from clapboard.engines.documents.budget.cells import cell_text, decimal_of, is_number, number_text
from clapboard.engines.documents.budget.errors import BudgetFileError, Problems
from clapboard.engines.documents.budget.workbook import Workbook
from clapboard.engines.documents.budget.xlsx_format import unit_of

__all__ = [
    "FIELDS",
    "ColumnMapping",
    "Table",
    "TableCell",
    "TableRow",
    "budget_from_table",
    "read_table",
    "suggest_mapping",
]

MAX_ROWS = 50_000
HEADER_SEARCH = 30

#: The fields a column can be mapped to, and the headings recognised for each, best first.
HEADINGS: dict[str, tuple[str, ...]] = {
    "account": ("poste", "compte", "account", "acct", "account number", "account no", "n compte", "code poste",
                "code", "numero", "n", "no", "rubrique"),
    "line_id": ("ref", "reference", "ref ligne", "line id", "line", "id"),
    "description": ("libelle", "description", "designation", "intitule", "detail", "item", "desc", "nature"),
    "quantity": ("qte", "quantite", "qty", "quantity", "nombre", "nb", "units amount"),
    "unit": ("unite", "unit", "units", "u", "type"),
    "multiplier": ("x", "mult", "multiplicateur", "multiplier", "coef", "coefficient", "nb personnes"),
    "rate": ("taux", "rate", "prix unitaire", "pu", "p u", "unit price", "price", "cout unitaire", "tarif",
             "salaire", "prix"),
    "amount": ("montant", "amount", "total", "montant ht", "total ht", "sous total", "subtotal", "cout", "cost",
               "budget"),
    "currency": ("devise", "currency", "monnaie", "cur"),
    "department": ("departement", "department", "dept", "service"),
    "notes": ("notes", "note", "commentaire", "commentaires", "comment", "comments", "remarque", "remarques",
              "observations"),
}  # fmt: skip
FIELDS = tuple(HEADINGS)
_TOTAL_WORDS = re.compile(r"\b(total|sous[- ]total|subtotal|totaux)\b", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_CURRENCY_MARKS = re.compile(r"(€|\$|£|EUR|USD|GBP)", re.IGNORECASE)


def _normal(text: str) -> str:
    """A heading without accents, case, punctuation or extra spaces: "N° Compte" → "n compte"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


# ----------------------------------------------------------------------------- the table


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell: its text, its number when the file stored one (xlsx), and where it is."""

    text: str
    ref: str  # "C7"
    number: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int  # the row (xlsx) or line (CSV) in the file, from 1
    cells: tuple[TableCell, ...]

    def cell(self, column: int) -> TableCell | None:
        return self.cells[column] if column < len(self.cells) else None


@dataclass(frozen=True, slots=True)
class Table:
    """The rows under the heading row of a CSV file or of a workbook's sheet."""

    source: str  # the file name (CSV) or the sheet name (xlsx), as cells are named
    headings: tuple[str, ...]
    heading_row: int
    rows: tuple[TableRow, ...]
    decimal_comma: bool = False

    def where(self, ref: str) -> str:
        return f"{self.source}!{ref}"


def _column_letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_heading(text: str) -> bool:
    key = _normal(text)
    return any(key == word for words in HEADINGS.values() for word in words)


def _heading_row(rows: Sequence[Sequence[str]]) -> int:
    """The index of the heading row among ``rows``."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if sum(1 for text in row if text.strip() and _is_heading(text)) >= 2:
            return index
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        texts = [text for text in row if text.strip() and _parse_number(text, None) is None]
        if len(texts) >= 2:
            return index
    return 0


def _build(
    source: str,
    raw: Sequence[tuple[int, list[TableCell]]],
    decimal_comma: bool | None,
    problems: Problems,
    *,
    prefer_comma: bool = False,
) -> Table:
    texts = [[cell.text for cell in cells] for _, cells in raw]
    if not any(text.strip() for row in texts for text in row):
        problems.add(source, "the file holds no table")
        problems.check()
    heading = _heading_row(texts)
    heading_number, heading_cells = raw[heading]
    rows = tuple(
        TableRow(number, tuple(cells))
        for number, cells in raw[heading + 1 :]
        if any(cell.text.strip() for cell in cells)
    )
    if decimal_comma is None:
        decimal_comma = _guess_decimal_comma(
            (cell.text for row in rows for cell in row.cells if cell.number is None), prefer_comma
        )
    return Table(
        source=source,
        headings=tuple(cell.text.strip() for cell in heading_cells),
        heading_row=heading_number,
        rows=rows,
        decimal_comma=decimal_comma,
    )


def _guess_decimal_comma(texts: Any, prefer_comma: bool) -> bool:
    """Whether the numbers are written with a decimal comma: the more common writing among
    the numbers that say it (``12,50`` against ``12.50``); ``prefer_comma`` when none do."""
    comma = point = 0
    for text in texts:
        bare = _CURRENCY_MARKS.sub("", text).strip()
        if re.fullmatch(r"-?[\d\s\u00a0\u202f.]*\d,\d{1,2}", bare) or re.fullmatch(r"-?\d+,\d{4,}", bare):
            comma += 1
        elif re.fullmatch(r"-?[\d\s,]*\d\.\d{1,2}", bare) or re.fullmatch(r"-?\d+\.\d{4,}", bare):
            point += 1
    return comma > point or (comma == point and prefer_comma)


def read_table(data: bytes, filename: str) -> Table:
    """The table of a ``.csv`` / ``.txt`` file or of the first sheet of an ``.xlsx`` file."""
    problems = Problems()
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "table"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("xlsx", "xlsm"):
        return _read_xlsx(data, name, problems)
    if extension in ("csv", "txt", "tsv"):
        return _read_csv(data, name, problems)
    if extension == "xls":
        problems.add(name, "old Excel files (.xls) are not read: save it as .xlsx or .csv")
    else:
        problems.add(name, "not a table file: send a .csv or an .xlsx file")
    problems.check()
    raise AssertionError("unreachable")


def _read_csv(data: bytes, name: str, problems: Problems) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        problems.add(name, "not a text file")
        problems.check()
    lines = text.splitlines()
    sample = lines[:40]
    best, best_score = ",", -1
    for delimiter in (";", "\t", ","):
        counts = [
            len(row) for row in csv.reader(sample, delimiter=delimiter) if any(cell.strip() for cell in row)
        ]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * (mode > 1) * 100 + mode
        if score > best_score:
            best, best_score = delimiter, score
    raw: list[tuple[int, list[TableCell]]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=best), start=1):
        if number > MAX_ROWS:
            problems.add(name, f"more than {MAX_ROWS} rows")
            problems.check()
        raw.append((number, [TableCell(cell, f"{_column_letter(i)}{number}") for i, cell in enumerate(row)]))
    if not raw:
        problems.add(name, "the file is empty")
        problems.check()
    return _build(name, raw, None, problems, prefer_comma=best == ";")


def _read_xlsx(data: bytes, name: str, problems: Problems) -> Table:
    book = Workbook(data, name)
    try:
        sheet = next((s for s in book.names if book.book[s].sheet_state == "visible"), book.names[0])
        raw: list[tuple[int, list[TableCell]]] = []
        for number, values in book.rows(sheet):
            if number > MAX_ROWS:
                problems.add(sheet, f"more than {MAX_ROWS} rows")
                problems.check()
            cells = []
            for index, value in enumerate(values):
                ref = f"{_column_letter(index)}{number}"
                numeric = decimal_of(value) if is_number(value) else None
                cells.append(TableCell(cell_text(value), ref, numeric))
            raw.append((number, cells))
        if not raw:
            problems.add(sheet, "the sheet is empty")
            problems.check()
        table = _build(sheet, raw, None, problems)
        for merged in book.merged_ranges(sheet):
            last = int(merged.partition(":")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if last >= table.heading_row:
                problems.add(f"{sheet}!{merged}", "merged cells inside the table")
        problems.check()
        return table
    finally:
        book.close()


# ----------------------------------------------------------------------------- the mapping


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """For each field, the index of the column that holds it (None: not in the table)."""

    account: int | None = None
    line_id: int | None = None
    description: int | None = None
    quantity: int | None = None
    unit: int | None = None
    multiplier: int | None = None
    rate: int | None = None
    amount: int | None = None
    currency: int | None = None
    department: int | None = None
    notes: int | None = None

    def columns(self) -> dict[str, int]:
        return {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if getattr(self, item.name) is not None
        }


def suggest_mapping(table: Table) -> ColumnMapping:
    """The columns whose headings say what they hold; the best-ranked heading wins a field."""
    found: dict[str, tuple[int, int]] = {}  # field → (rank of the heading, column)
    taken: set[int] = set()
    candidates: list[tuple[int, int, str, int]] = []
    for column, heading in enumerate(table.headings):
        key = _normal(heading)
        if not key:
            continue
        for field_name, words in HEADINGS.items():
            for rank, word in enumerate(words):
                if key == word:
                    candidates.append((0, rank, field_name, column))
                elif len(word) > 3 and (key.startswith(word + " ") or key.endswith(" " + word)):
                    candidates.append((1, rank, field_name, column))
    for exactness, rank, field_name, column in sorted(candidates):
        if field_name in found or column in taken:
            continue
        found[field_name] = (exactness * 100 + rank, column)
        taken.add(column)
    return ColumnMapping(**{name: column for name, (_, column) in found.items()})


# ----------------------------------------------------------------------------- the budget


def _parse_number(text: str, decimal_comma: bool | None) -> Decimal | None:
    """A number as people type it: "1 250,50 €", "1,250.50", "12,5", "-3"; None otherwise."""
    bare = _CURRENCY_MARKS.sub("", text)
    bare = _SPACES.sub("", bare)
    if not bare:
        return None
    negative = bare.startswith("(") and bare.endswith(")")
    bare = bare.strip("()")
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", bare):
        return None
    if decimal_comma is None:
        decimal_comma = "," in bare and "." not in bare and not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", bare)
    thousands, point = (".", ",") if decimal_comma else (",", ".")
    if bare.count(point) > 1:
        return None
    if thousands in bare and not re.fullmatch(rf"[+-]?\d{{1,3}}(\{thousands}\d{{3}})+(\{point}\d+)?", bare):
        return None
    try:
        value = Decimal(bare.replace(thousands, "").replace(point, "."))
    except InvalidOperation:
        return None
    return -value if negative else value


def _account_for(code: str, numbers: Sequence[str]) -> str | None:
    """The layout's account for ``code``: itself, the longest account it starts with, or,
    for a number, the same number with its last digits zeroed (1105 → 1100)."""
    if code in numbers:
        return code
    compact = code.replace(".", "").replace(" ", "")
    if compact in numbers:
        return compact
    prefixes = [number for number in numbers if compact.startswith(number) and len(number) < len(compact)]
    if prefixes:
        return max(prefixes, key=len)
    if compact.isdigit():
        for keep in range(len(compact) - 1, 0, -1):
            candidate = compact[:keep] + "0" * (len(compact) - keep)
            if candidate in numbers:
                return candidate
    return None


def budget_from_table(
    table: Table,
    mapping: ColumnMapping,
    *,
    layout_id: str,
    currency: str,
    title: str | None = None,
    exchange_rates: Mapping[str, Decimal] | None = None,
) -> Budget:
    """A budget in layout ``layout_id`` whose lines are the table's rows.

    Raises ``BudgetFileError`` with every problem found and its cell: a missing account or
    figure column, an account the layout does not have, a figure that is not a number, a
    unit not known, an amount that disagrees with the quantity times the rate, a line id used twice.
    """
    problems = Problems()
    columns = mapping.columns()
    for field_name, column in columns.items():
        if column >= len(table.headings) and not any(column < len(row.cells) for row in table.rows):
            problems.add(
                table.source, f"the column for {field_name} (number {column + 1}) is not in the table"
            )
    if "account" not in columns:
        problems.add(table.source, "choose the column that holds the account numbers")
    if "rate" not in columns and "amount" not in columns:
        problems.add(table.source, "choose the column of the rates or the one of the amounts")
    problems.check()
    try:
        template = from_template(layout_id, currency=currency, exchange_rates=exchange_rates, title=title)
    except BudgetError as error:
        raise BudgetFileError([(f"layout {layout_id}", str(error))]) from error
    numbers = [account.number for account in template.accounts]
    lines: dict[str, list[Line]] = {number: [] for number in numbers}
    used: dict[str, str] = {}
    pending: list[tuple[str, dict[str, Any], str]] = []

    def text(row: TableRow, field_name: str) -> tuple[str, str]:
        column = columns.get(field_name)
        cell = row.cell(column) if column is not None else None
        if cell is None:
            ref = (
                f"{_column_letter(column)}{row.number}"
                if column is not None
                else f"{row.number}:{row.number}"
            )
            return "", table.where(ref)
        return cell.text.strip(), table.where(cell.ref)

    def number(row: TableRow, field_name: str) -> Decimal | bool | None:
        column = columns.get(field_name)
        cell = row.cell(column) if column is not None else None
        if cell is None or not cell.text.strip():
            return None
        if cell.number is not None:
            return cell.number
        value = _parse_number(cell.text, table.decimal_comma)
        if value is None:
            problems.add(table.where(cell.ref), f'"{cell.text.strip()}" is not a number')
            return False
        return value

    for row in table.rows:
        account_text, account_where = text(row, "account")
        description, _ = text(row, "description")
        quantity, rate, amount = number(row, "quantity"), number(row, "rate"), number(row, "amount")
        multiplier = number(row, "multiplier")
        if False in (quantity, rate, amount, multiplier):
            continue
        if quantity is None and rate is None and amount is None:
            continue  # a heading, a blank or a text-only row
        if not account_text:
            if _TOTAL_WORDS.search(" ".join(cell.text for cell in row.cells)):
                continue
            problems.add(account_where, "the line has no account number")
            continue
        account = _account_for(account_text, numbers)
        if account is None:
            problems.add(account_where, f'the layout {layout_id} has no account "{account_text}"')
            continue
        unit_text, unit_where = text(row, "unit")
        unit = unit_of(unit_text) if unit_text else "flat"
        if unit is None:
            problems.add(unit_where, f'"{unit_text}" is not a unit (days, weeks, hours, flat, allowance, %)')
            continue
        assert not isinstance(quantity, bool)
        assert not isinstance(rate, bool)
        assert not isinstance(amount, bool)
        assert not isinstance(multiplier, bool)
        if rate is None:
            assert amount is not None
            if quantity is None or quantity == 0:
                quantity, rate, unit = Decimal(1), amount, ("flat" if not unit_text else unit)
            else:
                rate = amount / quantity
                if rate != rate.quantize(Decimal("0.0001")):
                    _, where = text(row, "amount")
                    problems.add(where, "the amount does not divide by the quantity: choose the rate column")
                    continue
                rate = rate.normalize()
        elif quantity is None:
            quantity = Decimal(1)
        if amount is not None and "rate" in columns:
            counted = quantity / 100 if unit == "percentage" else quantity
            computed = quantize_cents(counted * rate * (multiplier if multiplier is not None else Decimal(1)))
            if abs(computed - amount) > Decimal("0.01"):
                _, where = text(row, "amount")
                problems.add(
                    where,
                    f"the quantity times the rate gives {computed} but the amount is {amount}: map the multiplier "
                    "column, or leave the amount column out",
                )
                continue
        line_id, id_where = text(row, "line_id")
        if line_id:
            if line_id in used:
                problems.add(id_where, f'the line id "{line_id}" is used twice (also at {used[line_id]})')
                continue
            used[line_id] = id_where
        currency_text, _ = text(row, "currency")
        department, _ = text(row, "department")
        notes, _ = text(row, "notes")
        fields_: dict[str, Any] = {
            "description": description,
            "quantity": parse_expression(number_text(quantity)),
            "unit": unit,
            "rate": parse_expression(number_text(rate)),
            "multiplier": None if multiplier is None else parse_expression(number_text(multiplier)),
            "currency": currency_text.upper() or None,
            "department": department,
            "notes": notes,
        }
        pending.append((account, fields_, line_id))
    problems.check()
    for account, fields_, line_id in pending:
        if not line_id:
            counter = len(lines[account]) + 1
            while f"{account}.{counter:02}" in used:
                counter += 1
            line_id = f"{account}.{counter:02}"
            used[line_id] = ""
        lines[account].append(Line(id=line_id, **fields_))
    budget = replace(
        template,
        accounts=tuple(replace(account, lines=tuple(lines[account.number])) for account in template.accounts),
    )
    try:
        from clapboard.engines.budget.checks import check_budget

        check_budget(budget)
    except BudgetError as error:
        raise BudgetFileError([(table.source, str(error))]) from error
    return budget
