"""The rules a plan is checked against: aid ceilings, co-production shares and spend.

Each check returns a ``RuleResult``: its status (``ok``, ``over`` a ceiling, ``fail``
a condition, ``not_applicable``, ``not_checked`` for want of data), a message, the
numbers it used, and where it comes from (the rule's source, its date of effect, the
rule set and version). A rule whose data DOMAIN.md flags carries the warnings.

The checks read a ``Counted`` view of the scenario: each source as counted (converted to
the plan's currency, the tax credits computed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from clapboard.engines.budget.money import CENT, HUNDRED, ZERO
from clapboard.engines.financing.datafiles import Rule, Trace
from clapboard.engines.financing.model import Plan, Source

__all__ = [
    "Counted",
    "RuleResult",
    "check_cnc_aid",
    "check_coproduction_shares",
    "check_coproduction_spend",
    "check_eu_aid_intensity",
    "check_eurimages",
    "check_public_aid",
    "check_territorial_spend",
    "not_checked",
]

Number = Decimal | str


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str
    """``fr.public_aid_intensity``: the rule set's id and the rule's."""
    title: str
    status: str
    message: str
    numbers: Mapping[str, Number]
    source: str
    effective_from: date | None
    rule_set: str
    warnings: tuple[str, ...] = ()
    over: Decimal | None = None
    """The amount over the ceiling, for a rule whose status is ``over``."""


@dataclass(frozen=True, slots=True)
class Counted:
    """A source as a scenario counts it."""

    source: Source
    label: str
    amount: Decimal
    """In the plan's currency."""
    public: bool
    country: str


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return ZERO
    return (part * HUNDRED / whole).quantize(CENT, ROUND_HALF_UP)


def _of(base: Decimal, percentage: Decimal) -> Decimal:
    return (base * percentage / HUNDRED).quantize(CENT, ROUND_HALF_UP)


def _result(
    rule: Rule,
    trace: Trace,
    status: str,
    message: str,
    numbers: Mapping[str, Number],
    *,
    prefix: str,
    over: Decimal | None = None,
    warnings: Sequence[str] = (),
) -> RuleResult:
    return RuleResult(
        rule=f"{prefix}.{rule.id}",
        title=rule.title,
        status=status,
        message=message,
        numbers=dict(numbers),
        source=rule.source,
        effective_from=rule.effective_from,
        rule_set=rule.rule_set,
        warnings=(*warnings, *trace.warnings()),
        over=over,
    )


def not_checked(rule_id: str, title: str, reason: str) -> RuleResult:
    return RuleResult(rule_id, title, "not_checked", reason, {}, "", None, "")


def _ceiling(
    rule: Rule,
    trace: Trace,
    *,
    prefix: str,
    counted: Sequence[Counted],
    base: Decimal,
    base_label: str,
    percentage: Decimal,
    why: str,
    what: str,
    warnings: Sequence[str] = (),
) -> RuleResult:
    total = sum((item.amount for item in counted), ZERO)
    ceiling = _of(base, percentage)
    numbers: dict[str, Number] = {
        "base": base,
        "base_is": base_label,
        "ceiling_percentage": percentage,
        "ceiling_reason": why,
        "ceiling": ceiling,
        what: total,
        f"{what}_percentage": _percent(total, base),
    }
    for item in counted:
        numbers[f"{what}[{item.source.id}]"] = item.amount
    if total > ceiling:
        over = total - ceiling
        numbers["over"] = over
        message = (
            f"{what.replace('_', ' ')} {total} is {_percent(total, base)}% of {base_label}, over the "
            f"{percentage}% ceiling ({why}) by {over}"
        )
        return _result(rule, trace, "over", message, numbers, prefix=prefix, over=over, warnings=warnings)
    message = f"{what.replace('_', ' ')} {total} is {_percent(total, base)}% of {base_label}, within {percentage}% ({why})"
    return _result(rule, trace, "ok", message, numbers, prefix=prefix, warnings=warnings)


# ----------------------------------------------------------------------------- France


def check_public_aid(
    rule: Rule, plan: Plan, counted: Sequence[Counted], french_share: Decimal, *, prefix: str
) -> RuleResult:
    """All public aids of the plan's country (tax credits included where the rule says so)
    against the general ceiling or its documented exceptions."""
    trace = Trace(rule)
    work = plan.work
    include_credits = trace.flag("tax_credits_count")
    public = [
        item
        for item in counted
        if item.public
        and item.country == plan.country
        and (include_credits or item.source.type != "tax_credit")
    ]
    base = _of(plan.budget.total, french_share)
    base_label = (
        "the budget" if french_share == HUNDRED else f"the French share ({french_share}% of the budget)"
    )
    if work.kind == "short":
        percentage, why = trace.required("short_percentage"), "short film"
    elif work.kind == "audiovisual":
        if work.difficult:
            percentage = trace.required("audiovisual_difficult_percentage")
            why = "difficult and small-budget audiovisual work"
        else:
            percentage, why = (
                trace.required("audiovisual_percentage"),
                "general ceiling for audiovisual works",
            )
    else:
        small = trace.required("small_budget_maximum")
        if work.first_or_second_film:
            percentage = trace.required("derogation_percentage")
            why = "derogation for a director's first or second film, if the CNC president allows it"
        elif plan.budget.total <= small:
            percentage = trace.required("derogation_percentage")
            why = f"derogation for a budget of at most {small}, if the CNC president allows it"
        else:
            percentage, why = trace.required("general_percentage"), "general ceiling"
    return _ceiling(
        rule,
        trace,
        prefix=prefix,
        counted=public,
        base=base,
        base_label=base_label,
        percentage=percentage,
        why=why,
        what="public_aid",
    )


def check_cnc_aid(
    rule: Rule, plan: Plan, counted: Sequence[Counted], french_share: Decimal, *, prefix: str
) -> RuleResult:
    trace = Trace(rule)
    if plan.work.kind != "cinema":
        return _result(
            rule, trace, "not_applicable", "the CNC-aid ceiling is for feature films", {}, prefix=prefix
        )
    percentage = trace.required("cnc_percentage")
    base = _of(plan.budget.total, french_share)
    label = "the budget" if french_share == HUNDRED else f"the French share ({french_share}% of the budget)"
    return _ceiling(
        rule,
        trace,
        prefix=prefix,
        counted=[item for item in counted if item.source.kind.cnc],
        base=base,
        base_label=label,
        percentage=percentage,
        why="CNC aids for a feature",
        what="cnc_aid",
    )


# ----------------------------------------------------------------------------- Europe


def _difficult(plan: Plan) -> bool:
    return plan.work.difficult or plan.work.first_or_second_film


def check_eu_aid_intensity(
    rule: Rule, plan: Plan, counted: Sequence[Counted], countries: Sequence[str], *, prefix: str
) -> RuleResult:
    """All public money, whatever its country, against the EU intensity limits."""
    trace = Trace(rule)
    public = [item for item in counted if item.public]
    if _difficult(plan) and trace.flag("difficult_unlimited"):
        return _result(
            rule,
            trace,
            "not_applicable",
            "no intensity limit for a difficult work (a first or second film, or work.difficult)",
            {"public_aid": sum((item.amount for item in public), ZERO)},
            prefix=prefix,
        )
    funding_countries = sorted({item.country for item in public} | set(countries))
    if len(funding_countries) > 1:
        percentage = trace.required("cross_border_percentage")
        why = f"cross-border production ({', '.join(funding_countries)})"
    else:
        percentage, why = trace.required("general_percentage"), "general limit"
    return _ceiling(
        rule,
        trace,
        prefix=prefix,
        counted=public,
        base=plan.budget.total,
        base_label="the budget",
        percentage=percentage,
        why=why,
        what="public_aid",
    )


def check_territorial_spend(rule: Rule, plan: Plan, counted: Sequence[Counted], *, prefix: str) -> RuleResult:
    """Each fund's spending obligation: within the EU limits, and met by the budget."""
    trace = Trace(rule)
    funds = [item for item in counted if item.source.spend_obligation is not None]
    if not funds:
        return _result(
            rule,
            trace,
            "not_applicable",
            "no source has a territorial spending obligation",
            {},
            prefix=prefix,
        )
    maximum = trace.required("obligation_maximum_percentage")
    activity = trace.required("minimum_activity_maximum_percentage")
    numbers: dict[str, Number] = {"obligation_maximum_percentage": maximum}
    problems: list[str] = []
    warnings: list[str] = []
    for item in funds:
        source = item.source
        obligation = source.spend_obligation or ZERO
        territory = source.territory or item.country
        required = _of(item.amount, obligation)
        spent = _territory_spend(plan, territory)
        key = source.id
        numbers[f"required[{key}]"] = required
        numbers[f"territory[{key}]"] = territory
        if obligation > maximum:
            problems.append(
                f"{item.label}: requires {obligation}% of its aid spent locally, over the {maximum}% limit"
            )
        if required > _of(plan.budget.total, activity):
            problems.append(
                f"{item.label}: requires {required} spent locally, over {activity}% of the budget"
            )
        if spent is None:
            warnings.append(f"{item.label}: the budget figures give no spend for {territory}: not checked")
            continue
        numbers[f"spent[{key}]"] = spent
        if spent < required:
            problems.append(
                f"{item.label}: requires {required} spent in {territory}, the budget spends {spent}"
            )
    if problems:
        return _result(rule, trace, "fail", "; ".join(problems), numbers, prefix=prefix, warnings=warnings)
    return _result(
        rule, trace, "ok", "every spending obligation is within the limits and met", numbers,
        prefix=prefix, warnings=warnings,
    )  # fmt: skip


def _territory_spend(plan: Plan, territory: str) -> Decimal | None:
    if territory in plan.budget.regions:
        return plan.budget.regions[territory]
    if territory in plan.budget.countries:
        return plan.budget.countries[territory]
    if territory == "FR" and not plan.budget.countries:
        return plan.budget.french
    return None


@dataclass(frozen=True, slots=True)
class Producer:
    """A co-producer with its share of the rights (the delegate producer holds the rest)."""

    name: str
    country: str
    share: Decimal


def producers(plan: Plan, counted: Sequence[Counted]) -> list[Producer]:
    partners = [
        Producer(item.source.partner, item.country, item.source.rights_share or Decimal(0))
        for item in counted
        if item.source.type == "coproduction"
    ]
    own = HUNDRED - sum((item.share for item in partners), Decimal(0))
    return [Producer("the delegate producer", plan.country, own), *partners]


def check_coproduction_shares(
    rule: Rule, plan: Plan, counted: Sequence[Counted], *, prefix: str
) -> RuleResult:
    trace = Trace(rule)
    people = producers(plan, counted)
    countries = {item.country for item in people}
    if len(countries) < 2:
        return _result(rule, trace, "not_applicable", "not an international co-production", {}, prefix=prefix)
    kind = "bilateral" if len(countries) == 2 else "multilateral"
    least, most = trace.required(f"{kind}_minimum"), trace.required(f"{kind}_maximum")
    trace.parameter("ratification")
    numbers: dict[str, Number] = {"kind": kind, "minimum": least, "maximum": most}
    problems = []
    for item in people:
        numbers[f"share[{item.name}]"] = item.share
        if not least <= item.share <= most:
            problems.append(f"{item.name} ({item.country}) holds {item.share}%, outside {least}-{most}%")
    if problems:
        return _result(rule, trace, "fail", f"{kind}: " + "; ".join(problems), numbers, prefix=prefix)
    return _result(
        rule, trace, "ok", f"{kind}: every share is within {least}-{most}%", numbers, prefix=prefix
    )


def check_eurimages(rule: Rule, plan: Plan, counted: Sequence[Counted], *, prefix: str) -> RuleResult:
    trace = Trace(rule)
    if not any(item.source.type == "eurimages" for item in counted):
        return _result(
            rule, trace, "not_applicable", "no Eurimages source in this scenario", {}, prefix=prefix
        )
    people = producers(plan, counted)
    countries = {item.country for item in people}
    problems = []
    numbers: dict[str, Number] = {}
    minutes = plan.work.duration_minutes
    least_minutes = trace.required("minimum_minutes")
    if minutes is None:
        problems.append("work.duration_minutes is needed")
    elif minutes < least_minutes:
        problems.append(f"{minutes} minutes, under {least_minutes}")
    least_countries = trace.required("minimum_countries")
    if len(countries) < least_countries:
        problems.append(f"co-producers from {len(countries)} country, at least {least_countries} needed")
    by_country: dict[str, Decimal] = {}
    for item in people:
        by_country[item.country] = by_country.get(item.country, Decimal(0)) + item.share
    if len(by_country) >= 2:
        if len(by_country) == 2:
            large = trace.required("bilateral_large_budget")
            if plan.budget.total > large:
                most = trace.required("bilateral_large_majority_maximum")
            else:
                most = trace.required("bilateral_majority_maximum")
            least = trace.required("bilateral_minority_minimum")
        else:
            most = trace.required("multilateral_majority_maximum")
            least = trace.required("multilateral_minority_minimum")
        numbers.update({"majority_maximum": most, "minority_minimum": least})
        majority = max(by_country, key=lambda code: by_country[code])
        for code, share in sorted(by_country.items()):
            numbers[f"share[{code}]"] = share
            if code == majority and share > most:
                problems.append(f"majority {code} holds {share}%, over {most}%")
            elif code != majority and share < least:
                problems.append(f"minority {code} holds {share}%, under {least}%")
    trace.parameter("non_member_maximum")
    if problems:
        return _result(rule, trace, "fail", "; ".join(problems), numbers, prefix=prefix)
    return _result(
        rule, trace, "ok", "duration and co-producers' shares are within the limits", numbers, prefix=prefix
    )


def check_coproduction_spend(
    rule: Rule, plan: Plan, counted: Sequence[Counted], *, prefix: str
) -> RuleResult:
    """Each co-producer's spend share (or rights share) against the budget's spend in its
    country."""
    trace = Trace(rule)
    partners = [
        item for item in counted if item.source.type == "coproduction" and item.country != plan.country
    ]
    if not partners:
        return _result(rule, trace, "not_applicable", "no foreign co-producer", {}, prefix=prefix)
    trace.parameter("tolerance_percentage")
    total = plan.budget.total
    numbers: dict[str, Number] = {"budget": total}
    problems = []
    warnings = []
    if "unassigned" in plan.budget.countries:
        warnings.append(
            f"{plan.budget.countries['unassigned']} of foreign spend is not assigned to a country "
            "(budget.countries.unassigned)"
        )
    for item in partners:
        source = item.source
        share = source.spend_share if source.spend_share is not None else source.rights_share
        if share is None:
            warnings.append(f"{item.label}: no spend_share or rights_share: not checked")
            continue
        expected = _of(total, share)
        spent = plan.budget.countries.get(item.country, ZERO)
        numbers[f"share[{source.id}]"] = share
        numbers[f"expected[{source.id}]"] = expected
        numbers[f"spent[{source.id}]"] = spent
        if spent < expected:
            problems.append(
                f"{item.label} ({item.country}): {share}% of the budget is {expected}, "
                f"the budget spends {spent} in {item.country} ({_percent(spent, total)}%), short by {expected - spent}"
            )
    if problems:
        return _result(rule, trace, "fail", "; ".join(problems), numbers, prefix=prefix, warnings=warnings)
    return _result(
        rule, trace, "ok", "each co-producer's country gets at least its share of the spend", numbers,
        prefix=prefix, warnings=warnings,
    )  # fmt: skip
