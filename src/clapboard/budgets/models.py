"""Budgets: versions of a production's budget, their accounts (postes) and detail lines.

A ``Budget`` is one budget of a production (the devis, an alternative for a smaller
shoot). Its ``BudgetVersion`` rows are the states it went through: an estimate, the
version submitted to financiers, the approved one (locked), then revisions. A version
keeps what the engine needs besides its lines in ``settings`` (the budget JSON format of
``docs/budget-format.md`` without its accounts: layout, currency, exchange rates,
globals, fringe sets, chapters, percentage lines), and its accounts and lines as rows,
so that two people edit two lines at once and the database can add up the amounts.

A line's ``amount``, ``fringes`` and ``total`` are the engine's figures, written after
each calculation (in the budget currency, to the cent), never typed.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import VersionedModel

MONEY = {"max_digits": 16, "decimal_places": 2, "default": Decimal("0.00")}


class Budget(VersionedModel):
    production = models.ForeignKey("productions.Production", on_delete=models.CASCADE, related_name="budgets")
    name = models.CharField(_("name"), max_length=120)
    layout = models.CharField(_("layout"), max_length=40)
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
        verbose_name = _("budget")

    def __str__(self) -> str:
        return self.name


class BudgetVersion(VersionedModel):
    """One state of a budget. Only estimates and revisions can change."""

    class Status(models.TextChoices):
        ESTIMATE = "estimate", _("Estimate")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved (locked)")
        REVISED = "revised", _("Revision")

    EDITABLE = (Status.ESTIMATE, Status.REVISED)

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ESTIMATE)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("based on")
    )
    schedule = models.ForeignKey(
        "schedules.Schedule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("schedule"),
        help_text=_("The schedule whose shooting days and cast days feed the linked lines."),
    )
    settings = models.JSONField(default=dict)
    # The figures of the last calculation, for lists and comparisons without recalculating.
    subtotal = models.DecimalField(_("subtotal"), **MONEY)
    grand_total = models.DecimalField(_("grand total"), **MONEY)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="budgets_one_number_a_version")
        ]
        verbose_name = _("budget version")

    def __str__(self) -> str:
        return f"{self.budget} v{self.number}"

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def currency(self) -> str:
        return str(self.settings.get("currency", "EUR"))


class Account(models.Model):
    """A poste / account of a version: its number, title, chapter and group."""

    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="accounts")
    position = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    chapter = models.CharField(_("chapter"), max_length=20)
    group = models.CharField(_("above or below the line"), max_length=5)
    fringes_to = models.CharField(max_length=20, blank=True)
    # Last calculation, in the budget currency.
    lines_total = models.DecimalField(**MONEY)
    fringes_total = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["budget_version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["budget_version", "number"], name="budgets_one_account_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Line(VersionedModel):
    """A detail line. ``quantity``, ``rate`` and ``multiplier`` keep what was typed: a
    number or an expression of globals (``SHOOT_DAYS + 2``)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        HOURS = "hours", _("hours")
        FLAT = "flat", _("flat")
        ALLOWANCE = "allowance", _("allowance")
        PERCENTAGE = "percentage", _("percentage")

    budget_version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=60)  # the line's id in the budget format
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.CharField(_("quantity"), max_length=200, default="0")
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.FLAT)
    rate = models.CharField(_("rate"), max_length=200, default="0")
    multiplier = models.CharField(_("multiplier"), max_length=200, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    fringe_sets = models.JSONField(_("fringes"), default=list, blank=True)
    department = models.CharField(_("department"), max_length=40, blank=True)
    french_share = models.DecimalField(
        _("spent in France (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    per_episode = models.BooleanField(_("per episode"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    person = models.CharField(max_length=60, blank=True)
    quantity_link = models.CharField(_("quantity from"), max_length=80, blank=True)
    # Last calculation, in the budget currency, all episodes included.
    amount = models.DecimalField(**MONEY)
    fringes = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget_version", "account__position", "position"]
        indexes = [models.Index(fields=["budget_version", "position"])]
        constraints = [
            models.UniqueConstraint(fields=["budget_version", "key"], name="budgets_one_key_a_line")
        ]

    def __str__(self) -> str:
        return self.description or self.key

    @property
    def is_salary(self) -> bool:
        """Pay to a person: hidden from roles that may not see salaries."""
        return bool(self.fringe_sets) or bool(self.person)
