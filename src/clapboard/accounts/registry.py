"""What the accounts app adds to the shared registries: the sentences of its actions in
the activity feed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.core.activity import register as register_activity

#: What each action of the app reads as in the activity feed (see core.activity).
ACTIVITY = {
    "accounts.user.registered": _("created their account"),
    "accounts.user.updated": _("edited the account of %(target)s"),
    "accounts.token.created": _("created the API token %(name)s"),
    "accounts.token.revoked": _("revoked the API token %(name)s"),
}


def register() -> None:
    for action, message in ACTIVITY.items():
        register_activity(action, message)
