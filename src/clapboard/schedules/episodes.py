"""Series: several episodes on one board (cross-boarding), and the totals per episode.

A series shoots episodes in blocks: one schedule holds the scenes of several episodes'
scripts, so that a set used by three episodes is shot once. ``add_episodes`` appends the
scenes of more script versions to a board, each episode after the last, with day breaks
filling the days as a new board does; the line producer then mixes them by dragging.
Like every board change it names the board's version, can be undone, and is audited.

``episode_totals`` reads a laid-out board: per episode its scenes, pages and the days it
is shot on (the block), in episode order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import lock_for_update
from clapboard.engines.breakdown.statistics import format_eighths
from clapboard.engines.schedule.board import automatic_breaks
from clapboard.scripts.models import Scene, ScriptVersion

from .actions import board_order, record_board_change
from .calculation import BoardView
from .models import Schedule, Strip


def add_episodes(
    schedule: Schedule,
    script_versions: list[ScriptVersion],
    *,
    acting_user: Any,
    expected_version: int | None,
) -> Schedule:
    """Append the scenes of ``script_versions`` (other episodes of the production) to the
    board, in the order given. A version already on the board is refused by name."""
    with transaction.atomic():
        schedule = lock_for_update(schedule, expected_version)
        on_board = set(
            Strip.objects.filter(schedule=schedule, scene__isnull=False).values_list(
                "scene__version_id", flat=True
            )
        )
        for version in script_versions:
            if version.script.production_id != schedule.production_id:
                raise ValidationError({"script_versions": _("This script belongs to another production.")})
            if version.pk in on_board:
                raise ValidationError(
                    {
                        "script_versions": _("“%(script)s” is already on this board.")
                        % {"script": version.script}
                    }
                )
        before = board_order(schedule)
        position = len(before)
        pages = Decimal(schedule.pages_per_day)
        new: list[Strip] = []
        for version in script_versions:
            scenes = list(Scene.objects.filter(version=version, omitted=False).order_by("position"))
            breaks = set(automatic_breaks([scene.eighths for scene in scenes], pages))
            for index, scene in enumerate(scenes):
                new.append(Strip(schedule=schedule, kind=Strip.Kind.SCENE, scene=scene, position=position))
                position += 1
                if index in breaks or index == len(scenes) - 1:
                    new.append(Strip(schedule=schedule, kind=Strip.Kind.DAY_BREAK, position=position))
                    position += 1
        created = Strip.objects.bulk_create(new)
        record_board_change(
            schedule, "add_episodes", before, acting_user, added=[strip.pk for strip in created]
        )
        audit.record(
            "schedules.episodes.added",
            actor=acting_user,
            production=schedule.production,
            target=schedule,
            data={
                "scripts": [str(version.script) for version in script_versions],
                "strips": len(created),
                "version": schedule.version,
            },
        )
    return schedule


EN_DASH = "\N{EN DASH}"


@dataclass
class EpisodeTotal:
    label: str  # "Ep. 2 · Le Phare", or the script's title for a film
    scenes: int = 0
    eighths: int = 0
    days: list[int] = field(default_factory=list)  # shooting day numbers, in order

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def block(self) -> str:
        """The days the episode is shot on: ``3-7``, or ``3-5, 9`` (with an en dash)."""
        runs: list[list[int]] = []
        for day in self.days:
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        return ", ".join(f"{run[0]}{EN_DASH}{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def episode_label(scene: Scene) -> str:
    script = scene.version.script
    episode = script.episode
    if episode is None:
        return script.title
    return _("Ep. %(number)s · %(title)s") % {
        "number": episode.number,
        "title": episode.title or script.title,
    }


def episode_totals(view: BoardView) -> list[EpisodeTotal]:
    """Per episode (script) on the board: scenes, pages and shooting days; empty when the
    board holds one script only."""
    number_of_day = {day.day.index: day.number for day in view.days}
    totals: dict[int, EpisodeTotal] = {}
    for row in view.rows:
        scene = row.strip.scene
        if scene is None:
            continue
        total = totals.setdefault(scene.version.script_id, EpisodeTotal(episode_label(scene)))
        total.scenes += 1
        total.eighths += scene.eighths
        day = number_of_day.get(view.board.day_of_strip.get(row.strip.pk, -1))
        if day is not None and day not in total.days:
            total.days.append(day)
    if len(totals) < 2:
        return []
    for total in totals.values():
        total.days.sort()
    return list(totals.values())


def other_episode_versions(schedule: Schedule) -> list[ScriptVersion]:
    """The current versions of the production's other scripts, not on the board yet."""
    on_board = Strip.objects.filter(schedule=schedule, scene__isnull=False).values(
        "scene__version__script_id"
    )
    return list(
        ScriptVersion.objects.filter(
            pk__in=schedule.production.scripts.exclude(pk__in=on_board).values("current_version")
        )
        .select_related("script__episode")
        .order_by("script__episode__number", "script__title")
    )
