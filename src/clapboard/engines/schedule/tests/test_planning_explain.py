"""Why no plan exists: the conflicts found on paper, and the minimal clash CP-SAT narrows down."""

from __future__ import annotations

from typing import Any

from clapboard.engines.schedule.planning import PlanStatus, solve_plan

from .test_planning_problems import scene, small_problem


def conflicts(scenes: list[dict[str, Any]], **fields: Any) -> tuple[tuple[str, ...], bool]:
    result = solve_plan(small_problem(scenes, **fields), time_limit=5, explain_time_limit=5)
    assert result.status is PlanStatus.INFEASIBLE
    assert result.plan is None
    return result.conflicts, result.conflicts_are_minimal


def test_a_scene_longer_than_a_day() -> None:
    found, _ = conflicts([scene("12", minutes=690), scene("13")])
    assert found == ("scene 12 takes 11 h 30, more than a shooting day's 10 h 00",)


def test_a_scene_too_long_for_a_child() -> None:
    found, _ = conflicts(
        [scene("3", minutes=300, cast=["K"])],
        cast=[{"id": "K", "name": "Léo", "daily_rate": "1", "child": True, "max_minutes_per_day": 240}],
    )
    assert found == ("scene 3 keeps Léo 5 h 00, more than the 4 h 00 Léo may work in a day",)


def test_a_scene_whose_cast_and_location_windows_do_not_meet() -> None:
    found, _ = conflicts(
        [scene("7", "L3", cast=["A", "B"], latest=3)],
        cast=[
            {"id": "A", "name": "Anna", "daily_rate": "1", "availability": [["2026-05-04", "2026-05-05"]]},
            {"id": "B", "name": "Ben", "daily_rate": "1"},
        ],
        locations=[{"id": "L3", "name": "the Studio", "availability": [["2026-05-07", "2026-05-08"]]}],
        calendar={"dates": ["2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07", "2026-05-08"]},
    )
    # "latest" is left out: it does not take part in the clash.
    assert found == (
        "scene 7 has no possible day: Anna is available only on 4-5 May 2026; "
        "the Studio is available only on 7-8 May 2026",
    )


def test_more_hours_than_the_days_hold() -> None:
    found, _ = conflicts(
        [scene(str(n), minutes=500) for n in range(1, 6)],
        limits={"max_minutes_per_day": 600, "max_shooting_days": 4},
    )
    assert found == (
        "the scenes take 41 h 40 in all, more than 4 shooting days of at most 10 h 00 (40 h 00)",
    )


def test_an_actor_with_too_few_days_for_their_scenes() -> None:
    found, _ = conflicts(
        [scene("1", cast=["A"], minutes=400), scene("2", cast=["A"], minutes=400)],
        cast=[{"id": "A", "name": "Anna", "daily_rate": "1", "availability": [[1, 1]]}],
    )
    assert found == (
        "the scenes of Anna take 13 h 20, more than the 1 days when Anna is available (day 2) hold at 10 h 00 a day",
    )


def test_a_same_day_group_too_long_for_a_day() -> None:
    found, _ = conflicts(
        [scene("4", minutes=350), scene("5", "L2", minutes=350)],
        groups=[{"kind": "same_day", "scenes": ["4", "5"]}],
    )
    assert found == (
        "scenes 4 and 5 must be shot on the same day but take 11 h 40 together, more than a shooting day's 10 h 00",
    )


def test_the_rest_after_a_night_between_two_fixed_days() -> None:
    found, is_minimal = conflicts(
        [
            scene("1", "L1", day_part="night", fixed_day=0),
            scene("2", "L2", fixed_day=1),
            scene("3", "L3", cast=["A"]),
        ],
    )
    assert is_minimal
    assert found == (
        "scene 1 is fixed on day 1",
        "scene 2 is fixed on day 2",
        "11 h 00 of rest after a night: a night scene on day 1 rules out a day call on day 2",
    )


def test_days_that_cannot_be_packed_name_the_two_limits_only() -> None:
    # 3 scenes of 6 h 40: the 20 h fit in 2 days of 10 h on paper, but a day holds one scene.
    # Anna's window and the Flat's latest day hold, and are left out of the explanation.
    found, is_minimal = conflicts(
        [scene("1", minutes=400, cast=["A"]), scene("2", minutes=400, latest=2), scene("3", minutes=400)],
        limits={"max_minutes_per_day": 600, "max_shooting_days": 2},
        cast=[{"id": "A", "name": "Anna", "daily_rate": "1", "availability": [[0, 2]]}],
    )
    assert is_minimal
    assert found == ("the shoot lasts at most 2 shooting days", "a shooting day lasts at most 10 h 00")


def test_a_clash_of_a_window_a_group_and_a_fixed_day() -> None:
    found, is_minimal = conflicts(
        [scene("4", cast=["A"]), scene("5", "L2", fixed_day=3), scene("6", "L3", cast=["A"])],
        cast=[{"id": "A", "name": "Anna", "daily_rate": "1", "availability": [[0, 1]]}],
        groups=[{"kind": "consecutive_days", "scenes": ["4", "5"]}],
    )
    # Scene 4 needs Anna (days 1-2), scene 5 is on day 4, and they must be on consecutive
    # days; scene 6 (Anna too) and the 10 h day take no part in the clash.
    assert is_minimal
    assert set(found) == {
        "Anna is available only on days 1-2",
        "scene 5 is fixed on day 4",
        "scenes 4 and 5 are shot on consecutive days",
    }
