"""State changes of accounts: sign-up, settings, API tokens. Each writes its audit event."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.core import audit

from .models import ApiToken, User

SETTINGS_FIELDS = ("full_name", "language")


def register_user(*, username: str, password: str, email: str = "", full_name: str = "") -> User:
    """Create an account (the password has been checked by the validators already)."""
    model = get_user_model()
    if model.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    with transaction.atomic():
        user = model.objects.create_user(
            username=username, password=password, email=(email or "").strip().lower(), full_name=full_name
        )
        audit.record("accounts.user.registered", actor=user, target=user)
    return user


def update_account_settings(user: User, *, acting_user: Any, **changes: Any) -> User:
    for key in changes:
        if key not in SETTINGS_FIELDS:
            raise ValidationError({key: _("This field cannot be changed here.")})
    with transaction.atomic():
        before = {key: getattr(user, key) for key in changes}
        for key, value in changes.items():
            setattr(user, key, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(changes))
        changed = {key: [before[key], value] for key, value in changes.items() if before[key] != value}
        if changed:
            audit.record("accounts.user.updated", actor=acting_user, target=user, changes=changed)
    return user


def create_api_token(user: User, *, acting_user: Any, name: str) -> tuple[ApiToken, str]:
    """Issue a token; the raw key is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the script that uses it.")})
    with transaction.atomic():
        token, raw = ApiToken.issue(user, name[:100])
        audit.record("accounts.token.created", actor=acting_user, target=token, data={"name": token.name})
    return token, raw


def revoke_api_token(token: ApiToken, *, acting_user: Any) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record("accounts.token.revoked", actor=acting_user, target=token, data={"name": token.name})
    return token
