"""Forms of the budget pages. They parse and show errors; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clapboard.core.forms import VersionField
from clapboard.engines.budget import layout_ids
from clapboard.engines.budget.templates import layout_data
from clapboard.scripts.models import ScriptVersion

from .models import BudgetVersion, Line

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def layout_choices() -> list[tuple[str, str]]:
    return [(layout, str(layout_data(layout).content.get("title", layout))) for layout in layout_ids()]


class BudgetCreateForm(forms.Form):
    START_TEMPLATE = "template"
    START_COPY = "copy"
    START_SCHEDULE = "schedule"
    START_SCRIPT = "script"

    name = forms.CharField(label=_("Name"), max_length=120)
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=(
            (START_TEMPLATE, _("a layout's template")),
            (START_SCHEDULE, _("the schedule: shooting days and cast days")),
            (START_SCRIPT, _("the script alone: days estimated from its pages")),
            (START_COPY, _("a copy of another budget version")),
        ),
        initial=START_TEMPLATE,
        widget=forms.RadioSelect,
    )
    layout = forms.ChoiceField(label=_("Layout"), choices=layout_choices)
    schedule = forms.ModelChoiceField(label=_("Schedule"), queryset=None, required=False)  # type: ignore[arg-type]
    script_version = forms.ModelChoiceField(label=_("Script"), queryset=None, required=False)  # type: ignore[arg-type]
    source = forms.ModelChoiceField(label=_("Version to copy"), queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args: Any, production: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = production.schedules.all()
        self.fields["script_version"].queryset = ScriptVersion.objects.filter(
            pk__in=production.scripts.values("current_version")
        ).select_related("script")
        self.fields["script_version"].label_from_instance = lambda version: (
            f"{version.script.title} · {version.display_label}"
        )
        self.fields["source"].queryset = BudgetVersion.objects.filter(
            budget__production=production
        ).select_related("budget")
        self.fields["source"].label_from_instance = lambda version: (
            f"{version.budget.name} · v{version.number}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = data.get("start")
        if start == self.START_SCHEDULE and not data.get("schedule"):
            self.add_error("schedule", _("Choose the schedule to start from."))
        if start == self.START_SCRIPT and not data.get("script_version"):
            self.add_error("script_version", _("Choose the script to start from."))
        if start == self.START_COPY and not data.get("source"):
            self.add_error("source", _("Choose the version to copy."))
        return data


class BudgetImportForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    file = forms.FileField(
        label=_("Budget file"),
        help_text=_(
            "The JSON budget format, a workbook exported by Clapboard, or a table (CSV, Excel) from another tool."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("%(name)s is larger than 20 MB.") % {"name": upload.name})
        return upload


class LineForm(forms.Form):
    """The cells of a line the sheet edits in place."""

    version = VersionField()
    description = forms.CharField(max_length=300, required=False)
    quantity = forms.CharField(max_length=200)
    unit = forms.ChoiceField(choices=Line.Unit.choices)
    rate = forms.CharField(max_length=200)
    multiplier = forms.CharField(max_length=200, required=False)

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class VersionSettingsForm(forms.Form):
    version = VersionField()
    label = forms.CharField(label=_("Label"), max_length=120, required=False)
    schedule = forms.ModelChoiceField(label=_("Linked schedule"), queryset=None, required=False)  # type: ignore[arg-type]
    globals_text = forms.CharField(
        label=_("Globals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "mono"}),
        help_text=_("One a line: NAME = expression, e.g. PREP_WEEKS = 6 or SHOOT_DAYS = 24 + 2."),
    )
    rates_text = forms.CharField(
        label=_("Exchange rates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}),
        help_text=_("One a line: the value of one unit in the budget's currency, e.g. USD = 0.92."),
    )

    def __init__(self, *args: Any, production: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = production.schedules.all()

    def clean_globals_text(self) -> list[dict[str, str]]:
        return [{"name": name, "expression": value} for name, value in self._pairs("globals_text")]

    def clean_rates_text(self) -> dict[str, str]:
        return {name.upper(): value for name, value in self._pairs("rates_text")}

    def _pairs(self, field: str) -> list[tuple[str, str]]:
        pairs = []
        for number, text in enumerate(str(self.cleaned_data.get(field) or "").splitlines(), start=1):
            if not text.strip():
                continue
            name, equals, value = text.partition("=")
            if not equals or not name.strip() or not value.strip():
                raise forms.ValidationError(
                    _("Line %(number)s: write NAME = value (“%(text)s”).")
                    % {"number": number, "text": text.strip()}
                )
            pairs.append((name.strip(), value.strip()))
        return pairs


class TableMappingForm(forms.Form):
    """Which column of an imported table holds what, and where the lines go."""

    FIELDS = (
        ("account", _("Account number")),
        ("description", _("Description")),
        ("quantity", _("Quantity")),
        ("unit", _("Unit")),
        ("rate", _("Rate")),
        ("multiplier", _("Multiplier")),
        ("amount", _("Amount")),
        ("currency", _("Currency")),
        ("department", _("Department")),
        ("notes", _("Notes")),
    )

    name = forms.CharField(label=_("Name"), max_length=120)
    layout = forms.ChoiceField(label=_("Layout"), choices=layout_choices)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")

    def __init__(self, *args: Any, headings: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the table —"))] + [
            (str(index), f"{chr(65 + index) if index < 26 else index + 1} · {heading or '—'}")
            for index, heading in enumerate(headings)
        ]
        for field, label in self.FIELDS:
            self.fields[f"column_{field}"] = forms.TypedChoiceField(
                label=label, choices=choices, required=False, coerce=int, empty_value=None
            )

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).upper()

    def mapping(self) -> dict[str, int | None]:
        return {field: self.cleaned_data.get(f"column_{field}") for field, _label in self.FIELDS}
