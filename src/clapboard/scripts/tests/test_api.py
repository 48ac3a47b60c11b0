"""API operations on scripts: scripts and versions, draft import, scenes, the breakdown, read-outs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT
from tests import factories
from tests.api_checks import _no_n_plus_one, assert_error, nothing_changes  # noqa: F401  (fixture)

from clapboard.core.models import AuditEvent, Job
from clapboard.engines.screenplay import MAX_SCRIPT_BYTES
from clapboard.productions.actions import create_episode
from clapboard.productions.models import Production
from clapboard.productions.roles import Role
from clapboard.scripts import actions
from clapboard.scripts.importing import IMPORT_KIND
from clapboard.scripts.models import Element, Scene, Script, Tag

pytestmark = pytest.mark.django_db

FOUNTAIN = b"""Title: Bis

INT. ATELIER - JOUR

HUGO repeint une chaise.

HUGO
Encore une couche.
"""
SCENE_FIELDS = {
    "id",
    "position",
    "number",
    "heading",
    "int_ext",
    "location",
    "time_of_day",
    "page_start",
    "eighths",
    "omitted",
    "change",
    "moved",
    "previous_scene_id",
    "speaking_characters",
    "characters",
    "synopsis",
    "text",
}


def url(production: Production, rest: str = "") -> str:
    return f"/api/v1/productions/{production.pk}{rest}"


def script_url(script: Script, rest: str = "") -> str:
    return f"/api/v1/productions/{script.production_id}/scripts/{script.pk}{rest}"


@pytest.fixture
def script(production, producer) -> Script:
    return factories.make_script(production, producer)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    return root


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def scene_at(script: Script, position: int) -> Scene:
    return Scene.objects.get(version_id=script.current_version_id, position=position)


def tag_named(script: Script, name: str, position: int = 1) -> Tag:
    return Tag.objects.filter(
        scene__version_id=script.current_version_id, scene__position=position, element__name=name
    ).order_by("start", "id")[0]


def element_named(script: Script, name: str) -> Element:
    return Element.objects.get(script=script, name=name)


def upload(client, script: Script, name: str, content: bytes, **fields: str):  # type: ignore[no-untyped-def]
    data = {"file": SimpleUploadedFile(name, content, "text/plain"), **fields}
    return client.post(script_url(script, "/versions"), data, content_type=MULTIPART_CONTENT)


# --- Scripts and versions ------------------------------------------------------------------------


def test_list_scripts_with_their_current_version(api_client_for, production, script, member_factory):
    actions.create_script(production, acting_user=script.production.members.first().user, title="Autre")
    response = api_client_for(member_factory(Role.CREW)).get(url(production, "/scripts"))
    assert response.status_code == 200
    body = response.json()
    assert [item["title"] for item in body] == ["Autre", "Essai"]
    assert body[0]["current_version"] is None
    current = body[1]["current_version"]
    assert (current["number"], current["scene_count"], current["source_name"]) == (1, 2, "essai.fountain")
    assert body[1]["minutes_per_page"] == "1.00"


def test_create_a_script(api_client_for, producer, production):
    response = api_client_for(producer).post(
        url(production, "/scripts"), {"title": "Le Bac", "minutes_per_page": "1.25"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["minutes_per_page"], body["version"]) == ("Le Bac", "1.25", 1)
    assert body["current_version"] is None
    assert AuditEvent.objects.filter(action="scripts.script.created", target_id=str(body["id"])).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Nul", "minutes_per_page": "0"}, "minutes_per_page"),
        ({"title": "Trop", "minutes_per_page": "123.5"}, "minutes_per_page"),
        ({"title": "Série", "episode_id": 999_999}, "episode_id"),
    ],
)
def test_create_refuses_bad_input(api_client_for, producer, production, payload, field):
    assert_error(api_client_for(producer).post(url(production, "/scripts"), payload), 422, field)
    assert not Script.objects.exists()


def test_create_refuses_another_productions_episode(api_client_for, producer, production):
    other = factories.make_production(producer, title="Autre série", kind="series")
    episode = create_episode(other, acting_user=producer, number=1, title="Pilote")
    response = api_client_for(producer).post(
        url(production, "/scripts"), {"title": "Intrus", "episode_id": episode.pk}
    )
    assert_error(response, 422, "episode_id")
    assert not Script.objects.exists()


def test_get_a_script_and_its_versions_newest_first(api_client_for, producer, script):
    factories.import_draft(script, producer, FOUNTAIN.decode(), label="Bleu", colour="blue")
    client = api_client_for(producer)
    body = client.get(script_url(script)).json()
    assert body["id"] == script.pk
    assert body["current_version"]["label"] == "Bleu"
    versions = client.get(script_url(script, "/versions")).json()
    assert [(v["number"], v["colour"]) for v in versions] == [(2, "blue"), (1, "white")]
    assert versions[0]["previous_id"] == versions[1]["id"]


# --- Importing a draft ---------------------------------------------------------------------------


def test_import_a_draft_answers_with_the_job(api_client_for, producer, production, script, media):
    response = upload(
        api_client_for(producer),
        script,
        "bis.fountain",
        FOUNTAIN,
        label="Révision bleue",
        colour="blue",
        revision_date="2026-12-01",
        paper="a4",
        format="fountain",
    )
    assert response.status_code == 202
    body = response.json()
    job = Job.objects.get(pk=body["id"])
    assert (job.kind, job.status, job.production, job.created_by) == (
        IMPORT_KIND,
        Job.Status.QUEUED,
        production,
        producer,
    )
    assert body["status"] == "queued"
    assert body["kind"] == IMPORT_KIND
    assert body["is_finished"] is False
    assert "bis.fountain" in body["label"]
    [stored] = stored_files(media)
    assert stored.read_bytes() == FOUNTAIN


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"format": "docx"}, "format"),
        ({"colour": "purple"}, "colour"),
        ({"paper": "legal"}, "paper"),
        ({"revision_date": "demain"}, "revision_date"),
    ],
)
def test_import_refuses_bad_options(api_client_for, producer, script, media, fields, field):
    assert_error(upload(api_client_for(producer), script, "bis.fountain", FOUNTAIN, **fields), 422, field)
    assert not Job.objects.exists()
    assert stored_files(media) == []


def test_import_needs_a_file(api_client_for, producer, script, media):
    response = api_client_for(producer).post(
        script_url(script, "/versions"), {"label": "Sans fichier"}, content_type=MULTIPART_CONTENT
    )
    assert_error(response, 422, "file")
    assert not Job.objects.exists()


def test_an_empty_file_is_refused_by_name(api_client_for, producer, script, media):
    body = assert_error(upload(api_client_for(producer), script, "vide.fountain", b""), 422, "file")
    assert "vide.fountain" in body["detail"]
    assert not Job.objects.exists()
    assert stored_files(media) == []


def test_an_oversize_file_is_refused_by_name(api_client_for, producer, script, media):
    response = upload(api_client_for(producer), script, "enorme.fountain", b"x" * (MAX_SCRIPT_BYTES + 1))
    body = assert_error(response, 413, "file")
    assert "enorme.fountain" in body["detail"]
    assert not Job.objects.exists()
    assert stored_files(media) == []


def test_a_view_only_role_cannot_import(api_client_for, script, member_factory, media):
    response = upload(api_client_for(member_factory(Role.FINANCIER)), script, "bis.fountain", FOUNTAIN)
    assert_error(response, 403)
    assert not Job.objects.exists()
    assert stored_files(media) == []


# --- Scenes ----------------------------------------------------------------------------------------


def test_list_scenes_paginated_with_the_documented_fields(api_client_for, producer, script):
    client = api_client_for(producer)
    first = client.get(script_url(script, "/versions/1/scenes?limit=1")).json()
    assert (first["count"], first["limit"], first["offset"]) == (2, 1, 0)
    [scene] = first["items"]
    assert set(scene) == SCENE_FIELDS
    assert scene["heading"] == "INT. CUISINE - JOUR"
    assert (scene["position"], scene["int_ext"], scene["location"], scene["time_of_day"]) == (
        1,
        "INT",
        "CUISINE",
        "JOUR",
    )
    assert scene["speaking_characters"] == ["MARIE", "PAUL"]
    assert scene["previous_scene_id"] is None
    assert scene["text"].startswith("MARIE pose une valise")

    second = client.get(script_url(script, "/versions/1/scenes?limit=1&offset=1")).json()
    assert [item["heading"] for item in second["items"]] == ["EXT. JARDIN - NUIT"]
    assert_error(client.get(script_url(script, "/versions/1/scenes?limit=0")), 422, "limit")
    assert_error(client.get(script_url(script, "/versions/9/scenes")), 404)


def test_scenes_of_a_revision_point_to_the_previous_ones(api_client_for, producer, script):
    factories.import_draft(script, producer, factories.SMALL_SCRIPT)
    items = api_client_for(producer).get(script_url(script, "/versions/2/scenes")).json()["items"]
    old = dict(Scene.objects.filter(version__number=1).values_list("position", "pk"))
    assert [(item["previous_scene_id"], item["change"]) for item in items] == [
        (old[1], "unchanged"),
        (old[2], "unchanged"),
    ]


# --- Breakdown -------------------------------------------------------------------------------------


def test_list_elements_with_a_category_filter(api_client_for, producer, script):
    client = api_client_for(producer)
    every = client.get(script_url(script, "/elements")).json()
    assert every["count"] == 8
    cast = client.get(script_url(script, "/elements?category=cast")).json()
    assert [(item["name"], item["category"]) for item in cast["items"]] == [
        ("MARIE", "cast"),
        ("PAUL", "cast"),
    ]
    assert set(cast["items"][0]) == {
        "id",
        "category",
        "name",
        "aliases",
        "minor",
        "actor",
        "notes",
        "version",
    }
    unknown = client.get(script_url(script, "/elements?category=dragons"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"].endswith("category")


def test_list_tags_with_status_and_scene_filters(api_client_for, producer, script):
    actions.decide_tag(tag_named(script, "valise"), Tag.Status.ACCEPTED, acting_user=producer)
    client = api_client_for(producer)
    every = client.get(script_url(script, "/versions/1/tags")).json()
    assert every["count"] == 11
    accepted = client.get(script_url(script, "/versions/1/tags?status=accepted")).json()
    [item] = accepted["items"]
    assert (item["name"], item["category"], item["status"], item["source"]) == (
        "valise",
        "props",
        "accepted",
        "lexicon",
    )
    assert (item["start"], item["end"]) == (15, 21)
    second = scene_at(script, 2)
    in_scene = client.get(
        script_url(script, f"/versions/1/tags?scene_id={second.pk}&status=suggested")
    ).json()
    assert in_scene["count"] == 4
    assert {item["scene_id"] for item in in_scene["items"]} == {second.pk}
    assert_error(client.get(script_url(script, "/versions/1/tags?status=maybe")), 422, "status")


def test_decide_a_tag(api_client_for, producer, production, script):
    tag = tag_named(script, "chien")
    client = api_client_for(producer)
    response = client.post(url(production, f"/tags/{tag.pk}/decision"), {"status": "rejected"})
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    tag.refresh_from_db()
    assert (tag.status, tag.decided_by) == (Tag.Status.REJECTED, producer)
    assert AuditEvent.objects.filter(action="scripts.tag.rejected").count() == 1
    with nothing_changes(tag):
        assert_error(client.post(url(production, f"/tags/{tag.pk}/decision"), {"status": "suggested"}), 422)


def test_add_a_tag(api_client_for, producer, production, script):
    scene = scene_at(script, 2)
    start = scene.text.index("fume")
    response = api_client_for(producer).post(
        url(production, f"/scenes/{scene.pk}/tags"),
        {"category": "props", "name": "Cigarette", "start": start, "end": start + 4},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["category"], body["name"], body["status"], body["source"]) == (
        "props",
        "Cigarette",
        "accepted",
        "manual",
    )
    assert (body["start"], body["end"], body["scene_id"]) == (start, start + 4, scene.pk)


def test_add_a_tag_reuses_an_element_and_upper_cases_cast(api_client_for, producer, production, script):
    client = api_client_for(producer)
    scene = scene_at(script, 2)
    paul = client.post(url(production, f"/scenes/{scene.pk}/tags"), {"category": "cast", "name": "paul"})
    assert paul.json()["element_id"] == element_named(script, "PAUL").pk
    new = client.post(url(production, f"/scenes/{scene.pk}/tags"), {"category": "cast", "name": "lucie"})
    assert new.json()["name"] == "LUCIE"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"category": "props", "name": "x", "start": 0, "end": 10_000}, None),
        ({"category": "props", "name": "x", "start": 4}, None),
        ({"category": "props", "name": "x", "start": -1, "end": 3}, "start"),
        ({"category": "dragons", "name": "x"}, "category"),
        ({"category": "props", "name": ""}, "name"),
    ],
)
def test_add_a_tag_refuses_bad_input(api_client_for, producer, production, script, payload, field):
    scene = scene_at(script, 2)
    elements = Element.objects.count()
    body = assert_error(
        api_client_for(producer).post(url(production, f"/scenes/{scene.pk}/tags"), payload), 422, field
    )
    if field is None:
        assert body["detail"] == "The selected text is not in the scene."
    assert not Tag.objects.filter(source=Tag.Source.MANUAL).exists()
    assert Element.objects.count() == elements


def test_merge_elements(api_client_for, producer, script):
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    response = api_client_for(producer).post(
        script_url(script, "/elements/merge"), {"target_id": paul.pk, "other_ids": [marie.pk]}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["aliases"], body["version"]) == (paul.pk, "PAUL", ["MARIE"], 2)
    assert not Element.objects.filter(pk=marie.pk).exists()
    assert Tag.objects.filter(element=paul).count() == 5


def test_merge_refuses_an_element_of_another_script(api_client_for, producer, production, script):
    other = factories.make_script(production, producer, title="Autre")
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    stranger = element_named(other, "MARIE")
    client = api_client_for(producer)
    path = script_url(script, "/elements/merge")
    with nothing_changes(paul, marie, stranger):
        assert_error(
            client.post(path, {"target_id": paul.pk, "other_ids": [marie.pk, stranger.pk]}), 422, "other_ids"
        )
        assert_error(client.post(path, {"target_id": stranger.pk, "other_ids": [paul.pk]}), 422, "target_id")
        assert_error(client.post(path, {"target_id": paul.pk, "other_ids": []}), 422, "other_ids")
        assert_error(client.post(path, {"target_id": paul.pk, "other_ids": [paul.pk]}), 422)


def test_readout_gives_statistics_and_viability(api_client_for, producer, script):
    body = api_client_for(producer).get(script_url(script, "/versions/1/readout")).json()
    statistics, viability = body["statistics"], body["viability"]
    assert (statistics["scene_count"], statistics["eighths"]) == (2, 4)
    # Decimals leave as strings, exactly as computed.
    assert (statistics["pages"], statistics["minutes_per_page"], statistics["screen_minutes"]) == (
        "0.5",
        "1.00",
        "0.500",
    )
    assert statistics["screen_time"] == "0:00:30"
    assert {share["key"]: share["pages"] for share in statistics["daylight"]} == {
        "DAY": "0.25",
        "NIGHT": "0.25",
        "DAWN_DUSK": "0",
        "UNKNOWN": "0",
    }
    assert [(c["rank"], c["name"], c["scenes"]) for c in statistics["characters"]] == [
        (1, "PAUL", 2),
        (2, "MARIE", 1),
    ]
    assert (viability["cast_size"], viability["location_count"]) == (2, 2)
    assert viability["night_exterior_scenes"] == [2]
    assert viability["night_exterior_pages"] == "0.25"
    assert viability["animal_scenes"] == [1]
    assert isinstance(viability["pages_per_day"], str)
    assert isinstance(viability["shooting_days"], str)
    flags = {flag["code"]: flag for flag in viability["flags"]}
    assert flags["night_exteriors"] == {
        "code": "night_exteriors",
        "level": "warning",
        "count": 1,
        "scenes": [2],
    }


def test_readout_leaves_rejected_tags_out(api_client_for, producer, script):
    actions.decide_tag(tag_named(script, "chien"), Tag.Status.REJECTED, acting_user=producer)
    viability = api_client_for(producer).get(script_url(script, "/versions/1/readout")).json()["viability"]
    assert viability["animal_scenes"] == []
    assert "animals" not in {flag["code"] for flag in viability["flags"]}


# --- Another production's ids --------------------------------------------------------------------


def _other_productions_ids(producer) -> dict[str, int]:  # type: ignore[no-untyped-def]
    elsewhere = factories.make_production(producer, title="Ailleurs")
    script = factories.make_script(elsewhere, producer, title="Étranger")
    scene = scene_at(script, 1)
    tag = tag_named(script, "valise")
    return {
        "script_id": script.pk,
        "scene_id": scene.pk,
        "tag_id": tag.pk,
        "element_id": tag.element_id,
        "other_element_id": element_named(script, "MARIE").pk,
    }


# Every scripts operation, with another production's ids in the first production's URL.
FOREIGN_OPERATIONS = [
    ("get", "/scripts/{script_id}", None),
    ("get", "/scripts/{script_id}/versions", None),
    ("post", "/scripts/{script_id}/versions", "upload"),
    ("get", "/scripts/{script_id}/versions/1/scenes", None),
    ("get", "/scripts/{script_id}/versions/1/tags", None),
    ("get", "/scripts/{script_id}/versions/1/readout", None),
    ("get", "/scripts/{script_id}/elements", None),
    (
        "post",
        "/scripts/{script_id}/elements/merge",
        {"target_id": "element_id", "other_ids": ["other_element_id"]},
    ),
    ("post", "/tags/{tag_id}/decision", {"status": "accepted"}),
    ("post", "/scenes/{scene_id}/tags", {"category": "props", "name": "Intrus"}),
    ("patch", "/scenes/{scene_id}", {"synopsis": "Intrus", "read_synopsis": ""}),
]


def test_set_a_scenes_synopsis(api_client_for, producer, production, script):
    scene = script.current_version.scenes.get(position=1)
    client = api_client_for(producer)
    path = url(production, f"/scenes/{scene.pk}")
    response = client.patch(path, {"synopsis": "Marie  annonce son départ.", "read_synopsis": ""})
    assert response.status_code == 200
    assert response.json()["synopsis"] == "Marie annonce son départ."
    stale = client.patch(path, {"synopsis": "Autre chose", "read_synopsis": ""})
    body = assert_error(stale, 422)
    assert "Marie annonce son départ." in body["detail"] + str(body["errors"])
    scene.refresh_from_db()
    assert scene.synopsis == "Marie annonce son départ."


def test_every_operation_is_listed_here(client):
    schema = client.get("/api/openapi.json").json()
    operations = {
        (method, path.split("/productions/{production_id}", 1)[1])
        for path, entries in schema["paths"].items()
        for method, operation in entries.items()
        if {"scripts", "breakdown"} & set(operation.get("tags", []))
    }
    listed = {(method, _template(path)) for method, path, _body in FOREIGN_OPERATIONS}
    assert operations - {("get", "/scripts"), ("post", "/scripts")} == listed


def _template(path: str) -> str:
    return path.replace("/versions/1/", "/versions/{number}/")


@pytest.mark.parametrize(("method", "path", "payload"), FOREIGN_OPERATIONS, ids=lambda v: str(v)[:40])
def test_another_productions_ids_are_not_found(
    api_client_for, producer, production, media, method, path, payload
):
    """The caller may use both productions; ids of one through the other's URL are still 404."""
    ids = _other_productions_ids(producer)
    client = api_client_for(producer)
    target = url(production, path.format(**ids))
    rows = [
        Tag.objects.get(pk=ids["tag_id"]),
        Element.objects.get(pk=ids["element_id"]),
        Element.objects.get(pk=ids["other_element_id"]),
        Script.objects.get(pk=ids["script_id"]),
    ]
    with nothing_changes(*rows):
        if method == "get":
            response = client.get(target)
        elif payload == "upload":
            response = client.post(
                target, {"file": SimpleUploadedFile("x.fountain", FOUNTAIN)}, content_type=MULTIPART_CONTENT
            )
        else:
            body = {
                key: ids[value] if isinstance(value, str) and value in ids else value
                for key, value in payload.items()
            }
            if "other_ids" in body:
                body["other_ids"] = [ids[name] for name in payload["other_ids"]]
            response = getattr(client, method)(target, body)
        assert_error(response, 404)
    assert not Job.objects.exists()
    assert stored_files(media) == []
    assert not Tag.objects.filter(source=Tag.Source.MANUAL).exists()


def test_a_scene_filter_from_another_production_finds_nothing(api_client_for, producer, script):
    ids = _other_productions_ids(producer)
    body = (
        api_client_for(producer)
        .get(script_url(script, f"/versions/1/tags?scene_id={ids['scene_id']}"))
        .json()
    )
    assert body["count"] == 0
