"""The Optimise tab: the planner's terms, a search in the background, its result, and applying it.

The search runs as a job (``tasks.start_planning``); its page polls a partial every second
that shows the best cost, the lower bound and the gap so far, and reloads itself when the
job ends to show the result. Nothing changes the board but "Apply this schedule".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error
from clapboard.core.htmx import is_htmx
from clapboard.core.jobs import fail_stale_jobs, request_cancel
from clapboard.core.models import Job
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, planning
from .access import schedule_of
from .forms import PlanningTermsForm
from .models import Schedule
from .tasks import PLAN_KIND, start_planning

TERM_LABELS = {
    "cast": gettext_lazy("Cast (work and hold days)"),
    "shooting_days": gettext_lazy("Shooting days"),
    "company_moves": gettext_lazy("Company moves within a day"),
    "location_changes": gettext_lazy("Unit base moves overnight"),
    "split_days": gettext_lazy("Days with day and night scenes"),
    "day_night_switches": gettext_lazy("Switches between day and night work"),
}
STATUS_LABELS = {
    "optimal": gettext_lazy("Best possible: no cheaper schedule exists under these terms."),
    "feasible": gettext_lazy("A schedule that keeps every term; a cheaper one may exist (see the gap)."),
    "infeasible": gettext_lazy("No schedule can keep all these terms."),
    "unknown": gettext_lazy("No schedule was found in the time given."),
}


def _can_see_money(access: ProductionAccess) -> bool:
    """Costs include the cast's daily rates, which are salaries: only for those who may see them."""
    return access.can(Capability.SEE_SENSITIVE)


def _plan_jobs(schedule: Schedule) -> Any:
    return Job.objects.filter(production=schedule.production, kind=PLAN_KIND, result__schedule_id=schedule.pk)


def _job_of(schedule: Schedule, job_id: Any) -> Job | None:
    return _plan_jobs(schedule).filter(pk=job_id).first()


def _units(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def _percent(ratio: float | None) -> Decimal | None:
    return None if ratio is None else Decimal(f"{ratio * 100:.1f}")


def _optimise_page(
    request: HttpRequest, access: ProductionAccess, schedule: Schedule, form: Any, *, status: int = 200
) -> HttpResponse:
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "optimise",
        "can_edit": access.can(Capability.EDIT),
        "can_see_money": access.can(Capability.SEE_SENSITIVE),
        "form": form,
        "terms": form.planning,
        "has_start_date": schedule.start_date is not None,
        "time_limits": planning.TIME_LIMITS,
        "jobs": [
            (job, _units(((job.result or {}).get("cost") or {}).get("total")))
            for job in _plan_jobs(schedule).select_related("created_by")[:5]
        ],
    }
    return render(request, "schedules/optimise.html", context, status=status)


@production_view(Capability.VIEW)
def optimise(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    """The planner's terms (a form for those who may edit) and the latest searches."""
    schedule = schedule_of(access, schedule_id)
    form = PlanningTermsForm(planning=planning.read_input(schedule), show_rates=_can_see_money(access))
    return _optimise_page(request, access, schedule, form)


@production_view(Capability.EDIT)
@require_POST
def plan_start(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    """Save the terms and, with the "Find a better schedule" button, start a search."""
    schedule = schedule_of(access, schedule_id)
    form = PlanningTermsForm(
        request.POST, planning=planning.read_input(schedule), show_rates=_can_see_money(access)
    )
    if form.is_valid():
        try:
            actions.save_planning_terms(schedule, acting_user=request.user, **form.terms())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if "start" in request.POST:
                job = start_planning(
                    schedule, acting_user=request.user, time_limit=form.cleaned_data["time_limit"] or 10
                )
                return redirect(
                    "schedules:plan_job",
                    production_id=access.production.pk,
                    schedule_id=schedule.pk,
                    job_id=job.pk,
                )
            messages.success(request, _("The planning terms are saved."))
            return redirect("schedules:optimise", production_id=access.production.pk, schedule_id=schedule.pk)
    return _optimise_page(request, access, schedule, form, status=400)


def _result_context(job: Job, currency: str) -> dict[str, Any]:
    data = job.result or {}
    cost = data.get("cost") or {}
    current = (data.get("current") or {}).get("cost") or {}
    counts = cost.get("counts") or {}
    current_counts = current.get("counts") or {}
    terms = [
        {
            "label": label,
            "count": counts.get(name) if name != "cast" else None,
            "current_count": current_counts.get(name) if name != "cast" else None,
            "cost": _units((cost.get("terms") or {}).get(name)),
            "current": _units((current.get("terms") or {}).get(name)),
        }
        for name, label in TERM_LABELS.items()
    ]
    current_cast = {item["number"]: item for item in current.get("cast") or []}
    cast = [
        {
            **item,
            "daily_rate": _units(item["daily_rate"]),
            "cost": _units(item["cost"]),
            "current": current_cast.get(item["number"]),
            "current_cost": _units((current_cast.get(item["number"]) or {}).get("cost")),
        }
        for item in cost.get("cast") or []
    ]
    total, before = cost.get("total"), current.get("total")
    return {
        "data": data,
        "status_label": STATUS_LABELS.get(data.get("status", ""), ""),
        "total": _units(total),
        "current_total": _units(before),
        "saving": _units(before - total) if total is not None and before is not None else None,
        "lower_bound": _units(data.get("lower_bound")),
        "gap": _percent(data.get("gap")),
        "greedy": _units(data.get("greedy_cost")),
        "terms": terms,
        "cast": cast,
        "days": data.get("days") or [],
        "has_plan": bool(data.get("days")),
        "currency": currency,
    }


def _progress_context(job: Job) -> dict[str, Any]:
    progress = (job.result or {}).get("progress") or {}
    return {
        "job": job,
        "best": _units(progress.get("best")),
        "bound": _units(progress.get("bound")),
        "gap": _percent(progress.get("gap")),
    }


@production_view(Capability.VIEW)
def plan_job(request: HttpRequest, access: ProductionAccess, schedule_id: int, job_id: Any) -> HttpResponse:
    """A search: its progress while it runs (polled), its result once it ends."""
    schedule = schedule_of(access, schedule_id)
    job = _job_of(schedule, job_id)
    if job is None:
        return redirect("schedules:optimise", production_id=access.production.pk, schedule_id=schedule.pk)
    if job.status == Job.Status.RUNNING and fail_stale_jobs():
        job.refresh_from_db()
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "optimise",
        "can_edit": access.can(Capability.EDIT),
        "can_see_money": _can_see_money(access),
        **_progress_context(job),
    }
    if is_htmx(request):
        if job.is_finished:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        response = render(request, "schedules/partials/plan_progress.html", context)
        response["Cache-Control"] = "no-store"
        return response
    context.update(_result_context(job, access.production.currency))
    context["is_stale"] = bool(context["has_plan"]) and job.result.get("based_on_version") != schedule.version
    return render(request, "schedules/plan_job.html", context)


@production_view(Capability.EDIT)
@require_POST
def plan_stop(request: HttpRequest, access: ProductionAccess, schedule_id: int, job_id: Any) -> HttpResponse:
    """Stop a search; the best schedule found so far is kept with it."""
    schedule = schedule_of(access, schedule_id)
    job = _job_of(schedule, job_id)
    if job is not None:
        request_cancel(job, acting_user=request.user)
    return redirect(
        "schedules:plan_job", production_id=access.production.pk, schedule_id=schedule.pk, job_id=job_id
    )


@production_view(Capability.EDIT)
@require_POST
def plan_apply(request: HttpRequest, access: ProductionAccess, schedule_id: int, job_id: Any) -> HttpResponse:
    """Lay the board out as the search's schedule, unless the board changed meanwhile (409)."""
    schedule = schedule_of(access, schedule_id)
    job = _job_of(schedule, job_id)
    days = (job.result or {}).get("days") if job is not None else None
    if job is None or not days:
        messages.error(request, _("This search has no schedule to apply."))
        return redirect("schedules:optimise", production_id=access.production.pk, schedule_id=schedule.pk)
    try:
        actions.apply_plan(
            schedule,
            [day["strips"] for day in days],
            acting_user=request.user,
            expected_version=job.result.get("based_on_version"),
            source=str(job.pk),
        )
    except (EditConflict, ValidationError):
        schedule.refresh_from_db()
        context = {
            "production": access.production,
            "schedule": schedule,
            "section": "optimise",
            "can_edit": True,
            "can_see_money": _can_see_money(access),
            "conflict": _(
                "The board changed after this search started: applying it would undo that change. "
                "Look for a better schedule again from the board as it is now."
            ),
            **_progress_context(job),
            **_result_context(job, access.production.currency),
        }
        context["is_stale"] = True
        return render(request, "schedules/plan_job.html", context, status=409)
    messages.success(
        request,
        _("The board now follows the schedule found: %(days)s shooting days. Undo on the board puts it back.")
        % {"days": len(days)},
    )
    return redirect("schedules:board", production_id=access.production.pk, schedule_id=schedule.pk)
