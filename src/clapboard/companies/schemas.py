"""API shapes for companies and their members."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from clapboard.core.schemas import UserRef

from .models import Company, CompanyMembership

LegalForm = Literal[(*Company.LegalForm.values, "")]  # type: ignore[valid-type]
MembershipRole = Literal[tuple(CompanyMembership.Role.values)]  # type: ignore[valid-type]


class CompanyOut(Schema):
    id: int
    name: str
    legal_form: str
    registration_number: str
    country: str
    default_currency: str
    version: int
    role: str | None = Field(description="The caller's role in the company: admin or member.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_role(obj: Company) -> str | None:
        return getattr(obj, "member_role", None)


class CompanyCreate(Schema):
    name: str = Field(min_length=1, max_length=200)
    legal_form: LegalForm = ""
    registration_number: str = Field("", max_length=32)
    country: str = Field("FR", description="ISO 3166 code, two capital letters.")
    default_currency: str = Field("EUR", description="ISO 4217 code, three capital letters.")


class CompanyUpdate(Schema):
    """Send only the fields to change, with the ``version`` you read."""

    version: int = Field(description="The version you read; a stale one is refused with 409.")
    name: str = Field(None, min_length=1, max_length=200)
    legal_form: LegalForm = None
    registration_number: str = Field(None, max_length=32)
    country: str = None
    default_currency: str = None


class CompanyMemberOut(Schema):
    id: int
    user: UserRef
    email: str
    role: str
    created_at: dt.datetime

    @staticmethod
    def resolve_email(obj: CompanyMembership) -> str:
        return str(obj.user.email)


class CompanyMemberAdd(Schema):
    email: str = Field(min_length=3, max_length=254, description="The e-mail address of an existing account.")
    role: MembershipRole = "member"
