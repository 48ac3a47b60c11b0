"""Coverage, gap and shares; currencies; scenarios and the "what if this source says no"
toggle, which recomputes the gap, the tax credit and the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from clapboard.engines.financing import FinancingError, Plan, Scenario, Work, check_plan
from clapboard.engines.financing.tests.builders import figures, money, plan, source


def sample_plan(**fields: Any) -> Plan:
    return plan(
        figures("2000000"),
        source("equity", "producer_equity", "Les Films du Quai", "200000", status="received"),
        source(
            "canal",
            "tv_presale",
            "Canal+",
            "500000",
            status="contracted",
            rights="pay TV France",
            window="6 months",
        ),
        source("region", "regional_fund", "Région Bretagne", "300000", status="committed"),
        source("sofica", "sofica", "Cinémage", "150000", status="applied"),
        source("sales", "sales_mg", "Wild Sales", "100000", currency="USD", status="approached"),
        source("asr", "avance_sur_recettes", "CNC", "400000", status="idea"),
        exchange_rates={"USD": Decimal("0.92")},
        **fields,
    )


def test_secured_hoped_gap_and_shares() -> None:
    """Secured from 'committed' on; hoped is the rest; the gap is what is missing even if
    every hoped source comes in; shares are of the budget, rounded to the hundredth."""
    result = check_plan(sample_plan()).scenario("base")
    coverage = result.coverage
    assert coverage.budget == money("2000000")
    assert coverage.secured == money("1000000.00")  # 200k + 500k + 300k
    assert coverage.hoped == money("642000.00")  # 150k + 92k (100k USD at 0.92) + 400k
    assert coverage.total == money("1642000.00")
    assert coverage.gap == money("358000.00")
    assert coverage.unsecured == money("1000000.00")
    assert coverage.surplus == 0
    assert coverage.secured_share == Decimal("50.00")
    assert coverage.total_share == Decimal("82.10")
    shares = {line.id: line.share for line in result.sources}
    assert shares == {
        "equity": Decimal("10.00"),
        "canal": Decimal("25.00"),
        "region": Decimal("15.00"),
        "sofica": Decimal("7.50"),
        "sales": Decimal("4.60"),
        "asr": Decimal("20.00"),
    }
    assert coverage.by_status["received"] == money("200000")
    assert coverage.by_type["sales_mg"] == money("92000.00")
    assert sum(coverage.by_status.values()) == coverage.total


def test_surplus_when_the_plan_is_over_financed() -> None:
    result = check_plan(plan(figures("100000"), source("equity", "producer_equity", "Prod", "120000")))
    coverage = result.scenarios[0].coverage
    assert (coverage.gap, coverage.surplus) == (money(0), money("20000"))


def test_what_if_a_source_says_no() -> None:
    """The toggle takes the source out; the gap grows by its amount."""
    before = check_plan(sample_plan()).scenario("base").coverage
    after = check_plan(sample_plan(), without=["region"]).scenario("base")
    assert after.without == ("region",)
    assert after.coverage.gap == before.gap + money("300000")
    assert after.coverage.secured == before.secured - money("300000")
    assert "region" not in {line.id for line in after.sources}


def test_unknown_source_in_the_toggle() -> None:
    with pytest.raises(FinancingError, match=r"^without: no source 'nobody'$"):
        check_plan(sample_plan(), without=["nobody"])


def test_scenarios_side_by_side() -> None:
    scenarios = (
        Scenario("A", "Plan A"),
        Scenario(
            "B",
            "Plan B: no avance sur recettes, a bigger pre-sale",
            without=("asr",),
            amounts={"canal": money("600000")},
        ),
        Scenario("C", "Plan C: no region", without=("region",)),
    )
    result = check_plan(sample_plan(scenarios=scenarios))
    gaps = {item.id: item.coverage.gap for item in result.scenarios}
    assert gaps == {"A": money("358000.00"), "B": money("658000.00"), "C": money("658000.00")}
    assert result.scenario("B").coverage.secured == money("1100000.00")


def test_the_toggle_recomputes_the_tax_credit_and_the_rules() -> None:
    """[S7] [S9c] Without the regional subsidy, the film credit's base is no longer reduced by
    it and the public aid falls under its ceiling."""
    budget = figures("2000000", crew="1000000", technical_industries="400000")
    work = Work(kind="cinema", language="fr")
    the_plan = plan(
        budget,
        source("region", "regional_fund", "Région Bretagne", "900000", status="committed"),
        source("credit", "tax_credit", "État", None, credit="cic", status="applied"),
        work=work,
        scenarios=(Scenario("A"), Scenario("B", without=("region",))),
    )
    result = check_plan(the_plan)
    with_region, without_region = result.scenario("A"), result.scenario("B")
    # (1,400,000 - 900,000) x 30% and 1,400,000 x 30%
    assert with_region.credit("cic").amount == money("150000.00")
    assert without_region.credit("cic").amount == money("420000.00")
    # 900,000 + 150,000 against 50% of 2,000,000
    assert with_region.rule("fr.public_aid_intensity").status == "over"
    assert with_region.rule("fr.public_aid_intensity").over == money("50000.00")
    assert without_region.rule("fr.public_aid_intensity").status == "ok"
    assert without_region.rule("fr.public_aid_intensity").numbers["public_aid"] == money("420000.00")
    assert with_region.coverage.total == money("1050000.00")
    assert without_region.coverage.total == money("420000.00")
