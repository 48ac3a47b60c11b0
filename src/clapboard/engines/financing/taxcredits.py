"""The French tax credits computed from the budget's eligible French expenses.

* ``cic``: crédit d'impôt cinéma (CGI art. 220 sexies), cinema works;
* ``cia``: crédit d'impôt audiovisuel (same article), television works;
* ``c2i``: crédit d'impôt international (TRIP, CGI art. 220 quaterdecies), foreign works
  made in France.

Each result shows the base (the French expenses of each eligible category, then each
adjustment: the director's pay over its cap, the subsidies deducted, the cap on the
base), the rate applied and why, the credit before and after its cap, and the reasons
the work is not eligible. Every figure comes from the rule set's data (``data/rules/``);
a parameter whose figure DOMAIN.md flags (TO VERIFY, CONFLICT, NOT FOUND) adds a warning.

Rounding: the credit is the base times the rate, rounded to the cent half up; every
other figure is a sum of cents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from clapboard.engines.budget.money import CENT, HUNDRED, ZERO
from clapboard.engines.financing.datafiles import Rule, RuleSet, Trace
from clapboard.engines.financing.model import Plan

__all__ = ["CREDIT_TITLES", "Adjustment", "TaxCreditResult", "applicable_credits", "compute_credit"]

CREDIT_TITLES = {
    "cic": "Crédit d'impôt cinéma",
    "cia": "Crédit d'impôt audiovisuel",
    "c2i": "Crédit d'impôt international (TRIP / C2I)",
}


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A change to the base: ``amount`` is negative for a deduction."""

    label: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class TaxCreditResult:
    credit: str
    title: str
    eligible: bool
    reasons: tuple[str, ...]
    """Why the work is not eligible (empty when it is)."""
    categories: Mapping[str, Decimal]
    """The French expenses of each eligible category."""
    expenses: Decimal
    adjustments: tuple[Adjustment, ...]
    base: Decimal
    rate: Decimal
    rate_reason: str
    credit_before_cap: Decimal
    cap: Decimal | None
    cap_reason: str
    amount: Decimal
    """The credit: zero when the work is not eligible."""
    source: str
    effective_from: date
    rule_set: str
    warnings: tuple[str, ...]


def applicable_credits(plan: Plan) -> tuple[str, ...]:
    """The credits the work would claim, plus any a tax-credit source names."""
    work = plan.work
    if work.foreign_production:
        wanted = {"c2i"}
    elif work.kind == "audiovisual":
        wanted = {"cia"}
    else:
        wanted = {"cic"}
    wanted |= {source.credit for source in plan.sources if source.credit is not None}
    return tuple(credit for credit in CREDIT_TITLES if credit in wanted)


@dataclass(slots=True)
class _Draft:
    """The figures of a credit as they are worked out."""

    trace: Trace
    categories: dict[str, Decimal]
    reasons: list[str]
    warnings: list[str]
    adjustments: list[Adjustment]

    @property
    def expenses(self) -> Decimal:
        return sum(self.categories.values(), ZERO)


def compute_credit(
    credit: str,
    plan: Plan,
    rules: RuleSet | None,
    *,
    subsidies: Sequence[tuple[str, Decimal]],
    cnc_sources: Sequence[str],
    french_share: Decimal,
) -> TaxCreditResult:
    """The credit ``credit`` for ``plan`` under the French ``rules``.

    ``subsidies`` are the non-repayable public subsidies of the scenario (label, amount),
    deducted where the rule says so; ``cnc_sources`` the labels of its CNC aids (they bar
    the international credit); ``french_share`` the French share of a co-production (%).
    """
    if rules is None or credit not in rules.rules:
        return _not_checked(credit, plan)
    rule = rules.rules[credit]
    trace = Trace(rule)
    eligible_categories = trace.table("categories")
    draft = _Draft(
        trace=trace,
        categories={
            name: plan.budget.categories[name].french
            for name in eligible_categories
            if name in plan.budget.categories
        },
        reasons=[],
        warnings=[],
        adjustments=[],
    )
    if not plan.budget.categories:
        draft.warnings.append(
            "the budget figures have no expenses by category: the base is zero "
            "(build them with budget_figures, or give budget.categories)"
        )
    if credit == "cic":
        return _cic(rule, plan, draft, subsidies, french_share)
    if credit == "cia":
        return _cia(rule, plan, draft, subsidies)
    return _c2i(rule, plan, draft, subsidies, cnc_sources)


def _not_checked(credit: str, plan: Plan) -> TaxCreditResult:
    return TaxCreditResult(
        credit=credit,
        title=CREDIT_TITLES[credit],
        eligible=False,
        reasons=(f"no rule set for {plan.country}: the {CREDIT_TITLES[credit]} is a French credit",),
        categories={},
        expenses=ZERO,
        adjustments=(),
        base=ZERO,
        rate=ZERO,
        rate_reason="",
        credit_before_cap=ZERO,
        cap=None,
        cap_reason="",
        amount=ZERO,
        source="",
        effective_from=plan.start,
        rule_set="",
        warnings=(),
    )


def _deduct_subsidies(draft: _Draft, subsidies: Sequence[tuple[str, Decimal]]) -> None:
    if draft.trace.flag("deduct_subsidies"):
        for label, amount in subsidies:
            if amount:
                draft.adjustments.append(Adjustment(f"subsidy deducted: {label}", -amount))


def _finish(
    credit: str,
    rule: Rule,
    draft: _Draft,
    *,
    base_cap: tuple[Decimal, str] | None,
    rate: Decimal,
    rate_reason: str,
    cap: Decimal | None,
    cap_reason: str,
) -> TaxCreditResult:
    base = max(ZERO, draft.expenses + sum((item.amount for item in draft.adjustments), ZERO))
    adjustments = list(draft.adjustments)
    if base_cap is not None and base > base_cap[0]:
        adjustments.append(Adjustment(base_cap[1], base_cap[0] - base))
        base = base_cap[0]
    before_cap = (base * rate / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    amount = before_cap if cap is None else min(before_cap, cap)
    eligible = not draft.reasons
    return TaxCreditResult(
        credit=credit,
        title=CREDIT_TITLES[credit],
        eligible=eligible,
        reasons=tuple(draft.reasons),
        categories=dict(draft.categories),
        expenses=draft.expenses,
        adjustments=tuple(adjustments),
        base=base,
        rate=rate,
        rate_reason=rate_reason,
        credit_before_cap=before_cap,
        cap=cap,
        cap_reason=cap_reason,
        amount=amount if eligible else ZERO,
        source=rule.source,
        effective_from=rule.effective_from,
        rule_set=rule.rule_set,
        warnings=(*draft.warnings, *draft.trace.warnings()),
    )


def _money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


# ----------------------------------------------------------------------------- crédit d'impôt cinéma


def _cic(
    rule: Rule, plan: Plan, draft: _Draft, subsidies: Sequence[tuple[str, Decimal]], french_share: Decimal
) -> TaxCreditResult:
    trace, work, budget = draft.trace, plan.work, plan.budget
    if work.kind == "audiovisual":
        draft.reasons.append("the film credit is for cinema works; this is an audiovisual work (the CIA)")
    if work.foreign_production:
        draft.reasons.append(
            "a foreign work made in France claims the international credit, not the film credit"
        )
    vfx_minimum = trace.required("vfx_shots_minimum")
    if work.genre == "animation":
        rate, why = trace.required("rate_animation"), "animation, whatever the language"
    elif work.language == "fr":
        rate, why = trace.required("rate_french_language"), "a film made mainly in French"
    elif work.genre == "fiction" and work.vfx_shots_percentage >= vfx_minimum:
        rate = trace.required("rate_vfx")
        why = (
            f"fiction with {work.vfx_shots_percentage}% of shots digitally processed (at least {vfx_minimum}%), "
            "treated like animation"
        )
    elif work.foreign_language_justified:
        rate, why = trace.required("rate_foreign_language"), "a foreign language justified by the script"
    else:
        rate, why = ZERO, "no rate"
        draft.reasons.append(
            f"a film in a foreign language ({work.language}) is eligible only when the script justifies it"
        )

    director = budget.director
    if director is not None and director.french:
        limit = _director_cap(trace, budget.total)
        if director.french > limit:
            draft.adjustments.append(
                Adjustment(
                    f"director's pay above its cap ({_money(limit)}: tranches of the production cost, "
                    f"at most {_money(trace.required('director_maximum'))})",
                    limit - director.french,
                )
            )
    if draft.categories.get("transport_catering_lodging"):
        trace.parameter("transport_catering_lodging_cap")
    trace.parameter("points_grid")
    _deduct_subsidies(draft, subsidies)
    percentage = trace.required("base_cap_percentage")
    french_part = (budget.total * french_share / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    limit = (french_part * percentage / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    of_what = "the budget" if french_share == HUNDRED else f"the French share ({french_share}% of the budget)"
    return _finish(
        "cic",
        rule,
        draft,
        base_cap=(limit, f"base capped at {percentage}% of {of_what}"),
        rate=rate,
        rate_reason=why,
        cap=trace.required("cap_per_work"),
        cap_reason="per work",
    )


def _director_cap(trace: Trace, cost: Decimal) -> Decimal:
    """The director's pay that counts: tranches of the production cost, up to a maximum."""
    cap = ZERO
    lower = ZERO
    for tranche in trace.table("director_tranches"):
        upper = Decimal(str(tranche["up_to"]))
        if cost > lower:
            cap += (min(cost, upper) - lower) * Decimal(str(tranche["percentage"])) / HUNDRED
        lower = upper
    return min(cap.quantize(CENT, ROUND_HALF_UP), trace.required("director_maximum"))


# ----------------------------------------------------------------------------- crédit d'impôt audiovisuel


def _cia(rule: Rule, plan: Plan, draft: _Draft, subsidies: Sequence[tuple[str, Decimal]]) -> TaxCreditResult:
    trace, work, budget = draft.trace, plan.work, plan.budget
    if work.kind != "audiovisual":
        draft.reasons.append(
            "the audiovisual credit is for television works; this is a cinema work (the CIC)"
        )
    if work.foreign_production:
        draft.reasons.append("a foreign work made in France claims the international credit")
    genre = work.genre
    rate = trace.required(f"rate_{genre}")
    why = {"fiction": "fiction", "animation": "animation", "documentary": "documentary"}.get(
        genre, "other genres"
    )
    minutes = work.duration_minutes
    cap: Decimal | None = None
    cap_reason = ""
    if minutes is None:
        draft.reasons.append("work.duration_minutes is needed: the thresholds and caps are per minute")
    elif genre == "other":
        trace.parameter("cap_other_per_minute")
        draft.warnings.append("no eligibility threshold is known for this genre: not checked")
    else:
        measured = budget.total
        if genre == "animation":
            if budget.excluding_overheads is None:
                draft.warnings.append(
                    "the animation threshold is measured without frais généraux and imprévus, "
                    "which the budget figures do not give: the total is used"
                )
            else:
                measured = budget.excluding_overheads
        per_minute = (measured / minutes).quantize(CENT, ROUND_HALF_UP)
        floor_name = "youth_fiction" if genre == "fiction" and work.youth else genre
        least_minutes = trace.required(f"{genre}_minimum_minutes")
        least_cost = trace.required(f"{floor_name}_minimum_per_minute")
        if minutes < least_minutes:
            draft.reasons.append(f"{minutes} minutes: {genre} needs at least {least_minutes}")
        if per_minute < least_cost:
            draft.reasons.append(
                f"{_money(per_minute)} a minute: {genre} needs at least {_money(least_cost)} a minute"
            )
        if genre == "fiction":
            cost_per_minute = (budget.total / minutes).quantize(CENT, ROUND_HALF_UP)
            tiers = trace.table("fiction_tiers")
            tier = max(
                (item for item in tiers if Decimal(str(item["from"])) <= cost_per_minute),
                key=lambda item: Decimal(str(item["from"])),
            )
            per_minute_cap = Decimal(str(tier["cap"]))
            cap_reason = (
                f"{_money(per_minute_cap)} a minute for fiction costing {_money(cost_per_minute)} a minute "
                f"(tier from {_money(Decimal(str(tier['from'])))}), times {minutes} minutes"
            )
        else:
            per_minute_cap = trace.required(f"cap_{genre}_per_minute")
            cap_reason = f"{_money(per_minute_cap)} a minute for {genre}, times {minutes} minutes"
        cap = (per_minute_cap * minutes).quantize(CENT, ROUND_HALF_UP)
    trace.parameter("points_grid")
    trace.parameter("deduct_subsidies")
    _deduct_subsidies(draft, subsidies)
    return _finish(
        "cia", rule, draft, base_cap=None, rate=rate, rate_reason=why, cap=cap, cap_reason=cap_reason
    )


# ----------------------------------------------------------------------------- crédit d'impôt international


def _c2i(
    rule: Rule,
    plan: Plan,
    draft: _Draft,
    subsidies: Sequence[tuple[str, Decimal]],
    cnc_sources: Sequence[str],
) -> TaxCreditResult:
    trace, work, budget = draft.trace, plan.work, plan.budget
    if not work.foreign_production:
        draft.reasons.append(
            "the international credit is for foreign works made in France (work.foreign_production)"
        )
    genres = trace.table("genres")
    if work.genre not in genres:
        draft.reasons.append(f"{work.genre}: the international credit is for {' or '.join(genres)} only")
    if cnc_sources:
        draft.reasons.append(
            f"a work eligible for CNC aid cannot claim it, and the plan has {', '.join(cnc_sources)}"
        )
    expenses = draft.expenses
    small = trace.required("small_budget_threshold")
    if budget.total < small:
        share = trace.required("small_budget_minimum_percentage")
        least = (budget.total * share / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        least_reason = f"{share}% of a budget under {_money(small)}"
    else:
        least = trace.required("minimum_spend")
        least_reason = "the minimum"
    if expenses < least:
        draft.reasons.append(
            f"eligible spending in France {_money(expenses)} is under {_money(least)} ({least_reason})"
        )
    if work.genre == "fiction":
        days = trace.required("minimum_shooting_days")
        if work.shooting_days_france is None:
            draft.warnings.append(
                f"live action needs at least {days} shooting days in France: work.shooting_days_france not given"
            )
        elif work.shooting_days_france < days:
            draft.reasons.append(
                f"{work.shooting_days_france} shooting days in France: live action needs at least {days}"
            )
    until = trace.text("expenses_until")
    if until is not None:
        deadline = date.fromisoformat(until)
        late = [phase for phase in plan.phases if phase.end > deadline]
        if late:
            draft.warnings.append(
                f"only expenses incurred before {deadline.isoformat()} are eligible, and "
                f"{', '.join(phase.name for phase in late)} runs to {max(phase.end for phase in late).isoformat()}"
            )
    trace.parameter("cultural_test")
    vfx_shots = trace.required("vfx_shots_minimum")
    vfx_spend = trace.required("vfx_spend_minimum")
    vfx_french = budget.vfx.french if budget.vfx is not None else ZERO
    if work.genre == "fiction" and work.vfx_shots_percentage >= vfx_shots and vfx_french > vfx_spend:
        rate = trace.required("rate_vfx")
        why = (
            f"fiction with {work.vfx_shots_percentage}% of shots digitally processed (at least {vfx_shots}%) "
            f"and {_money(vfx_french)} of VFX spending in France (over {_money(vfx_spend)}), on all expenses"
        )
    else:
        rate = trace.required("rate")
        why = (
            f"the standard rate (the higher rate needs fiction with at least {vfx_shots}% of shots processed "
            f"and over {_money(vfx_spend)} of VFX spending in France)"
        )
    _deduct_subsidies(draft, subsidies)
    percentage = trace.required("base_cap_percentage")
    limit = (budget.total * percentage / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return _finish(
        "c2i",
        rule,
        draft,
        base_cap=(limit, f"base capped at {percentage}% of the budget"),
        rate=rate,
        rate_reason=why,
        cap=trace.required("cap_per_work"),
        cap_reason="per work",
    )
