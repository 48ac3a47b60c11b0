"""Helpers for model choices."""

from __future__ import annotations

from django.db import models


def translated_choices(choices: type[models.Choices]) -> dict[str, str]:
    """Value → label in the active language, translated once.

    Lists of hundreds of rows use this instead of ``get_FOO_display()``, which translates
    every choice again for each row.
    """
    return {str(value): str(label) for value, label in choices.choices}
