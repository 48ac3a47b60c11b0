"""Demo part: the short film's screenplay, imported, broken down, then revised.

The first draft is imported and about two thirds of its scenes are reviewed (their
suggestions accepted), so that the breakdown shows both decided and pending work. The
scene numbers are then locked and a blue revision is imported: one scene dropped (it
stays as an OMITTED placeholder), one added (numbered with a letter), one line changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib.resources import files

from clapboard.core.demo import DemoContext, demo_part
from clapboard.engines.breakdown import suggest
from clapboard.engines.screenplay import parse_screenplay

from . import actions
from .models import Script, ScriptLocation, Tag
from .versions import DraftDetails, save_version

SCRIPT_FILE = "le-dernier-bac.fountain"
REVIEWED_SCENES = 24

# The blue revision, as edits of the first draft: (text to find, replacement).
_DROPPED_SCENE = "EXT. MER D'IROISE - NUIT\n\nVu de loin, dans le noir"
_NEW_SCENE = """
EXT. PHARE DE PENN AR VEIL - GALERIE - JOUR

La galerie du phare, le vent. Maryvonne et Fanch sortent sur la coursive. En bas, la cale, le bac minuscule, et plus loin le pont inachevé. Un GOÉLAND se pose sur la rambarde, les regarde, repart.

FANCH
D'ici, on voit tout ce qui passe.

MARYVONNE
Et ce qui ne passe plus.

"""
_NEW_SCENE_BEFORE = "EXT. MAISON DE MARYVONNE - JOUR"
_CHANGED_LINE = ("Six heures trente, le ruban...", "Sept heures, le ruban, et la fanfare...")

SHOOTING_LOCATIONS = (
    {
        "name": "Cale du vieux passage",
        "address": "Route de la cale\n29217 Plougonvelin",
        "contact_name": "Capitainerie",
        "contact_phone": "02 98 00 00 00",
        "cost_per_day": Decimal("450.00"),
        "notes": "Marées : tourner à mi-marée montante. Parking pour deux camions.",
        "places": ("CALE DE TRÉVÉNEC",),
    },
    {
        "name": "Bac « Enez Eusa II » (location armateur)",
        "address": "Port de commerce\n29200 Brest",
        "contact_name": "Armement du Ruz",
        "contact_phone": "02 98 00 00 01",
        "cost_per_day": Decimal("2800.00"),
        "notes": "Équipage de l'armateur obligatoire à bord ; 12 personnes de l'équipe au plus.",
        "places": ("LE BAC - TIMONERIE", "LE BAC - PONT"),
    },
)


def _first_draft() -> str:
    return files("clapboard.productions").joinpath("data", SCRIPT_FILE).read_text(encoding="utf-8")


def blue_revision(text: str) -> str:
    """The blue revision of the demo screenplay, made from the first draft."""
    start = text.index(_DROPPED_SCENE)
    end = text.index("INT. LE BAC - TIMONERIE - NUIT", start)
    text = text[:start] + text[end:]
    text = text.replace(_NEW_SCENE_BEFORE, _NEW_SCENE.lstrip("\n") + _NEW_SCENE_BEFORE, 1)
    old, new = _CHANGED_LINE
    if old not in text:
        raise ValueError("the demo revision no longer matches the demo screenplay")
    return text.replace(old, new, 1)


def _import(script: Script, text: str, details: DraftDetails, acting_user: object) -> None:
    screenplay = parse_screenplay(text, source_name=details.source_name, paper=details.paper)
    save_version(script, screenplay, suggest(screenplay), details, acting_user=acting_user)


@demo_part(order=300)
def short_film_script(context: DemoContext) -> None:
    production = context.objects["short_film"]
    producer = context.objects["users"]["producer"]
    line_producer = context.objects["users"]["line_producer"]
    existing = production.scripts.order_by("pk").first()
    if existing is not None:
        context.objects["short_film_script"] = existing
        return
    script = actions.create_script(production, acting_user=producer, title=production.title)
    first = _first_draft()
    _import(
        script,
        first,
        DraftDetails("Version de tournage", "white", dt.date(2026, 9, 14), SCRIPT_FILE, "", "a4"),
        producer,
    )
    script.refresh_from_db()
    for scene in script.current_version.scenes.order_by("position")[:REVIEWED_SCENES]:
        actions.decide_scene(scene, Tag.Status.ACCEPTED, acting_user=line_producer)
    for fields in SHOOTING_LOCATIONS:
        fields = dict(fields)
        places = fields.pop("places")
        location = actions.create_shooting_location(production, acting_user=line_producer, **fields)
        for place in ScriptLocation.objects.filter(script=script, name__in=places):
            actions.link_location(place, location, acting_user=line_producer)
    script = actions.lock_scene_numbers(script, acting_user=line_producer)
    _import(
        script,
        blue_revision(first),
        DraftDetails(
            "Révision bleue", "blue", dt.date(2026, 10, 2), "le-dernier-bac-bleue.fountain", "", "a4"
        ),
        producer,
    )
    context.objects["short_film_script"] = script
