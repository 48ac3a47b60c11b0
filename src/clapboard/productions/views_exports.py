"""Downloading a finished export: the file leaves storage only through this view."""

from __future__ import annotations

from uuid import UUID

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest

from clapboard.core.models import Job

from .access import ProductionAccess
from .decorators import production_view
from .roles import Capability
from .tasks import EXPORT_DIRECTORY, EXPORT_KIND


@production_view(Capability.VIEW)
def export_download(request: HttpRequest, access: ProductionAccess, job_id: UUID) -> FileResponse:
    """Stream the export file of ``job_id``; 404 unless it is a finished export of this production."""
    job = Job.objects.filter(
        pk=job_id, production=access.production, kind=EXPORT_KIND, status=Job.Status.SUCCEEDED
    ).first()
    path = str((job.result or {}).get("path", "")) if job is not None else ""
    if not path.startswith(f"{EXPORT_DIRECTORY}/") or ".." in path.split("/"):
        raise Http404
    try:
        stream = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=str(job.result.get("filename") or path.rsplit("/", 1)[-1]),
        content_type="application/json",
    )
    response["Cache-Control"] = "private, no-store"
    return response
