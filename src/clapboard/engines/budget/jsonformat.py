"""The JSON format of a whole budget (``docs/budget-format.md``): read, check, write.

``read_budget(data)`` takes the parsed JSON (dicts, lists, strings, ints, ``Decimal``)
and returns a checked ``Budget``, or raises ``BudgetError`` naming the path of the first
bad field (``accounts[2].lines[5].quantity: unknown global SHOT_DAYS``). Unknown keys are
refused too, so that a misspelt field is not silently ignored. ``write_budget`` gives the
same structure back; ``read_budget(write_budget(b)) == b`` for every budget.

Numbers are read from strings, ints or ``Decimal`` (``load_budget`` parses JSON numbers
with a decimal point as ``Decimal``); a Python ``float`` is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from clapboard.engines.budget.checks import check_budget
from clapboard.engines.budget.expressions import Expression, ExpressionError, parse_expression
from clapboard.engines.budget.model import (
    Account,
    Budget,
    BudgetError,
    Chapter,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
)
from clapboard.engines.budget.money import HUNDRED, ZERO, MoneyError, parse_amount

__all__ = ["FORMAT", "FORMAT_VERSION", "load_budget", "read_budget", "write_budget"]

FORMAT = "clapboard-budget"
FORMAT_VERSION = 1

T = TypeVar("T")
Raw = Mapping[str, Any]


# ----------------------------------------------------------------------------- reading helpers


def _object(value: object, path: str, allowed: set[str], required: Sequence[str] = ()) -> Raw:
    if not isinstance(value, Mapping):
        raise BudgetError(path, f"expected an object, not {type(value).__name__}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise BudgetError(
            _join(path, unknown[0]), f"unknown field (expected one of {', '.join(sorted(allowed))})"
        )
    for key in required:
        if key not in value:
            raise BudgetError(_join(path, key), "missing")
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _items(value: object, path: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise BudgetError(path, f"expected a list, not {type(value).__name__}")
    return tuple(read(item, f"{path}[{index}]") for index, item in enumerate(value))


def _text(value: object, path: str, *, optional: bool = False) -> str:
    if optional and value is None:
        return ""
    if not isinstance(value, str):
        raise BudgetError(path, f"expected text, not {type(value).__name__}")
    return value


def _optional_text(value: object, path: str) -> str | None:
    return None if value is None else _text(value, path)


def _number(value: object, path: str) -> Decimal:
    try:
        return parse_amount(value, what="value")
    except MoneyError as error:
        raise BudgetError(path, str(error)) from error


def _expression(value: object, path: str) -> Expression:
    if isinstance(value, float):
        raise BudgetError(path, f"{value!r} is a binary floating-point number; write it as a string")
    try:
        return parse_expression(value)  # type: ignore[arg-type]
    except ExpressionError as error:
        raise BudgetError(path, str(error)) from error


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise BudgetError(path, f"expected true or false, not {value!r}")
    return value


def _date(value: object, path: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_text(value, path))
    except ValueError as error:
        raise BudgetError(path, f"expected a date as YYYY-MM-DD, not {value!r}") from error


def _names(value: object, path: str) -> tuple[str, ...]:
    return _items(value, path, _text)


# ----------------------------------------------------------------------------- reading


def read_budget(data: object) -> Budget:
    """A checked ``Budget`` from the JSON structure; ``BudgetError`` names the bad field."""
    raw = _object(
        data,
        "",
        {
            "format", "version", "title", "layout", "currency", "exchange_rates", "episodes",
            "hours_per_day", "days_per_week", "globals", "fringe_sets", "chapters", "accounts",
            "percentages", "notes",
        },
        ("layout", "currency", "chapters", "accounts"),
    )  # fmt: skip
    if raw.get("format", FORMAT) != FORMAT:
        raise BudgetError("format", f"expected {FORMAT!r}, not {raw['format']!r}")
    if raw.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise BudgetError("version", f"this version of Clapboard reads version {FORMAT_VERSION}")
    rates = raw.get("exchange_rates", {})
    if not isinstance(rates, Mapping):
        raise BudgetError("exchange_rates", "expected an object of currency → rate")
    episodes = raw.get("episodes")
    if episodes is not None and (isinstance(episodes, bool) or not isinstance(episodes, int)):
        raise BudgetError("episodes", f"expected a whole number of episodes, not {episodes!r}")
    budget = Budget(
        layout=_text(raw["layout"], "layout"),
        currency=_text(raw["currency"], "currency"),
        title=_text(raw.get("title", ""), "title"),
        exchange_rates={
            _text(code, "exchange_rates"): _number(rate, f"exchange_rates.{code}")
            for code, rate in rates.items()
        },
        episodes=episodes,
        hours_per_day=_number(raw.get("hours_per_day", "8"), "hours_per_day"),
        days_per_week=_number(raw.get("days_per_week", "5"), "days_per_week"),
        globals=_items(raw.get("globals", []), "globals", _global),
        fringe_sets=_items(raw.get("fringe_sets", []), "fringe_sets", _fringe_set),
        chapters=_items(raw["chapters"], "chapters", _chapter),
        accounts=_items(raw["accounts"], "accounts", _account),
        percentages=_items(raw.get("percentages", []), "percentages", _percentage),
        notes=_text(raw.get("notes", ""), "notes"),
    )
    check_budget(budget)
    return budget


def _global(value: object, path: str) -> Global:
    raw = _object(value, path, {"name", "expression", "link", "description"}, ("name", "expression"))
    return Global(
        name=_text(raw["name"], f"{path}.name"),
        expression=_expression(raw["expression"], f"{path}.expression"),
        link=_optional_text(raw.get("link"), f"{path}.link"),
        description=_text(raw.get("description", ""), f"{path}.description"),
    )


def _fringe_set(value: object, path: str) -> FringeSet:
    raw = _object(
        value,
        path,
        {"name", "title", "employment_status", "fringes", "source", "effective_from", "notes"},
        ("name", "employment_status", "fringes"),
    )
    return FringeSet(
        name=_text(raw["name"], f"{path}.name"),
        employment_status=_text(raw["employment_status"], f"{path}.employment_status"),
        fringes=_items(raw["fringes"], f"{path}.fringes", _fringe),
        title=_text(raw.get("title", ""), f"{path}.title"),
        source=_text(raw.get("source", ""), f"{path}.source"),
        effective_from=_date(raw.get("effective_from"), f"{path}.effective_from"),
        notes=_text(raw.get("notes", ""), f"{path}.notes"),
    )


def _fringe(value: object, path: str) -> Fringe:
    raw = _object(
        value, path, {"name", "title", "percentage", "cap", "source", "notes"}, ("name", "percentage")
    )
    cap = raw.get("cap")
    return Fringe(
        name=_text(raw["name"], f"{path}.name"),
        percentage=_number(raw["percentage"], f"{path}.percentage"),
        title=_text(raw.get("title", ""), f"{path}.title"),
        cap=None if cap is None else _cap(cap, f"{path}.cap"),
        source=_text(raw.get("source", ""), f"{path}.source"),
        notes=_text(raw.get("notes", ""), f"{path}.notes"),
    )


def _cap(value: object, path: str) -> FringeCap:
    raw = _object(value, path, {"amount", "per", "currency", "floor"}, ("amount", "per", "currency"))
    return FringeCap(
        amount=_number(raw["amount"], f"{path}.amount"),
        per=_text(raw["per"], f"{path}.per"),
        currency=_text(raw["currency"], f"{path}.currency"),
        floor=_number(raw.get("floor", "0"), f"{path}.floor"),
    )


def _chapter(value: object, path: str) -> Chapter:
    raw = _object(value, path, {"number", "title"}, ("number", "title"))
    return Chapter(number=_text(raw["number"], f"{path}.number"), title=_text(raw["title"], f"{path}.title"))


def _account(value: object, path: str) -> Account:
    raw = _object(
        value,
        path,
        {"number", "title", "chapter", "group", "lines", "fringes_to"},
        ("number", "title", "chapter", "group"),
    )
    return Account(
        number=_text(raw["number"], f"{path}.number"),
        title=_text(raw["title"], f"{path}.title"),
        chapter=_text(raw["chapter"], f"{path}.chapter"),
        group=_text(raw["group"], f"{path}.group"),
        lines=_items(raw.get("lines", []), f"{path}.lines", _line),
        fringes_to=_optional_text(raw.get("fringes_to"), f"{path}.fringes_to"),
    )


_LINE_FIELDS = {
    "id", "description", "quantity", "unit", "rate", "multiplier", "currency", "fringe_sets",
    "department", "french_share", "french", "per_episode", "notes", "person", "quantity_link",
}  # fmt: skip


def _line(value: object, path: str) -> Line:
    raw = _object(value, path, _LINE_FIELDS, ("id", "quantity", "unit", "rate"))
    multiplier = raw.get("multiplier")
    return Line(
        id=_text(raw["id"], f"{path}.id"),
        description=_text(raw.get("description", ""), f"{path}.description"),
        quantity=_expression(raw["quantity"], f"{path}.quantity"),
        unit=_text(raw["unit"], f"{path}.unit"),
        rate=_expression(raw["rate"], f"{path}.rate"),
        multiplier=None if multiplier is None else _expression(multiplier, f"{path}.multiplier"),
        currency=_optional_text(raw.get("currency"), f"{path}.currency"),
        fringe_sets=_names(raw.get("fringe_sets", []), f"{path}.fringe_sets"),
        department=_text(raw.get("department", ""), f"{path}.department"),
        french_share=_french_share(raw, path),
        per_episode=_flag(raw.get("per_episode", False), f"{path}.per_episode"),
        notes=_text(raw.get("notes", ""), f"{path}.notes"),
        person=_optional_text(raw.get("person"), f"{path}.person"),
        quantity_link=_optional_text(raw.get("quantity_link"), f"{path}.quantity_link"),
    )


def _french_share(raw: Raw, path: str) -> Decimal:
    """``french_share`` (0 to 100), or the flag ``french`` (true = 100, false = 0)."""
    if "french" in raw:
        if "french_share" in raw:
            raise BudgetError(f"{path}.french", "give french or french_share, not both")
        return HUNDRED if _flag(raw["french"], f"{path}.french") else Decimal(0)
    return _number(raw.get("french_share", "100"), f"{path}.french_share")


def _percentage(value: object, path: str) -> PercentageLine:
    raw = _object(
        value, path, {"id", "title", "percentage", "base", "french_share", "notes"}, ("id", "percentage")
    )
    base = _object(raw.get("base", {}), f"{path}.base", {"include", "exclude", "percentages"})
    return PercentageLine(
        id=_text(raw["id"], f"{path}.id"),
        title=_text(raw.get("title", ""), f"{path}.title"),
        percentage=_expression(raw["percentage"], f"{path}.percentage"),
        base=PercentageBase(
            include=_names(base.get("include", ["all"]), f"{path}.base.include"),
            exclude=_names(base.get("exclude", []), f"{path}.base.exclude"),
            percentages=_names(base.get("percentages", []), f"{path}.base.percentages"),
        ),
        french_share=_number(raw.get("french_share", "100"), f"{path}.french_share"),
        notes=_text(raw.get("notes", ""), f"{path}.notes"),
    )


def load_budget(path: str | Path) -> Budget:
    """Read a budget file; ``BudgetError`` messages start with the file's name."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise BudgetError(path.name, f"not JSON ({error.msg}, line {error.lineno})") from error
    except UnicodeDecodeError as error:
        raise BudgetError(path.name, "not UTF-8 text") from error
    try:
        return read_budget(data)
    except BudgetError as error:
        raise BudgetError(f"{path.name}: {error.path}" if error.path else path.name, error.reason) from error


# ----------------------------------------------------------------------------- writing


def write_budget(budget: Budget) -> dict[str, Any]:
    """The JSON structure of ``budget`` (numbers as strings, so that nothing is lost)."""
    data: dict[str, Any] = {"format": FORMAT, "version": FORMAT_VERSION}
    if budget.title:
        data["title"] = budget.title
    data["layout"] = budget.layout
    data["currency"] = budget.currency
    data["exchange_rates"] = {code: str(rate) for code, rate in budget.exchange_rates.items()}
    if budget.episodes is not None:
        data["episodes"] = budget.episodes
    data["hours_per_day"] = str(budget.hours_per_day)
    data["days_per_week"] = str(budget.days_per_week)
    data["globals"] = [_write_global(item) for item in budget.globals]
    data["fringe_sets"] = [_write_fringe_set(item) for item in budget.fringe_sets]
    data["chapters"] = [{"number": item.number, "title": item.title} for item in budget.chapters]
    data["accounts"] = [_write_account(item) for item in budget.accounts]
    data["percentages"] = [_write_percentage(item) for item in budget.percentages]
    if budget.notes:
        data["notes"] = budget.notes
    return data


def _set_if(data: dict[str, Any], key: str, value: object, default: object = "") -> None:
    """Leave out a field that has its default value, to keep files short."""
    if value != default:
        data[key] = value


def _write_global(item: Global) -> dict[str, Any]:
    data: dict[str, Any] = {"name": item.name, "expression": item.expression.text}
    _set_if(data, "link", item.link, None)
    _set_if(data, "description", item.description)
    return data


def _write_fringe_set(item: FringeSet) -> dict[str, Any]:
    data: dict[str, Any] = {"name": item.name}
    _set_if(data, "title", item.title)
    data["employment_status"] = item.employment_status
    _set_if(data, "source", item.source)
    _set_if(data, "effective_from", item.effective_from.isoformat() if item.effective_from else None, None)
    _set_if(data, "notes", item.notes)
    data["fringes"] = [_write_fringe(fringe) for fringe in item.fringes]
    return data


def _write_fringe(fringe: Fringe) -> dict[str, Any]:
    data: dict[str, Any] = {"name": fringe.name}
    _set_if(data, "title", fringe.title)
    data["percentage"] = str(fringe.percentage)
    if fringe.cap is not None:
        cap = {"amount": str(fringe.cap.amount), "per": fringe.cap.per, "currency": fringe.cap.currency}
        if fringe.cap.floor != ZERO:
            cap["floor"] = str(fringe.cap.floor)
        data["cap"] = cap
    _set_if(data, "source", fringe.source)
    _set_if(data, "notes", fringe.notes)
    return data


def _write_account(account: Account) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": account.number,
        "title": account.title,
        "chapter": account.chapter,
        "group": account.group,
    }
    _set_if(data, "fringes_to", account.fringes_to, None)
    data["lines"] = [_write_line(line) for line in account.lines]
    return data


def _write_line(line: Line) -> dict[str, Any]:
    data: dict[str, Any] = {"id": line.id}
    _set_if(data, "description", line.description)
    data["quantity"] = line.quantity.text
    data["unit"] = line.unit
    data["rate"] = line.rate.text
    _set_if(data, "multiplier", None if line.multiplier is None else line.multiplier.text, None)
    _set_if(data, "currency", line.currency, None)
    _set_if(data, "fringe_sets", list(line.fringe_sets), [])
    _set_if(data, "department", line.department)
    _set_if(data, "french_share", str(line.french_share), str(HUNDRED))
    _set_if(data, "per_episode", line.per_episode, False)
    _set_if(data, "person", line.person, None)
    _set_if(data, "quantity_link", line.quantity_link, None)
    _set_if(data, "notes", line.notes)
    return data


def _write_percentage(item: PercentageLine) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id}
    _set_if(data, "title", item.title)
    data["percentage"] = item.percentage.text
    base: dict[str, Any] = {"include": list(item.base.include)}
    _set_if(base, "exclude", list(item.base.exclude), [])
    _set_if(base, "percentages", list(item.base.percentages), [])
    data["base"] = base
    _set_if(data, "french_share", str(item.french_share), str(HUNDRED))
    _set_if(data, "notes", item.notes)
    return data
