"""Locations: the places the script names, linked to the real places where they are shot."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, analysis
from .access import script_location_of, script_of, shooting_location_of
from .forms import ShootingLocationCreateForm, ShootingLocationForm


def _locations_page(
    request: HttpRequest, access: ProductionAccess, script_id: int, form: Any = None, status: int = 200
) -> HttpResponse:
    script = script_of(access, script_id)
    can_edit = access.can(Capability.EDIT)
    context = {
        "production": access.production,
        "script": script,
        "version": script.current_version,
        "rows": analysis.location_rows(script),
        "shooting_locations": list(access.production.shooting_locations.all()),
        "form": (form or ShootingLocationCreateForm()) if can_edit else None,
        "can_edit": can_edit,
        # A location's contact is a person's details: shown to those who organise the shoot.
        "show_contacts": can_edit,
        "section": "locations",
    }
    return render(request, "scripts/locations.html", context, status=status)


@production_view(Capability.VIEW)
def locations(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    return _locations_page(request, access, script_id)


@production_view(Capability.EDIT)
def location_link(request: HttpRequest, access: ProductionAccess, place_id: int) -> HttpResponse:
    """Say where a place of the script is shot (POST ``shooting_location``, empty to unlink)."""
    place = script_location_of(access, place_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    chosen = request.POST.get("shooting_location", "").strip()
    if chosen and not chosen.isdigit():
        messages.error(request, _("Choose a shooting location from the list."))
        return redirect("scripts:locations", production_id=access.production.pk, script_id=place.script_id)
    target = shooting_location_of(access, int(chosen)) if chosen else None
    try:
        actions.link_location(place, target, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("scripts:locations", production_id=access.production.pk, script_id=place.script_id)


@production_view(Capability.EDIT)
def shooting_location_create(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    script = script_of(access, script_id)
    if request.method != "POST":
        return redirect("scripts:locations", production_id=access.production.pk, script_id=script.pk)
    form = ShootingLocationCreateForm(request.POST)
    if form.is_valid():
        try:
            location = actions.create_shooting_location(
                access.production, acting_user=request.user, **form.changes()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": location})
            return redirect("scripts:locations", production_id=access.production.pk, script_id=script.pk)
    return _locations_page(request, access, script.pk, form, status=400)


@production_view(Capability.EDIT)
def shooting_location_edit(
    request: HttpRequest, access: ProductionAccess, script_id: int, location_id: int
) -> HttpResponse:
    script = script_of(access, script_id)
    location = shooting_location_of(access, location_id)
    edit = submit_versioned_edit(request, ShootingLocationForm, location, actions.update_shooting_location)
    if edit.saved is not None:
        messages.success(request, _("%(name)s is saved.") % {"name": edit.saved})
        return redirect("scripts:locations", production_id=access.production.pk, script_id=script.pk)
    conflict = str(edit.conflict) if edit.conflict else None
    context = {
        "production": access.production,
        "script": script,
        "location": location,
        "form": edit.form,
        "conflict": conflict,
        "section": "locations",
    }
    return render(request, "scripts/shooting_location_form.html", context, status=409 if conflict else 200)


@production_view(Capability.EDIT)
def shooting_location_delete(
    request: HttpRequest, access: ProductionAccess, script_id: int, location_id: int
) -> HttpResponse:
    script = script_of(access, script_id)
    location = shooting_location_of(access, location_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    name = str(location)
    actions.delete_shooting_location(location, acting_user=request.user)
    messages.success(
        request,
        _("%(name)s is deleted; the script's places that pointed to it are unlinked.") % {"name": name},
    )
    return redirect("scripts:locations", production_id=access.production.pk, script_id=script.pk)
