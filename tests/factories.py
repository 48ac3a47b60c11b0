"""Builders for test data that go through the real actions (so audit rows exist too)."""

from __future__ import annotations

import itertools
from typing import Any

from clapboard.accounts.models import User
from clapboard.companies.actions import create_company
from clapboard.companies.models import Company
from clapboard.productions.actions import create_production
from clapboard.productions.models import Production, ProductionMember
from clapboard.productions.roles import Role

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
