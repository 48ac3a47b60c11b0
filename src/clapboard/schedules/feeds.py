"""iCalendar feeds of a schedule: the whole production's days, or one performer's days.

A calendar application cannot log in, so a feed is read through a secret link: a token
signed with the site's secret that names the schedule, the performer (or none) and the
person who made the link. The feed answers only while that person still has the right
to it (viewing the production for the production feed; editing it for a performer's
feed, which a coordinator makes and sends to the actor), so a link dies with its
author's access. Changing ``SECRET_KEY`` revokes every link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clapboard.engines.documents.icalendar import CalendarEvent, write_calendar
from clapboard.engines.schedule.dood import WORK_CODES, Code
from clapboard.productions.access import production_access
from clapboard.productions.roles import Capability

from .calculation import BoardView, DayRow
from .call_sheets import scenes_by_day
from .models import CallSheet, CastCall, Schedule, Strip
from .reports import load_day_out_of_days

_SALT = "clapboard.schedules.feed"


@dataclass(frozen=True)
class FeedKey:
    schedule_id: int
    user_id: int
    element_id: int | None  # None: the production's feed


def feed_token(schedule: Schedule, user: Any, element_id: int | None = None) -> str:
    payload = {"s": schedule.pk, "u": user.pk, "e": element_id}
    # No timestamp: the same person gets the same link each time they look it up.
    return signing.Signer(salt=_SALT).sign_object(payload, compress=True)


def read_feed_token(token: str) -> FeedKey:
    """The key a token stands for; Http404 for anything not signed here."""
    try:
        payload = signing.Signer(salt=_SALT).unsign_object(token)
        return FeedKey(int(payload["s"]), int(payload["u"]), payload["e"] and int(payload["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None


def feed_for(token: str) -> tuple[str, str]:
    """The feed a token opens, as (file name, iCalendar text)."""
    key = read_feed_token(token)
    schedule = Schedule.objects.select_related("production").filter(pk=key.schedule_id).first()
    author = get_user_model().objects.filter(pk=key.user_id, is_active=True).first()
    if schedule is None or author is None:
        raise Http404
    needed = Capability.VIEW if key.element_id is None else Capability.EDIT
    try:
        production_access(author, schedule.production_id, needed)
    except PermissionDenied:
        raise Http404 from None
    view = load_day_out_of_days(schedule)
    title = schedule.production.title
    if key.element_id is None:
        name = f"{title} · {schedule.name}"
        events = production_events(view.board)
    else:
        line = next((line for line in view.lines if line.member.element_id == key.element_id), None)
        if line is None:
            raise Http404
        name = f"{title} · {line.member.name}"
        events = performer_events(view.board, line.member.element_id, line.days.codes)
    return name, write_calendar(name, events, stamp=timezone.now())


def production_events(board: BoardView) -> list[CalendarEvent]:
    """Every dated day of the board: shooting days with their scenes, and the days off,
    travel and rehearsal days."""
    calls = _general_calls(board.schedule)
    scenes = scenes_by_day(board)
    events = []
    for day in board.days:
        if day.date is None:
            continue
        rows = scenes.get(day.day.index, [])
        if day.number is None:
            summary = f"{board.schedule.production.title} · {Strip.Kind(day.day.kind).label}"
            events.append(CalendarEvent(_uid(board, day), day.date, summary))
            continue
        summary = _("%(title)s · day %(number)s · %(pages)s p.") % {
            "title": board.schedule.production.title,
            "number": day.number,
            "pages": day.pages,
        }
        lines = [f"{row.number} {row.int_ext} {row.location} · {row.time} · {row.pages}" for row in rows]
        call = calls.get(day.number)
        if call is not None:
            lines.insert(0, _("General call %(time)s") % {"time": call.strftime("%H:%M")})
        places = list(dict.fromkeys(row.location for row in rows))
        events.append(CalendarEvent(_uid(board, day), day.date, summary, "\n".join(lines), ", ".join(places)))
    return events


_PERFORMER_WORDS = {
    Code.HOLD: gettext_lazy("on hold"),
    Code.TRAVEL: gettext_lazy("travel"),
    Code.REHEARSAL: gettext_lazy("rehearsal"),
}


def performer_events(board: BoardView, element_id: int, codes: tuple[Code, ...]) -> list[CalendarEvent]:
    """One performer's days: worked (with their on-set call when the call sheet has it),
    held, travelling, rehearsing."""
    on_set = _on_set_calls(board.schedule, element_id)
    title = board.schedule.production.title
    events = []
    for day, code in zip(board.days, codes, strict=True):
        if day.date is None or not (code in WORK_CODES or code in _PERFORMER_WORDS):
            continue
        if code in WORK_CODES:
            summary = _("%(title)s · shooting day %(number)s") % {"title": title, "number": day.number}
            call = on_set.get(day.number or 0)
            description = _("On set at %(time)s") % {"time": call.strftime("%H:%M")} if call else ""
        else:
            summary = f"{title} · {_PERFORMER_WORDS[code]}"
            description = ""
        events.append(CalendarEvent(_uid(board, day, element_id), day.date, summary, description))
    return events


def _uid(board: BoardView, day: DayRow, element_id: int | None = None) -> str:
    # Keyed on the strip that ends the day when there is one, so that a day keeps its
    # event when days before it are added or removed.
    anchor = day.day.end_key if day.day.end_key is not None else f"open{day.day.index}"
    who = f"-p{element_id}" if element_id is not None else ""
    return f"schedule{board.schedule.pk}-day{anchor}{who}@clapboard"


def _general_calls(schedule: Schedule) -> dict[int, dt.time]:
    return dict(
        CallSheet.objects.filter(schedule=schedule, general_call__isnull=False).values_list(
            "day_number", "general_call"
        )
    )


def _on_set_calls(schedule: Schedule, element_id: int) -> dict[int, dt.time]:
    return dict(
        CastCall.objects.filter(
            call_sheet__schedule=schedule, element_id=element_id, on_set__isnull=False
        ).values_list("call_sheet__day_number", "on_set")
    )
