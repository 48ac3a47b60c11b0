"""Fixtures shared by every test module."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from clapboard.accounts.models import ApiToken, User
from clapboard.budgets.actions import create_budget
from clapboard.companies.actions import add_company_member
from clapboard.core.models import Job
from clapboard.financing.actions import add_scenario, add_source, create_plan
from clapboard.productions import actions
from clapboard.productions.models import Production
from clapboard.productions.roles import Role
from clapboard.productions.tasks import EXPORT_DIRECTORY, EXPORT_KIND
from clapboard.schedules.actions import create_schedule
from clapboard.scripts.actions import create_shooting_location

from . import factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def producer(db: None) -> User:
    return factories.make_user("producer", full_name="Camille Producer")


@pytest.fixture
def production(producer: User) -> Production:
    return factories.make_production(producer, title="La Dernière Bobine", kind="short")


@pytest.fixture
def outsider(db: None) -> User:
    return factories.make_user("outsider")


@pytest.fixture
def member_factory(production: Production):  # type: ignore[no-untyped-def]
    def make(role: Role | str) -> User:
        return factories.add_member(production, role)

    return make


@pytest.fixture(autouse=True)
def _fail_on_n_plus_one():  # type: ignore[no-untyped-def]
    """Every test runs under the N+1 detector: a query per row of a list raises NPlusOneError."""
    from zeal import zeal_context

    with zeal_context():
        yield


class ApiClient(Client):
    """A test client for the REST API: a bearer token, English messages, JSON bodies by default."""

    def __init__(self, raw_key: str | None = None, **kwargs: Any) -> None:
        headers = {"Accept-Language": "en"}
        if raw_key:
            headers["Authorization"] = f"Bearer {raw_key}"
        super().__init__(headers=headers, **kwargs)

    def post(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().post(path, data, content_type=content_type, **extra)

    def patch(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().patch(path, data, content_type=content_type, **extra)

    def put(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().put(path, data, content_type=content_type, **extra)


@pytest.fixture
def api_client_for(db: None):  # type: ignore[no-untyped-def]
    """``api_client_for(user)`` issues an API token for ``user`` and returns a client using it.

    ``api_client_for(None)`` gives a client without credentials. The token is on ``client.token``.
    """

    def make(user: User | None) -> ApiClient:
        if user is None:
            return ApiClient()
        token, raw_key = ApiToken.issue(user, "tests")
        client = ApiClient(raw_key)
        client.token = token  # type: ignore[attr-defined]
        return client

    return make


@pytest.fixture
def world(db, settings, tmp_path):  # type: ignore[no-untyped-def]
    """A series with one of everything a route can point at, and a member per role."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }
    producer = factories.make_user("sweep-producer")
    company = factories.make_company(producer, name="Sweep Films")
    production = factories.make_production(producer, company, title="Sweep", kind="series")
    episode = actions.create_episode(production, acting_user=producer, number=1, title="Pilot")
    key_date = actions.set_key_date(production, acting_user=producer, kind="shoot_start", date="2027-03-01")
    members = {role: factories.add_member(production, role) for role in Role if role != Role.PRODUCER}
    members[Role.PRODUCER] = producer
    plain_member = factories.make_user("sweep-company-member")
    add_company_member(company, acting_user=producer, user=plain_member, role="member")
    crew_member = production.members.get(user=members[Role.CREW])
    export_path = default_storage.save(f"{EXPORT_DIRECTORY}/sweep/sweep.json", ContentFile(b"{}"))
    job = Job.objects.create(
        production=production,
        kind=EXPORT_KIND,
        label="Export",
        created_by=producer,
        status=Job.Status.SUCCEEDED,
        result={"path": export_path, "filename": "sweep.json"},
    )
    token, _raw = ApiToken.issue(producer, "sweep")
    script = factories.make_script(production, producer)
    scene = script.current_version.scenes.order_by("position").first()
    tag = scene.tags.select_related("element").first()
    shooting_location = create_shooting_location(production, acting_user=producer, name="Studio")
    schedule = create_schedule(production, acting_user=producer, name="Sweep schedule")
    day_break = schedule.strips.filter(kind="day_break").first()
    budget_version = create_budget(
        production, acting_user=producer, name="Sweep budget", layout="cnc-long-metrage"
    )
    budget_line = budget_version.lines.order_by("pk").first()
    plan = create_plan(production, acting_user=producer, name="Sweep plan", budget_version=budget_version)
    source = add_source(
        plan, acting_user=producer, type="producer_equity", partner="Sweep Films", amount=1000
    )
    scenario = add_scenario(plan, acting_user=producer, name="Plan B", without=[source])
    samples = {
        "production_id": production.pk,
        "company_id": company.pk,
        "member_id": crew_member.pk,
        "episode_id": episode.pk,
        "key_date_id": key_date.pk,
        "job_id": job.pk,
        "token_id": token.pk,
        "token": "not-a-real-invitation-token",
        "script_id": script.pk,
        "number": script.current_version.number,
        "scene_id": scene.pk,
        "tag_id": tag.pk,
        "element_id": tag.element_id,
        "location_id": shooting_location.pk,
        "place_id": scene.script_location_id,
        "schedule_id": schedule.pk,
        "strip_id": day_break.pk,
        "day_number": 1,
        "version_id": budget_version.pk,
        "line_id": budget_line.pk,
        "account_id": budget_line.account_id,
        "plan_id": plan.pk,
        "source_id": source.pk,
        "scenario_id": scenario.pk,
    }
    return {
        "production": production,
        "company": company,
        "members": members,
        "company_member": plain_member,
        "outsider": factories.make_user("sweep-outsider"),
        "samples": samples,
    }
