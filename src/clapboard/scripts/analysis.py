"""Figures of a script version for the pages: rows → engine dataclasses → read-outs.

The statistics, the viability read-out and the impact of a new draft are computed by
``engines.breakdown`` and ``engines.screenplay.revisions``; this module reads the rows
they need in a few queries and shapes the results for templates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from clapboard.engines.breakdown.statistics import (
    CharacterFacts,
    SceneFacts,
    ScriptStatistics,
    calculate_script_statistics,
    format_eighths,
)
from clapboard.engines.breakdown.viability import ElementFacts, Viability, assess_viability
from clapboard.engines.screenplay.revisions import department_impact_counts

from .categories import category_view
from .models import Element, Scene, Script, ScriptLocation, ScriptVersion, Tag
from .rendering import tagged_pieces, text_changes

#: What each flag of the viability read-out says to a producer.
FLAG_LABELS = {
    "minors": _("Children in the cast: a prefect's authorisation and limited working hours"),
    "night_exteriors": _("Night exteriors: lighting, generators, night premiums"),
    "dawn_dusk_exteriors": _("Dawn or dusk exteriors: a short window of light"),
    "stunts": _("Stunts: coordinator, rehearsal, insurance"),
    "animals": _("Animals: handlers and extra takes"),
    "vehicles": _("Picture vehicles: hire, drivers, towing or permits"),
    "vfx": _("Visual effects: supervision on set and post-production cost"),
    "sfx": _("Special effects: technicians and safety"),
    "locations": _("Many locations for the length: company moves eat shooting time"),
    "cast": _("A large speaking cast"),
    "background": _("Many background roles"),
}
DAYLIGHT_LABELS = {
    "DAY": _("Day"),
    "NIGHT": _("Night"),
    "DAWN_DUSK": _("Dawn / dusk"),
    "UNKNOWN": _("Not stated"),
}
INT_EXT_LABELS = {
    "INT": _("Interior"),
    "EXT": _("Exterior"),
    "INT/EXT": _("Int./ext."),
    "UNKNOWN": _("Not stated"),
}
CHART_LOCATIONS = 15
CHART_CHARACTERS = 20


# --- Rows → engine facts ---------------------------------------------------------------------


def _live_scenes(version: ScriptVersion) -> list[Scene]:
    return list(version.scenes.filter(omitted=False).order_by("position"))


def scene_facts(scenes: Iterable[Scene]) -> list[SceneFacts]:
    return [
        SceneFacts(
            index=scene.position,
            int_ext=scene.int_ext or None,
            location=scene.location_name,
            time_of_day=scene.time_of_day or None,
            eighths=scene.eighths,
            characters=tuple(scene.characters),
        )
        for scene in scenes
    ]


def element_facts(version: ScriptVersion) -> list[ElementFacts]:
    """Elements of the version that are not rejected, with the scenes (positions) they are in."""
    scenes: dict[int, set[int]] = defaultdict(set)
    details: dict[int, tuple[str, str, bool]] = {}
    tags = Tag.objects.filter(scene__version=version).exclude(status=Tag.Status.REJECTED)
    for element_id, category, name, minor, position in tags.values_list(
        "element_id", "element__category", "element__name", "element__minor", "scene__position"
    ):
        scenes[element_id].add(position)
        details[element_id] = (category, name, minor)
    return [
        ElementFacts(category=category, name=name, scenes=tuple(sorted(scenes[pk])), minor=minor)
        for pk, (category, name, minor) in details.items()
    ]


def _statistics(version: ScriptVersion, script: Script, scenes: Sequence[Scene]) -> ScriptStatistics:
    characters = [
        CharacterFacts(name=c["name"], scenes=c["scenes"], lines=c["lines"], words=c["words"])
        for c in version.character_stats
    ]
    return calculate_script_statistics(
        scene_facts(scenes), characters, minutes_per_page=Decimal(script.minutes_per_page)
    )


def _viability(version: ScriptVersion, scenes: Sequence[Scene]) -> Viability:
    production_type = "tv_series" if version.script.production.kind == "series" else "feature"
    return assess_viability(scene_facts(scenes), element_facts(version), production_type=production_type)


def _flags(viability: Viability) -> list[dict[str, Any]]:
    return [
        {
            "code": flag.code,
            "level": flag.level,
            "count": flag.count,
            "label": FLAG_LABELS.get(flag.code, flag.code),
        }
        for flag in viability.flags
    ]


def _bars(
    shares: Sequence[Any], labels: dict[str, Any] | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Rows of a horizontal bar chart: label, scenes, pages, width in % of the largest."""
    top = max((share.eighths for share in shares), default=0) or 1
    return [
        {
            "label": (labels or {}).get(share.key, share.key),
            "scenes": share.scenes,
            "eighths": format_eighths(share.eighths),
            "pages": share.pages,
            "width": round(100 * share.eighths / top, 1),
        }
        for share in list(shares)[:limit]
        if share.scenes or share.eighths
    ]


# --- Pages -----------------------------------------------------------------------------------


def version_overview(version: ScriptVersion, script: Script) -> dict[str, Any]:
    scenes = _live_scenes(version)
    stats = _statistics(version, script, scenes)
    viability = _viability(version, scenes)
    decided = Tag.objects.filter(scene__version=version).aggregate(
        pending=Count("pk", filter=Q(status=Tag.Status.SUGGESTED)),
        accepted=Count("pk", filter=Q(status=Tag.Status.ACCEPTED)),
    )
    return {
        "stats": stats,
        "viability": viability,
        "flags": _flags(viability),
        "daylight_bars": _bars(stats.daylight, DAYLIGHT_LABELS),
        "int_ext_bars": _bars(stats.int_ext, INT_EXT_LABELS),
        "pending_count": decided["pending"],
        "accepted_count": decided["accepted"],
        "total_length": format_eighths(stats.eighths),
    }


def version_statistics(version: ScriptVersion, script: Script) -> dict[str, Any]:
    scenes = _live_scenes(version)
    stats = _statistics(version, script, scenes)
    top_scenes = max((c.scenes for c in stats.characters), default=0) or 1
    return {
        "stats": stats,
        "total_length": format_eighths(stats.eighths),
        "location_bars": _bars(stats.locations, limit=CHART_LOCATIONS),
        "location_total": len(stats.locations),
        "daylight_bars": _bars(stats.daylight, DAYLIGHT_LABELS),
        "int_ext_bars": _bars(stats.int_ext, INT_EXT_LABELS),
        "character_bars": [
            {
                "rank": c.rank,
                "name": c.name,
                "scenes": c.scenes,
                "lines": c.lines,
                "words": c.words,
                "width": round(100 * c.scenes / top_scenes, 1),
            }
            for c in stats.characters[:CHART_CHARACTERS]
        ],
        "character_total": len(stats.characters),
    }


def scene_rows(version: ScriptVersion) -> list[dict[str, Any]]:
    """The scene list: each scene with its cast and how many tags are decided or pending."""
    scenes = version.scenes.annotate(
        pending=Count("tags", filter=Q(tags__status=Tag.Status.SUGGESTED)),
        accepted=Count("tags", filter=Q(tags__status=Tag.Status.ACCEPTED)),
    ).order_by("position")
    cast: dict[int, list[str]] = defaultdict(list)
    cast_tags = (
        Tag.objects.filter(scene__version=version, element__category="cast")
        .exclude(status=Tag.Status.REJECTED)
        .values_list("scene_id", "element__name")
        .order_by("scene_id", "start", "id")
    )
    for scene_id, name in cast_tags:
        if name not in cast[scene_id]:
            cast[scene_id].append(name)
    return [
        {
            "scene": scene,
            "length": format_eighths(scene.eighths) if not scene.omitted else "",
            "cast": cast.get(scene.pk, []),
            "pending": scene.pending,
            "accepted": scene.accepted,
        }
        for scene in scenes
    ]


def scene_breakdown(scene: Scene) -> dict[str, Any]:
    """A scene's tagged text, its elements by category, and its neighbours."""
    tags = list(scene.tags.select_related("element").order_by("start", "id"))
    by_category: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for tag in tags:
        if tag.status == Tag.Status.REJECTED:
            continue
        entry = by_category[tag.element.category].setdefault(
            tag.element_id, {"element": tag.element, "accepted": False, "pending": False}
        )
        entry["accepted"] |= tag.status == Tag.Status.ACCEPTED
        entry["pending"] |= tag.status == Tag.Status.SUGGESTED
    groups = sorted(
        (
            {"category": category_view(code), "entries": list(entries.values())}
            for code, entries in by_category.items()
        ),
        key=lambda group: group["category"].order,
    )
    siblings = list(
        scene.version.scenes.filter(omitted=False).order_by("position").values_list("pk", "position")
    )
    positions = [pk for pk, _position in siblings]
    here = positions.index(scene.pk) if scene.pk in positions else -1
    return {
        "pieces": tagged_pieces(scene.text, tags),
        "groups": groups,
        "suggestions": _pending_by_element(tags),
        "revision": _revision_of(scene),
        "rejected": [tag for tag in tags if tag.status == Tag.Status.REJECTED],
        "length": format_eighths(scene.eighths),
        "previous_scene_id": positions[here - 1] if here > 0 else None,
        "next_scene_id": positions[here + 1] if 0 <= here < len(positions) - 1 else None,
    }


def _revision_of(scene: Scene) -> dict[str, Any] | None:
    """For a scene a new draft changed: the scene it was, and the words removed and added."""
    if scene.change != Scene.Change.CHANGED or scene.previous is None:
        return None
    before = scene.previous
    return {
        "before": before,
        "heading_changed": before.heading != scene.heading,
        "changes": text_changes(before.text, scene.text),
    }


def _pending_by_element(tags: Sequence[Tag]) -> list[dict[str, Any]]:
    """Pending suggestions, one row per element (a character is suggested at every line),
    in the order the scene first names them, with why each was suggested."""
    rows: dict[int, dict[str, Any]] = {}
    for tag in tags:
        if tag.status != Tag.Status.SUGGESTED:
            continue
        row = rows.setdefault(
            tag.element_id,
            {
                "tag": tag,
                "element": tag.element,
                "category": category_view(tag.element.category),
                "count": 0,
                "sources": [],
            },
        )
        row["count"] += 1
        source = tag.get_source_display()
        if source not in row["sources"]:
            row["sources"].append(source)
    return list(rows.values())


def element_groups(script: Script, *, category: str = "") -> list[dict[str, Any]]:
    """Elements of the script by category, with their scenes in the current version."""
    version_id = script.current_version_id
    elements = script.elements.annotate(
        scene_count=Count(
            "tags__scene",
            filter=Q(tags__scene__version_id=version_id, tags__status=Tag.Status.ACCEPTED),
            distinct=True,
        ),
        pending=Count(
            "tags__scene",
            filter=Q(tags__scene__version_id=version_id, tags__status=Tag.Status.SUGGESTED),
            distinct=True,
        ),
    )
    if category:
        elements = elements.filter(category=category)
    grouped: dict[str, list[Element]] = defaultdict(list)
    for element in elements.order_by("category", "-scene_count", "name"):
        grouped[element.category].append(element)
    return sorted(
        ({"category": category_view(code), "elements": items} for code, items in grouped.items()),
        key=lambda group: group["category"].order,
    )


def category_counts(script: Script) -> list[dict[str, Any]]:
    """How many elements each category holds, in category order, for the filter chips."""
    counts = dict(script.elements.values_list("category").annotate(count=Count("pk")).order_by())
    return [
        {"category": category_view(code), "count": counts[code]}
        for code in sorted(counts, key=lambda code: category_view(code).order)
    ]


def element_scenes(element: Element) -> dict[str, Any]:
    version_id = element.script.current_version_id
    tags = (
        element.tags.filter(scene__version_id=version_id)
        .select_related("scene")
        .order_by("scene__position", "start", "id")
    )
    rows: dict[int, dict[str, Any]] = {}
    for tag in tags:
        row = rows.setdefault(tag.scene_id, {"scene": tag.scene, "statuses": set()})
        row["statuses"].add(tag.status)
    return {
        "category": category_view(element.category),
        "scene_rows": [
            {
                "scene": row["scene"],
                "pending": Tag.Status.SUGGESTED in row["statuses"],
                "accepted": Tag.Status.ACCEPTED in row["statuses"],
                "rejected": row["statuses"] == {Tag.Status.REJECTED},
            }
            for row in rows.values()
        ],
        "pending_scenes": sum(1 for row in rows.values() if Tag.Status.SUGGESTED in row["statuses"]),
    }


def location_rows(script: Script) -> list[dict[str, Any]]:
    """The script's places with their scenes and pages in the current version."""
    version_id = script.current_version_id
    places = (
        ScriptLocation.objects.filter(script=script)
        .select_related("shooting_location")
        .annotate(
            scene_count=Count("scenes", filter=Q(scenes__version_id=version_id, scenes__omitted=False)),
            eighths=Sum("scenes__eighths", filter=Q(scenes__version_id=version_id, scenes__omitted=False)),
        )
    )
    return [
        {
            "place": place,
            "scenes": place.scene_count,
            "length": format_eighths(place.eighths or 0),
            "eighths": place.eighths or 0,
        }
        for place in sorted(places, key=lambda p: (-(p.eighths or 0), p.name))
        if place.scene_count
    ]


def _element_scene_counts(version: ScriptVersion) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for fact in element_facts(version):
        counts[fact.category][fact.name] = len(fact.scenes)
    return counts


def version_changes(version: ScriptVersion) -> dict[str, Any]:
    """The scenes of ``version`` compared with the previous draft, and the impact per department."""
    previous = version.previous
    scenes = list(version.scenes.select_related("previous").order_by("position"))
    context: dict[str, Any] = {"previous": previous, "scenes": scenes}
    if previous is None:
        return context
    kept = {scene.previous_id for scene in scenes if scene.previous_id}
    dropped = [s for s in previous.scenes.filter(omitted=False).order_by("position") if s.pk not in kept]
    placeholder_numbers = {s.number for s in scenes if s.omitted}
    context["dropped"] = [s for s in dropped if not (s.number and s.number in placeholder_numbers)]
    counts = defaultdict(int)
    for scene in scenes:
        if scene.change:
            counts[scene.change] += 1
        if scene.moved:
            counts["moved"] += 1
    counts["omitted"] = len(dropped)
    context["counts"] = dict(counts)
    context["length_delta"] = version.total_eighths - previous.total_eighths
    context["length_delta_text"] = format_eighths(abs(version.total_eighths - previous.total_eighths))
    impact = department_impact_counts(_element_scene_counts(previous), _element_scene_counts(version))
    context["impact"] = sorted(
        ({"category": category_view(code), "impact": entry} for code, entry in impact.items()),
        key=lambda row: row["category"].order,
    )
    return context


def readout(version: ScriptVersion) -> dict[str, Any]:
    """The statistics and the viability read-out of a version, for the API."""
    scenes = _live_scenes(version)
    return {
        "statistics": _statistics(version, version.script, scenes),
        "viability": _viability(version, scenes),
    }
