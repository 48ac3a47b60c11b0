"""Breakdown sheets as PDF: scene rows → ``BreakdownSheet`` dataclasses → the document engine."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from clapboard.engines.documents.breakdown_sheet import BreakdownSheet, SheetElement, render_breakdown_sheets

from .categories import category_view
from .models import Scene, Tag


def breakdown_sheets(scenes: Sequence[Scene], *, production: Any) -> list[BreakdownSheet]:
    """One sheet per scene with its accepted and pending elements (rejected ones left out)."""
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    tags = (
        Tag.objects.filter(scene__in=scenes)
        .exclude(status=Tag.Status.REJECTED)
        .values_list("scene_id", "element__category", "element__name")
        .order_by("scene_id", "element__name")
    )
    for scene_id, category, name in tags:
        if name not in names[scene_id][category]:
            names[scene_id][category].append(name)
    language = "fr" if (get_language() or "fr").startswith("fr") else "en"
    today = timezone.localdate()
    sheets = []
    for scene in scenes:
        views = sorted(
            ((category_view(code), found) for code, found in names[scene.pk].items()),
            key=lambda pair: pair[0].order,
        )
        version = scene.version
        sheets.append(
            BreakdownSheet(
                production_title=production.title,
                script_title=version.script.title,
                version_label=str(version.display_label),
                scene_number=scene.number or None,
                scene_index=scene.position,
                heading=scene.heading,
                int_ext=scene.int_ext or None,
                location=scene.location_name,
                time_of_day=scene.time_of_day or None,
                page_start=scene.page_start,
                eighths=scene.eighths,
                synopsis=scene.synopsis,
                elements=tuple(
                    SheetElement(category_name=view.name, colour=view.colour, names=tuple(found))
                    for view, found in views
                ),
                generated_on=today,
                language=language,
            )
        )
    return sheets


def pdf_response(scenes: Sequence[Scene], *, production: Any, filename: str) -> HttpResponse:
    document = render_breakdown_sheets(breakdown_sheets(scenes, production=production))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
