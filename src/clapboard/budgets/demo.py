"""Demo part: the short film's devis, laid out on the CNC feature template from its
schedule (shooting days and each performer's days, linked), with the author's and the
director's fees filled in, then submitted. Loading the demo again changes nothing."""

from __future__ import annotations

from clapboard.core.demo import DemoContext, demo_part

from . import actions
from .models import Budget, Line

NAME = "Devis de production"

# A few lines filled as the producer did (descriptions as in the template).
FEES = {
    "Scénario": ("1", "6500"),
    "Droits d'auteur du réalisateur": ("1", "4500"),
    "Producteur délégué": ("1", "3000"),
}


@demo_part(order=500)
def short_film_budget(context: DemoContext) -> None:
    production = context.objects["short_film"]
    if Budget.objects.filter(production=production, name=NAME).exists():
        return
    producer = context.objects["users"]["producer"]
    schedule = context.objects["short_film_schedule"]
    version = actions.estimate_from_schedule(
        production, schedule, acting_user=producer, name=NAME, layout="cnc-long-metrage"
    )
    for description, (quantity, rate) in FEES.items():
        line = Line.objects.filter(budget_version=version, description=description).first()
        if line is not None:
            actions.update_line(
                line, acting_user=producer, expected_version=line.version, quantity=quantity, rate=rate
            )
    for line in Line.objects.filter(budget_version=version, quantity_link__startswith="schedule:cast_days:"):
        actions.update_line(line, acting_user=producer, expected_version=line.version, rate="450")
    version.refresh_from_db()
    context.objects["short_film_budget"] = version
