from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from clapboard.engines.schedule import Instance, read_instance

REPOSITORY = Path(__file__).resolve().parents[5]
BENCH = REPOSITORY.parent / "shared" / "bench" / "talent" / "json"


def published() -> list[Path]:
    return sorted(BENCH.glob("*.json")) if BENCH.is_dir() else []


def published_optimum(path: Path) -> int:
    optimum: dict[str, Any] = json.loads(path.read_text())["optimum"]
    return int(optimum.get("total_cost", optimum["dp_total_cost"]))


needs_bench = pytest.mark.skipif(
    not BENCH.is_dir(), reason=f"the shared talent-scheduling instances are not at {BENCH}"
)


def random_instance(seed: int, *, max_scenes: int = 8, max_actors: int = 6) -> Instance:
    """A small random instance: some scenes share actors, durations and costs vary."""
    rng = random.Random(seed)
    scene_count = rng.randint(1, max_scenes)
    actor_count = rng.randint(1, max_actors)
    actors = []
    for a in range(actor_count):
        scenes = sorted(rng.sample(range(1, scene_count + 1), rng.randint(0, scene_count)))
        actors.append({"id": f"A{a}", "cost": rng.choice([0, 1, 2, 5, 10]), "scenes": scenes})
    return read_instance(
        {
            "name": f"random {seed}",
            "scenes": [{"id": s, "duration": rng.randint(0, 4)} for s in range(1, scene_count + 1)],
            "actors": actors,
        }
    )
