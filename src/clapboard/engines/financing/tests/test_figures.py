"""Budget figures built from a budget engine budget, by the versioned category mapping."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from clapboard.engines.budget import Budget, calculate_budget, from_script_estimate, parse_expression
from clapboard.engines.financing import Work, budget_figures, check_plan
from clapboard.engines.financing.tests.builders import plan, source


def devis() -> Budget:
    """The CNC feature layout with a cast line at 1,500 a day and a camera rental of 40,000,
    half of it spent abroad."""
    budget = from_script_estimate("cnc-long-metrage", shooting_days=30, cast_days={"el-1": 20})
    changes: dict[str, dict[str, Any]] = {
        "cast-el-1": {"rate": parse_expression("1500")},
        "71.01": {
            "rate": parse_expression("40000"),
            "quantity": parse_expression("1"),
            "french_share": Decimal(50),
        },
    }
    accounts = tuple(
        replace(account, lines=tuple(replace(line, **changes.get(line.id, {})) for line in account.lines))
        for account in budget.accounts
    )
    return replace(budget, accounts=accounts)


def test_figures_add_up_to_the_budget() -> None:
    budget = devis()
    totals = calculate_budget(budget)
    figures = budget_figures(budget, totals, foreign_country="BE")
    assert figures.total == totals.grand_total
    assert figures.mapping == "cnc v1"
    assert sum(split.french for split in figures.categories.values()) == totals.french
    assert sum(split.foreign for split in figures.categories.values()) == totals.foreign
    assert sum(figures.countries.values()) == totals.grand_total
    assert figures.countries["BE"] == totals.foreign
    # the cast line with its social charges is a performer's pay
    cast = totals.lines["cast-el-1"]
    assert figures.categories["performers"].french >= cast.total
    # half the camera rental is spent abroad: a technical industry
    assert figures.categories["technical_industries"].foreign == totals.lines["71.01"].foreign
    assert (
        figures.excluding_overheads
        == totals.grand_total - totals.percentages["FG"].amount - totals.percentages["IMP"].amount
    )
    assert sum(figures.chapters.values()) + sum(figures.percentages.values()) == figures.total


def test_a_plan_from_a_budget_checks() -> None:
    budget = devis()
    figures = budget_figures(budget, calculate_budget(budget))
    result = check_plan(
        plan(figures, source("e", "producer_equity", "Prod", "100000"), work=Work(language="fr"))
    )
    credit = result.scenarios[0].credit("cic")
    assert credit.eligible
    assert credit.expenses == sum(
        (
            figures.categories[name].french
            for name in (
                "authors",
                "performers",
                "crew",
                "technical_industries",
                "transport_catering_lodging",
                "depreciation",
            )
        ),
        Decimal(0),
    )
