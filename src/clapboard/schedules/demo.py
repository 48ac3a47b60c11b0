"""Demo part: the short film's shooting schedule, laid out from its current script version.

The line producer lays out the board from the blue revision, starting on Monday
3 May 2027 (Ascension Day, Thursday 6 May, is a public holiday in France and is skipped),
puts a banner at the top and a travel day to Ouessant after the first day. Loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clapboard.core.demo import DemoContext, demo_part

from . import actions
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
