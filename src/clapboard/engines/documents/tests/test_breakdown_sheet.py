"""Breakdown sheets: read the PDF back with PDFium and check its pages and its text layer."""

from __future__ import annotations

import dataclasses
from datetime import date
from importlib.resources import files

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from clapboard.engines.documents import BreakdownSheet, SheetElement, render_breakdown_sheets
from clapboard.engines.documents.breakdown_sheet import _layout_sheet, _printable
from clapboard.engines.screenplay import Scene, parse_screenplay

ELEMENTS = (
    SheetElement("Rôles", "#E53935", ("MARYVONNE KERHERVÉ", "PIERRIG", "TITOUAN (9 ans)")),
    SheetElement("Figurants", "#43A047", ("Passagers du bac", "Foule « dernière traversée »")),
    SheetElement("Cascades", "#FB8C00", ("Chute dans l'eau",)),
    SheetElement("Véhicules", "#EC407A", ("Tracteur rouge",)),
    SheetElement("Accessoires", "#8E24AA", ("Calendrier des marées", "Billets à 5 €")),
    SheetElement("Maquillage / coiffure", "#FFEB3B", ("Mains abîmées",)),
    SheetElement("Animaux", "#795548", ("MOUSSE, chien noir et blanc",)),
    SheetElement("Effets spéciaux", "#0BC", ()),
    SheetElement("Notes", "#9E9E9E", ("Œuvre de cœur : tourner à marée haute",)),
)
SHEET = BreakdownSheet(
    production_title="Le Dernier Bac",
    script_title="Le Dernier Bac",
    version_label="V3 bleue",
    scene_number=None,
    scene_index=1,
    heading="EXT. CALE DE TRÉVÉNEC - AUBE",
    int_ext="EXT",
    location="CALE DE TRÉVÉNEC",
    time_of_day="AUBE",
    page_start=1,
    eighths=11,
    synopsis="Maryvonne descend la cale à l'aube ; Pierrig arrive à vélo.",
    elements=ELEMENTS,
    generated_on=date(2026, 3, 1),
    language="fr",
)


def _pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            " ".join(str(document[i].get_textpage().get_text_range()).split()) for i in range(len(document))
        ]
    finally:
        document.close()


def test_one_page_per_scene_with_every_element_in_the_text_layer() -> None:
    second = dataclasses.replace(
        SHEET,
        scene_number="12A",
        scene_index=14,
        heading="INT. CAFÉ-TABAC DU PORT - JOUR",
        time_of_day="JOUR",
        eighths=8,
        elements=(),
    )
    pdf = render_breakdown_sheets([SHEET, second])
    assert pdf.startswith(b"%PDF-")
    first_page, second_page = _pages_text(pdf)
    assert "DÉPOUILLEMENT" in first_page
    assert "EXT. CALE DE TRÉVÉNEC - AUBE" in first_page
    assert "1 3/8" in first_page
    for element in ELEMENTS:
        assert element.category_name in first_page
        for name in element.names:
            assert name in first_page
    assert "« dernière traversée »" in first_page
    assert "Billets à 5 €" in first_page
    assert "Œuvre de cœur" in first_page
    assert "Édité le 1er mars 2026" in first_page
    assert "Page 1 / 2" in first_page
    assert "12A" in second_page
    assert "INT. CAFÉ-TABAC DU PORT - JOUR" in second_page
    assert "Aucun élément dépouillé" in second_page
    assert "Page 2 / 2" in second_page


def test_english_labels() -> None:
    (text,) = _pages_text(render_breakdown_sheets([dataclasses.replace(SHEET, language="en")]))
    assert "BREAKDOWN SHEET" in text
    assert "Generated on 1 March 2026" in text
    assert "Page 1 of 1" in text


def test_a_long_category_continues_in_the_next_column_and_page() -> None:
    crowd = SheetElement("Figurants", "#43A047", tuple(f"Passager {n}" for n in range(1, 301)))
    sheet = dataclasses.replace(SHEET, elements=(ELEMENTS[0], crowd, *ELEMENTS[2:]))
    pages = _layout_sheet(sheet)
    assert len(pages) == 3
    titles = [box.title for page in pages for box in page.boxes]
    assert titles.count("Figurants") == 1
    # Two columns on the first page, three on the second, one on the third.
    assert titles.count("Figurants (suite)") == 5
    # Every name printed once, in order.
    printed = [
        line.text for page in pages for box in page.boxes if "Figurants" in box.title for line in box.lines
    ]
    assert printed == list(crowd.names)
    texts = _pages_text(render_breakdown_sheets([sheet]))
    assert len(texts) == 3
    assert "1 (suite)" in texts[1]
    assert "Page 3 / 3" in texts[2]
    assert "Passager 300" in texts[2]


def test_output_is_deterministic() -> None:
    assert render_breakdown_sheets([SHEET]) == render_breakdown_sheets([SHEET])


def test_characters_outside_the_base_fonts_fall_back() -> None:
    assert _printable("Łódź Ŵ ž") == "Lódz W ž"
    assert _printable("« Trévénec »") == "«\u00a0Trévénec\u00a0»"
    assert _printable("中") == "?"
    assert _printable("a\u200bb\tc\x07d") == "ab c d"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"language": "de"}, "language 'de'"),
        ({"eighths": -1}, "cannot be negative"),
        ({"elements": (SheetElement("Rôles", "red", ("A",)),)}, "is not #RRGGBB"),
    ],
)
def test_bad_sheets_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        render_breakdown_sheets([dataclasses.replace(SHEET, **change)])  # type: ignore[arg-type]


def test_no_sheet_is_refused() -> None:
    with pytest.raises(ValueError, match="no breakdown sheet"):
        render_breakdown_sheets([])


def _sheet_for(scene: Scene, index: int) -> BreakdownSheet:
    characters = SheetElement("Rôles", "#E53935", scene.characters)
    return dataclasses.replace(
        SHEET,
        scene_number=scene.number,
        scene_index=index,
        heading=scene.heading,
        int_ext=scene.int_ext,
        location=scene.location,
        time_of_day=scene.time_of_day,
        page_start=scene.page_start,
        eighths=scene.eighths,
        synopsis=scene.text.split("\n\n")[0],
        elements=(characters, *ELEMENTS[1:]),
    )


def test_demo_screenplay_sheets() -> None:
    name = "le-dernier-bac.fountain"
    screenplay = parse_screenplay(
        files("clapboard.productions").joinpath("data", name).read_bytes(), source_name=name
    )
    sheets = [_sheet_for(scene, scene.index) for scene in screenplay.scenes]
    texts = _pages_text(render_breakdown_sheets(sheets))
    assert len(texts) == len(screenplay.scenes) == 35
    for text, scene in zip(texts, screenplay.scenes, strict=True):
        assert " ".join(scene.heading.split()) in text
        for character in scene.characters:
            assert character in text


def test_a_250_scene_document() -> None:
    name = "le-dernier-bac.fountain"
    scenes = parse_screenplay(
        files("clapboard.productions").joinpath("data", name).read_bytes(), source_name=name
    ).scenes
    sheets = [_sheet_for(scenes[n % len(scenes)], n + 1) for n in range(250)]
    pdf = render_breakdown_sheets(sheets)
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 250
    document.close()
