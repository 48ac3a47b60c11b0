"""Script revisions: scene matching, locked numbering, tag carry-over and department impact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import parse_screenplay
from clapboard.engines.screenplay.revisions import (
    Impact,
    NumberedScene,
    RevisionDiff,
    SceneRecord,
    assign_locked_numbers,
    carry_span,
    carry_spans,
    department_impact,
    department_impact_counts,
    match_scenes,
    records_from_screenplay,
)

DEMO_SCRIPT = Path(__file__).resolve().parents[3] / "productions" / "data" / "le-dernier-bac.fountain"

# --- drafts ---------------------------------------------------------------------------

FRENCH_TITLE = "Title: La Maison du Port\nAuthor: Nolwenn Le Bihan\n\n"

CUISINE_MATIN = """INT. CUISINE - JOUR

Marie épluche des pommes de terre près de la fenêtre. La radio grésille.

MARIE
Tu rentres à quelle heure, ce soir ?
"""

PORT = """EXT. PORT - JOUR

Paul amarre la barque. Les mouettes tournent au-dessus des casiers vides.

PAUL
(à lui-même)
Encore une marée pour rien.
"""

CUISINE_RETOUR = """INT. CUISINE - JOUR

Paul entre, trempé jusqu'aux os. Marie lui tend une serviette sans un mot.

PAUL
Rien. Pas un crabe, pas une araignée.
"""

PHARE = """EXT. PHARE - NUIT

Le faisceau balaie la mer. Une silhouette au sommet du phare agite une lampe tempête.
"""

CUISINE_NUIT = """INT. CUISINE - NUIT

Marie attend, assise devant deux assiettes froides. L'horloge sonne onze coups.
"""

CHAMBRE = """INT. CHAMBRE - NUIT

Paul dort tout habillé sur le lit. Marie le regarde depuis la porte, puis éteint la lumière.
"""

GARAGE = """INT. GARAGE DE YANNICK - JOUR

Yannick soude une pièce de moteur. Des étincelles jaillissent sur le béton taché d'huile.

YANNICK
Elle tiendra encore un hiver, ta barque. Pas deux.
"""

DRAFT = [CUISINE_MATIN, PORT, CUISINE_RETOUR, PHARE, CUISINE_NUIT, CHAMBRE]

ENGLISH_TITLE = "Title: The Night Shift\nAuthor: Dana Whitfield\n\n"

KITCHEN = """INT. DINER KITCHEN - NIGHT

Rosa scrapes the grill. Steam rises from the dish pit where TOMMY (19) stacks plates.

ROSA
You're on the register tomorrow.

TOMMY
I'm always on the register.
"""

PARKING_LOT = """EXT. PARKING LOT - NIGHT

A pickup idles under the single working lamp. Rain starts, light at first.
"""

COUNTER = """INT. DINER - COUNTER - NIGHT

The last customer, an old trucker, counts out coins for his coffee one by one.

TRUCKER
Keep the change.
"""

ENGLISH = [KITCHEN, PARKING_LOT, COUNTER]


def _draft(*scenes: str, title: str = FRENCH_TITLE) -> list[SceneRecord]:
    """The records of a Fountain draft made of the given scenes."""
    return list(records_from_screenplay(parse_screenplay(title + "\n".join(scenes))))


def _rows(diff: RevisionDiff) -> list[tuple[str, str | None, str | None]]:
    return [(change.status, change.old_key, change.new_key) for change in diff.changes]


def _moved(diff: RevisionDiff) -> list[str | None]:
    return [change.new_key for change in diff.changes if change.moved]


def _unchanged(*pairs: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [("unchanged", old, new) for old, new in pairs]


# --- records --------------------------------------------------------------------------


def test_records_from_screenplay_are_keyed_by_index() -> None:
    records = _draft("INT. CUISINE - JOUR #12A#\n\nMarie entre.\n", PHARE)
    assert records[0] == SceneRecord(
        key="1", number="12A", heading="INT. CUISINE - JOUR", text="Marie entre.", eighths=records[0].eighths
    )
    assert [(r.key, r.number, r.heading) for r in records] == [
        ("1", "12A", "INT. CUISINE - JOUR"),
        ("2", None, "EXT. PHARE - NUIT"),
    ]
    assert all(r.eighths >= 1 for r in records)


# --- matching -------------------------------------------------------------------------


def test_same_draft_is_all_unchanged() -> None:
    diff = match_scenes(_draft(*DRAFT), _draft(*DRAFT), numbers_locked=False)
    assert _rows(diff) == _unchanged(*[(str(k), str(k)) for k in range(1, 7)])
    assert all(change.similarity == 1.0 and change.eighths_delta == 0 for change in diff.changes)
    assert diff.counts == {"unchanged": 6, "changed": 0, "added": 0, "omitted": 0}
    assert _moved(diff) == []


def test_inserted_scene_is_added_in_place() -> None:
    new = _draft(CUISINE_MATIN, PORT, GARAGE, CUISINE_RETOUR, PHARE, CUISINE_NUIT, CHAMBRE)
    diff = match_scenes(_draft(*DRAFT), new, numbers_locked=False)
    assert _rows(diff) == [
        *_unchanged(("1", "1"), ("2", "2")),
        ("added", None, "3"),
        *_unchanged(("3", "4"), ("4", "5"), ("5", "6"), ("6", "7")),
    ]
    added = diff.changes[2]
    assert added.heading == "INT. GARAGE DE YANNICK - JOUR"
    assert added.similarity == 0.0
    assert added.eighths_delta == new[2].eighths > 0
    assert diff.eighths_delta == new[2].eighths
    assert _moved(diff) == []


def test_deleted_scene_is_omitted_where_it_was() -> None:
    old = _draft(*DRAFT)
    diff = match_scenes(
        old, _draft(CUISINE_MATIN, PORT, CUISINE_RETOUR, CUISINE_NUIT, CHAMBRE), numbers_locked=False
    )
    assert _rows(diff) == [
        *_unchanged(("1", "1"), ("2", "2"), ("3", "3")),
        ("omitted", "4", None),
        *_unchanged(("5", "4"), ("6", "5")),
    ]
    omitted = diff.changes[3]
    assert (omitted.heading, omitted.new_number, omitted.eighths_delta) == (
        "EXT. PHARE - NUIT",
        None,
        -old[3].eighths,
    )
    assert diff.counts == {"unchanged": 5, "changed": 0, "added": 0, "omitted": 1}


def test_deleted_first_scene_is_omitted_at_the_top() -> None:
    diff = match_scenes(_draft(*DRAFT), _draft(*DRAFT[1:]), numbers_locked=False)
    assert _rows(diff)[:2] == [("omitted", "1", None), ("unchanged", "2", "1")]


def test_one_moved_scene_is_the_only_one_marked_moved() -> None:
    new = _draft(CUISINE_MATIN, PHARE, PORT, CUISINE_RETOUR, CUISINE_NUIT, CHAMBRE)
    diff = match_scenes(_draft(*DRAFT), new, numbers_locked=False)
    assert _rows(diff) == _unchanged(("1", "1"), ("4", "2"), ("2", "3"), ("3", "4"), ("5", "5"), ("6", "6"))
    assert _moved(diff) == ["2"]
    assert diff.moved_count == 1


def test_scene_moved_to_the_end_and_an_omission_keep_their_places() -> None:
    # The first scene goes to the end and the lighthouse scene is cut.
    new = _draft(PORT, CUISINE_RETOUR, CUISINE_NUIT, CHAMBRE, CUISINE_MATIN)
    diff = match_scenes(_draft(*DRAFT), new, numbers_locked=False)
    assert _rows(diff) == [
        *_unchanged(("2", "1"), ("3", "2")),
        ("omitted", "4", None),
        *_unchanged(("5", "3"), ("6", "4"), ("1", "5")),
    ]
    assert _moved(diff) == ["5"]


def test_edited_line_makes_the_scene_changed() -> None:
    edited = PORT.replace("Encore une marée pour rien.", "Encore une marée pour rien, comme hier.")
    diff = match_scenes(_draft(*DRAFT), _draft(CUISINE_MATIN, edited, *DRAFT[2:]), numbers_locked=False)
    assert _rows(diff) == [
        ("unchanged", "1", "1"),
        ("changed", "2", "2"),
        *_unchanged(("3", "3"), ("4", "4"), ("5", "5"), ("6", "6")),
    ]
    change = diff.changes[1]
    assert (change.text_changed, change.heading_changed, change.moved) == (True, False, False)
    assert 0.8 < change.similarity < 1.0


def test_renamed_heading_makes_the_scene_changed() -> None:
    renamed = PHARE.replace("EXT. PHARE - NUIT", "EXT. PHARE DE PENN AR VEIL - NUIT")
    diff = match_scenes(_draft(*DRAFT), _draft(*DRAFT[:3], renamed, *DRAFT[4:]), numbers_locked=False)
    change = diff.changes[3]
    assert (change.status, change.old_key, change.new_key) == ("changed", "4", "4")
    assert (change.heading_changed, change.text_changed) == (True, False)
    assert change.heading == "EXT. PHARE DE PENN AR VEIL - NUIT"
    assert diff.counts == {"unchanged": 5, "changed": 1, "added": 0, "omitted": 0}


def test_heading_case_spacing_and_dashes_are_not_a_change() -> None:
    retyped = KITCHEN.replace("INT. DINER KITCHEN - NIGHT", "int.  diner kitchen \u2013 night")
    diff = match_scenes(
        _draft(*ENGLISH, title=ENGLISH_TITLE), _draft(retyped, PARKING_LOT, COUNTER), numbers_locked=False
    )
    assert _rows(diff) == _unchanged(("1", "1"), ("2", "2"), ("3", "3"))


def test_duplicate_headings_pair_by_their_text() -> None:
    # The first kitchen scene is cut and the second one edited: the edited one must be
    # paired with its own earlier version, not with the other scene of the same heading.
    edited = CUISINE_RETOUR.replace("pas une araignée", "pas même une étrille")
    new = _draft(PORT, edited, PHARE, CUISINE_NUIT, CHAMBRE)
    diff = match_scenes(_draft(*DRAFT), new, numbers_locked=False)
    assert _rows(diff) == [
        ("omitted", "1", None),
        ("unchanged", "2", "1"),
        ("changed", "3", "2"),
        *_unchanged(("4", "3"), ("5", "4"), ("6", "5")),
    ]
    assert _moved(diff) == []


def test_swapped_scenes_with_the_same_heading_follow_their_text() -> None:
    new = _draft(CUISINE_RETOUR, PORT, CUISINE_MATIN, PHARE, CUISINE_NUIT, CHAMBRE)
    diff = match_scenes(_draft(*DRAFT), new, numbers_locked=False)
    assert _rows(diff) == _unchanged(("3", "1"), ("2", "2"), ("1", "3"), ("4", "4"), ("5", "5"), ("6", "6"))
    # The first old scene keeps its place with 4, 5 and 6; the two now before it moved.
    assert _moved(diff) == ["1", "2"]


def test_identical_duplicate_scenes_pair_in_order() -> None:
    couloir = "INT. COULOIR - NUIT\n\nMarie passe sans bruit.\n"
    old = _draft(couloir, PORT, couloir, PHARE)
    new = _draft(couloir, PORT, couloir, PHARE, couloir)
    diff = match_scenes(old, new, numbers_locked=False)
    assert _rows(diff) == [*_unchanged(("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")), ("added", None, "5")]


def test_scene_rewritten_in_place_under_the_same_heading_is_changed() -> None:
    rewritten = """EXT. PARKING LOT - NIGHT

Headlights sweep the wet asphalt. Somebody slams a car door twice, swearing.
"""
    old = _draft(*ENGLISH, title=ENGLISH_TITLE)
    diff = match_scenes(old, _draft(KITCHEN, rewritten, COUNTER, title=ENGLISH_TITLE), numbers_locked=False)
    assert _rows(diff) == [("unchanged", "1", "1"), ("changed", "2", "2"), ("unchanged", "3", "3")]
    assert diff.changes[1].similarity < 0.5


def test_scene_rewritten_under_another_heading_is_omitted_and_added() -> None:
    replaced = """EXT. ROOFTOP - NIGHT

Tommy smokes alone, looking at the neon sign that has lost its last two letters.
"""
    old = _draft(*ENGLISH, title=ENGLISH_TITLE)
    diff = match_scenes(old, _draft(KITCHEN, replaced, COUNTER, title=ENGLISH_TITLE), numbers_locked=False)
    assert _rows(diff) == [
        ("unchanged", "1", "1"),
        ("omitted", "2", None),
        ("added", None, "2"),
        ("unchanged", "3", "3"),
    ]


def test_locked_numbers_pair_scenes_whatever_their_content() -> None:
    old = _draft(
        "EXT. PORT - JOUR #1#\n\nPaul amarre la barque.\n", "INT. CUISINE - JOUR #2#\n\nMarie attend.\n"
    )
    new = _draft(
        "EXT. PORT - JOUR #1#\n\nPaul amarre la barque.\n",
        "INT. GRENIER - NUIT #2#\n\nUn rat traverse la poutre, suivi d'un autre, puis d'un troisième.\n",
    )
    locked = match_scenes(old, new, numbers_locked=True)
    assert _rows(locked) == [("unchanged", "1", "1"), ("changed", "2", "2")]
    assert (locked.changes[1].old_number, locked.changes[1].new_number) == ("2", "2")
    assert locked.changes[1].heading_changed
    assert locked.numbers_locked
    free = match_scenes(old, new, numbers_locked=False)
    assert _rows(free) == [("unchanged", "1", "1"), ("omitted", "2", None), ("added", None, "2")]


def test_locked_numbers_travel_with_moved_scenes() -> None:
    old = _draft(
        "INT. A - JOUR #1#\n\nUn.\n", "INT. B - JOUR #2#\n\nDeux.\n", "INT. C - JOUR #3#\n\nTrois.\n"
    )
    new = _draft(
        "INT. C - JOUR #3#\n\nTrois !\n", "INT. A - JOUR #1#\n\nUn.\n", "INT. B - JOUR #2#\n\nDeux.\n"
    )
    diff = match_scenes(old, new, numbers_locked=True)
    assert _rows(diff) == [("changed", "3", "1"), ("unchanged", "1", "2"), ("unchanged", "2", "3")]
    assert _moved(diff) == ["1"]


def test_locked_numbers_fall_back_to_similarity_for_unnumbered_scenes() -> None:
    old = _draft("INT. A - JOUR #1#\n\nUn.\n", PHARE.replace("NUIT", "NUIT #2#"))
    new = _draft("INT. A - JOUR #1#\n\nUn.\n", PHARE)
    diff = match_scenes(old, new, numbers_locked=True)
    assert _rows(diff) == [("unchanged", "1", "1"), ("unchanged", "2", "2")]


def test_empty_drafts() -> None:
    records = _draft(*ENGLISH, title=ENGLISH_TITLE)
    assert match_scenes([], [], numbers_locked=False).changes == ()
    assert [c.status for c in match_scenes(records, [], numbers_locked=False).changes] == ["omitted"] * 3
    assert [c.status for c in match_scenes([], records, numbers_locked=True).changes] == ["added"] * 3


def _split_scenes(fountain: str) -> tuple[str, list[str]]:
    """The text before the first heading, and one block per scene (heading included)."""
    parts = re.split(r"(?m)^(?=(?:INT\./EXT|INT|EXT)\. )", fountain)
    return parts[0], parts[1:]


def test_demo_screenplay_rewrite() -> None:
    source = DEMO_SCRIPT.read_text(encoding="utf-8")
    old = records_from_screenplay(parse_screenplay(source))
    prelude, blocks = _split_scenes(source)
    assert len(blocks) == len(old) == 35
    assert blocks[21].startswith("INT. LE BAC - TIMONERIE - NUIT")  # scene 22, as are 25 and 33
    line = "Maryvonne tourne la clé. Le moteur tousse, puis prend."
    assert line in blocks[1]
    radio = (
        "INT. LE BAC - TIMONERIE - JOUR\n\nLa VHF crachote un avis de coup de vent pour la nuit. "
        "Maryvonne note l'heure sur le livre de bord, sans un mot.\n\n"
    )
    quai = (
        "INT. LE BAC - TIMONERIE - NUIT\n\nPierrig essuie la buée de la vitre avec sa manche. "
        "Dehors, les feux du continent clignotent, tout proches.\n\nPIERRIG\nOn y est presque.\n\n"
    )
    rewritten = list(blocks)
    rewritten[1] = rewritten[1].replace(
        line, "Maryvonne tourne la clé. Le moteur tousse longtemps, puis prend."
    )
    rewritten.insert(30, quai)  # after scene 30
    del rewritten[21]  # scene 22
    rewritten.insert(5, radio)  # after scene 5
    new = records_from_screenplay(parse_screenplay(prelude + "".join(rewritten)))
    assert len(new) == 36

    diff = match_scenes(old, new, numbers_locked=False)
    assert diff.counts == {"unchanged": 33, "changed": 1, "added": 2, "omitted": 1}
    assert _moved(diff) == []
    expected: list[tuple[str, str | None, str | None]] = []
    for old_index in range(1, 36):
        if old_index == 22:
            expected.append(("omitted", "22", None))
            continue
        new_index = old_index + (old_index > 5) - (old_index > 22) + (old_index > 30)
        expected.append(("changed" if old_index == 2 else "unchanged", str(old_index), str(new_index)))
        if old_index == 5:
            expected.append(("added", None, "6"))
        if old_index == 30:
            expected.append(("added", None, "31"))
    assert _rows(diff) == expected
    assert diff.changes[1].text_changed
    assert not diff.changes[1].heading_changed


# --- locked numbering -----------------------------------------------------------------


def _scene(key: str, number: str | None = None, heading: str | None = None) -> SceneRecord:
    """A scene whose text is its own (so that similarity never confuses two of them)."""
    return SceneRecord(
        key=key,
        number=number,
        heading=heading or f"INT. DÉCOR {key.upper()} - JOUR",
        text=" ".join(f"{key}{word}" for word in ("entre", "regarde", "sort", "revient", "attend")),
        eighths=4,
    )


def _old(*numbers: str) -> list[SceneRecord]:
    return [_scene(f"s{number}", number) for number in numbers]


def _renumber(old: list[SceneRecord], new: list[SceneRecord]) -> list[tuple[str, str | None, bool]]:
    diff = match_scenes(old, new, numbers_locked=True)
    return [(scene.number, scene.key, scene.omitted) for scene in assign_locked_numbers(diff)]


def _kept(old: list[SceneRecord], *keys: str) -> list[SceneRecord]:
    """The new draft: old scenes by key (unnumbered, as a writer's draft may be) and new ones."""
    by_key = {scene.key: scene for scene in old}
    return [
        SceneRecord(by_key[k].key, None, by_key[k].heading, by_key[k].text, 4) if k in by_key else _scene(k)
        for k in keys
    ]


def test_matched_scenes_keep_their_numbers() -> None:
    old = _old("1", "2", "3")
    assert _renumber(old, _kept(old, "s1", "s2", "s3")) == [
        ("1", "s1", False),
        ("2", "s2", False),
        ("3", "s3", False),
    ]


def test_scenes_inserted_before_the_first_get_a_letter_in_front() -> None:
    old = _old("1", "2")
    assert _renumber(old, _kept(old, "x", "s1", "s2")) == [
        ("A1", "x", False),
        ("1", "s1", False),
        ("2", "s2", False),
    ]
    assert [n for n, _, _ in _renumber(old, _kept(old, "x", "y", "s1", "s2"))] == ["A1", "B1", "1", "2"]


def test_two_scenes_inserted_between_the_same_pair() -> None:
    old = _old("11", "12", "13")
    numbers = [n for n, _, _ in _renumber(old, _kept(old, "s11", "s12", "x", "y", "s13"))]
    assert numbers == ["11", "12", "12A", "12B", "13"]


def test_scene_inserted_after_a_suffixed_number() -> None:
    old = _old("12", "12A", "13")
    assert [n for n, _, _ in _renumber(old, _kept(old, "s12", "s12A", "x", "s13"))] == [
        "12",
        "12A",
        "12B",
        "13",
    ]
    old = _old("12", "12A", "12B", "13")
    assert [n for n, _, _ in _renumber(old, _kept(old, "s12", "s12A", "s12B", "x", "s13"))] == [
        "12",
        "12A",
        "12B",
        "12C",
        "13",
    ]


def test_inserted_number_skips_numbers_in_use_elsewhere() -> None:
    # Between 12 and 12A, 12A and 12B are taken: uniqueness wins over order.
    old = _old("12", "12A", "12B", "13")
    assert [n for n, _, _ in _renumber(old, _kept(old, "s12", "x", "s12A", "s12B", "s13"))] == [
        "12",
        "12C",
        "12A",
        "12B",
        "13",
    ]


def test_omitted_scenes_stay_as_placeholders() -> None:
    old = _old("1", "2", "3")
    diff = match_scenes(old, _kept(old, "s1", "s3"), numbers_locked=True)
    assert assign_locked_numbers(diff) == [
        NumberedScene(number="1", key="s1", omitted=False, heading="INT. DÉCOR S1 - JOUR"),
        NumberedScene(number="2", key=None, omitted=True, heading="INT. DÉCOR S2 - JOUR"),
        NumberedScene(number="3", key="s3", omitted=False, heading="INT. DÉCOR S3 - JOUR"),
    ]


def test_scene_written_in_place_of_an_omitted_one_follows_its_placeholder() -> None:
    old = _old("1", "2", "3")
    assert _renumber(old, _kept(old, "s1", "x", "s3")) == [
        ("1", "s1", False),
        ("2", None, True),
        ("2A", "x", False),
        ("3", "s3", False),
    ]


def test_omitted_first_scenes_keep_their_place_before_inserted_ones() -> None:
    old = _old("1", "2")
    assert _renumber(old, _kept(old, "x", "s2")) == [
        ("1", None, True),
        ("1A", "x", False),
        ("2", "s2", False),
    ]


def test_moved_scenes_keep_their_numbers() -> None:
    old = _old("1", "2", "3")
    assert [n for n, _, _ in _renumber(old, _kept(old, "s3", "x", "s1", "s2"))] == ["3", "3A", "1", "2"]


def test_numbers_that_are_not_plain_digits() -> None:
    old = _old("A12", "101pt2", "OUV", "12a", "12Z")
    numbers = [
        n
        for n, _, _ in _renumber(
            old, _kept(old, "sA12", "x", "s101pt2", "y", "sOUV", "z", "s12a", "v", "s12Z", "w")
        )
    ]
    assert numbers == ["A12", "A12A", "101pt2", "101pt2A", "OUV", "OUV-A", "12a", "12b", "12Z", "12AA"]


def test_between_a_prefixed_number_and_the_first_scene() -> None:
    old = _old("A1", "1", "2")
    assert [n for n, _, _ in _renumber(old, _kept(old, "sA1", "x", "s1", "s2"))] == ["A1", "B1", "1", "2"]


def test_numbers_compare_without_case() -> None:
    old = _old("12", "12a", "13")
    assert [n for n, _, _ in _renumber(old, _kept(old, "s12", "x", "s12a", "s13"))] == [
        "12",
        "12B",
        "12a",
        "13",
    ]


def test_duplicate_and_missing_old_numbers_are_replaced() -> None:
    old = [_scene("a", "5"), _scene("b", "5"), _scene("c"), _scene("d", "6")]
    assert _renumber(old, _kept(old, "a", "b", "c", "d")) == [
        ("5", "a", False),
        ("5A", "b", False),
        ("5B", "c", False),
        ("6", "d", False),
    ]


def test_without_any_old_number_scenes_are_numbered_in_order() -> None:
    old = [_scene("a"), _scene("b")]
    diff = match_scenes(old, _kept(old, "a", "x", "b"), numbers_locked=True)
    assert [(n.number, n.key) for n in assign_locked_numbers(diff)] == [("1", "a"), ("2", "x"), ("3", "b")]


# --- tag carry-over -------------------------------------------------------------------

OLD_TEXT = "Marie pose le verre sur la table.\n\nPaul prend le verre et le vide d'un trait."


def _second_verre(text: str) -> tuple[int, int]:
    start = text.index("verre", text.index("Paul"))
    return start, start + len("verre")


def test_carry_span_unchanged_text() -> None:
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, OLD_TEXT, start, end) == (start, end)


def test_carry_span_follows_an_edit_before_it() -> None:
    new = OLD_TEXT.replace("Marie pose", "Marie, fatiguée, pose")
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, new, start, end) == _second_verre(new)


def test_carry_span_ignores_an_edit_after_it() -> None:
    new = OLD_TEXT.replace("d'un trait", "lentement")
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, new, start, end) == (start, end)


def test_carry_span_gives_none_when_the_span_is_edited() -> None:
    start = OLD_TEXT.index("prend le verre")
    end = start + len("prend le verre")
    assert carry_span(OLD_TEXT, OLD_TEXT.replace("prend le verre", "prend la bouteille"), start, end) is None
    assert (
        carry_span(OLD_TEXT, OLD_TEXT.replace("prend le verre", "prend le petit verre"), start, end) is None
    )


def test_carry_span_gives_none_when_the_span_is_deleted() -> None:
    start, end = _second_verre(OLD_TEXT)
    assert carry_span(OLD_TEXT, "Marie pose le verre sur la table.", start, end) is None


def test_carry_span_needs_its_context_unchanged() -> None:
    start, end = _second_verre(OLD_TEXT)
    changed_context = OLD_TEXT.replace("le verre et", "ce verre et")
    assert carry_span(OLD_TEXT, changed_context, start, end) is None
    assert carry_span(OLD_TEXT, changed_context, start, end, context=0) == (start, end)
    # Two words away, the edit is outside the default context.
    assert carry_span(OLD_TEXT, OLD_TEXT.replace("prend", "saisit"), start, end) == (start + 1, end + 1)


def test_carry_span_with_repeated_words_keeps_the_right_occurrence() -> None:
    old = "Il boit. Il boit. Il boit encore."
    second = old.index("boit", 5)
    new = "Il boit. Il boit. Il boit. Il boit encore."  # one more at the start of the line
    carried = carry_span(old, new, second, second + 4)
    assert carried is not None
    assert new[carried[0] : carried[1]] == "boit"
    # The tag covers the middle repetition, which is still followed by "Il boit encore".
    third = old.index("boit", second + 1)
    assert carry_span(old, new, third, third + 4) == (new.index("boit encore"), new.index("boit encore") + 4)


def test_carry_span_at_the_edges_of_the_text() -> None:
    assert carry_span(OLD_TEXT, "Soudain, " + OLD_TEXT, 0, 5) == (9, 14)
    end = len(OLD_TEXT)
    assert carry_span(OLD_TEXT, OLD_TEXT + " Il rit.", end - 6, end) == (end - 6, end)


def test_carry_span_within_a_word_and_across_line_breaks() -> None:
    new = "Tout à coup, " + OLD_TEXT
    start = OLD_TEXT.index("table")
    assert carry_span(OLD_TEXT, new, start + 1, start + 3) == (start + 14, start + 16)
    start = OLD_TEXT.index("table.")
    end = OLD_TEXT.index("Paul") + 4
    assert carry_span(OLD_TEXT, new, start, end) == (start + 13, end + 13)
    assert carry_span(OLD_TEXT, new.replace("\n\nPaul", "\nPaul"), start, end) is None


def test_carry_spans_batch() -> None:
    new = "Marie pose le verre sur la petite table.\n\nPaul prend le verre et le vide d'un trait."
    marie = (0, 5)
    table = (OLD_TEXT.index("table"), OLD_TEXT.index("table") + 5)
    verre = _second_verre(OLD_TEXT)
    assert carry_spans(OLD_TEXT, new, [marie, table, verre]) == [marie, None, _second_verre(new)]
    assert carry_spans(OLD_TEXT, new, []) == []


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, len(OLD_TEXT) + 1)])
def test_carry_span_refuses_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not a non-empty range"):
        carry_span(OLD_TEXT, OLD_TEXT, start, end)


# --- department impact ----------------------------------------------------------------


def test_department_impact() -> None:
    old = {"props": {"Verre", "Lampe tempête", "barque"}, "vehicles": {"Tracteur"}, "animals": {"Mousse"}}
    new = {"props": {"Verre", "Serviette", "Barque"}, "vehicles": {"Tracteur"}, "vfx": {"Pont fantôme"}}
    assert department_impact(old, new) == {
        "animals": Impact(added=(), removed=("Mousse",)),
        "props": Impact(added=("Barque", "Serviette"), removed=("barque", "Lampe tempête")),
        "vfx": Impact(added=("Pont fantôme",), removed=()),
    }
    assert department_impact(old, old) == {}


def test_department_impact_counts() -> None:
    old = {"vfx": {"Pont": 4, "Brume": 2}, "props": {"Verre": 3}, "stunts": {"Chute": 1}}
    new = {"vfx": {"Pont": 7, "Brume": 2, "Tempête": 1}, "props": {"Verre": 3}, "stunts": {"Chute": 0}}
    assert department_impact_counts(old, new) == {
        "stunts": Impact(added=(), removed=("Chute",), changed=()),
        "vfx": Impact(added=("Tempête",), removed=(), changed=(("Pont", 4, 7),)),
    }
    with pytest.raises(ValueError, match="negative"):
        department_impact_counts({"vfx": {"Pont": -1}}, {})


# --- properties -----------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Marie", "Paul", "le", "verre", "la", "mer", "entre", "sort", ".", ",", "bac", "nuit"]
)
HEADINGS = st.sampled_from(
    ["INT. CUISINE - JOUR", "EXT. PORT - NUIT", "INT. CUISINE - NUIT", "EXT. PHARE - AUBE"]
)
TEXTS = st.one_of(st.lists(WORDS, max_size=30).map(" ".join), st.text(max_size=60))


@st.composite
def drafts(draw: st.DrawFn) -> list[SceneRecord]:
    count = draw(st.integers(min_value=0, max_value=12))
    return [
        SceneRecord(
            key=str(index),
            number=draw(st.none() | st.sampled_from(["1", "2", "2A", "3", "A1"])),
            heading=draw(HEADINGS),
            text=draw(TEXTS),
            eighths=draw(st.integers(min_value=1, max_value=16)),
        )
        for index in range(count)
    ]


@settings(max_examples=150, deadline=None)
@given(draft=drafts(), numbers_locked=st.booleans())
def test_a_draft_matched_against_itself_is_unchanged(draft: list[SceneRecord], numbers_locked: bool) -> None:
    diff = match_scenes(draft, draft, numbers_locked=numbers_locked)
    assert _rows(diff) == [("unchanged", r.key, r.key) for r in draft]
    assert not any(change.moved for change in diff.changes)
    assert all(change.similarity == 1.0 for change in diff.changes)


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=200), data=st.data(), context=st.integers(min_value=0, max_value=3))
def test_carry_span_on_identical_texts_is_the_identity(text: str, data: st.DataObject, context: int) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    assert carry_span(text, text, start, end, context=context) == (start, end)


@settings(max_examples=100, deadline=None)
@given(
    plan=st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=2)), min_size=1, max_size=10),
    suffixed=st.sets(st.integers(min_value=0, max_value=9)),
)
def test_locked_numbers_stay_unique(plan: list[tuple[bool, int]], suffixed: set[int]) -> None:
    numbers: list[str] = []
    for position in range(len(plan)):
        numbers.append(str(position + 1))
        if position in suffixed:
            numbers.append(f"{position + 1}A")
    old = _old(*numbers)
    keys: list[str] = []
    for position, scene in enumerate(old):
        keep, inserted = plan[position % len(plan)]
        keys.extend(f"new{position}-{k}" for k in range(inserted))
        if keep:
            keys.append(scene.key)
    numbered = assign_locked_numbers(match_scenes(old, _kept(old, *keys), numbers_locked=True))
    assigned = [scene.number.casefold() for scene in numbered]
    assert len(assigned) == len(set(assigned))
    assert {(s.key, s.number) for s in numbered if s.key in {o.key for o in old}} == {
        (o.key, o.number) for o in old if o.key in keys
    }
    assert {s.number for s in numbered if s.omitted} == {o.number for o in old if o.key not in keys}
