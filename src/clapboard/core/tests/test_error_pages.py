"""Error pages are the product's own pages: styled, translated, and saying what happened."""

from __future__ import annotations

import pytest
from django.test import Client

from clapboard.productions.roles import CAPABILITY_LABELS, Capability, Role


@pytest.fixture
def strict_client() -> Client:
    return Client(raise_request_exception=False)


def test_a_missing_page_is_styled_and_offers_a_way_back(client, producer):
    client.force_login(producer)
    response = client.get("/productions/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "clapboard/app.css" in page
    assert 'href="/"' in page


def test_a_refusal_says_which_capability_is_missing(client, production, member_factory):
    guest = member_factory(Role.GUEST)
    client.force_login(guest)
    response = client.get(f"/productions/{production.pk}/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "clapboard/app.css" in page
    assert str(CAPABILITY_LABELS[Capability.EDIT]) in page  # the reason names what is missing


def test_a_bad_request_is_styled(client, settings, producer):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client.force_login(producer)
    response = client.post("/companies/new/", {"name": "x" * 500})
    assert response.status_code == 400
    assert "clapboard/app.css" in response.content.decode()


def test_a_server_error_page_stands_alone(strict_client, settings):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "clapboard/app.css" in page
    assert "500" in page
