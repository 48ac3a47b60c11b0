"""A producer's first minutes, in Debian's chromium driven by Playwright.

Log in, create a production, move it to the next phase and find that change in the
activity feed. Screenshots of each step are kept under test-artifacts/browser/.
"""

from __future__ import annotations

import re

from .. import factories
from .conftest import shot


def test_producer_creates_a_production_and_changes_its_phase(live_server, page, transactional_db):
    producer = factories.make_user("camille", full_name="Camille Martin")
    factories.make_company(producer, name="Les Films du Quai")

    page.goto(f"{live_server.url}/")
    page.get_by_label(re.compile("username|identifiant", re.I)).fill("camille")
    page.get_by_label(re.compile("password|mot de passe", re.I)).fill(factories.PASSWORD)
    shot(page, "01-login")
    page.get_by_role("button", name=re.compile("log in|connexion|se connecter", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))
    shot(page, "02-home")

    page.get_by_role("link", name=re.compile("new production|nouvelle production", re.I)).first.click()
    page.get_by_label(re.compile("^(title|titre)", re.I)).first.fill("Le Phare")
    page.get_by_label(re.compile("kind|type", re.I)).first.select_option("short")
    shot(page, "03-new-production")
    page.get_by_role("button", name=re.compile("create|créer", re.I)).click()
    page.wait_for_url(re.compile(r"/productions/\d+/$"))
    page.get_by_role("heading", name="Le Phare").first.wait_for()
    shot(page, "04-dashboard")

    page.get_by_role("link", name=re.compile("change phase|changer de phase", re.I)).first.click()
    page.get_by_label(re.compile("financing|financement", re.I)).check()
    page.get_by_role("button", name=re.compile("change phase|changer de phase", re.I)).click()
    page.wait_for_url(re.compile(r"/productions/\d+/"))
    shot(page, "05-after-phase-change")

    page.get_by_role("link", name=re.compile("^(activity|activité)", re.I)).first.click()
    feed = page.get_by_role("main")
    feed.get_by_text(re.compile("financing|financement", re.I)).first.wait_for()
    assert re.search(r"development|développement", feed.inner_text(), re.I)
    shot(page, "06-activity")
