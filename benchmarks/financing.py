#!/usr/bin/env python
"""Financing: recomputing a plan of 40 sources and 3 scenarios with every rule and the cash flow.

The plan is generated from a fixed seed, so every run measures the same work: the budget
figures of the CNC feature layout (built once by ``budget_figures``, as the app would keep
them), 40 sources of every type in two currencies, some with instalments, a Belgian
co-producer, a regional fund with a spending obligation, a computed film tax credit,
three scenarios (one without two sources, one with other amounts), three phases and a
monthly cash flow with bridge interest.

Measured, as the median of ``--runs`` runs (default 15) in this process: ``check_plan``
from the plan's dataclasses, the input checks included (target < 50 ms).

    .venv/bin/python benchmarks/financing.py
    .venv/bin/python benchmarks/financing.py --runs 31 --period week
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from clapboard.engines.budget import calculate_budget, from_script_estimate, parse_expression
from clapboard.engines.financing import (
    SOURCE_TYPES,
    STATUSES,
    BudgetFigures,
    CashFlowSettings,
    Instalment,
    Phase,
    Plan,
    Scenario,
    Source,
    Work,
    budget_figures,
    check_plan,
    read_plan,
    write_plan,
)

SEED = 20261127
START = date(2026, 1, 5)


def figures() -> BudgetFigures:
    budget = from_script_estimate(
        "cnc-long-metrage", shooting_days=35, cast_days={f"el-{n}": 10 + n for n in range(12)}
    )
    rng = random.Random(SEED)
    accounts = tuple(
        replace(
            account,
            lines=tuple(
                replace(
                    line,
                    rate=parse_expression(str(rng.randint(500, 40000))),
                    french_share=Decimal(rng.choice([100, 100, 80])),
                )
                for line in account.lines
            ),
        )
        for account in budget.accounts
    )
    budget = replace(budget, accounts=accounts)
    return budget_figures(budget, calculate_budget(budget), foreign_country="BE")


def sources(rng: random.Random) -> tuple[Source, ...]:
    kinds = [kind for kind in SOURCE_TYPES if kind not in ("tax_credit", "coproduction")]
    result = [
        Source("be", "coproduction", "Tarantula", Decimal(300000), "EUR", status="contracted", country="BE",
               rights_share=Decimal(20), spend_share=Decimal(5), expected_date=START + timedelta(days=60)),
        Source("bre", "regional_fund", "Région Bretagne", Decimal(200000), "EUR", status="committed",
               territory="FR-BRE", spend_obligation=Decimal(100), expected_date=START + timedelta(days=90)),
        Source("cic", "tax_credit", "État", None, "EUR", credit="cic", status="applied",
               expected_date=START + timedelta(days=500)),
    ]  # fmt: skip
    for number in range(37):
        kind = kinds[number % len(kinds)]
        instalments = ()
        if number % 3 == 0:
            instalments = (
                Instalment(START + timedelta(days=rng.randint(0, 200)), percentage=Decimal(40)),
                Instalment(START + timedelta(days=rng.randint(200, 400)), percentage=Decimal(60)),
            )
        result.append(
            Source(
                id=f"s{number:02}",
                type=kind,
                partner=f"Partner {number}",
                amount=Decimal(rng.randint(5, 120)) * 1000,
                currency="USD" if number % 7 == 0 else "EUR",
                status=rng.choice(STATUSES),
                expected_date=START + timedelta(days=rng.randint(0, 450)),
                instalments=instalments,
            )
        )
    return tuple(result)


def generate_plan(period: str) -> Plan:
    rng = random.Random(SEED)
    budget = figures()
    budget = replace(budget, regions={"FR-BRE": budget.french / 4})
    return Plan(
        title="Benchmark",
        currency="EUR",
        start=START,
        budget=budget,
        sources=sources(rng),
        work=Work(kind="cinema", language="fr", duration_minutes=Decimal(100)),
        exchange_rates={"USD": Decimal("0.92")},
        scenarios=(
            Scenario("A", "Plan A"),
            Scenario("B", "Plan B", without=("s03", "bre")),
            Scenario("C", "Plan C", amounts={"s05": Decimal(250000), "s10": Decimal(0)}),
        ),
        phases=(
            Phase("pre_production", date(2026, 3, 1), date(2026, 5, 31)),
            Phase("shooting", date(2026, 6, 1), date(2026, 7, 31)),
            Phase("post_production", date(2026, 8, 1), date(2027, 1, 31)),
        ),
        cash_flow=CashFlowSettings(period, Decimal("6.5")),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--period", choices=["month", "week"], default="month")
    options = parser.parse_args()
    plan = generate_plan(options.period)
    check_plan(plan)  # data files read and cached, as in a running process
    document = json.dumps(write_plan(plan))
    times = []
    peer = []
    for _ in range(options.runs):  # ours and the peer in alternation
        started = time.perf_counter()
        result = check_plan(plan)
        times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        read_plan(json.loads(document))
        peer.append((time.perf_counter() - started) * 1000)
    assert len(result.scenarios) == 3
    assert len(plan.sources) == 40

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load}"
    )
    print(f"plan: 40 sources, 3 scenarios, {options.period}ly cash flow; median of {options.runs} runs")
    print(
        f"check_plan:   {statistics.median(times):8.2f} ms  (target < 50 ms; min {min(times):.2f}, max {max(times):.2f})"
    )
    print(
        f"peer (read the plan file): {statistics.median(peer):8.2f} ms  "
        f"(ratio check / peer {statistics.median(times) / statistics.median(peer):.1f})"
    )


if __name__ == "__main__":
    main()
