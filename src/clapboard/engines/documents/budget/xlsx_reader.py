"""Reads a budget workbook written by ``write_budget_xlsx`` back into a ``Budget``.

What a person may change in Excel and how it reads back:

* **Detail**: quantities, rates, multipliers, descriptions, units, currencies, fringe
  sets, departments, French shares, people, links and notes of the lines; a row inserted
  among the lines is a new line (a row without a line id gets a new id, ``<account>.NN``);
  a deleted row is a deleted line; a line's account is its Account cell (empty: the account
  of the block it sits in). Headings, fringe rows and totals (marked in the hidden column
  A) are Clapboard's own and are not read: totals are computed again.
* a quantity, rate or multiplier is the cell's number, or the text typed in it (``1,5``,
  ``SHOOT_DAYS / 5``); when its formula column (``Quantity formula``…) holds an
  expression, the expression counts, unless the number cell was changed since the file
  was written and the formula was not (then the typed number replaces the expression).
* **Accounts** (the chart of accounts: chapters, then accounts), **Globals**, **Fringes**
  and **Settings** (title, layout, currency, episodes, hours per day, days per week,
  exchange rates, percentage lines) are read whole.

Every problem found is reported at once, with its sheet and cell
(``Detail!H27: "douze" is not a number or an expression``), in a ``BudgetFileError``;
nothing is returned unless the whole file reads. Finally the budget goes through the
engine's own checks, whose field paths are turned back into cells.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from clapboard.engines.budget import (
    Account,
    Budget,
    BudgetError,
    Chapter,
    Expression,
    ExpressionError,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
    parse_expression,
)
from clapboard.engines.budget.checks import check_budget
from clapboard.engines.budget.money import HUNDRED
from clapboard.engines.documents.budget.cells import (
    PLAIN_NUMBER,
    cell_text,
    decimal_of,
    is_number,
    number_text,
)
from clapboard.engines.documents.budget.errors import BudgetFileError, Problems
from clapboard.engines.documents.budget.labels import BUDGET_LABELS
from clapboard.engines.documents.budget.workbook import Workbook
from clapboard.engines.documents.budget.xlsx_format import (
    ACCOUNT_COLUMNS,
    DETAIL_COLUMNS,
    FORMAT_MARKER,
    FORMAT_VERSION,
    FRINGE_COLUMNS,
    GLOBAL_COLUMNS,
    META_SHEET,
    NO_WORDS,
    ORIGINALS_FIRST_ROW,
    PERCENTAGE_COLUMNS,
    SHEET_KEYS,
    UNIT_NAMES,
    YES_WORDS,
    Col,
    group_of,
    unit_of,
)

__all__ = ["read_budget_xlsx"]

_GLOBAL_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")


def _letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(slots=True)
class _Table:
    """One sheet's rows with the position of each known column (found by heading)."""

    sheet: str
    columns: dict[str, int]
    rows: list[tuple[int, list[Any]]]

    def value(self, row: Sequence[Any], key: str) -> Any:
        index = self.columns.get(key)
        if index is None or index >= len(row):
            return None
        return row[index]

    def text(self, row: Sequence[Any], key: str) -> str:
        return cell_text(self.value(row, key))

    def where(self, number: int, key: str | None = None) -> str:
        if key is None or key not in self.columns:
            return f"{self.sheet}!{number}:{number}"
        return f"{self.sheet}!{_letter(self.columns[key] + 1)}{number}"


@dataclass(slots=True)
class _Place:
    """Where an object of the budget came from, to turn an engine path into a cell."""

    table: _Table
    row: int
    fields: Mapping[str, str] = field(default_factory=dict)  # engine field → column key


class _Reader:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.problems = Problems()
        self.places: dict[str, _Place] = {}
        self.meta: dict[str, Any] = {}
        self.originals: dict[tuple[str, str], tuple[str, float]] = {}
        self.headings: dict[str, str] = {}
        self.sheets: dict[str, str] = {}
        self.known_globals: set[str] = set()
        self.detail_table = _Table("", {}, [])

    # -------------------------------------------------------------- structure

    def read_meta(self) -> None:
        if META_SHEET not in self.book.names:
            raise BudgetFileError(
                [
                    (
                        self.book.source,
                        "this workbook was not written by Clapboard (its format marker is missing); "
                        "import it as a table, with the column mapping step",
                    )
                ]
            )
        rows = dict(self.book.rows(META_SHEET))
        first = rows.get(1, [])
        marker = first[0] if first else None
        if marker != FORMAT_MARKER:
            raise BudgetFileError([(f"{META_SHEET}!A1", f"expected the format marker {FORMAT_MARKER!r}")])
        version = first[1] if len(first) > 1 else None
        if not is_number(version) or version != FORMAT_VERSION:
            raise BudgetFileError(
                [
                    (
                        f"{META_SHEET}!B1",
                        f"this version of Clapboard reads budget workbooks of version {FORMAT_VERSION}",
                    )
                ]
            )
        try:
            self.meta = json.loads(first[2]) if len(first) > 2 and isinstance(first[2], str) else {}
        except json.JSONDecodeError:
            self.meta = {}
        for number, row in rows.items():
            if number < ORIGINALS_FIRST_ROW or len(row) < 4 or row[0] is None:
                continue
            if isinstance(row[2], str) and is_number(row[3]):
                self.originals[cell_text(row[0]), cell_text(row[1])] = (row[2], float(row[3]))
        recorded = self.meta.get("sheets", {}) if isinstance(self.meta.get("sheets"), dict) else {}
        for key in SHEET_KEYS:
            candidates = [recorded.get(key)] + [BUDGET_LABELS[lang][f"sheet_{key}"] for lang in BUDGET_LABELS]
            name = next((c for c in candidates if isinstance(c, str) and c in self.book.names), None)
            if name is None:
                shown = recorded.get(key) or BUDGET_LABELS["en"][f"sheet_{key}"]
                self.problems.add(self.book.source, f'the sheet "{shown}" is missing')
            else:
                self.sheets[key] = name
        self.problems.check()
        headings = self.meta.get("headings", {}) if isinstance(self.meta.get("headings"), dict) else {}
        for key, label in headings.items():
            if isinstance(label, str):
                self.headings[_normal(label)] = key
        for language in ("en", "fr"):
            for key, label in BUDGET_LABELS[language].items():
                if key.startswith("col_"):
                    self.headings.setdefault(_normal(label), key[4:])

    def table(self, key: str, columns: Sequence[Col], *, header_row: int = 1) -> _Table:
        """The sheet's rows below its heading row, with the columns found by heading."""
        name = self.sheets[key]
        all_rows = list(self.book.rows(name))
        heading = next((row for number, row in all_rows if number == header_row), [])
        wanted = {column.key for column in columns}
        positions: dict[str, int] = {}
        for index, value in enumerate(heading):
            found = self.headings.get(_normal(cell_text(value)))
            if found in wanted and found not in positions:
                positions[found] = index
        for column in columns:
            if column.required and column.key not in positions:
                self.problems.add(name, f'the column "{self.label(column.key)}" is missing')
        for merged in self.book.merged_ranges(name):
            end = merged.partition(":")[2]
            last_row = int(end.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if last_row >= header_row:
                place = (
                    "the heading row"
                    if last_row == header_row
                    else "the line table"
                    if key == "detail"
                    else "the table"
                )
                self.problems.add(f"{name}!{merged}", f"merged cells inside {place}")
        return _Table(name, positions, [(n, r) for n, r in all_rows if n > header_row])

    def label(self, key: str) -> str:
        """A column's heading in the file's language."""
        language = self.meta.get("language")
        return BUDGET_LABELS[language if language in BUDGET_LABELS else "en"][f"col_{key}"]

    # -------------------------------------------------------------- values

    def expression(self, table: _Table, number: int, key: str, text: str) -> Expression | None:
        where = table.where(number, key)
        try:
            expression = parse_expression(text)
        except ExpressionError as error:
            if re.fullmatch(r"[A-Za-z\s]+", text.strip()):
                self.problems.add(where, f'"{text}" is not a number or an expression')
            else:
                self.problems.add(
                    where,
                    f'"{text}" is not a number or an expression ({error.reason} at position {error.position + 1})',
                )
            return None
        unknown = sorted(expression.names - self.known_globals)
        if unknown:
            if len(unknown) == 1 and text.strip() == unknown[0] and not _GLOBAL_NAME.fullmatch(unknown[0]):
                self.problems.add(where, f'"{text}" is not a number or an expression')
            else:
                plural = "s" if len(unknown) > 1 else ""
                self.problems.add(where, f'unknown global{plural} {", ".join(unknown)} in "{text}"')
            return None
        return expression

    def number(
        self, table: _Table, number: int, row: Sequence[Any], key: str, *, default: Decimal | None = None
    ) -> Decimal | None:
        value = table.value(row, key)
        if value is None or value == "":
            return default
        if is_number(value):
            return decimal_of(value)
        text = cell_text(value).strip().replace("\u00a0", "").replace(" ", "").replace("%", "")
        if _NUMBER_TEXT.fullmatch(text):
            try:
                return Decimal(text.replace(",", "."))
            except InvalidOperation:
                pass
        self.problems.add(table.where(number, key), f'"{cell_text(value)}" is not a number')
        return default

    def optional(self, table: _Table, row: Sequence[Any], key: str) -> str | None:
        text = table.text(row, key)
        return text if text != "" else None

    def names(self, table: _Table, row: Sequence[Any], key: str) -> tuple[str, ...]:
        text = table.text(row, key)
        return tuple(part.strip() for part in text.split(",") if part.strip())

    # -------------------------------------------------------------- sheets

    def read_settings(self) -> dict[str, Any]:
        name = self.sheets["settings"]
        rows = list(self.book.rows(name))
        settings: dict[str, Any] = {"rates": {}, "percentages": []}
        section = ""
        percentage_table: _Table | None = None
        for number, row in rows:
            key = cell_text(row[0]).strip() if row else ""
            label = cell_text(row[1]) if len(row) > 1 else ""
            value = row[2] if len(row) > 2 else None
            if key in ("title", "layout", "currency", "notes"):
                settings[key] = (number, cell_text(value))
            elif key in ("episodes", "hours_per_day", "days_per_week"):
                settings[key] = (number, value)
            elif key == "rates":
                section = "rates"
            elif key == "percentages":
                section = "percentages"
                positions: dict[str, int] = {}
                for index, heading in enumerate(row):
                    found = self.headings.get(_normal(cell_text(heading)))
                    if found in {c.key for c in PERCENTAGE_COLUMNS} and found not in positions:
                        positions[found] = index
                percentage_table = _Table(name, positions, [])
                for column in PERCENTAGE_COLUMNS:
                    if column.required and column.key not in positions:
                        self.problems.add(
                            f"{name}!{number}:{number}", f'the column "{self.label(column.key)}" is missing'
                        )
            elif not any(cell_text(cell).strip() for cell in row):
                continue
            elif section == "rates" and key in ("", "rate"):
                settings["rates"][number] = (label.strip(), value)
            elif section == "percentages" and key in ("", "percentage") and percentage_table is not None:
                percentage_table.rows.append((number, row))
        for required in ("layout", "currency"):
            if required not in settings:
                self.problems.add(name, f"the {required.replace('_', ' ')} row is missing")
        settings["percentage_table"] = percentage_table
        settings["sheet"] = name
        return settings

    def read_globals(self) -> tuple[Global, ...]:
        table = self.table("globals", GLOBAL_COLUMNS)
        items: list[Global] = []
        raw: list[tuple[int, str, str, list[Any]]] = []
        for number, row in table.rows:
            name = table.text(row, "name").strip()
            value = table.value(row, "expression")
            text = number_text(value) if is_number(value) else cell_text(value)
            if not name and not text.strip():
                continue
            raw.append((number, name, text, row))
        self.known_globals = {name for _, name, _, _ in raw if name}
        for number, name, text, row in raw:
            if not name:
                self.problems.add(table.where(number, "name"), "a global needs a name")
                continue
            if not text.strip():
                self.problems.add(table.where(number, "expression"), f"the global {name} has no expression")
                continue
            expression = self.expression(table, number, "expression", text)
            if expression is None:
                continue
            self.places[f"globals[{len(items)}]"] = _Place(
                table, number, {"name": "name", "expression": "expression", "link": "link"}
            )
            items.append(
                Global(
                    name=name,
                    expression=expression,
                    link=self.optional(table, row, "link"),
                    description=table.text(row, "description"),
                )
            )
        return tuple(items)

    def read_fringes(self) -> tuple[FringeSet, ...]:
        table = self.table("fringes", FRINGE_COLUMNS)
        sets: list[dict[str, Any]] = []
        for number, row in table.rows:
            name = table.text(row, "set").strip()
            fringe = table.text(row, "fringe").strip()
            if not name and not fringe:
                if any(cell_text(cell).strip() for cell in row):
                    self.problems.add(table.where(number, "fringe"), "a fringe needs a name")
                continue
            if name and (not sets or sets[-1]["name"] != name):
                sets.append(
                    {
                        "name": name,
                        "row": number,
                        "employment_status": table.text(row, "status"),
                        "title": table.text(row, "set_title"),
                        "source": table.text(row, "set_source"),
                        "effective_from": self.date(table, number, row, "effective_from"),
                        "notes": table.text(row, "set_notes"),
                        "fringes": [],
                    }
                )
            if not sets:
                self.problems.add(table.where(number, "set"), "the first fringe needs the name of its set")
                continue
            if fringe:
                sets[-1]["fringes"].append((number, fringe, row))
        result: list[FringeSet] = []
        for set_index, item in enumerate(sets):
            self.places[f"fringe_sets[{set_index}]"] = _Place(
                table, item["row"], {"name": "set", "employment_status": "status"}
            )
            fringes: list[Fringe] = []
            for number, fringe_name, row in item["fringes"]:
                path = f"fringe_sets[{set_index}].fringes[{len(fringes)}]"
                self.places[path] = _Place(
                    table, number, {"name": "fringe", "percentage": "percentage", "cap": "cap_amount"}
                )
                self.places[f"{path}.cap"] = _Place(
                    table,
                    number,
                    {
                        "amount": "cap_amount",
                        "per": "cap_per",
                        "currency": "cap_currency",
                        "floor": "cap_floor",
                    },
                )
                percentage = self.number(table, number, row, "percentage")
                if percentage is None:
                    if table.value(row, "percentage") in (None, ""):
                        self.problems.add(
                            table.where(number, "percentage"), f"the fringe {fringe_name} has no percentage"
                        )
                    continue
                fringes.append(
                    Fringe(
                        name=fringe_name,
                        percentage=percentage,
                        title=table.text(row, "fringe_title"),
                        cap=self.cap(table, number, row),
                        source=table.text(row, "source"),
                        notes=table.text(row, "notes"),
                    )
                )
            result.append(
                FringeSet(
                    name=item["name"],
                    employment_status=item["employment_status"],
                    fringes=tuple(fringes),
                    title=item["title"],
                    source=item["source"],
                    effective_from=item["effective_from"],
                    notes=item["notes"],
                )
            )
        return tuple(result)

    def cap(self, table: _Table, number: int, row: Sequence[Any]) -> FringeCap | None:
        amount = self.number(table, number, row, "cap_amount")
        per = table.text(row, "cap_per").strip()
        currency = table.text(row, "cap_currency").strip()
        if amount is None:
            if per or currency:
                self.problems.add(table.where(number, "cap_amount"), "a ceiling needs an amount")
            return None
        floor = self.number(table, number, row, "cap_floor", default=Decimal(0))
        return FringeCap(amount=amount, per=per, currency=currency, floor=floor or Decimal(0))

    def date(self, table: _Table, number: int, row: Sequence[Any], key: str) -> date | None:
        value = table.value(row, key)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(cell_text(value).strip())
        except ValueError:
            self.problems.add(table.where(number, key), f'"{cell_text(value)}" is not a date (YYYY-MM-DD)')
            return None

    def read_accounts(self) -> tuple[list[Chapter], list[dict[str, Any]]]:
        table = self.table("accounts", ACCOUNT_COLUMNS)
        chapters: dict[str, Chapter] = {}
        accounts: list[dict[str, Any]] = []
        for number, row in table.rows:
            chapter = table.text(row, "chapter").strip()
            account = table.text(row, "account").strip()
            if not chapter and not account:
                continue
            if not chapter:
                self.problems.add(table.where(number, "chapter"), f"the account {account} has no chapter")
                continue
            title = table.text(row, "chapter_title")
            if not account or (chapter not in chapters and title):
                if chapter in chapters:
                    self.problems.add(
                        table.where(number, "chapter"), f"the chapter {chapter} is listed twice"
                    )
                chapters[chapter] = Chapter(chapter, title)
                if not account:
                    continue
            if chapter not in chapters:
                self.problems.add(
                    table.where(number, "chapter"),
                    f"no chapter {chapter} (add a row for it above the accounts)",
                )
                continue
            group_text = table.text(row, "group")
            group = group_of(group_text)
            if group is None:
                self.problems.add(
                    table.where(number, "group"), f'"{group_text}" is not a group (above or below the line)'
                )
                continue
            self.places[f"accounts[{len(accounts)}]"] = _Place(
                table,
                number,
                {
                    "number": "account",
                    "chapter": "chapter",
                    "group": "group",
                    "fringes_to": "fringes_to",
                    "title": "title",
                },
            )
            accounts.append(
                {
                    "number": account,
                    "title": table.text(row, "title"),
                    "chapter": chapter,
                    "group": group,
                    "fringes_to": self.optional(table, row, "fringes_to"),
                    "row": number,
                }
            )
        return list(chapters.values()), accounts

    # -------------------------------------------------------------- detail

    def line_value(
        self, table: _Table, number: int, row: Sequence[Any], line_id: str, field_name: str
    ) -> Expression | Literal[False] | None:
        """The quantity, rate or multiplier of a line; None when empty, False when bad."""
        formula = (
            table.text(row, f"{field_name}_formula").strip()
            if f"{field_name}_formula" in table.columns
            else ""
        )
        value = table.value(row, field_name)
        original = self.originals.get((line_id, field_name)) if line_id else None
        if formula:
            if (
                original
                and formula == original[0].strip()
                and is_number(value)
                and float(value) != original[1]
            ):
                return parse_expression(number_text(value))
            return (
                self.expression(
                    table, number, f"{field_name}_formula", table.text(row, f"{field_name}_formula")
                )
                or False
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if is_number(value):
            if original and float(value) == original[1] and PLAIN_NUMBER.fullmatch(original[0]):
                return parse_expression(original[0])
            return parse_expression(number_text(value))
        return self.expression(table, number, field_name, cell_text(value)) or False

    def read_detail(self, accounts: Mapping[str, Any]) -> dict[str, list[tuple[int, Line]]]:
        table = self.detail_table = self.table("detail", DETAIL_COLUMNS)
        self.problems.check()
        lines: dict[str, list[tuple[int, Line]]] = {number: [] for number in accounts}
        used: dict[str, int] = {}
        pending: list[tuple[int, str, dict[str, Any]]] = []
        block: str | None = None
        for number, row in table.rows:
            marker = table.text(row, "row").strip()
            if marker:
                kind, _, rest = marker.partition(":")
                if kind == "account":
                    block = rest
                elif kind == "chapter":
                    block = None
                continue
            if not any(cell_text(table.value(row, c.key)).strip() for c in DETAIL_COLUMNS if not c.derived):
                continue
            account = table.text(row, "account").strip() or block
            if account is None:
                self.problems.add(table.where(number, "account"), "the line has no account number")
                continue
            if account not in accounts:
                self.problems.add(
                    table.where(number, "account"),
                    f'no account "{account}" in the {self.sheets["accounts"]} sheet',
                )
                continue
            line_id = table.text(row, "line_id").strip()
            if line_id:
                if line_id in used:
                    self.problems.add(
                        table.where(number, "line_id"),
                        f'the line id "{line_id}" is used twice (also on row {used[line_id]})',
                    )
                    continue
                used[line_id] = number
            fields = self.line_fields(table, number, row, line_id)
            if fields is not None:
                pending.append((number, account, {"id": line_id, **fields}))
        for number, account, fields in pending:
            if not fields["id"]:
                fields["id"] = _new_id(account, used)
                used[fields["id"]] = number
            lines[account].append((number, Line(**fields)))
        return lines

    def line_fields(
        self, table: _Table, number: int, row: Sequence[Any], line_id: str
    ) -> dict[str, Any] | None:
        quantity = self.line_value(table, number, row, line_id, "quantity")
        rate = self.line_value(table, number, row, line_id, "rate")
        multiplier = self.line_value(table, number, row, line_id, "multiplier")
        if quantity is None:
            self.problems.add(table.where(number, "quantity"), "the line has no quantity")
        if rate is None:
            self.problems.add(table.where(number, "rate"), "the line has no rate")
        unit_text = table.text(row, "unit")
        unit = unit_of(unit_text) if unit_text.strip() else "flat"
        if unit is None:
            words = ", ".join(dict.fromkeys((*UNIT_NAMES["en"].values(), *UNIT_NAMES["fr"].values())))
            self.problems.add(table.where(number, "unit"), f'"{unit_text}" is not a unit ({words})')
        per_episode = False
        if "per_episode" in table.columns:
            flag = table.text(row, "per_episode").strip().casefold()
            if flag in YES_WORDS:
                per_episode = True
            elif flag not in NO_WORDS:
                self.problems.add(table.where(number, "per_episode"), f'"{flag}" is not yes or no')
        share = self.number(table, number, row, "french_share", default=HUNDRED)
        if (
            not isinstance(quantity, Expression)
            or not isinstance(rate, Expression)
            or multiplier is False
            or unit is None
        ):
            return None
        return {
            "description": table.text(row, "description"),
            "quantity": quantity,
            "unit": unit,
            "rate": rate,
            "multiplier": multiplier if isinstance(multiplier, Expression) else None,
            "currency": self.optional(table, row, "currency"),
            "fringe_sets": self.names(table, row, "fringe_sets"),
            "department": table.text(row, "department"),
            "french_share": share if share is not None else HUNDRED,
            "per_episode": per_episode,
            "notes": table.text(row, "notes"),
            "person": self.optional(table, row, "person"),
            "quantity_link": self.optional(table, row, "quantity_link"),
        }

    # -------------------------------------------------------------- whole budget

    def read(self) -> Budget:
        self.read_meta()
        settings = self.read_settings()
        globals_ = self.read_globals()
        fringe_sets = self.read_fringes()
        chapters, accounts = self.read_accounts()
        percentages = self.read_percentages(settings)
        self.problems.check()
        by_number = {item["number"]: item for item in accounts}
        lines = self.read_detail(by_number)
        header = self.read_header(settings)
        self.problems.check()
        detail = self.detail_table
        built: list[Account] = []
        for account_index, item in enumerate(accounts):
            account_lines = lines.get(item["number"], [])
            for line_index, (number, _) in enumerate(account_lines):
                self.places[f"accounts[{account_index}].lines[{line_index}]"] = _Place(
                    detail, number, _LINE_FIELDS
                )
            built.append(
                Account(
                    number=item["number"],
                    title=item["title"],
                    chapter=item["chapter"],
                    group=item["group"],
                    lines=tuple(line for _, line in account_lines),
                    fringes_to=item["fringes_to"],
                )
            )
        budget = Budget(
            chapters=tuple(chapters),
            accounts=tuple(built),
            globals=globals_,
            fringe_sets=fringe_sets,
            percentages=percentages,
            **header,
        )
        try:
            check_budget(budget)
        except BudgetError as error:
            raise BudgetFileError([(self.locate(error.path), error.reason)]) from error
        return budget

    def read_header(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        sheet = settings["sheet"]
        table = _Table(sheet, {"value": 2}, [])
        header: dict[str, Any] = {}
        for key in ("title", "layout", "currency", "notes"):
            if key in settings:
                number, text = settings[key]
                header[key] = text.strip() if key in ("layout", "currency") else text
                self.places[key] = _Place(table, number, {"": "value"})
        episodes = settings.get("episodes", (0, None))
        header["episodes"] = None
        if episodes[1] not in (None, ""):
            value = episodes[1]
            if is_number(value) and float(value).is_integer():
                header["episodes"] = int(value)
            else:
                self.problems.add(
                    f"{sheet}!C{episodes[0]}", f'"{cell_text(value)}" is not a whole number of episodes'
                )
        for key in ("hours_per_day", "days_per_week"):
            if key in settings:
                number, value = settings[key]
                amount = self.number(_Table(sheet, {"v": 2}, []), number, [None, None, value], "v")
                if amount is not None:
                    header[key] = amount
                self.places[key] = _Place(table, number, {"": "value"})
        rates: dict[str, Decimal] = {}
        rate_table = _Table(sheet, {"code": 1, "rate": 2}, [])
        for number, (code, value) in settings["rates"].items():
            if not code:
                self.problems.add(
                    rate_table.where(number, "code"), "an exchange rate needs its currency code"
                )
                continue
            amount = self.number(rate_table, number, [None, code, value], "rate")
            if amount is None:
                self.problems.add(rate_table.where(number, "rate"), f"no rate for {code}")
                continue
            rates[code] = amount
            self.places[f"exchange_rates.{code}"] = _Place(rate_table, number, {"": "rate"})
        header["exchange_rates"] = rates
        return header

    def read_percentages(self, settings: Mapping[str, Any]) -> tuple[PercentageLine, ...]:
        table: _Table | None = settings.get("percentage_table")
        if table is None:
            return ()
        items: list[PercentageLine] = []
        for number, row in table.rows:
            item_id = table.text(row, "id").strip()
            value = table.value(row, "percentage")
            text = number_text(value) if is_number(value) else cell_text(value)
            if not item_id:
                self.problems.add(table.where(number, "id"), "a percentage line needs an id")
                continue
            expression = self.expression(table, number, "percentage", text) if text.strip() else None
            if expression is None:
                if not text.strip():
                    self.problems.add(
                        table.where(number, "percentage"), f"the percentage line {item_id} has no percentage"
                    )
                continue
            path = f"percentages[{len(items)}]"
            self.places[path] = _Place(
                table, number, {"id": "id", "percentage": "percentage", "french_share": "french_share"}
            )
            self.places[f"{path}.base"] = _Place(
                table, number, {"include": "include", "exclude": "exclude", "percentages": "after"}
            )
            items.append(
                PercentageLine(
                    id=item_id,
                    title=table.text(row, "title"),
                    percentage=expression,
                    base=PercentageBase(
                        include=self.names(table, row, "include"),
                        exclude=self.names(table, row, "exclude"),
                        percentages=self.names(table, row, "after"),
                    ),
                    french_share=self.number(table, number, row, "french_share", default=HUNDRED)
                    or Decimal(0),
                    notes=table.text(row, "notes"),
                )
            )
        return tuple(items)

    def locate(self, path: str) -> str:
        """The cell an engine path (``accounts[2].lines[5].rate``) stands for."""
        prefix = path
        rest: list[str] = []
        while prefix:
            place = self.places.get(prefix)
            if place is not None:
                head = re.sub(r"\[\d+\]$", "", rest[0]) if rest else ""
                column = place.fields.get(head) or place.fields.get("")
                return place.table.where(place.row, column)
            cut = max(prefix.rfind("."), prefix.rfind("["))
            if cut <= 0:
                break
            piece = prefix[cut:].lstrip(".")
            rest.insert(0, piece)
            prefix = prefix[:cut]
        return self.book.source


_LINE_FIELDS = {
    "id": "line_id",
    "description": "description",
    "quantity": "quantity",
    "unit": "unit",
    "rate": "rate",
    "multiplier": "multiplier",
    "currency": "currency",
    "fringe_sets": "fringe_sets",
    "department": "department",
    "french_share": "french_share",
    "per_episode": "per_episode",
    "person": "person",
    "quantity_link": "quantity_link",
}


def _new_id(account: str, used: Mapping[str, int]) -> str:
    number = 1
    while f"{account}.{number:02}" in used:
        number += 1
    return f"{account}.{number:02}"


def read_budget_xlsx(data: bytes, *, source: str = "workbook") -> Budget:
    """The budget of a workbook written by ``write_budget_xlsx`` (and maybe edited since).

    Raises ``BudgetFileError`` (a ``BudgetError``) listing every problem with its sheet
    and cell; a workbook that Clapboard did not write is refused with a message that
    points to the table import (``budget_from_table``).
    """
    book = Workbook(data, source)
    try:
        return _Reader(book).read()
    finally:
        book.close()
