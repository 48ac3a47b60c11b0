"""The breakdown category colours as a stylesheet, written from the engine's category data.

Pages may not carry inline styles (the content security policy forbids them), and the
colours are data with a version: this view turns them into ``.cat-<code>`` classes.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from clapboard.engines.breakdown import CATEGORIES

CACHE_SECONDS = 24 * 3600


def _rules() -> str:
    lines = ["/* Breakdown categories, generated from the category data. */"]
    for entry in CATEGORIES:
        lines.append(f".cat-{entry.code} {{ --cat: {entry.colour}; --cat-ink: {entry.text_colour}; }}")
    return "\n".join(lines) + "\n"


@require_GET
def category_styles(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_rules(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
