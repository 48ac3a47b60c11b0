"""Edits to a ``Calculation``: each agrees with a full calculation, and a refused edit
leaves the figures as they were."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from clapboard.engines.budget import BudgetError, Calculation, calculate_budget

from .builders import line, small_budget
from .strategies import FRINGE_SETS

D = Decimal


def agrees(calculation: Calculation, links: dict[str, object] | None = None) -> None:
    assert calculation.totals() == calculate_budget(calculation.budget, links=links)


def test_update_line_changes_the_line_and_its_totals() -> None:
    calculation = Calculation(small_budget((line("A", "2", "100"),), (line("B", "WEEKS", "10"),)))
    calculation.update_line(line("A", "3", "100"))
    assert calculation.totals().lines["A"].amount == D("300.00")
    assert calculation.totals().subtotal == D("360.00")
    agrees(calculation)


def test_moving_a_line_out_of_a_persons_ceiling_frees_it_for_their_other_lines() -> None:
    budget = small_budget(
        (
            line("A", "1", "600", person="p1", fringe_sets=("union",)),
            line("B", "1", "600", person="p1", fringe_sets=("union",)),
        ),
        fringe_sets=FRINGE_SETS,
        exchange_rates={"USD": D(1)},
    )
    calculation = Calculation(budget)
    assert calculation.totals().lines["B"].fringes["ph"] == D("42.00")  # 200 left under 800
    calculation.update_line(replace(budget.accounts[0].lines[0], person="p2"))
    assert calculation.totals().lines["B"].fringes["ph"] == D("126.00")
    agrees(calculation)
    calculation.remove_line("A")
    calculation.add_line("11", line("C", "1", "700", person="p1", fringe_sets=("union",)), 0)
    assert calculation.totals().lines["B"].fringes["ph"] == D("21.00")
    agrees(calculation)


def test_set_global_recalculates_the_lines_that_use_it_even_indirectly() -> None:
    calculation = Calculation(small_budget((line("A", "WEEKS", "100"), line("B", "1", "5"))))
    calculation.set_global("SHOOT_DAYS", "40")
    assert calculation.totals().lines["A"].amount == D("800.00")
    agrees(calculation)


def test_set_global_can_add_a_global() -> None:
    calculation = Calculation(small_budget((line("A", "1", "5"),)))
    calculation.set_global("EXTRA", "2 * SHOOT_DAYS")
    calculation.update_line(line("A", "EXTRA", "1"))
    assert calculation.totals().lines["A"].amount == D("60.00")
    agrees(calculation)


def test_set_links_feeds_linked_lines_and_globals() -> None:
    budget = small_budget(
        (line("A", "5", "100", quantity_link="schedule:cast_days:e1"), line("B", "WEEKS", "10"))
    )
    calculation = Calculation(budget)
    links: dict[str, object] = {"schedule:cast_days:e1": 8, "schedule:shoot_days": 50}
    calculation.set_links(links)
    assert calculation.totals().lines["A"].amount == D("800.00")
    assert calculation.totals().lines["B"].amount == D("100.00")
    agrees(calculation, links)
    calculation.set_links({})
    agrees(calculation)


def test_a_refused_edit_changes_nothing() -> None:
    budget = small_budget((line("A", "WEEKS", "100"),))
    calculation = Calculation(budget)
    before = calculation.totals()
    with pytest.raises(BudgetError, match=r"accounts\[0\].lines\[0\].quantity: unknown global SHOT_DAYS"):
        calculation.update_line(line("A", "SHOT_DAYS", "100"))
    with pytest.raises(BudgetError, match=r"accounts\[0\].lines\[0\].quantity: division by zero"):
        calculation.update_line(line("A", "1 / (WEEKS - 6)", "100"))
    with pytest.raises(BudgetError, match="global SHOOT_DAYS: cycle SHOOT_DAYS → WEEKS → SHOOT_DAYS"):
        calculation.set_global("SHOOT_DAYS", "WEEKS * 5")
    with pytest.raises(BudgetError, match="no line with id 'Z'"):
        calculation.update_line(line("Z", "1", "1"))
    with pytest.raises(BudgetError, match="line id 'A' is already used"):
        calculation.add_line("21", line("A", "1", "1"))
    assert calculation.totals() == before
    assert calculation.budget == budget


def test_a_global_change_that_divides_by_zero_in_a_line_is_refused() -> None:
    budget = small_budget((line("A", "1 / (SHOOT_DAYS - 29)", "1"),))
    calculation = Calculation(budget)
    before = calculation.totals()
    with pytest.raises(BudgetError, match=r"accounts\[0\].lines\[0\].quantity: division by zero"):
        calculation.set_global("SHOOT_DAYS", "29")
    assert calculation.totals() == before
    agrees(calculation)


def test_edits_keep_the_departments_that_still_have_lines() -> None:
    calculation = Calculation(small_budget((line("A", "1", "5", department="art"),)))
    calculation.update_line(line("A", "1", "5", department="camera"))
    assert set(calculation.totals().departments) == {"camera"}
    agrees(calculation)


def test_the_expression_of_a_new_global_is_checked() -> None:
    calculation = Calculation(small_budget())
    with pytest.raises(BudgetError, match=r"globals\[2\].expression: empty parentheses"):
        calculation.set_global("NEW", "()")
