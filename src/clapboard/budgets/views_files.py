"""Budget files: the workbook and the PDF of a version, and importing a budget from a
file (JSON, a Clapboard workbook, or a table from another tool with a column mapping)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clapboard.core.downloads import PDF_TYPE, XLSX_TYPE, download
from clapboard.engines.budget import BudgetError
from clapboard.engines.documents.budget import (
    BudgetFileError,
    ColumnMapping,
    budget_from_table,
    read_table,
    suggest_mapping,
)
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from . import actions
from .access import version_of
from .files import UploadError, forget_table, kept_table, pdf_of, read_upload, workbook_of
from .forms import BudgetImportForm, TableMappingForm
from .views import home_context


def _file_name(version: Any, suffix: str) -> str:
    return f"{version.budget.name} v{version.number} {suffix}"


@production_view(Capability.SEE_SENSITIVE)  # the workbook holds every salary
def export_xlsx(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    return download(workbook_of(version, get_language()), XLSX_TYPE, _file_name(version, ""), "xlsx")


@production_view(Capability.VIEW)
def export_pdf(request: HttpRequest, access: ProductionAccess, version_id: int) -> HttpResponse:
    version = version_of(access, version_id)
    detail = request.GET.get("detail") == "1"
    content = pdf_of(
        version, get_language(), detail=detail, hide_salaries=not access.can(Capability.SEE_SENSITIVE)
    )
    return download(
        content, PDF_TYPE, _file_name(version, "detail" if detail else "top sheet"), "pdf", inline=True
    )


@production_view(Capability.EDIT)
@require_POST
def budget_import(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = BudgetImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            found = read_upload(upload.name, upload.read())
            if found.budget is None:
                return redirect(
                    "budgets:table_mapping", production_id=access.production.pk, token=found.table_token
                )
            name = form.cleaned_data["name"] or found.budget.title or upload.name
            version = actions.create_budget(
                access.production, acting_user=request.user, name=name, budget=found.budget
            )
        except UploadError as error:
            form.add_error("file", str(error))
        except ValidationError as error:
            form.add_error("file", f"{upload.name}: {' '.join(error.messages)}")
        else:
            messages.success(request, _("%(name)s is imported.") % {"name": upload.name})
            return redirect("budgets:version", production_id=access.production.pk, version_id=version.pk)
    return render(request, "budgets/home.html", home_context(access, import_form=form), status=400)


@production_view(Capability.EDIT)
def table_mapping(request: HttpRequest, access: ProductionAccess, token: str) -> HttpResponse:
    kept = kept_table(token)
    if kept is None:  # imported already, or never uploaded: start again from the form
        messages.error(request, _("This table is no longer waiting to be imported; upload it again."))
        return redirect("budgets:home", production_id=access.production.pk)
    name, data = kept
    try:
        table = read_table(data, name)
    except BudgetFileError as error:
        forget_table(token)
        messages.error(request, " ".join(error.messages()))
        return redirect("budgets:home", production_id=access.production.pk)
    suggested = suggest_mapping(table)
    initial = {f"column_{field}": index for field, index in suggested.columns().items()}
    initial["name"] = name.rsplit(".", 1)[0]
    form = TableMappingForm(request.POST or None, headings=table.headings, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        mapping = replace(ColumnMapping(), **form.mapping())
        try:
            budget = budget_from_table(
                table, mapping, layout_id=form.cleaned_data["layout"], currency=form.cleaned_data["currency"]
            )
            version = actions.create_budget(
                access.production, acting_user=request.user, name=form.cleaned_data["name"], budget=budget
            )
        except BudgetFileError as error:
            problems = error.messages()
        except (BudgetError, ValidationError) as error:
            problems = [str(error)]
        else:
            forget_table(token)
            messages.success(request, _("%(name)s is imported.") % {"name": name})
            return redirect("budgets:version", production_id=access.production.pk, version_id=version.pk)
    context = {
        "production": access.production,
        "form": form,
        "file_name": name,
        "table": table,
        "preview": table.rows[:8],
        "problems": problems,
        "field_names": [f"column_{field}" for field, _label in TableMappingForm.FIELDS],
    }
    return render(request, "budgets/table_mapping.html", context, status=400 if problems else 200)
