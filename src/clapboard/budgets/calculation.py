"""From a budget version's rows to the budget engine and back.

``engine_budget(version)`` reads a version in two queries (accounts, then lines) into the
engine's ``Budget``, through the budget JSON format so that the engine checks every
field and names the bad one. ``links_of(version)`` gives the figures of the linked
schedule (shooting days, each cast member's days). ``recalculate(version)`` runs the
engine and writes back the figures that changed: each line's amount, fringes and
total, each account's totals, the version's subtotal and grand total.

Amounts are stored as the engine gives them, quantised to the cent; the database's own
``SUM`` over the lines therefore equals the engine's totals (tests check it on SQLite
and PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction

from clapboard.engines.budget import Account as EngineAccount
from clapboard.engines.budget import (
    Budget,
    BudgetError,
    BudgetTotals,
    Expression,
    ExpressionError,
    calculate_budget,
    parse_expression,
    read_budget,
    write_budget,
)
from clapboard.engines.budget import Line as EngineLine
from clapboard.engines.budget.checks import check_budget
from clapboard.engines.budget.money import quantize_cents

from .models import Account, BudgetVersion, Line


def settings_of(budget: Budget) -> dict[str, Any]:
    """What a version keeps besides its accounts and lines."""
    data = write_budget(budget)
    data.pop("accounts")
    return data


def budget_json(version: BudgetVersion, accounts: list[Account], lines: list[LineRow]) -> dict[str, Any]:
    by_account: dict[int, list[dict[str, Any]]] = {account.pk: [] for account in accounts}
    for line in lines:
        by_account[line.account_id].append(line_json(line))
    data = dict(version.settings)
    data["accounts"] = [
        {
            "number": account.number,
            "title": account.title,
            "chapter": account.chapter,
            "group": account.group,
            **({"fringes_to": account.fringes_to} if account.fringes_to else {}),
            "lines": by_account[account.pk],
        }
        for account in accounts
    ]
    return data


def line_json(line: LineRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": line.key,
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "rate": line.rate,
        "french_share": str(line.french_share),
        "per_episode": line.per_episode,
        "department": line.department,
        "notes": line.notes,
        "fringe_sets": list(line.fringe_sets),
    }
    for name in ("multiplier", "currency", "person", "quantity_link"):
        value = getattr(line, name)
        if value:
            data[name] = value
    return data


class LineRow(NamedTuple):
    """A line as a calculation and the sheet read it: the stored fields as plain values,
    several times cheaper to load than model instances for thousands of lines."""

    pk: int
    account_id: int
    position: int
    key: str
    description: str
    quantity: str
    unit: str
    rate: str
    multiplier: str
    currency: str
    fringe_sets: list[str]
    department: str
    french_share: Decimal
    per_episode: bool
    notes: str
    person: str
    quantity_link: str
    version: int

    @property
    def is_salary(self) -> bool:
        return bool(self.fringe_sets) or bool(self.person)


def load_rows(version: BudgetVersion) -> tuple[list[Account], list[LineRow]]:
    """The version's accounts in document order and its lines as ``LineRow`` values,
    ordered within each account (callers group them by account)."""
    accounts = list(Account.objects.filter(budget_version=version).order_by("position"))
    lines = Line.objects.filter(budget_version=version).order_by("position", "id")
    return accounts, [LineRow(*values) for values in lines.values_list(*LineRow._fields)]


def engine_budget(version: BudgetVersion, rows: tuple[list[Account], list[LineRow]] | None = None) -> Budget:
    """The engine's ``Budget`` of a version, checked.

    The version's settings go through the budget format's reader; the lines, thousands
    of them, are built directly (their expressions parsed once per text, see
    ``engines.budget.expressions``), and the whole budget is then checked as the reader
    would, so a bad line is named by its path (``accounts[3].lines[7].rate``).
    """
    accounts, lines = rows if rows is not None else load_rows(version)
    base = read_budget({**version.settings, "accounts": []})
    lines_of: dict[int, list[LineRow]] = {account.pk: [] for account in accounts}
    for line in lines:
        lines_of[line.account_id].append(line)
    built = tuple(
        EngineAccount(
            number=account.number,
            title=account.title,
            chapter=account.chapter,
            group=account.group,
            lines=tuple(
                _engine_line(line, f"accounts[{index}].lines[{position}]")
                for position, line in enumerate(lines_of[account.pk])
            ),
            fringes_to=account.fringes_to or None,
        )
        for index, account in enumerate(accounts)
    )
    budget = replace(base, accounts=built)
    check_budget(budget)
    return budget


def _expression(text: str, path: str) -> Expression:
    try:
        return parse_expression(text)
    except ExpressionError as error:
        raise BudgetError(path, str(error)) from error


def _engine_line(line: LineRow, path: str) -> EngineLine:
    return EngineLine(
        id=line.key,
        description=line.description,
        quantity=_expression(line.quantity, f"{path}.quantity"),
        unit=line.unit,
        rate=_expression(line.rate, f"{path}.rate"),
        multiplier=_expression(line.multiplier, f"{path}.multiplier") if line.multiplier else None,
        currency=line.currency or None,
        fringe_sets=tuple(line.fringe_sets),
        department=line.department,
        french_share=Decimal(line.french_share),
        per_episode=line.per_episode,
        notes=line.notes,
        person=line.person or None,
        quantity_link=line.quantity_link or None,
    )


def links_of(version: BudgetVersion) -> dict[str, Decimal]:
    """The linked schedule's figures, as the engine's links (``schedule:shoot_days``,
    ``schedule:cast_days:<element id>``); none without a linked schedule."""
    if version.schedule_id is None:
        return {}
    from clapboard.schedules.reports import schedule_quantities

    quantities = schedule_quantities(version.schedule)
    links = {"schedule:shoot_days": Decimal(quantities.shooting_days)}
    for element_id, days in quantities.cast.items():
        links[f"schedule:cast_days:{element_id}"] = Decimal(days.engaged)
    return links


@dataclass(frozen=True)
class Calculated:
    budget: Budget
    totals: BudgetTotals
    accounts: list[Account]
    lines: list[LineRow]


def calculate(version: BudgetVersion, links: dict[str, Decimal] | None = None) -> Calculated:
    accounts, lines = load_rows(version)
    budget = engine_budget(version, (accounts, lines))
    totals = calculate_budget(budget, links_of(version) if links is None else links)
    return Calculated(budget, totals, accounts, lines)


def recalculate(version: BudgetVersion, links: dict[str, Decimal] | None = None) -> Calculated:
    """Calculate and store the figures that changed (a few rows after a one-line edit)."""
    result = calculate(version, links)
    totals = result.totals
    stored = {
        pk: (amount, fringes, total)
        for pk, amount, fringes, total in Line.objects.filter(budget_version=version).values_list(
            "pk", "amount", "fringes", "total"
        )
    }
    changed_lines = []
    for line in result.lines:
        figures = totals.lines[line.key]
        new = (
            quantize_cents(figures.amount),
            quantize_cents(figures.fringe_total),
            quantize_cents(figures.total),
        )
        if stored.get(line.pk) != new:
            changed_lines.append(Line(pk=line.pk, amount=new[0], fringes=new[1], total=new[2]))
    changed_accounts = []
    for account in result.accounts:
        figures = totals.accounts[account.number]
        new = (figures.lines, figures.fringes, figures.total)
        if (account.lines_total, account.fringes_total, account.total) != new:
            account.lines_total, account.fringes_total, account.total = new
            changed_accounts.append(account)
    with transaction.atomic():
        if changed_lines:
            Line.objects.bulk_update(changed_lines, ["amount", "fringes", "total"], batch_size=500)
        if changed_accounts:
            Account.objects.bulk_update(changed_accounts, ["lines_total", "fringes_total", "total"])
        if (version.subtotal, version.grand_total) != (totals.subtotal, totals.grand_total):
            BudgetVersion.objects.filter(pk=version.pk).update(
                subtotal=totals.subtotal, grand_total=totals.grand_total
            )
            version.subtotal, version.grand_total = totals.subtotal, totals.grand_total
    return result
