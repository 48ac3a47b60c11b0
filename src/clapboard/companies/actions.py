"""State changes of companies: each validates, saves and writes its audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import apply_edit, lock_for_update, save_edit

from .models import Company, CompanyMembership

EDITABLE_FIELDS = ("name", "legal_form", "registration_number", "country", "default_currency")


def create_company(*, acting_user: Any, **fields: Any) -> Company:
    """Create a company; its creator becomes its first administrator."""
    company = Company(**{key: value for key, value in fields.items() if key in EDITABLE_FIELDS})
    company.full_clean()
    with transaction.atomic():
        company.save()
        CompanyMembership.objects.create(company=company, user=acting_user, role=CompanyMembership.Role.ADMIN)
        audit.record_change("companies.company.created", company, actor=acting_user, company=company)
    return company


def update_company(
    company: Company, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Company:
    with transaction.atomic():
        company = lock_for_update(company, expected_version)
        if save_edit(company, apply_edit(company, EDITABLE_FIELDS, changes)):
            audit.record_change("companies.company.updated", company, actor=acting_user, company=company)
    return company


def add_company_member(company: Company, *, acting_user: Any, user: Any, role: str) -> CompanyMembership:
    if role not in CompanyMembership.Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    with transaction.atomic():
        membership, created = CompanyMembership.objects.get_or_create(
            company=company, user=user, defaults={"role": role}
        )
        if not created and membership.role != role:
            membership.role = role
            membership.save()
        audit.record(
            "companies.member.added" if created else "companies.member.role_changed",
            actor=acting_user,
            company=company,
            target=membership,
            data={"user": str(user), "role": role},
        )
    return membership
