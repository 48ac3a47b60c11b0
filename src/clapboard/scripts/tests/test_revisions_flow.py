"""Revised drafts: scene matching, locked numbers, carried decisions, merged elements, the demo.

Drafts are imported the way the import job saves them (``tests.factories.import_draft``:
the real engines and ``versions.save_version``) and decisions are taken through the real
actions, on the test database.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from tests import factories
from zeal import zeal_context, zeal_ignore

from clapboard.accounts.models import User
from clapboard.core.demo import load_demo
from clapboard.productions.models import Production
from clapboard.scripts import actions, analysis
from clapboard.scripts.models import Element, Scene, Script, ScriptVersion, Tag

pytestmark = pytest.mark.django_db

SCENES = {
    1: (
        "INT. CUISINE - JOUR\n\n"
        "MARIE pose une valise sur la table. Un chien aboie dehors.\n\n"
        "MARIE\nTu pars quand ?\n\n"
        "PAUL\nDemain matin, avec la voiture.\n"
    ),
    2: "EXT. JARDIN - NUIT\n\nPaul fume sous la pluie, une lampe torche à la main.\n\nPAUL\nBonne nuit.\n",
    3: "INT. GARAGE - JOUR\n\nPaul répare un vélo. Marie entre avec un thermos.\n\nMARIE\nCafé ?\n",
    4: "EXT. PLAGE - JOUR\n\nROSE court sur le sable avec un cerf-volant.\n\nROSE\nAttendez-moi !\n",
    5: "INT. BUREAU - NUIT\n\nMarie écrit une lettre à la lueur d'une lampe.\n\nMARIE\nIl ne reviendra pas.\n",
    6: "EXT. ROUTE - AUBE\n\nLa voiture de Paul file sur la route déserte.\n\nPAUL\nEnfin.\n",
    7: "INT. GARE - JOUR\n\nPaul achète un billet au guichet.\n\nPAUL\nUn aller simple.\n",
    "attic": "INT. GRENIER - JOUR\n\nMarie ouvre une malle et trouve un parapluie.\n\nMARIE\nIl l'avait gardé.\n",
    "roof": "EXT. TOIT - NUIT\n\nPaul regarde la ville.\n\nPAUL\nPlus jamais.\n",
}
# The first scene of the revision: one line rewritten, around the suitcase.
REWRITTEN_1 = SCENES[1].replace("pose une valise sur la table", "pose une vieille valise sur la table")

FIRST_DRAFT = [1, 2, 3, 4, 5, 6, 7]
# The attic is new between 2 and 3, the beach (4) is gone, the office (5) moved to the end.
REVISED_DRAFT = [1, 2, "attic", 3, 6, 7, 5]


def draft(order: list[Any], *, first: str | None = None) -> str:
    return "\n".join(first if key == 1 and first else SCENES[key] for key in order)


def scene_table(version: ScriptVersion) -> list[tuple[str, str, str, bool, bool]]:
    return [
        (scene.number, scene.heading, scene.change, scene.moved, scene.omitted)
        for scene in version.scenes.order_by("position")
    ]


def tags_of(scene: Scene) -> list[Tag]:
    return list(scene.tags.select_related("element").order_by("start", "id"))


def words(scene: Scene, tag: Tag) -> str | None:
    return None if tag.start is None else scene.text[tag.start : tag.end]


def import_revision(script: Script, user: User, text: str) -> ScriptVersion:
    # One import at a time under the N+1 detector, as one job runs one import.
    with zeal_context():
        factories.import_draft(script, user, text)
    script.refresh_from_db()
    return script.current_version


@pytest.fixture
def first_version(production: Production, producer: User) -> ScriptVersion:
    """The first draft with decisions: the kitchen (but its dog), the garden and the beach
    accepted, the office's lamp rejected, a tag without a span in the kitchen and the garage."""
    script = factories.make_script(production, producer, draft(FIRST_DRAFT), title="Le Départ")
    version = script.current_version
    kitchen, garden, garage, beach, office = version.scenes.order_by("position")[:5]
    actions.decide_scene(kitchen, Tag.Status.ACCEPTED, acting_user=producer)
    dog = kitchen.tags.get(element__name="chien")
    actions.decide_tag(dog, Tag.Status.REJECTED, acting_user=producer)
    actions.decide_scene(garden, Tag.Status.ACCEPTED, acting_user=producer)
    actions.decide_scene(beach, Tag.Status.ACCEPTED, acting_user=producer)
    lamp = office.tags.get(element__name="lampe")
    actions.decide_tag(lamp, Tag.Status.REJECTED, acting_user=producer)
    # Tags without a span: kept only where the scene did not change at all.
    actions.add_tag(kitchen, category="wardrobe", name="tablier", acting_user=producer)
    actions.add_tag(garage, category="props", name="clé à molette", acting_user=producer)
    return version


# Locked numbers --------------------------------------------------------------------------------


def test_a_revision_with_locked_numbers(first_version, producer):
    script = actions.lock_scene_numbers(first_version.script, acting_user=producer)
    assert list(first_version.scenes.values_list("number", flat=True)) == ["1", "2", "3", "4", "5", "6", "7"]

    revised = import_revision(script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))

    assert revised.number == 2
    assert revised.previous == first_version
    assert revised.numbered_from_locked
    assert scene_table(revised) == [
        ("1", "INT. CUISINE - JOUR", "changed", False, False),
        ("2", "EXT. JARDIN - NUIT", "unchanged", False, False),
        ("2A", "INT. GRENIER - JOUR", "added", False, False),
        ("3", "INT. GARAGE - JOUR", "unchanged", False, False),
        ("4", "EXT. PLAGE - JOUR", "omitted", False, True),
        ("6", "EXT. ROUTE - AUBE", "unchanged", False, False),
        ("7", "INT. GARE - JOUR", "unchanged", False, False),
        ("5", "INT. BUREAU - NUIT", "unchanged", True, False),
    ]
    placeholder = revised.scenes.get(omitted=True)
    assert (placeholder.text, placeholder.eighths, placeholder.tags.count()) == ("", 0, 0)
    assert revised.scene_count == 7  # the scenes of the draft; the placeholder is not one
    old = {scene.number: scene for scene in first_version.scenes.all()}
    for scene in revised.scenes.exclude(change__in=["added", "omitted"]):
        assert scene.previous == old[scene.number]
    assert revised.scenes.get(number="2A").previous is None


def test_later_revisions_keep_the_placeholders_and_never_reuse_a_number(first_version, producer):
    script = actions.lock_scene_numbers(first_version.script, acting_user=producer)
    import_revision(script, producer, draft(REVISED_DRAFT))

    # The same draft again: nothing changed, the beach stays OMITTED where it was (a kept
    # placeholder has no change status: no scene of the draft stands behind it).
    third = import_revision(script, producer, draft(REVISED_DRAFT))
    assert [(number, change, omitted) for number, _h, change, _m, omitted in scene_table(third)] == [
        ("1", "unchanged", False),
        ("2", "unchanged", False),
        ("2A", "unchanged", False),
        ("3", "unchanged", False),
        ("4", "", True),
        ("6", "unchanged", False),
        ("7", "unchanged", False),
        ("5", "unchanged", False),
    ]
    assert third.scenes.get(number="4").previous.version.number == 2
    assert analysis.version_changes(third)["counts"] == {"unchanged": 7, "omitted": 0}

    # The attic is cut, then a new scene is written in the same place: it must not take 2A.
    fourth = import_revision(script, producer, draft([1, 2, 3, 6, 7, 5]))
    fifth = import_revision(script, producer, draft([1, 2, "roof", 3, 6, 7, 5]))
    assert [(n, h, c) for n, h, c, _m, omitted in scene_table(fourth) if omitted] == [
        ("2A", "INT. GRENIER - JOUR", "omitted"),
        ("4", "EXT. PLAGE - JOUR", ""),
    ]
    assert analysis.version_changes(fourth)["counts"] == {"unchanged": 6, "omitted": 1}
    assert [(n, h, c, o) for n, h, c, _m, o in scene_table(fifth)] == [
        ("1", "INT. CUISINE - JOUR", "unchanged", False),
        ("2", "EXT. JARDIN - NUIT", "unchanged", False),
        ("2A", "INT. GRENIER - JOUR", "", True),
        ("2B", "EXT. TOIT - NUIT", "added", False),
        ("3", "INT. GARAGE - JOUR", "unchanged", False),
        ("4", "EXT. PLAGE - JOUR", "", True),
        ("6", "EXT. ROUTE - AUBE", "unchanged", False),
        ("7", "INT. GARE - JOUR", "unchanged", False),
        ("5", "INT. BUREAU - NUIT", "unchanged", False),
    ]
    numbers = list(fifth.scenes.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_decisions_are_carried_over_where_the_words_did_not_change(first_version, producer):
    script = actions.lock_scene_numbers(first_version.script, acting_user=producer)
    old = {scene.number: scene for scene in first_version.scenes.all()}

    revised = import_revision(script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))
    new = {scene.number: scene for scene in revised.scenes.all()}

    # Every decided tag with a span on words that survived comes back, on the same words.
    carried = 0
    for number in ("1", "2", "3", "5"):
        before, after = old[number], new[number]
        decided = Counter(
            (tag.element_id, words(before, tag), tag.status)
            for tag in tags_of(before)
            if tag.status != Tag.Status.SUGGESTED
            and tag.start is not None
            and not (number == "1" and tag.element.name == "valise")
        )
        kept = Counter(
            (tag.element_id, words(after, tag), tag.status)
            for tag in tags_of(after)
            if tag.status != Tag.Status.SUGGESTED and tag.start is not None
        )
        assert decided == kept, number
        carried += sum(decided.values())
    assert carried >= 10

    kitchen = tags_of(new["1"])
    by_name = {tag.element.name: tag for tag in kitchen if tag.source != "dialogue"}
    # Accepted, carried: the source says so; the decision keeps who took it.
    assert (by_name["MARIE"].status, by_name["MARIE"].source) == ("accepted", "carried")
    assert by_name["MARIE"].decided_by == producer
    assert words(new["1"], by_name["MARIE"]) == "MARIE"
    assert (by_name["table"].status, by_name["table"].source) == ("accepted", "carried")
    # Rejected, carried: still rejected, and no new suggestion brings it back.
    assert (by_name["chien"].status, by_name["chien"].source) == ("rejected", "lexicon")
    assert [t.status for t in kitchen if t.element.name == "chien"] == ["rejected"]
    # The suitcase's words were edited: the decision stays behind, a fresh suggestion is there.
    suitcase = [t for t in kitchen if t.element.name == "valise"]
    assert [(t.status, t.source, words(new["1"], t)) for t in suitcase] == [
        ("suggested", "lexicon", "valise")
    ]
    assert suitcase[0].start != old["1"].tags.get(element__name="valise").start
    # A tag without a span needs the whole scene unchanged.
    assert not new["1"].tags.filter(element__name="tablier").exists()
    wrench = new["3"].tags.get(element__name="clé à molette")
    assert (wrench.status, wrench.source, wrench.start, wrench.end) == ("accepted", "carried", None, None)
    # The moved office keeps its rejected lamp.
    assert new["5"].tags.get(element__name="lampe").status == "rejected"
    # The new scene has only suggestions.
    assert set(new["2A"].tags.values_list("status", flat=True)) == {"suggested"}
    assert new["2A"].tags.filter(element__category="props", element__name="parapluie").exists()

    # No element is tagged twice on the same words of a scene.
    spans = Counter(
        Tag.objects.filter(scene__version=revised).values_list("scene_id", "element_id", "start", "end")
    )
    assert [key for key, count in spans.items() if count > 1] == []
    # Undecided suggestions are made afresh, not copied: the garage's were never reviewed.
    assert set(new["3"].tags.exclude(element__name="clé à molette").values_list("status", flat=True)) == {
        "suggested"
    }


def test_version_changes_counts_and_department_impact(first_version, producer):
    script = actions.lock_scene_numbers(first_version.script, acting_user=producer)
    revised = import_revision(script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))

    changes = analysis.version_changes(revised)

    assert changes["previous"] == first_version
    assert changes["counts"] == {"changed": 1, "unchanged": 5, "added": 1, "omitted": 1, "moved": 1}
    assert changes["dropped"] == []  # the beach is shown by its placeholder
    assert changes["length_delta"] == revised.total_eighths - first_version.total_eighths
    impact = {row["category"].code: row["impact"] for row in changes["impact"]}
    assert "parapluie" in impact["props"].added
    assert "ROSE" in impact["cast"].removed


# Numbers not locked ----------------------------------------------------------------------------


def test_without_locked_numbers_there_are_no_placeholders(first_version, producer):
    script = first_version.script

    revised = import_revision(script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))

    assert not revised.numbered_from_locked
    assert scene_table(revised) == [
        ("", "INT. CUISINE - JOUR", "changed", False, False),
        ("", "EXT. JARDIN - NUIT", "unchanged", False, False),
        ("", "INT. GRENIER - JOUR", "added", False, False),
        ("", "INT. GARAGE - JOUR", "unchanged", False, False),
        ("", "EXT. ROUTE - AUBE", "unchanged", False, False),
        ("", "INT. GARE - JOUR", "unchanged", False, False),
        ("", "INT. BUREAU - NUIT", "unchanged", True, False),
    ]
    changes = analysis.version_changes(revised)
    assert [scene.heading for scene in changes["dropped"]] == ["EXT. PLAGE - JOUR"]
    assert changes["counts"]["omitted"] == 1
    # Decisions are carried whether numbers are locked or not.
    assert revised.scenes.get(position=2).tags.filter(source="carried").exists()


def test_without_locked_numbers_scenes_keep_the_numbers_written_in_the_file(production, producer):
    def numbered(order: list[Any], numbers: list[str]) -> str:
        texts = []
        for key, number in zip(order, numbers, strict=True):
            heading, rest = SCENES[key].split("\n", 1)
            texts.append(f"{heading} #{number}#\n{rest}")
        return "\n".join(texts)

    script = factories.make_script(production, producer, numbered([1, 2, 3], ["10", "20", "30"]))
    assert list(script.current_version.scenes.values_list("number", flat=True)) == ["10", "20", "30"]

    revised = import_revision(script, producer, numbered([1, "attic", 3], ["1", "2", "3"]))

    assert [(n, c, o) for n, _h, c, _m, o in scene_table(revised)] == [
        ("1", "unchanged", False),
        ("2", "added", False),
        ("3", "unchanged", False),
    ]


# Elements across versions ----------------------------------------------------------------------


def test_a_merged_element_receives_the_next_drafts_suggestions(production, producer):
    first = (
        "INT. SALON - JOUR\n\nJOHN lit le journal.\n\nJOHN\nBonjour.\n\n"
        "EXT. RUE - NUIT\n\nJOHNNY court.\n\nJOHNNY\nAttends !\n"
    )
    script = factories.make_script(production, producer, first)
    john = script.elements.get(category="cast", name="JOHN")
    johnny = script.elements.get(category="cast", name="JOHNNY")
    accepted = script.current_version.scenes.get(position=2).tags.filter(element=johnny).first()
    actions.decide_tag(accepted, Tag.Status.ACCEPTED, acting_user=producer)

    merged = actions.merge_elements(john, [johnny], acting_user=producer)
    assert merged.aliases == ["JOHNNY"]

    second = first + "\nINT. BAR - NUIT\n\nJOHNNY commande un verre.\n\nJOHNNY\nUn autre.\n"
    revised = import_revision(script, producer, second)

    assert not Element.objects.filter(script=script, name="JOHNNY").exists()
    bar = revised.scenes.get(heading="INT. BAR - NUIT")
    bar_tags = tags_of(bar)
    assert {tag.element_id for tag in bar_tags if tag.element.category == "cast"} == {john.pk}
    assert {words(bar, tag) for tag in bar_tags if tag.element_id == john.pk} == {"JOHNNY"}
    assert all(tag.status == "suggested" for tag in bar_tags)
    street = revised.scenes.get(heading="EXT. RUE - NUIT")
    carried = street.tags.get(source="carried")
    assert (carried.element_id, words(street, carried)) == (john.pk, "JOHNNY")
    # Elements are the script's: the second version reuses the first version's rows.
    assert script.elements.filter(category="cast").count() == 1


def test_elements_keep_their_rows_and_details_across_versions(first_version, producer):
    script = first_version.script
    marie = script.elements.get(category="cast", name="MARIE")
    marie = actions.update_element(marie, acting_user=producer, expected_version=marie.version, actor="Anne")
    elements_before = set(script.elements.values_list("pk", flat=True))

    revised = import_revision(script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))

    assert Tag.objects.filter(scene__version=revised, element=marie).count() >= 6
    assert elements_before <= set(script.elements.values_list("pk", flat=True))
    new_names = set(script.elements.exclude(pk__in=elements_before).values_list("name", flat=True))
    assert new_names <= {"parapluie", "malle"}
    marie.refresh_from_db()
    assert marie.actor == "Anne"


# The demo --------------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config("scripts").get_models()
    }


def test_the_demo_script_has_a_blue_revision(db):
    with zeal_ignore():  # the demo calls one action after another: no list to catch
        context = load_demo()

    script = context.objects["short_film_script"]
    script.refresh_from_db()
    assert script.numbers_locked
    first, second = script.versions.order_by("number")
    assert (first.label, first.colour, second.label, second.colour) == (
        "Version de tournage",
        "white",
        "Révision bleue",
        "blue",
    )
    assert script.current_version == second
    assert second.previous == first
    assert first.scene_count == 35
    assert not first.scenes.filter(omitted=True).exists()
    touched = [
        (number, change, omitted)
        for number, _heading, change, moved, omitted in scene_table(second)
        if change != "unchanged" or moved
    ]
    assert touched == [("11A", "added", False), ("14", "changed", False), ("24", "omitted", True)]
    assert second.scenes.get(number="11A").heading == "EXT. PHARE DE PENN AR VEIL - GALERIE - JOUR"
    assert "Sept heures, le ruban" in second.scenes.get(number="14").text
    assert second.scenes.get(number="24").heading == "EXT. MER D'IROISE - NUIT"
    assert Tag.objects.filter(scene__version=second, source="carried").count() > 100
    assert Tag.objects.filter(scene__version=second, status="accepted").exclude(source="carried").count() == 0
    maryvonne = script.elements.get(category="cast", name="MARYVONNE")
    assert Tag.objects.filter(scene__version=second, element=maryvonne, status="accepted").exists()


def test_loading_the_demo_twice_changes_nothing(db):
    with zeal_ignore():
        first = load_demo()
        before = row_counts()
        second = load_demo()

    assert row_counts() == before
    assert before["scripts.ScriptVersion"] == 2
    assert second.objects["short_film_script"] == first.objects["short_film_script"]


def test_a_changed_scene_shows_the_words_removed_and_added(first_version, producer):
    revised = import_revision(first_version.script, producer, draft(REVISED_DRAFT, first=REWRITTEN_1))
    scene = revised.scenes.select_related("previous__version").get(position=1)
    revision = analysis.scene_breakdown(scene)["revision"]
    assert revision["before"] == scene.previous
    assert not revision["heading_changed"]
    added = [c.text for c in revision["changes"] if c.kind == "+"]
    removed = [c.text for c in revision["changes"] if c.kind == "-"]
    assert ([text.strip() for text in added], removed) == (["vieille"], [])
    assert "".join(c.text for c in revision["changes"] if c.kind != "-") == scene.text
    unchanged = revised.scenes.get(position=2)
    assert analysis.scene_breakdown(unchanged)["revision"] is None
