"""The screenplay model: what every importer produces and every later module reads.

All classes are frozen dataclasses; sequences are tuples so that a parsed screenplay
can be shared, hashed and cached without copies.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ElementKind(enum.StrEnum):
    """The kinds of screenplay paragraphs (the Fountain element types)."""

    TITLE_PAGE = "title_page"
    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRICS = "lyrics"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    NOTE = "note"
    PAGE_BREAK = "page_break"


@dataclass(frozen=True, slots=True)
class Element:
    """One paragraph of the script, in reading order.

    ``text`` is the paragraph as written (emphasis markers and inline notes kept), without
    the Fountain forcing characters (``.``, ``!``, ``@``, ``>``, ``~``, ``#``, ``=``) and,
    for a scene heading, without its ``#12A#`` scene number, which goes to ``scene_number``.
    A character cue keeps its extensions (``JOHN (V.O.)``); ``dual`` marks both sides of a
    dual-dialogue exchange. ``line`` is the 1-based line of the source where it starts.
    ``level`` is the depth of a section (``#`` = 1). ``forced`` records an explicit
    Fountain marker so that a writer can reproduce it.
    """

    kind: ElementKind
    text: str
    line: int
    dual: bool = False
    scene_number: str | None = None
    level: int = 0
    forced: bool = False


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene: its heading and everything up to the next heading.

    ``index`` counts from 1 in reading order; ``number`` is the scene number as written
    (``12A``) or None. ``page_start`` is the 1-based page where the heading falls and
    ``eighths`` the length in eighths of a page (at least 1), both from pagination.
    ``speaking_characters`` are the names of the cues in the scene in order of first
    appearance; ``characters`` adds, in order, the names written in capitals in its
    action that are known characters (a cue somewhere in the script) or characters who
    never speak, introduced in capitals in this scene or an earlier one (``A WAITER
    brings the bill``; rules in ``introductions.py``).
    """

    index: int
    number: str | None
    heading: str
    int_ext: str | None
    location: str
    time_of_day: str | None
    page_start: int
    eighths: int
    speaking_characters: tuple[str, ...]
    characters: tuple[str, ...]
    text: str
    first_element: int = 0
    end_element: int = 0


@dataclass(frozen=True, slots=True)
class CharacterStats:
    """A speaking character: the scenes they are in (indexes), speeches and dialogue words.

    Characters who never speak are listed in the scenes' ``characters`` only.
    """

    name: str
    scenes: tuple[int, ...]
    lines: int
    words: int


@dataclass(frozen=True, slots=True)
class Screenplay:
    """A parsed screenplay. ``format`` is the source format: "fountain" or "txt" for now."""

    title: str
    title_page: dict[str, str]
    format: str
    elements: tuple[Element, ...]
    scenes: tuple[Scene, ...]
    characters: tuple[CharacterStats, ...]
    page_count: int
    source_name: str = field(default="", compare=False)


class ScreenplayParseError(ValueError):
    """The one error an import may raise: the file, the line (or None) and what is wrong."""

    def __init__(self, message: str, *, source_name: str = "", line: int | None = None) -> None:
        self.source_name = source_name
        self.line = line
        self.message = message
        where = source_name or "<script>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}")
