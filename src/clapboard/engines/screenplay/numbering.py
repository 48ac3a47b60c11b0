"""Locked scene numbering: once numbers are locked, a new draft keeps every one of them.

``assign_locked_numbers(diff)`` numbers the new draft from a ``RevisionDiff`` (see
``revisions.match_scenes``): kept scenes keep their numbers, scenes inserted between 12
and 13 get ``12A``, ``12B``… (``A1``, ``B1``… before the first), and omitted scenes stay as
``OMITTED`` placeholders, so that no number is ever given to another scene.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clapboard.engines.screenplay.revisions import RevisionDiff

__all__ = ["NumberedScene", "assign_locked_numbers"]


@dataclass(frozen=True, slots=True)
class NumberedScene:
    """A line of the locked numbering: ``key`` is the new draft's scene, None for an
    ``OMITTED`` placeholder (``omitted`` true), which keeps the old number and heading."""

    number: str
    key: str | None
    omitted: bool
    heading: str


_SUFFIXED = re.compile(r"(.*[^A-Za-z])([A-Za-z]*)")
_PREFIXED = re.compile(r"([A-Za-z]+)([0-9].*)")


def _letters_after(letters: str) -> Iterator[str]:
    """The letter labels that follow ``letters``: A, B… Z, AA, AB… (lower case stays lower)."""
    lower = letters.islower()
    digits = [ord(letter) - ord("A") for letter in letters.upper()]
    while True:
        # Bijective base 26: add one to the last letter, carrying Z over.
        position = len(digits) - 1
        while position >= 0 and digits[position] == 25:
            digits[position] = 0
            position -= 1
        if position < 0:
            digits.insert(0, 0)
        else:
            digits[position] += 1
        label = "".join(chr(ord("A") + digit) for digit in digits)
        yield label.lower() if lower else label


def _after(previous: str) -> Iterator[str]:
    """Numbers for a scene inserted after ``previous``: 12 → 12A, 12B…; 12A → 12B…;
    a number that ends in a letter without a digit before it gets a dash (OUV → OUV-A)."""
    match = _SUFFIXED.fullmatch(previous)
    stem, letters = (match.group(1), match.group(2)) if match else (previous + "-", "")
    for label in _letters_after(letters):
        yield stem + label


def _before(following: str, letters: str = "") -> Iterator[str]:
    """Numbers for a scene inserted before ``following`` (its leading letters set aside):
    before 1 → A1, B1…; after A1 and still before 1 → B1…"""
    match = _PREFIXED.fullmatch(following)
    base = match.group(2) if match else following
    for label in _letters_after(letters):
        yield label + base


def assign_locked_numbers(diff: RevisionDiff) -> list[NumberedScene]:
    """Number the new draft against the old draft's locked numbers, in the diff's order.

    Paired scenes keep their old number, even when they moved. Added scenes (and paired
    scenes that had no number, or a number already taken) get the previous number plus a
    letter: 12A, 12B… after 12, 12B after 12A, skipping numbers in use, so numbers stay
    unique (after 12 when 12A and 12B exist elsewhere: 12C). Before the first numbered
    scene they get a letter in front: A1, B1… (industry practice; the next inserted
    between A1 and 1 is B1). Omitted scenes stay as placeholders with their number and
    old heading; one without a number has nothing to hold and is left out. When no scene
    has a number at all, the scenes are numbered 1, 2, 3… Comparisons of numbers ignore
    case; numbers the new draft wrote for its scenes are not used.
    """
    used: set[str] = set()
    kept: list[str | None] = []
    for change in diff.changes:
        number = change.old_number.strip() if change.old_number else None
        if change.status == "added" or not number or number.casefold() in used:
            kept.append(None)
            continue
        used.add(number.casefold())
        kept.append(number)
    if not used:
        return _numbered_in_order(diff)

    numbered: list[NumberedScene] = []
    previous: str | None = None
    for position, change in enumerate(diff.changes):
        number = kept[position]
        if change.status == "omitted":
            if number is not None:
                numbered.append(NumberedScene(number=number, key=None, omitted=True, heading=change.heading))
                previous = number
            continue
        if number is None:
            following = next((n for n in kept[position + 1 :] if n is not None), None)
            number = _first_free(_candidates(previous, following), used)
            used.add(number.casefold())
        numbered.append(
            NumberedScene(number=number, key=change.new_key, omitted=False, heading=change.heading)
        )
        previous = number
    return numbered


def _candidates(previous: str | None, following: str | None) -> Iterator[str]:
    if previous is None:
        # Nothing numbered before: letters go in front of the next number.
        return _before(following or "1")
    prefixed = _PREFIXED.fullmatch(previous)
    if prefixed and following is not None and prefixed.group(2).casefold() == following.casefold():
        return _before(following, prefixed.group(1))
    return _after(previous)


def _first_free(candidates: Iterator[str], used: set[str]) -> str:
    for candidate in candidates:
        if candidate.casefold() not in used:
            return candidate
    raise AssertionError("the candidate numbers never run out")  # pragma: no cover


def _numbered_in_order(diff: RevisionDiff) -> list[NumberedScene]:
    scenes = [change for change in diff.changes if change.status != "omitted"]
    return [
        NumberedScene(number=str(position), key=change.new_key, omitted=False, heading=change.heading)
        for position, change in enumerate(scenes, start=1)
    ]
