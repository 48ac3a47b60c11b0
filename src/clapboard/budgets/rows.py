"""The rows of a budget sheet as HTML, written in Python rather than in the template.

A budget holds thousands of lines; the template language would spend most of the page's
time on per-row lookups and includes (the same reason as ``schedules/rows.py``). The few
row shapes are built here with ``format_html``, every value escaped. An editable line is
a row of inputs that htmx posts when one of them changes; its answer is the row again
with the totals that moved (``hx-swap-oob``).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from clapboard.core.templatetags.clapboard import MoneyFormat, money

from .models import Line
from .sheet import Sheet, SheetAccount, SheetChapter, SheetLine

UNITS = [(value, str(label)) for value, label in Line.Unit.choices]
TIMES = "\N{MULTIPLICATION SIGN}"
HIDDEN = mark_safe('<span class="muted" title="">—</span>')


class SheetWriter:
    """Writes a sheet's rows for one reader: inputs when they may edit, text otherwise."""

    def __init__(self, sheet: Sheet, *, can_edit: bool, line_url: str, csrf_token: str) -> None:
        self.sheet = sheet
        self.currency = sheet.version.currency
        self.can_edit = can_edit and sheet.version.editable
        self.line_url = line_url  # ends with "/lines/"
        self.account_url = line_url.removesuffix("lines/") + "accounts/"
        self.add_label = _("Add a line to this account")
        self.csrf_token = csrf_token
        self.hidden_title = _("Salary: shown to the roles that see salaries")
        # Made once per page rather than once per line.
        self.unit_labels = {value: escape(str(label)) for value, label in Line.Unit.choices}
        self.unit_options = {value: _unit_options(value) for value, _label in UNITS}
        self.labels = [
            escape(str(text))
            for text in (
                _("Description"),
                _("Quantity"),
                pgettext("budget line unit", "Unit"),
                _("Rate"),
                _("Multiplier"),
            )
        ]
        self.money = MoneyFormat(self.currency)

    def rows(self) -> SafeString:
        return mark_safe("".join(self._chapters()))

    def _chapters(self) -> Iterator[str]:
        for chapter in self.sheet.chapters:
            yield self.chapter_head(chapter)
            for account in chapter.accounts:
                yield from self.account_rows(account, chapter)

    def chapter_head(self, chapter: SheetChapter) -> str:
        return format_html(
            '<tr class="sheet__chapter" data-chapter-head="{}"><th colspan="7" scope="rowgroup">'
            '<button type="button" class="sheet__toggle" data-toggle-chapter="{}" aria-expanded="true">'
            '<span aria-hidden="true">▾</span> {} {}</button></th>'
            '<td class="num" id="chapter-{}">{}</td></tr>',
            chapter.number,
            chapter.number,
            chapter.number,
            chapter.title,
            dom_id(chapter.number),
            money(chapter.total, self.currency),
        )

    def add_form(self, account: SheetAccount) -> SafeString | str:
        if not self.can_edit:
            return ""
        return format_html(
            '<form method="post" action="{}" class="inline-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button button--small button--quiet" title="{}">+</button></form>',
            f"{self.account_url}{account.account.pk}/lines/",
            self.csrf_token,
            self.add_label,
        )

    def account_rows(self, account: SheetAccount, chapter: SheetChapter) -> Iterator[str]:
        yield format_html(
            '<tr class="sheet__account" data-chapter="{}"><th scope="rowgroup" colspan="5">{} {} {}</th>'
            '<td class="num" id="account-{}-lines">{}</td><td class="num" id="account-{}-fringes">{}</td>'
            '<td class="num" id="account-{}"><strong>{}</strong></td></tr>',
            chapter.number,
            account.account.number,
            account.account.title,
            self.add_form(account),
            account.account.pk,
            money(account.lines_total, self.currency),
            account.account.pk,
            money(account.fringes_total, self.currency),
            account.account.pk,
            money(account.total, self.currency),
        )
        for line in account.lines:
            yield self.line_row(line, chapter.number)

    def line_row(self, item: SheetLine, chapter: str, *, error: str = "", conflict: str = "") -> str:
        if self.can_edit and not item.hidden:
            return self._editable_row(item, chapter, error, conflict)
        return self._text_row(item, chapter)

    def _figures(self, item: SheetLine) -> tuple[str, str, str]:
        if item.hidden or item.figures is None:
            return HIDDEN, HIDDEN, HIDDEN
        figures = item.figures
        return (
            self.money(figures.amount),
            self.money(figures.fringe_total) if figures.fringe_total else "",
            self.money(figures.total),
        )

    def _text_row(self, item: SheetLine, chapter: str) -> str:
        line = item.line
        amount, fringes, total = self._figures(item)
        if item.hidden:
            quantity = rate = HIDDEN
        else:
            quantity, rate = escape(line.quantity), escape(line.rate)
            if line.multiplier:
                rate += f" {TIMES} {escape(line.multiplier)}"
        return (
            f'<tr class="sheet__line" data-chapter="{escape(chapter)}" id="line-{line.pk}">'
            f'<td>{escape(line.description)}</td><td class="num">{quantity}</td><td>{self.unit_labels[line.unit]}</td>'
            f'<td class="num">{rate}</td><td class="small sheet__fringes">{escape(", ".join(line.fringe_sets))}</td>'
            f'<td class="num">{amount}</td><td class="num">{fringes}</td><td class="num">{total}</td></tr>'
        )

    def _editable_row(self, item: SheetLine, chapter: str, error: str, conflict: str) -> str:
        # Plain f-strings with every value escaped: ``format_html`` costs more than the
        # rest of the row on a 5,000-line sheet (see the module docstring).
        line = item.line
        amount, fringes, total = self._figures(item)
        problem = error or conflict
        message = f'<p class="field__error" role="alert">{escape(problem)}</p>' if problem else ""
        labels = self.labels
        return (
            f'<tr class="sheet__line sheet__line--edit{" sheet__line--error" if problem else ""}" '
            f'data-chapter="{escape(chapter)}" id="line-{line.pk}" hx-post="{self.line_url}{line.pk}/" '
            'hx-trigger="change" hx-include="this" hx-target="this" hx-swap="outerHTML" data-swap-refusals>'
            f'<td><input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf_token}">'
            f'<input type="hidden" name="version" value="{line.version}">'
            f'<input name="description" value="{escape(line.description)}" data-col="1" aria-label="{labels[0]}">'
            f"{message}</td>"
            f'<td><input name="quantity" value="{escape(line.quantity)}" class="num" data-col="2" aria-label="{labels[1]}"></td>'
            f'<td><select name="unit" data-col="3" aria-label="{labels[2]}">{self.unit_options[line.unit]}</select></td>'
            f'<td><span class="sheet__rate"><input name="rate" value="{escape(line.rate)}" class="num" data-col="4" '
            f'aria-label="{labels[3]}"><input name="multiplier" value="{escape(line.multiplier)}" class="num" '
            f'data-col="5" aria-label="{labels[4]}" placeholder="{TIMES}"></span></td>'
            f'<td class="small sheet__fringes">{escape(", ".join(line.fringe_sets))}</td>'
            f'<td class="num">{amount}</td><td class="num">{fringes}</td><td class="num"><strong>{total}</strong></td></tr>'
        )


def _unit_options(selected: str) -> str:
    return "".join(
        f'<option value="{value}"{" selected" if value == selected else ""}>{escape(label)}</option>'
        for value, label in UNITS
    )


def dom_id(value: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in value)
