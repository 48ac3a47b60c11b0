"""Schedules for tests, built through the real import and the real actions."""

from __future__ import annotations

from typing import Any

from tests import factories

from clapboard.schedules import actions
from clapboard.schedules.models import Schedule


def screenplay(scenes: int) -> str:
    """A Fountain screenplay of ``scenes`` scenes on seven sets, day and night, two speakers."""
    parts = ["Title: Essai\n\n"]
    for index in range(scenes):
        place = "INT." if index % 2 else "EXT."
        light = "NUIT" if index % 3 == 0 else "JOUR"
        parts.append(
            f"{place} LIEU {index % 7} - {light}\n\n"
            f"MARIE entre dans le lieu pour la scène {index}. Elle regarde autour d'elle.\n\n"
            f"MARIE\nBonjour, c'est la scène {index}.\n\n"
            "PAUL\nSalut.\n\n"
        )
    return "".join(parts)


def make_schedule(production: Any, user: Any, scenes: int = 5, **fields: Any) -> Schedule:
    factories.make_script(production, user, text=screenplay(scenes))
    fields.setdefault("name", "Plan de travail")
    return actions.create_schedule(production, acting_user=user, **fields)


def order_of(schedule: Schedule) -> list[int]:
    return list(schedule.strips.order_by("position").values_list("pk", flat=True))
