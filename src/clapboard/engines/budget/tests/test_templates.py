"""The versioned layouts and fringe tables, and budgets started from them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from clapboard.engines.budget import (
    BudgetError,
    calculate_budget,
    from_script_estimate,
    from_template,
    layout_ids,
)
from clapboard.engines.budget.templates import DATA, fringe_data, layout_data

LAYOUTS = ("cnc-audiovisuel", "cnc-long-metrage", "international", "series")


def test_the_four_layouts_are_there() -> None:
    assert layout_ids() == LAYOUTS


@pytest.mark.parametrize("kind", ["layouts", "fringes"])
def test_every_data_file_says_where_its_figures_come_from(kind: str) -> None:
    paths = sorted((DATA / kind).glob("*.json"))
    assert paths
    for path in paths:
        data = (layout_data if kind == "layouts" else fringe_data)(path.stem)
        assert data.source
        assert data.notes
        assert data.effective_from <= date(2026, 12, 31)
        assert data.version >= 1


@pytest.mark.parametrize("layout_id", LAYOUTS)
def test_every_layout_starts_a_budget_that_calculates(layout_id: str) -> None:
    budget = from_template(layout_id)
    totals = calculate_budget(budget)
    assert totals.french + totals.foreign == totals.grand_total
    assert budget.notes.startswith(f"Started from layout {layout_id} v1")


def test_the_cnc_feature_devis_has_nine_chapters_and_fg_and_imprevus_on_chapters_one_to_nine() -> None:
    budget = from_template("cnc-long-metrage")
    assert [chapter.number for chapter in budget.chapters] == [str(n) for n in range(1, 10)]
    assert budget.chapters[0].title == "Droits artistiques"
    assert [item.id for item in budget.percentages] == ["FG", "IMP"]
    assert budget.percentages[0].base.include == tuple(f"chapter:{n}" for n in range(1, 10))
    numbers = {account.number for account in budget.accounts}
    assert {
        "11",
        "19",
        "21",
        "29",
        "31",
        "39",
        "47",
        "51",
        "59",
        "67",
        "68",
        "69",
        "71",
        "76",
        "91",
        "94",
    } <= numbers


def test_the_cnc_devis_collects_social_charges_in_chapter_four() -> None:
    budget = from_template("cnc-long-metrage")
    totals = calculate_budget(budget)
    director = totals.lines["22.01"]
    assert director.fringe_total > 0
    assert totals.accounts["22"].fringes == 0
    assert totals.accounts["41"].fringes > director.fringe_total


def test_crew_rates_are_the_collective_agreement_minimums() -> None:
    cinema = {line.id: line for _, line in from_template("cnc-long-metrage").lines()}
    assert cinema["25.01"].rate.text == "2758.11"  # directeur de la photographie, CCN 3097
    assert cinema["23.03"].rate.text == "0"  # assistant de production: NOT FOUND
    assert "NOT FOUND" in cinema["23.03"].notes
    audiovisual = {line.id: line for _, line in from_template("cnc-audiovisuel").lines()}
    assert audiovisual["25.01"].rate.text == "2595.36"  # CCN 2642


def test_the_international_layout_uses_the_usual_account_ranges() -> None:
    budget = from_template("international")
    numbers = [account.number for account in budget.accounts]
    assert numbers[:7] == ["1100", "1200", "1300", "1400", "1500", "1600", "1700"]
    assert {"2600", "2700", "2800", "3300", "3400", "3500", "3600", "5400", "6100", "6400"} <= set(numbers)
    assert {account.group for account in budget.accounts if account.chapter == "ATL"} == {"above"}
    assert {item.id for item in budget.percentages} == {"BOND", "CONTINGENCY", "OVERHEAD", "INSURANCE"}


def test_the_series_layout_multiplies_pattern_lines_by_the_episodes() -> None:
    budget = from_template("series", episodes=10)
    lines = {line.id: line for _, line in budget.lines()}
    assert lines["1302"].per_episode
    assert not lines["1301"].per_episode
    totals = calculate_budget(budget)
    assert totals.series is not None
    assert totals.series.episodes == 10


def fringe_sum(set_name: str) -> Decimal:
    sets = {item["name"]: item for item in fringe_data("fr-2026").content["fringe_sets"]}
    return sum((Decimal(fringe["percentage"]) for fringe in sets[set_name]["fringes"]), Decimal(0))


def test_the_french_employer_rates_add_up_to_domain_estimates() -> None:
    # DOMAIN.md 5.1: technician ≈ 64.7%, artist ≈ 56.5%, cadre ≈ 65.3% (without T2), without ceilings.
    assert round(fringe_sum("intermittent_technicien"), 1) == Decimal("64.7")
    assert round(fringe_sum("intermittent_artiste"), 1) == Decimal("56.5")
    assert round(fringe_sum("cadre") - Decimal("12.95"), 1) == Decimal("65.3")
    assert fringe_sum("auteur") == Decimal("1.1")


def test_the_sag_aftra_ceiling_is_per_performer() -> None:
    sets = {item["name"]: item for item in fringe_data("us-examples").content["fringe_sets"]}
    fringe = sets["sag_aftra_principal"]["fringes"][0]
    assert (fringe["percentage"], fringe["cap"]) == (
        "21.0",
        {"amount": "232000", "per": "person", "currency": "USD"},
    )


def test_a_script_estimate_fills_shooting_days_and_cast_lines() -> None:
    budget = from_script_estimate(
        "cnc-long-metrage", shooting_days=28, cast_days={"el-7": 20, "el-9": 4}, cast_names={"el-7": "Jeanne"}
    )
    values = {item.name: item for item in budget.globals}
    assert values["SHOOT_DAYS"].expression.text == "28"
    cast = {line.id: line for line in next(a for a in budget.accounts if a.number == "31").lines}
    assert cast["cast-el-7"].description == "Jeanne"
    assert cast["cast-el-7"].quantity_link == "schedule:cast_days:el-7"
    assert cast["cast-el-9"].quantity.text == "4"
    totals = calculate_budget(budget, links={"schedule:cast_days:el-9": 6, "schedule:shoot_days": 30})
    assert totals.lines["cast-el-9"].quantity == 6
    assert totals.globals["SHOOT_WEEKS"] == 6


def test_unknown_layouts_and_bad_estimates_are_refused() -> None:
    with pytest.raises(BudgetError, match="no layout 'devis'"):
        from_template("devis")
    with pytest.raises(BudgetError, match="no layout 'international' in effect on 2020-01-01"):
        from_template("international", on=date(2020, 1, 1))
    with pytest.raises(BudgetError, match=r"shooting_days: .*floating-point"):
        from_script_estimate("international", shooting_days=20.5, cast_days={})  # type: ignore[arg-type]


def test_another_currency_needs_the_rates_of_the_fringe_ceilings() -> None:
    with pytest.raises(BudgetError, match="no exchange rate from EUR to USD"):
        from_template("cnc-long-metrage", currency="USD")
    budget = from_template("cnc-long-metrage", currency="USD", exchange_rates={"EUR": Decimal("1.08")})
    assert calculate_budget(budget).currency == "USD"
