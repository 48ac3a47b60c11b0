"""The breakdown categories of the engine, named in the reader's language.

The engine holds the categories as versioned data with both names; this module picks
the one for the active language and gives Django its choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import get_language

from clapboard.engines.breakdown import CATEGORIES, Category, category


def category_name(code: str) -> str:
    """The category's name in the active language (French or English)."""
    found = category(code)
    return found.name_fr if (get_language() or "en").startswith("fr") else found.name_en


_lazy_name = lazy(category_name, str)


def category_choices() -> list[tuple[str, str]]:
    return [(entry.code, _lazy_name(entry.code)) for entry in CATEGORIES]


@dataclass(frozen=True)
class CategoryView:
    """What a page needs to draw a category: code, name, colours."""

    code: str
    name: str
    colour: str
    text_colour: str
    order: int


def category_view(code: str) -> CategoryView:
    found: Category = category(code)
    return CategoryView(found.code, category_name(code), found.colour, found.text_colour, found.order)


def all_category_views() -> list[CategoryView]:
    return [category_view(entry.code) for entry in CATEGORIES]
