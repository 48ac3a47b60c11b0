"""The plan's printed documents from the pages: the plan PDF and workbook, the investor
summary with the budget's chapters, the schedule's dates and cast, and who may print."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]
from tests import factories

from clapboard.budgets import actions as budget_actions
from clapboard.budgets.models import BudgetVersion, Line
from clapboard.financing import actions
from clapboard.financing.calculation import check
from clapboard.financing.documents import investor_summary, plan_document
from clapboard.financing.models import FinancingPlan
from clapboard.productions.models import KeyDate
from clapboard.productions.roles import Role
from clapboard.schedules.actions import create_schedule

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


@pytest.fixture
def version(production, producer) -> BudgetVersion:
    version = budget_actions.create_budget(
        production, acting_user=producer, name="Devis", layout="cnc-long-metrage"
    )
    line = Line.objects.get(budget_version=version, description="Scénario")
    budget_actions.update_line(
        line, acting_user=producer, expected_version=line.version, quantity="1", rate="100000"
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def plan(production, producer, version) -> FinancingPlan:
    plan = actions.create_plan(
        production,
        acting_user=producer,
        name="Plan A",
        budget_version=version,
        language="en",
        start=dt.date(2026, 1, 5),
    )
    for fields in (
        {"type": "producer_equity", "partner": "Les Films", "amount": Decimal("20000"), "status": "received"},
        {
            "type": "regional_fund",
            "partner": "Région Bretagne",
            "amount": Decimal("30000"),
            "status": "committed",
        },
        {"type": "tv_presale", "partner": "France 3", "amount": Decimal("10000"), "status": "approached"},
        {
            "type": "coproduction",
            "partner": "Rai Cinema",
            "amount": Decimal("5000"),
            "status": "committed",
            "country": "IT",
            "rights_share": Decimal("10"),
        },
    ):
        actions.add_source(plan, acting_user=producer, **fields)
    return plan


def url(plan: FinancingPlan, name: str) -> str:
    return reverse(f"financing:{name}", kwargs={"production_id": plan.production_id, "plan_id": plan.pk})


def text_of(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        pages = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    return "\n".join(pages).replace("\u00a0", " ").replace("\r", "")


def test_the_plan_document_groups_the_sources_and_carries_the_coverage(plan, version):
    document = plan_document(check(plan))
    assert document.production == plan.production.title
    assert document.budget == version.grand_total
    assert [group.key for group in document.french] == ["producer", "regional", "tv"]
    assert [(group.key, group.total) for group in document.foreign] == [("IT", Decimal("5000.00"))]
    assert document.secured == Decimal("55000.00")
    assert document.total == Decimal("65000.00")
    assert document.gap == max(Decimal(0), version.grand_total - Decimal("65000.00"))
    assert document.public == Decimal("30000.00")


def test_the_plan_pdf_and_workbook(client, producer, plan):
    client.force_login(producer)
    response = client.get(url(plan, "plan_pdf"), headers=FR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    for expected in (
        "Plan de financement",
        "Aides régionales",
        "Région Bretagne",
        "Coproduction — IT",
        "Reste à financer",
    ):
        assert expected in text
    english = text_of(client.get(url(plan, "plan_pdf"), headers=EN).content)
    assert "Regional aids" in english
    response = client.get(url(plan, "plan_xlsx"), headers=EN)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "France 3" in values
    assert any(isinstance(value, str) and value.startswith("=SUMIF(") for value in values)


def test_saying_no_to_a_source_leaves_it_out_of_the_pdf(client, producer, plan):
    client.force_login(producer)
    region = plan.sources.get(partner="Région Bretagne")
    text = text_of(client.get(url(plan, "plan_pdf") + f"?without={region.engine_id}", headers=EN).content)
    assert "without Région Bretagne" in text
    assert "Regional aids" not in text


def test_the_investor_summary_reads_the_budget_schedule_and_key_dates(
    client, production, producer, plan, version
):
    factories.make_script(production, producer)
    schedule = create_schedule(
        production, acting_user=producer, name="Main unit", start_date=dt.date(2026, 5, 11)
    )
    BudgetVersion.objects.filter(pk=version.pk).update(schedule=schedule)
    KeyDate.objects.create(production=production, kind=KeyDate.Kind.DELIVERY, date=dt.date(2026, 12, 1))
    plan.refresh_from_db()
    summary = investor_summary(check(plan))
    assert summary.grand_total == summary.plan.budget  # calculated afresh, with the schedule linked
    assert summary.chapters[0].number == "1"
    assert summary.key_dates[0].day == dt.date(2026, 5, 11)
    assert [item.day for item in summary.key_dates][-1] == dt.date(2026, 12, 1)
    assert 0 < len(summary.cast) <= 5
    client.force_login(producer)
    response = client.get(url(plan, "investor_pdf"), headers=EN)
    assert response.status_code == 200
    text = text_of(response.content)
    for expected in (
        "Investor summary",
        "Budget by chapter",
        "Grand total",
        "Gap",
        "Key dates",
        "11 May 2026",
        "Key cast",
    ):
        assert expected in text
    assert summary.cast[0] in text


def test_a_viewer_may_print_and_a_stranger_may_not(client, plan, member_factory):
    viewer = member_factory(Role.FINANCIER)
    client.force_login(viewer)
    for name in ("plan_pdf", "plan_xlsx", "investor_pdf"):
        assert client.get(url(plan, name), headers=EN).status_code == 200
    client.force_login(factories.make_user("stranger"))
    for name in ("plan_pdf", "plan_xlsx", "investor_pdf"):
        assert client.get(url(plan, name), headers=EN).status_code == 404


def test_the_plan_page_links_to_the_documents(client, producer, plan):
    client.force_login(producer)
    page = client.get(
        reverse("financing:plan", kwargs={"production_id": plan.production_id, "plan_id": plan.pk})
    )
    for name in ("plan_pdf", "plan_xlsx", "investor_pdf"):
        assert url(plan, name) in page.content.decode()


def test_a_plan_that_no_longer_checks_is_refused_with_its_reason_by_every_document(client, producer, plan):
    """A source saved before its currency lost its rate (written here without the action's
    check): the documents answer 400 with the engine's reason instead of a broken file."""
    from clapboard.financing.models import Source

    Source.objects.create(plan=plan, position=99, type="other", partner="Swiss", amount=1, currency="CHF")
    client.force_login(producer)
    for name in ("plan_pdf", "plan_xlsx", "investor_pdf"):
        response = client.get(url(plan, name), headers=EN)
        assert response.status_code == 400, name
        assert "The plan cannot be printed" in response.content.decode()
        assert "CHF" in response.content.decode()
