"""The planner in the app: terms, the problem built from a board, the search job, its result,
applying it and undoing that."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clapboard.core.jobs import request_cancel
from clapboard.core.models import AuditEvent, Job
from clapboard.core.tests.job_tasks import run_worker
from clapboard.engines.schedule.planning import DayPart, Window
from clapboard.productions.roles import Role
from clapboard.schedules import actions, planning, tasks
from clapboard.schedules.models import PlanningTerm, Schedule, Strip

from .helpers import make_schedule, order_of

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    """Pages in English, whatever the installation's default language."""
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def schedule(production, producer) -> Schedule:
    # Six scenes of 2/8 page on six sets; scenes 1 and 4 at night; MARIE (1) and PAUL (2) in all.
    return make_schedule(production, producer, scenes=6, pages_per_day=Decimal(1), start_date=MONDAY)


def cast_ids(schedule: Schedule) -> dict[str, int]:
    view = planning.read_input(schedule).view
    return {member.name: member.element_id for member in view.cast}


def save_terms(schedule: Schedule, user: Any, **changes: Any) -> None:
    terms: dict[str, Any] = {
        "max_shooting_days": None,
        "weights": {},
        "cast": {},
        "locations": {},
        "scenes": {},
        **changes,
    }
    actions.save_planning_terms(schedule, acting_user=user, **terms)


def search(schedule: Schedule, user: Any, capture: Any, time_limit: int = 1) -> Job:
    with capture(execute=True):
        job = tasks.start_planning(schedule, acting_user=user, time_limit=time_limit)
    run_worker()
    job.refresh_from_db()
    return job


def scene_strip_days(schedule: Schedule) -> list[list[int]]:
    """The board's shooting days as scene strip ids (what a plan lists)."""
    days: list[list[int]] = [[]]
    for strip in schedule.strips.order_by("position"):
        if strip.kind == Strip.Kind.SCENE:
            days[-1].append(strip.pk)
        elif strip.kind == Strip.Kind.DAY_BREAK:
            days.append([])
    return [day for day in days if day]


def test_the_problem_holds_the_board_and_the_terms(schedule, producer):
    ids = cast_ids(schedule)
    save_terms(
        schedule,
        producer,
        max_shooting_days=3,
        cast={ids["MARIE"]: {"daily_rate": Decimal("500.00"), "first_date": MONDAY, "last_date": None}},
    )
    built = planning.build_problem(schedule)
    problem = built.problem
    assert built.conflicts == []
    assert [scene.id for scene in problem.scenes] == ["1", "2", "3", "4", "5", "6"]
    assert [scene.eighths for scene in problem.scenes] == [2] * 6
    assert [scene.day_part for scene in problem.scenes] == [
        DayPart.NIGHT,
        DayPart.DAY,
        DayPart.DAY,
        DayPart.NIGHT,
        DayPart.DAY,
        DayPart.DAY,
    ]
    assert [scene.location for scene in problem.scenes] == [f"script:LIEU {n}" for n in range(6)]
    assert {scene.cast for scene in problem.scenes} == {("1", "2")}
    marie = next(member for member in problem.cast if member.id == "1")
    assert marie.daily_rate == 50000
    # The window is cut to the calendar's dates: from the first to the last.
    assert marie.availability == (Window(MONDAY, dt.date(2027, 3, 4)),)
    # 1 1/2 pages at 10 h a page: 15 h, two days of 10 h; twice that is four working days.
    assert problem.calendar.dates == tuple(MONDAY + dt.timedelta(days=n) for n in range(4))
    assert problem.limits.max_minutes_per_day == 600
    assert problem.limits.max_shooting_days == 3
    assert problem.pace.minutes(8) == 600
    # The board as created: four scenes (one page) then two.
    assert built.current_plan.days == (("1", "2", "3", "4"), ("5", "6"))


def test_days_off_keep_their_dates_out_of_the_planners_calendar(schedule, producer):
    first_break = schedule.strips.filter(kind=Strip.Kind.DAY_BREAK).order_by("position").first()
    actions.add_strip(
        schedule,
        Strip.Kind.DAY_OFF,
        acting_user=producer,
        expected_version=schedule.version,
        after_id=first_break.pk,
    )
    schedule.refresh_from_db()
    built = planning.build_problem(schedule)
    # Tuesday is the day off: the planner gets Monday, then Wednesday on.
    assert built.problem.calendar.dates[:3] == (MONDAY, dt.date(2027, 3, 3), dt.date(2027, 3, 4))


def test_terms_are_saved_with_an_audit_event_and_empty_ones_dropped(schedule, producer):
    ids = cast_ids(schedule)
    save_terms(
        schedule,
        producer,
        weights={"shooting_day": 3000000, "company_move": 100},
        cast={
            ids["MARIE"]: {"daily_rate": Decimal("450"), "first_date": None, "last_date": None},
            ids["PAUL"]: {"daily_rate": None, "first_date": None, "last_date": None},
        },
    )
    assert list(PlanningTerm.objects.values_list("kind", "element_id", "daily_rate")) == [
        ("cast", ids["MARIE"], Decimal("450.00"))
    ]
    assert schedule.planning_settings.weights == {"company_move": 100}  # the shipped ones are not kept
    event = AuditEvent.objects.get(action="schedules.planning.terms_saved")
    assert event.data["cast"] == 1


def test_a_search_runs_as_a_job_and_keeps_its_result_without_touching_the_board(
    schedule, producer, django_capture_on_commit_callbacks, monkeypatch
):
    before, version = order_of(schedule), schedule.version
    written: list[dict[str, Any]] = []
    original = tasks._write_progress

    def record(job: Job, percent: int, progress: dict[str, Any], base: dict[str, Any]) -> None:
        written.append(progress)
        original(job, percent, progress, base)

    monkeypatch.setattr(tasks, "_write_progress", record)
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.error
    result = job.result
    assert result["status"] in ("optimal", "feasible")
    assert sorted(s for day in result["days"] for s in day["scenes"]) == ["1", "2", "3", "4", "5", "6"]
    assert result["cost"]["total"] >= result["lower_bound"]
    assert result["current"]["cost"]["counts"]["shooting_days"] == 2
    assert {item["number"] for item in result["cost"]["cast"]} == {"1", "2"}
    assert result["based_on_version"] == version
    assert written, "no progress was written"
    assert {"best", "bound", "gap"} <= set(written[-1])
    schedule.refresh_from_db()
    assert order_of(schedule) == before
    assert schedule.version == version


def test_stopping_a_search_keeps_the_board_and_the_best_schedule_found(
    schedule, producer, django_capture_on_commit_callbacks, monkeypatch
):
    before, version = order_of(schedule), schedule.version
    original = tasks._write_progress

    def stop_then_write(job: Job, percent: int, progress: dict[str, Any], base: dict[str, Any]) -> None:
        request_cancel(Job.objects.get(pk=job.pk), acting_user=producer)
        original(job, percent, progress, base)

    monkeypatch.setattr(tasks, "_write_progress", stop_then_write)
    job = search(schedule, producer, django_capture_on_commit_callbacks, time_limit=2)
    assert job.status == Job.Status.CANCELLED
    assert job.result["stopped"] is True
    schedule.refresh_from_db()
    assert order_of(schedule) == before
    assert schedule.version == version


def test_a_cast_window_outside_the_calendar_is_a_conflict_in_words(
    schedule, producer, django_capture_on_commit_callbacks, client
):
    ids = cast_ids(schedule)
    january = {"daily_rate": None, "first_date": dt.date(2027, 1, 4), "last_date": dt.date(2027, 1, 29)}
    save_terms(schedule, producer, cast={ids["MARIE"]: january})
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["status"] == "infeasible"
    (reason,) = job.result["conflicts"]
    assert reason.startswith(
        "MARIE is available only Mon 4 Jan 2027 to Fri 29 Jan 2027, outside the shoot's calendar"
    )
    assert reason.endswith("yet is needed in scenes 1, 2, 3, 4, 5, 6")
    client.force_login(producer)
    page = client.get(
        reverse("schedules:plan_job", args=[schedule.production_id, schedule.pk, job.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "No schedule can keep all these terms." in page.content.decode()
    assert "outside the shoot&#x27;s calendar" in page.content.decode()
    assert "Apply this schedule" not in page.content.decode()


def test_too_few_days_for_the_hours_is_explained_by_the_engine(
    schedule, producer, django_capture_on_commit_callbacks
):
    save_terms(schedule, producer, max_shooting_days=1)
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    assert job.result["status"] == "infeasible"
    assert job.result["conflicts"]


def test_apply_lays_the_board_out_as_the_plan_and_undo_puts_it_back(
    schedule, producer, django_capture_on_commit_callbacks, client
):
    first_break = schedule.strips.filter(kind=Strip.Kind.DAY_BREAK).order_by("position").first()
    day_off = actions.add_strip(
        schedule,
        Strip.Kind.DAY_OFF,
        acting_user=producer,
        expected_version=schedule.version,
        after_id=first_break.pk,
    )
    schedule.refresh_from_db()
    scene_six = schedule.strips.filter(kind=Strip.Kind.SCENE).order_by("position").last()
    order = order_of(schedule)
    banner = actions.add_strip(
        schedule,
        Strip.Kind.BANNER,
        text="Rain cover",
        acting_user=producer,
        expected_version=schedule.version,
        after_id=order[order.index(scene_six.pk) - 1],
    )
    schedule.refresh_from_db()
    week = actions.add_strip(
        schedule, Strip.Kind.BANNER, text="Week 1", acting_user=producer, expected_version=schedule.version
    )
    schedule.refresh_from_db()
    actions.move_strip(schedule, week.pk, 0, acting_user=producer, expected_version=schedule.version)
    schedule.refresh_from_db()
    before = order_of(schedule)
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED, job.error
    planned = [day["strips"] for day in job.result["days"]]

    client.force_login(producer)
    url = reverse("schedules:plan_apply", args=[schedule.production_id, schedule.pk, job.pk])
    response = client.post(url)
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert scene_strip_days(schedule) == planned
    strips = list(schedule.strips.order_by("position"))
    kinds = [strip.kind for strip in strips]
    assert kinds.count(Strip.Kind.DAY_BREAK) == len(planned)
    # The day off is still the board's second calendar day; the banner within day 2 still precedes scene 6.
    assert kinds.index(Strip.Kind.DAY_OFF) == kinds.index(Strip.Kind.DAY_BREAK) + 1
    assert strips[[s.pk for s in strips].index(scene_six.pk) - 1].pk == banner.pk
    assert strips[0].pk == week.pk  # a banner opening the first day still opens it
    assert day_off.pk in [s.pk for s in strips]
    assert AuditEvent.objects.filter(action="schedules.plan.applied").count() == 1

    actions.undo_last_change(schedule, acting_user=producer, expected_version=schedule.version)
    schedule.refresh_from_db()
    assert order_of(schedule) == before


def test_a_plan_from_a_board_changed_since_is_refused(
    schedule, producer, django_capture_on_commit_callbacks, client
):
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    actions.reorder_strips(
        schedule, list(reversed(order_of(schedule))), acting_user=producer, expected_version=schedule.version
    )
    schedule.refresh_from_db()
    changed = order_of(schedule)
    client.force_login(producer)
    response = client.post(
        reverse("schedules:plan_apply", args=[schedule.production_id, schedule.pk, job.pk])
    )
    assert response.status_code == 409
    schedule.refresh_from_db()
    assert order_of(schedule) == changed
    assert not AuditEvent.objects.filter(action="schedules.plan.applied").exists()


def test_the_page_shows_the_terms_and_the_crew_cannot_start_a_search(schedule, member_factory, client):
    crew = member_factory(Role.CREW)
    client.force_login(crew)
    page = client.get(reverse("schedules:optimise", args=[schedule.production_id, schedule.pk]))
    assert page.status_code == 200
    assert "MARIE" in page.content.decode()
    assert "Find a better schedule" not in page.content.decode()
    start = reverse("schedules:plan_start", args=[schedule.production_id, schedule.pk])
    assert client.post(start, {"start": "1", "time_limit": "10"}).status_code == 403
    assert not Job.objects.filter(kind=tasks.PLAN_KIND).exists()


def test_the_form_saves_the_terms_and_starts_a_search(
    schedule, producer, client, django_capture_on_commit_callbacks
):
    ids = cast_ids(schedule)
    client.force_login(producer)
    form = {
        f"cast_{ids['MARIE']}_rate": "800",
        f"cast_{ids['PAUL']}_first": "2027-03-02",
        "weight_shooting_day": "30000",
        "weight_company_move": "3000",
        "weight_location_change": "1000",
        "weight_split_day": "2000",
        "weight_day_night_switch": "1500",
        "time_limit": "10",
        "start": "1",
    }
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("schedules:plan_start", args=[schedule.production_id, schedule.pk]), form
        )
    job = Job.objects.get(kind=tasks.PLAN_KIND)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/optimise/{job.pk}/")
    assert job.result["schedule_id"] == schedule.pk
    assert PlanningTerm.objects.get(element_id=ids["MARIE"]).daily_rate == Decimal(800)
    assert PlanningTerm.objects.get(element_id=ids["PAUL"]).first_date == dt.date(2027, 3, 2)
    page = client.get(response["Location"])
    assert "Best cost so far" in page.content.decode()


def test_a_window_that_ends_before_it_starts_is_refused_by_the_form(schedule, producer, client):
    ids = cast_ids(schedule)
    client.force_login(producer)
    form = {
        f"cast_{ids['MARIE']}_first": "2027-03-05",
        f"cast_{ids['MARIE']}_last": "2027-03-01",
        "weight_shooting_day": "30000",
        "weight_company_move": "3000",
        "weight_location_change": "1000",
        "weight_split_day": "2000",
        "weight_day_night_switch": "1500",
    }
    response = client.post(reverse("schedules:plan_start", args=[schedule.production_id, schedule.pk]), form)
    assert response.status_code == 400
    assert "This ends before it starts." in response.content.decode()
    assert not PlanningTerm.objects.exists()


def test_the_progress_partial_shows_the_figures_and_reloads_the_page_at_the_end(schedule, producer, client):
    progress = tasks.progress_data(123456, 100000, 2.0, 10.0)
    job = Job.objects.create(
        production=schedule.production,
        kind=tasks.PLAN_KIND,
        label="Search",
        status=Job.Status.RUNNING,
        percent=20,
        result={"schedule_id": schedule.pk, "based_on_version": schedule.version, "progress": progress},
    )
    client.force_login(producer)
    url = reverse("schedules:plan_job", args=[schedule.production_id, schedule.pk, job.pk])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "€1,234.56" in html  # best cost so far
    assert "€1,000.00" in html  # lower bound
    assert "19.0 %" in html  # gap
    assert 'hx-trigger="every 1s"' in html
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_a_job_that_is_not_a_search_of_this_schedule_leads_back_to_the_terms(schedule, producer, client):
    other = Job.objects.create(production=schedule.production, kind="productions.export", label="Export")
    client.force_login(producer)
    response = client.get(reverse("schedules:plan_job", args=[schedule.production_id, schedule.pk, other.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith("/optimise/")


def test_daily_rates_and_costs_stay_with_those_who_may_see_salaries(
    schedule, producer, member_factory, client, django_capture_on_commit_callbacks
):
    ids = cast_ids(schedule)
    save_terms(
        schedule,
        producer,
        cast={ids["MARIE"]: {"daily_rate": Decimal("987.65"), "first_date": None, "last_date": None}},
    )
    job = search(schedule, producer, django_capture_on_commit_callbacks)
    coordinator = member_factory(Role.COORDINATOR)  # may edit, may not see salaries
    client.force_login(coordinator)
    terms_page = client.get(reverse("schedules:optimise", args=[schedule.production_id, schedule.pk]))
    assert "987" not in terms_page.content.decode()
    assert f"cast_{ids['MARIE']}_rate" not in terms_page.content.decode()
    result_page = client.get(
        reverse("schedules:plan_job", args=[schedule.production_id, schedule.pk, job.pk])
    )
    assert "€" not in result_page.content.decode()
    assert "Days per performer" in result_page.content.decode()
    # Their save keeps the rate they could not see.
    form = {
        "weight_shooting_day": "30000",
        "weight_company_move": "3000",
        "weight_location_change": "1000",
        "weight_split_day": "2000",
        "weight_day_night_switch": "1500",
        f"cast_{ids['PAUL']}_first": "2027-03-02",
    }
    response = client.post(reverse("schedules:plan_start", args=[schedule.production_id, schedule.pk]), form)
    assert response.status_code == 302
    assert PlanningTerm.objects.get(element_id=ids["MARIE"]).daily_rate == Decimal("987.65")
