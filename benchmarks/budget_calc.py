#!/usr/bin/env python
"""Budget calculation: a full recalculation and a one-line edit on a 5,000-line budget.

The budget is generated from a fixed seed, so every run measures the same work: 5,000
detail lines in 100 accounts and 10 chapters, 50 globals (each of the later ones naming
earlier ones), 30 fringes in 6 sets (some with a daily ceiling, one with a ceiling per
person), lines in two currencies, French shares, and four percentage lines.

Measured, as the median of ``--runs`` runs (default 15) in this process:

* full: ``calculate_budget(budget)``, the checks included (target < 50 ms);
* edit: ``Calculation.update_line`` on one line, then ``totals()`` (target < 5 ms); the
  edited line changes from run to run and uses globals and fringes.

    .venv/bin/python benchmarks/budget_calc.py
    .venv/bin/python benchmarks/budget_calc.py --runs 31 --lines 10000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from clapboard.engines.budget import (
    Account,
    Budget,
    Calculation,
    Chapter,
    Fringe,
    FringeCap,
    FringeSet,
    Global,
    Line,
    PercentageBase,
    PercentageLine,
    calculate_budget,
    parse_expression,
)

SEED = 20261126
UNITS = ("days", "weeks", "hours", "flat", "allowance")


def fringe_sets(rng: random.Random) -> tuple[FringeSet, ...]:
    sets = []
    for set_index in range(6):
        fringes = []
        for position in range(5):
            number = set_index * 5 + position
            cap = None
            if position == 0:
                cap = FringeCap(Decimal(220 + 10 * set_index), "day", "EUR")
            elif set_index == 5 and position == 1:
                cap = FringeCap(Decimal(50000), "person", "EUR")
            percentage = Decimal(rng.randint(10, 1600)) / 100
            fringes.append(Fringe(f"F{number:02}", percentage, cap=cap))
        sets.append(FringeSet(f"set{set_index}", "intermittent_technician", tuple(fringes)))
    return tuple(sets)


def global_definitions(rng: random.Random) -> tuple[Global, ...]:
    items = []
    for index in range(50):
        if index < 10:
            text = str(rng.randint(1, 60))
        else:
            first, second = rng.sample(range(index), 2)
            text = f"G{first:02} + G{second:02} / {rng.randint(2, 9)}"
        items.append(Global(f"G{index:02}", parse_expression(text)))
    return tuple(items)


def detail_line(rng: random.Random, number: int) -> Line:
    quantity = rng.choice(["1", "G{0:02}", "G{0:02} * 2 + 1", "(G{0:02} - 1) / 5", "12,5"]).format(
        rng.randrange(50)
    )
    return Line(
        id=f"L{number:05}",
        description=f"Line {number}",
        quantity=parse_expression(quantity),
        unit=rng.choice(UNITS),
        rate=parse_expression(str(Decimal(rng.randint(1000, 300000)) / 100)),
        multiplier=parse_expression(rng.choice(["2", "1.5", "G03"])) if rng.random() < 0.2 else None,
        currency="USD" if rng.random() < 0.1 else None,
        fringe_sets=(f"set{rng.randrange(6)}",) if rng.random() < 0.7 else (),
        department=rng.choice(["camera", "sound", "art", "production", "post", ""]),
        french_share=Decimal(rng.choice([100, 100, 100, 80, 0])),
        person=f"P{rng.randrange(300)}" if rng.random() < 0.3 else None,
    )


def generate_budget(line_count: int = 5000) -> Budget:
    rng = random.Random(SEED)
    account_count = 100
    lines = [detail_line(rng, number) for number in range(line_count)]
    accounts = tuple(
        Account(
            number=f"{index + 1:03}",
            title=f"Account {index + 1}",
            chapter=str(index // 10 + 1),
            group="above" if index < 15 else "below",
            lines=tuple(lines[index::account_count]),
        )
        for index in range(account_count)
    )
    return Budget(
        layout="benchmark",
        currency="EUR",
        chapters=tuple(Chapter(str(number), f"Chapter {number}") for number in range(1, 11)),
        accounts=accounts,
        exchange_rates={"USD": Decimal("0.92")},
        globals=global_definitions(rng),
        fringe_sets=fringe_sets(rng),
        percentages=(
            PercentageLine(
                "BOND", "Completion bond", parse_expression("5"), PercentageBase(exclude=("chapter:10",))
            ),
            PercentageLine("CONT", "Contingency", parse_expression("10"), PercentageBase()),
            PercentageLine("OH", "Overhead", parse_expression("G05 / 10"), PercentageBase(("group:below",))),
            PercentageLine(
                "INS", "Insurance", parse_expression("1.75"), PercentageBase(percentages=("CONT",))
            ),
        ),
    )


def milliseconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def naive_total(budget: Budget) -> Decimal:
    """The peer: quantity * rate * multiplier of every line, in Decimal, one pass, no
    fringes, globals evaluated once: the least any budget calculation has to do."""
    values = calculate_budget(replace(budget, accounts=())).globals
    total = Decimal(0)
    for _account, line in budget.lines():
        amount = line.quantity.evaluate(values) * line.rate.evaluate(values)
        if line.multiplier is not None:
            amount *= line.multiplier.evaluate(values)
        total += amount
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lines", type=int, default=5000)
    options = parser.parse_args()
    budget = generate_budget(options.lines)
    all_lines = [line for _, line in budget.lines()]

    full = []
    peer = []
    for _ in range(options.runs):  # ours and the peer in alternation, on the same budget
        full.append(milliseconds(lambda: calculate_budget(budget)))
        peer.append(milliseconds(lambda: naive_total(budget)))

    calculation = Calculation(budget)
    rng = random.Random(SEED + 1)
    edits = []
    for run in range(options.runs):
        line = rng.choice(all_lines)
        edited = replace(line, rate=parse_expression(f"{run + 100}.50"), quantity=parse_expression("G07 + 2"))

        def edit(edited: Line = edited) -> None:
            calculation.update_line(edited)
            calculation.totals()

        edits.append(milliseconds(edit))
    assert calculation.totals() == calculate_budget(calculation.budget), (
        "the edits disagree with a full calculation"
    )

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load}"
    )
    print(
        f"budget: {options.lines} lines, 100 accounts, 30 fringes, 50 globals; median of {options.runs} runs"
    )
    print(
        f"full recalculation:   {statistics.median(full):8.2f} ms  (target < 50 ms; min {min(full):.2f}, max {max(full):.2f})"
    )
    print(
        f"peer (naive sum):     {statistics.median(peer):8.2f} ms  "
        f"(ratio full / peer {statistics.median(full) / statistics.median(peer):.2f})"
    )
    print(
        f"one-line edit:        {statistics.median(edits):8.2f} ms  (target < 5 ms; min {min(edits):.2f}, max {max(edits):.2f})"
    )


if __name__ == "__main__":
    main()
