"""Opening an uploaded workbook safely: its sheets' rows and its merged cells.

Workbooks are opened read-only (openpyxl streams the rows, so a 5,000-line budget reads
in a second), with the values Excel last computed for formulas. Read-only mode does not
report merged cells, so ``merged_ranges`` reads them from the sheet's XML part.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]
from openpyxl import load_workbook  # type: ignore[import-untyped]

from clapboard.engines.documents.budget.errors import BudgetFileError

__all__ = ["Workbook", "open_workbook"]

_NAMESPACES = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
#: Largest uncompressed part accepted: a zip bomb is refused before it is inflated.
MAX_PART = 200 * 1024 * 1024


class Workbook:
    """An opened workbook: sheet names, rows as value lists, merged ranges."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            for item in self.archive.infolist():
                if item.file_size > MAX_PART:
                    raise BudgetFileError([(source, f"the part {item.filename} is too large to read")])
            self.book: Any = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except BudgetFileError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
            raise BudgetFileError(
                [(source, f"not an Excel workbook (.xlsx) that can be read ({type(error).__name__})")]
            ) from error
        self.names: list[str] = list(self.book.sheetnames)
        self._paths: dict[str, str] | None = None

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """``(row number, values)`` for every row of sheet ``name``, blank rows included."""
        sheet = self.book[name]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)

    def merged_ranges(self, name: str) -> list[str]:
        """The merged ranges of sheet ``name`` (``A10:C10``), in the order of the file."""
        path = self._sheet_paths().get(name)
        if path is None:
            return []
        try:
            content = self.archive.read(path)
        except KeyError:
            return []
        return [match.decode("ascii") for match in _MERGE.findall(content)]

    def _sheet_paths(self) -> dict[str, str]:
        if self._paths is None:
            self._paths = {}
            try:
                workbook = fromstring(self.archive.read("xl/workbook.xml"))
                relations = fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
            except (KeyError, ParseError, DefusedXmlException):
                return self._paths
            targets = {
                item.get("Id"): item.get("Target", "")
                for item in relations.findall("p:Relationship", _NAMESPACES)
            }
            for sheet in workbook.iterfind("m:sheets/m:sheet", _NAMESPACES):
                target = targets.get(sheet.get(f"{{{_NAMESPACES['r']}}}id"), "")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                self._paths[sheet.get("name", "")] = path
        return self._paths

    def close(self) -> None:
        self.book.close()
        self.archive.close()


def open_workbook(data: bytes, source: str = "workbook") -> Workbook:
    return Workbook(data, source)
