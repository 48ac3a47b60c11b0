"""Builders for test data that go through the real actions (so audit rows exist too)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from clapboard.accounts.models import User
from clapboard.companies.actions import create_company
from clapboard.companies.models import Company
from clapboard.engines.breakdown import suggest
from clapboard.engines.screenplay import parse_screenplay
from clapboard.productions.actions import create_production
from clapboard.productions.models import Production, ProductionMember
from clapboard.productions.roles import Role
from clapboard.scripts.actions import create_script
from clapboard.scripts.versions import DraftDetails, save_version

PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def make_user(username: str | None = None, **fields: Any) -> User:
    username = username or f"user{next(_counter)}"
    fields.setdefault("email", f"{username}@example.org")
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


def make_company(owner: User, **fields: Any) -> Company:
    fields.setdefault("name", f"Company {next(_counter)}")
    return create_company(acting_user=owner, **fields)


def make_production(owner: User, company: Company | None = None, **fields: Any) -> Production:
    company = company or make_company(owner)
    fields.setdefault("title", f"Production {next(_counter)}")
    return create_production(acting_user=owner, company=company, **fields)


def add_member(production: Production, role: Role | str, user: User | None = None) -> User:
    user = user or make_user()
    ProductionMember.objects.create(production=production, user=user, role=role)
    return user


SMALL_SCRIPT = """Title: Petit essai

INT. CUISINE - JOUR

MARIE pose une valise sur la table. Un CHIEN aboie dehors.

MARIE
Tu pars quand ?

PAUL (OFF)
Demain, avec la voiture.

EXT. JARDIN - NUIT

Paul fume sous la pluie. Un pétard éclate au loin.

PAUL
Bonne nuit.
"""


def make_script(production: Production, owner: User, text: str = SMALL_SCRIPT, **details: Any) -> Any:
    """A script with one imported version, saved the way the import job saves it."""
    script = create_script(production, acting_user=owner, title=details.pop("title", "Essai"))
    import_draft(script, owner, text, **details)
    script.refresh_from_db()
    return script


def import_draft(script: Any, owner: User, text: str, **details: Any) -> Any:
    """Import ``text`` as the next version of ``script`` (no background job)."""
    screenplay = parse_screenplay(text, source_name=details.get("source_name", "essai.fountain"))
    draft = DraftDetails(
        label=details.get("label", ""),
        colour=details.get("colour", "white"),
        revision_date=details.get("revision_date", dt.date(2026, 11, 1)),
        source_name=details.get("source_name", "essai.fountain"),
        source_path="",
        paper="letter",
    )
    return save_version(script, screenplay, suggest(screenplay), draft, acting_user=owner)
