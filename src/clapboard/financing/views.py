"""Financing pages: the list of plans, a new plan, the plan page (coverage, sources by
status with their "what if it says no" toggles, scenarios side by side, the tax credit,
the rules and the cash flow), its settings, the re-check under the newest rules, and the
exports (CSV of the sources, the plan as the engine's JSON).

The toggles are GET parameters (``?without=s12&without=s15``): the page is recomputed
without those sources, and a link keeps the state. With htmx only the plan's body is
swapped.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.engines.financing import FinancingError, write_plan
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, presentation
from .access import plan_of
from .calculation import ALL, check, engine_plan, load_rows
from .forms import PlanCreateForm, PlanSettingsForm, ScenarioForm, SourceForm
from .models import FinancingPlan, SourceStatus, SourceType


def _plans(access: ProductionAccess) -> list[FinancingPlan]:
    return list(
        FinancingPlan.objects.filter(production=access.production)
        .select_related("budget_version__budget")
        .order_by("name", "id")
    )


def home_context(access: ProductionAccess, form: Any = None) -> dict[str, Any]:
    can_edit = access.can(Capability.EDIT)
    return {
        "production": access.production,
        "plans": _plans(access),
        "form": form or (PlanCreateForm(production=access.production) if can_edit else None),
        "can_edit": can_edit,
    }


@production_view(Capability.VIEW)
def home(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    return render(request, "financing/home.html", home_context(access))


@production_view(Capability.EDIT)
@require_POST
def plan_create(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = PlanCreateForm(request.POST, production=access.production)
    if form.is_valid():
        try:
            plan = actions.create_plan(
                access.production,
                acting_user=request.user,
                name=form.cleaned_data["name"],
                budget_version=form.cleaned_data["budget_version"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("“%(name)s” is ready: add its sources.") % {"name": plan.name})
            return redirect("financing:plan", production_id=access.production.pk, plan_id=plan.pk)
    return render(request, "financing/home.html", home_context(access, form=form), status=400)


def plan_context(
    request: HttpRequest,
    access: ProductionAccess,
    plan: FinancingPlan,
    *,
    source_form: Any = None,
    scenario_form: Any = None,
    conflict: str = "",
) -> dict[str, Any]:
    without = tuple(request.GET.getlist("without"))
    checked = check(plan, without=without)
    result = checked.result
    can_edit = access.can(Capability.EDIT)
    context: dict[str, Any] = {
        "production": access.production,
        "plan": plan,
        "budget_version": plan.budget_version,
        "checked": checked,
        "result": result,
        "sources": checked.rows.sources,
        "scenarios": checked.rows.scenarios,
        "can_edit": can_edit,
        "conflict": conflict,
        "statuses": SourceStatus.choices,
        "declined": [source for source in checked.rows.sources if source.engine_id in checked.without],
        "source_form": source_form
        or (
            SourceForm(initial={"currency": plan.currency, "type": SourceType.PRODUCER_EQUITY})
            if can_edit
            else None
        ),
        "scenario_form": scenario_form or (ScenarioForm(plan=plan) if can_edit else None),
    }
    if result is None:
        return context
    chosen = request.GET.get("scenario", ALL)
    if chosen not in {item.id for item in result.scenarios}:
        chosen = ALL
    scenario = result.scenario(chosen)
    base = result.scenario(ALL)
    coverage = base.coverage
    public = presentation.public_amount(base)
    context.update(
        {
            "base": base,
            "coverage": coverage,
            "scenario": scenario,
            "scenario_id": chosen,
            "public": public,
            "public_share": presentation.percent(public, coverage.budget),
            "credit": presentation.tax_credit_amount(base),
            "groups": presentation.status_groups(checked, base, chosen),
            "segments": presentation.coverage_bar(base),
            "by_status": presentation.bars_by_status(base),
            "by_type": presentation.bars_by_type(base),
            "columns": presentation.scenario_columns(checked, result),
            "chart": presentation.cash_chart(scenario.cash_flow) if scenario.cash_flow else None,
            "credits": presentation.credit_views(scenario),
            "reset_query": presentation.query((), chosen),
            "pinned": dict(plan.rules or {}),
        }
    )
    return context


@production_view(Capability.VIEW)
def plan(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    financing_plan = plan_of(access, plan_id)
    context = plan_context(request, access, financing_plan)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "plan-body":
        return render(request, "financing/partials/plan_body.html", context)
    return render(request, "financing/plan.html", context)


@production_view(Capability.EDIT)
def plan_settings(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    financing_plan = plan_of(access, plan_id)
    edit = submit_versioned_edit(request, PlanSettingsForm, financing_plan, actions.update_plan)
    if edit.saved is not None:
        messages.success(request, _("The plan's settings are saved."))
        return redirect("financing:plan", production_id=access.production.pk, plan_id=financing_plan.pk)
    conflict = ""
    if edit.conflict is not None:
        conflict = _(
            "Someone changed these settings meanwhile (now version %(version)s). Your input is kept: "
            "save again to replace theirs."
        ) % {"version": edit.conflict.instance.version}
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = {
        "production": access.production,
        "plan": financing_plan,
        "form": edit.form,
        "conflict": conflict,
        "theirs": edit.conflict.instance if edit.conflict is not None else None,
    }
    return render(request, "financing/settings.html", context, status=status)


@production_view(Capability.EDIT)
@require_POST
def plan_recheck(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    financing_plan = plan_of(access, plan_id)
    value = request.POST.get("version", "")
    try:
        financing_plan = actions.recheck_plan(
            financing_plan, acting_user=request.user, expected_version=int(value) if value.isdigit() else None
        )
    except EditConflict:
        messages.error(request, _("Someone changed the plan meanwhile; look at it again before re-checking."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        pinned = ", ".join(f"{key} v{version}" for key, version in sorted(financing_plan.rules.items()))
        messages.success(
            request,
            _("Checked under the newest rules (%(rules)s), now pinned to the plan.") % {"rules": pinned},
        )
    return redirect("financing:plan", production_id=access.production.pk, plan_id=financing_plan.pk)


@production_view(Capability.EDIT)
@require_POST
def plan_delete(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    financing_plan = plan_of(access, plan_id)
    value = request.POST.get("version", "")
    try:
        actions.delete_plan(
            financing_plan, acting_user=request.user, expected_version=int(value) if value.isdigit() else None
        )
    except EditConflict:
        messages.error(request, _("Someone changed the plan meanwhile; look at it again before deleting it."))
        return redirect("financing:plan", production_id=access.production.pk, plan_id=financing_plan.pk)
    messages.success(request, _("The plan “%(name)s” is deleted.") % {"name": financing_plan.name})
    return redirect("financing:home", production_id=access.production.pk)


def _filename(plan: FinancingPlan, extension: str) -> str:
    return f"{slugify(plan.name) or 'plan'}.{extension}"


@production_view(Capability.VIEW)
def export_csv(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    financing_plan = plan_of(access, plan_id)
    rows = load_rows(financing_plan)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(financing_plan, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "type",
            "partner",
            "amount",
            "currency",
            "status",
            "secured",
            "expected_date",
            "actual_date",
            "public",
            "recoups",
            "recoupment",
            "conditions",
        ]
    )
    for source in rows.sources:
        writer.writerow(
            [
                source.type,
                source.partner,
                "" if source.amount is None else str(source.amount),
                source.currency,
                source.status,
                "yes" if source.secured else "no",
                source.expected_date.isoformat() if source.expected_date else "",
                source.actual_date.isoformat() if source.actual_date else "",
                {True: "yes", False: "no"}.get(source.is_public, ""),
                "yes" if source.recoups else "no",
                source.recoupment_notes,
                source.conditions,
            ]
        )
    return response


@production_view(Capability.VIEW)
def export_json(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
    """The plan in the engine's JSON format (docs/financing-format.md), which
    ``clapboard financing check`` reads back."""
    financing_plan = plan_of(access, plan_id)
    try:
        data = write_plan(engine_plan(financing_plan))
    except FinancingError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{_filename(financing_plan, "json")}"'
    return response
