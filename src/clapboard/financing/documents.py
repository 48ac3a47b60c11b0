"""From a checked plan to the financing documents: the plan in the CNC presentation (PDF
and Excel) and the investor summary (PDF).

``plan_document(checked)`` turns the engine's check of the plan with every source (less
those said no) into the documents' ``FinancingPlanDocument``: the sources with their
amounts in the plan's currency and their shares, grouped by the documents' engine, the
coverage, the public aid, the tax credits and the rules. ``investor_summary(checked)``
adds the budget version's top sheet by chapter (calculated afresh), the shooting dates
of the schedule linked to the budget version (or the production's key dates), the
delivery and release dates, and the first five names of the schedule's cast. No salary
is in either document: only chapter totals of the budget.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from clapboard.budgets.calculation import calculate
from clapboard.engines.budget import BudgetError
from clapboard.engines.documents.financing import (
    BudgetChapter,
    FinancingPlanDocument,
    InvestorSummary,
    KeyDate,
    Language,
    PlanSource,
    RuleLine,
    TaxCreditLine,
    group_sources,
)
from clapboard.engines.financing import FinancingError
from clapboard.productions.models import KeyDate as ProductionKeyDate
from clapboard.schedules.calculation import load_board

from .calculation import ALL, Checked
from .models import FinancingPlan

KEY_CAST = 5
ZERO = Decimal(0)


def document_language(language: str | None) -> Language:
    """The documents print in French or English: the reader's language when it is one."""
    return "fr" if (language or "").startswith("fr") else "en"


def _details(plan: FinancingPlan, checked: Checked) -> str:
    version = plan.budget_version
    parts = [plan.name, f"{version.budget.name} v{version.number}"]
    declined = [source.partner for source in checked.rows.sources if source.engine_id in checked.without]
    if declined:
        parts.append(_("without %(partners)s") % {"partners": ", ".join(declined)})
    return " \u2014 ".join(parts)


def plan_document(checked: Checked) -> FinancingPlanDocument:
    """The plan as the documents print it. FinancingError when the plan could not be
    checked (the check's message)."""
    if checked.result is None:
        raise FinancingError("", checked.error)
    plan = checked.rows.plan
    scenario = checked.result.scenario(ALL)
    rows = checked.rows.source_by_engine_id
    sources = []
    for line in scenario.sources:
        row = rows.get(line.id)
        sources.append(
            PlanSource(
                partner=line.partner,
                type=line.type,
                amount=line.amount,
                share=line.share,
                status=line.status,
                secured=line.secured,
                public=line.public,
                country=(row.country if row is not None else "") or "",
            )
        )
    coverage = scenario.coverage
    public = sum((line.amount for line in scenario.sources if line.public), ZERO)
    share = (public * 100 / coverage.budget).quantize(Decimal("0.01")) if coverage.budget else ZERO
    return FinancingPlanDocument(
        title=plan.name,
        production=plan.production.title,
        currency=plan.currency,
        budget=coverage.budget,
        groups=group_sources(sources, country=plan.country),
        secured=coverage.secured,
        total=coverage.total,
        gap=coverage.gap,
        public=public,
        public_share=share,
        tax_credits=tuple(
            TaxCreditLine(
                credit.title,
                credit.eligible,
                credit.base,
                credit.rate,
                credit.amount,
                reason="; ".join(credit.reasons),
            )
            for credit in scenario.tax_credits
        ),
        rules=tuple(RuleLine(rule.title, rule.status, rule.message) for rule in scenario.rules),
        details=_details(plan, checked),
    )


def _schedule_dates(plan: FinancingPlan) -> tuple[dt.date | None, dt.date | None, tuple[str, ...]]:
    """The first and last dated shooting days and the key cast of the schedule linked to
    the budget version; nothing when it has none."""
    schedule = plan.budget_version.schedule
    if schedule is None:
        return None, None, ()
    board = load_board(schedule)
    dated = [day.date for day in board.days if day.date is not None]
    cast = tuple((member.actor or member.name) for member in board.cast[:KEY_CAST])
    return (dated[0] if dated else None), (dated[-1] if dated else None), cast


def investor_summary(checked: Checked) -> InvestorSummary:
    """The investor summary of a checked plan. FinancingError when the plan or its budget
    could not be calculated."""
    document = plan_document(checked)
    plan = checked.rows.plan
    try:
        result = calculate(plan.budget_version)
    except BudgetError as error:
        raise FinancingError("budget", str(error)) from error
    totals = result.totals
    chapters = tuple(
        BudgetChapter(chapter.number, chapter.title, totals.chapters.get(chapter.number, ZERO))
        for chapter in result.budget.chapters
    )
    start, end, cast = _schedule_dates(plan)
    milestones = {
        item.kind: item
        for item in reversed(list(ProductionKeyDate.objects.filter(production_id=plan.production_id)))
    }
    kinds = ProductionKeyDate.Kind
    dates: list[KeyDate] = []
    for kind, scheduled in ((kinds.SHOOT_START, start), (kinds.SHOOT_END, end)):
        day = scheduled or (milestones[kind].date if kind in milestones else None)
        if day is not None:
            dates.append(KeyDate(str(kind.label), day))
    for kind in (kinds.PICTURE_LOCK, kinds.DELIVERY, kinds.RELEASE):
        if kind in milestones:
            dates.append(KeyDate(milestones[kind].label or str(kind.label), milestones[kind].date))
    return InvestorSummary(
        plan=document,
        chapters=chapters,
        subtotal=totals.subtotal,
        grand_total=totals.grand_total,
        key_dates=tuple(dates),
        cast=cast,
    )
