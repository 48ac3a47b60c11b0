"""The access rule of API operations not tied to one production or company.

Each API operation is registered with one of three rules, which both enforce the rule
and publish it in the OpenAPI document (the permission sweep reads it back from there):

* ``user_operation()`` here — any authenticated person, about their own things (``x-scope: user``);
* ``companies.api_access.company_operation(admin=...)`` — ``x-company-admin``;
* ``productions.api_access.production_operation(Capability.X)`` — ``x-capability``.

Scoped rules resolve the company or production while authenticating, before the body is
read or validated: an outsider gets 404 and a member lacking the capability 403 whatever
they send.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from .authentication import SessionAuth, TokenAuth


def path_value(request: HttpRequest, name: str) -> Any:
    """A URL parameter, read before ninja parses the request."""
    match = getattr(request, "resolver_match", None)
    if match is None or name not in match.kwargs:
        raise Http404
    return match.kwargs[name]


def authenticators(scope: Any = None) -> list[Any]:
    """Bearer token first, then the site's session; ``scope(request, user)`` runs once authenticated."""
    return [TokenAuth(scope), SessionAuth(scope)]


def user_operation() -> dict[str, Any]:
    return {"auth": authenticators(), "openapi_extra": {"x-scope": "user"}}
