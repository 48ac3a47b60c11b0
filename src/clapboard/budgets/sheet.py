"""A budget version as its page shows it: chapters, accounts and lines with their figures.

``load_sheet(version, reader_sees_salaries)`` runs the engine on the version (so that the
figures follow the linked schedule even when nobody edited the budget since) and lays
the result out in document order. Salary lines (pay to a person: lines with fringes or
a person) keep their description for every reader, but their quantity, rate and amounts
are left out for readers without the right to see salaries: they see account subtotals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from clapboard.engines.budget import BudgetError, BudgetTotals
from clapboard.engines.budget.calculate import LineTotal

from .calculation import Calculated, LineRow, calculate, load_rows
from .models import Account, BudgetVersion


@dataclass
class SheetLine:
    line: LineRow
    figures: LineTotal | None
    hidden: bool  # a salary the reader may not see


@dataclass
class SheetAccount:
    account: Account
    lines: list[SheetLine]
    lines_total: Decimal
    fringes_total: Decimal
    total: Decimal


@dataclass
class SheetChapter:
    number: str
    title: str
    accounts: list[SheetAccount] = field(default_factory=list)
    total: Decimal = Decimal("0.00")


@dataclass
class Sheet:
    version: BudgetVersion
    chapters: list[SheetChapter]
    totals: BudgetTotals | None
    error: str = ""  # the engine's complaint when the version cannot be calculated

    @property
    def fringe_total(self) -> Decimal | None:
        return sum(self.totals.fringes.values(), Decimal("0.00")) if self.totals is not None else None

    @property
    def line_count(self) -> int:
        return sum(len(account.lines) for chapter in self.chapters for account in chapter.accounts)


def sheet_of(version: BudgetVersion, calculated: Calculated, *, salaries: bool) -> Sheet:
    """The sheet of a calculation already made (after an edit)."""
    return _layout(version, calculated.accounts, calculated.lines, calculated.totals, salaries=salaries)


def load_sheet(version: BudgetVersion, *, salaries: bool) -> Sheet:
    try:
        result: Calculated | None = calculate(version)
    except BudgetError as error:
        result = None
        message = str(error)
    if result is None:
        accounts, lines = load_rows(version)
        return _layout(version, accounts, lines, None, salaries=salaries, error=message)
    return _layout(version, result.accounts, result.lines, result.totals, salaries=salaries)


def _layout(
    version: BudgetVersion,
    accounts: list[Account],
    lines: list[LineRow],
    totals: BudgetTotals | None,
    *,
    salaries: bool,
    error: str = "",
) -> Sheet:
    titles = {str(item["number"]): str(item["title"]) for item in version.settings.get("chapters", [])}
    chapters: dict[str, SheetChapter] = {
        number: SheetChapter(number, title) for number, title in titles.items()
    }
    lines_of: dict[int, list[LineRow]] = {}
    for line in lines:
        lines_of.setdefault(line.account_id, []).append(line)
    for account in accounts:
        chapter = chapters.setdefault(account.chapter, SheetChapter(account.chapter, account.chapter))
        sheet_lines = [
            SheetLine(
                line,
                totals.lines.get(line.key) if totals is not None else None,
                hidden=line.is_salary and not salaries,
            )
            for line in lines_of.get(account.pk, [])
        ]
        figures = totals.accounts.get(account.number) if totals is not None else None
        chapter.accounts.append(
            SheetAccount(
                account,
                sheet_lines,
                figures.lines if figures else account.lines_total,
                figures.fringes if figures else account.fringes_total,
                figures.total if figures else account.total,
            )
        )
    for chapter in chapters.values():
        chapter.total = (
            totals.chapters.get(chapter.number, Decimal("0.00"))
            if totals is not None
            else sum((item.total for item in chapter.accounts), Decimal("0.00"))
        )
    return Sheet(version, [chapter for chapter in chapters.values() if chapter.accounts], totals, error)
