"""Small budgets for the tests, written out in full so that each figure can be checked by hand."""

from __future__ import annotations

from decimal import Decimal

from clapboard.engines.budget import (
    Account,
    Budget,
    Chapter,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
    parse_expression,
)


def expr(text: str) -> object:
    return parse_expression(text)


def line(line_id: str, quantity: str, rate: str, **fields: object) -> Line:
    unit = str(fields.pop("unit", "days"))
    return Line(
        id=line_id,
        description=f"line {line_id}",
        quantity=parse_expression(quantity),
        unit=unit,
        rate=parse_expression(rate),
        **fields,  # type: ignore[arg-type]
    )


TECHNICIAN = FringeSet(
    "tech",
    "intermittent_technician",
    (
        Fringe("conges", Decimal("15.50")),
        Fringe("pension", Decimal("3.94"), cap=FringeCap(Decimal("220"), "day", "EUR")),
    ),
)
AUTHOR = FringeSet("author", "author", (Fringe("diffuseur", Decimal("1.1")),))


def small_budget(*lines_by_account: tuple[Line, ...], **fields: object) -> Budget:
    """Chapters 1 and 2; accounts 11 (above), 21 and 22 (below); a contingency of 10%."""
    accounts = (
        Account("11", "Rights", "1", "above", lines_by_account[0] if lines_by_account else ()),
        Account("21", "Crew", "2", "below", lines_by_account[1] if len(lines_by_account) > 1 else ()),
        Account("22", "Camera", "2", "below", lines_by_account[2] if len(lines_by_account) > 2 else ()),
    )
    defaults: dict[str, object] = {
        "layout": "test",
        "currency": "EUR",
        "chapters": (Chapter("1", "Rights"), Chapter("2", "Crew")),
        "accounts": accounts,
        "exchange_rates": {"USD": Decimal("0.90")},
        "globals": (
            Global("SHOOT_DAYS", parse_expression("30"), link="schedule:shoot_days"),
            Global("WEEKS", parse_expression("SHOOT_DAYS / 5")),
        ),
        "fringe_sets": (TECHNICIAN, AUTHOR),
        "percentages": (PercentageLine("CONT", "Contingency", parse_expression("10"), PercentageBase()),),
    }
    defaults.update(fields)
    return Budget(**defaults)  # type: ignore[arg-type]
