"""First quantities of a budget from a script, before any schedule exists.

The script's viability read-out gives the shooting days (its pages at the usual pace of
the production's kind, rounded up to whole days). Each cast member's days are the pages
of the scenes they play in at the same pace, rounded up, at least one day and at most
the shooting days: a first estimate, which a linked schedule replaces once it exists.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from clapboard.engines.breakdown.viability import assess_viability
from clapboard.scripts.analysis import element_facts, scene_facts
from clapboard.scripts.models import ScriptVersion, Tag

EIGHTHS_PER_PAGE = 8


@dataclass(frozen=True)
class ScriptEstimate:
    shooting_days: int
    cast_days: dict[str, int]  # cast element id → days
    cast_names: dict[str, str]


def script_estimate(version: ScriptVersion) -> ScriptEstimate:
    scenes = list(version.scenes.filter(omitted=False).order_by("position"))
    kind = "tv_series" if version.script.production.kind == "series" else "feature"
    viability = assess_viability(scene_facts(scenes), element_facts(version), production_type=kind)
    shooting_days = max(1, int(viability.shooting_days_rounded_up))
    eighths_of_scene = {scene.pk: scene.eighths for scene in scenes}
    eighths: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    cast_tags = (
        Tag.objects.filter(scene__version=version, element__category="cast", scene__omitted=False)
        .exclude(status=Tag.Status.REJECTED)
        .values_list("element_id", "element__name", "scene_id")
        .distinct()
    )
    for element_id, name, scene_id in cast_tags:
        eighths[element_id] += eighths_of_scene.get(scene_id, 0)
        names[element_id] = name
    pace = Decimal(viability.pages_per_day) * EIGHTHS_PER_PAGE
    days = {
        str(element): min(shooting_days, max(1, math.ceil(Decimal(total) / pace)))
        for element, total in eighths.items()
    }
    return ScriptEstimate(shooting_days, days, {str(element): name for element, name in names.items()})
