"""Call sheets as people read them: one shooting day of a board with its stored times.

``load_call_sheet(schedule, day_number, personal=…)`` puts together the day's scenes and
cast (live from the board, so a call sheet follows the schedule), its locations with
their addresses, the times and notes saved for that day, and the next shooting day's
scenes (the advance schedule). A reader without the right to personal data gets the
same sheet without pick-up places and phone numbers: they are left out here, before any
page or document sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from clapboard.scripts.models import ShootingLocation

from .calculation import BoardView, CastMember, DayRow, StripRow, load_board
from .models import CallSheet, CastCall, CrewCall, Schedule


@dataclass(frozen=True)
class CastLine:
    member: CastMember
    call: CastCall | None


@dataclass(frozen=True)
class LocationLine:
    name: str
    address: str = ""
    notes: str = ""
    contact: str = ""  # name and phone of the location's contact (personal data)
    scenes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AdvanceDay:
    day: DayRow
    scenes: list[StripRow]


@dataclass(frozen=True)
class CallSheetView:
    schedule: Schedule
    day: DayRow
    shooting_days: int
    sheet: CallSheet  # saved, or a new one not yet saved
    scenes: list[StripRow]
    cast: list[CastLine]
    crew: list[CrewCall]
    locations: list[LocationLine]
    advance: AdvanceDay | None
    personal: bool  # whether pick-up places, phones and contacts are shown

    @property
    def saved(self) -> bool:
        return self.sheet.pk is not None


def shooting_day_rows(board: BoardView) -> dict[int, DayRow]:
    return {day.number: day for day in board.days if day.number is not None}


def scenes_by_day(board: BoardView) -> dict[int, list[StripRow]]:
    """The scene rows of each day, by day index, in shooting order."""
    day_of = board.board.day_of_strip
    found: dict[int, list[StripRow]] = {}
    for row in board.rows:
        if row.strip.scene_id is not None and row.strip.pk in day_of:
            found.setdefault(day_of[row.strip.pk], []).append(row)
    return found


def load_call_sheet(schedule: Schedule, day_number: int, *, personal: bool) -> CallSheetView:
    board = load_board(schedule)
    days = shooting_day_rows(board)
    day = days.get(day_number)
    if day is None:
        raise Http404("No such shooting day on this schedule.")
    sheet = CallSheet.objects.filter(schedule=schedule, day_number=day_number).first()
    if sheet is None:
        sheet = CallSheet(schedule=schedule, day_number=day_number)
        calls: dict[int, CastCall] = {}
        crew: list[CrewCall] = []
    else:
        calls = {call.element_id: call for call in sheet.cast_calls.all()}
        crew = list(sheet.crew_calls.all())
    scenes = scenes_by_day(board)
    day_scenes = scenes.get(day.day.index, [])
    working = set(day.day.cast)
    cast = [
        CastLine(member, calls.get(member.element_id)) for member in board.cast if member.number in working
    ]
    next_day = days.get(day_number + 1)
    advance = AdvanceDay(next_day, scenes.get(next_day.day.index, [])) if next_day is not None else None
    view = CallSheetView(
        schedule=schedule,
        day=day,
        shooting_days=board.board.shooting_days,
        sheet=sheet,
        scenes=day_scenes,
        cast=cast,
        crew=crew,
        locations=_locations(day_scenes, personal=personal),
        advance=advance,
        personal=personal,
    )
    if not personal:
        _forget_personal_data(view)
    return view


def _locations(rows: list[StripRow], *, personal: bool) -> list[LocationLine]:
    """The day's places in shooting order: the shooting location when the script's place
    is linked to one, else the place as the script names it."""
    ids = [
        row.strip.scene.script_location.shooting_location_id
        for row in rows
        if row.strip.scene is not None and row.strip.scene.script_location is not None
    ]
    places = ShootingLocation.objects.in_bulk([pk for pk in ids if pk is not None])
    lines: dict[str, LocationLine] = {}
    for row in rows:
        scene = row.strip.scene
        assert scene is not None
        script_place = scene.script_location
        place = places.get(script_place.shooting_location_id) if script_place is not None else None  # type: ignore[arg-type]
        key = f"shooting:{place.pk}" if place is not None else f"script:{row.location}"
        if key not in lines:
            lines[key] = _location_line(place, row.location, personal=personal)
        lines[key].scenes.append(row.number)
    return list(lines.values())


def _location_line(place: ShootingLocation | None, fallback: str, *, personal: bool) -> LocationLine:
    if place is None:
        return LocationLine(name=fallback)
    contact = (
        " · ".join(part for part in (place.contact_name, place.contact_phone) if part) if personal else ""
    )
    return LocationLine(name=place.name, address=place.address, notes=place.notes, contact=contact)


def _forget_personal_data(view: CallSheetView) -> None:
    """Blank the personal fields on the rows read (never saved: the view is read-only)."""
    for line in view.cast:
        if line.call is not None:
            line.call.pick_up_place = ""
    for call in view.crew:
        call.phone = ""
