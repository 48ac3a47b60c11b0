"""Sample schedules and call sheets, built deterministically, for tests and benchmarks.

``sample_schedule(scenes=400, shooting_days=40)`` spreads scenes over shooting days in a
Monday-to-Friday calendar with the weekends as days off, with banners now and then, the
four lights and French names with accents (Écrin, Œuvre, Trévénec), so that a document
built from it exercises every kind of row.
"""

from __future__ import annotations

import datetime as dt

from clapboard.engines.documents.schedule_model import (
    Banner,
    CallSheet,
    CallSheetLocation,
    CastCall,
    CastMember,
    Contact,
    CrewCall,
    DayKind,
    Daylight,
    Hospital,
    SceneStrip,
    ScheduleDay,
    ScheduleDocument,
    Timing,
)

CAST = (
    CastMember(1, "MARYVONNE KERHERVÉ", "Anne Le Gall"),
    CastMember(2, "PIERRIG", "Yann Quéré"),
    CastMember(3, "TITOUAN", "Loïc Ménez"),
    CastMember(4, "SOAZIG", "Françoise Cœur"),
    CastMember(5, "LE PASSEUR", "Hervé Thépaut"),
    CastMember(6, "ÉLODIE", "Élodie Cariou"),
    CastMember(7, "MONSIEUR GUÉNOLÉ", "Noël Prigent"),
    CastMember(8, "LA DOCTORESSE", "Gwenaëlle Abgrall"),
)
SETS = (
    ("EXT", "CALE DE TRÉVÉNEC", "AUBE", Daylight.DAWN_DUSK, "Cale de Trévénec", "Port, 29150 Trévénec"),
    ("INT", "CAFÉ-TABAC DU PORT", "JOUR", Daylight.DAY, "Café L'Écrin", "2 quai des Îles, Trévénec"),
    ("EXT", "LE BAC — PONT", "JOUR", Daylight.DAY, "Bac de l'Aber", "Embarcadère, Landéda"),
    ("INT", "MAISON DE MARYVONNE — CUISINE", "NUIT", Daylight.NIGHT, "Maison Kerhervé", "Lieu-dit Kerhuel"),
    ("EXT", "ROUTE DE LA CÔTE", "NUIT", Daylight.NIGHT, "Route de Kerlouan", "D10, Kerlouan"),
    ("INT", "ÉCOLE — SALLE DE CLASSE", "MATIN", Daylight.DAY, "École Œuvre-Sainte", "Rue de l'École"),
    ("INT/EXT", "VOITURE DE PIERRIG", "SOIR", Daylight.NIGHT, "Route de Kerlouan", "D10, Kerlouan"),
    ("EXT", "PLAGE DES ABERS", "PLUS TARD", Daylight.UNKNOWN, "Plage des Abers", "Landéda"),
)
SYNOPSES = (
    "Maryvonne descend la cale à l'aube ; Pierrig arrive à vélo.",
    "Au comptoir, on parle de la dernière traversée et de l'œuvre de Guénolé.",
    "Le bac quitte le quai, Titouan à la proue, ça sent le gazole.",
    "Soazig et Maryvonne se disputent à propos de la vente du bateau, longtemps, à voix basse "
    "pour ne pas réveiller l'enfant, puis plus fort, jusqu'à ce que la lampe tombe.",
    "Phares dans la brume.",
)


def _scene(number: int, episodes: bool) -> SceneStrip:
    int_ext, set_name, time_of_day, daylight, place, address = SETS[number % len(SETS)]
    cast = tuple(sorted({1 + number % 3, 1 + (number * 5) % len(CAST), 1 + (number * 3) % 5}))
    return SceneStrip(
        number=f"{number}{'A' if number % 17 == 0 else ''}",
        int_ext=int_ext,
        set_name=set_name,
        time_of_day=time_of_day,
        daylight=daylight,
        eighths=1 + (number * 7) % 15,
        synopsis=SYNOPSES[number % len(SYNOPSES)],
        cast=cast,
        episode=f"10{1 + number * 4 // 100}" if episodes else "",
        location_name=place,
        location_address=address,
    )


def sample_schedule(
    scenes: int = 400,
    shooting_days: int = 40,
    *,
    start: dt.date = dt.date(2027, 5, 3),
    episodes: bool = False,
    banners: bool = True,
) -> ScheduleDocument:
    """A schedule of ``scenes`` scenes over ``shooting_days`` days, Monday to Friday."""
    per_day, extra = divmod(scenes, shooting_days) if shooting_days else (0, 0)
    days: list[ScheduleDay] = []
    number = 0
    when = start
    for day_number in range(1, shooting_days + 1):
        while when.isoweekday() > 5:
            days.append(ScheduleDay(None, DayKind.DAY_OFF, when, note="Repos — week-end"))
            when += dt.timedelta(days=1)
        count = per_day + (1 if day_number <= extra else 0)
        strips: list[SceneStrip | Banner] = []
        for index in range(count):
            number += 1
            if banners and index == count // 2 and day_number % 4 == 1:
                strips.append(Banner("Déplacement de l'équipe — Œuvre-Sainte, 20 min"))
            strips.append(_scene(number, episodes))
        eighths = sum(strip.eighths for strip in strips if isinstance(strip, SceneStrip))
        days.append(
            ScheduleDay(day_number, DayKind.SHOOT, when, tuple(strips), minutes=eighths * 45 // 8 + 30)
        )
        when += dt.timedelta(days=1)
    return ScheduleDocument(
        production_title="Le Dernier Bac",
        schedule_name="Plan de travail — bloc 1",
        version_label="V3 bleue",
        generated_on=dt.date(2027, 4, 1),
        days=tuple(days),
        unit="Équipe principale",
        cast=CAST,
    )


def sample_call_sheet(schedule: ScheduleDocument | None = None, day_number: int = 2) -> CallSheet:
    """The call sheet of one shooting day of ``schedule`` (the sample schedule by default),
    with every section filled."""
    schedule = schedule or sample_schedule(60, 6)
    shooting = [day for day in schedule.days if day.is_shooting]
    day = shooting[day_number - 1]
    following = shooting[day_number] if day_number < len(shooting) else None
    in_day = sorted({number for scene in day.scenes for number in scene.cast})
    names = {member.number: member for member in schedule.cast}
    return CallSheet(
        production_title=schedule.production_title,
        day_number=day_number,
        total_days=len(shooting),
        date=day.date or schedule.generated_on,
        general_call=dt.time(7, 30),
        unit=schedule.unit,
        schedule_label="Plan de travail — V3 bleue",
        generated_on=schedule.generated_on,
        sunrise=dt.time(6, 12),
        sunset=dt.time(21, 48),
        weather="Éclaircies, 14 °C, vent d'ouest 30 km/h",
        timings=(Timing("Petit-déjeuner", dt.time(6, 45)), Timing("Déjeuner", dt.time(13, 0))),
        contacts=(
            Contact("Production", "Bureau de production", "02 98 00 00 00"),
            Contact("1er assistant", "Corentin Le Bihan", "06 00 00 00 01"),
            Contact("Régie", "Nolwenn Salaün", "06 00 00 00 02"),
        ),
        scenes=day.strips,
        cast=schedule.cast,
        cast_calls=tuple(
            CastCall(
                number,
                names[number].character,
                names[number].actor,
                pick_up=dt.time(6, number * 5),
                make_up=dt.time(6, 30 + number * 3),
                on_set="O/C" if number == 5 else dt.time(8, number * 5),
                remarks="Costume mouillé — prévoir une doublure" if number == 1 else "",
                pick_up_address="Hôtel de l'Écrin, Trévénec" if number % 2 else "",
            )
            for number in in_day
        ),
        crew_calls=(
            CrewCall("Mise en scène", "Réalisatrice", "Maëlle Guéguen", dt.time(7, 30)),
            CrewCall("Mise en scène", "1er assistant", "Corentin Le Bihan", dt.time(6, 30), "06 00 00 00 01"),
            CrewCall("Image", "Chef opérateur", "François Kervella", dt.time(7, 0)),
            CrewCall("Image", "1re assistante caméra", "Léa Morvan", dt.time(7, 0)),
            CrewCall("Son", "Chef opérateur du son", "Jérôme Pellen", dt.time(7, 30)),
            CrewCall(
                "HMC", "Cheffe maquilleuse", "Solène Tanguy", dt.time(6, 0), remarks="Prothèses : 45 min"
            ),
            CrewCall("Régie", "Régisseuse générale", "Nolwenn Salaün", dt.time(5, 45), "06 00 00 00 02"),
        ),
        locations=(
            CallSheetLocation(
                "Cale de Trévénec",
                "Port, 29150 Trévénec",
                parking="Parking du port, camions sur le terre-plein",
                base="Salle des fêtes, rue de l'Église",
                contact="Capitainerie — M. Le Roux",
            ),
            CallSheetLocation("Café L'Écrin", "2 quai des Îles, Trévénec", base="Salle des fêtes"),
        ),
        hospital=Hospital("Centre hospitalier de Landerneau", "2 route de Pencran, 29800 Landerneau", "15"),
        advance=following,
        notes=(
            "Tournage sur l'eau : gilets obligatoires pour toute l'équipe à bord du bac.",
            "Marée haute à 11 h 42 — la séquence du bac se tourne avant midi.",
        ),
    )
