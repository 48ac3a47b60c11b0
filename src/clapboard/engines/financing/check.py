"""``check_plan``: coverage, gap, shares, tax credits, rules and cash flow, per scenario.

For each scenario (the plan as given when it defines none):

1. the sources it counts: every source but those ``without`` it (and those the caller
   toggles off), at the scenario's amounts, converted to the plan's currency (rounded to
   the cent, half up);
2. the tax credits, computed from the budget figures; a tax-credit source with no amount
   takes the computed credit, and a credit no source names enters the plan as a source of
   its own (``credit:cic``, status ``idea``: list it as a source to give its status);
3. the coverage: secured (committed and beyond), hoped (not yet committed), their total,
   the gap to the budget, and each source's share of the budget;
4. the rules of the rule sets in use (the plan's country's and ``europe``);
5. the cash flow, when the plan has phases.

The rule sets are those the plan pins (``Plan.rules``) unless ``rules`` says otherwise: a
year picks the sets in effect in it, ``"latest"`` the newest. The result names the
versions used; ``pin_rules`` saves them into the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from clapboard.engines.budget.money import CENT, CONTEXT, HUNDRED, ZERO
from clapboard.engines.financing.cashflow import CashFlow, compute_cash_flow
from clapboard.engines.financing.datafiles import RuleSet, known_rule_sets, select_rule_set
from clapboard.engines.financing.model import (
    SECURED_STATUSES,
    STATUSES,
    FinancingError,
    Plan,
    Scenario,
    Source,
)
from clapboard.engines.financing.rules import (
    Counted,
    RuleResult,
    check_cnc_aid,
    check_coproduction_shares,
    check_coproduction_spend,
    check_eu_aid_intensity,
    check_eurimages,
    check_public_aid,
    check_territorial_spend,
    not_checked,
    producers,
)
from clapboard.engines.financing.taxcredits import TaxCreditResult, applicable_credits, compute_credit
from clapboard.engines.financing.validate import check_plan_input

__all__ = [
    "Coverage",
    "PlanCheck",
    "RuleSetUsed",
    "ScenarioResult",
    "SourceLine",
    "check_plan",
    "pin_rules",
]

EUROPE = "europe"
RulesSelection = int | date | str | None


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A source as a scenario counts it."""

    id: str
    type: str
    partner: str
    status: str
    secured: bool
    public: bool
    amount: Decimal
    """In the plan's currency."""
    share: Decimal
    """Percentage of the budget, rounded to the hundredth."""
    currency: str
    original_amount: Decimal
    computed: bool = False
    """A tax credit whose amount the engine computed."""
    added: bool = False
    """A computed tax credit that no source of the plan names."""


@dataclass(frozen=True, slots=True)
class Coverage:
    budget: Decimal
    secured: Decimal
    hoped: Decimal
    total: Decimal
    gap: Decimal
    """What is missing even if every hoped source comes in (zero when covered)."""
    surplus: Decimal
    """Financing above the budget (zero when there is a gap)."""
    unsecured: Decimal
    """What is not yet secured: the budget less the secured sources (zero when covered)."""
    secured_share: Decimal
    total_share: Decimal
    by_status: Mapping[str, Decimal]
    by_type: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    id: str
    title: str
    without: tuple[str, ...]
    sources: tuple[SourceLine, ...]
    coverage: Coverage
    tax_credits: tuple[TaxCreditResult, ...]
    rules: tuple[RuleResult, ...]
    cash_flow: CashFlow | None
    french_share: Decimal
    warnings: tuple[str, ...]

    def rule(self, rule_id: str) -> RuleResult:
        for result in self.rules:
            if result.rule == rule_id:
                return result
        raise KeyError(rule_id)

    def credit(self, credit: str) -> TaxCreditResult:
        for result in self.tax_credits:
            if result.credit == credit:
                return result
        raise KeyError(credit)


@dataclass(frozen=True, slots=True)
class RuleSetUsed:
    id: str
    version: int
    effective_from: date
    title: str


@dataclass(frozen=True, slots=True)
class PlanCheck:
    title: str
    currency: str
    budget: Decimal
    rule_sets: tuple[RuleSetUsed, ...]
    scenarios: tuple[ScenarioResult, ...]
    warnings: tuple[str, ...]

    def scenario(self, scenario_id: str) -> ScenarioResult:
        for result in self.scenarios:
            if result.id == scenario_id:
                return result
        raise KeyError(scenario_id)

    @property
    def rule_versions(self) -> dict[str, int]:
        return {item.id: item.version for item in self.rule_sets}


def pin_rules(plan: Plan, result: PlanCheck) -> Plan:
    """The plan with the rule-set versions it was checked with, to be saved with it."""
    return replace(plan, rules=result.rule_versions)


def _rule_sets(plan: Plan, rules: RulesSelection) -> tuple[RuleSet | None, RuleSet | None]:
    country_id = plan.country.lower()
    known = known_rule_sets()
    for set_id in plan.rules:
        if set_id not in known:
            raise FinancingError(
                f"rules.{set_id}", f"no rule set {set_id!r} (known: {', '.join(sorted(known))})"
            )
    national = select_rule_set(country_id, rules, plan.rules.get(country_id)) if country_id in known else None
    europe = select_rule_set(EUROPE, rules, plan.rules.get(EUROPE))
    return national, europe


def check_plan(plan: Plan, *, rules: RulesSelection = None, without: Iterable[str] = ()) -> PlanCheck:
    """Every figure and rule of ``plan``, scenario by scenario.

    ``rules``: ``None`` (the versions the plan pins, else the latest), a year, a date or
    ``"latest"``. ``without``: ids of sources taken out of every scenario ("what if this
    source says no"). Raises ``FinancingError`` for bad input, before computing anything.
    """
    warnings = list(check_plan_input(plan))
    declined = tuple(without)
    ids = {source.id for source in plan.sources}
    for source_id in declined:
        if source_id not in ids:
            raise FinancingError("without", f"no source {source_id!r}")
    national, europe = _rule_sets(plan, rules)
    if national is None:
        warnings.append(
            f"no rule set for {plan.country}: its aid ceilings and tax credits are not checked "
            f"(rule sets exist for {', '.join(sorted(known_rule_sets() - {EUROPE}))})"
        )
    scenarios = plan.scenarios or (Scenario("base", plan.title or "Plan"),)
    with localcontext(CONTEXT):
        results = tuple(
            _scenario(plan, scenario, declined, national, europe, plan.sources) for scenario in scenarios
        )
    used = tuple(
        RuleSetUsed(item.id, item.version, item.effective_from, item.title)
        for item in (national, europe)
        if item is not None
    )
    return PlanCheck(
        title=plan.title,
        currency=plan.currency,
        budget=plan.budget.total,
        rule_sets=used,
        scenarios=results,
        warnings=tuple(warnings),
    )


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * HUNDRED / whole).quantize(CENT, ROUND_HALF_UP)


def _scenario(
    plan: Plan,
    scenario: Scenario,
    declined: tuple[str, ...],
    national: RuleSet | None,
    europe: RuleSet | None,
    sources: tuple[Source, ...],
) -> ScenarioResult:
    out = set(scenario.without) | set(declined)
    warnings: list[str] = []
    counted: list[Counted] = []
    pending_credits: list[tuple[int, Source]] = []
    for index, source in enumerate(sources):
        if source.id in out:
            continue
        if source.amount is None and source.id not in scenario.amounts:
            pending_credits.append((index, source))
            continue
        original = scenario.amounts.get(source.id, source.amount) or ZERO
        amount = (original * plan.exchange_rate(source.currency)).quantize(CENT, ROUND_HALF_UP)
        counted.append(
            Counted(source, source.label(index), amount, source.public, source.country or plan.country)
        )

    french_share = _french_share(plan, counted)
    subsidies = [
        (item.label, item.amount)
        for item in counted
        if item.public
        and not item.source.is_repayable
        and item.source.type != "tax_credit"
        and item.country == plan.country
    ]
    cnc = [item.label for item in counted if item.source.kind.cnc]
    credits = tuple(
        compute_credit(
            credit, plan, national, subsidies=subsidies, cnc_sources=cnc, french_share=french_share
        )
        for credit in applicable_credits(plan)
    )
    by_credit = {result.credit: result for result in credits}
    computed_ids: set[str] = set()
    for index, source in pending_credits:
        result = by_credit[source.credit or ""]
        if not result.eligible:
            warnings.append(
                f"{source.label(index)}: the work is not eligible for the {result.title}: counted as 0"
            )
        counted.append(Counted(source, source.label(index), result.amount, source.public, plan.country))
        computed_ids.add(source.id)
    named = {source.credit for source in sources if source.credit is not None}
    added_ids: set[str] = set()
    for result in credits:
        if result.credit in named:
            given = [
                item
                for item in counted
                if item.source.credit == result.credit and item.source.id not in computed_ids
            ]
            for item in given:
                if result.eligible and item.amount != result.amount:
                    warnings.append(
                        f"{item.label}: amount {item.amount} differs from the computed {result.title} {result.amount}"
                    )
            continue
        if result.eligible and result.amount:
            source = Source(
                id=f"credit:{result.credit}",
                type="tax_credit",
                partner=f"État ({result.title}, computed)",
                amount=None,
                currency=plan.currency,
                credit=result.credit,
            )
            counted.append(
                Counted(
                    source, f'credit:{result.credit} "{source.partner}"', result.amount, True, plan.country
                )
            )
            added_ids.add(source.id)

    coverage, lines = _coverage(plan, counted, computed_ids | added_ids, added_ids)
    rules = _rules(plan, counted, french_share, national, europe)
    cash_flow = compute_cash_flow(plan, counted) if plan.phases else None
    if cash_flow is not None:
        warnings.extend(cash_flow.warnings)
    return ScenarioResult(
        id=scenario.id,
        title=scenario.title or scenario.id,
        without=tuple(source.id for source in sources if source.id in out),
        sources=lines,
        coverage=coverage,
        tax_credits=credits,
        rules=rules,
        cash_flow=cash_flow,
        french_share=french_share,
        warnings=tuple(warnings),
    )


def _french_share(plan: Plan, counted: list[Counted]) -> Decimal:
    if plan.french_share is not None:
        return plan.french_share
    foreign = sum(
        (
            item.source.rights_share or ZERO
            for item in counted
            if item.source.type == "coproduction" and item.country != plan.country
        ),
        Decimal(0),
    )
    return HUNDRED - foreign


def _coverage(
    plan: Plan, counted: list[Counted], computed: set[str], added: set[str]
) -> tuple[Coverage, tuple[SourceLine, ...]]:
    budget = plan.budget.total
    by_status = dict.fromkeys(STATUSES, ZERO)
    by_type: dict[str, Decimal] = {}
    lines = []
    for item in counted:
        source = item.source
        by_status[source.status] += item.amount
        by_type[source.type] = by_type.get(source.type, ZERO) + item.amount
        lines.append(
            SourceLine(
                id=source.id,
                type=source.type,
                partner=source.partner,
                status=source.status,
                secured=source.status in SECURED_STATUSES,
                public=item.public,
                amount=item.amount,
                share=_percent(item.amount, budget),
                currency=source.currency,
                original_amount=item.amount if source.amount is None else source.amount,
                computed=source.id in computed,
                added=source.id in added,
            )
        )
    secured = sum((by_status[status] for status in SECURED_STATUSES), ZERO)
    total = sum(by_status.values(), ZERO)
    hoped = total - secured
    coverage = Coverage(
        budget=budget,
        secured=secured,
        hoped=hoped,
        total=total,
        gap=max(ZERO, budget - total),
        surplus=max(ZERO, total - budget),
        unsecured=max(ZERO, budget - secured),
        secured_share=_percent(secured, budget),
        total_share=_percent(total, budget),
        by_status=by_status,
        by_type=by_type,
    )
    return coverage, tuple(lines)


def _rules(
    plan: Plan,
    counted: list[Counted],
    french_share: Decimal,
    national: RuleSet | None,
    europe: RuleSet | None,
) -> tuple[RuleResult, ...]:
    results: list[RuleResult] = []
    if national is not None:
        prefix = national.id
        rules = national.rules
        if "public_aid_intensity" in rules:
            results.append(
                check_public_aid(rules["public_aid_intensity"], plan, counted, french_share, prefix=prefix)
            )
        if "cnc_aid_intensity" in rules:
            results.append(
                check_cnc_aid(rules["cnc_aid_intensity"], plan, counted, french_share, prefix=prefix)
            )
    else:
        results.append(
            not_checked(
                f"{plan.country.lower()}.public_aid_intensity",
                "Public aid intensity",
                f"no rule set for {plan.country}",
            )
        )
    if europe is not None:
        rules = europe.rules
        countries = sorted({item.country for item in producers(plan, counted)})
        results.append(
            check_eu_aid_intensity(rules["eu_aid_intensity"], plan, counted, countries, prefix=EUROPE)
        )
        results.append(check_territorial_spend(rules["territorial_spend"], plan, counted, prefix=EUROPE))
        results.append(check_coproduction_shares(rules["coproduction_shares"], plan, counted, prefix=EUROPE))
        results.append(check_coproduction_spend(rules["coproduction_spend"], plan, counted, prefix=EUROPE))
        results.append(check_eurimages(rules["eurimages"], plan, counted, prefix=EUROPE))
    return tuple(results)
