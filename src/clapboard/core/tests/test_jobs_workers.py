"""Several worker processes on one queue: every job runs exactly once.

Each test migrates a fresh database (a SQLite file, or a new PostgreSQL database when
CLAPBOARD_TEST_POSTGRES_URL or a postgres DATABASE_URL is set), enqueues jobs from one
process, then runs ``manage.py db_worker --batch`` in two processes at the same time.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

MANAGE = Path(settings.PROJECT_DIR) / "manage.py"
JOB_COUNT = 30
DUPLICATED = 10  # jobs that get a second task result, as a retry would
WORKER_TIMEOUT = 120

pytestmark = pytest.mark.skipif(not MANAGE.exists(), reason="manage.py not found beside the package")


def _env(var_dir: Path, database_url: str = "") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"TASKS_BACKEND", "PRODUCTION"}}
    env.update(
        CLAPBOARD_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="clapboard.config.settings",
        DEBUG="0",
    )
    return env


def _manage(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    done = subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _shell(env: dict[str, str], code: str) -> str:
    return _manage(env, "shell", "--no-imports", "-c", code)


ENQUEUE = """
from clapboard.core.jobs import start_job
from clapboard.core.tests.job_tasks import record_run
for number in range({count}):
    job = start_job(kind="test", label=f"job {{number}}", task=record_run, log_path={log!r}, sleep=0.05)
    if number < {duplicated}:
        record_run.enqueue(job_id=str(job.pk), log_path={log!r}, sleep=0.05)
"""

SUMMARY = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from clapboard.core.models import Job
print(json.dumps({
    "jobs": dict(Job.objects.values_list("status").annotate(n=Count("id"))),
    "attempts": sorted(set(Job.objects.values_list("attempts", flat=True))),
    "workers": sorted(set(Job.objects.values_list("worker", flat=True))),
    "task_results": dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id"))),
}))
"""


def _run_workers(env: dict[str, str], count: int) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(MANAGE),
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--interval",
                "0",
                "--worker-id",
                f"worker-{number}",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(count)
    ]
    finished = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=WORKER_TIMEOUT)
        finished.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return finished


def _prove_each_job_ran_once(env: dict[str, str], log: Path) -> dict[str, Any]:
    _shell(env, ENQUEUE.format(count=JOB_COUNT, duplicated=DUPLICATED, log=str(log)))

    for worker in _run_workers(env, 2):
        assert worker.returncode == 0, worker.stderr

    runs = Counter(log.read_text().split())
    assert len(runs) == JOB_COUNT
    assert set(runs.values()) == {1}, {job: n for job, n in runs.items() if n != 1}
    summary = json.loads(_shell(env, SUMMARY).strip().splitlines()[-1])
    assert summary["jobs"] == {"succeeded": JOB_COUNT}
    assert summary["attempts"] == [1]
    assert summary["task_results"] == {"SUCCESSFUL": JOB_COUNT + DUPLICATED}
    return summary


# --- SQLite ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    template = tmp_path_factory.mktemp("sqlite-template")
    _manage(_env(template), "migrate", "--noinput")
    return template


@pytest.fixture
def sqlite_env(migrated_sqlite: Path, tmp_path: Path) -> dict[str, str]:
    var_dir = tmp_path / "var"
    shutil.copytree(migrated_sqlite, var_dir)
    return _env(var_dir)


def test_two_workers_on_sqlite_run_each_job_once(sqlite_env: dict[str, str], tmp_path: Path) -> None:
    summary = _prove_each_job_ran_once(sqlite_env, tmp_path / "runs.log")
    assert len(summary["workers"]) == 2, "both workers should have taken jobs"


def test_progress_is_visible_while_the_job_runs(sqlite_env: dict[str, str], tmp_path: Path) -> None:
    flag = tmp_path / "go"
    code = (
        "from clapboard.core.jobs import start_job\n"
        "from clapboard.core.tests.job_tasks import wait_for_flag\n"
        f"print(start_job(kind='test', label='wait', task=wait_for_flag, flag_path={str(flag)!r}).pk)\n"
    )
    job_id = uuid.UUID(_shell(sqlite_env, code).strip().splitlines()[-1]).hex
    database = Path(sqlite_env["CLAPBOARD_VAR_DIR"]) / "clapboard.sqlite3"
    worker = subprocess.Popen(
        [sys.executable, str(MANAGE), "db_worker", "--batch", "--no-startup-delay", "--interval", "0"],
        env=sqlite_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and seen != ("running", 50, "half way"):
            with sqlite3.connect(database, timeout=30) as reader:
                seen = reader.execute(
                    "SELECT status, percent, message FROM core_job WHERE id = ?", [job_id]
                ).fetchone()
            time.sleep(0.05)
        assert seen == ("running", 50, "half way")
    finally:
        flag.touch()
        _stdout, stderr = worker.communicate(timeout=WORKER_TIMEOUT)
    assert worker.returncode == 0, stderr
    with sqlite3.connect(database) as reader:
        assert reader.execute("SELECT status FROM core_job WHERE id = ?", [job_id]).fetchone() == (
            "succeeded",
        )


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_url() -> str:
    for name in ("CLAPBOARD_TEST_POSTGRES_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return ""


@pytest.fixture
def postgres_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    url = _postgres_url()
    if not url:
        pytest.skip("set CLAPBOARD_TEST_POSTGRES_URL to run against PostgreSQL")
    psycopg = pytest.importorskip("psycopg")
    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    name = f"clapboard_jobs_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL not reachable: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            env = _env(tmp_path / "var", urlunsplit(parts._replace(path=f"/{name}")))
            _manage(env, "migrate", "--noinput")
            yield env
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres_only
def test_two_workers_on_postgres_run_each_job_once(postgres_env: dict[str, str], tmp_path: Path) -> None:
    summary = _prove_each_job_ran_once(postgres_env, tmp_path / "runs.log")
    assert len(summary["workers"]) == 2, "both workers should have taken jobs"
