"""The one door to a production: who may see it and what they may do.

A person outside a production gets a 404, so that the existence of a production is
never revealed; a member without the capability gets a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Production
from .roles import CAPABILITY_LABELS, Capability, Role, capabilities_of


@dataclass(frozen=True)
class ProductionAccess:
    """A production as seen by one user: their role and capabilities."""

    production: Production
    role: Role | None
    capabilities: frozenset[Capability]

    def can(self, capability: Capability | str) -> bool:
        return Capability(capability) in self.capabilities

    def require(self, capability: Capability | str) -> None:
        if not self.can(capability):
            raise PermissionDenied(
                _("Your role on this production does not allow this (needed: %(capability)s).")
                % {"capability": CAPABILITY_LABELS[Capability(capability)]}
            )


def production_access(
    user: Any, production_id: Any, capability: Capability | str = Capability.VIEW, *, queryset: Any = None
) -> ProductionAccess:
    """Load a production for ``user`` and check ``capability`` in one query.

    Raises Http404 when the user is not a member (or the id is unknown or malformed) and
    PermissionDenied when the member's role lacks the capability.
    """
    if not getattr(user, "is_authenticated", False):
        raise Http404
    try:
        pk = int(production_id)
    except (TypeError, ValueError):
        raise Http404 from None
    base = queryset if queryset is not None else Production.objects.select_related("company")
    production = base.filter(pk=pk).visible_with_role(user).first()
    if production is None or production.member_role is None:  # superusers' role is never None
        raise Http404
    role = Role(production.member_role)
    access = ProductionAccess(production, role, capabilities_of(role))
    access.require(capability)
    return access
