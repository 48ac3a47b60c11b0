"""Template filters and tags used by every page (registered as a builtin in settings).

Amounts are formatted from ``Decimal`` with the active language's separators: in French
``1 234 567,89 €`` (no-break spaces), in English ``€1,234,567.89``.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms import BoundField
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url_tag
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.html import conditional_escape, format_html
from django.utils.numberformat import format as number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from clapboard.core.links import cached_reverse

register = template.Library()

NBSP = "\u00a0"
EMPTY = "—"

#: Symbols shown instead of the ISO code; other currencies show their code.
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
#: Currencies whose amounts have no cents.
ZERO_DECIMAL_CURRENCIES = {"JPY", "KRW", "ISK", "CLP"}
#: Languages that write the currency before the amount.
SYMBOL_FIRST_LANGUAGES = ("en",)


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        # str() first: a float goes through its shortest repr, never its binary expansion.
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@dataclass(frozen=True)
class _NumberStyle:
    """The active language's separators, looked up once per language instead of per number."""

    decimal: str
    thousands: str
    grouping: Any
    python_to_local: dict[int, str]  # str.translate table from Python's "1,234.5"


@functools.cache
def _number_style(language: str | None) -> _NumberStyle:
    decimal = str(get_format("DECIMAL_SEPARATOR", language))
    thousands = str(get_format("THOUSAND_SEPARATOR", language))
    return _NumberStyle(
        decimal,
        thousands,
        get_format("NUMBER_GROUPING", language),
        str.maketrans({",": thousands, ".": decimal}),
    )


@receiver(setting_changed)
def _forget_number_styles(**kwargs: Any) -> None:
    _number_style.cache_clear()  # as Django forgets its own format cache


def _grouped(amount: Decimal, places: int) -> str:
    """``amount`` rounded half up to ``places`` decimals, grouped in threes with the active
    language's separators; a language with another grouping goes through Django's formatter."""
    rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    style = _number_style(get_language())
    if style.grouping != 3:
        return number_format(
            rounded,
            decimal_sep=style.decimal,
            decimal_pos=places,
            grouping=style.grouping,
            thousand_sep=style.thousands,
            force_grouping=True,
        )
    return f"{rounded:,.{places}f}".translate(style.python_to_local)


@register.filter
def money(value: Any, currency: str = "EUR") -> str:
    """``Decimal("1234567.89")|money:"EUR"`` → ``1 234 567,89 €`` (fr) or ``€1,234,567.89`` (en)."""
    amount = _to_decimal(value)
    if amount is None:
        return EMPTY
    code = (currency or "EUR").upper()
    places = 0 if code in ZERO_DECIMAL_CURRENCIES else 2
    negative = amount < 0
    digits = _grouped(abs(amount), places)
    symbol = CURRENCY_SYMBOLS.get(code)
    sign = "-" if negative else ""
    if (get_language() or "").startswith(SYMBOL_FIRST_LANGUAGES):
        if symbol:
            return f"{sign}{symbol}{digits}"
        return f"{sign}{code}{NBSP}{digits}"
    return f"{sign}{digits}{NBSP}{symbol or code}"


class MoneyFormat:
    """``money`` for many amounts of one currency in the active language, as a sheet of
    thousands of lines needs: the symbol and its place are worked out once."""

    def __init__(self, currency: str = "EUR") -> None:
        code = (currency or "EUR").upper()
        self.places = 0 if code in ZERO_DECIMAL_CURRENCIES else 2
        symbol = CURRENCY_SYMBOLS.get(code)
        if (get_language() or "").startswith(SYMBOL_FIRST_LANGUAGES):
            self.prefix, self.suffix = (symbol or f"{code}{NBSP}"), ""
        else:
            self.prefix, self.suffix = "", f"{NBSP}{symbol or code}"

    def __call__(self, value: Decimal) -> str:
        sign = "-" if value < 0 else ""  # as money() writes it
        return f"{sign}{self.prefix}{_grouped(abs(value), self.places)}{self.suffix}"


@register.filter
def number(value: Any, places: int | str = 0) -> str:
    """A number with the language's grouping and decimal separator: ``1234.5|number:1`` → ``1 234,5``."""
    amount = _to_decimal(value)
    if amount is None:
        return EMPTY
    return _grouped(amount, int(places))


def _local_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@register.filter
def short_date(value: Any) -> str:
    """A date (or datetime, in local time) as ``26/11/2026`` in French, ``11/26/2026`` in English."""
    day = _local_date(value)
    if day is None:
        return ""
    return date_format(day, "SHORT_DATE_FORMAT")


@register.filter
def long_date(value: Any) -> str:
    """``26 novembre 2026`` / ``Nov. 26, 2026``."""
    day = _local_date(value)
    if day is None:
        return ""
    return date_format(day, "DATE_FORMAT")


@register.filter
def short_datetime(value: Any) -> str:
    """A moment in local time: ``26/11/2026 14:05``."""
    if not isinstance(value, dt.datetime):
        return short_date(value)
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(moment, "SHORT_DATETIME_FORMAT")


@register.filter
def iso(value: Any) -> str:
    """Machine-readable value for ``<time datetime="...">``."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return ""


@register.filter
def codes(value: Any) -> str:
    """A list of codes as ``FR, BE``; an empty list as a dash."""
    if not value:
        return EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


@register.filter
def accessible_widget(field: BoundField) -> str:
    """Render a form field's widget tied to its help text and error for screen readers."""
    described_by = []
    attrs: dict[str, str] = {}
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return getattr(field.field.widget, "input_type", "") == "checkbox"


@register.simple_tag
def phase_badge(phase: str, label: str) -> str:
    """``{% phase_badge production.phase production.get_phase_display %}``: a production's phase
    as a coloured badge (a tag rather than an include: it is on every production page)."""
    return format_html('<span class="badge phase phase--{}">{}</span>', phase, label)


@register.simple_tag(takes_context=True)
def active(context: template.Context, name: str, *others: str) -> str:
    """``aria-current="page"`` when the current URL name is one of the given names."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in (name, *others):
        return mark_safe('aria-current="page"')  # a constant, no user input
    return ""


class _RememberedURLNode(URLNode):
    """Django's ``{% url %}``, through ``cached_reverse``: same syntax, same answers."""

    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        if hasattr(request, "current_app"):
            current_app = request.current_app
        else:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            url = cached_reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> URLNode:
    """Replaces the built-in ``{% url %}`` in every template (this library is a builtin)."""
    node = django_url_tag(parser, token)
    return _RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
