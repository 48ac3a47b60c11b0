"""API operations on companies and their members."""

from __future__ import annotations

import pytest
from tests import factories
from tests.api_checks import _no_n_plus_one, assert_error, nothing_changes  # noqa: F401  (fixture)

from clapboard.companies.actions import add_company_member
from clapboard.companies.models import Company, CompanyMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(production) -> Company:
    return production.company


@pytest.fixture
def plain_member(company, producer):
    user = factories.make_user("plain")
    add_company_member(company, acting_user=producer, user=user, role="member")
    return user


def test_list_shows_only_the_callers_companies_with_their_role(api_client_for, producer, company, outsider):
    factories.make_company(outsider, name="Not mine")
    for index in range(3):
        other = factories.make_company(factories.make_user(), name=f"Shared {index}")
        add_company_member(other, acting_user=producer, user=producer, role="member")
    response = api_client_for(producer).get("/api/v1/companies")
    assert response.status_code == 200
    roles = {item["name"]: item["role"] for item in response.json()}
    assert roles == {company.name: "admin", "Shared 0": "member", "Shared 1": "member", "Shared 2": "member"}


def test_create_makes_the_caller_its_admin(api_client_for, outsider):
    response = api_client_for(outsider).post(
        "/api/v1/companies", {"name": "Films du Lundi", "legal_form": "SAS", "country": "FR"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Films du Lundi"
    assert body["role"] == "admin"
    assert body["version"] == 1
    assert CompanyMembership.objects.get(company_id=body["id"], user=outsider).role == "admin"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": 12}, "name"),
        ({"name": "X", "legal_form": "PLC"}, "legal_form"),
        ({"name": "X", "country": "France"}, "country"),
        ({"name": "X", "default_currency": "euro"}, "default_currency"),
        ({"name": "X", "registration_number": "123456789"}, "registration_number"),
    ],
)
def test_create_refuses_bad_input(api_client_for, outsider, payload, field):
    response = api_client_for(outsider).post("/api/v1/companies", payload)
    assert_error(response, 422, field)
    assert not Company.objects.exists()


def test_get_for_members_and_404_for_others(api_client_for, company, plain_member, outsider):
    response = api_client_for(plain_member).get(f"/api/v1/companies/{company.pk}")
    assert response.status_code == 200
    assert response.json()["role"] == "member"
    assert_error(api_client_for(outsider).get(f"/api/v1/companies/{company.pk}"), 404)
    assert_error(api_client_for(plain_member).get("/api/v1/companies/999999"), 404)


def test_admin_updates_with_the_version_read(api_client_for, producer, company):
    client = api_client_for(producer)
    response = client.patch(f"/api/v1/companies/{company.pk}", {"name": "Bobine SAS", "version": 1})
    assert response.status_code == 200
    assert response.json()["name"] == "Bobine SAS"
    assert response.json()["version"] == 2
    company.refresh_from_db()
    assert company.name == "Bobine SAS"


def test_stale_update_is_refused_with_the_current_version(api_client_for, producer, company):
    client = api_client_for(producer)
    client.patch(f"/api/v1/companies/{company.pk}", {"name": "First", "version": 1})
    company.refresh_from_db()
    with nothing_changes(company):
        response = client.patch(f"/api/v1/companies/{company.pk}", {"name": "Second", "version": 1})
    body = assert_error(response, 409, "version")
    assert body["current_version"] == 2


def test_update_needs_the_version_and_valid_values(api_client_for, producer, company):
    client = api_client_for(producer)
    with nothing_changes(company):
        assert_error(client.patch(f"/api/v1/companies/{company.pk}", {"name": "No version"}), 422, "version")
        assert_error(
            client.patch(f"/api/v1/companies/{company.pk}", {"country": "fr", "version": 1}), 422, "country"
        )
        assert_error(
            client.patch(f"/api/v1/companies/{company.pk}", {"name": None, "version": 1}), 422, "name"
        )


def test_non_admins_cannot_update_or_see_members(api_client_for, company, plain_member):
    client = api_client_for(plain_member)
    with nothing_changes(company):
        assert_error(client.patch(f"/api/v1/companies/{company.pk}", {"name": "Mine", "version": 1}), 403)
        # The rule is checked before the body: a malformed request gets the same 403.
        assert_error(client.patch(f"/api/v1/companies/{company.pk}", {"version": "x"}), 403)
    assert_error(client.get(f"/api/v1/companies/{company.pk}/members"), 403)
    assert_error(client.post(f"/api/v1/companies/{company.pk}/members", {"email": "a@b.c"}), 403)


def test_admin_lists_and_adds_members(api_client_for, producer, company, plain_member):
    client = api_client_for(producer)
    newcomer = factories.make_user("newcomer")
    response = client.post(
        f"/api/v1/companies/{company.pk}/members", {"email": "NEWCOMER@example.org", "role": "admin"}
    )
    assert response.status_code == 201
    assert response.json()["user"]["username"] == "newcomer"
    assert response.json()["role"] == "admin"
    assert CompanyMembership.objects.get(company=company, user=newcomer).role == "admin"

    response = client.get(f"/api/v1/companies/{company.pk}/members")
    assert response.status_code == 200
    assert [(item["user"]["username"], item["role"]) for item in response.json()] == [
        ("newcomer", "admin"),
        ("plain", "member"),
        ("producer", "admin"),
    ]


def test_adding_an_unknown_address_or_role_is_refused(api_client_for, producer, company):
    client = api_client_for(producer)
    with nothing_changes(company):
        assert_error(
            client.post(f"/api/v1/companies/{company.pk}/members", {"email": "nobody@example.org"}),
            422,
            "email",
        )
        assert_error(
            client.post(
                f"/api/v1/companies/{company.pk}/members", {"email": "producer@example.org", "role": "boss"}
            ),
            422,
            "role",
        )
    assert company.memberships.count() == 1


def test_outsiders_get_404_on_every_company_operation(api_client_for, company, outsider):
    client = api_client_for(outsider)
    assert_error(client.patch(f"/api/v1/companies/{company.pk}", {"name": "Taken", "version": 1}), 404)
    assert_error(client.get(f"/api/v1/companies/{company.pk}/members"), 404)
    assert_error(client.post(f"/api/v1/companies/{company.pk}/members", {}), 404)
