"""Background work of schedules: looking for a better schedule with the planner.

``start_planning`` queues a job; the worker reads the schedule (``planning.build_problem``)
and runs ``solve_plan`` in a thread of its own while the job's thread writes, four times a
second, the best cost, the lower bound and the gap found so far to the ``Job`` row (its
``result["progress"]``), which the Optimise page polls. All database work stays in the
job's thread: the solver's threads only leave their figures in memory.

A cancel ("Stop") stops the solver, which keeps the best plan found: the job ends
cancelled with that plan in its result, so it can still be looked at and applied. The
board itself is never changed by the job: a person applies a plan (``actions.apply_plan``).
"""

from __future__ import annotations

import threading
import time
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_tasks import task

from clapboard.core.jobs import JobCancelled, JobRefused, JobReporter, run_job, start_job
from clapboard.core.models import Job
from clapboard.engines.schedule.planning import PlanningError

from . import planning
from .models import Schedule

PLAN_KIND = "schedules.plan"
_REPORT_SECONDS = 0.25
SOLVER_WORKERS = 2


def start_planning(schedule: Schedule, *, acting_user: Any, time_limit: int) -> Job:
    """Queue a search for a better schedule of ``schedule`` for ``time_limit`` seconds."""
    with transaction.atomic():
        job = start_job(
            kind=PLAN_KIND,
            label=_("Better schedule for %(name)s") % {"name": schedule.name},
            task=plan_schedule,
            production=schedule.production,
            acting_user=acting_user,
            schedule_id=schedule.pk,
            time_limit=float(time_limit),
            based_on_version=schedule.version,
        )
        # The schedule's searches are found by this key, queued ones included.
        job.result = {"schedule_id": schedule.pk, "based_on_version": schedule.version}
        Job.objects.filter(pk=job.pk).update(result=job.result)
    return job


class _Figures:
    """The solver's latest figures, written by its threads and read by the job's thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.best: int | None = None
        self.bound: int | None = None
        self.changed = False

    def update(self, progress: Any) -> None:
        with self.lock:
            self.best, self.bound, self.changed = progress.best_cost, progress.lower_bound, True

    def take(self) -> tuple[int | None, int | None, bool]:
        with self.lock:
            changed, self.changed = self.changed, False
            return self.best, self.bound, changed


def progress_data(best: int | None, bound: int | None, seconds: float, time_limit: float) -> dict[str, Any]:
    gap = None if best is None or bound is None else ((best - bound) / best if best else 0.0)
    return {
        "best": best,
        "bound": bound,
        "gap": gap,
        "seconds": round(seconds, 1),
        "time_limit": time_limit,
    }


def _write_progress(job: Job, percent: int, progress: dict[str, Any], base: dict[str, Any]) -> None:
    """One short write of the figures; a job cancelled meanwhile raises ``JobCancelled``."""
    updated = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, cancel_requested=False).update(
        percent=percent,
        message=_("Searching: %(seconds)s s of %(limit)s s")
        % {"seconds": int(progress["seconds"]), "limit": int(progress["time_limit"])},
        result={**base, "progress": progress},
        updated_at=timezone.now(),
    )
    if not updated:
        raise JobCancelled


def find_plan(
    reporter: JobReporter, *, schedule_id: int, time_limit: float, based_on_version: int
) -> dict[str, Any]:
    """The work of a planning job: read, solve with live figures, keep the result."""
    from clapboard.engines.schedule.planning import solve_plan  # loads OR-Tools

    schedule = Schedule.objects.select_related("production").filter(pk=schedule_id).first()
    if schedule is None:
        raise JobRefused(_("The schedule was deleted before the search could start."))
    reporter.progress(1, _("Reading the board and the terms…"), force=True)
    built = planning.build_problem(schedule)
    base = {"schedule_id": schedule.pk, "based_on_version": based_on_version, "time_limit": time_limit}
    if built.problem is None:
        reporter.progress(100, _("The terms conflict: no schedule can keep them all."), force=True)
        return {**base, **planning.conflict_data(built), "current": None, "stopped": False}
    current = planning.current_board_data(built)
    figures = _Figures()
    stop = threading.Event()
    outcome: dict[str, Any] = {}

    def solve() -> None:
        try:
            outcome["result"] = solve_plan(
                built.problem,
                time_limit=time_limit,
                on_progress=figures.update,
                should_stop=stop.is_set,
                workers=SOLVER_WORKERS,
            )
        except BaseException as error:  # handed to the job's thread
            outcome["error"] = error

    started = time.monotonic()
    solver = threading.Thread(target=solve, name=f"plan-{schedule.pk}", daemon=True)
    solver.start()
    stopped = False
    while solver.is_alive():
        solver.join(_REPORT_SECONDS)
        best, bound, changed = figures.take()
        elapsed = time.monotonic() - started
        percent = min(99, int(100 * elapsed / time_limit)) if time_limit else 99
        if stopped:
            continue
        try:
            if changed or best is None or percent != reporter.job.percent:
                _write_progress(reporter.job, percent, progress_data(best, bound, elapsed, time_limit), base)
                reporter.job.percent = percent
        except JobCancelled:
            stopped = True
            stop.set()
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, PlanningError):
            raise JobRefused(str(error)) from error
        raise error
    result = outcome["result"]
    data = {**base, **planning.result_data(result, built), "current": current, "stopped": stopped}
    if stopped:
        # Keep the best plan found with the cancelled job: it may still be applied.
        Job.objects.filter(pk=reporter.job.pk).update(result=data, updated_at=timezone.now())
        raise JobCancelled
    seconds = number_format(round(result.seconds, 1), 1)
    reporter.progress(100, _("Finished in %(seconds)s s.") % {"seconds": seconds}, force=True)
    return data


@task()
def plan_schedule(*, job_id: str, **options: Any) -> None:
    run_job(job_id, partial(find_plan, **options))
