"""Editing a plan's sources and scenarios: add, edit, the inline status change, delete.

An edit carries the version it was read at; when someone saved meanwhile the answer is
409 with the other person's values shown beside the form, and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import plan_of, scenario_of, source_of
from .forms import ScenarioForm, SourceForm, StatusForm
from .models import FinancingPlan
from .views import plan_context


def _back(plan: FinancingPlan, anchor: str = "") -> HttpResponse:
    url = reverse("financing:plan", kwargs={"production_id": plan.production_id, "plan_id": plan.pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@production_view(Capability.EDIT)
@require_POST
def source_add(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    plan = plan_of(access, plan_id)
    form = SourceForm(request.POST)
    if form.is_valid():
        try:
            source = actions.add_source(plan, acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("“%(partner)s” is added.") % {"partner": source.partner})
            return _back(plan, f"source-{source.pk}")
    context = plan_context(request, access, plan, source_form=form)
    context["open_source_form"] = True
    return render(request, "financing/plan.html", context, status=400)


@production_view(Capability.EDIT)
def source_edit(request: HttpRequest, access: ProductionAccess, plan_id: int, source_id: int) -> HttpResponse:
    plan = plan_of(access, plan_id)
    source = source_of(plan, source_id)
    edit = submit_versioned_edit(request, SourceForm, source, actions.update_source)
    if edit.saved is not None:
        messages.success(request, _("“%(partner)s” is saved.") % {"partner": edit.saved.partner})
        return _back(plan, f"source-{source.pk}")
    theirs = None
    conflict = ""
    if edit.conflict is not None:
        theirs = edit.conflict.instance
        conflict = _(
            "Someone changed this source meanwhile: their values are shown beside yours. "
            "Save again to replace them with yours."
        )
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = {
        "production": access.production,
        "plan": plan,
        "source": source,
        "form": edit.form,
        "conflict": conflict,
        "theirs": theirs,
        "theirs_fields": _values(edit.form, theirs) if theirs is not None else [],
    }
    return render(request, "financing/source_form.html", context, status=status)


def _values(form: Any, source: Any) -> list[tuple[str, Any]]:
    """The other person's values, field by field, as they read on the page."""
    rows = []
    for name in form._meta.fields:
        field = source._meta.get_field(name)
        value = getattr(source, f"get_{name}_display")() if field.choices else getattr(source, name)
        rows.append((str(field.verbose_name), value))
    return rows


@production_view(Capability.EDIT)
@require_POST
def source_status(
    request: HttpRequest, access: ProductionAccess, plan_id: int, source_id: int
) -> HttpResponse:
    plan = plan_of(access, plan_id)
    source = source_of(plan, source_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return _back(plan, f"source-{source.pk}")
    try:
        saved = actions.set_source_status(
            source,
            acting_user=request.user,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
        )
    except EditConflict as clash:
        theirs = clash.instance
        conflict = _(
            "Someone changed “%(partner)s” meanwhile: it is now %(status)s (version %(version)s). "
            "Choose its status again to change it."
        ) % {"partner": theirs.partner, "status": theirs.get_status_display(), "version": theirs.version}
        context = plan_context(request, access, plan, conflict=conflict)
        return render(request, "financing/plan.html", context, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(plan, f"source-{source.pk}")
    messages.success(
        request,
        _("“%(partner)s” is now %(status)s.")
        % {"partner": saved.partner, "status": saved.get_status_display()},
    )
    return _back(plan, f"source-{source.pk}")


@production_view(Capability.EDIT)
@require_POST
def source_delete(
    request: HttpRequest, access: ProductionAccess, plan_id: int, source_id: int
) -> HttpResponse:
    plan = plan_of(access, plan_id)
    source = source_of(plan, source_id)
    try:
        actions.delete_source(source, acting_user=request.user, expected_version=_version(request))
    except EditConflict:
        messages.error(
            request, _("Someone changed this source meanwhile; look at it again before removing it.")
        )
    else:
        messages.success(request, _("“%(partner)s” is removed.") % {"partner": source.partner})
    return _back(plan, "sources")


@production_view(Capability.EDIT)
@require_POST
def scenario_add(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    plan = plan_of(access, plan_id)
    form = ScenarioForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            actions.add_scenario(
                plan,
                acting_user=request.user,
                name=form.cleaned_data["name"],
                without=form.cleaned_data["without"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return _back(plan, "scenarios")
    context = plan_context(request, access, plan, scenario_form=form)
    return render(request, "financing/plan.html", context, status=400)


@production_view(Capability.EDIT)
def scenario_edit(
    request: HttpRequest, access: ProductionAccess, plan_id: int, scenario_id: int
) -> HttpResponse:
    plan = plan_of(access, plan_id)
    scenario = scenario_of(plan, scenario_id)
    initial = {"version": scenario.version, "name": scenario.name, "without": list(scenario.without.all())}
    form = ScenarioForm(request.POST or None, plan=plan, initial=initial)
    conflict = ""
    theirs = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_scenario(
                scenario,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                without=form.cleaned_data["without"],
            )
        except EditConflict as clash:
            theirs = clash.instance
            conflict = _(
                "Someone changed this scenario meanwhile: theirs is shown. Save again to replace it with yours."
            )
            data = request.POST.copy()
            data["version"] = str(theirs.version)
            form = ScenarioForm(data, plan=plan)
            form.is_valid()
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return _back(plan, "scenarios")
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = {
        "production": access.production,
        "plan": plan,
        "scenario": scenario,
        "form": form,
        "conflict": conflict,
        "theirs": theirs,
        "theirs_without": list(theirs.without.all()) if theirs is not None else [],
    }
    return render(request, "financing/scenario_form.html", context, status=status)


@production_view(Capability.EDIT)
@require_POST
def scenario_delete(
    request: HttpRequest, access: ProductionAccess, plan_id: int, scenario_id: int
) -> HttpResponse:
    plan = plan_of(access, plan_id)
    scenario = scenario_of(plan, scenario_id)
    try:
        actions.delete_scenario(scenario, acting_user=request.user, expected_version=_version(request))
    except EditConflict:
        messages.error(
            request, _("Someone changed this scenario meanwhile; look at it again before removing it.")
        )
    return _back(plan, "scenarios")
