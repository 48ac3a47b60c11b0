"""From a list of elements to a Screenplay: scenes, characters, pagination."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from clapboard.engines.screenplay.headings import analyse_heading
from clapboard.engines.screenplay.introductions import (
    NameIndex,
    find_introductions,
    introduction_vocabulary,
    may_have_capitals,
)
from clapboard.engines.screenplay.markup import count_words, strip_markup
from clapboard.engines.screenplay.model import CharacterStats, Element, ElementKind, Scene, Screenplay
from clapboard.engines.screenplay.pagination import PageSize, eighths, paginate

_PRINTED_IN_SCENE = (
    ElementKind.ACTION,
    ElementKind.CHARACTER,
    ElementKind.PARENTHETICAL,
    ElementKind.DIALOGUE,
    ElementKind.TRANSITION,
    ElementKind.CENTERED,
    ElementKind.LYRICS,
)


def cue_name(cue: str) -> str:
    """The character name of a cue: no extension, no ``@``, no ``^``, upper case as written."""
    name = cue.strip().removesuffix("^").strip().removeprefix("@")
    name = re.sub(r"\([^)]*\)?", "", name)
    return " ".join(name.split()).rstrip(":").strip().upper()


def _title(title_page: dict[str, str], source_name: str) -> str:
    raw = title_page.get("title") or title_page.get("titre") or ""
    title = " ".join(strip_markup(raw).split())
    if not title and source_name:
        title = PurePath(source_name).stem
    return title


def assemble(
    elements: Sequence[Element],
    *,
    title_page: dict[str, str],
    source_format: str,
    source_name: str,
    paper: PageSize | str = PageSize.LETTER,
) -> Screenplay:
    """Scenes, characters and pages of ``elements``, paginated on ``paper`` ("letter" or "a4")."""
    pagination = paginate(elements, paper)
    cues = {number: cue_name(e.text) for number, e in enumerate(elements) if e.kind is ElementKind.CHARACTER}
    known = set(cues.values()) - {""}
    starts = [i for i, e in enumerate(elements) if e.kind is ElementKind.SCENE_HEADING]
    actions = {
        number: strip_markup(elements[number].text)
        for number in range(starts[0] if starts else len(elements), len(elements))
        if elements[number].kind is ElementKind.ACTION
    }
    # Names are written in capitals: an action without two capitals in one word names
    # nobody, unless a name has fewer (a one-letter cue), and then every action is read.
    capitalised = {number for number, text in actions.items() if may_have_capitals(text)}
    introductions, introduced = _introductions(actions, capitalised, starts, known)
    names = known | introduced.keys()
    mention = _pattern(names)
    read_all = not all(may_have_capitals(name) for name in names)
    scenes: list[Scene] = []
    appearances: dict[str, list[int]] = {}
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(elements)
        heading = elements[start]
        parts = analyse_heading(heading.text)
        speaking: dict[str, None] = {}
        present: dict[str, None] = {}
        paragraphs: list[str] = []
        index = position + 1
        for number in range(start + 1, end):
            element = elements[number]
            if element.kind is ElementKind.CHARACTER:
                name = cues[number]
                if name:
                    speaking.setdefault(name)
            elif (
                element.kind is ElementKind.ACTION
                and mention is not None
                and (read_all or number in capitalised)
            ):
                found = [(match.start(), match.group(1)) for match in mention.finditer(actions[number])]
                if number in introductions:
                    found = sorted([*found, *introductions[number]], key=lambda pair: pair[0])
                for _, name in found:
                    if introduced.get(name, 0) <= index:  # names introduced later are not yet known
                        present.setdefault(name)
            if element.kind in _PRINTED_IN_SCENE:
                printed = (
                    actions[number] if element.kind is ElementKind.ACTION else strip_markup(element.text)
                ).strip("\n")
                if element.kind in (ElementKind.PARENTHETICAL, ElementKind.DIALOGUE) and paragraphs:
                    paragraphs[-1] += "\n" + printed
                else:
                    paragraphs.append(printed)
        everyone = tuple(dict.fromkeys([*speaking, *present]))
        for name in everyone:
            appearances.setdefault(name, []).append(index)
        line_count = sum(pagination.lines[start:end])
        scenes.append(
            Scene(
                index=index,
                number=heading.scene_number,
                heading=heading.text,
                int_ext=parts.int_ext,
                location=parts.location,
                time_of_day=parts.time_of_day,
                page_start=pagination.pages[start],
                eighths=eighths(line_count, pagination.lines_per_page),
                speaking_characters=tuple(speaking),
                characters=everyone,
                text="\n\n".join(paragraphs),
                first_element=start,
                end_element=end,
            )
        )
    return Screenplay(
        title=_title(title_page, source_name),
        title_page=title_page,
        format=source_format,
        elements=tuple(elements),
        scenes=tuple(scenes),
        characters=_characters(elements, cues, appearances),
        page_count=pagination.page_count,
        source_name=source_name,
    )


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for the names written as they are, whole words, the longest first."""
    ordered = sorted(names, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w'])(" + "|".join(re.escape(name) for name in ordered) + r")(?![\w])")


def _introductions(
    actions: dict[int, str], capitalised: set[int], starts: Sequence[int], known: set[str]
) -> tuple[dict[int, list[tuple[int, str]]], dict[str, int]]:
    """The characters introduced in capitals in the action (rules in ``introductions.py``).

    ``actions`` maps the number of each action element in a scene, in order, to its
    printed text; only those in ``capitalised`` can introduce someone. Returns, per
    element that introduces someone, the (offset, name) of each introduction, and each
    introduced name with the index of the scene that first introduces it. A name known by
    then (a cue name, a name introduced before) is a mention, not an introduction, and an
    apposition that does not clearly describe a person (``MOUSSE, un vieux chien``)
    introduces nobody here.
    """
    index = NameIndex(known)
    vocabulary = introduction_vocabulary()
    by_element: dict[int, list[tuple[int, str]]] = {}
    introduced: dict[str, int] = {}
    scene = 0
    for number, text in actions.items():
        if number not in capitalised:
            continue
        while scene < len(starts) and starts[scene] < number:
            scene += 1
        for introduction in find_introductions(text, index, vocabulary):
            if introduction.is_person:
                by_element.setdefault(number, []).append((introduction.start, introduction.name))
                introduced.setdefault(introduction.name, scene)
                index.add(introduction.name)
    return by_element, introduced


def _characters(
    elements: Sequence[Element], cues: dict[int, str], appearances: dict[str, list[int]]
) -> tuple[CharacterStats, ...]:
    speeches: dict[str, int] = {}
    words: dict[str, int] = {}
    speaker = ""
    for number, element in enumerate(elements):
        if element.kind is ElementKind.CHARACTER:
            speaker = cues[number]
            if speaker:
                speeches[speaker] = speeches.get(speaker, 0) + 1
                words.setdefault(speaker, 0)
        elif element.kind is ElementKind.DIALOGUE and speaker:
            words[speaker] += count_words(element.text)
        elif element.kind is not ElementKind.PARENTHETICAL:
            speaker = ""
    return tuple(
        CharacterStats(name=name, scenes=tuple(appearances.get(name, ())), lines=count, words=words[name])
        for name, count in speeches.items()
    )
