"""Series: several episodes cross-boarded on one schedule, and the totals per episode."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from clapboard.core.models import AuditEvent
from clapboard.productions import actions as production_actions
from clapboard.schedules import actions
from clapboard.schedules.calculation import load_board
from clapboard.schedules.episodes import add_episodes, episode_totals
from clapboard.schedules.models import Strip

from .helpers import screenplay

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(producer):
    from tests import factories

    production = factories.make_production(producer, title="Les Veilleurs", kind="series")
    versions = []
    for number in (1, 2):
        episode = production_actions.create_episode(
            production, acting_user=producer, number=number, title=f"Ép {number}"
        )
        script = factories.make_script(
            production, producer, text=screenplay(3 + number), title=f"Épisode {number}"
        )
        script.episode = episode
        script.save()
        versions.append(script.current_version)
    return production, versions


def test_cross_boarding_appends_an_episode_that_undo_removes(series, producer):
    production, (first, second) = series
    schedule = actions.create_schedule(production, acting_user=producer, script_version=first, name="Bloc 1")
    before = schedule.strips.count()
    schedule = add_episodes(schedule, [second], acting_user=producer, expected_version=schedule.version)
    assert schedule.strips.filter(kind=Strip.Kind.SCENE).count() == 4 + 5
    assert AuditEvent.objects.filter(action="schedules.episodes.added").exists()
    with translation.override("en"):
        totals = episode_totals(load_board(schedule))
    assert [(total.label, total.scenes) for total in totals] == [("Ep. 1 · Ép 1", 4), ("Ep. 2 · Ép 2", 5)]
    assert all(total.days for total in totals)
    schedule = actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    assert schedule.strips.count() == before


def test_an_episode_already_on_the_board_is_refused(series, producer):
    production, (first, _second) = series
    schedule = actions.create_schedule(production, acting_user=producer, script_version=first, name="Bloc 1")
    with translation.override("en"), pytest.raises(ValidationError, match="already on this board"):
        add_episodes(schedule, [first], acting_user=producer, expected_version=schedule.version)


def test_a_single_script_board_has_no_episode_totals(series, producer):
    production, (first, _second) = series
    schedule = actions.create_schedule(production, acting_user=producer, script_version=first, name="Bloc 1")
    assert episode_totals(load_board(schedule)) == []


def test_the_board_shows_each_scenes_episode_and_the_blocks(client, series, producer):
    production, (first, second) = series
    schedule = actions.create_schedule(production, acting_user=producer, script_version=first, name="Bloc 1")
    add_episodes(schedule, [second], acting_user=producer, expected_version=schedule.version)
    client.force_login(producer)
    page = client.get(
        reverse("schedules:board", args=[production.pk, schedule.pk]), headers={"Accept-Language": "en"}
    ).content.decode()
    assert 'class="strip__episode"' in page
    assert "Ep. 2 · Ép 2" in page


def test_the_api_creates_a_cross_boarded_schedule(api_client_for, series, producer):
    production, (first, second) = series
    api = api_client_for(producer)
    response = api.post(
        f"/api/v1/productions/{production.pk}/schedules",
        {"name": "Bloc", "script_version_id": first.pk, "episode_version_ids": [second.pk]},
    )
    assert response.status_code == 201, response.content
    board = api.get(f"/api/v1/productions/{production.pk}/schedules/{response.json()['id']}").json()
    assert len([strip for strip in board["strips"] if strip["kind"] == "scene"]) == 9


def test_cross_boarding_from_the_board_page(client, series, producer):
    production, (first, second) = series
    schedule = actions.create_schedule(production, acting_user=producer, script_version=first, name="Bloc 1")
    client.force_login(producer)
    url = reverse("schedules:board", args=[production.pk, schedule.pk])
    page = client.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "Cross-board more episodes" in page
    response = client.post(
        reverse("schedules:episodes_add", args=[production.pk, schedule.pk]),
        {"version": schedule.version, "script_version": [second.pk]},
        headers={"HX-Request": "true", "Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert 'class="strip__episode"' in response.content.decode()
    assert schedule.strips.filter(kind=Strip.Kind.SCENE).count() == 9
    page = client.get(url, headers={"Accept-Language": "en"}).content.decode()
    assert "Cross-board more episodes" not in page  # nothing left to add
