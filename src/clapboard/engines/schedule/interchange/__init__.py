"""Open interchange of breakdowns and schedules with other scheduling tools.

``read_uss(data) -> Interchange`` and ``load_uss(raw_bytes)`` read a Universal Schedule
Standard (USS) document; ``write_uss(interchange) -> dict`` writes one. The
``Interchange`` dataclasses (``model.py``) say what Clapboard exchanges, independent of
the file format; the breakdown categories map to the standard's universal category
numbers through versioned data (``data/uss_categories.json``, read by ``categories.py``).
Bad input raises ``InterchangeError`` naming the JSON path of the problem.
"""

from __future__ import annotations

from .categories import CategoryMap, load_category_map
from .model import (
    OTHER,
    SPECIAL_DAYS,
    Breakdown,
    Calendar,
    CalendarEvent,
    Category,
    Element,
    Interchange,
    InterchangeError,
    ItemKind,
    Project,
    ScheduleSettings,
    StripItem,
)
from .reading import MAX_USS_BYTES, load_uss, read_uss
from .writing import USS_VERSION, write_uss

__all__ = [
    "MAX_USS_BYTES",
    "OTHER",
    "SPECIAL_DAYS",
    "USS_VERSION",
    "Breakdown",
    "Calendar",
    "CalendarEvent",
    "Category",
    "CategoryMap",
    "Element",
    "Interchange",
    "InterchangeError",
    "ItemKind",
    "Project",
    "ScheduleSettings",
    "StripItem",
    "load_category_map",
    "load_uss",
    "read_uss",
    "write_uss",
]
