"""View decorators that put the capability check in front of every production page.

The capability each view needs is kept on the view (``required_capability``), so the
permission sweep in tests/test_permission_sweep.py can walk every URL and prove it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from .access import ProductionAccess, production_access
from .roles import Capability

ProductionViewFunc = Callable[..., HttpResponse]


def production_view(capability: Capability) -> Callable[[ProductionViewFunc], ProductionViewFunc]:
    """Resolve ``production_id`` from the URL for the logged-in user and check ``capability``.

    The wrapped view receives ``(request, access, **other_url_kwargs)``; outsiders get 404
    and members without the capability 403.
    """

    def decorator(view: ProductionViewFunc) -> ProductionViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, production_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            access: ProductionAccess = production_access(request.user, production_id, capability)
            request.production_access = access  # type: ignore[attr-defined]  # read by templates
            return view(request, access, *args, **kwargs)

        protected = login_required(wrapper)
        protected.required_capability = capability  # type: ignore[attr-defined]
        return protected

    return decorator
