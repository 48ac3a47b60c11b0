#!/usr/bin/env python
"""Concurrent writers on one SQLite file: do they queue, or fail with "database is locked"?

Starts N processes (default 16) against a fresh SQLite database under a temporary
directory. For ``--seconds`` each one increments a shared counter on one production
through the real action (``update_production`` with the version it read, retrying on
an edit conflict), so every success writes the row, its history record and an audit
event in one transaction. Prints JSON: successes, writes per second, conflicts retried,
"database is locked" errors, other errors, and whether any increment was lost.

    .venv/bin/python benchmarks/sqlite_writers.py --writers 16 --seconds 10
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

USERNAME = "writer"


def _setup_django(var_dir: str) -> None:
    os.environ["CLAPBOARD_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = ""
    os.environ["DJANGO_SETTINGS_MODULE"] = "clapboard.config.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def prepare(var_dir: str) -> int:
    """Migrate a fresh database and create the production every writer will edit."""
    _setup_django(var_dir)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from clapboard.companies.actions import create_company
    from clapboard.productions.actions import create_production

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user(username=USERNAME, password=None)
    company = create_company(acting_user=user, name="Bench Films")
    production = create_production(
        acting_user=user, company=company, title="Counter", target_runtime_minutes=0
    )
    return int(production.pk)


def writer(var_dir: str, production_id: int, go: Any, stop: Any, ready: Any, queue: Any) -> None:
    _setup_django(var_dir)
    from django.contrib.auth import get_user_model
    from django.db import OperationalError, close_old_connections

    from clapboard.core.concurrency import EditConflict
    from clapboard.productions.actions import update_production
    from clapboard.productions.models import Production

    user = get_user_model().objects.get(username=USERNAME)
    counts = {"successes": 0, "conflicts": 0, "locked": 0, "other_errors": 0}
    latencies: list[float] = []
    ready.put(os.getpid())
    go.wait()
    while not stop.is_set():
        began = time.perf_counter()
        try:
            production = Production.objects.get(pk=production_id)
            update_production(
                production,
                acting_user=user,
                expected_version=production.version,
                target_runtime_minutes=production.target_runtime_minutes + 1,
            )
        except EditConflict:
            counts["conflicts"] += 1
            continue
        except OperationalError as error:
            key = "locked" if "locked" in str(error).lower() else "other_errors"
            counts[key] += 1
            close_old_connections()
            continue
        except Exception:
            counts["other_errors"] += 1
            continue
        counts["successes"] += 1
        latencies.append(time.perf_counter() - began)
    queue.put({**counts, "latencies": latencies})


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(writers: int, seconds: float, var_dir: str) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        production_id = pool.apply(prepare, (var_dir,))
    queue, ready = context.Queue(), context.Queue()
    go, stop = context.Event(), context.Event()
    processes = [
        context.Process(target=writer, args=(var_dir, production_id, go, stop, ready, queue))
        for _ in range(writers)
    ]
    for process in processes:
        process.start()
    for _ in processes:  # the clock starts once every writer has imported Django
        ready.get(timeout=300)
    go.set()
    time.sleep(seconds)
    stop.set()
    results = [queue.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()

    _setup_django(var_dir)
    from clapboard.core.models import AuditEvent
    from clapboard.productions.models import Production

    counter = Production.objects.get(pk=production_id).target_runtime_minutes
    updates_audited = AuditEvent.objects.filter(action="productions.production.updated").count()
    totals = {
        key: sum(result[key] for result in results)
        for key in ("successes", "conflicts", "locked", "other_errors")
    }
    latencies = [value for result in results for value in result["latencies"]]
    return {
        "benchmark": "sqlite_writers",
        "writers": writers,
        "seconds": seconds,
        **totals,
        "writes_per_second": round(totals["successes"] / seconds, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 0.50) * 1000, 2),
            "p95": round(percentile(latencies, 0.95) * 1000, 2),
            "p99": round(percentile(latencies, 0.99) * 1000, 2),
        },
        "final_counter": counter,
        "audit_events": updates_audited,
        "lost_updates": totals["successes"] - counter,
        "per_writer_successes": sorted(result["successes"] for result in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--var-dir", help="directory for the database (default: a temporary one)")
    options = parser.parse_args(argv)
    if options.var_dir:
        Path(options.var_dir).mkdir(parents=True, exist_ok=True)
        report = run(options.writers, options.seconds, options.var_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="clapboard-writers-") as var_dir:
            report = run(options.writers, options.seconds, var_dir)
    print(json.dumps(report, indent=2))
    return 0 if report["locked"] == 0 and report["lost_updates"] == 0 and report["other_errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
