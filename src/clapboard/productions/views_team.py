"""The team page: members and their roles, invitations, and accepting an invitation link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.accounts.actions import register_user
from clapboard.core.forms import add_validation_error
from clapboard.core.htmx import is_htmx, render_page_or_partial

from . import actions
from .access import ProductionAccess
from .decorators import production_view
from .forms import InvitationSignupForm, InviteForm, MemberRoleForm
from .models import Invitation, ProductionMember
from .roles import Capability, Role

LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _team_context(access: ProductionAccess, **extra: Any) -> dict[str, Any]:
    production = access.production
    members = list(production.members.select_related("user", "invited_by").in_team_order())
    can_manage = access.can(Capability.MANAGE_MEMBERS)
    rows = [
        {
            "member": member,
            "form": MemberRoleForm(
                initial={"role": member.role, "department": member.department}, prefix=f"member-{member.pk}"
            )
            if can_manage
            else None,
        }
        for member in members
    ]
    invitations = (
        production.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at")
    )
    context: dict[str, Any] = {
        "production": production,
        "rows": rows,
        "invitations": list(invitations),
        "can_manage": can_manage,
        "invite_form": InviteForm() if can_manage else None,
        "roles": Role.choices,
    }
    context.update(extra)
    return context


def _render_team(request: HttpRequest, access: ProductionAccess, **extra: Any) -> HttpResponse:
    return render_page_or_partial(
        request,
        "productions/team.html",
        "productions/partials/team_panel.html",
        _team_context(access, **extra),
    )


@production_view(Capability.VIEW)
def team(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    return _render_team(request, access)


@production_view(Capability.MANAGE_MEMBERS)
def member_invite(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    """Add someone who has an account at once, or create an invitation link shown once."""
    if request.method != "POST":
        return redirect("productions:team", production_id=access.production.pk)
    form = InviteForm(request.POST)
    invitation_link = None
    if form.is_valid():
        try:
            outcome = actions.invite_member(
                access.production,
                acting_user=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                department=form.cleaned_data["department"],
                invite_url_builder=lambda raw: request.build_absolute_uri(
                    reverse("accounts:invitation_accept", kwargs={"token": raw})
                ),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if isinstance(outcome, Invitation):
                invitation_link = request.build_absolute_uri(
                    reverse("accounts:invitation_accept", kwargs={"token": outcome.raw_token})  # type: ignore[attr-defined]
                )
                messages.success(
                    request,
                    _("%(email)s has no account yet: an invitation was e-mailed.") % {"email": outcome.email},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s joined the team as %(role)s.")
                    % {"name": outcome.user, "role": outcome.get_role_display()},
                )
            form = InviteForm()
    return _render_team(
        request,
        access,
        invite_form=form,
        invitation_link=invitation_link,
        invited=invitation_link is not None,
    )


def _member(access: ProductionAccess, member_id: int) -> ProductionMember:
    return get_object_or_404(
        ProductionMember.objects.select_related("user", "production"),
        pk=member_id,
        production=access.production,
    )


@production_view(Capability.MANAGE_MEMBERS)
def member_edit(request: HttpRequest, access: ProductionAccess, member_id: int) -> HttpResponse:
    member = _member(access, member_id)
    if request.method != "POST":
        return redirect("productions:team", production_id=access.production.pk)
    form = MemberRoleForm(request.POST, prefix=f"member-{member.pk}")
    if form.is_valid():
        try:
            member = actions.change_member_role(
                member,
                acting_user=request.user,
                role=form.cleaned_data["role"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.") % {"name": member.user, "role": member.get_role_display()},
            )
    else:
        messages.error(request, _("Choose a role from the list."))
    if is_htmx(request):
        return _render_team(request, access)
    return redirect("productions:team", production_id=access.production.pk)


@production_view(Capability.MANAGE_MEMBERS)
def member_remove(request: HttpRequest, access: ProductionAccess, member_id: int) -> HttpResponse:
    member = _member(access, member_id)
    if request.method == "POST":
        try:
            actions.remove_member(member, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s left the team.") % {"name": member.user})
    if is_htmx(request):
        return _render_team(request, access)
    return redirect("productions:team", production_id=access.production.pk)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join a production from an invitation link: with the current account, or a new one."""
    invitation = actions.find_invitation(token)
    if invitation is None:
        return render(request, "productions/invitation_invalid.html", status=404)
    signup_form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                actions.accept_invitation(invitation, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("productions:home")
            messages.success(request, _("Welcome to %(production)s.") % {"production": invitation.production})
            return redirect("productions:dashboard", production_id=invitation.production_id)
    else:
        signup_form = InvitationSignupForm(request.POST or None)
        if request.method == "POST" and signup_form.is_valid():
            try:
                with transaction.atomic():
                    user = register_user(
                        username=signup_form.cleaned_data["username"],
                        password=signup_form.cleaned_data["password1"],
                        email=invitation.email,
                        full_name=signup_form.cleaned_data.get("full_name", ""),
                    )
                    actions.accept_invitation(invitation, user=user)
            except ValidationError as error:
                add_validation_error(signup_form, error)
            else:
                login(request, user, backend=LOGIN_BACKEND)
                messages.success(
                    request,
                    _("Your account is ready. Welcome to %(production)s.")
                    % {"production": invitation.production},
                )
                return redirect("productions:dashboard", production_id=invitation.production_id)
    context = {"invitation": invitation, "signup_form": signup_form, "token": token}
    return render(request, "productions/invitation_accept.html", context)
