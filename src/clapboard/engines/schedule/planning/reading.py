"""Planning problems as JSON: ``read_problem(data)`` and ``problem_to_json(problem)``.

The format (every key but ``scenes``, ``cast``, ``locations`` and ``calendar`` may be left
out; unknown keys are ignored)::

    {
      "name": "Les Heures claires",
      "calendar": {"dates": ["2026-05-04", "2026-05-05", ...]},   # or {"days": 30}
      "minutes_per_page": 120,                 # pace for scenes without "minutes"
      "limits": {"max_minutes_per_day": 600, "max_eighths_per_day": 40,
                 "max_shooting_days": 35},     # null switches a limit off
      "rest": {"min_rest_minutes": 660, "day_call": "07:00", "day_wrap": "19:00",
               "night_call": "16:00", "night_wrap": "26:00"},   # 26:00 = 02:00 next day
      "weights": {"shooting_day": 3000000, ...},   # cents; overrides the shipped weights
      "locations": [{"id": "L1", "name": "Flat", "availability": [["2026-05-04", "2026-05-15"]]}],
      "cast": [{"id": "C1", "name": "Anna", "daily_rate": "2500.00",
                "availability": [[0, 9]], "child": false, "max_minutes_per_day": null}],
      "scenes": [{"id": "12", "eighths": 11, "location": "L1", "day_part": "night",
                  "cast": ["C1"], "minutes": 95, "episode": null,
                  "fixed_day": "2026-05-06", "earliest": null, "latest": 20}],
      "groups": [{"kind": "same_day", "scenes": ["4", "5"], "name": "car chase"}]
    }

A day (in windows, ``fixed_day``, ``earliest``, ``latest``) is a calendar index from 0 or
an ISO date. A scene's length is ``eighths`` (a whole number) or ``pages`` as a script
writes it ("2 3/8"). ``daily_rate`` is in currency units (a string or a number, at most two
decimals), stored as cents. Ids may be strings or integers; integers become strings.
``PlanningError`` names the first bad field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from clapboard.engines.schedule.board import Pace
from clapboard.engines.schedule.planning.model import (
    CastMember,
    DayPart,
    DayRef,
    GroupKind,
    Limits,
    Location,
    PlanningError,
    PlanningProblem,
    RestRules,
    Scene,
    SceneGroup,
    ShootingCalendar,
    Weights,
    Window,
    default_weights,
)

_PAGES = re.compile(r"^\s*(?:(\d+)\s+)?(?:([1-7])\s*/\s*8|(\d+))\s*$")
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def load_problem(path: str | Path) -> PlanningProblem:
    """Read a problem file; ``PlanningError`` names the file on bad input."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return read_problem(data)
    except json.JSONDecodeError as error:
        raise PlanningError(f"{path.name}: not JSON ({error.msg}, line {error.lineno})") from error
    except PlanningError as error:
        raise PlanningError(f"{path.name}: {error}") from error


def read_problem(data: Any) -> PlanningProblem:
    """A ``PlanningProblem`` from the JSON format above (not yet validated: see ``validate_problem``)."""
    if not isinstance(data, Mapping):
        raise PlanningError("a problem is a JSON object with scenes, cast, locations and calendar")
    pace = None
    if data.get("minutes_per_page") is not None:
        minutes = _decimal(data["minutes_per_page"], "minutes_per_page")
        if minutes <= 0:
            raise PlanningError("minutes_per_page must be positive")
        pace = Pace(minutes / 60)
    return PlanningProblem(
        name=str(data.get("name", "")),
        calendar=_calendar(_field(data, "calendar", Mapping)),
        scenes=tuple(_scene(item, n) for n, item in enumerate(_field(data, "scenes", list))),
        cast=tuple(_cast(item, n) for n, item in enumerate(_field(data, "cast", list))),
        locations=tuple(_location(item, n) for n, item in enumerate(_field(data, "locations", list))),
        groups=tuple(_group(item, n) for n, item in enumerate(data.get("groups") or [])),
        limits=_limits(data.get("limits") or {}),
        rest=_rest(data.get("rest") or {}),
        weights=_weights(data.get("weights") or {}),
        pace=pace,
    )


def _field(data: Mapping[str, Any], name: str, kind: type, where: str = "") -> Any:
    prefix = f"{where}: " if where else ""
    if name not in data:
        raise PlanningError(f"{prefix}missing {name!r}")
    value = data[name]
    if not isinstance(value, kind):
        raise PlanningError(f"{prefix}{name!r} must be a {'list' if kind is list else 'JSON object'}")
    return value


def _id(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PlanningError(f"{where}: the id must be a string or an integer, not {value!r}")
    return str(value)


def _whole(value: Any, where: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanningError(f"{where} must be a whole number, not {value!r}")
    return value


def _required_whole(value: Any, where: str) -> int:
    number = _whole(value, where)
    assert number is not None
    return number


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PlanningError(f"{where} must be a number, not {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise PlanningError(f"{where} must be a number, not {value!r}") from error
    if not number.is_finite():
        raise PlanningError(f"{where} must be a finite number")
    return number


def _day(value: Any, where: str) -> DayRef:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise PlanningError(f"{where}: {value!r} is not an ISO date") from error
    return _required_whole(value, where)


def _optional_day(item: Mapping[str, Any], name: str, where: str) -> DayRef | None:
    value = item.get(name)
    return None if value is None else _day(value, f"{where}: {name}")


def _calendar(data: Mapping[str, Any]) -> ShootingCalendar:
    if "dates" in data:
        dates = _field(data, "dates", list, "calendar")
        parsed = []
        for value in dates:
            if not isinstance(value, str):
                raise PlanningError(f"calendar: {value!r} is not an ISO date")
            day = _day(value, "calendar")
            assert isinstance(day, dt.date)
            parsed.append(day)
        return ShootingCalendar(dates=tuple(parsed))
    if "days" in data:
        return ShootingCalendar(day_count=_required_whole(data["days"], "calendar: days"))
    raise PlanningError("calendar: give 'dates' or 'days'")


def _windows(item: Mapping[str, Any], where: str) -> tuple[Window, ...]:
    windows = item.get("availability") or []
    if not isinstance(windows, list):
        raise PlanningError(f"{where}: 'availability' must be a list of [first, last] pairs")
    found = []
    for window in windows:
        if not isinstance(window, list) or len(window) != 2:
            raise PlanningError(f"{where}: each availability window is a [first, last] pair")
        found.append(
            Window(_day(window[0], f"{where}: availability"), _day(window[1], f"{where}: availability"))
        )
    return tuple(found)


def _eighths(item: Mapping[str, Any], where: str) -> int:
    if "eighths" in item:
        return _required_whole(item["eighths"], f"{where}: eighths")
    if "pages" not in item:
        raise PlanningError(f"{where}: missing 'eighths' (or 'pages')")
    pages = item["pages"]
    if isinstance(pages, int) and not isinstance(pages, bool):
        return pages * 8
    match = _PAGES.match(pages) if isinstance(pages, str) else None
    if match is None or (match.group(1) is not None and match.group(3) is not None):
        raise PlanningError(f"{where}: pages {pages!r} is not a length such as '2 3/8'")
    whole, eighths, alone = match.groups()
    if alone is not None:
        return int(alone) * 8
    return int(whole or 0) * 8 + int(eighths)


def _scene(item: Any, number: int) -> Scene:
    if not isinstance(item, Mapping):
        raise PlanningError(f"scenes[{number}] must be an object")
    where = f"scene {_id(item.get('id'), f'scenes[{number}]')!r}"
    try:
        day_part = DayPart(str(item.get("day_part", "day")).lower())
    except ValueError as error:
        raise PlanningError(f"{where}: day_part is one of day, night, dawn, dusk") from error
    cast = item.get("cast") or []
    if not isinstance(cast, list):
        raise PlanningError(f"{where}: 'cast' must be a list of cast ids")
    episode = item.get("episode")
    return Scene(
        id=_id(item["id"], where),
        eighths=_eighths(item, where),
        location=_id(item.get("location"), f"{where}: location"),
        day_part=day_part,
        cast=tuple(_id(member, f"{where}: cast") for member in cast),
        minutes=_whole(item.get("minutes"), f"{where}: minutes", optional=True),
        episode=None if episode is None else str(episode),
        fixed_day=_optional_day(item, "fixed_day", where),
        earliest=_optional_day(item, "earliest", where),
        latest=_optional_day(item, "latest", where),
    )


def _cents(value: Any, where: str) -> int:
    amount = _decimal(value, where)
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise PlanningError(f"{where}: {value!r} has more than two decimals")
    return int(cents)


def _cast(item: Any, number: int) -> CastMember:
    if not isinstance(item, Mapping):
        raise PlanningError(f"cast[{number}] must be an object")
    member_id = _id(item.get("id"), f"cast[{number}]")
    where = f"cast {member_id!r}"
    if "daily_rate" not in item:
        raise PlanningError(f"{where}: missing 'daily_rate'")
    return CastMember(
        id=member_id,
        name=str(item.get("name") or member_id),
        daily_rate=_cents(item["daily_rate"], f"{where}: daily_rate"),
        availability=_windows(item, where),
        is_child=bool(item.get("child", False)),
        max_minutes_per_day=_whole(
            item.get("max_minutes_per_day"), f"{where}: max_minutes_per_day", optional=True
        ),
    )


def _location(item: Any, number: int) -> Location:
    if not isinstance(item, Mapping):
        raise PlanningError(f"locations[{number}] must be an object")
    place_id = _id(item.get("id"), f"locations[{number}]")
    return Location(
        id=place_id,
        name=str(item.get("name") or place_id),
        availability=_windows(item, f"location {place_id!r}"),
    )


def _group(item: Any, number: int) -> SceneGroup:
    if not isinstance(item, Mapping):
        raise PlanningError(f"groups[{number}] must be an object")
    where = f"groups[{number}]"
    try:
        kind = GroupKind(str(item.get("kind")))
    except ValueError as error:
        raise PlanningError(f"{where}: kind is 'same_day' or 'consecutive_days'") from error
    scenes = _field(item, "scenes", list, where)
    return SceneGroup(kind=kind, scenes=tuple(_id(s, where) for s in scenes), name=str(item.get("name", "")))


def _limits(data: Mapping[str, Any]) -> Limits:
    defaults = Limits()
    values = {
        name: _whole(data[name], f"limits: {name}", optional=True)
        if name in data
        else getattr(defaults, name)
        for name in ("max_minutes_per_day", "max_eighths_per_day", "max_shooting_days")
    }
    return Limits(**values)


def _clock(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None:
        raise PlanningError(f"{where} must be a time such as '07:00' (or '26:00' after midnight)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _rest(data: Mapping[str, Any]) -> RestRules:
    defaults = RestRules()
    min_rest = data.get("min_rest_minutes", defaults.min_rest_minutes)
    return RestRules(
        min_rest_minutes=_required_whole(min_rest, "rest: min_rest_minutes"),
        **{
            name: _clock(data[name], f"rest: {name}") if name in data else getattr(defaults, name)
            for name in ("day_call", "day_wrap", "night_call", "night_wrap")
        },
    )


def _weights(data: Mapping[str, Any]) -> Weights:
    shipped = default_weights()
    known = {f.name for f in dataclasses.fields(Weights)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise PlanningError(f"weights: unknown weight {unknown[0]!r}")
    return dataclasses.replace(
        shipped, **{name: _required_whole(value, f"weights: {name}") for name, value in data.items()}
    )


def _day_json(day: DayRef) -> str | int:
    return day.isoformat() if isinstance(day, dt.date) else day


def _windows_json(windows: Sequence[Window]) -> list[list[str | int]]:
    return [[_day_json(w.first), _day_json(w.last)] for w in windows]


def problem_to_json(problem: PlanningProblem) -> dict[str, Any]:
    """The problem in the format ``read_problem`` reads (minutes and rates written out in full)."""
    calendar: dict[str, Any] = (
        {"dates": [d.isoformat() for d in problem.calendar.dates]}
        if problem.calendar.dates
        else {"days": problem.calendar.day_count}
    )
    data: dict[str, Any] = {
        "name": problem.name,
        "calendar": calendar,
        "limits": dataclasses.asdict(problem.limits),
        "rest": dataclasses.asdict(problem.rest),
        "weights": dataclasses.asdict(problem.weights),
        "locations": [
            {"id": p.id, "name": p.name, "availability": _windows_json(p.availability)}
            for p in problem.locations
        ],
        "cast": [
            {
                "id": c.id,
                "name": c.name,
                "daily_rate": str(Decimal(c.daily_rate) / 100),
                "availability": _windows_json(c.availability),
                "child": c.is_child,
                "max_minutes_per_day": c.max_minutes_per_day,
            }
            for c in problem.cast
        ],
        "scenes": [_scene_json(s) for s in problem.scenes],
        "groups": [{"kind": g.kind.value, "scenes": list(g.scenes), "name": g.name} for g in problem.groups],
    }
    if problem.pace is not None:
        data["minutes_per_page"] = str(problem.pace.hours_per_page * 60)
    return data


def _scene_json(scene: Scene) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": scene.id,
        "eighths": scene.eighths,
        "location": scene.location,
        "day_part": scene.day_part.value,
        "cast": list(scene.cast),
    }
    for name in ("minutes", "episode"):
        if getattr(scene, name) is not None:
            data[name] = getattr(scene, name)
    for name in ("fixed_day", "earliest", "latest"):
        value = getattr(scene, name)
        if value is not None:
            data[name] = _day_json(value)
    return data
