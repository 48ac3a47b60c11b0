import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

import clapboard
from clapboard.budgets import actions as budget_actions
from clapboard.core.activity import describe, message_for, render_events
from clapboard.core.activity_rows import activity_list
from clapboard.core.models import AuditEvent
from clapboard.financing import actions as financing_actions
from clapboard.financing.models import FinancingPlan
from clapboard.productions import actions
from clapboard.scripts.models import Tag

SOURCE = Path(clapboard.__file__).resolve().parent
APPS = "accounts|companies|productions|scripts|schedules|budgets|financing|core"
#: An action name written whole: "financing.source.added".
WRITTEN = re.compile(rf'"((?:{APPS})\.[a-z_]+\.[a-z_]+)"')
#: The start of an action name finished at run time: f"scripts.tag.{status}", or
#: "schedules.call_sheet." + ("created" if created else "updated").
BUILT = re.compile(rf'f"((?:{APPS})\.[a-z_]+\.[a-z_]*)\{{|"((?:{APPS})\.[a-z_]+\.)"\s*\+')
DECISIONS = [Tag.Status.ACCEPTED, Tag.Status.REJECTED]
#: Every name each built action takes; a new one has to be listed here to pass.
BUILT_NAMES = {
    "scripts.tag.": [f"scripts.tag.{status}" for status in DECISIONS],
    "scripts.scene.suggestions_": [f"scripts.scene.suggestions_{status}" for status in DECISIONS],
    "scripts.element.suggestions_": [f"scripts.element.suggestions_{status}" for status in DECISIONS],
    "schedules.call_sheet.": ["schedules.call_sheet.created", "schedules.call_sheet.updated"],
}


def source_files() -> list[Path]:
    return [path for path in sorted(SOURCE.rglob("*.py")) if "tests" not in path.relative_to(SOURCE).parts]


def test_every_action_the_code_writes_has_a_message():
    written: set[str] = set()
    built: set[str] = set()
    for path in source_files():
        text = path.read_text()
        written.update(WRITTEN.findall(text))
        built.update(prefix for match in BUILT.findall(text) for prefix in match if prefix)
    assert len(written) > 60  # the walk found the code
    assert built == set(BUILT_NAMES), "list the names a built action takes in BUILT_NAMES"
    names = written | {name for prefix in built for name in BUILT_NAMES[prefix]}
    assert sorted(name for name in names if message_for(name) is None) == []


def test_a_phase_change_reads_from_and_to_with_translated_labels(production, producer):
    actions.change_phase(production, acting_user=producer, phase="financing")
    event = AuditEvent.objects.select_related("actor").get(action="productions.phase.changed")
    with translation.override("fr"):
        [item] = render_events([event])
        assert item.actor == "Camille Producer"
        assert item.message == "a changé la phase"
        assert [(row.field, row.old, row.new) for row in item.changes] == [
            ("Phase", "Développement", "Financement")
        ]
    with translation.override("en"):
        [item] = render_events([event])
        assert [(row.field, row.old, row.new) for row in item.changes] == [
            ("Phase", "Development", "Financing")
        ]


def test_lists_and_empty_values_are_readable(production, producer):
    actions.update_production(
        production, acting_user=producer, expected_version=production.version, countries=["FR", "BE"]
    )
    event = AuditEvent.objects.get(action="productions.production.updated")
    [item] = render_events([event])
    with translation.override("en"):
        [item] = render_events([event])
    assert [(row.field, row.old, row.new) for row in item.changes] == [("Countries", "—", "FR, BE")]


def test_foreign_keys_show_the_related_row(production, producer):
    event = AuditEvent.objects.get(action="productions.production.created")
    with translation.override("en"):
        [item] = render_events([event])
    company_row = next(row for row in item.changes if row.field == "Company")
    assert company_row.new == str(production.company)
    assert item.initial


def test_data_values_use_choice_labels(production, producer):
    actions.invite_member(production, acting_user=producer, email="new@example.org", role="line_producer")
    event = AuditEvent.objects.get(action="productions.member.invited")
    with translation.override("en"):
        assert describe(event) == "invited new@example.org as Line producer"


def test_unknown_actions_fall_back_to_their_name(db):
    event = AuditEvent.objects.create(action="elsewhere.thing.done", target_label="X")
    assert describe(event) == "elsewhere.thing.done X"
    assert render_events([event])[0].actor


def test_a_relation_change_written_as_names_is_shown_as_written(production, producer):
    """An action may record the names of the rows rather than their ids: the feed shows
    them as they are instead of failing to look them up."""
    event = AuditEvent.objects.create(
        production=production,
        actor=producer,
        action="productions.production.updated",
        target_type="productions.production",
        target_id=str(production.pk),
        target_label=str(production),
        changes={"company": ["Bac « Enez Eusa II »", str(production.company_id)]},
    )
    with translation.override("en"):
        [item] = render_events([event])
    [row] = item.changes
    assert (row.old, row.new) == ("Bac « Enez Eusa II »", str(production.company))


def test_a_mapping_reads_as_keys_and_values(db):
    event = AuditEvent.objects.create(
        action="financing.plan.rechecked",
        target_type="financing.financingplan",
        target_label="Plan de financement",
        changes={"rules": [{}, {"fr": 2, "europe": 1}]},
        data={"rules": {"fr": 2, "europe": 1}},
    )
    with translation.override("en"):
        [item] = render_events([event])
    assert [(row.old, row.new) for row in item.changes] == [("—", "fr 2, europe 1")]
    assert item.message == (
        "checked the financing plan Plan de financement against the latest rules (fr 2, europe 1)"
    )
    assert not item.initial  # a re-check, not a creation


def test_nested_values_read_plainly(db):
    event = AuditEvent.objects.create(
        action="schedules.planning.terms_saved",
        changes={
            "weights": [None, {"waiting": 3, "moves": {"min": 1, "max": 2}, "days": [4, 5], "one": [6]}]
        },
    )
    [row] = render_events([event])[0].changes
    assert row.new == "waiting 3, moves (min 1, max 2), days (4, 5), one 6"


@pytest.fixture
def plan(production, producer) -> FinancingPlan:
    version = budget_actions.create_budget(
        production, acting_user=producer, name="Devis", layout="cnc-long-metrage"
    )
    return financing_actions.create_plan(
        production, acting_user=producer, name="Plan de financement", budget_version=version
    )


def add_source(plan: FinancingPlan, producer) -> AuditEvent:  # type: ignore[no-untyped-def]
    financing_actions.add_source(
        plan,
        acting_user=producer,
        type="regional_fund",
        partner="Armement du Ponant",
        amount=Decimal("30000"),
        status="committed",
    )
    return AuditEvent.objects.select_related("actor").get(action="financing.source.added")


def test_an_added_source_shows_its_first_values_folded(plan, producer):
    event = add_source(plan, producer)
    with translation.override("en"):
        [item] = render_events([event])
        compact = activity_list([item], compact=True)
        full = activity_list([item])
    assert item.initial
    assert item.message == "added the financing source Armement du Ponant"
    assert "Partner" in [row.field for row in item.changes]
    assert "activity__summary" not in compact  # no "Plan: — → Plan de financement · …"
    assert "<details" in full
    assert "Initial values" in full


def test_an_added_event_that_changes_values_is_no_creation(db):
    event = AuditEvent.objects.create(
        action="productions.member.added", changes={"role": ["script_supervisor", "director"]}
    )
    assert not render_events([event])[0].initial


def test_the_french_feed_speaks_french_for_financing(plan, producer):
    add_source(plan, producer)
    events = AuditEvent.objects.select_related("actor").filter(action__startswith="financing.")
    with translation.override("fr"):
        feed = activity_list(render_events(events.order_by("created_at", "id")))
    assert "a créé le plan de financement Plan de financement" in feed
    assert "a ajouté la source de financement Armement du Ponant" in feed
    assert "financing.source.added" not in feed
