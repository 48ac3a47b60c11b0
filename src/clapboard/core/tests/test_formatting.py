import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from clapboard.core.templatetags.clapboard import (
    MoneyFormat,
    codes,
    money,
    number,
    short_date,
    short_datetime,
)

NBSP = "\u00a0"


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("french")
class TestFrench:
    def test_money_groups_thousands_with_spaces_and_puts_the_euro_after(self):
        assert money(Decimal("1234567.89"), "EUR") == f"1{NBSP}234{NBSP}567,89{NBSP}€"

    def test_money_rounds_half_up_to_cents(self):
        assert money(Decimal("0.125"), "EUR") == f"0,13{NBSP}€"

    def test_money_negative_and_other_currency(self):
        assert money(Decimal("-1500"), "CHF") == f"-1{NBSP}500,00{NBSP}CHF"

    def test_money_without_cents_for_yen(self):
        assert money(Decimal("1234567"), "JPY") == f"1{NBSP}234{NBSP}567{NBSP}¥"

    def test_short_date(self):
        assert short_date(dt.date(2026, 11, 26)) == "26/11/2026"

    def test_short_date_of_an_aware_datetime_uses_local_time(self):
        late_evening_utc = dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)  # Paris: 26 Nov, 00:30
        assert short_date(late_evening_utc) == "26/11/2026"
        assert short_datetime(late_evening_utc) == "26/11/2026 00:30"

    def test_number(self):
        assert number(Decimal("1234.5"), 1) == f"1{NBSP}234,5"


@pytest.mark.usefixtures("english")
class TestEnglish:
    def test_money_puts_the_symbol_first(self):
        assert money(Decimal("1234567.89"), "EUR") == "€1,234,567.89"
        assert money(Decimal("-12.5"), "USD") == "-$12.50"
        assert money(Decimal("12"), "CHF") == f"CHF{NBSP}12.00"

    def test_short_date(self):
        assert short_date(dt.date(2026, 11, 26)) == "11/26/2026"


def test_money_of_nothing_is_a_dash():
    assert money(None) == "—"
    assert money("") == "—"


def test_money_accepts_strings_without_going_through_float():
    with translation.override("fr"):
        assert money("0.1", "EUR") == f"0,10{NBSP}€"
        assert money("10000000000000000.01", "EUR").endswith(",01\u00a0€")


def test_codes():
    assert codes(["FR", "BE"]) == "FR, BE"
    assert codes([]) == "—"


def test_a_french_page_shows_french_amounts_and_dates(settings):
    from django.template import Context, Template

    settings.LANGUAGE_CODE = "fr"
    template = Template('{{ amount|money:"EUR" }} · {{ day|short_date }}')
    with translation.override("fr"):
        text = template.render(Context({"amount": Decimal("1234567.89"), "day": dt.date(2026, 11, 26)}))
    assert text == f"1{NBSP}234{NBSP}567,89{NBSP}€ · 26/11/2026"


AMOUNTS = ["0", "0.125", "-0.001", "-1500", "999.995", "1234567.89", "-98765432.1", "12"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("currency", ["EUR", "USD", "CHF", "JPY"])
def test_money_format_writes_what_money_writes(language, currency):
    with translation.override(language):
        fast = MoneyFormat(currency)
        for amount in AMOUNTS:
            assert fast(Decimal(amount)) == money(Decimal(amount), currency), amount


def _same_as_django(language):
    from django.utils.formats import number_format

    with translation.override(language):
        for value in ["0", "7", "-12.5", "999.995", "1234", "-1234567.891", "12345678901234.5"]:
            for places in (0, 2):
                rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
                assert number(value, places) == number_format(rounded, places, force_grouping=True)


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_number_writes_what_django_writes(language):
    _same_as_django(language)


def test_number_follows_another_grouping(settings):
    settings.NUMBER_GROUPING = (3, 2, 0)  # Hindi's locale leaves it to the setting: 1,23,45,678
    _same_as_django("hi")
    with translation.override("hi"):
        assert number(12345678) == "1,23,45,678"
