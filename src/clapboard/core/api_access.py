"""The access rule of every API operation, declared once next to its route.

Each operation is registered with one of three rules, which both enforce the rule and
publish it in the OpenAPI document (the permission sweep reads it back from there):

* ``user_operation()`` — any authenticated person, about their own things (``x-scope: user``);
* ``production_operation(Capability.X)`` — resolves ``{production_id}`` through
  ``productions.access.production_access`` (``x-capability: x``);
* ``company_operation(admin=...)`` — resolves ``{company_id}`` through
  ``companies.access.company_access`` (``x-company-admin``).

The production or company is resolved while authenticating, before the body is read or
validated: an outsider gets 404 and a member lacking the capability 403 whatever they
send, and the view receives the resolved object through :func:`production_of` and
:func:`company_of` without a second query.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from clapboard.accounts.authentication import SessionAuth, TokenAuth
from clapboard.companies.access import company_access
from clapboard.companies.models import Company
from clapboard.productions.access import ProductionAccess, production_access
from clapboard.productions.roles import Capability


def _path_value(request: HttpRequest, name: str) -> Any:
    match = getattr(request, "resolver_match", None)
    if match is None or name not in match.kwargs:
        raise Http404
    return match.kwargs[name]


class ProductionScope:
    def __init__(self, capability: Capability) -> None:
        self.capability = Capability(capability)

    def __call__(self, request: HttpRequest, user: Any) -> None:
        production_id = _path_value(request, "production_id")
        request.production_access = production_access(user, production_id, self.capability)  # type: ignore[attr-defined]


class CompanyScope:
    def __init__(self, *, admin: bool) -> None:
        self.admin = admin

    def __call__(self, request: HttpRequest, user: Any) -> None:
        company_id = _path_value(request, "company_id")
        request.company_access = company_access(user, company_id, manage=self.admin)  # type: ignore[attr-defined]


def _auth(scope: Any = None) -> list[Any]:
    return [TokenAuth(scope), SessionAuth(scope)]


def user_operation() -> dict[str, Any]:
    return {"auth": _auth(), "openapi_extra": {"x-scope": "user"}}


def production_operation(capability: Capability) -> dict[str, Any]:
    return {
        "auth": _auth(ProductionScope(capability)),
        "openapi_extra": {"x-capability": Capability(capability).value},
    }


def company_operation(*, admin: bool) -> dict[str, Any]:
    return {"auth": _auth(CompanyScope(admin=admin)), "openapi_extra": {"x-company-admin": admin}}


def production_of(request: HttpRequest) -> ProductionAccess:
    """The production resolved (and checked) for this request by ``production_operation``."""
    return request.production_access  # type: ignore[attr-defined,no-any-return]


def company_of(request: HttpRequest) -> tuple[Company, str]:
    """The company and the caller's role in it, resolved by ``company_operation``."""
    return request.company_access  # type: ignore[attr-defined,no-any-return]
