"""What the schedules app adds to the shared registries: its navigation entry and the
sentences of its actions in the activity feed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.core.activity import register as register_activity
from clapboard.productions.modules import Module, register_module

#: What each action of the app reads as in the activity feed (see core.activity).
ACTIVITY = {
    "schedules.schedule.created": _("created the schedule %(target)s"),
    "schedules.schedule.updated": _("edited the settings of the schedule %(target)s"),
    "schedules.schedule.imported": _(
        "imported the schedule %(target)s from %(file)s (%(scenes)s scenes, %(strips)s strips)"
    ),
    "schedules.episodes.added": _("added %(scripts)s to the schedule %(target)s (%(strips)s strips)"),
    "schedules.strips.reordered": _("moved %(moved)s strips on the stripboard %(target)s"),
    "schedules.strip.added": _("added a strip to the stripboard %(target)s"),
    "schedules.strip.removed": _("removed a strip from the stripboard %(target)s"),
    "schedules.change.undone": _("undid the last change to the stripboard %(target)s"),
    "schedules.planning.terms_saved": _(
        "saved the planning constraints of %(target)s (most shooting days: %(max_shooting_days)s)"
    ),
    "schedules.plan.applied": _("applied a computed plan to %(target)s (%(shooting_days)s shooting days)"),
    "schedules.call_sheet.created": _("wrote the call sheet of shooting day %(day)s"),
    "schedules.call_sheet.updated": _("edited the call sheet of shooting day %(day)s"),
}


def register() -> None:
    register_module(
        Module(key="schedule", label=_("Schedule"), url_name="schedules:home", namespace="schedules")
    )
    for action, message in ACTIVITY.items():
        register_activity(action, message)
