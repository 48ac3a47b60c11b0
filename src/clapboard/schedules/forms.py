"""Forms of the schedule pages. They parse and show errors; the actions decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clapboard.core.forms import VersionedModelForm, VersionField
from clapboard.engines.schedule.calendar import load_holiday_rules
from clapboard.scripts.models import ScriptVersion

from .models import CallSheet, Schedule, Strip

WEEKDAYS = (
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
)
ADDABLE = (
    (Strip.Kind.BANNER, _("Banner")),
    (Strip.Kind.DAY_BREAK, _("Day break")),
    (Strip.Kind.DAY_OFF, _("Day off")),
    (Strip.Kind.TRAVEL, _("Travel day")),
    (Strip.Kind.REHEARSAL, _("Rehearsal day")),
)


def country_choices() -> list[tuple[str, str]]:
    return [(code, country.name) for code, country in load_holiday_rules().countries.items()]


class DaysOffField(forms.CharField):
    """Dates, one a line or separated by commas, as ISO strings."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return "\n".join(str(day) for day in value)
        return value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = str(value or "").replace(",", "\n")
        days = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                days.append(dt.date.fromisoformat(line).isoformat())
            except ValueError as error:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date (write YYYY-MM-DD)."), params={"value": line}
                ) from error
        return sorted(set(days))


class _ScheduleFields(VersionedModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "start_date" in self.fields:
            self.fields["start_date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for name in ("pages_per_day", "hours_per_day"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"class": "input--number", "step": "0.25"})


class ScheduleCreateForm(_ScheduleFields):
    script_version = forms.ModelChoiceField(
        label=_("Built from"), queryset=ScriptVersion.objects.none(), empty_label=None
    )

    class Meta:
        model = Schedule
        fields = ("name", "unit", "start_date", "pages_per_day", "hours_per_day")

    def __init__(self, *args: Any, production: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["script_version"].queryset = ScriptVersion.objects.filter(
            pk__in=production.scripts.values("current_version")
        ).select_related("script")
        self.fields["script_version"].label_from_instance = lambda version: (
            f"{version.script.title} · {version.display_label}"
        )
        self.fields["pages_per_day"].required = False
        del self.fields["version"]  # a new schedule has no version yet

    def changes(self) -> dict[str, Any]:
        changes = super().changes()
        if changes.get("pages_per_day") is None:
            changes.pop("pages_per_day", None)
        changes["script_version"] = self.cleaned_data.get("script_version")
        return changes


class ScheduleForm(_ScheduleFields):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Working weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ChoiceField(label=_("Public holidays of"), choices=country_choices)
    days_off = DaysOffField(
        label=_("Days off"), required=False, help_text=_("Dates on which nothing is shot, one a line.")
    )

    class Meta:
        model = Schedule
        fields = (
            "name",
            "unit",
            "start_date",
            "weekdays",
            "country",
            "days_off",
            "pages_per_day",
            "hours_per_day",
            "drop_and_pick_up",
        )


class StripAddForm(forms.Form):
    kind = forms.ChoiceField(label=_("Add"), choices=ADDABLE)
    text = forms.CharField(label=_("Text"), max_length=200, required=False)
    after = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionField()


# Call sheets ------------------------------------------------------------------------------


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CallSheetForm(VersionedModelForm):
    class Meta:
        model = CallSheet
        fields = (
            "general_call",
            "shooting_call",
            "estimated_wrap",
            "sunrise",
            "sunset",
            "weather",
            "base_notes",
            "hospital_name",
            "hospital_address",
            "hospital_phone",
            "notes",
        )
        widgets = {
            "general_call": _time_input(),
            "shooting_call": _time_input(),
            "estimated_wrap": _time_input(),
            "sunrise": _time_input(),
            "sunset": _time_input(),
            "base_notes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["version"].initial = None  # a blank sheet: nobody's version yet


class CastCallForm(forms.Form):
    """One performer's times. ``pick_up_place`` is dropped for people without the right
    to personal data (the action then keeps what was saved)."""

    element = forms.IntegerField(widget=forms.HiddenInput)
    pick_up = forms.TimeField(label=_("Pick-up"), required=False, widget=_time_input())
    pick_up_place = forms.CharField(label=_("Pick-up place"), max_length=300, required=False)
    make_up = forms.TimeField(label=_("Hair and make-up"), required=False, widget=_time_input())
    on_set = forms.TimeField(label=_("On set"), required=False, widget=_time_input())
    remarks = forms.CharField(label=_("Remarks"), max_length=300, required=False)

    def __init__(self, *args: Any, personal: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not personal:
            del self.fields["pick_up_place"]


class CrewCallForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    department = forms.CharField(label=_("Department"), max_length=80, required=False)
    role = forms.CharField(label=_("Role"), max_length=120, required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    call = forms.TimeField(label=_("Call"), required=False, widget=_time_input())
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args: Any, personal: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not personal:
            del self.fields["phone"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(name) for name in ("role", "name", "call", "phone"))
        if filled and not data.get("department"):
            self.add_error("department", _("Say which department this call is for."))
        return data


CastCallFormSet = forms.formset_factory(CastCallForm, extra=0)
CrewCallFormSet = forms.formset_factory(CrewCallForm, extra=3, can_delete=True)


_DATE_INPUT = {"type": "date"}
PLAN_TIME_LIMITS = ((10, _("10 seconds")), (30, _("30 seconds")), (60, _("1 minute")))
WEIGHT_LABELS = {
    "shooting_day": _("a shooting day"),
    "company_move": _("a company move within a day"),
    "location_change": _("a change of unit base overnight"),
    "split_day": _("a day with both day and night scenes"),
    "day_night_switch": _("a switch between day and night work"),
}


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs=_DATE_INPUT, format="%Y-%m-%d")
    )


def _money_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=10, decimal_places=2)


class PlanningTermsForm(forms.Form):
    """The planner's terms of a schedule, one group of fields per cast member, shooting
    location and scene of the board (``planning.PlanningInput``), plus the search's length."""

    max_shooting_days = forms.IntegerField(label=_("Most shooting days"), required=False, min_value=1)
    time_limit = forms.TypedChoiceField(
        label=_("Search for"),
        choices=PLAN_TIME_LIMITS,
        coerce=int,
        initial=10,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, data: Any = None, *, planning: Any, show_rates: bool = True) -> None:
        super().__init__(data)
        self.planning = planning
        # Daily rates are salaries: without the right to see them, they are neither shown
        # nor changed (the saved ones are kept).
        self.show_rates = show_rates
        settings = planning.settings
        self.fields["max_shooting_days"].initial = settings.max_shooting_days
        weights = planning.weights
        for name, label in WEIGHT_LABELS.items():
            field = _money_field(label)
            field.required = True
            field.initial = Decimal(getattr(weights, name)) / 100
            self.fields[f"weight_{name}"] = field
        for row in planning.cast:
            term = row.term
            if show_rates:
                self.fields[f"cast_{row.element_id}_rate"] = _money_field(_("Daily rate"))
            self.fields[f"cast_{row.element_id}_first"] = _date_field(_("Available from"))
            self.fields[f"cast_{row.element_id}_last"] = _date_field(_("Available until"))
            if term is not None:
                if show_rates:
                    self.fields[f"cast_{row.element_id}_rate"].initial = term.daily_rate
                self.fields[f"cast_{row.element_id}_first"].initial = term.first_date
                self.fields[f"cast_{row.element_id}_last"].initial = term.last_date
        for row in planning.locations:
            term = row.term
            self.fields[f"location_{row.location_id}_first"] = _date_field(_("Available from"))
            self.fields[f"location_{row.location_id}_last"] = _date_field(_("Available until"))
            if term is not None:
                self.fields[f"location_{row.location_id}_first"].initial = term.first_date
                self.fields[f"location_{row.location_id}_last"].initial = term.last_date
        for row in planning.scenes:
            self.fields[f"scene_{row.scene_id}_fixed"] = _date_field(_("Shot on"))
            if row.term is not None:
                self.fields[f"scene_{row.scene_id}_fixed"].initial = row.term.fixed_date

    def cast_rows(self) -> list[tuple[Any, ...]]:
        return [
            (
                row,
                self[f"cast_{row.element_id}_rate"] if self.show_rates else None,
                self[f"cast_{row.element_id}_first"],
                self[f"cast_{row.element_id}_last"],
            )
            for row in self.planning.cast
        ]

    def location_rows(self) -> list[tuple[Any, ...]]:
        return [
            (row, self[f"location_{row.location_id}_first"], self[f"location_{row.location_id}_last"])
            for row in self.planning.locations
        ]

    def scene_rows(self) -> list[tuple[Any, ...]]:
        return [(row, self[f"scene_{row.scene_id}_fixed"]) for row in self.planning.scenes]

    def fixed_scene_count(self) -> int:
        return sum(1 for row in self.planning.scenes if row.term is not None and row.term.fixed_date)

    def weight_fields(self) -> list[Any]:
        return [self[f"weight_{name}"] for name in WEIGHT_LABELS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for prefix in [f"cast_{row.element_id}" for row in self.planning.cast] + [
            f"location_{row.location_id}" for row in self.planning.locations
        ]:
            first, last = data.get(f"{prefix}_first"), data.get(f"{prefix}_last")
            if first and last and last < first:
                self.add_error(f"{prefix}_last", _("This ends before it starts."))
        return data

    def terms(self) -> dict[str, Any]:
        """The keyword arguments of ``actions.save_planning_terms``."""
        data = self.cleaned_data
        return {
            "max_shooting_days": data.get("max_shooting_days"),
            "weights": {name: int(data[f"weight_{name}"] * 100) for name in WEIGHT_LABELS},
            "cast": {
                row.element_id: {
                    "daily_rate": data.get(f"cast_{row.element_id}_rate")
                    if self.show_rates
                    else (row.term.daily_rate if row.term is not None else None),
                    "first_date": data.get(f"cast_{row.element_id}_first"),
                    "last_date": data.get(f"cast_{row.element_id}_last"),
                }
                for row in self.planning.cast
            },
            "locations": {
                row.location_id: {
                    "first_date": data.get(f"location_{row.location_id}_first"),
                    "last_date": data.get(f"location_{row.location_id}_last"),
                }
                for row in self.planning.locations
            },
            "scenes": {row.scene_id: data.get(f"scene_{row.scene_id}_fixed") for row in self.planning.scenes},
        }
