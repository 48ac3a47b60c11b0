"""Form helpers shared by the apps' forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


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
