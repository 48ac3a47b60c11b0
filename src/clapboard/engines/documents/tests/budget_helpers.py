"""Budgets for the budget file tests, and a small evaluator of the workbook's formulas."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from clapboard.engines.budget import Budget, Global, Line, from_template, parse_expression


def filled(layout_id: str, **options: Any) -> Budget:
    """The layout's template with rates, quantities, expressions, currencies and fringes."""
    budget = from_template(layout_id, title="Le Dernier Bac — « essai »", **options)
    globals_ = (
        *budget.globals,
        Global("NIGHT_BONUS", parse_expression("1,25"), description="Majoration nuit"),
    )
    accounts = []
    counter = 0
    for account in budget.accounts:
        lines: list[Line] = []
        for line in account.lines:
            counter += 1
            changes: dict[str, Any] = {"rate": parse_expression(f"{(counter * 137) % 4000 + 12}.50")}
            if counter % 5 == 0:
                changes["quantity"] = parse_expression("SHOOT_DAYS / 5 + 1")
            elif counter % 7 == 0:
                changes["quantity"] = parse_expression("2,5")
            if counter % 6 == 0:
                changes["multiplier"] = parse_expression("NIGHT_BONUS")
            if counter % 9 == 0:
                changes["multiplier"] = parse_expression("2")
            if counter % 11 == 0:
                changes["french_share"] = Decimal("60")
            if counter % 13 == 0:
                changes["notes"] = "=à vérifier"
            if budget.episodes is not None and counter % 3 == 0:
                changes["per_episode"] = True
            lines.append(replace(line, **changes))
        if account.lines and counter % 4 == 0:
            lines.append(
                Line(
                    id=f"{account.number}-usd",
                    description="Location caméra (devis US)",
                    quantity=parse_expression("3"),
                    unit="weeks",
                    rate=parse_expression("1250.00"),
                    currency="USD",
                    department="caméra",
                    person="hire-12",
                )
            )
        accounts.append(replace(account, lines=tuple(lines)))
    rates = dict(budget.exchange_rates)
    rates.setdefault("USD", Decimal("0.92"))
    return replace(budget, accounts=tuple(accounts), globals=globals_, exchange_rates=rates)


# ----------------------------------------------------------------------------- formulas

_REFERENCE = re.compile(
    r"(?:'((?:[^']|'')+)'!|([A-Za-z_][\w.]*)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"
)


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


class FormulaBook:
    """The workbook's cells, with formulas computed in Decimal (SUM, ROUND, IF, + - * /)."""

    def __init__(self, data: bytes) -> None:
        self.book = load_workbook(io.BytesIO(data))
        self.cache: dict[tuple[str, str], Any] = {}
        self.references: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def formula(self, sheet: str, cell: str) -> str | None:
        value = self.book[sheet][cell].value
        return value if isinstance(value, str) and value.startswith("=") else None

    def value(self, sheet: str, cell: str) -> Any:
        key = (sheet, cell)
        if key not in self.cache:
            raw = self.book[sheet][cell].value
            if isinstance(raw, str) and raw.startswith("="):
                self.cache[key] = self._evaluate(sheet, cell, raw[1:])
            elif isinstance(raw, int | float) and not isinstance(raw, bool):
                self.cache[key] = Decimal(repr(raw))
            else:
                self.cache[key] = "" if raw is None else raw
        return self.cache[key]

    def cells_of(self, sheet: str, cell: str) -> list[tuple[str, str]]:
        """The cells a formula refers to, ranges spelt out."""
        self.value(sheet, cell)
        return self.references.get((sheet, cell), [])

    def _evaluate(self, sheet: str, cell: str, text: str) -> Any:
        refs: list[tuple[str, str]] = []

        def one(target: str, address: str) -> str:
            refs.append((target, address))
            return f"R({target!r},{address!r})"

        def substitute(match: re.Match[str]) -> str:
            target = (match.group(1) or "").replace("''", "'") or match.group(2) or sheet
            start = f"{match.group(3)}{match.group(4)}"
            if match.group(5) is None:
                return one(target, start)
            first_col, last_col = _column(match.group(3)), _column(match.group(5))
            cells = []
            for row in range(int(match.group(4)), int(match.group(6)) + 1):
                for col in range(first_col, last_col + 1):
                    letters = ""
                    number = col
                    while number:
                        number, remainder = divmod(number - 1, 26)
                        letters = chr(65 + remainder) + letters
                    cells.append(one(target, f"{letters}{row}"))
            return "[" + ",".join(cells) + "]"

        python = _REFERENCE.sub(substitute, text.replace('=""', '==""'))
        python = python.replace("SUM(", "SUM_(").replace("ROUND(", "ROUND_(").replace("IF(", "IF_(")
        self.references[(sheet, cell)] = refs
        return eval(python, {"R": self.value, "SUM_": _sum, "ROUND_": _round, "IF_": _if})


def _sum(*items: Any) -> Decimal:
    total = Decimal(0)
    for item in items:
        for value in item if isinstance(item, list) else [item]:
            if isinstance(value, Decimal):
                total += value
    return total


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _if(condition: bool, yes: Any, no: Any) -> Any:
    return yes if condition else no
