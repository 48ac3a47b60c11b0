"""The rows of a budget sheet as HTML, written in Python rather than in the template.

A budget holds thousands of lines; the template language would spend most of the page's
time on per-row lookups and includes (the same reason as ``schedules/rows.py``). The few
row shapes are built here with ``format_html``, every value escaped. An editable line is
a row of inputs that htmx posts when one of them changes; its answer is the row again
with the totals that moved (``hx-swap-oob``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from clapboard.core.templatetags.clapboard import money, number

from .models import Line
from .sheet import Sheet, SheetAccount, SheetChapter, SheetLine

UNITS = [(value, str(label)) for value, label in Line.Unit.choices]
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

    def rows(self) -> SafeString:
        return mark_safe("".join(self._chapters()))

    def _chapters(self) -> Iterator[str]:
        for chapter in self.sheet.chapters:
            yield self.chapter_head(chapter)
            for account in chapter.accounts:
                yield from self.account_rows(account, chapter)

    def chapter_head(self, chapter: SheetChapter) -> str:
        return format_html(
            '<tr class="sheet__chapter" data-chapter-head="{}"><th colspan="8" scope="rowgroup">'
            '<button type="button" class="sheet__toggle" data-toggle-chapter="{}" aria-expanded="true">'
            '<span aria-hidden="true">▾</span> {} {}</button></th>'
            '<td class="num" id="chapter-{}">{}</td><td></td></tr>',
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
            '<tr class="sheet__account" data-chapter="{}"><th scope="rowgroup" colspan="6">{} {}</th>'
            '<td class="num">{}</td><td class="num">{}</td><td class="num" id="account-{}"><strong>{}</strong></td>'
            '<td class="actions">{}</td></tr>',
            chapter.number,
            account.account.number,
            account.account.title,
            money(account.lines_total, self.currency),
            money(account.fringes_total, self.currency),
            account.account.pk,
            money(account.total, self.currency),
            self.add_form(account),
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
            money(figures.amount, self.currency),
            money(figures.fringe_total, self.currency) if figures.fringe_total else "",
            money(figures.total, self.currency),
        )

    def _text_row(self, item: SheetLine, chapter: str) -> str:
        line = item.line
        amount, fringes, total = self._figures(item)
        quantity = rate = HIDDEN
        if not item.hidden:
            quantity, rate = line.quantity, line.rate
        return format_html(
            '<tr class="sheet__line" data-chapter="{}" id="line-{}"><td>{}</td><td class="num">{}</td><td>{}</td>'
            '<td class="num">{}</td><td class="num">{}</td><td class="small">{}</td><td class="num">{}</td>'
            '<td class="num">{}</td><td class="num">{}</td><td class="num small">{}</td></tr>',
            chapter,
            line.pk,
            line.description,
            quantity,
            line.get_unit_display(),
            rate,
            line.multiplier,
            ", ".join(line.fringe_sets),
            amount,
            fringes,
            total,
            _percent(line.french_share),
        )

    def _editable_row(self, item: SheetLine, chapter: str, error: str, conflict: str) -> str:
        line = item.line
        amount, fringes, total = self._figures(item)
        url = f"{self.line_url}{line.pk}/"
        unit_options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, mark_safe(" selected") if value == line.unit else "", label) for value, label in UNITS),
        )
        message = (
            format_html('<p class="field__error" role="alert">{}</p>', error or conflict)
            if error or conflict
            else ""
        )
        return format_html(
            '<tr class="sheet__line sheet__line--edit{}" data-chapter="{}" id="line-{}" hx-post="{}" '
            'hx-trigger="change" hx-include="this" hx-target="this" hx-swap="outerHTML">'
            '<td><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="version" value="{}">'
            '<input name="description" value="{}" data-col="1" aria-label="{}">{}</td>'
            '<td><input name="quantity" value="{}" class="num" data-col="2" aria-label="{}"></td>'
            '<td><select name="unit" data-col="3" aria-label="{}">{}</select></td>'
            '<td><input name="rate" value="{}" class="num" data-col="4" aria-label="{}"></td>'
            '<td><input name="multiplier" value="{}" class="num" data-col="5" aria-label="{}"></td>'
            '<td class="small">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num"><strong>{}</strong></td>'
            '<td class="num small">{}</td></tr>',
            " sheet__line--error" if error or conflict else "",
            chapter,
            line.pk,
            url,
            self.csrf_token,
            line.version,
            line.description,
            _("Description"),
            message,
            line.quantity,
            _("Quantity"),
            pgettext("budget line unit", "Unit"),
            unit_options,
            line.rate,
            _("Rate"),
            line.multiplier,
            _("Multiplier"),
            ", ".join(line.fringe_sets),
            amount,
            fringes,
            total,
            _percent(line.french_share),
        )


def dom_id(value: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in value)


def _percent(value: Decimal) -> str:
    return f"{number(value, 0)} %"
