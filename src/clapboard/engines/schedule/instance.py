"""Talent-scheduling instances: reading and checking them, before any solving.

An instance is a list of scenes (an id and a duration in days) and a list of actors (an
id, a daily cost and the scenes they are in). Scene ids and actor ids are strings or
integers, as the input gives them; inside the engine scenes are known by their position
in ``Instance.scenes``. Everything is an integer: days and money units.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SceneId = str | int
ActorId = str | int


class InstanceError(ValueError):
    """Bad input: the message names the field and, when there is one, the id."""


@dataclass(frozen=True, slots=True)
class Scene:
    id: SceneId
    duration: int


@dataclass(frozen=True, slots=True)
class Actor:
    id: ActorId
    cost: int
    scenes: tuple[int, ...]
    """Positions in ``Instance.scenes``, ascending, without repeats."""


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    scenes: tuple[Scene, ...]
    actors: tuple[Actor, ...]

    def __post_init__(self) -> None:
        count = len(self.scenes)
        for actor in self.actors:
            if any(not 0 <= index < count for index in actor.scenes):
                raise InstanceError(f"actor {actor.id!r}: scene position out of range")

    @property
    def scene_count(self) -> int:
        return len(self.scenes)

    def scene_position(self, scene_id: SceneId) -> int:
        for position, scene in enumerate(self.scenes):
            if scene.id == scene_id and type(scene.id) is type(scene_id):
                return position
        raise InstanceError(f"unknown scene id {scene_id!r}")

    def scenes_of(self) -> tuple[frozenset[int], ...]:
        """For each scene position, the positions of the actors it needs."""
        needs: list[set[int]] = [set() for _ in self.scenes]
        for actor_position, actor in enumerate(self.actors):
            for scene in actor.scenes:
                needs[scene].add(actor_position)
        return tuple(frozenset(actors) for actors in needs)


def load_instance(path: str | Path) -> Instance:
    """Read an instance file (JSON); ``InstanceError`` names the file on bad input."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InstanceError(f"{path.name}: not JSON ({error.msg}, line {error.lineno})") from error
    except UnicodeDecodeError as error:
        raise InstanceError(f"{path.name}: not UTF-8 text") from error
    try:
        return read_instance(data, default_name=path.stem)
    except InstanceError as error:
        raise InstanceError(f"{path.name}: {error}") from error


def read_instance(data: Any, *, default_name: str = "") -> Instance:
    """Check ``{"name", "scenes": [{"id", "duration"}], "actors": [{"id", "cost", "scenes"}]}``.

    Other keys are ignored. Raises ``InstanceError`` naming the first bad field.
    """
    if not isinstance(data, Mapping):
        raise InstanceError("an instance is a JSON object with 'scenes' and 'actors'")
    name = data.get("name", default_name)
    if not isinstance(name, str):
        name = str(name)
    scenes = _read_scenes(_list_field(data, "scenes"))
    positions: dict[tuple[type, SceneId], int] = {
        (type(scene.id), scene.id): position for position, scene in enumerate(scenes)
    }
    actors = _read_actors(_list_field(data, "actors"), positions)
    return Instance(name=name, scenes=scenes, actors=actors)


def _list_field(data: Mapping[str, Any], field: str) -> Sequence[Any]:
    if field not in data:
        raise InstanceError(f"missing field {field!r}")
    value = data[field]
    if not isinstance(value, list):
        raise InstanceError(f"{field!r} must be a list")
    return value


def _read_id(value: Any, where: str) -> SceneId:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InstanceError(f"{where}.id must be a string or an integer, not {value!r}")
    if isinstance(value, str) and not value.strip():
        raise InstanceError(f"{where}.id is empty")
    return value


def _read_count(item: Mapping[str, Any], field: str, where: str) -> int:
    if field not in item:
        raise InstanceError(f"{where}: missing {field!r}")
    value = item[field]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where}: {field!r} must be a whole number, not {value!r}")
    if value < 0:
        raise InstanceError(f"{where}: {field!r} is negative ({value})")
    return value


def _read_scenes(items: Sequence[Any]) -> tuple[Scene, ...]:
    if not items:
        raise InstanceError("'scenes' is empty")
    scenes: list[Scene] = []
    seen: set[tuple[type, SceneId]] = set()
    for number, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InstanceError(f"scenes[{number}] must be an object with 'id' and 'duration'")
        if "id" not in item:
            raise InstanceError(f"scenes[{number}]: missing 'id'")
        scene_id = _read_id(item["id"], f"scenes[{number}]")
        where = f"scene {scene_id!r}"
        if (type(scene_id), scene_id) in seen:
            raise InstanceError(f"{where}: the id appears twice in 'scenes'")
        seen.add((type(scene_id), scene_id))
        scenes.append(Scene(id=scene_id, duration=_read_count(item, "duration", where)))
    return tuple(scenes)


def _read_actors(items: Sequence[Any], positions: Mapping[tuple[type, SceneId], int]) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    seen: set[tuple[type, ActorId]] = set()
    for number, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InstanceError(f"actors[{number}] must be an object with 'id', 'cost' and 'scenes'")
        if "id" not in item:
            raise InstanceError(f"actors[{number}]: missing 'id'")
        actor_id = _read_id(item["id"], f"actors[{number}]")
        where = f"actor {actor_id!r}"
        if (type(actor_id), actor_id) in seen:
            raise InstanceError(f"{where}: the id appears twice in 'actors'")
        seen.add((type(actor_id), actor_id))
        cost = _read_count(item, "cost", where)
        if "scenes" not in item:
            raise InstanceError(f"{where}: missing 'scenes'")
        listed = item["scenes"]
        if not isinstance(listed, list):
            raise InstanceError(f"{where}: 'scenes' must be a list of scene ids")
        scene_positions: set[int] = set()
        for scene_id in listed:
            if isinstance(scene_id, bool) or not isinstance(scene_id, str | int):
                raise InstanceError(f"{where}: 'scenes' holds {scene_id!r}, which is no scene id")
            position = positions.get((type(scene_id), scene_id))
            if position is None:
                raise InstanceError(f"{where}: unknown scene id {scene_id!r} in 'scenes'")
            if position in scene_positions:
                raise InstanceError(f"{where}: scene {scene_id!r} is listed twice")
            scene_positions.add(position)
        actors.append(Actor(id=actor_id, cost=cost, scenes=tuple(sorted(scene_positions))))
    return tuple(actors)
