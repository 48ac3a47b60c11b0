"""Checks that a plan can be computed, before any figure is: errors stop everything.

``check_plan_input(plan)`` raises ``FinancingError`` for the first bad field, naming a
source by its index and partner (``sources[3] "Région Bretagne": currency CHF has no
exchange rate…``), and returns the warnings for what is odd but computable (a source
that may be counted twice under another id, a source received without a date…).
Nothing is computed from a plan that fails: no partial result.
"""

from __future__ import annotations

import re
from decimal import Decimal

from clapboard.engines.budget.money import HUNDRED, ZERO, MoneyError, parse_currency
from clapboard.engines.financing.model import (
    CATEGORIES,
    CREDITS,
    GENRES,
    KINDS,
    PHASES,
    SOURCE_TYPES,
    STATUSES,
    FinancingError,
    Plan,
    Source,
)

__all__ = ["check_plan_input", "check_source"]

_COUNTRY = re.compile(r"[A-Z]{2}")
_REGION = re.compile(r"[A-Z]{2}(-[A-Z0-9]{1,3})?")
_PROFILE_KEY = re.compile(r"\*|(chapter|account|percentage):.+")


def check_plan_input(plan: Plan) -> tuple[str, ...]:
    """Raise ``FinancingError`` for the first bad field; return the warnings."""
    warnings: list[str] = []
    _check_header(plan)
    _check_budget(plan)
    _check_work(plan)
    seen: dict[tuple[str, str, Decimal | None, str], int] = {}
    partners: dict[tuple[str, str], int] = {}
    ids: dict[str, int] = {}
    rights = Decimal(0)
    for index, source in enumerate(plan.sources):
        label = source.label(index)
        if source.id in ids:
            raise FinancingError(label, f"id {source.id!r} is already used by sources[{ids[source.id]}]")
        ids[source.id] = index
        warnings.extend(check_source(plan, source, label))
        partner = " ".join(source.partner.casefold().split())
        key = (source.type, partner, source.amount, source.currency)
        if key in seen and source.amount is not None:
            raise FinancingError(
                label,
                f"counted twice: same partner, type and amount as sources[{seen[key]}] "
                f'"{plan.sources[seen[key]].partner}" (remove one, or make them one source with instalments)',
            )
        seen[key] = index
        if (source.type, partner) in partners:
            other = partners[source.type, partner]
            warnings.append(
                f"{label}: same partner and type as sources[{other}]; check that it is not counted twice"
            )
        partners[source.type, partner] = index
        if source.type == "coproduction" and source.rights_share is not None:
            rights += source.rights_share
            if rights > HUNDRED:
                raise FinancingError(
                    label, f"rights_share: the co-producers' rights add up to {rights}%, over 100%"
                )
    _check_scenarios(plan, ids)
    _check_phases(plan)
    _check_profile(plan)
    return tuple(warnings)


def _currency(code: str, path: str) -> None:
    try:
        parse_currency(code)
    except MoneyError as error:
        raise FinancingError(path, str(error)) from error


def _percentage(value: Decimal | None, path: str, what: str = "") -> None:
    if value is not None and not ZERO <= value <= HUNDRED:
        raise FinancingError(path, f"{what}{value}% is not a share between 0 and 100%")


def _check_header(plan: Plan) -> None:
    _currency(plan.currency, "currency")
    for code, rate in plan.exchange_rates.items():
        _currency(code, f"exchange_rates.{code}")
        if rate <= 0:
            raise FinancingError(f"exchange_rates.{code}", f"the rate must be above zero, not {rate}")
    if not _COUNTRY.fullmatch(plan.country):
        raise FinancingError("country", f"{plan.country!r} is not a two-letter country code in capitals (FR)")
    _percentage(plan.french_share, "french_share")
    if plan.cash_flow.period not in ("month", "week"):
        raise FinancingError("cash_flow.period", f"expected month or week, not {plan.cash_flow.period!r}")
    if plan.cash_flow.bridge_rate < 0:
        raise FinancingError("cash_flow.bridge_rate", "the interest rate cannot be negative")


def _check_budget(plan: Plan) -> None:
    budget = plan.budget
    if budget.currency and budget.currency != plan.currency:
        raise FinancingError(
            "budget.currency", f"the budget figures are in {budget.currency}, the plan in {plan.currency}"
        )
    if budget.total <= 0:
        raise FinancingError("budget.total", f"the budget total must be above zero, not {budget.total}")
    for name in ("french", "foreign", "excluding_overheads"):
        value = getattr(budget, name)
        if value is not None and value < 0:
            raise FinancingError(f"budget.{name}", f"cannot be negative ({value})")
    if budget.french + budget.foreign != budget.total:
        raise FinancingError(
            "budget.french",
            f"French ({budget.french}) and foreign ({budget.foreign}) spend add up to "
            f"{budget.french + budget.foreign}, not the total {budget.total}",
        )
    french = foreign = ZERO
    for name, split in budget.categories.items():
        if name not in CATEGORIES:
            raise FinancingError(
                f"budget.categories.{name}", f"unknown category (expected {', '.join(CATEGORIES)})"
            )
        if split.french < 0 or split.foreign < 0:
            raise FinancingError(f"budget.categories.{name}", "cannot be negative")
        french += split.french
        foreign += split.foreign
    if french > budget.french:
        raise FinancingError(
            "budget.categories",
            f"the French parts add up to {french}, more than the French spend {budget.french}",
        )
    if foreign > budget.foreign:
        raise FinancingError(
            "budget.categories",
            f"the foreign parts add up to {foreign}, more than the foreign spend {budget.foreign}",
        )
    if budget.chapters:
        spent = sum(budget.chapters.values(), ZERO) + sum(budget.percentages.values(), ZERO)
        if spent != budget.total:
            raise FinancingError(
                "budget.chapters",
                f"the chapters and percentage lines add up to {spent}, not the total {budget.total}",
            )
    for number, chapter in budget.account_chapters.items():
        if chapter not in budget.chapters:
            raise FinancingError(f"budget.account_chapters.{number}", f"unknown chapter {chapter!r}")
    for code, value in budget.countries.items():
        if code != "unassigned" and not _COUNTRY.fullmatch(code):
            raise FinancingError(f"budget.countries.{code}", "not a two-letter country code in capitals")
        if value < 0:
            raise FinancingError(f"budget.countries.{code}", "cannot be negative")
    if sum(budget.countries.values(), ZERO) > budget.total:
        raise FinancingError("budget.countries", "the spend per country adds up to more than the total")
    for code in budget.regions:
        if not _REGION.fullmatch(code):
            raise FinancingError(f"budget.regions.{code}", "not a region code such as FR-BRE")


def _check_work(plan: Plan) -> None:
    work = plan.work
    if work.kind not in KINDS:
        raise FinancingError("work.kind", f"expected one of {', '.join(KINDS)}, not {work.kind!r}")
    if work.genre not in GENRES:
        raise FinancingError("work.genre", f"expected one of {', '.join(GENRES)}, not {work.genre!r}")
    if work.duration_minutes is not None and work.duration_minutes <= 0:
        raise FinancingError("work.duration_minutes", "must be above zero")
    _percentage(work.vfx_shots_percentage, "work.vfx_shots_percentage")
    if work.shooting_days_france is not None and work.shooting_days_france < 0:
        raise FinancingError("work.shooting_days_france", "cannot be negative")


def check_source(plan: Plan, source: Source, label: str) -> list[str]:
    """Raise ``FinancingError`` for a bad field of one source; return its warnings."""
    warnings: list[str] = []
    if not source.id:
        raise FinancingError(label, "has no id")
    if not source.partner.strip():
        raise FinancingError(label, "has no partner")
    if source.type not in SOURCE_TYPES:
        raise FinancingError(
            label, f"unknown type {source.type!r} (expected one of {', '.join(SOURCE_TYPES)})"
        )
    if source.status not in STATUSES:
        raise FinancingError(
            label, f"unknown status {source.status!r} (expected one of {', '.join(STATUSES)})"
        )
    try:
        parse_currency(source.currency)
    except MoneyError as error:
        raise FinancingError(label, str(error)) from error
    if source.currency != plan.currency and source.currency not in plan.exchange_rates:
        raise FinancingError(
            label,
            f"amount in {source.currency}, which has no exchange rate to {plan.currency} "
            "(add it to exchange_rates)",
        )
    if source.credit is not None and source.credit not in CREDITS:
        raise FinancingError(
            label, f"unknown tax credit {source.credit!r} (expected one of {', '.join(CREDITS)})"
        )
    if source.credit is not None and source.type != "tax_credit":
        raise FinancingError(label, "only a tax_credit source names a credit")
    if source.amount is None:
        if source.credit is None:
            raise FinancingError(
                label, "has no amount (only a tax credit the engine computes may leave it out)"
            )
    elif source.amount < 0:
        raise FinancingError(label, f"amount cannot be negative ({source.amount})")
    for name in ("rights_share", "spend_share"):
        _percentage(getattr(source, name), label, f"{name} ")
    if source.country is not None and not _COUNTRY.fullmatch(source.country):
        raise FinancingError(label, f"country {source.country!r} is not a two-letter code in capitals (FR)")
    if source.territory is not None and not _REGION.fullmatch(source.territory):
        raise FinancingError(label, f"territory {source.territory!r} is not a code such as FR or FR-BRE")
    for name in ("spend_obligation", "interest_rate", "fees"):
        value = getattr(source, name)
        if value is not None and value < 0:
            raise FinancingError(label, f"{name} cannot be negative ({value})")
    for name in ("expected_date", "actual_date"):
        value = getattr(source, name)
        if value is not None and value < plan.start:
            raise FinancingError(
                label, f"{name} {value.isoformat()} is before the project starts ({plan.start.isoformat()})"
            )
    _check_instalments(plan, source, label)
    if source.status == "received" and source.actual_date is None and not source.instalments:
        warnings.append(f"{label}: received, but without an actual_date")
    return warnings


def _check_instalments(plan: Plan, source: Source, label: str) -> None:
    percentages = amounts = Decimal(0)
    for position, instalment in enumerate(source.instalments):
        path = f"{label}: instalments[{position}]"
        if instalment.date < plan.start:
            raise FinancingError(
                path,
                f"date {instalment.date.isoformat()} is before the project starts ({plan.start.isoformat()})",
            )
        if (instalment.amount is None) == (instalment.percentage is None):
            raise FinancingError(path, "give an amount or a percentage (one of them)")
        if instalment.percentage is not None:
            _percentage(instalment.percentage, path)
            percentages += instalment.percentage
        elif instalment.amount is not None:
            if instalment.amount < 0:
                raise FinancingError(path, "amount cannot be negative")
            amounts += instalment.amount
    if percentages > HUNDRED:
        raise FinancingError(label, f"instalments add up to {percentages}%, over 100%")
    if source.amount is not None and amounts > source.amount:
        raise FinancingError(label, f"instalments add up to {amounts}, more than the amount {source.amount}")


def _check_scenarios(plan: Plan, ids: dict[str, int]) -> None:
    seen: set[str] = set()
    for index, scenario in enumerate(plan.scenarios):
        path = f"scenarios[{index}]"
        if not scenario.id:
            raise FinancingError(path, "has no id")
        if scenario.id in seen:
            raise FinancingError(path, f"id {scenario.id!r} is used twice")
        seen.add(scenario.id)
        for source_id in scenario.without:
            if source_id not in ids:
                raise FinancingError(f"{path}.without", f"no source {source_id!r}")
        for source_id, amount in scenario.amounts.items():
            if source_id not in ids:
                raise FinancingError(f"{path}.amounts", f"no source {source_id!r}")
            if amount < 0:
                raise FinancingError(f"{path}.amounts.{source_id}", "cannot be negative")


def _check_phases(plan: Plan) -> None:
    seen: set[str] = set()
    for index, phase in enumerate(plan.phases):
        path = f"phases[{index}]"
        if phase.name not in PHASES[1:]:
            raise FinancingError(
                path, f"unknown phase {phase.name!r} (expected one of {', '.join(PHASES[1:])})"
            )
        if phase.name in seen:
            raise FinancingError(path, f"phase {phase.name} is given twice")
        seen.add(phase.name)
        if phase.end < phase.start:
            raise FinancingError(
                path, f"ends ({phase.end.isoformat()}) before it starts ({phase.start.isoformat()})"
            )
        if phase.start < plan.start:
            raise FinancingError(
                path,
                f"starts ({phase.start.isoformat()}) before the project starts ({plan.start.isoformat()})",
            )


def _check_profile(plan: Plan) -> None:
    for key, shares in plan.spend_profile.items():
        path = f"spend_profile.{key}"
        if not _PROFILE_KEY.fullmatch(key):
            raise FinancingError(path, "expected chapter:<n>, account:<n>, percentage:<id> or *")
        total = Decimal(0)
        for phase, share in shares.items():
            if phase not in PHASES:
                raise FinancingError(path, f"unknown phase {phase!r} (expected one of {', '.join(PHASES)})")
            _percentage(share, f"{path}.{phase}")
            total += share
        if total != HUNDRED:
            raise FinancingError(path, f"the shares add up to {total}%, not 100%")
