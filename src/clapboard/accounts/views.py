"""Account pages: log in and out, settings, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error

from . import actions
from .forms import AccountSettingsForm, ApiTokenForm, LoginForm
from .models import ApiToken


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Make ``language`` the page language from the next request on (the cookie read by LocaleMiddleware)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        language = getattr(form.get_user(), "language", "")
        if language:
            _remember_language(response, language)
        return response


logout = login_required(auth_views.LogoutView.as_view())  # POST only; a GET gets 405


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AccountSettingsForm(
        request.POST or None, initial={"full_name": user.full_name, "language": user.language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_account_settings(user, acting_user=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            translation.activate(user.language)
            messages.success(request, _("Your settings are saved."))
            return _remember_language(redirect("accounts:settings"), user.language)
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw_key = actions.create_api_token(
                request.user, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Token “%(name)s” is created.") % {"name": token.name})
            form = ApiTokenForm()
    context = {
        "form": form,
        "raw_key": raw_key,
        "tokens": list(ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")),
    }
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"  # the raw key must not stay in a cache
    return response


@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.revoke_api_token(token, acting_user=request.user)
    messages.success(request, _("Token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
