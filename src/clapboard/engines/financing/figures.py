"""The plan's budget figures, built from a budget engine ``Budget`` and its ``BudgetTotals``.

Each detail line goes to a tax-credit expense category by the versioned mapping of its
layout (``data/categories/``): by its account, else by its chapter; a line that carries
fringe sets (somebody's pay) in an account listed under ``pay_lines`` goes to the category
given there. A line counts with its own social charges (``LineTotal.total``), even in the
CNC layouts where the devis shows the charges in chapter 4. The percentage lines below the
subtotal (frais généraux, imprévus, bond…) go to the mapping's ``percentages`` category.

The French part of each line is spent in France (``"FR"``); its foreign part in the
country ``foreign_countries`` gives for the line's id or its account number, else in
``foreign_country``, else it is recorded as ``"unassigned"``. ``regions`` likewise gives
the region (``"FR-BRE"``) where a line's French part is spent, for funds that require a
local spend.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from clapboard.engines.budget.calculate import BudgetTotals
from clapboard.engines.budget.model import Budget
from clapboard.engines.budget.money import CENT, CONTEXT, HUNDRED, ZERO
from clapboard.engines.financing.datafiles import category_mapping
from clapboard.engines.financing.model import CATEGORIES, BudgetFigures, Split

__all__ = ["UNASSIGNED", "budget_figures"]

UNASSIGNED = "unassigned"


def budget_figures(
    budget: Budget,
    totals: BudgetTotals,
    *,
    on: date | None = None,
    foreign_country: str | None = None,
    foreign_countries: Mapping[str, str] | None = None,
    regions: Mapping[str, str] | None = None,
) -> BudgetFigures:
    """The figures a plan needs from ``budget`` and its calculated ``totals``.

    ``on`` picks the version of the category mapping in effect on that date (default:
    the latest). A layout without a mapping puts every line in ``not_eligible``.
    """
    mapping = category_mapping(budget.layout, on)
    content = mapping.content if mapping is not None else {}
    by_account: Mapping[str, str] = content.get("accounts", {})
    by_chapter: Mapping[str, str] = content.get("chapters", {})
    pay_lines: Mapping[str, str] = content.get("pay_lines", {})
    director_accounts = frozenset(content.get("director_accounts", ()))
    vfx_accounts = frozenset(content.get("vfx_accounts", ()))
    overheads = frozenset(content.get("overheads", ()))
    below_category = str(content.get("percentages", "not_eligible"))
    place = foreign_countries or {}
    local = regions or {}

    french = dict.fromkeys(CATEGORIES, ZERO)
    foreign = dict.fromkeys(CATEGORIES, ZERO)
    director, vfx = [ZERO, ZERO], [ZERO, ZERO]
    countries: dict[str, Decimal] = {}
    region_spend: dict[str, Decimal] = {}
    for account, line in budget.lines():
        figures = totals.lines[line.id]
        number = account.number
        category = by_account.get(number) or by_chapter.get(account.chapter) or "not_eligible"
        if line.fringe_sets and number in pay_lines:
            category = pay_lines[number]
        french[category] += figures.french
        foreign[category] += figures.foreign
        if number in director_accounts:
            director[0] += figures.french
            director[1] += figures.foreign
        if number in vfx_accounts:
            vfx[0] += figures.french
            vfx[1] += figures.foreign
        _add(countries, "FR", figures.french)
        country = place.get(line.id) or place.get(number) or foreign_country or UNASSIGNED
        _add(countries, country, figures.foreign)
        region = local.get(line.id) or local.get(number)
        if region is not None:
            _add(region_spend, region, figures.french)

    with localcontext(CONTEXT):
        for item in budget.percentages:
            amount = totals.percentages[item.id].amount
            french_part = (amount * item.french_share / HUNDRED).quantize(CENT, ROUND_HALF_UP)
            french[below_category] += french_part
            foreign[below_category] += amount - french_part
            _add(countries, "FR", french_part)
            _add(countries, foreign_country or UNASSIGNED, amount - french_part)
    overhead_total = sum(
        (totals.percentages[key].amount for key in overheads if key in totals.percentages), ZERO
    )
    return BudgetFigures(
        total=totals.grand_total,
        french=totals.french,
        foreign=totals.foreign,
        excluding_overheads=totals.grand_total - overhead_total,
        categories={name: Split(french[name], foreign[name]) for name in CATEGORIES},
        director=Split(director[0], director[1]) if director_accounts else None,
        vfx=Split(vfx[0], vfx[1]) if vfx_accounts else None,
        chapters=dict(totals.chapters),
        accounts={number: value.total for number, value in totals.accounts.items()},
        account_chapters={account.number: account.chapter for account in budget.accounts},
        percentages={key: value.amount for key, value in totals.percentages.items()},
        countries={key: value for key, value in countries.items() if value},
        regions=region_spend,
        currency=totals.currency,
        layout=budget.layout,
        mapping=mapping.label if mapping is not None else "",
    )


def _add(target: dict[str, Decimal], key: str, value: Decimal) -> None:
    if value:
        target[key] = target.get(key, ZERO) + value
