import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from tests import factories

from clapboard.accounts.models import User
from clapboard.core.models import AuditEvent, Job
from clapboard.productions import actions
from clapboard.productions.models import Episode, Invitation, KeyDate, Production, ProductionMember
from clapboard.productions.roles import Role

HTMX = {"HX-Request": "true"}


def url(production, suffix=""):
    return f"/productions/{production.pk}/{suffix}"


def edit_data(production, **changes):
    data = {
        "title": production.title,
        "working_title": "",
        "international_title": "",
        "kind": production.kind,
        "currency": production.currency,
        "countries": "FR",
        "languages": "fr",
        "genre": "",
        "target_runtime_minutes": "",
        "logline": "",
        "international_logline": "",
        "synopsis": "",
        "version": production.version,
    }
    data.update(changes)
    return data


@pytest.fixture
def series(producer):
    production = factories.make_production(producer, title="Les Veilleurs", kind="series")
    actions.create_episode(production, acting_user=producer, number=1, title="Le Phare")
    return production


@pytest.mark.parametrize("suffix", ["", "edit/", "phase/", "team/", "episodes/", "dates/", "activity/"])
def test_every_page_renders_for_the_producer(client, producer, production, suffix):
    client.force_login(producer)
    response = client.get(url(production, suffix))
    assert response.status_code == 200
    assert "La Dernière Bobine" in response.content.decode()


class _ListedProductions(HTMLParser):
    """The cells of the production list's rows, as text (the first table of the home page)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.in_cell = False
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        elif self.tables == 1 and tag == "tr":
            self.rows.append([])
        elif self.tables == 1 and tag == "td" and self.rows:
            self.rows[-1].append("")
            self.in_cell = True

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_cell = False

    def handle_data(self, data):
        if self.in_cell:
            self.rows[-1][-1] += data


def listed(response) -> list[list[str]]:
    """The rows of the production list: title, company, kind, phase, role, team, updated."""
    parser = _ListedProductions()
    parser.feed(response.content.decode())
    return [[cell.strip() for cell in row] for row in parser.rows if len(row) == 7]


def test_home_lists_companies_and_productions(client, producer, production):
    production.working_title = "Bobine <4> & fin"
    production.save()
    client.force_login(producer)
    response = client.get("/")
    page = response.content.decode()
    assert f'<a class="strong" href="/productions/{production.pk}/">La Dernière Bobine</a>' in page
    assert "(Bobine &lt;4&gt; &amp; fin)" in page
    assert f'<a href="/companies/{production.company_id}/">{production.company.name}</a>' in page
    assert '<span class="badge phase phase--development">Développement</span>' in page
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert listed(response) == [
        [
            "La Dernière Bobine (Bobine <4> & fin)",
            production.company.name,
            "Court métrage",
            "Développement",
            "Producteur",
            "1",
            today,
        ]
    ]
    with translation.override("en"):
        [english] = listed(client.get("/", headers={"Accept-Language": "en"}))
    assert english[2:5] == ["Short film", "Development", "Producer"]


def test_home_counts_the_whole_team(client, producer, production, member_factory):
    for role in (Role.CREW, Role.DIRECTOR):
        member_factory(role)
    client.force_login(producer)
    [row] = listed(client.get("/"))
    assert (row[4], row[5]) == ("Producteur", "3")  # the user's own role, everyone counted
    director = ProductionMember.objects.get(production=production, role=Role.DIRECTOR).user
    client.force_login(director)
    [row] = listed(client.get("/"))
    assert (row[4], row[5]) == ("Réalisateur", "3")


def test_home_counts_each_companys_productions_once_whoever_else_is_in_it(client, producer, production):
    from clapboard.companies.actions import add_company_member

    for title in ("Deux", "Trois"):
        factories.make_production(producer, production.company, title=title)
    for _ in range(2):
        add_company_member(
            production.company, acting_user=producer, user=factories.make_user(), role="member"
        )
    client.force_login(producer)
    page = client.get("/", headers={"Accept-Language": "en"}).content.decode()
    companies_table = page.split('id="home-companies"', 1)[1]
    [row] = [row for row in companies_table.split("<tr>") if production.company.name in row]
    assert "<td>Administrator</td>" in row  # the user's own role in the company
    assert '<td class="num">3</td>' in row  # not once per member


def test_a_superuser_sees_every_production_as_its_producer(client, production, member_factory):
    admin = User.objects.create_superuser(username="root", password="x", email="root@example.org")
    member_factory(Role.CREW)
    client.force_login(admin)
    [row] = listed(client.get("/"))
    assert (row[0], row[4], row[5]) == (production.title, "Producteur", "2")


def test_home_filters_and_pages_the_productions(client, producer, production):
    for index in range(60):
        factories.make_production(producer, production.company, title=f"Film {index:02d}")
    actions.change_phase(production, acting_user=producer, phase="financing")
    client.force_login(producer)
    first = client.get("/")
    assert first.context["page_obj"].paginator.count == 61
    assert len(listed(first)) == 50
    assert len(listed(client.get("/?page=2"))) == 11
    [[title, *_rest]] = listed(client.get("/?phase=financing"))
    assert title == production.title
    assert [row[0] for row in listed(client.get("/?q=film 05"))] == ["Film 05"]
    assert client.get("/?q=BOBINE").context["page_obj"].paginator.count == 1
    second_page_link = client.get("/?q=film").content.decode()
    assert "q=film&amp;page=2" in second_page_link


def test_the_navigation_shows_coming_modules_disabled(client, producer, production):
    client.force_login(producer)
    page = client.get(url(production)).content.decode()
    assert 'aria-disabled="true">Personnes' in page
    assert 'aria-disabled="true">Plan de travail' not in page  # a module that exists is a link
    assert 'aria-disabled="true">Budget' not in page
    assert f'href="/productions/{production.pk}/schedule/"' in page
    assert 'aria-current="page">Vue d’ensemble' in page  # noqa: RUF001


def test_the_dashboard_shows_the_seven_phases_and_key_dates(client, producer, production):
    actions.set_key_date(production, acting_user=producer, kind="shoot_start", date=dt.date(2026, 11, 26))
    client.force_login(producer)
    page = client.get(url(production)).content.decode()
    assert page.count('class="timeline__step ') == 7
    assert 'aria-current="step"' in page
    assert "26/11/2026" in page


def test_the_timeline_marks_done_current_and_archived_phases_and_lists_other_dates(
    client, producer, production
):
    actions.set_key_date(production, acting_user=producer, kind="prep_start", date=dt.date(2027, 3, 1))
    actions.set_key_date(
        production, acting_user=producer, kind="other", label="Festival <Cannes>", date=dt.date(2027, 5, 14)
    )
    for phase in ("financing", "pre_production"):
        production = actions.change_phase(production, acting_user=producer, phase=phase)
    client.force_login(producer)
    with translation.override("en"):
        page = client.get(url(production), headers={"Accept-Language": "en"}).content.decode()
    assert page.count('class="timeline__step timeline__step--done') == 2
    assert (
        '<li class="timeline__step timeline__step--current timeline__step--pre_production" aria-current="step">'
        '<span class="timeline__marker" aria-hidden="true">3</span><span class="timeline__label">Pre-production'
        '<span class="visually-hidden"> (current phase)</span></span><ul class="timeline__dates"><li>'
        '<span>Pre-production start</span> <time datetime="2027-03-01">03/01/2027</time></li></ul></li>'
    ) in page
    assert 'Other dates:</span> Festival &lt;Cannes&gt; <time datetime="2027-05-14">05/14/2027</time>' in page
    assert "timeline--archived" not in page
    actions.change_phase(production, acting_user=producer, phase="archived")
    with translation.override("en"):
        page = client.get(url(production), headers={"Accept-Language": "en"}).content.decode()
    assert '<ol class="timeline timeline--archived"' in page
    assert 'timeline__step--current timeline__step--pre_production"' in page  # the phase it left
    assert "the timeline shows the phase it left" in page


def test_the_dashboard_team_card_lists_producers_first_and_counts_everyone(client, producer, production):
    for index, role in enumerate([Role.CREW, Role.GUEST, Role.DIRECTOR] * 3 + [Role.LINE_PRODUCER]):
        user = factories.make_user(full_name=f"Person {index:02d}" if index != 1 else "")
        factories.add_member(production, role, user)
    client.force_login(producer)
    with translation.override("en"):
        response = client.get(url(production), headers={"Accept-Language": "en"})
    page = response.content.decode()
    team = response.context["team"]
    assert team.size == 11
    assert [entry.role for entry in team.members] == [
        "Producer",
        "Line producer",
        "Director",
        "Director",
        "Director",
        "Crew",
        "Crew",
        "Crew",
    ]
    assert team.members[0].name == "Camille Producer"
    assert [entry.name for entry in team.members[2:5]] == ["Person 02", "Person 05", "Person 08"]
    assert "and 3 more" in page
    assert "Crew: 3 · Director: 3 · Guest: 3 · Line producer: 1 · Producer: 1" in page
    assert '<span class="people__name">Person 09</span>' in page  # the line producer, second


def test_the_dashboard_summarises_recent_changes_and_the_feed_spells_them_out(client, producer, production):
    actions.change_phase(production, acting_user=producer, phase="financing", note="Le <devis> est prêt")
    client.force_login(producer)
    dashboard = client.get(url(production)).content.decode()
    assert '<ol class="activity activity--compact">' in dashboard
    assert '<p class="activity__summary">Phase: Développement → Financement</p>' in dashboard
    assert "« Le &lt;devis&gt; est prêt »" in dashboard
    assert "<details" not in dashboard.split('class="activity activity--compact"')[1].split("</ol>")[0]
    feed = client.get(url(production, "activity/")).content.decode()
    assert '<td class="change-old">Développement</td>' in feed
    assert "<summary>Valeurs initiales</summary>" in feed  # the creation, folded


def test_an_empty_feed_says_so():
    from clapboard.core.activity_rows import activity_list

    with translation.override("en"):
        assert activity_list([]) == '<ol class="activity"><li class="empty">No activity yet.</li></ol>'


def test_create_a_production_in_ones_company(client, producer, production):
    client.force_login(producer)
    assert client.get("/productions/new/").status_code == 200
    response = client.post(
        "/productions/new/",
        {"company": production.company_id, "title": "Nouveau", "kind": "feature", "currency": ""},
    )
    created = Production.objects.get(title="Nouveau")
    assert response.status_code == 302
    assert created.currency == "EUR"
    assert ProductionMember.objects.get(production=created).role == Role.PRODUCER


def test_create_refuses_someone_elses_company(client, production, outsider):
    factories.make_company(outsider)
    client.force_login(outsider)
    response = client.post(
        "/productions/new/", {"company": production.company_id, "title": "X", "kind": "feature"}
    )
    assert response.status_code == 200
    assert not Production.objects.filter(title="X").exists()


def test_edit_saves_countries_and_languages(client, producer, production):
    client.force_login(producer)
    response = client.post(
        url(production, "edit/"), edit_data(production, countries="fr, be", languages="FR; EN")
    )
    assert response.status_code == 302
    production.refresh_from_db()
    assert production.countries == ["FR", "BE"]
    assert production.languages == ["fr", "en"]


def test_edit_with_bad_codes_shows_errors_and_changes_nothing(client, producer, production):
    client.force_login(producer)
    response = client.post(url(production, "edit/"), edit_data(production, title="", countries="France"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page
    assert "n’est pas un code pays ISO 3166" in page  # noqa: RUF001
    assert 'value="France"' in page
    production.refresh_from_db()
    assert production.title == "La Dernière Bobine"
    assert production.countries == []


def test_an_edit_conflict_keeps_the_input_and_explains(client, producer, production):
    client.force_login(producer)
    stale = production.version
    actions.update_production(production, acting_user=producer, expected_version=stale, genre="Drame")
    response = client.post(url(production, "edit/"), edit_data(production, title="Mon titre", version=stale))
    page = response.content.decode()
    assert response.status_code == 409
    assert "a été modifié par quelqu’un d’autre" in page  # noqa: RUF001
    assert 'value="Mon titre"' in page
    assert "Drame" in page  # their value is shown
    production.refresh_from_db()
    assert production.title == "La Dernière Bobine"
    # Saving again on purpose applies the input over their version.
    response = client.post(
        url(production, "edit/"), edit_data(production, title="Mon titre", version=production.version)
    )
    assert response.status_code == 302
    production.refresh_from_db()
    assert production.title == "Mon titre"


def test_phase_change_allowed(client, producer, production):
    client.force_login(producer)
    response = client.post(url(production, "phase/"), {"phase": "financing", "version": production.version})
    assert response.status_code == 302
    production.refresh_from_db()
    assert production.phase == "financing"


def test_phase_change_refused_with_the_reason(client, producer, production):
    client.force_login(producer)
    response = client.post(url(production, "phase/"), {"phase": "shooting", "version": production.version})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ne peut passer qu’à" in page  # noqa: RUF001
    production.refresh_from_db()
    assert production.phase == "development"


def test_phase_change_needs_approve(client, production, member_factory):
    director = member_factory(Role.DIRECTOR)
    client.force_login(director)
    assert client.get(url(production, "phase/")).status_code == 403


def test_inviting_an_existing_user_adds_them_at_once(client, producer, production):
    colleague = factories.make_user("colleague")
    client.force_login(producer)
    response = client.post(
        url(production, "team/invite/"), {"invite-email": colleague.email, "invite-role": "director"}
    )
    assert response.status_code == 200
    assert ProductionMember.objects.get(production=production, user=colleague).role == "director"
    assert not Invitation.objects.exists()


def test_invitation_flow_for_a_new_person(client, producer, production, django_capture_on_commit_callbacks):
    client.force_login(producer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(production, "team/invite/"),
            {"invite-email": "newcomer@example.org", "invite-role": "crew", "invite-department": "Image"},
        )
    page = response.content.decode()
    link = page.split('id="invite-link" class="input--mono" type="text" readonly value="')[1].split('"')[0]
    assert link.startswith("http://testserver/invitations/")
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body
    assert link not in client.get(url(production, "team/")).content.decode()  # shown once

    client.logout()
    path = link.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {
            "username": "newcomer",
            "full_name": "New Comer",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.email == "newcomer@example.org"
    member = ProductionMember.objects.get(production=production, user=newcomer)
    assert (member.role, member.department) == ("crew", "Image")
    assert client.get(url(production)).status_code == 200  # logged in as the new member
    assert client.get(path).status_code == 404  # the link is spent


def test_an_existing_account_accepts_an_invitation(client, producer, production):
    invitation = actions.invite_member(
        production, acting_user=producer, email="later@example.org", role="guest"
    )
    someone = factories.make_user("someone")
    client.force_login(someone)
    response = client.post(f"/invitations/{invitation.raw_token}/")
    assert response.status_code == 302
    assert ProductionMember.objects.filter(production=production, user=someone, role="guest").exists()


def test_signup_errors_create_no_account(client, producer, production):
    invitation = actions.invite_member(
        production, acting_user=producer, email="later@example.org", role="guest"
    )
    response = client.post(
        f"/invitations/{invitation.raw_token}/",
        {"username": "later", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not User.objects.filter(username="later").exists()


def test_an_unknown_invitation_is_404(client, db):
    assert client.get("/invitations/nonsense/").status_code == 404


def test_invite_with_a_bad_email_shows_the_error(client, producer, production):
    client.force_login(producer)
    response = client.post(
        url(production, "team/invite/"), {"invite-email": "not-an-email", "invite-role": "crew"}
    )
    assert b'aria-invalid="true"' in response.content
    assert not Invitation.objects.exists()


def test_change_a_role_and_remove_a_member(client, producer, production, member_factory):
    crew = member_factory(Role.CREW)
    member = ProductionMember.objects.get(production=production, user=crew)
    client.force_login(producer)
    prefix = f"member-{member.pk}"
    response = client.post(
        url(production, f"team/{member.pk}/"),
        {f"{prefix}-role": "coordinator", f"{prefix}-department": "Prod"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.department) == ("coordinator", "Prod")
    response = client.post(url(production, f"team/{member.pk}/remove/"), headers=HTMX)
    assert response.status_code == 200
    assert b'id="team-panel"' in response.content
    assert b"<html" not in response.content
    assert not ProductionMember.objects.filter(pk=member.pk).exists()


def test_the_last_producer_cannot_be_removed(client, producer, production):
    member = ProductionMember.objects.get(production=production, user=producer)
    client.force_login(producer)
    response = client.post(url(production, f"team/{member.pk}/remove/"), follow=True)
    assert "Une production garde au moins un producteur." in response.content.decode()
    assert ProductionMember.objects.filter(pk=member.pk).exists()


def test_a_crew_member_sees_the_team_but_cannot_change_it(client, production, member_factory):
    crew = member_factory(Role.CREW)
    client.force_login(crew)
    page = client.get(url(production, "team/")).content.decode()
    assert "Camille Producer" in page
    assert "team/invite/" not in page
    assert client.post(url(production, "team/invite/"), {"invite-email": "x@example.org"}).status_code == 403


def test_episodes_list_create_edit_delete(client, producer, series):
    client.force_login(producer)
    assert "Le Phare" in client.get(url(series, "episodes/")).content.decode()
    response = client.post(
        url(series, "episodes/new/"),
        {"episode-number": 2, "episode-title": "La Nuit", "episode-target_runtime_minutes": 52},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert b'id="episodes-panel"' in response.content
    assert b"<html" not in response.content
    episode = Episode.objects.get(production=series, number=2)
    response = client.post(
        url(series, f"episodes/{episode.pk}/"),
        {"number": 2, "title": "La Nuit blanche", "target_runtime_minutes": 50, "version": episode.version},
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.title == "La Nuit blanche"
    client.post(url(series, f"episodes/{episode.pk}/delete/"))
    assert not Episode.objects.filter(pk=episode.pk).exists()


def test_a_duplicate_episode_number_is_refused(client, producer, series):
    client.force_login(producer)
    response = client.post(url(series, "episodes/new/"), {"episode-number": 1, "episode-title": "Bis"})
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert series.episodes.count() == 1


def test_key_dates_set_and_delete(client, producer, production):
    client.force_login(producer)
    response = client.post(
        url(production, "dates/set/"), {"date-kind": "shoot_start", "date-date": "2026-11-26"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "26/11/2026" in response.content.decode()
    key_date = KeyDate.objects.get(production=production)
    client.post(url(production, f"dates/{key_date.pk}/delete/"))
    assert not KeyDate.objects.exists()


def test_a_key_date_without_a_date_is_refused(client, producer, production):
    client.force_login(producer)
    response = client.post(url(production, "dates/set/"), {"date-kind": "shoot_start", "date-date": ""})
    assert b"error-summary" in response.content
    assert not KeyDate.objects.exists()


def test_the_activity_feed_shows_from_and_to(client, producer, production):
    actions.change_phase(production, acting_user=producer, phase="financing")
    client.force_login(producer)
    page = client.get(url(production, "activity/")).content.decode()
    assert "Camille Producer" in page
    assert "a changé la phase" in page
    assert '<td class="change-old">Développement</td>' in page
    assert '<td class="change-new">Financement</td>' in page


def test_the_activity_feed_is_paginated_and_answers_htmx_with_the_partial(client, producer, production):
    AuditEvent.objects.bulk_create(
        AuditEvent(production=production, actor=producer, action="productions.production.updated")
        for _ in range(60)
    )
    client.force_login(producer)
    first = client.get(url(production, "activity/")).content.decode()
    assert first.count('class="activity__item"') == 50
    response = client.get(url(production, "activity/") + "?page=2", headers=HTMX)
    page = response.content.decode()
    assert page.startswith('<div id="activity-feed"')
    assert page.count('class="activity__item"') == 11


def test_export_starts_a_job_and_returns_its_progress(client, producer, production):
    client.force_login(producer)
    response = client.post(url(production, "export/"), headers=HTMX)
    job = Job.objects.get(production=production)
    assert response.status_code == 200
    assert f'hx-get="/jobs/{job.pk}/"'.encode() in response.content
    assert job.created_by == producer
    response = client.post(url(production, "export/"))
    assert response.status_code == 302


def test_outsiders_get_404(client, production, outsider):
    client.force_login(outsider)
    for suffix in ("", "team/", "activity/", "edit/"):
        assert client.get(url(production, suffix)).status_code == 404


def test_the_switcher_lists_only_ones_productions_and_marks_the_current_one(
    client, producer, production, outsider
):
    factories.make_production(outsider, title="Pas la mienne")
    client.force_login(producer)
    page = client.get(f"/productions/{production.pk}/").content.decode()
    assert 'hx-get="/productions/switcher/?current=' in page  # fetched on first opening
    listing = client.get(f"/productions/switcher/?current={production.pk}", HTTP_HX_REQUEST="true")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "La Dernière Bobine" in html
    assert "Pas la mienne" not in html
    assert 'aria-current="page"' in html


def test_the_switcher_link_names_a_large_production_id_without_digit_grouping():
    with translation.override("fr"):
        html = render_to_string(
            "components/production_switcher.html",
            {"nav_production": Production(pk=12345, title="Grand numéro")},
        )
    assert 'hx-get="/productions/switcher/?current=12345"' in html


def test_the_activity_feed_shows_the_note_of_a_phase_change_and_french_field_names(
    client, producer, production, member_factory
):
    member_factory(Role.CREW)
    actions.change_phase(
        production, acting_user=producer, phase="financing", note="Lettre de la région reçue"
    )
    actions.invite_member(production, acting_user=producer, email=factories.make_user().email, role="guest")
    client.force_login(producer)
    page = client.get(url(production, "activity/")).content.decode()
    assert "Lettre de la région reçue" in page
    assert "Invited by" not in page  # every field name is translated
    assert "Invité par" in page
