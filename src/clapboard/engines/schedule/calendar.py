"""The shooting calendar: which dates are working days, and the dates of a board's days.

A production works on some weekdays (Monday to Friday by default), not on the public
holidays of its country, and not on the days off it chooses. The public holidays are
versioned data (``data/holidays.json``): fixed dates, and dates counted from Easter
Sunday, which :func:`easter_sunday` computes. Each day of a board (a shooting day, a day
off, a travel or rehearsal day) takes the next working date, so that the dates follow
when the order of the board changes.

Pure Python; no Django.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MONDAY_TO_FRIDAY = frozenset(range(5))
# Far enough for any shoot, near enough to stop a calendar that has no working day at all.
_SEARCH_LIMIT = 3660


class CalendarError(ValueError):
    """A calendar that cannot give dates: no working weekday, an unknown country, bad data."""


@dataclass(frozen=True, slots=True)
class FixedHoliday:
    month: int
    day: int
    name: str


@dataclass(frozen=True, slots=True)
class EasterHoliday:
    offset: int  # days after Easter Sunday (negative before it)
    name: str


@dataclass(frozen=True, slots=True)
class CountryHolidays:
    code: str
    name: str
    source: str
    effective_from: dt.date
    fixed: tuple[FixedHoliday, ...]
    easter: tuple[EasterHoliday, ...]


@dataclass(frozen=True, slots=True)
class HolidayRules:
    """The versioned contents of ``data/holidays.json``."""

    version: int
    effective_from: dt.date
    source: str
    default_country: str
    countries: Mapping[str, CountryHolidays]


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _read_country(code: str, raw: Mapping[str, object], where: str) -> CountryHolidays:
    try:
        fixed_raw = raw["fixed"]
        easter_raw = raw["easter"]
        if not isinstance(fixed_raw, list) or not isinstance(easter_raw, list):
            raise TypeError("fixed and easter must be lists")
        fixed = tuple(FixedHoliday(int(h["month"]), int(h["day"]), str(h["name"])) for h in fixed_raw)
        easter = tuple(EasterHoliday(int(h["offset"]), str(h["name"])) for h in easter_raw)
        country = CountryHolidays(
            code=code,
            name=str(raw["name"]),
            source=str(raw["source"]),
            effective_from=dt.date.fromisoformat(str(raw["effective_from"])),
            fixed=fixed,
            easter=easter,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CalendarError(f"{where}: country {code}: missing or malformed field ({error})") from error
    for holiday in fixed:
        try:
            dt.date(2000, holiday.month, holiday.day)  # a leap year: 29 February is a date
        except ValueError as error:
            raise CalendarError(f"{where}: country {code}: {holiday.name} is not a date") from error
    if not country.source.strip():
        raise CalendarError(f"{where}: country {code} needs a source")
    return country


def _read_rules(path: Path) -> HolidayRules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    try:
        version = raw["version"]
        effective_from = dt.date.fromisoformat(raw["effective_from"])
        source = raw["source"]
        default_country = raw["default_country"]
        countries = {code: _read_country(code, entry, path.name) for code, entry in raw["countries"].items()}
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        if isinstance(error, CalendarError):
            raise
        raise CalendarError(f"{path.name}: missing or malformed field ({error})") from error
    if not isinstance(version, int) or version < 1 or not isinstance(source, str) or not source.strip():
        raise CalendarError(f"{path.name}: needs a positive integer version and a source")
    if default_country not in countries:
        raise CalendarError(f"{path.name}: the default country {default_country!r} is not listed")
    return HolidayRules(
        version=version,
        effective_from=effective_from,
        source=source,
        default_country=default_country,
        countries=countries,
    )


@cache
def _default_rules() -> HolidayRules:
    return _read_rules(DATA / "holidays.json")


def load_holiday_rules(path: Path | None = None) -> HolidayRules:
    """The rules in ``path``, or the shipped ``data/holidays.json`` (read once)."""
    return _default_rules() if path is None else _read_rules(path)


def country_codes(rules: HolidayRules | None = None) -> tuple[str, ...]:
    return tuple((rules or load_holiday_rules()).countries)


def public_holidays(
    year: int, country: str | None = None, rules: HolidayRules | None = None
) -> dict[dt.date, str]:
    """The public holidays of ``country`` (the data's default, France) in ``year``: date -> name."""
    rules = rules or load_holiday_rules()
    code = country or rules.default_country
    if code not in rules.countries:
        raise CalendarError(f"no public holidays are known for {code!r}")
    entry = rules.countries[code]
    easter = easter_sunday(year)
    found = {dt.date(year, h.month, h.day): h.name for h in entry.fixed}
    found.update({easter + dt.timedelta(days=h.offset): h.name for h in entry.easter})
    return dict(sorted(found.items()))


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """When a production works: its weekdays (0 = Monday), its country's public holidays
    (unless ``observe_holidays`` is off) and its own days off."""

    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    country: str | None = None
    days_off: frozenset[dt.date] = frozenset()
    observe_holidays: bool = True
    rules: HolidayRules | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.weekdays:
            raise CalendarError("a calendar needs at least one working weekday")
        if not self.weekdays <= frozenset(range(7)):
            raise CalendarError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(self.weekdays)}")
        rules = self.rules or load_holiday_rules()
        if self.country is not None and self.country not in rules.countries:
            raise CalendarError(f"no public holidays are known for {self.country!r}")

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on ``day``, if it is one and holidays are observed."""
        if not self.observe_holidays:
            return None
        return _holidays(day.year, self.country, self.rules).get(day)

    def is_working(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day not in self.days_off and self.holiday(day) is None

    def working_days(self, start: dt.date) -> Iterator[dt.date]:
        """Working dates from ``start`` (included when it is one), in order, without end."""
        day = start
        idle = 0
        while True:
            if self.is_working(day):
                idle = 0
                yield day
            else:
                idle += 1
                if idle > _SEARCH_LIMIT:
                    raise CalendarError("this calendar has no working day in ten years")
            day += dt.timedelta(days=1)

    def dates(self, start: dt.date, count: int) -> list[dt.date]:
        """The first ``count`` working dates from ``start``."""
        if count < 0:
            raise CalendarError(f"cannot give {count} dates")
        found: list[dt.date] = []
        if count == 0:
            return found
        for day in self.working_days(start):
            found.append(day)
            if len(found) == count:
                break
        return found

    def skipped(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """The weekdays between ``start`` and ``end`` (both included) that are not worked,
        with why: a public holiday's name, or "day off"; weekends are left out."""
        found = []
        day = start
        while day <= end:
            if day.weekday() in self.weekdays:
                name = self.holiday(day)
                if name is not None:
                    found.append((day, name))
                elif day in self.days_off:
                    found.append((day, "day off"))
            day += dt.timedelta(days=1)
        return found


def _holidays(year: int, country: str | None, rules: HolidayRules | None) -> dict[dt.date, str]:
    if rules is None:
        return _shipped_holidays(year, country)
    return public_holidays(year, country, rules)


@cache
def _shipped_holidays(year: int, country: str | None) -> dict[dt.date, str]:
    return public_holidays(year, country)


def weekdays_from(values: Iterable[int]) -> frozenset[int]:
    """A set of weekdays from integers 0 (Monday) to 6 (Sunday), refusing anything else."""
    days = frozenset(values)
    if not days or not days <= frozenset(range(7)):
        raise CalendarError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(days)}")
    return days
