"""Printed documents and calendar feeds of a schedule, read back from what the server sends."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clapboard.productions.roles import Role
from clapboard.schedules import actions
from clapboard.schedules.call_sheets import load_call_sheet
from clapboard.schedules.feeds import feed_token
from clapboard.schedules.models import Schedule

from .helpers import make_schedule

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def url(schedule: Schedule, name: str, **kwargs) -> str:
    return reverse(
        f"schedules:{name}",
        kwargs={"production_id": schedule.production_id, "schedule_id": schedule.pk, **kwargs},
    )


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


@pytest.fixture
def schedule(production, producer) -> Schedule:
    return make_schedule(
        production, producer, scenes=6, start_date=dt.date(2026, 5, 13), pages_per_day=Decimal("0.2")
    )


def test_the_print_page_links_every_document(client, schedule, producer):
    client.force_login(producer)
    page = client.get(url(schedule, "print"), headers=EN).content.decode()
    for name in (
        "one_line_pdf",
        "one_line_xlsx",
        "shooting_schedule_pdf",
        "shooting_schedule_xlsx",
        "stripboard_pdf",
    ):
        assert url(schedule, name) in page


@pytest.mark.parametrize("name", ["one_line_pdf", "shooting_schedule_pdf", "stripboard_pdf"])
def test_the_pdfs_carry_the_board(client, schedule, producer, name):
    client.force_login(producer)
    response = client.get(url(schedule, name), headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "La Dernière Bobine" in text
    assert "LIEU 1" in text
    assert "13 May 2026" in text or "Wednesday 13 May" in text or "13/05/2026" in text


@pytest.mark.parametrize("name", ["one_line_xlsx", "shooting_schedule_xlsx"])
def test_the_workbooks_carry_scenes_and_sum_formulas(client, schedule, producer, name):
    client.force_login(producer)
    response = client.get(url(schedule, name), headers=EN)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any(isinstance(value, str) and "LIEU 1" in value for value in values)
    assert any(isinstance(value, str) and value.startswith("=SUM(") for value in values)


def test_documents_print_in_french_for_a_french_reader(client, schedule, producer):
    client.force_login(producer)
    text = pdf_text(client.get(url(schedule, "stripboard_pdf"), headers={"Accept-Language": "fr"}).content)
    assert "mai 2026" in text


def test_the_call_sheet_pdf_leaves_personal_data_to_those_who_may_see_it(
    client, schedule, producer, member_factory
):
    ids = {
        line.member.name: line.member.element_id for line in load_call_sheet(schedule, 1, personal=True).cast
    }
    actions.save_call_sheet(
        schedule,
        1,
        acting_user=producer,
        expected_version=None,
        personal=True,
        fields={"general_call": dt.time(7, 0), "hospital_name": "CHU de Brest"},
        cast_calls={ids["MARIE"]: {"on_set": dt.time(8, 30), "pick_up_place": "Hôtel du Port"}},
        crew_calls=[
            {"department": "Image", "role": "Chef opérateur", "name": "Nolwenn", "phone": "06 01 02"}
        ],
    )
    client.force_login(producer)
    full = pdf_text(client.get(url(schedule, "call_sheet_pdf", day_number=1), headers=EN).content)
    assert "07:00" in full
    assert "CHU de Brest" in full
    assert "Hôtel du Port" in full
    assert "06 01 02" in full
    client.force_login(member_factory(Role.CREW))
    crew = pdf_text(client.get(url(schedule, "call_sheet_pdf", day_number=1), headers=EN).content)
    assert "Nolwenn" in crew
    assert "Hôtel du Port" not in crew
    assert "06 01 02" not in crew


def test_a_call_sheet_without_a_date_does_not_print(client, production, producer):
    schedule = make_schedule(production, producer)
    client.force_login(producer)
    response = client.get(url(schedule, "call_sheet_pdf", day_number=1))
    assert response.status_code == 302
    assert response["Location"] == url(schedule, "call_sheet", day_number=1)


def test_the_production_feed_lists_the_dated_days(client, schedule, producer):
    client.force_login(producer)
    page = client.get(url(schedule, "calendar"), headers=EN).content.decode()
    token = feed_token(schedule, producer)
    assert reverse("schedules:feed", args=[token]) in page
    client.logout()
    response = client.get(reverse("schedules:feed", args=[token]), headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = response.content.decode()
    assert feed.count("BEGIN:VEVENT") == 6
    assert "DTSTART;VALUE=DATE:20260513" in feed
    assert "DTSTART;VALUE=DATE:20260514" not in feed  # Ascension
    assert "SUMMARY:La Dernière Bobine · day 1" in feed


def test_a_performer_feed_lists_their_days(client, schedule, producer):
    from clapboard.scripts.models import Tag

    view = load_call_sheet(schedule, 1, personal=True)
    paul = next(line.member.element_id for line in view.cast if line.member.name == "PAUL")
    third = schedule.strips.filter(kind="scene").order_by("position")[2].scene
    Tag.objects.filter(scene=third, element_id=paul).update(status=Tag.Status.REJECTED)
    token = feed_token(schedule, producer, paul)
    feed = client.get(reverse("schedules:feed", args=[token]), headers=EN).content.decode()
    assert feed.count("BEGIN:VEVENT") == 6
    assert feed.count("on hold") == 1
    assert "X-WR-CALNAME:La Dernière Bobine · PAUL" in feed


def test_a_feed_stops_when_its_author_loses_access(client, schedule, producer, member_factory):
    coordinator = member_factory(Role.COORDINATOR)
    production_feed = feed_token(schedule, coordinator)
    membership = schedule.production.members.get(user=coordinator)
    assert client.get(reverse("schedules:feed", args=[production_feed])).status_code == 200
    membership.delete()
    assert client.get(reverse("schedules:feed", args=[production_feed])).status_code == 404


def test_a_performer_feed_needs_an_author_who_may_edit(client, schedule, producer, member_factory):
    guest = member_factory(Role.GUEST)
    element = load_call_sheet(schedule, 1, personal=True).cast[0].member.element_id
    assert (
        client.get(reverse("schedules:feed", args=[feed_token(schedule, guest, element)])).status_code == 404
    )


def test_a_forged_token_is_404(client):
    assert client.get(reverse("schedules:feed", args=["not-a-token"])).status_code == 404
