"""Invariants over random budgets: totals add up in any order, an edit touches only its
ancestors, JSON keeps every figure, and incremental updates agree with a full calculation."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clapboard.engines.budget import (
    Budget,
    BudgetError,
    BudgetTotals,
    Calculation,
    Line,
    calculate_budget,
    parse_expression,
    read_budget,
    write_budget,
)

from .strategies import budgets, lines, money

CHECKS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def total(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


@CHECKS
@given(budget=budgets(), data=st.data())
def test_every_total_is_the_sum_of_its_parts_in_any_order(budget: Budget, data: st.DataObject) -> None:
    totals = calculate_budget(budget, links={"schedule:cast_days:e1": 3})

    def shuffled(values: object) -> list[Decimal]:
        return data.draw(st.permutations(list(values)))  # type: ignore[call-overload]

    line_totals = [figures.total for figures in totals.lines.values()]
    assert total(shuffled(line_totals)) == totals.subtotal
    assert total(shuffled(a.total for a in totals.accounts.values())) == totals.subtotal
    assert total(shuffled(totals.chapters.values())) == totals.subtotal
    assert total(shuffled(totals.groups.values())) == totals.subtotal
    assert total(shuffled(totals.departments.values())) == totals.subtotal
    fringe_parts = [figures.fringe_total for figures in totals.lines.values()]
    assert total(shuffled(totals.fringes.values())) == total(fringe_parts)
    percentages = [item.amount for item in totals.percentages.values()]
    assert totals.subtotal + total(shuffled(percentages)) == totals.grand_total
    assert totals.french + totals.foreign == totals.grand_total
    for figures in totals.lines.values():
        assert figures.amount + total(list(figures.fringes.values())) == figures.total
        assert figures.french + figures.foreign == figures.total
        assert figures.total == figures.total.quantize(Decimal("0.01"))


def ancestors_of(budget: Budget, line_id: str) -> tuple[set[str], set[str], str]:
    for account in budget.accounts:
        for line in account.lines:
            if line.id == line_id:
                accounts = {account.number, account.fringes_to or account.number}
                chapters = {a.chapter for a in budget.accounts if a.number in accounts}
                return accounts, chapters, line.department
    raise AssertionError(line_id)


def changed_keys(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


@CHECKS
@given(budget=budgets(), data=st.data())
def test_changing_one_line_changes_only_its_ancestors(budget: Budget, data: st.DataObject) -> None:
    candidates = [line for _, line in budget.lines()]
    if not candidates:
        return
    line = data.draw(st.sampled_from(candidates))
    # A line capped per person shares its ceiling with the person's other lines: keep it alone.
    line = replace(line, person=None)
    budget = _with_line(budget, line)
    before = calculate_budget(budget)
    edited = replace(line, rate=parse_expression(str(data.draw(money))))
    after = calculate_budget(_with_line(budget, edited))
    accounts, chapters, department = ancestors_of(budget, line.id)
    assert changed_keys(dict(before.lines), dict(after.lines)) <= {line.id}
    assert changed_keys(dict(before.accounts), dict(after.accounts)) <= accounts
    assert changed_keys(dict(before.chapters), dict(after.chapters)) <= chapters
    assert changed_keys(dict(before.departments), dict(after.departments)) <= {department}


def _with_line(budget: Budget, line: Line) -> Budget:
    return replace(
        budget,
        accounts=tuple(
            replace(a, lines=tuple(line if other.id == line.id else other for other in a.lines))
            for a in budget.accounts
        ),
    )


@CHECKS
@given(budget=budgets())
def test_saving_and_reading_back_keeps_the_budget_and_its_totals(budget: Budget) -> None:
    text = json.dumps(write_budget(budget))
    again = read_budget(json.loads(text))
    assert again == budget
    assert write_budget(again) == write_budget(budget)
    assert calculate_budget(again) == calculate_budget(budget)


def same(incremental: BudgetTotals, full: BudgetTotals) -> None:
    assert dict(incremental.lines) == dict(full.lines)
    assert incremental == full


edits = st.sampled_from(["update", "add", "remove", "global", "links"])


@CHECKS
@given(budget=budgets(), data=st.data())
def test_incremental_updates_agree_with_a_full_calculation(budget: Budget, data: st.DataObject) -> None:
    links: dict[str, object] = {}
    calculation = Calculation(budget)
    series = budget.episodes is not None
    for step in range(data.draw(st.integers(1, 6))):
        current = calculation.budget
        existing = [line for _, line in current.lines()]
        kind = data.draw(edits)
        if kind == "update" and existing:
            old = data.draw(st.sampled_from(existing))
            calculation.update_line(replace(data.draw(lines(old.id, series)), id=old.id))
        elif kind == "add":
            account = data.draw(st.sampled_from(current.accounts))
            new_line = data.draw(lines(f"new{step}", series))
            calculation.add_line(account.number, new_line, data.draw(st.integers(0, len(account.lines))))
        elif kind == "remove" and existing:
            calculation.remove_line(data.draw(st.sampled_from(existing)).id)
        elif kind == "global":
            name = data.draw(st.sampled_from(["DAYS", "RATE", "CREW"]))
            text = data.draw(st.sampled_from(["7", "12.5", "WEEKS + 1"]))
            if (name, text) == ("DAYS", "WEEKS + 1"):
                with pytest.raises(BudgetError, match="cycle DAYS → WEEKS → DAYS"):
                    calculation.set_global(name, text)  # refused, and nothing changes
            else:
                calculation.set_global(name, text)
        elif kind == "links":
            links = data.draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "schedule:shoot_days": st.integers(1, 50),
                        "schedule:cast_days:e1": st.integers(0, 9),
                    },
                )
            )
            calculation.set_links(links)
        same(calculation.totals(), calculate_budget(calculation.budget, links=links))
