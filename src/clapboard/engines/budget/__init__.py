"""The budget calculation engine: globals, fringes, subtotals, percentage lines (Decimal).

Entry points:

* ``calculate_budget(budget, links=None) -> BudgetTotals``: every figure, in one pass;
* ``Calculation(budget, links=None)``: the same figures kept up to date after
  ``update_line``, ``add_line``, ``remove_line``, ``set_global`` and ``set_links``;
* ``read_budget(data) -> Budget`` / ``write_budget(budget) -> dict`` /
  ``load_budget(path)``: the JSON format of ``docs/budget-format.md``;
* ``from_template(layout_id, ...)`` and ``from_script_estimate(layout_id, ...)``: new
  budgets from the versioned layouts in ``data/``;
* ``totals_to_json`` and ``top_sheet``: the figures for programs and for people.

Bad input raises ``BudgetError``, whose message starts with the path of the field
(``accounts[2].lines[5].quantity: unknown global SHOT_DAYS``). No Django here.
"""

from __future__ import annotations

from clapboard.engines.budget.calculate import (
    AccountTotal,
    BudgetTotals,
    LineTotal,
    PercentageTotal,
    SeriesTotals,
    calculate_budget,
)
from clapboard.engines.budget.expressions import Expression, ExpressionError, GlobalsError, parse_expression
from clapboard.engines.budget.incremental import Calculation
from clapboard.engines.budget.jsonformat import load_budget, read_budget, write_budget
from clapboard.engines.budget.model import (
    Account,
    Budget,
    BudgetError,
    Chapter,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
)
from clapboard.engines.budget.report import top_sheet, totals_to_json
from clapboard.engines.budget.templates import from_script_estimate, from_template, layout_ids

__all__ = [
    "Account",
    "AccountTotal",
    "Budget",
    "BudgetError",
    "BudgetTotals",
    "Calculation",
    "Chapter",
    "Expression",
    "ExpressionError",
    "Fringe",
    "FringeCap",
    "FringeSet",
    "Global",
    "GlobalsError",
    "Line",
    "LineTotal",
    "PercentageBase",
    "PercentageLine",
    "PercentageTotal",
    "SeriesTotals",
    "calculate_budget",
    "from_script_estimate",
    "from_template",
    "layout_ids",
    "load_budget",
    "parse_expression",
    "read_budget",
    "top_sheet",
    "totals_to_json",
    "write_budget",
]
