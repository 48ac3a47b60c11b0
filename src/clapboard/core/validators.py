"""Validators for codes and identifiers used across the domain."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def validate_country_code(value: str) -> None:
    if not _COUNTRY.match(value or ""):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166 country code (two capital letters)."),
            params={"value": value},
            code="country",
        )


def validate_currency_code(value: str) -> None:
    if not _CURRENCY.match(value or ""):
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (three capital letters)."),
            params={"value": value},
            code="currency",
        )


def validate_language_code(value: str) -> None:
    if not _LANGUAGE.match(value or ""):
        raise ValidationError(
            _("“%(value)s” is not an ISO 639 language code."), params={"value": value}, code="language"
        )


def validate_code_list(values: object, validator: object) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("Expected a list of codes."), code="list")
    for value in values:
        validator(value)  # type: ignore[operator]


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def validate_registration_number(value: str, country: str) -> None:
    """French SIREN (9 digits) and SIRET (14 digits) carry a Luhn check digit."""
    if not value or country != "FR":
        return
    digits = value.replace(" ", "")
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise ValidationError(
            {"registration_number": _("A SIREN has 9 digits and a SIRET 14 digits.")}, code="siren"
        )
    if not luhn_is_valid(digits):
        raise ValidationError(
            {"registration_number": _("This SIREN/SIRET fails its check digit; check for a typing error.")},
            code="siren_checksum",
        )
