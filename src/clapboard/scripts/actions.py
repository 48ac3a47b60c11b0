"""State changes of scripts and their breakdown.

Every function here validates, saves and writes its audit event in one transaction,
and is the only way views and the API change these records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import apply_edit, lock_for_update, save_edit
from clapboard.engines.breakdown import CATEGORY_CODES

from .models import Element, Scene, Script, ScriptLocation, ShootingLocation, Tag

SCRIPT_FIELDS = ("title", "episode", "minutes_per_page")
ELEMENT_FIELDS = ("name", "category", "minor", "actor", "notes")
LOCATION_FIELDS = (
    "name",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "cost_per_day",
    "notes",
)


def _production(instance: Any) -> Any:
    return instance.script.production if hasattr(instance, "script") else instance.production


# --- Scripts ------------------------------------------------------------------------------


def create_script(production: Any, *, acting_user: Any, **fields: Any) -> Script:
    script = Script(production=production)
    apply_edit(script, SCRIPT_FIELDS, fields)
    if script.episode_id and script.episode.production_id != production.pk:
        raise ValidationError({"episode": _("This episode belongs to another production.")})
    script.full_clean()
    with transaction.atomic():
        script.save()
        audit.record_change("scripts.script.created", script, actor=acting_user, production=production)
    return script


def update_script(
    script: Script, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Script:
    with transaction.atomic():
        script = lock_for_update(script, expected_version)
        if save_edit(script, apply_edit(script, SCRIPT_FIELDS, changes)):
            audit.record_change(
                "scripts.script.updated", script, actor=acting_user, production=script.production
            )
    return script


def lock_scene_numbers(script: Script, *, acting_user: Any) -> Script:
    """Lock the numbers of the current version; unnumbered scenes are numbered in order first.

    From then on a new draft keeps every number: new scenes get A/B numbers and removed
    ones stay as OMITTED placeholders.
    """
    with transaction.atomic():
        script = Script.objects.select_for_update().get(pk=script.pk)
        if script.numbers_locked:
            return script
        if script.current_version_id is None:
            raise ValidationError(_("Import a draft before locking its scene numbers."))
        scenes = list(Scene.objects.filter(version_id=script.current_version_id).order_by("position"))
        taken = {scene.number for scene in scenes if scene.number}
        renumbered = []
        next_number = 1
        for scene in scenes:
            if scene.number:
                continue
            while str(next_number) in taken:
                next_number += 1
            scene.number = str(next_number)
            taken.add(scene.number)
            renumbered.append(scene)
        Scene.objects.bulk_update(renumbered, ["number"])
        script.numbers_locked = True
        script.version += 1
        script.save(update_fields=["numbers_locked", "version", "updated_at"])
        audit.record(
            "scripts.numbers.locked",
            actor=acting_user,
            production=script.production,
            target=script,
            changes={"numbers_locked": [False, True]},
            data={"numbered": len(renumbered)},
        )
    return script


def update_synopsis(scene: Scene, synopsis: str, *, acting_user: Any, read_synopsis: str) -> Scene:
    """Set a scene's one-line synopsis (printed on its breakdown sheet).

    ``read_synopsis`` is the text the person started from: if someone saved another one
    in between, the edit is refused instead of overwriting it.
    """
    synopsis = " ".join(synopsis.split())
    if len(synopsis) > Scene._meta.get_field("synopsis").max_length:
        raise ValidationError({"synopsis": _("Keep the synopsis to one line (300 characters at most).")})
    with transaction.atomic():
        scene = (
            Scene.objects.select_for_update().select_related("version__script__production").get(pk=scene.pk)
        )
        if scene.synopsis != read_synopsis:
            raise ValidationError(
                {
                    "synopsis": _("Someone changed the synopsis meanwhile; it now reads: “%(text)s”.")
                    % {"text": scene.synopsis}
                }
            )
        if scene.synopsis == synopsis:
            return scene
        before, scene.synopsis = scene.synopsis, synopsis
        scene.save(update_fields=["synopsis"])
        audit.record(
            "scripts.scene.synopsis_changed",
            actor=acting_user,
            production=scene.version.script.production,
            target=scene,
            changes={"synopsis": [before, synopsis]},
            data={"version": scene.version.number},
        )
    return scene


# --- Breakdown tags -----------------------------------------------------------------------


def _check_decision(status: str) -> None:
    if status not in (Tag.Status.ACCEPTED, Tag.Status.REJECTED):
        raise ValidationError(_("A tag is accepted or rejected."))


def _decide(tags: Sequence[Tag], status: str, acting_user: Any) -> int:
    now = timezone.now()
    for tag in tags:
        tag.status = status
        tag.decided_by = acting_user
        tag.decided_at = now
    Tag.objects.bulk_update(tags, ["status", "decided_by", "decided_at"])
    return len(tags)


def decide_tag(tag: Tag, status: str, *, acting_user: Any) -> Tag:
    """Accept or reject one tag (a suggestion, or a decision taken before)."""
    _check_decision(status)
    with transaction.atomic():
        tag = (
            Tag.objects.select_for_update().select_related("element", "scene__version__script").get(pk=tag.pk)
        )
        before = tag.status
        if before == status:
            return tag
        _decide([tag], status, acting_user)
        audit.record(
            f"scripts.tag.{status}",
            actor=acting_user,
            production=tag.scene.version.script.production,
            target=tag.element,
            changes={"status": [before, status]},
            data={"scene": tag.scene.label, "version": tag.scene.version.number},
        )
    return tag


def decide_scene(scene: Scene, status: str, *, acting_user: Any, element: Element | None = None) -> int:
    """Accept (or reject) the pending suggestions of a scene at once: all of them, or
    those of one ``element`` (a character suggested at each of their lines)."""
    _check_decision(status)
    with transaction.atomic():
        pending = scene.tags.select_for_update().filter(status=Tag.Status.SUGGESTED)
        if element is not None:
            pending = pending.filter(element=element)
        count = _decide(list(pending), status, acting_user)
        if count:
            data: dict[str, Any] = {"tags": count, "version": scene.version.number}
            if element is not None:
                data["element"] = str(element)
            audit.record(
                f"scripts.scene.suggestions_{status}",
                actor=acting_user,
                production=scene.version.script.production,
                target=scene,
                data=data,
            )
    return count


def decide_element(element: Element, status: str, *, acting_user: Any, version_id: int) -> int:
    """Accept (or reject) every pending suggestion of an element in one version."""
    _check_decision(status)
    with transaction.atomic():
        pending = list(
            element.tags.select_for_update().filter(status=Tag.Status.SUGGESTED, scene__version_id=version_id)
        )
        count = _decide(pending, status, acting_user)
        if count:
            audit.record(
                f"scripts.element.suggestions_{status}",
                actor=acting_user,
                production=element.script.production,
                target=element,
                data={"tags": count},
            )
    return count


def _element_for(script: Script, category: str, name: str) -> Element:
    name = " ".join(name.split())
    if category not in CATEGORY_CODES:
        raise ValidationError({"category": _("Unknown breakdown category “%(code)s”.") % {"code": category}})
    if not name:
        raise ValidationError({"name": _("Give the element a name.")})
    if category == "cast":
        name = name.upper()
    for element in script.elements.filter(category=category):
        if element.name.casefold() == name.casefold() or name.casefold() in (
            a.casefold() for a in element.aliases
        ):
            return element
    element = Element(script=script, category=category, name=name[:200])
    element.full_clean()
    element.save()
    return element


def add_tag(
    scene: Scene,
    *,
    category: str,
    name: str,
    acting_user: Any,
    start: int | None = None,
    end: int | None = None,
) -> Tag:
    """Tag an element in a scene by hand (accepted at once); the element is made if new."""
    if scene.omitted:
        raise ValidationError(_("An omitted scene has nothing to tag."))
    if (start, end) != (None, None) and (
        start is None or end is None or not 0 <= start < end <= len(scene.text)
    ):
        raise ValidationError(_("The selected text is not in the scene."))
    with transaction.atomic():
        element = _element_for(scene.version.script, category, name)
        tag = Tag.objects.create(
            scene=scene,
            element=element,
            status=Tag.Status.ACCEPTED,
            source=Tag.Source.MANUAL,
            start=start,
            end=end,
            decided_by=acting_user,
            decided_at=timezone.now(),
        )
        audit.record(
            "scripts.tag.added",
            actor=acting_user,
            production=scene.version.script.production,
            target=element,
            data={"scene": scene.label, "category": category, "version": scene.version.number},
        )
    return tag


def retag(tag: Tag, *, category: str, name: str, acting_user: Any, same_in_scene: bool = False) -> Tag:
    """Edit a suggestion: put its words under another element or category, and accept it.

    With ``same_in_scene``, the other pending suggestions of the same element in the
    scene go with it (the page shows them as one row).
    """
    with transaction.atomic():
        tag = (
            Tag.objects.select_for_update().select_related("element", "scene__version__script").get(pk=tag.pk)
        )
        before = tag.element
        element = _element_for(tag.scene.version.script, category, name)
        moved = [tag]
        if same_in_scene:
            moved += list(
                Tag.objects.select_for_update()
                .filter(scene_id=tag.scene_id, element=before, status=Tag.Status.SUGGESTED)
                .exclude(pk=tag.pk)
            )
        now = timezone.now()
        for item in moved:
            item.element = element
            item.status = Tag.Status.ACCEPTED
            item.decided_by = acting_user
            item.decided_at = now
        Tag.objects.bulk_update(moved, ["element", "status", "decided_by", "decided_at"])
        audit.record(
            "scripts.tag.edited",
            actor=acting_user,
            production=tag.scene.version.script.production,
            target=element,
            changes={
                "element": [
                    f"{before.get_category_display()}: {before}",
                    f"{element.get_category_display()}: {element}",
                ]
            },
            data={"scene": tag.scene.label, "tags": len(moved)},
        )
    return tag


# --- Elements -----------------------------------------------------------------------------


def update_element(
    element: Element, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Element:
    with transaction.atomic():
        element = lock_for_update(element, expected_version)
        name = str(changes.get("name", element.name))
        if changes.get("category", element.category) == "cast" and name != name.upper():
            changes = {**changes, "name": name.upper()}  # cast names are written in capitals
        changed = apply_edit(element, ELEMENT_FIELDS, changes)
        clash = (
            Element.objects.filter(
                script_id=element.script_id, category=element.category, name__iexact=element.name
            )
            .exclude(pk=element.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "name": _("“%(name)s” already exists in this category: merge the two instead.")
                    % {"name": clash.name}
                }
            )
        if save_edit(element, changed):
            audit.record_change(
                "scripts.element.updated", element, actor=acting_user, production=_production(element)
            )
    return element


def merge_elements(target: Element, others: Sequence[Element], *, acting_user: Any) -> Element:
    """Merge ``others`` into ``target``: their tags move over, their names become aliases.

    ``JOHN``, ``JOHN (V.O.)`` and ``JOHNNY`` become one character; a later draft that
    names any of them is tagged on the merged element.
    """
    others = [other for other in others if other.pk != target.pk]
    if not others:
        raise ValidationError(_("Choose at least one other element to merge."))
    if any(other.script_id != target.script_id for other in others):
        raise ValidationError(_("Only elements of the same script can be merged."))
    with transaction.atomic():
        target = Element.objects.select_for_update().get(pk=target.pk)
        locked = list(Element.objects.select_for_update().filter(pk__in=[o.pk for o in others]))
        names = list(dict.fromkeys([*target.aliases, *(n for o in locked for n in (o.name, *o.aliases))]))
        Tag.objects.filter(element__in=locked).update(element=target)
        before_aliases = list(target.aliases)
        target.aliases = [name for name in names if name.casefold() != target.name.casefold()]
        target.minor = target.minor or any(o.minor for o in locked)
        target.actor = target.actor or next((o.actor for o in locked if o.actor), "")
        target.version += 1
        target.save()
        Element.objects.filter(pk__in=[o.pk for o in locked]).delete()
        audit.record(
            "scripts.element.merged",
            actor=acting_user,
            production=_production(target),
            target=target,
            changes={"aliases": [", ".join(before_aliases), ", ".join(target.aliases)]},
            data={"merged": [str(o) for o in locked]},
        )
    return target


# --- Locations ----------------------------------------------------------------------------


def create_shooting_location(production: Any, *, acting_user: Any, **fields: Any) -> ShootingLocation:
    location = ShootingLocation(production=production)
    apply_edit(location, LOCATION_FIELDS, fields)
    location.full_clean()
    with transaction.atomic():
        location.save()
        audit.record_change("scripts.location.created", location, actor=acting_user, production=production)
    return location


def update_shooting_location(
    location: ShootingLocation, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> ShootingLocation:
    with transaction.atomic():
        location = lock_for_update(location, expected_version)
        if save_edit(location, apply_edit(location, LOCATION_FIELDS, changes)):
            audit.record_change(
                "scripts.location.updated", location, actor=acting_user, production=location.production
            )
    return location


def delete_shooting_location(location: ShootingLocation, *, acting_user: Any) -> None:
    with transaction.atomic():
        audit.record_change(
            "scripts.location.deleted", location, actor=acting_user, production=location.production
        )
        location.delete()


def link_location(
    script_location: ScriptLocation, shooting_location: ShootingLocation | None, *, acting_user: Any
) -> ScriptLocation:
    """Say where a place of the script is shot (or unlink it with ``None``)."""
    production = script_location.script.production
    if shooting_location is not None and shooting_location.production_id != production.pk:
        raise ValidationError(_("This shooting location belongs to another production."))
    with transaction.atomic():
        before = script_location.shooting_location
        if before == shooting_location:
            return script_location
        script_location.shooting_location = shooting_location
        script_location.save(update_fields=["shooting_location"])
        audit.record(
            "scripts.location.linked",
            actor=acting_user,
            production=production,
            target=script_location,
            changes={"shooting_location": [str(before or ""), str(shooting_location or "")]},
        )
    return script_location
