"""Productions, their episodes, key dates and team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import TimeStampedModel, VersionedModel
from clapboard.core.validators import validate_currency_code

from .phases import Phase
from .querysets import ProductionMemberQuerySet, ProductionQuerySet
from .roles import Role


class Production(VersionedModel):
    """A film, series, documentary or programme carried by a company."""

    class Kind(models.TextChoices):
        FEATURE = "feature", _("Feature film")
        SERIES = "series", _("Series")
        DOCUMENTARY = "documentary", _("Documentary")
        ANIMATION = "animation", _("Animation")
        SHORT = "short", _("Short film")
        TV_PROGRAMME = "tv_programme", _("TV programme")
        IMMERSIVE = "immersive", _("Immersive / VR")

    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="productions", verbose_name=_("company")
    )
    title = models.CharField(_("title"), max_length=200)
    working_title = models.CharField(_("working title"), max_length=200, blank=True)
    international_title = models.CharField(_("international title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FEATURE)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.DEVELOPMENT)
    phase_before_archive = models.CharField(max_length=20, choices=Phase.choices, blank=True, editable=False)
    currency = models.CharField(
        _("currency"), max_length=3, default="EUR", validators=[validate_currency_code]
    )
    countries = models.JSONField(_("countries"), default=list, blank=True, help_text=_("ISO 3166 codes"))
    languages = models.JSONField(_("languages"), default=list, blank=True, help_text=_("ISO 639 codes"))
    genre = models.CharField(_("genre"), max_length=100, blank=True)
    target_runtime_minutes = models.PositiveIntegerField(_("target runtime (minutes)"), null=True, blank=True)
    logline = models.TextField(_("logline"), blank=True)
    international_logline = models.TextField(_("international logline"), blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    history = HistoricalRecords()

    objects = ProductionQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("production")

    def __str__(self) -> str:
        return self.title

    @property
    def is_series(self) -> bool:
        return self.kind == self.Kind.SERIES


class KeyDate(TimeStampedModel):
    """A milestone of the production: start of prep, first day of shooting, delivery..."""

    class Kind(models.TextChoices):
        DEVELOPMENT_START = "development_start", _("Development start")
        FINANCING_CLOSE = "financing_close", _("Financing closed")
        PREP_START = "prep_start", _("Pre-production start")
        SHOOT_START = "shoot_start", _("First shooting day")
        SHOOT_END = "shoot_end", _("Last shooting day")
        PICTURE_LOCK = "picture_lock", _("Picture lock")
        DELIVERY = "delivery", _("Delivery")
        RELEASE = "release", _("Release")
        OTHER = "other", _("Other")

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="key_dates")
    kind = models.CharField(_("milestone"), max_length=24, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=120, blank=True)
    date = models.DateField(_("date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.label or self.get_kind_display()} {self.date:%Y-%m-%d}"


class Episode(VersionedModel):
    """An episode of a series."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    target_runtime_minutes = models.PositiveIntegerField(_("target runtime (minutes)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["production", "number"], name="unique_episode_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}".strip()


class ProductionMember(TimeStampedModel):
    """A person's role on one production: the source of every permission check."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="production_roles"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    department = models.CharField(_("department"), max_length=100, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    history = HistoricalRecords()

    objects = ProductionMemberQuerySet.as_manager()

    class Meta:
        ordering = ["production", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["production", "user"], name="unique_production_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Invitation(TimeStampedModel):
    """An invitation to join a production, sent to someone who has no account yet.

    Only the hash of the token is stored; the link with the raw token is e-mailed.
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    department = models.CharField(_("department"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.production} ({self.get_role_display()})"
