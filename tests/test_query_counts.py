"""Query counts of every page and API read do not grow with the number of rows.

Each GET route and each API GET operation is measured twice for the producer: once on a
production with one row of everything, once after adding 49 more of everything
(productions, companies, members, episodes, key dates, activity, jobs, tokens). The
counts must not grow; the N+1 detector is on as well, request by request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from zeal import zeal_context, zeal_ignore

from clapboard.accounts.models import ApiToken
from clapboard.companies.actions import add_company_member
from clapboard.core.models import Job
from clapboard.productions import actions
from clapboard.productions.roles import Role

from . import factories
from .test_permission_sweep import PUBLIC_ROUTES, fill, iter_routes

EXTRA_ROWS = 49


def grow(world: dict[str, Any]) -> None:
    production = world["production"]
    producer = world["members"][Role.PRODUCER]
    company = world["company"]
    for index in range(EXTRA_ROWS):
        factories.add_member(production, Role.CREW)
        actions.create_episode(
            production, acting_user=producer, number=index + 2, title=f"Episode {index + 2}"
        )
        actions.set_key_date(
            production,
            acting_user=producer,
            kind="other",
            label=f"Milestone {index}",
            date=dt.date(2027, 1, 1) + dt.timedelta(days=index),
        )
        factories.make_production(producer, company, title=f"Other production {index}")
        add_company_member(
            factories.make_company(producer), acting_user=producer, user=producer, role="admin"
        )
        Job.objects.create(production=production, kind="export", label=f"Export {index}", created_by=producer)
        ApiToken.issue(producer, f"token {index}")


def count_queries(client: Any, path: str, **headers: str) -> tuple[int, int]:
    with zeal_context():  # warm-up: first-use writes (token last use, session) are not counted
        client.get(path, **headers)
    with zeal_context(), CaptureQueriesContext(connection) as context:
        response = client.get(path, **headers)
    return response.status_code, len(context.captured_queries)


def page_paths(world: dict[str, Any]) -> list[str]:
    return [
        fill(route.pattern, world["samples"])
        for route in iter_routes()
        if route.name not in PUBLIC_ROUTES and route.name != "accounts:logout"
    ]


def api_paths(client: Any, world: dict[str, Any]) -> list[str]:
    schema = client.get("/api/openapi.json").json()
    paths = []
    for template, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        path = template
        for name, value in world["samples"].items():
            path = path.replace("{" + name + "}", str(value))
        assert "{" not in path, f"no sample value for a parameter of {template}"
        paths.append("/api" + path if not path.startswith("/api") else path)
    return paths


@pytest.mark.django_db
def test_pages_and_api_reads_do_not_grow_with_rows(client, world):
    producer = world["members"][Role.PRODUCER]
    client.force_login(producer)
    _token, raw = ApiToken.issue(producer, "counts")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    paths = [(path, {}) for path in page_paths(world)] + [(path, bearer) for path in api_paths(client, world)]
    before = {path: count_queries(client, path, **headers) for path, headers in paths}
    with zeal_ignore():  # building rows in a loop is set-up, not a page's N+1
        grow(world)
    after = {path: count_queries(client, path, **headers) for path, headers in paths}
    # A page may look up each kind of record its rows refer to once (the activity feed
    # names the companies its changes point at), so fewer kinds can mean fewer queries;
    # more rows must never mean more queries.
    growing = {
        path: (before[path], after[path])
        for path, _ in paths
        if before[path][0] != after[path][0] or before[path][1] < after[path][1]
    }
    assert growing == {}, "status and query count (1 row) vs (50 rows)"
    # Action routes answer a GET with 405 or a redirect to their page; the rest with 200.
    failing = {path: status for path, (status, _count) in after.items() if status not in (200, 302, 405)}
    assert failing == {}
    assert sum(status == 200 for status, _count in after.values()) >= 20
