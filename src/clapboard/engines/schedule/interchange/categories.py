"""Clapboard's breakdown categories and the universal category numbers (ucid), both ways.

The table is versioned data (``data/uss_categories.json``, with its source): each
Clapboard code is written as one number; a number is read into a Clapboard code, or
into ``OTHER`` when Clapboard has no such category; three numbers are the parts of a
scene heading (set, INT/EXT, day or night), not categories.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model import OTHER

DATA = Path(__file__).resolve().parent.parent / "data" / "uss_categories.json"
SCENE_PROPERTIES = ("set", "int_ext", "time_of_day")


@dataclass(frozen=True, slots=True)
class CategoryMap:
    version: int
    effective_from: dt.date
    source: str
    property_ucids: dict[str, int]  # "set" → 0, "int_ext" → 1, "time_of_day" → 2
    property_names: dict[str, str]  # "set" → "Set"
    import_codes: dict[int, str]  # ucid → Clapboard code or OTHER
    export_ucids: dict[str, int]  # Clapboard code → ucid
    names: dict[int, str]  # ucid → the category's usual name

    def property_of(self, ucid: int) -> str | None:
        """``set``, ``int_ext`` or ``time_of_day`` for a scene-heading number, else None."""
        for name, number in self.property_ucids.items():
            if number == ucid:
                return name
        return None

    def code_of(self, ucid: int) -> str:
        """The Clapboard code read for ``ucid``: ``OTHER`` for a number Clapboard lacks."""
        return self.import_codes.get(ucid, OTHER)

    def ucid_of(self, code: str) -> int:
        """The number written for a Clapboard code; ``KeyError`` naming it when unknown."""
        found = self.export_ucids.get(code)
        if found is None:
            raise KeyError(f"no universal category number for the breakdown category {code!r}")
        return found


def _read(path: Path) -> CategoryMap:
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    property_ucids: dict[str, int] = {}
    property_names: dict[str, str] = {}
    for entry in raw["scene_properties"]:
        name = str(entry["property"])
        if name not in SCENE_PROPERTIES or name in property_ucids:
            raise ValueError(f"{path}: scene property {name!r} is unknown or listed twice")
        property_ucids[name] = int(entry["ucid"])
        property_names[name] = str(entry["name"])
    import_codes: dict[int, str] = {}
    export_ucids: dict[str, int] = {}
    names = {number: property_names[name] for name, number in property_ucids.items()}
    for entry in raw["categories"]:
        ucid = int(entry["ucid"])
        if ucid in names:
            raise ValueError(f"{path}: universal category {ucid} is listed twice")
        names[ucid] = str(entry["name"])
        code = entry["code"]
        import_codes[ucid] = OTHER if code is None else str(code)
        if entry["export"]:
            if code is None or code in export_ucids:
                raise ValueError(f"{path}: category {code!r} is written as two numbers, or as none")
            export_ucids[str(code)] = ucid
    return CategoryMap(
        version=int(raw["version"]),
        effective_from=dt.date.fromisoformat(str(raw["effective_from"])),
        source=str(raw["source"]),
        property_ucids=property_ucids,
        property_names=property_names,
        import_codes=import_codes,
        export_ucids=export_ucids,
        names=names,
    )


@cache
def _shipped() -> CategoryMap:
    return _read(DATA)


def load_category_map(path: Path | None = None) -> CategoryMap:
    """The table in ``path``, or the shipped ``data/uss_categories.json`` (read once)."""
    return _shipped() if path is None else _read(path)
