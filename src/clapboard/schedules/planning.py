"""From a schedule's board and planning terms to the planner (``engines.schedule.planning``) and back.

``build_problem`` gathers, in a handful of queries, what the planner needs and hands it
over as a ``PlanningProblem``:

* scenes: the board's scene strips, each with its length in eighths, its place (the
  board's location key: the shooting location when the script's place has one, else the
  place the script names), its light (night, dawn or dusk, else day) and its cast (the
  board's cast numbers); the minutes come from the schedule's pace;
* the calendar: the schedule's working dates from its first shooting day, long enough
  for twice the current shooting days, less the dates the board's days off, travel and
  rehearsal days take where they stand now (they stay there when a plan is applied);
* the terms (``PlanningTerm``, ``PlanningSettings``): cast rates and windows, location
  windows, scenes on a fixed date, the most shooting days and the weights; a day lasts
  the schedule's hours per day, and the rest rule is the engine's.

A date that the calendar cannot hold (a cast window that ends before the shoot starts, a
scene fixed on a Sunday) is answered here, in words, before the engine is asked: the
engine would refuse such a problem as malformed. ``result_data`` turns the engine's
``PlanResult`` into the JSON a job keeps; the strips are named by id so that applying a
plan does not depend on scene numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.schedule.board import DayKind, format_minutes
from clapboard.engines.schedule.calendar import CalendarError
from clapboard.engines.schedule.planning import (
    CastMember,
    DayPart,
    Limits,
    Location,
    Plan,
    PlanCost,
    PlanningError,
    PlanningProblem,
    Scene,
    ShootingCalendar,
    Weights,
    Window,
    check_plan,
    default_weights,
    evaluate_plan,
)
from clapboard.engines.schedule.planning.validate import format_date
from clapboard.scripts.models import ShootingLocation

from .calculation import BoardView, calendar_of, load_board, pace_of
from .models import PlanningSettings, PlanningTerm, Schedule, Strip

WEIGHT_NAMES = ("shooting_day", "company_move", "location_change", "split_day", "day_night_switch")
TERM_NAMES = (
    "cast",
    "shooting_days",
    "company_moves",
    "location_changes",
    "split_days",
    "day_night_switches",
)
TIME_LIMITS = (10, 30, 60)
_MOST_CALENDAR_DAYS = 400


@dataclass(frozen=True)
class CastRow:
    number: int
    element_id: int
    name: str
    actor: str
    scenes: int
    term: PlanningTerm | None


@dataclass(frozen=True)
class LocationRow:
    location_id: int
    name: str
    scenes: int
    term: PlanningTerm | None


@dataclass(frozen=True)
class SceneRow:
    strip_id: int
    scene_id: int
    label: str
    heading: str
    term: PlanningTerm | None


@dataclass
class PlanningInput:
    """What the Optimise page shows and edits: the board's cast, places and scenes, with their terms."""

    schedule: Schedule
    view: BoardView
    settings: PlanningSettings
    cast: list[CastRow]
    locations: list[LocationRow]
    scenes: list[SceneRow]

    @property
    def weights(self) -> Weights:
        return weights_of(self.settings)


@dataclass
class BuiltProblem:
    """A schedule read for the planner: the problem (None when the input already conflicts),
    the current board as a plan of the same problem, and the ids to map a plan back."""

    problem: PlanningProblem | None
    conflicts: list[str]
    strip_of_scene: dict[str, int] = field(default_factory=dict)
    """Engine scene id -> scene strip id."""
    current_plan: Plan | None = None
    location_names: dict[str, str] = field(default_factory=dict)
    cast_names: dict[str, str] = field(default_factory=dict)


def settings_of(schedule: Schedule) -> PlanningSettings:
    found = PlanningSettings.objects.filter(schedule=schedule).first()
    return found if found is not None else PlanningSettings(schedule=schedule)


def weights_of(settings: PlanningSettings) -> Weights:
    shipped = default_weights()
    chosen = settings.weights or {}
    return Weights(**{name: int(chosen.get(name, getattr(shipped, name))) for name in WEIGHT_NAMES})


def _terms(schedule: Schedule) -> dict[tuple[str, int], PlanningTerm]:
    found = {}
    for term in PlanningTerm.objects.filter(schedule=schedule):
        key = term.element_id or term.shooting_location_id or term.scene_id
        assert key is not None
        found[(term.kind, key)] = term
    return found


def read_input(schedule: Schedule, view: BoardView | None = None) -> PlanningInput:
    """The board's cast (by cast number), shooting locations and scenes, with their terms."""
    view = load_board(schedule) if view is None else view
    terms = _terms(schedule)
    scenes_per_cast: dict[int, int] = {}
    places: dict[int, int] = {}
    scene_rows = []
    for row in view.rows:
        strip = row.strip
        if strip.scene is None:
            continue
        for number in row.cast:
            scenes_per_cast[number] = scenes_per_cast.get(number, 0) + 1
        key = _location_key(strip)
        if key.startswith("shooting:"):
            place = int(key.split(":", 1)[1])
            places[place] = places.get(place, 0) + 1
        scene_rows.append(
            SceneRow(
                strip.pk,
                strip.scene.pk,
                "",
                strip.scene.heading,
                terms.get(("scene", strip.scene.pk)),
            )
        )
    labels = scene_labels([row for row in view.rows if row.strip.scene is not None])
    scene_rows = [
        dataclasses.replace(row, label=label) for row, label in zip(scene_rows, labels, strict=True)
    ]
    names = dict(ShootingLocation.objects.filter(pk__in=list(places)).values_list("pk", "name"))
    return PlanningInput(
        schedule=schedule,
        view=view,
        settings=settings_of(schedule),
        cast=[
            CastRow(
                member.number,
                member.element_id,
                member.name,
                member.actor,
                scenes_per_cast.get(member.number, 0),
                terms.get(("cast", member.element_id)),
            )
            for member in view.cast
        ],
        locations=sorted(
            (
                LocationRow(pk, names.get(pk, "?"), count, terms.get(("location", pk)))
                for pk, count in places.items()
            ),
            key=lambda row: row.name.casefold(),
        ),
        scenes=scene_rows,
    )


def _location_key(strip: Strip) -> str:
    scene = strip.scene
    assert scene is not None
    place = scene.script_location
    if place is not None and place.shooting_location_id is not None:
        return f"shooting:{place.shooting_location_id}"
    return f"script:{scene.location_name.upper()}"


def _day_part(daylight: str) -> DayPart:
    if daylight == "NIGHT":
        return DayPart.NIGHT
    if daylight == "DAWN_DUSK":
        return DayPart.DAWN
    return DayPart.DAY


def _scene_ids(labels: list[str]) -> list[str]:
    """Scene numbers as ids, made unique when a number repeats ("12", then "12 (2)")."""
    seen: dict[str, int] = {}
    ids = []
    for label in labels:
        label = label or "?"
        seen[label] = seen.get(label, 0) + 1
        ids.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return ids


def scene_labels(rows: list[Any]) -> list[str]:
    """Scene numbers as the board shows them; on a board of several episodes, with the
    episode's number first ("2/14"), since each episode numbers its scenes from 1."""
    episodes = {row.episode for row in rows}
    if len(episodes) > 1:
        return [f"{row.episode}/{row.number}" if row.episode else row.number for row in rows]
    return [row.number for row in rows]


def special_day_indexes(view: BoardView) -> dict[int, int]:
    """Calendar index -> strip id of the board's days off, travel and rehearsal days."""
    return {
        day.index: day.end_key
        for day in view.board.days
        if day.kind != DayKind.SHOOT and day.end_key is not None
    }


def calendar_length(view: BoardView, max_minutes: int, max_days: int | None) -> int:
    """Shooting days the planner may use: twice the board's, and at least twice what the
    hours need, or the most shooting days allowed when that is more."""
    needed = math.ceil(view.board.total_minutes / max_minutes) if max_minutes else 0
    length = max(2 * view.board.shooting_days, 2 * needed, max_days or 0, 1)
    return min(length, _MOST_CALENDAR_DAYS)


def _dates_text(first: dt.date | None, last: dt.date | None) -> str:
    if first and last:
        return f"{format_date(first)} to {format_date(last)}"
    if first:
        return f"from {format_date(first)}"
    return f"until {format_date(last)}" if last else "any day"


def build_problem(schedule: Schedule, planning: PlanningInput | None = None) -> BuiltProblem:
    """The schedule's board and terms as a ``PlanningProblem`` (see the module docstring)."""
    planning = read_input(schedule) if planning is None else planning
    view = planning.view
    settings = planning.settings
    max_minutes = round(Decimal(schedule.hours_per_day) * 60)
    length = calendar_length(view, max_minutes, settings.max_shooting_days)
    specials = special_day_indexes(view)
    conflicts: list[str] = []
    dates: tuple[dt.date, ...] = ()
    if schedule.start_date is not None:
        try:
            every = calendar_of(schedule).dates(schedule.start_date, length + len(specials))
        except CalendarError as error:
            return BuiltProblem(None, [str(error)])
        dates = tuple(date for index, date in enumerate(every) if index not in specials)
    calendar = ShootingCalendar(dates=dates) if dates else ShootingCalendar(day_count=length)
    rows = [row for row in view.rows if row.strip.scene is not None]
    ids = _scene_ids(scene_labels(rows))
    strip_of_scene = {scene_id: row.strip.pk for scene_id, row in zip(ids, rows, strict=True)}
    scene_of_strip = {pk: scene_id for scene_id, pk in strip_of_scene.items()}

    # Locations: every place the board names; windows only for shooting locations.
    location_names: dict[str, str] = {}
    for row in rows:
        key = _location_key(row.strip)
        location_names.setdefault(key, row.location or key.split(":", 1)[1].title())
    windows: dict[str, tuple[Window, ...]] = {}
    for place in planning.locations:
        key = f"shooting:{place.location_id}"
        location_names[key] = place.name
        window = _window(
            place.term, dates, f"the location {place.name}", _scenes_at(rows, ids, key), conflicts
        )
        if window:
            windows[key] = window
    locations = tuple(
        Location(id=key, name=name, availability=windows.get(key, ())) for key, name in location_names.items()
    )

    cast_names = {}
    cast = []
    for member in planning.cast:
        name = member.name + (f" ({member.actor})" if member.actor else "")
        cast_names[str(member.number)] = name
        term = member.term
        scenes = [scene_id for scene_id, row in zip(ids, rows, strict=True) if member.number in row.cast]
        availability = _window(term, dates, name, scenes, conflicts)
        rate = term.daily_rate if term is not None and term.daily_rate is not None else Decimal(0)
        cast.append(
            CastMember(
                id=str(member.number),
                name=name,
                daily_rate=int(Decimal(rate) * 100),
                availability=availability,
            )
        )

    fixed: dict[int, dt.date] = {}
    for scene in planning.scenes:
        if scene.term is None or scene.term.fixed_date is None:
            continue
        date = scene.term.fixed_date
        scene_id = scene_of_strip[scene.strip_id]
        if date not in dates:
            conflicts.append(
                f"scene {scene_id} must be shot on {format_date(date)}, which is not a shooting day "
                "of the calendar (a weekend, a holiday, a day off or a day before the first "
                "shooting day)"
                if dates
                else f"scene {scene_id} is fixed on a date, but the schedule has no first shooting day"
            )
        else:
            fixed[scene.strip_id] = date
    scenes = tuple(
        Scene(
            id=scene_id,
            eighths=row.strip.scene.eighths if row.strip.scene is not None else 0,
            location=_location_key(row.strip),
            day_part=_day_part(row.daylight),
            cast=tuple(str(number) for number in row.cast),
            fixed_day=fixed.get(row.strip.pk),
        )
        for scene_id, row in zip(ids, rows, strict=True)
    )
    if not scenes:
        return BuiltProblem(None, ["the board has no scene to plan"])
    problem = PlanningProblem(
        scenes=scenes,
        cast=tuple(cast),
        locations=locations,
        calendar=calendar,
        limits=Limits(max_minutes_per_day=max_minutes or None, max_shooting_days=settings.max_shooting_days),
        weights=planning.weights,
        pace=pace_of(schedule),
        name=schedule.name,
    )
    current = Plan(
        days=tuple(
            tuple(scene_of_strip[key] for key in day.scene_keys if key in scene_of_strip)
            for day in view.board.days
            if day.kind == DayKind.SHOOT
        )
    )
    return BuiltProblem(
        problem=None if conflicts else problem,
        conflicts=conflicts,
        strip_of_scene=strip_of_scene,
        current_plan=current,
        location_names=location_names,
        cast_names=cast_names,
    )


def _scenes_at(rows: list[Any], ids: list[str], key: str) -> list[str]:
    return [scene_id for scene_id, row in zip(ids, rows, strict=True) if _location_key(row.strip) == key]


def _window(
    term: PlanningTerm | None, dates: tuple[dt.date, ...], who: str, scenes: list[str], conflicts: list[str]
) -> tuple[Window, ...]:
    """The term's dates as an availability window; a window that holds no date of the
    calendar adds a conflict in words (the engine would refuse it as malformed)."""
    if term is None or (term.first_date is None and term.last_date is None):
        return ()
    first, last = term.first_date, term.last_date
    if not dates:
        conflicts.append(
            f"{who} is available {_dates_text(first, last)}, but the schedule has no first shooting day"
        )
        return ()
    inside = [date for date in dates if (first is None or date >= first) and (last is None or date <= last)]
    if inside:
        return (Window(inside[0], inside[-1]),)
    if scenes:
        conflicts.append(
            f"{who} is available only {_dates_text(first, last)}, outside the shoot's calendar "
            f"({format_date(dates[0])} to {format_date(dates[-1])}), "
            f"yet is needed in scene{'s' if len(scenes) > 1 else ''} {', '.join(scenes)}"
        )
    return ()


# --- The result as a job keeps it -----------------------------------------------------------


def cost_data(cost: PlanCost, cast_names: dict[str, str]) -> dict[str, Any]:
    return {
        "total": cost.total,
        "terms": dict(cost.terms),
        "counts": {
            "shooting_days": cost.shooting_days,
            "company_moves": cost.company_moves,
            "location_changes": cost.location_changes,
            "split_days": cost.split_days,
            "day_night_switches": cost.day_night_switches,
        },
        "cast": [
            {
                "number": item.cast_id,
                "name": cast_names.get(item.cast_id, item.name),
                "daily_rate": item.daily_rate,
                "work_days": item.work_days,
                "hold_days": item.hold_days,
                "cost": item.cost,
            }
            for item in cost.cast
        ],
    }


def current_board_data(built: BuiltProblem) -> dict[str, Any]:
    """The current board costed like a plan, with the rules it breaks (in words)."""
    assert built.problem is not None
    assert built.current_plan is not None
    try:
        cost = evaluate_plan(built.problem, built.current_plan)
        broken = [violation.message for violation in check_plan(built.problem, built.current_plan)]
    except PlanningError as error:
        return {"cost": None, "violations": [], "reason": str(error)}
    return {"cost": cost_data(cost, built.cast_names), "violations": broken[:20], "reason": ""}


def result_data(result: Any, built: BuiltProblem) -> dict[str, Any]:
    """The engine's ``PlanResult`` as JSON: days by strip id, costs in cents."""
    days = [
        {
            "number": day.number,
            "date": day.date.isoformat() if day.date else None,
            "strips": [built.strip_of_scene[scene_id] for scene_id in day.scenes],
            "scenes": list(day.scenes),
            "pages": format_eighths(day.eighths),
            "hours": format_minutes(day.minutes),
            "locations": [built.location_names.get(key, key) for key in day.locations],
            "cast": list(day.cast),
            "night": day.has_night,
        }
        for day in result.days
    ]
    return {
        "status": str(result.status),
        "days": days,
        "cost": None if result.cost is None else cost_data(result.cost, built.cast_names),
        "lower_bound": result.lower_bound,
        "gap": result.gap,
        "greedy_cost": result.greedy_cost,
        "conflicts": list(result.conflicts),
        "conflicts_are_minimal": result.conflicts_are_minimal,
        "seconds": round(result.seconds, 1),
        "method": result.method,
    }


def conflict_data(built: BuiltProblem) -> dict[str, Any]:
    """The result of a schedule whose terms conflict before any solving."""
    return {
        "status": "infeasible",
        "days": [],
        "cost": None,
        "lower_bound": 0,
        "gap": None,
        "greedy_cost": None,
        "conflicts": list(built.conflicts),
        "conflicts_are_minimal": False,
        "seconds": 0,
        "method": "",
    }
