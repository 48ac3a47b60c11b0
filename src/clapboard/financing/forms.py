"""Forms of the financing pages. They parse and show errors; the actions decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clapboard.budgets.models import BudgetVersion
from clapboard.core.forms import VersionedModelForm

from .models import FinancingPlan, Source

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, initial=_("Plan de financement"))
    budget_version = forms.ModelChoiceField(
        label=_("Budget version it finances"), queryset=BudgetVersion.objects.none()
    )

    def __init__(self, *args: Any, production: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget_version"]
        field.queryset = (  # type: ignore[attr-defined]
            BudgetVersion.objects.filter(budget__production=production)
            .select_related("budget")
            .order_by("budget__name", "-number")
        )
        field.label_from_instance = lambda version: (  # type: ignore[attr-defined]
            f"{version.budget.name} v{version.number}" + (f" · {version.label}" if version.label else "")
        )


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "=" not in line:
            raise ValidationError(_("Line %(number)s: write CODE = value.") % {"number": number})
        key, value = (part.strip() for part in line.split("=", 1))
        pairs.append((key, value))
    return pairs


class PlanSettingsForm(VersionedModelForm):
    rates_text = forms.CharField(
        label=_("Exchange rates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: USD = 0.92 (the value of one unit in the plan's currency)."),
    )

    class Meta:
        model = FinancingPlan
        fields = (
            "name",
            "country",
            "kind",
            "genre",
            "language",
            "duration_minutes",
            "shooting_days_france",
            "foreign_language_justified",
            "first_or_second_film",
            "difficult",
            "youth",
            "foreign_production",
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
        widgets = dict.fromkeys(
            (
                "start",
                "pre_production_start",
                "pre_production_end",
                "shooting_start",
                "shooting_end",
                "post_production_start",
                "post_production_end",
            ),
            DATE,
        ) | {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance is not None:
            self.fields["rates_text"].initial = "\n".join(
                f"{code} = {rate}" for code, rate in (self.instance.exchange_rates or {}).items()
            )

    def clean_rates_text(self) -> dict[str, str]:
        rates = {}
        for code, value in _pairs(self.cleaned_data["rates_text"]):
            try:
                Decimal(value)
            except InvalidOperation as error:
                raise ValidationError(
                    _("%(code)s: %(value)s is not a number.") % {"code": code, "value": value}
                ) from error
            rates[code.upper()] = value
        return rates

    def changes(self) -> dict[str, Any]:
        values = super().changes()
        values["exchange_rates"] = self.cleaned_data["rates_text"]
        return values


PUBLIC_CHOICES = (("", _("as its type says")), ("yes", _("public money")), ("no", _("private money")))


class SourceForm(VersionedModelForm):
    public = forms.TypedChoiceField(
        label=_("Public money"),
        choices=PUBLIC_CHOICES,
        required=False,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )
    instalments_text = forms.CharField(
        label=_("Instalments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: 2026-05-01 = 50% or 2026-09-01 = 12000. Without: all on its date."),
    )

    class Meta:
        model = Source
        fields = (
            "type",
            "partner",
            "amount",
            "currency",
            "status",
            "expected_date",
            "actual_date",
            "conditions",
            "recoups",
            "recoupment_notes",
            "credit",
            "country",
            "rights_share",
            "territory",
            "spend_obligation",
            "interest_rate",
            "notes",
        )
        widgets = {
            "expected_date": DATE,
            "actual_date": DATE,
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.instance
        if not self.is_bound and source is not None and source.pk:
            self.fields["public"].initial = {True: "yes", False: "no"}.get(source.is_public, "")
            self.fields["instalments_text"].initial = "\n".join(
                f"{item['date']} = "
                + (f"{item['percentage']}%" if item.get("percentage") else str(item.get("amount")))
                for item in source.instalments or []
            )

    def clean_instalments_text(self) -> list[dict[str, str]]:
        items = []
        for when, value in _pairs(self.cleaned_data["instalments_text"]):
            try:
                dt.date.fromisoformat(when)
            except ValueError as error:
                raise ValidationError(_("%(date)s is not a date (YYYY-MM-DD).") % {"date": when}) from error
            key = "percentage" if value.endswith("%") else "amount"
            number = value.rstrip("%").strip().replace(" ", "").replace(",", ".")
            try:
                Decimal(number)
            except InvalidOperation as error:
                raise ValidationError(_("%(value)s is not a number.") % {"value": value}) from error
            items.append({"date": when, key: number})
        return items

    def changes(self) -> dict[str, Any]:
        values = super().changes()
        values["is_public"] = self.cleaned_data.get("public")
        values["instalments"] = self.cleaned_data["instalments_text"]
        return values


class StatusForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Source._meta.get_field("status").choices)  # type: ignore[arg-type]


class ScenarioForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=120)
    without = forms.ModelMultipleChoiceField(
        label=_("Without these sources"),
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, plan: FinancingPlan, sources: list[Source] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["without"].queryset = Source.objects.filter(plan=plan).order_by("position", "id")  # type: ignore[attr-defined]
