"""API operations on productions: the production itself, its phase, team, episodes and key dates.

Each operation names the capability it needs (``production_operation``); the production
is resolved and checked before anything else, then the view calls one action.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from clapboard.accounts.api_access import user_operation
from clapboard.companies.access import companies_visible_to
from clapboard.core.api_errors import error_responses
from clapboard.core.pagination import LimitOffsetPage

from . import actions
from .api_access import production_of, production_operation
from .models import Episode, Invitation, Production, ProductionMember
from .roles import Capability, Role
from .schemas import (
    EpisodeCreate,
    EpisodeOut,
    EpisodeUpdate,
    InviteOut,
    KeyDateOut,
    KeyDateSet,
    MemberInvite,
    MemberOut,
    MemberUpdate,
    PhaseChange,
    PhaseName,
    ProductionCreate,
    ProductionKind,
    ProductionOut,
    ProductionUpdate,
)

router = Router()

BODY_ERRORS = (400, 413, 422)
SCOPED_ERRORS = (401, 403, 404, 422)  # 422: a path id that is not a number


def _acting_user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _with_role(production: Production, role: str | None) -> Production:
    production.member_role = role  # type: ignore[attr-defined]
    return production


# --- Productions -----------------------------------------------------------------------


class ProductionFilters(Schema):
    company_id: int | None = None
    phase: PhaseName | None = None
    kind: ProductionKind | None = None


@router.get(
    "/productions",
    response={200: list[ProductionOut], **error_responses(401, 422)},
    tags=["productions"],
    summary="Productions the caller is a member of",
    **user_operation(),
)
@paginate(LimitOffsetPage)
def list_productions(request: HttpRequest, filters: Query[ProductionFilters]) -> Any:
    user = _acting_user(request)
    productions = Production.objects.visible_with_role(user).select_related("company")
    if filters.company_id is not None:
        productions = productions.filter(company_id=filters.company_id)
    if filters.phase is not None:
        productions = productions.filter(phase=filters.phase)
    if filters.kind is not None:
        productions = productions.filter(kind=filters.kind)
    return productions.order_by("title", "id")


@router.post(
    "/productions",
    response={201: ProductionOut, **error_responses(401, *BODY_ERRORS)},
    tags=["productions"],
    summary="Create a production in one of the caller's companies; the caller becomes its producer",
    **user_operation(),
)
def create_production(request: HttpRequest, payload: ProductionCreate) -> Any:
    user = _acting_user(request)
    fields = payload.dict(exclude_unset=True)
    company = companies_visible_to(user).filter(pk=fields.pop("company_id")).first()
    if company is None:
        raise ValidationError({"company_id": _("You can create productions only in your own companies.")})
    production = actions.create_production(acting_user=user, company=company, **fields)
    return Status(201, _with_role(production, Role.PRODUCER))


@router.get(
    "/productions/{production_id}",
    response={200: ProductionOut, **error_responses(*SCOPED_ERRORS)},
    tags=["productions"],
    summary="One production",
    **production_operation(Capability.VIEW),
)
def get_production(request: HttpRequest, production_id: int) -> Any:
    access = production_of(request)
    return _with_role(access.production, access.role)


@router.patch(
    "/productions/{production_id}",
    response={200: ProductionOut, **error_responses(*SCOPED_ERRORS, 409, *BODY_ERRORS)},
    tags=["productions"],
    summary="Change a production; send only the changed fields and the version you read",
    **production_operation(Capability.EDIT),
)
def update_production(request: HttpRequest, production_id: int, payload: ProductionUpdate) -> Any:
    access = production_of(request)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    production = actions.update_production(
        access.production, acting_user=_acting_user(request), expected_version=version, **changes
    )
    return _with_role(production, access.role)


@router.post(
    "/productions/{production_id}/phase",
    response={200: ProductionOut, **error_responses(*SCOPED_ERRORS, 409, *BODY_ERRORS)},
    tags=["productions"],
    summary="Move the production to another phase; a refused move answers 422 with the reason",
    **production_operation(Capability.APPROVE),
)
def change_phase(request: HttpRequest, production_id: int, payload: PhaseChange) -> Any:
    access = production_of(request)
    production = actions.change_phase(
        access.production,
        acting_user=_acting_user(request),
        phase=payload.phase,
        expected_version=payload.version,
        note=payload.note,
    )
    return _with_role(production, access.role)


# --- Team ------------------------------------------------------------------------------


def _member(request: HttpRequest, member_id: int) -> ProductionMember:
    production = production_of(request).production
    member = production.members.select_related("user", "production").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def _invitation_link(request: HttpRequest, raw_token: str) -> str:
    try:
        path = reverse("accounts:invitation_accept", kwargs={"token": raw_token})
    except NoReverseMatch:
        path = f"/invitations/{raw_token}/"
    return request.build_absolute_uri(path)


@router.get(
    "/productions/{production_id}/members",
    response={200: list[MemberOut], **error_responses(*SCOPED_ERRORS)},
    tags=["members"],
    summary="The production's team",
    **production_operation(Capability.VIEW),
)
def list_members(request: HttpRequest, production_id: int) -> Any:
    production = production_of(request).production
    return production.members.select_related("user").in_team_order()


@router.post(
    "/productions/{production_id}/members",
    response={201: InviteOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["members"],
    summary="Add a person with an account at once, or invite anyone else by e-mail",
    description=(
        "When nobody has an account with this address, an invitation is e-mailed and its link is "
        "returned once, in this response; it is not stored and cannot be read again."
    ),
    **production_operation(Capability.MANAGE_MEMBERS),
)
def invite_member(request: HttpRequest, production_id: int, payload: MemberInvite) -> Any:
    production = production_of(request).production
    links: dict[str, str] = {}

    def build_link(raw_token: str) -> str:
        links["link"] = _invitation_link(request, raw_token)
        return links["link"]

    outcome = actions.invite_member(
        production,
        acting_user=_acting_user(request),
        email=payload.email,
        role=payload.role,
        department=payload.department,
        invite_url_builder=build_link,
    )
    if isinstance(outcome, Invitation):
        invitation = {
            "id": outcome.pk,
            "email": outcome.email,
            "role": outcome.role,
            "department": outcome.department,
            "expires_at": outcome.expires_at,
            "link": links["link"],
        }
        return Status(201, {"outcome": "invitation", "member": None, "invitation": invitation})
    return Status(201, {"outcome": "member", "member": outcome, "invitation": None})


@router.patch(
    "/productions/{production_id}/members/{member_id}",
    response={200: MemberOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["members"],
    summary="Change a member's role or department",
    **production_operation(Capability.MANAGE_MEMBERS),
)
def update_member(request: HttpRequest, production_id: int, member_id: int, payload: MemberUpdate) -> Any:
    member = _member(request, member_id)
    changes = payload.dict(exclude_unset=True)
    return actions.change_member_role(
        member,
        acting_user=_acting_user(request),
        role=changes.get("role") or member.role,
        department=changes.get("department"),
    )


@router.delete(
    "/productions/{production_id}/members/{member_id}",
    response={204: None, **error_responses(*SCOPED_ERRORS)},
    tags=["members"],
    summary="Remove a member from the production",
    **production_operation(Capability.MANAGE_MEMBERS),
)
def remove_member(request: HttpRequest, production_id: int, member_id: int) -> Any:
    actions.remove_member(_member(request, member_id), acting_user=_acting_user(request))
    return Status(204, None)


# --- Episodes --------------------------------------------------------------------------


def _episode(request: HttpRequest, episode_id: int) -> Episode:
    production = production_of(request).production
    episode = production.episodes.filter(pk=episode_id).first()
    if episode is None:
        raise Http404
    episode.production = production  # already loaded; spares the audit a query
    return episode


@router.get(
    "/productions/{production_id}/episodes",
    response={200: list[EpisodeOut], **error_responses(*SCOPED_ERRORS)},
    tags=["episodes"],
    summary="Episodes of a series, in order",
    **production_operation(Capability.VIEW),
)
def list_episodes(request: HttpRequest, production_id: int) -> Any:
    return production_of(request).production.episodes.order_by("number")


@router.post(
    "/productions/{production_id}/episodes",
    response={201: EpisodeOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["episodes"],
    summary="Add an episode (series only)",
    **production_operation(Capability.EDIT),
)
def create_episode(request: HttpRequest, production_id: int, payload: EpisodeCreate) -> Any:
    production = production_of(request).production
    episode = actions.create_episode(production, acting_user=_acting_user(request), **payload.dict())
    return Status(201, episode)


@router.get(
    "/productions/{production_id}/episodes/{episode_id}",
    response={200: EpisodeOut, **error_responses(*SCOPED_ERRORS)},
    tags=["episodes"],
    summary="One episode",
    **production_operation(Capability.VIEW),
)
def get_episode(request: HttpRequest, production_id: int, episode_id: int) -> Any:
    return _episode(request, episode_id)


@router.patch(
    "/productions/{production_id}/episodes/{episode_id}",
    response={200: EpisodeOut, **error_responses(*SCOPED_ERRORS, 409, *BODY_ERRORS)},
    tags=["episodes"],
    summary="Change an episode; send only the changed fields and the version you read",
    **production_operation(Capability.EDIT),
)
def update_episode(request: HttpRequest, production_id: int, episode_id: int, payload: EpisodeUpdate) -> Any:
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    return actions.update_episode(
        _episode(request, episode_id), acting_user=_acting_user(request), expected_version=version, **changes
    )


@router.delete(
    "/productions/{production_id}/episodes/{episode_id}",
    response={204: None, **error_responses(*SCOPED_ERRORS)},
    tags=["episodes"],
    summary="Delete an episode",
    **production_operation(Capability.EDIT),
)
def delete_episode(request: HttpRequest, production_id: int, episode_id: int) -> Any:
    actions.delete_episode(_episode(request, episode_id), acting_user=_acting_user(request))
    return Status(204, None)


# --- Key dates -------------------------------------------------------------------------


@router.get(
    "/productions/{production_id}/key-dates",
    response={200: list[KeyDateOut], **error_responses(*SCOPED_ERRORS)},
    tags=["key dates"],
    summary="The production's milestones, by date",
    **production_operation(Capability.VIEW),
)
def list_key_dates(request: HttpRequest, production_id: int) -> Any:
    return production_of(request).production.key_dates.order_by("date", "id")


@router.post(
    "/productions/{production_id}/key-dates",
    response={200: KeyDateOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["key dates"],
    summary="Set a milestone",
    description=(
        "Standard milestones exist once per production: setting one again replaces its date. "
        "Milestones of kind `other` are added each time."
    ),
    **production_operation(Capability.EDIT),
)
def set_key_date(request: HttpRequest, production_id: int, payload: KeyDateSet) -> Any:
    production = production_of(request).production
    return actions.set_key_date(production, acting_user=_acting_user(request), **payload.dict())


@router.delete(
    "/productions/{production_id}/key-dates/{key_date_id}",
    response={204: None, **error_responses(*SCOPED_ERRORS)},
    tags=["key dates"],
    summary="Delete a milestone",
    **production_operation(Capability.EDIT),
)
def delete_key_date(request: HttpRequest, production_id: int, key_date_id: int) -> Any:
    production = production_of(request).production
    key_date = production.key_dates.filter(pk=key_date_id).first()
    if key_date is None:
        raise Http404
    key_date.production = production
    actions.delete_key_date(key_date, acting_user=_acting_user(request))
    return Status(204, None)
