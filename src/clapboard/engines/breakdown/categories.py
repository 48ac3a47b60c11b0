"""The standard breakdown categories: codes, names in English and French, colours, order.

The list is versioned data (``data/categories.json``, with its source and date of effect);
this module reads it once. ``CATEGORIES`` is in display order, ``category(code)`` finds
one by its stable code, and ``Category.text_colour`` says whether a tag drawn in the
category's colour takes black or white text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "CATEGORIES",
    "CATEGORY_CODES",
    "Category",
    "CategorySet",
    "category",
    "contrast_ratio",
    "load_categories",
]

DATA = Path(__file__).resolve().parent / "data"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_MARKS = frozenset({"", "circle", "asterisk", "box", "underline"})
BLACK = "#000000"
WHITE = "#FFFFFF"


def _luminance(colour: str) -> float:
    """The WCAG relative luminance of a ``#RRGGBB`` colour, from 0 (black) to 1 (white)."""
    channels = []
    for position in (1, 3, 5):
        value = int(colour[position : position + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours (1 for equal colours, 21 at most)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class Category:
    """A breakdown category.

    ``code`` is stable and is what breakdowns store; ``colour`` is ``#RRGGBB`` in upper
    case; ``mark`` is how a paper breakdown marks the category besides colour (``circle``,
    ``asterisk``, ``box``, ``underline`` or empty); ``order`` sorts categories for display.
    """

    code: str
    name_en: str
    name_fr: str
    colour: str
    order: int
    mark: str = ""

    @property
    def text_colour(self) -> str:
        """``#000000`` or ``#FFFFFF``, whichever is easier to read on ``colour``."""
        if contrast_ratio(self.colour, BLACK) >= contrast_ratio(self.colour, WHITE):
            return BLACK
        return WHITE

    def name(self, language: str) -> str:
        """The name in ``language`` ("fr" or "en"); any other language gets English."""
        return self.name_fr if language == "fr" else self.name_en


@dataclass(frozen=True, slots=True)
class CategorySet:
    """The categories of one version of ``data/categories.json``, with its provenance."""

    version: int
    effective_from: date
    source: str
    categories: tuple[Category, ...]

    def get(self, code: str) -> Category:
        for candidate in self.categories:
            if candidate.code == code:
                return candidate
        known = ", ".join(c.code for c in self.categories)
        raise KeyError(f"unknown breakdown category {code!r} (known: {known})")


def _category(raw: dict[str, Any], path: Path) -> Category:
    colour = str(raw["colour"])
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"{path}: category {raw.get('code')!r} has colour {colour!r}, not #RRGGBB")
    mark = str(raw.get("mark", ""))
    if mark not in _MARKS:
        raise ValueError(f"{path}: category {raw.get('code')!r} has unknown mark {mark!r}")
    return Category(
        code=str(raw["code"]),
        name_en=str(raw["name_en"]),
        name_fr=str(raw["name_fr"]),
        colour=colour.upper(),
        order=int(raw["order"]),
        mark=mark,
    )


def _read(path: Path) -> CategorySet:
    raw = json.loads(path.read_text(encoding="utf-8"))
    categories = tuple(sorted((_category(item, path) for item in raw["categories"]), key=lambda c: c.order))
    codes = [c.code for c in categories]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: a category code appears twice")
    if len({c.order for c in categories}) != len(categories):
        raise ValueError(f"{path}: two categories share a display order")
    return CategorySet(
        version=int(raw["version"]),
        effective_from=date.fromisoformat(str(raw["effective_from"])),
        source=str(raw["source"]),
        categories=categories,
    )


@cache
def _shipped() -> CategorySet:
    return _read(DATA / "categories.json")


def load_categories(path: Path | None = None) -> CategorySet:
    """The categories in ``path``, or the shipped ``data/categories.json`` (read once)."""
    return _shipped() if path is None else _read(path)


CATEGORIES: tuple[Category, ...] = _shipped().categories
CATEGORY_CODES: tuple[str, ...] = tuple(c.code for c in CATEGORIES)
_BY_CODE = {c.code: c for c in CATEGORIES}


def category(code: str) -> Category:
    """The shipped category with this code; ``KeyError`` naming the code when unknown."""
    found = _BY_CODE.get(code)
    if found is None:
        return _shipped().get(code)
    return found
