"""From a plan's rows to the financing engine: gather, then check.

``engine_plan(plan)`` reads the plan, its sources and scenarios (three queries), and the
budget version it finances through the budgets app (``calculate``: the engine's
``Budget`` and ``BudgetTotals``), turned into the figures a plan needs by the engine's
``budget_figures``. ``check(plan, without=...)`` runs ``check_plan``: the sources in
``without`` are taken out of every scenario (the "what if this source says no" toggle).

Engine ids: a source is ``s<pk>``, a scenario ``c<pk>``; the first scenario is always
the plan with every source (``all``), so that plan A, plan B... sit beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from clapboard.budgets.calculation import calculate
from clapboard.engines.budget import BudgetError
from clapboard.engines.financing import (
    BudgetFigures,
    CashFlowSettings,
    FinancingError,
    Instalment,
    Phase,
    Plan,
    PlanCheck,
    Recoupment,
    Work,
    budget_figures,
    check_plan,
)
from clapboard.engines.financing import Scenario as EngineScenario
from clapboard.engines.financing import Source as EngineSource

from .models import FinancingPlan, Scenario, Source

ALL = "all"
PHASE_FIELDS = (
    ("pre_production", "pre_production_start", "pre_production_end"),
    ("shooting", "shooting_start", "shooting_end"),
    ("post_production", "post_production_start", "post_production_end"),
)


@dataclass
class PlanRows:
    """A plan's rows, read once for a page and for the engine."""

    plan: FinancingPlan
    sources: list[Source]
    scenarios: list[Scenario]

    @property
    def source_by_engine_id(self) -> dict[str, Source]:
        return {source.engine_id: source for source in self.sources}


def load_rows(plan: FinancingPlan) -> PlanRows:
    sources = list(Source.objects.filter(plan=plan).order_by("position", "id"))
    scenarios = list(
        Scenario.objects.filter(plan=plan).prefetch_related("without").order_by("position", "id")
    )
    return PlanRows(plan, sources, scenarios)


def work_of(plan: FinancingPlan) -> Work:
    return Work(
        kind=plan.kind,
        genre=plan.genre,
        language=plan.language,
        foreign_language_justified=plan.foreign_language_justified,
        duration_minutes=Decimal(plan.duration_minutes) if plan.duration_minutes else None,
        first_or_second_film=plan.first_or_second_film,
        difficult=plan.difficult,
        youth=plan.youth,
        shooting_days_france=plan.shooting_days_france,
        foreign_production=plan.foreign_production,
    )


def phases_of(plan: FinancingPlan) -> tuple[Phase, ...]:
    phases = []
    for name, start_field, end_field in PHASE_FIELDS:
        start, end = getattr(plan, start_field), getattr(plan, end_field)
        if start is not None and end is not None:
            phases.append(Phase(name, start, end))
    return tuple(phases)


def instalments_of(source: Source) -> tuple[Instalment, ...]:
    """The stored instalments (``[{"date": "2026-05-01", "percentage": "50"}]``) as the engine's."""
    result = []
    for position, item in enumerate(source.instalments or []):
        try:
            when = date.fromisoformat(str(item["date"]))
            amount = Decimal(str(item["amount"])) if item.get("amount") not in (None, "") else None
            share = Decimal(str(item["percentage"])) if item.get("percentage") not in (None, "") else None
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise FinancingError(
                f'sources "{source.partner}": instalments[{position}]',
                _("not a date with an amount or a percentage"),
            ) from error
        result.append(Instalment(when, amount, share))
    return tuple(result)


def engine_source(source: Source) -> EngineSource:
    recoupment = (
        Recoupment(notes=source.recoupment_notes) if source.recoups and source.recoupment_notes else None
    )
    return EngineSource(
        id=source.engine_id,
        type=source.type,
        partner=source.partner,
        amount=source.amount,
        currency=source.currency,
        status=source.status,
        expected_date=source.expected_date,
        actual_date=source.actual_date,
        conditions=source.conditions,
        is_public=source.is_public,
        recoups=source.recoups,
        recoupment=recoupment,
        country=source.country or None,
        rights_share=source.rights_share,
        territory=source.territory or None,
        spend_obligation=source.spend_obligation,
        credit=source.credit or None,
        interest_rate=source.interest_rate,
        instalments=instalments_of(source),
        notes=source.notes,
    )


def rates_of(plan: FinancingPlan) -> dict[str, Decimal]:
    rates = {}
    for code, value in (plan.exchange_rates or {}).items():
        try:
            rates[str(code)] = Decimal(str(value))
        except ArithmeticError as error:
            raise FinancingError(
                f"exchange_rates.{code}", _("not a number: %(value)s") % {"value": value}
            ) from error
    return rates


def figures_of(plan: FinancingPlan) -> BudgetFigures:
    """The budget version's figures, calculated afresh by the budget engine."""
    try:
        result = calculate(plan.budget_version)
    except BudgetError as error:
        raise FinancingError("budget", str(error)) from error
    return budget_figures(result.budget, result.totals)


def engine_plan(
    plan: FinancingPlan,
    rows: PlanRows | None = None,
    *,
    figures: BudgetFigures | None = None,
    all_title: str = "",
) -> Plan:
    rows = rows or load_rows(plan)
    scenarios = [EngineScenario(ALL, all_title or _("All sources"))]
    for scenario in rows.scenarios:
        scenarios.append(
            EngineScenario(
                scenario.engine_id,
                scenario.name,
                without=tuple(source.engine_id for source in scenario.without.all()),
            )
        )
    return Plan(
        title=plan.name,
        currency=plan.currency,
        start=plan.start,
        budget=figures if figures is not None else figures_of(plan),
        sources=tuple(engine_source(source) for source in rows.sources),
        work=work_of(plan),
        country=plan.country,
        exchange_rates=rates_of(plan),
        scenarios=tuple(scenarios),
        phases=phases_of(plan),
        cash_flow=CashFlowSettings(period=plan.period, bridge_rate=plan.bridge_rate),
        rules={str(key): int(value) for key, value in (plan.rules or {}).items()},
        notes=plan.notes,
    )


@dataclass
class Checked:
    """A plan checked for a page: the engine's result, or the reason it could not be."""

    rows: PlanRows
    without: tuple[str, ...] = ()
    engine: Plan | None = None
    result: PlanCheck | None = None
    error: str = ""


def check(
    plan: FinancingPlan,
    rows: PlanRows | None = None,
    *,
    without: Iterable[str] = (),
    rules: int | date | str | None = None,
) -> Checked:
    """Check ``plan``; ``without`` holds engine ids of sources said no (unknown ids are
    ignored, so a stale link still shows the page). An engine error is kept as text."""
    rows = rows or load_rows(plan)
    known = {source.engine_id for source in rows.sources}
    declined = tuple(item for item in dict.fromkeys(without) if item in known)
    checked = Checked(rows, declined)
    try:
        checked.engine = engine_plan(plan, rows)
        checked.result = check_plan(checked.engine, rules=rules, without=declined)
    except FinancingError as error:
        checked.error = str(error)
    return checked
