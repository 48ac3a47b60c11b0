"""Amounts: exact parsing, floats refused, half-up rounding to the cent, two-decimal output."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from clapboard.engines.budget.money import (
    MoneyError,
    format_amount,
    parse_amount,
    parse_currency,
    quantize_cents,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1250.50", "1250.50"),
        (" 12 ", "12"),
        (7, "7"),
        (Decimal("0.1"), "0.1"),
        ("-3.5", "-3.5"),
        (".5", "0.5"),
    ],
)
def test_amounts_are_read_exactly(value: object, expected: str) -> None:
    assert parse_amount(value) == Decimal(expected)


def test_a_float_is_refused_with_the_way_to_write_it() -> None:
    with pytest.raises(MoneyError, match=r'write it as a string \("0.1"\)'):
        parse_amount(0.1, what="rate")


@pytest.mark.parametrize("value", [True, "1,5", "12 000", "NaN", Decimal("Infinity"), None, "1e3"])
def test_other_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(MoneyError):
        parse_amount(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.005", "1.01"), ("1.004", "1.00"), ("-1.005", "-1.01"), ("2.675", "2.68"), ("0.125", "0.13")],
)
def test_rounding_is_half_up_to_the_cent(value: str, expected: str) -> None:
    assert str(quantize_cents(Decimal(value))) == expected


def test_rounding_ignores_the_callers_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 3
        assert str(quantize_cents(Decimal("12345.675"))) == "12345.68"


def test_amounts_are_printed_with_two_decimals() -> None:
    assert format_amount(Decimal("3")) == "3.00"
    assert format_amount(Decimal("1250.5")) == "1250.50"


def test_currency_codes_are_three_capitals() -> None:
    assert parse_currency("EUR") == "EUR"
    for bad in ("eur", "EURO", "", 978):
        with pytest.raises(MoneyError):
            parse_currency(bad)
