"""The financing plan and the investor summary as A4 PDFs, with the documents' shared
table engine (``_pdf``).

The plan prints as the CNC presents a plan de financement: the French financing under
its headings (the producer's contribution, the CNC's aids, the regional aids, the TV
pre-sales, the SOFICA, the tax credit, the rest), each source with its amount, share of
the budget and status, a subtotal per heading; the foreign financing by country; the
totals, the secured part, the gap and the share of public aid; then the tax credit
(base, rate, amount) and the rules' results.

The investor summary fits on one or two pages: the budget by chapter, the plan by
heading with its gap, the key dates, the key cast and the tax credit.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4

from clapboard.engines.documents._pdf import (
    BAND,
    BOLD,
    ITALIC,
    MUTED,
    RULE,
    WHITE,
    Cell,
    Column,
    Frame,
    Row,
    RowStyle,
    Table,
    Text,
    format_date,
    render_pdf,
)
from clapboard.engines.documents.budget.pdf import format_money
from clapboard.engines.documents.financing.labels import (
    Language,
    group_title,
    labels_for,
    rule_status,
    status_title,
)
from clapboard.engines.documents.financing.model import FinancingPlanDocument, InvestorSummary

__all__ = ["format_percent", "render_financing_plan_pdf", "render_investor_summary_pdf"]

SECTION = RowStyle(fill=Color(0.80, 0.84, 0.89), font=BOLD, size=8.5, rule=RULE, padding=3.0)
GROUP = RowStyle(fill=Color(0.92, 0.93, 0.95), font=BOLD, size=8.0, rule=RULE, padding=2.5)
SOURCE = RowStyle(size=8.0, padding=2.2)
SUBTOTAL = RowStyle(font=BOLD, size=8.0, rule=RULE, padding=2.5)
GRAND = RowStyle(fill=BAND, ink=WHITE, font=BOLD, size=9.5, rule=None, padding=4.0)
GAP = RowStyle(fill=Color(0.99, 0.90, 0.86), font=BOLD, size=8.5, rule=RULE, padding=3.0)
NOTE = RowStyle(ink=MUTED, font=ITALIC, size=7.5, rule=None, padding=3.0)


def format_percent(value: Decimal, language: str) -> str:
    """``12.5`` → ``12,50 %`` in French, ``12.50%`` in English."""
    text = f"{value.quantize(Decimal('0.01')):.2f}"
    return text.replace(".", ",") + "\u00a0%" if language == "fr" else text + "%"


class _Printer:
    def __init__(self, doc: FinancingPlanDocument, words: Mapping[str, str], language: str) -> None:
        self.doc = doc
        self.words = words
        self.language = language

    def money(self, value: Decimal) -> str:
        return format_money(value, self.language)

    def percent(self, value: Decimal) -> str:
        return format_percent(value, self.language)

    def share(self, value: Decimal) -> str:
        budget = self.doc.budget
        return self.percent(value * 100 / budget) if budget else ""

    def plan_table(self, *, detail: bool) -> Table:
        words, doc = self.words, self.doc
        columns: tuple[Column, ...] = (
            Column(words["col_source"], 46, wrap=True, max_lines=2),
            Column(words["col_status"], 22),
            Column(words["col_amount"], 18, align="right"),
            Column(words["col_share"], 14, align="right"),
        )
        if not detail:
            columns = (Column(words["col_group"], 68), *columns[2:])
        rows: list[Row] = []
        sections = (
            (words["french_financing"], doc.french, words["total_french"], doc.french_total),
            (words["foreign_financing"], doc.foreign, words["total_foreign"], doc.foreign_total),
        )
        for heading, groups, total_title, total in sections:
            if not groups:
                continue
            rows.append(Row((heading, "", "", ""), SECTION, keep_with_next=True))
            for group in groups:
                title = group_title(group.key, group.foreign, words)
                if not detail:
                    rows.append(Row((title, "", self.money(group.total), self.share(group.total)), SOURCE))
                    continue
                rows.append(
                    Row(
                        (title, "", self.money(group.total), self.share(group.total)),
                        GROUP,
                        keep_with_next=True,
                    )
                )
                for source in group.sources:
                    status = status_title(source.status, words)
                    rows.append(
                        Row(
                            (
                                source.partner,
                                Text(status, colour=None if source.secured else MUTED),
                                self.money(source.amount),
                                self.percent(source.share),
                            ),
                            SOURCE,
                        )
                    )
            rows.append(Row((total_title, "", self.money(total), self.share(total)), SUBTOTAL))
        if not doc.groups:
            rows.append(Row((Text(words["no_sources"], colour=MUTED),), NOTE, span=True))
        rows.append(Row((words["total"], "", self.money(doc.total), self.share(doc.total)), GRAND))
        if not detail:
            for row in rows:
                if not row.span:
                    row.cells = (row.cells[0], *row.cells[2:])
        return Table(columns, rows, title=words["financing"] if not detail else "", space_before=0)

    def totals_table(self) -> Table:
        words, doc = self.words, self.doc
        columns = (Column("", 68), Column("", 18, align="right"), Column("", 14, align="right"))
        rows = [
            Row((words["budget"], self.money(doc.budget), self.share(doc.budget)), SUBTOTAL),
            Row((words["secured"], self.money(doc.secured), self.share(doc.secured)), SOURCE),
        ]
        if doc.surplus:
            rows.append(Row((words["surplus"], self.money(doc.surplus), self.share(doc.surplus)), SUBTOTAL))
        else:
            rows.append(Row((words["gap"], self.money(doc.gap), self.share(doc.gap)), GAP))
        rows.append(Row((words["public"], self.money(doc.public), self.percent(doc.public_share)), SOURCE))
        return Table(columns, rows, header=False)

    def credit_table(self) -> Table | None:
        words = self.words
        if not self.doc.tax_credits:
            return None
        columns = (
            Column(words["col_credit"], 40, wrap=True, max_lines=4),
            Column(words["col_base"], 22, align="right"),
            Column(words["col_rate"], 16, align="right"),
            Column(words["col_amount"], 22, align="right"),
        )
        rows: list[Row] = []
        for credit in self.doc.tax_credits:
            cells: tuple[Cell, ...]
            if credit.eligible:
                cells = (
                    credit.title,
                    self.money(credit.base),
                    self.percent(credit.rate),
                    self.money(credit.amount),
                )
            else:
                title: Cell = (Text(credit.title), Text(credit.reason, colour=MUTED, size=7.0))
                cells = (title if credit.reason else credit.title, "", "", words["not_eligible"])
            rows.append(Row(cells, SOURCE))
        return Table(columns, rows, title=words["tax_credit"])

    def rules_table(self) -> Table | None:
        words = self.words
        if not self.doc.rules:
            return None
        columns = (
            Column(words["col_rule"], 40, wrap=True, max_lines=3),
            Column(words["col_result"], 15),
            Column("", 45, wrap=True, max_lines=4),
        )
        rows = [
            Row(
                (
                    rule.title,
                    Text(
                        rule_status(rule.status, words),
                        font=BOLD if rule.status in ("over", "fail") else None,
                    ),
                    Text(rule.message, colour=MUTED),
                ),
                SOURCE,
            )
            for rule in self.doc.rules
        ]
        return Table(columns, rows, title=words["rules"])

    def frame(self, document: str) -> Frame:
        doc, words = self.doc, self.words
        details = [words["currency_line"].format(currency=doc.currency)]
        if doc.details:
            details.insert(0, doc.details)
        return Frame(
            pagesize=A4,
            title=doc.production,
            document=document,
            details=" \u2014 ".join(details),
            footer_left=doc.title,
            footer_centre=f"{words['total']} {self.money(doc.total)} {doc.currency}",
            page_of=words["page_of"],
            continued=words["continued"],
            language=self.language,
        )


def render_financing_plan_pdf(doc: FinancingPlanDocument, *, language: Language = "fr") -> bytes:
    """The plan de financement as the CNC presents it, on A4. ValueError for an unknown
    language."""
    words = labels_for(language)
    printer = _Printer(doc, words, language)
    items: list[Table] = [printer.plan_table(detail=True), printer.totals_table()]
    items += [table for table in (printer.credit_table(), printer.rules_table()) if table is not None]
    document = words["plan_document"]
    return render_pdf(
        printer.frame(document), items, pdf_title=f"{document} \u2014 {doc.title}", subject=doc.production
    )


def render_investor_summary_pdf(summary: InvestorSummary, *, language: Language = "fr") -> bytes:
    """The investor summary on one or two A4 pages. ValueError for an unknown language."""
    words = labels_for(language)
    doc = summary.plan
    printer = _Printer(doc, words, language)
    chapters = Table(
        (Column(words["col_chapter"], 10), Column("", 62), Column(words["col_amount"], 28, align="right")),
        [Row((item.number, item.title, printer.money(item.amount)), SOURCE) for item in summary.chapters]
        + [
            Row(("", words["subtotal"], printer.money(summary.subtotal)), SUBTOTAL),
            Row(("", words["grand_total"], printer.money(summary.grand_total)), GRAND),
        ],
        title=words["budget_top"],
        space_before=0,
    )
    plan = printer.plan_table(detail=False)
    plan.space_before = 8.0
    items: list[Table] = [chapters, plan, printer.totals_table()]
    credit = printer.credit_table()
    if credit is not None:
        items.append(credit)
    if summary.key_dates:
        items.append(
            Table(
                (Column(words["col_milestone"], 60), Column(words["col_date"], 40)),
                [Row((item.label, format_date(item.day, language)), SOURCE) for item in summary.key_dates],
                title=words["key_dates"],
            )
        )
    if summary.cast:
        items.append(
            Table(
                (Column("", 100, wrap=True, max_lines=4),),
                [Row((", ".join(summary.cast),), SOURCE)],
                title=words["cast"],
                header=False,
            )
        )
    document = words["summary_document"]
    return render_pdf(
        printer.frame(document), items, pdf_title=f"{document} \u2014 {doc.title}", subject=doc.production
    )
