"""Production companies and the people who belong to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import VersionedModel
from clapboard.core.validators import validate_country_code, validate_currency_code


class Company(VersionedModel):
    """A production company (société de production) that carries productions."""

    class LegalForm(models.TextChoices):
        SAS = "SAS", "SAS"
        SASU = "SASU", "SASU"
        SARL = "SARL", "SARL"
        EURL = "EURL", "EURL"
        SA = "SA", "SA"
        ASSOCIATION = "association", _("Association (loi 1901)")
        LTD = "LTD", "Ltd"
        LLC = "LLC", "LLC"
        GMBH = "GMBH", "GmbH"
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices, blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=32,
        blank=True,
        help_text=_("SIREN (9 digits) or SIRET (14 digits) in France; the local company number elsewhere."),
    )
    country = models.CharField(_("country"), max_length=2, default="FR", validators=[validate_country_code])
    default_currency = models.CharField(
        _("default currency"), max_length=3, default="EUR", validators=[validate_currency_code]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from clapboard.core.validators import validate_registration_number

        validate_registration_number(self.registration_number, self.country)


class CompanyMembership(models.Model):
    """A user's place in a company. Admins manage the company and create productions."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["company__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["company", "user"], name="unique_company_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.company} ({self.role})"
