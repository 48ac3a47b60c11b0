"""The element manager: every element of a script by category, editing, merging."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import submit_versioned_edit
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions, analysis
from .access import element_of, script_of
from .forms import ElementForm, MergeForm
from .models import Tag


@production_view(Capability.VIEW)
def elements(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    script = script_of(access, script_id)
    category = request.GET.get("category", "")
    context = {
        "production": access.production,
        "script": script,
        "version": script.current_version,
        "groups": analysis.element_groups(script, category=category),
        "category_counts": analysis.category_counts(script),
        "selected_category": category,
        "can_edit": access.can(Capability.EDIT),
        "section": "elements",
    }
    return render(request, "scripts/elements.html", context)


@production_view(Capability.EDIT)
def elements_merge(request: HttpRequest, access: ProductionAccess, script_id: int) -> HttpResponse:
    script = script_of(access, script_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MergeForm(request.POST, elements=script.elements.all())
    if form.is_valid():
        try:
            kept = actions.merge_elements(
                form.cleaned_data["target"], list(form.cleaned_data["others"]), acting_user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Merged into %(name)s; the other names are kept as aliases.") % {"name": kept}
            )
    else:
        messages.error(request, _("Tick the elements to merge and choose the one to keep."))
    return redirect("scripts:elements", production_id=access.production.pk, script_id=script.pk)


@production_view(Capability.VIEW)
def element(request: HttpRequest, access: ProductionAccess, element_id: int) -> HttpResponse:
    """One element: its details (editable), its names and the scenes it is in."""
    item = element_of(access, element_id)
    can_edit = access.can(Capability.EDIT)
    edit = submit_versioned_edit(request, ElementForm, item, actions.update_element) if can_edit else None
    if edit is not None and edit.saved is not None:
        messages.success(request, _("%(name)s is saved.") % {"name": edit.saved})
        return redirect("scripts:element", production_id=access.production.pk, element_id=item.pk)
    if request.method == "POST" and not can_edit:
        access.require(Capability.EDIT)
    conflict = str(edit.conflict) if edit is not None and edit.conflict else None
    context = {
        "production": access.production,
        "script": item.script,
        "element": item,
        "form": edit.form if edit is not None else None,
        "conflict": conflict,
        "can_edit": can_edit,
        "section": "elements",
    }
    context.update(analysis.element_scenes(item))
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(request, "scripts/element.html", context, status=status)


@production_view(Capability.EDIT)
def element_decide(request: HttpRequest, access: ProductionAccess, element_id: int) -> HttpResponse:
    """Accept (or reject) every pending suggestion of the element in the current version."""
    item = element_of(access, element_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    status = request.POST.get("status", Tag.Status.ACCEPTED)
    version_id = item.script.current_version_id
    if status in (Tag.Status.ACCEPTED, Tag.Status.REJECTED) and version_id is not None:
        count = actions.decide_element(item, status, acting_user=request.user, version_id=version_id)
        messages.success(request, _("%(count)s suggestions decided.") % {"count": count})
    return redirect("scripts:element", production_id=access.production.pk, element_id=item.pk)
