"""Call sheet pages: the list of shooting days, one day's call sheet, and its edit form.

Everybody on the production reads call sheets; pick-up places, phones and location
contacts are shown only to roles that may see personal data (``call_sheets`` leaves
them out for the others), and an editor without that right neither sees nor changes
them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.concurrency import EditConflict
from clapboard.core.forms import add_validation_error
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import schedule_of
from .calculation import load_board
from .call_sheets import CallSheetView, load_call_sheet, scenes_by_day, shooting_day_rows
from .forms import CallSheetForm, CastCallFormSet, CrewCallFormSet
from .models import CallSheet


@production_view(Capability.VIEW)
def call_sheets(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    board = load_board(schedule)
    saved = {sheet.day_number: sheet for sheet in CallSheet.objects.filter(schedule=schedule)}
    scenes = scenes_by_day(board)
    days = [
        {"row": day, "sheet": saved.get(number), "scenes": scenes.get(day.day.index, [])}
        for number, day in sorted(shooting_day_rows(board).items())
    ]
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "call_sheets",
        "board": board,
        "days": days,
        "can_edit": access.can(Capability.EDIT),
    }
    return render(request, "schedules/call_sheets.html", context)


def _personal(access: ProductionAccess) -> bool:
    return access.can(Capability.SEE_SENSITIVE)


@production_view(Capability.VIEW)
def call_sheet(
    request: HttpRequest, access: ProductionAccess, schedule_id: int, day_number: int
) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    view = load_call_sheet(schedule, day_number, personal=_personal(access))
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "call_sheets",
        "sheet": view,
        "can_edit": access.can(Capability.EDIT),
    }
    return render(request, "schedules/call_sheet.html", context)


def _cast_initial(view: CallSheetView) -> list[dict[str, Any]]:
    rows = []
    for line in view.cast:
        call = line.call
        rows.append(
            {
                "element": line.member.element_id,
                "pick_up": call.pick_up if call else None,
                "pick_up_place": call.pick_up_place if call else "",
                "make_up": call.make_up if call else None,
                "on_set": call.on_set if call else None,
                "remarks": call.remarks if call else "",
            }
        )
    return rows


def _crew_initial(view: CallSheetView) -> list[dict[str, Any]]:
    return [
        {
            "id": call.pk,
            "department": call.department,
            "role": call.role,
            "name": call.name,
            "call": call.call,
            "phone": call.phone,
        }
        for call in view.crew
    ]


def _crew_rows(formset: Any) -> list[dict[str, Any]]:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("department"):
            continue
        rows.append({name: value for name, value in data.items() if name != "DELETE"})
    return rows


@production_view(Capability.EDIT)
def call_sheet_edit(
    request: HttpRequest, access: ProductionAccess, schedule_id: int, day_number: int
) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    personal = _personal(access)
    view = load_call_sheet(schedule, day_number, personal=personal)
    data = request.POST if request.method == "POST" else None
    form = CallSheetForm(data, instance=view.sheet)
    cast_forms = CastCallFormSet(
        data, initial=_cast_initial(view), prefix="cast", form_kwargs={"personal": personal}
    )
    crew_forms = CrewCallFormSet(
        data, initial=_crew_initial(view), prefix="crew", form_kwargs={"personal": personal}
    )
    conflict = ""
    status = 200
    if data is not None and form.is_valid() and cast_forms.is_valid() and crew_forms.is_valid():
        try:
            actions.save_call_sheet(
                schedule,
                day_number,
                acting_user=request.user,
                expected_version=form.cleaned_data.get("version"),
                personal=personal,
                fields=form.changes(),
                cast_calls={row["element"]: row for row in cast_forms.cleaned_data if row},
                crew_calls=_crew_rows(crew_forms),
            )
        except EditConflict as error:
            conflict = _(
                "Someone saved this call sheet while you were editing it. Your entries are kept below; "
                "open the call sheet in another tab to compare, then save again to keep yours."
            )
            rebased = request.POST.copy()
            rebased["version"] = str(error.instance.version)
            form = CallSheetForm(rebased, instance=error.instance)
            form.is_valid()
            status = 409
        except ValidationError as error:
            add_validation_error(form, error)
            status = 400
        else:
            messages.success(request, _("The call sheet of day %(day)s is saved.") % {"day": day_number})
            return redirect(
                "schedules:call_sheet",
                production_id=access.production.pk,
                schedule_id=schedule.pk,
                day_number=day_number,
            )
    elif data is not None:
        status = 400
    cast_rows = list(zip(view.cast, cast_forms.forms, strict=False))  # a tampered form count shows fewer rows
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "call_sheets",
        "sheet": view,
        "form": form,
        "cast_forms": cast_forms,
        "cast_rows": cast_rows,
        "crew_forms": crew_forms,
        "personal": personal,
        "conflict": conflict,
    }
    return render(request, "schedules/call_sheet_form.html", context, status=status)
