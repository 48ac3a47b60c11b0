"""Starting a budget: from a layout template, or from a script estimate.

Layouts (``data/layouts/*.json``) and fringe sets (``data/fringes/*.json``) are versioned
data: each file has an ``id``, a ``version``, the date it takes effect
(``effective_from``), its ``source`` and ``notes`` that say which figures are estimates
or were not found. A new rule or rate is a new file with a higher version and a later
date; old files stay, so a budget started in 2026 can be explained in 2030.

A layout file holds a budget in the JSON format of ``docs/budget-format.md`` (without its
fringe sets, which come from the fringe file the layout names) and says where a script
estimate puts the cast (``cast_account``, ``cast_fringe_sets``).

Layouts: ``cnc-long-metrage`` (CNC devis for features), ``cnc-audiovisuel`` (CNC devis for
audiovisual works), ``international`` (above/below the line, Movie Magic style account
ranges) and ``series`` (pattern budget per episode and season costs).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from clapboard.engines.budget.checks import check_budget
from clapboard.engines.budget.expressions import parse_expression
from clapboard.engines.budget.jsonformat import read_budget
from clapboard.engines.budget.model import Budget, BudgetError, Global, Line
from clapboard.engines.budget.money import MoneyError, parse_amount

__all__ = [
    "DataFile",
    "fringe_data",
    "from_script_estimate",
    "from_template",
    "layout_data",
    "layout_ids",
]

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class DataFile:
    """One version of a layout or of a fringe table, with its provenance."""

    id: str
    version: int
    effective_from: date
    title: str
    source: str
    notes: tuple[str, ...]
    content: Mapping[str, Any]


@cache
def _versions(kind: str) -> tuple[DataFile, ...]:
    files = []
    for path in sorted((DATA / kind).glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        notes = raw.get("notes", [])
        files.append(
            DataFile(
                id=raw["id"],
                version=int(raw["version"]),
                effective_from=date.fromisoformat(raw["effective_from"]),
                title=raw["title"],
                source=raw["source"],
                notes=tuple(notes) if isinstance(notes, list) else (notes,),
                content=raw,
            )
        )
    return tuple(files)


def _pick(kind: str, data_id: str, on: date | None) -> DataFile:
    """The latest version of ``data_id`` in effect on ``on`` (the latest of all if ``None``)."""
    candidates = [
        item for item in _versions(kind) if item.id == data_id and (on is None or item.effective_from <= on)
    ]
    if not candidates:
        known = sorted({item.id for item in _versions(kind)})
        when = f" in effect on {on.isoformat()}" if on else ""
        raise BudgetError("", f"no {kind[:-1]} {data_id!r}{when} (known: {', '.join(known)})")
    return max(candidates, key=lambda item: (item.effective_from, item.version))


def layout_ids() -> tuple[str, ...]:
    return tuple(sorted({item.id for item in _versions("layouts")}))


def layout_data(layout_id: str, on: date | None = None) -> DataFile:
    return _pick("layouts", layout_id, on)


def fringe_data(fringes_id: str, on: date | None = None) -> DataFile:
    return _pick("fringes", fringes_id, on)


def from_template(
    layout_id: str,
    *,
    title: str | None = None,
    currency: str | None = None,
    exchange_rates: Mapping[str, Decimal] | None = None,
    episodes: int | None = None,
    on: date | None = None,
) -> Budget:
    """A new budget laid out as ``layout_id``, with the layout's usual lines and fringes.

    ``on`` picks the versions of the layout and of its fringe table in effect on that
    date (default: the latest). A different ``currency`` needs ``exchange_rates`` for the
    currencies of the fringe ceilings (EUR for the French sets, USD for the US ones).
    """
    layout = layout_data(layout_id, on)
    fringes = fringe_data(str(layout.content["fringes"]), on)
    data = dict(layout.content["budget"])
    data["fringe_sets"] = fringes.content["fringe_sets"]
    if title is not None:
        data["title"] = title
    if currency is not None:
        data["currency"] = currency
    if exchange_rates is not None:
        data["exchange_rates"] = {code: str(rate) for code, rate in exchange_rates.items()}
    if episodes is not None:
        data["episodes"] = episodes
    data["notes"] = (
        f"Started from layout {layout.id} v{layout.version} ({layout.effective_from.isoformat()}) and fringes "
        f"{fringes.id} v{fringes.version} ({fringes.effective_from.isoformat()})."
    )
    return read_budget(data)


def from_script_estimate(
    layout_id: str,
    *,
    shooting_days: int | Decimal,
    cast_days: Mapping[str, int | Decimal],
    cast_names: Mapping[str, str] | None = None,
    **template_options: Any,
) -> Budget:
    """A budget from a template with first quantities from a script estimate.

    ``shooting_days`` becomes the ``SHOOT_DAYS`` global (linked to
    ``schedule:shoot_days``; in the series layout, the season's days). ``cast_days``
    maps a cast element id to its days: each becomes a line of the layout's cast account,
    ``cast-<id>``, with the days as its quantity and the link
    ``schedule:cast_days:<id>``, so that the schedule's figures replace the estimate when
    they are passed in; the element id is also the line's ``person``, so that a ceiling
    per performer applies across the performer's lines. Cast days are counted over the
    whole production (in a series, the season). ``cast_names`` gives the descriptions.
    """
    budget = from_template(layout_id, **template_options)
    layout = layout_data(layout_id, template_options.get("on"))
    days = _count(shooting_days, "shooting_days")
    globals_ = tuple(
        replace(item, expression=parse_expression(str(days))) if item.name == "SHOOT_DAYS" else item
        for item in budget.globals
    )
    if not any(item.name == "SHOOT_DAYS" for item in globals_):
        globals_ = (*globals_, Global("SHOOT_DAYS", parse_expression(str(days)), link="schedule:shoot_days"))
    cast_account = str(layout.content["cast_account"])
    fringe_sets = tuple(layout.content["cast_fringe_sets"])
    names = cast_names or {}
    cast_lines = tuple(
        Line(
            id=f"cast-{element}",
            description=names.get(element, element),
            quantity=parse_expression(str(_count(element_days, f"cast_days[{element!r}]"))),
            unit="days",
            rate=parse_expression("0"),
            fringe_sets=fringe_sets,
            department="cast",
            person=element,
            quantity_link=f"schedule:cast_days:{element}",
        )
        for element, element_days in cast_days.items()
    )
    accounts = tuple(
        replace(account, lines=account.lines + cast_lines) if account.number == cast_account else account
        for account in budget.accounts
    )
    estimate = replace(budget, globals=globals_, accounts=accounts)
    check_budget(estimate)
    return estimate


def _count(value: object, what: str) -> Decimal:
    try:
        count = parse_amount(value, what=what)
    except MoneyError as error:
        raise BudgetError(what, str(error)) from error
    if count < 0:
        raise BudgetError(what, f"cannot be negative ({count})")
    return count
