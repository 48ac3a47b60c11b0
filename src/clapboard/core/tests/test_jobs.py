"""Jobs run for real: queued in the database backend, picked up by the database worker."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clapboard.accounts.models import User
from clapboard.core import jobs
from clapboard.core.models import AuditEvent, Job
from clapboard.core.tests.job_tasks import count_steps, record_run, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def user() -> User:
    return User.objects.create_user(username="runner", password="x" * 12)


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "runs.log"


def runs(log_path: Path) -> list[str]:
    return log_path.read_text().split() if log_path.exists() else []


def start(task, user, django_capture_on_commit_callbacks, **kwargs) -> Job:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return jobs.start_job(kind="test", label="Test job", task=task, acting_user=user, **kwargs)


def test_start_job_enqueues_only_after_commit(user, log_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = jobs.start_job(
            kind="test", label="Test job", task=record_run, acting_user=user, log_path=str(log_path)
        )
        assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.created_by == user
    task_result = DBTaskResult.objects.get()
    assert job.task_result_id == str(task_result.id)
    assert task_result.args_kwargs["kwargs"] == {"job_id": str(job.pk), "log_path": str(log_path)}


def test_worker_runs_job_to_success(user, log_path, django_capture_on_commit_callbacks):
    job = start(record_run, user, django_capture_on_commit_callbacks, log_path=str(log_path))

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.percent == 100
    assert job.attempts == 1
    assert job.worker
    assert job.started_at is not None
    assert job.finished_at >= job.started_at
    assert "pid" in job.result
    assert job.error == ""
    assert runs(log_path) == [str(job.pk)]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_progress_is_written_and_final_message_kept(user, django_capture_on_commit_callbacks):
    job = start(count_steps, user, django_capture_on_commit_callbacks, steps=4)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.percent == 100
    assert job.message == "step 4 of 4"
    assert job.result == {"steps": 4}


def test_failure_keeps_error_text_and_logs_traceback(user, django_capture_on_commit_callbacks, caplog):
    job = start(count_steps, user, django_capture_on_commit_callbacks, steps=5, fail_at=3)

    with caplog.at_level(logging.ERROR, logger="clapboard.core.jobs"):
        run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "ValueError: step 3 went wrong"
    assert job.percent == 40  # steps 1 and 2 were reported
    assert job.finished_at is not None
    failures = [record for record in caplog.records if record.name == "clapboard.core.jobs"]
    assert failures
    assert failures[0].exc_info is not None
    task_result = DBTaskResult.objects.get()
    assert task_result.status == "FAILED"
    assert "step 3 went wrong" in task_result.traceback


def test_cancel_while_running_stops_at_next_progress(user, log_path, django_capture_on_commit_callbacks):
    job = start(
        count_steps, user, django_capture_on_commit_callbacks, steps=10, cancel_at=4, log_path=str(log_path)
    )

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert job.cancel_requested
    assert job.percent == 30
    assert runs(log_path) == ["1", "2", "3", "4"]
    assert AuditEvent.objects.filter(action="core.job.cancel_requested").count() == 0  # no production


def test_cancel_before_start_means_it_never_runs(user, log_path, django_capture_on_commit_callbacks):
    job = start(record_run, user, django_capture_on_commit_callbacks, log_path=str(log_path))

    job = jobs.request_cancel(job, acting_user=user)
    assert job.status == Job.Status.CANCELLED
    assert job.finished_at is not None

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert job.started_at is None
    assert runs(log_path) == []


def test_cancel_of_finished_job_changes_nothing(user, log_path, django_capture_on_commit_callbacks):
    job = start(record_run, user, django_capture_on_commit_callbacks, log_path=str(log_path))
    run_worker()

    job = jobs.request_cancel(job, acting_user=user)

    assert job.status == Job.Status.SUCCEEDED
    assert not job.cancel_requested


def test_a_retried_task_result_does_not_run_the_job_again(user, log_path, django_capture_on_commit_callbacks):
    job = start(record_run, user, django_capture_on_commit_callbacks, log_path=str(log_path))
    # A second task result for the same job: a retry, or a duplicate enqueue.
    record_run.enqueue(job_id=str(job.pk), log_path=str(log_path))

    run_worker()

    assert runs(log_path) == [str(job.pk)]
    job.refresh_from_db()
    assert job.attempts == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_claim_is_won_once(user):
    job = Job.objects.create(kind="test", label="Claim me")

    first = jobs.claim_job(job.pk, worker="a")
    second = jobs.claim_job(job.pk, worker="b")

    assert first is not None
    assert first.worker == "a"
    assert second is None
    assert jobs.run_job(job.pk, lambda reporter: pytest.fail("ran twice")) is None


def test_progress_writes_are_throttled(user):
    job = Job.objects.create(kind="test", label="Busy", status=Job.Status.RUNNING)
    reporter = jobs.JobReporter(job, interval=60)

    for step in range(1000):
        reporter.progress(step / 10, f"row {step}")

    assert reporter.writes == 1  # the first report goes out at once, then one per minute
    reporter.flush()
    job.refresh_from_db()
    assert (job.percent, job.message) == (99, "row 999")


def test_progress_percent_is_clamped(user):
    job = Job.objects.create(kind="test", label="Odd", status=Job.Status.RUNNING)
    reporter = jobs.JobReporter(job, interval=0)

    reporter.progress(140)
    job.refresh_from_db()
    assert job.percent == 100
    reporter.progress(-3)
    job.refresh_from_db()
    assert job.percent == 0


def test_track_moves_between_bounds(user):
    job = Job.objects.create(kind="test", label="Rows", status=Job.Status.RUNNING)
    reporter = jobs.JobReporter(job, interval=0)
    seen = []

    for item in reporter.track(range(4), start=20, end=60, message="rows"):
        job.refresh_from_db()
        seen.append(job.percent)
        assert item is not None

    job.refresh_from_db()
    assert seen == [20, 30, 40, 50]
    assert job.percent == 60


def test_check_cancelled_raises_after_request(user):
    job = Job.objects.create(kind="test", label="Long", status=Job.Status.RUNNING)
    reporter = jobs.JobReporter(job, interval=0)
    reporter.check_cancelled()

    jobs.request_cancel(job, acting_user=user)

    with pytest.raises(jobs.JobCancelled):
        reporter.check_cancelled()


def _running_job(user: User, *, silent_for: dt.timedelta) -> Job:
    job = Job.objects.create(kind="test", label="Long job", created_by=user, status=Job.Status.RUNNING)
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - silent_for)
    return job


def test_a_job_whose_worker_went_silent_is_marked_failed(user):
    stale = _running_job(user, silent_for=jobs.STALE_AFTER + dt.timedelta(seconds=1))
    alive = _running_job(user, silent_for=dt.timedelta(seconds=5))
    assert jobs.fail_stale_jobs() == 1
    stale.refresh_from_db()
    alive.refresh_from_db()
    assert stale.status == Job.Status.FAILED
    assert stale.finished_at is not None
    assert str(jobs.STALE_AFTER.seconds // 60) in stale.error  # says how long it was silent
    assert alive.status == Job.Status.RUNNING


def test_polling_a_stale_job_shows_it_failed(client, user):
    stale = _running_job(user, silent_for=jobs.STALE_AFTER * 2)
    client.force_login(user)
    response = client.get(f"/jobs/{stale.pk}/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    stale.refresh_from_db()
    assert stale.status == Job.Status.FAILED
