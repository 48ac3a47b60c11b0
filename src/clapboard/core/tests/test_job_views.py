import pytest
from tests import factories

from clapboard.core.models import Job
from clapboard.productions.roles import Role


@pytest.fixture
def job(production, producer):
    return Job.objects.create(
        production=production, kind="productions.export", label="Export", created_by=producer
    )


def test_the_creator_sees_the_full_page(client, producer, job):
    client.force_login(producer)
    response = client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    assert b"<html" in response.content
    assert b'hx-trigger="every 1s"' in response.content


def test_htmx_gets_the_partial_that_polls_while_running(client, producer, job):
    client.force_login(producer)
    response = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'hx-trigger="every 1s"' in response.content
    assert b'aria-live="polite"' in response.content


def test_a_finished_export_stops_polling_and_links_to_the_file(client, producer, job):
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED, percent=100, result={"path": "exports/x/a.json"}
    )
    client.force_login(producer)
    response = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert b"hx-trigger" not in response.content
    assert f"/productions/{job.production_id}/exports/{job.pk}/download".encode() in response.content


def test_a_member_of_the_production_may_watch(client, job, member_factory):
    guest = member_factory(Role.GUEST)
    client.force_login(guest)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_an_outsider_gets_404(client, job, outsider):
    client.force_login(outsider)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/jobs/{job.pk}/cancel/").status_code == 404


def test_a_job_without_production_is_only_for_its_creator(client, db):
    owner = factories.make_user("owner")
    other = factories.make_user("other")
    job = Job.objects.create(kind="x", label="X", created_by=owner)
    client.force_login(other)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(owner)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_cancel_a_queued_job(client, producer, job):
    client.force_login(producer)
    response = client.post(f"/jobs/{job.pk}/cancel/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert client.get(f"/jobs/{job.pk}/cancel/").status_code == 405
