"""Production pages: home, create, dashboard, edit, phase, activity feed and export.

Views parse forms and call ``actions``; permissions come from ``@production_view``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.companies.access import companies_visible_to, companies_with_role
from clapboard.companies.models import CompanyMembership
from clapboard.core.activity import render_events
from clapboard.core.activity_rows import activity_list
from clapboard.core.choices import translated_choices
from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.core.htmx import is_htmx, render_page_or_partial
from clapboard.core.models import AuditEvent, Job
from clapboard.core.views import result_url

from . import actions
from .access import ProductionAccess
from .decorators import production_view
from .forms import PhaseChangeForm, ProductionCreateForm, ProductionFilterForm, ProductionForm
from .listing import CountedPaginator, listed, production_rows, switcher_entries
from .models import Production
from .phases import LIFECYCLE, Phase, allowed_transitions
from .roles import Capability
from .tasks import EXPORT_KIND, start_production_export
from .team import team_card
from .timeline import milestones, phase_timeline, timeline_html

ACTIVITY_PAGE_SIZE = 50
# A page of the production list: enough to scan, small enough to render in a few ms.
PRODUCTIONS_PAGE_SIZE = 50
RECENT_ACTIVITY = 8


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's companies and productions."""
    user = request.user
    companies = list(
        companies_with_role(user)
        # The membership join gives one row per company: its productions need no DISTINCT.
        .annotate(production_count=Count("productions"))
        .order_by("name")
    )
    filters = ProductionFilterForm(request.GET or None, companies=companies)
    productions = Production.objects.list_for(user).order_by("-updated_at", "title")
    matching = Production.objects.visible_to(user)
    filtered = filters.is_valid() and any(filters.cleaned_data.values())
    if filtered:
        criteria = {
            "text": filters.cleaned_data["q"],
            "phase": filters.cleaned_data["phase"],
            "company_id": filters.cleaned_data["company"],
        }
        productions, matching = productions.matching(**criteria), matching.matching(**criteria)
    paginator = CountedPaginator(listed(productions), PRODUCTIONS_PAGE_SIZE, count=matching.count())
    page = paginator.get_page(request.GET.get("page"))
    company_roles = translated_choices(CompanyMembership.Role)
    context = {
        "companies": [
            {"company": company, "role": company_roles.get(company.member_role, "")} for company in companies
        ],
        "productions": production_rows(page.object_list),
        "page_obj": page,
        "filters": filters,
        "total_productions": (
            Production.objects.visible_to(user).count() if filtered else page.paginator.count
        ),
    }
    return render(request, "productions/home.html", context)


@login_required
def switcher(request: HttpRequest) -> HttpResponse:
    """The production switcher's list, fetched by htmx when the menu first opens."""
    current = request.GET.get("current", "")
    context = {
        "switcher_productions": switcher_entries(request.user),
        "current": int(current) if current.isdigit() else None,
    }
    return render(request, "components/production_switcher_list.html", context)


@login_required
def production_create(request: HttpRequest) -> HttpResponse:
    companies = companies_visible_to(request.user).order_by("name")
    initial = {}
    if request.GET.get("company"):
        initial["company"] = request.GET["company"]
    form = ProductionCreateForm(request.POST or None, companies=companies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            production = actions.create_production(
                acting_user=request.user, company=form.cleaned_data["company"], **form.changes()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” is created. You are its producer.") % {"title": production}
            )
            return redirect("productions:dashboard", production_id=production.pk)
    return render(
        request, "productions/production_form.html", {"form": form, "creating": True, "companies": companies}
    )


def _transition_choices(production: Production) -> list[dict[str, Any]]:
    current = Phase(production.phase)
    before = Phase(production.phase_before_archive) if production.phase_before_archive else None
    position = {phase: index for index, phase in enumerate(LIFECYCLE)}
    choices = []
    for phase in allowed_transitions(current, before):
        if phase == Phase.ARCHIVED:
            direction = "archive"
        elif current == Phase.ARCHIVED:
            direction = "restore"
        else:
            direction = "forward" if position[phase] > position[current] else "back"
        choices.append({"phase": phase.value, "label": phase.label, "direction": direction})
    return choices


@production_view(Capability.VIEW)
def dashboard(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    production = access.production
    key_dates = list(production.key_dates.all())
    events = AuditEvent.objects.filter(production=production).select_related("actor")[:RECENT_ACTIVITY]
    exports = Job.objects.filter(production=production, kind=EXPORT_KIND).order_by("-created_at")[:1]
    context = {
        "production": production,
        "timeline": timeline_html(phase_timeline(production, key_dates)),
        "milestones": milestones(key_dates),
        "team": team_card(production),
        "activity": activity_list(render_events(events), compact=True),
        "transitions": _transition_choices(production) if access.can(Capability.APPROVE) else [],
        "last_export": exports[0] if exports else None,
        "last_export_url": result_url(exports[0]) if exports else None,
        "episode_count": production.episodes.count() if production.is_series else None,
    }
    return render(request, "productions/dashboard.html", context)


def _conflict_rows(form: ProductionForm, current: Production) -> list[dict[str, Any]]:
    """The fields where the saved record and the user's input differ."""
    rows = []
    for name in form.Meta.fields:
        mine = form.cleaned_data.get(name)
        theirs = getattr(current, name)
        if mine == theirs or (mine in (None, "", []) and theirs in (None, "", [])):
            continue
        if name == "kind":
            labels = dict(Production.Kind.choices)
            mine, theirs = labels.get(mine, mine), labels.get(theirs, theirs)
        rows.append({"label": form.fields[name].label, "theirs": theirs, "mine": mine})
    return rows


@production_view(Capability.EDIT)
def production_edit(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    production = access.production
    edit = submit_versioned_edit(request, ProductionForm, production, actions.update_production)
    if edit.saved is not None:
        messages.success(request, _("The production details are saved."))
        return redirect("productions:dashboard", production_id=production.pk)
    form, conflict = edit.form, None
    if edit.conflict is not None:
        current = edit.conflict.instance
        conflict = {"message": str(edit.conflict), "rows": _conflict_rows(form, current), "current": current}
    status = 409 if conflict else 200
    return render(
        request,
        "productions/production_form.html",
        {"form": form, "production": production, "conflict": conflict, "creating": False},
        status=status,
    )


@production_view(Capability.APPROVE)
def phase_change(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    production = access.production
    initial = {"version": production.version, "phase": request.GET.get("phase", "")}
    form = PhaseChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            production = actions.change_phase(
                production,
                acting_user=request.user,
                phase=form.cleaned_data["phase"],
                expected_version=form.cleaned_data.get("version"),
                note=form.cleaned_data["note"],
            )
        except EditConflict as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("The production is now in %(phase)s.") % {"phase": production.get_phase_display()}
            )
            return redirect("productions:dashboard", production_id=production.pk)
    context = {
        "production": production,
        "form": form,
        "transitions": _transition_choices(production),
        "timeline": timeline_html(phase_timeline(production, production.key_dates.all())),
        "selected": form["phase"].value(),
    }
    return render(request, "productions/phase_form.html", context)


@production_view(Capability.VIEW)
def activity(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    events = AuditEvent.objects.filter(production=access.production).select_related("actor")
    page = Paginator(events, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "production": access.production,
        "page_obj": page,
        "activity": activity_list(render_events(page.object_list)),
    }
    return render_page_or_partial(
        request, "productions/activity.html", "productions/partials/activity_feed.html", context
    )


@production_view(Capability.VIEW)
def export_start(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    """Start a JSON export in the background; the page then polls its progress."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = start_production_export(access.production, acting_user=request.user)
    if is_htmx(request):
        return render(request, "core/partials/job_progress.html", {"job": job, "result_url": None})
    return redirect("core:job_detail", job_id=job.pk)
