"""Financing: a production's plans de financement, their sources and scenarios.

A ``FinancingPlan`` finances one budget version: its currency is the budget's, and it
keeps what the financing engine needs besides the sources: the exchange rates, the work
as the rules see it (kind, genre, language, first or second film...), the phases that
spread the spend over time for the cash flow, the bridge rate, and the rule-set versions
it was last checked with (``rules``, pinned by a re-check).

A ``Source`` is one partner's money on the status pipeline (idea → received); a
``Scenario`` is the plan without some sources (plan B: "the TV pre-sale says no").
Amounts are ``Decimal``; a tax-credit source without an amount takes the credit the
engine computes from the budget.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import VersionedModel


class WorkKind(models.TextChoices):
    CINEMA = "cinema", _("Cinema (feature)")
    SHORT = "short", _("Short film")
    AUDIOVISUAL = "audiovisual", _("Television (audiovisual work)")


class Genre(models.TextChoices):
    FICTION = "fiction", _("Fiction")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    OTHER = "other", _("Other")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    WEEK = "week", _("Week")


class FinancingPlan(VersionedModel):
    """A plan de financement against the budget version it finances."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="financing_plans"
    )
    name = models.CharField(_("name"), max_length=120)
    budget_version = models.ForeignKey(
        "budgets.BudgetVersion",
        on_delete=models.PROTECT,
        related_name="financing_plans",
        verbose_name=_("budget version"),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    exchange_rates = models.JSONField(_("exchange rates"), default=dict, blank=True)
    country = models.CharField(_("producer's country"), max_length=2, default="FR")
    # The work, as the rules and the tax credits need it.
    kind = models.CharField(
        _("kind of work"), max_length=12, choices=WorkKind.choices, default=WorkKind.CINEMA
    )
    genre = models.CharField(_("genre"), max_length=12, choices=Genre.choices, default=Genre.FICTION)
    language = models.CharField(_("main language"), max_length=8, default="fr")
    foreign_language_justified = models.BooleanField(
        _("a foreign language justified by the script"), default=False
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    first_or_second_film = models.BooleanField(_("the director's first or second film"), default=False)
    difficult = models.BooleanField(_("difficult and small-budget work"), default=False)
    youth = models.BooleanField(_("for young audiences"), default=False)
    foreign_production = models.BooleanField(_("a foreign work made in France"), default=False)
    shooting_days_france = models.PositiveIntegerField(_("shooting days in France"), null=True, blank=True)
    # Time: the plan's start (rights paid), the phases, the cash-flow settings.
    start = models.DateField(_("start of the project"))
    pre_production_start = models.DateField(_("pre-production from"), null=True, blank=True)
    pre_production_end = models.DateField(_("pre-production to"), null=True, blank=True)
    shooting_start = models.DateField(_("shooting from"), null=True, blank=True)
    shooting_end = models.DateField(_("shooting to"), null=True, blank=True)
    post_production_start = models.DateField(_("post-production from"), null=True, blank=True)
    post_production_end = models.DateField(_("post-production to"), null=True, blank=True)
    period = models.CharField(
        _("cash-flow period"), max_length=5, choices=Period.choices, default=Period.MONTH
    )
    bridge_rate = models.DecimalField(
        _("bridge interest (% a year)"), max_digits=6, decimal_places=3, default=Decimal("6.5")
    )
    # The rule-set versions of the last check ({"fr": 2, "europe": 1}); empty: the newest.
    rules = models.JSONField(_("rule sets"), default=dict, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("financing plan")

    def __str__(self) -> str:
        return self.name


class SourceType(models.TextChoices):
    PRODUCER_EQUITY = "producer_equity", _("Producer equity")
    DEFERMENT = "deferment", _("Deferment")
    CNC_AUTOMATIC = "cnc_automatic", _("CNC automatic support")
    AVANCE_SUR_RECETTES = "avance_sur_recettes", _("Avance sur recettes")
    CNC_SELECTIVE = "cnc_selective", _("Other CNC selective aid")
    REGIONAL_FUND = "regional_fund", _("Regional fund")
    SOFICA = "sofica", _("SOFICA")
    TV_PRESALE = "tv_presale", _("TV pre-sale")
    COPRODUCTION = "coproduction", _("Co-production share")
    DISTRIBUTOR_MG = "distributor_mg", _("Distributor MG")
    SALES_MG = "sales_mg", _("International sales MG")
    EURIMAGES = "eurimages", _("Eurimages")
    SUPRANATIONAL_FUND = "supranational_fund", _("Other supranational fund")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    PRODUCT_PLACEMENT = "product_placement", _("Product placement")
    TAX_CREDIT = "tax_credit", _("Tax credit")
    BANK_LOAN = "bank_loan", _("Bank loan")
    GAP_FINANCING = "gap_financing", _("Gap financing")
    OTHER = "other", _("Other")


class SourceStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    APPROACHED = "approached", _("Approached")
    APPLIED = "applied", _("Applied")
    COMMITTED = "committed", _("Committed in writing")
    CONTRACTED = "contracted", _("Contracted")
    RECEIVED = "received", _("Received")


SECURED = (SourceStatus.COMMITTED, SourceStatus.CONTRACTED, SourceStatus.RECEIVED)


class Credit(models.TextChoices):
    CIC = "cic", _("Crédit d'impôt cinéma")
    CIA = "cia", _("Crédit d'impôt audiovisuel")
    C2I = "c2i", _("Crédit d'impôt international")


class Source(VersionedModel):
    """One source of financing of a plan."""

    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveIntegerField(default=0)
    type = models.CharField(_("type"), max_length=24, choices=SourceType.choices)
    partner = models.CharField(_("partner"), max_length=200)
    amount = models.DecimalField(
        _("amount"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for a tax credit computed from the budget."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=12, choices=SourceStatus.choices, default=SourceStatus.IDEA
    )
    expected_date = models.DateField(_("expected on"), null=True, blank=True)
    actual_date = models.DateField(_("received on"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public money"), null=True, blank=True, help_text=_("Empty: as its type says.")
    )
    conditions = models.TextField(_("conditions"), blank=True)
    recoups = models.BooleanField(_("recoups"), default=False)
    recoupment_notes = models.CharField(_("where it recoups"), max_length=300, blank=True)
    credit = models.CharField(_("tax credit"), max_length=3, choices=Credit.choices, blank=True)
    country = models.CharField(_("partner's country"), max_length=2, blank=True)
    rights_share = models.DecimalField(
        _("share of the rights (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    territory = models.CharField(_("territory"), max_length=6, blank=True, help_text=_("FR-BRE"))
    spend_obligation = models.DecimalField(
        _("local spend required (% of the aid)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    interest_rate = models.DecimalField(
        _("interest (% a year)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    instalments = models.JSONField(_("instalments"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("financing source")

    def __str__(self) -> str:
        return self.partner

    @property
    def engine_id(self) -> str:
        return f"s{self.pk}"

    @property
    def secured(self) -> bool:
        return self.status in SECURED


class Scenario(VersionedModel):
    """A variant of the plan: the sources it leaves out (they said no)."""

    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=120)
    without = models.ManyToManyField(Source, blank=True, related_name="+", verbose_name=_("without"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("scenario")

    def __str__(self) -> str:
        return self.name

    @property
    def engine_id(self) -> str:
        return f"c{self.pk}"
