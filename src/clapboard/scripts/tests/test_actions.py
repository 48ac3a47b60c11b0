"""The script actions: decisions on tags, hand tagging, elements, numbering, locations, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from tests import factories

from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.scripts import actions
from clapboard.scripts.models import Element, Scene, Script, ScriptLocation, Tag

NUMBERED_SCRIPT = """Title: Numéroté

INT. CUISINE - JOUR #7#

MARIE range la vaisselle.

EXT. JARDIN - NUIT #8#

PAUL fume.
"""


@pytest.fixture
def script(production, producer) -> Script:
    return factories.make_script(production, producer)


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def scene_at(script: Script, position: int) -> Scene:
    return Scene.objects.select_related("version__script").get(
        version=script.current_version, position=position
    )


def tag_named(script: Script, name: str, *, position: int = 1, source: str | None = None) -> Tag:
    tags = Tag.objects.select_related("element", "scene__version__script").filter(
        scene__version=script.current_version, scene__position=position, element__name=name
    )
    if source is not None:
        tags = tags.filter(source=source)
    return tags.order_by("start", "id")[0]


def element_named(script: Script, name: str) -> Element:
    return Element.objects.select_related("script__production").get(script=script, name=name)


def fresh(instance):  # type: ignore[no-untyped-def]
    return type(instance).objects.get(pk=instance.pk)


# --- Scripts ---------------------------------------------------------------------------------


def test_create_script_is_audited(production, producer):
    script = actions.create_script(production, acting_user=producer, title="Le Bac")
    [event] = events("scripts.script.created")
    assert event.production == production
    assert event.actor == producer
    assert event.target_label == "Le Bac"
    assert script.current_version is None


def test_create_script_refuses_another_productions_episode(production, producer):
    other = factories.make_production(producer, title="Autre série", kind="series")
    from clapboard.productions.actions import create_episode

    episode = create_episode(other, acting_user=producer, number=1, title="Pilote")
    with pytest.raises(ValidationError) as refused:
        actions.create_script(production, acting_user=producer, title="Intrus", episode=episode)
    assert "episode" in refused.value.message_dict
    assert not Script.objects.filter(title="Intrus").exists()
    assert events("scripts.script.created") == []


def test_update_script_is_versioned_and_audited(script, producer):
    updated = actions.update_script(script, acting_user=producer, expected_version=1, title="Nouveau titre")
    assert updated.version == 2
    [event] = events("scripts.script.updated")
    assert event.changes["title"] == ["Essai", "Nouveau titre"]
    with pytest.raises(EditConflict):
        actions.update_script(script, acting_user=producer, expected_version=1, title="Écrasé")
    assert fresh(script).title == "Nouveau titre"


def test_a_scene_synopsis_is_one_tidy_line_and_audited(script, producer):
    scene = scene_at(script, 1)
    saved = actions.update_synopsis(
        scene, "  Marie fait\nsa valise. ", acting_user=producer, read_synopsis=""
    )
    assert fresh(saved).synopsis == "Marie fait sa valise."
    [event] = events("scripts.scene.synopsis_changed")
    assert event.changes == {"synopsis": ["", "Marie fait sa valise."]}


def test_a_synopsis_saved_meanwhile_is_not_overwritten(script, producer):
    scene = scene_at(script, 1)
    actions.update_synopsis(scene, "Version de Léa", acting_user=producer, read_synopsis="")
    with pytest.raises(ValidationError, match="Version de Léa"):
        actions.update_synopsis(scene, "Version de Yann", acting_user=producer, read_synopsis="")
    assert fresh(scene).synopsis == "Version de Léa"


def test_a_synopsis_is_one_line(script, producer):
    with pytest.raises(ValidationError):
        actions.update_synopsis(scene_at(script, 1), "x" * 301, acting_user=producer, read_synopsis="")


# --- Decisions on tags -----------------------------------------------------------------------


def test_accepting_a_suggestion_records_who_and_an_event(script, producer):
    tag = tag_named(script, "valise")
    decided = actions.decide_tag(tag, Tag.Status.ACCEPTED, acting_user=producer)
    assert decided.status == Tag.Status.ACCEPTED
    saved = fresh(tag)
    assert saved.status == Tag.Status.ACCEPTED
    assert saved.decided_by == producer
    assert saved.decided_at is not None
    [event] = events("scripts.tag.accepted")
    assert event.actor == producer
    assert event.production == script.production
    assert event.target_label == "valise"
    assert event.changes == {"status": ["suggested", "accepted"]}
    assert event.data == {"scene": "1", "version": 1}


def test_rejecting_then_accepting_writes_one_event_each(script, producer):
    tag = tag_named(script, "table")
    actions.decide_tag(tag, Tag.Status.REJECTED, acting_user=producer)
    actions.decide_tag(tag, Tag.Status.ACCEPTED, acting_user=producer)
    assert fresh(tag).status == Tag.Status.ACCEPTED
    [rejected] = events("scripts.tag.rejected")
    [accepted] = events("scripts.tag.accepted")
    assert rejected.changes == {"status": ["suggested", "rejected"]}
    assert accepted.changes == {"status": ["rejected", "accepted"]}


def test_deciding_the_same_way_twice_changes_nothing(script, producer, member_factory):
    tag = tag_named(script, "chien")
    actions.decide_tag(tag, Tag.Status.ACCEPTED, acting_user=producer)
    first = fresh(tag)
    other = member_factory("director")
    actions.decide_tag(tag, Tag.Status.ACCEPTED, acting_user=other)
    again = fresh(tag)
    assert (again.decided_by, again.decided_at) == (producer, first.decided_at)
    assert len(events("scripts.tag.accepted")) == 1


@pytest.mark.parametrize("status", ["suggested", "maybe", ""])
def test_a_tag_is_only_accepted_or_rejected(script, producer, status):
    tag = tag_named(script, "valise")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.decide_tag(tag, status, acting_user=producer)
    assert refused.value.messages == ["A tag is accepted or rejected."]
    assert fresh(tag).status == Tag.Status.SUGGESTED
    assert AuditEvent.objects.filter(action__startswith="scripts.tag.").count() == 0


def test_accept_a_whole_scene_leaves_decided_tags_and_other_scenes(script, producer):
    first, second = scene_at(script, 1), scene_at(script, 2)
    rejected = tag_named(script, "table")
    actions.decide_tag(rejected, Tag.Status.REJECTED, acting_user=producer)
    count = actions.decide_scene(first, Tag.Status.ACCEPTED, acting_user=producer)
    assert count == 6
    statuses = dict(first.tags.values_list("pk", "status"))
    assert statuses.pop(rejected.pk) == Tag.Status.REJECTED
    assert set(statuses.values()) == {Tag.Status.ACCEPTED}
    assert set(second.tags.values_list("status", flat=True)) == {Tag.Status.SUGGESTED}
    [event] = events("scripts.scene.suggestions_accepted")
    assert event.data == {"tags": 6, "version": 1}
    assert event.actor == producer


def test_deciding_a_scene_with_nothing_pending_writes_no_event(script, producer):
    scene = scene_at(script, 2)
    assert actions.decide_scene(scene, Tag.Status.REJECTED, acting_user=producer) == 4
    assert actions.decide_scene(scene, Tag.Status.REJECTED, acting_user=producer) == 0
    assert len(events("scripts.scene.suggestions_rejected")) == 1


def test_deciding_a_scene_or_element_needs_a_real_decision(script, producer):
    scene = scene_at(script, 1)
    paul = element_named(script, "PAUL")
    with pytest.raises(ValidationError):
        actions.decide_scene(scene, "maybe", acting_user=producer)
    with pytest.raises(ValidationError):
        actions.decide_element(
            paul, Tag.Status.SUGGESTED, acting_user=producer, version_id=script.current_version_id
        )
    assert set(Tag.objects.values_list("status", flat=True)) == {Tag.Status.SUGGESTED}
    assert not AuditEvent.objects.filter(action__contains="suggestions_").exists()


def test_decide_an_element_in_one_version_only(script, producer):
    first_version = script.current_version
    factories.import_draft(script, producer, factories.SMALL_SCRIPT)
    script.refresh_from_db()
    paul = element_named(script, "PAUL")
    count = actions.decide_element(
        paul, Tag.Status.REJECTED, acting_user=producer, version_id=first_version.pk
    )
    assert count == 3
    assert set(
        Tag.objects.filter(element=paul, scene__version=first_version).values_list("status", flat=True)
    ) == {Tag.Status.REJECTED}
    assert set(
        Tag.objects.filter(element=paul, scene__version=script.current_version).values_list(
            "status", flat=True
        )
    ) == {Tag.Status.SUGGESTED}
    assert set(
        Tag.objects.filter(scene__version=first_version)
        .exclude(element=paul)
        .values_list("status", flat=True)
    ) == {Tag.Status.SUGGESTED}
    [event] = events("scripts.element.suggestions_rejected")
    assert event.target_label == "PAUL"
    assert event.data == {"tags": 3}


# --- Tagging by hand --------------------------------------------------------------------------


def test_add_a_tag_on_selected_words(script, producer):
    scene = scene_at(script, 1)
    start = scene.text.index("dehors")
    tag = actions.add_tag(
        scene, category="sound", name="Dehors", start=start, end=start + 6, acting_user=producer
    )
    assert scene.text[tag.start : tag.end] == "dehors"
    assert (tag.status, tag.source, tag.decided_by) == (Tag.Status.ACCEPTED, Tag.Source.MANUAL, producer)
    assert tag.element.name == "Dehors"
    [event] = events("scripts.tag.added")
    assert event.target_label == "Dehors"
    assert event.data == {"scene": "1", "category": "sound", "version": 1}


def test_add_a_tag_without_words(script, producer):
    tag = actions.add_tag(scene_at(script, 2), category="props", name="Cigarette", acting_user=producer)
    assert (tag.start, tag.end) == (None, None)
    assert tag.element.category == "props"


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 10_000), (-1, 4), (5, 5), (8, 3), (0, None), (None, 4)],
    ids=["past-the-end", "negative", "empty", "backwards", "no-end", "no-start"],
)
def test_a_span_outside_the_text_is_refused(script, producer, start, end):
    scene = scene_at(script, 2)
    elements = Element.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.add_tag(scene, category="props", name="Parapluie", start=start, end=end, acting_user=producer)
    assert refused.value.messages == ["The selected text is not in the scene."]
    assert Element.objects.count() == elements
    assert not Tag.objects.filter(source=Tag.Source.MANUAL).exists()
    assert events("scripts.tag.added") == []


def test_a_span_up_to_the_last_character_is_accepted(script, producer):
    scene = scene_at(script, 2)
    length = len(scene.text)
    tag = actions.add_tag(
        scene, category="props", name="nuit", start=length - 5, end=length, acting_user=producer
    )
    assert scene.text[tag.start : tag.end] == "nuit."


def test_cast_names_are_upper_cased_and_spaces_tidied(script, producer):
    tag = actions.add_tag(scene_at(script, 1), category="cast", name="  jean   marc ", acting_user=producer)
    assert tag.element.name == "JEAN MARC"


@pytest.mark.parametrize(
    ("category", "typed", "existing"),
    [("cast", "paul", "PAUL"), ("props", "VALISE", "valise"), ("cast", "polo", "PAUL")],
    ids=["cast-by-name", "prop-by-name", "by-alias"],
)
def test_an_existing_element_is_reused(script, producer, category, typed, existing):
    Element.objects.filter(script=script, name="PAUL").update(aliases=["Polo"])
    before = Element.objects.count()
    tag = actions.add_tag(scene_at(script, 2), category=category, name=typed, acting_user=producer)
    assert tag.element == element_named(script, existing)
    assert Element.objects.count() == before


def test_the_same_name_in_another_script_makes_a_new_element(script, production, producer):
    other = factories.make_script(production, producer, title="Autre")
    tag = actions.add_tag(scene_at(other, 1), category="props", name="Briquet", acting_user=producer)
    actions.add_tag(scene_at(script, 1), category="props", name="Briquet", acting_user=producer)
    assert Element.objects.filter(name="Briquet").count() == 2
    assert tag.element.script == other


def test_an_omitted_placeholder_cannot_be_tagged(script, producer):
    version = script.current_version
    placeholder = Scene.objects.create(
        version=version, position=99, number="9", heading="EXT. RUE - NUIT", omitted=True, change="omitted"
    )
    with translation.override("en"), pytest.raises(ValidationError, match="omitted"):
        actions.add_tag(placeholder, category="props", name="lampe", acting_user=producer)
    assert not placeholder.tags.exists()


def test_tagging_needs_a_known_category_and_a_name(script, producer):
    scene = scene_at(script, 1)
    with pytest.raises(ValidationError) as unknown:
        actions.add_tag(scene, category="dragons", name="Smaug", acting_user=producer)
    assert "category" in unknown.value.message_dict
    with pytest.raises(ValidationError) as nameless:
        actions.add_tag(scene, category="props", name="   ", acting_user=producer)
    assert "name" in nameless.value.message_dict
    assert not Tag.objects.filter(source=Tag.Source.MANUAL).exists()


def test_retag_moves_a_suggestion_to_another_element_and_accepts_it(script, producer):
    tag = tag_named(script, "table")
    edited = actions.retag(tag, category="props", name="Table de cuisine", acting_user=producer)
    saved = Tag.objects.select_related("element").get(pk=tag.pk)
    assert saved.element == edited.element
    assert (saved.element.category, saved.element.name) == ("props", "Table de cuisine")
    assert saved.status == Tag.Status.ACCEPTED
    assert saved.decided_by == producer
    assert (saved.start, saved.end) == (tag.start, tag.end)
    [event] = events("scripts.tag.edited")
    before, after = event.changes["element"]
    assert before.endswith(": table")
    assert after.endswith(": Table de cuisine")
    assert event.data == {"scene": "1", "tags": 1}


def test_retag_can_take_the_elements_other_suggestions_in_the_scene_along(script, producer):
    scene = scene_at(script, 2)
    pending = list(scene.tags.filter(element__name="PAUL", status=Tag.Status.SUGGESTED))
    assert len(pending) > 1
    actions.retag(pending[0], category="cast", name="Paulo", acting_user=producer, same_in_scene=True)
    assert {(t.element.name, t.status) for t in Tag.objects.filter(pk__in=[t.pk for t in pending])} == {
        ("PAULO", Tag.Status.ACCEPTED)
    }
    assert events("scripts.tag.edited")[0].data["tags"] == len(pending)


def test_decide_the_suggestions_of_one_element_in_a_scene(script, producer):
    scene = scene_at(script, 2)
    paul = element_named(script, "PAUL")
    others = set(scene.tags.exclude(element=paul).values_list("pk", "status"))
    count = actions.decide_scene(scene, Tag.Status.REJECTED, acting_user=producer, element=paul)
    assert count == scene.tags.filter(element=paul).count() > 0
    assert set(scene.tags.filter(element=paul).values_list("status", flat=True)) == {Tag.Status.REJECTED}
    assert set(scene.tags.exclude(element=paul).values_list("pk", "status")) == others
    [event] = events("scripts.scene.suggestions_rejected")
    assert event.data["element"] == "PAUL"


def test_retag_onto_an_existing_element(script, producer):
    tag = tag_named(script, "PAUL", position=2, source=Tag.Source.MENTION)
    actions.retag(tag, category="cast", name="marie", acting_user=producer)
    assert fresh(tag).element == element_named(script, "MARIE")


# --- Elements ---------------------------------------------------------------------------------


def test_update_an_element(script, producer):
    tag = actions.add_tag(scene_at(script, 1), category="cast", name="Lucie", acting_user=producer)
    lucie = element_named(script, "LUCIE")
    updated = actions.update_element(
        lucie, acting_user=producer, expected_version=1, actor="Anne Lefèvre", minor=True
    )
    assert (updated.version, updated.actor, updated.minor) == (2, "Anne Lefèvre", True)
    [event] = events("scripts.element.updated")
    assert event.changes == {"actor": ["", "Anne Lefèvre"], "minor": [False, True]}
    assert event.target_label == "LUCIE"
    assert tag.element_id == lucie.pk


def test_the_first_edit_of_an_imported_element_names_only_what_changed(script, producer):
    marie = element_named(script, "MARIE")
    actions.update_element(marie, acting_user=producer, expected_version=1, actor="Anne Lefèvre")
    [event] = events("scripts.element.updated")
    assert event.changes == {"actor": ["", "Anne Lefèvre"]}


def test_a_stale_element_edit_raises_a_conflict(script, producer):
    marie = element_named(script, "MARIE")
    actions.update_element(marie, acting_user=producer, expected_version=1, actor="Anne Lefèvre")
    with pytest.raises(EditConflict) as conflict:
        actions.update_element(marie, acting_user=producer, expected_version=1, actor="Quelqu'un")
    assert (conflict.value.expected, conflict.value.current) == (1, 2)
    assert fresh(marie).actor == "Anne Lefèvre"
    assert len(events("scripts.element.updated")) == 1


def test_renaming_onto_an_existing_name_suggests_merging(script, producer):
    paul = element_named(script, "PAUL")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.update_element(paul, acting_user=producer, expected_version=1, name="marie")
    [message] = refused.value.message_dict["name"]
    assert "MARIE" in message
    assert "merge" in message
    assert fresh(paul).name == "PAUL"
    assert fresh(paul).version == 1
    assert events("scripts.element.updated") == []


def test_a_cast_rename_is_upper_cased(script, producer):
    paul = element_named(script, "PAUL")
    assert (
        actions.update_element(paul, acting_user=producer, expected_version=1, name="Paulo").name == "PAULO"
    )


def test_a_cast_rename_that_only_changes_case_changes_nothing(script, producer):
    paul = element_named(script, "PAUL")
    saved = actions.update_element(paul, acting_user=producer, expected_version=1, name="Paul")
    assert (saved.name, saved.version) == ("PAUL", 1)
    assert events("scripts.element.updated") == []


def test_moving_an_element_to_cast_writes_its_name_in_capitals(script, producer):
    extra = actions.add_tag(
        scene_at(script, 1), category="background", name="passant", acting_user=producer
    ).element
    saved = actions.update_element(
        extra, acting_user=producer, expected_version=extra.version, category="cast"
    )
    assert (saved.name, saved.category) == ("PASSANT", "cast")


def test_merge_moves_tags_and_keeps_the_other_names_as_aliases(script, producer):
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    actions.update_element(marie, acting_user=producer, expected_version=1, actor="Anne Lefèvre", minor=True)
    Element.objects.filter(pk=marie.pk).update(aliases=["MARIETTE"])
    marie_tags = set(Tag.objects.filter(element=marie).values_list("pk", flat=True))
    kept = actions.merge_elements(paul, [marie], acting_user=producer)
    assert kept.pk == paul.pk
    assert kept.aliases == ["MARIE", "MARIETTE"]
    assert kept.minor is True
    assert kept.actor == "Anne Lefèvre"
    assert kept.version == 2
    assert not Element.objects.filter(pk=marie.pk).exists()
    assert set(Tag.objects.filter(element=paul).values_list("pk", flat=True)) >= marie_tags
    assert Tag.objects.filter(element=paul).count() == 3 + len(marie_tags)
    [event] = events("scripts.element.merged")
    assert event.data == {"merged": ["MARIE"]}
    assert event.changes == {"aliases": ["", "MARIE, MARIETTE"]}


def test_merge_keeps_the_targets_own_actor(script, producer):
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    Element.objects.filter(pk=paul.pk).update(actor="Jean Dupuis")
    Element.objects.filter(pk=marie.pk).update(actor="Anne Lefèvre")
    assert actions.merge_elements(paul, [marie], acting_user=producer).actor == "Jean Dupuis"


def test_a_merged_name_is_recognised_by_the_next_draft(script, producer):
    paul, marie = element_named(script, "PAUL"), element_named(script, "MARIE")
    actions.merge_elements(paul, [marie], acting_user=producer)
    version = factories.import_draft(script, producer, factories.SMALL_SCRIPT)
    names = set(Tag.objects.filter(scene__version=version).values_list("element__name", flat=True))
    assert "PAUL" in names
    assert "MARIE" not in names
    assert not Element.objects.filter(script=script, name="MARIE").exists()


def test_merge_is_refused_across_scripts(script, production, producer):
    other = factories.make_script(production, producer, title="Autre")
    paul, stranger = element_named(script, "PAUL"), element_named(other, "MARIE")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.merge_elements(paul, [stranger], acting_user=producer)
    assert refused.value.messages == ["Only elements of the same script can be merged."]
    assert Element.objects.filter(pk=stranger.pk).exists()
    assert fresh(paul).aliases == []
    assert events("scripts.element.merged") == []


def test_merge_needs_another_element(script, producer):
    paul = element_named(script, "PAUL")
    with pytest.raises(ValidationError):
        actions.merge_elements(paul, [paul], acting_user=producer)
    with pytest.raises(ValidationError):
        actions.merge_elements(paul, [], acting_user=producer)
    assert events("scripts.element.merged") == []


# --- Scene numbers ----------------------------------------------------------------------------


def test_locking_numbers_the_unnumbered_scenes_in_order(script, producer):
    locked = actions.lock_scene_numbers(script, acting_user=producer)
    assert locked.numbers_locked is True
    assert list(script.current_version.scenes.order_by("position").values_list("number", flat=True)) == [
        "1",
        "2",
    ]
    [event] = events("scripts.numbers.locked")
    assert event.changes == {"numbers_locked": [False, True]}
    assert event.data == {"numbered": 2}


def test_locking_keeps_the_numbers_written_in_the_script(production, producer):
    script = factories.make_script(production, producer, NUMBERED_SCRIPT)
    actions.lock_scene_numbers(script, acting_user=producer)
    assert list(script.current_version.scenes.order_by("position").values_list("number", flat=True)) == [
        "7",
        "8",
    ]
    assert events("scripts.numbers.locked")[0].data == {"numbered": 0}


def test_locking_twice_changes_nothing(script, producer):
    actions.lock_scene_numbers(script, acting_user=producer)
    actions.lock_scene_numbers(script, acting_user=producer)
    assert len(events("scripts.numbers.locked")) == 1


def test_locking_is_a_change_of_the_script_that_stale_edits_notice(script, producer):
    read_at = script.version
    actions.lock_scene_numbers(script, acting_user=producer)
    with pytest.raises(EditConflict):
        actions.update_script(script, acting_user=producer, expected_version=read_at, title="Autre titre")


def test_locking_needs_an_imported_draft(production, producer):
    script = actions.create_script(production, acting_user=producer, title="Vide")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.lock_scene_numbers(script, acting_user=producer)
    assert refused.value.messages == ["Import a draft before locking its scene numbers."]
    assert fresh(script).numbers_locked is False
    assert events("scripts.numbers.locked") == []


# --- Locations --------------------------------------------------------------------------------


def test_create_update_and_delete_a_shooting_location(production, producer):
    location = actions.create_shooting_location(
        production,
        acting_user=producer,
        name="Ferme des Aulnes",
        contact_name="Hélène Roux",
        contact_email="helene@example.org",
        cost_per_day="850.00",
    )
    [created] = events("scripts.location.created")
    assert created.target_label == "Ferme des Aulnes"
    assert created.changes["contact_name"] == [None, "Hélène Roux"]

    updated = actions.update_shooting_location(
        location, acting_user=producer, expected_version=1, address="Route de Brest"
    )
    assert updated.version == 2
    [changed] = events("scripts.location.updated")
    assert changed.changes == {"address": ["", "Route de Brest"]}

    actions.delete_shooting_location(updated, acting_user=producer)
    [deleted] = events("scripts.location.deleted")
    assert deleted.target_label == "Ferme des Aulnes"
    assert not production.shooting_locations.exists()


def test_a_shooting_location_needs_valid_fields(production, producer):
    with pytest.raises(ValidationError) as refused:
        actions.create_shooting_location(production, acting_user=producer, name="", contact_email="nope")
    assert {"name", "contact_email"} <= set(refused.value.message_dict)
    assert not production.shooting_locations.exists()
    assert events("scripts.location.created") == []


def test_a_stale_shooting_location_edit_is_refused(production, producer):
    location = actions.create_shooting_location(production, acting_user=producer, name="Gare")
    actions.update_shooting_location(location, acting_user=producer, expected_version=1, notes="Le matin")
    with pytest.raises(EditConflict):
        actions.update_shooting_location(location, acting_user=producer, expected_version=1, notes="Le soir")
    assert fresh(location).notes == "Le matin"
    unchanged = actions.update_shooting_location(
        location, acting_user=producer, expected_version=2, notes="Le matin"
    )
    assert unchanged.version == 2
    assert len(events("scripts.location.updated")) == 1


def test_link_a_place_of_the_script_to_where_it_is_shot(script, production, producer):
    place = ScriptLocation.objects.select_related("script__production").get(script=script, name="CUISINE")
    studio = actions.create_shooting_location(production, acting_user=producer, name="Studio 3")
    actions.link_location(place, studio, acting_user=producer)
    assert fresh(place).shooting_location == studio
    actions.link_location(place, studio, acting_user=producer)
    [event] = events("scripts.location.linked")
    assert event.changes == {"shooting_location": ["", "Studio 3"]}
    assert event.target_label == "CUISINE"

    actions.link_location(place, None, acting_user=producer)
    assert fresh(place).shooting_location is None
    assert events("scripts.location.linked")[-1].changes == {"shooting_location": ["Studio 3", ""]}


def test_deleting_a_shooting_location_unlinks_the_places(script, production, producer):
    place = ScriptLocation.objects.select_related("script__production").get(script=script, name="JARDIN")
    garden = actions.create_shooting_location(production, acting_user=producer, name="Parc")
    actions.link_location(place, garden, acting_user=producer)
    actions.delete_shooting_location(garden, acting_user=producer)
    assert fresh(place).shooting_location is None


def test_linking_to_another_productions_location_is_refused(script, producer):
    place = ScriptLocation.objects.select_related("script__production").get(script=script, name="CUISINE")
    elsewhere = factories.make_production(producer, title="Ailleurs")
    foreign = actions.create_shooting_location(elsewhere, acting_user=producer, name="Château")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.link_location(place, foreign, acting_user=producer)
    assert refused.value.messages == ["This shooting location belongs to another production."]
    assert fresh(place).shooting_location is None
    assert events("scripts.location.linked") == []
