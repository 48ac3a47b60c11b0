"""The cash flow against a small case computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from clapboard.engines.financing import CashFlowSettings, FinancingError, Instalment, Phase, Plan, check_plan
from clapboard.engines.financing.tests.builders import figures, money, plan, source

PHASES = (
    Phase("shooting", date(2026, 2, 1), date(2026, 3, 31)),  # 28 + 31 = 59 days
    Phase("post_production", date(2026, 4, 1), date(2026, 4, 30)),
)


def small_plan(period: str = "month") -> Plan:
    return plan(
        figures("100000"),
        source(
            "equity",
            "producer_equity",
            "Les Films du Quai",
            "30000",
            status="received",
            actual_date=date(2026, 1, 10),
        ),
        source(
            "canal",
            "tv_presale",
            "Canal+",
            "50000",
            status="contracted",
            instalments=(
                Instalment(date(2026, 2, 15), percentage=Decimal(50)),
                Instalment(date(2026, 5, 20), percentage=Decimal(50)),
            ),
        ),
        source(
            "region",
            "regional_fund",
            "Région Bretagne",
            "20000",
            status="committed",
            expected_date=date(2026, 4, 10),
        ),
        start=date(2026, 1, 10),
        phases=PHASES,
        spend_profile={
            "*": {"signature": Decimal(10), "shooting": Decimal(60), "post_production": Decimal(30)}
        },
        cash_flow=CashFlowSettings(period, Decimal(12)),
    )


def test_monthly_cash_flow_by_hand() -> None:
    """Spend: 10,000 at signature (January); 60,000 over the 59 days of the shoot: February's
    28 days 28,474.58, March the rest 31,525.42; 30,000 in April. Receipts: 30,000 in
    January, 25,000 in February, 20,000 in April, 25,000 in May. Position: 20,000;
    16,525.42; -15,000; -25,000; 0. Interest at 12%: 15,000 x 12% x 31/365 = 152.88 and
    25,000 x 12% x 30/365 = 246.58."""
    flow = check_plan(small_plan()).scenarios[0].cash_flow
    assert flow is not None
    rows = [(p.label, p.spend, p.receipts, p.position, p.bridge, p.interest) for p in flow.periods]
    assert rows == [
        ("2026-01", money("10000.00"), money("30000.00"), money("20000.00"), 0, money("0.00")),
        ("2026-02", money("28474.58"), money("25000.00"), money("16525.42"), 0, money("0.00")),
        ("2026-03", money("31525.42"), money("0.00"), money("-15000.00"), money("15000.00"), money("152.88")),
        (
            "2026-04",
            money("30000.00"),
            money("20000.00"),
            money("-25000.00"),
            money("25000.00"),
            money("246.58"),
        ),
        ("2026-05", money("0.00"), money("25000.00"), money("0.00"), 0, money("0.00")),
    ]
    assert flow.negative_periods == ("2026-03", "2026-04")
    assert flow.peak_bridge == money("25000.00")
    assert flow.total_interest == money("399.46")
    assert flow.total_spend == money("100000")
    assert flow.periods[1].receipts_by_source == {"canal": money("25000.00")}
    assert flow.spend_by_phase == {
        "signature": money("10000.00"),
        "shooting": money("60000.00"),
        "post_production": money("30000"),
    }


def test_weekly_cash_flow_adds_up() -> None:
    flow = check_plan(small_plan("week")).scenarios[0].cash_flow
    assert flow is not None
    assert flow.periods[0].label == "2026-W02"  # Monday 5 January to Sunday 11 January
    assert sum(p.spend for p in flow.periods) == money("100000")
    assert flow.periods[-1].position == 0


def test_a_scenario_without_a_source_changes_the_cash_flow() -> None:
    flow = check_plan(small_plan(), without=["region"]).scenarios[0].cash_flow
    assert flow is not None
    assert flow.periods[-1].position == money("-20000.00")
    assert flow.negative_periods == ("2026-03", "2026-04", "2026-05")


def test_a_source_without_a_date_is_left_out_with_a_warning() -> None:
    the_plan = plan(
        figures("1000"),
        source("e", "producer_equity", "Prod", "1000"),
        phases=PHASES,
        spend_profile={"*": {"shooting": Decimal(100)}},
    )
    result = check_plan(the_plan).scenarios[0]
    assert 'sources[0] "Prod": no date, so it (1000.00) is left out of the cash flow' in result.warnings


def test_the_default_curves_need_their_phases() -> None:
    """The default curve of a budget without chapters spends in all three phases (ESTIMATE)."""
    the_plan = plan(figures("1000"), source("e", "producer_equity", "Prod", "1000"), phases=PHASES)
    with pytest.raises(
        FinancingError,
        match=r"^phases: no pre_production phase, but the spend profile \(\*\) puts part of \* in it$",
    ):
        check_plan(the_plan)


def test_chapters_follow_the_cnc_defaults() -> None:
    """Rights (chapter 1) at signature, cast (chapter 3) during the shoot, post-production
    (chapter 8) during post, by the default curves."""
    budget = figures(
        "600",
        chapters={"1": money(100), "3": money(200), "8": money(300)},
        layout="cnc-long-metrage",
    )
    phases = (Phase("pre_production", date(2026, 1, 5), date(2026, 1, 31)), *PHASES)
    flow = (
        check_plan(plan(budget, source("e", "producer_equity", "Prod", "600"), phases=phases))
        .scenarios[0]
        .cash_flow
    )
    assert flow is not None
    assert flow.spend_by_phase == {
        "signature": money(100),
        "shooting": money(200),
        "post_production": money(300),
    }
    assert flow.profile == "spend v1"
