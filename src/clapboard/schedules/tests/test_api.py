"""The schedules API: list, create, read a board, reorder with its version, undo."""

from __future__ import annotations

import pytest

from clapboard.productions.roles import Role
from clapboard.schedules.models import Schedule

from .helpers import make_schedule, order_of

pytestmark = pytest.mark.django_db


def test_list_create_and_read_a_board(api_client_for, production, producer):
    from tests import factories

    from .helpers import screenplay

    factories.make_script(production, producer, text=screenplay(8))
    api = api_client_for(producer)
    base = f"/api/v1/productions/{production.pk}/schedules"
    response = api.post(
        base, {"name": "Plan A", "start_date": "2026-05-13", "unit": "second", "pages_per_day": "0.5"}
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["pages_per_day"] == "0.50"
    assert created["weekdays"] == [0, 1, 2, 3, 4]
    assert [item["name"] for item in api.get(base).json()] == ["Plan A"]
    board = api.get(f"{base}/{created['id']}").json()
    assert board["shooting_days"] == len([day for day in board["days"] if day["kind"] == "shoot"])
    assert board["days"][0]["date"] == "2026-05-13"
    assert board["days"][1]["date"] == "2026-05-15"  # Ascension, Thursday 14 May 2026
    assert sum(day["eighths"] for day in board["days"]) == board["total_eighths"]
    scene = next(strip for strip in board["strips"] if strip["kind"] == "scene")
    assert scene["colour"] == "ext-night"
    assert board["cast"][0]["name"] == "MARIE"


def test_reorder_with_version_conflict_and_undo(api_client_for, production, producer):
    schedule = make_schedule(production, producer)
    api = api_client_for(producer)
    url = f"/api/v1/productions/{production.pk}/schedules/{schedule.pk}"
    order = order_of(schedule)
    response = api.put(f"{url}/order", {"version": 1, "order": order[::-1]})
    assert response.status_code == 200
    assert response.json()["schedule"]["version"] == 2
    stale = api.put(f"{url}/order", {"version": 1, "order": order})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    bad = api.put(f"{url}/order", {"version": 2, "order": order[1:]})
    assert bad.status_code == 422
    undone = api.post(f"{url}/undo", {"version": 2})
    assert undone.status_code == 200
    assert [strip["id"] for strip in undone.json()["strips"]] == order


def test_readers_cannot_reorder_and_outsiders_see_nothing(
    api_client_for, production, producer, member_factory, outsider
):
    schedule = make_schedule(production, producer)
    url = f"/api/v1/productions/{production.pk}/schedules/{schedule.pk}"
    crew = api_client_for(member_factory(Role.CREW))
    assert crew.get(url).status_code == 200
    assert crew.put(f"{url}/order", {"version": 1, "order": order_of(schedule)}).status_code == 403
    assert api_client_for(outsider).get(url).status_code == 404
    assert Schedule.objects.get().version == 1
