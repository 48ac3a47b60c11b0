"""Reading a production's schedules for a person who may see the production: else 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from clapboard.productions.access import ProductionAccess

from .models import Schedule


def schedule_of(access: ProductionAccess, schedule_id: int) -> Schedule:
    return get_object_or_404(
        Schedule.objects.select_related("production", "script_version__script"),
        pk=schedule_id,
        production=access.production,
    )
