"""The expression language: grammar, decimal commas, errors with positions, globals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clapboard.engines.budget.expressions import (
    ExpressionError,
    GlobalsError,
    dependent_globals,
    global_order,
    parse_expression,
    resolve_globals,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("24 / 4 / 2", "3"),
        ("-2 * -3", "6"),
        ("-(2 - 5)", "3"),
        ("+4", "4"),
        ("1.5 * 2", "3.0"),
        ("12,5", "12.5"),
        ("1250,50", "1250.50"),
        ("0,125", "0.125"),
        ("1,2500", "1.2500"),
        (".5 + 1", "1.5"),
        ("1 / 4 * 4", "1.00"),
    ],
)
def test_arithmetic(text: str, expected: str) -> None:
    assert parse_expression(text).evaluate() == Decimal(expected)


def test_divisions_keep_28_significant_digits() -> None:
    assert parse_expression("1 / 3").evaluate() == Decimal("0.3333333333333333333333333333")


def test_names_are_looked_up_and_listed() -> None:
    expression = parse_expression("SHOOT_DAYS / 5 + PREP_WEEKS")
    assert expression.names == {"SHOOT_DAYS", "PREP_WEEKS"}
    assert expression.constant is None
    assert expression.evaluate({"SHOOT_DAYS": Decimal(30), "PREP_WEEKS": Decimal(2)}) == 8


def test_an_expression_without_names_is_folded_into_a_constant() -> None:
    assert parse_expression("2 * (3 + 4)").constant == 14


def test_expressions_compare_by_their_text() -> None:
    assert parse_expression("1+1") == parse_expression("1+1")
    assert parse_expression("1+1") != parse_expression("2")


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("", "empty expression", 1),
        ("1 +", "ends too early", 4),
        ("(1 + 2", "missing ')'", 7),
        ("1 + 2)", "')' without a matching '('", 6),
        ("2 x 3", "write '*' to multiply", 3),
        ("2 × 3", "write '*'", 3),  # noqa: RUF001
        ("6 ÷ 3", "write '/'", 3),
        ("1,000", "ambiguous comma", 2),
        ("250,000 * 2", "ambiguous comma", 4),
        ("1.2.3", "unexpected '.'", 4),
        ("1,5,5", "unexpected ','", 4),
        ("4 $", "unexpected character '$'", 3),
        ("SHOOT DAYS", "expected an operator before 'DAYS'", 7),
        ("()", "empty parentheses", 2),
        ("1 / 0", "division by zero", 3),
        ("2 * (3 / (1 - 1))", "division by zero ((1 - 1) is 0)", 8),
    ],
)
def test_errors_name_the_position(text: str, message: str, position: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert message in str(caught.value)
    assert caught.value.position + 1 == position
    assert f"at position {position}" in str(caught.value)


def test_division_by_a_name_that_is_zero_names_it() -> None:
    expression = parse_expression("SHOOT_DAYS / PREP_WEEKS")
    with pytest.raises(ExpressionError, match=r"division by zero \(PREP_WEEKS is 0\) at position 12"):
        expression.evaluate({"SHOOT_DAYS": Decimal(1), "PREP_WEEKS": Decimal(0)})


def test_an_unknown_name_is_reported_where_it_is() -> None:
    with pytest.raises(ExpressionError, match="unknown name SHOT_DAYS at position 5"):
        parse_expression("2 * SHOT_DAYS").evaluate({"SHOOT_DAYS": Decimal(1)})


def test_floats_are_not_expressions() -> None:
    with pytest.raises(ExpressionError):
        parse_expression(0.5)  # type: ignore[arg-type]


def definitions(**texts: str) -> dict[str, object]:
    return {name: parse_expression(text) for name, text in texts.items()}


def test_globals_may_name_each_other_in_any_order() -> None:
    values = resolve_globals(definitions(WEEKS="DAYS / 5", DAYS="30", TOTAL="WEEKS * RATE", RATE="2"))  # type: ignore[arg-type]
    assert values == {"DAYS": 30, "WEEKS": 6, "RATE": 2, "TOTAL": 12}


def test_a_cycle_is_reported_with_its_names() -> None:
    with pytest.raises(GlobalsError, match="global A: cycle A → B → A"):
        global_order(definitions(A="B + 1", B="A * 2"))  # type: ignore[arg-type]
    with pytest.raises(GlobalsError, match="global C: cycle C → C"):
        global_order(definitions(C="C + 1"))  # type: ignore[arg-type]


def test_an_unknown_name_in_a_global_names_the_global() -> None:
    with pytest.raises(GlobalsError, match="global WEEKS: unknown name SHOT_DAYS"):
        resolve_globals(definitions(WEEKS="SHOT_DAYS / 5"))  # type: ignore[arg-type]


def test_a_division_by_zero_in_a_global_names_the_global() -> None:
    with pytest.raises(GlobalsError, match=r"global RATE: division by zero \(DAYS is 0\)"):
        resolve_globals(definitions(DAYS="0", RATE="100 / DAYS"))  # type: ignore[arg-type]


def test_fixed_values_replace_expressions() -> None:
    values = resolve_globals(definitions(DAYS="30", WEEKS="DAYS / 5"), {"DAYS": Decimal(40)})  # type: ignore[arg-type]
    assert values["WEEKS"] == 8


def test_dependents_follow_chains() -> None:
    found = dependent_globals(definitions(A="1", B="A", C="B + 1", D="2"), ["A"])  # type: ignore[arg-type]
    assert found == {"A", "B", "C"}
