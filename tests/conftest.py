"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest

from clapboard.accounts.models import User
from clapboard.productions.models import Production
from clapboard.productions.roles import Role

from . import factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def producer(db: None) -> User:
    return factories.make_user("producer", full_name="Camille Producer")


@pytest.fixture
def production(producer: User) -> Production:
    return factories.make_production(producer, title="La Dernière Bobine", kind="short")


@pytest.fixture
def outsider(db: None) -> User:
    return factories.make_user("outsider")


@pytest.fixture
def member_factory(production: Production):  # type: ignore[no-untyped-def]
    def make(role: Role | str) -> User:
        return factories.add_member(production, role)

    return make


@pytest.fixture(autouse=True)
def _fail_on_n_plus_one():  # type: ignore[no-untyped-def]
    """Every test runs under the N+1 detector: a query per row of a list raises NPlusOneError."""
    from zeal import zeal_context

    with zeal_context():
        yield
