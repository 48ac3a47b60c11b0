"""The N+1 detector is really on in tests."""

import pytest
from zeal import NPlusOneError

from clapboard.productions.models import ProductionMember
from clapboard.productions.roles import Role


def test_a_query_per_row_fails_the_test(production, member_factory):
    for role in (Role.CREW, Role.GUEST, Role.DIRECTOR):
        member_factory(role)
    with pytest.raises(NPlusOneError):
        [member.user.username for member in ProductionMember.objects.filter(production=production)]


def test_select_related_passes(production, member_factory):
    for role in (Role.CREW, Role.GUEST, Role.DIRECTOR):
        member_factory(role)
    names = [
        m.user.username for m in ProductionMember.objects.filter(production=production).select_related("user")
    ]
    assert len(names) == 4
