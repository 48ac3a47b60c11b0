"""One-line, shooting schedule and stripboard PDFs: read back with PDFium, check pages and text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from clapboard.engines.documents.one_line import render_one_line_pdf
from clapboard.engines.documents.schedule_labels import SCHEDULE_LABELS, colour_class, resolve_labels
from clapboard.engines.documents.schedule_model import (
    Banner,
    DayKind,
    Daylight,
    SceneStrip,
    ScheduleDay,
    ScheduleDocument,
    ScheduleDocumentError,
)
from clapboard.engines.documents.schedule_samples import sample_schedule
from clapboard.engines.documents.shooting_schedule import render_shooting_schedule_pdf, scene_heading
from clapboard.engines.documents.stripboard_print import render_stripboard_pdf
from clapboard.engines.screenplay.pagination import PageSize

RENDERERS = [render_one_line_pdf, render_shooting_schedule_pdf, render_stripboard_pdf]

LONG_SYNOPSIS = (
    "Soazig traverse le port à l'aube, croise Pierrig qui répare ses casiers, lui parle de la vente "
    "du bac, de l'œuvre de Guénolé et de ce que Maryvonne n'a jamais dit à personne ; il l'écoute "
    "sans répondre, puis lui tend une tasse de café, et ils regardent ensemble la marée monter "
    "jusqu'à la dernière marche de la cale, là où l'eau ne monte qu'aux grandes marées d'équinoxe."
)


def _scene(number: str, eighths: int, **changes: object) -> SceneStrip:
    scene = SceneStrip(
        number=number,
        int_ext="INT",
        set_name="L'ÉCRIN — SALLE",
        time_of_day="JOUR",
        daylight=Daylight.DAY,
        eighths=eighths,
        synopsis="Il est à ç point-là, é à ç.",
        cast=(1, 2),
        location_name="Café L'Écrin",
        location_address="2 quai des Îles",
    )
    return dataclasses.replace(scene, **changes)  # type: ignore[arg-type]


SMALL = ScheduleDocument(
    production_title="Le Dernier Bac",
    schedule_name="Plan de travail",
    version_label="V2",
    generated_on=dt.date(2027, 4, 1),
    unit="Équipe principale",
    cast=sample_schedule(0, 0).cast,
    days=(
        ScheduleDay(
            1,
            DayKind.SHOOT,
            dt.date(2027, 5, 7),
            (
                _scene("1", 11),
                Banner("Déplacement vers l'Œuvre-Sainte"),
                _scene("2A", 5, int_ext="EXT", daylight=Daylight.NIGHT, synopsis=LONG_SYNOPSIS),
            ),
            minutes=400,
        ),
        ScheduleDay(None, DayKind.DAY_OFF, dt.date(2027, 5, 8), note="Repos"),
        ScheduleDay(2, DayKind.SHOOT, dt.date(2027, 5, 10), (_scene("3", 8, cast=(4,)),), minutes=300),
    ),
)


def pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            " ".join(str(document[i].get_textpage().get_text_range()).split()) for i in range(len(document))
        ]
    finally:
        document.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [tuple(document[i].get_size()) for i in range(len(document))]
    finally:
        document.close()


def test_one_line_groups_scenes_under_day_headers() -> None:
    pdf = render_one_line_pdf(SMALL)
    (text,) = pages_text(pdf)
    assert "ONE-LINE SCHEDULE" in text
    assert "Day 1 — Friday 7 May 2027" in text
    assert "2 pages — about 6 h 40" in text  # 11 + 5 eighths
    assert "Day off — Saturday 8 May 2027" in text
    assert "Repos" in text
    assert "Day 2 — Monday 10 May 2027 1 page — about 5 h 00" in text
    assert "Déplacement vers l'Œuvre-Sainte" in text
    assert "L'ÉCRIN — SALLE" in text
    assert "é à ç" in text
    assert "Unit: Équipe principale" in text
    assert "2 shooting days — 3 scenes" in text
    assert "3 pages — about 11 h 40" in text
    # Scene numbers in order, each with its length.
    assert re.search(r"1 INT L'ÉCRIN.*1 3/8.*2A EXT .*5/8.*3 INT .* 1\b", text)
    assert "Page 1 of 1" in text
    # One line per scene: the long synopsis is cut.
    assert "équinoxe" not in text
    assert "…" in text


def test_one_line_is_landscape_a4_or_letter() -> None:
    width, height = page_sizes(render_one_line_pdf(SMALL))[0]
    assert (round(width), round(height)) == (842, 595)
    width, height = page_sizes(render_one_line_pdf(SMALL, paper=PageSize.LETTER))[0]
    assert (round(width), round(height)) == (792, 612)


def test_shooting_schedule_prints_scenes_in_full() -> None:
    pdf = render_shooting_schedule_pdf(SMALL)
    assert page_sizes(pdf)[0][0] < page_sizes(pdf)[0][1]  # portrait
    text = " ".join(pages_text(pdf))
    assert "SHOOTING SCHEDULE" in text
    assert "INT. L'ÉCRIN — SALLE — JOUR" in text
    assert "EXT. L'ÉCRIN — SALLE — JOUR" in text
    # The long synopsis wraps over several lines and is printed whole.
    assert (
        "jusqu'à la dernière marche de la cale, là où l'eau ne monte qu'aux grandes marées d'équinoxe."
        in text
    )
    assert "1. MARYVONNE KERHERVÉ (Anne Le Gall)" in text
    assert "4. SOAZIG (Françoise Cœur)" in text
    assert "Location: Café L'Écrin — 2 quai des Îles" in text
    assert "End of day 1 — 2 pages about 6 h 40" in text
    assert "End of day 2 — 1 page" in text
    assert "Day off — Saturday 8 May 2027" in text
    assert "Déplacement vers l'Œuvre-Sainte" in text


def test_shooting_schedule_synopsis_wraps_over_lines() -> None:
    document = pdfium.PdfDocument(render_shooting_schedule_pdf(SMALL))
    raw = str(document[0].get_textpage().get_text_range())
    document.close()
    lines = raw.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("Soazig traverse"))
    last = next(n for n, line in enumerate(lines) if line.endswith("d'équinoxe."))
    assert last - first >= 3  # five lines in the set / synopsis column


def test_a_day_that_runs_onto_the_next_page_repeats_its_title() -> None:
    scenes = tuple(_scene(str(n), 3, synopsis=LONG_SYNOPSIS) for n in range(1, 41))
    schedule = dataclasses.replace(SMALL, days=(ScheduleDay(1, DayKind.SHOOT, dt.date(2027, 5, 7), scenes),))
    texts = pages_text(render_shooting_schedule_pdf(schedule))
    assert len(texts) > 2
    for text in texts[1:]:
        assert "Day 1 — Friday 7 May 2027 — 15 pages (cont'd)" in text
        assert "SET / SYNOPSIS" in text


def test_stripboard_of_400_strips() -> None:
    schedule = sample_schedule(400, 40)
    texts = pages_text(render_stripboard_pdf(schedule))
    # 400 strips, 40 day breaks, 14 weekend days and 10 banners at about 34 strips a page.
    assert 14 <= len(texts) <= 18
    for number, text in enumerate(texts, start=1):
        assert text.count("SCENE I/E SET D/N PAGES CAST") == 1
        assert f"Page {number} of {len(texts)}" in text
    joined = " ".join(texts)
    bodies = " ".join(text.split("SCENE I/E SET D/N PAGES CAST", 1)[1] for text in texts)
    numbers = re.findall(r"(?:^|\s)(\d+A?) (?:INT/EXT|INT|EXT) ", bodies)
    assert [n.rstrip("A") for n in numbers] == [str(n) for n in range(1, 401)]
    for day in range(1, 41):
        assert f"End of day {day} — " in joined
    assert joined.count("Day off — ") == 14  # seven weekends
    assert "40 shooting days — 400 scenes" in texts[-1]
    # The legend is on the first page only.
    assert "INT day EXT day INT night EXT night Dawn / dusk Light unknown End of day Note" in texts[0]
    assert "INT night" not in texts[1]


def test_stripboard_colours_follow_the_board() -> None:
    assert colour_class("INT", Daylight.DAY) == "int_day"
    assert colour_class("EXT", Daylight.DAY) == "ext_day"
    assert colour_class("INT", Daylight.NIGHT) == "int_night"
    assert colour_class("EXT", Daylight.NIGHT) == "ext_night"
    assert colour_class("INT/EXT", Daylight.NIGHT) == "ext_night"
    assert colour_class("", Daylight.DAY) == "int_day"
    assert colour_class("EXT", Daylight.DAWN_DUSK) == "dawn_dusk"
    assert colour_class("EXT", Daylight.UNKNOWN) == "unknown"


def test_stripboard_paints_each_strip_in_its_colour() -> None:
    pdf = render_stripboard_pdf(SMALL)
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=1).to_pil().convert("RGB")
    document.close()
    # Scene 2A is EXT night (green, #C9EBCB); scene 1 INT day (white). Sample the cast column
    # (right half) along the page and look for the green and the black day break.
    colours = {image.getpixel((image.width - 60, y)) for y in range(image.height)}
    assert (0xC9, 0xEB, 0xCB) in colours
    assert (0x1B, 0x1F, 0x27) in colours
    assert (0xDF, 0xE3, 0xEA) in colours  # the day off


@pytest.mark.parametrize("render", RENDERERS)
def test_an_empty_schedule_prints_one_page(render: object) -> None:
    empty = dataclasses.replace(SMALL, days=())
    texts = pages_text(render(empty))  # type: ignore[operator]
    assert len(texts) == 1
    assert "Nothing is scheduled yet." in texts[0]


@pytest.mark.parametrize("render", RENDERERS)
def test_french_labels_and_overrides(render: object) -> None:
    (text, *_) = pages_text(render(SMALL, language="fr", labels={"day_off": "Relâche"}))  # type: ignore[operator]
    assert "Jour 1 — vendredi 7 mai 2027" in text or "Fin du jour 1 — vendredi 7 mai 2027" in text
    assert "Relâche — samedi 8 mai 2027" in text
    assert "Page 1 / " in text
    assert "Édité le 1er avril 2027" in text


@pytest.mark.parametrize("render", RENDERERS)
def test_output_is_deterministic(render: object) -> None:
    assert render(SMALL) == render(SMALL)  # type: ignore[operator]


def test_every_language_has_every_label() -> None:
    assert set(SCHEDULE_LABELS["fr"]) == set(SCHEDULE_LABELS["en"])
    with pytest.raises(ValueError, match="unknown label keys: dya_off"):
        resolve_labels("en", {"dya_off": "Day off"})
    with pytest.raises(ValueError, match="language 'de'"):
        resolve_labels("de")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (ScheduleDay(None, DayKind.SHOOT), "needs a number"),
        (ScheduleDay(3, DayKind.DAY_OFF), "has no shooting day number"),
        (ScheduleDay(None, DayKind.TRAVEL, strips=(_scene("1", 1),)), "nothing is shot"),
        (ScheduleDay(1, strips=(_scene("1", -1),)), "negative length"),
        (ScheduleDay(1, minutes=-5), "cannot last"),
    ],
)
def test_bad_days_are_refused(day: ScheduleDay, message: str) -> None:
    with pytest.raises(ScheduleDocumentError, match=message):
        render_one_line_pdf(dataclasses.replace(SMALL, days=(day,)))


def test_scene_heading() -> None:
    assert scene_heading(_scene("1", 1)) == "INT. L'ÉCRIN — SALLE — JOUR"
    assert scene_heading(_scene("1", 1, int_ext="", time_of_day="")) == "L'ÉCRIN — SALLE"


def test_episodes_get_a_column_when_the_schedule_has_them() -> None:
    schedule = sample_schedule(20, 2, episodes=True)
    (text,) = pages_text(render_one_line_pdf(schedule))
    assert "SCENE EP. I/E SET" in text
    (text,) = pages_text(render_one_line_pdf(sample_schedule(20, 2)))
    assert "EP." not in text
