"""Fixtures shared by every test module."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from clapboard.accounts.models import ApiToken, User
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


class ApiClient(Client):
    """A test client for the REST API: a bearer token, English messages, JSON bodies by default."""

    def __init__(self, raw_key: str | None = None, **kwargs: Any) -> None:
        headers = {"Accept-Language": "en"}
        if raw_key:
            headers["Authorization"] = f"Bearer {raw_key}"
        super().__init__(headers=headers, **kwargs)

    def post(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().post(path, data, content_type=content_type, **extra)

    def patch(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().patch(path, data, content_type=content_type, **extra)

    def put(self, path: str, data: Any = None, content_type: str = "application/json", **extra: Any) -> Any:  # type: ignore[override]
        return super().put(path, data, content_type=content_type, **extra)


@pytest.fixture
def api_client_for(db: None):  # type: ignore[no-untyped-def]
    """``api_client_for(user)`` issues an API token for ``user`` and returns a client using it.

    ``api_client_for(None)`` gives a client without credentials. The token is on ``client.token``.
    """

    def make(user: User | None) -> ApiClient:
        if user is None:
            return ApiClient()
        token, raw_key = ApiToken.issue(user, "tests")
        client = ApiClient(raw_key)
        client.token = token  # type: ignore[attr-defined]
        return client

    return make
