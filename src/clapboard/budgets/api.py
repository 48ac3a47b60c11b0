"""API operations on budgets: list the versions, import a budget file, read a version's
totals or its whole budget, edit a line (with its version), change a version's status.

Each operation names the capability it needs; the whole budget holds every salary, so it
needs the right to see them, as the line edits of salary lines do.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.responses import Status

from clapboard.core.api_errors import error_responses
from clapboard.engines.budget import totals_to_json
from clapboard.engines.budget.money import format_amount
from clapboard.productions.api_access import production_of, production_operation
from clapboard.productions.roles import Capability

from . import actions
from .calculation import calculate
from .models import BudgetVersion, Line
from .schemas import BudgetImportIn, LineEditIn, LineEditOut, StatusIn, VersionOut

router = Router()

BODY_ERRORS = (400, 413, 422)
SCOPED_ERRORS = (401, 403, 404, 422)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _version(request: HttpRequest, version_id: int) -> BudgetVersion:
    return get_object_or_404(
        BudgetVersion.objects.select_related("budget__production"),
        pk=version_id,
        budget__production=production_of(request).production,
    )


def _version_out(version: BudgetVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "budget_id": version.budget_id,
        "budget_name": version.budget.name,
        "number": version.number,
        "label": version.label,
        "status": version.status,
        "currency": version.currency,
        "schedule_id": version.schedule_id,
        "subtotal": format_amount(version.subtotal),
        "grand_total": format_amount(version.grand_total),
        "version": version.version,
        "updated_at": version.updated_at,
    }


@router.get(
    "/productions/{production_id}/budget-versions",
    response={200: list[VersionOut], **error_responses(*SCOPED_ERRORS)},
    tags=["budgets"],
    summary="Every version of the production's budgets, newest first per budget",
    **production_operation(Capability.VIEW),
)
def list_budget_versions(request: HttpRequest, production_id: int) -> Any:
    versions = BudgetVersion.objects.filter(budget__production=production_of(request).production)
    return [
        _version_out(version)
        for version in versions.select_related("budget").order_by("budget_id", "-number")
    ]


@router.post(
    "/productions/{production_id}/budget-versions",
    response={201: VersionOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["budgets"],
    summary="Import a budget in the JSON format as a new budget (nothing saved when a field is wrong)",
    **production_operation(Capability.EDIT),
)
def import_budget_version(request: HttpRequest, production_id: int, payload: BudgetImportIn) -> Any:
    version = actions.import_budget(
        production_of(request).production, payload.budget, acting_user=_user(request), name=payload.name
    )
    return Status(201, _version_out(version))


@router.get(
    "/productions/{production_id}/budget-versions/{version_id}/totals",
    response={200: dict[str, Any], **error_responses(*SCOPED_ERRORS)},
    tags=["budgets"],
    summary="A version's totals by account, chapter, group, department, French/foreign and fringe",
    **production_operation(Capability.VIEW),
)
def get_budget_totals(request: HttpRequest, production_id: int, version_id: int) -> Any:
    result = calculate(_version(request, version_id))
    return totals_to_json(result.budget, result.totals)


@router.get(
    "/productions/{production_id}/budget-versions/{version_id}/budget",
    response={200: dict[str, Any], **error_responses(*SCOPED_ERRORS)},
    tags=["budgets"],
    summary="A version as a budget file (the JSON format), every line and salary included",
    **production_operation(Capability.SEE_SENSITIVE),
)
def get_budget_file(request: HttpRequest, production_id: int, version_id: int) -> Any:
    return actions.export_json(_version(request, version_id))


@router.patch(
    "/productions/{production_id}/budget-versions/{version_id}/lines/{line_id}",
    response={200: LineEditOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS, 409)},
    tags=["budgets"],
    summary="Change a line (quantity, rate… as numbers or expressions); a stale line version gets 409",
    **production_operation(Capability.EDIT),
)
def edit_budget_line(
    request: HttpRequest, production_id: int, version_id: int, line_id: int, payload: LineEditIn
) -> Any:
    version = _version(request, version_id)
    line = get_object_or_404(Line.objects.select_related("account"), pk=line_id, budget_version=version)
    if line.is_salary and not production_of(request).can(Capability.SEE_SENSITIVE):
        raise PermissionDenied("This line is a salary: your role does not show salaries.")
    changes = payload.dict(exclude_none=True, exclude={"version"})
    edit = actions.edit_line(line, acting_user=_user(request), expected_version=payload.version, **changes)
    result = edit.calculated if edit.calculated is not None else calculate(version)
    saved = edit.line
    figures = result.totals.lines[saved.key]
    return {
        "line": {
            "id": saved.pk,
            "key": saved.key,
            "account": saved.account.number,
            "description": saved.description,
            "quantity": saved.quantity,
            "unit": saved.unit,
            "rate": saved.rate,
            "multiplier": saved.multiplier,
            "total": format_amount(figures.total),
            "version": saved.version,
        },
        "totals": totals_to_json(result.budget, result.totals),
    }


@router.post(
    "/productions/{production_id}/budget-versions/{version_id}/status",
    response={200: VersionOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS, 409)},
    tags=["budgets"],
    summary="Submit a version, approve and lock it (approve capability), or send it back to work",
    **production_operation(Capability.EDIT),
)
def change_budget_status(request: HttpRequest, production_id: int, version_id: int, payload: StatusIn) -> Any:
    if payload.status != "submitted":
        production_of(request).require(Capability.APPROVE)
    version = actions.change_status(
        _version(request, version_id),
        payload.status,
        acting_user=_user(request),
        expected_version=payload.version,
    )
    return _version_out(version)
