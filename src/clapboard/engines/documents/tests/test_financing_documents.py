"""The financing documents read back: the plan PDF and workbook, the investor summary."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from clapboard.engines.documents.financing import (
    BudgetChapter,
    FinancingPlanDocument,
    InvestorSummary,
    KeyDate,
    PlanSource,
    RuleLine,
    TaxCreditLine,
    group_sources,
    render_financing_plan_pdf,
    render_financing_plan_xlsx,
    render_investor_summary_pdf,
)

BUDGET = Decimal("2000000.00")
ZERO = Decimal(0)


def source(partner: str, kind: str, amount: str, status: str = "committed", **extra: object) -> PlanSource:
    value = Decimal(amount)
    secured = status in ("committed", "contracted", "received")
    return PlanSource(
        partner=partner,
        type=kind,
        amount=value,
        share=(value * 100 / BUDGET).quantize(Decimal("0.01")),
        status=status,
        secured=secured,
        public=bool(extra.get("public", False)),
        country=str(extra.get("country", "")),
    )


SOURCES = (
    source("Les Films du Bac", "producer_equity", "300000.00"),
    source("CNC — avance sur recettes", "avance_sur_recettes", "450000.00", "applied", public=True),
    source("Région Bretagne", "regional_fund", "200000.00", "contracted", public=True),
    source("Canal+", "tv_presale", "600000.00", "approached"),
    source("Cofinova 19", "sofica", "150000.00"),
    source("Crédit d'impôt cinéma", "tax_credit", "180000.00", "idea", public=True),
    source("Pyramide", "distributor_mg", "50000.00", "received"),
    source("Rai Cinema", "coproduction", "40000.00", "committed", country="IT"),
)


def plan_document() -> FinancingPlanDocument:
    groups = group_sources(SOURCES, country="FR")
    total = sum((item.amount for item in SOURCES), Decimal(0))
    secured = sum((item.amount for item in SOURCES if item.secured), Decimal(0))
    public = sum((item.amount for item in SOURCES if item.public), Decimal(0))
    return FinancingPlanDocument(
        title="Plan A",
        production="Le Dernier Bac",
        currency="EUR",
        budget=BUDGET,
        groups=groups,
        secured=secured,
        total=total,
        gap=max(BUDGET - total, Decimal(0)),
        public=public,
        public_share=(public * 100 / BUDGET).quantize(Decimal("0.01")),
        tax_credits=(
            TaxCreditLine(
                "Crédit d'impôt cinéma", True, Decimal("600000.00"), Decimal("30"), Decimal("180000.00")
            ),
            TaxCreditLine(
                "Crédit d'impôt audiovisuel", False, ZERO, ZERO, ZERO, reason="une œuvre de cinéma"
            ),
        ),
        rules=(
            RuleLine("Aides publiques : 50 % au plus", "ok", "41,50 % du budget"),
            RuleLine("Eurimages", "not_applicable", "aucune source Eurimages"),
        ),
        details="Budget v2",
    )


def pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def text_of(data: bytes) -> str:
    return "\n".join(pages(data)).replace("\u00a0", " ").replace("\r", "")


def test_sources_are_grouped_as_the_cnc_presents_them() -> None:
    groups = group_sources(SOURCES, country="FR")
    assert [(group.key, group.foreign) for group in groups] == [
        ("producer", False),
        ("cnc", False),
        ("regional", False),
        ("tv", False),
        ("sofica", False),
        ("tax_credit", False),
        ("other", False),
        ("IT", True),
    ]
    assert groups[-1].total == Decimal("40000.00")


def test_plan_pdf_in_french() -> None:
    data = render_financing_plan_pdf(plan_document(), language="fr")
    assert data.startswith(b"%PDF")
    text = text_of(data)
    for expected in (
        "PLAN DE FINANCEMENT",
        "Financement français",
        "Apport producteur",
        "Aides du CNC",
        "Aides régionales",
        "Préachats TV",
        "SOFICA",
        "Financement étranger",
        "Coproduction — IT",
        "Rai Cinema",
        "Total financement français",
        "1 930 000,00",
        "1 970 000,00",
        "Reste à financer",
        "30 000,00",
        "Crédit d'impôt cinéma",
        "600 000,00",
        "30,00 %",
        "Engagé par écrit",
        "Aides publiques : 50 % au plus",
        "respectée",
        "sans objet",
        "non éligible",
        "une œuvre de cinéma",
    ):
        assert expected.lower() in text.lower(), expected
    assert len(pages(data)) == 1


def test_plan_pdf_in_english_and_unknown_language() -> None:
    text = text_of(render_financing_plan_pdf(plan_document(), language="en"))
    assert "French financing" in text
    assert "1,970,000.00" in text
    assert "Gap" in text
    assert "1.50%" in text  # the gap's share of the budget
    with pytest.raises(ValueError, match="unknown language"):
        render_financing_plan_pdf(plan_document(), language="de")  # type: ignore[arg-type]


def _evaluate(sheet: object, formula: object) -> Decimal:
    """A small evaluator for the workbook's own formulas: SUM, SUMIF, MAX, + and -."""
    if not isinstance(formula, str) or not formula.startswith("="):
        return Decimal(str(formula))
    expression = formula[1:]

    def value(ref: str) -> Decimal:
        return _evaluate(sheet, sheet[ref.replace("$", "")].value)  # type: ignore[index]

    def cells(first: str, last: str) -> list[str]:
        column = first[0]
        return [f"{column}{row}" for row in range(int(first[1:]), int(last[1:]) + 1)]

    if match := re.fullmatch(r"SUM\((\w+):(\w+)\)", expression):
        return sum((value(ref) for ref in cells(*match.groups())), Decimal(0))
    if match := re.fullmatch(r'SUMIF\((\w+):(\w+),"([^"]*)",(\w+):(\w+)\)', expression):
        first, last, wanted, amount_first, amount_last = match.groups()
        keys = cells(first, last)
        amounts = cells(amount_first, amount_last)
        return sum(
            (value(amount) for key, amount in zip(keys, amounts, strict=True) if sheet[key].value == wanted),  # type: ignore[index]
            Decimal(0),
        )
    if match := re.fullmatch(r"MAX\(0,(\$?\w+\$?\w+)-(\w+)\)", expression):
        return max(Decimal(0), value(match.group(1)) - value(match.group(2)))
    return sum((value(ref) for ref in expression.split("+")), Decimal(0))


def test_plan_workbook_totals_are_formulas() -> None:
    data = render_financing_plan_xlsx(plan_document(), language="fr")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Le Dernier Bac"
    assert sheet["D5"].value == pytest.approx(2000000)
    labels = {sheet.cell(row=row, column=1).value: row for row in range(1, sheet.max_row + 1)}
    total_row = labels["Total du financement"]
    total = sheet.cell(row=total_row, column=4).value
    assert isinstance(total, str)
    assert total.startswith("=")
    assert _evaluate(sheet, total) == Decimal("1970000.00")
    assert _evaluate(sheet, sheet.cell(row=labels["Total financement français"], column=4).value) == Decimal(
        "1930000.00"
    )
    assert _evaluate(sheet, sheet.cell(row=labels["Financement acquis"], column=4).value) == Decimal(
        "740000.00"
    )
    assert _evaluate(sheet, sheet.cell(row=labels["Reste à financer"], column=4).value) == Decimal("30000.00")
    assert _evaluate(sheet, sheet.cell(row=labels["Aides publiques"], column=4).value) == Decimal("830000.00")
    assert sheet.cell(row=total_row, column=5).value == f'=IF($D$5=0,"",D{total_row}/$D$5)'
    partners = [sheet.cell(row=row, column=2).value for row in range(1, sheet.max_row + 1)]
    assert "Rai Cinema" in partners
    english = load_workbook(io.BytesIO(render_financing_plan_xlsx(plan_document(), language="en"))).active
    assert english.title == "Financing plan"


def summary() -> InvestorSummary:
    return InvestorSummary(
        plan=plan_document(),
        chapters=(
            BudgetChapter("1", "Droits artistiques", Decimal("120000.00")),
            BudgetChapter("2", "Personnel", Decimal("600000.00")),
            BudgetChapter("3", "Interprétation", Decimal("400000.00")),
        ),
        subtotal=Decimal("1800000.00"),
        grand_total=BUDGET,
        key_dates=(
            KeyDate("Premier jour de tournage", date(2027, 3, 1)),
            KeyDate("Dernier jour de tournage", date(2027, 4, 16)),
            KeyDate("Livraison", date(2027, 11, 30)),
        ),
        cast=("Léa Drucker", "Vincent Lindon", "Adèle Exarchopoulos"),
    )


def test_investor_summary() -> None:
    data = render_investor_summary_pdf(summary(), language="fr")
    text = text_of(data)
    assert len(pages(data)) <= 2
    for expected in (
        "NOTE AUX INVESTISSEURS",
        "Budget par chapitre",
        "Droits artistiques",
        "Total général",
        "2 000 000,00",
        "Aides du CNC",
        "Reste à financer",
        "1er mars 2027",
        "16 avril 2027",
        "Léa Drucker, Vincent Lindon",
        "Crédit d'impôt",
    ):
        assert expected.lower() in text.lower(), expected
    assert "Rai Cinema" not in text  # the summary gives the headings, not each partner
    english = text_of(render_investor_summary_pdf(summary(), language="en"))
    assert "Key cast" in english
    assert "1 March 2027" in english
