"""Recalculation after an edit, touching only what the edit can change.

A ``Calculation`` holds a budget's figures: each line's, and the running subtotals
(``calculate.Tally``). An edit takes the old figures of the lines it touches out of the
subtotals and puts the new ones in; sums of cents are exact, so the result is the same,
to the cent, as a full calculation of the edited budget (the tests check it). What an
edit touches:

* ``update_line`` / ``add_line`` / ``remove_line``: that line; with a fringe capped per
  person, every line of that person too (the ceiling is shared, in document order);
* ``set_global``: the lines whose expressions use the global or a global that uses it;
* ``set_links``: the lines fed by a changed link, directly or through a linked global.

Chapters, groups and percentage lines are then re-added from the account subtotals (a
few hundred additions at most), when ``totals()`` is next asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal, localcontext

from clapboard.engines.budget.calculate import (
    BudgetTotals,
    LineCompiler,
    LineSpec,
    LineTotal,
    Scope,
    Structure,
    Tally,
    compute_line,
    global_values,
    read_links,
    roll_up,
)
from clapboard.engines.budget.checks import check_budget, check_line
from clapboard.engines.budget.expressions import Expression, ExpressionError, GlobalsError, global_order
from clapboard.engines.budget.model import Budget, BudgetError, Global, Line
from clapboard.engines.budget.money import CONTEXT

__all__ = ["Calculation"]


class Calculation:
    """A budget's figures, kept up to date edit by edit.

    >>> calculation = Calculation(budget, links={"schedule:shoot_days": 32})
    >>> calculation.update_line(replace(line, rate=parse_expression("480")))
    >>> calculation.totals().grand_total
    """

    def __init__(self, budget: Budget, links: Mapping[str, object] | None = None) -> None:
        check_budget(budget)
        self._budget = budget
        self._links = read_links(links)
        self._structure = Structure(budget)
        self._compiler = LineCompiler(budget)
        self._accounts = {account.number: account for account in budget.accounts}
        self._account_index = {account.number: index for index, account in enumerate(budget.accounts)}
        self._order: dict[str, list[str]] = {account.number: [] for account in budget.accounts}
        self._lines: dict[str, Line] = {}
        self._specs: dict[str, LineSpec] = {}
        self._figures: dict[str, LineTotal] = {}
        self._tally = Tally(budget)
        self._totals: BudgetTotals | None = None
        with localcontext(CONTEXT):
            self._values = global_values(budget, self._links)
            self._scope = Scope(self._values)
            person_bases: dict[tuple[str, str], Decimal] = {}
            for account_index, account in enumerate(budget.accounts):
                for line_index, line in enumerate(account.lines):
                    self._order[account.number].append(line.id)
                    self._lines[line.id] = line
                    self._specs[line.id] = self._compiler.spec(account, line, account_index, line_index)
            for line_id, spec in self._specs.items():
                figures = compute_line(spec, self._scope, self._links, person_bases)
                self._figures[line_id] = figures
                self._tally.add(spec, figures)
        self._index_users()
        self._index_persons()

    # ------------------------------------------------------------------ reading

    def totals(self) -> BudgetTotals:
        """The figures of the budget as it now stands."""
        if self._totals is None:
            with localcontext(CONTEXT):
                self._totals = roll_up(self._structure, self._tally, self._values, self._figures)
        return self._totals

    @property
    def budget(self) -> Budget:
        """The budget as it now stands, edits included."""
        accounts = tuple(
            replace(account, lines=tuple(self._lines[line_id] for line_id in self._order[account.number]))
            for account in self._budget.accounts
        )
        return replace(self._budget, accounts=accounts)

    # ------------------------------------------------------------------ editing lines

    def update_line(self, line: Line) -> None:
        """Replace the line that has ``line.id`` (it stays in its account, at its place)."""
        if line.id not in self._lines:
            raise BudgetError("", f"no line with id {line.id!r}")
        check_line(self._budget, line, self._path(line.id))
        old = self._lines[line.id]
        shared_ceiling = old.person if self._specs[line.id].person_capped else None
        self._lines[line.id] = line
        self._reindex_line(old, line)
        try:
            self._recalculate([line.id], also_persons=[shared_ceiling])
        except BudgetError:
            self._lines[line.id] = old
            self._reindex_line(line, old)
            raise

    def add_line(self, account_number: str, line: Line, position: int | None = None) -> None:
        """Insert ``line`` into an account (at the end unless ``position`` is given)."""
        if account_number not in self._accounts:
            raise BudgetError("", f"no account {account_number!r}")
        if line.id in self._lines:
            raise BudgetError("", f"line id {line.id!r} is already used")
        order = self._order[account_number]
        position = len(order) if position is None else position
        account_path = f"accounts[{self._account_index[account_number]}]"
        check_line(self._budget, line, f"{account_path}.lines[{position}]")
        order.insert(position, line.id)
        self._lines[line.id] = line
        self._reindex_line(None, line)
        try:
            self._recalculate([line.id])
        except BudgetError:
            self._reindex_line(line, None)
            order.remove(line.id)
            del self._lines[line.id]
            raise

    def remove_line(self, line_id: str) -> None:
        if line_id not in self._lines:
            raise BudgetError("", f"no line with id {line_id!r}")
        line = self._lines.pop(line_id)
        spec = self._specs.pop(line_id)
        self._order[spec.account].remove(line_id)
        self._tally.remove(spec, self._figures.pop(line_id))
        self._reindex_line(line, None)
        if spec.person_capped and line.person is not None:
            self._recalculate([], also_persons=[line.person])
        self._totals = None

    # ------------------------------------------------------------------ globals and links

    def set_global(self, name: str, expression: Expression | str) -> None:
        """Change a global's expression (or add a global); recalculate the lines using it."""
        if isinstance(expression, str):
            try:
                expression = Expression(expression)
            except ExpressionError as error:
                raise BudgetError(self._global_path(name), str(error)) from error
        old = self._budget.global_expressions().get(name)
        if old is not None:
            items = tuple(
                replace(item, expression=expression) if item.name == name else item
                for item in self._budget.globals
            )
        else:
            items = (*self._budget.globals, Global(name, expression))
        candidate = replace(self._budget, globals=items)
        try:
            global_order(candidate.global_expressions())
        except GlobalsError as error:
            index = next(i for i, item in enumerate(items) if item.name == error.name)
            raise BudgetError(f"globals[{index}].expression", str(error)) from error
        self._change_values(candidate, self._links)
        if old is None or old.names != expression.names:
            self._index_users()

    def set_links(self, links: Mapping[str, object]) -> None:
        """Take new link values (the schedule changed); recalculate the lines they feed."""
        new_links = read_links(links)
        changed = {
            key for key in new_links.keys() | self._links.keys() if new_links.get(key) != self._links.get(key)
        }
        linked_lines = [line_id for line_id, line in self._lines.items() if line.quantity_link in changed]
        self._change_values(self._budget, new_links, extra_lines=linked_lines)

    def _change_values(
        self, budget: Budget, links: dict[str, Decimal], extra_lines: Iterable[str] = ()
    ) -> None:
        with localcontext(CONTEXT):
            values = global_values(budget, links)
        changed = {
            name for name in values.keys() | self._values.keys() if values.get(name) != self._values.get(name)
        }
        affected = set(extra_lines)
        for name in changed:
            affected |= self._users.get(name, set())
        previous = (self._budget, self._links, self._values, self._scope)
        self._budget, self._links, self._values, self._scope = budget, links, values, Scope(values)
        try:
            self._recalculate(sorted(affected, key=self._document_position))
        except BudgetError:
            self._budget, self._links, self._values, self._scope = previous
            raise

    # ------------------------------------------------------------------ the work

    def _recalculate(self, line_ids: list[str], also_persons: Iterable[str | None] = ()) -> None:
        """Recompute ``line_ids`` (and the lines of persons with a shared ceiling), then
        swap their figures in the tally; nothing changes if a line fails."""
        persons = {person for person in also_persons if person is not None}
        singles: list[str] = []
        for line_id in line_ids:
            line = self._lines[line_id]
            if line.person is not None and (self._spec_of(line).person_capped or line.person in persons):
                persons.add(line.person)
            else:
                singles.append(line_id)
        new: dict[str, tuple[LineSpec, LineTotal]] = {}
        with localcontext(CONTEXT):
            for line_id in singles:
                spec = self._spec(self._lines[line_id])
                new[line_id] = (spec, self._compute(spec, {}))
            for person in persons:
                bases: dict[tuple[str, str], Decimal] = {}
                for line_id in self._person_lines(person):
                    spec = self._spec(self._lines[line_id])
                    new[line_id] = (spec, self._compute(spec, bases))
            for line_id, (spec, figures) in new.items():
                if line_id in self._figures:
                    self._tally.remove(self._specs[line_id], self._figures[line_id])
                self._tally.add(spec, figures)
                self._specs[line_id] = spec
                self._figures[line_id] = figures
        self._totals = None

    def _compute(self, spec: LineSpec, bases: dict[tuple[str, str], Decimal]) -> LineTotal:
        try:
            return compute_line(spec, self._scope, self._links, bases)
        except BudgetError as error:
            # The path was taken when the spec was made; lines may have moved since.
            current = self._path(spec.line.id)
            raise BudgetError(current + error.path[len(spec.path) :], error.reason) from error

    def _spec(self, line: Line) -> LineSpec:
        # Fringe terms depend on exchange rates and fringe sets, which no edit here
        # changes, so the compiler made for the original budget still serves.
        account_index, line_index = self._document_position(line.id)
        return self._compiler.spec(self._budget.accounts[account_index], line, account_index, line_index)

    def _spec_of(self, line: Line) -> LineSpec:
        spec = self._specs.get(line.id)
        return spec if spec is not None and spec.line is line else self._spec(line)

    # ------------------------------------------------------------------ indexes

    def _index_users(self) -> None:
        """Which lines use which global, directly or through other globals."""
        definitions = self._budget.global_expressions()
        reach: dict[str, set[str]] = {name: set() for name in definitions}
        for name in global_order(definitions):
            for used in definitions[name].names:
                reach[name] |= {used} | reach[used]
        self._reach = reach
        self._users: dict[str, set[str]] = {}
        for line_id, line in self._lines.items():
            self._add_user(line_id, line)

    def _add_user(self, line_id: str, line: Line) -> None:
        for name in line.expression_names():
            for used in {name} | self._reach.get(name, set()):
                self._users.setdefault(used, set()).add(line_id)

    def _index_persons(self) -> None:
        self._persons: dict[str, list[str]] = {}
        for account in self._budget.accounts:
            for line_id in self._order[account.number]:
                person = self._lines[line_id].person
                if person is not None:
                    self._persons.setdefault(person, []).append(line_id)

    def _reindex_line(self, old: Line | None, new: Line | None) -> None:
        if old is not None:
            for name in old.expression_names():
                for used in {name} | self._reach.get(name, set()):
                    self._users.get(used, set()).discard(old.id)
        if new is not None:
            self._add_user(new.id, new)
        if old is None or new is None or old.person != new.person:
            self._index_persons()

    def _person_lines(self, person: str) -> list[str]:
        return self._persons.get(person, []) if person else []

    def _account_of(self, line_id: str) -> str:
        spec = self._specs.get(line_id)
        if spec is not None:
            return spec.account
        return next(number for number, ids in self._order.items() if line_id in ids)

    def _document_position(self, line_id: str) -> tuple[int, int]:
        account = self._account_of(line_id)
        return self._account_index[account], self._order[account].index(line_id)

    def _path(self, line_id: str) -> str:
        account, position = self._document_position(line_id)
        return f"accounts[{account}].lines[{position}]"

    def _global_path(self, name: str) -> str:
        for index, item in enumerate(self._budget.globals):
            if item.name == name:
                return f"globals[{index}].expression"
        return f"globals[{len(self._budget.globals)}].expression"
