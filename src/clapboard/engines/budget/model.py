"""The budget as data: chapters, accounts, detail lines, globals, fringes, percentage lines.

Everything is a frozen dataclass; an edit makes a new value (``dataclasses.replace``).
Quantities, rates, multipliers and percentages are ``Expression`` objects that keep the
text the person typed; money and shares are ``Decimal``.

The shape follows the devis and the top sheet:

* ``chapters`` are the top-sheet blocks, in order (the CNC's nine chapters; the
  international layout's above the line, production, post-production, other);
* ``accounts`` (postes) each belong to a chapter and to the ``above`` or ``below`` the
  line group, and hold the detail ``lines``;
* ``fringe_sets`` are the social charges of one kind of contract (intermittent
  technician, author…); a line names the sets that apply to it;
* ``percentages`` are the lines below the subtotal (imprévus/contingency, frais
  généraux/overhead, insurance, completion bond), each on its own ``PercentageBase``.

Links to the rest of the production (see ``docs/budget-format.md``): a line may name the
``person`` it pays (a person or hire id) and a ``quantity_link`` such as
``schedule:shoot_days`` or ``schedule:cast_days:<element id>``; a global may have a
``link`` too. The engine never looks these up: the caller passes their current values as
a mapping (``calculate_budget(budget, links={"schedule:shoot_days": Decimal(32)})``), and
a link with no value leaves the line's own quantity expression (the estimate) in force.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from clapboard.engines.budget.expressions import Expression
from clapboard.engines.budget.money import HUNDRED, ZERO

__all__ = [
    "CAP_PERIODS",
    "GROUPS",
    "TIME_UNITS",
    "UNITS",
    "Account",
    "Budget",
    "BudgetError",
    "Chapter",
    "Fringe",
    "FringeCap",
    "FringeSet",
    "Global",
    "Line",
    "PercentageBase",
    "PercentageLine",
]

#: What a line's quantity counts. ``percentage`` means the quantity is a percentage of the
#: rate (quantity 2, rate 10000 → 200); the other units only describe the quantity.
UNITS = ("days", "weeks", "hours", "flat", "allowance", "percentage")
#: The units a fringe ceiling expressed per hour, day or week can be converted to.
TIME_UNITS = {"hours": "hour", "days": "day", "weeks": "week"}
#: What a fringe ceiling applies to: each hour/day/week of a line counted in time, the
#: whole line, or everything paid to one person across the budget.
CAP_PERIODS = ("hour", "day", "week", "line", "person")
GROUPS = ("above", "below")


class BudgetError(ValueError):
    """A budget that cannot be read or calculated; ``path`` names the field, as in the JSON.

    For example ``accounts[2].lines[5].quantity: unknown global SHOT_DAYS``.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True, slots=True)
class FringeCap:
    """The part of the base a fringe is charged on: between ``floor`` and ``amount``.

    ``amount`` and ``floor`` are per ``per`` (see ``CAP_PERIODS``), in ``currency``. A
    plain ceiling (the €220 daily ceiling of a pension tranche) has a zero floor; a band
    (tranche 2, €220 to €1,540 a day) has both.
    """

    amount: Decimal
    per: str
    currency: str
    floor: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Fringe:
    """One employer contribution: a ``percentage`` of the line's pay, maybe capped."""

    name: str
    percentage: Decimal
    title: str = ""
    cap: FringeCap | None = None
    source: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class FringeSet:
    """The contributions of one kind of employment (``employment_status``)."""

    name: str
    employment_status: str
    fringes: tuple[Fringe, ...]
    title: str = ""
    source: str = ""
    effective_from: date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Global:
    """A named value used by expressions (``SHOOT_DAYS``); may be fed by a ``link``."""

    name: str
    expression: Expression
    link: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """A detail line: quantity * rate * multiplier, in ``currency``, plus its fringes.

    ``currency`` ``None`` means the budget's currency. ``french_share`` is the percentage
    of the line spent in France (0 to 100), for the French/foreign split. ``per_episode``
    lines of a series budget are paid once per episode.
    """

    id: str
    description: str
    quantity: Expression
    unit: str
    rate: Expression
    multiplier: Expression | None = None
    currency: str | None = None
    fringe_sets: tuple[str, ...] = ()
    department: str = ""
    french_share: Decimal = HUNDRED
    per_episode: bool = False
    notes: str = ""
    person: str | None = None
    quantity_link: str | None = None

    def expression_names(self) -> frozenset[str]:
        """The globals the line's expressions use."""
        names = self.quantity.names | self.rate.names
        return names | self.multiplier.names if self.multiplier is not None else names


@dataclass(frozen=True, slots=True)
class Chapter:
    """A top-sheet block: a CNC chapter (``"1"`` … ``"9"``) or an international block."""

    number: str
    title: str


@dataclass(frozen=True, slots=True)
class Account:
    """A poste / account. ``fringes_to`` names the account that collects its lines' fringes
    (the CNC's chapter 4); ``None`` keeps them in the account itself."""

    number: str
    title: str
    chapter: str
    group: str
    lines: tuple[Line, ...] = ()
    fringes_to: str | None = None


@dataclass(frozen=True, slots=True)
class PercentageBase:
    """What a percentage line is a percentage of.

    ``include`` and ``exclude`` hold selectors: ``all``, ``chapter:<number>``,
    ``group:above`` / ``group:below`` and ``account:<number>``; the base is the total of
    the included accounts (their lines and the fringes they collect) that are not
    excluded, plus the amounts of the earlier percentage lines listed in ``percentages``.
    """

    include: tuple[str, ...] = ("all",)
    exclude: tuple[str, ...] = ()
    percentages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PercentageLine:
    """A line below the subtotal: ``percentage`` % of ``base``, rounded to the cent."""

    id: str
    title: str
    percentage: Expression
    base: PercentageBase
    french_share: Decimal = HUNDRED
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Budget:
    """A whole budget version.

    ``exchange_rates`` gives, for each other currency, the value of one unit in the budget
    currency (``{"USD": Decimal("0.92")}`` in a EUR budget). ``hours_per_day`` and
    ``days_per_week`` convert fringe ceilings between hours, days and weeks.
    """

    layout: str
    currency: str
    chapters: tuple[Chapter, ...]
    accounts: tuple[Account, ...]
    title: str = ""
    exchange_rates: Mapping[str, Decimal] = field(default_factory=dict)
    globals: tuple[Global, ...] = ()
    fringe_sets: tuple[FringeSet, ...] = ()
    percentages: tuple[PercentageLine, ...] = ()
    episodes: int | None = None
    hours_per_day: Decimal = Decimal(8)
    days_per_week: Decimal = Decimal(5)
    notes: str = ""

    def lines(self) -> Iterator[tuple[Account, Line]]:
        """Every line with its account, in document order."""
        for account in self.accounts:
            for line in account.lines:
                yield account, line

    def exchange_rate(self, currency: str | None) -> Decimal:
        """The value of one unit of ``currency`` in the budget currency."""
        if currency is None or currency == self.currency:
            return Decimal(1)
        return self.exchange_rates[currency]

    def global_expressions(self) -> dict[str, Expression]:
        return {item.name: item.expression for item in self.globals}

    def fringe_set(self, name: str) -> FringeSet:
        for fringe_set in self.fringe_sets:
            if fringe_set.name == name:
                return fringe_set
        raise KeyError(name)
