"""Budget version pages: settings (label, linked schedule, globals, exchange rates), the
status (submit, approve and lock, send back), revisions, and the comparison of two
versions account by account."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import version_of
from .comparison import compare_versions
from .forms import VersionSettingsForm
from .models import BudgetVersion
from .sheet import load_sheet
from .topsheet import top_sheet


def _settings_initial(version: BudgetVersion) -> dict[str, Any]:
    settings = version.settings
    return {
        "version": version.version,
        "label": version.label,
        "schedule": version.schedule_id,
        "globals_text": "\n".join(
            f"{item['name']} = {item['expression']}" for item in settings.get("globals", [])
        ),
        "rates_text": "\n".join(
            f"{code} = {rate}" for code, rate in settings.get("exchange_rates", {}).items()
        ),
    }


def _merged_globals(version: BudgetVersion, typed: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The globals as typed, keeping the link and description of those that had one."""
    known = {item["name"]: item for item in version.settings.get("globals", [])}
    merged = []
    for item in typed:
        previous = known.get(item["name"], {})
        merged.append({**{k: v for k, v in previous.items() if k in ("link", "description")}, **item})
    return merged


@production_view(Capability.EDIT)
def version_settings(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    form = VersionSettingsForm(
        request.POST or None, production=access.production, initial=_settings_initial(version)
    )
    conflict = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_settings(
                version,
                acting_user=request.user,
                expected_version=data["version"],
                label=data["label"],
                schedule=data["schedule"],
                globals=_merged_globals(version, data["globals_text"]),
                exchange_rates=data["rates_text"],
            )
        except EditConflict as error:
            conflict = _(
                "Someone changed these settings meanwhile (now version %(version)s). Your input is kept: save again to replace theirs."
            ) % {"version": error.instance.version}
            rebased = request.POST.copy()
            rebased["version"] = str(error.instance.version)
            form = VersionSettingsForm(rebased, production=access.production)
            form.is_valid()
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The version settings are saved."))
            return redirect("budgets:version", production_id=access.production.pk, version_id=version.pk)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    context = {
        "production": access.production,
        "version": version,
        "budget": version.budget,
        "form": form,
        "conflict": conflict,
        "fringe_sets": version.settings.get("fringe_sets", []),
        "percentages": version.settings.get("percentages", []),
        "section": "settings",
    }
    return render(request, "budgets/settings.html", context, status=status)


_STATUS_CAPABILITY = {
    BudgetVersion.Status.SUBMITTED: Capability.EDIT,
    BudgetVersion.Status.ESTIMATE: Capability.APPROVE,
    BudgetVersion.Status.APPROVED: Capability.APPROVE,
}


@production_view(Capability.EDIT)
@require_POST
def version_status(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    status = request.POST.get("status", "")
    if status not in _STATUS_CAPABILITY:
        raise Http404
    access.require(_STATUS_CAPABILITY[BudgetVersion.Status(status)])
    expected = request.POST.get("version", "")
    try:
        actions.change_status(
            version,
            status,
            acting_user=request.user,
            expected_version=int(expected) if expected.isdigit() else None,
        )
    except EditConflict:
        messages.error(request, _("Someone changed this version meanwhile; look at it again first."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The version is now %(status)s.") % {"status": BudgetVersion.Status(status).label.lower()},
        )
    return redirect("budgets:version", production_id=access.production.pk, version_id=version.pk)


@production_view(Capability.EDIT)
@require_POST
def version_revise(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    revision = actions.revise(version, acting_user=request.user)
    messages.success(
        request, _("Version %(number)s is a revision you can change.") % {"number": revision.number}
    )
    return redirect("budgets:version", production_id=access.production.pk, version_id=revision.pk)


@production_view(Capability.VIEW)
def version_compare(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    others = list(
        BudgetVersion.objects.filter(budget__production=access.production)
        .exclude(pk=version.pk)
        .select_related("budget")
    )
    other_id = request.GET.get("with", "")
    other = next((item for item in others if str(item.pk) == other_id), None)
    if other is None and others:
        other = next((item for item in others if item.budget_id == version.budget_id), others[0])
    comparison = compare_versions(other, version) if other is not None else None
    context = {
        "production": access.production,
        "version": version,
        "budget": version.budget,
        "other": other,
        "others": others,
        "comparison": comparison,
        "section": "compare",
        "zero": Decimal(0),
    }
    return render(request, "budgets/compare.html", context)


@production_view(Capability.VIEW)
def version_top_sheet(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    salaries = access.can(Capability.SEE_SENSITIVE)
    sheet = load_sheet(version, salaries=salaries)
    labels = {
        "above": _("Above the line"),
        "below": _("Below the line"),
        "france": _("In France"),
        "abroad": _("Abroad"),
    }
    context = {
        "production": access.production,
        "version": version,
        "budget": version.budget,
        "sheet": sheet,
        "salaries": salaries,
        "top": top_sheet(version, sheet.totals, labels=labels) if sheet.totals is not None else None,
        "section": "top",
    }
    return render(request, "budgets/top_sheet.html", context)
