"""Cell values to and from the budget engine's types: numbers as text, text made safe.

A spreadsheet holds numbers as binary floats; the engine holds ``Decimal`` values and the
text of expressions. ``number_text`` writes a cell's number the way a person would type
it (``1250.5``, never ``1.2505E3``), and ``decimal_of`` turns it into a ``Decimal`` with
the same digits. ``safe_text`` removes the control characters that a workbook cannot
hold (everything below a space but the tab and the line feed).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

__all__ = ["PLAIN_NUMBER", "cell_text", "decimal_of", "is_number", "number_text", "safe_text"]

#: Text that is a plain number (what goes into a numeric cell rather than a formula column).
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def is_number(value: object) -> bool:
    """Whether ``value`` is a number cell (an int or a float, not a boolean)."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def number_text(value: int | float | Decimal) -> str:
    """The number as plain decimal text: ``1250.5``, ``35``, ``0.00001``."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def decimal_of(value: int | float | Decimal) -> Decimal:
    """A number cell as a ``Decimal`` with the digits the cell shows."""
    return Decimal(number_text(value))


def cell_text(value: object) -> str:
    """What a cell holds, as text: numbers as ``number_text``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_number(value):
        try:
            return number_text(value)  # type: ignore[arg-type]
        except (InvalidOperation, ValueError, OverflowError):
            return str(value)
    return str(value)


def safe_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot hold (a space instead)."""
    return _CONTROL.sub(" ", text)
