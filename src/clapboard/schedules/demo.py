"""Demo part: the short film's shooting schedule, laid out from its current script version.

The line producer lays out the board from the blue revision, starting on Monday
3 May 2027 (Ascension Day, Thursday 6 May, is a public holiday in France and is skipped),
puts a banner at the top and a travel day to Ouessant after the first day, and prepares
the call sheet of day 1. Loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clapboard.core.demo import DemoContext, demo_part

from . import actions
from .calculation import load_board
from .call_sheets import load_call_sheet
from .models import Schedule, Strip

NAME = "Plan de travail v1"


@demo_part(order=400)
def short_film_schedule(context: DemoContext) -> None:
    production = context.objects["short_film"]
    line_producer = context.objects["users"]["line_producer"]
    existing = Schedule.objects.filter(production=production, name=NAME).first()
    if existing is not None:
        context.objects["short_film_schedule"] = existing
        return
    script = context.objects["short_film_script"]
    script.refresh_from_db()
    schedule = actions.create_schedule(
        production,
        acting_user=line_producer,
        script_version=script.current_version,
        name=NAME,
        start_date=dt.date(2027, 5, 3),
        pages_per_day=Decimal(3),
        hours_per_day=Decimal(10),
    )
    strips = list(schedule.strips.select_related("scene").order_by("position"))
    first_break = next(strip for strip in strips if strip.kind == Strip.Kind.DAY_BREAK)
    actions.add_strip(
        schedule,
        Strip.Kind.BANNER,
        text="Semaine 1 — Le Conquet et la cale",
        after_id=None,
        acting_user=line_producer,
        expected_version=schedule.version,
    )
    schedule.refresh_from_db()
    order = [strip.pk for strip in schedule.strips.order_by("position")]
    banner = order.pop()
    order.insert(0, banner)
    schedule = actions.reorder_strips(
        schedule, order, acting_user=line_producer, expected_version=schedule.version
    )
    actions.add_strip(
        schedule,
        Strip.Kind.TRAVEL,
        text="Traversée vers Ouessant, matériel compris",
        after_id=first_break.pk,
        acting_user=line_producer,
        expected_version=schedule.version,
    )
    context.objects["short_film_schedule"] = schedule


@demo_part(order=410)
def first_day_call_sheet(context: DemoContext) -> None:
    """The call sheet of day 1 at Le Conquet, as the second assistant director sends it."""
    schedule = context.objects["short_film_schedule"]
    if schedule.call_sheets.filter(day_number=1).exists():
        return
    line_producer = context.objects["users"]["line_producer"]
    view = load_call_sheet(schedule, 1, personal=True)
    cast_calls = {}
    for offset, line in enumerate(view.cast):
        minutes = 15 * offset
        cast_calls[line.member.element_id] = {
            "pick_up": dt.time(6, 30 + minutes % 30),
            "pick_up_place": "Hôtel de la Pointe, Le Conquet",
            "make_up": dt.time(7, 0 + minutes % 45),
            "on_set": dt.time(8, 30),
        }
    crew = [
        ("Mise en scène", "Premier assistant réalisateur", "Erwan Le Gall", dt.time(7, 0), "06 00 00 00 01"),
        ("Image", "Chef opérateur", "Nolwenn Kervella", dt.time(7, 30), "06 00 00 00 02"),
        ("Image", "Premier assistant opérateur", "Yann Tanguy", dt.time(7, 30), "06 00 00 00 03"),
        ("Son", "Chef opérateur du son", "Maël Guivarc'h", dt.time(7, 45), "06 00 00 00 04"),
        ("Régie", "Régisseur général", "Gaëlle Morvan", dt.time(6, 0), "06 00 00 00 05"),
        ("HMC", "Maquilleuse", "Soizic Le Bihan", dt.time(6, 45), "06 00 00 00 06"),
    ]
    actions.save_call_sheet(
        schedule,
        1,
        acting_user=line_producer,
        expected_version=None,
        personal=True,
        fields={
            "general_call": dt.time(7, 0),
            "shooting_call": dt.time(8, 30),
            "estimated_wrap": dt.time(18, 30),
            "sunrise": dt.time(6, 52),
            "sunset": dt.time(21, 33),
            "weather": "Nuageux, 14 °C, vent d'ouest 30 km/h",
            "base_notes": "Base technique sur le parking du port du Conquet. Cantine à la salle des fêtes.",
            "hospital_name": "CHU de Brest, hôpital de la Cavale Blanche",
            "hospital_address": "Boulevard Tanguy Prigent, 29200 Brest",
            "hospital_phone": "02 98 00 00 15",
            "notes": "Gilets de sauvetage obligatoires sur le bac. Marée haute à 11 h 42.",
        },
        cast_calls=cast_calls,
        crew_calls=[{"department": d, "role": r, "name": n, "call": c, "phone": p} for d, r, n, c, p in crew],
    )


@demo_part(order=420)
def planning_terms(context: DemoContext) -> None:
    """The planner's terms the line producer set: the leads' daily rates (the others at the
    day-player rate) and one actor free only from the second week."""
    schedule = context.objects["short_film_schedule"]
    if schedule.planning_terms.exists():
        return
    line_producer = context.objects["users"]["line_producer"]
    board = load_board(schedule)
    rates = {1: Decimal(650), 2: Decimal(520), 3: Decimal(480)}
    cast = {
        member.element_id: {"daily_rate": rates.get(member.number, Decimal(320))} for member in board.cast
    }
    late = next((member for member in board.cast if member.name == "MONA"), None)
    if late is not None:
        cast[late.element_id]["first_date"] = dt.date(2027, 5, 10)
    actions.save_planning_terms(
        schedule,
        acting_user=line_producer,
        max_shooting_days=None,
        weights={},
        cast=cast,
        locations={},
        scenes={},
    )
