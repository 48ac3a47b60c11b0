"""The layout of Clapboard's budget workbook, shared by its writer and its reader.

Sheets, in order (their names follow the language; the hidden sheet records them):

* **Top sheet**: chapters (formulas on the Detail sheet's chapter totals), above and
  below the line, subtotal, percentage lines (base as a formula of the Detail cells, the
  percentage, the amount ``=ROUND(base*%/100,2)``), grand total, fringes, French and
  foreign shares, and per episode for a series.
* **Detail**: one block per chapter, then per account: a heading row, the lines, the
  fringes the account collects (values, one row per fringe, then their ``SUM``), the
  account total (``SUM`` of the lines plus the fringes) and the chapter total (``SUM`` of
  its accounts' totals). Rows are grouped (outline levels) so that Excel collapses
  chapters and accounts. Column A (hidden) marks the rows Clapboard wrote: empty for a
  line, ``account:11`` for a heading and so on; a row a person inserts is a line.
* **Accounts**: the chart of accounts (chapter, account, title, group, where fringes go).
* **Globals**, **Fringes**, **Settings** (title, layout, currency, episodes, hours per
  day, days per week, exchange rates, percentage lines with their bases).
* a hidden sheet ``clapboard``: the format marker and version in A1:B1, the names of the
  sheets and the headings used in C1 (JSON), and from row 3 the exact text of each number
  or expression whose cell cannot show it (``1250.50``, ``SHOOT_DAYS / 5``) with the value
  written, so that an unedited cell reads back as it was and an edited one as edited.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DETAIL_COLUMNS",
    "FORMAT_MARKER",
    "FORMAT_VERSION",
    "META_SHEET",
    "SHEET_KEYS",
    "Col",
]

FORMAT_MARKER = "clapboard-budget-xlsx"
FORMAT_VERSION = 1
META_SHEET = "clapboard"
SHEET_KEYS = ("top", "detail", "accounts", "globals", "fringes", "settings")
ORIGINALS_FIRST_ROW = 3


@dataclass(frozen=True, slots=True)
class Col:
    """A column of a table sheet: its label key, width, and whether the reader needs it."""

    key: str
    width: float
    required: bool = False
    derived: bool = False  # written for people, ignored by the reader


DETAIL_COLUMNS: tuple[Col, ...] = (
    Col("row", 4, required=True),
    Col("account", 8, required=True),
    Col("line_id", 9),
    Col("description", 42, required=True),
    Col("quantity", 10, required=True),
    Col("unit", 9, required=True),
    Col("multiplier", 8),
    Col("rate", 12, required=True),
    Col("currency", 8),
    Col("exchange", 8, derived=True),
    Col("per_episode", 9),
    Col("amount", 15, derived=True),
    Col("fringe_sets", 16),
    Col("department", 13),
    Col("french_share", 9),
    Col("person", 12),
    Col("quantity_link", 18),
    Col("quantity_formula", 22),
    Col("rate_formula", 18),
    Col("multiplier_formula", 16),
    Col("notes", 30),
)

ACCOUNT_COLUMNS: tuple[Col, ...] = (
    Col("chapter", 9, required=True),
    Col("chapter_title", 32),
    Col("account", 9, required=True),
    Col("title", 40, required=True),
    Col("group", 9, required=True),
    Col("fringes_to", 12),
    Col("total", 15, derived=True),
)

GLOBAL_COLUMNS: tuple[Col, ...] = (
    Col("name", 18, required=True),
    Col("expression", 28, required=True),
    Col("value", 14, derived=True),
    Col("link", 26),
    Col("description", 60),
)

FRINGE_COLUMNS: tuple[Col, ...] = (
    Col("set", 16, required=True),
    Col("status", 22),
    Col("set_title", 28),
    Col("set_source", 20),
    Col("effective_from", 12),
    Col("set_notes", 20),
    Col("fringe", 18, required=True),
    Col("fringe_title", 34),
    Col("percentage", 10, required=True),
    Col("cap_amount", 10),
    Col("cap_per", 9),
    Col("cap_currency", 9),
    Col("cap_floor", 9),
    Col("source", 20),
    Col("notes", 20),
    Col("total", 14, derived=True),
)

PERCENTAGE_COLUMNS: tuple[Col, ...] = (
    Col("row", 4),
    Col("id", 14, required=True),
    Col("title", 30),
    Col("percentage", 16, required=True),
    Col("percentage_value", 10, derived=True),
    Col("include", 30),
    Col("exclude", 30),
    Col("after", 20),
    Col("french_share", 10),
    Col("notes", 40),
)

SETTINGS = ("title", "layout", "currency", "episodes", "hours_per_day", "days_per_week", "notes")

#: Units as the sheet shows them, per language, and the words the reader accepts for each.
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "days": ("days", "day", "jours", "jour", "j", "d"),
    "weeks": ("weeks", "week", "semaines", "semaine", "sem", "wk", "w"),
    "hours": ("hours", "hour", "heures", "heure", "h", "hr"),
    "flat": ("flat", "forfait", "ff", "fixed", "lump sum", "ls"),
    "allowance": ("allowance", "indemnité", "indemnite", "défraiement", "defraiement"),
    "percentage": ("percentage", "pourcentage", "%", "pct"),
}
UNIT_NAMES: dict[str, dict[str, str]] = {
    "en": {unit: unit for unit in UNIT_WORDS},
    "fr": {
        "days": "jours",
        "weeks": "semaines",
        "hours": "heures",
        "flat": "forfait",
        "allowance": "défraiement",
        "percentage": "%",
    },
}
GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "above": ("above", "atl", "au-dessus", "dessus", "au-dessus de la ligne"),
    "below": ("below", "btl", "au-dessous", "dessous", "au-dessous de la ligne"),
}
YES_WORDS = ("yes", "oui", "y", "o", "x", "1", "true", "vrai", "\u2713")
NO_WORDS = ("", "no", "non", "n", "0", "false", "faux")


def unit_of(word: str) -> str | None:
    """The engine's unit for a word of the sheet (either language), or None."""
    key = word.strip().lower()
    for unit, words in UNIT_WORDS.items():
        if key in words:
            return unit
    return None


def group_of(word: str) -> str | None:
    key = word.strip().lower()
    for group, words in GROUP_WORDS.items():
        if key in words:
            return group
    return None
