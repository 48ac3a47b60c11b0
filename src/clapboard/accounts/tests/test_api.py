"""API authentication: bearer tokens, the site's session, and GET /api/v1/me."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from tests.api_checks import _no_n_plus_one, assert_error  # noqa: F401  (fixture)

from clapboard.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def test_me_with_a_token(api_client_for, producer):
    client = api_client_for(producer)
    response = client.get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "producer"
    assert body["display_name"] == "Camille Producer"
    assert body["token"] == {"name": "tests", "prefix": client.token.prefix}


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer cb_not-a-real-key", "Token something", "Basic dXNlcjpwYXNz"],
)
def test_missing_or_unknown_credentials_get_401(db, header):
    headers = {"Authorization": header} if header else {}
    response = Client(headers={"Accept-Language": "en", **headers}).get(ME)
    body = assert_error(response, 401)
    assert body["errors"] == []
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(api_client_for, producer):
    client = api_client_for(producer)
    ApiToken.objects.filter(pk=client.token.pk).update(revoked_at=timezone.now())
    body = assert_error(client.get(ME), 401)
    assert "revoked" in body["detail"]


def test_the_token_of_an_inactive_user_is_refused(api_client_for, producer):
    client = api_client_for(producer)
    producer.is_active = False
    producer.save()
    assert_error(client.get(ME), 401)


def test_a_bad_token_is_not_rescued_by_the_session(api_client_for, producer):
    client = api_client_for(producer)
    ApiToken.objects.filter(pk=client.token.pk).update(revoked_at=timezone.now())
    client.force_login(producer)
    assert_error(client.get(ME), 401)


def test_last_used_at_is_written_at_most_once_a_minute(api_client_for, producer, django_assert_num_queries):
    client = api_client_for(producer)
    assert client.token.last_used_at is None
    client.get(ME)
    first = ApiToken.objects.get(pk=client.token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the token lookup, and no write
        client.get(ME)
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at == first
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    ApiToken.objects.filter(pk=client.token.pk).update(last_used_at=an_hour_ago)
    client.get(ME)
    assert ApiToken.objects.get(pk=client.token.pk).last_used_at > an_hour_ago


def test_the_session_works_for_reads(producer):
    client = Client()
    client.force_login(producer)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["token"] is None


def test_session_writes_need_the_csrf_token(producer):
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(producer)
    payload = {"name": "Films du Lundi"}
    response = client.post("/api/v1/companies", payload, content_type="application/json")
    body = assert_error(response, 403)
    assert "CSRF" in body["detail"]

    token = "a" * 32  # a CSRF secret, as the cookie would carry it
    client.cookies["csrftoken"] = token
    response = client.post(
        "/api/v1/companies", payload, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201, response.content


def test_a_token_needs_no_csrf_token(api_client_for, producer):
    client = api_client_for(producer)
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/companies", {"name": "Films du Mardi"})
    assert response.status_code == 201


def test_unknown_api_paths_answer_json_404(api_client_for, producer):
    client = api_client_for(producer)
    assert_error(client.get("/api/v1/nowhere"), 404)
    assert_error(client.delete("/api/v2/me"), 404)
