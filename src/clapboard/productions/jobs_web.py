"""How the core job page treats production jobs: who may watch them, where their result is."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from clapboard.core.models import Job
from clapboard.core.views import register_job_viewer, register_result_link

from .models import ProductionMember
from .tasks import EXPORT_KIND


def member_can_view(user: Any, job: Job) -> bool:
    """Every role on a production can view it, so membership is enough to watch its jobs."""
    if job.production_id is None:
        return False
    return ProductionMember.objects.filter(production_id=job.production_id, user=user).exists()


def export_download_url(job: Job) -> str | None:
    if job.production_id is None:
        return None
    return reverse(
        "productions:export_download", kwargs={"production_id": job.production_id, "job_id": job.pk}
    )


def register() -> None:
    register_job_viewer(member_can_view)
    register_result_link(EXPORT_KIND, export_download_url)
