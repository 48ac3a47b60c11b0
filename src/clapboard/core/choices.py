"""Helpers for model choices."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from django.db import models
from django.utils.translation import get_language


def translated_choices(choices: type[models.Choices]) -> Mapping[str, str]:
    """Value → label in the active language, translated once per language and process.

    Lists of hundreds of rows use this instead of ``get_FOO_display()``, which translates
    every choice again for each row; and a page asks for the same few sets many times.
    The catalogues are read when the process starts, so a label cannot change after.
    """
    return _labels(choices, get_language())


@functools.cache
def _labels(choices: type[models.Choices], language: str | None) -> Mapping[str, str]:
    return MappingProxyType({str(value): str(label) for value, label in choices.choices})
