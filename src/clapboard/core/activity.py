"""Turn audit events into readable activity: who — when — what, and what changed.

Each action name maps to a translated message in a registry; apps with their own
actions call :func:`register`. The ``changes`` of an event (``{field: [old, new]}``)
become rows of field label, old value and new value, with the field's verbose name and
choice labels read from the target model, so ``phase: ["development", "financing"]``
reads "Phase: Développement → Financement" in French.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .templatetags.clapboard import EMPTY, short_date, short_datetime

_MESSAGES: dict[str, str | Promise] = {}


def register(action: str, message: str | Promise) -> None:
    """Declare the message for ``action``; ``%(target)s`` and keys of the event's ``data`` may be used."""
    _MESSAGES[action] = message


def message_for(action: str) -> str | Promise | None:
    return _MESSAGES.get(action)


for _action, _message in {
    "companies.company.created": _("created the company %(target)s"),
    "companies.company.updated": _("edited the company details"),
    "companies.member.added": _("added %(user)s to the company as %(role)s"),
    "companies.member.role_changed": _("made %(user)s %(role)s of the company"),
    "productions.production.created": _("created the production"),
    "productions.production.updated": _("edited the production details"),
    "productions.phase.changed": _("changed the phase"),
    "productions.member.added": _("added %(target)s to the team"),
    "productions.member.invited": _("invited %(email)s as %(role)s"),
    "productions.member.role_changed": _("changed the role of %(target)s"),
    "productions.member.removed": _("removed %(user)s (%(role)s) from the team"),
    "productions.episode.created": _("added episode %(target)s"),
    "productions.episode.updated": _("edited episode %(target)s"),
    "productions.episode.deleted": _("deleted episode %(target)s"),
    "productions.key_date.set": _("set a milestone"),
    "productions.key_date.deleted": _("removed the milestone %(target)s"),
    "productions.export.requested": _("asked for an export of the production"),
    "core.job.cancel_requested": _("asked to cancel a background job"),
}.items():
    register(_action, _message)


#: The last word of the actions that make something (a line, a source, an account): the
#: changes they record are the first values of what they made.
CREATION_VERBS = frozenset({"created", "added", "imported", "registered"})


@dataclass(frozen=True)
class ChangeRow:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ActivityItem:
    event: AuditEvent
    actor: str
    when: dt.datetime
    message: str
    changes: list[ChangeRow]

    @property
    def note(self) -> str:
        """The reason the person gave with the change, if any (a phase change's note)."""
        return str(self.event.data.get("note", ""))

    @property
    def initial(self) -> bool:
        """A creation: its changes are the first values, shown folded."""
        return self.event.action.rpartition(".")[2] in CREATION_VERBS and all(
            _old(pair) in _NOTHING for pair in (self.event.changes or {}).values()
        )


_NOTHING: tuple[Any, ...] = (None, "", [], {})


def _old(pair: Any) -> Any:
    """The value before a change, written ``[old, new]`` (or the new value alone)."""
    return pair[0] if isinstance(pair, list | tuple) and pair else None


class _Params(dict[str, str]):
    """Message parameters; a placeholder without a value reads as a dash instead of failing."""

    def __missing__(self, key: str) -> str:
        return EMPTY


def _target_model(event: AuditEvent) -> type[models.Model] | None:
    if not event.target_type or "." not in event.target_type:
        return None
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a reverse relation without a verbose name
        return None


def _plain(value: Any, *, nested: bool = False) -> str:
    """A JSON value in words: ``{"fr": 2, "europe": 1}`` reads "fr 2, europe 1"; a list or
    mapping inside another is put in brackets when it has more than one item."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dict):
        parts = [f"{key} {_plain(item, nested=True)}" for key, item in value.items()]
    elif isinstance(value, list | tuple):
        parts = [_plain(item, nested=True) for item in value]
    else:
        return str(value)
    text = ", ".join(parts)
    return f"({text})" if nested and len(parts) > 1 else text


def _display(value: Any, field: Any, related: dict[tuple[Any, str], str]) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool | list | tuple | dict):  # a list of names, a mapping of rule versions…
        return _plain(value)
    if field is not None and getattr(field, "is_relation", False) and field.related_model is not None:
        return related.get((field.related_model, str(value)), str(value))
    if field is not None and getattr(field, "choices", None):
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.DateTimeField):
        try:
            return short_datetime(dt.datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if isinstance(field, models.DateField):
        return short_date(str(value)) or str(value)
    return str(value)


def _is_key(model: type[models.Model], value: str) -> bool:
    try:
        model._meta.pk.to_python(value)  # type: ignore[union-attr]
    except ValidationError:
        return False
    return True


def _related_labels(events: list[AuditEvent]) -> dict[tuple[Any, str], str]:
    """Labels of the rows that foreign keys in ``changes`` point to, one query per model."""
    wanted: dict[Any, set[str]] = defaultdict(set)
    for event in events:
        model = _target_model(event)
        for name, pair in (event.changes or {}).items():
            field = _field(model, name)
            if field is not None and getattr(field, "is_relation", False) and field.related_model is not None:
                wanted[field.related_model].update(str(value) for value in pair if value not in (None, ""))
    labels: dict[tuple[Any, str], str] = {}
    for related_model, keys in wanted.items():
        # A value that is no key of the model (an action that wrote the row's name) is
        # shown as written; looking it up would fail the whole feed.
        ids = [key for key in keys if _is_key(related_model, key)]
        for pk, obj in related_model._default_manager.in_bulk(ids).items():
            labels[(related_model, str(pk))] = str(obj)
    return labels


def _is_context(event: AuditEvent, name: str, value: Any) -> bool:
    """A link to the production or company the feed is already about says nothing new."""
    context = {"production": event.production_id, "company": event.company_id}
    return name in context and value is not None and str(value) == str(context[name])


def change_rows(event: AuditEvent, related: dict[tuple[Any, str], str] | None = None) -> list[ChangeRow]:
    model = _target_model(event)
    related = related if related is not None else _related_labels([event])
    rows = []
    for name, pair in (event.changes or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list | tuple) else (None, pair)
        if _is_context(event, name, new):
            continue
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
        rows.append(
            ChangeRow(
                field=label[:1].upper() + label[1:],
                old=_display(old, field, related),
                new=_display(new, field, related),
            )
        )
    return rows


def describe(event: AuditEvent) -> str:
    """What happened, as a sentence without its subject: "changed the phase"."""
    model = _target_model(event)
    params = _Params(target=event.target_label or EMPTY)
    for key, value in (event.data or {}).items():
        params[key] = _display(value, _field(model, key), {})
    message = message_for(event.action)
    if message is None:
        return f"{event.action} {event.target_label}".strip()
    try:
        return str(message) % params
    except (TypeError, ValueError):
        return str(message)


def actor_name(event: AuditEvent) -> str:
    actor = event.actor
    if actor is None:
        return gettext("Someone")
    return str(getattr(actor, "display_name", None) or actor)


def render_events(events: Iterable[AuditEvent]) -> list[ActivityItem]:
    """Render events (load them with ``select_related("actor")``) for a feed."""
    events = list(events)
    related = _related_labels(events)
    return [
        ActivityItem(
            event=event,
            actor=actor_name(event),
            when=event.created_at,
            message=describe(event),
            changes=change_rows(event, related),
        )
        for event in events
    ]
