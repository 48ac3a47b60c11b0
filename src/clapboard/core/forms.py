"""Form helpers shared by the apps' forms."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .concurrency import EditConflict


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show an action's ``ValidationError`` on the form: next to its field, or at the top.

    Errors about fields the form does not have (or cannot show) go to the top of the form.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)


class CodeListField(forms.CharField):
    """Codes typed as ``FR, BE`` and cleaned to ``["FR", "BE"]``; the case is fixed by ``upper``."""

    def __init__(self, *, upper: bool = True, **kwargs: object) -> None:
        self.upper = upper
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Comma-separated codes, e.g. FR, BE"))
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        items = [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]
        return [item.upper() if self.upper else item.lower() for item in items]

    def validate(self, value: object) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: object) -> None:
        errors = []
        for item in value or []:  # type: ignore[attr-defined]
            for validator in self.validators:
                try:
                    validator(item)
                except ValidationError as error:
                    errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)


class VersionField(forms.IntegerField):
    """The version of the record the form was filled from, for optimistic concurrency."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)  # type: ignore[arg-type]


class VersionedModelForm(forms.ModelForm):
    """A model form for a versioned row: it carries the version it was read at, and works
    on a copy of the row, so that a rejected form leaves the caller's instance untouched."""

    version = VersionField()

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {})
            kwargs["initial"].setdefault("version", instance.version)
            instance = copy.copy(instance)
        super().__init__(*args, instance=instance, **kwargs)

    def changes(self) -> dict[str, Any]:
        """The cleaned values an action takes (the model fields of the form), without the version."""
        return {
            name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data
        }


@dataclass
class VersionedEdit:
    """The outcome of submitting an edit form for a versioned record."""

    form: forms.BaseForm
    saved: Any = None
    conflict: EditConflict | None = None


def submit_versioned_edit(
    request: HttpRequest,
    form_class: type[forms.ModelForm],
    instance: Any,
    update: Callable[..., Any],  # type: ignore[type-arg]
) -> VersionedEdit:
    """Bind ``form_class`` to the request and, on a valid POST, save through ``update``.

    ``update(instance, acting_user=, expected_version=, **changes)`` is the action. On an
    edit conflict the person's input is kept and the form is re-based on the version now
    saved, so sending it again is a deliberate choice to overwrite; an action's
    ValidationError is shown on the form. Nothing is saved in either case.
    """
    form = form_class(request.POST or None, instance=instance)
    if request.method != "POST" or not form.is_valid():
        return VersionedEdit(form)
    try:
        saved = update(
            instance,
            acting_user=request.user,
            expected_version=form.cleaned_data.get("version"),
            **form.changes(),  # type: ignore[attr-defined]
        )
    except EditConflict as error:
        data = request.POST.copy()
        data["version"] = str(error.instance.version)
        rebased = form_class(data, instance=error.instance)
        rebased.is_valid()
        return VersionedEdit(rebased, conflict=error)
    except ValidationError as error:
        add_validation_error(form, error)
        return VersionedEdit(form)
    return VersionedEdit(form, saved=saved)
