#!/usr/bin/env python
"""Budget files: Excel export and import, PDF top sheet and detail, on a 5,000-line budget.

The budget is the one ``budget_calc.py`` generates from its fixed seed (5,000 lines in
100 accounts and 10 chapters, 50 globals, 30 fringes, two currencies, four percentage
lines), calculated once. Measured, as the median of ``--runs`` runs (default 5):

* xlsx export: ``write_budget_xlsx`` (target < 3 s);
* xlsx import: ``read_budget_xlsx`` of that workbook, checked equal to the budget;
* PDF top sheet and PDF detail: ``render_budget_pdf`` with ``detail`` False and True.

    .venv/bin/python benchmarks/budget_files.py
    .venv/bin/python benchmarks/budget_files.py --runs 9 --lines 10000
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget_calc import generate_budget
from openpyxl import Workbook

from clapboard.engines.budget import Budget, calculate_budget
from clapboard.engines.documents.budget import (
    read_budget_xlsx,
    render_budget_pdf,
    write_budget_xlsx,
)


def seconds(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def plain_workbook(budget: Budget) -> bytes:
    """The peer: openpyxl writing one row of plain values per line (no formulas, no
    styles, one sheet), the least an Excel export of these lines costs."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("lines")
    for account, line in budget.lines():
        sheet.append(
            [
                account.number,
                line.id,
                line.description,
                line.quantity.text,
                line.unit,
                line.rate.text,
                line.currency or budget.currency,
                ", ".join(line.fringe_sets),
                line.department,
                str(line.french_share),
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=5000)
    options = parser.parse_args()
    budget = generate_budget(options.lines)
    totals = calculate_budget(budget)
    workbook = write_budget_xlsx(budget, totals, language="fr")
    assert read_budget_xlsx(workbook) == budget, "the workbook does not read back equal"
    top = render_budget_pdf(budget, totals, detail=False)
    detail = render_budget_pdf(budget, totals, detail=True)

    results = [
        (
            "xlsx export",
            seconds(lambda: write_budget_xlsx(budget, totals, language="fr"), options.runs),
            "< 3 s",
        ),
        ("xlsx peer", seconds(lambda: plain_workbook(budget), options.runs), "plain openpyxl"),
        ("xlsx import", seconds(lambda: read_budget_xlsx(workbook), options.runs), ""),
        ("PDF top sheet", seconds(lambda: render_budget_pdf(budget, totals, detail=False), options.runs), ""),
        ("PDF detail", seconds(lambda: render_budget_pdf(budget, totals, detail=True), options.runs), ""),
    ]
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"budget: {options.lines} lines, 100 accounts, 30 fringes, 50 globals; median of {options.runs} runs; "
        f"workbook {len(workbook) // 1024} KB, PDF top sheet {len(top) // 1024} KB, detail {len(detail) // 1024} KB"
    )
    for name, times, target in results:
        goal = f"{'target ' if target.startswith('<') else ''}{target}; " if target else ""
        print(
            f"{name + ':':15} {statistics.median(times):7.2f} s  ({goal}min {min(times):.2f}, max {max(times):.2f})"
        )


if __name__ == "__main__":
    main()
