"""The words the schedule documents print, and the small phrases built from them.

Every document takes ``language`` ("en", the default, or "fr") for its built-in labels and
``labels``, a mapping that replaces any of them: the app passes its own translations
this way. ``SCHEDULE_LABELS["en"]`` lists every key; a key that is not one of them is
refused, so that a misspelt key does not pass unnoticed. Dates are written with the
labels' month and weekday names (``month_1`` … ``month_12``, ``weekday_1`` … ``weekday_7``
from Monday) in the ``date`` / ``date_weekday`` patterns.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

from reportlab.lib.pagesizes import A4, LETTER, landscape

from clapboard.engines.breakdown.statistics import Daylight, format_eighths
from clapboard.engines.documents._pdf import MONTHS, WEEKDAYS, Frame, format_labelled_date
from clapboard.engines.documents.schedule_model import DayKind, ScheduleDay, ScheduleDocument
from clapboard.engines.schedule.board import format_minutes
from clapboard.engines.screenplay.pagination import PageSize

__all__ = ["SCHEDULE_LABELS", "Language", "resolve_labels"]

Language = Literal["en", "fr"]

_EN: dict[str, str] = {
    # Documents.
    "one_line": "ONE-LINE SCHEDULE",
    "shooting_schedule": "SHOOTING SCHEDULE",
    "stripboard": "STRIPBOARD",
    "call_sheet": "CALL SHEET",
    "generated": "Generated on {date}",
    "page_of": "Page {page} of {pages}",
    "continued": "(cont'd)",
    "unit": "Unit: {unit}",
    "empty": "Nothing is scheduled yet.",
    # Days.
    "day": "Day",
    "day_n": "Day {number}",
    "day_of": "Day {number} of {total}",
    "end_of_day": "End of day {number}",
    "day_off": "Day off",
    "travel": "Travel day",
    "rehearsal": "Rehearsal day",
    "pages_one": "{pages} page",
    "pages_other": "{pages} pages",
    "hours": "about {hours}",
    "scenes_count": "{count} scenes",
    "total": "Total",
    "total_line": "{days} shooting days \u2014 {scenes} scenes",
    # Columns.
    "scene": "Scene",
    "episode": "Ep.",
    "int_ext": "I/E",
    "set": "Set",
    "scene_details": "Set / synopsis",
    "time_of_day": "D/N",
    "synopsis": "Synopsis",
    "cast": "Cast",
    "location": "Location",
    "address": "Address",
    "pages": "Pages",
    "eighths": "Eighths",
    "date": "Date",
    "hours_column": "Est. hours",
    "banner": "Note",
    # Stripboard legend.
    "int_day": "INT day",
    "ext_day": "EXT day",
    "int_night": "INT night",
    "ext_night": "EXT night",
    "dawn_dusk": "Dawn / dusk",
    "unknown": "Light unknown",
    "day_break": "End of day",
    # Call sheet.
    "general_call": "General call",
    "sunrise": "Sunrise",
    "sunset": "Sunset",
    "weather": "Weather",
    "contacts": "Contacts",
    "scenes": "Scenes",
    "cast_calls": "Cast calls",
    "number": "No.",
    "character": "Character",
    "actor": "Actor",
    "pick_up": "Pick-up",
    "pick_up_address": "Pick-up address",
    "make_up": "Make-up",
    "on_set": "On set",
    "remarks": "Remarks",
    "phone": "Phone",
    "crew_calls": "Crew calls",
    "department": "Department",
    "role": "Role",
    "name": "Name",
    "call": "Call",
    "locations": "Locations",
    "parking": "Parking",
    "base": "Unit base",
    "location_contact": "On site",
    "hospital": "Nearest hospital",
    "advance": "Advance schedule",
    "notes": "Notes",
    # Dates.
    "date_format": "{day} {month} {year}",
    "date_weekday": "{weekday} {day} {month} {year}",
    "first_of_month": "1",
}
_FR: dict[str, str] = {
    "one_line": "PLAN DE TRAVAIL CONDENSÉ",
    "shooting_schedule": "PLAN DE TRAVAIL DÉTAILLÉ",
    "stripboard": "PLAN DE TRAVAIL (BANDES)",
    "call_sheet": "FEUILLE DE SERVICE",
    "generated": "Édité le {date}",
    "page_of": "Page {page} / {pages}",
    "continued": "(suite)",
    "unit": "Équipe : {unit}",
    "empty": "Rien n'est encore planifié.",
    "day": "Jour",
    "day_n": "Jour {number}",
    "day_of": "Jour {number} sur {total}",
    "end_of_day": "Fin du jour {number}",
    "day_off": "Jour de repos",
    "travel": "Voyage",
    "rehearsal": "Répétitions",
    "pages_one": "{pages} page",
    "pages_other": "{pages} pages",
    "hours": "environ {hours}",
    "scenes_count": "{count} séquences",
    "total": "Total",
    "total_line": "{days} jours de tournage \u2014 {scenes} séquences",
    "scene": "Séq.",
    "episode": "Ép.",
    "int_ext": "I/E",
    "set": "Décor",
    "scene_details": "Décor / résumé",
    "time_of_day": "Effet",
    "synopsis": "Résumé",
    "cast": "Rôles",
    "location": "Lieu de tournage",
    "address": "Adresse",
    "pages": "Pages",
    "eighths": "Huitièmes",
    "date": "Date",
    "hours_column": "Durée estimée",
    "banner": "Note",
    "int_day": "INT jour",
    "ext_day": "EXT jour",
    "int_night": "INT nuit",
    "ext_night": "EXT nuit",
    "dawn_dusk": "Aube / crépuscule",
    "unknown": "Effet inconnu",
    "day_break": "Fin de journée",
    "general_call": "Convocation générale",
    "sunrise": "Lever du soleil",
    "sunset": "Coucher du soleil",
    "weather": "Météo",
    "contacts": "Contacts",
    "scenes": "Séquences",
    "cast_calls": "Comédiens",
    "number": "N°",
    "character": "Rôle",
    "actor": "Comédien",
    "pick_up": "Ramassage",
    "pick_up_address": "Adresse de ramassage",
    "make_up": "HMC",
    "on_set": "Plateau",
    "remarks": "Remarques",
    "phone": "Téléphone",
    "crew_calls": "Équipe technique",
    "department": "Département",
    "role": "Poste",
    "name": "Nom",
    "call": "Convocation",
    "locations": "Lieux",
    "parking": "Stationnement",
    "base": "Base / cantine",
    "location_contact": "Sur place",
    "hospital": "Hôpital le plus proche",
    "advance": "Prévisions du lendemain",
    "notes": "Notes",
    "date_format": "{day} {month} {year}",
    "date_weekday": "{weekday} {day} {month} {year}",
    "first_of_month": "1er",
}
for _language, _table in (("en", _EN), ("fr", _FR)):
    _table.update({f"month_{n}": name for n, name in enumerate(MONTHS[_language], start=1)})
    _table.update({f"weekday_{n}": name for n, name in enumerate(WEEKDAYS[_language], start=1)})

SCHEDULE_LABELS: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR}


def resolve_labels(language: str = "en", labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """The built-in labels of ``language`` with ``labels`` laid over them."""
    if language not in SCHEDULE_LABELS:
        raise ValueError(f"language {language!r} is not one of {', '.join(SCHEDULE_LABELS)}")
    resolved = dict(SCHEDULE_LABELS[language])
    if labels:
        unknown = sorted(set(labels) - set(resolved))
        if unknown:
            raise ValueError(f"unknown label keys: {', '.join(unknown)}")
        resolved.update(labels)
    return resolved


# Phrases.


def page_size(paper: PageSize, *, wide: bool) -> tuple[float, float]:
    size: tuple[float, float] = LETTER if paper is PageSize.LETTER else A4
    return landscape(size) if wide else size


def format_day_date(day: date | None, labels: Mapping[str, str], *, weekday: bool = True) -> str:
    if day is None:
        return ""
    return format_labelled_date(day, labels, weekday=weekday)


def pages_phrase(eighths: int, labels: Mapping[str, str]) -> str:
    """ "3/8 page", "1 page", "1 3/8 pages" (singular up to one page)."""
    key = "pages_one" if eighths <= 8 else "pages_other"
    return labels[key].format(pages=format_eighths(eighths))


def hours_phrase(minutes: int | None, labels: Mapping[str, str]) -> str:
    return "" if minutes is None else labels["hours"].format(hours=format_minutes(minutes))


def day_name(day: ScheduleDay, labels: Mapping[str, str]) -> str:
    """ "Day 3", or the kind of a day on which nothing is shot ("Day off")."""
    if day.kind is DayKind.SHOOT:
        return labels["day_n"].format(number=day.number)
    return labels[day.kind.value]


def day_heading(day: ScheduleDay, labels: Mapping[str, str]) -> tuple[str, str]:
    """The two halves of a day's header: "Day 3 — Monday 5 May 2027" and
    "5 3/8 pages — about 6 h 40" (the day's note for a day on which nothing is shot)."""
    left = " \u2014 ".join(
        part for part in (day_name(day, labels), format_day_date(day.date, labels)) if part
    )
    if not day.is_shooting:
        return left, day.note
    right = " \u2014 ".join(
        part for part in (pages_phrase(day.eighths, labels), hours_phrase(day.minutes, labels)) if part
    )
    return left, right


def details_line(*parts: str) -> str:
    return " \u2014 ".join(part.strip() for part in parts if part and part.strip())


def colour_class(int_ext: str, daylight: Daylight) -> str:
    """The stripboard's colour class, as the board page has it: INT day white, EXT day
    yellow, INT night blue, EXT night green, dawn or dusk orange, unknown light grey.
    INT/EXT counts as exterior."""
    if daylight is Daylight.UNKNOWN:
        return "unknown"
    if daylight is Daylight.DAWN_DUSK:
        return "dawn_dusk"
    outside = "ext" if int_ext.upper() in {"EXT", "INT/EXT"} else "int"
    return f"{outside}_{'day' if daylight is Daylight.DAY else 'night'}"


def cast_numbers(numbers: tuple[int, ...]) -> str:
    return " ".join(str(number) for number in sorted(numbers))


def schedule_frame(
    schedule: ScheduleDocument,
    labels: Mapping[str, str],
    *,
    document: str,
    pagesize: tuple[float, float],
    language: str,
) -> Frame:
    """The page frame of a schedule document: production and document in the band, the
    schedule, its version and unit under it, the generation date and page in the footer."""
    unit = labels["unit"].format(unit=schedule.unit) if schedule.unit else ""
    return Frame(
        pagesize=pagesize,
        title=schedule.production_title,
        document=labels[document],
        details=details_line(schedule.schedule_name, schedule.version_label, unit),
        footer_left=labels["generated"].format(
            date=format_day_date(schedule.generated_on, labels, weekday=False)
        ),
        footer_centre=details_line(schedule.production_title, schedule.schedule_name),
        page_of=labels["page_of"],
        continued=labels["continued"],
        language=language,
    )
