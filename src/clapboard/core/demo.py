"""The demo data set: a registry of parts that each app contributes.

Each app that has something to show puts a ``demo`` module next to its models and
registers functions with :func:`demo_part`. ``load_demo`` imports every installed
app's ``demo`` module, then runs the parts in order inside one transaction. A part
receives the :class:`DemoContext`, reads what earlier parts made from it, adds its own
objects, and must be idempotent: loading the demo twice changes nothing.

Core only holds the mechanism; it imports no app above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "clapboard-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    description: str


@dataclass
class DemoContext:
    """What the parts share: the objects made so far, by name, and the logins to print."""

    objects: dict[str, Any] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)

    def add_login(self, username: str, description: str, password: str = DEMO_PASSWORD) -> None:
        if all(login.username != username for login in self.logins):
            self.logins.append(DemoLogin(username, password, description))


DemoPart = Callable[[DemoContext], None]


@dataclass(frozen=True, order=True)
class _RegisteredPart:
    order: int
    name: str
    function: DemoPart = field(compare=False)


_registry: dict[str, _RegisteredPart] = {}


def demo_part(order: int) -> Callable[[DemoPart], DemoPart]:
    """Register a demo part; parts run by increasing ``order``, then by name.

    Companies and people come first (order < 100), productions next (100-199); later
    modules (scripts, schedules, budgets...) use higher numbers so that they find the
    productions they decorate in the context.
    """

    def register(function: DemoPart) -> DemoPart:
        name = f"{function.__module__}.{function.__qualname__}"
        _registry[name] = _RegisteredPart(order, name, function)
        return function

    return register


def registered_parts() -> list[str]:
    autodiscover_modules("demo")
    return [part.name for part in sorted(_registry.values())]


def load_demo() -> DemoContext:
    """Create (or complete) the demo data and return the context with the logins."""
    autodiscover_modules("demo")
    context = DemoContext()
    with transaction.atomic():
        for part in sorted(_registry.values()):
            part.function(context)
    return context
