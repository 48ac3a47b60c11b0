"""Printable documents built from engine data: PDF files returned as bytes, no Django.

Entry point so far: ``render_breakdown_sheets(sheets)`` (``breakdown_sheet``), one page or
more per scene in the classic breakdown-sheet layout. Drawing uses reportlab's built-in
PDF fonts, so nothing needs installing on the machine.
"""

from __future__ import annotations

from clapboard.engines.documents.breakdown_sheet import BreakdownSheet, SheetElement, render_breakdown_sheets

__all__ = ["BreakdownSheet", "SheetElement", "render_breakdown_sheets"]
