"""The budget as a PDF: the top sheet and, on request, the detail lines.

``render_budget_pdf(budget, totals, *, detail, language, labels, hide_salaries)`` prints
on A4 with the documents' shared table engine (``_pdf``):

* the top sheet: every chapter with its accounts (lines, fringes they collect, total),
  then above and below the line, the subtotal, each percentage line with its rate and
  base, the grand total, the fringes, the French and foreign shares, and the figures per
  episode of a series;
* with ``detail``, the lines of each account under its heading, the fringes it collects
  and its total, chapter after chapter.

``hide_salaries`` is for readers without the right to see pay: a salary line (one with
fringe sets or a person) prints without its rate and amount; account and chapter totals
still print. Amounts are written the local way: ``382 508,98`` in French, ``382,508.98``
in English.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4

from clapboard.engines.budget import Account, Budget, BudgetTotals, Line
from clapboard.engines.budget.money import quantize_cents
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
    render_pdf,
)
from clapboard.engines.documents.budget.labels import Language, resolve_labels
from clapboard.engines.documents.budget.xlsx_format import UNIT_NAMES

__all__ = ["format_money", "render_budget_pdf"]

CHAPTER = RowStyle(fill=Color(0.80, 0.84, 0.89), font=BOLD, size=8.5, rule=RULE, padding=3.0)
ACCOUNT_HEAD = RowStyle(fill=Color(0.92, 0.93, 0.95), font=BOLD, size=8.0, rule=RULE, padding=2.5)
ACCOUNT = RowStyle(size=8.0, padding=2.2)
LINE = RowStyle(size=7.5, padding=1.8)
FRINGE = RowStyle(ink=MUTED, font=ITALIC, size=7.5, padding=1.8)
SUBTOTAL = RowStyle(font=BOLD, size=8.0, rule=RULE, padding=2.5)
GRAND = RowStyle(fill=BAND, ink=WHITE, font=BOLD, size=9.5, rule=None, padding=4.0)
NOTE = RowStyle(ink=MUTED, font=ITALIC, size=7.5, rule=None, padding=3.0)
HIDDEN = "\u2014"


def format_money(value: Decimal, language: str) -> str:
    """``1234567.8`` → ``1 234 567,80`` (French, no-break spaces) or ``1,234,567.80``."""
    text = f"{quantize_cents(value):,.2f}"
    if language == "fr":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def _number(value: Decimal, language: str) -> str:
    text = format(value.normalize(), "f") if value == value else str(value)
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction[:4].rstrip("0")
        text = f"{whole}.{fraction}" if fraction else whole
    return text.replace(".", ",") if language == "fr" else text


def _is_salary(line: Line) -> bool:
    return bool(line.fringe_sets) or line.person is not None


class _Printer:
    def __init__(
        self, budget: Budget, totals: BudgetTotals, labels: Mapping[str, str], language: str, hide: bool
    ) -> None:
        self.budget = budget
        self.totals = totals
        self.labels = labels
        self.language = language
        self.hide = hide
        self.units = UNIT_NAMES[language]

    def money(self, value: Decimal) -> str:
        return format_money(value, self.language)

    def top_sheet(self) -> list[Table]:
        labels, totals = self.labels, self.totals
        columns = (
            Column(labels["number"], 7),
            Column(labels["col_title"], 47),
            Column(labels["lines"], 15, align="right"),
            Column(labels["fringes"], 15, align="right"),
            Column(labels["col_total"], 16, align="right"),
        )
        rows: list[Row] = []
        by_chapter: dict[str, list[Account]] = defaultdict(list)
        for account in self.budget.accounts:
            by_chapter[account.chapter].append(account)
        for chapter in self.budget.chapters:
            rows.append(
                Row(
                    (chapter.number, chapter.title, "", "", self.money(totals.chapters[chapter.number])),
                    CHAPTER,
                    keep_with_next=bool(by_chapter[chapter.number]),
                )
            )
            for account in by_chapter[chapter.number]:
                figures = totals.accounts[account.number]
                rows.append(
                    Row(
                        (
                            account.number,
                            account.title,
                            self.money(figures.lines),
                            self.money(figures.fringes) if figures.fringes else "",
                            self.money(figures.total),
                        ),
                        ACCOUNT,
                    )
                )
        chapters = Table(columns, rows, title=labels["chapters"], space_before=0)
        return [chapters, self.totals_table()]

    def totals_table(self) -> Table:
        labels, totals = self.labels, self.totals
        columns = (Column("", 54), Column(labels["base"], 16, align="right"), Column(labels["percent"], 9, align="right"),
                   Column(labels["col_total"], 21, align="right"))  # fmt: skip
        rows = [
            Row((labels["above"], "", "", self.money(totals.groups["above"])), ACCOUNT),
            Row((labels["below"], "", "", self.money(totals.groups["below"])), ACCOUNT),
            Row((labels["subtotal"], "", "", self.money(totals.subtotal)), SUBTOTAL),
        ]
        for item in self.budget.percentages:
            figures = totals.percentages[item.id]
            rows.append(
                Row(
                    (
                        f"{item.id} \u2014 {item.title}" if item.title else item.id,
                        self.money(figures.base),
                        f"{_number(figures.percentage, self.language)}\u00a0%",
                        self.money(figures.amount),
                    ),
                    ACCOUNT,
                )
            )
        rows.append(Row((labels["grand_total"], "", "", self.money(totals.grand_total)), GRAND))
        fringe_total = sum(totals.fringes.values(), Decimal(0))
        rows += [
            Row((labels["fringe_total"], "", "", self.money(fringe_total)), ACCOUNT),
            Row((labels["french"], "", "", self.money(totals.french)), ACCOUNT),
            Row((labels["foreign"], "", "", self.money(totals.foreign)), ACCOUNT),
        ]
        if totals.series is not None:
            series = totals.series
            rows += [
                Row((labels["per_episode"].format(episodes=series.episodes), "", "", self.money(series.per_episode)), SUBTOTAL),
                Row(("    " + labels["pattern"], "", "", self.money(series.pattern_per_episode)), ACCOUNT),
                Row(("    " + labels["amortised"], "", "", self.money(series.amortised_per_episode)), ACCOUNT),
                Row((labels["season"], "", "", self.money(series.season)), SUBTOTAL),
            ]  # fmt: skip
        return Table(columns, rows, title=labels["totals"], header=True)

    def detail(self) -> Table:
        labels, totals = self.labels, self.totals
        series = self.budget.episodes is not None
        columns = [
            Column(labels["col_line_id"], 8),
            Column(labels["col_description"], 37, wrap=True, max_lines=3),
            Column(labels["col_quantity"], 8, align="right"),
            Column(labels["col_unit"], 9),
            Column("\u00d7", 5, align="right"),
            Column(labels["col_rate"], 12, align="right"),
            Column(labels["col_currency"], 9),
            Column(labels["col_amount"], 14, align="right"),
        ]
        if series:
            columns.insert(7, Column(labels["col_per_episode"], 6))
        rows: list[Row] = []
        collected = self._collected()
        fringe_titles = {f.name: f.title or f.name for s in self.budget.fringe_sets for f in s.fringes}
        blank = ("",) * (len(columns) - 2)
        by_chapter: dict[str, list[Account]] = defaultdict(list)
        for account in self.budget.accounts:
            by_chapter[account.chapter].append(account)
        for chapter in self.budget.chapters:
            rows.append(Row((f"{chapter.number} \u2014 {chapter.title}", self.money(totals.chapters[chapter.number])),
                            CHAPTER, span=True, keep_with_next=True))  # fmt: skip
            for account in by_chapter[chapter.number]:
                figures = totals.accounts[account.number]
                rows.append(
                    Row(
                        (f"{account.number} \u2014 {account.title}",),
                        ACCOUNT_HEAD,
                        span=True,
                        keep_with_next=True,
                    )
                )
                for line in account.lines:
                    rows.append(self.line_row(line, series))
                fringes = [
                    (name, value) for name, value in collected.get(account.number, {}).items() if value
                ]
                if not account.lines and not fringes:
                    rows.append(Row((Text(labels["no_lines"], colour=MUTED),), NOTE, span=True))
                for position, (name, value) in enumerate(fringes):
                    caption = labels["fringes"] if position == 0 else ""
                    title = fringe_titles.get(name, name)
                    rows.append(Row((caption, title, *blank[:-1], self.money(value)), FRINGE))
                rows.append(
                    Row(
                        ("", labels["total_of"].format(number=account.number, title=account.title), *blank[:-1],
                         self.money(figures.total)),
                        SUBTOTAL,
                    )
                )  # fmt: skip
        return Table(tuple(columns), rows, title=labels["detail"].capitalize(), space_before=0)

    def line_row(self, line: Line, series: bool) -> Row:
        figures = self.totals.lines[line.id]
        values = self.totals.globals
        hidden = self.hide and _is_salary(line)
        rate = line.rate.evaluate(values)
        multiplier = (
            "" if line.multiplier is None else _number(line.multiplier.evaluate(values), self.language)
        )
        cells: list[Cell] = [
            Text(line.id, colour=MUTED),
            line.description,
            _number(figures.quantity, self.language),
            self.units.get(line.unit, line.unit),
            multiplier,
            HIDDEN if hidden else self.money(rate),
            line.currency or "",
            HIDDEN if hidden else self.money(figures.amount),
        ]
        if series:
            cells.insert(7, self.labels["yes"] if line.per_episode else "")
        return Row(tuple(cells), LINE)

    def _collected(self) -> dict[str, dict[str, Decimal]]:
        order = {f.name: i for i, f in enumerate(f for s in self.budget.fringe_sets for f in s.fringes)}
        sums: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for account, line in self.budget.lines():
            for name, value in self.totals.lines[line.id].fringes.items():
                target = sums[account.fringes_to or account.number]
                target[name] = target.get(name, Decimal(0)) + value
        return {
            number: dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))
            for number, values in sums.items()
        }


def render_budget_pdf(
    budget: Budget,
    totals: BudgetTotals,
    *,
    detail: bool,
    language: Language = "fr",
    labels: Mapping[str, str] | None = None,
    hide_salaries: bool = False,
) -> bytes:
    """The top sheet, and with ``detail`` every line, as an A4 PDF.

    ``totals`` is ``calculate_budget(budget)``. ``hide_salaries`` prints the salary lines
    without rate or amount (for roles that may not see pay). ValueError for an unknown
    language or label key.
    """
    words = resolve_labels(language, labels)
    printer = _Printer(budget, totals, words, language, hide_salaries)
    items: list[Table] = printer.top_sheet()
    if detail:
        items.append(printer.detail())
    details = [
        words["layout_line"].format(layout=budget.layout),
        words["currency_line"].format(currency=budget.currency),
    ]
    if budget.episodes is not None:
        details.append(words["episodes_line"].format(episodes=budget.episodes))
    if hide_salaries:
        details.append(f"{words['confidential']} ({words['hidden_salaries']})")
    document = words["detail"] if detail else words["top_sheet"]
    title = budget.title or budget.layout
    frame = Frame(
        pagesize=A4,
        title=title,
        document=document,
        details=" \u2014 ".join(details),
        footer_left=title,
        footer_centre=words["grand_total"]
        + " "
        + format_money(totals.grand_total, language)
        + " "
        + budget.currency,
        page_of=words["page_of"],
        continued=words["continued"],
        language=language,
    )
    return render_pdf(frame, items, pdf_title=f"{document} \u2014 {title}", subject=budget.layout)
