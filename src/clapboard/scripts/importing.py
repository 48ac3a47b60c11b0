"""Importing a draft: the upload is stored, then a background job reads it and saves it.

The view only checks the size and stores the file; the job parses it (engines), makes
the breakdown suggestions, and writes the version in one transaction
(``versions.save_version``). A file that cannot be read fails the job with the engine's
message, which names the file and, when known, the line; nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial
from pathlib import PurePath
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django_tasks import task

from clapboard.accounts.models import User
from clapboard.core.jobs import JobRefused, JobReporter, run_job, start_job
from clapboard.core.models import Job
from clapboard.engines.breakdown import suggest
from clapboard.engines.screenplay import ScreenplayParseError, parse_screenplay, refuse_oversize

from .models import Script
from .versions import DraftDetails, save_version

IMPORT_KIND = "scripts.import"
UPLOAD_DIRECTORY = "script-imports"


def store_upload(upload: UploadedFile) -> str:
    """Save the uploaded file under an unguessable folder; return its storage path."""
    name = get_valid_filename(PurePath(upload.name or "script").name) or "script"
    return default_storage.save(f"{UPLOAD_DIRECTORY}/{uuid.uuid4().hex}/{name}", upload)


def start_import(
    script: Script,
    upload: UploadedFile,
    *,
    acting_user: Any,
    label: str = "",
    colour: str = "white",
    revision_date: dt.date | None = None,
    paper: str = "letter",
    source_format: str = "auto",
) -> Job:
    """Queue the import of ``upload`` as the next version of ``script``."""
    refuse_oversize(upload.size or 0, source_name=upload.name or "")
    path = store_upload(upload)
    with transaction.atomic():
        return start_job(
            kind=IMPORT_KIND,
            label=_("Import of %(file)s") % {"file": PurePath(upload.name or "script").name},
            task=import_script,
            production=script.production,
            acting_user=acting_user,
            script_id=script.pk,
            path=path,
            source_name=PurePath(upload.name or "script").name,
            source_format=source_format,
            version_label=label,
            colour=colour,
            revision_date=(revision_date or timezone.localdate()).isoformat(),
            paper=paper,
            user_id=getattr(acting_user, "pk", None),
        )


def read_and_save(
    reporter: JobReporter,
    *,
    script_id: int,
    path: str,
    source_name: str,
    source_format: str,
    version_label: str,
    colour: str,
    revision_date: str,
    paper: str,
    user_id: int | None,
) -> dict[str, Any]:
    """The work of an import job: parse, suggest, save; returns what the job page shows."""
    script = Script.objects.select_related("production").filter(pk=script_id).first()
    if script is None:
        raise JobRefused(
            _("%(file)s: the script was deleted before its import could run; nothing was imported.")
            % {"file": source_name}
        )
    reporter.progress(2, _("Reading %(file)s…") % {"file": source_name}, force=True)
    try:
        stored = default_storage.open(path, "rb")
    except FileNotFoundError:
        # A refusal shows this sentence as it is, instead of the storage's own error, which
        # names the path on the server.
        raise JobRefused(
            _("%(file)s: the uploaded file is no longer in the file storage; upload it again.")
            % {"file": source_name}
        ) from None
    with stored as stream:
        try:
            refuse_oversize(default_storage.size(path), source_name=source_name)
            data = stream.read()
            screenplay = parse_screenplay(data, format=source_format, source_name=source_name, paper=paper)
        except ScreenplayParseError as error:
            raise JobRefused(str(error)) from None
    total = len(screenplay.scenes)
    reporter.progress(
        20,
        _("%(scenes)s scenes on %(pages)s pages; looking for breakdown elements…")
        % {"scenes": total, "pages": screenplay.page_count},
    )

    def on_scene(done: int, count: int) -> None:
        reporter.progress(20 + 50 * done / max(count, 1))

    suggestions = suggest(screenplay, on_scene=on_scene)
    reporter.progress(
        72,
        _("Saving %(count)s scenes and %(tags)s suggestions…") % {"count": total, "tags": len(suggestions)},
        force=True,
    )
    details = DraftDetails(
        label=version_label,
        colour=colour,
        revision_date=dt.date.fromisoformat(revision_date),
        source_name=source_name,
        source_path=path,
        paper=paper,
    )
    acting_user = User.objects.filter(pk=user_id).first() if user_id else None
    version = save_version(script, screenplay, suggestions, details, acting_user=acting_user)
    reporter.progress(
        100,
        _("Imported: %(scenes)s scenes, %(pages)s pages, %(tags)s suggestions to review.")
        % {"scenes": version.scene_count, "pages": version.page_count, "tags": len(suggestions)},
        force=True,
    )
    return {
        "script_id": script.pk,
        "version_id": version.pk,
        "version": version.number,
        "scenes": version.scene_count,
        "pages": version.page_count,
        "suggestions": len(suggestions),
        "filename": source_name,
    }


def _read_and_save_or_discard(reporter: JobReporter, **options: Any) -> dict[str, Any]:
    """Run the import; when it does not end with a saved version, drop the stored file."""
    try:
        return read_and_save(reporter, **options)
    except BaseException:
        default_storage.delete(options["path"])
        raise


@task()
def import_script(*, job_id: str, **options: Any) -> None:
    run_job(job_id, partial(_read_and_save_or_discard, **options))
