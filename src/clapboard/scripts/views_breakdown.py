"""Breakdown pages: the scene list of a version, a scene's breakdown with its tagged text,
the decisions on suggestions, and the breakdown sheets as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error
from clapboard.core.htmx import is_htmx
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, analysis, sheets
from .access import element_of, scene_of, tag_of, version_of
from .categories import all_category_views
from .forms import TagForm
from .models import Scene, Tag


@production_view(Capability.VIEW)
def scenes(request: HttpRequest, access: ProductionAccess, script_id: int, number: int) -> HttpResponse:
    version = version_of(access, script_id, number)
    context = {
        "production": access.production,
        "script": version.script,
        "version": version,
        "scenes": analysis.scene_rows(version),
        "pending_filter": request.GET.get("pending") == "1",
        "section": "scenes",
    }
    if context["pending_filter"]:
        context["scenes"] = [row for row in context["scenes"] if row["pending"]]
    return render(request, "scripts/scenes.html", context)


def _scene_context(access: ProductionAccess, scene: Scene, form: TagForm | None = None) -> dict[str, object]:
    context: dict[str, object] = {
        "production": access.production,
        "script": scene.version.script,
        "version": scene.version,
        "scene": scene,
        "can_edit": access.can(Capability.EDIT),
        "tag_form": form or TagForm(),
        "categories": all_category_views(),
        "section": "scenes",
    }
    context.update(analysis.scene_breakdown(scene))
    return context


def _scene_response(
    request: HttpRequest,
    access: ProductionAccess,
    scene: Scene,
    form: TagForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _scene_context(access, scene, form)
    context["is_partial"] = is_htmx(request)
    template = "scripts/partials/scene_breakdown.html" if is_htmx(request) else "scripts/scene.html"
    return render(request, template, context, status=status)


@production_view(Capability.VIEW)
def scene(request: HttpRequest, access: ProductionAccess, scene_id: int) -> HttpResponse:
    return _scene_response(request, access, scene_of(access, scene_id))


def _back_to_scene(request: HttpRequest, access: ProductionAccess, scene: Scene) -> HttpResponse:
    if is_htmx(request):
        return _scene_response(request, access, scene)
    return redirect("scripts:scene", production_id=access.production.pk, scene_id=scene.pk)


@production_view(Capability.EDIT)
def tag_decide(request: HttpRequest, access: ProductionAccess, tag_id: int) -> HttpResponse:
    """Accept or reject one suggestion (POST ``status``)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    tag = tag_of(access, tag_id)
    status = request.POST.get("status", "")
    try:
        actions.decide_tag(tag, status, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to_scene(request, access, scene_of(access, tag.scene_id))


@production_view(Capability.EDIT)
def tag_edit(request: HttpRequest, access: ProductionAccess, tag_id: int) -> HttpResponse:
    """Put a suggestion under another element or category, and accept it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    tag = tag_of(access, tag_id)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            actions.retag(
                tag,
                category=form.cleaned_data["category"],
                name=form.cleaned_data["name"],
                acting_user=request.user,
                same_in_scene=request.POST.get("same_in_scene") == "1",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose a category and give the element a name."))
    return _back_to_scene(request, access, scene_of(access, tag.scene_id))


@production_view(Capability.EDIT)
def tag_add(request: HttpRequest, access: ProductionAccess, scene_id: int) -> HttpResponse:
    """Tag an element in the scene by hand, with the selected words when there are some."""
    scene_row = scene_of(access, scene_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TagForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_tag(
                scene_row,
                category=data["category"],
                name=data["name"],
                start=data["start"],
                end=data["end"],
                acting_user=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return _scene_response(request, access, scene_row, form, status=400)
        return _back_to_scene(request, access, scene_row)
    return _scene_response(request, access, scene_row, form, status=400)


@production_view(Capability.EDIT)
def scene_synopsis(request: HttpRequest, access: ProductionAccess, scene_id: int) -> HttpResponse:
    """Set the scene's one-line synopsis (POST ``synopsis`` and ``read``, the text it replaces)."""
    scene_row = scene_of(access, scene_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.update_synopsis(
            scene_row,
            request.POST.get("synopsis", ""),
            acting_user=request.user,
            read_synopsis=request.POST.get("read", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back_to_scene(request, access, scene_of(access, scene_id))


@production_view(Capability.EDIT)
def scene_decide(request: HttpRequest, access: ProductionAccess, scene_id: int) -> HttpResponse:
    """Accept (or reject) the pending suggestions of the scene, or of one element in it (``element``)."""
    scene_row = scene_of(access, scene_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    status = request.POST.get("status", Tag.Status.ACCEPTED)
    chosen = request.POST.get("element", "")
    element = element_of(access, int(chosen)) if chosen.isdigit() else None
    if status in (Tag.Status.ACCEPTED, Tag.Status.REJECTED):
        actions.decide_scene(scene_row, status, acting_user=request.user, element=element)
    return _back_to_scene(request, access, scene_row)


@production_view(Capability.VIEW)
def scene_sheet_pdf(request: HttpRequest, access: ProductionAccess, scene_id: int) -> HttpResponse:
    scene_row = scene_of(access, scene_id)
    return sheets.pdf_response(
        [scene_row], production=access.production, filename=f"breakdown-{scene_row.label}.pdf"
    )


@production_view(Capability.VIEW)
def version_sheets_pdf(
    request: HttpRequest, access: ProductionAccess, script_id: int, number: int
) -> HttpResponse:
    version = version_of(access, script_id, number)
    rows = list(version.scenes.filter(omitted=False).select_related("version__script"))
    return sheets.pdf_response(
        rows, production=access.production, filename=f"breakdown-v{version.number}.pdf"
    )
