"""State changes of financing plans. Each validates, saves and writes its audit event in
one transaction. An edit names the version it was based on; a stale one raises
``EditConflict`` carrying the row as the other person saved it.

A source is checked by the engine's own field checks (``check_source``) against the
plan's currency, exchange rates and start, so a page refuses what a check would refuse.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import apply_edit, lock_for_update, save_edit
from clapboard.engines.financing import BudgetFigures, FinancingError, Plan
from clapboard.engines.financing.validate import check_plan_input, check_source

from .calculation import PHASE_FIELDS, PlanRows, check, engine_plan, engine_source
from .models import FinancingPlan, Genre, Scenario, Source, SourceStatus, WorkKind

PLAN_FIELDS = (
    "name",
    "exchange_rates",
    "country",
    "kind",
    "genre",
    "language",
    "foreign_language_justified",
    "duration_minutes",
    "first_or_second_film",
    "difficult",
    "youth",
    "foreign_production",
    "shooting_days_france",
    "start",
    "pre_production_start",
    "pre_production_end",
    "shooting_start",
    "shooting_end",
    "post_production_start",
    "post_production_end",
    "period",
    "bridge_rate",
    "notes",
)
SOURCE_FIELDS = (
    "type",
    "partner",
    "amount",
    "currency",
    "status",
    "expected_date",
    "actual_date",
    "is_public",
    "conditions",
    "recoups",
    "recoupment_notes",
    "credit",
    "country",
    "rights_share",
    "territory",
    "spend_obligation",
    "interest_rate",
    "instalments",
    "notes",
)


# Plans ------------------------------------------------------------------------------------


def defaults_for(production: Any) -> dict[str, Any]:
    """The work and phases a new plan starts from: the production's kind, runtime,
    language and key dates."""
    kind = {
        "short": WorkKind.SHORT,
        "series": WorkKind.AUDIOVISUAL,
        "tv_programme": WorkKind.AUDIOVISUAL,
    }.get(production.kind, WorkKind.CINEMA)
    genre = {"documentary": Genre.DOCUMENTARY, "animation": Genre.ANIMATION}.get(
        production.kind, Genre.FICTION
    )
    languages = list(production.languages or [])
    dates = {item.kind: item.date for item in production.key_dates.all()}
    values: dict[str, Any] = {
        "kind": kind,
        "genre": genre,
        "language": languages[0] if languages else "fr",
        "duration_minutes": production.target_runtime_minutes,
        "start": dates.get("development_start") or timezone.localdate(),
    }
    prep, shoot, shoot_end = dates.get("prep_start"), dates.get("shoot_start"), dates.get("shoot_end")
    lock = dates.get("picture_lock") or dates.get("delivery")
    if prep and shoot and prep < shoot:
        values["pre_production_start"], values["pre_production_end"] = prep, shoot - dt.timedelta(days=1)
    if shoot and shoot_end and shoot <= shoot_end:
        values["shooting_start"], values["shooting_end"] = shoot, shoot_end
        if lock and lock > shoot_end:
            values["post_production_start"] = shoot_end + dt.timedelta(days=1)
            values["post_production_end"] = lock
    return values


def _validate_plan(plan: FinancingPlan) -> None:
    plan.full_clean(exclude=["production", "budget_version"])
    for _phase, start_field, end_field in PHASE_FIELDS:
        start, end = getattr(plan, start_field), getattr(plan, end_field)
        if (start is None) != (end is None):
            raise ValidationError({end_field: _("Give both dates of the phase, or neither.")})
        if start is not None and end is not None:
            if end < start:
                raise ValidationError({end_field: _("The phase ends before it starts.")})
            if start < plan.start:
                raise ValidationError({start_field: _("The phase starts before the project starts.")})
    try:
        check_plan_input(_empty(plan))
    except FinancingError as error:
        raise ValidationError(str(error)) from error


def _empty(plan: FinancingPlan) -> Plan:
    """The plan without budget or sources, for the engine's checks of its own fields."""
    figures = BudgetFigures(total=Decimal(1), french=Decimal(1), foreign=Decimal(0))
    try:
        return engine_plan(plan, PlanRows(plan, [], []), figures=figures)
    except FinancingError as error:
        raise ValidationError(str(error)) from error


def create_plan(
    production: Any, *, acting_user: Any, name: str, budget_version: Any, **settings: Any
) -> FinancingPlan:
    """A new plan for ``budget_version`` (of the same production), in its currency."""
    if budget_version.budget.production_id != production.pk:
        raise ValidationError({"budget_version": _("This budget version is not the production's.")})
    values = {**defaults_for(production), **settings}
    plan = FinancingPlan(
        production=production,
        name=name,
        budget_version=budget_version,
        currency=budget_version.currency,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        **values,
    )
    _validate_plan(plan)
    with transaction.atomic():
        plan.save()
        audit.record_change("financing.plan.created", plan, actor=acting_user, production=production)
    return plan


def update_plan(
    plan: FinancingPlan, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> FinancingPlan:
    with transaction.atomic():
        plan = lock_for_update(plan, expected_version)
        changed = apply_edit(plan, PLAN_FIELDS, changes)
        if save_edit(plan, changed, _validate_plan):
            audit.record_change("financing.plan.updated", plan, actor=acting_user, production=plan.production)
    return plan


def recheck_plan(
    plan: FinancingPlan, *, acting_user: Any, expected_version: int | None = None
) -> FinancingPlan:
    """Check the plan under the newest rules and pin their versions to it."""
    with transaction.atomic():
        plan = lock_for_update(plan, expected_version)
        checked = check(plan, rules="latest")
        if checked.result is None:
            raise ValidationError(checked.error)
        previous = dict(plan.rules or {})
        plan.rules = checked.result.rule_versions
        plan.checked_at = timezone.now()
        plan.version += 1
        plan.save()
        audit.record(
            "financing.plan.rechecked",
            actor=acting_user,
            production=plan.production,
            target=plan,
            changes={"rules": [previous, plan.rules]} if previous != plan.rules else {},
            data={"rules": plan.rules},
        )
    return plan


def delete_plan(plan: FinancingPlan, *, acting_user: Any, expected_version: int | None) -> None:
    with transaction.atomic():
        plan = lock_for_update(plan, expected_version)
        audit.record("financing.plan.deleted", actor=acting_user, production=plan.production, target=plan)
        plan.delete()


# Sources ----------------------------------------------------------------------------------


def _validate_source(source: Source) -> None:
    source.full_clean(exclude=["plan"])
    if source.type != "tax_credit" and source.credit:
        source.credit = ""
    if source.type == "tax_credit" and source.amount is None and not source.credit:
        raise ValidationError({"credit": _("Name the credit the engine computes, or give an amount.")})
    try:
        header = _empty(source.plan)
        check_source(header, engine_source(source), f'"{source.partner}"')
    except FinancingError as error:
        raise ValidationError(error.reason) from error


def add_source(plan: FinancingPlan, *, acting_user: Any, **fields: Any) -> Source:
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    fields.setdefault("currency", plan.currency)
    with transaction.atomic():
        last = Source.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        source = Source(plan=plan, position=(last or 0) + 1, **fields)
        _validate_source(source)
        source.save()
        audit.record_change("financing.source.added", source, actor=acting_user, production=plan.production)
    return source


def update_source(
    source: Source, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Source:
    plan = source.plan
    with transaction.atomic():
        source = lock_for_update(source, expected_version)
        source.plan = plan
        changed = apply_edit(source, SOURCE_FIELDS, changes)
        action = "financing.source.status_changed" if changed == ["status"] else "financing.source.updated"
        if save_edit(source, changed, _validate_source):
            audit.record_change(action, source, actor=acting_user, production=plan.production)
    return source


def set_source_status(
    source: Source, *, acting_user: Any, expected_version: int | None, status: str
) -> Source:
    if status not in SourceStatus.values:
        raise ValidationError({"status": _("Unknown status: %(status)s") % {"status": status}})
    return update_source(source, acting_user=acting_user, expected_version=expected_version, status=status)


def delete_source(source: Source, *, acting_user: Any, expected_version: int | None) -> None:
    plan = source.plan
    with transaction.atomic():
        source = lock_for_update(source, expected_version)
        audit.record(
            "financing.source.deleted",
            actor=acting_user,
            production=plan.production,
            target=source,
            data={"amount": source.amount, "type": source.type, "status": source.status},
        )
        source.delete()


# Scenarios --------------------------------------------------------------------------------


def _sources_of(plan: FinancingPlan, sources: Any) -> list[Source]:
    chosen = list(sources or [])
    if any(source.plan_id != plan.pk for source in chosen):
        raise ValidationError({"without": _("A source of another plan cannot be left out here.")})
    return chosen


def add_scenario(plan: FinancingPlan, *, acting_user: Any, name: str, without: Any = ()) -> Scenario:
    chosen = _sources_of(plan, without)
    with transaction.atomic():
        last = Scenario.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        scenario = Scenario(plan=plan, name=name, position=(last or 0) + 1)
        scenario.full_clean(exclude=["plan"])
        scenario.save()
        scenario.without.set(chosen)
        audit.record(
            "financing.scenario.added",
            actor=acting_user,
            production=plan.production,
            target=scenario,
            data={"without": [str(source) for source in chosen]},
        )
    return scenario


def update_scenario(
    scenario: Scenario, *, acting_user: Any, expected_version: int | None, name: str, without: Any = ()
) -> Scenario:
    plan = scenario.plan
    chosen = _sources_of(plan, without)
    with transaction.atomic():
        scenario = lock_for_update(scenario, expected_version)
        before = sorted(str(source) for source in scenario.without.all())
        after = sorted(str(source) for source in chosen)
        changes: dict[str, list[Any]] = {}
        if scenario.name != name:
            changes["name"] = [scenario.name, name]
        if before != after:
            changes["without"] = [before, after]
        if not changes:
            return scenario
        scenario.name = name
        scenario.full_clean(exclude=["plan"])
        scenario.version += 1
        scenario.save()
        scenario.without.set(chosen)
        audit.record(
            "financing.scenario.updated",
            actor=acting_user,
            production=plan.production,
            target=scenario,
            changes=changes,
        )
    return scenario


def delete_scenario(scenario: Scenario, *, acting_user: Any, expected_version: int | None) -> None:
    plan = scenario.plan
    with transaction.atomic():
        scenario = lock_for_update(scenario, expected_version)
        audit.record(
            "financing.scenario.deleted", actor=acting_user, production=plan.production, target=scenario
        )
        scenario.delete()
