"""The versioned data of the financing engine: rule sets, category mappings, spend curves.

Every file under ``data/`` has an ``id``, a ``version``, the date it takes effect
(``effective_from``), its ``source`` and ``notes``. A changed rule or rate is a new file
with a higher version; old files stay, so that a plan checked in 2026 can be re-checked
with the same rules in 2030 (``Plan.rules`` pins the versions) or with newer ones.

* ``data/rules/<id>-<year>.json``: a rule set (``fr``, ``europe``). Each rule has its
  ``title``, ``source``, ``effective_from`` and ``parameters``; each parameter has a
  ``value``, a ``status`` (``sourced``, or a flag from DOMAIN.md: ``TO VERIFY``,
  ``CONFLICT``, ``ESTIMATE``, ``NOT FOUND``) and a ``note``. A rule result that uses a
  parameter not ``sourced`` carries a warning saying so (``Trace``).
* ``data/categories/*.json``: from a layout's chapters and accounts to the tax-credit
  expense categories (used by ``figures.budget_figures``).
* ``data/profiles/*.json``: the default share of each chapter or account spent in each
  phase (the cash flow's spend curve).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from clapboard.engines.financing.model import FinancingError

__all__ = [
    "SOURCED",
    "DataFile",
    "Parameter",
    "Rule",
    "RuleSet",
    "Trace",
    "category_mapping",
    "rule_set",
    "rule_set_versions",
    "select_rule_set",
    "spend_profiles",
]

DATA = Path(__file__).resolve().parent / "data"
SOURCED = "sourced"
FLAGS = ("sourced", "TO VERIFY", "CONFLICT", "ESTIMATE", "NOT FOUND")


@dataclass(frozen=True, slots=True)
class DataFile:
    """One version of a data file, with its provenance."""

    id: str
    version: int
    effective_from: date
    title: str
    source: str
    notes: tuple[str, ...]
    content: Mapping[str, Any]

    @property
    def label(self) -> str:
        return f"{self.id} v{self.version}"


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    value: Any
    status: str
    note: str

    @property
    def verified(self) -> bool:
        return self.status == SOURCED


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a rule set: its provenance and its parameters."""

    id: str
    title: str
    source: str
    effective_from: date
    notes: str
    parameters: Mapping[str, Parameter]
    rule_set: str
    """``fr v2``: the rule set and version it comes from."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    version: int
    effective_from: date
    country: str | None
    title: str
    source: str
    notes: tuple[str, ...]
    rules: Mapping[str, Rule] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.id} v{self.version}"


@cache
def _files(kind: str) -> tuple[DataFile, ...]:
    files = []
    for path in sorted((DATA / kind).glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        notes = raw.get("notes", [])
        files.append(
            DataFile(
                id=raw["id"],
                version=int(raw["version"]),
                effective_from=date.fromisoformat(raw["effective_from"]),
                title=raw["title"],
                source=raw["source"],
                notes=tuple(notes) if isinstance(notes, list) else (notes,),
                content=raw,
            )
        )
    return tuple(files)


def _pick(kind: str, data_id: str, on: date | None) -> DataFile:
    """The latest version of ``data_id`` in effect on ``on`` (the latest of all if ``None``)."""
    versions = [item for item in _files(kind) if item.id == data_id]
    candidates = [item for item in versions if on is None or item.effective_from <= on]
    if not candidates:
        if not versions:
            known = ", ".join(sorted({item.id for item in _files(kind)}))
            raise FinancingError("rules", f"no {kind} data {data_id!r} (known: {known})")
        first = min(item.effective_from for item in versions)
        raise FinancingError(
            "rules",
            f"no version of {data_id} was in effect on {on.isoformat() if on else '?'} "
            f"(the first takes effect on {first.isoformat()})",
        )
    return max(candidates, key=lambda item: (item.effective_from, item.version))


# ----------------------------------------------------------------------------- rule sets


@cache
def _rule_set(data_id: str, version: int) -> RuleSet:
    files = [item for item in _files("rules") if item.id == data_id]
    chosen = [item for item in files if item.version == version]
    if not chosen:
        known = ", ".join(str(item.version) for item in sorted(files, key=lambda item: item.version))
        raise FinancingError(
            f"rules.{data_id}", f"no version {version} of rule set {data_id} (known: {known})"
        )
    item = chosen[0]
    label = item.label
    rules = {
        rule_id: Rule(
            id=rule_id,
            title=raw["title"],
            source=raw["source"],
            effective_from=date.fromisoformat(raw["effective_from"]),
            notes=raw.get("notes", ""),
            parameters={
                name: Parameter(name, spec["value"], spec["status"], spec.get("note", ""))
                for name, spec in raw["parameters"].items()
            },
            rule_set=label,
        )
        for rule_id, raw in item.content["rules"].items()
    }
    return RuleSet(
        id=item.id,
        version=item.version,
        effective_from=item.effective_from,
        country=item.content.get("country"),
        title=item.title,
        source=item.source,
        notes=item.notes,
        rules=rules,
    )


def rule_set(data_id: str, version: int) -> RuleSet:
    """Version ``version`` of rule set ``data_id``; ``FinancingError`` if there is none."""
    return _rule_set(data_id, version)


def rule_set_versions(data_id: str) -> tuple[int, ...]:
    return tuple(sorted(item.version for item in _files("rules") if item.id == data_id))


def known_rule_sets() -> frozenset[str]:
    return frozenset(item.id for item in _files("rules"))


def select_rule_set(data_id: str, selection: int | date | str | None, pinned: int | None) -> RuleSet:
    """The version of ``data_id`` to check with.

    ``selection`` is a year (the latest version that takes effect by the end of it), a
    date (the latest in effect on it), ``"latest"``, or ``None``: the ``pinned`` version
    when the plan names one, else the latest.
    """
    if selection is None and pinned is not None:
        return rule_set(data_id, pinned)
    on: date | None
    if selection is None or selection == "latest":
        on = None
    elif isinstance(selection, bool):
        raise FinancingError("rules", f"expected a year, a date or 'latest', not {selection!r}")
    elif isinstance(selection, int):
        if not 1900 <= selection <= 9999:
            raise FinancingError("rules", f"expected a year such as 2026, not {selection}")
        on = date(selection, 12, 31)
    elif isinstance(selection, date):
        on = selection
    else:
        raise FinancingError("rules", f"expected a year, a date or 'latest', not {selection!r}")
    try:
        item = _pick("rules", data_id, on)
    except FinancingError as error:
        if isinstance(selection, int):
            raise FinancingError(
                "rules", error.reason.replace(f"on {on.isoformat() if on else ''}", f"in {selection}")
            ) from error
        raise
    return rule_set(item.id, item.version)


# ----------------------------------------------------------------------------- the parameters a rule used


class Trace:
    """Reads a rule's parameters and remembers them: the numbers a result shows and the
    warnings for figures that are not sourced."""

    __slots__ = ("_flagged", "rule")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self._flagged: dict[str, Parameter] = {}

    def parameter(self, name: str) -> Parameter:
        parameter = self.rule.parameters[name]
        if not parameter.verified:
            self._flagged[name] = parameter
        return parameter

    def number(self, name: str) -> Decimal | None:
        value = self.parameter(name).value
        return None if value is None else Decimal(str(value))

    def required(self, name: str) -> Decimal:
        value = self.number(name)
        if value is None:
            raise FinancingError(f"rules.{self.rule.id}.{name}", "has no value in the rule data")
        return value

    def flag(self, name: str) -> bool:
        return bool(self.parameter(name).value)

    def table(self, name: str) -> list[Any]:
        value = self.parameter(name).value
        return list(value) if isinstance(value, list) else []

    def text(self, name: str) -> str | None:
        value = self.parameter(name).value
        return None if value is None else str(value)

    def warnings(self) -> tuple[str, ...]:
        """One warning per parameter used whose figure is not sourced."""
        return tuple(
            f"data unverified: {self.rule.id}.{name} = {_show(parameter.value)} "
            f"({parameter.status}: {parameter.note})"
            for name, parameter in self._flagged.items()
        )


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[table]"
    return str(value)


# ----------------------------------------------------------------------------- mappings and profiles


def category_mapping(layout: str, on: date | None = None) -> DataFile | None:
    """The category mapping for ``layout`` in effect on ``on`` (``None``: the layout has none)."""
    ids = {item.id for item in _files("categories") if layout in item.content.get("layouts", ())}
    if not ids:
        return None
    return _pick("categories", sorted(ids)[0], on)


def spend_profiles(on: date | None = None) -> DataFile:
    return _pick("profiles", "spend", on)
