"""Importing a simple budget table (CSV or xlsx) with a column mapping step."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from clapboard.engines.budget import calculate_budget
from clapboard.engines.documents.budget import BudgetFileError
from clapboard.engines.documents.budget.table_import import (
    ColumnMapping,
    budget_from_table,
    read_table,
    suggest_mapping,
)

FRENCH_CSV = (
    "Devis Le Dernier Bac;;;;;\n"
    "Version du 3 mars;;;;;\n"
    ";;;;;\n"
    "Poste;Libellé;Qté;Unité;Taux;Montant\n"
    "21;Directeur de production;8;semaines;1 850,50;14 804,00\n"
    "21;Régisseur général;6;sem;1 400,00;8 400,00\n"
    "52;Location décor naturel;1;forfait;2 500,00;2 500,00\n"
    ";Sous-total;;;;25 704,00\n"
    "71;Caméra;;;;3 200,75\n"
)


def test_french_csv_with_semicolons_decimal_commas_and_a_title() -> None:
    table = read_table(FRENCH_CSV.encode("cp1252"), "devis.csv")
    assert table.decimal_comma
    assert table.heading_row == 4
    assert table.headings == ("Poste", "Libellé", "Qté", "Unité", "Taux", "Montant")
    mapping = suggest_mapping(table)
    assert mapping == ColumnMapping(account=0, description=1, quantity=2, unit=3, rate=4, amount=5)
    budget = budget_from_table(table, mapping, layout_id="cnc-long-metrage", currency="EUR")
    lines = {line.id: (account.number, line) for account, line in budget.lines()}
    assert set(lines) == {"21.01", "21.02", "52.01", "71.01"}
    account, first = lines["21.01"]
    assert (account, first.description, first.quantity.text, first.unit, first.rate.text) == (
        "21",
        "Directeur de production",
        "8",
        "weeks",
        "1850.5",
    )
    camera = lines["71.01"][1]
    assert (camera.quantity.text, camera.unit, camera.rate.text) == ("1", "flat", "3200.75")
    totals = calculate_budget(budget)
    assert sum((t.amount for t in totals.lines.values()), Decimal(0)) == Decimal("28904.75")


def test_english_csv_with_commas_and_thousands_separators() -> None:
    text = (
        "Account,Description,Qty,Unit,Rate,Amount\n"
        '1105,Producer fee,1,flat,"125,000.00","125,000.00"\n'
        "2601,Camera package,6,weeks,4500.5,27003\n"
    )
    table = read_table(text.encode(), "budget.csv")
    assert not table.decimal_comma
    budget = budget_from_table(table, suggest_mapping(table), layout_id="international", currency="USD",
                               exchange_rates={"EUR": Decimal("1.08")})  # fmt: skip
    placed = {line.description: account.number for account, line in budget.lines()}
    assert placed == {"Producer fee": "1100", "Camera package": "2600"}


def test_utf8_with_bom_and_tabs() -> None:
    text = "\ufeffCompte\tIntitulé\tMontant\n31\tRôle principal\t12000\n"
    table = read_table(text.encode("utf-8"), "export.txt")
    mapping = suggest_mapping(table)
    assert (mapping.account, mapping.description, mapping.amount) == (0, 1, 2)
    budget = budget_from_table(table, mapping, layout_id="cnc-long-metrage", currency="EUR")
    ((account, line),) = [(a.number, line) for a, line in budget.lines()]
    assert (account, line.description, line.rate.text) == ("31", "Rôle principal", "12000")


def test_every_bad_row_is_reported_with_its_cell_and_nothing_is_returned() -> None:
    text = (
        "Poste;Libellé;Qté;Unité;Taux;Montant\n"
        "21;Directeur de production;8;semaines;1 850,50;14 804,00\n"
        "999;Inconnu;1;forfait;100;100\n"
        "21;Régisseur;douze;semaines;1 400,00;\n"
        "22;Assistant;2;lunes;100;200\n"
        "23;Scripte;2;semaines;100;250\n"
        ";Sans poste;1;forfait;10;10\n"
    )
    with pytest.raises(BudgetFileError) as caught:
        budget_from_table(
            read_table(text.encode(), "devis.csv"),
            ColumnMapping(account=0, description=1, quantity=2, unit=3, rate=4, amount=5),
            layout_id="cnc-long-metrage",
            currency="EUR",
        )
    assert caught.value.messages() == [
        'devis.csv!A3: the layout cnc-long-metrage has no account "999"',
        'devis.csv!C4: "douze" is not a number',
        'devis.csv!D5: "lunes" is not a unit (days, weeks, hours, flat, allowance, %)',
        "devis.csv!F6: the quantity times the rate gives 200.00 but the amount is 250: map the multiplier "
        "column, or leave the amount column out",
        "devis.csv!A7: the line has no account number",
    ]


def test_a_mapping_without_account_or_figures_is_refused() -> None:
    table = read_table(FRENCH_CSV.encode(), "devis.csv")
    with pytest.raises(BudgetFileError) as caught:
        budget_from_table(table, ColumnMapping(description=1), layout_id="cnc-long-metrage", currency="EUR")
    assert caught.value.messages() == [
        "devis.csv: choose the column that holds the account numbers",
        "devis.csv: choose the column of the rates or the one of the amounts",
    ]


def _xlsx(rows: list[list[object]], merge: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Budget"
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_table_keeps_numbers_exact_and_names_cells() -> None:
    data = _xlsx(
        [
            ["Budget du film"],
            [],
            ["Account", "Description", "Amount"],
            ["2100", "Production staff", 10500.25],
            ["2200", "Art", "1 200,00"],
        ],
        merge="A1:C1",
    )
    table = read_table(data, "budget.xlsx")
    assert table.rows[0].cells[2] == replace(table.rows[0].cells[2], ref="C4", number=Decimal("10500.25"))
    budget = budget_from_table(table, suggest_mapping(table), layout_id="international", currency="USD",
                               exchange_rates={"EUR": Decimal("1.08")})  # fmt: skip
    rates = sorted(line.rate.text for _, line in budget.lines())
    assert rates == ["10500.25", "1200"]


def test_merged_cells_inside_an_xlsx_table_are_refused() -> None:
    data = _xlsx(
        [["Poste", "Libellé", "Montant"], ["21", "Régie", 100], ["22", "Caméra", 200]], merge="A2:B3"
    )
    with pytest.raises(BudgetFileError, match=r"^Budget!A2:B3: merged cells inside the table$"):
        read_table(data, "devis.xlsx")


def test_unknown_file_types() -> None:
    with pytest.raises(BudgetFileError, match=r"old Excel files \(.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0", "devis.xls")
    with pytest.raises(BudgetFileError, match="not a table file"):
        read_table(b"%PDF-1.4", "devis.pdf")
    with pytest.raises(BudgetFileError, match="not an Excel workbook"):
        read_table(b"Poste;Montant", "devis.xlsx")
