"""Pages of the core app: the progress of a background job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from .htmx import is_htmx
from .jobs import fail_stale_jobs, request_cancel
from .models import Job

#: Functions ``(user, job) -> bool`` that may grant sight of a job besides its creator;
#: apps above core register theirs (productions: members of the job's production).
JOB_VIEWERS: list[Callable[[Any, Job], bool]] = []


#: For each job kind, a function ``job -> url`` of its result (a download, a report...)
#: and the words of the link (None: "Download the result").
RESULT_LINKS: dict[str, tuple[Callable[[Job], str | None], Any]] = {}


def register_result_link(kind: str, link: Callable[[Job], str | None], label: Any = None) -> None:
    RESULT_LINKS[kind] = (link, label)


def result_url(job: Job) -> str | None:
    if job.status != Job.Status.SUCCEEDED:
        return None
    link, _label = RESULT_LINKS.get(job.kind, (None, None))
    return link(job) if link is not None else None


def _progress_context(job: Job) -> dict[str, Any]:
    _link, label = RESULT_LINKS.get(job.kind, (None, None))
    return {"job": job, "result_url": result_url(job), "result_label": label}


def register_job_viewer(check: Callable[[Any, Job], bool]) -> None:
    if check not in JOB_VIEWERS:
        JOB_VIEWERS.append(check)


def can_see_job(user: Any, job: Job) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk):
        return True
    return any(check(user, job) for check in JOB_VIEWERS)


@login_required
def job_detail(request: HttpRequest, job_id: Any) -> HttpResponse:
    """The job's progress; htmx polls the partial every second until the job is finished."""
    job = get_object_or_404(Job.objects.select_related("production"), pk=job_id)
    if not can_see_job(request.user, job):
        raise Http404
    if job.status == Job.Status.RUNNING and fail_stale_jobs():
        job.refresh_from_db()
    template = "core/partials/job_progress.html" if is_htmx(request) else "core/job_detail.html"
    response = render(request, template, _progress_context(job))
    response["Vary"] = "HX-Request"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_cancel(request: HttpRequest, job_id: Any) -> HttpResponse:
    """Ask a queued or running job to stop (POST); answers with its progress."""
    job = get_object_or_404(Job.objects.select_related("production"), pk=job_id)
    if not can_see_job(request.user, job):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = request_cancel(job, acting_user=request.user)
    if is_htmx(request):
        return render(request, "core/partials/job_progress.html", {"job": job, "result_url": None})
    return redirect("core:job_detail", job_id=job.pk)


# Whoever may see a job may cancel it; production members need VIEW (checked by the
# job viewers that the productions app registers). Declared for the permission sweep.
job_cancel.required_capability = "view"  # type: ignore[attr-defined]
