"""Printed schedule documents: the one-line schedule, the shooting schedule, the
stripboard print and the call sheets, as PDF (and Excel where people edit them)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.downloads import PDF_TYPE, XLSX_TYPE, download
from clapboard.engines.documents.call_sheet import render_call_sheet_pdf
from clapboard.engines.documents.one_line import render_one_line_pdf, render_one_line_xlsx
from clapboard.engines.documents.schedule_model import ScheduleDocument
from clapboard.engines.documents.shooting_schedule import (
    render_shooting_schedule_pdf,
    render_shooting_schedule_xlsx,
)
from clapboard.engines.documents.stripboard_print import render_stripboard_pdf
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from .access import schedule_of
from .calculation import load_board
from .call_sheets import load_call_sheet
from .documents import call_sheet_document, document_language, schedule_document

# (document, format) → how to render it and the words of its file name.
_RENDERERS: dict[tuple[str, str], Callable[..., bytes]] = {
    ("one_line", "pdf"): render_one_line_pdf,
    ("one_line", "xlsx"): render_one_line_xlsx,
    ("shooting_schedule", "pdf"): render_shooting_schedule_pdf,
    ("shooting_schedule", "xlsx"): render_shooting_schedule_xlsx,
    ("stripboard", "pdf"): render_stripboard_pdf,
}
_CONTENT_TYPES = {"pdf": PDF_TYPE, "xlsx": XLSX_TYPE}


def _attachment(content: bytes, file_format: str, name: str) -> HttpResponse:
    return download(content, _CONTENT_TYPES[file_format], name, file_format, inline=file_format == "pdf")


@production_view(Capability.VIEW)
def printing(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    board = load_board(schedule)
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "print",
        "board": board,
    }
    return render(request, "schedules/print.html", context)


@production_view(Capability.VIEW)
def schedule_print(
    request: HttpRequest, access: ProductionAccess, schedule_id: int, document: str, file_format: str
) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    source: ScheduleDocument = schedule_document(load_board(schedule))
    content = _RENDERERS[document, file_format](source, language=document_language())
    name = f"{access.production.title} {schedule.name} {document.replace('_', ' ')}"
    return _attachment(content, file_format, name)


@production_view(Capability.VIEW)
def call_sheet_pdf(
    request: HttpRequest, access: ProductionAccess, schedule_id: int, day_number: int
) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    view = load_call_sheet(schedule, day_number, personal=access.can(Capability.SEE_SENSITIVE))
    if view.day.date is None:
        messages.error(request, _("A call sheet prints with its date: set the first shooting day first."))
        return redirect(
            "schedules:call_sheet",
            production_id=access.production.pk,
            schedule_id=schedule.pk,
            day_number=day_number,
        )
    content = render_call_sheet_pdf(call_sheet_document(view, view.day.date), language=document_language())
    return _attachment(content, "pdf", f"{access.production.title} call sheet day {day_number}")
