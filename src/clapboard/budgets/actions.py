"""State changes of budgets. Each validates, saves, recalculates and writes its audit event
in one transaction; an engine error (an unknown global, a cycle, a missing exchange rate)
is raised as a ``ValidationError`` naming the line and the field, and nothing is kept.

Only estimates and revisions change (``BudgetVersion.editable``); a line edit names the
line version it was based on, and a stale one raises ``EditConflict`` with the line as
it is now, so that the second of two people editing one line sees the first one's value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.core import audit
from clapboard.core.concurrency import apply_edit, lock_for_update
from clapboard.engines.budget import Budget, BudgetError, from_script_estimate, from_template, read_budget

from .calculation import Calculated, budget_json, engine_budget, load_rows, recalculate, settings_of
from .models import Account, BudgetVersion, Line
from .models import Budget as BudgetRow

LINE_FIELDS = (
    "description",
    "quantity",
    "unit",
    "rate",
    "multiplier",
    "currency",
    "fringe_sets",
    "department",
    "french_share",
    "per_episode",
    "notes",
    "quantity_link",
)


def _require_editable(version: BudgetVersion) -> None:
    if not version.editable:
        raise ValidationError(
            _("This version is %(status)s: it cannot change. Make a revision to change the budget.")
            % {"status": version.get_status_display().lower()}
        )


# Creating ---------------------------------------------------------------------------------


def _save_rows(version: BudgetVersion, budget: Budget) -> None:
    accounts = []
    lines = []
    for position, account in enumerate(budget.accounts):
        row = Account(
            budget_version=version,
            position=position,
            number=account.number,
            title=account.title,
            chapter=account.chapter,
            group=account.group,
            fringes_to=account.fringes_to or "",
        )
        accounts.append(row)
        for line_position, line in enumerate(account.lines):
            lines.append((row, line_position, line))
    Account.objects.bulk_create(accounts)
    Line.objects.bulk_create(
        [
            Line(
                budget_version=version,
                account=account,
                position=position,
                key=line.id,
                description=line.description,
                quantity=line.quantity.text,
                unit=line.unit,
                rate=line.rate.text,
                multiplier=line.multiplier.text if line.multiplier is not None else "",
                currency=line.currency or "",
                fringe_sets=list(line.fringe_sets),
                department=line.department,
                french_share=line.french_share,
                per_episode=line.per_episode,
                notes=line.notes,
                person=line.person or "",
                quantity_link=line.quantity_link or "",
            )
            for account, position, line in lines
        ],
        batch_size=500,
    )


def create_budget(
    production: Any,
    *,
    acting_user: Any,
    name: str,
    layout: str = "",
    source: BudgetVersion | None = None,
    budget: Budget | None = None,
    schedule: Any = None,
) -> BudgetVersion:
    """A new budget with its first version (an estimate): from ``layout``'s template,
    from a copy of ``source``, or from an engine ``budget`` (a script estimate, a file)."""
    if source is not None:
        budget = engine_budget(source)
    elif budget is None:
        try:
            budget = from_template(layout, title=name)
        except (BudgetError, KeyError) as error:
            raise ValidationError({"layout": _("No such layout: %(layout)s") % {"layout": layout}}) from error
    with transaction.atomic():
        row = BudgetRow.objects.create(
            production=production,
            name=name,
            layout=budget.layout,
            created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        )
        version = BudgetVersion.objects.create(
            budget=row,
            number=1,
            settings=settings_of(budget),
            schedule=schedule,
        )
        _save_rows(version, budget)
        _recalculate(version)
        audit.record_change("budgets.budget.created", row, actor=acting_user, production=production)
    return version


def estimate_from_schedule(
    production: Any, schedule: Any, *, acting_user: Any, name: str, layout: str
) -> BudgetVersion:
    """A budget whose first quantities come from ``schedule``: its shooting days, and a
    line per cast member with their days, linked so that they follow the schedule."""
    from clapboard.schedules.reports import schedule_quantities

    quantities = schedule_quantities(schedule)
    budget = from_script_estimate(
        layout,
        title=name,
        shooting_days=quantities.shooting_days,
        cast_days={str(element): days.engaged for element, days in quantities.cast.items()},
        cast_names={str(element): days.name for element, days in quantities.cast.items()},
    )
    return create_budget(production, acting_user=acting_user, name=name, budget=budget, schedule=schedule)


def estimate_from_script(
    production: Any, script_version: Any, *, acting_user: Any, name: str, layout: str
) -> BudgetVersion:
    """A budget whose first quantities come from the script alone: shooting days from its
    pages, each cast member's days from the pages of their scenes (see ``estimates``)."""
    from .estimates import script_estimate

    estimate = script_estimate(script_version)
    budget = from_script_estimate(
        layout,
        title=name,
        shooting_days=estimate.shooting_days,
        cast_days=estimate.cast_days,
        cast_names=estimate.cast_names,
    )
    return create_budget(production, acting_user=acting_user, name=name, budget=budget)


def import_budget(production: Any, data: dict[str, Any], *, acting_user: Any, name: str) -> BudgetVersion:
    """A budget from the budget JSON format; nothing is saved when the file is wrong."""
    try:
        budget = read_budget(data)
    except BudgetError as error:
        raise ValidationError(str(error)) from error
    return create_budget(
        production, acting_user=acting_user, name=name or budget.title or "Budget", budget=budget
    )


def _recalculate(version: BudgetVersion) -> None:
    try:
        recalculate(version)
    except BudgetError as error:
        raise ValidationError(str(error)) from error


# Lines ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineEdit:
    """A saved line edit: the line and the calculation it led to (``None`` when nothing
    changed), which the sheet shows without calculating the version again."""

    line: Line
    calculated: Calculated | None


def update_line(line: Line, *, acting_user: Any, expected_version: int | None, **changes: Any) -> Line:
    """Change a line; recalculate the version. A stale ``expected_version`` raises
    ``EditConflict`` carrying the line as saved by the other person."""
    return edit_line(line, acting_user=acting_user, expected_version=expected_version, **changes).line


def edit_line(line: Line, *, acting_user: Any, expected_version: int | None, **changes: Any) -> LineEdit:
    """``update_line``, keeping the calculation for the caller."""
    with transaction.atomic():
        version = BudgetVersion.objects.select_for_update().get(pk=line.budget_version_id)
        _require_editable(version)
        line = lock_for_update(line, expected_version)
        if "french_share" in changes:
            changes["french_share"] = Decimal(changes["french_share"])
        before = {name: getattr(line, name) for name in changes if name in LINE_FIELDS}
        changed = apply_edit(line, LINE_FIELDS, changes)
        if not changed:
            return LineEdit(line, None)
        line.version += 1
        line.save()
        calculated = _check_and_recalculate(version, line)
        # Lines are created in bulk, without a first history record to diff against: the
        # event carries the old and new values itself.
        audit.record(
            "budgets.line.updated",
            actor=acting_user,
            production=version.budget.production,
            target=line,
            changes={name: [_shown(before[name]), _shown(getattr(line, name))] for name in changed},
        )
    return LineEdit(line, calculated)


def _shown(value: Any) -> Any:
    return value if isinstance(value, str | bool | list | type(None)) else str(value)


def _check_and_recalculate(version: BudgetVersion, line: Line | None = None) -> Calculated:
    try:
        return recalculate(version)
    except BudgetError as error:
        where = _("Line “%(line)s”: ") % {"line": line.description or line.key} if line is not None else ""
        raise ValidationError(where + error.reason if where else str(error)) from error


def add_line(account: Account, *, acting_user: Any, after: Line | None = None, **fields: Any) -> Line:
    with transaction.atomic():
        version = BudgetVersion.objects.select_for_update().get(pk=account.budget_version_id)
        _require_editable(version)
        lines = list(Line.objects.filter(account=account).order_by("position"))
        position = (after.position + 1) if after is not None else len(lines)
        Line.objects.filter(account=account, position__gte=position).update(position=F("position") + 1)
        line = Line(budget_version=version, account=account, position=position, key=_new_key(version))
        apply_edit(line, LINE_FIELDS, fields)
        line.save()
        _check_and_recalculate(version, line)
        audit.record_change(
            "budgets.line.created", line, actor=acting_user, production=version.budget.production
        )
    return line


def _new_key(version: BudgetVersion) -> str:
    taken = set(Line.objects.filter(budget_version=version).values_list("key", flat=True))
    number = len(taken) + 1
    while f"l{number}" in taken:
        number += 1
    return f"l{number}"


def delete_line(line: Line, *, acting_user: Any, expected_version: int | None) -> None:
    with transaction.atomic():
        version = BudgetVersion.objects.select_for_update().get(pk=line.budget_version_id)
        _require_editable(version)
        line = lock_for_update(line, expected_version)
        audit.record(
            "budgets.line.deleted",
            actor=acting_user,
            production=version.budget.production,
            target=version,
            data={"line": line.key, "description": line.description, "total": line.total},
        )
        line.delete()
        _check_and_recalculate(version)


# Versions ---------------------------------------------------------------------------------


def update_settings(
    version: BudgetVersion, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> BudgetVersion:
    """Change what a version keeps besides its lines: globals, exchange rates, the linked
    schedule, its label. ``changes`` holds budget-format keys (``globals``,
    ``exchange_rates``…) and the fields ``label`` and ``schedule``."""
    with transaction.atomic():
        version = lock_for_update(version, expected_version)
        _require_editable(version)
        settings = dict(version.settings)
        for key in ("globals", "exchange_rates", "percentages", "episodes", "hours_per_day", "days_per_week"):
            if key in changes:
                settings[key] = changes.pop(key)
        if "label" in changes:
            version.label = changes.pop("label")
        if "schedule" in changes:
            version.schedule = changes.pop("schedule")
        if changes:
            raise ValidationError(_("These settings cannot be changed here: %s") % ", ".join(sorted(changes)))
        version.settings = settings
        version.version += 1
        version.save()
        _check_and_recalculate(version)
        audit.record_change(
            "budgets.version.updated", version, actor=acting_user, production=version.budget.production
        )
    return version


_NEXT_STATUS = {
    BudgetVersion.Status.ESTIMATE: (BudgetVersion.Status.SUBMITTED,),
    BudgetVersion.Status.REVISED: (BudgetVersion.Status.SUBMITTED,),
    BudgetVersion.Status.SUBMITTED: (BudgetVersion.Status.APPROVED, BudgetVersion.Status.ESTIMATE),
    BudgetVersion.Status.APPROVED: (),
}


def change_status(
    version: BudgetVersion, status: str, *, acting_user: Any, expected_version: int | None
) -> BudgetVersion:
    """Submit an estimate, approve (lock) a submitted version, or send it back to work."""
    with transaction.atomic():
        version = lock_for_update(version, expected_version)
        if status not in _NEXT_STATUS[BudgetVersion.Status(version.status)]:
            raise ValidationError(
                _("A version that is %(now)s cannot become %(then)s.")
                % {
                    "now": version.get_status_display().lower(),
                    "then": BudgetVersion.Status(status).label.lower(),
                }
            )
        version.status = status
        if status == BudgetVersion.Status.APPROVED:
            version.approved_at = timezone.now()
            version.approved_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
        version.version += 1
        version.save()
        audit.record_change(
            "budgets.version.status", version, actor=acting_user, production=version.budget.production
        )
    return version


def revise(version: BudgetVersion, *, acting_user: Any, label: str = "") -> BudgetVersion:
    """A new editable version copied from ``version`` (usually the approved one)."""
    with transaction.atomic():
        budget = engine_budget(version)
        number = (
            BudgetVersion.objects.filter(budget=version.budget).aggregate(top=Max("number"))["top"] or 0
        ) + 1
        revision = BudgetVersion.objects.create(
            budget=version.budget,
            number=number,
            label=label or _("Revision of v%(number)s") % {"number": version.number},
            status=BudgetVersion.Status.REVISED,
            based_on=version,
            schedule=version.schedule,
            settings=settings_of(budget),
        )
        _save_rows(revision, budget)
        _recalculate(revision)
        audit.record_change(
            "budgets.version.created", revision, actor=acting_user, production=version.budget.production
        )
    return revision


def export_json(version: BudgetVersion) -> dict[str, Any]:
    accounts, lines = load_rows(version)
    return budget_json(version, accounts, lines)
