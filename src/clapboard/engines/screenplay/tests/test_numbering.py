"""Locked scene numbering: kept numbers, A/B inserts, OMITTED placeholders."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay.revisions import (
    NumberedScene,
    SceneRecord,
    assign_locked_numbers,
    match_scenes,
)


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
