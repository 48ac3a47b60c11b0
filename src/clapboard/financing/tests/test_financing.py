"""Financing plans in the app: the adapter against a plan worked out by hand, the "says
no" toggle, actions with their audit events and version checks, the re-check that pins
the newest rules, the pages (no inline style), permissions, and the demo plan."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from zeal import zeal_context, zeal_ignore

from clapboard.budgets import actions as budget_actions
from clapboard.budgets.models import BudgetVersion, Line
from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.engines.financing import read_plan, write_plan
from clapboard.financing import actions
from clapboard.financing.calculation import ALL, check, engine_plan
from clapboard.financing.models import FinancingPlan, Source
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


@pytest.fixture
def version(production, producer) -> BudgetVersion:
    version = budget_actions.create_budget(
        production, acting_user=producer, name="Devis", layout="cnc-long-metrage"
    )
    line = Line.objects.get(budget_version=version, description="Scénario")
    budget_actions.update_line(
        line, acting_user=producer, expected_version=line.version, quantity="1", rate="100000"
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def plan(production, producer, version) -> FinancingPlan:
    # In English without a script that justifies it: no tax credit, so the sums are the sources'.
    return actions.create_plan(
        production,
        acting_user=producer,
        name="Plan",
        budget_version=version,
        language="en",
        start=dt.date(2026, 1, 5),
        exchange_rates={"USD": "0.9"},
    )


@pytest.fixture
def sources(plan, producer) -> dict[str, Source]:
    made = {}
    for key, fields in {
        "equity": {
            "type": "producer_equity",
            "partner": "Les Films",
            "amount": Decimal("20000"),
            "status": "received",
        },
        "region": {
            "type": "regional_fund",
            "partner": "Région Bretagne",
            "amount": Decimal("30000"),
            "status": "committed",
        },
        "tv": {
            "type": "tv_presale",
            "partner": "France 3",
            "amount": Decimal("10000"),
            "status": "approached",
        },
        "sales": {"type": "sales_mg", "partner": "Sales Co", "amount": Decimal("5000"), "currency": "USD"},
    }.items():
        made[key] = actions.add_source(plan, acting_user=producer, **fields)
    return made


def url(plan: FinancingPlan, name: str = "plan", **kwargs) -> str:
    return reverse(
        f"financing:{name}", kwargs={"production_id": plan.production_id, "plan_id": plan.pk, **kwargs}
    )


# --- the adapter --------------------------------------------------------------------------


def test_the_engine_plan_carries_the_rows(plan, sources, version):
    engine = engine_plan(plan)
    assert engine.budget.total == version.grand_total > 0
    assert engine.currency == "EUR"
    assert engine.work.kind == "short"
    assert engine.work.language == "en"
    assert [source.id for source in engine.sources] == [source.engine_id for source in sources.values()]
    assert engine.source(sources["region"].engine_id).public
    assert engine.source(sources["sales"].engine_id).currency == "USD"
    assert engine.scenarios[0].id == ALL
    assert read_plan(json.loads(json.dumps(write_plan(engine)))) == engine


def test_coverage_of_a_small_plan_by_hand(plan, sources, version):
    result = check(plan).result
    coverage = result.scenario(ALL).coverage
    budget = version.grand_total
    # 20,000 received + 30,000 committed; 10,000 approached + 5,000 USD at 0.9 hoped.
    assert coverage.secured == Decimal("50000.00")
    assert coverage.hoped == Decimal("14500.00")
    assert coverage.total == Decimal("64500.00")
    assert coverage.gap == max(Decimal(0), budget - Decimal("64500.00"))
    share = {line.partner: line.share for line in result.scenario(ALL).sources}
    assert share["Région Bretagne"] == (Decimal(30000) * 100 / budget).quantize(Decimal("0.01"))
    assert result.scenario(ALL).tax_credits[0].amount == 0  # English without justification


def test_saying_no_to_a_source_widens_the_gap(plan, sources):
    before = check(plan).result.scenario(ALL).coverage
    after = check(plan, without=[sources["region"].engine_id, "s999999"]).result.scenario(ALL).coverage
    assert after.total == before.total - Decimal(30000)
    assert after.gap == before.gap + Decimal(30000)
    assert after.secured == before.secured - Decimal(30000)


def test_a_scenario_leaves_its_sources_out(plan, sources, producer):
    scenario = actions.add_scenario(plan, acting_user=producer, name="Plan B", without=[sources["tv"]])
    result = check(plan).result
    assert [item.id for item in result.scenarios] == [ALL, scenario.engine_id]
    assert result.scenarios[1].title == "Plan B"
    assert result.scenarios[1].coverage.total == result.scenarios[0].coverage.total - Decimal(10000)


def test_a_plan_whose_budget_is_empty_shows_why(production, producer):
    empty = budget_actions.create_budget(
        production, acting_user=producer, name="Vide", layout="cnc-long-metrage"
    )
    plan = actions.create_plan(production, acting_user=producer, name="P", budget_version=empty)
    checked = check(plan)
    if empty.grand_total == 0:
        assert checked.result is None
        assert "budget" in checked.error


# --- actions ------------------------------------------------------------------------------


def test_adding_a_source_writes_an_audit_event(sources):
    event = AuditEvent.objects.filter(action="financing.source.added").order_by("id").first()
    assert event is not None
    assert event.changes["partner"] == [None, "Les Films"]
    assert AuditEvent.objects.filter(action="financing.plan.created").count() == 1


def test_the_engine_refuses_a_currency_without_a_rate(plan, producer):
    with pytest.raises(ValidationError, match="CHF"):
        actions.add_source(
            plan, acting_user=producer, type="other", partner="Swiss", amount=1, currency="CHF"
        )


def test_a_status_change_is_audited_and_a_stale_one_refused(sources, producer):
    tv = sources["tv"]
    saved = actions.set_source_status(
        tv, acting_user=producer, expected_version=tv.version, status="committed"
    )
    event = AuditEvent.objects.get(action="financing.source.status_changed")
    assert event.changes == {"status": ["approached", "committed"]}
    with pytest.raises(EditConflict) as clash:
        actions.set_source_status(tv, acting_user=producer, expected_version=tv.version, status="received")
    assert clash.value.instance.status == "committed"
    assert clash.value.instance.version == saved.version


def test_the_recheck_pins_the_newest_rules(plan, sources, producer):
    assert plan.rules == {}
    plan = actions.recheck_plan(plan, acting_user=producer, expected_version=plan.version)
    assert plan.rules == {"fr": 2, "europe": 1}
    assert AuditEvent.objects.get(action="financing.plan.rechecked").data["rules"] == {"fr": 2, "europe": 1}
    assert engine_plan(plan).rules == {"fr": 2, "europe": 1}


def test_plan_settings_are_checked(plan, producer):
    with pytest.raises(ValidationError):
        actions.update_plan(
            plan,
            acting_user=producer,
            expected_version=plan.version,
            shooting_start=dt.date(2026, 6, 1),
            shooting_end=dt.date(2026, 5, 1),
        )


# --- pages --------------------------------------------------------------------------------


def test_the_pages_render_without_inline_style(client, producer, plan, sources):
    scenario = actions.add_scenario(plan, acting_user=producer, name="Plan B", without=[sources["tv"]])
    client.force_login(producer)
    pages = [
        reverse("financing:home", kwargs={"production_id": plan.production_id}),
        url(plan),
        url(plan) + f"?without={sources['region'].engine_id}&scenario={scenario.engine_id}",
        url(plan, "plan_settings"),
        url(plan, "source_edit", source_id=sources["tv"].pk),
        url(plan, "scenario_edit", scenario_id=scenario.pk),
    ]
    for page in pages:
        with zeal_context():  # one context per request: two requests reading a row are no N+1
            response = client.get(page, headers=EN)
        assert response.status_code == 200, page
        assert 'style="' not in response.content.decode(), page
    with zeal_ignore():
        response = client.get(url(plan) + f"?without={sources['region'].engine_id}", headers=EN)
    body = response.content.decode()
    assert "What if they say no:" in body
    assert "Région Bretagne" in body
    assert "Plan B" in body
    assert "Scenarios side by side" in body


def test_the_toggle_answers_htmx_with_the_body_only(client, producer, plan, sources):
    client.force_login(producer)
    with zeal_ignore():
        response = client.get(
            url(plan) + f"?without={sources['equity'].engine_id}",
            headers={**EN, "HX-Request": "true", "HX-Target": "plan-body"},
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "What if they say no:" in body
    assert response.context["coverage"].secured == Decimal("30000.00")


def test_creating_a_plan_and_adding_a_source_through_the_pages(client, producer, version):
    client.force_login(producer)
    response = client.post(
        reverse("financing:plan_create", kwargs={"production_id": version.budget.production_id}),
        {"name": "Plan A", "budget_version": version.pk},
    )
    plan = FinancingPlan.objects.get(name="Plan A")
    assert response.status_code == 302
    assert plan.currency == "EUR"
    response = client.post(
        url(plan, "source_add"),
        {
            "type": "cnc_selective",
            "partner": "CNC",
            "amount": "40000",
            "currency": "EUR",
            "status": "applied",
        },
    )
    assert response.status_code == 302
    assert Source.objects.get(plan=plan).amount == Decimal("40000")


def test_a_stale_status_change_answers_409_with_their_value(client, producer, plan, sources):
    tv = sources["tv"]
    actions.set_source_status(tv, acting_user=producer, expected_version=tv.version, status="applied")
    client.force_login(producer)
    with zeal_ignore():
        response = client.post(
            url(plan, "source_status", source_id=tv.pk),
            {"version": tv.version, "status": "received"},
            headers=EN,
        )
    assert response.status_code == 409
    assert "it is now Applied" in response.content.decode()
    tv.refresh_from_db()
    assert tv.status == "applied"


def test_a_stale_source_edit_answers_409_and_shows_theirs(client, producer, plan, sources):
    tv = sources["tv"]
    actions.update_source(tv, acting_user=producer, expected_version=tv.version, partner="France 3 Bretagne")
    client.force_login(producer)
    response = client.post(
        url(plan, "source_edit", source_id=tv.pk),
        {"version": tv.version, "type": "tv_presale", "partner": "France Télévisions", "amount": "12000",
         "currency": "EUR", "status": "approached"},
        headers=EN,
    )  # fmt: skip
    assert response.status_code == 409
    body = response.content.decode()
    assert "France 3 Bretagne" in body
    assert "France Télévisions" in body
    tv.refresh_from_db()
    assert tv.partner == "France 3 Bretagne"


def test_the_csv_lists_the_sources(client, producer, plan, sources):
    client.force_login(producer)
    response = client.get(url(plan, "export_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["type", "partner", "amount"]
    assert rows[2][:3] == ["regional_fund", "Région Bretagne", "30000.00"]


def test_the_json_is_the_engine_format(client, producer, plan, sources):
    client.force_login(producer)
    with zeal_ignore():
        response = client.get(url(plan, "export_json"))
    assert read_plan(response.json()).sources[0].partner == "Les Films"


# --- permissions --------------------------------------------------------------------------


def test_a_guest_sees_the_plan_but_cannot_change_it(client, member_factory, plan, sources):
    guest = member_factory(Role.GUEST)
    client.force_login(guest)
    with zeal_ignore():
        page = client.get(url(plan), headers=EN)
    assert page.status_code == 200
    assert "Add a source" not in page.content.decode()
    tv = sources["tv"]
    response = client.post(
        url(plan, "source_status", source_id=tv.pk), {"version": tv.version, "status": "received"}
    )
    assert response.status_code == 403
    assert client.post(url(plan, "source_add"), {"partner": "X"}).status_code == 403


def test_an_outsider_gets_404(client, outsider, plan, sources):
    client.force_login(outsider)
    assert client.get(url(plan)).status_code == 404
    assert client.get(url(plan, "export_csv")).status_code == 404


def test_a_plan_of_another_production_is_not_found(client, producer, plan):
    from tests import factories

    other = factories.make_production(producer, title="Other")
    client.force_login(producer)
    response = client.get(reverse("financing:plan", kwargs={"production_id": other.pk, "plan_id": plan.pk}))
    assert response.status_code == 404


# --- demo ---------------------------------------------------------------------------------


def test_the_demo_plan_has_scenarios_a_credit_and_a_cash_flow():
    from clapboard.core.demo import load_demo

    with zeal_ignore():
        load_demo()
    plan = FinancingPlan.objects.get()
    result = check(plan).result
    base = result.scenario(ALL)
    assert len(result.scenarios) == 3
    assert base.coverage.gap > 0
    assert base.tax_credits[0].eligible
    assert base.tax_credits[0].amount > 0
    assert base.cash_flow is not None
    assert base.cash_flow.negative_periods
    assert base.cash_flow.total_interest > 0
    assert plan.rules
