"""The registry of production modules that apps above ``productions`` contribute.

An app (scripts, schedules, budgets...) registers its entry page from its
``AppConfig.ready()``; the navigation then links it instead of showing it as coming.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .roles import Capability


@dataclass(frozen=True)
class Module:
    """A module's entry in the production navigation.

    ``url_name`` takes ``production_id`` as its only argument; every view in the URL
    ``namespace`` marks the entry as the current one.
    """

    key: str
    label: Any
    url_name: str
    namespace: str
    capability: Capability = Capability.VIEW


MODULES: dict[str, Module] = {}


def register_module(module: Module) -> None:
    MODULES[module.key] = module
