"""The financing API: the list of plans, a plan as the engine's JSON, its check with
sources said no, adding a source and changing one with its version, by capability."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests import factories

from clapboard.budgets import actions as budget_actions
from clapboard.engines.financing import read_plan
from clapboard.financing import actions
from clapboard.financing.models import FinancingPlan, Source
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(production, producer) -> FinancingPlan:
    version = budget_actions.create_budget(
        production, acting_user=producer, name="Devis", layout="cnc-long-metrage"
    )
    plan = actions.create_plan(
        production,
        acting_user=producer,
        name="Plan A",
        budget_version=version,
        language="en",
        start=dt.date(2026, 1, 5),
    )
    actions.add_source(
        plan, acting_user=producer, type="producer_equity", partner="Les Films", amount=Decimal("20000"),
        status="received",
    )  # fmt: skip
    actions.add_source(
        plan, acting_user=producer, type="regional_fund", partner="Région Bretagne", amount=Decimal("30000"),
        status="committed",
    )  # fmt: skip
    return plan


def base(plan: FinancingPlan) -> str:
    return f"/api/v1/productions/{plan.production_id}/financing-plans"


def test_list_read_and_check_a_plan(api_client_for, plan, producer):
    api = api_client_for(producer)
    listed = api.get(base(plan)).json()
    assert [(item["id"], item["name"], item["sources"]) for item in listed] == [(plan.pk, "Plan A", 2)]
    data = api.get(f"{base(plan)}/{plan.pk}").json()
    assert data["title"] == "Plan A"
    assert [source.partner for source in read_plan(data).sources] == ["Les Films", "Région Bretagne"]
    checked = api.get(f"{base(plan)}/{plan.pk}/check")
    assert checked.status_code == 200, checked.content
    coverage = checked.json()["scenarios"][0]["coverage"]
    assert Decimal(coverage["secured"]) == Decimal("50000.00")
    region = Source.objects.get(partner="Région Bretagne")
    without = api.get(f"{base(plan)}/{plan.pk}/check?without={region.engine_id}").json()
    assert Decimal(without["scenarios"][0]["coverage"]["secured"]) == Decimal("20000.00")


def test_add_a_source_and_change_it_with_its_version(api_client_for, plan, producer):
    api = api_client_for(producer)
    response = api.post(
        f"{base(plan)}/{plan.pk}/sources",
        {
            "type": "coproduction",
            "partner": "Rai Cinema",
            "amount": "5000",
            "country": "IT",
            "rights_share": "10",
        },
    )
    assert response.status_code == 201, response.content
    added = response.json()
    assert added["amount"] == "5000.00"
    assert added["currency"] == "EUR"
    assert added["status"] == "idea"
    url = f"{base(plan)}/{plan.pk}/sources/{added['id']}"
    response = api.patch(url, {"version": added["version"], "status": "committed", "amount": "6000.50"})
    assert response.status_code == 200, response.content
    assert response.json()["secured"] is True
    assert response.json()["amount"] == "6000.50"
    stale = api.patch(url, {"version": added["version"], "status": "received"})
    assert stale.status_code == 409
    assert Source.objects.get(pk=added["id"]).status == "committed"


def test_bad_input_is_refused(api_client_for, plan, producer):
    api = api_client_for(producer)
    response = api.post(
        f"{base(plan)}/{plan.pk}/sources", {"type": "sofica", "partner": "X", "amount": "1e5"}
    )
    assert response.status_code == 422
    source = Source.objects.get(partner="Les Films")
    url = f"{base(plan)}/{plan.pk}/sources/{source.pk}"
    response = api.patch(url, {"version": source.version, "status": None})
    assert response.status_code == 422


def test_capabilities(api_client_for, plan, member_factory):
    financier = api_client_for(member_factory(Role.FINANCIER))
    assert financier.get(base(plan)).status_code == 200
    assert financier.get(f"{base(plan)}/{plan.pk}/check").status_code == 200
    refused = financier.post(
        f"{base(plan)}/{plan.pk}/sources", {"type": "sofica", "partner": "X", "amount": "1"}
    )
    assert refused.status_code == 403
    assert financier.get(f"{base(plan)}/{plan.pk + 1000}").status_code == 404


def test_another_production_cannot_reach_the_plan(api_client_for, plan):
    stranger = factories.make_user("stranger")
    assert api_client_for(stranger).get(f"{base(plan)}/{plan.pk}").status_code in (403, 404)
