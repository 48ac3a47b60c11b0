"""Roles on a production and what each may do: the capability matrix, in one place.

Every view and API operation names the capability it needs; ``productions.access``
turns a user, a production and a capability into the object, a 404 or a 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capability(StrEnum):
    VIEW = "view"  # read the production and its modules
    EDIT = "edit"  # change production data
    MANAGE_MEMBERS = "manage_members"  # invite, change roles, remove members
    SEE_SENSITIVE = "see_sensitive"  # salaries, personal identifiers, bank details
    APPROVE = "approve"  # approve and lock budgets, sign off costs, change the phase


CAPABILITY_LABELS = {
    Capability.VIEW: _("view the production"),
    Capability.EDIT: _("edit production data"),
    Capability.MANAGE_MEMBERS: _("manage the team"),
    Capability.SEE_SENSITIVE: _("see salaries and personal data"),
    Capability.APPROVE: _("approve and change the phase"),
}


class Role(models.TextChoices):
    PRODUCER = "producer", _("Producer")
    LINE_PRODUCER = "line_producer", _("Line producer")
    PRODUCTION_ACCOUNTANT = "production_accountant", _("Production accountant")
    COORDINATOR = "coordinator", _("Production coordinator")
    DIRECTOR = "director", _("Director")
    HEAD_OF_DEPARTMENT = "head_of_department", _("Head of department")
    CREW = "crew", _("Crew")
    FINANCIER = "financier", _("Financier / co-producer")
    GUEST = "guest", _("Guest")


#: Producers first, then down the roles as a call sheet lists them (the order of ``Role``).
TEAM_ORDER = {role.value: position for position, role in enumerate(Role)}

_ALL = frozenset(Capability)
_READ = frozenset({Capability.VIEW})
_EDIT = frozenset({Capability.VIEW, Capability.EDIT})

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.PRODUCER: _ALL,
    Role.LINE_PRODUCER: _ALL,
    Role.PRODUCTION_ACCOUNTANT: frozenset(
        {Capability.VIEW, Capability.EDIT, Capability.SEE_SENSITIVE, Capability.APPROVE}
    ),
    Role.COORDINATOR: frozenset({Capability.VIEW, Capability.EDIT, Capability.MANAGE_MEMBERS}),
    Role.DIRECTOR: _EDIT,
    Role.HEAD_OF_DEPARTMENT: _EDIT,
    Role.CREW: _READ,
    Role.FINANCIER: _READ,
    Role.GUEST: _READ,
}


def role_can(role: str, capability: Capability) -> bool:
    return capability in CAPABILITIES[Role(role)]


def capabilities_of(role: str) -> frozenset[Capability]:
    return CAPABILITIES[Role(role)]
