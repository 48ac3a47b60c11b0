"""The full calculation of a budget: line totals, fringes, subtotals, percentage lines.

Rounding, the rule every figure follows:

* a line's amount is ``quantity * rate * multiplier * exchange rate`` rounded to the cent
  (half up, ``money.quantize_cents``); a per-episode line of a series is rounded for one
  episode, then multiplied by the episode count;
* each fringe of a line is rounded to the cent on its own;
* the French part of a line (amount and fringes) is rounded to the cent, the foreign part
  is the rest, so the two always add up to the line;
* every subtotal (account, chapter, group, department, fringe, French/foreign) is the
  exact sum of rounded line figures, so a total equals the sum of its parts in any
  order, to the cent;
* a percentage line is its base times its percentage, rounded to the cent.

An account's total is its lines plus the fringes it collects: its own lines' fringes, or,
in the CNC layouts, the fringes that other accounts send to it (``Account.fringes_to``,
chapter 4). Department and French/foreign subtotals follow the line, fringes included.

``calculate_budget`` computes everything in one pass; ``incremental.Calculation`` keeps
the same pieces (``LineCompiler``, ``compute_line``, ``Tally``, ``roll_up``) and updates
them after an edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from types import MappingProxyType
from typing import NamedTuple

from clapboard.engines.budget.checks import base_accounts, check_budget
from clapboard.engines.budget.expressions import Expression, ExpressionError, GlobalsError, resolve_globals
from clapboard.engines.budget.model import TIME_UNITS, Account, Budget, BudgetError, Fringe, Line
from clapboard.engines.budget.money import CENT, CONTEXT, HUNDRED, ZERO, MoneyError, parse_amount

__all__ = [
    "AccountTotal",
    "BudgetTotals",
    "LineTotal",
    "PercentageTotal",
    "SeriesTotals",
    "calculate_budget",
]

ONE = Decimal(1)
NO_FRINGES: Mapping[str, Decimal] = MappingProxyType({})
#: Named tuples made once per line are built with ``tuple.__new__`` directly, which skips
#: the generated ``__new__`` and its keyword handling: three times faster.
_new_tuple = tuple.__new__
# How a fringe's ceiling applies to a line (see ``FringeTerm``).
NO_CAP, PER_UNIT, PER_LINE, PER_PERSON = 0, 1, 2, 3


# ----------------------------------------------------------------------------- results


class LineTotal(NamedTuple):
    """A line's figures in the budget currency, all episodes included.

    (A named tuple rather than a frozen dataclass: one is made per line and per edit, and
    a tuple is made several times faster.)
    """

    line_id: str
    account: str
    amount: Decimal
    fringes: Mapping[str, Decimal]
    fringe_total: Decimal
    total: Decimal
    french: Decimal
    foreign: Decimal
    quantity: Decimal
    quantity_source: str
    """``"expression"`` or ``"link"`` (the value came from the links mapping)."""
    occurrences: int


@dataclass(frozen=True, slots=True)
class AccountTotal:
    lines: Decimal
    fringes: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class PercentageTotal:
    title: str
    base: Decimal
    percentage: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SeriesTotals:
    """A series budget seen per episode. The season figure is exact; the per-episode
    figures are shares rounded to the cent, for reading only."""

    episodes: int
    pattern_per_episode: Decimal
    amortised_per_episode: Decimal
    per_episode: Decimal
    season: Decimal


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    currency: str
    lines: Mapping[str, LineTotal]
    accounts: Mapping[str, AccountTotal]
    chapters: Mapping[str, Decimal]
    groups: Mapping[str, Decimal]
    departments: Mapping[str, Decimal]
    fringes: Mapping[str, Decimal]
    french: Decimal
    foreign: Decimal
    subtotal: Decimal
    percentages: Mapping[str, PercentageTotal]
    grand_total: Decimal
    globals: Mapping[str, Decimal]
    series: SeriesTotals | None = None


# ----------------------------------------------------------------------------- compiled lines

#: A fringe with a ceiling: (percentage / 100, PER_UNIT | PER_LINE | PER_PERSON, ceiling,
#: floor, fringe name), ceiling and floor in the budget currency (per unit of the line for
#: PER_UNIT).
CappedTerm = tuple[Decimal, int, Decimal, Decimal, str]


class FringePlan(NamedTuple):
    """The fringes of a kind of line (its fringe sets and unit), ready to apply.

    Plain percentages and capped ones are kept apart so that the common case, a
    percentage of the line's amount, runs as one comprehension.
    """

    plain: tuple[Decimal, ...]
    capped: tuple[CappedTerm, ...]
    names: tuple[str, ...]
    """Plain fringes first, then capped ones: the order of the values computed."""
    per_person: bool
    """Whether a fringe is capped per person, which ties the line to the person's others."""


class LineSpec(NamedTuple):
    """What the calculation needs to know about a line besides its own fields."""

    line: Line
    account_index: int
    line_index: int
    account: str
    fringe_account: str
    exchange_rate: Decimal
    occurrences: int
    fringes: FringePlan
    french_fraction: Decimal | None
    """The French share / 100, or ``None`` for a line wholly French."""

    @property
    def path(self) -> str:
        return f"accounts[{self.account_index}].lines[{self.line_index}]"

    @property
    def person_capped(self) -> bool:
        return self.fringes.per_person


class LineCompiler:
    """Turns lines into ``LineSpec``; lines alike share one ``FringePlan``."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self._plans: dict[tuple[tuple[str, ...], str], FringePlan] = {}
        currencies = (None, budget.currency, *budget.exchange_rates)
        self._rates = {code: budget.exchange_rate(code) for code in currencies}
        self._episodes = budget.episodes or 1

    def spec(self, account: Account, line: Line, account_index: int, line_index: int) -> LineSpec:
        plan = self._plans.get((line.fringe_sets, line.unit))
        if plan is None:
            plan = self._plans[line.fringe_sets, line.unit] = self._plan(line)
        share = line.french_share
        return _new_tuple(
            LineSpec,
            (
                line,
                account_index,
                line_index,
                account.number,
                account.fringes_to or account.number,
                self._rates[line.currency],
                self._episodes if line.per_episode else 1,
                plan,
                None if share == HUNDRED else share / HUNDRED,
            ),
        )

    def _plan(self, line: Line) -> FringePlan:
        plain: list[tuple[str, Decimal]] = []
        capped: list[CappedTerm] = []
        with localcontext(CONTEXT):
            for name in line.fringe_sets:
                for fringe in self.budget.fringe_set(name).fringes:
                    term = self._capped_term(fringe, line.unit)
                    if term is None:
                        plain.append((fringe.name, fringe.percentage / HUNDRED))
                    else:
                        capped.append(term)
        return FringePlan(
            plain=tuple(fraction for _, fraction in plain),
            capped=tuple(capped),
            names=tuple(name for name, _ in plain) + tuple(term[4] for term in capped),
            per_person=any(term[1] == PER_PERSON for term in capped),
        )

    def _capped_term(self, fringe: Fringe, unit: str) -> CappedTerm | None:
        cap = fringe.cap
        if cap is None:
            return None
        fraction = fringe.percentage / HUNDRED
        rate = self.budget.exchange_rate(cap.currency)
        if cap.per == "person":
            return (fraction, PER_PERSON, cap.amount * rate, cap.floor * rate, fringe.name)
        if cap.per == "line":
            return (fraction, PER_LINE, cap.amount * rate, cap.floor * rate, fringe.name)
        if unit not in TIME_UNITS:
            # A ceiling per hour, day or week says nothing about a flat fee or an allowance.
            return None
        factor = self._hours(TIME_UNITS[unit]) / self._hours(cap.per)
        return (fraction, PER_UNIT, cap.amount * rate * factor, cap.floor * rate * factor, fringe.name)

    def _hours(self, period: str) -> Decimal:
        if period == "hour":
            return ONE
        if period == "day":
            return self.budget.hours_per_day
        return self.budget.hours_per_day * self.budget.days_per_week


class Scope:
    """The globals' values, and the value of each expression text already evaluated with
    them: lines often repeat an expression (``SHOOT_WEEKS + PREP_WEEKS``), and looking a
    text up is several times cheaper than walking its closures again."""

    __slots__ = ("memo", "values")

    def __init__(self, values: Mapping[str, Decimal]) -> None:
        self.values = values
        self.memo: dict[str, Decimal] = {}


def _value(expression: Expression, scope: Scope, spec: LineSpec, field: str) -> Decimal:
    constant = expression.constant
    if constant is not None:
        return constant
    value = scope.memo.get(expression.text)
    if value is None:
        try:
            value = scope.memo[expression.text] = expression.evaluator(scope.values)
        except ExpressionError as error:
            raise BudgetError(f"{spec.path}.{field}", str(error)) from error
    return value


def _evaluate(expression: Expression, values: Mapping[str, Decimal], path: str) -> Decimal:
    try:
        return expression.evaluator(values)
    except ExpressionError as error:
        raise BudgetError(path, str(error)) from error


def compute_line(
    spec: LineSpec,
    scope: Scope,
    links: Mapping[str, Decimal],
    person_bases: dict[tuple[str, str], Decimal],
) -> LineTotal:
    """The figures of one line. Call inside ``localcontext(money.CONTEXT)``.

    ``person_bases`` carries, for fringes capped per person, the pay already counted for
    each (person, fringe) by the person's earlier lines; it is updated.
    """
    line = spec.line
    link = line.quantity_link
    if link is not None and link in links:
        quantity, source = links[link], "link"
    else:
        quantity, source = _value(line.quantity, scope, spec, "quantity"), "expression"
    unit_rate = _value(line.rate, scope, spec, "rate") * spec.exchange_rate
    counted = quantity / HUNDRED if line.unit == "percentage" else quantity
    if line.multiplier is None:
        multiplier = ONE
        amount = (counted * unit_rate).quantize(CENT, ROUND_HALF_UP)
    else:
        multiplier = _value(line.multiplier, scope, spec, "multiplier")
        amount = (counted * unit_rate * multiplier).quantize(CENT, ROUND_HALF_UP)
    occurrences = spec.occurrences
    if occurrences != 1:
        amount *= occurrences

    plan = spec.fringes
    if plan.names:
        fringe_values = [(amount * fraction).quantize(CENT, ROUND_HALF_UP) for fraction in plan.plain]
        for fraction, kind, ceiling, floor, name in plan.capped:
            if kind == PER_UNIT:
                base = (min(max(unit_rate, floor), ceiling) - floor) * counted * multiplier * occurrences
            elif kind == PER_LINE:
                base = min(max(amount, floor), ceiling) - floor
            else:
                base = _person_base(line, name, amount, ceiling, floor, person_bases)
            fringe_values.append((base * fraction).quantize(CENT, ROUND_HALF_UP))
        # Same lengths by construction; zip's strict= would parse a keyword on every line.
        fringes: Mapping[str, Decimal] = dict(zip(plan.names, fringe_values))  # noqa: B905
        fringe_total = sum(fringe_values, ZERO)
        total = amount + fringe_total
    else:
        fringes, fringe_total, total = NO_FRINGES, ZERO, amount

    share = spec.french_fraction
    french = total if share is None else (total * share).quantize(CENT, ROUND_HALF_UP)
    return _new_tuple(
        LineTotal,
        (
            line.id,
            spec.account,
            amount,
            fringes,
            fringe_total,
            total,
            french,
            total - french,
            quantity,
            source,
            occurrences,
        ),
    )


def _person_base(
    line: Line,
    fringe: str,
    amount: Decimal,
    ceiling: Decimal,
    floor: Decimal,
    bases: dict[tuple[str, str], Decimal],
) -> Decimal:
    """The part of ``amount`` that falls between the person's floor and ceiling, given what
    their earlier lines already counted. A line with no person is its own person."""
    if line.person is None:
        return min(max(amount, floor), ceiling) - floor
    key = (line.person, fringe)
    before = bases.get(key, ZERO)
    after = before + amount
    bases[key] = after
    return max(ZERO, min(after, ceiling) - max(before, floor))


# ----------------------------------------------------------------------------- subtotals


class Tally:
    """The running subtotals of line figures; a line can be added and taken away again."""

    def __init__(self, budget: Budget) -> None:
        self.account_lines: dict[str, Decimal] = {account.number: ZERO for account in budget.accounts}
        self.account_fringes: dict[str, Decimal] = dict(self.account_lines)
        self.departments: dict[str, Decimal] = {}
        self.department_lines: dict[str, int] = {}
        self.fringes: dict[str, Decimal] = {
            fringe.name: ZERO for fringe_set in budget.fringe_sets for fringe in fringe_set.fringes
        }
        self.french = ZERO
        self.foreign = ZERO
        self.per_episode = ZERO
        self.per_season = ZERO

    def add(self, spec: LineSpec, figures: LineTotal) -> None:
        self.account_lines[spec.account] += figures.amount
        self.account_fringes[spec.fringe_account] += figures.fringe_total
        department = spec.line.department
        departments = self.departments
        if department in departments:
            departments[department] += figures.total
            self.department_lines[department] += 1
        else:
            departments[department] = figures.total
            self.department_lines[department] = 1
        if figures.fringes:
            fringes = self.fringes
            for name, value in figures.fringes.items():
                fringes[name] += value
        self.french += figures.french
        self.foreign += figures.foreign
        if spec.line.per_episode:
            self.per_episode += figures.total
        else:
            self.per_season += figures.total

    def remove(self, spec: LineSpec, figures: LineTotal) -> None:
        self.account_lines[spec.account] -= figures.amount
        self.account_fringes[spec.fringe_account] -= figures.fringe_total
        department = spec.line.department
        self.departments[department] -= figures.total
        self.department_lines[department] -= 1
        if not self.department_lines[department]:
            del self.department_lines[department], self.departments[department]
        for name, value in figures.fringes.items():
            self.fringes[name] -= value
        self.french -= figures.french
        self.foreign -= figures.foreign
        if spec.line.per_episode:
            self.per_episode -= figures.total
        else:
            self.per_season -= figures.total


@dataclass(frozen=True, slots=True)
class PercentageSpec:
    id: str
    title: str
    path: str
    percentage: Expression
    accounts: frozenset[str]
    percentages: tuple[str, ...]
    french_fraction: Decimal


class Structure:
    """The parts of a budget that the roll-up reads: accounts, chapters, percentage lines."""

    def __init__(self, budget: Budget) -> None:
        self.currency = budget.currency
        self.episodes = budget.episodes
        self.accounts = tuple((account.number, account.chapter, account.group) for account in budget.accounts)
        self.chapters = tuple(chapter.number for chapter in budget.chapters)
        self.percentages = tuple(
            PercentageSpec(
                id=item.id,
                title=item.title,
                path=f"percentages[{index}].percentage",
                percentage=item.percentage,
                accounts=base_accounts(budget, item.base),
                percentages=item.base.percentages,
                french_fraction=item.french_share / HUNDRED,
            )
            for index, item in enumerate(budget.percentages)
        )


def roll_up(
    structure: Structure,
    tally: Tally,
    values: Mapping[str, Decimal],
    lines: Mapping[str, LineTotal],
) -> BudgetTotals:
    """Everything above the lines, from the tally. Call inside ``localcontext(CONTEXT)``."""
    accounts: dict[str, AccountTotal] = {}
    account_totals: dict[str, Decimal] = {}
    chapters = dict.fromkeys(structure.chapters, ZERO)
    groups = {"above": ZERO, "below": ZERO}
    for number, chapter, group in structure.accounts:
        own, collected = tally.account_lines[number], tally.account_fringes[number]
        total = own + collected
        accounts[number] = AccountTotal(own, collected, total)
        account_totals[number] = total
        chapters[chapter] += total
        groups[group] += total
    subtotal = groups["above"] + groups["below"]

    percentages: dict[str, PercentageTotal] = {}
    french, foreign = tally.french, tally.foreign
    for item in structure.percentages:
        base = sum((account_totals[number] for number in item.accounts), ZERO)
        base += sum((percentages[other].amount for other in item.percentages), ZERO)
        rate = _evaluate(item.percentage, values, item.path)
        amount = (base * rate / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        percentages[item.id] = PercentageTotal(item.title, base, rate, amount)
        french_part = (amount * item.french_fraction).quantize(CENT, ROUND_HALF_UP)
        french += french_part
        foreign += amount - french_part
    grand_total = subtotal + sum((item.amount for item in percentages.values()), ZERO)

    return BudgetTotals(
        currency=structure.currency,
        lines=MappingProxyType(dict(lines)),
        accounts=MappingProxyType(accounts),
        chapters=MappingProxyType(chapters),
        groups=MappingProxyType(groups),
        departments=MappingProxyType(dict(tally.departments)),
        fringes=MappingProxyType(dict(tally.fringes)),
        french=french,
        foreign=foreign,
        subtotal=subtotal,
        percentages=MappingProxyType(percentages),
        grand_total=grand_total,
        globals=MappingProxyType(dict(values)),
        series=_series(structure.episodes, tally, grand_total),
    )


def _series(episodes: int | None, tally: Tally, grand_total: Decimal) -> SeriesTotals | None:
    if episodes is None:
        return None

    def share(value: Decimal) -> Decimal:
        return (value / episodes).quantize(CENT, ROUND_HALF_UP)

    return SeriesTotals(
        episodes=episodes,
        pattern_per_episode=share(tally.per_episode),
        amortised_per_episode=share(tally.per_season),
        per_episode=share(grand_total),
        season=grand_total,
    )


# ----------------------------------------------------------------------------- entry point


def read_links(links: Mapping[str, object] | None) -> dict[str, Decimal]:
    """The link values as ``Decimal`` (a float is refused, as everywhere)."""
    result: dict[str, Decimal] = {}
    for key, value in (links or {}).items():
        try:
            result[key] = parse_amount(value, what=f"the value of {key}")
        except MoneyError as error:
            raise BudgetError(f"links.{key}", str(error)) from error
    return result


def global_values(budget: Budget, links: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The globals' values; a global whose link has a value takes that value."""
    fixed = {
        item.name: links[item.link] for item in budget.globals if item.link is not None and item.link in links
    }
    try:
        return resolve_globals(budget.global_expressions(), fixed)
    except GlobalsError as error:
        index = next(i for i, item in enumerate(budget.globals) if item.name == error.name)
        raise BudgetError(f"globals[{index}].expression", str(error)) from error


def calculate_budget(budget: Budget, links: Mapping[str, object] | None = None) -> BudgetTotals:
    """Every figure of ``budget``. ``links`` gives the values of schedule and other links.

    Raises ``BudgetError`` (with the path of the field) for a budget that cannot be
    calculated: an unknown global, a division by zero, a missing exchange rate…
    """
    check_budget(budget)
    link_values = read_links(links)
    with localcontext(CONTEXT):
        values = global_values(budget, link_values)
        scope = Scope(values)
        compiler = LineCompiler(budget)
        person_bases: dict[tuple[str, str], Decimal] = {}
        tally = Tally(budget)
        lines: dict[str, LineTotal] = {}
        for account_index, account in enumerate(budget.accounts):
            for line_index, line in enumerate(account.lines):
                spec = compiler.spec(account, line, account_index, line_index)
                figures = compute_line(spec, scope, link_values, person_bases)
                lines[line.id] = figures
                tally.add(spec, figures)
        return roll_up(Structure(budget), tally, values, lines)
