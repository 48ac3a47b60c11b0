"""API reads of the shared records: a production's activity feed and background jobs."""

from __future__ import annotations

import uuid

import pytest
from tests import factories
from tests.api_checks import _no_n_plus_one, assert_error  # noqa: F401  (fixture)

from clapboard.core.models import Job
from clapboard.productions import actions
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db


def test_activity_lists_events_newest_first_with_changes(
    api_client_for, producer, production, member_factory
):
    actions.update_production(production, acting_user=producer, expected_version=1, title="La Bobine")
    for index in range(3):
        actions.set_key_date(production, acting_user=producer, kind="other", date=f"2027-0{index + 1}-01")
    client = api_client_for(member_factory(Role.GUEST))

    response = client.get(f"/api/v1/productions/{production.pk}/activity?limit=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert [item["action"] for item in body["items"]] == ["productions.key_date.set"] * 2

    last = client.get(f"/api/v1/productions/{production.pk}/activity?offset=3").json()["items"]
    assert [item["action"] for item in last] == [
        "productions.production.updated",
        "productions.production.created",
    ]
    update = last[0]
    assert update["changes"] == {"title": ["La Dernière Bobine", "La Bobine"]}
    assert update["actor"] == {"id": producer.pk, "username": "producer", "display_name": "Camille Producer"}
    assert update["created_at"]


def test_activity_is_per_production_and_hidden_from_outsiders(api_client_for, producer, production, outsider):
    other = factories.make_production(producer, title="Autre")
    response = api_client_for(producer).get(f"/api/v1/productions/{other.pk}/activity")
    assert {item["target_label"] for item in response.json()["items"]} == {"Autre"}
    assert_error(api_client_for(outsider).get(f"/api/v1/productions/{production.pk}/activity"), 404)
    assert_error(
        api_client_for(producer).get(f"/api/v1/productions/{production.pk}/activity?limit=-1"), 422, "limit"
    )


def test_job_is_visible_to_its_creator_and_to_production_members(
    api_client_for, producer, production, member_factory
):
    job = Job.objects.create(
        production=production, kind="export", label="Export", created_by=producer, percent=40
    )
    for user in (producer, member_factory(Role.GUEST)):
        response = api_client_for(user).get(f"/api/v1/jobs/{job.pk}")
        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["percent"], body["is_finished"]) == ("queued", 40, False)
        assert body["production_id"] == production.pk


def test_a_personal_job_is_visible_only_to_its_creator(api_client_for, producer, outsider):
    job = Job.objects.create(
        kind="import", label="Import", created_by=outsider, result={"rows": 3}, status="succeeded"
    )
    response = api_client_for(outsider).get(f"/api/v1/jobs/{job.pk}")
    assert response.json()["result"] == {"rows": 3}
    assert response.json()["is_finished"] is True
    assert_error(api_client_for(producer).get(f"/api/v1/jobs/{job.pk}"), 404)


def test_jobs_of_other_productions_and_unknown_ids_are_404(api_client_for, producer, production, outsider):
    job = Job.objects.create(production=production, kind="export", label="Export", created_by=producer)
    client = api_client_for(outsider)
    assert_error(client.get(f"/api/v1/jobs/{job.pk}"), 404)
    assert_error(client.get(f"/api/v1/jobs/{uuid.uuid4()}"), 404)
    assert_error(client.get("/api/v1/jobs/not-a-uuid"), 422, "job_id")


def test_a_wrong_method_answers_405_in_the_error_shape(api_client_for, producer, production):
    client = api_client_for(producer)
    response = client.put(f"/api/v1/productions/{production.pk}/activity", {})
    body = assert_error(response, 405)
    assert "GET" in response["Allow"]
    assert "PUT" in body["detail"]
