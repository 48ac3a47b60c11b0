"""The schedule pages: what they show, the htmx board changes, conflicts, and query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clapboard.core.models import AuditEvent
from clapboard.productions.roles import Role
from clapboard.schedules.models import Schedule, Strip

from .helpers import make_schedule, order_of

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def board_url(schedule: Schedule, name: str = "board", **kwargs: int) -> str:
    return reverse(
        f"schedules:{name}",
        kwargs={"production_id": schedule.production_id, "schedule_id": schedule.pk, **kwargs},
    )


def test_the_list_and_the_new_schedule_form(client, production, producer):
    client.force_login(producer)
    make_schedule(production, producer)
    response = client.get(reverse("schedules:home", args=[production.pk]), headers={"Accept-Language": "en"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Plan de travail" in page
    assert "Lay out the schedule" in page
    response = client.post(
        reverse("schedules:schedule_create", args=[production.pk]),
        {
            "name": "Version 2",
            "unit": "second",
            "script_version": production.scripts.get().current_version_id,
            "start_date": "2026-05-11",
            "pages_per_day": "",
            "hours_per_day": "10",
        },
    )
    created = Schedule.objects.get(name="Version 2")
    assert response.status_code == 302
    assert response["Location"] == board_url(created)
    assert created.unit == "second"
    assert created.pages_per_day == Decimal(3)


def test_the_navigation_links_the_module(client, production, producer):
    client.force_login(producer)
    response = client.get(reverse("productions:dashboard", args=[production.pk]))
    assert reverse("schedules:home", args=[production.pk]) in response.content.decode()


def test_the_board_shows_strips_colours_days_and_legend(client, production, producer):
    schedule = make_schedule(production, producer, scenes=6, start_date=dt.date(2026, 5, 13))
    client.force_login(producer)
    response = client.get(board_url(schedule), headers={"Accept-Language": "en"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "strip--ext-night" in page  # scene 0 is EXT. ... NUIT
    assert "strip--int-day" in page
    assert "End of day 1" in page
    assert "Wednesday 13 May 2026" in page
    assert "Legend" in page
    assert "MARIE" in page  # the cast legend
    assert "data-sortable" in page
    assert 'style="' not in page


def test_a_reader_sees_the_board_without_drag_handles(client, production, producer, member_factory):
    schedule = make_schedule(production, producer)
    guest = member_factory(Role.CREW)
    client.force_login(guest)
    page = client.get(board_url(schedule)).content.decode()
    assert "data-sortable" not in page
    assert "data-reorder-form" not in page


def test_htmx_reorder_answers_with_the_board_and_its_totals(client, production, producer):
    schedule = make_schedule(production, producer, scenes=6, pages_per_day=Decimal(99))
    client.force_login(producer)
    order = order_of(schedule)
    last_break = order[-1]
    new = [*order[:2], last_break, *order[2:-1]]
    response = client.post(
        board_url(schedule, "reorder"),
        {"order": ",".join(map(str, new)), "version": schedule.version},
        headers={**HTMX, "Accept-Language": "en"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="board"')
    assert "has no day break yet" in page
    assert order_of(schedule) == new
    assert 'name="version" value="2"' in page


def test_a_stale_reorder_gets_409_and_the_current_board(client, production, producer):
    schedule = make_schedule(production, producer)
    client.force_login(producer)
    order = order_of(schedule)
    client.post(
        board_url(schedule, "reorder"), {"order": ",".join(map(str, order[::-1])), "version": 1}, headers=HTMX
    )
    response = client.post(
        board_url(schedule, "reorder"),
        {"order": ",".join(map(str, order[1:] + order[:1])), "version": 1},
        headers={**HTMX, "Accept-Language": "en"},
    )
    assert response.status_code == 409
    assert "Someone changed this board meanwhile" in response.content.decode()
    assert order_of(schedule) == order[::-1]


def test_add_remove_and_undo_from_the_page(client, production, producer):
    schedule = make_schedule(production, producer)
    client.force_login(producer)
    before = order_of(schedule)
    response = client.post(
        board_url(schedule, "strip_add"), {"kind": "banner", "text": "Semaine 1", "version": 1}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Semaine 1" in response.content.decode()
    banner = Strip.objects.get(schedule=schedule, kind="banner")
    response = client.post(
        board_url(schedule, "strip_remove", strip_id=banner.pk), {"version": 2}, headers=HTMX
    )
    assert "Semaine 1" not in response.content.decode()
    client.post(board_url(schedule, "undo"), {"version": 3}, headers=HTMX)
    assert Strip.objects.filter(pk=banner.pk).exists()
    response = client.post(board_url(schedule, "undo"), {"version": 4})  # without htmx: back to the page
    assert response.status_code == 302
    assert order_of(schedule) == before
    assert AuditEvent.objects.filter(action="schedules.change.undone").count() == 2


def test_settings_page_saves_and_reports_conflicts(client, production, producer):
    schedule = make_schedule(production, producer)
    client.force_login(producer)
    url = board_url(schedule, "schedule_edit")
    assert client.get(url).status_code == 200
    data = {
        "name": "Plan v2",
        "unit": "main",
        "start_date": "2026-05-04",
        "weekdays": ["0", "1", "2", "3", "4", "5"],
        "country": "FR",
        "days_off": "2026-05-06\n",
        "pages_per_day": "2.5",
        "hours_per_day": "11",
        "version": schedule.version,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.weekdays == [0, 1, 2, 3, 4, 5]
    assert schedule.days_off == ["2026-05-06"]
    response = client.post(url, {**data, "name": "Plan v3", "version": 1})
    assert response.status_code == 409


def board_queries(client, schedule: Schedule) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(board_url(schedule))
    assert response.status_code == 200
    return len(queries)


def test_the_board_reads_the_same_number_of_queries_for_5_or_60_scenes(client, producer, db):
    from tests import factories

    small_production = factories.make_production(producer, title="Petit", kind="short")
    large_production = factories.make_production(producer, title="Grand", kind="short")
    small = make_schedule(small_production, producer, scenes=5)
    large = make_schedule(large_production, producer, scenes=60)
    client.force_login(producer)
    board_queries(client, small)  # warm the session and caches
    assert board_queries(client, small) == board_queries(client, large)
