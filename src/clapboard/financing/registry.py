"""What the financing app adds to the shared registries: its navigation entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.productions.modules import Module, register_module


def register() -> None:
    register_module(
        Module(key="financing", label=_("Financing"), url_name="financing:home", namespace="financing")
    )
