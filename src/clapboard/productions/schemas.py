"""API shapes for productions, their team, episodes and key dates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from clapboard.core.schemas import UserRef

from .models import KeyDate, Production
from .phases import Phase, allowed_transitions
from .roles import Role

ProductionKind = Literal[tuple(Production.Kind.values)]  # type: ignore[valid-type]
PhaseName = Literal[tuple(Phase.values)]  # type: ignore[valid-type]
RoleName = Literal[tuple(Role.values)]  # type: ignore[valid-type]
KeyDateKind = Literal[tuple(KeyDate.Kind.values)]  # type: ignore[valid-type]


class CompanyRef(Schema):
    id: int
    name: str


class ProductionOut(Schema):
    id: int
    company: CompanyRef
    title: str
    working_title: str
    international_title: str
    kind: str
    phase: str
    allowed_phases: list[str] = Field(description="Phases the production can move to from here.")
    currency: str
    countries: list[str]
    languages: list[str]
    genre: str
    target_runtime_minutes: int | None
    logline: str
    international_logline: str
    synopsis: str
    role: str | None = Field(description="The caller's role on the production.")
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_allowed_phases(obj: Production) -> list[str]:
        before = Phase(obj.phase_before_archive) if obj.phase_before_archive else None
        return [phase.value for phase in allowed_transitions(Phase(obj.phase), before)]

    @staticmethod
    def resolve_role(obj: Production) -> str | None:
        return getattr(obj, "member_role", None)


class ProductionFields(Schema):
    working_title: str = Field("", max_length=200)
    international_title: str = Field("", max_length=200)
    kind: ProductionKind = "feature"
    currency: str | None = Field(None, description="ISO 4217 code; the company's currency when omitted.")
    countries: list[str] = Field(default_factory=list, description="ISO 3166 codes.")
    languages: list[str] = Field(default_factory=list, description="ISO 639 codes.")
    genre: str = Field("", max_length=100)
    target_runtime_minutes: int | None = Field(None, ge=0)
    logline: str = ""
    international_logline: str = ""
    synopsis: str = ""


class ProductionCreate(ProductionFields):
    company_id: int = Field(description="One of the caller's companies.")
    title: str = Field(min_length=1, max_length=200)


class ProductionUpdate(Schema):
    """Send only the fields to change, with the ``version`` you read."""

    version: int = Field(description="The version you read; a stale one is refused with 409.")
    title: str = Field(None, min_length=1, max_length=200)
    working_title: str = Field(None, max_length=200)
    international_title: str = Field(None, max_length=200)
    kind: ProductionKind = None
    currency: str = None
    countries: list[str] = None
    languages: list[str] = None
    genre: str = Field(None, max_length=100)
    target_runtime_minutes: int | None = Field(None, ge=0)
    logline: str = None
    international_logline: str = None
    synopsis: str = None


class PhaseChange(Schema):
    phase: PhaseName
    version: int | None = Field(None, description="The version you read; a stale one is refused with 409.")
    note: str = Field("", max_length=1000, description="Why, for the activity feed.")


class MemberOut(Schema):
    id: int
    user: UserRef
    role: str
    department: str
    created_at: dt.datetime


class MemberInvite(Schema):
    email: str = Field(min_length=3, max_length=254)
    role: RoleName
    department: str = Field("", max_length=100)


class MemberUpdate(Schema):
    role: RoleName = None
    department: str = Field(None, max_length=100)


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    department: str
    expires_at: dt.datetime
    link: str = Field(description="The invitation link; shown only in this response.")


class InviteOut(Schema):
    """An existing account is added at once (``member``); anyone else is invited (``invitation``)."""

    outcome: Literal["member", "invitation"]
    member: MemberOut | None
    invitation: InvitationOut | None


class EpisodeOut(Schema):
    id: int
    number: int
    title: str
    target_runtime_minutes: int | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class EpisodeCreate(Schema):
    number: int = Field(ge=0)
    title: str = Field("", max_length=200)
    target_runtime_minutes: int | None = Field(None, ge=0)


class EpisodeUpdate(Schema):
    version: int = Field(description="The version you read; a stale one is refused with 409.")
    number: int = Field(None, ge=0)
    title: str = Field(None, max_length=200)
    target_runtime_minutes: int | None = Field(None, ge=0)


class KeyDateOut(Schema):
    id: int
    kind: str
    label: str
    date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime


class KeyDateSet(Schema):
    kind: KeyDateKind
    date: dt.date
    label: str = Field("", max_length=120)
