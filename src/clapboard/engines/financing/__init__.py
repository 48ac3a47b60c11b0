"""The financing engine: the plan de financement against its budget, checked by rules (Decimal).

Entry points:

* ``check_plan(plan, *, rules=None, without=()) -> PlanCheck``: per scenario, the
  coverage (secured, hoped, gap, each source's share), the tax credits computed from the
  budget's eligible French expenses, every rule's result with its numbers and source,
  and the cash flow;
* ``read_plan(data) -> Plan`` / ``write_plan(plan) -> dict`` / ``load_plan(path)`` and
  ``check_to_json(result)``: the JSON format of ``docs/financing-format.md``;
* ``budget_figures(budget, totals) -> BudgetFigures``: what a plan needs of a budget
  engine ``Budget`` and its ``BudgetTotals``, by the versioned category mappings;
* ``pin_rules(plan, result)``: the plan with the rule-set versions it was checked with.

Rules, rates, category mappings and spend curves are versioned data in ``data/``; each
result names the rule set and version, the rule's source and date of effect, and warns
when a figure it used is flagged TO VERIFY, CONFLICT, ESTIMATE or NOT FOUND.

Bad input raises ``FinancingError``, whose message starts with the path of the field, a
source named by its partner (``sources[3] "Région Bretagne": …``). No Django here.
"""

from __future__ import annotations

from clapboard.engines.financing.cashflow import CashFlow, CashFlowPeriod
from clapboard.engines.financing.check import (
    Coverage,
    PlanCheck,
    RuleSetUsed,
    ScenarioResult,
    SourceLine,
    check_plan,
    pin_rules,
)
from clapboard.engines.financing.figures import budget_figures
from clapboard.engines.financing.jsonformat import check_to_json, load_plan, read_plan, write_plan
from clapboard.engines.financing.model import (
    CATEGORIES,
    CREDITS,
    PHASES,
    SOURCE_TYPES,
    STATUSES,
    BudgetFigures,
    CashFlowSettings,
    FinancingError,
    Instalment,
    Phase,
    Plan,
    Recoupment,
    Scenario,
    Source,
    Split,
    Work,
)
from clapboard.engines.financing.rules import RuleResult
from clapboard.engines.financing.taxcredits import Adjustment, TaxCreditResult

__all__ = [
    "CATEGORIES",
    "CREDITS",
    "PHASES",
    "SOURCE_TYPES",
    "STATUSES",
    "Adjustment",
    "BudgetFigures",
    "CashFlow",
    "CashFlowPeriod",
    "CashFlowSettings",
    "Coverage",
    "FinancingError",
    "Instalment",
    "Phase",
    "Plan",
    "PlanCheck",
    "Recoupment",
    "RuleResult",
    "RuleSetUsed",
    "Scenario",
    "ScenarioResult",
    "Source",
    "SourceLine",
    "Split",
    "TaxCreditResult",
    "Work",
    "budget_figures",
    "check_plan",
    "check_to_json",
    "load_plan",
    "pin_rules",
    "read_plan",
    "write_plan",
]
