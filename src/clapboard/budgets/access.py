"""Reading a production's budgets for a person who may see the production: else 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from clapboard.productions.access import ProductionAccess

from .models import Account, BudgetVersion, Line


def version_of(access: ProductionAccess, version_id: int) -> BudgetVersion:
    return get_object_or_404(
        BudgetVersion.objects.select_related("budget__production", "schedule"),
        pk=version_id,
        budget__production=access.production,
    )


def line_of(version: BudgetVersion, line_id: int) -> Line:
    return get_object_or_404(Line.objects.select_related("account"), pk=line_id, budget_version=version)


def account_of(version: BudgetVersion, account_id: int) -> Account:
    return get_object_or_404(Account, pk=account_id, budget_version=version)
