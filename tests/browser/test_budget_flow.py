"""A producer edits a budget line in the sheet, in a real browser: the totals follow, a
bad expression and a line someone else saved meanwhile are answered with the line and a
message in place (htmx swaps the refusal too), nothing is lost."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from clapboard.budgets import actions
from clapboard.budgets.models import Line

from .. import factories
from .conftest import shot
from .test_script_flow import log_in


def test_producer_edits_a_line_and_sees_refusals_in_place(live_server, page, transactional_db):
    producer = factories.make_user("camille", full_name="Camille Roux")
    production = factories.make_production(producer, title="Le Dernier Bac", kind="short")
    version = actions.create_budget(production, acting_user=producer, name="Devis", layout="cnc-long-metrage")
    log_in(page, live_server.url, "camille")
    page.goto(f"{live_server.url}/productions/{production.pk}/budget/{version.pk}/")
    line = Line.objects.get(budget_version=version, description="Scénario")
    row = page.locator(f"#line-{line.pk}")
    total = page.locator("#budget-kpis .kpi__value").first
    before = total.inner_text()

    row.locator("input[name=rate]").fill("6500")
    row.locator("input[name=rate]").press("Tab")
    expect(total).not_to_have_text(before)
    expect(page.locator(f"#account-{line.account_id}-lines")).to_contain_text(re.compile(r"6\D?500"))
    shot(page, "31-budget-edited")

    row.locator("input[name=quantity]").fill("SHOT_DAYS")
    row.locator("input[name=quantity]").press("Tab")
    expect(row.locator(".field__error")).to_contain_text("SHOT_DAYS")
    shot(page, "32-budget-bad-expression")

    line.refresh_from_db()
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="7100")
    row.locator("input[name=rate]").fill("9999")
    row.locator("input[name=rate]").press("Tab")
    expect(row.locator(".field__error")).to_contain_text(re.compile("meanwhile|entre-temps"))
    expect(row.locator("input[name=rate]")).to_have_value("7100")
    shot(page, "33-budget-conflict")
    line.refresh_from_db()
    assert line.rate == "7100"
