"""API operations on financing plans: list a production's plans, read a plan as the
engine's JSON, check it (with sources said no), add a source and change one (its status,
amount or expected date, with its version).

A plan holds no salary: reading needs the view capability, changing a source the edit
capability.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import Status

from clapboard.core.api_errors import error_responses
from clapboard.engines.budget.money import format_amount
from clapboard.engines.financing import FinancingError, check_to_json, write_plan
from clapboard.productions.api_access import production_of, production_operation
from clapboard.productions.roles import Capability

from . import actions
from .calculation import check, engine_plan
from .models import FinancingPlan, Source
from .schemas import CheckFilters, PlanOut, SourceEditIn, SourceIn, SourceOut

router = Router()

BODY_ERRORS = (400, 413, 422)
SCOPED_ERRORS = (401, 403, 404, 422)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _plan(request: HttpRequest, plan_id: int) -> FinancingPlan:
    return get_object_or_404(
        FinancingPlan.objects.select_related("production", "budget_version__budget"),
        pk=plan_id,
        production=production_of(request).production,
    )


def _source_out(source: Source) -> dict[str, Any]:
    return {
        "id": source.pk,
        "engine_id": source.engine_id,
        "type": source.type,
        "partner": source.partner,
        "amount": None if source.amount is None else format_amount(source.amount),
        "currency": source.currency,
        "status": source.status,
        "secured": source.secured,
        "expected_date": source.expected_date,
        "country": source.country,
        "version": source.version,
    }


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _refused(error: FinancingError) -> ValidationError:
    return ValidationError({error.path or "plan": [error.reason]})


@router.get(
    "/productions/{production_id}/financing-plans",
    response={200: list[PlanOut], **error_responses(*SCOPED_ERRORS)},
    tags=["financing"],
    summary="The production's financing plans",
    **production_operation(Capability.VIEW),
)
def list_financing_plans(request: HttpRequest, production_id: int) -> Any:
    plans = FinancingPlan.objects.filter(production=production_of(request).production).annotate(
        source_count=Count("sources")
    )
    return [
        {
            "id": plan.pk,
            "name": plan.name,
            "budget_version_id": plan.budget_version_id,
            "currency": plan.currency,
            "country": plan.country,
            "kind": plan.kind,
            "start": plan.start,
            "sources": plan.source_count,
            "version": plan.version,
            "updated_at": plan.updated_at,
        }
        for plan in plans.order_by("name", "id")
    ]


@router.get(
    "/productions/{production_id}/financing-plans/{plan_id}",
    response={200: dict[str, Any], **error_responses(*SCOPED_ERRORS)},
    tags=["financing"],
    summary="A plan in the financing JSON format (docs/financing-format.md), with the budget figures",
    **production_operation(Capability.VIEW),
)
def get_financing_plan(request: HttpRequest, production_id: int, plan_id: int) -> Any:
    try:
        return write_plan(engine_plan(_plan(request, plan_id)))
    except FinancingError as error:
        raise _refused(error) from error


@router.get(
    "/productions/{production_id}/financing-plans/{plan_id}/check",
    response={200: dict[str, Any], **error_responses(*SCOPED_ERRORS)},
    tags=["financing"],
    summary="Check a plan: coverage, gap, tax credits, rules and cash flow per scenario, "
    "without the sources named (engine ids such as s12)",
    **production_operation(Capability.VIEW),
)
def check_financing_plan(
    request: HttpRequest, production_id: int, plan_id: int, filters: Query[CheckFilters]
) -> Any:
    checked = check(_plan(request, plan_id), without=filters.without)
    if checked.result is None:
        raise ValidationError({"plan": [checked.error]})
    return check_to_json(checked.result)


@router.post(
    "/productions/{production_id}/financing-plans/{plan_id}/sources",
    response={201: SourceOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["financing"],
    summary="Add a source to a plan",
    **production_operation(Capability.EDIT),
)
def add_financing_source(request: HttpRequest, production_id: int, plan_id: int, payload: SourceIn) -> Any:
    plan = _plan(request, plan_id)
    fields = payload.dict()
    fields["amount"] = _decimal(payload.amount)
    fields["rights_share"] = _decimal(payload.rights_share)
    if not fields["currency"]:
        fields["currency"] = plan.currency
    source = actions.add_source(plan, acting_user=_user(request), **fields)
    return Status(201, _source_out(source))


@router.patch(
    "/productions/{production_id}/financing-plans/{plan_id}/sources/{source_id}",
    response={200: SourceOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS, 409)},
    tags=["financing"],
    summary="Change a source's status, amount or expected date; a stale source version gets 409",
    **production_operation(Capability.EDIT),
)
def update_financing_source(
    request: HttpRequest, production_id: int, plan_id: int, source_id: int, payload: SourceEditIn
) -> Any:
    plan = _plan(request, plan_id)
    source = get_object_or_404(Source, pk=source_id, plan=plan)
    source.plan = plan
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "amount" in changes:
        changes["amount"] = _decimal(changes["amount"])
    if changes.get("status", "") is None:
        raise ValidationError({"status": [_("A source always has a status.")]})
    saved = actions.update_source(
        source, acting_user=_user(request), expected_version=payload.version, **changes
    )
    return _source_out(saved)
