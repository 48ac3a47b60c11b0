"""The little language of quantities, rates and multipliers, and the budget's globals.

A budget cell holds an expression such as ``SHOOT_DAYS / 5 + PREP_WEEKS`` or
``1250,50 * EUR_USD``. The grammar, read by a hand-written tokenizer and a
recursive-descent parser (user text never reaches Python's ``eval`` or ``ast``)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | primary
    primary    := number | name | "(" expression ")"
    number     := digits [("." | ",") digits] | "." digits
    name       := letter or "_", then letters, digits or "_"   (case matters)

Numbers take ``.`` as the decimal point. A French decimal comma is accepted when it
cannot be read as a thousands separator: ``12,5``, ``1250,50``, ``0,125`` and ``1,2500``
are decimals, but ``1,000`` or ``250,000`` (one to three digits not starting with 0, a
comma, exactly three digits) are refused as ambiguous, and so is a second comma or point
in one number. There are no thousands separators at all.

Only ``+ - * /`` are operators: the multiplication and division signs and ``x`` get an error that says which
operator to type. Every error carries the 1-based position in the text.

An ``Expression`` is parsed once and compiled into nested closures; one without names is
folded into a constant, so the calculation of a plain ``"450"`` costs a lookup.
``resolve_globals`` evaluates the budget's globals, which may name each other, in
dependency order and reports unknown names and cycles with the global concerned
(``global A: cycle A → B → A``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache

from clapboard.engines.budget.money import CONTEXT

__all__ = [
    "Expression",
    "ExpressionError",
    "GlobalsError",
    "dependent_globals",
    "global_order",
    "parse_expression",
    "resolve_globals",
]

Values = Mapping[str, Decimal]
Evaluator = Callable[[Values], Decimal]

_OPERATORS = frozenset("+-*/()")
_LOOKALIKES = {"\u00d7": "*", "\u00f7": "/", "\u2212": "-", "\u2013": "-"}


class ExpressionError(ValueError):
    """A bad expression, or one that cannot be evaluated; names the 1-based position."""

    def __init__(self, message: str, *, text: str, position: int) -> None:
        self.reason = message
        self.text = text
        self.position = position
        super().__init__(f"{message} at position {position + 1} in {text!r}")


class GlobalsError(ValueError):
    """A global that names an unknown global, takes part in a cycle, or cannot be evaluated."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"global {name}: {message}")


# ----------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "name", an operator character, or "end"
    text: str
    position: int
    value: Decimal | None = None


def _number_end(text: str, start: int) -> int:
    """Where the digits starting at ``start`` stop."""
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    return end


def _read_number(text: str, start: int) -> _Token:
    whole_end = _number_end(text, start)
    end = whole_end
    if end < len(text) and text[end] in ".,":
        separator = text[end]
        fraction_end = _number_end(text, end + 1)
        if fraction_end == end + 1:
            raise ExpressionError(f"a digit must follow {separator!r}", text=text, position=end)
        whole = text[start:whole_end]
        if separator == "," and fraction_end - end - 1 == 3 and len(whole) <= 3 and not whole.startswith("0"):
            raise ExpressionError(
                "ambiguous comma (a thousands separator or a decimal comma?): write the number "
                "without separators, with '.' for decimals",
                text=text,
                position=end,
            )
        end = fraction_end
    if end < len(text) and text[end] in ".,":
        raise ExpressionError(f"unexpected {text[end]!r} in a number", text=text, position=end)
    literal = text[start:end].replace(",", ".")
    return _Token("number", text[start:end], start, Decimal(literal))


def _read_name(text: str, start: int) -> _Token:
    end = start + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_") and text[end].isascii():
        end += 1
    return _Token("name", text[start:end], start)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif (char.isascii() and char.isdigit()) or (
            char == "." and text[position + 1 : position + 2].isdigit()
        ):
            tokens.append(_read_number(text, position))
            position += len(tokens[-1].text)
        elif char.isascii() and (char.isalpha() or char == "_"):
            tokens.append(_read_name(text, position))
            position += len(tokens[-1].text)
        elif char in _OPERATORS:
            tokens.append(_Token(char, char, position))
            position += 1
        elif char in _LOOKALIKES:
            raise ExpressionError(f"write {_LOOKALIKES[char]!r} for {char!r}", text=text, position=position)
        else:
            raise ExpressionError(f"unexpected character {char!r}", text=text, position=position)
    tokens.append(_Token("end", "", len(text)))
    return tokens


# ----------------------------------------------------------------------------- parser


@dataclass(slots=True)
class _Compiled:
    """A parsed sub-expression: its evaluator, its constant value if it has no names."""

    evaluate: Evaluator
    constant: Decimal | None
    start: int
    end: int


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0
        self.names: set[str] = set()

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def error(self, message: str, position: int | None = None) -> ExpressionError:
        return ExpressionError(
            message, text=self.text, position=self.current.position if position is None else position
        )

    def parse(self) -> _Compiled:
        if self.current.kind == "end":
            raise self.error("empty expression")
        compiled = self.expression()
        if self.current.kind != "end":
            token = self.current
            if (
                token.kind == "name"
                and token.text[0] in "xX"
                and (len(token.text) == 1 or token.text[1:].isdigit())
            ):
                raise self.error("write '*' to multiply, not 'x'")
            if token.kind == ")":
                raise self.error("')' without a matching '('")
            raise self.error(f"expected an operator before {token.text!r}")
        return compiled

    def expression(self) -> _Compiled:
        left = self.term()
        while self.current.kind in {"+", "-"}:
            operator = self.current
            self.index += 1
            left = _binary(operator, left, self.term(), self.text)
        return left

    def term(self) -> _Compiled:
        left = self.unary()
        while self.current.kind in {"*", "/"}:
            operator = self.current
            self.index += 1
            left = _binary(operator, left, self.unary(), self.text)
        return left

    def unary(self) -> _Compiled:
        token = self.current
        if token.kind in {"-", "+"}:
            self.index += 1
            operand = self.unary()
            if token.kind == "+":
                return _Compiled(operand.evaluate, operand.constant, token.position, operand.end)
            return _negate(operand, token.position)
        return self.primary()

    def primary(self) -> _Compiled:
        token = self.current
        end = token.position + len(token.text)
        if token.kind == "number":
            self.index += 1
            value = token.value if token.value is not None else Decimal(0)
            return _Compiled(_constant(value), value, token.position, end)
        if token.kind == "name":
            self.index += 1
            self.names.add(token.text)
            return _Compiled(_lookup(token.text, self.text, token.position), None, token.position, end)
        if token.kind == "(":
            self.index += 1
            if self.current.kind == ")":
                raise self.error("empty parentheses")
            inner = self.expression()
            if self.current.kind != ")":
                raise self.error("missing ')'" if self.current.kind == "end" else "expected ')'")
            closing = self.current
            self.index += 1
            return _Compiled(inner.evaluate, inner.constant, token.position, closing.position + 1)
        if token.kind == "end":
            raise self.error("the expression ends too early")
        raise self.error(f"expected a number, a name or '(' but found {token.text!r}")


def _constant(value: Decimal) -> Evaluator:
    return lambda values: value


def _lookup(name: str, text: str, position: int) -> Evaluator:
    def value_of(values: Values) -> Decimal:
        try:
            return values[name]
        except KeyError:
            raise ExpressionError(f"unknown name {name}", text=text, position=position) from None

    return value_of


def _negate(operand: _Compiled, position: int) -> _Compiled:
    if operand.constant is not None:
        negated = -operand.constant
        return _Compiled(_constant(negated), negated, position, operand.end)
    inner = operand.evaluate
    return _Compiled(lambda values: -inner(values), None, position, operand.end)


def _binary(operator: _Token, left: _Compiled, right: _Compiled, text: str) -> _Compiled:
    kind = operator.kind
    first, second = left.evaluate, right.evaluate
    evaluate: Evaluator
    if kind == "+":
        evaluate = lambda values: first(values) + second(values)  # noqa: E731
    elif kind == "-":
        evaluate = lambda values: first(values) - second(values)  # noqa: E731
    elif kind == "*":
        evaluate = lambda values: first(values) * second(values)  # noqa: E731
    else:
        divisor_text = text[right.start : right.end]
        if right.constant is not None and not right.constant:
            raise ExpressionError(_zero_division(divisor_text), text=text, position=operator.position)
        evaluate = _divide(first, second, divisor_text, text, operator.position)
    compiled = _Compiled(evaluate, None, left.start, right.end)
    if left.constant is not None and right.constant is not None:
        with localcontext(CONTEXT):
            value = evaluate({})
        compiled = _Compiled(_constant(value), value, left.start, right.end)
    return compiled


def _zero_division(divisor_text: str) -> str:
    """The message names what came out as zero, unless it was written as a plain zero."""
    if divisor_text.strip().strip("0.,") == "":
        return "division by zero"
    return f"division by zero ({divisor_text} is 0)"


def _divide(first: Evaluator, second: Evaluator, divisor_text: str, text: str, position: int) -> Evaluator:
    def quotient(values: Values) -> Decimal:
        divisor = second(values)
        if not divisor:
            raise ExpressionError(_zero_division(divisor_text), text=text, position=position)
        return first(values) / divisor

    return quotient


# ----------------------------------------------------------------------------- expressions


class Expression:
    """A parsed expression: its source ``text`` (kept as typed), the ``names`` it uses.

    Two expressions are equal when their texts are, so that a budget read from JSON and
    written back compares equal to itself.
    """

    __slots__ = ("_evaluate", "constant", "names", "text")

    def __init__(self, text: str) -> None:
        parser = _Parser(text)
        compiled = parser.parse()
        self.text = text
        self.names = frozenset(parser.names)
        #: The value when the expression names nothing, else ``None``.
        self.constant = compiled.constant
        self._evaluate = compiled.evaluate

    @property
    def evaluator(self) -> Evaluator:
        """The compiled function; call it inside ``localcontext(money.CONTEXT)``."""
        return self._evaluate

    def evaluate(self, values: Values | None = None) -> Decimal:
        """The value, given the values of the names it uses."""
        if self.constant is not None:
            return self.constant
        with localcontext(CONTEXT):
            return self._evaluate(values or {})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


def parse_expression(text: str | int | Decimal) -> Expression:
    """Parse ``text``; an int or a ``Decimal`` is taken as its usual decimal writing."""
    if isinstance(text, bool) or not isinstance(text, str | int | Decimal):
        raise ExpressionError(f"an expression is text, not {type(text).__name__}", text=str(text), position=0)
    return _parsed(text if isinstance(text, str) else str(text))


#: Expressions never change once parsed, and a budget repeats the same few texts ("1",
#: "SHOOT_DAYS", a rate) across thousands of lines and across the calculations a server
#: makes of it: each text is parsed once. A bad text raises every time (nothing cached).
_parsed = lru_cache(maxsize=65536)(Expression)


# ----------------------------------------------------------------------------- globals


def global_order(definitions: Mapping[str, Expression]) -> list[str]:
    """The globals in an order where each comes after the globals it names.

    Raises ``GlobalsError`` for a name that is not a global and for a cycle, naming the
    first global (in definition order) where it was found and the whole loop.
    """
    order: list[str] = []
    state: dict[str, str] = {}  # "visiting" while on the path, "done" once placed

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            loop = [*path[path.index(name) :], name]
            raise GlobalsError(loop[0], "cycle " + " → ".join(loop))
        state[name] = "visiting"
        for used in sorted(definitions[name].names):
            if used not in definitions:
                raise GlobalsError(name, f"unknown name {used}")
            visit(used, [*path, name])
        state[name] = "done"
        order.append(name)

    for name in definitions:
        visit(name, [])
    return order


def resolve_globals(
    definitions: Mapping[str, Expression], fixed: Mapping[str, Decimal] | None = None
) -> dict[str, Decimal]:
    """The value of every global. ``fixed`` gives values that replace a global's expression.

    (The schedule's figures arrive this way: a global linked to ``schedule:shoot_days``
    takes the schedule's value instead of its own estimate.)
    """
    fixed = fixed or {}
    values: dict[str, Decimal] = {}
    with localcontext(CONTEXT):
        for name in global_order(definitions):
            values[name] = fixed[name] if name in fixed else _evaluate_global(name, definitions[name], values)
    return values


def _evaluate_global(name: str, expression: Expression, values: Values) -> Decimal:
    try:
        return expression.evaluator(values)
    except ExpressionError as error:
        raise GlobalsError(name, str(error)) from error


def dependent_globals(definitions: Mapping[str, Expression], changed: Iterable[str]) -> set[str]:
    """``changed`` and every global that names one of them, directly or through others."""
    users: dict[str, set[str]] = {}
    for name, expression in definitions.items():
        for used in expression.names:
            users.setdefault(used, set()).add(name)
    result: set[str] = set()
    pending = list(changed)
    while pending:
        name = pending.pop()
        if name not in result:
            result.add(name)
            pending.extend(users.get(name, ()))
    return result
