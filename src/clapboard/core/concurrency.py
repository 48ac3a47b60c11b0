"""Optimistic concurrency: an edit based on a stale read is refused, never applied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class EditConflict(Exception):
    """Someone saved the record after the editor read it."""

    def __init__(self, instance: models.Model, expected: int, current: int) -> None:
        self.instance = instance
        self.expected = expected
        self.current = current
        super().__init__(
            _(
                "“%(object)s” was changed by someone else while you were editing it "
                "(you had version %(expected)s, it is now at version %(current)s). "
                "Reload to see their change, then apply yours again."
            )
            % {"object": instance, "expected": expected, "current": current}
        )


def lock_for_update(instance: M, expected_version: int | None) -> M:
    """Re-read ``instance`` under a row lock and check that nobody saved since ``expected_version``.

    Must run inside a transaction. On PostgreSQL the row lock serialises writers; SQLite
    connections open IMMEDIATE transactions, which serialise them just as well.
    """
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version, current.version)
    return current


def apply_edit(instance: M, allowed: tuple[str, ...], changes: dict[str, Any]) -> list[str]:
    """Set the fields of ``changes`` on ``instance`` and return the names that really changed.

    A field outside ``allowed`` is refused by name. When the returned list is empty the
    caller saves nothing, so an edit that changes nothing neither bumps the version nor
    writes history.
    """
    changed = []
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError({name: _("This field cannot be changed here.")})
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def save_edit(instance: M, changed: list[str], validate: Callable[[M], None] | None = None) -> bool:
    """Validate and save an edited record with a new version; False when nothing changed.

    ``validate`` replaces the model's ``full_clean`` when the action checks more.
    """
    if not changed:
        return False
    if validate is not None:
        validate(instance)
    else:
        instance.full_clean()
    instance.version += 1
    instance.save()
    return True
