"""Small plans for the tests, written out so that each figure can be checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from clapboard.engines.financing import BudgetFigures, Plan, Source, Split, Work

START = date(2026, 1, 5)


def money(value: str | int) -> Decimal:
    return Decimal(str(value))


def figures(total: str | int, *, foreign: str | int = 0, **fields: Any) -> BudgetFigures:
    """Budget figures of ``total``, ``foreign`` of it spent abroad; categories as
    ``authors="500000"`` (French) or ``authors=("400000", "100000")`` (French, foreign)."""
    categories = {}
    for name in ("authors", "performers", "crew", "technical_industries", "transport_catering_lodging"):
        value = fields.pop(name, None)
        if value is not None:
            french, abroad = value if isinstance(value, tuple) else (value, 0)
            categories[name] = Split(money(french), money(abroad))
    return BudgetFigures(
        total=money(total),
        french=money(total) - money(foreign),
        foreign=money(foreign),
        categories=categories,
        **fields,
    )


def source(source_id: str, kind: str, partner: str, amount: str | int | None, **fields: Any) -> Source:
    return Source(
        id=source_id,
        type=kind,
        partner=partner,
        amount=None if amount is None else money(amount),
        currency=fields.pop("currency", "EUR"),
        **fields,
    )


def plan(budget: BudgetFigures, *sources: Source, **fields: Any) -> Plan:
    work = fields.pop("work", Work())
    return Plan(
        title=fields.pop("title", "Le Grand Départ"),
        currency=fields.pop("currency", "EUR"),
        start=fields.pop("start", START),
        budget=budget,
        sources=tuple(sources),
        work=work,
        **fields,
    )
