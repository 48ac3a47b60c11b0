"""What the scripts app adds to the shared registries: its navigation entry, its jobs and
the sentences of its actions in the activity feed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clapboard.core.activity import register as register_activity
from clapboard.core.models import Job
from clapboard.core.views import register_result_link
from clapboard.productions.modules import Module, register_module

from .importing import IMPORT_KIND

#: What each action of the app reads as in the activity feed (see core.activity).
ACTIVITY = {
    "scripts.script.created": _("created the script %(target)s"),
    "scripts.script.updated": _("edited the script %(target)s"),
    "scripts.version.imported": _(
        "imported %(target)s of %(script)s from %(file)s (%(scenes)s scenes, %(pages)s pages)"
    ),
    "scripts.numbers.locked": _(
        "locked the scene numbers of %(target)s (scenes newly numbered: %(numbered)s)"
    ),
    "scripts.scene.synopsis_changed": _("edited the synopsis of scene %(target)s (version %(version)s)"),
    "scripts.tag.added": _("tagged %(target)s (%(category)s) in scene %(scene)s"),
    "scripts.tag.edited": _("re-tagged a suggestion in scene %(scene)s as %(target)s"),
    "scripts.tag.accepted": _("accepted %(target)s in scene %(scene)s"),
    "scripts.tag.rejected": _("rejected %(target)s in scene %(scene)s"),
    "scripts.scene.suggestions_accepted": _("accepted %(tags)s suggestions in scene %(target)s"),
    "scripts.scene.suggestions_rejected": _("rejected %(tags)s suggestions in scene %(target)s"),
    "scripts.element.suggestions_accepted": _("accepted %(tags)s suggestions of %(target)s"),
    "scripts.element.suggestions_rejected": _("rejected %(tags)s suggestions of %(target)s"),
    "scripts.element.updated": _("edited the breakdown element %(target)s"),
    "scripts.element.merged": _("merged %(merged)s into %(target)s"),
    "scripts.location.created": _("added the shooting location %(target)s"),
    "scripts.location.updated": _("edited the shooting location %(target)s"),
    "scripts.location.deleted": _("deleted the shooting location %(target)s"),
    "scripts.location.linked": _("changed where the script location %(target)s is shot"),
}


def imported_version_url(job: Job) -> str | None:
    result = job.result or {}
    if job.production_id is None or "script_id" not in result:
        return None
    return reverse(
        "scripts:overview", kwargs={"production_id": job.production_id, "script_id": result["script_id"]}
    )


def register() -> None:
    register_module(Module(key="script", label=_("Script"), url_name="scripts:home", namespace="scripts"))
    register_result_link(IMPORT_KIND, imported_version_url, label=_("Open the script"))
    for action, message in ACTIVITY.items():
        register_activity(action, message)
