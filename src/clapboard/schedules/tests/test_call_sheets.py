"""Call sheets: the day from the board, saving times, conflicts, and personal data by role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.productions.roles import Role
from clapboard.schedules import actions
from clapboard.schedules.call_sheets import load_call_sheet
from clapboard.schedules.models import CallSheet, CrewCall, Schedule

from .helpers import make_schedule

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def url(schedule: Schedule, name: str, day: int | None = None) -> str:
    kwargs = {"production_id": schedule.production_id, "schedule_id": schedule.pk}
    if day is not None:
        kwargs["day_number"] = day
    return reverse(f"schedules:{name}", kwargs=kwargs)


@pytest.fixture
def schedule(production, producer) -> Schedule:
    """Three scenes a day from Wednesday 13 May 2026; MARIE and PAUL in every scene."""
    return make_schedule(
        production, producer, scenes=6, start_date=dt.date(2026, 5, 13), pages_per_day=Decimal("0.2")
    )


def element_ids(schedule: Schedule, day: int) -> dict[str, int]:
    view = load_call_sheet(schedule, day, personal=True)
    return {line.member.name: line.member.element_id for line in view.cast}


def save(schedule: Schedule, user, *, version=None, personal=True, **fields):
    ids = element_ids(schedule, 1)
    crew = CrewCall.objects.filter(call_sheet__schedule=schedule).first()
    return actions.save_call_sheet(
        schedule,
        1,
        acting_user=user,
        expected_version=version,
        personal=personal,
        fields={"general_call": dt.time(7, 0), **fields},
        cast_calls={ids["MARIE"]: {"on_set": dt.time(8, 30), "pick_up_place": "Hôtel du Port"}},
        crew_calls=[
            {
                "id": crew.pk if crew else None,
                "department": "Image",
                "role": "Chef opérateur",
                "name": "Nolwenn",
                "phone": "06 01",
            }
        ],
    )


def test_a_day_comes_from_the_board_with_its_advance_schedule(schedule):
    view = load_call_sheet(schedule, 1, personal=True)
    assert not view.saved
    assert view.day.date == dt.date(2026, 5, 13)
    assert [line.member.name for line in view.cast] == ["MARIE", "PAUL"]
    assert view.scenes
    assert view.advance is not None
    assert view.advance.day.number == 2
    last = load_call_sheet(schedule, view.shooting_days, personal=True)
    assert last.advance is None


def test_saving_writes_times_calls_and_the_audit(schedule, producer):
    sheet = save(schedule, producer)
    assert sheet.version == 1
    assert sheet.general_call == dt.time(7, 0)
    call = sheet.cast_calls.get()
    assert (call.on_set, call.pick_up_place) == (dt.time(8, 30), "Hôtel du Port")
    assert sheet.crew_calls.get().phone == "06 01"
    event = AuditEvent.objects.get(action="schedules.call_sheet.created")
    assert event.changes["general_call"] == [None, "07:00:00"]
    again = save(schedule, producer, version=1, weather="Pluie")
    assert again.version == 2
    assert AuditEvent.objects.filter(action="schedules.call_sheet.updated").count() == 1


def test_saving_nothing_new_changes_nothing(schedule, producer):
    save(schedule, producer)
    same = save(schedule, producer, version=1)
    assert same.version == 1
    assert not AuditEvent.objects.filter(action="schedules.call_sheet.updated").exists()


def test_a_stale_version_or_a_blank_sheet_over_a_saved_one_is_refused(schedule, producer):
    save(schedule, producer)
    save(schedule, producer, version=1, weather="Soleil")
    with pytest.raises(EditConflict):
        save(schedule, producer, version=1, weather="Pluie")
    with pytest.raises(EditConflict):
        save(schedule, producer, version=None, weather="Pluie")
    assert CallSheet.objects.get().weather == "Soleil"


def test_without_personal_rights_pick_up_places_and_phones_are_kept(schedule, producer):
    sheet = save(schedule, producer)
    ids = element_ids(schedule, 1)
    crew = sheet.crew_calls.get()
    actions.save_call_sheet(
        schedule,
        1,
        acting_user=producer,
        expected_version=sheet.version,
        personal=False,
        fields={},
        cast_calls={ids["MARIE"]: {"on_set": dt.time(9, 0), "pick_up_place": ""}},
        crew_calls=[
            {"id": crew.pk, "department": "Image", "role": "Cadreur", "name": "Nolwenn", "phone": ""}
        ],
    )
    call = sheet.cast_calls.get()
    assert (call.on_set, call.pick_up_place) == (dt.time(9, 0), "Hôtel du Port")
    crew.refresh_from_db()
    assert (crew.role, crew.phone) == ("Cadreur", "06 01")


def test_crew_rows_left_out_are_removed(schedule, producer):
    sheet = save(schedule, producer)
    actions.save_call_sheet(
        schedule,
        1,
        acting_user=producer,
        expected_version=1,
        personal=True,
        fields={},
        cast_calls={},
        crew_calls=[],
    )
    assert not sheet.crew_calls.exists()


def test_a_cast_member_of_another_production_is_refused(schedule, producer, db):
    from django.core.exceptions import ValidationError
    from tests import factories

    other = make_schedule(factories.make_production(producer, title="Autre"), producer)
    foreign = element_ids(other, 1)["MARIE"]
    with translation.override("en"), pytest.raises(ValidationError, match="No such cast member"):
        actions.save_call_sheet(
            schedule,
            1,
            acting_user=producer,
            expected_version=None,
            personal=True,
            fields={},
            cast_calls={foreign: {"on_set": dt.time(8, 0)}},
            crew_calls=[],
        )
    assert not CallSheet.objects.filter(schedule=schedule).exists()


def test_the_pages_list_show_and_edit(client, schedule, producer):
    client.force_login(producer)
    listing = client.get(url(schedule, "call_sheets"), headers=EN).content.decode()
    assert "to prepare" in listing
    assert url(schedule, "call_sheet_edit", 1) in listing
    form = client.get(url(schedule, "call_sheet_edit", 1), headers=EN)
    assert form.status_code == 200
    page = form.content.decode()
    assert "cast-0-element" in page
    assert "crew-TOTAL_FORMS" in page
    ids = element_ids(schedule, 1)
    data = {
        "version": "",
        "general_call": "07:15",
        "hospital_name": "CHU de Brest",
        "cast-TOTAL_FORMS": "2",
        "cast-INITIAL_FORMS": "2",
        "cast-0-element": str(ids["MARIE"]),
        "cast-0-on_set": "08:30",
        "cast-0-pick_up_place": "Hôtel du Port",
        "cast-1-element": str(ids["PAUL"]),
        "crew-TOTAL_FORMS": "3",
        "crew-INITIAL_FORMS": "0",
        "crew-0-department": "Son",
        "crew-0-role": "Chef opérateur du son",
        "crew-0-call": "07:45",
        "crew-0-phone": "06 02",
    }
    response = client.post(url(schedule, "call_sheet_edit", 1), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url(schedule, "call_sheet", 1)
    page = client.get(url(schedule, "call_sheet", 1), headers=EN).content.decode()
    assert "07:15" in page
    assert "CHU de Brest" in page
    assert "Hôtel du Port" in page
    assert "06 02" in page
    assert 'style="' not in page
    stale = client.post(url(schedule, "call_sheet_edit", 1), {**data, "general_call": "06:00"})
    assert stale.status_code == 409
    assert CallSheet.objects.get().general_call == dt.time(7, 15)


def test_a_department_is_needed_for_a_crew_call(client, schedule, producer):
    client.force_login(producer)
    data = {
        "cast-TOTAL_FORMS": "0",
        "cast-INITIAL_FORMS": "0",
        "crew-TOTAL_FORMS": "1",
        "crew-INITIAL_FORMS": "0",
        "crew-0-name": "Sans département",
    }
    response = client.post(url(schedule, "call_sheet_edit", 1), data, headers=EN)
    assert response.status_code == 400
    assert "Say which department this call is for." in response.content.decode()
    assert not CallSheet.objects.exists()


def test_crew_see_calls_without_personal_data(client, schedule, producer, member_factory):
    save(schedule, producer)
    crew = member_factory(Role.CREW)
    client.force_login(crew)
    page = client.get(url(schedule, "call_sheet", 1), headers=EN).content.decode()
    assert "08:30" in page
    assert "Hôtel du Port" not in page
    assert "06 01" not in page
    assert "Pick-up place" not in page
    assert client.get(url(schedule, "call_sheet_edit", 1)).status_code == 403


def test_a_day_that_does_not_exist_is_404(client, schedule, producer):
    client.force_login(producer)
    assert client.get(url(schedule, "call_sheet", 99)).status_code == 404
