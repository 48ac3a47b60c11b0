"""Schedule pages: the list of schedules, a new schedule, the stripboard and its settings.

The board answers its changes (reorder, add or remove a strip, undo) with the board
re-rendered, totals and dates included; htmx swaps it in place. A change based on a
board someone else changed meanwhile is refused (409) and the current board is shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.core.htmx import is_htmx, render_page_or_partial
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import schedule_of
from .calculation import load_board
from .episodes import add_episodes, episode_totals, other_episode_versions
from .forms import ScheduleCreateForm, ScheduleForm, StripAddForm
from .models import Schedule
from .rows import RowWriter


def _create_form(access: ProductionAccess, data: Any = None) -> ScheduleCreateForm | None:
    if not access.can(Capability.EDIT):
        return None
    count = access.production.schedules.count()
    initial = {"name": _("Schedule %(number)s") % {"number": count + 1}}
    return ScheduleCreateForm(data, production=access.production, initial=initial)


@production_view(Capability.VIEW)
def home(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    schedules = list(access.production.schedules.select_related("script_version__script"))
    context = {"production": access.production, "schedules": schedules, "form": _create_form(access)}
    return render(request, "schedules/home.html", context)


@production_view(Capability.EDIT)
def schedule_create(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = _create_form(access, request.POST or None)
    assert form is not None  # the decorator checked EDIT
    if request.method == "POST" and form.is_valid():
        try:
            schedule = actions.create_schedule(access.production, acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("“%(name)s” is laid out from the script.") % {"name": schedule})
            return redirect("schedules:board", production_id=access.production.pk, schedule_id=schedule.pk)
    schedules = list(access.production.schedules.select_related("script_version__script"))
    context = {"production": access.production, "schedules": schedules, "form": form}
    return render(request, "schedules/home.html", context, status=400 if request.method == "POST" else 200)


def _board_context(
    request: HttpRequest, access: ProductionAccess, schedule: Schedule, **extra: Any
) -> dict[str, Any]:
    can_edit = access.can(Capability.EDIT)
    view = load_board(schedule)
    strip_base = reverse(
        "schedules:strip_add", kwargs={"production_id": access.production.pk, "schedule_id": schedule.pk}
    )
    episodes = episode_totals(view)
    writer = RowWriter(
        can_edit=can_edit,
        strip_base=strip_base,
        csrf_token=get_token(request),
        version=str(schedule.version),
        episodes=bool(episodes),
    )
    return {
        "production": access.production,
        "schedule": schedule,
        "section": "board",
        "board": view,
        "board_rows": writer.rows(view),
        "episodes": episodes,
        "can_edit": can_edit,
        "can_undo": can_edit and actions.can_undo(schedule),
        "add_form": StripAddForm(initial={"version": schedule.version}) if can_edit else None,
        "other_episodes": other_episode_versions(schedule) if can_edit else [],
        **extra,
    }


def _answer(
    request: HttpRequest, access: ProductionAccess, schedule: Schedule, *, status: int = 200, error: str = ""
) -> HttpResponse:
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("schedules:board", production_id=access.production.pk, schedule_id=schedule.pk)
    context = _board_context(request, access, schedule, error=error)
    return render_page_or_partial(
        request, "schedules/board.html", "schedules/partials/board.html", context, status=status
    )


@production_view(Capability.VIEW)
def board(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    return render_page_or_partial(
        request,
        "schedules/board.html",
        "schedules/partials/board.html",
        _board_context(request, access, schedule),
    )


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _board_change(
    request: HttpRequest, access: ProductionAccess, schedule: Schedule, change: Any
) -> HttpResponse:
    """Run ``change(schedule, version)`` and answer with the board as it now is."""
    try:
        change(schedule, _version(request))
    except EditConflict:
        schedule.refresh_from_db()
        message = _(
            "Someone changed this board meanwhile: here it is as they left it. Make your change again."
        )
        return _answer(request, access, schedule, status=409, error=message)
    except ValidationError as error:
        schedule.refresh_from_db()
        return _answer(request, access, schedule, status=400, error=" ".join(error.messages))
    schedule.refresh_from_db()
    return _answer(request, access, schedule)


@production_view(Capability.EDIT)
@require_POST
def reorder(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    try:
        order = [int(pk) for pk in request.POST.get("order", "").split(",") if pk.strip()]
    except ValueError:
        order = []

    def change(schedule: Schedule, version: int | None) -> None:
        actions.reorder_strips(schedule, order, acting_user=request.user, expected_version=version)

    return _board_change(request, access, schedule, change)


@production_view(Capability.EDIT)
@require_POST
def strip_add(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    form = StripAddForm(request.POST)
    if not form.is_valid():
        return _answer(request, access, schedule, status=400, error=_("Choose what to add."))
    data = form.cleaned_data

    def change(schedule: Schedule, version: int | None) -> None:
        actions.add_strip(
            schedule,
            data["kind"],
            text=data["text"],
            after_id=data["after"],
            acting_user=request.user,
            expected_version=version,
        )

    return _board_change(request, access, schedule, change)


@production_view(Capability.EDIT)
@require_POST
def episodes_add(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    """Cross-board: append the scenes of the episodes ticked to the board."""
    schedule = schedule_of(access, schedule_id)
    offered = {version.pk: version for version in other_episode_versions(schedule)}
    chosen = [
        offered[int(pk)]
        for pk in request.POST.getlist("script_version")
        if pk.isdigit() and int(pk) in offered
    ]
    if not chosen:
        return _answer(request, access, schedule, status=400, error=_("Tick the episodes to add."))

    def change(schedule: Schedule, version: int | None) -> None:
        add_episodes(schedule, chosen, acting_user=request.user, expected_version=version)

    return _board_change(request, access, schedule, change)


@production_view(Capability.EDIT)
@require_POST
def strip_remove(
    request: HttpRequest, access: ProductionAccess, schedule_id: int, strip_id: int
) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)

    def change(schedule: Schedule, version: int | None) -> None:
        actions.remove_strip(schedule, strip_id, acting_user=request.user, expected_version=version)

    return _board_change(request, access, schedule, change)


@production_view(Capability.EDIT)
@require_POST
def undo(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)

    def change(schedule: Schedule, version: int | None) -> None:
        actions.undo_last_change(schedule, acting_user=request.user, expected_version=version)

    return _board_change(request, access, schedule, change)


@production_view(Capability.EDIT)
def schedule_edit(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    edit = submit_versioned_edit(request, ScheduleForm, schedule, actions.update_schedule)
    if edit.saved is not None:
        messages.success(request, _("The schedule settings are saved."))
        return redirect("schedules:board", production_id=access.production.pk, schedule_id=schedule.pk)
    conflict = str(edit.conflict) if edit.conflict else None
    context = {"production": access.production, "schedule": schedule, "form": edit.form, "conflict": conflict}
    return render(request, "schedules/schedule_form.html", context, status=409 if conflict else 200)
