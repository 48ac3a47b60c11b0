"""What the shell needs on every page: the production switcher and the module navigation."""

from __future__ import annotations

from html import escape
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from clapboard.core.links import cached_reverse

from .models import Production
from .modules import MODULES
from .roles import Capability

#: Modules of the product, in the order of the navigation; those that no app has
#: registered yet (``modules.register_module``) are shown disabled so that nobody lands
#: on an empty page.
PRODUCT_MODULES = (
    ("script", _("Script")),
    ("schedule", _("Schedule")),
    ("budget", _("Budget")),
    ("financing", _("Financing")),
    ("people", _("People")),
    ("costs", _("Costs")),
    ("delivery", _("Delivery")),
    ("distribution", _("Distribution")),
    ("analytics", _("Analytics")),
)


def _coming_modules() -> SafeString:
    """The modules no app has registered yet, shown disabled."""
    coming = escape(_("coming"))
    return mark_safe(
        "".join(
            f'<li><span class="sidenav__link is-disabled" aria-disabled="true">{escape(label)}'
            f' <span class="tag">{coming}</span></span></li>'
            for key, label in PRODUCT_MODULES
            if key not in MODULES
        )
    )


def _modules(production: Production, can: dict[str, bool], view_name: str) -> SafeString:
    """The links of the production's modules, the current one marked."""
    entries: list[tuple[str, Any, tuple[str, ...]]] = [
        ("productions:dashboard", _("Overview"), ("productions:dashboard", "productions:phase")),
    ]
    for key, _label in PRODUCT_MODULES:
        module = MODULES.get(key)
        if module is not None and can.get(module.capability.value):
            entries.append((module.url_name, module.label, (module.namespace,)))
    entries.append(("productions:team", _("Team"), ("productions:team", "productions:member_edit")))
    if production.is_series:
        entries.append(
            ("productions:episodes", _("Episodes"), ("productions:episodes", "productions:episode_edit"))
        )
    entries += [
        ("productions:key_dates", _("Key dates"), ("productions:key_dates",)),
        ("productions:activity", _("Activity"), ("productions:activity",)),
    ]
    if can.get(Capability.EDIT.value):
        entries.append(("productions:edit", _("Production details"), ("productions:edit",)))
    # Written here rather than looped over in the template: it is on every production page.
    links = []
    for name, label, active_on in entries:
        url = cached_reverse(name, kwargs={"production_id": production.pk})
        current = (
            ' aria-current="page"'
            if view_name in active_on or view_name.split(":", 1)[0] in active_on
            else ""
        )
        links.append(f'<li><a class="sidenav__link" href="{escape(url)}"{current}>{escape(label)}</a></li>')
    return mark_safe("".join(links))


def production_navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context: dict[str, Any] = {}
    access = getattr(request, "production_access", None)
    if access is not None:
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match is not None else ""
        can = {capability.value: access.can(capability) for capability in Capability}
        context.update(
            nav_production=access.production,
            nav_role=access.role,
            can=can,
            nav_modules=_modules(access.production, can, view_name),
            nav_coming=_coming_modules(),
        )
    return context
