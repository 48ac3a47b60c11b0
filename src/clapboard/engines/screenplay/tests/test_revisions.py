"""Script revisions: scene matching, locked numbering, tag carry-over and department impact."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import parse_screenplay
from clapboard.engines.screenplay.revisions import (
    RevisionDiff,
    SceneRecord,
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
