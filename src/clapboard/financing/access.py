"""Reading a production's financing plans for a person who may see the production: else 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from clapboard.productions.access import ProductionAccess

from .models import FinancingPlan, Scenario, Source


def plan_of(access: ProductionAccess, plan_id: int) -> FinancingPlan:
    return get_object_or_404(
        FinancingPlan.objects.select_related("production", "budget_version__budget"),
        pk=plan_id,
        production=access.production,
    )


def source_of(plan: FinancingPlan, source_id: int) -> Source:
    source = get_object_or_404(Source, pk=source_id, plan=plan)
    source.plan = plan
    return source


def scenario_of(plan: FinancingPlan, scenario_id: int) -> Scenario:
    scenario = get_object_or_404(Scenario, pk=scenario_id, plan=plan)
    scenario.plan = plan
    return scenario
