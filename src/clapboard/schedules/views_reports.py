"""Schedule pages that read a board without changing it: the shooting calendar and the
day out of days (on the page and as a spreadsheet)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import get_language

from clapboard.core.downloads import XLSX_TYPE, download
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from .access import schedule_of
from .calculation import load_board
from .exports import day_out_of_days_workbook
from .feeds import feed_for, feed_token
from .models import Schedule
from .reports import load_day_out_of_days, shooting_calendar


@production_view(Capability.VIEW)
def calendar(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    board = load_board(schedule)
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "calendar",
        "board": board,
        "months": shooting_calendar(board),
        "weekdays": [WEEKDAYS_ABBR[day] for day in range(7)],
        "feed_url": _feed_url(request, schedule),
        "can_edit": access.can(Capability.EDIT),
    }
    return render(request, "schedules/calendar.html", context)


@production_view(Capability.VIEW)
def day_out_of_days(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    dood = load_day_out_of_days(schedule)
    can_edit = access.can(Capability.EDIT)
    context = {
        "production": access.production,
        "schedule": schedule,
        "section": "dood",
        "dood": dood,
        "code_meanings": dood.rules.meanings(get_language() or "en"),
        "can_edit": can_edit,
        "rows": [
            (line, _feed_url(request, schedule, line.member.element_id) if can_edit else "")
            for line in dood.lines
        ],
    }
    return render(request, "schedules/day_out_of_days.html", context)


def _feed_url(request: HttpRequest, schedule: Schedule, element_id: int | None = None) -> str:
    token = feed_token(schedule, request.user, element_id)
    return request.build_absolute_uri(reverse("schedules:feed", args=[token]))


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """An iCalendar feed, opened by its secret link (no login: calendar applications have none)."""
    name, content = feed_for(token)
    response = download(content, "text/calendar; charset=utf-8", name, "ics", inline=True)
    response["Cache-Control"] = "private, max-age=300"
    return response


@production_view(Capability.VIEW)
def day_out_of_days_xlsx(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    content = day_out_of_days_workbook(load_day_out_of_days(schedule), title=access.production.title)
    return download(content, XLSX_TYPE, f"{access.production.title} {schedule.name} day out of days", "xlsx")
