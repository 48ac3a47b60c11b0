"""The screenplay engine: import a script file into a Screenplay (scenes, characters, pages).

Entry points: ``parse_screenplay(data, *, format="auto", source_name="",
max_bytes=MAX_SCRIPT_BYTES, paper="letter")`` and ``to_json(screenplay)`` (the documented
JSON shape, docs/screenplay-json.md). The one error is ``ScreenplayParseError``, which
names the file and, when known, the line.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from clapboard.engines.screenplay.decoding import decode_script_bytes
from clapboard.engines.screenplay.fdx import parse_fdx
from clapboard.engines.screenplay.fountain import parse_fountain
from clapboard.engines.screenplay.headings import HeadingParts, analyse_heading
from clapboard.engines.screenplay.model import (
    CharacterStats,
    Element,
    ElementKind,
    Scene,
    Screenplay,
    ScreenplayParseError,
)
from clapboard.engines.screenplay.pagination import PageSize
from clapboard.engines.screenplay.pdf import parse_pdf
from clapboard.engines.screenplay.writer import to_fountain

__all__ = [
    "FORMATS",
    "MAX_SCRIPT_BYTES",
    "CharacterStats",
    "Element",
    "ElementKind",
    "HeadingParts",
    "Scene",
    "Screenplay",
    "ScreenplayParseError",
    "analyse_heading",
    "parse_screenplay",
    "refuse_oversize",
    "to_fountain",
    "to_json",
]

FORMATS = ("auto", "fountain", "fdx", "pdf", "txt")
# Larger inputs are refused by size before any decoding or parsing. A 1,000-page series
# bible is about 2 MB of Fountain or 5 MB of FDX; a PDF with fonts can be several times that.
MAX_SCRIPT_BYTES = 20 * 1024 * 1024
_EXTENSIONS = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".txt": "txt",
    ".text": "txt",
    ".fdx": "fdx",
    ".pdf": "pdf",
}


def detect_format(data: bytes | str, source_name: str = "") -> str:
    """The format of a file from its extension, else from its first bytes."""
    by_extension = _EXTENSIONS.get(PurePath(source_name).suffix.lower())
    if by_extension is not None:
        return by_extension
    head = data[:1024].encode("utf-8", "replace") if isinstance(data, str) else data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"<?xml", b"<FinalDraft")) or b"<FinalDraft" in head:
        return "fdx"
    return "fountain"


def refuse_oversize(size: int, *, source_name: str = "", max_bytes: int = MAX_SCRIPT_BYTES) -> None:
    """Refuse a script of ``size`` bytes over ``max_bytes``; callers check before reading a file."""
    if size > max_bytes:
        raise ScreenplayParseError(
            f"the file is too large ({size:,} bytes; the limit is {max_bytes:,} bytes)",
            source_name=source_name,
        )


def parse_screenplay(
    data: bytes | str,
    *,
    format: str = "auto",
    source_name: str = "",
    max_bytes: int = MAX_SCRIPT_BYTES,
    paper: str = "letter",
) -> Screenplay:
    """Parse a script file (bytes or decoded text) into a Screenplay.

    ``format`` is one of FORMATS; "auto" looks at the extension in ``source_name`` and at
    the content. Fountain, plain text, FDX and PDF (``pdf.parse_pdf``) are read.
    Inputs over ``max_bytes`` (UTF-8 size for text) are refused before anything else.
    ``paper`` ("letter" or "a4") is the page the text formats, and FDX scenes without stored
    pages, are paginated on; a PDF keeps the pages it was printed on.
    """
    size = len(data) if isinstance(data, bytes) or len(data) * 4 <= max_bytes else len(data.encode("utf-8"))
    refuse_oversize(size, source_name=source_name, max_bytes=max_bytes)
    if format not in FORMATS:
        raise ScreenplayParseError(
            f"unknown format {format!r} (use one of {', '.join(FORMATS)})", source_name=source_name
        )
    if paper not in tuple(PageSize):
        raise ScreenplayParseError(
            f"unknown paper {paper!r} (use one of {', '.join(PageSize)})", source_name=source_name
        )
    chosen = detect_format(data, source_name) if format == "auto" else format
    if chosen == "fdx":
        return parse_fdx(data, source_name=source_name, paper=paper)
    if chosen == "pdf":
        return parse_pdf(data if isinstance(data, bytes) else data.encode("utf-8"), source_name=source_name)
    if isinstance(data, bytes):
        text = decode_script_bytes(data, source_name=source_name)
    else:
        text = data
        if not text.strip():
            raise ScreenplayParseError("the file is empty", source_name=source_name)
        if "\x00" in text:
            raise ScreenplayParseError(
                "the file is binary, not a text script (it contains NUL bytes)", source_name=source_name
            )
    screenplay = parse_fountain(text, source_name=source_name, plain=chosen == "txt", paper=paper)
    if not any(e.kind in (ElementKind.SCENE_HEADING, ElementKind.CHARACTER) for e in screenplay.elements):
        raise ScreenplayParseError(
            "no scene heading and no character cue found: this does not look like a screenplay",
            source_name=source_name,
        )
    return screenplay


def to_json(screenplay: Screenplay) -> dict[str, Any]:
    """The documented JSON shape (docs/screenplay-json.md), ready for ``json.dumps``."""
    return {
        "title": screenplay.title,
        "format": screenplay.format,
        "page_count": screenplay.page_count,
        "scenes": [
            {
                "index": scene.index,
                "number": scene.number,
                "heading": scene.heading,
                "int_ext": scene.int_ext,
                "location": scene.location,
                "time_of_day": scene.time_of_day,
                "page_start": scene.page_start,
                "eighths": scene.eighths,
                "speaking_characters": list(scene.speaking_characters),
                "characters": list(scene.characters),
                "text": scene.text,
            }
            for scene in screenplay.scenes
        ],
        "characters": [
            {"name": c.name, "scenes": list(c.scenes), "lines": c.lines, "words": c.words}
            for c in screenplay.characters
        ],
    }
