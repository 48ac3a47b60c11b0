"""Schedules in and out in the Universal Schedule Standard: a round trip through another
production, the import page and its errors, the API, and who may import."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from tests import factories

from clapboard.core.models import AuditEvent
from clapboard.productions.roles import Role
from clapboard.schedules import actions
from clapboard.schedules.calculation import load_board
from clapboard.schedules.interchange import export_uss, import_uss
from clapboard.schedules.models import Schedule, Strip
from clapboard.scripts.models import Element, Script, Tag

from .helpers import make_schedule

pytestmark = pytest.mark.django_db


def demo_like(production: Any, user: Any) -> Schedule:
    """Eight scenes over several days, with a banner, a travel day, a day off, dates, one
    rejected tag, and a scene moved off its script order."""
    schedule = make_schedule(production, user, scenes=8, start_date=dt.date(2026, 5, 11))
    schedule = actions.update_schedule(
        schedule, acting_user=user, expected_version=None, days_off=["2026-05-19"], hours_per_day="9"
    )
    strips = list(schedule.strips.order_by("position"))
    actions.add_strip(schedule, "banner", text="Semaine au port", acting_user=user, expected_version=None)
    actions.add_strip(
        schedule, "travel", text="", after_id=strips[0].pk, acting_user=user, expected_version=None
    )
    actions.add_strip(schedule, "day_off", text="Repos", acting_user=user, expected_version=None)
    first_scene = next(strip for strip in strips if strip.kind == Strip.Kind.SCENE)
    actions.move_strip(schedule, first_scene.pk, 4, acting_user=user, expected_version=None)
    tag = Tag.objects.filter(scene__version=schedule.script_version).order_by("id").last()
    assert tag is not None
    tag.status = Tag.Status.REJECTED
    tag.save()
    schedule.refresh_from_db()
    return schedule


def summary(schedule: Schedule) -> dict[str, Any]:
    """The board as people see it: strips with their scenes and elements, and the days."""
    view = load_board(schedule)
    elements: dict[int, set[tuple[str, str]]] = {}
    for tag in Tag.objects.filter(scene__version=schedule.script_version).exclude(status="rejected"):
        elements.setdefault(tag.scene_id, set()).add((tag.element.category, tag.element.name))
    strips = []
    for row in view.rows:
        scene = row.strip.scene
        if scene is None:
            strips.append((row.strip.kind, row.strip.text))
        else:
            strips.append(
                (
                    "scene",
                    scene.number,
                    scene.heading,
                    scene.eighths,
                    scene.page_start,
                    sorted(elements.get(scene.pk, ())),
                )
            )
    days = [(day.day.kind.value, day.number, day.date, day.day.eighths, day.hours) for day in view.days]
    settings = {
        field: getattr(schedule, field)
        for field in (
            "unit",
            "start_date",
            "weekdays",
            "country",
            "days_off",
            "pages_per_day",
            "hours_per_day",
        )
    }
    return {
        "strips": strips,
        "days": days,
        "settings": settings,
        "cast": [(c.number, c.name) for c in view.cast],
    }


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its ids replaced by what they point at, and no dates of writing."""
    uss = document["universalScheduleStandard"]
    categories = {row["id"]: row["ucid"] for row in uss["categories"]}
    elements = {
        row["id"]: (categories[row["category"]], row["name"], row["elementId"]) for row in uss["elements"]
    }
    breakdowns = {}
    for row in uss["breakdowns"]:
        kept = {key: value for key, value in row.items() if key not in {"id", "created", "elements"}}
        kept["elements"] = [elements[element_id] for element_id in row["elements"]]
        breakdowns[row["id"]] = kept

    def board(ids: list[Any]) -> list[Any]:
        return [board(item) if isinstance(item, list) else breakdowns[item] for item in ids]

    boards = [(b["name"], board(b["breakdownIds"])) for b in uss["stripboards"][0]["boards"]]
    events = [(e["type"], e["name"], e["date"]) for e in uss["calendars"][0]["events"]]
    header = {key: value for key, value in uss.items() if isinstance(value, str | type(None))}
    for key in ("id", "created", "schedDate", "scriptDate", "company", "project"):
        header.pop(key)
    return {"header": header, "boards": boards, "events": events, "daysOff": uss["calendars"][0]["daysOff"]}


def test_a_schedule_goes_round_through_another_production(production, producer):
    original = demo_like(production, producer)
    document = json.loads(json.dumps(export_uss(original)))
    other = factories.make_production(producer, title="Autre production", kind="short")
    imported = import_uss(other, document, acting_user=producer, source_name="plan.uss")
    assert imported.production == other
    assert imported.name == original.name
    assert summary(imported) == summary(original)
    assert any(kind == "travel" for kind, *_rest in summary(imported)["strips"])
    assert normalised(export_uss(imported)) == normalised(document)
    script = Script.objects.get(production=other)
    assert script.title == production.title
    assert set(
        Tag.objects.filter(scene__version=imported.script_version).values_list("status", flat=True)
    ) == {"accepted"}
    actions_logged = set(AuditEvent.objects.filter(production=other).values_list("action", flat=True))
    assert {
        "scripts.script.created",
        "scripts.version.imported",
        "schedules.schedule.imported",
    } <= actions_logged


def test_an_export_leaves_out_rejected_elements_and_numbers_the_cast(production, producer):
    schedule = demo_like(production, producer)
    first = schedule.script_version.scenes.get(position=1)
    Tag.objects.filter(scene=first, element__name="PAUL").update(status=Tag.Status.REJECTED)
    uss = export_uss(schedule)["universalScheduleStandard"]
    names = {row["id"]: row["name"] for row in uss["elements"]}
    scenes = [row for row in uss["breakdowns"] if row["type"] == "scene"]
    assert "PAUL" not in [names[element_id] for element_id in scenes[0]["elements"]]
    assert "PAUL" in [names[element_id] for element_id in scenes[1]["elements"]]
    cast = {row["name"]: row["elementId"] for row in uss["elements"] if row["elementId"]}
    assert cast["MARIE"] == "1"
    assert uss["_clapboard"]["country"] == "FR"
    assert uss["calendars"][0]["daysOff"] == [0, 6]


def test_unknown_categories_are_kept_under_notes_with_their_name(production, producer):
    document = {
        "universalScheduleStandard": {
            "id": "x",
            "name": "Tournage",
            "project": "Drones",
            "categories": [
                {"id": "c1", "ucid": 9001, "name": "Drones"},
                {"id": "c2", "ucid": 110, "name": "Camera"},
            ],
            "elements": [
                {"id": "e1", "category": "c1", "name": "Quadcopter"},
                {"id": "e2", "category": "c2", "name": "Crane"},
            ],
            "breakdowns": [{"id": "b1", "type": "scene", "scene": "1", "pages": 1, "elements": ["e1", "e2"]}],
        }
    }
    with translation.override("en"):
        schedule = import_uss(production, document, acting_user=producer)
    drone = Element.objects.get(name="Quadcopter")
    assert (drone.category, drone.notes) == ("notes", "Category in the imported file: Drones")
    assert Element.objects.get(name="Crane").category == "special_equipment"
    # A breakdown without a stripboard is laid out as a new schedule is: day breaks by pages.
    kinds = [strip.kind for strip in schedule.strips.order_by("position")]
    assert kinds == [
        strip.kind
        for strip in actions.create_schedule(production, acting_user=producer, name="B").strips.order_by(
            "position"
        )
    ]


def bad_document() -> bytes:
    document = {
        "universalScheduleStandard": {
            "id": "x",
            "name": "Bad",
            "categories": [],
            "elements": [],
            "breakdowns": [{"id": "b1", "type": "scene", "elements": ["nope"]}],
        }
    }
    return json.dumps(document).encode()


def test_the_import_page_imports_a_file_and_opens_its_board(client, production, producer):
    source = make_schedule(production, producer, scenes=3)
    raw = json.dumps(export_uss(source)).encode()
    client.force_login(producer)
    url = reverse("schedules:uss_import", args=[production.pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("plan.uss", raw, content_type="application/json")
    response = client.post(url, {"file": upload, "name": "Importé"})
    imported = Schedule.objects.get(name="Importé")
    assert response.status_code == 302
    assert response["Location"] == reverse("schedules:board", args=[production.pk, imported.pk])
    assert imported.strips.count() == source.strips.count()
    assert imported.script_version.source_name == "plan.uss"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (bad_document(), 'plan.uss: breakdowns[0].elements[0]: unknown element id "nope"'),
        (
            b"{oops",
            "plan.uss: not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)",
        ),
        (b"", "plan.uss is empty."),
    ],
)
def test_a_bad_file_is_refused_with_its_path_and_nothing_is_saved(client, production, producer, raw, message):
    client.force_login(producer)
    before = (Script.objects.count(), Schedule.objects.count(), AuditEvent.objects.count())
    response = client.post(
        reverse("schedules:uss_import", args=[production.pk]),
        {"file": SimpleUploadedFile("plan.uss", raw)},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    assert (Script.objects.count(), Schedule.objects.count(), AuditEvent.objects.count()) == before


def test_an_error_while_saving_leaves_nothing(production, producer, monkeypatch):
    document = export_uss(make_schedule(production, producer, scenes=2))
    before = (Script.objects.count(), Schedule.objects.count(), Element.objects.count())

    def broken(*args: Any, **kwargs: Any) -> Schedule:
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "create_schedule_from_strips", broken)
    with pytest.raises(RuntimeError):
        import_uss(production, document, acting_user=producer)
    assert (Script.objects.count(), Schedule.objects.count(), Element.objects.count()) == before


def test_the_print_page_links_the_download(client, production, producer):
    schedule = make_schedule(production, producer, scenes=2)
    client.force_login(producer)
    page = client.get(reverse("schedules:print", args=[production.pk, schedule.pk])).content.decode()
    url = reverse("schedules:uss_export", args=[production.pk, schedule.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="la-derniere-bobine-plan-de-travail.uss"'
    assert json.loads(response.content)["universalScheduleStandard"]["name"] == "Plan de travail"
    home = client.get(reverse("schedules:home", args=[production.pk])).content.decode()
    assert reverse("schedules:uss_import", args=[production.pk]) in home


def test_the_api_exports_and_imports(api_client_for, production, producer):
    schedule = make_schedule(production, producer, scenes=4)
    api = api_client_for(producer)
    base = f"/api/v1/productions/{production.pk}/schedules"
    exported = api.get(f"{base}/{schedule.pk}/uss")
    assert exported.status_code == 200
    document = exported.json()
    response = api.post(f"/api/v1/productions/{production.pk}/schedule-imports/uss?name=Copie", document)
    assert response.status_code == 201, response.content
    created = Schedule.objects.get(pk=response.json()["id"])
    assert created.name == "Copie"
    assert summary(created)["strips"] == summary(schedule)["strips"]
    bad = api.post(f"/api/v1/productions/{production.pk}/schedule-imports/uss", json.loads(bad_document()))
    assert bad.status_code == 422
    assert bad.json()["detail"] == 'breakdowns[0].elements[0]: unknown element id "nope"'
    assert Schedule.objects.count() == 2


def test_guests_cannot_import_and_outsiders_cannot_export(
    client, api_client_for, production, producer, member_factory, outsider
):
    schedule = make_schedule(production, producer, scenes=2)
    guest = member_factory(Role.GUEST)
    base = f"/api/v1/productions/{production.pk}/schedules"
    document = export_uss(schedule)
    assert (
        api_client_for(guest)
        .post(f"/api/v1/productions/{production.pk}/schedule-imports/uss", document)
        .status_code
        == 403
    )
    assert api_client_for(guest).get(f"{base}/{schedule.pk}/uss").status_code == 200
    assert api_client_for(outsider).get(f"{base}/{schedule.pk}/uss").status_code == 404
    client.force_login(guest)
    upload = SimpleUploadedFile("plan.uss", json.dumps(document).encode())
    response = client.post(reverse("schedules:uss_import", args=[production.pk]), {"file": upload})
    assert response.status_code == 403
    assert Schedule.objects.count() == 1
