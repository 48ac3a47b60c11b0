from __future__ import annotations

import json
from pathlib import Path

import pytest

from clapboard.engines.schedule import InstanceError, load_instance, read_instance


def instance(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "two scenes",
        "scenes": [{"id": "1A", "duration": 1}, {"id": 2, "duration": 2}],
        "actors": [{"id": "ANNA", "cost": 5, "scenes": ["1A", 2]}],
    }
    data.update(changes)
    return data


def test_reads_ids_as_given_and_ignores_other_keys() -> None:
    result = read_instance({**instance(), "optimum": {"total_cost": 15}, "n_scenes": 2})
    assert [scene.id for scene in result.scenes] == ["1A", 2]
    assert result.actors[0].scenes == (0, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"actors": [{"id": "ANNA", "cost": 5, "scenes": ["1A", 3]}]}, "actor 'ANNA': unknown scene id 3"),
        ({"actors": [{"id": "ANNA", "cost": 5, "scenes": ["2"]}]}, "actor 'ANNA': unknown scene id '2'"),
        (
            {"scenes": [{"id": "1A", "duration": -1}, {"id": 2, "duration": 2}]},
            "scene '1A': 'duration' is negative",
        ),
        ({"actors": [{"id": "ANNA", "scenes": ["1A"]}]}, "actor 'ANNA': missing 'cost'"),
        ({"actors": [{"id": "ANNA", "cost": -3, "scenes": []}]}, "actor 'ANNA': 'cost' is negative"),
        (
            {"actors": [{"id": "ANNA", "cost": 1.5, "scenes": []}]},
            "actor 'ANNA': 'cost' must be a whole number",
        ),
        ({"actors": [{"id": "ANNA", "cost": 5}]}, "actor 'ANNA': missing 'scenes'"),
        ({"actors": [{"cost": 5, "scenes": []}]}, r"actors\[0\]: missing 'id'"),
        ({"scenes": [{"id": 1}]}, "scene 1: missing 'duration'"),
        ({"scenes": [{"id": True, "duration": 1}]}, r"scenes\[0\].id must be a string or an integer"),
        ({"scenes": [{"id": 1, "duration": 1}, {"id": 1, "duration": 2}]}, "scene 1: the id appears twice"),
        ({"scenes": []}, "'scenes' is empty"),
        ({"actors": "ANNA"}, "'actors' must be a list"),
        ({"actors": [{"id": "A", "cost": 1, "scenes": [2, 2]}]}, "actor 'A': scene 2 is listed twice"),
    ],
)
def test_bad_input_names_the_field_and_id(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InstanceError, match=message):
        read_instance(instance(**changes))


def test_missing_actors_field() -> None:
    data = instance()
    del data["actors"]
    with pytest.raises(InstanceError, match="missing field 'actors'"):
        read_instance(data)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shoot.json"
    path.write_text("{not json")
    with pytest.raises(InstanceError, match=r"shoot.json: not JSON"):
        load_instance(path)
    path.write_text(json.dumps(instance(scenes=[{"id": 1, "duration": -2}])))
    with pytest.raises(InstanceError, match=r"shoot.json: scene 1: 'duration' is negative"):
        load_instance(path)
