"""Who may see and manage a company."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Company, CompanyMembership


def companies_visible_to(user: Any) -> QuerySet[Company]:
    if not getattr(user, "is_authenticated", False):
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    return Company.objects.filter(memberships__user=user)


def company_access(user: Any, company_id: Any, *, manage: bool = False) -> tuple[Company, str]:
    """The company and the user's role in it; 404 for outsiders, 403 when ``manage`` needs an admin."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    try:
        pk = int(company_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if user.is_superuser:
        company = Company.objects.filter(pk=pk).first()
        role = CompanyMembership.Role.ADMIN
    else:
        member_role = CompanyMembership.objects.filter(company=OuterRef("pk"), user=user).values("role")[:1]
        company = Company.objects.filter(pk=pk).annotate(member_role=Subquery(member_role)).first()
        role = getattr(company, "member_role", None)
    if company is None or role is None:
        raise Http404
    if manage and role != CompanyMembership.Role.ADMIN:
        raise PermissionDenied(_("Only the company's administrators can do this."))
    return company, role
