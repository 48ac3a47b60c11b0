"""The script pages: what each shows, the htmx breakdown flows, imports, sheets and query counts."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from tests import factories
from zeal import zeal_context, zeal_ignore

from clapboard.core.models import AuditEvent, Job
from clapboard.engines.breakdown import CATEGORIES
from clapboard.engines.screenplay import MAX_SCRIPT_BYTES
from clapboard.productions.roles import Role
from clapboard.scripts import actions
from clapboard.scripts.importing import IMPORT_KIND
from clapboard.scripts.models import Element, Scene, Script, ScriptLocation, ShootingLocation, Tag

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
INVALID = "TEMPLATE-VARIABLE-MISSING[%s]"
# Variables that may be missing on purpose: each is printed through ``|default``, which
# Django skips when ``string_if_invalid`` is set (a count of zero, a place not yet linked).
DEFAULTED = re.compile(r"counts\.\w+|row\.place\.shooting_location\.name")
EDIT_ROLES = [
    Role.PRODUCER,
    Role.LINE_PRODUCER,
    Role.PRODUCTION_ACCOUNTANT,
    Role.COORDINATOR,
    Role.DIRECTOR,
    Role.HEAD_OF_DEPARTMENT,
]
VIEW_ROLES = [Role.CREW, Role.FINANCIER, Role.GUEST]

REVISED_SCRIPT = """Title: Petit essai

INT. CUISINE - JOUR

MARIE pose une valise sur la table. Un CHIEN aboie dehors.

MARIE
Tu pars quand ?

PAUL (OFF)
Demain, avec la voiture.

EXT. GARE - JOUR

LUCIE attend sur le quai avec un vélo.

EXT. JARDIN - NUIT

Paul fume sous la pluie. Un pétard éclate au loin.

PAUL
Bonne nuit.
"""

CAST = ["MARIE", "PAUL", "LUCIE", "HUGO", "INÈS"]


def long_script(scenes: int) -> str:
    """A draft of ``scenes`` scenes, each with speakers, props and a place of its own."""
    parts = ["Title: Long métrage\n"]
    for index in range(scenes):
        light = "NUIT" if index % 3 == 0 else "JOUR"
        first, second = CAST[index % 5], CAST[(index + 1) % 5]
        parts.append(
            f"\n{'EXT' if index % 2 else 'INT'}. LIEU {index} - {light}\n\n"
            f"{first} pose une valise près de la voiture. Un CHIEN aboie.\n\n"
            f"{first}\nRéplique {index}.\n\n{second}\nRéponse {index}.\n"
        )
    return "".join(parts)


@pytest.fixture
def script(production, producer) -> Script:
    return factories.make_script(production, producer)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Uploaded files go to a temporary folder, so a test can see what was stored."""
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    return root


def u(name: str, production, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"scripts:{name}", kwargs={"production_id": production.pk, **kwargs})


def scene_at(script: Script, position: int) -> Scene:
    return Scene.objects.get(version_id=script.current_version_id, position=position)


def tag_named(script: Script, name: str, position: int = 1) -> Tag:
    return Tag.objects.filter(
        scene__version_id=script.current_version_id, scene__position=position, element__name=name
    ).order_by("start", "id")[0]


def element_named(script: Script, name: str) -> Element:
    return Element.objects.get(script=script, name=name)


def marks(page: str) -> dict[str, str]:
    """The tagged words of a scene page, each with the classes of its ``<mark>``."""
    return {
        text: classes for classes, text in re.findall(r'<mark class="mark ([^"]+)"[^>]*>([^<]+)</mark>', page)
    }


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    try:
        return " ".join(
            " ".join(str(document[i].get_textpage().get_text_range()).split()) for i in range(len(document))
        )
    finally:
        document.close()


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- Pages ------------------------------------------------------------------------------------


def test_home_goes_straight_to_the_only_script(client, producer, production, script):
    client.force_login(producer)
    response = client.get(u("home", production))
    assert response.status_code == 302
    assert response.url == u("overview", production, script_id=script.pk)
    listing = client.get(u("home", production) + "?all")
    assert listing.status_code == 200
    assert [s.pk for s in listing.context["scripts"]] == [script.pk]


def test_home_lists_several_scripts_and_offers_a_new_one(client, producer, production, script):
    other = actions.create_script(production, acting_user=producer, title="Brouillon sans draft")
    client.force_login(producer)
    response = client.get(u("home", production))
    assert response.status_code == 200
    assert [s.title for s in response.context["scripts"]] == ["Brouillon sans draft", "Essai"]
    assert response.context["form"] is not None
    page = response.content.decode()
    assert u("overview", production, script_id=other.pk) in page
    assert u("script_create", production) in page


def test_home_has_no_create_form_for_view_only_roles(client, production, script, member_factory):
    actions.create_script(production, acting_user=script.production.members.first().user, title="Deux")
    client.force_login(member_factory(Role.CREW))
    response = client.get(u("home", production))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert u("script_create", production) not in response.content.decode()


def test_create_a_script_from_the_page(client, producer, production):
    client.force_login(producer)
    response = client.post(u("script_create", production), {"title": "Le Bac", "minutes_per_page": "1.10"})
    created = Script.objects.get(title="Le Bac")
    assert response.status_code == 302
    assert response.url == u("overview", production, script_id=created.pk)
    assert str(created.minutes_per_page) == "1.10"
    assert AuditEvent.objects.filter(action="scripts.script.created", target_id=str(created.pk)).exists()


def test_overview_shows_the_figures_and_the_viability(client, producer, production, script):
    client.force_login(producer)
    response = client.get(u("overview", production, script_id=script.pk))
    assert response.status_code == 200
    context = response.context
    assert context["stats"].scene_count == 2
    assert context["viability"].cast_size == 2
    assert context["viability"].location_count == 2
    assert context["viability"].night_exterior_scenes == (2,)
    assert context["viability"].animal_scenes == (1,)
    assert (context["pending_count"], context["accepted_count"]) == (11, 0)
    page = response.content.decode()
    assert "essai.fountain" in page
    assert u("version_sheets_pdf", production, script_id=script.pk, number=1) in page
    assert u("lock_numbers", production, script_id=script.pk) in page
    for flag in context["flags"]:
        assert str(flag["label"]) in page


def test_overview_of_a_script_without_a_draft_offers_the_import(client, producer, production):
    script = actions.create_script(production, acting_user=producer, title="Vide")
    client.force_login(producer)
    response = client.get(u("overview", production, script_id=script.pk))
    assert response.status_code == 200
    assert "stats" not in response.context
    assert u("import", production, script_id=script.pk) in response.content.decode()


def test_overview_for_a_view_only_role_has_no_import_or_settings(client, production, script, member_factory):
    client.force_login(member_factory(Role.GUEST))
    response = client.get(u("overview", production, script_id=script.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert u("import", production, script_id=script.pk) not in page
    assert u("script_edit", production, script_id=script.pk) not in page
    assert u("lock_numbers", production, script_id=script.pk) not in page


def test_scene_list_with_cast_and_the_pending_filter(client, producer, production, script):
    client.force_login(producer)
    path = u("scenes", production, script_id=script.pk, number=1)
    rows = client.get(path).context["scenes"]
    assert [row["scene"].heading for row in rows] == ["INT. CUISINE - JOUR", "EXT. JARDIN - NUIT"]
    assert [row["cast"] for row in rows] == [["MARIE", "PAUL"], ["PAUL"]]
    assert [(row["pending"], row["accepted"]) for row in rows] == [(7, 0), (4, 0)]

    actions.decide_scene(scene_at(script, 2), Tag.Status.ACCEPTED, acting_user=producer)
    filtered = client.get(path + "?pending=1")
    assert filtered.status_code == 200
    assert [row["scene"].position for row in filtered.context["scenes"]] == [1]
    assert [row["scene"].position for row in client.get(path).context["scenes"]] == [1, 2]


def test_scene_page_marks_the_tagged_words_by_category(client, producer, production, script):
    actions.decide_tag(tag_named(script, "valise"), Tag.Status.ACCEPTED, acting_user=producer)
    actions.decide_tag(tag_named(script, "table"), Tag.Status.REJECTED, acting_user=producer)
    client.force_login(producer)
    response = client.get(u("scene", production, scene_id=scene_at(script, 1).pk))
    assert response.status_code == 200
    page = response.content.decode()
    found = marks(page)
    assert found["valise"] == "cat-props"
    assert found["MARIE"] == "cat-cast mark--suggested"
    assert found["CHIEN"] == "cat-animals mark--suggested"
    assert found["PAUL"] == "cat-cast mark--suggested"
    assert "table" not in found
    assert "sur la table. Un " in page
    assert u("scene", production, scene_id=scene_at(script, 2).pk) in page  # next scene
    assert u("scene_sheet_pdf", production, scene_id=scene_at(script, 1).pk) in page


def test_scene_text_is_escaped(client, producer, production):
    script = factories.make_script(
        production, producer, "INT. SALON - JOUR\n\nUne affiche dit <script>alert(1)</script> & rien.\n"
    )
    client.force_login(producer)
    page = client.get(u("scene", production, scene_id=scene_at(script, 1).pk)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; rien." in page


def test_scene_page_for_a_view_only_role_has_no_forms(client, production, script, member_factory):
    client.force_login(member_factory(Role.FINANCIER))
    scene = scene_at(script, 1)
    page = client.get(u("scene", production, scene_id=scene.pk)).content.decode()
    assert "mark cat-cast" in page
    assert u("tag_add", production, scene_id=scene.pk) not in page
    assert u("scene_decide", production, scene_id=scene.pk) not in page


def test_elements_page_groups_by_category_and_filters(client, producer, production, script):
    actions.decide_scene(scene_at(script, 2), Tag.Status.ACCEPTED, acting_user=producer)
    client.force_login(producer)
    path = u("elements", production, script_id=script.pk)
    response = client.get(path)
    assert response.status_code == 200
    groups = {group["category"].code: group["elements"] for group in response.context["groups"]}
    assert [e.name for e in groups["cast"]] == ["PAUL", "MARIE"]  # most scenes first
    assert [(e.scene_count, e.pending) for e in groups["cast"]] == [(1, 1), (0, 1)]  # scenes
    assert {e.name for e in groups["sfx"]} == {"pétard", "pluie"}
    page = response.content.decode()
    assert u("element", production, element_id=element_named(script, "pétard").pk) in page
    assert u("elements_merge", production, script_id=script.pk) in page

    only_cast = client.get(path + "?category=cast")
    assert [group["category"].code for group in only_cast.context["groups"]] == ["cast"]


def test_element_page_lists_its_scenes(client, producer, production, script):
    paul = element_named(script, "PAUL")
    client.force_login(producer)
    response = client.get(u("element", production, element_id=paul.pk))
    assert response.status_code == 200
    assert [row["scene"].position for row in response.context["scene_rows"]] == [1, 2]
    assert response.context["pending_scenes"] == 2  # three suggestions in two scenes
    assert response.context["form"] is not None


def test_element_edit_from_the_page(client, producer, production, script):
    paul = element_named(script, "PAUL")
    client.force_login(producer)
    path = u("element", production, element_id=paul.pk)
    data = {"name": "Paul", "category": "cast", "actor": "Jean Dupuis", "notes": "", "version": 1}
    response = client.post(path, data)
    assert response.status_code == 302
    paul.refresh_from_db()
    assert (paul.name, paul.actor, paul.version) == ("PAUL", "Jean Dupuis", 2)

    stale = client.post(path, {**data, "actor": "Autre"})
    assert stale.status_code == 409
    assert stale.context["conflict"]
    clash = client.post(path, {**data, "name": "marie", "version": 2}, headers={"Accept-Language": "en"})
    assert clash.status_code == 400
    assert "merge the two instead" in clash.content.decode()
    paul.refresh_from_db()
    assert (paul.name, paul.actor, paul.version) == ("PAUL", "Jean Dupuis", 2)


def test_a_view_only_role_sees_the_element_but_cannot_edit_it(client, production, script, member_factory):
    paul = element_named(script, "PAUL")
    client.force_login(member_factory(Role.CREW))
    path = u("element", production, element_id=paul.pk)
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["form"] is None
    data = {"name": "X", "category": "cast", "actor": "", "notes": "", "version": 1}
    assert client.post(path, data).status_code == 403
    paul.refresh_from_db()
    assert paul.name == "PAUL"


def test_accept_every_suggestion_of_an_element(client, producer, production, script):
    paul = element_named(script, "PAUL")
    client.force_login(producer)
    response = client.post(u("element_decide", production, element_id=paul.pk), {"status": "accepted"})
    assert response.status_code == 302
    assert set(paul.tags.values_list("status", flat=True)) == {Tag.Status.ACCEPTED}


@pytest.mark.parametrize("role", EDIT_ROLES)
def test_locations_show_contacts_to_those_who_edit(client, production, producer, script, role):
    _location_with_a_contact(production, producer)
    user = producer if role == Role.PRODUCER else factories.add_member(production, role)
    client.force_login(user)
    page = client.get(u("locations", production, script_id=script.pk)).content.decode()
    assert "Ferme des Aulnes" in page
    assert "Hélène Roux" in page
    assert "06 12 34 56 78" in page
    assert "helene@example.org" in page


@pytest.mark.parametrize("role", VIEW_ROLES)
def test_locations_hide_contacts_from_view_only_roles(client, production, producer, script, role):
    _location_with_a_contact(production, producer)
    client.force_login(factories.add_member(production, role))
    response = client.get(u("locations", production, script_id=script.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ferme des Aulnes" in page
    assert "Hélène Roux" not in page
    assert "06 12 34 56 78" not in page
    assert "helene@example.org" not in page


def _location_with_a_contact(production, producer):  # type: ignore[no-untyped-def]
    return actions.create_shooting_location(
        production,
        acting_user=producer,
        name="Ferme des Aulnes",
        contact_name="Hélène Roux",
        contact_phone="06 12 34 56 78",
        contact_email="helene@example.org",
    )


def test_locations_list_the_places_with_their_pages(client, producer, production, script):
    client.force_login(producer)
    rows = client.get(u("locations", production, script_id=script.pk)).context["rows"]
    assert sorted((row["place"].name, row["scenes"]) for row in rows) == [("CUISINE", 1), ("JARDIN", 1)]


def test_link_a_place_from_the_locations_page(client, producer, production, script):
    place = ScriptLocation.objects.get(script=script, name="CUISINE")
    studio = actions.create_shooting_location(production, acting_user=producer, name="Studio 3")
    client.force_login(producer)
    path = u("location_link", production, place_id=place.pk)
    response = client.post(path, {"shooting_location": studio.pk})
    assert response.status_code == 302
    assert response.url == u("locations", production, script_id=script.pk)
    place.refresh_from_db()
    assert place.shooting_location == studio
    page = client.get(response.url).content.decode()
    assert f'<option value="{studio.pk}" selected>Studio 3</option>' in page

    client.post(path, {"shooting_location": ""})
    place.refresh_from_db()
    assert place.shooting_location is None


def test_a_link_to_something_that_is_not_a_location_is_refused(client, producer, production, script):
    place = ScriptLocation.objects.get(script=script, name="CUISINE")
    studio = actions.create_shooting_location(production, acting_user=producer, name="Studio 3")
    actions.link_location(place, studio, acting_user=producer)
    client.force_login(producer)
    response = client.post(
        u("location_link", production, place_id=place.pk), {"shooting_location": "abc"}, follow=True
    )
    assert "Choisissez un décor de tournage dans la liste." in response.content.decode()
    place.refresh_from_db()
    assert place.shooting_location == studio


def test_linking_to_another_productions_location_is_a_404(client, producer, production, script):
    place = ScriptLocation.objects.get(script=script, name="CUISINE")
    elsewhere = factories.make_production(producer, title="Ailleurs")
    foreign = actions.create_shooting_location(elsewhere, acting_user=producer, name="Château")
    client.force_login(producer)
    response = client.post(
        u("location_link", production, place_id=place.pk), {"shooting_location": foreign.pk}
    )
    assert response.status_code == 404
    place.refresh_from_db()
    assert place.shooting_location is None


def test_shooting_location_create_edit_and_delete_pages(client, producer, production, script):
    client.force_login(producer)
    created = client.post(
        u("shooting_location_create", production, script_id=script.pk),
        {"name": "Gare de Morlaix", "cost_per_day": "1200.00"},
    )
    assert created.status_code == 302
    location = production.shooting_locations.get()
    edit = u("shooting_location_edit", production, script_id=script.pk, location_id=location.pk)
    assert client.get(edit).status_code == 200
    data = {"name": "Gare de Morlaix", "address": "Place de la gare", "version": 1}
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "address": "Ailleurs"})
    assert stale.status_code == 409
    location.refresh_from_db()
    assert location.address == "Place de la gare"
    delete = u("shooting_location_delete", production, script_id=script.pk, location_id=location.pk)
    assert client.post(delete).status_code == 302
    assert not production.shooting_locations.exists()


def test_a_bad_shooting_location_is_shown_again_with_its_errors(client, producer, production, script):
    client.force_login(producer)
    response = client.post(
        u("shooting_location_create", production, script_id=script.pk), {"name": "", "contact_email": "x"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors.keys() >= {"name", "contact_email"}
    assert not production.shooting_locations.exists()


def test_statistics_page(client, producer, production, script):
    client.force_login(producer)
    response = client.get(u("statistics", production, script_id=script.pk, number=1))
    assert response.status_code == 200
    assert [row["name"] for row in response.context["character_bars"]] == ["PAUL", "MARIE"]
    assert {bar["label"] for bar in response.context["location_bars"]} == {"CUISINE", "JARDIN"}


def test_changes_page_of_a_revision(client, producer, production, script):
    factories.import_draft(script, producer, REVISED_SCRIPT, label="Bleu", colour="blue")
    client.force_login(producer)
    first = client.get(u("changes", production, script_id=script.pk, number=1))
    assert first.status_code == 200
    assert first.context["previous"] is None
    response = client.get(u("changes", production, script_id=script.pk, number=2))
    assert response.status_code == 200
    assert response.context["counts"]["added"] == 1
    assert response.context["counts"]["unchanged"] == 2
    impact = {row["category"].code: row["impact"] for row in response.context["impact"]}
    assert "LUCIE" in impact["cast"].added
    assert "GARE" in response.content.decode()


def test_the_category_stylesheet_has_each_colour(client):
    response = client.get(reverse("scripts:category_styles"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    for entry in CATEGORIES:
        assert f".cat-{entry.code} {{ --cat: {entry.colour}; --cat-ink: {entry.text_colour}; }}" in css
    assert ".cat-cast { --cat: #D32F2F;" in css


# --- htmx breakdown flows ---------------------------------------------------------------------


def test_accepting_a_suggestion_with_htmx_returns_the_updated_breakdown(client, producer, production, script):
    tag = tag_named(script, "valise")
    client.force_login(producer)
    response = client.post(u("tag_decide", production, tag_id=tag.pk), {"status": "accepted"}, headers=HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert page.lstrip().startswith('<div id="scene-breakdown"')
    assert marks(page)["valise"] == "cat-props"
    assert 'hx-swap-oob="true"' in page
    tag.refresh_from_db()
    assert tag.status == Tag.Status.ACCEPTED
    assert AuditEvent.objects.filter(action="scripts.tag.accepted").count() == 1


def test_rejecting_without_htmx_goes_back_to_the_scene(client, producer, production, script):
    tag = tag_named(script, "table")
    client.force_login(producer)
    response = client.post(u("tag_decide", production, tag_id=tag.pk), {"status": "rejected"})
    assert response.status_code == 302
    assert response.url == u("scene", production, scene_id=tag.scene_id)
    tag.refresh_from_db()
    assert tag.status == Tag.Status.REJECTED


def test_a_bad_decision_is_reported_in_the_partial(client, producer, production, script):
    tag = tag_named(script, "table")
    client.force_login(producer)
    response = client.post(
        u("tag_decide", production, tag_id=tag.pk),
        {"status": "maybe"},
        headers={**HTMX, "Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "A tag is accepted or rejected." in response.content.decode()
    tag.refresh_from_db()
    assert tag.status == Tag.Status.SUGGESTED


def test_a_character_suggested_at_each_line_is_one_row_decided_at_once(client, producer, production, script):
    scene = scene_at(script, 2)
    paul = element_named(script, "PAUL")
    pending = scene.tags.filter(element=paul, status=Tag.Status.SUGGESTED).count()
    assert pending > 1
    client.force_login(producer)
    page = client.get(u("scene", production, scene_id=scene.pk)).content.decode()
    assert page.count(f'name="element" value="{paul.pk}"') == 1
    assert f"\N{MULTIPLICATION SIGN}{pending}" in page
    response = client.post(
        u("scene_decide", production, scene_id=scene.pk),
        {"status": "accepted", "element": paul.pk},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert set(scene.tags.filter(element=paul).values_list("status", flat=True)) == {Tag.Status.ACCEPTED}
    assert scene.tags.exclude(element=paul).filter(status=Tag.Status.SUGGESTED).exists()


def test_deciding_another_productions_element_is_a_404(client, producer, production, script):
    scene = scene_at(script, 2)
    elsewhere = factories.make_script(factories.make_production(producer, title="Ailleurs"), producer)
    foreign = elsewhere.elements.first()
    client.force_login(producer)
    response = client.post(
        u("scene_decide", production, scene_id=scene.pk), {"status": "accepted", "element": foreign.pk}
    )
    assert response.status_code == 404
    assert scene.tags.filter(status=Tag.Status.ACCEPTED).count() == 0


def test_set_the_synopsis_from_the_scene_page(client, producer, production, script):
    scene = scene_at(script, 1)
    client.force_login(producer)
    response = client.post(
        u("scene_synopsis", production, scene_id=scene.pk),
        {"synopsis": "Marie fait sa valise.", "read": ""},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'value="Marie fait sa valise."' in response.content.decode()
    scene.refresh_from_db()
    assert scene.synopsis == "Marie fait sa valise."


def test_accept_all_the_suggestions_of_a_scene(client, producer, production, script):
    scene = scene_at(script, 1)
    client.force_login(producer)
    response = client.post(
        u("scene_decide", production, scene_id=scene.pk), {"status": "accepted"}, headers=HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "mark--suggested" not in page
    assert response.context["suggestions"] == []
    assert set(scene.tags.values_list("status", flat=True)) == {Tag.Status.ACCEPTED}
    assert set(scene_at(script, 2).tags.values_list("status", flat=True)) == {Tag.Status.SUGGESTED}


def test_edit_a_suggestion_puts_it_under_another_element(client, producer, production, script):
    tag = tag_named(script, "table")
    client.force_login(producer)
    response = client.post(
        u("tag_edit", production, tag_id=tag.pk), {"category": "props", "name": "Table basse"}, headers=HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert marks(page)["table"] == "cat-props"
    assert "Table basse" in page
    tag.refresh_from_db()
    assert tag.status == Tag.Status.ACCEPTED
    assert (tag.element.category, tag.element.name) == ("props", "Table basse")


def test_add_a_tag_on_the_selected_words(client, producer, production, script):
    scene = scene_at(script, 2)
    start = scene.text.index("fume")
    client.force_login(producer)
    response = client.post(
        u("tag_add", production, scene_id=scene.pk),
        {"category": "props", "name": "Cigarette", "start": start, "end": start + 4},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert marks(response.content.decode())["fume"] == "cat-props"
    tag = scene.tags.get(source=Tag.Source.MANUAL)
    assert (tag.start, tag.end, tag.element.name) == (start, start + 4, "Cigarette")


def test_a_selection_outside_the_scene_is_refused_on_the_form(client, producer, production, script):
    scene = scene_at(script, 2)
    client.force_login(producer)
    response = client.post(
        u("tag_add", production, scene_id=scene.pk),
        {"category": "props", "name": "Parapluie", "start": 3, "end": 10_000},
        headers={**HTMX, "Accept-Language": "en"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<html" not in page
    assert "The selected text is not in the scene." in page
    assert 'value="Parapluie"' in page
    assert not scene.tags.filter(source=Tag.Source.MANUAL).exists()
    assert not Element.objects.filter(name="Parapluie").exists()


def test_a_tag_needs_a_category_and_a_name(client, producer, production, script):
    scene = scene_at(script, 2)
    client.force_login(producer)
    response = client.post(u("tag_add", production, scene_id=scene.pk), {"category": "nope", "name": ""})
    assert response.status_code == 400
    assert "<html" in response.content.decode()
    assert response.context["tag_form"].errors.keys() == {"category", "name"}


# --- Import, merge, numbering ------------------------------------------------------------------


def test_import_a_fountain_draft_starts_a_job(client, producer, production, script, media):
    client.force_login(producer)
    upload = SimpleUploadedFile("revision-bleue.fountain", REVISED_SCRIPT.encode(), "text/plain")
    response = client.post(
        u("import", production, script_id=script.pk),
        {
            "file": upload,
            "label": "Révision bleue",
            "colour": "blue",
            "revision_date": "2026-12-01",
            "paper": "a4",
            "source_format": "auto",
        },
    )
    job = Job.objects.get(kind=IMPORT_KIND)
    assert response.status_code == 302
    assert response.url == reverse("core:job_detail", kwargs={"job_id": job.pk})
    assert job.status == Job.Status.QUEUED
    assert job.production == production
    assert job.created_by == producer
    [stored] = stored_files(media)
    assert stored.name == "revision-bleue.fountain"
    assert stored.read_bytes() == REVISED_SCRIPT.encode()


@pytest.mark.parametrize(
    ("name", "size"),
    [("vide.fountain", 0), ("enorme.fountain", MAX_SCRIPT_BYTES + 1)],
    ids=["empty", "oversize"],
)
def test_a_refused_file_gives_a_400_page_naming_it(client, producer, production, script, media, name, size):
    client.force_login(producer)
    upload = SimpleUploadedFile(name, b"x" * size, "text/plain")
    data = {"file": upload, "colour": "white", "revision_date": "2026-12-01", "paper": "a4"}
    response = client.post(u("import", production, script_id=script.pk), {**data, "source_format": "auto"})
    assert response.status_code == 400
    assert "<html" in response.content.decode()
    errors = response.context["import_form"].errors["file"]
    assert any(name in error for error in errors)
    assert name in response.content.decode()
    assert not Job.objects.exists()
    assert stored_files(media) == []


def test_an_import_without_a_file_is_refused(client, producer, production, script, media):
    client.force_login(producer)
    response = client.post(u("import", production, script_id=script.pk), {"colour": "white"})
    assert response.status_code == 400
    assert "file" in response.context["import_form"].errors
    assert not Job.objects.exists()


def test_merge_from_the_elements_page(client, producer, production, script):
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    client.force_login(producer)
    response = client.post(
        u("elements_merge", production, script_id=script.pk), {"target": paul.pk, "others": [marie.pk]}
    )
    assert response.status_code == 302
    assert response.url == u("elements", production, script_id=script.pk)
    paul.refresh_from_db()
    assert paul.aliases == ["MARIE"]
    assert not Element.objects.filter(pk=marie.pk).exists()


def test_merge_refuses_an_element_of_another_script(client, producer, production, script):
    other = factories.make_script(production, producer, title="Autre")
    paul, stranger = element_named(script, "PAUL"), element_named(other, "MARIE")
    client.force_login(producer)
    response = client.post(
        u("elements_merge", production, script_id=script.pk), {"target": paul.pk, "others": [stranger.pk]}
    )
    assert response.status_code == 302
    assert Element.objects.filter(pk=stranger.pk).exists()
    paul.refresh_from_db()
    assert paul.aliases == []
    assert not AuditEvent.objects.filter(action="scripts.element.merged").exists()


def test_lock_numbers_from_the_overview(client, producer, production, script):
    client.force_login(producer)
    path = u("lock_numbers", production, script_id=script.pk)
    assert client.get(path).status_code == 405
    response = client.post(path)
    assert response.status_code == 302
    script.refresh_from_db()
    assert script.numbers_locked
    assert list(script.current_version.scenes.values_list("number", flat=True)) == ["1", "2"]


# --- Breakdown sheets -------------------------------------------------------------------------


def test_scene_breakdown_sheet_pdf(client, producer, production, script):
    client.force_login(producer)
    response = client.get(u("scene_sheet_pdf", production, scene_id=scene_at(script, 2).pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "EXT. JARDIN - NUIT" in text
    assert "La Dernière Bobine" in text
    for name in ("PAUL", "pétard", "pluie", "Effets spéciaux", "Comédiens"):
        assert name in text


def test_version_breakdown_sheets_pdf_in_english(client, producer, production, script):
    actions.decide_tag(tag_named(script, "table"), Tag.Status.REJECTED, acting_user=producer)
    client.force_login(producer)
    response = client.get(
        u("version_sheets_pdf", production, script_id=script.pk, number=1), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="breakdown-v1.pdf"' in response["Content-Disposition"]
    document = pdfium.PdfDocument(response.content)
    assert len(document) == 2
    document.close()
    text = pdf_text(response.content)
    for words in (
        "INT. CUISINE - JOUR",
        "EXT. JARDIN - NUIT",
        "valise",
        "chien",
        "pétard",
        "Special effects",
    ):
        assert words in text
    assert "table" not in text


# --- Languages and query counts -----------------------------------------------------------------


def _every_page(production, script) -> list[str]:  # type: ignore[no-untyped-def]
    scene = scene_at(script, 1)
    location = production.shooting_locations.get()
    return [
        u("home", production) + "?all",
        u("script_create", production),
        u("overview", production, script_id=script.pk),
        u("script_edit", production, script_id=script.pk),
        u("scenes", production, script_id=script.pk, number=2),
        u("scenes", production, script_id=script.pk, number=2) + "?pending=1",
        u("scene", production, scene_id=scene.pk),
        u("elements", production, script_id=script.pk),
        u("element", production, element_id=element_named(script, "PAUL").pk),
        u("locations", production, script_id=script.pk),
        u("shooting_location_edit", production, script_id=script.pk, location_id=location.pk),
        u("statistics", production, script_id=script.pk, number=2),
        u("changes", production, script_id=script.pk, number=1),
        u("changes", production, script_id=script.pk, number=2),
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", [Role.PRODUCER, Role.GUEST])
def test_every_page_renders_without_a_template_error(client, settings, producer, production, role, language):
    settings.LANGUAGE_CODE = language
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "string_if_invalid": INVALID},
        }
    ]
    script = factories.make_script(production, producer)
    factories.import_draft(script, producer, REVISED_SCRIPT)
    script.refresh_from_db()
    _location_with_a_contact(production, producer)
    client.force_login(producer if role == Role.PRODUCER else factories.add_member(production, role))
    for path in _every_page(production, script):
        response = client.get(path, headers={"Accept-Language": language})
        if role == Role.GUEST and response.status_code == 403:
            continue
        assert response.status_code == 200, path
        page = response.content.decode()
        assert f'<html lang="{language}">' in page, path
        missing = set(re.findall(r"TEMPLATE-VARIABLE-MISSING\[([^\]]*)\]", page))
        assert {name for name in missing if not DEFAULTED.fullmatch(name)} == set(), path


def count_queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with zeal_context():
        client.get(path)  # warm-up: the session's first read is not counted
    with zeal_context(), CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["scenes", "elements"])
def test_query_counts_do_not_grow_with_the_script(client, producer, production, page):
    with zeal_ignore():  # importing is set-up here, not the page under test
        short = factories.make_script(production, producer, long_script(5), title="Court")
        long = factories.make_script(production, producer, long_script(60), title="Long")
    assert long.current_version.scene_count == 60
    client.force_login(producer)
    kwargs = {"number": 1} if page == "scenes" else {}
    counts = [count_queries(client, u(page, production, script_id=s.pk, **kwargs)) for s in (short, long)]
    assert counts[0] == counts[1]


def test_another_productions_rows_are_not_found_through_this_production(client, producer, production, script):
    """The producer runs both productions; rows of one through the other's pages are still 404."""
    elsewhere = factories.make_production(producer, title="Ailleurs")
    foreign = factories.make_script(elsewhere, producer, title="Étranger")
    location = actions.create_shooting_location(elsewhere, acting_user=producer, name="Château")
    scene = scene_at(foreign, 1)
    tag = tag_named(foreign, "valise")
    place = ScriptLocation.objects.get(script=foreign, name="CUISINE")
    own = {"script_id": foreign.pk}
    gets = [
        u("overview", production, **own),
        u("scenes", production, number=1, **own),
        u("statistics", production, number=1, **own),
        u("changes", production, number=1, **own),
        u("elements", production, **own),
        u("locations", production, **own),
        u("version_sheets_pdf", production, number=1, **own),
        u("scene", production, scene_id=scene.pk),
        u("scene_sheet_pdf", production, scene_id=scene.pk),
        u("element", production, element_id=tag.element_id),
        u("shooting_location_edit", production, script_id=script.pk, location_id=location.pk),
    ]
    posts = [
        (u("tag_decide", production, tag_id=tag.pk), {"status": "accepted"}),
        (u("tag_edit", production, tag_id=tag.pk), {"category": "props", "name": "Malle"}),
        (u("tag_add", production, scene_id=scene.pk), {"category": "props", "name": "Malle"}),
        (u("scene_decide", production, scene_id=scene.pk), {"status": "accepted"}),
        (u("element_decide", production, element_id=tag.element_id), {"status": "accepted"}),
        (u("location_link", production, place_id=place.pk), {"shooting_location": ""}),
        (u("shooting_location_delete", production, script_id=script.pk, location_id=location.pk), {}),
        (u("import", production, **own), {}),
        (u("lock_numbers", production, **own), {}),
    ]
    client.force_login(producer)
    for path in gets:
        assert client.get(path).status_code == 404, path
    events = AuditEvent.objects.count()
    for path, data in posts:
        assert client.post(path, data).status_code == 404, path
    assert AuditEvent.objects.count() == events
    assert set(Tag.objects.filter(scene__version__script=foreign).values_list("status", flat=True)) == {
        Tag.Status.SUGGESTED
    }
    assert elsewhere.shooting_locations.filter(pk=location.pk).exists()
    assert not Script.objects.get(pk=foreign.pk).numbers_locked


def test_ids_in_forms_are_plain_digits_whatever_their_size(client, producer, production, script):
    """French pages group digits (1 050); an id in a form field must not be grouped."""
    scene = scene_at(script, 2)
    big = Element.objects.create(pk=123456, script=script, category="props", name="lanterne")
    Tag.objects.create(scene=scene, element=big, status=Tag.Status.SUGGESTED, source=Tag.Source.LEXICON)
    ShootingLocation.objects.create(pk=98765, production=production, name="Studio 3")
    client.force_login(producer)
    with translation.override("fr"):
        scene_page = client.get(u("scene", production, scene_id=scene.pk)).content.decode()
        elements_page = client.get(u("elements", production, script_id=script.pk)).content.decode()
        locations_page = client.get(u("locations", production, script_id=script.pk)).content.decode()
    assert 'name="element" value="123456"' in scene_page
    assert 'value="123456"' in elements_page
    assert '<option value="98765"' in locations_page
