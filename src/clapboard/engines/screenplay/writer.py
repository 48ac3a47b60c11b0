"""Screenplay model back to Fountain text.

The output parses back to the same scenes, cues and lines: forced markers are written
where the parser would otherwise read an element differently.
"""

from __future__ import annotations

from clapboard.engines.screenplay.headings import match_prefix
from clapboard.engines.screenplay.model import Element, ElementKind, Screenplay

_SPEECH = (ElementKind.DIALOGUE, ElementKind.PARENTHETICAL)


def to_fountain(screenplay: Screenplay) -> str:
    """Write ``screenplay`` as Fountain."""
    blocks: list[str] = []
    if screenplay.title_page:
        lines: list[str] = []
        for key, value in screenplay.title_page.items():
            parts = value.split("\n") if value else []
            name = key[:1].upper() + key[1:]
            if len(parts) == 1:
                lines.append(f"{name}: {parts[0]}")
            else:
                lines.append(f"{name}:")
                lines.extend(f"    {part}" for part in parts)
        blocks.append("\n".join(lines))
    elements = screenplay.elements
    index = 0
    left_side_open = False
    while index < len(elements):
        element = elements[index]
        if element.kind is ElementKind.CHARACTER:
            right_side = element.dual and left_side_open
            left_side_open = element.dual and not left_side_open
            speech = [_cue(element) + (" ^" if right_side else "")]
            while index + 1 < len(elements) and elements[index + 1].kind in _SPEECH:
                index += 1
                speech.append(elements[index].text)
            blocks.append("\n".join(speech))
        elif element.kind is not ElementKind.TITLE_PAGE:
            blocks.append(_paragraph(element))
        index += 1
    return "\n\n".join(blocks) + "\n"


def _cue(element: Element) -> str:
    text = element.text
    if element.forced or text != text.upper():
        text = "@" + text
    return text


def _paragraph(element: Element) -> str:
    text = element.text
    match element.kind:
        case ElementKind.SCENE_HEADING:
            written = text if match_prefix(text) is not None and not element.forced else "." + text
            return f"{written} #{element.scene_number}#" if element.scene_number else written
        case ElementKind.ACTION:
            return "!" + text if element.forced or _needs_forcing(text) else text
        case ElementKind.TRANSITION:
            return "> " + text if element.forced or not text.endswith("TO:") else text
        case ElementKind.CENTERED:
            return f"> {text} <"
        case ElementKind.LYRICS:
            return "~" + text
        case ElementKind.SECTION:
            return "#" * max(element.level, 1) + " " + text
        case ElementKind.SYNOPSIS:
            return "= " + text
        case ElementKind.NOTE:
            return f"[[{text}]]"
        case ElementKind.PAGE_BREAK:
            return "==="
        case _:
            return text


def _needs_forcing(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    if not first or first[0] in "!#=~>.@[":
        return True
    if match_prefix(first) is not None:
        return True
    return "\n" in text and first == first.upper() and any(char.isalpha() for char in first)
