"""Episodes of a series and key dates of a production."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error, submit_versioned_edit
from clapboard.core.htmx import is_htmx, render_page_or_partial

from . import actions
from .access import ProductionAccess
from .decorators import production_view
from .forms import EpisodeForm, KeyDateForm
from .models import Episode, KeyDate
from .roles import Capability

# --- Episodes -------------------------------------------------------------------------------


def _episodes_page(
    request: HttpRequest, access: ProductionAccess, form: EpisodeForm | None = None, status: int = 200
) -> HttpResponse:
    production = access.production
    episodes = list(production.episodes.all())
    can_edit = access.can(Capability.EDIT) and production.is_series
    if form is None and can_edit:
        next_number = max((episode.number for episode in episodes), default=0) + 1
        form = EpisodeForm(initial={"number": next_number}, prefix="episode")
    total_minutes = sum(episode.target_runtime_minutes or 0 for episode in episodes)
    context: dict[str, Any] = {
        "production": production,
        "episodes": episodes,
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "total_minutes": total_minutes,
    }
    return render_page_or_partial(
        request,
        "productions/episodes.html",
        "productions/partials/episodes_panel.html",
        context,
        status=status,
    )


@production_view(Capability.VIEW)
def episodes(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    return _episodes_page(request, access)


@production_view(Capability.EDIT)
def episode_create(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    if request.method != "POST":
        return redirect("productions:episodes", production_id=access.production.pk)
    form = EpisodeForm(request.POST, prefix="episode")
    if form.is_valid():
        try:
            episode = actions.create_episode(access.production, acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Episode %(episode)s is added.") % {"episode": episode})
            if not is_htmx(request):
                return redirect("productions:episodes", production_id=access.production.pk)
            form = None
    return _episodes_page(request, access, form)


def _episode(access: ProductionAccess, episode_id: int) -> Episode:
    return get_object_or_404(Episode, pk=episode_id, production=access.production)


@production_view(Capability.EDIT)
def episode_edit(request: HttpRequest, access: ProductionAccess, episode_id: int) -> HttpResponse:
    episode = _episode(access, episode_id)
    edit = submit_versioned_edit(request, EpisodeForm, episode, actions.update_episode)
    if edit.saved is not None:
        messages.success(request, _("Episode %(episode)s is saved.") % {"episode": edit.saved})
        return redirect("productions:episodes", production_id=access.production.pk)
    form, conflict = edit.form, str(edit.conflict) if edit.conflict else None
    context = {"production": access.production, "episode": episode, "form": form, "conflict": conflict}
    return render(request, "productions/episode_form.html", context, status=409 if conflict else 200)


@production_view(Capability.EDIT)
def episode_delete(request: HttpRequest, access: ProductionAccess, episode_id: int) -> HttpResponse:
    episode = _episode(access, episode_id)
    if request.method == "POST":
        label = str(episode)
        actions.delete_episode(episode, acting_user=request.user)
        messages.success(request, _("Episode %(episode)s is deleted.") % {"episode": label})
        if is_htmx(request):
            return _episodes_page(request, access)
    return redirect("productions:episodes", production_id=access.production.pk)


# --- Key dates ------------------------------------------------------------------------------


def _key_dates_page(
    request: HttpRequest, access: ProductionAccess, form: KeyDateForm | None = None
) -> HttpResponse:
    can_edit = access.can(Capability.EDIT)
    context = {
        "production": access.production,
        "key_dates": list(access.production.key_dates.all()),
        "form": (form or KeyDateForm()) if can_edit else None,
        "can_edit": can_edit,
    }
    return render_page_or_partial(
        request, "productions/key_dates.html", "productions/partials/key_dates_panel.html", context
    )


@production_view(Capability.VIEW)
def key_dates(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    return _key_dates_page(request, access)


@production_view(Capability.EDIT)
def key_date_set(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    if request.method != "POST":
        return redirect("productions:key_dates", production_id=access.production.pk)
    form = KeyDateForm(request.POST)
    if form.is_valid():
        try:
            key_date = actions.set_key_date(access.production, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("%(milestone)s is set.") % {"milestone": key_date.label or key_date.get_kind_display()},
            )
            if not is_htmx(request):
                return redirect("productions:key_dates", production_id=access.production.pk)
            form = None
    return _key_dates_page(request, access, form)


@production_view(Capability.EDIT)
def key_date_delete(request: HttpRequest, access: ProductionAccess, key_date_id: int) -> HttpResponse:
    key_date = get_object_or_404(KeyDate, pk=key_date_id, production=access.production)
    if request.method == "POST":
        label = key_date.label or key_date.get_kind_display()
        actions.delete_key_date(key_date, acting_user=request.user)
        messages.success(request, _("%(milestone)s is removed.") % {"milestone": label})
        if is_htmx(request):
            return _key_dates_page(request, access)
    return redirect("productions:key_dates", production_id=access.production.pk)
