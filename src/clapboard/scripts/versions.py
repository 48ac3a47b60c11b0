"""Saving a parsed draft as a new version of a script, in one transaction.

The engine has done the reading (``engines.screenplay``), the suggestions
(``engines.breakdown.suggest``) and, for a later draft, the scene matching
(``engines.screenplay.revisions``); this module turns their dataclasses into rows:
the version, its scenes (with A/B numbers and OMITTED placeholders once numbers are
locked), the script locations, the elements and the tags. Confirmed decisions on text
that did not change are carried over from the previous version.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from clapboard.core import audit
from clapboard.engines.breakdown import Suggestion
from clapboard.engines.screenplay import Screenplay
from clapboard.engines.screenplay.revisions import (
    RevisionDiff,
    SceneChange,
    SceneRecord,
    assign_locked_numbers,
    carry_span,
    match_scenes,
    records_from_screenplay,
)

from .models import Element, Scene, Script, ScriptLocation, ScriptVersion, Tag


@dataclass(frozen=True)
class DraftDetails:
    """What the person said about the draft when importing it."""

    label: str
    colour: str
    revision_date: dt.date
    source_name: str
    source_path: str
    paper: str


class ElementIndex:
    """The script's elements by (category, name or alias), creating new ones on demand."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self._by_name: dict[tuple[str, str], Element] = {}
        self._new: dict[tuple[str, str], Element] = {}
        for element in script.elements.all():
            for name in (element.name, *element.aliases):
                self._by_name.setdefault((element.category, name.casefold()), element)

    def get(self, category: str, name: str) -> Element:
        key = (category, name.casefold())
        found = self._by_name.get(key)
        if found is None:
            found = Element(script=self.script, category=category, name=name[:200])
            self._by_name[key] = self._new[key] = found
        return found

    def save_new(self, acting_user: Any) -> None:
        """Insert the new elements, with their creation in the field history, in bulk."""
        created = Element.objects.bulk_create(self._new.values())
        if created:
            # bulk_create sends no signal: without this row the element's history would start
            # at its first edit, and that edit's audit event would list every field as new.
            Element.history.bulk_history_create(  # type: ignore[attr-defined]
                created, default_user=acting_user if getattr(acting_user, "is_authenticated", False) else None
            )


def _keep_placeholders(diff: RevisionDiff, previous_rows: Sequence[Scene]) -> RevisionDiff:
    """``diff`` with the previous version's OMITTED placeholders put back where they stood.

    A number once omitted stays omitted in every later draft of a locked script, and is
    never given to another scene. The engine compares the scenes of the drafts only, so the
    placeholders go back in here, as omitted scenes, so that ``assign_locked_numbers`` keeps
    their numbers as taken: each one after the nearest scene before it in the previous
    version that did not move (paired in place, or omitted now), else first.
    """
    status = {change.old_key: change for change in diff.changes if change.old_key is not None}
    after: dict[str | None, list[SceneChange]] = defaultdict(list)
    anchor: str | None = None
    for scene in previous_rows:
        key = str(scene.pk)
        if not scene.omitted:
            if key in status and not status[key].moved:
                anchor = key
            continue
        if scene.number:
            after[anchor].append(
                SceneChange(
                    status="omitted",
                    old_key=key,
                    new_key=None,
                    old_number=scene.number,
                    new_number=None,
                    heading=scene.heading,
                    similarity=0.0,
                    moved=False,
                    text_changed=False,
                    heading_changed=False,
                    eighths_delta=0,
                )
            )
    if not after:
        return diff
    changes = list(after[None])
    for change in diff.changes:
        changes.append(change)
        if change.old_key is not None:
            changes.extend(after.get(change.old_key, ()))
    return RevisionDiff(changes=tuple(changes), numbers_locked=diff.numbers_locked)


def _new_scene_rows(
    version: ScriptVersion, screenplay: Screenplay, previous: ScriptVersion | None, locked: bool
) -> list[Scene]:
    """The scene rows of the new version, in reading order, matched to the previous one."""
    by_index = {scene.index: scene for scene in screenplay.scenes}

    def row(position: int, index: int, number: str | None) -> Scene:
        scene = by_index[index]
        saved = Scene(
            version=version,
            position=position,
            number=(number or "")[:20],
            heading=scene.heading[:500],
            int_ext=scene.int_ext or "",
            location_name=scene.location[:300],
            time_of_day=(scene.time_of_day or "")[:100],
            page_start=scene.page_start,
            eighths=scene.eighths,
            text=scene.text,
            speaking=list(scene.speaking_characters),
            characters=list(scene.characters),
        )
        saved.engine_index = index  # type: ignore[attr-defined]  # where the suggestions point
        return saved

    if previous is None:
        return [
            row(position, scene.index, scene.number) for position, scene in enumerate(screenplay.scenes, 1)
        ]

    previous_rows = list(previous.scenes.order_by("position"))
    old_scenes = {str(scene.pk): scene for scene in previous_rows if not scene.omitted}
    old_records = [
        SceneRecord(
            key=key,
            number=scene.number or None,
            heading=scene.heading,
            text=scene.text,
            eighths=scene.eighths,
        )
        for key, scene in old_scenes.items()
    ]
    diff = match_scenes(old_records, records_from_screenplay(screenplay), numbers_locked=locked)
    changes = {change.new_key: change for change in diff.changes if change.new_key is not None}

    def matched(scene_row: Scene, new_key: str) -> Scene:
        change = changes[new_key]
        scene_row.change = change.status
        scene_row.moved = change.moved
        scene_row.previous = old_scenes[change.old_key] if change.old_key is not None else None
        return scene_row

    if not locked:
        return [
            matched(row(position, scene.index, scene.number), str(scene.index))
            for position, scene in enumerate(screenplay.scenes, 1)
        ]
    placeholders = {scene.number.casefold(): scene for scene in previous_rows if scene.omitted}
    rows = []
    for position, numbered in enumerate(assign_locked_numbers(_keep_placeholders(diff, previous_rows)), 1):
        if numbered.omitted or numbered.key is None:
            # Omitted in this draft, or a placeholder kept from an earlier one: that one has
            # no change status, since no scene of the draft stands behind it.
            kept = placeholders.get(numbered.number.casefold())
            rows.append(
                Scene(
                    version=version,
                    position=position,
                    number=numbered.number[:20],
                    heading=numbered.heading[:500],
                    omitted=True,
                    change="" if kept else Scene.Change.OMITTED,
                    previous=kept,
                )
            )
        else:
            rows.append(matched(row(position, int(numbered.key), numbered.number), numbered.key))
    return rows


def _link_locations(script: Script, scenes: Sequence[Scene]) -> None:
    existing = {location.name: location for location in script.locations.all()}
    missing = sorted({s.location_name for s in scenes if s.location_name and s.location_name not in existing})
    # SQLite (3.35+) and PostgreSQL both return the new ids from a bulk insert.
    for location in ScriptLocation.objects.bulk_create(
        ScriptLocation(script=script, name=n) for n in missing
    ):
        existing[location.name] = location
    for scene in scenes:
        scene.script_location = existing.get(scene.location_name)


def _carried_tags(scenes: Sequence[Scene]) -> list[Tag]:
    """Decisions taken on the previous version, kept where the tagged words did not change."""
    pairs = {scene.previous_id: scene for scene in scenes if scene.previous_id is not None}
    if not pairs:
        return []
    carried = []
    decided = Tag.objects.filter(scene_id__in=pairs, status__in=(Tag.Status.ACCEPTED, Tag.Status.REJECTED))
    for tag in decided.select_related("scene").order_by("scene_id", "id"):
        new_scene = pairs[tag.scene_id]
        if tag.start is None or tag.end is None:
            span: tuple[int, int] | None = None
            if new_scene.change != Scene.Change.UNCHANGED:
                continue
        else:
            span = carry_span(tag.scene.text, new_scene.text, tag.start, tag.end)
            if span is None:
                continue
        carried.append(
            Tag(
                scene=new_scene,
                element_id=tag.element_id,
                status=tag.status,
                source=Tag.Source.CARRIED if tag.status == Tag.Status.ACCEPTED else tag.source,
                start=span[0] if span else None,
                end=span[1] if span else None,
                decided_by_id=tag.decided_by_id,
                decided_at=tag.decided_at,
            )
        )
    return carried


def _suggested_tags(
    suggestions: Iterable[Suggestion],
    scenes_by_index: dict[int, Scene],
    elements: ElementIndex,
    carried: list[Tag],
) -> list[Tag]:
    """New suggestions, minus what a carried decision already covers in the same scene."""
    covered: dict[tuple[int, int], list[tuple[int | None, int | None]]] = defaultdict(list)
    for tag in carried:
        covered[(id(tag.scene), tag.element_id)].append((tag.start, tag.end))
    tags = []
    for suggestion in suggestions:
        scene = scenes_by_index.get(suggestion.scene_index)
        if scene is None:
            continue
        element = elements.get(suggestion.category, suggestion.name)
        start = suggestion.start if suggestion.start >= 0 else None
        end = suggestion.end if suggestion.end >= 0 else None
        spans = covered.get((id(scene), element.pk), []) if element.pk else []
        if any(s is None or start is None or (s < (end or 0) and start < (e or 0)) for s, e in spans):
            continue
        tags.append(
            Tag(
                scene=scene,
                element=element,
                status=Tag.Status.SUGGESTED,
                source=suggestion.reason,
                start=start,
                end=end,
            )
        )
    return tags


@transaction.atomic
def save_version(
    script: Script,
    screenplay: Screenplay,
    suggestions: Sequence[Suggestion],
    details: DraftDetails,
    *,
    acting_user: Any,
) -> ScriptVersion:
    """Write ``screenplay`` as the script's next version with its scenes and tags."""
    script = Script.objects.select_for_update().get(pk=script.pk)
    previous = script.current_version
    last_number = script.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ScriptVersion.objects.create(
        script=script,
        number=last_number + 1,
        label=details.label[:120],
        colour=details.colour,
        revision_date=details.revision_date,
        source_name=details.source_name[:255],
        source_format=screenplay.format,
        source_path=details.source_path,
        paper=details.paper,
        title=screenplay.title[:300],
        page_count=screenplay.page_count,
        scene_count=len(screenplay.scenes),
        total_eighths=sum(scene.eighths for scene in screenplay.scenes),
        character_stats=[
            {"name": c.name, "scenes": len(c.scenes), "lines": c.lines, "words": c.words}
            for c in screenplay.characters
        ],
        previous=previous,
        numbered_from_locked=script.numbers_locked and previous is not None,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    scenes = _new_scene_rows(version, screenplay, previous, script.numbers_locked and previous is not None)
    _link_locations(script, scenes)
    Scene.objects.bulk_create(scenes)  # sets their ids (see _link_locations)
    elements = ElementIndex(script)
    carried = _carried_tags(scenes)
    scenes_by_index = {scene.engine_index: scene for scene in scenes if not scene.omitted}  # type: ignore[attr-defined]
    suggested = _suggested_tags(suggestions, scenes_by_index, elements, carried)
    elements.save_new(acting_user)
    for tag in suggested:
        tag.element_id = tag.element.pk
    Tag.objects.bulk_create([*carried, *suggested])
    script.current_version = version
    script.save(update_fields=["current_version", "updated_at"])
    audit.record(
        "scripts.version.imported",
        actor=acting_user,
        production=script.production,
        target=version,
        data={
            "script": script.title,
            "file": details.source_name,
            "scenes": version.scene_count,
            "pages": version.page_count,
            "suggestions": len(suggested),
            "carried": len(carried),
        },
    )
    return version
