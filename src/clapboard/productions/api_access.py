"""The access rule of production-scoped API operations (``x-capability``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from clapboard.accounts.api_access import authenticators, path_value

from .access import ProductionAccess, production_access
from .roles import Capability


class ProductionScope:
    def __init__(self, capability: Capability) -> None:
        self.capability = Capability(capability)

    def __call__(self, request: HttpRequest, user: Any) -> None:
        production_id = path_value(request, "production_id")
        request.production_access = production_access(user, production_id, self.capability)  # type: ignore[attr-defined]


def production_operation(capability: Capability) -> dict[str, Any]:
    return {
        "auth": authenticators(ProductionScope(capability)),
        "openapi_extra": {"x-capability": Capability(capability).value},
    }


def production_of(request: HttpRequest) -> ProductionAccess:
    """The production resolved (and checked) for this request by ``production_operation``."""
    return request.production_access  # type: ignore[attr-defined,no-any-return]
