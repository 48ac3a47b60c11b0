"""Write and read the audit trail.

Actions call :func:`record` (or :func:`record_change` after saving a tracked model) in
the same transaction as the change. Field-level history comes from django-simple-history:
``record_change`` reads the two latest historical rows it wrote and stores their
difference as ``{field: [old, new]}``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from .middleware import current_request_id
from .models import AuditEvent


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _tracked_fields(instance: models.Model) -> list[models.Field[Any, Any]]:
    skipped = {"id", "created_at", "updated_at", "version", "phase_before_archive"}
    return [field for field in instance._meta.concrete_fields if field.name not in skipped]


def field_changes(instance: models.Model) -> dict[str, list[Any]]:
    """Differences between the last two historical records of ``instance``.

    For a new object every non-empty field is reported as changed from ``None``.
    """
    history = list(instance.history.order_by("-history_id")[:2])  # type: ignore[attr-defined]
    if not history:
        return {}
    latest = history[0]
    tracked = {field.attname: field.name for field in _tracked_fields(instance)}
    if len(history) == 1 or latest.history_type == "+":
        return {
            name: [None, _json_value(getattr(latest, attname))]
            for attname, name in tracked.items()
            if getattr(latest, attname) not in (None, "", [], {})
        }
    delta = latest.diff_against(history[1])
    return {
        tracked[change.field]: [_json_value(change.old), _json_value(change.new)]
        for change in delta.changes
        if change.field in tracked
    }


def record(
    action: str,
    *,
    actor: Any,
    production: Any = None,
    company: Any = None,
    target: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``action`` is a namespaced name such as ``productions.phase.changed``."""
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        production=production,
        company=company,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        changes=changes or {},
        data={key: _json_value(value) for key, value in (data or {}).items()},
        request_id=current_request_id(),
    )


def record_change(
    action: str,
    instance: models.Model,
    *,
    actor: Any,
    production: Any = None,
    company: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """Record the change just saved to ``instance``; nothing is written when nothing changed."""
    changes = field_changes(instance)
    if not changes and not action.endswith((".created", ".deleted")):
        return None
    return record(
        action,
        actor=actor,
        production=production,
        company=company,
        target=instance,
        changes=changes,
        data=data,
    )
