"""The plan's JSON format: a full round trip, through text too, and the check's JSON."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from clapboard.engines.financing import (
    CashFlowSettings,
    Instalment,
    Phase,
    Plan,
    Recoupment,
    Scenario,
    Split,
    Work,
    check_plan,
    check_to_json,
    read_plan,
    write_plan,
)
from clapboard.engines.financing.tests.builders import figures, money, plan, source


def full_plan() -> Plan:
    budget = figures(
        "3000000",
        foreign="500000",
        crew=("1200000", "300000"),
        authors="300000",
        excluding_overheads=money("2800000"),
        director=Split(money("200000")),
        vfx=Split(money("50000"), money("10000")),
        chapters={"1": money("1000000"), "2": money("1800000")},
        percentages={"FG": money("200000")},
        countries={"FR": money("2500000"), "BE": money("500000")},
        regions={"FR-BRE": money("400000")},
        currency="EUR",
        layout="cnc-long-metrage",
        mapping="cnc v1",
    )
    return plan(
        budget,
        source(
            "canal",
            "tv_presale",
            "Canal+",
            "500000",
            status="contracted",
            rights="pay TV",
            window="6 months",
            expected_date=date(2026, 3, 1),
            actual_date=date(2026, 3, 5),
            conditions="delivery",
            notes="n",
            instalments=(
                Instalment(date(2026, 3, 5), amount=money("250000")),
                Instalment(date(2026, 9, 1), percentage=Decimal(50)),
            ),
        ),
        source(
            "be",
            "coproduction",
            "Tarantula",
            "400000",
            currency="USD",
            country="BE",
            rights_share=Decimal("20"),
            spend_share=Decimal("16.5"),
            recoups=True,
            recoupment=Recoupment("pari passu", Decimal("110"), Decimal("5"), "corridor"),
        ),
        source(
            "bre",
            "regional_fund",
            "Région Bretagne",
            "200000",
            territory="FR-BRE",
            spend_obligation=Decimal(100),
            is_public=True,
            repayable=False,
        ),
        source("loan", "bank_loan", "Coficiné", "300000", interest_rate=Decimal("4.5"), fees=money("3000")),
        source("cic", "tax_credit", "État", None, credit="cic"),
        exchange_rates={"USD": Decimal("0.92")},
        work=Work(
            language="fr", duration_minutes=Decimal(100), first_or_second_film=True, shooting_days_france=30
        ),
        scenarios=(Scenario("A", "Plan A"), Scenario("B", "Plan B", ("be",), {"canal": money("600000")})),
        phases=(
            Phase("pre_production", date(2026, 2, 1), date(2026, 2, 28)),
            Phase("shooting", date(2026, 3, 1), date(2026, 4, 15)),
            Phase("post_production", date(2026, 4, 16), date(2026, 9, 30)),
        ),
        spend_profile={"chapter:1": {"signature": Decimal(100)}},
        cash_flow=CashFlowSettings("week", Decimal("6.5")),
        rules={"fr": 1},
        french_share=Decimal(80),
        notes="draft",
    )


def test_round_trip() -> None:
    the_plan = full_plan()
    assert read_plan(write_plan(the_plan)) == the_plan
    text = json.dumps(write_plan(the_plan), ensure_ascii=False)
    assert read_plan(json.loads(text)) == the_plan


def test_minimal_plan_defaults() -> None:
    the_plan = read_plan(
        {"currency": "EUR", "start": "2026-01-05", "budget": {"total": "1000"}, "sources": []}
    )
    assert the_plan.budget.french == money("1000")
    assert the_plan.country == "FR"
    assert read_plan(write_plan(the_plan)) == the_plan


def test_check_json_has_every_part() -> None:
    data = check_to_json(check_plan(full_plan()))
    assert data["rule_sets"][0] == {
        "id": "fr",
        "version": 1,
        "effective_from": "2020-06-07",
        "title": data["rule_sets"][0]["title"],
    }
    first = data["scenarios"][0]
    assert set(first) == {
        "id",
        "title",
        "without",
        "coverage",
        "french_share",
        "sources",
        "tax_credits",
        "rules",
        "cash_flow",
        "warnings",
    }
    assert first["coverage"]["budget"] == "3000000.00"
    assert first["tax_credits"][0]["credit"] == "cic"
    assert {rule["rule"] for rule in first["rules"]} >= {
        "fr.public_aid_intensity",
        "europe.coproduction_shares",
    }
    assert all(rule["source"] for rule in first["rules"])
    assert first["cash_flow"]["period"] == "week"
    json.dumps(data)  # only JSON types
