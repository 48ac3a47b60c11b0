#!/usr/bin/env python
"""Server time of a strip reorder on a 400-strip board.

Builds a fresh SQLite database in a temporary directory, imports a screenplay of 300
scenes, lays out a schedule from it (300 scene strips and about 100 day breaks, plus
banners to reach 400 strips), then moves one strip at a time to another place the way
the board page does: an htmx POST of the full order with the version read, answered with
the re-rendered board (totals and dates). Each request is timed in the process, around
the Django test client call (no network, no browser): that is the server's time. The
same is measured for the API's PUT of the order. Prints JSON with p50/p95/max in ms.

    .venv/bin/python benchmarks/stripboard.py [--moves 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES = 300
STRIPS = 400


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
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="clapboard-stripboard-")
    os.environ["CLAPBOARD_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clapboard.config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)

    from tests import factories

    from clapboard.accounts.models import ApiToken
    from clapboard.schedules import actions
    from clapboard.schedules.models import Strip
    from clapboard.schedules.tests.helpers import screenplay

    user = factories.make_user("bench")
    production = factories.make_production(user, title="Banc d'essai", kind="feature")
    factories.make_script(production, user, text=screenplay(SCENES))
    schedule = actions.create_schedule(production, acting_user=user, name="Banc", pages_per_day=1)
    while schedule.strips.count() < STRIPS:
        actions.add_strip(
            schedule, Strip.Kind.BANNER, text="Bannière", acting_user=user, expected_version=schedule.version
        )
        schedule.refresh_from_db()
    strips = schedule.strips.count()

    rng = random.Random(args.seed)
    client = Client()
    client.force_login(user)
    url = f"/productions/{production.pk}/schedule/{schedule.pk}/reorder/"
    order = list(schedule.strips.order_by("position").values_list("pk", flat=True))
    page_times: list[float] = []
    for _ in range(args.moves):
        moved = order.pop(rng.randrange(len(order)))
        order.insert(rng.randrange(len(order) + 1), moved)
        data = {"order": ",".join(map(str, order)), "version": schedule.version}
        started = time.perf_counter()
        response = client.post(url, data, headers={"HX-Request": "true"})
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        schedule.refresh_from_db(fields=["version"])  # a move back to the same place changes nothing

    _token, raw_key = ApiToken.issue(user, "bench")
    api = Client(headers={"Authorization": f"Bearer {raw_key}"})
    api_url = f"/api/v1/productions/{production.pk}/schedules/{schedule.pk}/order"
    api_times: list[float] = []
    for _ in range(args.moves):
        moved = order.pop(rng.randrange(len(order)))
        order.insert(rng.randrange(len(order) + 1), moved)
        body = json.dumps({"order": order, "version": schedule.version})
        started = time.perf_counter()
        response = api.put(api_url, body, content_type="application/json")
        api_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:200]
        schedule.refresh_from_db(fields=["version"])  # a move back to the same place changes nothing

    print(
        json.dumps(
            {
                "strips": strips,
                "scenes": SCENES,
                "moves": args.moves,
                "page_reorder": figures(page_times),
                "api_reorder": figures(api_times),
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
