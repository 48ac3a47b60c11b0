"""Problems found in a budget file, each naming its sheet and cell.

``BudgetFileError`` is a ``BudgetError`` (the engine's error), so callers that already
catch that one catch this one too. Readers collect every problem they can find before
raising, so that a person fixes the file once instead of once per message; ``str(error)``
is the first problem, and ``error.problems`` lists them all as (where, reason) pairs, the
place written as in a spreadsheet: ``Detail!F27``, ``Detail``, ``budget.csv!C7``.
"""

from __future__ import annotations

from collections.abc import Sequence

from clapboard.engines.budget import BudgetError

__all__ = ["BudgetFileError", "Problems"]


class BudgetFileError(BudgetError):
    """A budget file that cannot be read; ``problems`` holds every (where, reason) found."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        if not problems:
            raise ValueError("a BudgetFileError needs at least one problem")
        self.problems = tuple(problems)
        where, reason = self.problems[0]
        more = len(self.problems) - 1
        if more:
            reason = f"{reason} (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(where, reason)

    def messages(self) -> list[str]:
        """Every problem as one line, ``where: reason``."""
        return [f"{where}: {reason}" if where else reason for where, reason in self.problems]


class Problems:
    """Collects problems while a file is read; ``check()`` raises them all at once."""

    def __init__(self, limit: int = 200) -> None:
        self.items: list[tuple[str, str]] = []
        self.limit = limit

    def add(self, where: str, reason: str) -> None:
        if len(self.items) < self.limit:
            self.items.append((where, reason))

    def __bool__(self) -> bool:
        return bool(self.items)

    def check(self) -> None:
        if self.items:
            raise BudgetFileError(self.items)
