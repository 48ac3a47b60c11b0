"""Tasks used only by the job tests; they live in a module so that workers can import them."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django_tasks import task

from clapboard.core.jobs import JobReporter, request_cancel, run_job
from clapboard.core.models import Job


def _append_line(path: str, line: str) -> None:
    # One short write with O_APPEND lands whole even when several processes append.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, f"{line}\n".encode())
    finally:
        os.close(fd)


@task()
def record_run(*, job_id: str, log_path: str, sleep: float = 0.0) -> None:
    """Append the job id to ``log_path``: the number of lines per id is the number of runs."""

    def work(reporter: JobReporter) -> dict[str, Any]:
        reporter.progress(10, "started")
        _append_line(log_path, job_id)
        if sleep:
            time.sleep(sleep)
        return {"pid": os.getpid()}

    run_job(job_id, work)


@task()
def count_steps(
    *,
    job_id: str,
    steps: int,
    fail_at: int | None = None,
    cancel_at: int | None = None,
    log_path: str | None = None,
) -> None:
    """Report progress over ``steps`` steps; fail or get cancelled at a given step."""

    def work(reporter: JobReporter) -> dict[str, Any]:
        for step in range(1, steps + 1):
            if log_path:
                _append_line(log_path, str(step))
            if step == fail_at:
                raise ValueError(f"step {step} went wrong")
            if step == cancel_at:
                someone = get_user_model().objects.order_by("pk").first()
                request_cancel(Job.objects.get(pk=job_id), acting_user=someone)
            reporter.progress(100 * step / steps, f"step {step} of {steps}", force=True)
        return {"steps": steps}

    run_job(job_id, work)


@task()
def wait_for_flag(*, job_id: str, flag_path: str, timeout: float = 30.0) -> None:
    """Report 50 %, then wait until ``flag_path`` exists: lets a test watch a running job."""

    def work(reporter: JobReporter) -> dict[str, Any]:
        reporter.progress(50, "half way", force=True)
        deadline = time.monotonic() + timeout
        while not Path(flag_path).exists():
            if time.monotonic() > deadline:
                raise TimeoutError("flag never appeared")
            reporter.check_cancelled()
            time.sleep(0.05)
        return {"waited": True}

    run_job(job_id, work)


def run_worker(*, worker_id: str = "test-worker") -> None:
    """Run the database worker in this process until the queue is empty.

    It is ``manage.py db_worker --batch`` without its signal handlers, and with its
    connection recycling turned off: inside a test transaction that would close the
    connection under the test.
    """
    from unittest import mock

    from django_tasks_db.management.commands import db_worker

    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", return_value=None):
        worker.run()
