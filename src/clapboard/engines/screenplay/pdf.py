"""PDF screenplays with a text layer: ``parse_pdf(data, source_name=...)``.

PDFium (pypdfium2) reads the file in a child process (``pdf_extract``) limited in address
space and in time, so that a damaged, hostile or looping PDF ends in a
ScreenplayParseError and never in a hung or bloated worker. The child returns plain data
(per page, positioned lines of text); the layout is learnt and the lines classified here
(``pdf_layout``), then the usual assembly builds scenes and characters. Pages, scene
starts and scene lengths come from the real pages:

* ``page_count`` is the number of script pages: the pages of the file less a title page,
  as a screenwriting program numbers them (and as the text formats count);
* a scene's ``page_start`` is the script page its heading is printed on (page 1 is the
  first page after the title page);
* its ``eighths`` are the lines it occupies on each page (from just below what precedes
  it on the page, so the blank lines before its heading count, to its last line there)
  divided by the lines a page holds (learnt from the fullest page, else the standard
  count for the page height), times 8, rounded up, at least 1.
"""

from __future__ import annotations

import json
import math
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from clapboard.engines.screenplay.assemble import assemble
from clapboard.engines.screenplay.model import ElementKind, Screenplay, ScreenplayParseError
from clapboard.engines.screenplay.pagination import eighths
from clapboard.engines.screenplay.pdf_layout import PdfLine, PdfPage, classify, clean_pages, page_measures

DEFAULT_TIME_LIMIT = 30.0
DEFAULT_MEMORY_LIMIT = 512 * 1024 * 1024

NO_TEXT_LAYER = (
    "the PDF has no text layer (a scanned or image-only PDF); "
    "export the script as PDF or Fountain from the writing program"
)
_CHILD_ERRORS = {
    "password": "the PDF is encrypted (protected by a password); export it again without a password",
    "security": "the PDF is protected by a security handler that cannot be read; export it again unprotected",
    "format": "the file is not a readable PDF (damaged or not a PDF)",
    "file": "the file is not a readable PDF (damaged or not a PDF)",
    "no_pages": "the PDF has no pages",
    "too_large": "the PDF holds far more text than a screenplay",
    "library": "the PDF library (pypdfium2) is not available",
}


def parse_pdf(
    data: bytes,
    *,
    source_name: str = "",
    time_limit: float = DEFAULT_TIME_LIMIT,
    memory_limit: int = DEFAULT_MEMORY_LIMIT,
) -> Screenplay:
    """Parse a PDF screenplay (see the module docstring); ScreenplayParseError on any problem.

    ``time_limit`` is in seconds of wall time, ``memory_limit`` in bytes of address space
    for the child process (0 for none).
    """
    if not data.strip():
        raise ScreenplayParseError("the file is empty", source_name=source_name)
    if b"%PDF-" not in data[:1024]:
        raise ScreenplayParseError(
            "the file is not a PDF (it does not start with %PDF-)", source_name=source_name
        )
    result = _run_child(data, source_name, time_limit, memory_limit)
    pages = _pages(result, source_name)
    if not any(page.lines for page in pages):
        raise ScreenplayParseError(NO_TEXT_LAYER, source_name=source_name)
    classified = classify(clean_pages(pages))
    elements = classified.elements
    if not any(e.kind in (ElementKind.SCENE_HEADING, ElementKind.CHARACTER) for e in elements):
        raise ScreenplayParseError(
            "no scene heading and no character cue found in the PDF's text: this does not look like a screenplay",
            source_name=source_name,
        )
    screenplay = assemble(
        elements, title_page=classified.title_page, source_format="pdf", source_name=source_name
    )
    layout = classified.layout
    assert layout is not None
    previous_y: dict[int, float] = {}
    first = screenplay.scenes[0].first_element if screenplay.scenes else len(elements)
    body_start = 1 if elements and elements[0].kind is ElementKind.TITLE_PAGE else 0
    page_measures(classified.positions, body_start, first, previous_y, layout)
    scenes = []
    for scene in screenplay.scenes:
        page, lines = page_measures(
            classified.positions, scene.first_element, scene.end_element, previous_y, layout
        )
        script_page = page - classified.front_pages
        scenes.append(replace(scene, page_start=script_page, eighths=eighths(lines, layout.lines_per_page)))
    return replace(screenplay, scenes=tuple(scenes), page_count=len(pages) - classified.front_pages)


def _run_child(data: bytes, source_name: str, time_limit: float, memory_limit: int) -> dict[str, Any]:
    # The child runs the module's file, not ``-m``: importing the package would cost time.
    command = [
        sys.executable,
        "-P",
        str(Path(__file__).with_name("pdf_extract.py")),
        str(max(0, int(memory_limit))),
        str(math.ceil(time_limit) + 1),
    ]
    too_slow = ScreenplayParseError(
        f"reading the PDF took longer than {time_limit:g} s and was stopped (damaged or looping PDF?)",
        source_name=source_name,
    )
    try:
        completed = subprocess.run(command, input=data, capture_output=True, timeout=time_limit, check=False)
    except subprocess.TimeoutExpired:
        raise too_slow from None
    except OSError as error:
        raise ScreenplayParseError(
            f"the PDF reader could not be started ({error})", source_name=source_name
        ) from None
    if completed.returncode == -signal.SIGXCPU:
        raise too_slow
    if completed.returncode != 0:
        limit = f"{memory_limit / 1024 / 1024:g} MB" if memory_limit > 0 else "no"
        raise ScreenplayParseError(
            f"the PDF reader stopped on this file (a damaged PDF, or more memory than the {limit} limit)",
            source_name=source_name,
        )
    try:
        result = json.loads(completed.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ScreenplayParseError(
            "the PDF reader returned nothing usable", source_name=source_name
        ) from None
    if not isinstance(result, dict):
        raise ScreenplayParseError("the PDF reader returned nothing usable", source_name=source_name)
    if not result.get("ok"):
        code = str(result.get("error"))
        if code == "memory":
            limit = f"{memory_limit / 1024 / 1024:g} MB"
            raise ScreenplayParseError(
                f"reading the PDF needed more than the {limit} memory limit", source_name=source_name
            )
        raise ScreenplayParseError(
            _CHILD_ERRORS.get(code, "the file is not a readable PDF"), source_name=source_name
        )
    return result


def _pages(result: dict[str, Any], source_name: str) -> list[PdfPage]:
    pages: list[PdfPage] = []
    try:
        for number, page in enumerate(result["pages"], start=1):
            lines = tuple(
                PdfLine(number, float(x), float(y), float(x_end), float(size), str(text))
                for x, y, x_end, size, text in page["lines"]
            )
            pages.append(PdfPage(number, float(page["width"]), float(page["height"]), lines))
    except (KeyError, TypeError, ValueError):
        raise ScreenplayParseError(
            "the PDF reader returned nothing usable", source_name=source_name
        ) from None
    return pages
