"""The production actions: validation, lifecycle, team rules, concurrency and audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests import factories

from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.productions import actions
from clapboard.productions.models import Invitation, ProductionMember
from clapboard.productions.phases import LIFECYCLE, Phase, allowed_transitions, refusal_reason
from clapboard.productions.roles import Role


def events(production, action):  # type: ignore[no-untyped-def]
    return list(AuditEvent.objects.filter(production=production, action=action))


def test_each_phase_moves_one_step_either_way_or_to_the_archive():
    for index, phase in enumerate(LIFECYCLE):
        moves = allowed_transitions(phase)
        assert Phase.ARCHIVED in moves
        if index + 1 < len(LIFECYCLE):
            assert LIFECYCLE[index + 1] in moves
        if index > 0:
            assert LIFECYCLE[index - 1] in moves
        assert len(moves) == 1 + (index + 1 < len(LIFECYCLE)) + (index > 0)


def test_a_skipped_phase_is_refused_with_the_allowed_ones_named():
    reason = refusal_reason(Phase.DEVELOPMENT, Phase.SHOOTING)
    assert reason is not None
    assert str(Phase.FINANCING.label) in reason


def test_phase_change_is_audited_from_and_to(production, producer):
    production = actions.change_phase(production, acting_user=producer, phase="financing")
    [event] = events(production, "productions.phase.changed")
    assert event.changes == {"phase": ["development", "financing"]}
    assert event.actor == producer


def test_refused_phase_change_changes_nothing(production, producer):
    with pytest.raises(actions.PhaseTransitionRefused):
        actions.change_phase(production, acting_user=producer, phase="shooting")
    production.refresh_from_db()
    assert production.phase == "development"
    assert production.version == 1
    assert events(production, "productions.phase.changed") == []


def test_archive_returns_to_the_phase_it_left(production, producer):
    production = actions.change_phase(production, acting_user=producer, phase="financing")
    production = actions.change_phase(production, acting_user=producer, phase="archived")
    assert allowed_transitions(Phase.ARCHIVED, Phase.FINANCING) == [Phase.FINANCING]
    with pytest.raises(actions.PhaseTransitionRefused):
        actions.change_phase(production, acting_user=producer, phase="development")
    production = actions.change_phase(production, acting_user=producer, phase="financing")
    assert production.phase == "financing"


def test_a_stale_edit_is_refused_and_the_newer_one_kept(production, producer):
    actions.update_production(production, acting_user=producer, expected_version=1, title="Première version")
    with pytest.raises(EditConflict) as conflict:
        actions.update_production(production, acting_user=producer, expected_version=1, title="Écrasée")
    assert conflict.value.current == 2
    production.refresh_from_db()
    assert production.title == "Première version"


def test_an_edit_that_changes_nothing_keeps_the_version_and_writes_no_event(production, producer):
    before = len(events(production, "productions.production.updated"))
    same = actions.update_production(
        production, acting_user=producer, expected_version=1, title=production.title
    )
    assert same.version == 1
    assert len(events(production, "productions.production.updated")) == before


def test_invalid_codes_are_refused_by_field(production, producer):
    with pytest.raises(ValidationError) as error:
        actions.update_production(production, acting_user=producer, expected_version=1, countries=["France"])
    assert "France" in str(error.value)
    production.refresh_from_db()
    assert production.countries == []


def test_unknown_fields_are_refused(production, producer):
    with pytest.raises(ValidationError) as error:
        actions.update_production(production, acting_user=producer, expected_version=1, phase="shooting")
    assert "phase" in error.value.message_dict


def test_only_members_of_the_company_create_productions_in_it(producer, outsider):
    company = factories.make_company(producer)
    with pytest.raises(ValidationError):
        actions.create_production(acting_user=outsider, company=company, title="Intrus")
    assert not company.productions.exists()


def test_inviting_an_existing_user_adds_them_at_once(production, producer):
    colleague = factories.make_user("colleague", email="Colleague@Example.org")
    member = actions.invite_member(
        production, acting_user=producer, email="colleague@example.org", role="crew"
    )
    assert isinstance(member, ProductionMember)
    assert member.user == colleague
    with pytest.raises(ValidationError):
        actions.invite_member(production, acting_user=producer, email="colleague@example.org", role="guest")


def test_an_invitation_is_used_once_and_expires(production, producer):
    invitation = actions.invite_member(
        production, acting_user=producer, email="new@example.org", role="director"
    )
    assert isinstance(invitation, Invitation)
    raw = invitation.raw_token
    newcomer = factories.make_user("newcomer")
    found = actions.find_invitation(raw)
    assert found is not None
    member = actions.accept_invitation(found, user=newcomer)
    assert member.role == Role.DIRECTOR
    assert actions.find_invitation(raw) is None

    late = actions.invite_member(production, acting_user=producer, email="late@example.org", role="crew")
    Invitation.objects.filter(pk=late.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert actions.find_invitation(late.raw_token) is None


def test_the_last_producer_cannot_leave_or_be_demoted(production, producer):
    own = ProductionMember.objects.get(production=production, user=producer)
    with pytest.raises(ValidationError):
        actions.remove_member(own, acting_user=producer)
    with pytest.raises(ValidationError):
        actions.change_member_role(own, acting_user=producer, role="crew")
    second = factories.add_member(production, Role.PRODUCER)
    actions.change_member_role(own, acting_user=second, role="line_producer")
    own.refresh_from_db()
    assert own.role == Role.LINE_PRODUCER


def test_standard_key_dates_exist_once_and_others_many_times(production, producer):
    actions.set_key_date(production, acting_user=producer, kind="shoot_start", date=dt.date(2027, 3, 1))
    actions.set_key_date(production, acting_user=producer, kind="shoot_start", date=dt.date(2027, 3, 8))
    actions.set_key_date(
        production, acting_user=producer, kind="other", label="Lecture", date=dt.date(2027, 1, 5)
    )
    actions.set_key_date(
        production, acting_user=producer, kind="other", label="Repérages", date=dt.date(2027, 1, 9)
    )
    assert production.key_dates.filter(kind="shoot_start").get().date == dt.date(2027, 3, 8)
    assert production.key_dates.filter(kind="other").count() == 2


def test_episodes_belong_to_series_only(production, producer):
    with pytest.raises(ValidationError):
        actions.create_episode(production, acting_user=producer, number=1)


def test_the_team_lists_producers_first_then_down_the_roles(production, producer):
    for role in (Role.CREW, Role.FINANCIER, Role.DIRECTOR, Role.LINE_PRODUCER):
        factories.add_member(production, role)
    roles = list(production.members.in_team_order().values_list("role", flat=True))
    assert roles == [Role.PRODUCER, Role.LINE_PRODUCER, Role.DIRECTOR, Role.CREW, Role.FINANCIER]
