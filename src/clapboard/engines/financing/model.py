"""The financing plan as data: sources, scenarios, the budget figures it finances, phases.

Everything is a frozen dataclass; amounts are ``Decimal``. A plan is checked by
``validate.check_plan_input`` before any figure is computed, so that bad input stops the
whole check instead of giving half a result.

Vocabulary:

* a **source** is one partner's money (or the producer's own): its ``type`` (one of
  ``SOURCE_TYPES``), ``amount`` and ``currency``, its ``status`` on the pipeline
  ``STATUSES`` (secured from ``committed`` on), dates, conditions, whether it is public
  money and whether and how it recoups (kept as data for the waterfall);
* a **scenario** is the plan seen with some sources dropped ("what if this source says
  no") or with other amounts;
* the **budget figures** are what the financing needs to know of the budget: its total,
  the French and foreign parts, the expenses by tax-credit category, the spend per
  country and region, the chapter and account totals for the cash flow
  (``figures.budget_figures`` builds them from a budget engine ``Budget`` and
  ``BudgetTotals``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from clapboard.engines.budget.money import ZERO

__all__ = [
    "CATEGORIES",
    "CREDITS",
    "GENRES",
    "KINDS",
    "PHASES",
    "SECURED_STATUSES",
    "SOURCE_TYPES",
    "STATUSES",
    "BudgetFigures",
    "CashFlowSettings",
    "FinancingError",
    "Instalment",
    "Phase",
    "Plan",
    "Recoupment",
    "Scenario",
    "Source",
    "SourceType",
    "Split",
    "Work",
]


class FinancingError(ValueError):
    """A plan that cannot be checked; ``path`` names the field, as in the JSON.

    For a source the path also gives its partner: ``sources[3] "Région Bretagne"``.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True, slots=True)
class SourceType:
    """What a kind of money is by default; a source may say otherwise (``is_public``,
    ``repayable``)."""

    title: str
    public: bool = False
    repayable: bool = False
    cnc: bool = False
    """A CNC aid (counted by the CNC-aid ceiling, and barring the international credit)."""
    cash: bool = True
    """False for a deferment: spend that is not paid in cash, so no drawdown."""


#: The kinds of source, in the order of a French plan de financement. Public money and
#: the CNC's aids are the sources named as such in DOMAIN.md 2.1-2.2; an avance sur
#: recettes is repaid from receipts, Eurimages support is taken as a soft loan (its usual
#: form [S29]; set ``repayable`` false for a grant).
SOURCE_TYPES: Mapping[str, SourceType] = MappingProxyType(
    {
        "producer_equity": SourceType("Apport producteur"),
        "deferment": SourceType("Participation en différé (deferment)", cash=False),
        "cnc_automatic": SourceType("Soutien automatique CNC", public=True, cnc=True),
        "avance_sur_recettes": SourceType("Avance sur recettes", public=True, repayable=True, cnc=True),
        "cnc_selective": SourceType("Autre aide sélective du CNC", public=True, cnc=True),
        "regional_fund": SourceType("Fonds régional", public=True),
        "sofica": SourceType("SOFICA"),
        "tv_presale": SourceType("Préachat TV"),
        "coproduction": SourceType("Apport de coproducteur"),
        "distributor_mg": SourceType("Minimum garanti distributeur"),
        "sales_mg": SourceType("Minimum garanti vendeur international"),
        "eurimages": SourceType("Eurimages", public=True, repayable=True),
        "supranational_fund": SourceType("Autre fonds supranational", public=True),
        "crowdfunding": SourceType("Financement participatif"),
        "sponsorship": SourceType("Parrainage"),
        "product_placement": SourceType("Placement de produit"),
        "tax_credit": SourceType("Crédit d'impôt", public=True),
        "bank_loan": SourceType("Prêt bancaire", repayable=True),
        "gap_financing": SourceType("Gap financing", repayable=True),
        "other": SourceType("Autre"),
    }
)

#: The pipeline of a source, in order. From ``committed`` (committed in writing) on, the
#: money is counted as secured.
STATUSES = ("idea", "approached", "applied", "committed", "contracted", "received")
SECURED_STATUSES = frozenset(("committed", "contracted", "received"))
#: The tax credits the engine computes.
CREDITS = ("cic", "cia", "c2i")
#: The tax-credit expense categories of the budget figures (DOMAIN.md 3.1, [S18b, S18d]).
CATEGORIES = (
    "authors",
    "performers",
    "crew",
    "technical_industries",
    "transport_catering_lodging",
    "depreciation",
    "not_eligible",
)
KINDS = ("cinema", "short", "audiovisual")
GENRES = ("fiction", "documentary", "animation", "other")
#: Phases of the cash flow; ``signature`` is the day the plan starts (rights are paid).
PHASES = ("signature", "pre_production", "shooting", "post_production")


@dataclass(frozen=True, slots=True)
class Instalment:
    """One drawdown of a source: on ``date``, an ``amount`` or a ``percentage`` of it."""

    date: date
    amount: Decimal | None = None
    percentage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Recoupment:
    """How a source recoups, kept for the waterfall: where it stands and on what terms."""

    position: str = ""
    premium_percentage: Decimal | None = None
    corridor_percentage: Decimal | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """One source of financing.

    ``amount`` is ``None`` only for a tax credit the engine computes (``credit`` names
    it). ``country`` is the partner's country (a co-producer, a regional or foreign
    fund; ``None``: the plan's country). A co-producer's ``rights_share`` and
    ``spend_share`` are percentages of the rights and of the budget to spend in its
    country. ``territory`` and ``spend_obligation`` (a percentage of the aid) are a
    fund's territorial spending obligation. ``interest_rate`` (a yearly percentage) and
    ``fees`` are a loan's.
    """

    id: str
    type: str
    partner: str
    amount: Decimal | None
    currency: str
    status: str = "idea"
    expected_date: date | None = None
    actual_date: date | None = None
    conditions: str = ""
    is_public: bool | None = None
    repayable: bool | None = None
    recoups: bool = False
    recoupment: Recoupment | None = None
    country: str | None = None
    rights_share: Decimal | None = None
    spend_share: Decimal | None = None
    rights: str = ""
    window: str = ""
    territory: str | None = None
    spend_obligation: Decimal | None = None
    credit: str | None = None
    interest_rate: Decimal | None = None
    fees: Decimal | None = None
    instalments: tuple[Instalment, ...] = ()
    notes: str = ""

    @property
    def kind(self) -> SourceType:
        return SOURCE_TYPES[self.type]

    @property
    def public(self) -> bool:
        return self.kind.public if self.is_public is None else self.is_public

    @property
    def is_repayable(self) -> bool:
        return self.kind.repayable if self.repayable is None else self.repayable

    @property
    def secured(self) -> bool:
        return self.status in SECURED_STATUSES

    def label(self, index: int) -> str:
        """The path that error messages and warnings name: ``sources[3] "Région Bretagne"``."""
        return f'sources[{index}] "{self.partner}"'


@dataclass(frozen=True, slots=True)
class Scenario:
    """A plan variant: the sources ``without`` (they said no), other ``amounts`` (in each
    source's currency)."""

    id: str
    title: str = ""
    without: tuple[str, ...] = ()
    amounts: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Split:
    """An amount spent in France and abroad."""

    french: Decimal = ZERO
    foreign: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.french + self.foreign


@dataclass(frozen=True, slots=True)
class BudgetFigures:
    """What the plan needs of the budget, in the plan's currency.

    ``categories`` holds the expenses by tax-credit category (``CATEGORIES``), French and
    foreign; ``director`` and ``vfx`` are parts of them (the director's pay, capped in
    the film credit; the visual effects, which raise the international credit).
    ``excluding_overheads`` is the total without frais généraux and imprévus.
    ``chapters``, ``accounts`` and ``percentages`` (the lines below the subtotal) feed the
    cash flow's spend curve; ``countries`` and ``regions`` the co-production and
    territorial checks.
    """

    total: Decimal
    french: Decimal
    foreign: Decimal
    excluding_overheads: Decimal | None = None
    categories: Mapping[str, Split] = field(default_factory=dict)
    director: Split | None = None
    vfx: Split | None = None
    chapters: Mapping[str, Decimal] = field(default_factory=dict)
    accounts: Mapping[str, Decimal] = field(default_factory=dict)
    account_chapters: Mapping[str, str] = field(default_factory=dict)
    percentages: Mapping[str, Decimal] = field(default_factory=dict)
    countries: Mapping[str, Decimal] = field(default_factory=dict)
    regions: Mapping[str, Decimal] = field(default_factory=dict)
    currency: str = ""
    """The currency of the figures when built from a budget: it must be the plan's."""
    layout: str = ""
    mapping: str = ""
    """The category mapping that built the figures (``cnc v1``), when built from a budget."""


@dataclass(frozen=True, slots=True)
class Work:
    """The work being financed, as far as the rules need it.

    ``kind`` is ``cinema`` (a feature), ``short`` or ``audiovisual``; ``genre`` one of
    ``GENRES``; ``language`` the main language's code (``fr``). ``foreign_production``
    marks a foreign work made in France (the international credit). ``difficult`` is the
    decree's "difficult and small-budget" audiovisual work, whose criteria the engine does
    not know.
    """

    kind: str = "cinema"
    genre: str = "fiction"
    language: str = "fr"
    foreign_language_justified: bool = False
    duration_minutes: Decimal | None = None
    first_or_second_film: bool = False
    difficult: bool = False
    youth: bool = False
    vfx_shots_percentage: Decimal = ZERO
    shooting_days_france: int | None = None
    foreign_production: bool = False


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of production as a date range, both days included."""

    name: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class CashFlowSettings:
    """``period`` is ``month`` or ``week``; ``bridge_rate`` the yearly interest (%) of the
    bridge financing that covers a negative cash position."""

    period: str = "month"
    bridge_rate: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Plan:
    """A financing plan: the budget it finances, its sources and scenarios, its phases.

    ``start`` is the day the project starts (no source is dated before it).
    ``exchange_rates`` gives the value of one unit of each other currency in ``currency``.
    ``french_share`` is the French share of an international co-production in % (default:
    100 less the rights of the foreign co-producers). ``spend_profile`` overrides the
    default share of each chapter or account spent in each phase (``"chapter:3"`` →
    ``{"shooting": 100}``). ``rules`` pins the rule-set versions the plan was checked with
    (``{"fr": 2, "europe": 1}``).
    """

    title: str
    currency: str
    start: date
    budget: BudgetFigures
    sources: tuple[Source, ...]
    work: Work = field(default_factory=Work)
    country: str = "FR"
    exchange_rates: Mapping[str, Decimal] = field(default_factory=dict)
    scenarios: tuple[Scenario, ...] = ()
    phases: tuple[Phase, ...] = ()
    spend_profile: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    cash_flow: CashFlowSettings = field(default_factory=CashFlowSettings)
    rules: Mapping[str, int] = field(default_factory=dict)
    french_share: Decimal | None = None
    notes: str = ""

    def exchange_rate(self, currency: str) -> Decimal:
        if currency == self.currency:
            return Decimal(1)
        return self.exchange_rates[currency]

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)
