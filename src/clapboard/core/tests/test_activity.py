from django.utils import translation

from clapboard.core.activity import describe, render_events
from clapboard.core.models import AuditEvent
from clapboard.productions import actions


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
