"""Assertions shared by the API tests: the one error shape, and "nothing changed"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import models

from clapboard.core.models import AuditEvent


def assert_error(response: Any, status: int, *fields: str | None) -> dict[str, Any]:
    """The response is a JSON error with ``status``; ``fields`` must each be named in ``errors``."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["errors"], list)
    for error in body["errors"]:
        assert set(error) == {"field", "message"}
        assert error["field"] is None or isinstance(error["field"], str)
        assert error["message"]
    named = {error["field"] for error in body["errors"]}
    for field in fields:
        assert field in named, f"{field!r} not among the errors {body['errors']}"
    return body  # type: ignore[no-any-return]


def snapshot(*instances: models.Model) -> list[dict[str, Any]]:
    return [type(instance).objects.filter(pk=instance.pk).values().first() for instance in instances]


@contextmanager
def nothing_changes(*instances: models.Model) -> Iterator[None]:
    """The rows of ``instances`` and the audit trail are the same after the block."""
    before = snapshot(*instances)
    events = AuditEvent.objects.count()
    yield
    assert snapshot(*instances) == before
    assert AuditEvent.objects.count() == events


@pytest.fixture(autouse=True)
def _no_n_plus_one() -> Iterator[None]:
    """Import into an API test module: a query per row of a list, within one request, fails the test.

    The detector is switched on for each request rather than for the whole test, so that
    several requests reading the same session or token are not mistaken for an N+1.
    """
    from zeal.listeners import setup, teardown

    tokens: list[Any] = []

    def start(**kwargs: Any) -> None:
        tokens.append(setup())

    def finish(**kwargs: Any) -> None:
        if tokens:
            teardown(tokens.pop())

    request_started.connect(start, dispatch_uid="api-checks-zeal-start")
    request_finished.connect(finish, dispatch_uid="api-checks-zeal-finish")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="api-checks-zeal-start")
        request_finished.disconnect(dispatch_uid="api-checks-zeal-finish")
