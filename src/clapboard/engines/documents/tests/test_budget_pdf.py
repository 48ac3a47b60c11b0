"""The budget PDF read back with PDFium: top sheet, detail, hidden salaries, languages."""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from clapboard.engines.budget import Budget, calculate_budget
from clapboard.engines.documents.budget import render_budget_pdf
from clapboard.engines.documents.budget.pdf import format_money

from .budget_helpers import filled


def pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def text_of(data: bytes) -> str:
    return "\n".join(pages(data))


def test_top_sheet_in_french() -> None:
    budget = filled("cnc-long-metrage")
    totals = calculate_budget(budget)
    data = render_budget_pdf(budget, totals, detail=False, language="fr")
    assert data.startswith(b"%PDF")
    text = text_of(data)
    assert "DEVIS — RÉCAPITULATIF" in text
    assert "Le Dernier Bac — « essai »" in text
    assert "Décors, costumes, maquillage, coiffure" in text
    assert "Total général" in text
    assert format_money(totals.grand_total, "fr").replace("\u00a0", " ") in text.replace("\u00a0", " ")
    assert "Frais généraux" in text
    assert "Imprévus" in text
    assert "dont charges sociales" in text
    assert "Part étrangère" in text
    assert "11.01" not in text  # no detail lines on the top sheet


def test_detail_lists_every_line_and_account_total() -> None:
    budget = filled("international")
    totals = calculate_budget(budget)
    data = render_budget_pdf(budget, totals, detail=True, language="en")
    text = text_of(data)
    assert len(pages(data)) > 2
    for _, line in budget.lines():
        assert line.id in text, line.id
    for account in budget.accounts:
        assert f"Total {account.number} {account.title}" in text
    assert "Page 1 of" in text
    assert "(cont'd)" in text
    assert format_money(totals.grand_total, "en") in text


def _salary_and_other(budget: Budget) -> tuple[str, str]:
    salary = next(line for _, line in budget.lines() if line.fringe_sets and line.rate.text != "0")
    other = next(line for _, line in budget.lines() if not line.fringe_sets and line.person is None)
    return salary.id, other.id


def test_hidden_salaries_print_no_rate_or_amount() -> None:
    budget = filled("international")
    totals = calculate_budget(budget)
    salary, other = _salary_and_other(budget)
    shown = text_of(render_budget_pdf(budget, totals, detail=True, language="en"))
    hidden = text_of(render_budget_pdf(budget, totals, detail=True, language="en", hide_salaries=True))
    salary_amount = format_money(totals.lines[salary].amount, "en")
    other_amount = format_money(totals.lines[other].amount, "en")

    def line_text(text: str, line_id: str) -> str:
        return next(row for row in text.splitlines() if row.startswith(line_id + " ") or row == line_id)

    assert salary_amount in line_text(shown, salary)
    assert salary_amount not in line_text(hidden, salary)
    assert other_amount in line_text(hidden, other)
    assert "Salaries hidden" in hidden
    for account in budget.accounts:
        assert format_money(totals.accounts[account.number].total, "en") in hidden


def test_series_top_sheet_shows_episodes() -> None:
    budget = filled("series", episodes=6)
    totals = calculate_budget(budget)
    assert totals.series is not None
    text = text_of(render_budget_pdf(budget, totals, detail=False, language="en"))
    assert "Per episode (6 episodes)" in text
    assert format_money(totals.series.per_episode, "en") in text


def test_money_is_written_the_local_way() -> None:
    from decimal import Decimal

    assert format_money(Decimal("1234567.805"), "fr") == "1\u00a0234\u00a0567,81"
    assert format_money(Decimal("-3"), "en") == "-3.00"
