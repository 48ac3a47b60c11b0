"""The plan's printed documents: the plan in the CNC presentation as a PDF and as an
Excel workbook, and the investor summary PDF. Each prints the plan with every source,
less those said no on the page (``?without=s12``); no salary is in them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clapboard.core.downloads import PDF_TYPE, XLSX_TYPE, download
from clapboard.engines.documents.financing import (
    Language,
    render_financing_plan_pdf,
    render_financing_plan_xlsx,
    render_investor_summary_pdf,
)
from clapboard.engines.financing import FinancingError
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from .access import plan_of
from .calculation import check
from .documents import document_language, investor_summary, plan_document
from .models import FinancingPlan


def _name(plan: FinancingPlan, suffix: str) -> str:
    return f"{plan.name} {suffix}"


def _refused(error: FinancingError) -> HttpResponse:
    message = _("The plan cannot be printed: %(reason)s") % {"reason": error}
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


PrintView = Callable[[FinancingPlan, Any, Language], HttpResponse]


def _printed(view: PrintView) -> Callable[..., HttpResponse]:
    """A document view: the plan checked (less the sources said no on the page), handed to
    ``view`` with the document language; a plan that cannot be checked is refused with why."""

    @wraps(view)
    def wrapper(request: HttpRequest, access: ProductionAccess, plan_id: int) -> HttpResponse:
        financing_plan = plan_of(access, plan_id)
        try:
            result = check(financing_plan, without=request.GET.getlist("without"))
            return view(financing_plan, result, document_language(get_language()))
        except FinancingError as error:
            return _refused(error)

    return production_view(Capability.VIEW)(wrapper)


@_printed
def plan_pdf(financing_plan: FinancingPlan, result: Any, language: Language) -> HttpResponse:
    content = render_financing_plan_pdf(plan_document(result), language=language)
    return download(content, PDF_TYPE, _name(financing_plan, "plan"), "pdf", inline=True)


@_printed
def plan_xlsx(financing_plan: FinancingPlan, result: Any, language: Language) -> HttpResponse:
    content = render_financing_plan_xlsx(plan_document(result), language=language)
    return download(content, XLSX_TYPE, _name(financing_plan, "plan"), "xlsx")


@_printed
def investor_pdf(financing_plan: FinancingPlan, result: Any, language: Language) -> HttpResponse:
    content = render_investor_summary_pdf(investor_summary(result), language=language)
    return download(content, PDF_TYPE, _name(financing_plan, "investors"), "pdf", inline=True)
