"""Background jobs that a person starts and watches: a ``Job`` row plus a Django task.

The flow:

* A view or action calls :func:`start_job`. It writes the ``Job`` row (status QUEUED)
  and, once the surrounding transaction commits, enqueues the task with ``job_id`` and
  the other keyword arguments (ids only, never model instances).
* A worker (``manage.py db_worker``) picks the task up. The task calls :func:`run_job`,
  which *claims* the job with one conditional UPDATE (QUEUED → RUNNING). Whoever loses
  that race — a second worker holding the same row, or a retried task result — sees
  that the job is no longer queued and leaves without doing anything, so a job never
  runs twice.
* The work receives a :class:`JobReporter`. Each ``reporter.progress(...)`` is written
  in its own short autocommit transaction (at most a few writes per second), so the page
  polling the job sees it move; each one is also a cancellation point.
* :func:`run_job` writes the outcome: SUCCEEDED with the returned dict in ``result``,
  FAILED with the error text (the traceback goes to the log and to the task result),
  or CANCELLED when :func:`request_cancel` was called.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import Job

logger = logging.getLogger(__name__)

T = TypeVar("T")
Work = Callable[["JobReporter"], dict[str, Any] | None]

#: Minimum time between two progress writes of one job, in seconds.
PROGRESS_INTERVAL = 0.25
#: A running job that has written no progress for this long is taken for dead: its
#: worker was killed or its machine stopped. Work must report progress more often.
STALE_AFTER = dt.timedelta(minutes=10)


class JobCancelled(Exception):
    """Raised inside the work when someone asked to cancel the job."""


class JobRefused(Exception):
    """Raised by the work when its input is wrong (a bad file...): an expected failure.

    The message is written for the person who started the job and is shown as it is;
    no traceback is logged and the task itself ends normally.
    """


def worker_name() -> str:
    """Where this job runs: host and process id, e.g. ``web-1:4242``."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


# --- Starting and cancelling -----------------------------------------------------------------


def start_job(
    *,
    kind: str,
    label: str,
    task: Any,
    production: Any = None,
    acting_user: Any = None,
    **task_kwargs: Any,
) -> Job:
    """Create a queued ``Job`` and enqueue ``task`` once the current transaction commits.

    ``task`` is a Django task (``@task``) that accepts ``job_id`` and ``task_kwargs`` as
    keyword arguments; pass ids, not objects. Outside a transaction the task is enqueued
    at once.
    """
    job = Job.objects.create(
        kind=kind,
        label=label[:200],
        production=production,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    job_id = str(job.pk)

    def enqueue() -> None:
        task_result = task.enqueue(job_id=job_id, **task_kwargs)
        Job.objects.filter(pk=job_id).update(task_result_id=str(task_result.id))
        job.task_result_id = str(task_result.id)

    transaction.on_commit(enqueue)
    return job


def request_cancel(job: Job, *, acting_user: Any) -> Job:
    """Ask ``job`` to stop.

    A job still waiting in the queue is cancelled at once (the worker that later picks
    its task finds it no longer queued and skips it). A running job gets
    ``cancel_requested``; the work stops at its next progress report. Finished jobs are
    left as they are. Returns the job as it now stands.
    """
    now = timezone.now()
    with transaction.atomic():
        cancelled_in_queue = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.CANCELLED,
            cancel_requested=True,
            message=_("Cancelled before it started."),
            finished_at=now,
            updated_at=now,
        )
        flagged = 0
        if not cancelled_in_queue:
            flagged = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                cancel_requested=True, updated_at=now
            )
        if (cancelled_in_queue or flagged) and job.production_id:
            audit.record(
                "core.job.cancel_requested",
                actor=acting_user,
                production=job.production,
                target=job,
                data={"kind": job.kind},
            )
    job.refresh_from_db()
    return job


# --- Reporting progress ----------------------------------------------------------------------


class JobReporter:
    """What the work uses to report progress and to notice a cancellation.

    ``progress`` writes are throttled to one every ``interval`` seconds (the last value
    is kept and written by :meth:`flush` or the next write). Each write is an UPDATE
    that only matches a running, non-cancelled job, so it doubles as the cancellation
    check: when it matches nothing, :class:`JobCancelled` is raised.

    Call it outside any ``transaction.atomic`` block: inside one, the page would not see
    the progress until the block commits.
    """

    def __init__(self, job: Job, *, interval: float = PROGRESS_INTERVAL) -> None:
        self.job = job
        self.interval = interval
        self.writes = 0
        self._last_write = float("-inf")
        self._last_check = float("-inf")
        self._pending: dict[str, Any] = {}

    def progress(
        self, percent: float | None = None, message: str | None = None, *, force: bool = False
    ) -> None:
        """Set the percentage (0 to 100) and/or the message shown to the person waiting."""
        if percent is not None:
            self._pending["percent"] = max(0, min(100, int(percent)))
        if message is not None:
            self._pending["message"] = str(message)[:300]
        if force or time.monotonic() - self._last_write >= self.interval:
            self.flush()

    def flush(self) -> None:
        """Write pending progress now; raise :class:`JobCancelled` if the job was cancelled."""
        if connection.in_atomic_block:
            logger.warning(
                "Progress of job %s reported inside a transaction: not visible until commit.", self.job.pk
            )
        changes = dict(self._pending)
        self._pending.clear()
        now = time.monotonic()
        self._last_write = self._last_check = now
        updated = Job.objects.filter(
            pk=self.job.pk, status=Job.Status.RUNNING, cancel_requested=False
        ).update(**changes, updated_at=timezone.now())
        self.writes += 1
        for key, value in changes.items():
            setattr(self.job, key, value)
        if not updated:
            raise JobCancelled

    @property
    def last_message(self) -> str:
        """The latest message reported, written or still pending."""
        return str(self._pending.get("message", self.job.message))

    def check_cancelled(self) -> None:
        """Raise :class:`JobCancelled` if a cancel was requested (reads at most every ``interval``)."""
        now = time.monotonic()
        if now - self._last_check < self.interval:
            return
        self._last_check = now
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled

    def track(
        self,
        items: Iterable[T],
        *,
        total: int | None = None,
        start: float = 0,
        end: float = 100,
        message: str | None = None,
    ) -> Iterator[T]:
        """Yield ``items``, moving the percentage from ``start`` to ``end`` as they go by."""
        if total is None:
            total = len(items) if hasattr(items, "__len__") else 0
        span = end - start
        self.progress(start, message)
        for index, item in enumerate(items):
            yield item
            if total:
                self.progress(start + span * (index + 1) / total)
        self.progress(end)


# --- Running ---------------------------------------------------------------------------------


def claim_job(job_id: Any, *, worker: str | None = None) -> Job | None:
    """Move the job from QUEUED to RUNNING atomically; ``None`` if someone else got there first."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        updated_at=now,
        worker=worker or worker_name(),
        attempts=F("attempts") + 1,
        percent=0,
    )
    if not claimed:
        return None
    return Job.objects.get(pk=job_id)


def _finish(job: Job, status: str, **fields: Any) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=status, finished_at=now, updated_at=now, **fields
    )


def run_job(job_id: Any, work: Work, *, worker: str | None = None) -> Job | None:
    """Claim the job, run ``work(reporter)`` and record how it ended.

    Returns the finished job, or ``None`` when the job was not QUEUED any more (already
    run, running elsewhere, or cancelled before it started). An exception raised by the
    work marks the job FAILED, is logged with its traceback and is raised again so that
    the task result records it too.
    """
    job = claim_job(job_id, worker=worker)
    if job is None:
        current = Job.objects.filter(pk=job_id).values_list("status", flat=True).first()
        logger.info("Job %s not run: its status is %s, not queued.", job_id, current)
        return None
    reporter = JobReporter(job)
    try:
        if job.cancel_requested:
            raise JobCancelled
        result = work(reporter) or {}
    except JobCancelled:
        _finish(job, Job.Status.CANCELLED, message=_("Cancelled."))
        logger.info("Job %s (%s) cancelled.", job.pk, job.kind)
    except JobRefused as refusal:
        _finish(job, Job.Status.FAILED, error=str(refusal), message=_("Failed."))
        logger.info("Job %s (%s) refused its input: %s", job.pk, job.kind, refusal)
    except BaseException as error:
        logger.exception("Job %s (%s) failed.", job.pk, job.kind)
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        _finish(job, Job.Status.FAILED, error=text, message=_("Failed."))
        raise
    else:
        _finish(
            job,
            Job.Status.SUCCEEDED,
            result=result,
            percent=100,
            message=reporter.last_message or _("Done."),
        )
    job.refresh_from_db()
    return job


def fail_stale_jobs(*, silent_for: dt.timedelta = STALE_AFTER) -> int:
    """Mark as failed the running jobs that reported nothing for ``silent_for``; return how many.

    Called when a worker starts and whenever a page polls a running job, so that a job
    whose worker died does not show a progress bar that never moves.
    """
    now = timezone.now()
    minutes = int(silent_for.total_seconds() // 60)
    return Job.objects.filter(status=Job.Status.RUNNING, updated_at__lt=now - silent_for).update(
        status=Job.Status.FAILED,
        finished_at=now,
        updated_at=now,
        error=_("The worker running this job stopped: no progress for %(minutes)s minutes. Start it again.")
        % {"minutes": minutes},
    )
