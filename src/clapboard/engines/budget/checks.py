"""Checks that a ``Budget`` can be calculated, with the path of the first bad field.

The paths are those of the JSON format (``accounts[2].lines[5].quantity``), so that a
message points at the same place whether the budget came from a file, from a template or
from the web pages. ``check_budget`` runs before every calculation; ``check_line`` serves
the incremental calculation, which takes one new line at a time.
"""

from __future__ import annotations

from decimal import Decimal

from clapboard.engines.budget.expressions import GlobalsError, global_order
from clapboard.engines.budget.model import (
    CAP_PERIODS,
    GROUPS,
    UNITS,
    Budget,
    BudgetError,
    FringeSet,
    Line,
    PercentageBase,
)
from clapboard.engines.budget.money import HUNDRED, ZERO, MoneyError, parse_currency

__all__ = ["LineChecker", "check_budget", "check_line", "selector_accounts"]


def check_budget(budget: Budget) -> None:
    """Raise ``BudgetError`` for the first field that would stop the calculation."""
    _check_header(budget)
    _check_globals(budget)
    _check_fringe_sets(budget)
    _check_accounts(budget)
    _check_percentages(budget)


def _check_header(budget: Budget) -> None:
    try:
        parse_currency(budget.currency)
    except MoneyError as error:
        raise BudgetError("currency", str(error)) from error
    for code, rate in budget.exchange_rates.items():
        try:
            parse_currency(code)
        except MoneyError as error:
            raise BudgetError(f"exchange_rates.{code}", str(error)) from error
        if rate <= 0:
            raise BudgetError(f"exchange_rates.{code}", f"the rate must be above zero, not {rate}")
    if budget.episodes is not None and budget.episodes < 1:
        raise BudgetError("episodes", f"a series has at least one episode, not {budget.episodes}")
    for name in ("hours_per_day", "days_per_week"):
        if getattr(budget, name) <= 0:
            raise BudgetError(name, "must be above zero")


def _check_globals(budget: Budget) -> None:
    positions: dict[str, int] = {}
    for index, item in enumerate(budget.globals):
        if not item.name.isidentifier() or not item.name.isascii():
            raise BudgetError(f"globals[{index}].name", f"{item.name!r} is not a name (letters, digits, _)")
        if item.name in positions:
            raise BudgetError(f"globals[{index}].name", f"global {item.name} is defined twice")
        positions[item.name] = index
    try:
        global_order(budget.global_expressions())
    except GlobalsError as error:
        raise BudgetError(f"globals[{positions[error.name]}].expression", str(error)) from error


def _check_rate_exists(budget: Budget, currency: str | None, path: str) -> None:
    if currency is None or currency == budget.currency:
        return
    try:
        parse_currency(currency)
    except MoneyError as error:
        raise BudgetError(path, str(error)) from error
    if currency not in budget.exchange_rates:
        raise BudgetError(
            path, f"no exchange rate from {currency} to {budget.currency} (add it to exchange_rates)"
        )


def _check_fringe_sets(budget: Budget) -> None:
    seen: set[str] = set()
    for index, fringe_set in enumerate(budget.fringe_sets):
        path = f"fringe_sets[{index}]"
        if fringe_set.name in seen:
            raise BudgetError(f"{path}.name", f"fringe set {fringe_set.name!r} is defined twice")
        seen.add(fringe_set.name)
        names: set[str] = set()
        for position, fringe in enumerate(fringe_set.fringes):
            fringe_path = f"{path}.fringes[{position}]"
            if fringe.name in names:
                raise BudgetError(f"{fringe_path}.name", f"fringe {fringe.name!r} appears twice in the set")
            names.add(fringe.name)
            if fringe.percentage < 0:
                raise BudgetError(f"{fringe_path}.percentage", "a fringe percentage cannot be negative")
            if fringe.cap is not None:
                cap = fringe.cap
                if cap.per not in CAP_PERIODS:
                    raise BudgetError(
                        f"{fringe_path}.cap.per", f"{cap.per!r} is not one of {', '.join(CAP_PERIODS)}"
                    )
                if not 0 <= cap.floor <= cap.amount:
                    raise BudgetError(f"{fringe_path}.cap", "needs 0 <= floor <= amount")
                _check_rate_exists(budget, cap.currency, f"{fringe_path}.cap.currency")


def _check_accounts(budget: Budget) -> None:
    chapters = {chapter.number for chapter in budget.chapters}
    if len(chapters) != len(budget.chapters):
        raise BudgetError("chapters", "a chapter number appears twice")
    numbers = [account.number for account in budget.accounts]
    known_accounts = set(numbers)
    line_ids: set[str] = set()
    seen_accounts: set[str] = set()
    checker = LineChecker(budget)
    for index, account in enumerate(budget.accounts):
        path = f"accounts[{index}]"
        if account.number in seen_accounts:
            raise BudgetError(f"{path}.number", f"account {account.number} appears twice")
        seen_accounts.add(account.number)
        if account.chapter not in chapters:
            raise BudgetError(f"{path}.chapter", f"no chapter {account.chapter!r}")
        if account.group not in GROUPS:
            raise BudgetError(f"{path}.group", f"{account.group!r} is not one of {', '.join(GROUPS)}")
        if account.fringes_to is not None and account.fringes_to not in known_accounts:
            raise BudgetError(f"{path}.fringes_to", f"no account {account.fringes_to!r}")
        for position, line in enumerate(account.lines):
            line_path = f"{path}.lines[{position}]"
            if line.id in line_ids:
                raise BudgetError(f"{line_path}.id", f"line id {line.id!r} is used twice")
            line_ids.add(line.id)
            checker.check(line, line_path)


def check_line(budget: Budget, line: Line, path: str) -> None:
    """Raise ``BudgetError`` (under ``path``) if ``line`` cannot be calculated in ``budget``."""
    LineChecker(budget).check(line, path)


class LineChecker:
    """Checks lines against one budget's globals, currencies and fringe sets.

    What every line shares (the set of known globals, the fringe-set combinations already
    found sound) is worked out once: a 5,000-line budget is checked before each full
    calculation, and that must stay a small part of it.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.known = frozenset(item.name for item in budget.globals)
        self.currencies: set[str | None] = {None, budget.currency, *budget.exchange_rates}
        # (unit, currency, fringe sets, per episode) combinations already found sound
        self.sound_kinds: set[tuple[str, str | None, tuple[str, ...], bool]] = set()

    def check(self, line: Line, path: str) -> None:
        if not line.id:
            raise BudgetError(f"{path}.id", "a line needs an id")
        kind = (line.unit, line.currency, line.fringe_sets, line.per_episode)
        if kind not in self.sound_kinds:
            self._check_kind(line, path)
            self.sound_kinds.add(kind)
        known = self.known
        multiplier = line.multiplier
        if not (
            line.quantity.names <= known
            and line.rate.names <= known
            and (multiplier is None or multiplier.names <= known)
        ):
            self._unknown_globals(line, path)
        share = line.french_share
        if share != HUNDRED and not ZERO <= share <= HUNDRED:
            raise BudgetError(f"{path}.french_share", f"must be between 0 and 100, not {share}")

    def _check_kind(self, line: Line, path: str) -> None:
        """What many lines share: the unit, the currency's rate, the fringe sets, episodes."""
        if line.unit not in UNITS:
            raise BudgetError(f"{path}.unit", f"{line.unit!r} is not one of {', '.join(UNITS)}")
        if line.currency not in self.currencies:
            _check_rate_exists(self.budget, line.currency, f"{path}.currency")
        if line.per_episode and self.budget.episodes is None:
            raise BudgetError(f"{path}.per_episode", "the budget has no episode count (set episodes)")
        _check_line_fringes(self.budget, line, path)

    def _unknown_globals(self, line: Line, path: str) -> None:
        expressions = (("quantity", line.quantity), ("rate", line.rate), ("multiplier", line.multiplier))
        for field_name, expression in expressions:
            if expression is not None and not expression.names <= self.known:
                unknown = sorted(expression.names - self.known)
                plural = "s" if len(unknown) > 1 else ""
                raise BudgetError(f"{path}.{field_name}", f"unknown global{plural} {', '.join(unknown)}")


def _check_line_fringes(budget: Budget, line: Line, path: str) -> None:
    owner: dict[str, str] = {}
    for position, name in enumerate(line.fringe_sets):
        try:
            fringe_set: FringeSet = budget.fringe_set(name)
        except KeyError:
            raise BudgetError(f"{path}.fringe_sets[{position}]", f"no fringe set {name!r}") from None
        for fringe in fringe_set.fringes:
            if fringe.name in owner:
                raise BudgetError(
                    f"{path}.fringe_sets[{position}]",
                    f"fringe {fringe.name!r} is in both {owner[fringe.name]!r} and {name!r}",
                )
            owner[fringe.name] = name


def _check_percentages(budget: Budget) -> None:
    known = {item.name for item in budget.globals}
    earlier: set[str] = set()
    for index, percentage in enumerate(budget.percentages):
        path = f"percentages[{index}]"
        if percentage.id in earlier:
            raise BudgetError(f"{path}.id", f"percentage line {percentage.id!r} appears twice")
        unknown = sorted(percentage.percentage.names - known)
        if unknown:
            raise BudgetError(f"{path}.percentage", f"unknown global {', '.join(unknown)}")
        if not Decimal(0) <= percentage.french_share <= HUNDRED:
            raise BudgetError(f"{path}.french_share", "must be between 0 and 100")
        for kind in ("include", "exclude"):
            for position, selector in enumerate(getattr(percentage.base, kind)):
                try:
                    selector_accounts(budget, selector)
                except ValueError as error:
                    raise BudgetError(f"{path}.base.{kind}[{position}]", str(error)) from error
        for position, other in enumerate(percentage.base.percentages):
            if other not in earlier:
                raise BudgetError(
                    f"{path}.base.percentages[{position}]",
                    f"{other!r} is not a percentage line above this one",
                )
        earlier.add(percentage.id)


def selector_accounts(budget: Budget, selector: str) -> set[str]:
    """The account numbers a base selector stands for; ``ValueError`` if it names nothing."""
    kind, _, value = selector.partition(":")
    if selector == "all":
        return {account.number for account in budget.accounts}
    if kind == "chapter" and any(chapter.number == value for chapter in budget.chapters):
        return {account.number for account in budget.accounts if account.chapter == value}
    if kind == "group" and value in GROUPS:
        return {account.number for account in budget.accounts if account.group == value}
    if kind == "account" and any(account.number == value for account in budget.accounts):
        return {value}
    raise ValueError(
        f"{selector!r} names no chapter, group or account (all, chapter:N, group:above|below, account:N)"
    )


def base_accounts(budget: Budget, base: PercentageBase) -> frozenset[str]:
    """The accounts a percentage base adds up."""
    included: set[str] = set()
    for selector in base.include:
        included |= selector_accounts(budget, selector)
    for selector in base.exclude:
        included -= selector_accounts(budget, selector)
    return frozenset(included)
