"""What the financing app adds to the shared registries: its navigation entry and the
sentences of its actions in the activity feed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.core.activity import register as register_activity
from clapboard.productions.modules import Module, register_module

#: What each action of the app reads as in the activity feed (see core.activity).
ACTIVITY = {
    "financing.plan.created": _("created the financing plan %(target)s"),
    "financing.plan.updated": _("edited the financing plan %(target)s"),
    "financing.plan.rechecked": _(
        "checked the financing plan %(target)s against the latest rules (%(rules)s)"
    ),
    "financing.plan.deleted": _("deleted the financing plan %(target)s"),
    "financing.source.added": _("added the financing source %(target)s"),
    "financing.source.updated": _("edited the financing source %(target)s"),
    "financing.source.status_changed": _("changed the status of the financing source %(target)s"),
    "financing.source.deleted": _("deleted the financing source %(target)s (%(type)s, %(status)s)"),
    "financing.scenario.added": _("added the scenario %(target)s (sources left out: %(without)s)"),
    "financing.scenario.updated": _("edited the scenario %(target)s"),
    "financing.scenario.deleted": _("deleted the scenario %(target)s"),
}


def register() -> None:
    register_module(
        Module(key="financing", label=_("Financing"), url_name="financing:home", namespace="financing")
    )
    for action, message in ACTIVITY.items():
        register_activity(action, message)
