"""A full calculation, checked against figures worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from clapboard.engines.budget import (
    Account,
    Budget,
    BudgetError,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    PercentageBase,
    PercentageLine,
    calculate_budget,
    parse_expression,
)

from .builders import line, small_budget

D = Decimal


def worked_example() -> Budget:
    return small_budget(
        (line("A", "1", "10000", unit="flat", fringe_sets=("author",)),),
        (
            line(
                "B",
                "WEEKS",
                "1500",
                unit="weeks",
                fringe_sets=("tech",),
                french_share=D(50),
                department="camera",
            ),
        ),
        (line("C", "2", "100", currency="USD", department="camera"),),
    )


def test_the_worked_example() -> None:
    totals = calculate_budget(worked_example())
    a, b, c = totals.lines["A"], totals.lines["B"], totals.lines["C"]
    assert (a.amount, a.fringes, a.total) == (D("10000.00"), {"diffuseur": D("110.00")}, D("10110.00"))
    # 6 weeks at 1500; the pension is capped at 220 a day = 1100 a week (8 h days, 5-day weeks).
    assert b.quantity == 6
    assert b.amount == D("9000.00")
    assert b.fringes == {"conges": D("1395.00"), "pension": D("260.04")}
    assert (b.french, b.foreign) == (D("5327.52"), D("5327.52"))
    assert c.amount == D("180.00")  # 2 x 100 USD at 0.90
    assert totals.accounts["21"].total == D("10655.04")
    assert totals.chapters == {"1": D("10110.00"), "2": D("10835.04")}
    assert totals.groups == {"above": D("10110.00"), "below": D("10835.04")}
    assert totals.subtotal == D("20945.04")
    assert totals.percentages["CONT"].amount == D("2094.50")
    assert totals.grand_total == D("23039.54")
    assert totals.french + totals.foreign == totals.grand_total
    assert totals.foreign == D("5327.52")
    assert totals.departments == {"": D("10110.00"), "camera": D("10835.04")}
    assert totals.fringes == {"conges": D("1395.00"), "pension": D("260.04"), "diffuseur": D("110.00")}


def test_each_line_is_rounded_half_up_before_adding() -> None:
    budget = small_budget((line("A", "3", "0.335"), line("B", "1", "0.004")))
    totals = calculate_budget(budget)
    assert totals.lines["A"].amount == D("1.01")
    assert totals.lines["B"].amount == D("0.00")
    assert totals.subtotal == D("1.01")


def test_a_percentage_unit_takes_the_quantity_as_a_percentage_of_the_rate() -> None:
    totals = calculate_budget(small_budget((line("A", "2", "10000", unit="percentage"),)))
    assert totals.lines["A"].amount == D("200.00")


def test_the_multiplier_multiplies() -> None:
    totals = calculate_budget(small_budget((line("A", "2", "100", multiplier=parse_expression("1.5")),)))
    assert totals.lines["A"].amount == D("300.00")


def capped(cap: FringeCap, percentage: str = "10") -> FringeSet:
    return FringeSet("capped", "test", (Fringe("f", D(percentage), cap=cap),))


def test_a_ceiling_per_day_converts_to_hours() -> None:
    fringe_set = capped(FringeCap(D("220"), "day", "EUR"))
    budget = small_budget(
        (line("A", "10", "40", unit="hours", fringe_sets=("capped",)),), fringe_sets=(fringe_set,)
    )
    # 220 a day over 8 hours = 27.50 an hour; 10 hours -> 275 subject to 10%.
    assert calculate_budget(budget).lines["A"].fringes == {"f": D("27.50")}


def test_a_ceiling_per_day_does_not_touch_a_flat_fee() -> None:
    fringe_set = capped(FringeCap(D("220"), "day", "EUR"))
    budget = small_budget(
        (line("A", "1", "5000", unit="flat", fringe_sets=("capped",)),), fringe_sets=(fringe_set,)
    )
    assert calculate_budget(budget).lines["A"].fringes == {"f": D("500.00")}


def test_a_band_counts_only_the_pay_between_floor_and_ceiling() -> None:
    fringe_set = capped(FringeCap(D("1540"), "day", "EUR", floor=D("220")), "12.95")
    budget = small_budget(
        (line("A", "5", "659.59", fringe_sets=("capped",)), line("B", "1", "100", fringe_sets=("capped",))),
        fringe_sets=(fringe_set,),
    )
    totals = calculate_budget(budget)
    assert totals.lines["A"].fringes == {"f": D("284.63")}  # 5 x 439.59 x 12.95%
    assert totals.lines["B"].fringes == {"f": D("0.00")}


def test_a_ceiling_per_line() -> None:
    fringe_set = capped(FringeCap(D("1000"), "line", "EUR"))
    budget = small_budget((line("A", "3", "500", fringe_sets=("capped",)),), fringe_sets=(fringe_set,))
    assert calculate_budget(budget).lines["A"].fringes == {"f": D("100.00")}


def test_a_ceiling_per_person_is_shared_by_the_persons_lines_in_order() -> None:
    fringe_set = capped(FringeCap(D("1000"), "person", "USD"), "21")
    budget = small_budget(
        (
            line("A", "1", "600", person="p1", fringe_sets=("capped",)),
            line("B", "1", "700", person="p2", fringe_sets=("capped",)),
        ),
        (line("C", "1", "700", person="p1", fringe_sets=("capped",)),),
        fringe_sets=(fringe_set,),
        exchange_rates={"USD": D("1")},
    )
    totals = calculate_budget(budget)
    assert totals.lines["A"].fringes == {"f": D("126.00")}
    assert totals.lines["B"].fringes == {"f": D("147.00")}
    assert totals.lines["C"].fringes == {"f": D("84.00")}  # only 400 left under p1's ceiling


def test_fringes_can_be_collected_by_another_account() -> None:
    budget = small_budget(
        (),
        (line("B", "1", "1000", fringe_sets=("author",)),),
    )
    accounts = (*budget.accounts[:1], replace(budget.accounts[1], fringes_to="22"), budget.accounts[2])
    totals = calculate_budget(replace(budget, accounts=accounts))
    assert totals.accounts["21"].total == D("1000.00")
    assert totals.accounts["22"].fringes == D("11.00")
    assert totals.subtotal == D("1011.00")


def test_percentage_bases_follow_their_selectors() -> None:
    budget = small_budget(
        (line("A", "1", "1000"),),
        (line("B", "1", "2000"),),
        (line("C", "1", "4000"),),
        percentages=(
            PercentageLine("BOND", "Bond", parse_expression("5"), PercentageBase(exclude=("account:22",))),
            PercentageLine("CONT", "Contingency", parse_expression("10"), PercentageBase(("group:below",))),
            PercentageLine(
                "INS",
                "Insurance",
                parse_expression("1"),
                PercentageBase(("chapter:1",), percentages=("BOND", "CONT")),
            ),
        ),
    )
    totals = calculate_budget(budget)
    assert totals.percentages["BOND"].base == D("3000.00")
    assert totals.percentages["BOND"].amount == D("150.00")
    assert totals.percentages["CONT"].amount == D("600.00")
    assert totals.percentages["INS"].base == D("1750.00")
    assert totals.percentages["INS"].amount == D("17.50")
    assert totals.grand_total == D("7767.50")


def test_links_replace_estimates() -> None:
    budget = small_budget(
        (line("A", "5", "100", quantity_link="schedule:cast_days:el-1"), line("B", "WEEKS", "10")),
    )
    totals = calculate_budget(
        budget, links={"schedule:cast_days:el-1": 7, "schedule:shoot_days": Decimal(40)}
    )
    assert (totals.lines["A"].quantity, totals.lines["A"].quantity_source) == (D(7), "link")
    assert totals.lines["B"].amount == D("80.00")  # SHOOT_DAYS linked: 40 / 5 weeks
    assert totals.globals["SHOOT_DAYS"] == 40
    unlinked = calculate_budget(budget)
    assert (unlinked.lines["A"].quantity, unlinked.lines["A"].quantity_source) == (D(5), "expression")


def test_a_float_link_value_is_refused() -> None:
    with pytest.raises(BudgetError, match=r"links.schedule:shoot_days: .*floating-point"):
        calculate_budget(small_budget(), links={"schedule:shoot_days": 40.0})


def test_series_lines_per_episode_are_multiplied() -> None:
    budget = small_budget(
        (line("A", "1", "2000", unit="flat"),),
        (line("B", "1", "1000.005", unit="flat", per_episode=True, fringe_sets=("author",)),),
        episodes=4,
        percentages=(),
    )
    totals = calculate_budget(budget)
    assert totals.lines["B"].amount == D("4000.04")  # 1000.01 per episode, four times
    assert totals.lines["B"].occurrences == 4
    assert totals.lines["B"].fringes == {"diffuseur": D("44.00")}
    assert totals.series is not None
    assert totals.series.season == totals.grand_total == D("6044.04")
    assert totals.series.pattern_per_episode == D("1011.01")
    assert totals.series.amortised_per_episode == D("500.00")
    assert totals.series.per_episode == D("1511.01")


def test_a_division_by_zero_names_the_line_field() -> None:
    budget = small_budget((), (line("B", "10 / (WEEKS - 6)", "1"),))
    with pytest.raises(BudgetError, match=r"^accounts\[1\].lines\[0\].quantity: division by zero"):
        calculate_budget(budget)


def test_a_division_by_zero_in_a_global_names_the_global() -> None:
    budget = small_budget(
        globals=(Global("SHOOT_DAYS", parse_expression("0")), Global("X", parse_expression("1 / SHOOT_DAYS")))
    )
    with pytest.raises(BudgetError, match=r"^globals\[1\].expression: global X: division by zero"):
        calculate_budget(budget)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"currency": "euro"}, "currency: "),
        ({"episodes": 0}, "episodes: "),
        (
            {"globals": (Global("A", parse_expression("B")), Global("B", parse_expression("A")))},
            "globals[0].expression: global A: cycle A → B → A",
        ),
        ({"globals": ()}, "accounts[1].lines[0].quantity: unknown global WEEKS"),
        ({"exchange_rates": {}}, "accounts[2].lines[0].currency: no exchange rate from USD to EUR"),
        ({"fringe_sets": ()}, "accounts[0].lines[0].fringe_sets[0]: no fringe set 'author'"),
        (
            {
                "percentages": (
                    PercentageLine("X", "X", parse_expression("1"), PercentageBase(("chapter:9",))),
                )
            },
            "percentages[0].base.include[0]",
        ),
    ],
)
def test_bad_budgets_name_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(BudgetError) as caught:
        calculate_budget(replace(worked_example(), **change))
    assert str(caught.value).startswith(message)


def test_a_line_in_two_sets_sharing_a_fringe_is_refused() -> None:
    twin = FringeSet("twin", "test", (Fringe("diffuseur", D("1")),))
    budget = small_budget(
        (line("A", "1", "1", fringe_sets=("author", "twin")),),
        fringe_sets=(twin, small_budget().fringe_sets[1]),
    )
    with pytest.raises(BudgetError, match="fringe 'diffuseur' is in both 'author' and 'twin'"):
        calculate_budget(budget)


def test_a_per_episode_line_needs_an_episode_count() -> None:
    with pytest.raises(BudgetError, match=r"lines\[0\].per_episode"):
        calculate_budget(small_budget((line("A", "1", "1", per_episode=True),)))


def test_duplicate_line_ids_are_refused() -> None:
    budget = small_budget((line("A", "1", "1"),), (line("A", "1", "1"),))
    with pytest.raises(BudgetError, match=r"accounts\[1\].lines\[0\].id: line id 'A' is used twice"):
        calculate_budget(budget)


def test_an_account_in_no_chapter_is_refused() -> None:
    budget = small_budget()
    bad = replace(budget, accounts=(*budget.accounts, Account("99", "x", "9", "below")))
    with pytest.raises(BudgetError, match=r"accounts\[3\].chapter: no chapter '9'"):
        calculate_budget(bad)
