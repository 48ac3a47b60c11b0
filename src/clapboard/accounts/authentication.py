"""Who is calling the API: a bearer token, or the session of someone logged in to the site.

A token is looked up by the hash of its key; a revoked token, or one whose owner is
inactive, is refused with 401 (and the session is not consulted then, so a script with
a dead token fails loudly). ``last_used_at`` is written at most once a minute per token.

The session is accepted so that the site's own pages can call the API; unsafe methods
then need the CSRF token, exactly as a form post would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .models import ApiToken, hash_token

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class InvalidToken(AuthenticationError):
    def __init__(self) -> None:
        super().__init__(
            401, _("This API token is not valid: it is unknown, revoked or its owner is inactive.")
        )


class CsrfFailed(PermissionDenied):
    def __init__(self) -> None:
        super().__init__(
            _("CSRF check failed: send the X-CSRFToken header when calling the API from a session.")
        )


def user_for_token(raw_key: str) -> Any:
    """The active owner of a live token, or None. Touches ``last_used_at`` at most once a minute."""
    if not raw_key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw_key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional update: concurrent requests in the same minute write once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
    token.user.api_token = token
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` with a key issued by ``ApiToken.issue``."""

    def __init__(self, scope: Any = None) -> None:
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip())
        if user is None:
            raise InvalidToken
        if self.scope is not None:
            self.scope(request, user)
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in session of the web site; unsafe methods must pass Django's CSRF check."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, scope: Any = None) -> None:
        self.scope = scope
        # ``csrf`` tells the docs page to send the CSRF token; the check itself happens in
        # authenticate(), and only when a session is in use.
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise CsrfFailed
        if self.scope is not None:
            self.scope(request, user)
        return user
