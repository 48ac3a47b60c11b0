"""The budget workbook: round trips, formulas re-added, edits made in the file, bad files."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from clapboard.engines.budget import Budget, BudgetError, calculate_budget, layout_ids, parse_expression
from clapboard.engines.documents.budget import BudgetFileError, read_budget_xlsx, write_budget_xlsx

from .budget_helpers import FormulaBook, filled

CENT = Decimal("0.01")


def workbook(budget: Budget, language: str = "en") -> bytes:
    return write_budget_xlsx(budget, calculate_budget(budget), language=language)  # type: ignore[arg-type]


def edited(data: bytes, edit: Any) -> bytes:
    book = load_workbook(io.BytesIO(data))
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def line_row(sheet: Any, line_id: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=3).value == line_id:
            return int(row)
    raise AssertionError(f"no row for {line_id}")


def find_line(budget: Budget, line_id: str) -> tuple[str, Any]:
    for account, line in budget.lines():
        if line.id == line_id:
            return account.number, line
    raise AssertionError(line_id)


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("layout_id", layout_ids())
def test_filled_layouts_read_back_equal(layout_id: str, language: str) -> None:
    budget = filled(layout_id)
    assert read_budget_xlsx(workbook(budget, language)) == budget


def test_series_round_trip_keeps_episodes_and_per_episode_lines() -> None:
    budget = filled("series", episodes=8)
    assert budget.episodes == 8
    assert any(line.per_episode for _, line in budget.lines())
    assert read_budget_xlsx(workbook(budget, "fr")) == budget


def test_texts_that_a_spreadsheet_would_misread_survive() -> None:
    budget = filled("international")
    account = budget.accounts[0]
    odd = replace(
        account.lines[0],
        description="=SUM(A1) « l'œuvre » 12",
        quantity=parse_expression("007"),
        rate=parse_expression("1250.50"),
        multiplier=parse_expression("1.0"),
        department="  espaces  ",
        notes="ligne 1\nligne 2",
    )
    budget = replace(
        budget, accounts=(replace(account, lines=(odd, *account.lines[1:])), *budget.accounts[1:])
    )
    assert read_budget_xlsx(workbook(budget)) == budget


def test_an_empty_budget_round_trips() -> None:
    budget = filled("cnc-long-metrage")
    empty = replace(budget, accounts=tuple(replace(a, lines=()) for a in budget.accounts), percentages=())
    assert read_budget_xlsx(workbook(empty)) == empty


# ----------------------------------------------------------------------------- formulas


def detail_rows(book: FormulaBook, sheet: str) -> dict[str, int]:
    rows = {}
    ws = book.book[sheet]
    for row in range(2, ws.max_row + 1):
        marker = ws.cell(row=row, column=1).value
        if marker:
            rows[marker] = row
    return rows


@pytest.mark.parametrize("layout_id", ["cnc-long-metrage", "international", "series"])
def test_every_formula_adds_up_to_the_engine_figures(layout_id: str) -> None:
    budget = filled(layout_id)
    totals = calculate_budget(budget)
    book = FormulaBook(workbook(budget))
    markers = detail_rows(book, "Detail")
    amount = "L" if budget.episodes is not None else "K"
    detail = book.book["Detail"]
    # Each line's amount (a formula where Excel can compute it) is the engine's.
    formulas = 0
    for row in range(2, detail.max_row + 1):
        line_id = detail.cell(row=row, column=3).value
        if line_id and not detail.cell(row=row, column=1).value:
            formulas += book.formula("Detail", f"{amount}{row}") is not None
            assert book.value("Detail", f"{amount}{row}") == totals.lines[line_id].amount, line_id
    assert formulas > 10
    # Each account total adds exactly the rows of its lines and its fringes.
    for account in budget.accounts:
        cell = f"{amount}{markers[f'total:{account.number}']}"
        assert book.value("Detail", cell) == totals.accounts[account.number].total
        referenced = {int(address[len(amount) :]) for _, address in book.cells_of("Detail", cell)}
        fringe_row = markers.get(f"fringes:{account.number}")
        line_rows = referenced - {fringe_row}
        expected = {line_row(detail, line.id) for line in account.lines}
        assert line_rows == expected
    # Chapter totals, the top sheet and every percentage line.
    top = book.book["Top sheet"]
    found: dict[str, Decimal] = {}
    for row in range(5, top.max_row + 1):
        label = top.cell(row=row, column=2).value
        number = top.cell(row=row, column=1).value
        value = book.value("Top sheet", f"E{row}")
        if number in totals.chapters and number not in totals.percentages:
            assert value == totals.chapters[number], number
        elif number in totals.percentages:
            assert book.value("Top sheet", f"C{row}") == totals.percentages[number].base, number
            assert value == totals.percentages[number].amount, number
        elif label:
            found[label] = value
    assert found["Above the line"] == totals.groups["above"]
    assert found["Below the line"] == totals.groups["below"]
    assert found["Subtotal"] == totals.subtotal
    assert found["Grand total"] == totals.grand_total
    assert found["of which fringes"] == sum(totals.fringes.values(), Decimal(0))


def test_the_detail_sheet_is_grouped_frozen_and_formatted() -> None:
    budget = filled("cnc-long-metrage")
    book = load_workbook(io.BytesIO(workbook(budget, "fr")))
    assert book.sheetnames[:6] == [
        "Récapitulatif",
        "Détail",
        "Postes",
        "Variables",
        "Charges sociales",
        "Paramètres",
    ]
    assert book["clapboard"].sheet_state == "hidden"
    detail = book["Détail"]
    assert detail.freeze_panes == "E2"
    assert detail.column_dimensions["A"].hidden
    row = line_row(detail, "11.01")
    assert detail.row_dimensions[row].outlineLevel == 2
    assert detail.cell(row=row, column=11).number_format == "#,##0.00"
    total_row = row + 1
    assert detail.cell(row=total_row, column=1).value == "total:11"
    assert detail.row_dimensions[total_row].outlineLevel == 1
    assert detail.cell(row=total_row, column=11).font.bold


# ----------------------------------------------------------------------------- edits in Excel


def test_edited_quantities_rates_and_descriptions_read_back() -> None:
    budget = filled("international")
    first, second = budget.accounts[0].lines[0], budget.accounts[1].lines[0]

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        sheet.cell(row=line_row(sheet, first.id), column=5, value=4)
        sheet.cell(row=line_row(sheet, first.id), column=8, value=99.5)
        sheet.cell(row=line_row(sheet, second.id), column=4, value="Droits révisés")
        sheet.cell(row=line_row(sheet, second.id), column=8, value="SHOOT_DAYS * 10")

    result = read_budget_xlsx(edited(workbook(budget), edit))
    _, line = find_line(result, first.id)
    assert (line.quantity.text, line.rate.text) == ("4", "99.5")
    _, line = find_line(result, second.id)
    assert (line.description, line.rate.text) == ("Droits révisés", "SHOOT_DAYS * 10")
    assert len(list(result.lines())) == len(list(budget.lines()))


def test_inserted_row_is_a_new_line_and_a_deleted_row_a_deleted_line() -> None:
    budget = filled("cnc-long-metrage")
    account = budget.accounts[1]
    gone = budget.accounts[2].lines[0]

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        row = line_row(sheet, account.lines[-1].id) + 1
        sheet.insert_rows(row)
        for column, value in ((4, "Script doctor"), (5, 2), (6, "weeks"), (8, 1500)):
            sheet.cell(row=row, column=column, value=value)
        sheet.delete_rows(line_row(sheet, gone.id))

    result = read_budget_xlsx(edited(workbook(budget), edit))
    new = result.accounts[1].lines[-1]
    assert new.id == f"{account.number}.{len(account.lines) + 1:02}" or new.id.startswith(
        f"{account.number}."
    )
    assert (new.description, new.quantity.text, new.unit, new.rate.text) == (
        "Script doctor",
        "2",
        "weeks",
        "1500",
    )
    assert gone.id not in {line.id for _, line in result.lines()}
    assert calculate_budget(result).lines[new.id].amount == Decimal("3000.00")


def test_a_number_typed_over_an_expression_replaces_it_and_a_new_formula_wins() -> None:
    budget = filled("international")
    with_expression = [line for _, line in budget.lines() if line.quantity.names][:2]
    first, second = with_expression

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        sheet.cell(row=line_row(sheet, first.id), column=5, value=12)
        sheet.cell(row=line_row(sheet, second.id), column=17, value="SHOOT_DAYS * 2")

    result = read_budget_xlsx(edited(workbook(budget), edit))
    assert find_line(result, first.id)[1].quantity.text == "12"
    assert find_line(result, second.id)[1].quantity.text == "SHOOT_DAYS * 2"


def test_a_line_moves_to_the_account_typed_in_its_account_cell() -> None:
    budget = filled("international")
    line = budget.accounts[0].lines[0]
    target = budget.accounts[5].number

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        sheet.cell(row=line_row(sheet, line.id), column=2, value=target)

    result = read_budget_xlsx(edited(workbook(budget), edit))
    assert find_line(result, line.id)[0] == target


def test_globals_and_settings_edits_count() -> None:
    budget = filled("cnc-long-metrage")

    def edit(book: Any) -> None:
        variables = book["Globals"]
        variables.cell(row=2, column=2, value=40)  # SHOOT_DAYS
        settings = book["Settings"]
        settings.cell(row=1, column=3, value="Titre révisé")

    result = read_budget_xlsx(edited(workbook(budget), edit))
    assert result.globals[0].expression.text == "40"
    assert result.title == "Titre révisé"


# ----------------------------------------------------------------------------- bad files


def test_a_word_in_a_number_cell_is_reported_with_its_cell() -> None:
    budget = filled("international")
    line = budget.accounts[0].lines[0]
    holder: dict[str, int] = {}

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        holder["row"] = line_row(sheet, line.id)
        sheet.cell(row=holder["row"], column=8, value="douze")

    with pytest.raises(BudgetFileError) as caught:
        read_budget_xlsx(edited(workbook(budget), edit))
    assert str(caught.value) == f'Detail!H{holder["row"]}: "douze" is not a number or an expression'
    assert isinstance(caught.value, BudgetError)


def test_every_problem_is_collected() -> None:
    budget = filled("international")
    lines = [line for _, line in budget.lines()]

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        sheet.cell(row=line_row(sheet, lines[0].id), column=5, value="SHOOT_DAY / 5")
        sheet.cell(row=line_row(sheet, lines[1].id), column=6, value="jourz")
        sheet.cell(row=line_row(sheet, lines[2].id), column=2, value="9999")
        sheet.cell(row=line_row(sheet, lines[4].id), column=3, value=lines[3].id)

    with pytest.raises(BudgetFileError) as caught:
        read_budget_xlsx(edited(workbook(budget), edit))
    reasons = [reason for _, reason in caught.value.problems]
    assert 'unknown global SHOOT_DAY in "SHOOT_DAY / 5"' in reasons
    assert any(reason.startswith('"jourz" is not a unit (days, weeks') for reason in reasons)
    assert 'no account "9999" in the Accounts sheet' in reasons
    assert any(
        reason.startswith(f'the line id "{lines[3].id}" is used twice (also on row ') for reason in reasons
    )
    assert str(caught.value).endswith("(and 3 more problems)")


def test_a_missing_column_is_named() -> None:
    def edit(book: Any) -> None:
        book["Detail"].cell(row=1, column=8, value="Prix")

    with pytest.raises(BudgetFileError, match=r'^Detail: the column "Rate" is missing$'):
        read_budget_xlsx(edited(workbook(filled("international")), edit))


def test_merged_cells_in_the_line_table_are_refused() -> None:
    def edit(book: Any) -> None:
        book["Detail"].merge_cells("A10:C10")

    with pytest.raises(BudgetFileError, match=r"^Detail!A10:C10: merged cells inside the line table$"):
        read_budget_xlsx(edited(workbook(filled("international")), edit))


def test_an_unknown_fringe_set_points_at_its_cell() -> None:
    budget = filled("international")
    line = budget.accounts[0].lines[0]
    holder: dict[str, int] = {}

    def edit(book: Any) -> None:
        sheet = book["Detail"]
        holder["row"] = line_row(sheet, line.id)
        sheet.cell(row=holder["row"], column=12, value="intermittent")

    with pytest.raises(BudgetFileError) as caught:
        read_budget_xlsx(edited(workbook(budget), edit))
    assert str(caught.value) == f"Detail!L{holder['row']}: no fringe set 'intermittent'"


def test_a_workbook_from_elsewhere_is_sent_to_the_table_import() -> None:
    book = load_workbook(io.BytesIO(workbook(filled("international"))))
    del book["clapboard"]
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(BudgetFileError, match="not written by Clapboard"):
        read_budget_xlsx(buffer.getvalue())


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(BudgetFileError, match="not an Excel workbook"):
        read_budget_xlsx(b"Poste;Montant\n11;100\n")
