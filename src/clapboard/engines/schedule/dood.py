"""Day out of days: for each performer, what every day of the schedule is to them.

Entry point: ``day_out_of_days(days, dates=None, rule=None) -> DayOutOfDays``. Input is
the board's days in order (``board.Day``: its kind and the cast ids working it) and,
when the schedule has a calendar, their dates. Output gives each performer one code per
day and the counts a budget pays from: work, hold, travel, rehearsal, days off inside
the engagement and dropped days.

A performer is engaged from their first work day to their last, stretched back over the
travel or rehearsal days just before the first (they come in for them) and forward over
the travel days just after the last (they go home). Inside the engagement a shooting day
they do not work is a hold (H), a day off is HOL, a travel day T, a rehearsal day R.

Drop and pick-up: where the rule allows it (``DropRule``; off by default, since French
engagements have no such rule), the longest gaps between two work days that are long
enough are not held: the day before the gap is WD (or SWD), the day after PW (or PWF),
and the days between are dropped and unpaid. A gap counts calendar days when the days
have dates, board days otherwise.

The codes and the rule are versioned data in ``data/day_out_of_days.json``.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clapboard.engines.schedule.board import Day, DayKind

DATA = Path(__file__).parent / "data" / "day_out_of_days.json"


class Code(enum.StrEnum):
    """What a day is to one performer. ``NONE`` is a day outside their engagement."""

    NONE = ""
    START_WORK = "SW"
    WORK = "W"
    WORK_FINISH = "WF"
    START_WORK_FINISH = "SWF"
    HOLD = "H"
    TRAVEL = "T"
    REHEARSAL = "R"
    HOLIDAY = "HOL"
    WORK_DROP = "WD"
    START_WORK_DROP = "SWD"
    PICK_UP_WORK = "PW"
    PICK_UP_WORK_FINISH = "PWF"
    DROPPED = "-"


WORK_CODES = frozenset(
    {
        Code.START_WORK,
        Code.WORK,
        Code.WORK_FINISH,
        Code.START_WORK_FINISH,
        Code.WORK_DROP,
        Code.START_WORK_DROP,
        Code.PICK_UP_WORK,
        Code.PICK_UP_WORK_FINISH,
    }
)


class DoodError(ValueError):
    """Days and dates that do not match."""


@dataclass(frozen=True, slots=True)
class DropRule:
    """When a performer may be released and picked up again instead of held."""

    more_than_days_between: int
    drops_per_performer: int
    source: str = ""
    effective_from: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DoodRules:
    codes: Mapping[str, Mapping[str, str]]  # code → language → what it means
    drop_rule: DropRule
    drop_enabled_by_default: bool
    version: int
    source: str

    def meanings(self, language: str) -> list[tuple[str, str]]:
        """Each code with what it means in ``language`` (English when not translated)."""
        return [(code, texts.get(language) or texts["en"]) for code, texts in self.codes.items()]


@dataclass(frozen=True, slots=True)
class PerformerDays:
    """One performer's line of the day out of days."""

    cast_id: int
    codes: tuple[Code, ...]  # one per day of the schedule
    work: int
    hold: int
    travel: int
    rehearsal: int
    holiday: int
    dropped: int

    @property
    def start(self) -> int | None:
        """The index of the first day of the engagement (travel or rehearsal included)."""
        return next((i for i, code in enumerate(self.codes) if code not in _OUTSIDE), None)

    @property
    def finish(self) -> int | None:
        last = [i for i, code in enumerate(self.codes) if code not in _OUTSIDE]
        return last[-1] if last else None

    @property
    def engaged_days(self) -> int:
        """Days on the production's books: worked, held, travelling, rehearsing, off."""
        return self.work + self.hold + self.travel + self.rehearsal + self.holiday


_OUTSIDE = frozenset({Code.NONE, Code.DROPPED})


@dataclass(frozen=True, slots=True)
class DayOutOfDays:
    days: tuple[Day, ...]
    dates: tuple[dt.date | None, ...]
    performers: tuple[PerformerDays, ...]  # in cast-id order

    def of(self, cast_id: int) -> PerformerDays | None:
        return next((p for p in self.performers if p.cast_id == cast_id), None)


def day_out_of_days(
    days: Sequence[Day],
    dates: Sequence[dt.date | None] | None = None,
    *,
    drop_rule: DropRule | None = None,
) -> DayOutOfDays:
    """Each performer's codes and counts. ``drop_rule`` None holds every gap."""
    if dates is None:
        dates = [None] * len(days)
    if len(dates) != len(days):
        raise DoodError(f"{len(days)} days but {len(dates)} dates")
    worked: dict[int, list[int]] = {}
    for index, day in enumerate(days):
        for cast_id in day.cast:
            worked.setdefault(cast_id, []).append(index)
    performers = tuple(
        _performer(cast_id, worked[cast_id], days, dates, drop_rule) for cast_id in sorted(worked)
    )
    return DayOutOfDays(tuple(days), tuple(dates), performers)


def _performer(
    cast_id: int,
    work_days: list[int],
    days: Sequence[Day],
    dates: Sequence[dt.date | None],
    drop_rule: DropRule | None,
) -> PerformerDays:
    codes = [Code.NONE] * len(days)
    first, last = work_days[0], work_days[-1]
    start = _stretch(days, first, step=-1, kinds={DayKind.TRAVEL, DayKind.REHEARSAL})
    finish = _stretch(days, last, step=1, kinds={DayKind.TRAVEL})
    for index in range(start, finish + 1):
        codes[index] = _idle_code(days[index].kind)
    for index in work_days:
        codes[index] = Code.WORK
    codes[first] = Code.START_WORK
    codes[last] = Code.START_WORK_FINISH if first == last else Code.WORK_FINISH
    for before, after in _drops(work_days, dates, drop_rule):
        codes[before] = Code.START_WORK_DROP if before == first else Code.WORK_DROP
        codes[after] = Code.PICK_UP_WORK_FINISH if after == last else Code.PICK_UP_WORK
        for index in range(before + 1, after):
            codes[index] = Code.DROPPED
    return PerformerDays(
        cast_id=cast_id,
        codes=tuple(codes),
        work=sum(code in WORK_CODES for code in codes),
        hold=codes.count(Code.HOLD),
        travel=codes.count(Code.TRAVEL),
        rehearsal=codes.count(Code.REHEARSAL),
        holiday=codes.count(Code.HOLIDAY),
        dropped=codes.count(Code.DROPPED),
    )


def _stretch(days: Sequence[Day], index: int, *, step: int, kinds: set[DayKind]) -> int:
    """Move from ``index`` over the neighbouring days whose kind is in ``kinds``."""
    while 0 <= index + step < len(days) and days[index + step].kind in kinds:
        index += step
    return index


_IDLE_CODES = {
    DayKind.SHOOT: Code.HOLD,
    DayKind.DAY_OFF: Code.HOLIDAY,
    DayKind.TRAVEL: Code.TRAVEL,
    DayKind.REHEARSAL: Code.REHEARSAL,
}


def _idle_code(kind: DayKind) -> Code:
    return _IDLE_CODES[kind]


def _drops(
    work_days: list[int], dates: Sequence[dt.date | None], rule: DropRule | None
) -> list[tuple[int, int]]:
    """The gaps (last work day before, first work day after) to drop, longest first."""
    if rule is None or rule.drops_per_performer <= 0:
        return []
    gaps = []
    for before, after in itertools.pairwise(work_days):
        length = _days_between(before, after, dates)
        if length > rule.more_than_days_between:
            gaps.append((length, before, after))
    gaps.sort(key=lambda gap: (-gap[0], gap[1]))
    return sorted((before, after) for _, before, after in gaps[: rule.drops_per_performer])


def _days_between(before: int, after: int, dates: Sequence[dt.date | None]) -> int:
    first, second = dates[before], dates[after]
    if first is not None and second is not None:
        return (second - first).days - 1
    return after - before - 1


def _read_rules(path: Path) -> DoodRules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    drop = raw["drop_and_pick_up"]
    return DoodRules(
        codes={
            str(code): {str(language): str(text) for language, text in texts.items()}
            for code, texts in raw["codes"].items()
        },
        drop_rule=DropRule(
            more_than_days_between=int(drop["more_than_days_between"]),
            drops_per_performer=int(drop["drops_per_performer"]),
            source=str(drop["source"]),
            effective_from=dt.date.fromisoformat(drop["effective_from"]),
        ),
        drop_enabled_by_default=bool(drop["enabled_by_default"]),
        version=int(raw["version"]),
        source=str(raw["source"]),
    )


@cache
def _default_rules() -> DoodRules:
    return _read_rules(DATA)


def load_dood_rules(path: Path | None = None) -> DoodRules:
    """The codes and the drop rule in ``path``, or the shipped data (read once)."""
    return _default_rules() if path is None else _read_rules(path)
