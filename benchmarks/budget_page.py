#!/usr/bin/env python
"""Server time of the budget page and of a one-line edit on a 5,000-line budget.

Builds a fresh SQLite database in a temporary directory, imports the generated budget of
``benchmarks/budget_calc.py`` (5,000 lines, 30 fringes, 50 globals) through the app's
import action, then times, in the process around the Django test client call (no
network, no browser): the full budget page (GET, every line an editable row), and a
one-line edit as the sheet sends it (an htmx POST answered with the row and the totals
that moved). Prints JSON with p50/p95/max in ms and the number of queries of each.

    .venv/bin/python benchmarks/budget_page.py [--pages 10] [--edits 30]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    os.environ["CLAPBOARD_VAR_DIR"] = tempfile.mkdtemp(prefix="clapboard-budget-page-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clapboard.config.settings")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files are not collected in the fresh folder: plain URLs instead of the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)

    from budget_calc import generate_budget
    from tests import factories

    from clapboard.budgets import actions
    from clapboard.budgets.models import Line
    from clapboard.engines.budget import write_budget

    user = factories.make_user("bench")
    production = factories.make_production(user, title="Banc d'essai", kind="feature")
    version = actions.import_budget(
        production, write_budget(generate_budget(5000)), acting_user=user, name="Banc"
    )
    client = Client()
    client.force_login(user)
    page_url = f"/productions/{production.pk}/budget/{version.pk}/"

    client.get(page_url)  # warm the session and the template caches
    page_times: list[float] = []
    peer_times: list[float] = []
    for _ in range(args.pages):  # the page and the peer (/healthz) in alternation
        started = time.perf_counter()
        response = client.get(page_url)
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        started = time.perf_counter()
        client.get("/healthz")
        peer_times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as page_queries:
        client.get(page_url)

    lines = list(Line.objects.filter(budget_version=version, fringe_sets=[]).order_by("pk")[: args.edits])
    edit_times: list[float] = []
    edit_queries = 0
    for index, line in enumerate(lines):
        data = {
            "version": line.version,
            "description": line.description,
            "quantity": line.quantity,
            "unit": line.unit,
            "rate": str(100 + index),
            "multiplier": line.multiplier,
        }
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(f"{page_url}lines/{line.pk}/", data, headers={"HX-Request": "true"})
            edit_times.append((time.perf_counter() - started) * 1000)
        edit_queries = len(queries.captured_queries)
        assert response.status_code == 200, response.content[:300]

    print(
        json.dumps(
            {
                "lines": Line.objects.filter(budget_version=version).count(),
                "page": {**figures(page_times), "queries": len(page_queries.captured_queries)},
                "peer_healthz": figures(peer_times),
                "page_p50_over_peer_p50": round(
                    statistics.median(page_times) / statistics.median(peer_times), 1
                ),
                "one_line_edit": {**figures(edit_times), "queries": edit_queries},
                "database": "sqlite",
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
