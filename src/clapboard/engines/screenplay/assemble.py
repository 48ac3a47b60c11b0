"""From a list of elements to a Screenplay: scenes, characters, pagination."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from clapboard.engines.screenplay.headings import analyse_heading
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
    known = {cue_name(e.text) for e in elements if e.kind is ElementKind.CHARACTER} - {""}
    mention = (
        re.compile(
            r"(?<![\w'])("
            + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
            + r")(?![\w])"
        )
        if known
        else None
    )
    starts = [i for i, e in enumerate(elements) if e.kind is ElementKind.SCENE_HEADING]
    scenes: list[Scene] = []
    appearances: dict[str, list[int]] = {}
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(elements)
        heading = elements[start]
        parts = analyse_heading(heading.text)
        speaking: dict[str, None] = {}
        present: dict[str, None] = {}
        paragraphs: list[str] = []
        for element in elements[start + 1 : end]:
            if element.kind is ElementKind.CHARACTER:
                name = cue_name(element.text)
                if name:
                    speaking.setdefault(name)
            elif element.kind is ElementKind.ACTION and mention is not None:
                for found in mention.findall(strip_markup(element.text)):
                    present.setdefault(found)
            if element.kind in _PRINTED_IN_SCENE:
                printed = strip_markup(element.text).strip("\n")
                if element.kind in (ElementKind.PARENTHETICAL, ElementKind.DIALOGUE) and paragraphs:
                    paragraphs[-1] += "\n" + printed
                else:
                    paragraphs.append(printed)
        everyone = tuple(dict.fromkeys([*speaking, *present]))
        index = position + 1
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
        characters=_characters(elements, appearances),
        page_count=pagination.page_count,
        source_name=source_name,
    )


def _characters(elements: Sequence[Element], appearances: dict[str, list[int]]) -> tuple[CharacterStats, ...]:
    speeches: dict[str, int] = {}
    words: dict[str, int] = {}
    speaker = ""
    for element in elements:
        if element.kind is ElementKind.CHARACTER:
            speaker = cue_name(element.text)
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
