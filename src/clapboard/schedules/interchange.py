"""Schedules in the Universal Schedule Standard (USS), the open format of other tools.

``export_uss(schedule)`` gathers the schedule's script version (its scenes, and the
elements of each scene that nobody rejected, as the board counts them) and its board
(strips in order, days, banners, days without shooting, calendar) into the engine's
``Interchange`` and writes it. ``import_uss(production, data, …)`` reads a file and, in
one transaction, creates a script with one version (through ``scripts.versions
.save_version``, the way a draft import saves one), its elements and accepted tags, then
a schedule with the file's board (``actions.create_schedule_from_strips``). A bad file
raises ``ValidationError`` naming the file and the JSON path; nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.engines.breakdown import Suggestion, category
from clapboard.engines.schedule.board import automatic_breaks, default_pages_per_day
from clapboard.engines.schedule.calendar import load_holiday_rules
from clapboard.engines.schedule.interchange import (
    OTHER,
    SPECIAL_DAYS,
    Breakdown,
    Calendar,
    Category,
    Element,
    Interchange,
    InterchangeError,
    ItemKind,
    Project,
    ScheduleSettings,
    StripItem,
    load_uss,
    read_uss,
    write_uss,
)
from clapboard.engines.screenplay import Scene as ScreenplayScene
from clapboard.engines.screenplay import Screenplay
from clapboard.scripts.actions import create_script
from clapboard.scripts.models import Element as ElementRow
from clapboard.scripts.models import RevisionColour, Scene, ScriptVersion, Tag
from clapboard.scripts.versions import DraftDetails, save_version

from . import actions
from .calculation import load_board, pace_of
from .models import Schedule, Strip

SOURCE = "Clapboard"
# Elements of a category Clapboard does not have are kept under notes, with their category named.
OTHER_CODE = "notes"
_PAGE_NUMBER = re.compile(r"\d+")


def _namespace(kind: str, pk: int, created: dt.datetime) -> uuid.UUID:
    """Ids that stay the same from one export to the next and differ between installations."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"clapboard:{kind}:{pk}:{created.isoformat()}")


# Export -------------------------------------------------------------------------------------


def _elements_by_scene(scene_ids: list[int]) -> dict[int, list[ElementRow]]:
    tags = (
        Tag.objects.filter(scene_id__in=scene_ids)
        .exclude(status=Tag.Status.REJECTED)
        .select_related("element")
        .order_by("scene_id", "id")
    )
    found: dict[int, dict[int, ElementRow]] = defaultdict(dict)
    for tag in tags:
        found[tag.scene_id].setdefault(tag.element_id, tag.element)
    return {
        scene_id: sorted(
            elements.values(), key=lambda e: (category(e.category).order, e.name.casefold(), e.pk)
        )
        for scene_id, elements in found.items()
    }


def gather(schedule: Schedule) -> Interchange:
    """The schedule as the engine's ``Interchange``."""
    production = schedule.production
    version = schedule.script_version
    script = version.script if version is not None else None
    board = load_board(schedule)
    pace = pace_of(schedule)
    ids = _namespace("schedule", schedule.pk, schedule.created_at)
    element_ids = _namespace("script", script.pk, script.created_at) if script is not None else ids

    def key(kind: str, pk: int) -> str:
        return str(uuid.uuid5(element_ids if kind in {"element", "scene"} else ids, f"{kind}/{pk}"))

    scenes = (
        list(Scene.objects.filter(version=version, omitted=False).order_by("position")) if version else []
    )
    by_scene = _elements_by_scene([scene.pk for scene in scenes])
    cast_numbers = {member.element_id: str(member.number) for member in board.cast}
    episode = script.episode if script is not None and script.episode_id else None
    elements: dict[int, Element] = {}
    used_codes: set[str] = set()
    breakdowns = []
    for scene in scenes:
        for element in by_scene.get(scene.pk, []):
            used_codes.add(element.category)
            elements.setdefault(
                element.pk,
                Element(
                    key("element", element.pk),
                    f"category-{element.category}",
                    element.name,
                    cast_numbers.get(element.pk, ""),
                ),
            )
        breakdowns.append(
            Breakdown(
                id=key("scene", scene.pk),
                number=scene.number,
                heading=scene.heading,
                int_ext=scene.int_ext,
                set_name=scene.location_name,
                time_of_day=scene.time_of_day,
                eighths=scene.eighths,
                synopsis=scene.synopsis,
                script_page=str(scene.page_start),
                episode=str(episode.number) if episode else "",
                minutes=pace.minutes(scene.eighths),
                element_ids=tuple(key("element", element.pk) for element in by_scene.get(scene.pk, [])),
            )
        )
    strips = []
    on_board: set[int] = set()
    for row in board.rows:
        strip = row.strip
        kind = ItemKind(strip.kind)
        if kind is ItemKind.SCENE and strip.scene_id is not None:
            on_board.add(strip.scene_id)
            strips.append(StripItem(kind, breakdown_id=key("scene", strip.scene_id)))
        elif kind is ItemKind.DAY_BREAK:
            strips.append(StripItem(kind))
        else:
            date = row.day.date if row.day is not None and kind in SPECIAL_DAYS else None
            strips.append(StripItem(kind, id=key("strip", strip.pk), text=strip.text, date=date))
    return Interchange(
        project=Project(
            id=str(ids),
            name=schedule.name,
            title=production.title,
            company=production.company.name,
            episode=str(episode.number) if episode else "",
            episode_name=episode.title if episode else "",
            script_colour=version.colour if version else "",
            script_date=version.revision_date if version else None,
            schedule_date=timezone.localdate(schedule.updated_at),
            created=schedule.created_at,
            source=SOURCE,
            stripboard_name=schedule.name,
            settings=ScheduleSettings(
                unit=schedule.unit,
                country=schedule.country,
                pages_per_day=Decimal(schedule.pages_per_day),
                hours_per_day=Decimal(schedule.hours_per_day),
                drop_and_pick_up=schedule.drop_and_pick_up,
            ),
        ),
        categories=tuple(
            Category(f"category-{code}", code, category(code).name_en)
            for code in sorted(used_codes, key=lambda code: category(code).order)
        ),
        elements=tuple(elements.values()),
        breakdowns=tuple(breakdowns),
        strips=tuple(strips),
        boneyard=tuple(key("scene", scene.pk) for scene in scenes if scene.pk not in on_board),
        calendar=Calendar(
            name=schedule.name,
            start=schedule.start_date,
            weekdays_off=frozenset(range(7)) - frozenset(schedule.weekdays),
            days_off=tuple(sorted(dt.date.fromisoformat(day) for day in schedule.days_off or [])),
        ),
        has_schedule=True,
    )


def export_uss(schedule: Schedule) -> dict[str, Any]:
    """The schedule as a USS document (a dict, ready for ``json.dumps``)."""
    return write_uss(gather(schedule))


# Import -------------------------------------------------------------------------------------


def read_document(data: Any, *, source_name: str = "") -> Interchange:
    """A USS document read from bytes or text (a file) or from parsed JSON (an API body);
    ``ValidationError`` naming the file and the JSON path when it cannot be read."""
    try:
        if isinstance(data, bytes | str):
            return load_uss(data, source_name=source_name)
        return read_uss(data, source_name=source_name)
    except InterchangeError as error:
        raise ValidationError(str(error), code="uss") from None


def _heading(item: Breakdown) -> str:
    if item.heading:
        return item.heading
    place = f"{item.int_ext}. {item.set_name}" if item.int_ext else item.set_name
    return " - ".join(part for part in (place, item.time_of_day) if part) or item.number or "?"


def _screenplay(interchange: Interchange, title: str) -> Screenplay:
    scenes = []
    for index, item in enumerate(interchange.breakdowns, start=1):
        page = _PAGE_NUMBER.search(item.script_page)
        scenes.append(
            ScreenplayScene(
                index=index,
                number=item.number[:20] or None,
                heading=_heading(item)[:500],
                int_ext=item.int_ext[:8] or None,
                location=item.set_name[:300],
                time_of_day=item.time_of_day[:100] or None,
                page_start=max(1, int(page.group())) if page else 1,
                eighths=item.eighths,
                speaking_characters=(),
                characters=(),
                text="",
            )
        )
    pages = max((scene.page_start for scene in scenes), default=1)
    return Screenplay(
        title=title,
        title_page={},
        format="uss",
        elements=(),
        scenes=tuple(scenes),
        characters=(),
        page_count=pages,
    )


def _suggestions(interchange: Interchange) -> tuple[list[Suggestion], dict[str, tuple[str, str]]]:
    """One manual suggestion per element of each scene (each element once a scene), and the
    elements of categories Clapboard lacks, filed under notes: folded name → (name, the
    category's own name)."""
    elements = {element.id: element for element in interchange.elements}
    others: dict[str, tuple[str, str]] = {}
    found = []
    for index, item in enumerate(interchange.breakdowns, start=1):
        seen: set[tuple[str, str]] = set()
        for element_id in item.element_ids:
            element = elements[element_id]
            kind = interchange.category_of(element)
            code = kind.code
            name = element.name[:200]
            if code == OTHER:
                code = OTHER_CODE
                others.setdefault(name.casefold(), (name, kind.name))
            if (code, name.casefold()) not in seen:
                seen.add((code, name.casefold()))
                found.append(Suggestion(index, code, name, -1, -1, Tag.Source.MANUAL.value))
    return found, others


def _strips(
    interchange: Interchange, scenes: Sequence[Scene], pages_per_day: Decimal
) -> list[tuple[str, Scene | None, str]]:
    by_breakdown = {item.id: scene for item, scene in zip(interchange.breakdowns, scenes, strict=True)}
    max_text = Strip._meta.get_field("text").max_length or 200
    strips: list[tuple[str, Scene | None, str]] = []
    for item in interchange.strips:
        if item.kind is ItemKind.SCENE:
            strips.append((Strip.Kind.SCENE, by_breakdown[item.breakdown_id], ""))
        elif item.kind is ItemKind.BANNER and not item.text.strip():
            continue  # a banner without text says nothing on a Clapboard board
        else:
            strips.append((item.kind.value, None, " ".join(item.text.split())[:max_text]))
    if not interchange.has_schedule:  # a breakdown alone: day breaks as a new board lays them out
        eighths = [scene.eighths for kind, scene, _text in strips if scene is not None]
        breaks = set(automatic_breaks(eighths, pages_per_day))
        laid_out: list[tuple[str, Scene | None, str]] = []
        count = 0
        for strip in strips:
            laid_out.append(strip)
            if strip[1] is not None:
                if count in breaks:
                    laid_out.append((Strip.Kind.DAY_BREAK, None, ""))
                count += 1
        strips = laid_out
    return strips


def _settings(interchange: Interchange, production: Any) -> dict[str, Any]:
    settings = interchange.project.settings
    fields: dict[str, Any] = {}
    if settings.unit in Schedule.Unit.values:
        fields["unit"] = settings.unit
    if settings.country in load_holiday_rules().countries:
        fields["country"] = settings.country
    if settings.pages_per_day is not None and settings.pages_per_day < 100:
        fields["pages_per_day"] = settings.pages_per_day
    if settings.hours_per_day is not None and settings.hours_per_day <= 24:
        fields["hours_per_day"] = settings.hours_per_day
    if settings.drop_and_pick_up is not None:
        fields["drop_and_pick_up"] = settings.drop_and_pick_up
    calendar = interchange.calendar
    if calendar is not None:
        fields["start_date"] = calendar.start
        fields["weekdays"] = [day for day in range(7) if day not in calendar.weekdays_off]
        fields["days_off"] = [day.isoformat() for day in calendar.days_off]
    fields.setdefault("pages_per_day", default_pages_per_day(production.kind))
    return fields


def import_uss(
    production: Any, data: Any, *, acting_user: Any, name: str = "", source_name: str = ""
) -> Schedule:
    """Create a script, its version and a schedule from a USS document (bytes, text or
    parsed JSON), in one transaction: any error and nothing is saved."""
    interchange = read_document(data, source_name=source_name)
    if not interchange.breakdowns:
        raise ValidationError(_("%(file)s has no scenes to import.") % {"file": source_name or _("The file")})
    project = interchange.project
    title = (project.title or project.name or source_name or _("Imported schedule"))[:200]
    schedule_name = (name.strip() or project.stripboard_name or project.name or title)[:120]
    suggestions, others = _suggestions(interchange)
    colour = project.script_colour.casefold()
    details = DraftDetails(
        label=(_("Imported from %(file)s") % {"file": source_name or "USS"})[:120],
        colour=colour if colour in RevisionColour.values else RevisionColour.WHITE,
        revision_date=project.script_date or timezone.localdate(),
        source_name=source_name or "schedule.uss",
        source_path="",
        paper="letter",
    )
    episode = None
    if project.episode.isdigit():
        episode = production.episodes.filter(number=int(project.episode)).first()
    with transaction.atomic():
        script = create_script(production, acting_user=acting_user, title=title, episode=episode)
        for element_name, category_name in others.values():
            # Made before the version, whose element index then finds them by name.
            ElementRow.objects.create(
                script=script,
                category=OTHER_CODE,
                name=element_name,
                notes=_("Category in the imported file: %(name)s") % {"name": category_name},
            )
        version: ScriptVersion = save_version(
            script, _screenplay(interchange, title), suggestions, details, acting_user=acting_user
        )
        user = acting_user if getattr(acting_user, "is_authenticated", False) else None
        Tag.objects.filter(scene__version=version).update(
            status=Tag.Status.ACCEPTED, decided_by=user, decided_at=timezone.now()
        )
        scenes = list(version.scenes.order_by("position"))
        for scene, item in zip(scenes, interchange.breakdowns, strict=True):
            scene.synopsis = item.synopsis[:300]
        Scene.objects.bulk_update(scenes, ["synopsis"])
        fields = _settings(interchange, production)
        return actions.create_schedule_from_strips(
            production,
            acting_user=acting_user,
            script_version=version,
            strips=_strips(interchange, scenes, Decimal(fields["pages_per_day"])),
            source=source_name,
            name=schedule_name,
            **fields,
        )
