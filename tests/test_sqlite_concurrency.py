"""Eight processes write one SQLite file at once: no "database is locked", no lost update.

Runs benchmarks/sqlite_writers.py for three seconds: each process increments one
production's counter through ``update_production`` with the version it read, retrying
on an edit conflict. IMMEDIATE transactions and the busy timeout must make writers
queue; the final counter must equal the number of successful writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.PROJECT_DIR) / "benchmarks" / "sqlite_writers.py"

pytestmark = [
    pytest.mark.skipif(not SCRIPT.exists(), reason="benchmarks/ not shipped with this install"),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite-only: PostgreSQL has row locks of its own",
    ),
]


def test_eight_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--writers", "8", "--seconds", "3", "--var-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = json.loads(done.stdout)

    assert report["locked"] == 0, report
    assert report["other_errors"] == 0, report
    assert report["successes"] > 0
    assert report["final_counter"] == report["successes"]
    assert report["audit_events"] == report["successes"]
    assert done.returncode == 0, done.stderr
