"""Budget pages: the list of budgets, a new budget, a version's sheet and its edits.

The sheet answers a line edit with the line again and the totals that moved (htmx
out-of-band swaps); a line someone else saved meanwhile is refused (409) and shown as
they saved it, with a message, so nobody overwrites anybody silently.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.concurrency import EditConflict
from clapboard.core.downloads import named
from clapboard.core.forms import add_validation_error
from clapboard.core.templatetags.clapboard import money
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import account_of, line_of, version_of
from .calculation import Calculated
from .forms import BudgetCreateForm, BudgetImportForm, LineForm, layout_choices
from .models import BudgetVersion, Line
from .rows import SheetWriter, dom_id
from .sheet import Sheet, SheetLine, load_sheet, sheet_of


def _versions(access: ProductionAccess) -> list[BudgetVersion]:
    return list(
        BudgetVersion.objects.filter(budget__production=access.production)
        .select_related("budget", "schedule")
        .order_by("budget__name", "budget_id", "-number")
    )


def home_context(access: ProductionAccess, form: Any = None, import_form: Any = None) -> dict[str, Any]:
    can_edit = access.can(Capability.EDIT)
    return {
        "production": access.production,
        "versions": _versions(access),
        "form": form or (BudgetCreateForm(production=access.production) if can_edit else None),
        "import_form": import_form or (BudgetImportForm() if can_edit else None),
        "can_edit": can_edit,
    }


@production_view(Capability.VIEW)
def home(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    return render(request, "budgets/home.html", home_context(access))


@production_view(Capability.EDIT)
@require_POST
def budget_create(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = BudgetCreateForm(request.POST, production=access.production)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = _create(access, request.user, data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("“%(name)s” is ready.") % {"name": data["name"]})
            return redirect("budgets:version", production_id=access.production.pk, version_id=version.pk)
    return render(request, "budgets/home.html", home_context(access, form=form), status=400)


def _create(access: ProductionAccess, user: Any, data: dict[str, Any]) -> BudgetVersion:
    production = access.production
    if data["start"] == BudgetCreateForm.START_SCHEDULE:
        return actions.estimate_from_schedule(
            production, data["schedule"], acting_user=user, name=data["name"], layout=data["layout"]
        )
    if data["start"] == BudgetCreateForm.START_SCRIPT:
        return actions.estimate_from_script(
            production, data["script_version"], acting_user=user, name=data["name"], layout=data["layout"]
        )
    if data["start"] == BudgetCreateForm.START_COPY:
        return actions.create_budget(production, acting_user=user, name=data["name"], source=data["source"])
    return actions.create_budget(production, acting_user=user, name=data["name"], layout=data["layout"])


def _sheet_context(request: HttpRequest, access: ProductionAccess, version: BudgetVersion) -> dict[str, Any]:
    sheet = load_sheet(version, salaries=access.can(Capability.SEE_SENSITIVE))
    writer = _writer(request, access, sheet)
    others = [
        item for item in _versions(access) if item.budget_id == version.budget_id and item.pk != version.pk
    ]
    return {
        "production": access.production,
        "version": version,
        "budget": version.budget,
        "sheet": sheet,
        "rows": writer.rows(),
        "can_edit": writer.can_edit,
        "can_approve": access.can(Capability.APPROVE),
        "can_revise": access.can(Capability.EDIT),
        "layout_title": dict(layout_choices()).get(version.budget.layout, version.budget.layout),
        "salaries": access.can(Capability.SEE_SENSITIVE),
        "others": others,
        "section": "sheet",
    }


def _writer(request: HttpRequest, access: ProductionAccess, sheet: Sheet) -> SheetWriter:
    version = sheet.version
    line_url = (
        reverse("budgets:version", kwargs={"production_id": access.production.pk, "version_id": version.pk})
        + "lines/"
    )
    return SheetWriter(
        sheet, can_edit=access.can(Capability.EDIT), line_url=line_url, csrf_token=get_token(request)
    )


@production_view(Capability.VIEW)
def version(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    budget_version = version_of(access, version_id)
    return render(request, "budgets/version.html", _sheet_context(request, access, budget_version))


@production_view(Capability.EDIT)
@require_POST
def line_update(
    request: HttpRequest, access: ProductionAccess, version_id: int, line_id: int
) -> HttpResponse:
    budget_version = version_of(access, version_id)
    line = line_of(budget_version, line_id)
    if line.is_salary and not access.can(Capability.SEE_SENSITIVE):
        return HttpResponse(_("This line is a salary: your role does not show salaries."), status=403)
    form = LineForm(request.POST)
    error = conflict = ""
    status = 200
    calculated = None
    if not form.is_valid():
        error = " ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        status = 400
    else:
        try:
            calculated = actions.edit_line(
                line,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            ).calculated
        except EditConflict as clash:
            conflict = _(
                "Someone changed this line meanwhile: it is shown as they saved it. Type your change again to keep yours."
            )
            line = clash.instance
            status = 409
        except ValidationError as problem:
            error = " ".join(problem.messages)
            status = 400
    return _line_answer(
        request,
        access,
        budget_version,
        line.pk,
        calculated,
        status=status,
        error=error,
        conflict=conflict,
    )


def _line_answer(
    request: HttpRequest,
    access: ProductionAccess,
    version: BudgetVersion,
    line_id: int,
    calculated: Calculated | None,
    *,
    status: int = 200,
    error: str = "",
    conflict: str = "",
) -> HttpResponse:
    """The line's row as saved, the account and chapter totals and the key figures (from
    the edit's own calculation when there was one)."""
    version.refresh_from_db()
    salaries = access.can(Capability.SEE_SENSITIVE)
    if calculated is not None:
        sheet = sheet_of(version, calculated, salaries=salaries)
    else:
        sheet = load_sheet(version, salaries=salaries)
    writer = _writer(request, access, sheet)
    found: tuple[SheetLine, str] | None = None
    oob = []
    for chapter in sheet.chapters:
        for account in chapter.accounts:
            for item in account.lines:
                if item.line.pk == line_id:
                    found = (item, chapter.number)
                    oob.append(_account_oob(account, version))
                    oob.append(_chapter_oob(chapter.number, chapter.total, version))
    if found is None:
        return HttpResponse(status=404)
    row = writer.line_row(
        found[0], found[1], error=error or (sheet.error if status == 200 else ""), conflict=conflict
    )
    context = {
        "sheet": sheet,
        "version": version,
        "salaries": salaries,
        "oob": True,
    }
    kpis = render(request, "budgets/partials/kpis.html", context).content.decode()
    return HttpResponse(row + "".join(oob) + kpis, status=status)


def _account_oob(account: Any, version: BudgetVersion) -> str:
    """The account row's three figures, swapped in place."""
    pk, currency = account.account.pk, version.currency
    return format_html(
        '<td class="num" id="account-{}-lines" hx-swap-oob="true">{}</td>'
        '<td class="num" id="account-{}-fringes" hx-swap-oob="true">{}</td>'
        '<td class="num" id="account-{}" hx-swap-oob="true"><strong>{}</strong></td>',
        pk,
        money(account.lines_total, currency),
        pk,
        money(account.fringes_total, currency),
        pk,
        money(account.total, currency),
    )


def _chapter_oob(number: str, total: Decimal, version: BudgetVersion) -> str:
    return format_html(
        '<td class="num" id="chapter-{}" hx-swap-oob="true">{}</td>',
        dom_id(number),
        money(total, version.currency),
    )


@production_view(Capability.EDIT)
@require_POST
def line_add(
    request: HttpRequest, access: ProductionAccess, version_id: int, account_id: int
) -> HttpResponse:
    budget_version = version_of(access, version_id)
    account = account_of(budget_version, account_id)
    try:
        line = actions.add_line(
            account,
            acting_user=request.user,
            description=request.POST.get("description", "").strip() or _("New line"),
            quantity="1",
            unit=Line.Unit.FLAT,
            rate="0",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("budgets:version", production_id=access.production.pk, version_id=budget_version.pk)
    url = reverse(
        "budgets:version", kwargs={"production_id": access.production.pk, "version_id": budget_version.pk}
    )
    return redirect(f"{url}#line-{line.pk}")


@production_view(Capability.EDIT)
@require_POST
def line_delete(
    request: HttpRequest, access: ProductionAccess, version_id: int, line_id: int
) -> HttpResponse:
    budget_version = version_of(access, version_id)
    line = line_of(budget_version, line_id)
    version_value = request.POST.get("version", "")
    try:
        actions.delete_line(
            line,
            acting_user=request.user,
            expected_version=int(version_value) if version_value.isdigit() else None,
        )
    except EditConflict:
        messages.error(
            request, _("Someone changed this line meanwhile; look at it again before removing it.")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("budgets:version", production_id=access.production.pk, version_id=budget_version.pk)


@production_view(Capability.SEE_SENSITIVE)  # the file holds every salary
def export_json(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    budget_version = version_of(access, version_id)
    data = actions.export_json(budget_version)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return named(response, f"{budget_version.budget.name} v{budget_version.number}", "json")
