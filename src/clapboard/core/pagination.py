"""Limit/offset pages for API lists: ``{"items": [...], "count": n, "limit": l, "offset": o}``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items to return.")
    offset: int = Field(0, ge=0, description="How many items to skip.")


class LimitOffsetPage(PaginationBase):
    Input = PageParams

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="How many items match, over all pages.")
        limit: int
        offset: int

    def paginate_queryset(
        self, queryset: Any, pagination: PageParams, request: HttpRequest, **params: Any
    ) -> Any:
        start = pagination.offset
        return {
            "items": queryset[start : start + pagination.limit],
            "count": self._items_count(queryset),
            "limit": pagination.limit,
            "offset": start,
        }
