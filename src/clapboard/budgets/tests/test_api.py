"""The budgets API: versions, import, totals, the whole budget by role, line edits with
their version, status changes by capability."""

from __future__ import annotations

import pytest

from clapboard.budgets import actions
from clapboard.budgets.models import BudgetVersion, Line
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production, producer) -> BudgetVersion:
    return actions.create_budget(production, acting_user=producer, name="Devis", layout="cnc-long-metrage")


def base(version: BudgetVersion) -> str:
    return f"/api/v1/productions/{version.budget.production_id}/budget-versions"


def test_list_totals_and_the_whole_budget(api_client_for, version, producer):
    api = api_client_for(producer)
    listed = api.get(base(version)).json()
    assert [item["id"] for item in listed] == [version.pk]
    assert listed[0]["grand_total"] == f"{version.grand_total:.2f}"
    totals = api.get(f"{base(version)}/{version.pk}/totals").json()
    assert totals["grand_total"] == f"{version.grand_total:.2f}"
    assert "12" in totals["accounts"]
    budget = api.get(f"{base(version)}/{version.pk}/budget").json()
    assert budget["layout"] == "cnc-long-metrage"


def test_import_a_budget_and_a_bad_one(api_client_for, version, producer):
    api = api_client_for(producer)
    data = actions.export_json(version)
    response = api.post(base(version), {"name": "Copie", "budget": data})
    assert response.status_code == 201, response.content
    assert response.json()["budget_name"] == "Copie"
    data["accounts"][0]["lines"][0]["rate"] = "SHOT_DAYS"
    response = api.post(base(version), {"name": "Cassé", "budget": data})
    assert response.status_code in (400, 422)
    assert "accounts[0].lines[0].rate" in response.content.decode()
    assert BudgetVersion.objects.count() == 2


def test_edit_a_line_with_its_version(api_client_for, version, producer):
    api = api_client_for(producer)
    line = Line.objects.get(budget_version=version, description="Scénario")
    url = f"{base(version)}/{version.pk}/lines/{line.pk}"
    response = api.patch(url, {"version": line.version, "rate": "6500"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["line"]["rate"] == "6500"
    assert body["line"]["total"] != "0.00"
    assert body["totals"]["grand_total"] != f"{version.grand_total:.2f}"
    stale = api.patch(url, {"version": line.version, "rate": "7000"})
    assert stale.status_code == 409


def test_roles(api_client_for, version, producer, member_factory):
    head = api_client_for(member_factory(Role.HEAD_OF_DEPARTMENT))
    assert head.get(f"{base(version)}/{version.pk}/totals").status_code == 200
    assert head.get(f"{base(version)}/{version.pk}/budget").status_code == 403
    coordinator = api_client_for(member_factory(Role.COORDINATOR))
    salary = Line.objects.filter(budget_version=version).exclude(fringe_sets=[]).first()
    response = coordinator.patch(
        f"{base(version)}/{version.pk}/lines/{salary.pk}", {"version": salary.version, "rate": "1"}
    )
    assert response.status_code == 403
    submitted = coordinator.post(
        f"{base(version)}/{version.pk}/status", {"status": "submitted", "version": version.version}
    )
    assert submitted.status_code == 200, submitted.content
    refused = coordinator.post(
        f"{base(version)}/{version.pk}/status", {"status": "approved", "version": version.version + 1}
    )
    assert refused.status_code == 403
    approved = api_client_for(producer).post(
        f"{base(version)}/{version.pk}/status", {"status": "approved", "version": version.version + 1}
    )
    assert approved.json()["status"] == "approved"
