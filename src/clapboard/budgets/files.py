"""Budget files in the app: the workbook, the PDF, and reading an uploaded file.

An upload is one of three things: the budget JSON format, a workbook Clapboard wrote
(read back whole), or a table from another tool (CSV or another workbook), which needs
the column mapping step. ``read_upload`` says which and reads the first two; a table is
kept in the default storage under a random token until its mapping is chosen.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from clapboard.engines.budget import Budget, BudgetError, read_budget
from clapboard.engines.documents.budget import read_budget_xlsx, render_budget_pdf, write_budget_xlsx
from clapboard.engines.documents.budget.workbook import open_workbook
from clapboard.engines.documents.budget.xlsx_format import META_SHEET

from .calculation import calculate
from .models import BudgetVersion

TABLE_DIRECTORY = "budget-imports"
TABLE_EXTENSIONS = ("csv", "txt", "xlsx", "xlsm")


def document_language(language: str | None) -> str:
    return "fr" if (language or "").startswith("fr") else "en"


def workbook_of(version: BudgetVersion, language: str | None) -> bytes:
    result = calculate(version)
    return write_budget_xlsx(result.budget, result.totals, language=document_language(language))


def pdf_of(version: BudgetVersion, language: str | None, *, detail: bool, hide_salaries: bool) -> bytes:
    result = calculate(version)
    return render_budget_pdf(
        result.budget,
        result.totals,
        detail=detail,
        language=document_language(language),
        hide_salaries=hide_salaries,
    )


@dataclass(frozen=True)
class Upload:
    budget: Budget | None = None  # read whole (JSON, Clapboard workbook)
    table_token: str = ""  # a table waiting for its column mapping


class UploadError(ValueError):
    """A file that is neither a budget nor a table; the message names the file."""


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_upload(name: str, data: bytes) -> Upload:
    extension = _extension(name)
    try:
        if extension == "json":
            return Upload(budget=read_budget(json.loads(data.decode("utf-8"))))
        if extension in ("xlsx", "xlsm") and _written_here(data, name):
            return Upload(budget=read_budget_xlsx(data, source=name))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UploadError(
            _("%(name)s is not a JSON budget file (%(error)s).") % {"name": name, "error": error}
        ) from error
    except BudgetError as error:
        raise UploadError(f"{name}: {error}") from error
    if extension not in TABLE_EXTENSIONS:
        raise UploadError(
            _("%(name)s: import a JSON budget, an Excel workbook or a CSV table.") % {"name": name}
        )
    return Upload(table_token=keep_table(name, data))


def _written_here(data: bytes, name: str) -> bool:
    try:
        return META_SHEET in open_workbook(data, name).names
    except (BudgetError, ValueError, KeyError, OSError):
        return False


def keep_table(name: str, data: bytes) -> str:
    token = secrets.token_urlsafe(16)
    safe = "".join(char for char in name if char.isalnum() or char in "._-")[-80:] or "table.csv"
    default_storage.save(f"{TABLE_DIRECTORY}/{token}/{safe}", ContentFile(data))
    return token


def kept_table(token: str) -> tuple[str, bytes] | None:
    """The name and bytes of a table kept under ``token``; None for an unknown token."""
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        _dirs, files = default_storage.listdir(f"{TABLE_DIRECTORY}/{token}")
    except (NotImplementedError, OSError):  # no such folder, or a storage that cannot list
        return None
    if not files:
        return None
    with default_storage.open(f"{TABLE_DIRECTORY}/{token}/{files[0]}") as handle:
        return files[0], handle.read()


def forget_table(token: str) -> None:
    found = kept_table(token)
    if found is not None:
        default_storage.delete(f"{TABLE_DIRECTORY}/{token}/{found[0]}")
