"""The financing documents: the plan de financement in the CNC presentation (PDF and
Excel) and the investor summary (PDF). Pure Python: the financing app fills the
dataclasses of ``model`` from a checked plan."""

from clapboard.engines.documents.financing.labels import LABELS, Language
from clapboard.engines.documents.financing.model import (
    FRENCH_GROUPS,
    BudgetChapter,
    FinancingPlanDocument,
    InvestorSummary,
    KeyDate,
    PlanSource,
    RuleLine,
    SourceGroup,
    TaxCreditLine,
    group_sources,
)
from clapboard.engines.documents.financing.pdf import (
    format_percent,
    render_financing_plan_pdf,
    render_investor_summary_pdf,
)
from clapboard.engines.documents.financing.xlsx import render_financing_plan_xlsx

__all__ = [
    "FRENCH_GROUPS",
    "LABELS",
    "BudgetChapter",
    "FinancingPlanDocument",
    "InvestorSummary",
    "KeyDate",
    "Language",
    "PlanSource",
    "RuleLine",
    "SourceGroup",
    "TaxCreditLine",
    "format_percent",
    "group_sources",
    "render_financing_plan_pdf",
    "render_financing_plan_xlsx",
    "render_investor_summary_pdf",
]
