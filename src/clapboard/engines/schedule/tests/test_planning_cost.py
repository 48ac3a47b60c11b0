"""The objective's arithmetic on plans worked out by hand, and the independent rule checker."""

from __future__ import annotations

from clapboard.engines.schedule.planning import Plan, check_plan, evaluate_plan

from .test_planning_problems import scene, small_problem


def test_each_term_adds_up_as_worked_out_by_hand() -> None:
    problem = small_problem(
        [
            scene("1", "L1", cast=["A"]),
            scene("2", "L2", cast=["B"], day_part="night"),
            scene("3", "L1", cast=["A", "B"]),
            scene("4", "L3", cast=["B"]),
        ]
    )
    cost = evaluate_plan(problem, Plan(days=(("1", "2"), ("4",), ("3",))))
    # 3 shooting days x 1000 = 3000
    assert cost.shooting_days == 3
    assert cost.terms["shooting_days"] == 3000
    # Day 1 is at the Flat and the Street: 1 company move x 100 = 100
    assert cost.company_moves == 1
    assert cost.terms["company_moves"] == 100
    # No location in common between days 1 and 2 ({Flat, Street} / {Studio}) nor 2 and 3
    # ({Studio} / {Flat}): 2 changes x 10 = 20
    assert cost.location_changes == 2
    assert cost.terms["location_changes"] == 20
    # Day 1 holds a night scene and a day scene: 1 split day x 5 = 5
    assert cost.split_days == 1
    assert cost.terms["split_days"] == 5
    # Night on day 1, none on days 2 and 3: 1 switch x 1 = 1
    assert cost.day_night_switches == 1
    assert cost.terms["day_night_switches"] == 1
    # Anna works days 1 and 3 and is held on day 2: 3 days x 50 = 150;
    # Ben works days 1, 2 and 3: 3 days x 7 = 21; the cast costs 171
    anna, ben = cost.cast
    assert (anna.work_days, anna.hold_days, anna.cost) == (2, 1, 150)
    assert (ben.work_days, ben.hold_days, ben.cost) == (3, 0, 21)
    assert cost.terms["cast"] == 171
    # 3000 + 100 + 20 + 5 + 1 + 171
    assert cost.total == 3297


def test_an_empty_day_inside_the_shoot_is_paid_and_breaks_the_location_run() -> None:
    problem = small_problem([scene("1", cast=["A"]), scene("2", cast=["A"])])
    cost = evaluate_plan(problem, Plan(days=(("1",), (), ("2",))))
    # 3 days x 1000; Anna from day 1 to day 3: 3 x 50; two changes (an empty day shares no
    # location with its neighbours) x 10
    assert cost.total == 3000 + 150 + 20


def test_a_valid_plan_breaks_no_rule() -> None:
    problem = small_problem([scene("1"), scene("2", "L2", day_part="night"), scene("3")])
    assert check_plan(problem, Plan(days=(("1", "3"), ("2",)))) == []


def rules_broken(
    problem_scenes: list[dict[str, object]], days: tuple[tuple[str, ...], ...], **fields: object
) -> list[str]:
    problem = small_problem(problem_scenes, **fields)
    return [violation.message for violation in check_plan(problem, Plan(days=days))]


def test_the_checker_finds_missing_and_repeated_scenes() -> None:
    assert rules_broken([scene("1"), scene("2")], (("1", "1"), ("9",))) == [
        "scene '9' is not in the problem",
        "scene '1' is planned 2 times, not once",
        "scene '2' is planned 0 times, not once",
    ]


def test_the_checker_finds_availability_fixed_days_and_windows() -> None:
    broken = rules_broken(
        [scene("1", "L2", cast=["A"], fixed_day=0), scene("2", earliest=1)],
        (("2",), ("1",)),
        cast=[{"id": "A", "name": "Anna", "daily_rate": "1", "availability": [[0, 0]]}],
        locations=[{"id": "L1", "name": "Flat"}, {"id": "L2", "name": "Street", "availability": [[0, 0]]}],
    )
    assert broken == [
        "scene 2 is planned on day 1, outside its days",
        "scene 1: Anna is not available on day 2",
        "scene 1: Street is not available on day 2",
        "scene 1 is fixed on day 1, planned on day 2",
    ]


def test_the_checker_finds_each_day_limit() -> None:
    broken = rules_broken(
        [scene("1", minutes=400, cast=["K"]), scene("2", minutes=300, cast=["K"])],
        (("1", "2"),),
        limits={"max_minutes_per_day": 600, "max_eighths_per_day": 12},
        cast=[{"id": "K", "name": "Kid", "daily_rate": "1", "child": True, "max_minutes_per_day": 240}],
    )
    assert broken == [
        "day 1 lasts 11 h 40, more than 10 h 00",
        "day 1 holds 16 eighths, more than 12",
        "Kid works 11 h 40 on day 1, more than 4 h 00",
    ]


def test_the_checker_finds_groups_rest_and_the_number_of_days() -> None:
    broken = rules_broken(
        [scene("1", day_part="night"), scene("2"), scene("3"), scene("4")],
        (("1", "3"), ("2",), (), ("4",)),
        groups=[
            {"kind": "same_day", "scenes": ["1", "2"], "name": "chase"},
            {"kind": "consecutive_days", "scenes": ["3", "4"]},
        ],
        limits={"max_minutes_per_day": 600, "max_shooting_days": 3},
    )
    assert broken == [
        "4 shooting days, more than 3",
        "group chase: scenes on 2 different days",
        "group 3, 4: the days are not consecutive",
        "only 5 h 00 of rest between day 1 and day 2, less than 11 h 00",
    ]


def test_a_weekend_after_a_night_leaves_enough_rest() -> None:
    fields = {"calendar": {"dates": ["2026-05-07", "2026-05-08", "2026-05-11"]}}
    night_then_friday = rules_broken([scene("1", day_part="night"), scene("2")], (("1",), ("2",)), **fields)
    friday_night_then_monday = rules_broken(
        [scene("1"), scene("2", day_part="night"), scene("3")], (("1",), ("2",), ("3",)), **fields
    )
    assert night_then_friday == [
        "only 5 h 00 of rest between Thu 7 May 2026 and Fri 8 May 2026, less than 11 h 00"
    ]
    assert friday_night_then_monday == []
