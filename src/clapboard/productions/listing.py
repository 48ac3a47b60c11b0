"""Rows of the production list, prepared once per page for the template.

Each row is a flat dict of display values: the template then reads plain keys instead of
walking model attributes (a dotted lookup on a model first tries, and fails, an item
lookup), and labels are translated once per page instead of once per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from clapboard.core.choices import translated_choices
from clapboard.core.links import link_builder

from .models import Production
from .phases import Phase
from .roles import Role


def production_rows(productions: Iterable[Production]) -> list[dict[str, Any]]:
    """Rows for productions annotated by ``ProductionQuerySet.with_list_facts``."""
    roles = translated_choices(Role)
    kinds = translated_choices(Production.Kind)
    phases = translated_choices(Phase)
    dashboard_url = link_builder("productions:dashboard", "production_id")
    company_url = link_builder("companies:company_detail", "company_id")
    return [
        {
            "title": production.title,
            "working_title": production.working_title,
            "url": dashboard_url(production.pk),
            "company_name": production.company.name,
            "company_url": company_url(production.company_id),
            "kind": kinds.get(production.kind, production.kind),
            "phase": production.phase,
            "phase_label": phases.get(production.phase, production.phase),
            "role": roles.get(production.member_role, ""),
            "team_size": production.team_size,
            "updated_at": production.updated_at,
        }
        for production in productions
    ]


#: The switcher lists the productions touched last; the home page lists and searches them all.
SWITCHER_SIZE = 12


def switcher_entries(user: Any) -> list[dict[str, Any]]:
    """The production switcher's menu: the user's most recently touched productions."""
    phase_labels = translated_choices(Phase)
    dashboard_url = link_builder("productions:dashboard", "production_id")
    productions = (
        Production.objects.visible_to(user)
        .only("id", "title", "phase")
        .order_by("-updated_at")[:SWITCHER_SIZE]
    )
    return [
        {
            "pk": production.pk,
            "title": production.title,
            "phase": production.phase,
            "phase_label": phase_labels.get(production.phase, production.phase),
            "url": dashboard_url(production.pk),
        }
        for production in productions
    ]
