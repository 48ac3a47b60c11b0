"""The viability read-out: counts, shooting days and the flags, on hand-made breakdowns and the demo."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from clapboard.engines.breakdown.statistics import SceneFacts, facts_from_screenplay
from clapboard.engines.breakdown.viability import (
    FLAG_CODES,
    ElementFacts,
    Flag,
    assess_viability,
    load_viability_rules,
)
from clapboard.engines.screenplay import parse_screenplay

RULES_PATH = Path(__file__).parent.parent / "data" / "viability.json"

SCENES = (
    SceneFacts(1, "EXT", "CALE", "AUBE", 4),
    SceneFacts(2, "INT", "BAC", "SUITE", 12),
    SceneFacts(3, "EXT", "PORT", "NUIT", 10),
    SceneFacts(4, "INT/EXT", "CAMIONNETTE", "SUITE", 8),
    SceneFacts(5, "INT", "MAIRIE", "JOUR", 38),
    SceneFacts(6, "INT", "Mairie", "NUIT", 8),
    SceneFacts(7, "EXT", "PORT", "JOUR", 16),
    SceneFacts(8, "EXT", "CALE", "CRÉPUSCULE", 24),
)
ELEMENTS = (
    ElementFacts("cast", "MARYVONNE", (1, 2, 3, 5, 7, 8)),
    ElementFacts("cast", "TITOUAN", (4, 8), minor=True),
    ElementFacts("cast", "Maryvonne", (6,)),
    ElementFacts("background", "Passagers", (2, 7)),
    ElementFacts("background", "Enfant au vélo", (7,), minor=True),
    ElementFacts("animals", "MOUSSE (chien)", (1, 2)),
    ElementFacts("animal_handlers", "Dresseur", (2, 7)),
    ElementFacts("stunts", "Chute dans l'eau", (3,)),
    ElementFacts("vehicles", "Tracteur", (7,)),
    ElementFacts("vehicles", "Camionnette", (4,)),
    ElementFacts("vfx", "Pont effacé", (8,)),
    ElementFacts("sfx", "Pluie", (3, 4)),
    ElementFacts("props", "Feutre", (2,)),
)


def test_hand_made_breakdown() -> None:
    result = assess_viability(SCENES, ELEMENTS)
    assert result.scene_count == 8
    assert result.eighths == 120
    assert result.pages == Decimal(15)
    assert result.cast_size == 2
    assert result.background_count == 2
    assert result.minor_count == 2
    assert result.location_count == 5
    # 3 (EXT NUIT) and 4 (INT/EXT, SUITE after NUIT); 6 is a night interior.
    assert result.night_exterior_scenes == (3, 4)
    assert result.night_exterior_eighths == 18
    assert result.night_exterior_pages == Decimal("2.25")
    assert result.dawn_dusk_exterior_scenes == (1, 8)
    assert result.stunt_scenes == (3,)
    assert result.vfx_scenes == (8,)
    assert result.sfx_scenes == (3, 4)
    assert result.minor_scenes == (4, 7, 8)
    assert result.animal_scenes == (1, 2, 7)
    assert result.vehicle_scenes == (4, 7)
    assert result.production_type == "feature"
    assert result.pages_per_day == Decimal(3)
    assert result.shooting_days == Decimal("5.0")
    assert result.shooting_days_rounded_up == 5
    assert result.rules_version == 1
    # 18/120 = 0.15 of the pages are night exteriors, 24/120 = 0.2 VFX; 5 sets for 15 pages.
    assert result.flags == (
        Flag("minors", "warning", 3, (4, 7, 8)),
        Flag("night_exteriors", "warning", 2, (3, 4)),
        Flag("vfx", "warning", 1, (8,)),
        Flag("dawn_dusk_exteriors", "info", 2, (1, 8)),
        Flag("stunts", "info", 1, (3,)),
        Flag("animals", "info", 3, (1, 2, 7)),
        Flag("vehicles", "info", 2, (4, 7)),
        Flag("sfx", "info", 2, (3, 4)),
        Flag("locations", "info", 5, ()),
    )


def test_shooting_days_follow_the_production_type_or_an_explicit_rate() -> None:
    series = assess_viability(SCENES, production_type="tv_series")
    assert series.pages_per_day == Decimal(6)
    assert series.shooting_days == Decimal("2.5")
    assert series.shooting_days_rounded_up == 3
    custom = assess_viability(SCENES, pages_per_day=Decimal("2.25"))
    assert custom.shooting_days == Decimal("6.7")
    assert custom.shooting_days_rounded_up == 7
    with pytest.raises(ValueError, match="unknown production type"):
        assess_viability(SCENES, production_type="opera")
    with pytest.raises(ValueError, match="must be positive"):
        assess_viability(SCENES, pages_per_day=Decimal(0))


def test_quiet_script_raises_no_flag() -> None:
    scenes = [SceneFacts(i, "INT", f"DÉCOR {i % 3}", "JOUR", 8) for i in range(1, 21)]
    result = assess_viability(scenes, [ElementFacts("cast", "A", (1, 2)), ElementFacts("props", "B", (3,))])
    assert result.flags == ()
    assert result.location_count == 3
    assert result.night_exterior_scenes == ()
    assert result.night_exterior_pages == 0


def test_many_locations_for_few_pages() -> None:
    def script(sets: int, pages: int) -> list[SceneFacts]:
        return [SceneFacts(i, "INT", f"SET {i % sets}", "JOUR", pages * 8 // sets) for i in range(sets)]

    assert assess_viability(script(10, 20)).flags == (Flag("locations", "warning", 10, ()),)
    assert assess_viability(script(7, 20)).flags == (Flag("locations", "info", 7, ()),)
    assert assess_viability(script(5, 20)).flags == ()
    # Too few sets to matter, however short the script.
    assert assess_viability(script(3, 1)).flags == ()


def test_night_exteriors_warn_by_count_as_well_as_by_share() -> None:
    day = [SceneFacts(i, "INT", "A", "JOUR", 80) for i in range(1, 11)]
    night = [SceneFacts(i, "EXT", "B", "NIGHT", 1) for i in range(11, 21)]
    (flag,) = (f for f in assess_viability(day + night[:9]).flags if f.code == "night_exteriors")
    assert flag.level == "info"
    (flag,) = (f for f in assess_viability(day + night).flags if f.code == "night_exteriors")
    assert flag.level == "warning"
    assert flag.count == 10


def test_an_element_in_an_unknown_scene_is_refused() -> None:
    with pytest.raises(ValueError, match="scene 9, which is not in the script"):
        assess_viability(SCENES, [ElementFacts("cast", "X", (1, 9))])
    with pytest.raises(ValueError, match="listed twice"):
        assess_viability((SCENES[0], SCENES[0]))


def _rules_file(tmp_path: Path, change: dict[str, Any]) -> Path:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    raw.update(change)
    path = tmp_path / "viability.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_the_rules_are_versioned_data(tmp_path: Path) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    rules = load_viability_rules()
    assert rules.version == raw["version"] == 1
    assert rules.effective_from.isoformat() == raw["effective_from"]
    assert rules.source.strip()
    assert rules.production_types["feature"].pages_per_day == Decimal(3)
    assert all(kind.source for kind in rules.production_types.values())
    assert list(rules.flags) == list(FLAG_CODES)
    assert all(rule.why for rule in rules.flags.values())

    stricter = raw["flags"] | {"animals": {"info": [], "warning": [{"scenes": 1}], "why": "test"}}
    rules = load_viability_rules(_rules_file(tmp_path, {"version": 2, "flags": stricter}))
    result = assess_viability(SCENES, ELEMENTS, rules=rules)
    assert Flag("animals", "warning", 3, (1, 2, 7)) in result.flags
    assert result.rules_version == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"flags": {}}, "the flags must be exactly"),
        ({"default_production_type": "opera"}, "is not listed"),
        ({"production_types": {"feature": {"pages_per_day": 3.5, "source": "x"}}}, "as strings or integers"),
        ({"production_types": {"feature": {"pages_per_day": "0", "source": "x"}}}, "must be positive"),
        ({"version": 0}, "positive integer version"),
    ],
)
def test_malformed_rules_are_refused(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_viability_rules(_rules_file(tmp_path, change))


def test_a_figure_that_does_not_belong_to_the_flag_is_refused(tmp_path: Path) -> None:
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    flags = raw["flags"] | {"stunts": {"info": [{"sets_per_page": "1"}], "warning": [], "why": "x"}}
    with pytest.raises(ValueError, match="not a figure of this flag"):
        load_viability_rules(_rules_file(tmp_path, {"flags": flags}))


def test_demo_screenplay() -> None:
    name = "le-dernier-bac.fountain"
    scenes, _characters = facts_from_screenplay(
        parse_screenplay(files("clapboard.productions").joinpath("data", name).read_bytes(), source_name=name)
    )
    elements = (
        ElementFacts("cast", "MARYVONNE", (1, 4, 6, 7, 8)),
        ElementFacts("cast", "TITOUAN", (5, 12, 18, 26, 34, 35), minor=True),
        ElementFacts("animals", "MOUSSE", (1, 3, 20)),
        ElementFacts("vehicles", "TRACTEUR", (3, 4)),
    )
    result = assess_viability(scenes, elements)
    assert result.location_count == 12
    assert result.night_exterior_scenes == (20, 21, 23, 24, 26, 28, 29, 31, 32, 34)
    assert result.night_exterior_pages == Decimal(6)
    assert result.dawn_dusk_exterior_scenes == (1, 18, 35)
    assert result.pages == Decimal("23.375")
    assert result.shooting_days == Decimal("7.8")
    assert result.shooting_days_rounded_up == 8
    assert [(f.code, f.level, f.count) for f in result.flags] == [
        ("minors", "warning", 6),
        ("night_exteriors", "warning", 10),
        ("locations", "warning", 12),
        ("dawn_dusk_exteriors", "info", 3),
        ("animals", "info", 3),
        ("vehicles", "info", 2),
    ]
