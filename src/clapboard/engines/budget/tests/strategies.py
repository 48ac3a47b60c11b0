"""Hypothesis strategies: random but valid budgets, with every feature the engine has."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from clapboard.engines.budget import (
    Account,
    Budget,
    Chapter,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
    parse_expression,
)

GLOBALS = ("DAYS", "WEEKS", "RATE", "CREW")
FRINGE_SETS = (
    FringeSet(
        "tech",
        "intermittent_technician",
        (
            Fringe("conges", Decimal("15.50")),
            Fringe("pension", Decimal("3.94"), cap=FringeCap(Decimal("220"), "day", "EUR")),
            Fringe(
                "band", Decimal("12.95"), cap=FringeCap(Decimal("1540"), "day", "EUR", floor=Decimal("220"))
            ),
        ),
    ),
    FringeSet(
        "union",
        "union_performer",
        (
            Fringe("ph", Decimal("21.0"), cap=FringeCap(Decimal("800"), "person", "USD")),
            Fringe("line_capped", Decimal("2"), cap=FringeCap(Decimal("3000"), "line", "EUR")),
        ),
    ),
    FringeSet("author", "author", (Fringe("diffuseur", Decimal("1.1")),)),
)

money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
quantities = st.one_of(
    st.integers(0, 60).map(str),
    st.sampled_from(["DAYS", "WEEKS", "WEEKS + 2", "DAYS / 3", "CREW * 2", "1,5", "(DAYS - 1) / 7"]),
)
rates = st.one_of(money.map(str), st.sampled_from(["RATE", "RATE * 1.25", "RATE / 3"]))


@st.composite
def lines(draw: st.DrawFn, line_id: str, series: bool) -> Line:
    return Line(
        id=line_id,
        description=draw(st.text(max_size=8)),
        quantity=parse_expression(draw(quantities)),
        unit=draw(st.sampled_from(["days", "weeks", "hours", "flat", "allowance", "percentage"])),
        rate=parse_expression(draw(rates)),
        multiplier=draw(st.none() | st.sampled_from(["2", "1.5", "CREW"]).map(parse_expression)),
        currency=draw(st.sampled_from([None, "EUR", "USD"])),
        fringe_sets=draw(st.sampled_from([(), ("tech",), ("union",), ("author",), ("tech", "author")])),
        department=draw(st.sampled_from(["", "camera", "art", "post"])),
        french_share=draw(st.sampled_from([Decimal(100), Decimal(0), Decimal("33.3"), Decimal(50)])),
        per_episode=series and draw(st.booleans()),
        person=draw(st.sampled_from([None, "p1", "p2"])),
        quantity_link=draw(st.sampled_from([None, "schedule:cast_days:e1"])),
    )


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    series = draw(st.booleans())
    chapter_count = draw(st.integers(1, 3))
    chapters = tuple(Chapter(str(number), f"Chapter {number}") for number in range(1, chapter_count + 1))
    account_count = draw(st.integers(1, 5))
    numbers = [f"{index + 1}0" for index in range(account_count)]
    counter = iter(range(10_000))
    accounts = []
    for number in numbers:
        line_count = draw(st.integers(0, 5))
        accounts.append(
            Account(
                number=number,
                title=f"Account {number}",
                chapter=draw(st.sampled_from([chapter.number for chapter in chapters])),
                group=draw(st.sampled_from(["above", "below"])),
                lines=tuple(draw(lines(f"L{next(counter)}", series)) for _ in range(line_count)),
                fringes_to=draw(st.none() | st.sampled_from(numbers)),
            )
        )
    globals_ = (
        Global("DAYS", parse_expression(str(draw(st.integers(1, 60)))), link="schedule:shoot_days"),
        Global("WEEKS", parse_expression("DAYS / 5")),
        Global("RATE", parse_expression(str(draw(money)))),
        Global("CREW", parse_expression(draw(st.sampled_from(["1", "2", "WEEKS - WEEKS + 3"])))),
    )
    return Budget(
        layout="random",
        currency="EUR",
        chapters=chapters,
        accounts=tuple(accounts),
        exchange_rates={"USD": draw(st.sampled_from([Decimal("0.92"), Decimal("1.0833")]))},
        globals=globals_,
        fringe_sets=FRINGE_SETS,
        percentages=(
            PercentageLine("CONT", "Contingency", parse_expression("10"), PercentageBase()),
            PercentageLine(
                "BOND",
                "Bond",
                parse_expression("RATE / 1000"),
                PercentageBase(("group:below",), exclude=(f"account:{numbers[0]}",), percentages=("CONT",)),
                french_share=Decimal("40"),
            ),
        ),
        episodes=draw(st.integers(1, 12)) if series else None,
    )
