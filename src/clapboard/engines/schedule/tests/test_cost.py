from __future__ import annotations

import pytest

from clapboard.engines.schedule import InstanceError, base_cost, read_instance, schedule_cost

# The "tiny" instance of the benchmark, costs worked out by hand below.
TINY = read_instance(
    {
        "name": "tiny",
        "scenes": [
            {"id": 1, "duration": 1},
            {"id": 2, "duration": 2},
            {"id": 3, "duration": 3},
            {"id": 4, "duration": 1},
        ],
        "actors": [
            {"id": "A1", "cost": 1, "scenes": [1, 3]},
            {"id": "A2", "cost": 2, "scenes": [1, 2, 4]},
            {"id": "A3", "cost": 3, "scenes": [2, 3]},
        ],
    }
)


def test_base_is_each_actor_paid_for_their_own_scenes() -> None:
    # A1: (1 + 3) x 1 = 4; A2: (1 + 2 + 1) x 2 = 8; A3: (2 + 3) x 3 = 15.
    assert base_cost(TINY) == 27


def test_input_order() -> None:
    # Days: scene 1 [0,1), 2 [1,3), 3 [3,6), 4 [6,7).
    # A1 from 0 to 6: 6; A2 from 0 to 7: 14; A3 from 1 to 6: 15.
    cost = schedule_cost(TINY, [0, 1, 2, 3])
    assert (cost.total, cost.base, cost.idle) == (35, 27, 8)


def test_optimal_order() -> None:
    # Scenes 4, 1, 2, 3: days 4 [0,1), 1 [1,2), 2 [2,4), 3 [4,7).
    # A1 from 1 to 7: 6; A2 from 0 to 4: 8; A3 from 2 to 7: 15.
    cost = schedule_cost(TINY, [3, 0, 1, 2])
    assert (cost.total, cost.base, cost.idle) == (29, 27, 2)


def test_a_mirrored_order_costs_the_same() -> None:
    assert schedule_cost(TINY, [2, 1, 0, 3]).total == schedule_cost(TINY, [3, 0, 1, 2]).total


def test_actor_in_no_scene_costs_nothing() -> None:
    instance = read_instance(
        {
            "scenes": [{"id": "a", "duration": 2}, {"id": "b", "duration": 1}],
            "actors": [{"id": 1, "cost": 100, "scenes": []}, {"id": 2, "cost": 3, "scenes": ["b"]}],
        }
    )
    assert schedule_cost(instance, [0, 1]).total == 3


def test_an_order_must_list_every_scene_once() -> None:
    with pytest.raises(InstanceError, match="each of the 4 scenes once"):
        schedule_cost(TINY, [0, 1, 1, 2])
