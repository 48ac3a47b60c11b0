"""The access rule of company-scoped API operations (``x-company-admin``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from clapboard.accounts.api_access import authenticators, path_value

from .access import company_access
from .models import Company


class CompanyScope:
    def __init__(self, *, admin: bool) -> None:
        self.admin = admin

    def __call__(self, request: HttpRequest, user: Any) -> None:
        company_id = path_value(request, "company_id")
        request.company_access = company_access(user, company_id, manage=self.admin)  # type: ignore[attr-defined]


def company_operation(*, admin: bool) -> dict[str, Any]:
    return {"auth": authenticators(CompanyScope(admin=admin)), "openapi_extra": {"x-company-admin": admin}}


def company_of(request: HttpRequest) -> tuple[Company, str]:
    """The company and the caller's role in it, resolved by ``company_operation``."""
    return request.company_access  # type: ignore[attr-defined,no-any-return]
