"""Walk every web route and every API operation and prove the access rules.

- A person outside a production (or company) gets 404: its existence never leaks.
- A member whose role lacks the capability a route declares gets 403, for GET and POST.
- A member whose role has it is let through on GET.
- Every route declares its rule; a new route without one fails this test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from zeal import zeal_context

from clapboard.accounts.models import ApiToken
from clapboard.productions.roles import CAPABILITIES, Capability

# Routes open to anyone (login, language switch, health check, invitation links).
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:invitation_accept",
    "set_language",
    "core:healthz",
    "scripts:category_styles",
    "schedules:feed",  # opened by a signed secret link; the link's author must still have access
}
# Routes for any logged-in user that are not about one production or company: they show
# only the user's own things (their productions, their tokens, their jobs).
USER_ROUTES = {
    "accounts:logout",
    "core:job_cancel",
    "accounts:settings",
    "accounts:tokens",
    "accounts:token_revoke",
    "productions:home",
    "productions:production_create",
    "productions:switcher",
    "companies:company_create",
    "core:job_detail",
}
SKIPPED_PREFIXES = ("admin/", "api/", "static/")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: Any


def iter_routes(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}{entry.namespace}:"
            yield from iter_routes(entry, route, child_namespace)
        elif isinstance(entry, URLPattern):
            yield Route(f"{namespace}{entry.name}", route, entry.callback)


_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def fill(pattern: str, samples: dict[str, Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in samples:
            pytest.fail(f"The sweep has no sample value for URL parameter <{name}> in {pattern!r}: add one.")
        return str(samples[name])

    path = _PARAMETER.sub(replace, pattern)
    return "/" + path.lstrip("^").rstrip("$")


def status_for(client: Any, user: Any, method: str, path: str) -> int:
    # Each request gets its own N+1 context: logging in again and again is not an N+1.
    with zeal_context():
        client.force_login(user)
        response = client.get(path) if method == "GET" else client.post(path, {})
    return response.status_code


def test_every_route_declares_its_access_rule():
    undeclared = [
        f"{route.name} ({route.pattern})"
        for route in iter_routes()
        if not hasattr(route.callback, "required_capability")
        and not hasattr(route.callback, "requires_company_admin")
        and route.name not in PUBLIC_ROUTES | USER_ROUTES
    ]
    assert undeclared == [], "Routes without a declared access rule"


def test_production_routes_hide_themselves_from_outsiders_and_check_capabilities(client, world):
    routes = [route for route in iter_routes() if hasattr(route.callback, "required_capability")]
    assert len(routes) >= 8, "the sweep found too few production routes; is the URL walk broken?"
    failures = []
    for route in routes:
        capability = Capability(route.callback.required_capability)
        path = fill(route.pattern, world["samples"])
        for method in ("GET", "POST"):
            status = status_for(client, world["outsider"], method, path)
            if status != 404:
                failures.append(f"outsider {method} {path} ({route.name}) → {status}, expected 404")
            for role, user in world["members"].items():
                allowed = capability in CAPABILITIES[role]
                if allowed and method == "POST":
                    continue  # a permitted POST needs real form data; pages' own tests cover it
                status = status_for(client, user, method, path)
                if not allowed and status != 403:
                    failures.append(f"{role} {method} {path} ({route.name}) → {status}, expected 403")
                if allowed and status in (403, 404):
                    failures.append(f"{role} {method} {path} ({route.name}) → {status}, expected access")
    assert failures == []


def test_company_routes_hide_themselves_from_outsiders(client, world):
    routes = [route for route in iter_routes() if hasattr(route.callback, "requires_company_admin")]
    assert routes, "no company routes found"
    failures = []
    for route in routes:
        path = fill(route.pattern, world["samples"])
        for method in ("GET", "POST"):
            status = status_for(client, world["outsider"], method, path)
            if status != 404:
                failures.append(f"outsider {method} {path} → {status}, expected 404")
            if route.callback.requires_company_admin:
                status = status_for(client, world["company_member"], method, path)
                if status != 403:
                    failures.append(f"non-admin member {method} {path} → {status}, expected 403")
    assert failures == []


def test_logged_out_visitors_are_sent_to_login(client, world):
    failures = []
    for route in iter_routes():
        if route.name in PUBLIC_ROUTES:
            continue
        path = fill(route.pattern, world["samples"])
        with zeal_context():
            response = client.get(path)
        if response.status_code != 302 or "/login" not in response["Location"]:
            failures.append(f"GET {path} ({route.name}) → {response.status_code}")
    assert failures == []


# --- API ------------------------------------------------------------------------------


def api_operations(client: Any) -> list[tuple[str, str, dict[str, Any]]]:
    schema = client.get("/api/openapi.json").json()
    return [
        (method.upper(), path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def api_status(client: Any, raw_key: str, method: str, path: str) -> int:
    with zeal_context():
        response = client.generic(
            method, path, data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw_key}"
        )
    return response.status_code


def api_path(template: str, samples: dict[str, Any]) -> str:
    path = template
    for name, value in samples.items():
        path = path.replace("{" + name + "}", str(value))
    if "{" in path:
        pytest.fail(f"The sweep has no sample value for a parameter of {template}: add one.")
    return path if path.startswith("/api/") else "/api" + path


def test_every_api_operation_declares_its_access_rule(client, world):
    undeclared = []
    for method, path, operation in api_operations(client):
        if "{production_id}" in path and "x-capability" not in operation:
            undeclared.append(f"{method} {path}: x-capability")
        elif "{company_id}" in path and "x-company-admin" not in operation:
            undeclared.append(f"{method} {path}: x-company-admin")
        elif not {"x-capability", "x-company-admin", "x-scope"} & set(operation):
            undeclared.append(f"{method} {path}: no rule")
    assert undeclared == []


def test_api_hides_productions_from_outsiders_and_checks_capabilities(client, world):
    keys = {role: ApiToken.issue(user, "sweep")[1] for role, user in world["members"].items()}
    outsider_key = ApiToken.issue(world["outsider"], "sweep")[1]
    operations = [op for op in api_operations(client) if "x-capability" in op[2]]
    assert len(operations) >= 10
    failures = []
    for method, template, operation in operations:
        capability = Capability(operation["x-capability"])
        path = api_path(template, world["samples"])
        status = api_status(client, outsider_key, method, path)
        if status != 404:
            failures.append(f"outsider {method} {path} → {status}, expected 404")
        for role, key in keys.items():
            allowed = capability in CAPABILITIES[role]
            if allowed and method != "GET":
                continue  # permitted writes are covered, with real bodies, by the API tests
            status = api_status(client, key, method, path)
            if not allowed and status != 403:
                failures.append(f"{role} {method} {path} → {status}, expected 403")
            if allowed and status != 200:
                failures.append(f"{role} {method} {path} → {status}, expected 200")
    assert failures == []


def test_api_company_operations_hide_companies_from_outsiders(client, world):
    outsider_key = ApiToken.issue(world["outsider"], "sweep")[1]
    member_key = ApiToken.issue(world["company_member"], "sweep")[1]
    failures = []
    for method, template, operation in api_operations(client):
        if "x-company-admin" not in operation:
            continue
        path = api_path(template, world["samples"])
        status = api_status(client, outsider_key, method, path)
        if status != 404:
            failures.append(f"outsider {method} {path} → {status}, expected 404")
        if operation["x-company-admin"]:
            status = api_status(client, member_key, method, path)
            if status != 403:
                failures.append(f"non-admin member {method} {path} → {status}, expected 403")
    assert failures == []


def test_api_refuses_anonymous_callers(client, world):
    failures = []
    for method, template, _operation in api_operations(client):
        path = api_path(template, world["samples"])
        with zeal_context():
            response = client.generic(method, path, data="{}", content_type="application/json")
        if response.status_code != 401:
            failures.append(f"{method} {path} → {response.status_code}, expected 401")
    assert failures == []
