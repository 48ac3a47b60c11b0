"""The top sheet of a calculated version: chapters with their share of the subtotal, the
split above and below the line, in France and abroad, the percentage lines and the
social charges by fringe — the figures the charts of the top-sheet page draw."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from clapboard.engines.budget import BudgetTotals

from .models import BudgetVersion

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Bar:
    label: str
    amount: Decimal
    share: Decimal  # percent of the whole, one decimal
    width: str  # the bar's width out of 100, for an SVG attribute


@dataclass(frozen=True)
class TopSheet:
    chapters: list[Bar]
    groups: list[Bar]  # above, below
    territory: list[Bar]  # France, abroad
    percentages: list[Bar]
    fringes: list[Bar]
    subtotal: Decimal
    grand_total: Decimal


def _bars(items: list[tuple[str, Decimal]], whole: Decimal) -> list[Bar]:
    largest = max((amount for _label, amount in items), default=ZERO)
    bars = []
    for label, amount in items:
        share = (amount * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if whole else ZERO
        width = (amount * 100 / largest).quantize(Decimal("0.1")) if largest > 0 and amount > 0 else ZERO
        bars.append(Bar(label, amount, share, str(width)))
    return bars


def top_sheet(version: BudgetVersion, totals: BudgetTotals, *, labels: dict[str, str]) -> TopSheet:
    titles = {str(item["number"]): str(item["title"]) for item in version.settings.get("chapters", [])}
    chapters = [
        (f"{number} {titles.get(number, '')}".strip(), amount) for number, amount in totals.chapters.items()
    ]
    fringes = sorted(totals.fringes.items(), key=lambda item: -item[1])
    fringe_titles = {
        str(fringe["name"]): str(fringe.get("title") or fringe["name"])
        for fringe_set in version.settings.get("fringe_sets", [])
        for fringe in fringe_set.get("fringes", [])
    }
    return TopSheet(
        chapters=_bars(chapters, totals.subtotal),
        groups=_bars(
            [
                (labels["above"], totals.groups.get("above", ZERO)),
                (labels["below"], totals.groups.get("below", ZERO)),
            ],
            totals.subtotal,
        ),
        territory=_bars(
            [(labels["france"], totals.french), (labels["abroad"], totals.foreign)], totals.grand_total
        ),
        percentages=_bars(
            [(item.title, item.amount) for item in totals.percentages.values()], totals.grand_total
        ),
        fringes=_bars(
            [(fringe_titles.get(name, name), amount) for name, amount in fringes if amount],
            sum(totals.fringes.values(), ZERO),
        ),
        subtotal=totals.subtotal,
        grand_total=totals.grand_total,
    )
