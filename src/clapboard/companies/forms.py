"""Forms of the company pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clapboard.core.forms import VersionedModelForm

from .models import Company, CompanyMembership


class CompanyForm(VersionedModelForm):
    class Meta:
        model = Company
        fields = ("name", "legal_form", "registration_number", "country", "default_currency")

    def __init__(self, *args: Any, instance: Company | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        for name in ("country", "default_currency"):
            self.fields[name].widget.attrs.update({"class": "input--code", "size": 4})

    def clean_country(self) -> str:
        return (self.cleaned_data.get("country") or "").strip().upper()

    def clean_default_currency(self) -> str:
        return (self.cleaned_data.get("default_currency") or "").strip().upper()


class CompanyMemberForm(forms.Form):
    """Add someone who already has an account, found by e-mail."""

    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The person must already have a Clapboard account.")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=CompanyMembership.Role.choices, initial=CompanyMembership.Role.MEMBER
    )

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        self.cleaned_data["user"] = user
        return email
