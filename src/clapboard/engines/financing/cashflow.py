"""The cash-flow plan: the budget spent over the phases, the sources drawn down, the
cash position month by month (or week by week), and the bridge financing it needs.

Spend. Each account (or chapter, or the total when the figures give no more) is split
between the phases by the spend profile: the plan's ``spend_profile`` first, then the
default curves of ``data/profiles/`` for the budget's layout (ESTIMATE), the most
precise key first (``account:31``, ``chapter:3``, ``percentage:FG``, ``*``). The share of
``signature`` is spent on the plan's start date; a phase's share is spread evenly over
its days. Each split is rounded to the cent so that the parts add up exactly: the last
phase, and the last period of a phase, take what the rounding left.

Receipts. A source is drawn down at its instalments (an amount in its currency, or a
percentage of the amount the scenario counts); what they leave, and a source with none,
comes on its ``actual_date``, else its ``expected_date``. A source with no date is left
out, with a warning. A deferment is not cash: it stands for spend that is not paid, so it
counts as available on the start date.

Position and bridge. The position is the cumulative receipts less the cumulative spend
at the end of each period. A negative position is the bridge financing needed; its
interest for the period is the bridge times the yearly rate times the period's days / 365,
rounded to the cent (simple interest, actual/365).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from clapboard.engines.budget.money import CENT, HUNDRED, ZERO
from clapboard.engines.financing.datafiles import spend_profiles
from clapboard.engines.financing.model import PHASES, FinancingError, Plan
from clapboard.engines.financing.rules import Counted

__all__ = ["CashFlow", "CashFlowPeriod", "compute_cash_flow", "spend_by_phase"]

YEAR_DAYS = Decimal(365)


@dataclass(frozen=True, slots=True)
class CashFlowPeriod:
    label: str
    """``2026-03`` for a month, ``2026-W10`` for an ISO week."""
    start: date
    end: date
    spend: Decimal
    receipts: Decimal
    net: Decimal
    position: Decimal
    bridge: Decimal
    interest: Decimal
    receipts_by_source: Mapping[str, Decimal]

    @property
    def is_negative(self) -> bool:
        return self.position < 0


@dataclass(frozen=True, slots=True)
class CashFlow:
    period: str
    bridge_rate: Decimal
    periods: tuple[CashFlowPeriod, ...]
    spend_by_phase: Mapping[str, Decimal]
    total_spend: Decimal
    total_receipts: Decimal
    peak_bridge: Decimal
    total_interest: Decimal
    negative_periods: tuple[str, ...]
    warnings: tuple[str, ...]
    profile: str
    """The default spend curves used (``spend v1``)."""


def _split(amount: Decimal, shares: Sequence[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """``amount`` split by percentages that add up to 100, to the cent, exactly."""
    parts = []
    left = amount
    for position, (name, share) in enumerate(shares):
        if position == len(shares) - 1:
            part = left
        else:
            part = (amount * share / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        left -= part
        parts.append((name, part))
    return parts


def _profile_items(plan: Plan) -> list[tuple[str, Decimal, tuple[str, ...]]]:
    """Each amount to spend, its name and its profile keys from the most precise."""
    budget = plan.budget
    items: list[tuple[str, Decimal, tuple[str, ...]]] = []
    if budget.accounts and budget.account_chapters:
        for number, amount in budget.accounts.items():
            chapter = budget.account_chapters.get(number)
            keys = (f"account:{number}", f"chapter:{chapter}", "*") if chapter else (f"account:{number}", "*")
            items.append((f"account:{number}", amount, keys))
    elif budget.chapters:
        for number, amount in budget.chapters.items():
            items.append((f"chapter:{number}", amount, (f"chapter:{number}", "*")))
    else:
        return [("*", budget.total, ("*",))]
    for key, amount in budget.percentages.items():
        items.append((f"percentage:{key}", amount, (f"percentage:{key}", "*")))
    return items


def spend_by_phase(plan: Plan) -> tuple[dict[str, Decimal], str]:
    """The budget spent in each phase, and the label of the default curves used."""
    defaults = spend_profiles()
    family = defaults.content["layouts"].get(plan.budget.layout, "*")
    default_profile: Mapping[str, Mapping[str, str]] = defaults.content["profiles"][family]
    totals = dict.fromkeys(PHASES, ZERO)
    known = {phase.name for phase in plan.phases} | {"signature"}
    for name, amount, keys in _profile_items(plan):
        shares: list[tuple[str, Decimal]] | None = None
        chosen = ""
        for key in keys:
            if key in plan.spend_profile:
                shares = list(plan.spend_profile[key].items())
                chosen = key
                break
        if shares is None:
            for key in keys:
                if key in default_profile:
                    shares = [(phase, Decimal(value)) for phase, value in default_profile[key].items()]
                    chosen = key
                    break
        if shares is None:  # pragma: no cover - every profile family has "*"
            raise FinancingError("spend_profile", f"no share for {name}")
        for phase, share in shares:
            if share and phase not in known:
                raise FinancingError(
                    "phases", f"no {phase} phase, but the spend profile ({chosen}) puts part of {name} in it"
                )
        for phase, part in _split(amount, shares):
            totals[phase] += part
    return totals, defaults.label


# ----------------------------------------------------------------------------- periods


def _period_start(day: date, period: str) -> date:
    if period == "month":
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def _next_start(start: date, period: str) -> date:
    if period == "month":
        return date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1)
    return start + timedelta(days=7)


def _label(start: date, period: str) -> str:
    if period == "month":
        return f"{start.year}-{start.month:02}"
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02}"


def _periods(first: date, last: date, period: str) -> list[tuple[date, date]]:
    bounds = []
    start = _period_start(first, period)
    while start <= last:
        following = _next_start(start, period)
        bounds.append((start, following - timedelta(days=1)))
        start = following
    return bounds


def _spread(amount: Decimal, start: date, end: date, bounds: Sequence[tuple[date, date]]) -> list[Decimal]:
    """``amount`` spread evenly over the days from ``start`` to ``end``, per period,
    rounded on the running total so that the parts add up exactly."""
    days = (end - start).days + 1
    result = []
    done = 0
    given = ZERO
    for period_start, period_end in bounds:
        overlap = (min(end, period_end) - max(start, period_start)).days + 1
        if overlap <= 0:
            result.append(ZERO)
            continue
        done += overlap
        running = amount if done == days else (amount * done / days).quantize(CENT, ROUND_HALF_UP)
        result.append(running - given)
        given = running
    return result


def _index(day: date, bounds: Sequence[tuple[date, date]]) -> int:
    for position, (start, end) in enumerate(bounds):
        if start <= day <= end:
            return position
    raise IndexError(day)  # pragma: no cover - the periods cover every date


# ----------------------------------------------------------------------------- the cash flow


def _drawdowns(
    plan: Plan, counted: Sequence[Counted], warnings: list[str]
) -> list[tuple[str, date, Decimal]]:
    """(source id, date, amount in the plan's currency) of every drawdown."""
    result = []
    for item in counted:
        source = item.source
        if not item.amount:
            continue
        if not source.kind.cash:
            result.append((source.id, plan.start, item.amount))
            continue
        rate = plan.exchange_rate(source.currency)
        left = item.amount
        for instalment in source.instalments:
            if instalment.percentage is not None:
                part = (item.amount * instalment.percentage / HUNDRED).quantize(CENT, ROUND_HALF_UP)
            else:
                part = ((instalment.amount or ZERO) * rate).quantize(CENT, ROUND_HALF_UP)
            part = min(part, left)
            if part:
                result.append((source.id, instalment.date, part))
                left -= part
        if left:
            when = source.actual_date or source.expected_date
            if when is None:
                what = "the rest of it" if source.instalments else "it"
                warnings.append(f"{item.label}: no date, so {what} ({left}) is left out of the cash flow")
            else:
                result.append((source.id, when, left))
    return result


def compute_cash_flow(plan: Plan, counted: Sequence[Counted]) -> CashFlow:
    """The cash flow of a scenario (``counted``: its sources as counted)."""
    warnings: list[str] = []
    period = plan.cash_flow.period
    rate = plan.cash_flow.bridge_rate
    phases, profile = spend_by_phase(plan)
    drawdowns = _drawdowns(plan, counted, warnings)
    last = max(
        [plan.start, *(phase.end for phase in plan.phases), *(when for _, when, _ in drawdowns)],
    )
    bounds = _periods(plan.start, last, period)
    spend = [ZERO] * len(bounds)
    spend[_index(plan.start, bounds)] += phases["signature"]
    for phase in plan.phases:
        for position, part in enumerate(_spread(phases[phase.name], phase.start, phase.end, bounds)):
            spend[position] += part
    receipts = [ZERO] * len(bounds)
    by_source: list[dict[str, Decimal]] = [{} for _ in bounds]
    for source_id, when, amount in drawdowns:
        position = _index(when, bounds)
        receipts[position] += amount
        by_source[position][source_id] = by_source[position].get(source_id, ZERO) + amount

    periods = []
    position_value = ZERO
    negative = []
    peak = total_interest = ZERO
    for index, (start, end) in enumerate(bounds):
        net = receipts[index] - spend[index]
        position_value += net
        bridge = -position_value if position_value < 0 else ZERO
        days = (end - start).days + 1
        interest = (bridge * rate / HUNDRED * days / YEAR_DAYS).quantize(CENT, ROUND_HALF_UP)
        label = _label(start, period)
        if bridge:
            negative.append(label)
        peak = max(peak, bridge)
        total_interest += interest
        periods.append(
            CashFlowPeriod(
                label=label,
                start=start,
                end=end,
                spend=spend[index],
                receipts=receipts[index],
                net=net,
                position=position_value,
                bridge=bridge,
                interest=interest,
                receipts_by_source=by_source[index],
            )
        )
    return CashFlow(
        period=period,
        bridge_rate=rate,
        periods=tuple(periods),
        spend_by_phase={name: value for name, value in phases.items() if value},
        total_spend=sum(spend, ZERO),
        total_receipts=sum(receipts, ZERO),
        peak_bridge=peak,
        total_interest=total_interest,
        negative_periods=tuple(negative),
        warnings=tuple(warnings),
        profile=profile,
    )
