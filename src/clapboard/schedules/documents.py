"""From a board or a call sheet as pages show them to what the printed documents take.

``schedule_document(board)`` gives the ``ScheduleDocument`` of the one-line schedule, the
shooting schedule and the stripboard print; ``call_sheet_document(view)`` the
``CallSheet`` of one day. Personal data has already been left out of a ``CallSheetView``
for readers without the right to it, so the documents never see it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clapboard.engines.breakdown.statistics import Daylight
from clapboard.engines.documents.schedule_model import (
    Banner,
    CallSheet,
    CallSheetLocation,
    CastCall,
    CastMember,
    CrewCall,
    Hospital,
    SceneStrip,
    ScheduleDay,
    ScheduleDocument,
    Timing,
)
from clapboard.engines.schedule.board import DayKind
from clapboard.scripts.models import ShootingLocation

from .calculation import BoardView, DayRow, StripRow
from .call_sheets import CallSheetView
from .models import Strip


def document_language() -> str:
    """The documents print in French or English: the reader's language when it is one."""
    return "fr" if (get_language() or "").startswith("fr") else "en"


def schedule_document(board: BoardView) -> ScheduleDocument:
    places = _shooting_locations(board.rows)
    strips_of: dict[int, list[SceneStrip | Banner]] = {}
    day_of = board.board.day_of_strip
    for row in board.rows:
        index = day_of.get(row.strip.pk)
        if index is None:
            continue
        if row.strip.kind == Strip.Kind.SCENE:
            strips_of.setdefault(index, []).append(scene_strip(row, places))
        elif row.strip.kind == Strip.Kind.BANNER:
            strips_of.setdefault(index, []).append(Banner(row.strip.text))
    notes = {row.strip.pk: row.strip.text for row in board.rows if row.strip.kind not in _DRAWN_KINDS}
    days = tuple(_day(day, strips_of.get(day.day.index, []), notes) for day in board.days)
    schedule = board.schedule
    return ScheduleDocument(
        production_title=schedule.production.title,
        schedule_name=schedule.name,
        version_label=f"v{schedule.version}",
        generated_on=timezone.localdate(),
        days=days,
        unit=schedule.get_unit_display(),
        cast=tuple(CastMember(member.number, member.name, member.actor) for member in board.cast),
    )


_DRAWN_KINDS = {Strip.Kind.SCENE, Strip.Kind.BANNER}


def _day(day: DayRow, strips: list[SceneStrip | Banner], notes: dict[int, str]) -> ScheduleDay:
    shooting = day.day.kind is DayKind.SHOOT
    return ScheduleDay(
        number=day.number,
        kind=day.day.kind,
        date=day.date,
        strips=tuple(strips) if shooting else (),
        minutes=day.day.minutes if shooting else None,
        note="" if shooting else notes.get(day.day.end_key or 0, ""),
    )


def scene_strip(row: StripRow, places: dict[int, ShootingLocation]) -> SceneStrip:
    scene = row.strip.scene
    assert scene is not None
    script_place = scene.script_location
    place = places.get(script_place.shooting_location_id or 0) if script_place is not None else None
    return SceneStrip(
        number=row.number,
        int_ext=row.int_ext,
        set_name=row.location,
        time_of_day=row.time,
        daylight=Daylight(row.daylight) if row.daylight else Daylight.UNKNOWN,
        eighths=scene.eighths,
        synopsis=scene.synopsis,
        cast=tuple(row.cast),
        location_name=place.name if place is not None else "",
        location_address=place.address if place is not None else "",
    )


def _shooting_locations(rows: list[StripRow]) -> dict[int, ShootingLocation]:
    ids = {
        row.strip.scene.script_location.shooting_location_id
        for row in rows
        if row.strip.scene is not None and row.strip.scene.script_location is not None
    }
    return ShootingLocation.objects.in_bulk([pk for pk in ids if pk is not None])


def call_sheet_document(view: CallSheetView, date: dt.date) -> CallSheet:
    sheet = view.sheet
    board_scenes = {row.strip.pk: row for row in view.scenes}
    places = _shooting_locations(list(board_scenes.values()))
    cast_numbers = {line.member.element_id: line.member.number for line in view.cast}
    advance = None
    if view.advance is not None:
        advance = ScheduleDay(
            number=view.advance.day.number,
            date=view.advance.day.date,
            strips=tuple(scene_strip(row, places) for row in view.advance.scenes),
            minutes=view.advance.day.day.minutes,
        )
    timings = [
        Timing(label, time)
        for label, time in (
            (_("Shooting call"), sheet.shooting_call),
            (_("Estimated wrap"), sheet.estimated_wrap),
        )
        if time is not None
    ]
    notes = [sheet.notes] if sheet.notes else []
    if sheet.base_notes:
        notes.insert(0, _("Base and parking: %(notes)s") % {"notes": sheet.base_notes})
    return CallSheet(
        production_title=view.schedule.production.title,
        day_number=view.day.number or 0,
        total_days=view.shooting_days,
        date=date,
        general_call=sheet.general_call or "TBC",
        unit=view.schedule.get_unit_display(),
        schedule_label=view.schedule.name,
        generated_on=timezone.localdate(),
        sunrise=sheet.sunrise,
        sunset=sheet.sunset,
        weather=sheet.weather,
        timings=tuple(timings),
        scenes=tuple(scene_strip(row, places) for row in view.scenes),
        cast=tuple(CastMember(line.member.number, line.member.name, line.member.actor) for line in view.cast),
        cast_calls=tuple(
            CastCall(
                number=cast_numbers[line.member.element_id],
                character=line.member.name,
                actor=line.member.actor,
                pick_up=line.call.pick_up,
                make_up=line.call.make_up,
                on_set=line.call.on_set,
                remarks=line.call.remarks,
                pick_up_address=line.call.pick_up_place if view.personal else "",
            )
            for line in view.cast
            if line.call is not None
        ),
        crew_calls=tuple(
            CrewCall(call.department, call.role, call.name, call.call, call.phone if view.personal else "")
            for call in view.crew
        ),
        locations=tuple(
            CallSheetLocation(place.name, place.address, base=place.notes, contact=place.contact)
            for place in view.locations
        ),
        hospital=Hospital(sheet.hospital_name, sheet.hospital_address, sheet.hospital_phone)
        if sheet.hospital_name
        else None,
        advance=advance,
        notes=tuple(notes),
    )
