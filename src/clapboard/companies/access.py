"""Who may see and manage a company."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Expression, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Company, CompanyMembership


def role_in_company(user: Any) -> Expression:
    """The user's role in the company of each row, as an annotation (superusers: admin).

    ``order_by()`` drops the membership's default ordering and the joins it would bring.
    """
    role: Expression = Subquery(
        CompanyMembership.objects.filter(company=OuterRef("pk"), user=user).order_by().values("role")[:1]
    )
    if user.is_superuser:
        role = Coalesce(role, Value(CompanyMembership.Role.ADMIN.value))
    return role


def companies_visible_to(user: Any) -> QuerySet[Company]:
    if not getattr(user, "is_authenticated", False):
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    return Company.objects.filter(memberships__user=user)


def companies_with_role(user: Any) -> QuerySet[Company]:
    """``companies_visible_to(user)`` annotated with ``member_role``.

    A member's role is read from the membership row that makes each company visible, in
    the same join, instead of a subquery per row.
    """
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return companies_visible_to(user).annotate(member_role=role_in_company(user))
    return Company.objects.filter(memberships__user=user).annotate(member_role=F("memberships__role"))


def company_access(user: Any, company_id: Any, *, manage: bool = False) -> tuple[Company, str]:
    """The company and the user's role in it; 404 for outsiders, 403 when ``manage`` needs an admin."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    try:
        pk = int(company_id)
    except (TypeError, ValueError):
        raise Http404 from None
    company = Company.objects.filter(pk=pk).annotate(member_role=role_in_company(user)).first()
    role = getattr(company, "member_role", None)
    if company is None or role is None:
        raise Http404
    if manage and role != CompanyMembership.Role.ADMIN:
        raise PermissionDenied(_("Only the company's administrators can do this."))
    return company, role
