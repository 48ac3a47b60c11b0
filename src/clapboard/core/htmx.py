"""Small helpers for pages that answer both full requests and htmx requests."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_htmx(request: HttpRequest) -> bool:
    """True for a request sent by htmx (it sets ``HX-Request: true``), except history restores."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_partial(
    request: HttpRequest,
    page: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """The whole page for a normal request; only ``partial`` (a fragment the page includes) for htmx."""
    partial_only = is_htmx(request)
    template = partial if partial_only else page
    # A partial carries the flash messages out of band (see components/messages.html).
    response = render(request, template, {**context, "is_partial": partial_only}, status=status)
    response["Vary"] = "HX-Request"
    return response
