"""The security baseline: deployment checks, headers, cookies, CSRF, hashing, login throttling."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from zeal import zeal_context, zeal_ignore

from clapboard.core.models import Job

from . import factories

MANAGE = Path(settings.PROJECT_DIR) / "manage.py"
TEMPLATE_ROOTS = sorted(Path(settings.PACKAGE_DIR).glob("*/templates"))


def separately(call, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run one request under its own N+1 detector, so that repeating a request is not an N+1."""
    with zeal_context():
        return call(*args, **kwargs)


def log_in(client: Client, user) -> None:  # type: ignore[no-untyped-def]
    with zeal_ignore([{"model": "sessions.Session", "field": "*"}]):  # Django's own force_login
        client.force_login(user)


def production_env(var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        PRODUCTION="1",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="clapboard.example.org,testserver",
        CSRF_TRUSTED_ORIGINS="https://clapboard.example.org",
        CLAPBOARD_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="clapboard.config.settings",
    )
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )


# --- Production settings, in a fresh process --------------------------------------------------


def test_deploy_checks_pass_in_production_mode(tmp_path: Path) -> None:
    done = run(production_env(tmp_path), str(MANAGE), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_mode_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    env["SECRET_KEY"] = ""
    done = run(env, str(MANAGE), "check")
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

# No collectstatic here: serve static names unhashed, everything else as in production.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }}
).enable()
call_command("migrate", verbosity=0)
get_user_model().objects.create_user(username="probe", password="probe-password-123")
client = Client()
url = reverse("accounts:login")
client.get(url, secure=True, HTTP_HOST="clapboard.example.org")
response = client.post(
    url,
    {"username": "probe", "password": "probe-password-123"},
    secure=True,
    HTTP_HOST="clapboard.example.org",
)
print(json.dumps({
    "debug": settings.DEBUG,
    "hasher": settings.PASSWORD_HASHERS[0],
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "login_status": response.status_code,
    "cookies": {name: bool(morsel["secure"]) for name, morsel in client.cookies.items()},
    "httponly": {name: bool(morsel["httponly"]) for name, morsel in client.cookies.items()},
}))
"""


def test_production_cookies_are_secure_and_argon2_hashes_passwords(tmp_path: Path) -> None:
    done = run(production_env(tmp_path), "-c", PRODUCTION_PROBE)
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout.strip().splitlines()[-1])

    assert probe["debug"] is False
    assert probe["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert probe["session_cookie_secure"] is True
    assert probe["csrf_cookie_secure"] is True
    assert probe["hsts"] >= 60 * 60 * 24 * 180
    assert probe["login_status"] == 302
    assert {"csrftoken", "sessionid"} <= set(probe["cookies"])
    assert all(probe["cookies"].values()), probe["cookies"]
    assert probe["httponly"]["sessionid"] is True


def test_real_settings_hash_with_argon2() -> None:
    # The test suite swaps in a fast hasher (tests/conftest.py); the settings module does not.
    from clapboard.config import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


# --- Content-Security-Policy ------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_csp(response) -> None:  # type: ignore[no-untyped-def]
    header = response.get("Content-Security-Policy")
    assert header, f"no CSP header on {response.request['PATH_INFO']}"
    directives = csp_directives(header)
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts is not None
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert "*" not in scripts
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]


@pytest.mark.django_db
def test_csp_on_public_pages(client: Client) -> None:
    assert_strict_csp(client.get(reverse("core:healthz")))
    assert_strict_csp(client.get(reverse("accounts:login")))


def test_csp_on_logged_in_pages_and_the_api(client: Client, production) -> None:  # type: ignore[no-untyped-def]
    log_in(client, production.members.get().user)
    for url in ("/", f"/productions/{production.pk}/"):
        response = separately(client.get, url)
        assert response.status_code == 200, url
        assert_strict_csp(response)
    for url in ("/api/openapi.json", "/api/v1/productions/", "/api/v1/does-not-exist"):
        assert_strict_csp(separately(client.get, url))


def test_templates_have_no_inline_script() -> None:
    """Inline scripts and on* handlers would be blocked by the CSP: keep them out of templates."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
    javascript_url = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
    offenders = []
    for root in TEMPLATE_ROOTS:
        for template in root.rglob("*.html"):
            text = template.read_text()
            for pattern in (inline_script, handler, javascript_url):
                for match in pattern.finditer(text):
                    if 'type="application/json"' in match.group(0):
                        continue  # data islands (json_script) are not executed
                    offenders.append(f"{template.relative_to(settings.PACKAGE_DIR)}: {match.group(0)[:60]}")
    assert not offenders, "\n".join(offenders)


# --- CSRF ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_form_needs_the_csrf_token(producer) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    url = reverse("accounts:login")

    refused = separately(client.post, url, {"username": producer.username, "password": factories.PASSWORD})
    assert refused.status_code == 403

    separately(client.get, url)
    token = client.cookies["csrftoken"].value
    accepted = separately(
        client.post,
        url,
        {"username": producer.username, "password": factories.PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302


def test_a_post_to_a_page_needs_the_csrf_token(production, producer) -> None:  # type: ignore[no-untyped-def]
    job = Job.objects.create(kind="test", label="Long job", production=production, created_by=producer)
    client = Client(enforce_csrf_checks=True)
    log_in(client, producer)

    response = separately(client.post, reverse("core:job_cancel", kwargs={"job_id": job.pk}))

    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


# --- Login throttling (django-axes) ---------------------------------------------------------------


def attempt(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return separately(client.post, reverse("accounts:login"), {"username": username, "password": password})


@pytest.fixture
def short_cooloff(settings):  # type: ignore[no-untyped-def]
    settings.AXES_COOLOFF_TIME = dt.timedelta(seconds=2)
    return settings.AXES_COOLOFF_TIME


def test_login_is_locked_after_repeated_failures(client: Client, producer, short_cooloff) -> None:  # type: ignore[no-untyped-def]
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    other = factories.make_user("second-account")

    for _ in range(limit - 1):
        assert attempt(client, producer.username, "wrong password").status_code == 200
    locked = attempt(client, producer.username, "wrong password")
    assert locked.status_code in (403, 429)

    # Locked: even the right password is refused, with the lock-out page.
    refused = attempt(client, producer.username, factories.PASSWORD)
    assert refused.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    # (the login form is rendered first, then axes' middleware swaps in the lock-out page)
    assert settings.AXES_LOCKOUT_TEMPLATE in [template.name for template in refused.templates]

    # Another account from the same address is not locked.
    assert attempt(Client(), other.username, factories.PASSWORD).status_code == 302

    # After the cool-off the right password works again.
    time.sleep(short_cooloff.total_seconds() + 0.5)
    assert attempt(client, producer.username, factories.PASSWORD).status_code == 302


def test_an_administrator_can_lift_a_lockout(client: Client, producer) -> None:  # type: ignore[no-untyped-def]
    from axes.utils import reset

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, producer.username, "wrong password")
    assert attempt(client, producer.username, factories.PASSWORD).status_code in (403, 429)

    reset(username=producer.username)

    assert attempt(client, producer.username, factories.PASSWORD).status_code == 302
