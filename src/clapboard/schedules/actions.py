"""State changes of shooting schedules.

Every function here validates, saves and writes its audit event in one transaction.
A change of the board names the schedule version it was based on: when someone changed
the board in between, ``EditConflict`` is raised and nothing is written. Each change of
the board is kept as a ``ScheduleChange`` so that ``undo_last_change`` can restore it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import EditConflict, apply_edit, lock_for_update, save_edit
from clapboard.engines.schedule.board import automatic_breaks, default_pages_per_day
from clapboard.engines.schedule.calendar import CalendarError, load_holiday_rules, weekdays_from
from clapboard.scripts.models import Element, Scene, ScriptVersion

from .models import CallSheet, CastCall, CrewCall, Schedule, ScheduleChange, Strip

SETTINGS_FIELDS = (
    "name",
    "unit",
    "start_date",
    "weekdays",
    "country",
    "days_off",
    "pages_per_day",
    "hours_per_day",
    "drop_and_pick_up",
)
# Strips a person adds or removes by hand; scene strips come from the script.
ADDED_KINDS = (
    Strip.Kind.DAY_BREAK,
    Strip.Kind.BANNER,
    Strip.Kind.DAY_OFF,
    Strip.Kind.TRAVEL,
    Strip.Kind.REHEARSAL,
)
UNDO_DEPTH = 50


def _validate_settings(schedule: Schedule) -> None:
    try:
        schedule.weekdays = sorted(weekdays_from(int(day) for day in schedule.weekdays))
    except (CalendarError, TypeError, ValueError) as error:
        raise ValidationError({"weekdays": _("Choose at least one working weekday.")}) from error
    if schedule.country not in load_holiday_rules().countries:
        raise ValidationError({"country": _("No public holidays are known for this country.")})
    try:
        schedule.days_off = sorted({dt.date.fromisoformat(str(day)).isoformat() for day in schedule.days_off})
    except ValueError as error:
        raise ValidationError({"days_off": _("Write days off as dates (YYYY-MM-DD).")}) from error
    schedule.pages_per_day = Decimal(schedule.pages_per_day).quantize(Decimal("0.01"))
    schedule.hours_per_day = Decimal(schedule.hours_per_day).quantize(Decimal("0.01"))
    if Decimal(schedule.pages_per_day) <= 0:
        raise ValidationError({"pages_per_day": _("Pages per day must be more than zero.")})
    if not 0 < Decimal(schedule.hours_per_day) <= 24:
        raise ValidationError({"hours_per_day": _("Hours per day are between 0 and 24.")})
    schedule.full_clean(exclude=["production", "script_version"])


def _scene_strips(version: ScriptVersion, pages_per_day: Decimal) -> list[Strip]:
    scenes = list(Scene.objects.filter(version=version, omitted=False).order_by("position"))
    breaks = set(automatic_breaks([scene.eighths for scene in scenes], pages_per_day))
    strips: list[Strip] = []
    for index, scene in enumerate(scenes):
        strips.append(Strip(kind=Strip.Kind.SCENE, scene=scene))
        if index in breaks:
            strips.append(Strip(kind=Strip.Kind.DAY_BREAK))
    return strips


def create_schedule(
    production: Any,
    *,
    acting_user: Any,
    script_version: ScriptVersion | None = None,
    **fields: Any,
) -> Schedule:
    """A new schedule: the scenes of ``script_version`` (by default the current version of
    the production's first script) in script order, with day breaks filling each day up to
    the pages per day."""
    if script_version is None:
        script = production.scripts.exclude(current_version=None).select_related("current_version").first()
        script_version = script.current_version if script is not None else None
    if script_version is None:
        raise ValidationError(_("Import a draft of the script before building a schedule."))
    if script_version.script.production_id != production.pk:
        raise ValidationError({"script_version": _("This script belongs to another production.")})
    fields.setdefault("pages_per_day", default_pages_per_day(production.kind))
    schedule = Schedule(production=production, script_version=script_version, created_by_id=None)
    if getattr(acting_user, "is_authenticated", False):
        schedule.created_by = acting_user
    apply_edit(schedule, SETTINGS_FIELDS, fields)
    _validate_settings(schedule)
    with transaction.atomic():
        schedule.save()
        strips = _scene_strips(script_version, Decimal(schedule.pages_per_day))
        for position, strip in enumerate(strips):
            strip.schedule = schedule
            strip.position = position
        Strip.objects.bulk_create(strips)
        audit.record_change("schedules.schedule.created", schedule, actor=acting_user, production=production)
    return schedule


def update_schedule(
    schedule: Schedule, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Schedule:
    """Rename the schedule or change its unit, calendar or pace."""
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        if save_edit(schedule, apply_edit(schedule, SETTINGS_FIELDS, changes), _validate_settings):
            audit.record_change(
                "schedules.schedule.updated", schedule, actor=acting_user, production=schedule.production
            )
    return schedule


def board_order(schedule: Schedule) -> list[int]:
    """The ids of the schedule's strips in shooting order."""
    return list(
        Strip.objects.filter(schedule=schedule).order_by("position", "id").values_list("pk", flat=True)
    )


def _write_order(schedule: Schedule, order: Sequence[int], before: Sequence[int] | None = None) -> int:
    """Give each strip its position in ``order``; only the strips that moved are written."""
    old = {pk: index for index, pk in enumerate(before)} if before is not None else {}
    moved = [(index, pk) for index, pk in enumerate(order) if old.get(pk) != index]
    # One prepared statement run per moved strip: much cheaper than bulk_update's CASE
    # expression when a drag shifts a few hundred strips.
    table = connection.ops.quote_name(Strip._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET position = %s WHERE id = %s", moved)
    return len(moved)


def record_board_change(
    schedule: Schedule, action: str, before: list[int], acting_user: Any, **extra: Any
) -> None:
    """After a change of the board: keep the order before it for undo (with the strips it
    ``added`` or ``removed``) and give the schedule its next version, so that an order
    read before the change is refused."""
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    ScheduleChange.objects.create(
        schedule=schedule, action=action, previous_order=before, created_by=user, **extra
    )
    stale = (
        ScheduleChange.objects.filter(schedule=schedule)
        .order_by("-id")
        .values_list("pk", flat=True)[UNDO_DEPTH:]
    )
    ScheduleChange.objects.filter(pk__in=list(stale)).delete()
    _bump(schedule)


def _bump(schedule: Schedule) -> None:
    schedule.version += 1
    Schedule.objects.filter(pk=schedule.pk).update(version=schedule.version, updated_at=timezone.now())


def reorder_strips(
    schedule: Schedule, order: Sequence[int], *, acting_user: Any, expected_version: int | None
) -> Schedule:
    """Put the strips in ``order`` (every strip id of the schedule, each once)."""
    order = [int(pk) for pk in order]
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        before = board_order(schedule)
        if len(order) != len(set(order)) or set(order) != set(before):
            raise ValidationError(
                {"order": _("The new order must list every strip of the schedule once; reload the board.")}
            )
        if order == before:
            return schedule
        moved = _write_order(schedule, order, before)
        record_board_change(schedule, "reorder", before, acting_user)
        audit.record(
            "schedules.strips.reordered",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={"moved": moved, "version": schedule.version},
        )
    return schedule


def move_strip(
    schedule: Schedule, strip_id: int, to_index: int, *, acting_user: Any, expected_version: int | None
) -> Schedule:
    """Move one strip (a day break, a scene) to ``to_index`` in the order, the others following."""
    order = board_order(schedule)
    if strip_id not in order:
        raise ValidationError({"strip_id": _("No such strip on this schedule.")})
    order.remove(strip_id)
    order.insert(max(0, min(to_index, len(order))), strip_id)
    return reorder_strips(schedule, order, acting_user=acting_user, expected_version=expected_version)


def add_strip(
    schedule: Schedule,
    kind: str,
    *,
    acting_user: Any,
    expected_version: int | None,
    text: str = "",
    after_id: int | None = None,
) -> Strip:
    """Add a day break, banner, day off, travel or rehearsal day after ``after_id`` (or at the end)."""
    if kind not in ADDED_KINDS:
        raise ValidationError({"kind": _("Only day breaks, banners and days without shooting can be added.")})
    text = " ".join(text.split())
    if kind == Strip.Kind.BANNER and not text:
        raise ValidationError({"text": _("Write the banner's text.")})
    if len(text) > Strip._meta.get_field("text").max_length:
        raise ValidationError({"text": _("Keep it to 200 characters.")})
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        before = board_order(schedule)
        if after_id is not None and after_id not in before:
            raise ValidationError({"after_id": _("No such strip on this schedule.")})
        strip = Strip.objects.create(schedule=schedule, kind=kind, text=text, position=len(before))
        order = list(before)
        order.insert(order.index(after_id) + 1 if after_id is not None else len(order), strip.pk)
        _write_order(schedule, order, [*before, strip.pk])
        record_board_change(schedule, "add", before, acting_user, added=[strip.pk])
        audit.record(
            "schedules.strip.added",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={"kind": kind, "text": text, "version": schedule.version},
        )
    strip.position = order.index(strip.pk)
    return strip


def remove_strip(
    schedule: Schedule, strip_id: int, *, acting_user: Any, expected_version: int | None
) -> Schedule:
    """Remove a strip added by hand (scenes stay: they come from the script)."""
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        strip = Strip.objects.filter(schedule=schedule, pk=strip_id).first()
        if strip is None:
            raise ValidationError({"strip_id": _("No such strip on this schedule.")})
        if strip.kind == Strip.Kind.SCENE:
            raise ValidationError({"strip_id": _("Scenes stay on the board; move them instead.")})
        before = board_order(schedule)
        removed = {"id": strip.pk, "kind": strip.kind, "text": strip.text}
        strip.delete()
        order = [pk for pk in before if pk != strip_id]
        _write_order(schedule, order, before)
        record_board_change(schedule, "remove", before, acting_user, removed=[removed])
        audit.record(
            "schedules.strip.removed",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={"kind": removed["kind"], "text": removed["text"], "version": schedule.version},
        )
    return schedule


def undo_last_change(schedule: Schedule, *, acting_user: Any, expected_version: int | None) -> Schedule:
    """Put the board back as it was before its last change (order, added and removed strips)."""
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        change = ScheduleChange.objects.filter(schedule=schedule).order_by("-id").first()
        if change is None:
            raise ValidationError(_("There is nothing to undo."))
        Strip.objects.filter(schedule=schedule, pk__in=change.added).delete()
        Strip.objects.bulk_create(
            [
                Strip(pk=item["id"], schedule=schedule, kind=item["kind"], text=item["text"], position=0)
                for item in change.removed
            ]
        )
        present = set(board_order(schedule))
        order = [pk for pk in change.previous_order if pk in present]
        order += sorted(present - set(order))
        _write_order(schedule, order)
        change.delete()
        _bump(schedule)
        audit.record(
            "schedules.change.undone",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={"undone": change.action, "version": schedule.version},
        )
    return schedule


def can_undo(schedule: Schedule) -> bool:
    return ScheduleChange.objects.filter(schedule=schedule).exists()


# Call sheets -----------------------------------------------------------------------------

CALL_SHEET_FIELDS = (
    "general_call",
    "shooting_call",
    "estimated_wrap",
    "sunrise",
    "sunset",
    "weather",
    "base_notes",
    "hospital_name",
    "hospital_address",
    "hospital_phone",
    "notes",
)
CAST_CALL_FIELDS = ("pick_up", "make_up", "on_set", "remarks")
CREW_CALL_FIELDS = ("department", "role", "name", "call")
# Personal data: written only by people allowed to see it, kept as it is otherwise.
PERSONAL_CAST_FIELDS = ("pick_up_place",)
PERSONAL_CREW_FIELDS = ("phone",)


def save_call_sheet(
    schedule: Schedule,
    day_number: int,
    *,
    acting_user: Any,
    expected_version: int | None,
    personal: bool,
    fields: dict[str, Any],
    cast_calls: dict[int, dict[str, Any]],
    crew_calls: Sequence[dict[str, Any]],
) -> CallSheet:
    """Save the times and notes of one shooting day's call sheet, its cast calls (by cast
    element id) and its crew calls (rows with an ``id`` are updated, new rows added, rows
    left out removed). Without ``personal``, pick-up places and phones are left as saved."""
    with transaction.atomic():
        sheet = _call_sheet_for_update(schedule, day_number, expected_version)
        created = sheet.pk is None
        changed = apply_edit(sheet, CALL_SHEET_FIELDS, fields)
        _check_cast(schedule, cast_calls)
        if created:
            sheet.save()
        rows_changed = _save_cast_calls(sheet, cast_calls, personal) | _save_crew_calls(
            sheet, crew_calls, personal
        )
        if not created:
            if not (changed or rows_changed):
                return sheet
            sheet.version += 1
            sheet.save()
        action = "schedules.call_sheet." + ("created" if created else "updated")
        data = {"day": day_number, "calls_changed": rows_changed}
        event = audit.record_change(
            action, sheet, actor=acting_user, production=schedule.production, data=data
        )
        if event is None:  # only cast or crew calls changed: their history keeps the fields
            audit.record(action, actor=acting_user, production=schedule.production, target=sheet, data=data)
    return sheet


def _call_sheet_for_update(schedule: Schedule, day_number: int, expected_version: int | None) -> CallSheet:
    existing = CallSheet.objects.select_for_update().filter(schedule=schedule, day_number=day_number).first()
    if existing is None:
        return CallSheet(schedule=schedule, day_number=day_number)
    if expected_version is None:  # written from a blank sheet while someone saved one
        raise EditConflict(existing, 0, existing.version)
    return lock_for_update(existing, expected_version)


def _check_cast(schedule: Schedule, cast_calls: dict[int, dict[str, Any]]) -> None:
    known = set(
        Element.objects.filter(
            pk__in=list(cast_calls), script__production_id=schedule.production_id, category="cast"
        ).values_list("pk", flat=True)
    )
    unknown = sorted(set(cast_calls) - known)
    if unknown:
        raise ValidationError({"cast_calls": _("No such cast member in this production: %s") % unknown})


def _save_cast_calls(sheet: CallSheet, cast_calls: dict[int, dict[str, Any]], personal: bool) -> bool:
    allowed = CAST_CALL_FIELDS + (PERSONAL_CAST_FIELDS if personal else ())
    existing = {call.element_id: call for call in sheet.cast_calls.all()}
    changed = False
    for element_id, values in cast_calls.items():
        call = existing.get(element_id) or CastCall(call_sheet=sheet, element_id=element_id)
        values = {name: value for name, value in values.items() if name in allowed}
        if apply_edit(call, allowed, values) or call.pk is None:
            call.save()
            changed = True
    return changed


def _save_crew_calls(sheet: CallSheet, crew_calls: Sequence[dict[str, Any]], personal: bool) -> bool:
    allowed = CREW_CALL_FIELDS + (PERSONAL_CREW_FIELDS if personal else ())
    existing = {call.pk: call for call in sheet.crew_calls.all()}
    kept: set[int] = set()
    changed = False
    for position, values in enumerate(crew_calls):
        call = existing.get(values.get("id") or 0) or CrewCall(call_sheet=sheet)
        edit = {name: value for name, value in values.items() if name in allowed}
        edit["position"] = position
        if apply_edit(call, (*allowed, "position"), edit) or call.pk is None:
            call.save()
            changed = True
        kept.add(call.pk)
    removed = [pk for pk in existing if pk not in kept]
    if removed:
        CrewCall.objects.filter(pk__in=removed).delete()
        changed = True
    return changed


# Imported boards -------------------------------------------------------------------------


def create_schedule_from_strips(
    production: Any,
    *,
    acting_user: Any,
    script_version: ScriptVersion,
    strips: Sequence[tuple[str, Scene | None, str]],
    source: str = "",
    **fields: Any,
) -> Schedule:
    """A new schedule of ``script_version`` whose board is ``strips`` as given, in order:
    ``(kind, scene, text)`` for each strip, as an imported board lays them out. Each scene
    of the version is on the board at most once; scenes left out are not scheduled."""
    if script_version.script.production_id != production.pk:
        raise ValidationError({"script_version": _("This script belongs to another production.")})
    fields.setdefault("pages_per_day", default_pages_per_day(production.kind))
    schedule = Schedule(production=production, script_version=script_version, created_by_id=None)
    if getattr(acting_user, "is_authenticated", False):
        schedule.created_by = acting_user
    apply_edit(schedule, SETTINGS_FIELDS, fields)
    _validate_settings(schedule)
    max_text = Strip._meta.get_field("text").max_length
    rows: list[Strip] = []
    placed: set[int] = set()
    for kind, scene, text in strips:
        if kind not in Strip.Kind.values:
            raise ValidationError({"strips": _("Unknown kind of strip: %(kind)s.") % {"kind": kind}})
        if (kind == Strip.Kind.SCENE) != (scene is not None):
            raise ValidationError(
                {"strips": _("A scene strip needs its scene, and only a scene strip has one.")}
            )
        if scene is not None:
            if scene.version_id != script_version.pk or scene.omitted or scene.pk in placed:
                raise ValidationError(
                    {"strips": _("Scene %(scene)s cannot be on this board.") % {"scene": scene.label}}
                )
            placed.add(scene.pk)
        text = " ".join(text.split())
        if kind == Strip.Kind.BANNER and not text:
            raise ValidationError({"strips": _("Write the banner's text.")})
        if len(text) > max_text:
            raise ValidationError({"strips": _("Keep it to 200 characters.")})
        rows.append(Strip(kind=kind, scene=scene, text=text, position=len(rows)))
    with transaction.atomic():
        schedule.save()
        for strip in rows:
            strip.schedule = schedule
        Strip.objects.bulk_create(rows)
        audit.record_change(
            "schedules.schedule.imported",
            schedule,
            actor=acting_user,
            production=production,
            data={"file": source, "strips": len(rows), "scenes": len(placed)},
        )
    return schedule


# Planning ----------------------------------------------------------------------------------


def save_planning_terms(
    schedule: Schedule,
    *,
    acting_user: Any,
    max_shooting_days: int | None,
    weights: dict[str, int],
    cast: dict[int, dict[str, Any]],
    locations: dict[int, dict[str, Any]],
    scenes: dict[int, dt.date | None],
) -> None:
    """Save the planner's terms of ``schedule``: the most shooting days, the weights (cents
    by term; the shipped ones are not stored), each cast element's ``daily_rate``,
    ``first_date`` and ``last_date``, each shooting location's ``first_date`` and
    ``last_date``, and each scene's fixed date (by scene id). A thing whose values are all
    empty loses its term."""
    from clapboard.engines.schedule.planning import default_weights
    from clapboard.scripts.models import ShootingLocation

    from .models import PlanningSettings, PlanningTerm

    if max_shooting_days is not None and max_shooting_days <= 0:
        raise ValidationError({"max_shooting_days": _("The most shooting days must be more than zero.")})
    shipped = default_weights()
    chosen = {}
    for name, cents in weights.items():
        if not hasattr(shipped, name):
            raise ValidationError({"weights": _("Unknown weight: %(name)s.") % {"name": name}})
        if cents < 0:
            raise ValidationError({"weights": _("Weights cannot be negative.")})
        if cents != getattr(shipped, name):
            chosen[name] = int(cents)
    for values in (*cast.values(), *locations.values()):
        first, last = values.get("first_date"), values.get("last_date")
        if first and last and last < first:
            raise ValidationError(_("An availability ends before it starts."))
        rate = values.get("daily_rate")
        if rate is not None and Decimal(rate) < 0:
            raise ValidationError(_("A daily rate cannot be negative."))
    known_cast = set(
        Element.objects.filter(
            pk__in=list(cast), script__production_id=schedule.production_id, category="cast"
        ).values_list("pk", flat=True)
    )
    known_places = set(
        ShootingLocation.objects.filter(
            pk__in=list(locations), production_id=schedule.production_id
        ).values_list("pk", flat=True)
    )
    known_scenes = set(
        Strip.objects.filter(schedule=schedule, scene_id__in=list(scenes)).values_list("scene_id", flat=True)
    )
    if set(cast) - known_cast or set(locations) - known_places or set(scenes) - known_scenes:
        raise ValidationError(_("Some of these terms are not about this schedule; reload the page."))
    rows = []
    for element_id, values in cast.items():
        rows.append(PlanningTerm(kind=PlanningTerm.Kind.CAST, element_id=element_id, **values))
    for place_id, values in locations.items():
        rows.append(PlanningTerm(kind=PlanningTerm.Kind.LOCATION, shooting_location_id=place_id, **values))
    for scene_id, date in scenes.items():
        rows.append(PlanningTerm(kind=PlanningTerm.Kind.SCENE, scene_id=scene_id, fixed_date=date))
    kept = [
        row
        for row in rows
        if any(
            getattr(row, name) is not None for name in ("daily_rate", "first_date", "last_date", "fixed_date")
        )
    ]
    with transaction.atomic():
        PlanningSettings.objects.update_or_create(
            schedule=schedule, defaults={"max_shooting_days": max_shooting_days, "weights": chosen}
        )
        PlanningTerm.objects.filter(schedule=schedule).delete()
        for row in kept:
            row.schedule = schedule
        PlanningTerm.objects.bulk_create(kept)
        audit.record(
            "schedules.planning.terms_saved",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={
                "max_shooting_days": max_shooting_days,
                "weights": chosen,
                "cast": sum(1 for row in kept if row.kind == PlanningTerm.Kind.CAST),
                "locations": sum(1 for row in kept if row.kind == PlanningTerm.Kind.LOCATION),
                "fixed_scenes": sum(1 for row in kept if row.kind == PlanningTerm.Kind.SCENE),
            },
        )


def apply_plan(
    schedule: Schedule,
    plan_days: Sequence[Sequence[int]],
    *,
    acting_user: Any,
    expected_version: int | None,
    source: str = "",
) -> Schedule:
    """Lay the board out as a plan: ``plan_days`` lists, for each shooting day from the
    first, the ids of its scene strips in shooting order (every scene strip of the board,
    each once). One undoable change; ``EditConflict`` when the board changed since
    ``expected_version`` (the version the plan was made from).

    What happens to the other strips:

    * each shooting day ends with a day break: the board's day breaks are reused in
      order, new ones are added when the plan has more days, extra ones are removed
      (undo brings them back);
    * days off, travel and rehearsal days keep their place in the calendar: a rehearsal
      that was the board's third day is still its third day (the planner was given the
      calendar without their dates); those past the plan's last day follow it;
    * a banner that opens a day (first on the board, or right after a day break or a day
      without shooting: "Week 2", "Night shoots") stays at the head of the same calendar
      day; a banner between two scenes of a day moves with the scene that followed it;
      banners at the very end stay at the end.
    """
    from clapboard.engines.schedule.board import DayKind

    from .calculation import load_board

    days = [[int(pk) for pk in day] for day in plan_days]
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        strips = list(Strip.objects.filter(schedule=schedule).order_by("position", "id"))
        before = [strip.pk for strip in strips]
        scene_ids = [strip.pk for strip in strips if strip.kind == Strip.Kind.SCENE]
        planned = [pk for day in days for pk in day]
        if len(planned) != len(set(planned)) or set(planned) != set(scene_ids):
            raise ValidationError(
                _("This plan does not hold the board's scenes any more; look for a new one.")
            )
        view = load_board(schedule)
        specials = {
            day.index: day.end_key
            for day in view.board.days
            if day.kind != DayKind.SHOOT and day.end_key is not None
        }
        opening: dict[int, list[int]] = {}  # calendar index -> the banners that open that day
        banners_before: dict[int, list[int]] = {}  # strip -> the banners just before it, within a day
        waiting: list[int] = []
        at_day_start = True
        for strip in strips:
            if strip.kind == Strip.Kind.BANNER:
                if at_day_start and strip.pk in view.board.day_of_strip:
                    opening.setdefault(view.board.day_of_strip[strip.pk], []).append(strip.pk)
                else:
                    waiting.append(strip.pk)
            elif strip.kind == Strip.Kind.DAY_BREAK:
                at_day_start = True
            else:
                banners_before[strip.pk] = waiting
                waiting = []
                at_day_start = strip.kind != Strip.Kind.SCENE
        breaks = [strip for strip in strips if strip.kind == Strip.Kind.DAY_BREAK]
        added = [
            Strip.objects.create(schedule=schedule, kind=Strip.Kind.DAY_BREAK, position=len(strips) + n).pk
            for n in range(max(len(days) - len(breaks), 0))
        ]
        break_ids = [strip.pk for strip in breaks[: len(days)]] + added
        removed = [{"id": strip.pk, "kind": strip.kind, "text": strip.text} for strip in breaks[len(days) :]]
        order: list[int] = []
        index, day_number = 0, 0
        while day_number < len(days) or any(at >= index for at in specials):
            order += opening.pop(index, [])
            if index in specials:
                order += [*banners_before.get(specials[index], []), specials[index]]
            elif day_number < len(days):
                for pk in days[day_number]:
                    order += [*banners_before.get(pk, []), pk]
                order.append(break_ids[day_number])
                day_number += 1
            index += 1
        order += [pk for at in sorted(opening) for pk in opening[at]] + waiting
        if removed:
            Strip.objects.filter(pk__in=[item["id"] for item in removed]).delete()
        _write_order(schedule, order)
        record_board_change(schedule, "plan", before, acting_user, added=added, removed=removed)
        audit.record(
            "schedules.plan.applied",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={
                "shooting_days": len(days),
                "day_breaks_added": len(added),
                "day_breaks_removed": len(removed),
                "job": source,
                "version": schedule.version,
            },
        )
    return schedule
