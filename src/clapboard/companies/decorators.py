"""View decorator for company pages: members see, administrators manage."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from .access import company_access


def company_view(
    *, manage: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Pass ``(request, company, role, ...)`` to the view; 404 for outsiders, 403 if ``manage`` and not admin."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, company_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            company, role = company_access(request.user, company_id, manage=manage)
            return view(request, company, role, *args, **kwargs)

        protected = login_required(wrapper)
        protected.requires_company_admin = manage  # type: ignore[attr-defined]
        return protected

    return decorator
