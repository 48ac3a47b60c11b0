"""API operations on productions: the production, its phase, team, episodes and key dates."""

from __future__ import annotations

import pytest
from django.core import mail
from tests import factories
from tests.api_checks import _no_n_plus_one, assert_error, nothing_changes  # noqa: F401  (fixture)

from clapboard.productions import actions
from clapboard.productions.models import Episode, Invitation, KeyDate, Production, ProductionMember
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db


def url(production: Production, rest: str = "") -> str:
    return f"/api/v1/productions/{production.pk}{rest}"


@pytest.fixture
def series(producer) -> Production:
    return factories.make_production(producer, title="Les Veilleurs", kind="series")


# --- Productions -----------------------------------------------------------------------


def test_list_is_paginated_filtered_and_only_the_callers(api_client_for, producer, production, outsider):
    company = production.company
    for index in range(4):
        factories.make_production(producer, company, title=f"Film {index}")
    factories.make_production(outsider, title="Someone else's")
    client = api_client_for(producer)

    response = client.get("/api/v1/productions?limit=2&offset=1")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert (body["limit"], body["offset"]) == (2, 1)
    assert [item["title"] for item in body["items"]] == ["Film 1", "Film 2"]
    assert body["items"][0]["role"] == "producer"
    assert body["items"][0]["company"] == {"id": company.pk, "name": company.name}

    actions.change_phase(production, acting_user=producer, phase="financing")
    response = client.get(f"/api/v1/productions?company_id={company.pk}&phase=financing")
    assert [item["title"] for item in response.json()["items"]] == ["La Dernière Bobine"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=1000", "limit"), ("phase=nope", "phase"), ("company_id=x", "company_id")],
)
def test_list_refuses_bad_query_parameters(api_client_for, producer, query, field):
    assert_error(api_client_for(producer).get(f"/api/v1/productions?{query}"), 422, field)


def test_create_in_own_company(api_client_for, producer, production):
    response = api_client_for(producer).post(
        "/api/v1/productions",
        {
            "company_id": production.company_id,
            "title": "Nuit Blanche",
            "kind": "documentary",
            "countries": ["FR"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Nuit Blanche"
    assert body["currency"] == "EUR"
    assert body["role"] == "producer"
    assert body["allowed_phases"] == ["financing", "archived"]
    assert ProductionMember.objects.get(production_id=body["id"]).user == producer


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "No company"}, "company_id"),
        ({"company_id": "one", "title": "x"}, "company_id"),
        ({"title": ""}, "title"),
        ({"kind": "opera"}, "kind"),
        ({"countries": "FR"}, "countries"),
        ({"countries": ["France"]}, None),
        ({"currency": "euros"}, "currency"),
        ({"target_runtime_minutes": -5}, "target_runtime_minutes"),
    ],
)
def test_create_refuses_bad_input(api_client_for, producer, production, payload, field):
    payload = {"company_id": production.company_id, "title": "Valid", **payload}
    if payload.get("title") == "No company":
        del payload["company_id"]
    before = Production.objects.count()
    body = assert_error(api_client_for(producer).post("/api/v1/productions", payload), 422)
    if field:
        assert field in {error["field"] for error in body["errors"]}
    assert Production.objects.count() == before


def test_create_in_someone_elses_company_is_refused(api_client_for, production, outsider):
    response = api_client_for(outsider).post(
        "/api/v1/productions", {"company_id": production.company_id, "title": "Squatter"}
    )
    assert_error(response, 422, "company_id")
    assert not Production.objects.filter(title="Squatter").exists()


def test_get_production(api_client_for, producer, production, member_factory):
    crew = member_factory(Role.CREW)
    response = api_client_for(crew).get(url(production))
    assert response.status_code == 200
    assert response.json()["role"] == "crew"
    assert response.json()["version"] == 1


def test_outsiders_and_unknown_ids_get_404(api_client_for, production, outsider, producer):
    assert_error(api_client_for(outsider).get(url(production)), 404)
    assert_error(api_client_for(producer).get("/api/v1/productions/999999"), 404)
    assert_error(api_client_for(producer).get("/api/v1/productions/abc"), 404)


def test_update_with_the_version_read(api_client_for, producer, production):
    response = api_client_for(producer).patch(
        url(production), {"title": "La Bobine", "languages": ["fr", "en"], "version": 1}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    production.refresh_from_db()
    assert (production.title, production.languages) == ("La Bobine", ["fr", "en"])


def test_stale_update_gets_409_and_changes_nothing(api_client_for, producer, production):
    client = api_client_for(producer)
    client.patch(url(production), {"genre": "Drama", "version": 1})
    production.refresh_from_db()
    with nothing_changes(production):
        response = client.patch(url(production), {"title": "Lost edit", "version": 1})
    body = assert_error(response, 409, "version")
    assert body["current_version"] == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "No version"}, "version"),
        ({"title": 5, "version": 1}, "title"),
        ({"title": None, "version": 1}, "title"),
        ({"version": "one"}, "version"),
        ({"currency": "eur", "version": 1}, "currency"),
        ({"languages": ["French"], "version": 1}, None),
        ({"countries": [1, 2], "version": 1}, "countries.0"),
    ],
)
def test_update_refuses_bad_input_and_changes_nothing(api_client_for, producer, production, payload, field):
    with nothing_changes(production):
        body = assert_error(api_client_for(producer).patch(url(production), payload), 422)
    if field:
        assert field in {error["field"] for error in body["errors"]}


def test_bad_json_is_400(api_client_for, producer, production):
    with nothing_changes(production):
        response = api_client_for(producer).patch(
            url(production), '{"title": ', content_type="application/json"
        )
    assert_error(response, 400)


def test_oversize_body_is_413_and_changes_nothing(api_client_for, producer, production, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with nothing_changes(production):
        response = api_client_for(producer).patch(url(production), {"synopsis": "x" * 2000, "version": 1})
    body = assert_error(response, 413)
    assert "1000" in body["detail"]


def test_members_without_edit_get_403_even_with_a_bad_body(api_client_for, production, member_factory):
    client = api_client_for(member_factory(Role.FINANCIER))
    with nothing_changes(production):
        body = assert_error(client.patch(url(production), {"title": "Mine", "version": 1}), 403)
        assert_error(client.patch(url(production), {"version": "garbage"}), 403)
        assert_error(client.patch(url(production), "{not json", content_type="application/json"), 403)
    assert "edit" in body["detail"]


# --- Phase -----------------------------------------------------------------------------


def test_phase_moves_one_step(api_client_for, producer, production):
    response = api_client_for(producer).post(
        url(production, "/phase"), {"phase": "financing", "note": "Deal signed"}
    )
    assert response.status_code == 200
    assert response.json()["phase"] == "financing"
    assert response.json()["allowed_phases"] == ["pre_production", "development", "archived"]
    event = production.audit_events.first()
    assert event.action == "productions.phase.changed"
    assert event.data == {"note": "Deal signed"}


def test_refused_phase_is_422_with_the_reason(api_client_for, producer, production):
    with nothing_changes(production):
        response = api_client_for(producer).post(
            url(production, "/phase"), {"phase": "shooting", "version": 1}
        )
    body = assert_error(response, 422, "phase")
    assert "Financing" in body["detail"]
    assert "one step at a time" in body["detail"]


def test_unknown_phase_and_stale_version(api_client_for, producer, production):
    client = api_client_for(producer)
    with nothing_changes(production):
        assert_error(client.post(url(production, "/phase"), {"phase": "wrapped"}), 422, "phase")
        assert_error(client.post(url(production, "/phase"), {}), 422, "phase")
        body = assert_error(client.post(url(production, "/phase"), {"phase": "financing", "version": 9}), 409)
    assert body["current_version"] == 1


def test_phase_needs_approve(api_client_for, production, member_factory):
    client = api_client_for(member_factory(Role.COORDINATOR))
    with nothing_changes(production):
        assert_error(client.post(url(production, "/phase"), {"phase": "financing"}), 403)


# --- Team ------------------------------------------------------------------------------


def test_list_members(api_client_for, production, member_factory):
    crew = member_factory(Role.CREW)
    for _index in range(3):
        member_factory(Role.GUEST)
    response = api_client_for(crew).get(url(production, "/members"))
    assert response.status_code == 200
    assert len(response.json()) == 5
    assert {item["role"] for item in response.json()} == {"producer", "crew", "guest"}


def test_invite_an_existing_account_adds_them(api_client_for, producer, production):
    factories.make_user("anna", email="anna@example.org")
    response = api_client_for(producer).post(
        url(production, "/members"),
        {"email": "Anna@Example.org", "role": "line_producer", "department": "Prod"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "member"
    assert body["invitation"] is None
    assert body["member"]["user"]["username"] == "anna"
    assert body["member"]["role"] == "line_producer"


def test_invite_a_stranger_returns_the_link_once(
    api_client_for, producer, production, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(producer).post(
            url(production, "/members"), {"email": "new@example.org", "role": "crew"}
        )
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "invitation"
    assert body["member"] is None
    link = body["invitation"]["link"]
    assert link.startswith("http://testserver/")
    raw_token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation = Invitation.objects.get(pk=body["invitation"]["id"])
    assert actions.find_invitation(raw_token) == invitation
    assert raw_token not in invitation.token_hash
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"role": "crew"}, "email"),
        ({"email": "x@example.org"}, "role"),
        ({"email": "x@example.org", "role": "boss"}, "role"),
        ({"email": "not an address", "role": "crew"}, "email"),
        ({"email": "producer@example.org", "role": "crew"}, "email"),
    ],
)
def test_invite_refuses_bad_input(api_client_for, producer, production, payload, field):
    with nothing_changes(production):
        assert_error(api_client_for(producer).post(url(production, "/members"), payload), 422, field)
    assert not Invitation.objects.exists()
    assert production.members.count() == 1


def test_change_role_and_remove_a_member(api_client_for, producer, production, member_factory):
    crew = member_factory(Role.CREW)
    member = production.members.get(user=crew)
    client = api_client_for(producer)
    response = client.patch(url(production, f"/members/{member.pk}"), {"role": "coordinator"})
    assert response.status_code == 200
    assert response.json()["role"] == "coordinator"
    response = client.patch(url(production, f"/members/{member.pk}"), {"department": "Camera"})
    assert response.json() | {"created_at": None} == {
        "id": member.pk,
        "user": {"id": crew.pk, "username": crew.username, "display_name": crew.display_name},
        "role": "coordinator",
        "department": "Camera",
        "created_at": None,
    }
    response = client.delete(url(production, f"/members/{member.pk}"))
    assert response.status_code == 204
    assert not production.members.filter(pk=member.pk).exists()


def test_the_last_producer_stays(api_client_for, producer, production):
    member = production.members.get(user=producer)
    client = api_client_for(producer)
    with nothing_changes(member):
        assert_error(client.patch(url(production, f"/members/{member.pk}"), {"role": "crew"}), 422, "role")
        assert_error(client.delete(url(production, f"/members/{member.pk}")), 422)


def test_team_changes_need_manage_members(api_client_for, producer, production, member_factory):
    director = member_factory(Role.DIRECTOR)
    member = production.members.get(user=producer)
    client = api_client_for(director)
    with nothing_changes(member):
        assert_error(
            client.post(url(production, "/members"), {"email": "x@example.org", "role": "crew"}), 403
        )
        assert_error(client.post(url(production, "/members"), {}), 403)
        assert_error(client.patch(url(production, f"/members/{member.pk}"), {"role": "crew"}), 403)
        assert_error(client.delete(url(production, f"/members/{member.pk}")), 403)


def test_members_of_another_production_are_404(api_client_for, producer, production, series):
    other = series.members.get(user=producer)
    client = api_client_for(producer)
    assert_error(client.patch(url(production, f"/members/{other.pk}"), {"role": "crew"}), 404)
    assert_error(client.delete(url(production, f"/members/{other.pk}")), 404)
    assert_error(client.delete(url(production, "/members/999999")), 404)
    assert series.members.filter(pk=other.pk).exists()


# --- Episodes --------------------------------------------------------------------------


def test_episode_lifecycle(api_client_for, producer, series):
    client = api_client_for(producer)
    response = client.post(
        url(series, "/episodes"), {"number": 1, "title": "Pilote", "target_runtime_minutes": 52}
    )
    assert response.status_code == 201
    episode = response.json()
    assert (episode["number"], episode["version"]) == (1, 1)
    client.post(url(series, "/episodes"), {"number": 2})

    response = client.get(url(series, "/episodes"))
    assert [item["number"] for item in response.json()] == [1, 2]
    assert client.get(url(series, f"/episodes/{episode['id']}")).json()["title"] == "Pilote"

    response = client.patch(url(series, f"/episodes/{episode['id']}"), {"title": "Le Pilote", "version": 1})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    stale = client.patch(url(series, f"/episodes/{episode['id']}"), {"title": "Lost", "version": 1})
    assert assert_error(stale, 409, "version")["current_version"] == 2

    assert client.delete(url(series, f"/episodes/{episode['id']}")).status_code == 204
    assert not Episode.objects.filter(pk=episode["id"]).exists()
    assert_error(client.get(url(series, f"/episodes/{episode['id']}")), 404)


def test_episode_bad_input(api_client_for, producer, series, production):
    client = api_client_for(producer)
    actions.create_episode(series, acting_user=producer, number=1)
    with nothing_changes(series):
        assert_error(client.post(url(series, "/episodes"), {}), 422, "number")
        assert_error(client.post(url(series, "/episodes"), {"number": "one"}), 422, "number")
        assert_error(client.post(url(series, "/episodes"), {"number": 1}), 422)  # already taken
        assert_error(client.post(url(production, "/episodes"), {"number": 1}), 422)  # not a series
    assert series.episodes.count() == 1


def test_episodes_of_another_production_are_404(api_client_for, producer, series, production):
    episode = actions.create_episode(series, acting_user=producer, number=1)
    client = api_client_for(producer)
    assert_error(client.get(url(production, f"/episodes/{episode.pk}")), 404)
    assert_error(client.delete(url(production, f"/episodes/{episode.pk}")), 404)
    assert Episode.objects.filter(pk=episode.pk).exists()


def test_reading_episodes_is_allowed_but_not_editing(api_client_for, producer, series):
    guest = factories.add_member(series, Role.GUEST)
    episode = actions.create_episode(series, acting_user=producer, number=1)
    client = api_client_for(guest)
    assert client.get(url(series, "/episodes")).status_code == 200
    with nothing_changes(episode):
        assert_error(client.post(url(series, "/episodes"), {"number": 2}), 403)
        assert_error(client.patch(url(series, f"/episodes/{episode.pk}"), {"title": "x", "version": 1}), 403)
        assert_error(client.delete(url(series, f"/episodes/{episode.pk}")), 403)


# --- Key dates -------------------------------------------------------------------------


def test_key_dates_set_replace_list_and_delete(api_client_for, producer, production):
    client = api_client_for(producer)
    first = client.post(url(production, "/key-dates"), {"kind": "shoot_start", "date": "2027-03-01"})
    assert first.status_code == 200
    again = client.post(url(production, "/key-dates"), {"kind": "shoot_start", "date": "2027-04-01"})
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["date"] == "2027-04-01"
    client.post(url(production, "/key-dates"), {"kind": "other", "date": "2027-01-15", "label": "Table read"})
    client.post(url(production, "/key-dates"), {"kind": "other", "date": "2027-02-15", "label": "Scout"})

    listed = client.get(url(production, "/key-dates")).json()
    assert [(item["kind"], item["date"]) for item in listed] == [
        ("other", "2027-01-15"),
        ("other", "2027-02-15"),
        ("shoot_start", "2027-04-01"),
    ]
    assert client.delete(url(production, f"/key-dates/{first.json()['id']}")).status_code == 204
    assert production.key_dates.count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"date": "2027-03-01"}, "kind"),
        ({"kind": "wrap_party", "date": "2027-03-01"}, "kind"),
        ({"kind": "delivery"}, "date"),
        ({"kind": "delivery", "date": "next tuesday"}, "date"),
        ({"kind": "delivery", "date": "2027-02-30"}, "date"),
    ],
)
def test_key_date_bad_input(api_client_for, producer, production, payload, field):
    with nothing_changes(production):
        assert_error(api_client_for(producer).post(url(production, "/key-dates"), payload), 422, field)
    assert not KeyDate.objects.exists()


def test_key_dates_of_another_production_are_404(api_client_for, producer, production, series):
    key_date = actions.set_key_date(series, acting_user=producer, kind="delivery", date="2028-01-01")
    assert_error(api_client_for(producer).delete(url(production, f"/key-dates/{key_date.pk}")), 404)
    assert KeyDate.objects.filter(pk=key_date.pk).exists()
