"""Money for the budget engine: the one place where amounts are parsed, rounded and printed.

Rules, kept here so that no other module re-invents them:

* Every amount is a ``Decimal``. A ``float`` is refused wherever an amount, a rate or a
  percentage enters the engine: ``0.1`` as a float is not one tenth, and a budget that
  silently carries binary fractions disagrees with the accountant's spreadsheet by a cent
  here and there.
* Amounts are rounded to the cent with ``ROUND_HALF_UP`` (0.005 becomes 0.01), the
  rounding people do by hand and that French and US payroll software apply to each line;
  banker's rounding (half to even) would surprise a line producer checking a figure.
* Arithmetic runs in ``CONTEXT`` (28 significant digits, errors trapped) whatever the
  caller's own decimal context is, so the same budget gives the same totals everywhere.
* Currency codes are three capital letters (ISO 4217 style); the engine does not keep a
  list of currencies, it only needs a code to match exchange rates against.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

__all__ = [
    "CENT",
    "CONTEXT",
    "HUNDRED",
    "ZERO",
    "MoneyError",
    "format_amount",
    "parse_amount",
    "parse_currency",
    "quantize_cents",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

#: The arithmetic context of every calculation. 28 significant digits keep any budget
#: (up to 10^26 in cents) exact under addition; a division such as 1/3 rounds at the 28th
#: digit, half to even, before the result is rounded to the cent half up.
CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])

_CURRENCY = re.compile(r"[A-Z]{3}")
_AMOUNT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class MoneyError(ValueError):
    """An amount, percentage or currency code that cannot be read."""


def quantize_cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up (``1.005`` → ``1.01``, ``-1.005`` → ``-1.01``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=CONTEXT)


def parse_amount(value: object, *, what: str = "amount") -> Decimal:
    """A ``Decimal`` from a string (``"1250.50"``), an int or a ``Decimal``.

    Floats are refused with a message that says how to write the value instead; so are
    booleans (``True`` is an int in Python), NaN and infinities. ``what`` names the value
    in the message (``"rate"``, ``"percentage"``).
    """
    if isinstance(value, bool):
        raise MoneyError(f"{what} must be a number written as a string, not {value!r}")
    if isinstance(value, float):
        raise MoneyError(
            f"{what} {value!r} is a binary floating-point number; write it as a string "
            f'("{value}") or a Decimal so that it is exact'
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"{what} must be a finite number, not {value}")
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _AMOUNT.fullmatch(text):
            raise MoneyError(f"{what} {value!r} is not a number (digits with an optional '.' decimal point)")
        return Decimal(text)
    raise MoneyError(f"{what} must be a string, an int or a Decimal, not {type(value).__name__}")


def parse_currency(value: object) -> str:
    """A currency code: three capital letters such as ``EUR`` or ``USD``."""
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise MoneyError(f"currency {value!r} is not a three-letter code in capitals (EUR, USD…)")
    return value


def format_amount(value: Decimal) -> str:
    """The amount as a string with exactly two decimals (``"1250.50"``, ``"-3.00"``)."""
    return str(quantize_cents(value))
