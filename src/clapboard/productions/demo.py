"""Demo parts for companies, people and productions.

Everything is made through the real actions, so the demo carries the same audit trail
and history as data typed in by hand. Each part looks up what it would create first,
which keeps a second load from duplicating anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from clapboard.accounts.models import User
from clapboard.companies.actions import add_company_member, create_company
from clapboard.companies.models import Company, CompanyMembership
from clapboard.core.demo import DEMO_PASSWORD, DemoContext, demo_part

from .actions import change_phase, create_episode, create_production, invite_member, set_key_date
from .models import Episode, KeyDate, Production
from .phases import LIFECYCLE, Phase
from .roles import Role


@dataclass(frozen=True)
class DemoPerson:
    key: str
    username: str
    full_name: str
    role: Role
    department: str = ""
    company_role: str = ""


PEOPLE = (
    DemoPerson(
        "producer", "camille", "Camille Roux", Role.PRODUCER, company_role=CompanyMembership.Role.ADMIN
    ),
    DemoPerson(
        "line_producer",
        "yann",
        "Yann Le Gall",
        Role.LINE_PRODUCER,
        department="Production",
        company_role=CompanyMembership.Role.MEMBER,
    ),
    DemoPerson(
        "accountant",
        "nadia",
        "Nadia Benali",
        Role.PRODUCTION_ACCOUNTANT,
        department="Comptabilité",
        company_role=CompanyMembership.Role.MEMBER,
    ),
    DemoPerson("director", "lea", "Léa Fontaine", Role.DIRECTOR, department="Réalisation"),
    DemoPerson("crew", "hugo", "Hugo Martin", Role.CREW, department="Image"),
    DemoPerson("financier", "sophie", "Sophie Marchand", Role.FINANCIER),
)

COMPANY = {
    "name": "Films du Contre-Jour",
    "legal_form": Company.LegalForm.SAS,
    "registration_number": "847319258",
    "country": "FR",
    "default_currency": "EUR",
}

SHORT_FILM = {
    "title": "Le Dernier Bac",
    "working_title": "La Traversée",
    "international_title": "The Last Ferry",
    "kind": Production.Kind.SHORT,
    "countries": ["FR"],
    "languages": ["fr", "br"],
    "genre": "Drame",
    "target_runtime_minutes": 20,
    "logline": (
        "Sur une île du Finistère, le soir où le bac cesse de circuler pour toujours, "
        "Maryvonne, sa dernière passeuse, doit décider qui elle emmène pour l'ultime traversée."
    ),
    "international_logline": (
        "On an island off Brittany, the night the ferry stops running for good, Maryvonne, "
        "its last pilot, must choose who comes along on the final crossing."
    ),
    "synopsis": (
        "Depuis trente ans, Maryvonne Kerhervé conduit le petit bac qui relie l'île de Trévénec "
        "au continent. Le département a voté la construction d'un pont ; demain matin, le bac "
        "sera désarmé. Pour sa dernière traversée, à la tombée de la nuit, il ne reste que six "
        "places à bord et l'île entière veut en être : le maire qui a défendu le pont, "
        "Gwenaël, le fils qui ne lui parle plus depuis qu'il est parti vivre à Brest, et Inès, "
        "une adolescente qui cherche à quitter l'île sans que personne ne le sache. Pendant "
        "que la marée monte, Maryvonne comprend que choisir ses passagers, c'est choisir ce "
        "qu'elle laisse derrière elle."
    ),
}

SHORT_FILM_TEAM = ("line_producer", "accountant", "director", "crew", "financier")

SHORT_FILM_DATES = (
    (KeyDate.Kind.DEVELOPMENT_START, dt.date(2026, 1, 12), ""),
    (KeyDate.Kind.FINANCING_CLOSE, dt.date(2026, 10, 30), ""),
    (KeyDate.Kind.PREP_START, dt.date(2026, 11, 16), ""),
    (KeyDate.Kind.SHOOT_START, dt.date(2027, 2, 15), ""),
    (KeyDate.Kind.SHOOT_END, dt.date(2027, 2, 20), ""),
    (KeyDate.Kind.PICTURE_LOCK, dt.date(2027, 5, 7), ""),
    (KeyDate.Kind.DELIVERY, dt.date(2027, 6, 18), ""),
)

SERIES = {
    "title": "Les Veilleurs du Port",
    "international_title": "Harbour Watch",
    "kind": Production.Kind.SERIES,
    "countries": ["FR"],
    "languages": ["fr"],
    "genre": "Comédie dramatique",
    "target_runtime_minutes": 26,
    "logline": (
        "Trois retraités de la SNSM reprennent du service bénévole dans un port breton où "
        "plus personne ne sait ce que « veiller » veut dire."
    ),
    "international_logline": (
        "Three retired lifeboat volunteers go back on duty in a Breton harbour where nobody "
        "remembers what keeping watch means."
    ),
}

SERIES_EPISODES = (
    (1, "Coefficient 118", 26),
    (2, "Brume de chaleur", 26),
    (3, "Le Feu vert", 27),
)

SERIES_TEAM = ("line_producer", "director")


# --- Helpers ----------------------------------------------------------------------------


def _demo_user(person: DemoPerson) -> User:
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = User.objects.create_user(
            username=person.username,
            email=f"{person.username}@contre-jour.example",
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            first_name=person.full_name.split()[0],
            last_name=person.full_name.split(maxsplit=1)[1],
            language="fr",
        )
    return user


def _production(company: Company, producer: User, fields: dict[str, Any]) -> Production:
    production = Production.objects.filter(company=company, title=fields["title"]).first()
    if production is None:
        production = create_production(acting_user=producer, company=company, **fields)
    return production


def _advance_to(production: Production, target: Phase, acting_user: User) -> Production:
    """Walk the lifecycle one step at a time, as a producer would, up to ``target``."""
    while LIFECYCLE.index(Phase(production.phase)) < LIFECYCLE.index(target):
        following = LIFECYCLE[LIFECYCLE.index(Phase(production.phase)) + 1]
        production = change_phase(production, acting_user=acting_user, phase=following)
    return production


def _add_team(production: Production, producer: User, users: dict[str, User], keys: tuple[str, ...]) -> None:
    present = set(production.members.values_list("user_id", flat=True))
    people = {person.key: person for person in PEOPLE}
    for key in keys:
        user = users[key]
        if user.pk in present:
            continue
        invite_member(
            production,
            acting_user=producer,
            email=user.email,
            role=people[key].role,
            department=people[key].department,
        )


# --- Parts ------------------------------------------------------------------------------


@demo_part(order=10)
def people_and_company(context: DemoContext) -> None:
    """The production company, its staff and the people the productions work with."""
    users = {person.key: _demo_user(person) for person in PEOPLE}
    producer = users["producer"]
    company = Company.objects.filter(registration_number=COMPANY["registration_number"]).first()
    if company is None:
        company = create_company(acting_user=producer, **COMPANY)
    members = set(company.memberships.values_list("user_id", flat=True))
    for person in PEOPLE:
        if person.company_role and users[person.key].pk not in members:
            add_company_member(
                company, acting_user=producer, user=users[person.key], role=person.company_role
            )
    with translation.override("en"):  # the command prints its summary in English
        for person in PEOPLE:
            description = f"{person.full_name}, {str(person.role.label).lower()}"
            if person.company_role == CompanyMembership.Role.ADMIN:
                description += f" and administrator of {company.name}"
            context.add_login(person.username, description)
    context.objects["company"] = company
    context.objects["users"] = users


@demo_part(order=100)
def short_film(context: DemoContext) -> None:
    """« Le Dernier Bac », a 20-minute short in pre-production, with its team and dates."""
    users: dict[str, User] = context.objects["users"]
    producer = users["producer"]
    production = _production(context.objects["company"], producer, SHORT_FILM)
    production = _advance_to(production, Phase.PRE_PRODUCTION, producer)
    _add_team(production, producer, users, SHORT_FILM_TEAM)
    current = {key_date.kind: key_date for key_date in production.key_dates.all()}
    for kind, date, label in SHORT_FILM_DATES:
        existing = current.get(kind)
        if existing is None or existing.date != date:
            set_key_date(production, acting_user=producer, kind=kind, date=date, label=label)
    context.objects["short_film"] = production


@demo_part(order=110)
def series(context: DemoContext) -> None:
    """« Les Veilleurs du Port », a three-episode series being financed."""
    users: dict[str, User] = context.objects["users"]
    producer = users["producer"]
    production = _production(context.objects["company"], producer, SERIES)
    production = _advance_to(production, Phase.FINANCING, producer)
    _add_team(production, producer, users, SERIES_TEAM)
    numbers = set(Episode.objects.filter(production=production).values_list("number", flat=True))
    for number, title, minutes in SERIES_EPISODES:
        if number not in numbers:
            create_episode(
                production, acting_user=producer, number=number, title=title, target_runtime_minutes=minutes
            )
    context.objects["series"] = production
