"""Planning problems: the JSON format, validation, and the small problems other tests build on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from clapboard.engines.schedule.planning import (
    DayPart,
    FeatureShape,
    PlanningError,
    PlanningProblem,
    default_weights,
    generate_feature,
    load_problem,
    problem_to_json,
    read_problem,
    validate_problem,
)
from clapboard.engines.schedule.planning.model import weights_version

#: Weights small enough to add up by hand: a day 1000, a move 100, a location change 10,
#: a split day 5, a day/night switch 1 (cents).
SIMPLE_WEIGHTS = {
    "shooting_day": 1000,
    "company_move": 100,
    "location_change": 10,
    "split_day": 5,
    "day_night_switch": 1,
}

SMALL_FEATURE = FeatureShape(
    scenes=40, locations=10, cast=12, leads=2, supporting=4, calendar_days=14, max_shooting_days=12
)


def scene(scene_id: str, location: str = "L1", *, minutes: int = 100, **fields: Any) -> dict[str, Any]:
    """A scene of one page (unless ``pages`` is given) and ``minutes`` at ``location``."""
    length = {} if "pages" in fields else {"eighths": 8}
    return {"id": scene_id, **length, "location": location, "minutes": minutes, **fields}


def small_problem(scenes: list[dict[str, Any]], **fields: Any) -> PlanningProblem:
    """Three locations, Anna (50 a day) and Ben (7 a day), four consecutive days of 10 h,
    the simple weights; ``fields`` replace any part of the JSON."""
    data: dict[str, Any] = {
        "name": "small",
        "calendar": {"days": 4},
        "limits": {"max_minutes_per_day": 600},
        "weights": SIMPLE_WEIGHTS,
        "locations": [
            {"id": "L1", "name": "Flat"},
            {"id": "L2", "name": "Street"},
            {"id": "L3", "name": "Studio"},
        ],
        "cast": [
            {"id": "A", "name": "Anna", "daily_rate": "0.50"},
            {"id": "B", "name": "Ben", "daily_rate": "0.07"},
        ],
        "scenes": scenes,
    }
    data.update(fields)
    return read_problem(data)


def test_the_json_format_reads_every_field() -> None:
    problem = small_problem(
        [
            scene("1", pages="2 3/8", day_part="NIGHT", cast=["A"], fixed_day="2026-05-05", episode=2),
            scene("2", "L2", latest=1, earliest=0),
        ],
        calendar={"dates": ["2026-05-04", "2026-05-05", "2026-05-06"]},
        rest={"night_wrap": "25:30", "min_rest_minutes": 600},
        groups=[{"kind": "same_day", "scenes": ["1", "2"], "name": "chase"}],
    )
    first = problem.scenes[0]
    assert first.eighths == 19
    assert first.day_part is DayPart.NIGHT
    assert first.fixed_day == dt.date(2026, 5, 5)
    assert first.episode == "2"
    assert problem.cast[0].daily_rate == 50
    assert problem.rest.night_wrap == 25 * 60 + 30
    assert problem.rest.day_call == 7 * 60
    assert problem.weights.shooting_day == 1000
    assert problem.groups[0].scenes == ("1", "2")
    assert validate_problem(problem).fixed_day == (1, None)


def test_a_generated_feature_survives_the_round_trip(tmp_path: Path) -> None:
    problem = generate_feature(3, SMALL_FEATURE)
    path = tmp_path / "feature.json"
    path.write_text(json.dumps(problem_to_json(problem)))
    assert load_problem(path) == problem


def test_the_generator_gives_the_same_problem_for_the_same_seed() -> None:
    assert generate_feature(1, SMALL_FEATURE) == generate_feature(1, SMALL_FEATURE)
    assert generate_feature(1, SMALL_FEATURE) != generate_feature(2, SMALL_FEATURE)


def test_the_full_feature_looks_like_a_script() -> None:
    problem = generate_feature(0)
    indexed = validate_problem(problem)
    assert len(problem.scenes) == 150
    assert len(problem.locations) == 40
    assert len(problem.cast) == 30
    assert 0.6 <= sum(indexed.eighths) / 8 / 150 <= 1.0  # mean pages per scene
    assert min(indexed.eighths) >= 1
    assert max(indexed.eighths) <= 32
    assert 0.18 <= sum(indexed.is_night) / 150 <= 0.32
    assert problem.calendar.dates[0] == dt.date(2026, 5, 4)
    assert dt.date(2026, 5, 14) not in problem.calendar.dates  # Ascension Day


def test_the_shipped_weights_are_versioned_and_positive() -> None:
    weights = default_weights()
    assert weights_version() >= 1
    assert weights.shooting_day > weights.company_move > weights.location_change > 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scenes": [scene("1", cast=["Z"])]}, "scene '1': unknown cast id 'Z'"),
        ({"scenes": [scene("1", "L9")]}, "scene '1': unknown location id 'L9'"),
        ({"scenes": [scene("1", minutes=-5)]}, "scene '1': minutes is negative (-5)"),
        (
            {"scenes": [{"id": "1", "eighths": -1, "location": "L1", "minutes": 5}]},
            "scene '1': eighths is negative (-1)",
        ),
        (
            {"scenes": [{"id": "1", "eighths": 3, "location": "L1"}]},
            "scene '1': no estimated minutes, and the problem has no pace",
        ),
        ({"scenes": [scene("1"), scene("1")]}, "scene '1': the id appears twice"),
        (
            {"scenes": [scene("1", fixed_day=4)]},
            "scene '1': fixed_day: day index 4 is outside the calendar (0 to 3)",
        ),
        ({"scenes": [scene("1", fixed_day="2026-05-04")]}, "the calendar has no dates"),
        ({"scenes": [scene("1", earliest=3, latest=1)]}, "scene '1': latest is before earliest"),
        ({"groups": [{"kind": "same_day", "scenes": ["1", "9"]}]}, "group 0: unknown scene id '9'"),
        ({"limits": {"max_minutes_per_day": 0}}, "limits: max_minutes_per_day must be positive"),
        (
            {"cast": [{"id": "A", "name": "Anna", "daily_rate": "1", "availability": [[2, 7]]}]},
            "cast 'A': availability: day index 7 is outside the calendar",
        ),
        (
            {"cast": [{"id": "K", "name": "Kid", "daily_rate": "1", "child": True}]},
            "cast 'K': a child needs max_minutes_per_day",
        ),
        (
            {"cast": [{"id": "A", "name": "Anna", "daily_rate": "-3"}]},
            "cast 'A': daily_rate is negative (-300)",
        ),
    ],
)
def test_validation_names_the_bad_id_and_field(change: dict[str, Any], message: str) -> None:
    fields = {"scenes": [scene("1")], **change}
    scenes = fields.pop("scenes")
    with pytest.raises(PlanningError, match=_literal(message)):
        validate_problem(small_problem(scenes, **fields))


def _literal(message: str) -> str:
    import re

    return re.escape(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cast": [{"id": "A", "name": "Anna"}]}, "cast 'A': missing 'daily_rate'"),
        (
            {"cast": [{"id": "A", "daily_rate": "1.005"}]},
            "cast 'A': daily_rate: '1.005' has more than two decimals",
        ),
        ({"calendar": {}}, "calendar: give 'dates' or 'days'"),
        (
            {"scenes": [{"id": "1", "location": "L1", "pages": "2 9/8"}]},
            "scene '1': pages '2 9/8' is not a length",
        ),
        ({"scenes": [scene("1", day_part="noon")]}, "scene '1': day_part is one of day, night, dawn, dusk"),
        ({"weights": {"coffee": 5}}, "weights: unknown weight 'coffee'"),
        ({"rest": {"day_call": "7am"}}, "rest: day_call must be a time such as '07:00'"),
    ],
)
def test_reading_names_the_bad_field(data: dict[str, Any], message: str) -> None:
    fields = {"scenes": [scene("1")], **data}
    scenes = fields.pop("scenes")
    with pytest.raises(PlanningError, match=_literal(message)):
        small_problem(scenes, **fields)
