"""The day out of days and the shooting calendar: pages, spreadsheet, API and the
figures the budget reads."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from clapboard.productions.roles import Role
from clapboard.schedules import actions
from clapboard.schedules.models import Schedule, Strip
from clapboard.schedules.reports import load_day_out_of_days, schedule_quantities
from clapboard.scripts.models import Tag

from .helpers import make_schedule

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def url(schedule: Schedule, name: str) -> str:
    return reverse(
        f"schedules:{name}", kwargs={"production_id": schedule.production_id, "schedule_id": schedule.pk}
    )


def one_scene_a_day(production, user, scenes: int = 5) -> Schedule:
    """A board of ``scenes`` days, one scene each (MARIE and PAUL play every scene), from
    Wednesday 13 May 2026: Thursday 14 is Ascension, so day 2 is Friday 15."""
    return make_schedule(
        production, user, scenes=scenes, start_date=dt.date(2026, 5, 13), pages_per_day=Decimal("0.1")
    )


def paul_rests_on_day(schedule: Schedule, day_index: int) -> None:
    scene = schedule.strips.filter(kind=Strip.Kind.SCENE).order_by("position")[day_index].scene
    Tag.objects.filter(scene=scene, element__name="PAUL").update(status=Tag.Status.REJECTED)


def test_codes_and_counts_of_the_day_out_of_days(production, producer):
    schedule = one_scene_a_day(production, producer)
    paul_rests_on_day(schedule, 2)
    view = load_day_out_of_days(schedule)
    lines = {line.member.name: line for line in view.lines}
    assert [code.value for code in lines["MARIE"].days.codes] == ["SW", "W", "W", "W", "WF"]
    assert [code.value for code in lines["PAUL"].days.codes] == ["SW", "W", "H", "W", "WF"]
    assert (lines["PAUL"].days.work, lines["PAUL"].days.hold) == (4, 1)
    assert lines["PAUL"].start == dt.date(2026, 5, 13)
    assert lines["PAUL"].finish == dt.date(2026, 5, 20)  # 14 Ascension, 16-17 weekend
    assert view.working == [2, 2, 1, 2, 2]


def test_a_travel_day_inside_the_engagement(production, producer):
    schedule = one_scene_a_day(production, producer, scenes=3)
    first_break = schedule.strips.filter(kind=Strip.Kind.DAY_BREAK).order_by("position").first()
    actions.add_strip(
        schedule,
        Strip.Kind.TRAVEL,
        after_id=first_break.pk,
        acting_user=producer,
        expected_version=schedule.version,
    )
    view = load_day_out_of_days(schedule)
    assert [code.value for code in view.lines[0].days.codes] == ["SW", "T", "W", "WF"]
    assert view.lines[0].days.engaged_days == 4


def test_the_page_shows_codes_counts_legend_and_the_rule(client, production, producer):
    schedule = one_scene_a_day(production, producer)
    paul_rests_on_day(schedule, 2)
    client.force_login(producer)
    response = client.get(url(schedule, "day_out_of_days"), headers=EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="dood__code code--h">H</td>' in page
    assert 'class="dood__code code--swf"' in page  # in the legend
    assert "Every gap between two work days is held" in page
    assert "SAG-AFTRA" in page
    assert 'style="' not in page
    assert url(schedule, "day_out_of_days_xlsx") in page


def test_drop_and_pick_up_is_a_schedule_setting(client, production, producer):
    schedule = one_scene_a_day(production, producer)
    actions.update_schedule(
        schedule, acting_user=producer, expected_version=schedule.version, drop_and_pick_up=True
    )
    client.force_login(producer)
    page = client.get(url(schedule, "day_out_of_days"), headers=EN).content.decode()
    assert "more than 10 days separate two of their work days" in page
    assert ">Dropped</th>" in page


def test_the_spreadsheet_keeps_codes_counts_and_a_total_formula(client, production, producer):
    schedule = one_scene_a_day(production, producer)
    paul_rests_on_day(schedule, 2)
    client.force_login(producer)
    response = client.get(url(schedule, "day_out_of_days_xlsx"), headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {sheet.cell(row=row, column=2).value: row for row in range(4, sheet.max_row + 1)}
    paul = rows["PAUL"]
    assert [sheet.cell(row=paul, column=column).value for column in range(4, 9)] == [
        "SW",
        "W",
        "H",
        "W",
        "WF",
    ]
    assert sheet.cell(row=3, column=4).value == "13/05"
    assert sheet.cell(row=paul, column=9).value == 4  # work
    assert sheet.cell(row=paul, column=10).value == 1  # hold
    assert sheet.cell(row=paul, column=15).value == f"=SUM(I{paul}:M{paul})"
    assert sheet.freeze_panes == "D4"


def test_the_calendar_shows_days_holidays_and_weekends(client, production, producer):
    schedule = one_scene_a_day(production, producer)
    client.force_login(producer)
    response = client.get(url(schedule, "calendar"), headers=EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert "May 2026" in page
    assert "Ascension" in page
    assert "Day 5" in page
    assert "month__cell--rest" in page  # the weekend of 16-17 May
    assert 'style="' not in page


def test_the_calendar_without_a_start_date_says_what_to_do(client, production, producer):
    schedule = make_schedule(production, producer)
    client.force_login(producer)
    page = client.get(url(schedule, "calendar"), headers=EN).content.decode()
    assert "Set the first shooting day" in page


def test_the_api_gives_each_performers_codes(api_client_for, production, producer):
    schedule = one_scene_a_day(production, producer)
    paul_rests_on_day(schedule, 2)
    api = api_client_for(producer)
    response = api.get(f"/api/v1/productions/{production.pk}/schedules/{schedule.pk}/day-out-of-days")
    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["days"]) == 5
    paul = next(item for item in body["performers"] if item["name"] == "PAUL")
    assert paul["codes"] == ["SW", "W", "H", "W", "WF"]
    assert (paul["work"], paul["hold"], paul["engaged_days"]) == (4, 1, 5)
    assert paul["start"] == "2026-05-13"
    assert body["drop_and_pick_up"] is False


def test_the_budget_reads_cast_days_by_element(production, producer):
    schedule = one_scene_a_day(production, producer)
    paul_rests_on_day(schedule, 2)
    quantities = schedule_quantities(schedule)
    assert quantities.shooting_days == 5
    by_name = {days.name: days for days in quantities.cast.values()}
    assert (by_name["PAUL"].work, by_name["PAUL"].hold, by_name["PAUL"].engaged) == (4, 1, 5)
    assert all(element_id == days.element_id for element_id, days in quantities.cast.items())


def test_readers_see_the_reports(client, production, producer, member_factory):
    schedule = one_scene_a_day(production, producer)
    reader = member_factory(Role.GUEST)
    client.force_login(reader)
    for name in ("day_out_of_days", "calendar", "day_out_of_days_xlsx"):
        assert client.get(url(schedule, name)).status_code == 200


def _queries(client, schedule: Schedule, name: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url(schedule, name)).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["day_out_of_days", "calendar"])
def test_the_reports_read_the_same_number_of_queries_for_5_or_40_scenes(client, producer, name):
    from tests import factories

    small = one_scene_a_day(factories.make_production(producer, title="Petit", kind="short"), producer, 5)
    large = one_scene_a_day(factories.make_production(producer, title="Grand", kind="short"), producer, 40)
    client.force_login(producer)
    _queries(client, small, name)  # warm the session and caches
    assert _queries(client, small, name) == _queries(client, large, name)
