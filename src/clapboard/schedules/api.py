"""API operations on shooting schedules: list and create, read a board with its days,
reorder its strips, undo the last change.

Each operation names the capability it needs (``production_operation``); schedules are
read through the production resolved for the caller, so another production's ids are 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from clapboard.core.api_errors import error_responses
from clapboard.engines.schedule.interchange.reading import ROOT
from clapboard.productions.api_access import production_of, production_operation
from clapboard.productions.roles import Capability
from clapboard.scripts.models import ScriptVersion

from . import actions
from .access import schedule_of
from .calculation import BoardView, load_board
from .episodes import add_episodes
from .interchange import export_uss, import_uss
from .models import Schedule
from .reports import load_day_out_of_days
from .schemas import (
    BoardOut,
    DayOutOfDaysOut,
    ReorderIn,
    ScheduleCreate,
    ScheduleOut,
    UndoIn,
    UssDocumentIn,
)

router = Router()

BODY_ERRORS = (400, 413, 422)
SCOPED_ERRORS = (401, 403, 404, 422)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _schedule(request: HttpRequest, schedule_id: int) -> Schedule:
    return schedule_of(production_of(request), schedule_id)


def _board(view: BoardView) -> dict[str, Any]:
    day_of = view.board.day_of_strip
    strips = []
    for row in view.rows:
        strip, scene = row.strip, row.strip.scene
        strips.append(
            {
                "id": strip.pk,
                "position": strip.position,
                "kind": strip.kind,
                "scene_id": strip.scene_id,
                "scene_number": scene.label if scene else "",
                "int_ext": row.int_ext,
                "time_of_day": scene.time_of_day if scene else "",
                "daylight": row.daylight,
                "colour": row.colour,
                "location": scene.location_name if scene else "",
                "eighths": scene.eighths if scene else 0,
                "cast": row.cast,
                "text": strip.text,
                "day_index": day_of.get(strip.pk),
            }
        )
    return {
        "schedule": view.schedule,
        "strips": strips,
        "days": _days(view),
        "cast": view.cast,
        "shooting_days": view.board.shooting_days,
        "total_eighths": view.board.total_eighths,
        "total_minutes": view.board.total_minutes,
        "company_moves": view.board.company_moves,
    }


def _days(view: BoardView) -> list[dict[str, Any]]:
    return [
        {
            "index": day.day.index,
            "kind": day.day.kind.value,
            "number": day.day.number,
            "date": day.date,
            "eighths": day.day.eighths,
            "minutes": day.day.minutes,
            "cast": list(day.day.cast),
            "company_moves": day.day.moves_within,
            "move_before": day.day.move_before,
            "closed": day.day.is_closed,
        }
        for day in view.days
    ]


@router.get(
    "/productions/{production_id}/schedules",
    response={200: list[ScheduleOut], **error_responses(*SCOPED_ERRORS)},
    tags=["schedules"],
    summary="The production's schedules (versions and units)",
    **production_operation(Capability.VIEW),
)
def list_schedules(request: HttpRequest, production_id: int) -> Any:
    return production_of(request).production.schedules.all()


@router.post(
    "/productions/{production_id}/schedules",
    response={201: ScheduleOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["schedules"],
    summary="Lay out a schedule from a script version, with automatic day breaks",
    **production_operation(Capability.EDIT),
)
def create_schedule(request: HttpRequest, production_id: int, payload: ScheduleCreate) -> Any:
    production = production_of(request).production
    fields = payload.dict()
    version_id = fields.pop("script_version_id")
    episode_ids = fields.pop("episode_version_ids")
    if fields["pages_per_day"] is None:
        fields.pop("pages_per_day")
    version = None
    if version_id is not None:
        version = ScriptVersion.objects.filter(pk=version_id, script__production=production).first()
        if version is None:
            raise ValidationError({"script_version_id": "No such script version in this production."})
    episodes = list(
        ScriptVersion.objects.filter(pk__in=episode_ids, script__production=production).select_related(
            "script"
        )
    )
    if len(episodes) != len(set(episode_ids)):
        raise ValidationError({"episode_version_ids": "No such script version in this production."})
    episodes.sort(key=lambda item: episode_ids.index(item.pk))
    with transaction.atomic():
        schedule = actions.create_schedule(
            production, acting_user=_user(request), script_version=version, **fields
        )
        if episodes:
            schedule = add_episodes(
                schedule, episodes, acting_user=_user(request), expected_version=schedule.version
            )
    return Status(201, schedule)


@router.get(
    "/productions/{production_id}/schedules/{schedule_id}",
    response={200: BoardOut, **error_responses(*SCOPED_ERRORS)},
    tags=["schedules"],
    summary="A schedule with its strips in order, its days (dates, pages, hours, cast) and totals",
    **production_operation(Capability.VIEW),
)
def get_schedule(request: HttpRequest, production_id: int, schedule_id: int) -> Any:
    return _board(load_board(_schedule(request, schedule_id)))


@router.put(
    "/productions/{production_id}/schedules/{schedule_id}/order",
    response={200: BoardOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS, 409)},
    tags=["schedules"],
    summary="Put the strips in a new order (every strip id once); a stale version gets 409",
    **production_operation(Capability.EDIT),
)
def reorder_schedule(request: HttpRequest, production_id: int, schedule_id: int, payload: ReorderIn) -> Any:
    schedule = actions.reorder_strips(
        _schedule(request, schedule_id),
        payload.order,
        acting_user=_user(request),
        expected_version=payload.version,
    )
    return _board(load_board(schedule))


@router.post(
    "/productions/{production_id}/schedules/{schedule_id}/undo",
    response={200: BoardOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS, 409)},
    tags=["schedules"],
    summary="Undo the last change of the board (order, added or removed strip)",
    **production_operation(Capability.EDIT),
)
def undo_schedule_change(request: HttpRequest, production_id: int, schedule_id: int, payload: UndoIn) -> Any:
    schedule = actions.undo_last_change(
        _schedule(request, schedule_id), acting_user=_user(request), expected_version=payload.version
    )
    return _board(load_board(schedule))


@router.get(
    "/productions/{production_id}/schedules/{schedule_id}/day-out-of-days",
    response={200: DayOutOfDaysOut, **error_responses(*SCOPED_ERRORS)},
    tags=["schedules"],
    summary="Each performer's code for every day of the schedule, with work, hold and travel counts",
    **production_operation(Capability.VIEW),
)
def get_day_out_of_days(request: HttpRequest, production_id: int, schedule_id: int) -> Any:
    schedule = _schedule(request, schedule_id)
    view = load_day_out_of_days(schedule)
    performers = [
        {
            "number": line.member.number,
            "element_id": line.member.element_id,
            "name": line.member.name,
            "actor": line.member.actor,
            "codes": [code.value for code in line.days.codes],
            "work": line.days.work,
            "hold": line.days.hold,
            "travel": line.days.travel,
            "rehearsal": line.days.rehearsal,
            "holiday": line.days.holiday,
            "dropped": line.days.dropped,
            "engaged_days": line.days.engaged_days,
            "start": line.start,
            "finish": line.finish,
        }
        for line in view.lines
    ]
    return {
        "schedule_id": schedule.pk,
        "drop_and_pick_up": schedule.drop_and_pick_up,
        "days": _days(view.board),
        "performers": performers,
    }


# Universal Schedule Standard -----------------------------------------------------------------


@router.get(
    "/productions/{production_id}/schedules/{schedule_id}/uss",
    response={200: dict[str, Any], **error_responses(*SCOPED_ERRORS)},
    tags=["schedules"],
    summary="The schedule as a Universal Schedule Standard (USS 1.0) document: breakdown, stripboard, calendar",
    **production_operation(Capability.VIEW),
)
def export_schedule_uss(request: HttpRequest, production_id: int, schedule_id: int) -> Any:
    return export_uss(_schedule(request, schedule_id))


@router.post(
    # Not under .../schedules/: "{schedule_id}" there is a plain path segment that would take it.
    "/productions/{production_id}/schedule-imports/uss",
    response={201: ScheduleOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["schedules"],
    summary="Import a USS document (the body) as a new script with its breakdown and a new schedule",
    description=(
        "The body is the USS document itself. Nothing is saved when it cannot be read: "
        "the 422 answer names the JSON path of the problem."
    ),
    **production_operation(Capability.EDIT),
)
def import_schedule_uss(
    request: HttpRequest,
    production_id: int,
    payload: UssDocumentIn,
    name: str = Query("", max_length=120, description="The schedule's name; by default the file's."),
) -> Any:
    document = {ROOT: payload.document}
    schedule = import_uss(production_of(request).production, document, acting_user=_user(request), name=name)
    return Status(201, schedule)
