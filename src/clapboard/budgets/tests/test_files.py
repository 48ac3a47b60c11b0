"""Budget files through the app: the workbook and the PDF of a version, importing a
workbook back, and a table from another tool through the column mapping step."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from clapboard.budgets import actions
from clapboard.budgets.calculation import engine_budget
from clapboard.budgets.models import BudgetVersion, Line
from clapboard.productions.roles import Role

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def version(production, producer) -> BudgetVersion:
    version = actions.create_budget(production, acting_user=producer, name="Devis", layout="cnc-long-metrage")
    line = Line.objects.get(budget_version=version, description="Scénario")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="6500")
    line = Line.objects.get(budget_version=version, description="Réalisateur")
    actions.update_line(line, acting_user=producer, expected_version=line.version, rate="3333.33")
    return BudgetVersion.objects.get(pk=version.pk)


def url(version: BudgetVersion, name: str) -> str:
    return reverse(
        f"budgets:{name}", kwargs={"production_id": version.budget.production_id, "version_id": version.pk}
    )


def pdf_text(content: bytes) -> str:
    document = pdfium.PdfDocument(content)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


def test_the_workbook_round_trips_through_the_import(client, version, producer):
    client.force_login(producer)
    response = client.get(url(version, "export_xlsx"), headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 5
    upload = SimpleUploadedFile("devis.xlsx", response.content, content_type=XLSX)
    imported = client.post(
        reverse("budgets:budget_import", args=[version.budget.production_id]),
        {"file": upload, "name": "Retour"},
    )
    assert imported.status_code == 302
    copy = BudgetVersion.objects.get(budget__name="Retour")
    assert copy.grand_total == version.grand_total
    # Equal as budgets: every line, global, fringe and percentage (a rate such as 15.50
    # may come back written 15.5).
    assert engine_budget(copy) == engine_budget(version)


def test_the_pdf_hides_salaries_from_roles_without_the_right(client, version, producer, member_factory):
    client.force_login(producer)
    full = pdf_text(client.get(url(version, "export_pdf") + "?detail=1", headers=EN).content)
    assert "Réalisateur" in full
    assert "3 333.33" in full or "3,333.33" in full or "3 333,33" in full
    client.force_login(member_factory(Role.HEAD_OF_DEPARTMENT))
    hidden = pdf_text(client.get(url(version, "export_pdf") + "?detail=1", headers=EN).content)
    assert "Réalisateur" in hidden
    assert "3,333.33" not in hidden
    assert "3 333,33" not in hidden
    assert client.get(url(version, "export_xlsx")).status_code == 403


def test_a_table_from_another_tool_goes_through_the_mapping(client, production, producer):
    client.force_login(producer)
    csv = "Poste;Libellé;Quantité;Taux\n12;Scénario;1;8000\n22;Réalisateur;6;2500,50\n".encode()
    response = client.post(
        reverse("budgets:budget_import", args=[production.pk]),
        {"file": SimpleUploadedFile("devis.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 302
    mapping_url = response["Location"]
    page = client.get(mapping_url, headers=EN).content.decode()
    assert "Which column holds what?" in page
    assert "Réalisateur" in page  # the preview
    data = {
        "name": "Devis importé",
        "layout": "cnc-long-metrage",
        "currency": "EUR",
        "column_account": "0",
        "column_description": "1",
        "column_quantity": "2",
        "column_rate": "3",
    }
    response = client.post(mapping_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    version = BudgetVersion.objects.get(budget__name="Devis importé")
    lines = {line.description: line for line in Line.objects.filter(budget_version=version)}
    assert lines["Réalisateur"].total >= lines["Réalisateur"].amount
    assert str(lines["Réalisateur"].amount) == "15003.00"
    assert client.get(mapping_url).status_code == 302  # the kept table is gone: back to the form


def test_a_bad_table_names_its_cells_and_saves_nothing(client, production, producer):
    client.force_login(producer)
    csv = "Poste;Libellé;Quantité;Taux\n12;Scénario;un;8000\n999;Inconnu;1;10\n".encode()
    response = client.post(
        reverse("budgets:budget_import", args=[production.pk]),
        {"file": SimpleUploadedFile("devis.csv", csv, content_type="text/csv")},
    )
    mapping_url = response["Location"]
    data = {
        "name": "Cassé",
        "layout": "cnc-long-metrage",
        "currency": "EUR",
        "column_account": "0",
        "column_description": "1",
        "column_quantity": "2",
        "column_rate": "3",
    }
    response = client.post(mapping_url, data, headers=EN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "devis.csv!C2" in page
    assert "999" in page
    assert not BudgetVersion.objects.exists()


def test_an_unknown_kind_of_file_is_refused_by_name(client, production, producer):
    client.force_login(producer)
    response = client.post(
        reverse("budgets:budget_import", args=[production.pk]),
        {"file": SimpleUploadedFile("devis.docx", b"PK...", content_type="application/octet-stream")},
        headers=EN,
    )
    assert response.status_code == 400
    assert "devis.docx: import a JSON budget, an Excel workbook or a CSV table." in response.content.decode()
