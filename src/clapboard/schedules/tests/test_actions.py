"""Schedule actions on a real database: layout, reorder, conflicts, added strips, undo, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clapboard.core.concurrency import EditConflict
from clapboard.core.models import AuditEvent
from clapboard.schedules import actions
from clapboard.schedules.calculation import load_board
from clapboard.schedules.models import Schedule, ScheduleChange, Strip

from .helpers import make_schedule, order_of

pytestmark = pytest.mark.django_db


def kinds(schedule: Schedule) -> list[str]:
    return list(schedule.strips.order_by("position").values_list("kind", flat=True))


def test_a_new_schedule_lays_out_the_scenes_in_script_order_with_day_breaks(production, producer):
    schedule = make_schedule(production, producer, scenes=12, pages_per_day=Decimal(1))
    strips = list(schedule.strips.select_related("scene").order_by("position"))
    scenes = [strip.scene for strip in strips if strip.kind == Strip.Kind.SCENE]
    assert [scene.position for scene in scenes] == sorted(scene.position for scene in scenes)
    assert len(scenes) == 12
    board = load_board(schedule)
    # Every day holds at most a page, unless one scene alone is longer.
    for day in board.board.days:
        assert day.eighths <= 8 or len(day.scene_keys) == 1
    assert strips[-1].kind == Strip.Kind.DAY_BREAK
    assert schedule.pages_per_day == Decimal(1)
    event = AuditEvent.objects.get(action="schedules.schedule.created")
    assert event.production == production


def test_pages_per_day_default_to_the_viability_rules(production, producer):
    schedule = make_schedule(production, producer)
    assert schedule.pages_per_day == Decimal(3)  # a short film is scheduled like a feature


def test_no_schedule_without_a_script(production, producer):
    with pytest.raises(ValidationError):
        actions.create_schedule(production, acting_user=producer, name="Vide")


def test_reorder_writes_the_new_order_and_remembers_the_old(production, producer):
    schedule = make_schedule(production, producer)
    before = order_of(schedule)
    new = list(reversed(before))
    schedule = actions.reorder_strips(schedule, new, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == new
    assert schedule.version == 2
    change = ScheduleChange.objects.get(schedule=schedule)
    assert change.previous_order == before
    event = AuditEvent.objects.get(action="schedules.strips.reordered")
    assert event.data["moved"] == len(before) - (len(before) % 2)


def test_a_stale_order_is_refused_not_overwritten(production, producer):
    schedule = make_schedule(production, producer)
    first = order_of(schedule)
    version = schedule.version
    actions.reorder_strips(schedule, first[1:] + first[:1], acting_user=producer, expected_version=version)
    with pytest.raises(EditConflict):
        actions.reorder_strips(
            schedule, list(reversed(first)), acting_user=producer, expected_version=version
        )
    assert order_of(schedule) == first[1:] + first[:1]


@pytest.mark.parametrize("mangle", ["missing", "duplicate", "foreign"])
def test_an_order_must_list_every_strip_once(production, producer, mangle):
    schedule = make_schedule(production, producer)
    order = order_of(schedule)
    bad = {"missing": order[1:], "duplicate": [*order[:-1], order[0]], "foreign": [*order[:-1], 999_999]}[
        mangle
    ]
    with pytest.raises(ValidationError):
        actions.reorder_strips(schedule, bad, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == order


def test_moving_a_day_break_changes_the_days_totals(production, producer):
    schedule = make_schedule(production, producer, scenes=6, pages_per_day=Decimal(99))
    # One day holds everything; a break moved up to after the second scene makes two days.
    strips = list(schedule.strips.order_by("position"))
    assert [strip.kind for strip in strips][-1] == Strip.Kind.DAY_BREAK
    assert load_board(schedule).board.shooting_days == 1
    schedule = actions.move_strip(
        schedule, strips[-1].pk, 2, acting_user=producer, expected_version=schedule.version
    )
    board = load_board(schedule)
    assert board.board.shooting_days == 2
    assert len(board.board.days[0].scene_keys) == 2
    assert board.open_day is not None  # the last four scenes wait for a break
    total = sum(strip.scene.eighths for strip in strips if strip.scene)
    assert board.board.days[0].eighths + board.board.days[1].eighths == total


def test_added_strips_and_undo(production, producer):
    schedule = make_schedule(production, producer)
    before = order_of(schedule)
    first_scene = before[0]
    banner = actions.add_strip(
        schedule, Strip.Kind.BANNER, text="Semaine 1", after_id=first_scene,
        acting_user=producer, expected_version=schedule.version,
    )  # fmt: skip
    schedule.refresh_from_db()
    assert order_of(schedule)[1] == banner.pk
    schedule = actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == before
    assert not Strip.objects.filter(pk=banner.pk).exists()
    assert AuditEvent.objects.filter(action="schedules.change.undone").count() == 1
    with pytest.raises(ValidationError):
        actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)


def test_undo_puts_a_removed_strip_back_where_it_was(production, producer):
    schedule = make_schedule(production, producer)
    before = order_of(schedule)
    day_break = schedule.strips.filter(kind=Strip.Kind.DAY_BREAK).first()
    schedule = actions.remove_strip(
        schedule, day_break.pk, acting_user=producer, expected_version=schedule.version
    )
    assert day_break.pk not in order_of(schedule)
    schedule = actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == before


def test_undo_steps_back_one_change_at_a_time(production, producer):
    schedule = make_schedule(production, producer)
    first = order_of(schedule)
    second = first[1:] + first[:1]
    third = list(reversed(second))
    schedule = actions.reorder_strips(
        schedule, second, acting_user=producer, expected_version=schedule.version
    )
    schedule = actions.reorder_strips(
        schedule, third, acting_user=producer, expected_version=schedule.version
    )
    schedule = actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == second
    schedule = actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    assert order_of(schedule) == first


def test_scenes_cannot_be_removed_nor_added_by_hand(production, producer):
    schedule = make_schedule(production, producer)
    scene = schedule.strips.filter(kind=Strip.Kind.SCENE).first()
    with pytest.raises(ValidationError):
        actions.remove_strip(schedule, scene.pk, acting_user=producer, expected_version=schedule.version)
    with pytest.raises(ValidationError):
        actions.add_strip(schedule, Strip.Kind.SCENE, acting_user=producer, expected_version=schedule.version)
    with pytest.raises(ValidationError):
        actions.add_strip(
            schedule, Strip.Kind.BANNER, acting_user=producer, expected_version=schedule.version
        )


def test_settings_and_the_calendar_follow_the_order(production, producer):
    schedule = make_schedule(production, producer, scenes=12, pages_per_day=Decimal("0.25"))
    schedule = actions.update_schedule(
        schedule,
        acting_user=producer,
        expected_version=schedule.version,
        start_date=dt.date(2026, 5, 11),  # Monday; Ascension is Thursday 14 May 2026
        weekdays=[0, 1, 2, 3, 4],
        days_off=["2026-05-12"],
    )
    board = load_board(schedule)
    dates = [day.date for day in board.days]
    assert dates[:4] == [
        dt.date(2026, 5, 11),
        dt.date(2026, 5, 13),
        dt.date(2026, 5, 15),
        dt.date(2026, 5, 18),
    ]
    assert AuditEvent.objects.filter(action="schedules.schedule.updated").exists()
    with pytest.raises(ValidationError):
        actions.update_schedule(
            schedule, acting_user=producer, expected_version=schedule.version, weekdays=[]
        )
    with pytest.raises(EditConflict):
        actions.update_schedule(schedule, acting_user=producer, expected_version=1, name="Autre")
