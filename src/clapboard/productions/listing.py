"""Rows of the production list, written once per page in Python rather than in the template.

The list is the page people open most. Loaded as plain values (no model instances) and
written with ``html.escape`` (the approach of ``schedules/rows.py`` and
``budgets/rows.py``), a page of rows costs a fraction of what per-row template lookups,
filters and model instances cost; labels are translated once per page, not once per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from typing import Any, NamedTuple

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe

from clapboard.core.choices import translated_choices
from clapboard.core.links import link_builder
from clapboard.core.templatetags.clapboard import EMPTY, number

from .models import Production
from .phases import Phase
from .querysets import ProductionQuerySet
from .roles import Role


class ListedProduction(NamedTuple):
    """One production of the list, as ``ProductionQuerySet.list_for`` reads it."""

    pk: int
    title: str
    working_title: str
    kind: str
    phase: str
    company_id: int
    company_name: str
    updated_at: dt.datetime
    member_role: str | None
    team_size: int


class CountedPaginator(Paginator):
    """A paginator told how many rows there are.

    The list's own query groups a join to count each team; counting its rows would run
    that whole grouping again, when the plain visibility query answers "how many".
    """

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def listed(productions: ProductionQuerySet) -> Any:
    """``productions`` (from ``ProductionQuerySet.list_for``) as ``ListedProduction`` values."""
    columns = [name if name != "company_name" else "company__name" for name in ListedProduction._fields]
    return productions.values_list(*columns)


def production_rows(productions: Iterable[tuple[Any, ...]]) -> SafeString:
    """The ``<tr>`` rows of the production list for values read by :func:`listed`."""
    roles = translated_choices(Role)
    kinds = translated_choices(Production.Kind)
    phases = translated_choices(Phase)
    dashboard_url = link_builder("productions:dashboard", "production_id")
    company_url = link_builder("companies:company_detail", "company_id")
    date_format = get_format("SHORT_DATE_FORMAT")
    dates: dict[dt.date, str] = {}  # rows touched on the same day share their text

    def updated(moment: dt.datetime) -> str:
        day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
        if day not in dates:
            dates[day] = format_date(day, date_format)
        return dates[day]

    rows = []
    for values in productions:
        row = ListedProduction(*values)
        working_title = (
            f' <span class="muted small">({escape(row.working_title)})</span>' if row.working_title else ""
        )
        rows.append(
            f'<tr><td><a class="strong" href="{dashboard_url(row.pk)}">{escape(row.title)}</a>{working_title}</td>'
            f'<td><a href="{company_url(row.company_id)}">{escape(row.company_name)}</a></td>'
            f"<td>{escape(str(kinds.get(row.kind, row.kind)))}</td>"
            f'<td><span class="badge phase phase--{escape(row.phase)}">'
            f"{escape(str(phases.get(row.phase, row.phase)))}</span></td>"
            f"<td>{escape(str(roles.get(row.member_role or '', ''))) or EMPTY}</td>"
            f'<td class="num">{number(row.team_size)}</td>'
            f'<td class="num">{updated(row.updated_at)}</td></tr>'
        )
    return mark_safe("".join(rows))


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
