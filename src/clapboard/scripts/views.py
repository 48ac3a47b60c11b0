"""Script pages: the script list, a script's overview with its versions and read-outs,
importing a draft, settings, locking scene numbers, statistics and the changes of a draft.

Views parse forms and call ``actions`` or ``importing``; the figures come from ``analysis``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.core.models import Job
from clapboard.engines.screenplay import ScreenplayParseError
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, analysis
from .access import script_of, version_of
from .forms import DraftImportForm, ScriptCreateForm, ScriptForm
from .importing import IMPORT_KIND, start_import
from .models import Script

RECENT_IMPORTS = 3


@production_view(Capability.VIEW)
def home(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    """The production's scripts; a production with one script goes straight to it."""
    scripts = list(access.production.scripts.select_related("current_version", "episode"))
    if len(scripts) == 1 and "all" not in request.GET:
        return redirect("scripts:overview", production_id=access.production.pk, script_id=scripts[0].pk)
    can_edit = access.can(Capability.EDIT)
    form = (
        ScriptCreateForm(production=access.production, initial={"title": access.production.title})
        if can_edit
        else None
    )
    return render(
        request,
        "scripts/home.html",
        {"production": access.production, "scripts": scripts, "form": form, "can_edit": can_edit},
    )


@production_view(Capability.EDIT)
def script_create(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = ScriptCreateForm(request.POST or None, production=access.production)
    if request.method == "POST" and form.is_valid():
        try:
            script = actions.create_script(access.production, acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” is created. Import its first draft.") % {"title": script}
            )
            return redirect("scripts:overview", production_id=access.production.pk, script_id=script.pk)
    return render(
        request, "scripts/script_form.html", {"production": access.production, "form": form, "creating": True}
    )


def _recent_imports(script: Script) -> list[Job]:
    """Imports of the production still running or failed, so that nobody misses an error."""
    jobs = Job.objects.filter(production_id=script.production_id, kind=IMPORT_KIND).exclude(
        status=Job.Status.SUCCEEDED
    )
    if script.current_version is not None:
        jobs = jobs.filter(created_at__gt=script.current_version.created_at)
    return list(jobs.order_by("-created_at")[:RECENT_IMPORTS])


def _overview(
    request: HttpRequest, access: ProductionAccess, script: Script, import_form: Any, status: int = 200
) -> HttpResponse:
    version = script.current_version
    context: dict[str, Any] = {
        "production": access.production,
        "script": script,
        "version": version,
        "versions": list(script.versions.select_related("created_by")),
        "import_form": import_form,
        "pending_imports": _recent_imports(script),
        "section": "overview",
    }
    if version is not None:
        context.update(analysis.version_overview(version, script))
    return render(request, "scripts/overview.html", context, status=status)


@production_view(Capability.VIEW)
def overview(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    """A script at a glance: its current version's figures, viability, versions and import."""
    form = DraftImportForm() if access.can(Capability.EDIT) else None
    return _overview(request, access, script_of(access, script_id), form)


@production_view(Capability.EDIT)
def draft_import(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    """Receive a draft and start its import job; the job page shows the progress."""
    script = script_of(access, script_id)
    if request.method != "POST":
        return redirect("scripts:overview", production_id=access.production.pk, script_id=script.pk)
    form = DraftImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            job = start_import(
                script,
                data["file"],
                acting_user=request.user,
                label=data["label"],
                colour=data["colour"],
                revision_date=data["revision_date"],
                paper=data["paper"],
                source_format=data["source_format"],
            )
        except ScreenplayParseError as error:
            form.add_error("file", str(error))
        else:
            return redirect("core:job_detail", job_id=job.pk)
    return _overview(request, access, script, form, status=400)


@production_view(Capability.EDIT)
def script_edit(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    script = script_of(access, script_id)
    edit = submit_versioned_edit(request, ScriptForm, script, actions.update_script)
    if edit.saved is not None:
        messages.success(request, _("The script settings are saved."))
        return redirect("scripts:overview", production_id=access.production.pk, script_id=script.pk)
    conflict = str(edit.conflict) if edit.conflict else None
    context = {"production": access.production, "script": script, "form": edit.form, "conflict": conflict}
    return render(request, "scripts/script_form.html", context, status=409 if conflict else 200)


@production_view(Capability.EDIT)
def lock_numbers(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    script = script_of(access, script_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.lock_scene_numbers(script, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Scene numbers are locked: new scenes will be numbered 12A, 12B…"))
    return redirect("scripts:overview", production_id=access.production.pk, script_id=script.pk)


@production_view(Capability.VIEW)
def statistics(request: HttpRequest, access: ProductionAccess, script_id: int, number: int) -> HttpResponse:
    version = version_of(access, script_id, number)
    context = {
        "production": access.production,
        "script": version.script,
        "version": version,
        "section": "statistics",
    }
    context.update(analysis.version_statistics(version, version.script))
    return render(request, "scripts/statistics.html", context)


@production_view(Capability.VIEW)
def changes(request: HttpRequest, access: ProductionAccess, script_id: int, number: int) -> HttpResponse:
    """What a draft changed against the one before: scenes and impact per department."""
    version = version_of(access, script_id, number)
    context = {
        "production": access.production,
        "script": version.script,
        "version": version,
        "section": "changes",
    }
    context.update(analysis.version_changes(version))
    return render(request, "scripts/changes.html", context)
