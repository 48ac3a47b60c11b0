"""The demo data set: made through the actions, complete, and loaded twice without duplicates."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from zeal import zeal_context, zeal_ignore

from clapboard.accounts.models import User
from clapboard.companies.models import Company
from clapboard.core.demo import DEMO_PASSWORD, load_demo
from clapboard.core.models import AuditEvent
from clapboard.core.validators import luhn_is_valid
from clapboard.productions.models import Production
from clapboard.productions.phases import Phase
from clapboard.productions.roles import Role
from clapboard.schedules.models import Schedule
from clapboard.scripts.models import Script

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.fixture
def demo():
    # The demo is a script calling one action after another, not a list view: no N+1 to catch.
    with zeal_ignore():
        return load_demo()


def test_the_company_is_a_french_sas_with_a_valid_siren(demo):
    company = Company.objects.get()
    assert (company.legal_form, company.country) == ("SAS", "FR")
    assert luhn_is_valid(company.registration_number)


def test_the_short_film_reached_pre_production_through_phase_changes(demo):
    film = Production.objects.get(kind=Production.Kind.SHORT)
    assert film.phase == Phase.PRE_PRODUCTION
    assert all(
        [film.title, film.international_title, film.logline, film.international_logline, film.synopsis]
    )
    assert 15 <= film.target_runtime_minutes <= 25
    changes = AuditEvent.objects.filter(production=film, action="productions.phase.changed")
    assert changes.count() == 2
    assert film.key_dates.count() >= 5


def test_every_role_has_a_login_that_works(demo):
    film = Production.objects.get(kind=Production.Kind.SHORT)
    roles = set(film.members.values_list("role", flat=True))
    wanted = {Role.PRODUCER, Role.LINE_PRODUCER, Role.PRODUCTION_ACCOUNTANT, Role.DIRECTOR}
    assert roles >= wanted | {Role.CREW, Role.FINANCIER}
    assert len(demo.logins) == film.members.count()
    users = User.objects.in_bulk([login.username for login in demo.logins], field_name="username")
    for login in demo.logins:
        assert login.password == DEMO_PASSWORD
        assert users[login.username].check_password(login.password)


def test_the_series_has_three_episodes(demo):
    series = Production.objects.get(kind=Production.Kind.SERIES)
    assert list(series.episodes.values_list("number", flat=True)) == [1, 2, 3]


def test_loading_twice_changes_nothing(demo):
    before = row_counts()
    with zeal_ignore():
        load_demo()
    assert row_counts() == before


def test_the_command_prints_the_logins(capsys):
    with zeal_ignore():
        call_command("load_demo")
    output = capsys.readouterr().out
    for username in ("camille", "yann", "nadia", "lea", "hugo", "sophie"):
        assert username in output
    assert DEMO_PASSWORD in output


def test_every_page_of_the_demo_productions_opens_for_the_producer(demo, client):
    """The demo is what people see first: its pages must open, activity feeds included."""
    client.force_login(User.objects.get(username="camille"))
    paths = []
    for production in Production.objects.all():
        paths += [f"/productions/{production.pk}/", f"/productions/{production.pk}/activity/"]
    script = Script.objects.get()
    version = script.current_version
    scene = version.scenes.filter(change="changed").first()
    paths += [
        reverse("scripts:overview", args=[script.production_id, script.pk]),
        reverse("scripts:scenes", args=[script.production_id, script.pk, version.number]),
        reverse("scripts:changes", args=[script.production_id, script.pk, version.number]),
        reverse("scripts:locations", args=[script.production_id, script.pk]),
        reverse("scripts:elements", args=[script.production_id, script.pk]),
        reverse("scripts:scene", args=[script.production_id, scene.pk]),
    ]
    schedule = Schedule.objects.get()
    paths.append(reverse("schedules:board", args=[schedule.production_id, schedule.pk]))
    for path in paths:
        with zeal_context():
            assert client.get(path).status_code == 200, path
