"""Script statistics: a hand-made scene list, the demo screenplay, and the day/night word list."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from clapboard.engines.breakdown.statistics import (
    CharacterFacts,
    CharacterRank,
    Daylight,
    SceneFacts,
    Share,
    calculate_script_statistics,
    classify_daylight,
    daylight_by_scene,
    facts_from_screenplay,
    format_duration,
    format_eighths,
    load_daylight_rules,
    normalise_int_ext,
    pages_of,
)
from clapboard.engines.screenplay import parse_screenplay
from clapboard.engines.screenplay.vocabulary import KNOWN_TIMES_OF_DAY

D = Daylight
SCENES = (
    SceneFacts(1, "EXT", "CALE", "AUBE", 4, ("MARYVONNE",)),
    SceneFacts(2, "INT", "Le bac - timonerie", "SUITE", 11, ("MARYVONNE", "PIERRIG")),
    SceneFacts(3, "INT", "MAIRIE", "JOUR", 16, ("MONA",)),
    SceneFacts(4, "EXT", "cale", "PLUS TARD", 3, ()),
    SceneFacts(5, "INT/EXT", "CAMIONNETTE", "NUIT", 9, ("GWENAËL",)),
    SceneFacts(6, "EXT", "CALE", "CONTINUOUS", 5, ()),
    SceneFacts(7, None, "LE BAC  -  TIMONERIE", "LE LENDEMAIN MATIN", 2, ()),
    SceneFacts(8, "EXT", "PHARE", "SOIR", 1, ()),
    SceneFacts(9, "INT", "PHARE", None, 6, ()),
    SceneFacts(10, "INT", "MAIRIE", "LATER THAT NIGHT", 7, ()),
)
CHARACTERS = (
    CharacterFacts("PIERRIG", scenes=6, lines=8, words=53),
    CharacterFacts("MARYVONNE", scenes=23, lines=60, words=408),
    CharacterFacts("TITOUAN", scenes=6, lines=8, words=35),
    CharacterFacts("INÈS", scenes=6, lines=12, words=90),
)


def test_hand_made_script() -> None:
    stats = calculate_script_statistics(SCENES, CHARACTERS)
    assert stats.scene_count == 10
    assert stats.eighths == 64
    assert stats.pages == Decimal(8)
    assert stats.locations == (
        Share("MAIRIE", 2, 23, Decimal("2.875")),
        Share("Le bac - timonerie", 2, 13, Decimal("1.625")),
        Share("CALE", 3, 12, Decimal("1.5")),
        Share("CAMIONNETTE", 1, 9, Decimal("1.125")),
        Share("PHARE", 2, 7, Decimal("0.875")),
    )
    assert stats.int_ext == (
        Share("INT", 4, 40, Decimal(5)),
        Share("EXT", 4, 13, Decimal("1.625")),
        Share("INT/EXT", 1, 9, Decimal("1.125")),
        Share("UNKNOWN", 1, 2, Decimal("0.25")),
    )
    assert dict(stats.scene_daylight) == {
        1: D.DAWN_DUSK,
        2: D.DAWN_DUSK,
        3: D.DAY,
        4: D.DAY,
        5: D.NIGHT,
        6: D.NIGHT,
        7: D.DAY,
        8: D.NIGHT,
        9: D.UNKNOWN,
        10: D.NIGHT,
    }
    assert stats.daylight == (
        Share("DAY", 3, 21, Decimal("2.625")),
        Share("NIGHT", 4, 22, Decimal("2.75")),
        Share("DAWN_DUSK", 2, 15, Decimal("1.875")),
        Share("UNKNOWN", 1, 6, Decimal("0.75")),
    )
    assert stats.characters == (
        CharacterRank(1, "MARYVONNE", 23, 60, 408),
        CharacterRank(2, "INÈS", 6, 12, 90),
        CharacterRank(3, "PIERRIG", 6, 8, 53),
        CharacterRank(4, "TITOUAN", 6, 8, 35),
    )
    assert stats.minutes_per_page == Decimal(1)
    assert stats.screen_minutes == Decimal(8)
    assert stats.screen_seconds == 480
    assert stats.screen_time == "0:08:00"
    assert stats.daylight_rules_version == 1


def test_scene_order_does_not_depend_on_the_input_order() -> None:
    assert calculate_script_statistics(SCENES[::-1], CHARACTERS) == calculate_script_statistics(
        SCENES, CHARACTERS
    )


def test_screen_time_follows_the_minutes_per_page() -> None:
    stats = calculate_script_statistics(SCENES, minutes_per_page=Decimal("1.25"))
    assert stats.screen_minutes == Decimal(10)
    assert stats.screen_time == "0:10:00"
    long = [SceneFacts(i, "INT", "X", "JOUR", 8) for i in range(1, 101)]
    long.append(SceneFacts(101, "INT", "X", "JOUR", 3))
    stats = calculate_script_statistics(long, minutes_per_page=Decimal("0.9"))
    # 100.375 pages x 0.9 = 90.3375 minutes = 5420.25 s
    assert stats.screen_minutes == Decimal("90.3375")
    assert stats.screen_seconds == 5420
    assert stats.screen_time == "1:30:20"


def test_an_empty_script_has_zero_everywhere() -> None:
    stats = calculate_script_statistics(())
    assert stats.pages == 0
    assert stats.locations == ()
    assert [share.scenes for share in stats.daylight] == [0, 0, 0, 0]
    assert stats.screen_time == "0:00:00"


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        calculate_script_statistics((SCENES[0], SCENES[0]))
    with pytest.raises(ValueError, match="negative length"):
        calculate_script_statistics((SceneFacts(1, "INT", "X", "JOUR", -1),))
    with pytest.raises(ValueError, match="must be positive"):
        calculate_script_statistics(SCENES, minutes_per_page=Decimal(0))


def test_continuity_words_take_the_light_of_the_scene_before() -> None:
    scenes = [
        SceneFacts(1, "EXT", "A", "SUITE", 1),
        SceneFacts(2, "EXT", "A", "NUIT", 1),
        SceneFacts(3, "INT", "B", "SUITE", 1),
        SceneFacts(4, "INT", "C", "CONTINUOUS", 1),
        SceneFacts(5, "EXT", "D", "DAY", 1),
        SceneFacts(6, "EXT", "D", "CONTINUOUS", 1),
        SceneFacts(7, "INT", "E", "FLASHBACK", 1),
        SceneFacts(8, "INT", "E", "SUITE", 1),
        SceneFacts(9, "INT", "E", "MOMENTS LATER", 1),
        SceneFacts(10, "INT", "E", "L'AUBE", 1),
        SceneFacts(11, "INT", "E", "MÊME HEURE", 1),
    ]
    assert daylight_by_scene(scenes) == {
        1: D.UNKNOWN,
        2: D.NIGHT,
        3: D.NIGHT,
        4: D.NIGHT,
        5: D.DAY,
        6: D.DAY,
        7: D.UNKNOWN,
        8: D.UNKNOWN,
        9: D.UNKNOWN,
        10: D.DAWN_DUSK,
        11: D.DAWN_DUSK,
    }


@pytest.mark.parametrize(
    ("time_of_day", "expected"),
    [
        ("JOUR", D.DAY),
        ("day", D.DAY),
        ("MATIN", D.DAY),
        ("THE NEXT MORNING", D.DAY),
        ("APRÈS-MIDI", D.DAY),
        ("APRES-MIDI", D.DAY),
        ("NUIT", D.NIGHT),
        ("NIGHT", D.NIGHT),
        ("SOIR", D.NIGHT),
        ("MIDNIGHT", D.NIGHT),
        ("AUBE", D.DAWN_DUSK),
        ("DAWN", D.DAWN_DUSK),
        ("CRÉPUSCULE", D.DAWN_DUSK),
        ("CREPUSCULE", D.DAWN_DUSK),
        ("crépuscule", D.DAWN_DUSK),
        ("DUSK", D.DAWN_DUSK),
        ("MAGIC HOUR", D.DAWN_DUSK),
        ("LATER THAT NIGHT", D.NIGHT),
        ("SUITE", None),
        ("CONTINUOUS", None),
        ("LATER", None),
        ("PLUS TARD", None),
        ("LE LENDEMAIN", D.UNKNOWN),
        ("FLASHBACK", D.UNKNOWN),
        ("", D.UNKNOWN),
        (None, D.UNKNOWN),
    ],
)
def test_time_of_day_words(time_of_day: str | None, expected: Daylight | None) -> None:
    assert classify_daylight(time_of_day) is expected


def test_every_known_time_of_day_with_light_is_classified() -> None:
    # The screenplay engine's reference list: only "LE LENDEMAIN" says nothing about light.
    unknown = [phrase for phrase in KNOWN_TIMES_OF_DAY if classify_daylight(phrase) is D.UNKNOWN]
    assert unknown == ["LE LENDEMAIN"]


def test_the_word_list_is_versioned_data() -> None:
    raw = json.loads((Path(__file__).parent.parent / "data" / "daylight.json").read_text(encoding="utf-8"))
    assert {"version", "effective_from", "source", "classes", "inherit"} <= raw.keys()
    rules = load_daylight_rules()
    assert rules.version == raw["version"] == 1
    assert rules.effective_from.isoformat() == raw["effective_from"]
    assert rules.source.strip()
    assert set(raw["classes"]) == {"DAY", "NIGHT", "DAWN_DUSK"}


def test_a_word_in_two_classes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "daylight.json"
    path.write_text(
        json.dumps(
            {
                "version": 2,
                "effective_from": "2027-01-01",
                "source": "test",
                "classes": {"DAY": ["JOUR"], "NIGHT": ["jour"]},
                "inherit": [],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="two classes"):
        load_daylight_rules(path)


def test_other_rules_can_be_passed(tmp_path: Path) -> None:
    path = tmp_path / "daylight.json"
    path.write_text(
        json.dumps(
            {
                "version": 2,
                "effective_from": "2027-01-01",
                "source": "test: evenings shot in daylight",
                "classes": {"DAY": ["JOUR", "SOIR"], "NIGHT": ["NUIT"]},
                "inherit": ["SUITE"],
            }
        ),
        encoding="utf-8",
    )
    rules = load_daylight_rules(path)
    stats = calculate_script_statistics(
        [SceneFacts(1, "INT", "A", "SOIR", 8), SceneFacts(2, "INT", "A", "SUITE", 8)], daylight_rules=rules
    )
    assert stats.daylight[0] == Share("DAY", 2, 16, Decimal(2))
    assert stats.daylight_rules_version == 2


def test_formats() -> None:
    assert [format_eighths(n) for n in (0, 1, 3, 8, 11, 16, 23)] == [
        "0",
        "1/8",
        "3/8",
        "1",
        "1 3/8",
        "2",
        "2 7/8",
    ]
    assert pages_of(11) == Decimal("1.375")
    assert format_duration(1403) == "0:23:23"
    assert format_duration(3600 * 2 + 5) == "2:00:05"
    assert [normalise_int_ext(v) for v in ("INT", "ext.", "INT./EXT.", "I/E", "EXT/INT", None, "EST")] == [
        "INT",
        "EXT",
        "INT/EXT",
        "INT/EXT",
        "INT/EXT",
        "UNKNOWN",
        "UNKNOWN",
    ]


@pytest.fixture(scope="module")
def demo() -> tuple[tuple[SceneFacts, ...], tuple[CharacterFacts, ...]]:
    name = "le-dernier-bac.fountain"
    data = files("clapboard.productions").joinpath("data", name).read_bytes()
    return facts_from_screenplay(parse_screenplay(data, source_name=name))


def test_demo_screenplay(demo: tuple[tuple[SceneFacts, ...], tuple[CharacterFacts, ...]]) -> None:
    scenes, characters = demo
    stats = calculate_script_statistics(scenes, characters)
    assert stats.scene_count == 35
    # Lengths come from the screenplay engine's pagination (Letter, 55 lines a page).
    assert stats.eighths == 187
    assert stats.pages == Decimal("23.375")
    assert stats.screen_time == "0:23:23"
    assert [(s.key, s.scenes, s.eighths) for s in stats.locations] == [
        ("LE BAC - TIMONERIE", 7, 29),
        ("CALE DE TRÉVÉNEC", 4, 26),
        ("PORT DE KERLOC'H", 4, 26),
        ("LE BAC - PONT", 4, 18),
        ("CAFÉ-TABAC DU PORT", 2, 16),
        ("MAISON DE MARYVONNE", 3, 15),
        ("PHARE DE PENN AR VEIL", 3, 13),
        ("CAMIONNETTE DE GWENAËL", 2, 12),
        ("CHAPELLE SAINT-ERWAN", 2, 12),
        ("MAIRIE", 1, 9),
        ("NOUVEAU PONT DE TRÉVÉNEC", 1, 7),
        ("MER D'IROISE", 2, 4),
    ]
    assert [(s.key, s.scenes, s.eighths) for s in stats.int_ext] == [
        ("INT", 14, 76),
        ("EXT", 19, 99),
        ("INT/EXT", 2, 12),
        ("UNKNOWN", 0, 0),
    ]
    assert [(s.key, s.scenes, s.eighths) for s in stats.daylight] == [
        ("DAY", 14, 85),
        ("NIGHT", 16, 72),
        ("DAWN_DUSK", 5, 30),
        ("UNKNOWN", 0, 0),
    ]
    # SUITE after JOUR (scene 6), and after NUIT (23, 26, 27, 30); PLUS TARD after NUIT (32).
    assert [stats.scene_daylight[i] for i in (6, 23, 26, 27, 30, 32)] == [D.DAY] + [D.NIGHT] * 5
    assert [(c.rank, c.name, c.scenes, c.lines) for c in stats.characters[:4]] == [
        (1, "MARYVONNE", 23, 60),
        (2, "GWENAËL", 8, 16),
        (3, "INÈS", 6, 12),
        (4, "PIERRIG", 6, 8),
    ]
    assert len(stats.characters) == 13
    assert sum(s.eighths for s in stats.locations) == stats.eighths
