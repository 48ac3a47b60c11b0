"""Final Draft (FDX) screenplays to elements.

An FDX file is XML: ``<FinalDraft>`` holds ``<Content>``, a list of ``<Paragraph Type=...>``
whose ``<Text>`` runs carry the words (with a ``Style`` such as ``Bold+Underline``), and
optionally ``<TitlePage>``. The file is read with defusedxml, refusing any DTD, entity
declaration or external reference, so an XML bomb or a file pointing at a local file gives
a ScreenplayParseError at once instead of a hang or a read of that file.

What is taken from the file: the paragraph types (mapped onto the Fountain element kinds,
see ``_KINDS``), the text with its emphasis (written as Fountain markers so that the model
is the same whatever the source), dual dialogue (``<DualDialogue>``), forced page breaks
(``StartsNewPage="Yes"``), scene numbers (``Number``) and, in ``<SceneProperties>``, the
length of a scene in eighths (``Length="3/8"``, ``"1 2/8"``, ``"2"``) and the page where it
starts (``Page``). Scenes with stored length and page keep them; the others are paginated
like Fountain (engines/screenplay/pagination.py). Scene headings, cues, transitions and
shots are upper-cased, as Final Draft's templates print them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden  # type: ignore[import-untyped]
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped]

from clapboard.engines.screenplay.assemble import assemble
from clapboard.engines.screenplay.model import Element, ElementKind, Screenplay, ScreenplayParseError
from clapboard.engines.screenplay.pagination import PageSize

_KINDS = {
    "scene heading": ElementKind.SCENE_HEADING,
    "action": ElementKind.ACTION,
    "general": ElementKind.ACTION,
    "shot": ElementKind.ACTION,
    "cast list": ElementKind.ACTION,
    "character": ElementKind.CHARACTER,
    "parenthetical": ElementKind.PARENTHETICAL,
    "dialogue": ElementKind.DIALOGUE,
    "transition": ElementKind.TRANSITION,
    "lyrics": ElementKind.LYRICS,
    "new act": ElementKind.CENTERED,
    "end of act": ElementKind.CENTERED,
    "act break": ElementKind.CENTERED,
    "outline body": ElementKind.SYNOPSIS,
    "summary": ElementKind.SYNOPSIS,
}
_SPEECH = (ElementKind.CHARACTER, ElementKind.PARENTHETICAL, ElementKind.DIALOGUE)
_UPPER_CASE = ("scene heading", "character", "transition", "shot")
_OUTLINE = re.compile(r"outline\s*(\d)")
_LENGTH = re.compile(r"\s*(?:(\d{1,4})\s+)?(\d{1,4})\s*/\s*8\s*|\s*(\d{1,4})\s*")
_PAGE = re.compile(r"\s*(\d{1,5})(?!\d)")
_CREDIT = re.compile(
    r"(?:written|screenplay|story|teleplay|scripted)?\s*by|(?:écrit|écrite|scénario)\s*(?:par|de)?|de|un film de",
    re.IGNORECASE,
)
_NEEDS_ESCAPE = re.compile(r"[\\*_]")


@dataclass(slots=True)
class _Paragraph:
    type: str
    line: int
    dual: bool
    alignment: str = ""
    number: str = ""
    new_page: bool = False
    length: str = ""
    page: str = ""
    runs: list[tuple[str, str]] = field(default_factory=list)
    depth: int = 0

    def text(self) -> str:
        """The text of the runs, emphasis written as Fountain markers, trimmed."""
        if (
            len(self.runs) == 1
            and not _emphasis(self.runs[0][1])[0]
            and not _NEEDS_ESCAPE.search(self.runs[0][0])
        ):
            return self.runs[0][0].replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
        styled = any(_emphasis(style) for _, style in self.runs)
        escape = styled or any(_NEEDS_ESCAPE.search(text) for text, _ in self.runs)
        pieces: list[str] = []
        for raw, style in self.runs:
            text = raw.replace("\r\n", "\n").replace("\r", "\n")
            if escape:
                text = _NEEDS_ESCAPE.sub(lambda match: "\\" + match.group(), text)
            opening, closing = _emphasis(style)
            core = text.strip()
            if opening and core:
                start = text.index(core[0])
                text = f"{text[:start]}{opening}{core}{closing}{text[start + len(core) :]}"
            pieces.append(text)
        return "".join(pieces).strip("\n").rstrip()


@functools.lru_cache(maxsize=64)
def _emphasis(style: str) -> tuple[str, str]:
    """Fountain markers for an FDX ``Style`` (``Bold+Italic+Underline``...)."""
    styles = {part.strip().lower() for part in style.split("+")}
    stars = 2 * ("bold" in styles) + ("italic" in styles)
    opening = "*" * stars
    if "underline" in styles:
        return "_" + opening, opening + "_"
    return opening, opening


class _Target:
    """Receives the parser's events and keeps only the script and title page paragraphs."""

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.expat: Any = None
        self.path: list[str] = []
        self.paragraphs: list[_Paragraph] = []
        self.title: list[_Paragraph] = []
        self.open: list[_Paragraph] = []
        self.run: list[str] | None = None
        self.run_style = ""
        self.has_content = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        path = self.path
        depth = len(path)
        if depth == 0 and tag != "FinalDraft":
            raise ScreenplayParseError(
                f"this XML file is not a Final Draft (FDX) script: its root element is <{tag[:40]}>, "
                "not <FinalDraft>",
                source_name=self.source_name,
            )
        if tag == "Paragraph":
            inside_dual = depth == 4 and path[1] == "Content" and path[3] == "DualDialogue"
            if (depth == 2 and path[1] == "Content") or inside_dual:
                paragraph = self._paragraph(attrib, depth, inside_dual)
                self.paragraphs.append(paragraph)
                self.open.append(paragraph)
            elif depth == 3 and path[1] == "TitlePage" and path[2] == "Content":
                paragraph = self._paragraph(attrib, depth, False)
                self.title.append(paragraph)
                self.open.append(paragraph)
        elif self.open and self.open[-1].depth == depth - 1:
            if tag == "Text":
                self.run = []
                self.run_style = attrib.get("Style", "")
            elif tag == "SceneProperties":
                self.open[-1].length = attrib.get("Length", "")
                self.open[-1].page = attrib.get("Page", "")
        elif depth == 1 and tag == "Content":
            self.has_content = True
        path.append(tag)

    def _paragraph(self, attrib: dict[str, str], depth: int, dual: bool) -> _Paragraph:
        return _Paragraph(
            type=" ".join(attrib.get("Type", "").lower().split()),
            line=int(self.expat.CurrentLineNumber) if self.expat is not None else 0,
            dual=dual,
            alignment=attrib.get("Alignment", "").lower(),
            number=attrib.get("Number", "").strip(),
            new_page=attrib.get("StartsNewPage", "").lower() == "yes",
            depth=depth,
        )

    def end(self, tag: str) -> None:
        self.path.pop()
        if tag == "Text" and self.run is not None and self.open and self.open[-1].depth == len(self.path) - 1:
            self.open[-1].runs.append(("".join(self.run), self.run_style))
            self.run = None
        elif tag == "Paragraph" and self.open and self.open[-1].depth == len(self.path):
            self.open.pop()

    def data(self, text: str) -> None:
        if self.run is not None:
            self.run.append(text)

    def close(self) -> None:
        return None


def _parse_xml(data: bytes | str, source_name: str) -> _Target:
    target = _Target(source_name)
    parser: Any = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target.expat = parser.parser
    try:
        parser.feed(data)
        parser.close()
    except DTDForbidden:
        problem = "it declares a DTD (<!DOCTYPE ...>), refused for safety; Final Draft never writes one"
        raise ScreenplayParseError(problem, source_name=source_name) from None
    except EntitiesForbidden:
        problem = "it declares XML entities, refused for safety; Final Draft never writes them"
        raise ScreenplayParseError(problem, source_name=source_name) from None
    except DefusedXmlException:
        problem = "it refers to external XML entities, refused for safety; Final Draft never writes them"
        raise ScreenplayParseError(problem, source_name=source_name) from None
    except ParseError as error:
        position = getattr(error, "position", None)
        line = position[0] if isinstance(position, tuple) and position and position[0] > 0 else None
        message = str(error).split(": line ")[0]
        raise ScreenplayParseError(
            f"not a valid FDX file: the XML is malformed ({message})", source_name=source_name, line=line
        ) from None
    except (ValueError, LookupError) as error:
        if isinstance(error, ScreenplayParseError):
            raise
        raise ScreenplayParseError(
            f"not a valid FDX file: the XML cannot be read ({error})", source_name=source_name
        ) from None
    return target


def eighths_of(length: str) -> int | None:
    """A Final Draft scene length (``"3/8"``, ``"1 2/8"``, ``"2"``) in eighths, None if unreadable."""
    match = _LENGTH.fullmatch(length)
    if match is None:
        return None
    if match.group(3) is not None:
        return int(match.group(3)) * 8
    return int(match.group(1) or 0) * 8 + int(match.group(2))


def _kind(paragraph: _Paragraph) -> tuple[ElementKind, int]:
    kind = _KINDS.get(paragraph.type)
    if kind is None:
        outline = _OUTLINE.fullmatch(paragraph.type)
        if outline is not None:
            return ElementKind.SECTION, int(outline.group(1))
        kind = ElementKind.ACTION
    if kind is ElementKind.ACTION and paragraph.alignment == "center":
        kind = ElementKind.CENTERED
    return kind, 1 if kind is ElementKind.SECTION else 0


def _title_page(paragraphs: list[_Paragraph]) -> dict[str, str]:
    """Title page keys from the free layout of Final Draft's title page (a heuristic): the
    first centred paragraph is the title, a centred "Written by" the credit and the centred
    lines after it the author; other centred lines are notes, the rest contact details."""
    values: dict[str, list[str]] = {}
    after_credit = False
    for paragraph in paragraphs:
        text = paragraph.text().strip()
        if not text:
            continue
        if paragraph.alignment == "center":
            if "title" not in values:
                key = "title"
            elif _CREDIT.fullmatch(text) and "credit" not in values:
                key, after_credit = "credit", True
            elif after_credit and "author" not in values:
                key = "author"
            else:
                key = "notes"
        else:
            key = "contact"
        values.setdefault(key, []).append(text)
    return {key: "\n".join(lines) for key, lines in values.items()}


def parse_fdx(
    data: bytes | str, *, source_name: str = "", paper: PageSize | str = PageSize.LETTER
) -> Screenplay:
    """Parse a Final Draft FDX file into a Screenplay, or raise ScreenplayParseError.

    Scenes without a stored length or page are paginated on ``paper`` ("letter" or "a4").
    """
    if not data.strip():
        raise ScreenplayParseError("the file is empty", source_name=source_name)
    target = _parse_xml(data, source_name)
    if not target.has_content:
        raise ScreenplayParseError(
            "this Final Draft (FDX) file has no <Content>: no script to read", source_name=source_name
        )
    elements: list[Element] = []
    stored: dict[int, tuple[int | None, int | None]] = {}
    for paragraph in target.paragraphs:
        text = paragraph.text()
        if paragraph.new_page and elements and elements[-1].kind is not ElementKind.PAGE_BREAK:
            elements.append(Element(ElementKind.PAGE_BREAK, "", paragraph.line))
        if not text.strip():
            continue
        kind, level = _kind(paragraph)
        if paragraph.type in _UPPER_CASE:
            text = text.upper()
        if kind is ElementKind.SCENE_HEADING:
            page = _PAGE.match(paragraph.page)
            stored[len(elements)] = (eighths_of(paragraph.length), int(page.group(1)) if page else None)
        elements.append(
            Element(
                kind,
                text,
                paragraph.line,
                dual=paragraph.dual and kind in _SPEECH,
                scene_number=(paragraph.number or None) if kind is ElementKind.SCENE_HEADING else None,
                level=level,
            )
        )
    while elements and elements[-1].kind is ElementKind.PAGE_BREAK:
        elements.pop()
    if not elements:
        raise ScreenplayParseError("this Final Draft (FDX) file has no script text", source_name=source_name)
    screenplay = assemble(
        elements,
        title_page=_title_page(target.title),
        source_format="fdx",
        source_name=source_name,
        paper=paper,
    )
    return _with_stored_lengths(screenplay, stored)


def _with_stored_lengths(
    screenplay: Screenplay, stored: dict[int, tuple[int | None, int | None]]
) -> Screenplay:
    """Scenes keep the eighths and page Final Draft stored for them; the page count covers them."""
    if not any(length is not None or page is not None for length, page in stored.values()):
        return screenplay
    scenes = []
    for scene in screenplay.scenes:
        length, page = stored.get(scene.first_element, (None, None))
        scenes.append(
            replace(
                scene,
                eighths=max(1, length) if length is not None else scene.eighths,
                page_start=max(1, page) if page is not None else scene.page_start,
            )
        )
    page_count = max([screenplay.page_count, *(scene.page_start for scene in scenes)])
    return replace(screenplay, scenes=tuple(scenes), page_count=page_count)
