"""The standard categories: complete, stable codes, valid colours that follow the usual coding."""

from __future__ import annotations

import colorsys
import json
import re
from datetime import date
from pathlib import Path

import pytest

from clapboard.engines.breakdown.categories import (
    BLACK,
    CATEGORIES,
    CATEGORY_CODES,
    WHITE,
    category,
    contrast_ratio,
    load_categories,
)

EXPECTED_CODES = (
    "cast",
    "background",
    "stunts",
    "vehicles",
    "props",
    "wardrobe",
    "makeup",
    "sfx",
    "vfx",
    "animals",
    "animal_handlers",
    "music",
    "sound",
    "set_dressing",
    "greenery",
    "special_equipment",
    "security",
    "additional_labour",
    "mechanical_effects",
    "notes",
)


def _hue(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(red, green, blue)[0] * 360


def test_every_standard_category_in_display_order() -> None:
    assert CATEGORY_CODES == EXPECTED_CODES
    assert [c.order for c in CATEGORIES] == sorted(c.order for c in CATEGORIES)
    assert len({c.order for c in CATEGORIES}) == len(CATEGORIES)


def test_names_and_colours_are_filled_and_valid() -> None:
    for item in CATEGORIES:
        assert item.name_en.strip(), item.code
        assert item.name_fr.strip(), item.code
        assert re.fullmatch(r"#[0-9A-F]{6}", item.colour), item.code
        assert item.mark in ("", "circle", "asterisk", "box", "underline")
    assert len({c.colour for c in CATEGORIES}) == len(CATEGORIES), "two categories share a colour"


def test_text_colour_is_the_more_legible_of_black_and_white() -> None:
    for item in CATEGORIES:
        other = WHITE if item.text_colour == BLACK else BLACK
        assert item.text_colour in (BLACK, WHITE)
        assert contrast_ratio(item.colour, item.text_colour) >= contrast_ratio(item.colour, other)
        # WCAG AA for normal text, so a tag stays readable.
        assert contrast_ratio(item.colour, item.text_colour) >= 4.5, item.code


def test_colours_follow_the_usual_coding() -> None:
    def within(code: str, low: float, high: float) -> bool:
        hue = _hue(category(code).colour)
        return low <= hue <= high if low <= high else hue >= low or hue <= high

    assert within("cast", 350, 10)  # red
    assert within("background", 90, 150)  # green
    assert within("stunts", 20, 40)  # orange
    assert within("vehicles", 320, 350)  # pink
    assert within("props", 260, 300)  # violet
    assert within("sfx", 200, 230)  # blue
    assert within("music", 10, 30)  # brown
    assert category("wardrobe").mark == "circle"
    assert category("makeup").mark == "asterisk"
    assert category("makeup").text_colour == BLACK  # a light pink
    assert category("cast").text_colour == WHITE


def test_lookup_by_code() -> None:
    props = category("props")
    assert props.name_fr == "Accessoires"
    assert props.name("fr") == "Accessoires"
    assert props.name("en") == "Props"
    with pytest.raises(KeyError, match="extras"):
        category("extras")


def test_data_file_is_versioned_with_source_and_date() -> None:
    shipped = load_categories()
    assert shipped.version >= 1
    assert isinstance(shipped.effective_from, date)
    assert len(shipped.source) > 40
    assert shipped.categories == CATEGORIES


def test_bad_colour_in_a_data_file_is_refused(tmp_path: Path) -> None:
    raw = json.loads((Path(__file__).resolve().parents[1] / "data" / "categories.json").read_text("utf-8"))
    raw["categories"][0]["colour"] = "red"
    path = tmp_path / "categories.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="#RRGGBB"):
        load_categories(path)
