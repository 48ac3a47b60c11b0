"""The JSON format: what it accepts, the path in every error, and a lossless round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from clapboard.engines.budget import BudgetError, calculate_budget, load_budget, read_budget, write_budget

from .test_calculate import worked_example


def document() -> dict[str, Any]:
    return write_budget(worked_example())


def test_the_written_document_has_the_documented_shape() -> None:
    data = document()
    assert list(data)[:4] == ["format", "version", "layout", "currency"]
    assert data["format"] == "clapboard-budget"
    assert data["exchange_rates"] == {"USD": "0.90"}
    line = data["accounts"][1]["lines"][0]
    assert line == {
        "id": "B",
        "description": "line B",
        "quantity": "WEEKS",
        "unit": "weeks",
        "rate": "1500",
        "fringe_sets": ["tech"],
        "department": "camera",
        "french_share": "50",
    }
    assert data["fringe_sets"][0]["fringes"][1]["cap"] == {"amount": "220", "per": "day", "currency": "EUR"}


def test_a_round_trip_through_text_is_lossless() -> None:
    budget = worked_example()
    again = read_budget(json.loads(json.dumps(write_budget(budget))))
    assert again == budget
    assert calculate_budget(again) == calculate_budget(budget)


def at(data: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """``data`` with the field at a dotted path (``accounts.1.lines.0.quantity``) set."""
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "accounts.1.lines.0.quantity",
            "SHOT_DAYS * 2",
            "accounts[1].lines[0].quantity: unknown global SHOT_DAYS",
        ),
        ("accounts.1.lines.0.quantity", "three", "accounts[1].lines[0].quantity: unknown global three"),
        (
            "accounts.1.lines.0.quantity",
            "3 days",
            "accounts[1].lines[0].quantity: expected an operator before 'days'",
        ),
        ("accounts.1.lines.0.quantity", 2.5, "accounts[1].lines[0].quantity: 2.5 is a binary floating-point"),
        ("accounts.1.lines.0.quantity", None, "accounts[1].lines[0].quantity: an expression is text"),
        ("accounts.1.lines.0.rate", "", "accounts[1].lines[0].rate: empty expression"),
        (
            "accounts.2.lines.0.currency",
            "GBP",
            "accounts[2].lines[0].currency: no exchange rate from GBP to EUR",
        ),
        ("accounts.1.lines.0.unit", "months", "accounts[1].lines[0].unit: 'months' is not one of"),
        (
            "accounts.1.lines.0.french_share",
            "120",
            "accounts[1].lines[0].french_share: must be between 0 and 100",
        ),
        (
            "accounts.1.lines.0.fringe_sets",
            ["nope"],
            "accounts[1].lines[0].fringe_sets[0]: no fringe set 'nope'",
        ),
        ("accounts.1.group", "middle", "accounts[1].group: 'middle' is not one of above, below"),
        ("exchange_rates", {"USD": 0.9}, "exchange_rates.USD: value 0.9 is a binary floating-point"),
        ("exchange_rates", {"USD": "-1"}, "exchange_rates.USD: the rate must be above zero"),
        ("globals.1.expression", "SHOOT_DAYS / 0", "globals[1].expression: division by zero"),
        (
            "globals.0.expression",
            "WEEKS * 5",
            "globals[0].expression: global SHOOT_DAYS: cycle SHOOT_DAYS → WEEKS → SHOOT_DAYS",
        ),
        (
            "fringe_sets.0.fringes.1.cap",
            {"amount": "220", "per": "month", "currency": "EUR"},
            "fringe_sets[0].fringes[1].cap.per",
        ),
        (
            "percentages.0.base",
            {"include": ["chapter:7"]},
            "percentages[0].base.include[0]: 'chapter:7' names no chapter",
        ),
        ("episodes", "4", "episodes: expected a whole number"),
        ("format", "other", "format: expected 'clapboard-budget'"),
    ],
)
def test_errors_name_the_path_of_the_field(path: str, value: object, message: str) -> None:
    with pytest.raises(BudgetError) as caught:
        read_budget(at(document(), path, value))
    assert str(caught.value).startswith(message), str(caught.value)


def test_unknown_and_missing_fields_are_named() -> None:
    data = document()
    data["accounts"][0]["lines"][0]["quantitty"] = "1"
    with pytest.raises(BudgetError, match=r"^accounts\[0\].lines\[0\].quantitty: unknown field"):
        read_budget(data)
    data = document()
    del data["accounts"][0]["lines"][0]["rate"]
    with pytest.raises(BudgetError, match=r"^accounts\[0\].lines\[0\].rate: missing"):
        read_budget(data)
    with pytest.raises(BudgetError, match="expected an object"):
        read_budget([])


def test_french_may_be_a_flag() -> None:
    data = document()
    line = data["accounts"][1]["lines"][0]
    del line["french_share"]
    line["french"] = False
    assert read_budget(data).accounts[1].lines[0].french_share == 0


def test_load_budget_names_the_file_and_reads_decimals_exactly(tmp_path: Path) -> None:
    path = tmp_path / "devis.json"
    text = json.dumps(document()).replace('"0.90"', "0.90")
    path.write_text(text, encoding="utf-8")
    assert load_budget(path).exchange_rates == {"USD": Decimal("0.90")}
    path.write_text("{", encoding="utf-8")
    with pytest.raises(BudgetError, match=r"^devis.json: not JSON"):
        load_budget(path)
    path.write_text(json.dumps(at(document(), "accounts.1.lines.0.quantity", "SHOT_DAYS")), encoding="utf-8")
    with pytest.raises(
        BudgetError, match=r"^devis.json: accounts\[1\].lines\[0\].quantity: unknown global SHOT_DAYS"
    ):
        load_budget(path)
