"""The financing documents' input: a plan as the CNC presentation groups it, and the
investor summary around it.

``group_sources`` sorts a plan's sources the way the CNC's plan de financement presents
them: the French financing first (the producer's contribution, the CNC's aids, the
regional aids, the TV pre-sales, the SOFICA, the tax credit, the rest), then the foreign
financing, one group per country of the co-producers and foreign partners. Amounts are
``Decimal`` in the plan's currency; shares are percentages of the budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "FRENCH_GROUPS",
    "BudgetChapter",
    "FinancingPlanDocument",
    "InvestorSummary",
    "KeyDate",
    "PlanSource",
    "RuleLine",
    "SourceGroup",
    "TaxCreditLine",
    "group_sources",
]

ZERO = Decimal(0)

#: The French groups in the order of the CNC presentation, with the source types of each.
FRENCH_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("producer", frozenset({"producer_equity", "deferment"})),
    ("cnc", frozenset({"cnc_automatic", "avance_sur_recettes", "cnc_selective"})),
    ("regional", frozenset({"regional_fund"})),
    ("tv", frozenset({"tv_presale"})),
    ("sofica", frozenset({"sofica"})),
    ("tax_credit", frozenset({"tax_credit"})),
)
OTHER = "other"


@dataclass(frozen=True, slots=True)
class PlanSource:
    """One source as the documents print it; ``country`` is the partner's (empty: the
    plan's own country)."""

    partner: str
    type: str
    amount: Decimal
    share: Decimal
    status: str
    secured: bool
    public: bool
    country: str = ""


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """A heading of the plan: ``key`` is one of the French groups or ``other``, or the
    country code of a foreign group."""

    key: str
    foreign: bool
    sources: tuple[PlanSource, ...]

    @property
    def total(self) -> Decimal:
        return sum((source.amount for source in self.sources), ZERO)


@dataclass(frozen=True, slots=True)
class TaxCreditLine:
    """A tax credit; ``reason`` says why the work is not eligible."""

    title: str
    eligible: bool
    base: Decimal
    rate: Decimal
    amount: Decimal
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RuleLine:
    """A rule's result: ``status`` is ``ok``, ``over`` (a ceiling), ``fail``,
    ``not_applicable`` or ``not_checked``."""

    title: str
    status: str
    message: str


@dataclass(frozen=True, slots=True)
class FinancingPlanDocument:
    title: str
    production: str
    currency: str
    budget: Decimal
    groups: tuple[SourceGroup, ...]
    secured: Decimal
    total: Decimal
    gap: Decimal
    public: Decimal
    public_share: Decimal
    tax_credits: tuple[TaxCreditLine, ...] = ()
    rules: tuple[RuleLine, ...] = ()
    details: str = ""
    """A line under the band: the budget version, the scenario, the rule sets."""

    @property
    def french(self) -> tuple[SourceGroup, ...]:
        return tuple(group for group in self.groups if not group.foreign)

    @property
    def foreign(self) -> tuple[SourceGroup, ...]:
        return tuple(group for group in self.groups if group.foreign)

    @property
    def french_total(self) -> Decimal:
        return sum((group.total for group in self.french), ZERO)

    @property
    def foreign_total(self) -> Decimal:
        return sum((group.total for group in self.foreign), ZERO)

    @property
    def surplus(self) -> Decimal:
        return max(self.total - self.budget, ZERO)


@dataclass(frozen=True, slots=True)
class BudgetChapter:
    number: str
    title: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class KeyDate:
    label: str
    day: date


@dataclass(frozen=True, slots=True)
class InvestorSummary:
    """The plan for an investor: the budget's top sheet by chapter, the plan and its gap,
    the key dates, the key cast (names only) and the tax credit."""

    plan: FinancingPlanDocument
    chapters: tuple[BudgetChapter, ...]
    subtotal: Decimal
    grand_total: Decimal
    key_dates: tuple[KeyDate, ...] = ()
    cast: tuple[str, ...] = ()


def group_sources(sources: Iterable[PlanSource], *, country: str = "FR") -> tuple[SourceGroup, ...]:
    """The sources under the CNC presentation's headings, empty headings left out.

    A source whose country is another than ``country`` is foreign financing, grouped by
    its country (in the order the countries first appear); the others fall under the
    French heading of their type, ``other`` for a type no heading names.
    """
    french: dict[str, list[PlanSource]] = {key: [] for key, _ in FRENCH_GROUPS}
    french[OTHER] = []
    foreign: dict[str, list[PlanSource]] = {}
    for source in sources:
        if source.country and source.country != country:
            foreign.setdefault(source.country, []).append(source)
            continue
        key = next((key for key, types in FRENCH_GROUPS if source.type in types), OTHER)
        french[key].append(source)
    groups = [SourceGroup(key, False, tuple(items)) for key, items in french.items() if items]
    groups += [SourceGroup(key, True, tuple(items)) for key, items in foreign.items()]
    return tuple(groups)
