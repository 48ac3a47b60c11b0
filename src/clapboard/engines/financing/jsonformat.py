"""The JSON format of a financing plan (``docs/financing-format.md``) and of a check.

``read_plan(data)`` takes the parsed JSON (dicts, lists, strings, ints, ``Decimal``) and
returns a checked ``Plan``, or raises ``FinancingError`` naming the first bad field
(``sources[3] "Région Bretagne": amount in CHF, which has no exchange rate…``). Unknown
keys are refused, so that a misspelt field is not silently ignored. ``write_plan`` gives
the same structure back: ``read_plan(write_plan(plan)) == plan``.

``check_to_json(result)`` is what ``clapboard financing check --json`` prints. Amounts are
strings with two decimals; percentages and other numbers are strings as computed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from clapboard.engines.budget.money import ZERO, MoneyError, format_amount, parse_amount
from clapboard.engines.financing.cashflow import CashFlow
from clapboard.engines.financing.check import PlanCheck, ScenarioResult
from clapboard.engines.financing.model import (
    BudgetFigures,
    CashFlowSettings,
    FinancingError,
    Instalment,
    Phase,
    Plan,
    Recoupment,
    Scenario,
    Source,
    Split,
    Work,
)
from clapboard.engines.financing.rules import RuleResult
from clapboard.engines.financing.taxcredits import TaxCreditResult
from clapboard.engines.financing.validate import check_plan_input

__all__ = ["FORMAT", "FORMAT_VERSION", "check_to_json", "load_plan", "read_plan", "write_plan"]

FORMAT = "clapboard-financing-plan"
FORMAT_VERSION = 1

T = TypeVar("T")
Raw = Mapping[str, Any]


# ----------------------------------------------------------------------------- reading helpers


def _object(value: object, path: str, allowed: set[str], required: Sequence[str] = ()) -> Raw:
    if not isinstance(value, Mapping):
        raise FinancingError(path, f"expected an object, not {type(value).__name__}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise FinancingError(
            _join(path, unknown[0]), f"unknown field (expected one of {', '.join(sorted(allowed))})"
        )
    for key in required:
        if key not in value:
            raise FinancingError(_join(path, key), "missing")
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _items(value: object, path: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise FinancingError(path, f"expected a list, not {type(value).__name__}")
    return tuple(read(item, f"{path}[{index}]") for index, item in enumerate(value))


def _text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise FinancingError(path, f"expected text, not {type(value).__name__}")
    return value


def _optional_text(value: object, path: str) -> str | None:
    return None if value is None else _text(value, path)


def _number(value: object, path: str) -> Decimal:
    try:
        return parse_amount(value, what="value")
    except MoneyError as error:
        raise FinancingError(path, str(error)) from error


def _optional_number(value: object, path: str) -> Decimal | None:
    return None if value is None else _number(value, path)


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise FinancingError(path, f"expected true or false, not {value!r}")
    return value


def _optional_flag(value: object, path: str) -> bool | None:
    return None if value is None else _flag(value, path)


def _date(value: object, path: str) -> date:
    try:
        return date.fromisoformat(_text(value, path))
    except ValueError as error:
        raise FinancingError(path, f"expected a date as YYYY-MM-DD, not {value!r}") from error


def _optional_date(value: object, path: str) -> date | None:
    return None if value is None else _date(value, path)


def _whole(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FinancingError(path, f"expected a whole number, not {value!r}")
    return value


def _amounts(value: object, path: str) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise FinancingError(path, "expected an object of name → amount")
    return {_text(key, path): _number(item, f"{path}.{key}") for key, item in value.items()}


# ----------------------------------------------------------------------------- reading


_PLAN_FIELDS = {
    "format", "version", "title", "currency", "exchange_rates", "country", "start", "work", "budget",
    "sources", "scenarios", "phases", "spend_profile", "cash_flow", "rules", "french_share", "notes",
}  # fmt: skip


def read_plan(data: object) -> Plan:
    """A checked ``Plan`` from the JSON structure; ``FinancingError`` names the bad field."""
    raw = _object(data, "", _PLAN_FIELDS, ("currency", "start", "budget", "sources"))
    if raw.get("format", FORMAT) != FORMAT:
        raise FinancingError("format", f"expected {FORMAT!r}, not {raw['format']!r}")
    if raw.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise FinancingError("version", f"this version of Clapboard reads version {FORMAT_VERSION}")
    profile = raw.get("spend_profile", {})
    if not isinstance(profile, Mapping):
        raise FinancingError("spend_profile", "expected an object of key → {phase: percentage}")
    rules = raw.get("rules", {})
    if not isinstance(rules, Mapping):
        raise FinancingError("rules", "expected an object of rule set → version")
    french_share = raw.get("french_share")
    plan = Plan(
        title=_text(raw.get("title", ""), "title"),
        currency=_text(raw["currency"], "currency"),
        start=_date(raw["start"], "start"),
        budget=_budget(raw["budget"], "budget"),
        sources=_items(raw["sources"], "sources", _source),
        work=_work(raw.get("work", {}), "work"),
        country=_text(raw.get("country", "FR"), "country"),
        exchange_rates=_amounts(raw.get("exchange_rates", {}), "exchange_rates"),
        scenarios=_items(raw.get("scenarios", []), "scenarios", _scenario),
        phases=_items(raw.get("phases", []), "phases", _phase),
        spend_profile={
            _text(key, "spend_profile"): _amounts(shares, f"spend_profile.{key}")
            for key, shares in profile.items()
        },
        cash_flow=_cash_flow(raw.get("cash_flow", {}), "cash_flow"),
        rules={_text(key, "rules"): _whole(version, f"rules.{key}") for key, version in rules.items()},
        french_share=None if french_share is None else _number(french_share, "french_share"),
        notes=_text(raw.get("notes", ""), "notes"),
    )
    check_plan_input(plan)
    return plan


def _split(value: object, path: str) -> Split:
    raw = _object(value, path, {"french", "foreign"})
    return Split(
        french=_number(raw.get("french", "0"), f"{path}.french"),
        foreign=_number(raw.get("foreign", "0"), f"{path}.foreign"),
    )


def _budget(value: object, path: str) -> BudgetFigures:
    raw = _object(
        value,
        path,
        {
            "total", "french", "foreign", "excluding_overheads", "categories", "director", "vfx", "chapters",
            "accounts", "account_chapters", "percentages", "countries", "regions", "currency", "layout", "mapping",
        },
        ("total",),
    )  # fmt: skip
    total = _number(raw["total"], f"{path}.total")
    french = _number(raw.get("french", total), f"{path}.french")
    categories = raw.get("categories", {})
    if not isinstance(categories, Mapping):
        raise FinancingError(f"{path}.categories", "expected an object of category → {french, foreign}")
    account_chapters = raw.get("account_chapters", {})
    if not isinstance(account_chapters, Mapping):
        raise FinancingError(f"{path}.account_chapters", "expected an object of account → chapter")
    director, vfx, overheads = raw.get("director"), raw.get("vfx"), raw.get("excluding_overheads")
    return BudgetFigures(
        total=total,
        french=french,
        foreign=_number(raw.get("foreign", total - french), f"{path}.foreign"),
        excluding_overheads=None if overheads is None else _number(overheads, f"{path}.excluding_overheads"),
        categories={
            _text(name, f"{path}.categories"): _split(item, f"{path}.categories.{name}")
            for name, item in categories.items()
        },
        director=None if director is None else _split(director, f"{path}.director"),
        vfx=None if vfx is None else _split(vfx, f"{path}.vfx"),
        chapters=_amounts(raw.get("chapters", {}), f"{path}.chapters"),
        accounts=_amounts(raw.get("accounts", {}), f"{path}.accounts"),
        account_chapters={
            _text(key, f"{path}.account_chapters"): _text(item, f"{path}.account_chapters.{key}")
            for key, item in account_chapters.items()
        },
        percentages=_amounts(raw.get("percentages", {}), f"{path}.percentages"),
        countries=_amounts(raw.get("countries", {}), f"{path}.countries"),
        regions=_amounts(raw.get("regions", {}), f"{path}.regions"),
        currency=_text(raw.get("currency", ""), f"{path}.currency"),
        layout=_text(raw.get("layout", ""), f"{path}.layout"),
        mapping=_text(raw.get("mapping", ""), f"{path}.mapping"),
    )


def _work(value: object, path: str) -> Work:
    raw = _object(
        value,
        path,
        {
            "kind", "genre", "language", "foreign_language_justified", "duration_minutes", "first_or_second_film",
            "difficult", "youth", "vfx_shots_percentage", "shooting_days_france", "foreign_production",
        },
    )  # fmt: skip
    days = raw.get("shooting_days_france")
    return Work(
        kind=_text(raw.get("kind", "cinema"), f"{path}.kind"),
        genre=_text(raw.get("genre", "fiction"), f"{path}.genre"),
        language=_text(raw.get("language", "fr"), f"{path}.language"),
        foreign_language_justified=_flag(
            raw.get("foreign_language_justified", False), f"{path}.foreign_language_justified"
        ),
        duration_minutes=_optional_number(raw.get("duration_minutes"), f"{path}.duration_minutes"),
        first_or_second_film=_flag(raw.get("first_or_second_film", False), f"{path}.first_or_second_film"),
        difficult=_flag(raw.get("difficult", False), f"{path}.difficult"),
        youth=_flag(raw.get("youth", False), f"{path}.youth"),
        vfx_shots_percentage=_number(raw.get("vfx_shots_percentage", "0"), f"{path}.vfx_shots_percentage"),
        shooting_days_france=None if days is None else _whole(days, f"{path}.shooting_days_france"),
        foreign_production=_flag(raw.get("foreign_production", False), f"{path}.foreign_production"),
    )


_SOURCE_FIELDS = {
    "id", "type", "partner", "amount", "currency", "status", "expected_date", "actual_date", "conditions",
    "is_public", "repayable", "recoups", "recoupment", "country", "rights_share", "spend_share", "rights",
    "window", "territory", "spend_obligation", "credit", "interest_rate", "fees", "instalments", "notes",
}  # fmt: skip


def _source(value: object, path: str) -> Source:
    raw = _object(value, path, _SOURCE_FIELDS, ("id", "type", "partner", "currency"))
    # Errors below name the source by its partner, as the checks do.
    partner = _text(raw["partner"], f"{path}.partner")
    label = f'{path} "{partner}"'
    recoupment = raw.get("recoupment")

    def number(name: str) -> Decimal | None:
        return _optional_number(raw.get(name), f"{label}: {name}")

    return Source(
        id=_text(raw["id"], f"{label}: id"),
        type=_text(raw["type"], f"{label}: type"),
        partner=partner,
        amount=number("amount"),
        currency=_text(raw["currency"], f"{label}: currency"),
        status=_text(raw.get("status", "idea"), f"{label}: status"),
        expected_date=_optional_date(raw.get("expected_date"), f"{label}: expected_date"),
        actual_date=_optional_date(raw.get("actual_date"), f"{label}: actual_date"),
        conditions=_text(raw.get("conditions", ""), f"{label}: conditions"),
        is_public=_optional_flag(raw.get("is_public"), f"{label}: is_public"),
        repayable=_optional_flag(raw.get("repayable"), f"{label}: repayable"),
        recoups=_flag(raw.get("recoups", False), f"{label}: recoups"),
        recoupment=None if recoupment is None else _recoupment(recoupment, f"{label}: recoupment"),
        country=_optional_text(raw.get("country"), f"{label}: country"),
        rights_share=number("rights_share"),
        spend_share=number("spend_share"),
        rights=_text(raw.get("rights", ""), f"{label}: rights"),
        window=_text(raw.get("window", ""), f"{label}: window"),
        territory=_optional_text(raw.get("territory"), f"{label}: territory"),
        spend_obligation=number("spend_obligation"),
        credit=_optional_text(raw.get("credit"), f"{label}: credit"),
        interest_rate=number("interest_rate"),
        fees=number("fees"),
        instalments=_items(raw.get("instalments", []), f"{label}: instalments", _instalment),
        notes=_text(raw.get("notes", ""), f"{label}: notes"),
    )


def _instalment(value: object, path: str) -> Instalment:
    raw = _object(value, path, {"date", "amount", "percentage"}, ("date",))
    return Instalment(
        date=_date(raw["date"], f"{path}.date"),
        amount=_optional_number(raw.get("amount"), f"{path}.amount"),
        percentage=_optional_number(raw.get("percentage"), f"{path}.percentage"),
    )


def _recoupment(value: object, path: str) -> Recoupment:
    raw = _object(value, path, {"position", "premium_percentage", "corridor_percentage", "notes"})
    return Recoupment(
        position=_text(raw.get("position", ""), f"{path}.position"),
        premium_percentage=_optional_number(raw.get("premium_percentage"), f"{path}.premium_percentage"),
        corridor_percentage=_optional_number(raw.get("corridor_percentage"), f"{path}.corridor_percentage"),
        notes=_text(raw.get("notes", ""), f"{path}.notes"),
    )


def _scenario(value: object, path: str) -> Scenario:
    raw = _object(value, path, {"id", "title", "without", "amounts"}, ("id",))
    return Scenario(
        id=_text(raw["id"], f"{path}.id"),
        title=_text(raw.get("title", ""), f"{path}.title"),
        without=_items(raw.get("without", []), f"{path}.without", _text),
        amounts=_amounts(raw.get("amounts", {}), f"{path}.amounts"),
    )


def _phase(value: object, path: str) -> Phase:
    raw = _object(value, path, {"name", "start", "end"}, ("name", "start", "end"))
    return Phase(
        name=_text(raw["name"], f"{path}.name"),
        start=_date(raw["start"], f"{path}.start"),
        end=_date(raw["end"], f"{path}.end"),
    )


def _cash_flow(value: object, path: str) -> CashFlowSettings:
    raw = _object(value, path, {"period", "bridge_rate"})
    return CashFlowSettings(
        period=_text(raw.get("period", "month"), f"{path}.period"),
        bridge_rate=_number(raw.get("bridge_rate", "0"), f"{path}.bridge_rate"),
    )


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; ``FinancingError`` messages start with the file's name."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise FinancingError(path.name, f"not JSON ({error.msg}, line {error.lineno})") from error
    except UnicodeDecodeError as error:
        raise FinancingError(path.name, "not UTF-8 text") from error
    try:
        return read_plan(data)
    except FinancingError as error:
        raise FinancingError(
            f"{path.name}: {error.path}" if error.path else path.name, error.reason
        ) from error


# ----------------------------------------------------------------------------- writing


def _set_if(data: dict[str, Any], key: str, value: object, default: object = "") -> None:
    if value != default:
        data[key] = value


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def write_plan(plan: Plan) -> dict[str, Any]:
    """The JSON structure of ``plan`` (numbers as strings, so that nothing is lost)."""
    data: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION}
    _set_if(data, "title", plan.title)
    data["currency"] = plan.currency
    data["exchange_rates"] = {code: str(rate) for code, rate in plan.exchange_rates.items()}
    data["country"] = plan.country
    data["start"] = plan.start.isoformat()
    data["work"] = _write_work(plan.work)
    data["budget"] = _write_budget(plan.budget)
    data["sources"] = [_write_source(source) for source in plan.sources]
    data["scenarios"] = [_write_scenario(item) for item in plan.scenarios]
    data["phases"] = [
        {"name": phase.name, "start": phase.start.isoformat(), "end": phase.end.isoformat()}
        for phase in plan.phases
    ]
    data["spend_profile"] = {
        key: {phase: str(share) for phase, share in shares.items()}
        for key, shares in plan.spend_profile.items()
    }
    data["cash_flow"] = {"period": plan.cash_flow.period, "bridge_rate": str(plan.cash_flow.bridge_rate)}
    data["rules"] = dict(plan.rules)
    _set_if(data, "french_share", _str(plan.french_share), None)
    _set_if(data, "notes", plan.notes)
    return data


def _write_work(work: Work) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": work.kind, "genre": work.genre, "language": work.language}
    _set_if(data, "foreign_language_justified", work.foreign_language_justified, False)
    _set_if(data, "duration_minutes", _str(work.duration_minutes), None)
    _set_if(data, "first_or_second_film", work.first_or_second_film, False)
    _set_if(data, "difficult", work.difficult, False)
    _set_if(data, "youth", work.youth, False)
    _set_if(data, "vfx_shots_percentage", str(work.vfx_shots_percentage), str(ZERO))
    _set_if(data, "shooting_days_france", work.shooting_days_france, None)
    _set_if(data, "foreign_production", work.foreign_production, False)
    return data


def _write_split(split: Split) -> dict[str, str]:
    return {"french": str(split.french), "foreign": str(split.foreign)}


def _write_budget(budget: BudgetFigures) -> dict[str, Any]:
    data: dict[str, Any] = {
        "total": str(budget.total),
        "french": str(budget.french),
        "foreign": str(budget.foreign),
    }
    _set_if(data, "excluding_overheads", _str(budget.excluding_overheads), None)
    _set_if(data, "categories", {name: _write_split(item) for name, item in budget.categories.items()}, {})
    _set_if(data, "director", None if budget.director is None else _write_split(budget.director), None)
    _set_if(data, "vfx", None if budget.vfx is None else _write_split(budget.vfx), None)
    for name in ("chapters", "accounts", "percentages", "countries", "regions"):
        _set_if(data, name, {key: str(value) for key, value in getattr(budget, name).items()}, {})
    _set_if(data, "account_chapters", dict(budget.account_chapters), {})
    _set_if(data, "currency", budget.currency)
    _set_if(data, "layout", budget.layout)
    _set_if(data, "mapping", budget.mapping)
    return data


def _write_source(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": source.id, "type": source.type, "partner": source.partner}
    data["amount"] = _str(source.amount)
    data["currency"] = source.currency
    data["status"] = source.status
    _set_if(data, "expected_date", source.expected_date.isoformat() if source.expected_date else None, None)
    _set_if(data, "actual_date", source.actual_date.isoformat() if source.actual_date else None, None)
    _set_if(data, "conditions", source.conditions)
    _set_if(data, "is_public", source.is_public, None)
    _set_if(data, "repayable", source.repayable, None)
    _set_if(data, "recoups", source.recoups, False)
    if source.recoupment is not None:
        recoupment: dict[str, Any] = {}
        _set_if(recoupment, "position", source.recoupment.position)
        _set_if(recoupment, "premium_percentage", _str(source.recoupment.premium_percentage), None)
        _set_if(recoupment, "corridor_percentage", _str(source.recoupment.corridor_percentage), None)
        _set_if(recoupment, "notes", source.recoupment.notes)
        data["recoupment"] = recoupment
    for name in ("country", "territory", "credit"):
        _set_if(data, name, getattr(source, name), None)
    for name in ("rights_share", "spend_share", "spend_obligation", "interest_rate", "fees"):
        _set_if(data, name, _str(getattr(source, name)), None)
    _set_if(data, "rights", source.rights)
    _set_if(data, "window", source.window)
    if source.instalments:
        data["instalments"] = [_write_instalment(item) for item in source.instalments]
    _set_if(data, "notes", source.notes)
    return data


def _write_instalment(instalment: Instalment) -> dict[str, Any]:
    data: dict[str, Any] = {"date": instalment.date.isoformat()}
    _set_if(data, "amount", _str(instalment.amount), None)
    _set_if(data, "percentage", _str(instalment.percentage), None)
    return data


def _write_scenario(scenario: Scenario) -> dict[str, Any]:
    data: dict[str, Any] = {"id": scenario.id}
    _set_if(data, "title", scenario.title)
    _set_if(data, "without", list(scenario.without), [])
    _set_if(data, "amounts", {key: str(value) for key, value in scenario.amounts.items()}, {})
    return data


# ----------------------------------------------------------------------------- the check as JSON


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    return value


def check_to_json(result: PlanCheck) -> dict[str, Any]:
    """What ``clapboard financing check --json`` prints (see docs/financing-format.md)."""
    return {
        "title": result.title,
        "currency": result.currency,
        "budget": format_amount(result.budget),
        "rule_sets": [
            {
                "id": item.id,
                "version": item.version,
                "effective_from": item.effective_from.isoformat(),
                "title": item.title,
            }
            for item in result.rule_sets
        ],
        "warnings": list(result.warnings),
        "scenarios": [_scenario_json(item) for item in result.scenarios],
    }


def _scenario_json(result: ScenarioResult) -> dict[str, Any]:
    coverage = result.coverage
    return {
        "id": result.id,
        "title": result.title,
        "without": list(result.without),
        "coverage": {
            "budget": format_amount(coverage.budget),
            "secured": format_amount(coverage.secured),
            "hoped": format_amount(coverage.hoped),
            "total": format_amount(coverage.total),
            "gap": format_amount(coverage.gap),
            "surplus": format_amount(coverage.surplus),
            "unsecured": format_amount(coverage.unsecured),
            "secured_share": str(coverage.secured_share),
            "total_share": str(coverage.total_share),
            "by_status": {key: format_amount(value) for key, value in coverage.by_status.items()},
            "by_type": {key: format_amount(value) for key, value in coverage.by_type.items()},
        },
        "french_share": str(result.french_share),
        "sources": [
            {
                "id": line.id,
                "type": line.type,
                "partner": line.partner,
                "status": line.status,
                "secured": line.secured,
                "public": line.public,
                "amount": format_amount(line.amount),
                "share": str(line.share),
                "currency": line.currency,
                "original_amount": str(line.original_amount),
                "computed": line.computed,
                "added": line.added,
            }
            for line in result.sources
        ],
        "tax_credits": [_credit_json(item) for item in result.tax_credits],
        "rules": [_rule_json(item) for item in result.rules],
        "cash_flow": None if result.cash_flow is None else _cash_flow_json(result.cash_flow),
        "warnings": list(result.warnings),
    }


def _credit_json(result: TaxCreditResult) -> dict[str, Any]:
    return {
        "credit": result.credit,
        "title": result.title,
        "eligible": result.eligible,
        "reasons": list(result.reasons),
        "categories": {key: format_amount(value) for key, value in result.categories.items()},
        "expenses": format_amount(result.expenses),
        "adjustments": [
            {"label": item.label, "amount": format_amount(item.amount)} for item in result.adjustments
        ],
        "base": format_amount(result.base),
        "rate": str(result.rate),
        "rate_reason": result.rate_reason,
        "credit_before_cap": format_amount(result.credit_before_cap),
        "cap": None if result.cap is None else format_amount(result.cap),
        "cap_reason": result.cap_reason,
        "amount": format_amount(result.amount),
        "source": result.source,
        "effective_from": result.effective_from.isoformat(),
        "rule_set": result.rule_set,
        "warnings": list(result.warnings),
    }


def _rule_json(result: RuleResult) -> dict[str, Any]:
    return {
        "rule": result.rule,
        "title": result.title,
        "status": result.status,
        "message": result.message,
        "over": None if result.over is None else format_amount(result.over),
        "numbers": {key: _value(value) for key, value in result.numbers.items()},
        "source": result.source,
        "effective_from": None if result.effective_from is None else result.effective_from.isoformat(),
        "rule_set": result.rule_set,
        "warnings": list(result.warnings),
    }


def _cash_flow_json(flow: CashFlow) -> dict[str, Any]:
    return {
        "period": flow.period,
        "bridge_rate": str(flow.bridge_rate),
        "profile": flow.profile,
        "spend_by_phase": {key: format_amount(value) for key, value in flow.spend_by_phase.items()},
        "total_spend": format_amount(flow.total_spend),
        "total_receipts": format_amount(flow.total_receipts),
        "peak_bridge": format_amount(flow.peak_bridge),
        "total_interest": format_amount(flow.total_interest),
        "negative_periods": list(flow.negative_periods),
        "periods": [
            {
                "period": item.label,
                "start": item.start.isoformat(),
                "end": item.end.isoformat(),
                "spend": format_amount(item.spend),
                "receipts": format_amount(item.receipts),
                "net": format_amount(item.net),
                "position": format_amount(item.position),
                "bridge": format_amount(item.bridge),
                "interest": format_amount(item.interest),
                "receipts_by_source": {
                    key: format_amount(value) for key, value in item.receipts_by_source.items()
                },
            }
            for item in flow.periods
        ],
        "warnings": list(flow.warnings),
    }
