"""Fountain (https://fountain.io/syntax) and plain-text screenplays to elements.

The parser works in three passes: remove the boneyard (``/* */``, nestable) and lift
notes that stand on their own lines; group the lines into paragraphs separated by blank
lines (a line of two spaces keeps a speech together); classify each paragraph. It
accepts what writers actually type: a scene heading directly followed by its action, a
missing dot after INT, indented text (indentation never changes an element's kind).

Plain text (``plain=True``) is read as a screenplay typed without markup: only scene
headings (by their prefixes), character cues, parentheticals, dialogue, transitions and
``===`` page breaks are recognised; a leading ``!``, ``#``, ``=``, ``~``, ``>``, ``@``,
``.`` or ``[[`` stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clapboard.engines.screenplay.assemble import assemble
from clapboard.engines.screenplay.headings import match_prefix, split_scene_number
from clapboard.engines.screenplay.model import Element, ElementKind, Screenplay
from clapboard.engines.screenplay.pagination import PageSize
from clapboard.engines.screenplay.vocabulary import KNOWN_TRANSITIONS

_PAGE_BREAK = re.compile(r"\s*={3,}\s*")
_TITLE_KEY = re.compile(r"([^\W\d_][\w '\-]{0,39}):(.*)")
_PARENTHESES = re.compile(r"\([^)]*\)?")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str
    note: str | None = None


def parse_fountain(
    text: str, *, source_name: str = "", plain: bool = False, paper: PageSize | str = PageSize.LETTER
) -> Screenplay:
    """Parse Fountain (or, with ``plain``, unmarked plain text) into a Screenplay paginated on ``paper``."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _visible_lines(text, plain)
    paragraphs = _paragraphs(lines, plain)
    title_page: dict[str, str] = {}
    elements: list[Element] = []
    start = 0
    while start < len(paragraphs) and paragraphs[start][0].note is not None:
        start += 1
    if start < len(paragraphs) and (found := _title_page(paragraphs[start])) is not None:
        title_page = found
        for paragraph in paragraphs[:start]:
            elements.extend(_classify(paragraph, plain))
        first = paragraphs[start][0]
        raw = "\n".join(line.text for line in paragraphs[start])
        elements.append(Element(ElementKind.TITLE_PAGE, raw, first.number))
        start += 1
    else:
        start = 0
    for paragraph in paragraphs[start:]:
        elements.extend(_classify(paragraph, plain))
    return assemble(
        _mark_dual(elements),
        title_page=title_page,
        source_format="txt" if plain else "fountain",
        source_name=source_name,
        paper=paper,
    )


# Pass 1: boneyard and notes -------------------------------------------------------------


def _boneyard_spans(text: str) -> list[tuple[int, int]]:
    """Outermost matched ``/* ... */`` spans; an unmatched opener stays text."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in re.finditer(r"/\*|\*/", text):
        if match.group() == "/*":
            stack.append(match.start())
        elif stack:
            begin = stack.pop()
            if not stack:
                spans.append((begin, match.end()))
    return spans


def _visible_lines(text: str, plain: bool) -> list[_Line]:
    spans = [] if plain or "/*" not in text else _boneyard_spans(text)
    lines: list[_Line] = []
    offset = 0
    span_index = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        end = offset + len(raw)
        if span_index < len(spans) and spans[span_index][0] < end + 1:
            pieces: list[str] = []
            position = offset
            touched = False
            while span_index < len(spans) and spans[span_index][0] <= end:
                begin, finish = spans[span_index]
                if finish <= offset:
                    span_index += 1
                    continue
                touched = True
                pieces.append(text[position : max(begin, position)])
                position = min(max(finish, position), end)
                if finish > end:
                    break
                span_index += 1
            pieces.append(text[position:end])
            visible = "".join(pieces)
            if not (touched and not visible.strip()):
                lines.append(_Line(number, visible))
        else:
            lines.append(_Line(number, raw))
        offset = end + 1
    return lines if plain else _lift_notes(lines)


def _lift_notes(lines: list[_Line]) -> list[_Line]:
    """Replace notes that fill whole lines (``[[...]]``, over several lines) by note lines."""
    result: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.text.strip()
        if stripped.startswith("[["):
            collected = [stripped]
            last = index
            while "]]" not in collected[-1] and last + 1 < len(lines) and lines[last + 1].text.strip():
                last += 1
                collected.append(lines[last].text.strip())
            body = "\n".join(collected)
            if body.endswith("]]") and body.find("]]") == len(body) - 2:
                result.append(_Line(line.number, line.text, note=body[2:-2].strip()))
                index = last + 1
                continue
        result.append(line)
        index += 1
    return result


# Pass 2: paragraphs ---------------------------------------------------------------------


def _paragraphs(lines: list[_Line], plain: bool) -> list[list[_Line]]:
    paragraphs: list[list[_Line]] = []
    current: list[_Line] = []
    for index, line in enumerate(lines):
        if line.note is not None or _PAGE_BREAK.fullmatch(line.text):
            if current:
                paragraphs.append(current)
            paragraphs.append([line])
            current = []
        elif line.text.strip():
            current.append(line)
        elif (
            current
            and len(line.text) >= 2
            and _cue(current[0].text, plain) is not None
            and index + 1 < len(lines)
            and lines[index + 1].text.strip()
        ):
            current.append(_Line(line.number, "  "))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _title_page(paragraph: list[_Line]) -> dict[str, str] | None:
    """The key/value pairs of a title page paragraph, or None if it is not one."""
    if paragraph[0].note is not None:
        return None
    match = _TITLE_KEY.fullmatch(paragraph[0].text.rstrip())
    if match is None:
        return None
    if not match.group(2).strip() and (len(paragraph) < 2 or paragraph[1].text[:1] not in (" ", "\t")):
        return None
    values: dict[str, list[str]] = {}
    key = ""
    for line in paragraph:
        match = _TITLE_KEY.fullmatch(line.text.rstrip())
        if line.text[:1] not in (" ", "\t") and match is not None:
            key = match.group(1).strip().lower()
            values[key] = [match.group(2).strip()] if match.group(2).strip() else []
        elif line.text[:1] in (" ", "\t") and key:
            values[key].append(line.text.strip())
        else:
            return None
    return {name: "\n".join(parts) for name, parts in values.items()}


# Pass 3: classification -----------------------------------------------------------------


def _cue(raw: str, plain: bool) -> tuple[str, bool, bool] | None:
    """(cue text without markers, dual, forced) if the line can be a character cue."""
    text = raw.strip()
    dual = not plain and text.endswith("^")
    if dual:
        text = text[:-1].rstrip()
    forced = not plain and text.startswith("@")
    if forced:
        text = text[1:].strip()
        return (text, dual, True) if text else None
    name = _PARENTHESES.sub("", text).strip()
    if not name or not any(char.isalpha() for char in name) or name != name.upper():
        return None
    if name[0] in "!#=~>.[(" and not plain:
        return None
    if match_prefix(name) is not None or name.endswith(("TO:", ":")):
        return None
    return text, dual, False


def _is_transition(raw: str) -> bool:
    text = raw.strip()
    if not text or text != text.upper() or not any(char.isalpha() for char in text):
        return False
    return raw.rstrip("\n").endswith("TO:") or text in KNOWN_TRANSITIONS


def _heading(line: _Line, text: str, forced: bool) -> Element:
    heading, number = split_scene_number(text)
    return Element(ElementKind.SCENE_HEADING, heading, line.number, scene_number=number, forced=forced)


def _classify(paragraph: list[_Line], plain: bool) -> list[Element]:
    first = paragraph[0]
    if first.note is not None:
        return [Element(ElementKind.NOTE, first.note, first.number)]
    stripped = first.text.strip()
    rest = paragraph[1:]
    if _PAGE_BREAK.fullmatch(first.text):
        return [Element(ElementKind.PAGE_BREAK, "", first.number)]
    if not plain:
        marker = stripped[:1]
        if marker == "!":
            return [_action(paragraph, forced=True)]
        if marker == "#":
            level = len(stripped) - len(stripped.lstrip("#"))
            section = Element(ElementKind.SECTION, stripped.lstrip("#").strip(), first.number, level=level)
            return [section, *(_classify(rest, plain) if rest else [])]
        if marker == "=":
            synopsis = Element(ElementKind.SYNOPSIS, stripped[1:].strip(), first.number)
            return [synopsis, *(_classify(rest, plain) if rest else [])]
        if marker == "." and stripped[1:2] not in ("", ".", " "):
            return [_heading(first, stripped[1:].strip(), True), *(_classify(rest, plain) if rest else [])]
        if marker == ">" and stripped.endswith("<") and len(stripped) > 1:
            return [_centered_or_action(line) for line in paragraph]
        if marker == ">":
            transition = Element(ElementKind.TRANSITION, stripped[1:].strip(), first.number, forced=True)
            return [transition, *(_classify(rest, plain) if rest else [])]
        if marker == "~":
            if all(line.text.strip().startswith("~") for line in paragraph):
                return [Element(ElementKind.LYRICS, line.text.strip()[1:], line.number) for line in paragraph]
            return [_action(paragraph)]
    if match_prefix(stripped) is not None and not (rest and match_prefix(rest[0].text.strip()) is not None):
        return [_heading(first, stripped, False), *(_classify(rest, plain) if rest else [])]
    if not rest and _is_transition(first.text):
        return [Element(ElementKind.TRANSITION, stripped, first.number)]
    if rest and (cue := _cue(first.text, plain)) is not None:
        return _speech(first, cue, rest)
    return [_action(paragraph)]


def _centered_or_action(line: _Line) -> Element:
    text = line.text.strip()
    if text.startswith(">") and text.endswith("<") and len(text) > 1:
        return Element(ElementKind.CENTERED, text[1:-1].strip(), line.number)
    return Element(ElementKind.ACTION, line.text, line.number)


def _action(paragraph: list[_Line], *, forced: bool = False) -> Element:
    texts = [line.text for line in paragraph]
    if forced:
        texts[0] = texts[0].lstrip().removeprefix("!")
    return Element(ElementKind.ACTION, "\n".join(texts), paragraph[0].number, forced=forced)


def _speech(first: _Line, cue: tuple[str, bool, bool], rest: list[_Line]) -> list[Element]:
    text, dual, forced = cue
    elements = [Element(ElementKind.CHARACTER, text, first.number, dual=dual, forced=forced)]
    dialogue: list[_Line] = []
    parenthetical: list[_Line] = []

    def flush_dialogue() -> None:
        if dialogue:
            body = "\n".join(line.text.strip() or "  " for line in dialogue)
            elements.append(Element(ElementKind.DIALOGUE, body, dialogue[0].number, dual=dual))
            dialogue.clear()

    for line in rest:
        stripped = line.text.strip()
        if parenthetical:
            parenthetical.append(line)
        elif stripped.startswith("("):
            flush_dialogue()
            parenthetical.append(line)
        else:
            dialogue.append(line)
        if parenthetical and parenthetical[-1].text.strip().endswith(")"):
            body = "\n".join(part.text.strip() for part in parenthetical)
            elements.append(Element(ElementKind.PARENTHETICAL, body, parenthetical[0].number, dual=dual))
            parenthetical.clear()
    if parenthetical:
        dialogue.extend(parenthetical)
    flush_dialogue()
    return elements


def _mark_dual(elements: list[Element]) -> list[Element]:
    """A ``^`` cue makes the speech before it the left side of a dual exchange."""
    for index, element in enumerate(elements):
        if element.kind is not ElementKind.CHARACTER or not element.dual:
            continue
        back = index - 1
        while back >= 0 and elements[back].kind in (ElementKind.DIALOGUE, ElementKind.PARENTHETICAL):
            elements[back] = replace(elements[back], dual=True)
            back -= 1
        if back >= 0 and elements[back].kind is ElementKind.CHARACTER:
            elements[back] = replace(elements[back], dual=True)
    return elements
