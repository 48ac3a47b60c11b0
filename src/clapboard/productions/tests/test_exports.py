"""The production export: a real job through the database worker, and its guarded download."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from clapboard.accounts.models import User
from clapboard.companies.actions import create_company
from clapboard.core.models import AuditEvent, Job
from clapboard.core.tests.job_tasks import run_worker
from clapboard.productions import actions
from clapboard.productions.models import Production, ProductionMember
from clapboard.productions.roles import Role
from clapboard.productions.tasks import EXPORT_KIND, start_production_export

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-password"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }


def make_user(username: str) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", full_name=username.title()
    )


@pytest.fixture
def producer() -> User:
    return make_user("camille")


@pytest.fixture
def series(producer: User) -> Production:
    company = create_company(acting_user=producer, name="Films du Quai")
    production = actions.create_production(
        acting_user=producer, company=company, title="Les Éclusiers", kind="series"
    )
    actions.create_episode(production, acting_user=producer, number=1, title="La crue")
    actions.create_episode(production, acting_user=producer, number=2, title="Le barrage")
    actions.set_key_date(production, acting_user=producer, kind="shoot_start", date=dt.date(2026, 3, 2))
    actions.change_phase(production, acting_user=producer, phase="financing")
    ProductionMember.objects.create(production=production, user=make_user("ines"), role=Role.CREW)
    return production


def export(series: Production, producer: User, django_capture_on_commit_callbacks) -> Job:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_production_export(series, acting_user=producer)
    run_worker()
    job.refresh_from_db()
    return job


def download_url(production: Production, job: Job) -> str:
    return reverse("productions:export_download", kwargs={"production_id": production.pk, "job_id": job.pk})


def test_export_job_writes_the_whole_production(series, producer, django_capture_on_commit_callbacks):
    job = export(series, producer, django_capture_on_commit_callbacks)

    assert job.kind == EXPORT_KIND
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.percent == 100
    assert job.message
    path = job.result["path"]
    assert re.fullmatch(r"exports/[0-9a-f]{32}/les-eclusiers\.json", path)
    with default_storage.open(path) as stored:
        data = json.load(stored)
    assert data["format"] == "clapboard.production-export"
    assert data["production"]["title"] == "Les Éclusiers"
    assert data["production"]["phase"] == "financing"
    assert data["company"]["name"] == "Films du Quai"
    assert {(member["username"], member["role"]) for member in data["members"]} == {
        ("camille", "producer"),
        ("ines", "crew"),
    }
    assert [episode["title"] for episode in data["episodes"]] == ["La crue", "Le barrage"]
    assert [(key["kind"], key["date"]) for key in data["key_dates"]] == [("shoot_start", "2026-03-02")]
    actions_in_feed = [event["action"] for event in data["activity"]]
    assert actions_in_feed == list(
        AuditEvent.objects.filter(production=series)
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions_in_feed[0] == "productions.production.created"
    assert "productions.phase.changed" in actions_in_feed
    assert actions_in_feed[-1] == "productions.export.requested"
    assert job.result["events"] == len(actions_in_feed)


def test_two_exports_get_different_unguessable_paths(series, producer, django_capture_on_commit_callbacks):
    first = export(series, producer, django_capture_on_commit_callbacks)
    second = export(series, producer, django_capture_on_commit_callbacks)

    assert first.result["path"] != second.result["path"]


def test_members_download_the_file(client, series, producer, django_capture_on_commit_callbacks):
    job = export(series, producer, django_capture_on_commit_callbacks)
    crew = User.objects.get(username="ines")
    client.force_login(crew)

    response = client.get(download_url(series, job))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'attachment; filename="les-eclusiers.json"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert json.loads(body)["production"]["id"] == series.pk


def test_outsiders_get_404(client, series, producer, django_capture_on_commit_callbacks):
    job = export(series, producer, django_capture_on_commit_callbacks)
    client.force_login(make_user("stranger"))

    assert client.get(download_url(series, job)).status_code == 404


def test_anonymous_visitors_get_nothing(client, series, producer, django_capture_on_commit_callbacks):
    job = export(series, producer, django_capture_on_commit_callbacks)

    response = client.get(download_url(series, job))

    assert response.status_code in (302, 404)
    assert not getattr(response, "streaming", False)


def test_a_job_of_another_production_is_404(client, series, producer, django_capture_on_commit_callbacks):
    other = actions.create_production(acting_user=producer, company=series.company, title="Autre")
    job = export(series, producer, django_capture_on_commit_callbacks)
    client.force_login(producer)

    assert client.get(download_url(other, job)).status_code == 404
    assert client.get(download_url(series, job)).status_code == 200


def test_unfinished_or_other_jobs_are_404(client, series, producer):
    client.force_login(producer)
    queued = Job.objects.create(kind=EXPORT_KIND, label="queued", production=series)
    foreign_kind = Job.objects.create(
        kind="other.kind",
        label="other",
        production=series,
        status=Job.Status.SUCCEEDED,
        result={"path": "exports/abc/x.json"},
    )
    escaping = Job.objects.create(
        kind=EXPORT_KIND,
        label="escaping",
        production=series,
        status=Job.Status.SUCCEEDED,
        result={"path": "exports/../secret_key"},
    )

    for job in (queued, foreign_kind, escaping):
        assert client.get(download_url(series, job)).status_code == 404


def test_a_deleted_file_is_404(client, series, producer, django_capture_on_commit_callbacks):
    job = export(series, producer, django_capture_on_commit_callbacks)
    default_storage.delete(job.result["path"])
    client.force_login(producer)

    assert client.get(download_url(series, job)).status_code == 404


def test_stored_files_have_no_public_url(
    client, series, producer, django_capture_on_commit_callbacks, settings
):
    job = export(series, producer, django_capture_on_commit_callbacks)
    client.force_login(producer)

    assert settings.MEDIA_URL in (None, "", "/")
    for url in (f"/media/{job.result['path']}", f"/{job.result['path']}", f"/static/{job.result['path']}"):
        assert client.get(url).status_code == 404, url
