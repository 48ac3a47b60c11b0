"""What the budgets app adds to the shared registries: its navigation entry and the
sentences of its actions in the activity feed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.core.activity import register as register_activity
from clapboard.productions.modules import Module, register_module

#: What each action of the app reads as in the activity feed (see core.activity).
ACTIVITY = {
    "budgets.budget.created": _("created the budget %(target)s"),
    "budgets.version.created": _("started the revision %(target)s of the budget"),
    "budgets.version.updated": _("edited the settings of the budget %(target)s"),
    "budgets.version.status": _("changed the status of the budget %(target)s"),
    "budgets.line.created": _("added the line %(target)s to the budget"),
    "budgets.line.updated": _("edited the budget line %(target)s"),
    "budgets.line.deleted": _("deleted the line %(description)s from the budget %(target)s"),
}


def register() -> None:
    register_module(Module(key="budget", label=_("Budget"), url_name="budgets:home", namespace="budgets"))
    for action, message in ACTIVITY.items():
        register_activity(action, message)
