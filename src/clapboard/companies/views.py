"""Company pages: create, detail (members and productions), edit, add a member."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clapboard.core.forms import add_validation_error, submit_versioned_edit

from . import actions
from .decorators import company_view
from .forms import CompanyForm, CompanyMemberForm
from .models import Company, CompanyMembership


@login_required
def company_create(request: HttpRequest) -> HttpResponse:
    form = CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = actions.create_company(acting_user=request.user, **form.changes())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is created. You are its administrator.") % {"name": company}
            )
            return redirect("companies:company_detail", company_id=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "creating": True})


def _detail_context(company: Company, role: str, **extra: Any) -> dict[str, Any]:
    is_admin = role == CompanyMembership.Role.ADMIN
    context = {
        "company": company,
        "is_admin": is_admin,
        "my_role": dict(CompanyMembership.Role.choices).get(role, role),
        "memberships": list(company.memberships.select_related("user").order_by("role", "user__username")),
        "productions": list(company.productions.order_by("title")),
        "member_form": CompanyMemberForm() if is_admin else None,
    }
    context.update(extra)
    return context


@company_view()
def company_detail(request: HttpRequest, company: Company, role: str) -> HttpResponse:
    return render(request, "companies/company_detail.html", _detail_context(company, role))


@company_view(manage=True)
def company_edit(request: HttpRequest, company: Company, role: str) -> HttpResponse:
    edit = submit_versioned_edit(request, CompanyForm, company, actions.update_company)
    if edit.saved is not None:
        messages.success(request, _("The company details are saved."))
        return redirect("companies:company_detail", company_id=company.pk)
    form, conflict = edit.form, str(edit.conflict) if edit.conflict else None
    context = {"form": form, "company": company, "creating": False, "conflict": conflict}
    return render(request, "companies/company_form.html", context, status=409 if conflict else 200)


@company_view(manage=True)
def company_member_add(request: HttpRequest, company: Company, role: str) -> HttpResponse:
    if request.method != "POST":
        return redirect("companies:company_detail", company_id=company.pk)
    form = CompanyMemberForm(request.POST)
    if form.is_valid():
        try:
            membership = actions.add_company_member(
                company,
                acting_user=request.user,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is %(role)s of the company.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
            return redirect("companies:company_detail", company_id=company.pk)
    return render(request, "companies/company_detail.html", _detail_context(company, role, member_form=form))
