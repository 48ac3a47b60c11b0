"""The call sheet PDF: every section when the data is there, none of the empty ones."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from clapboard.engines.documents.call_sheet import render_call_sheet_pdf
from clapboard.engines.documents.schedule_model import (
    CallSheet,
    CastCall,
    CrewCall,
    ScheduleDocumentError,
)
from clapboard.engines.documents.schedule_samples import sample_call_sheet
from clapboard.engines.documents.tests.test_schedule_pdfs import page_sizes, pages_text
from clapboard.engines.screenplay.pagination import PageSize

SHEET = sample_call_sheet()
CORE = CallSheet(
    production_title="Le Dernier Bac",
    day_number=3,
    total_days=40,
    date=dt.date(2027, 5, 5),
    general_call=dt.time(7, 0),
)


def test_a_full_call_sheet() -> None:
    pdf = render_call_sheet_pdf(SHEET)
    texts = pages_text(pdf)
    assert len(texts) == 2
    assert page_sizes(pdf)[0][0] < page_sizes(pdf)[0][1]
    text = " ".join(texts)
    for expected in (
        "CALL SHEET",
        "Day 2 of 6",
        "Tuesday 4 May 2027",
        "GENERAL CALL 07:30",
        "Sunrise 06:12",
        "Sunset 21:48",
        "Éclaircies, 14 °C",
        "Petit-déjeuner 06:45",
        "Contacts",
        "Bureau de production",
        "Scenes",
        "Total — 10 scenes — 9 3/8 pages",
        "Cast calls",
        "1 MARYVONNE KERHERVÉ Anne Le Gall 06:05 Hôtel de l'Écrin, Trévénec 06:33 08:05",
        "5 LE PASSEUR Hervé Thépaut 06:25 Hôtel de l'Écrin, Trévénec 06:45 O/C",
        "Crew calls",
        "Mise en scène Réalisatrice Maëlle Guéguen 07:30",
        "1er assistant Corentin Le Bihan 06:30 06 00 00 00 01",
        "Locations",
        "Parking du port",
        "Salle des fêtes, rue de l'Église",
        "Nearest hospital",
        "Centre hospitalier de Landerneau 2 route de Pencran, 29800 Landerneau 15",
        "Advance schedule — Day 3 — Wednesday 5 May 2027",
        "Notes",
        "Marée haute à 11 h 42",
    ):
        assert expected in text, expected
    # The day's scenes, then the next day's in the advance schedule.
    assert text.index("17A INT CAFÉ-TABAC DU PORT") < text.index("Advance schedule")
    assert text.index("Advance schedule") < text.index("21 INT ÉCOLE — SALLE DE CLASSE")
    assert "Crew calls (cont'd)" in texts[1]


def test_only_the_core_prints_no_empty_section() -> None:
    (text,) = pages_text(render_call_sheet_pdf(CORE))
    assert "Day 3 of 40" in text
    assert "Wednesday 5 May 2027" in text
    assert "07:00" in text
    for absent in (
        "Sunrise",
        "Weather",
        "Contacts",
        "Scenes",
        "Cast calls",
        "Crew calls",
        "Locations",
        "Nearest hospital",
        "Advance schedule",
        "Notes",
        "Generated",
    ):
        assert absent not in text


def test_columns_nobody_may_see_are_left_out() -> None:
    sheet = dataclasses.replace(
        CORE,
        cast_calls=(CastCall(1, "MARYVONNE", "Anne Le Gall", on_set=dt.time(8, 0)),),
        crew_calls=(CrewCall("Image", "Chef opérateur", "François Kervella", dt.time(7, 0)),),
    )
    (text,) = pages_text(render_call_sheet_pdf(sheet))
    assert "NO. CHARACTER ACTOR ON SET 1 MARYVONNE Anne Le Gall 08:00" in text
    assert "PICK-UP" not in text
    assert "PHONE" not in text
    assert "REMARKS" not in text
    assert "ROLE NAME CALL Image Chef opérateur François Kervella 07:00" in text


def test_with_the_readers_phone_numbers() -> None:
    sheet = dataclasses.replace(
        CORE,
        crew_calls=(CrewCall("Son", "Perchman", "Gaël Ollivier", dt.time(7, 0), phone="06 12 34 56 78"),),
    )
    (text,) = pages_text(render_call_sheet_pdf(sheet))
    assert "ROLE NAME CALL PHONE" in text
    assert "06 12 34 56 78" in text


def test_french_letter() -> None:
    pdf = render_call_sheet_pdf(SHEET, paper=PageSize.LETTER, language="fr")
    assert tuple(round(side) for side in page_sizes(pdf)[0]) == (612, 792)
    text = " ".join(pages_text(pdf))
    assert "FEUILLE DE SERVICE" in text
    assert "Jour 2 sur 6" in text
    assert "mardi 4 mai 2027" in text
    assert "CONVOCATION GÉNÉRALE" in text
    assert "Hôpital le plus proche" in text
    assert "Prévisions du lendemain — Jour 3 — mercredi 5 mai 2027" in text


def test_a_long_crew_list_repeats_its_headings() -> None:
    crew = tuple(
        CrewCall(f"Département {n // 10}", f"Poste {n}", f"Personne {n}", dt.time(7, 0)) for n in range(120)
    )
    texts = pages_text(render_call_sheet_pdf(dataclasses.replace(CORE, crew_calls=crew)))
    assert len(texts) >= 3
    for text in texts[1:]:
        assert "Crew calls (cont'd) ROLE NAME CALL" in text
    assert "Personne 119" in texts[-1]


@pytest.mark.parametrize(
    ("change", "message"),
    [({"day_number": 0}, "day 0 of 40"), ({"day_number": 41}, "day 41 of 40")],
)
def test_a_day_outside_the_schedule_is_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ScheduleDocumentError, match=message):
        render_call_sheet_pdf(dataclasses.replace(CORE, **change))  # type: ignore[arg-type]
