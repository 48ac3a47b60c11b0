"""API reads of what happened: a production's activity feed and background jobs."""

import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from clapboard.accounts.api_access import user_operation
from clapboard.core.api_errors import error_responses
from clapboard.core.models import AuditEvent, Job
from clapboard.core.pagination import LimitOffsetPage
from clapboard.core.schemas import AuditEventOut, JobOut
from clapboard.core.views import can_see_job

from .api_access import production_of, production_operation
from .roles import Capability

router = Router()


@router.get(
    "/productions/{production_id}/activity",
    response={200: list[AuditEventOut], **error_responses(401, 403, 404, 422)},
    tags=["activity"],
    summary="The production's activity feed, newest first",
    **production_operation(Capability.VIEW),
)
@paginate(LimitOffsetPage)
def list_activity(request: HttpRequest, production_id: int) -> Any:
    production = production_of(request).production
    return (
        AuditEvent.objects.filter(production=production)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, **error_responses(401, 403, 404, 422)},
    tags=["jobs"],
    summary="Progress and outcome of a background job",
    **user_operation(),
)
def get_job(request: HttpRequest, job_id: uuid.UUID) -> Job:
    """Visible to the person who started the job and to the members of its production."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not can_see_job(request.auth, job):  # type: ignore[attr-defined]
        raise Http404
    return job
