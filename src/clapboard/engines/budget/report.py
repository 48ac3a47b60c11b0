"""The figures of a calculated budget for people and programs: JSON totals and a top sheet.

Amounts are printed as strings with exactly two decimals (``"1250.50"``): a JSON number
would be read as a binary float by most programs, and the cents would drift.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from clapboard.engines.budget.calculate import BudgetTotals
from clapboard.engines.budget.model import Budget
from clapboard.engines.budget.money import format_amount

__all__ = ["top_sheet", "totals_to_json"]


def totals_to_json(budget: Budget, totals: BudgetTotals) -> dict[str, Any]:
    """Totals by account, chapter, group, department, French/foreign and fringe."""
    chapter_titles = {chapter.number: chapter.title for chapter in budget.chapters}
    data: dict[str, Any] = {
        "title": budget.title,
        "layout": budget.layout,
        "currency": totals.currency,
        "grand_total": format_amount(totals.grand_total),
        "subtotal": format_amount(totals.subtotal),
        "groups": {group: format_amount(value) for group, value in totals.groups.items()},
        "chapters": {
            number: {"title": chapter_titles[number], "total": format_amount(value)}
            for number, value in totals.chapters.items()
        },
        "accounts": {
            account.number: {
                "title": account.title,
                "chapter": account.chapter,
                "group": account.group,
                "lines": format_amount(totals.accounts[account.number].lines),
                "fringes": format_amount(totals.accounts[account.number].fringes),
                "total": format_amount(totals.accounts[account.number].total),
            }
            for account in budget.accounts
        },
        "percentages": {
            key: {
                "title": item.title,
                "percentage": str(item.percentage),
                "base": format_amount(item.base),
                "amount": format_amount(item.amount),
            }
            for key, item in totals.percentages.items()
        },
        "french": format_amount(totals.french),
        "foreign": format_amount(totals.foreign),
        "departments": {name: format_amount(value) for name, value in sorted(totals.departments.items())},
        "fringes": {name: format_amount(value) for name, value in totals.fringes.items()},
        "fringe_total": format_amount(sum(totals.fringes.values(), Decimal(0))),
    }
    if totals.series is not None:
        series = totals.series
        data["series"] = {
            "episodes": series.episodes,
            "pattern_per_episode": format_amount(series.pattern_per_episode),
            "amortised_per_episode": format_amount(series.amortised_per_episode),
            "per_episode": format_amount(series.per_episode),
            "season": format_amount(series.season),
        }
    return data


def _row(label: str, value: Decimal, width: int = 52) -> str:
    return f"{label[:width]:<{width}} {value:>16,.2f}"


def top_sheet(budget: Budget, totals: BudgetTotals) -> str:
    """A readable top sheet: chapters, the groups, the percentage lines, the grand total."""
    heading = budget.title or budget.layout
    lines = [f"{heading} ({budget.layout}), {totals.currency}", ""]
    for chapter in budget.chapters:
        lines.append(_row(f"{chapter.number:>5}  {chapter.title}", totals.chapters[chapter.number]))
    lines.append("")
    lines.append(_row("Above the line", totals.groups["above"]))
    lines.append(_row("Below the line", totals.groups["below"]))
    lines.append(_row("Subtotal", totals.subtotal))
    for key, item in totals.percentages.items():
        lines.append(_row(f"{key}  {item.title} ({item.percentage}% of {item.base:,.2f})", item.amount))
    lines.append(_row("Grand total", totals.grand_total))
    lines.append("")
    lines.append(_row("of which fringes", sum(totals.fringes.values(), Decimal(0))))
    lines.append(_row("French share", totals.french))
    lines.append(_row("Foreign share", totals.foreign))
    if totals.series is not None:
        series = totals.series
        lines.append("")
        lines.append(_row(f"Per episode ({series.episodes} episodes)", series.per_episode))
        lines.append(_row("  pattern (per-episode lines)", series.pattern_per_episode))
        lines.append(_row("  season costs, amortised", series.amortised_per_episode))
        lines.append(_row("Season", series.season))
    return "\n".join(lines)
