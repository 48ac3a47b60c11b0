#!/usr/bin/env python
"""Printed schedule documents: time to build each one for a 400-strip, 40-day schedule.

The schedule is the documents engine's own sample (``sample_schedule(400, 40)``: 400
scenes over 40 shooting days, Monday to Friday, the 14 weekend days as days off, a banner
every fourth day). Each document is built ``--runs`` times (default 5) in this process;
the figure is the median, in milliseconds, with the size of the output and, for the
PDFs, the page count. The call sheet is one day of that schedule with every section
filled. The peer is reportlab writing the same scenes as plain lines of text.

    .venv/bin/python benchmarks/schedule_documents.py
    .venv/bin/python benchmarks/schedule_documents.py --runs 9
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import time
from collections.abc import Callable

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from clapboard.engines.documents.call_sheet import render_call_sheet_pdf
from clapboard.engines.documents.one_line import render_one_line_pdf, render_one_line_xlsx
from clapboard.engines.documents.schedule_model import ScheduleDocument
from clapboard.engines.documents.schedule_samples import sample_call_sheet, sample_schedule
from clapboard.engines.documents.shooting_schedule import (
    render_shooting_schedule_pdf,
    render_shooting_schedule_xlsx,
)
from clapboard.engines.documents.stripboard_print import render_stripboard_pdf


def _pages(data: bytes) -> int | None:
    if not data.startswith(b"%PDF-"):
        return None
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def plain_pdf(schedule: ScheduleDocument) -> bytes:
    """The peer: reportlab's canvas writing one line of plain text per scene (number,
    set, pages), no table, no colour: the least a PDF of these lines costs."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = 800.0
    for day in schedule.days:
        for scene in day.scenes:
            canvas.drawString(40, y, f"{scene.number}  {scene.int_ext} {scene.set_name}  {scene.eighths}/8")
            y -= 15
            if y < 50:
                canvas.showPage()
                y = 800.0
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    schedule = sample_schedule(400, 40)
    sheet = sample_call_sheet(schedule, day_number=20)
    documents: dict[str, Callable[[], bytes]] = {
        "one_line_pdf": lambda: render_one_line_pdf(schedule),
        "one_line_xlsx": lambda: render_one_line_xlsx(schedule),
        "shooting_schedule_pdf": lambda: render_shooting_schedule_pdf(schedule),
        "shooting_schedule_xlsx": lambda: render_shooting_schedule_xlsx(schedule),
        "stripboard_pdf": lambda: render_stripboard_pdf(schedule),
        "call_sheet_pdf": lambda: render_call_sheet_pdf(sheet),
        "peer_plain_pdf": lambda: plain_pdf(schedule),
    }
    results = []
    for name, build in documents.items():
        timings = []
        data = b""
        for _ in range(args.runs):
            start = time.perf_counter()
            data = build()
            timings.append((time.perf_counter() - start) * 1000)
        row = {
            "document": name,
            "median_ms": round(statistics.median(timings), 1),
            "min_ms": round(min(timings), 1),
            "bytes": len(data),
            "pages": _pages(data),
        }
        results.append(row)
        print(json.dumps(row), flush=True)
    print(
        json.dumps(
            {
                "strips": schedule.scene_count,
                "shooting_days": schedule.shooting_days,
                "calendar_days": len(schedule.days),
                "runs": args.runs,
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
