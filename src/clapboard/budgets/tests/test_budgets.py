"""Budgets in the app: creating from a layout, the schedule or a copy; line edits with
recalculation, conflicts and locks; versions; salaries by role; the stored figures
against the database's own SUM; query counts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from clapboard.budgets import actions
from clapboard.budgets.calculation import calculate
from clapboard.budgets.models import Account, BudgetVersion, Line
from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.productions.roles import Role
from clapboard.schedules.tests.helpers import make_schedule

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
LAYOUT = "cnc-long-metrage"


def url(version: BudgetVersion, name: str = "version", **kwargs) -> str:
    return reverse(
        f"budgets:{name}",
        kwargs={"production_id": version.budget.production_id, "version_id": version.pk, **kwargs},
    )


@pytest.fixture
def version(production, producer) -> BudgetVersion:
    return actions.create_budget(production, acting_user=producer, name="Devis", layout=LAYOUT)


def line_named(version: BudgetVersion, description: str) -> Line:
    return Line.objects.get(budget_version=version, description=description)


def test_a_budget_from_a_template_is_calculated_and_stored(version):
    assert version.lines.count() > 50
    result = calculate(version)
    assert version.grand_total == result.totals.grand_total
    assert AuditEvent.objects.filter(action="budgets.budget.created").count() == 1


def test_the_database_sum_agrees_with_the_engine(version, producer):
    line = line_named(version, "Scénario")
    actions.update_line(
        line, acting_user=producer, expected_version=line.version, quantity="1", rate="6500.10"
    )
    version.refresh_from_db()
    result = calculate(version)
    database = Line.objects.filter(budget_version=version).aggregate(total=Sum("total"))["total"]
    engine = sum((figures.total for figures in result.totals.lines.values()), Decimal("0.00"))
    assert database == engine
    accounts = Account.objects.filter(budget_version=version).aggregate(total=Sum("total"))["total"]
    assert accounts == result.totals.subtotal
    reloaded = BudgetVersion.objects.get(pk=version.pk)
    assert reloaded.subtotal == result.totals.subtotal
    assert reloaded.grand_total == result.totals.grand_total


def test_a_line_edit_recalculates_only_what_moved(version, producer):
    line = line_named(version, "Scénario")
    before = BudgetVersion.objects.get(pk=version.pk).grand_total
    updated = actions.update_line(line, acting_user=producer, expected_version=line.version, rate="1000")
    assert updated.version == line.version + 1
    updated.refresh_from_db()
    # An author's fee carries the author contributions of its fringe set.
    assert updated.amount == Decimal("1000.00")
    assert updated.total > updated.amount
    after = BudgetVersion.objects.get(pk=version.pk).grand_total
    assert after > before
    event = AuditEvent.objects.get(action="budgets.line.updated")
    assert event.changes["rate"] == ["0", "1000"]


def test_expressions_of_globals_and_their_errors(version, producer):
    line = line_named(version, "Scénario")
    actions.update_line(
        line, acting_user=producer, expected_version=line.version, quantity="SHOOT_DAYS / 5", rate="100"
    )
    line.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="SHOT_DAYS"):
        actions.update_line(line, acting_user=producer, expected_version=line.version, quantity="SHOT_DAYS")
    line.refresh_from_db()
    assert line.quantity == "SHOOT_DAYS / 5"  # nothing kept from the refused edit


def test_a_stale_line_edit_is_refused_with_the_saved_line(version, producer):
    line = line_named(version, "Scénario")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="500")
    with pytest.raises(EditConflict) as clash:
        actions.update_line(line, acting_user=producer, expected_version=line.version, rate="700")
    assert clash.value.instance.rate == "500"


def test_add_and_delete_lines(version, producer):
    account = Account.objects.get(budget_version=version, number="12")
    line = actions.add_line(
        account, acting_user=producer, description="Traduction", quantity="2", unit="flat", rate="800"
    )
    line.refresh_from_db()
    assert line.total == Decimal("1600.00")
    assert line.key not in {
        other.key for other in Line.objects.exclude(pk=line.pk).filter(budget_version=version)
    }
    actions.delete_line(line, acting_user=producer, expected_version=line.version)
    assert not Line.objects.filter(pk=line.pk).exists()


def test_submit_approve_lock_and_revise(version, producer):
    submitted = actions.change_status(
        version, "submitted", acting_user=producer, expected_version=version.version
    )
    line = line_named(submitted, "Scénario")
    with translation.override("en"), pytest.raises(ValidationError, match="cannot change"):
        actions.update_line(line, acting_user=producer, expected_version=line.version, rate="1")
    approved = actions.change_status(
        submitted, "approved", acting_user=producer, expected_version=submitted.version
    )
    assert approved.approved_by == producer
    with pytest.raises(ValidationError):
        actions.change_status(approved, "estimate", acting_user=producer, expected_version=approved.version)
    revision = actions.revise(approved, acting_user=producer)
    assert (revision.number, revision.status, revision.based_on_id) == (2, "revised", approved.pk)
    assert revision.grand_total == approved.grand_total
    revised_line = line_named(revision, "Scénario")
    actions.update_line(
        revised_line, acting_user=producer, expected_version=revised_line.version, rate="2000"
    )
    assert line_named(approved, "Scénario").rate == "0"


def test_a_budget_from_the_schedule_links_shooting_and_cast_days(production, producer):
    schedule = make_schedule(
        production, producer, scenes=6, start_date=dt.date(2026, 5, 13), pages_per_day=Decimal("0.2")
    )
    version = actions.estimate_from_schedule(
        production, schedule, acting_user=producer, name="Devis", layout=LAYOUT
    )
    assert version.schedule == schedule
    cast = Line.objects.filter(budget_version=version, quantity_link__startswith="schedule:cast_days:")
    assert sorted(cast.values_list("description", flat=True)) == ["MARIE", "PAUL"]
    result = calculate(version)
    marie = next(line for line in cast if line.description == "MARIE")
    assert result.totals.lines[marie.key].quantity == Decimal(result.totals.globals["SHOOT_DAYS"])
    assert result.totals.lines[marie.key].quantity_source == "link"


def test_json_export_and_import_keep_the_budget(version, producer, production):
    line = line_named(version, "Scénario")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="6500")
    data = actions.export_json(BudgetVersion.objects.get(pk=version.pk))
    copy = actions.import_budget(production, json.loads(json.dumps(data)), acting_user=producer, name="Copie")
    assert copy.grand_total == BudgetVersion.objects.get(pk=version.pk).grand_total
    assert actions.export_json(copy) == data


def test_a_bad_budget_file_names_the_field_and_saves_nothing(production, producer, version):
    data = actions.export_json(version)
    data["accounts"][0]["lines"][0]["quantity"] = "douze"
    with pytest.raises(ValidationError, match=r"accounts\[0\]\.lines\[0\]\.quantity"):
        actions.import_budget(production, data, acting_user=producer, name="Cassé")
    assert BudgetVersion.objects.count() == 1


def test_the_sheet_page_and_an_inline_edit(client, version, producer):
    client.force_login(producer)
    page = client.get(url(version), headers=EN).content.decode()
    assert "Scénario" in page
    assert "data-toggle-chapter" in page
    assert 'style="' not in page
    line = line_named(version, "Scénario")
    response = client.post(
        url(version, "line_update", line_id=line.pk),
        {"version": line.version, "description": "Scénario", "quantity": "1", "unit": "flat", "rate": "6500"},
        headers={"HX-Request": "true", **EN},
    )
    assert response.status_code == 200
    answer = response.content.decode()
    assert f'id="line-{line.pk}"' in answer
    assert 'hx-swap-oob="true"' in answer
    assert "6,500.00" in answer
    stale = client.post(
        url(version, "line_update", line_id=line.pk),
        {"version": line.version, "description": "Scénario", "quantity": "1", "unit": "flat", "rate": "7000"},
        headers={"HX-Request": "true", **EN},
    )
    assert stale.status_code == 409
    assert 'value="6500"' in stale.content.decode()
    assert "Someone changed this line meanwhile" in stale.content.decode()


def test_salaries_are_hidden_from_roles_without_the_right(client, version, producer, member_factory):
    line = line_named(version, "Réalisateur")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="3333.33")
    crew = member_factory(Role.HEAD_OF_DEPARTMENT)
    client.force_login(crew)
    page = client.get(url(version), headers=EN).content.decode()
    assert "Réalisateur" in page
    assert "3333.33" not in page
    assert "Salary lines are shown without their figures" in page
    assert client.get(url(version, "export_json")).status_code == 403


def test_the_compare_page_shows_variance_by_account(client, version, producer):
    approved = actions.change_status(
        actions.change_status(version, "submitted", acting_user=producer, expected_version=version.version),
        "approved",
        acting_user=producer,
        expected_version=version.version + 1,
    )
    revision = actions.revise(approved, acting_user=producer)
    line = line_named(revision, "Scénario")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="1000")
    client.force_login(producer)
    page = client.get(url(revision, "version_compare") + f"?with={approved.pk}", headers=EN).content.decode()
    assert "2 accounts changed" in page  # the fee, and the social charges chapter 4 collects
    assert "variance--up" in page


def test_creating_and_importing_from_the_home_page(client, production, producer):
    client.force_login(producer)
    response = client.post(
        reverse("budgets:budget_create", args=[production.pk]),
        {"name": "Devis A", "start": "template", "layout": LAYOUT},
    )
    assert response.status_code == 302
    created = BudgetVersion.objects.get(budget__name="Devis A")
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("devis.json", b"{not json", content_type="application/json")
    response = client.post(reverse("budgets:budget_import", args=[production.pk]), {"file": bad}, headers=EN)
    assert response.status_code == 400
    assert "devis.json is not a JSON budget file" in response.content.decode()
    good = SimpleUploadedFile(
        "devis.json", json.dumps(actions.export_json(created)).encode(), content_type="application/json"
    )
    response = client.post(
        reverse("budgets:budget_import", args=[production.pk]), {"file": good, "name": "Devis B"}
    )
    assert response.status_code == 302


def _queries(client, version: BudgetVersion) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url(version)).status_code == 200
    return len(context.captured_queries)


def test_the_sheet_reads_the_same_number_of_queries_whatever_its_size(client, version, producer):
    client.force_login(producer)
    _queries(client, version)
    small = _queries(client, version)
    account = Account.objects.get(budget_version=version, number="12")
    for index in range(30):
        Line.objects.create(
            budget_version=version,
            account=account,
            position=100 + index,
            key=f"extra{index}",
            quantity="1",
            rate="10",
        )
    assert _queries(client, version) == small


def test_the_top_sheet_draws_chapters_groups_and_territory(client, version, producer, member_factory):
    line = line_named(version, "Scénario")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="6500")
    client.force_login(producer)
    page = client.get(url(version, "version_top_sheet"), headers=EN).content.decode()
    assert "By chapter" in page
    assert "1 Droits artistiques" in page
    assert 'class="bar__fill' in page
    assert "Social charges by contribution" in page
    assert 'style="' not in page
    client.force_login(member_factory(Role.HEAD_OF_DEPARTMENT))
    hidden = client.get(url(version, "version_top_sheet"), headers=EN).content.decode()
    assert "Social charges by contribution" not in hidden


def test_a_budget_from_the_script_alone_estimates_days_from_pages(client, production, producer):
    from tests import factories

    from clapboard.schedules.tests.helpers import screenplay

    script = factories.make_script(production, producer, text=screenplay(12))
    client.force_login(producer)
    response = client.post(
        reverse("budgets:budget_create", args=[production.pk]),
        {
            "name": "Estimation",
            "start": "script",
            "layout": LAYOUT,
            "script_version": script.current_version_id,
        },
    )
    assert response.status_code == 302
    version = BudgetVersion.objects.get(budget__name="Estimation")
    result = calculate(version)
    shoot_days = result.totals.globals["SHOOT_DAYS"]
    assert shoot_days >= 1
    cast = {
        line.description: line
        for line in Line.objects.filter(
            budget_version=version, quantity_link__startswith="schedule:cast_days:"
        )
    }
    assert set(cast) == {"MARIE", "PAUL"}
    # Both play every scene: their days are the shooting days.
    assert Decimal(cast["MARIE"].quantity) == shoot_days
