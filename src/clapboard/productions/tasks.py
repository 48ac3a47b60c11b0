"""Background tasks of productions: the full JSON export.

The export is written to the default storage under ``exports/<random>/<slug>.json``;
the random part makes the name impossible to guess, and the file is only ever served
through ``views_exports.export_download``, which checks the reader's rights.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from functools import partial
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from clapboard.core import audit
from clapboard.core.jobs import JobCancelled, JobReporter, run_job, start_job
from clapboard.core.models import AuditEvent, Job

from .models import Production

EXPORT_KIND = "productions.export"
EXPORT_FORMAT = "clapboard.production-export"
EXPORT_FORMAT_VERSION = 1
EXPORT_DIRECTORY = "exports"
ACTIVITY_CHUNK = 500


def _row(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The stored values of ``instance``'s own columns; foreign keys as ``<name>_id``."""
    return {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }


def _dump(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _activity(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "created_at": event.created_at,
        "action": event.action,
        "actor": event.actor.username if event.actor else None,
        "actor_name": str(event.actor) if event.actor else None,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "changes": event.changes,
        "data": event.data,
        "request_id": event.request_id,
    }


def export_filename(production: Production) -> str:
    return f"{slugify(production.title) or 'production'}.json"


def write_export(reporter: JobReporter, *, production_id: int) -> dict[str, Any]:
    """Write the export file of one production, reporting progress; return the job result."""
    production = Production.objects.select_related("company").get(pk=production_id)
    reporter.progress(2, _("Reading the production…"))
    company = production.company
    members = [
        {
            "username": member.user.username,
            "name": str(member.user),
            "role": member.role,
            "role_label": str(member.get_role_display()),
            "department": member.department,
            "since": member.created_at,
        }
        for member in production.members.select_related("user").in_team_order()
    ]
    reporter.progress(10, _("Team and episodes…"))
    episodes = [_row(episode, exclude=("production",)) for episode in production.episodes.all()]
    key_dates = [_row(key_date, exclude=("production",)) for key_date in production.key_dates.all()]
    events = (
        AuditEvent.objects.filter(production=production).select_related("actor").order_by("created_at", "id")
    )
    total_events = events.count()
    reporter.progress(15, _("Activity feed (%(count)s events)…") % {"count": total_events})

    header = {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "production": _row(production, exclude=("company", "phase_before_archive")),
        "company": _row(company),
        "members": members,
        "episodes": episodes,
        "key_dates": key_dates,
    }
    written = 0
    with tempfile.TemporaryFile(mode="w+b") as scratch:
        # The activity feed can be long: stream it event by event instead of building
        # one big string, and close the JSON object by hand.
        opening = _dump(header)
        scratch.write(opening[: opening.rindex("}")].rstrip().encode())
        scratch.write(b',\n  "activity": [')
        for event in reporter.track(
            events.iterator(chunk_size=ACTIVITY_CHUNK), total=total_events, start=15, end=90
        ):
            separator = b"\n    " if written == 0 else b",\n    "
            scratch.write(separator + json.dumps(_activity(event), cls=DjangoJSONEncoder).encode())
            written += 1
        scratch.write(b"\n  ]\n}\n")
        reporter.progress(92, _("Saving the file…"))
        size = scratch.tell()
        scratch.seek(0)
        name = f"{EXPORT_DIRECTORY}/{uuid.uuid4().hex}/{export_filename(production)}"
        path = default_storage.save(name, File(scratch, name=name))
    try:
        reporter.progress(100, _("Export ready."), force=True)
    except JobCancelled:
        default_storage.delete(path)
        raise
    return {
        "path": path,
        "filename": export_filename(production),
        "size": size,
        "events": written,
        "members": len(members),
    }


@task()
def export_production(*, job_id: str, production_id: int) -> None:
    run_job(job_id, partial(write_export, production_id=production_id))


def start_production_export(production: Production, *, acting_user: Any) -> Job:
    """Queue a JSON export of ``production``; the caller has checked the user's rights."""
    with transaction.atomic():
        job = start_job(
            kind=EXPORT_KIND,
            label=_("Export of %(title)s") % {"title": production.title},
            task=export_production,
            production=production,
            acting_user=acting_user,
            production_id=production.pk,
        )
        audit.record(
            "productions.export.requested",
            actor=acting_user,
            production=production,
            target=job,
            data={"job": str(job.pk)},
        )
    return job
