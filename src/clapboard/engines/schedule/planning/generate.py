"""Realistic feature-film planning problems, the same for the same seed (tests, benchmark).

The shape follows a French feature (DOMAIN.md section 9): 150 scenes over 40 locations
and 30 cast, about a quarter of them at night, scene lengths from 1/8 to 4 pages with a
mean near 0.8 page (most scenes short, a few long: a log-normal law), about 3 pages a
day, and at most 35 shooting days on a Monday-to-Friday French calendar (its public
holidays skipped). Locations are used unevenly (a few main sets hold many scenes: a Zipf
law), three leads are in most scenes, supporting parts keep to their own places, and day
players come for one to three scenes at one place. Some cast members and locations are
available only part of the time, one supporting part is a child, and there are two
same-day groups, a sequence on consecutive days, a scene fixed on a date and one with a
latest day. Shooting time is 13 to 18 minutes per eighth plus 20 minutes of set-up.

Rates are the 2026 French minima (day player: EUR 418.25, the feature day rate of
DOMAIN.md 5.2) and plausible fees above them for the leads and supporting parts.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from clapboard.engines.schedule.calendar import WorkCalendar
from clapboard.engines.schedule.planning.model import (
    CastMember,
    DayPart,
    GroupKind,
    Limits,
    Location,
    PlanningProblem,
    Scene,
    SceneGroup,
    ShootingCalendar,
    Window,
)

DAY_PLAYER_RATE = 41825  # cents: feature film, one-day engagement (DOMAIN.md 5.2)
LEAD_RATES = (300000, 250000, 180000)
CHILD_MAX_MINUTES = 4 * 60


@dataclass(frozen=True, slots=True)
class FeatureShape:
    scenes: int = 150
    locations: int = 40
    cast: int = 30
    leads: int = 3
    supporting: int = 7
    night_share: float = 0.25
    calendar_days: int = 40
    max_shooting_days: int = 35
    max_minutes_per_day: int = 600
    max_eighths_per_day: int = 48
    start: dt.date = dt.date(2026, 5, 4)


def generate_feature(seed: int, shape: FeatureShape = FeatureShape()) -> PlanningProblem:
    rng = random.Random(seed)
    dates = tuple(WorkCalendar(country="FR").dates(shape.start, shape.calendar_days))
    locations = _locations(rng, shape, dates)
    place_of_scene = _scene_places(rng, shape)
    night_share = _night_share_per_place(rng, shape)
    cast, cast_of_scene = _cast(rng, shape, place_of_scene, dates)
    scenes = []
    for s in range(shape.scenes):
        place = place_of_scene[s]
        is_child_scene = any(cast[c].is_child for c in cast_of_scene[s])
        eighths = _eighths(rng, longest=12 if is_child_scene else 32)
        minutes = round((13 + 5 * rng.random()) * eighths + 20)
        scenes.append(
            Scene(
                id=str(s + 1),
                eighths=eighths,
                location=locations[place].id,
                day_part=_day_part(rng, night_share[place]),
                cast=tuple(cast[c].id for c in sorted(cast_of_scene[s])),
                minutes=minutes,
            )
        )
    scenes, groups = _constraints(rng, scenes, dates, shape.max_shooting_days)
    problem = PlanningProblem(
        name=f"feature {seed}",
        scenes=tuple(scenes),
        cast=tuple(cast),
        locations=tuple(locations),
        groups=tuple(groups),
        calendar=ShootingCalendar(dates=dates),
        limits=Limits(
            max_minutes_per_day=shape.max_minutes_per_day,
            max_eighths_per_day=shape.max_eighths_per_day,
            max_shooting_days=shape.max_shooting_days,
        ),
    )
    return _drop_impossible_windows(_widen_tight_windows(problem))


def _eighths(rng: random.Random, *, longest: int) -> int:
    # Log-normal with a median of 4.5 eighths: mean about 0.8 page once clipped to 1/8-4 pages.
    return min(max(round(rng.lognormvariate(math.log(4.5), 0.8)), 1), longest)


def _day_part(rng: random.Random, night_share: float) -> DayPart:
    draw = rng.random()
    if draw < night_share:
        return DayPart.NIGHT
    if draw < night_share + 0.03:
        return DayPart.DAWN
    if draw < night_share + 0.06:
        return DayPart.DUSK
    return DayPart.DAY


def _night_share_per_place(rng: random.Random, shape: FeatureShape) -> list[float]:
    # Most places are mostly shot by day; a few (a street at night, a club) mostly at night.
    return [
        rng.choice((0.1, 0.15, 0.2, 0.3, 0.75)) * shape.night_share / 0.25 for _ in range(shape.locations)
    ]


def _scene_places(rng: random.Random, shape: FeatureShape) -> list[int]:
    weights = [1 / (rank + 1) for rank in range(shape.locations)]
    places = list(range(shape.locations))  # every location at least once
    places += rng.choices(range(shape.locations), weights=weights, k=shape.scenes - shape.locations)
    rng.shuffle(places)
    return places


def _window(dates: tuple[dt.date, ...], first: int, length: int) -> Window:
    last = min(first + length - 1, len(dates) - 1)
    return Window(dates[first], dates[last])


def _locations(rng: random.Random, shape: FeatureShape, dates: tuple[dt.date, ...]) -> list[Location]:
    limited = set(rng.sample(range(5, shape.locations), 4))  # the main sets stay free
    locations = []
    for place in range(shape.locations):
        availability: tuple[Window, ...] = ()
        if place in limited:
            days = shape.max_shooting_days
            start = rng.randrange(0, max(days * 2 // 7, 1))
            availability = (_window(dates, start, max(days * rng.choice((5, 8, 10)) // 35, 2)),)
        locations.append(
            Location(id=f"L{place + 1}", name=f"Location {place + 1}", availability=availability)
        )
    return locations


def _cast(
    rng: random.Random, shape: FeatureShape, place_of_scene: list[int], dates: tuple[dt.date, ...]
) -> tuple[list[CastMember], list[set[int]]]:
    cast_of_scene: list[set[int]] = [set() for _ in range(shape.scenes)]
    members = []
    lead_shares = (0.6, 0.45, 0.35)
    for lead in range(shape.leads):
        for s in range(shape.scenes):
            if rng.random() < lead_shares[lead % 3]:
                cast_of_scene[s].add(lead)
        members.append(
            CastMember(id=f"C{lead + 1}", name=f"Lead {lead + 1}", daily_rate=LEAD_RATES[lead % 3])
        )
    child = shape.leads + shape.supporting - 1
    limited = {shape.leads, shape.leads + 1}
    for part in range(shape.leads, shape.leads + shape.supporting):
        home = set(rng.sample(range(shape.locations), 3))
        for s in range(shape.scenes):
            if rng.random() < (0.45 if place_of_scene[s] in home else 0.03):
                cast_of_scene[s].add(part)
        availability: tuple[Window, ...] = ()
        if part in limited:
            days = shape.max_shooting_days
            availability = (
                (_window(dates, 0, days // 2),) if part == shape.leads else (_window(dates, days // 3, days),)
            )
        members.append(
            CastMember(
                id=f"C{part + 1}",
                name=f"Child {part + 1}" if part == child else f"Supporting {part + 1}",
                daily_rate=rng.choice((80000, 95000, 120000)),
                availability=availability,
                is_child=part == child,
                max_minutes_per_day=CHILD_MAX_MINUTES if part == child else None,
            )
        )
    for player in range(shape.leads + shape.supporting, shape.cast):
        place = place_of_scene[rng.randrange(shape.scenes)]
        there = [s for s in range(shape.scenes) if place_of_scene[s] == place]
        for s in rng.sample(there, min(len(there), rng.choice((1, 1, 2, 3)))):
            cast_of_scene[s].add(player)
        availability = ()
        if player % 7 == 0:
            availability = (_window(dates, rng.randrange(0, max(shape.max_shooting_days * 5 // 7, 1)), 7),)
        members.append(
            CastMember(
                id=f"C{player + 1}",
                name=f"Day player {player + 1}",
                daily_rate=DAY_PLAYER_RATE,
                availability=availability,
            )
        )
    return members, cast_of_scene


def _constraints(
    rng: random.Random, scenes: list[Scene], dates: tuple[dt.date, ...], shoot_days: int
) -> tuple[list[Scene], list[SceneGroup]]:
    by_place: dict[str, list[int]] = {}
    for s, scene in enumerate(scenes):
        by_place.setdefault(scene.location, []).append(s)
    busy = sorted((p for p in by_place if len(by_place[p]) >= 3), key=lambda p: (-len(by_place[p]), p))
    groups = []
    for place in busy[:2]:  # fewer on a small instance
        pair = sorted(by_place[place], key=lambda s: scenes[s].minutes or 0)[:2]
        groups.append(
            SceneGroup(GroupKind.SAME_DAY, tuple(scenes[s].id for s in pair), name=f"continuity at {place}")
        )
    sequence = (
        [s for s in by_place[busy[2]] if scenes[s].day_part is DayPart.DAY][:3] if len(busy) > 2 else []
    )
    if len(sequence) >= 2:
        groups.append(
            SceneGroup(GroupKind.CONSECUTIVE_DAYS, tuple(scenes[s].id for s in sequence), name="sequence")
        )
    in_groups = {scene_id for group in groups for scene_id in group.scenes}
    free = [s for s in range(len(scenes)) if scenes[s].id not in in_groups and not scenes[s].cast]
    if len(free) < 2:
        free = [s for s in range(len(scenes)) if scenes[s].id not in in_groups]
    fixed, late = rng.sample(free, 2)
    scenes[fixed] = _replace(scenes[fixed], fixed_day=dates[shoot_days * 12 // 35])
    scenes[late] = _replace(scenes[late], latest=dates[shoot_days * 15 // 35])
    return scenes, groups


def _replace(scene: Scene, **changes: object) -> Scene:
    from dataclasses import replace

    return replace(scene, **changes)  # type: ignore[arg-type]


def _widen_tight_windows(problem: PlanningProblem) -> PlanningProblem:
    """A window holds at least three times the days its scenes need, plus one, so that
    windows that overlap still leave room (a real location manager books with margin)."""
    from dataclasses import replace

    dates = problem.calendar.dates
    limit = problem.limits.max_minutes_per_day or 600

    def widened(windows: tuple[Window, ...], minutes: int) -> tuple[Window, ...]:
        if not windows:
            return windows
        (window,) = windows
        assert isinstance(window.first, dt.date)
        start = dates.index(window.first)
        wanted = 3 * math.ceil(minutes / limit) + 1
        end = max(start + wanted - 1, dates.index(window.last) if window.last in dates else start)
        if end >= len(dates):
            start, end = max(len(dates) - wanted, 0), len(dates) - 1
        return (Window(dates[start], dates[end]),)

    place_minutes: dict[str, int] = {}
    cast_minutes: dict[str, int] = {}
    for scene in problem.scenes:
        place_minutes[scene.location] = place_minutes.get(scene.location, 0) + (scene.minutes or 0)
        for member in scene.cast:
            cast_minutes[member] = cast_minutes.get(member, 0) + (scene.minutes or 0)
    locations = tuple(
        replace(place, availability=widened(place.availability, place_minutes.get(place.id, 0)))
        for place in problem.locations
    )
    cast = tuple(
        replace(member, availability=widened(member.availability, cast_minutes.get(member.id, 0)))
        for member in problem.cast
    )
    return replace(problem, locations=locations, cast=cast)


def _drop_impossible_windows(problem: PlanningProblem) -> PlanningProblem:
    """Keep the instance feasible on its face: a scene no day suits (its cast's and location's
    windows, its fixed or latest day do not meet) loses its location's window, then its
    cast's (a generator's accident, not a scheduling problem)."""
    from dataclasses import replace

    from clapboard.engines.schedule.planning.validate import validate_problem

    while True:
        indexed = validate_problem(problem)
        empty = [s for s in range(indexed.scene_count) if not indexed.allowed_days(s)]
        if not empty:
            return problem
        scene = problem.scenes[empty[0]]
        locations = tuple(
            replace(p, availability=()) if p.id == scene.location else p for p in problem.locations
        )
        if locations != problem.locations:
            problem = replace(problem, locations=locations)
            continue
        cast = tuple(replace(c, availability=()) if c.id in scene.cast else c for c in problem.cast)
        if cast == problem.cast:
            return problem  # only its own fixed or latest day is left: nothing to relax
        problem = replace(problem, cast=cast)
