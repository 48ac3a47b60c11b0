"""API operations on companies: the ones the caller belongs to, and their members."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from clapboard.accounts.api_access import user_operation
from clapboard.core.api_errors import error_responses

from . import actions
from .access import companies_with_role
from .api_access import company_of, company_operation
from .models import Company, CompanyMembership
from .schemas import CompanyCreate, CompanyMemberAdd, CompanyMemberOut, CompanyOut, CompanyUpdate

router = Router(tags=["companies"])

BODY_ERRORS = (400, 413, 422)


@router.get(
    "/companies",
    response={200: list[CompanyOut], **error_responses(401)},
    summary="Companies the caller belongs to",
    **user_operation(),
)
def list_companies(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return companies_with_role(user)


@router.post(
    "/companies",
    response={201: CompanyOut, **error_responses(401, *BODY_ERRORS)},
    summary="Create a company; the caller becomes its administrator",
    **user_operation(),
)
def create_company(request: HttpRequest, payload: CompanyCreate) -> Any:
    company = actions.create_company(acting_user=request.auth, **payload.dict())  # type: ignore[attr-defined]
    company.member_role = CompanyMembership.Role.ADMIN  # type: ignore[attr-defined]
    return Status(201, company)


def _with_role(company: Company, role: str) -> Company:
    company.member_role = role  # type: ignore[attr-defined]
    return company


@router.get(
    "/companies/{company_id}",
    response={200: CompanyOut, **error_responses(401, 404, 422)},
    summary="One company",
    **company_operation(admin=False),
)
def get_company(request: HttpRequest, company_id: int) -> Any:
    return _with_role(*company_of(request))


@router.patch(
    "/companies/{company_id}",
    response={200: CompanyOut, **error_responses(401, 403, 404, 409, *BODY_ERRORS)},
    summary="Change a company (administrators); send the version you read",
    **company_operation(admin=True),
)
def update_company(request: HttpRequest, company_id: int, payload: CompanyUpdate) -> Any:
    company, role = company_of(request)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    company = actions.update_company(
        company,
        acting_user=request.auth,  # type: ignore[attr-defined]
        expected_version=version,
        **changes,
    )
    return _with_role(company, role)


@router.get(
    "/companies/{company_id}/members",
    response={200: list[CompanyMemberOut], **error_responses(401, 403, 404, 422)},
    summary="The company's members (administrators)",
    **company_operation(admin=True),
)
def list_company_members(request: HttpRequest, company_id: int) -> Any:
    company, _role = company_of(request)
    return company.memberships.select_related("user").order_by("user__username")


@router.post(
    "/companies/{company_id}/members",
    response={201: CompanyMemberOut, **error_responses(401, 403, 404, *BODY_ERRORS)},
    summary="Add an existing account to the company, or change its role (administrators)",
    **company_operation(admin=True),
)
def add_company_member(request: HttpRequest, company_id: int, payload: CompanyMemberAdd) -> Any:
    company, _role = company_of(request)
    email = payload.email.strip()
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No active account uses this e-mail address.")})
    membership = actions.add_company_member(
        company,
        acting_user=request.auth,  # type: ignore[attr-defined]
        user=user,
        role=payload.role,
    )
    return Status(201, membership)
