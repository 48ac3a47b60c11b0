"""Random budgets (the engine's Hypothesis strategy) read back equal from the workbook.

Descriptions lose the control characters a workbook cannot hold (and a carriage return,
which XML turns into a line feed), so the strategy's descriptions are cleaned first.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clapboard.engines.budget import Budget, calculate_budget
from clapboard.engines.budget.tests.strategies import budgets
from clapboard.engines.documents.budget import read_budget_xlsx, write_budget_xlsx

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(budget: Budget) -> Budget:
    accounts = tuple(
        replace(
            account,
            lines=tuple(
                replace(line, description=_CONTROL.sub(" ", line.description)) for line in account.lines
            ),
        )
        for account in budget.accounts
    )
    return replace(budget, accounts=accounts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget=budgets().map(_clean), language=st.sampled_from(["fr", "en"]))
def test_random_budgets_read_back_equal(budget: Budget, language: str) -> None:
    totals = calculate_budget(budget, links={"schedule:cast_days:e1": 3})
    assert read_budget_xlsx(write_budget_xlsx(budget, totals, language=language)) == budget  # type: ignore[arg-type]
