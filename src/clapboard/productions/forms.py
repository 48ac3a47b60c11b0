"""Forms of the production pages. They parse and show errors; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from clapboard.core.forms import CodeListField, VersionedModelForm, VersionField
from clapboard.core.validators import validate_country_code, validate_language_code

from .actions import EPISODE_FIELDS, PRODUCTION_FIELDS
from .models import Episode, KeyDate, Production
from .phases import Phase
from .roles import Role

TEXTAREA_ROWS = 3


class ProductionForm(VersionedModelForm):
    """The production's own fields."""

    countries = CodeListField(
        label=_("countries"), validators=[validate_country_code], help_text=_("ISO 3166 codes, e.g. FR, BE")
    )
    languages = CodeListField(
        label=_("languages"),
        upper=False,
        validators=[validate_language_code],
        help_text=_("ISO 639 codes, e.g. fr, en"),
    )

    class Meta:
        model = Production
        fields = PRODUCTION_FIELDS  # what the action lets an edit change
        widgets = {
            "logline": forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
            "international_logline": forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
            "synopsis": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, instance: Production | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["currency"].widget.attrs.update({"maxlength": 3, "size": 4, "class": "input--code"})
        self.fields["target_runtime_minutes"].widget.attrs.update({"class": "input--number"})

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()


class ProductionCreateForm(ProductionForm):
    company = forms.ModelChoiceField(queryset=None, label=_("company"), empty_label=None)  # type: ignore[arg-type]

    class Meta(ProductionForm.Meta):
        fields = ("title", "working_title", "kind", "currency", "genre", "target_runtime_minutes", "logline")

    field_order = ("company", *Meta.fields)

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["currency"].required = False
        self.fields["currency"].help_text = _("Leave empty to use the company's default currency.")
        del self.fields["countries"], self.fields["languages"], self.fields["version"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        company = cleaned.get("company")
        if not cleaned.get("currency") and company is not None:
            cleaned["currency"] = company.default_currency
        return cleaned


class ProductionFilterForm(forms.Form):
    """The filters above the production list; every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    company = forms.TypedChoiceField(label=_("Company"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, companies: list[Any], **kwargs: Any) -> None:
        """``companies`` is the list the page already shows: no second query for the choices."""
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("All phases")), *Phase.choices]
        self.fields["company"].choices = [  # type: ignore[attr-defined]
            ("", _("All companies")),
            *((company.pk, company.name) for company in companies),
        ]


class PhaseChangeForm(forms.Form):
    """Any phase can be posted; the action says whether the move is allowed and why not."""

    phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Why the production moves on, or back (kept in the activity feed)."),
    )
    version = VersionField()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CREW)
    department = forms.CharField(label=_("Department"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.CharField(label=_("Department"), required=False, max_length=100)


class EpisodeForm(VersionedModelForm):
    class Meta:
        model = Episode
        fields = EPISODE_FIELDS

    def __init__(self, *args: Any, instance: Episode | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["number"].widget.attrs.update({"class": "input--number"})
        self.fields["target_runtime_minutes"].widget.attrs.update({"class": "input--number"})

    def _post_clean(self) -> None:
        # Uniqueness and model rules are checked by the action, which knows the production.
        pass


class KeyDateForm(forms.Form):
    kind = forms.ChoiceField(label=_("milestone"), choices=KeyDate.Kind.choices)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    label = forms.CharField(
        label=_("label"),
        required=False,
        max_length=120,
        help_text=_("Optional; needed for “Other” milestones."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "date")
        super().__init__(*args, **kwargs)


class InvitationSignupForm(UserCreationForm):
    """A new account for the invited person (the e-mail is the invitation's); saved by an action."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "full_name")
