"""Budget files: the Excel workbook (written and read back), table import, PDF.

Entry points, pure Python, no Django:

* ``write_budget_xlsx(budget, totals, *, language, labels) -> bytes`` and
  ``read_budget_xlsx(data) -> Budget``: Clapboard's own workbook (top sheet, detail,
  accounts, globals, fringes, settings), with formulas for the subtotals; what it writes
  reads back equal, and edits made in Excel read back as edits;
* ``read_table(data, filename) -> Table``, ``suggest_mapping(table) -> ColumnMapping``
  and ``budget_from_table(table, mapping, *, layout_id, currency) -> Budget``: a simple
  budget from another tool (CSV or xlsx), with a column mapping step;
* ``render_budget_pdf(budget, totals, *, detail, language, labels, hide_salaries)``: the
  top sheet and, on request, the detail lines.

Bad files raise ``BudgetFileError`` (a ``BudgetError``) naming the sheet and cell of
every problem found.
"""

from __future__ import annotations

from clapboard.engines.documents.budget.errors import BudgetFileError
from clapboard.engines.documents.budget.labels import BUDGET_LABELS
from clapboard.engines.documents.budget.pdf import render_budget_pdf
from clapboard.engines.documents.budget.table_import import (
    ColumnMapping,
    Table,
    budget_from_table,
    read_table,
    suggest_mapping,
)
from clapboard.engines.documents.budget.xlsx_reader import read_budget_xlsx
from clapboard.engines.documents.budget.xlsx_writer import write_budget_xlsx

__all__ = [
    "BUDGET_LABELS",
    "BudgetFileError",
    "ColumnMapping",
    "Table",
    "budget_from_table",
    "read_budget_xlsx",
    "read_table",
    "render_budget_pdf",
    "suggest_mapping",
    "write_budget_xlsx",
]
