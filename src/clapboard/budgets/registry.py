"""What the budgets app adds to the shared registries: its navigation entry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clapboard.productions.modules import Module, register_module


def register() -> None:
    register_module(Module(key="budget", label=_("Budget"), url_name="budgets:home", namespace="budgets"))
