#!/usr/bin/env python
"""Screenplay import speed: a 120-page feature and a 1,000-page series bible, against screenplain.

The scripts are built from the shared fixtures (../shared/bench/screenplays, never copied
into the project): copies of *The Last Birthday Card* (19 pages) while they fit, then of
*Brick & Steel* (3 pages) until the paginated length reaches the target. Each copy's headings are
renamed (its number appended to the location: ``INT. PARK 3 - DAY``) and every scene gets
a running scene number, so that no two headings are the same. The Fountain file is
written by the engine's own writer (``to_fountain``); the FDX of the same script is
written by this benchmark from the same elements, one ``<Paragraph>`` per element with
``Number`` on the headings and ``<DualDialogue>`` around dual speeches, without
``<SceneProperties>`` (as screenplain writes FDX), so that the FDX is paginated too, the
slower path.

Measured in one process, each figure the median of ``--runs`` runs (default 7):

* ours: ``parse_screenplay(bytes)``: decoding, parsing, scenes, characters, pagination;
* the peer: ``screenplain.parsers.fountain.parse`` on the same Fountain text (parsing
  only: screenplain has no pagination, scene list or character statistics);
* peak memory of one import of each (tracemalloc, in a separate run, Python allocations);
* PDF: our import of *The Last Birthday Card*'s PDF (child process, layout, assembly)
  against pypdfium2's bare text extraction of the same file in process, the two timed in
  alternation, the ratio being the median of the per-run ratios;
* PDF, feature length: the ``--pdf-pages`` script (120 pages by default) built as above,
  printed to PDF at run time by screenplain's PDF writer (reportlab; Letter, Courier Prime
  12 pt embedded, 55 lines a page, as the fixture PDFs were printed) into a temporary
  folder that is removed afterwards. Timed as above, against pypdfium2's bare extraction;
  peak memory is the peak resident set of a fresh process that imports the engine and
  reads the PDF once (``VmHWM``), and separately the peak of the child process that
  extracts the text (``pdf_extract``, started by ``pdf.parse_pdf``; ``getrusage``, an
  upper bound, see ``memory_of``); the bare extraction is measured the same way in its
  own fresh process. The script's pages as the text pagination counts them are printed
  beside the PDF's, a check of the pagination against a printed feature.

Prints JSON: machine, sizes, medians in ms, ms per page, peak MiB, ratio ours/screenplain.

    .venv/bin/python benchmarks/screenplay.py
    .venv/bin/python benchmarks/screenplay.py --runs 15 --pages 120 1000 --pdf-pages 120
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))

from clapboard.engines.screenplay import (  # noqa: E402
    Element,
    ElementKind,
    Screenplay,
    analyse_heading,
    parse_screenplay,
    to_fountain,
)
from clapboard.engines.screenplay.fountain import parse_fountain  # noqa: E402
from clapboard.engines.screenplay.markup import strip_markup  # noqa: E402

FIXTURES = PROJECT_DIR.parent / "shared" / "bench" / "screenplays" / "fountain-io-samples"
SOURCES = ("The-Last-Birthday-Card.fountain", "Brick-and-Steel.fountain")
FDX_TYPES = {
    ElementKind.SCENE_HEADING: "Scene Heading",
    ElementKind.ACTION: "Action",
    ElementKind.CHARACTER: "Character",
    ElementKind.PARENTHETICAL: "Parenthetical",
    ElementKind.DIALOGUE: "Dialogue",
    ElementKind.TRANSITION: "Transition",
    ElementKind.CENTERED: "Action",
    ElementKind.LYRICS: "Lyrics",
}


# --- Building the scripts -----------------------------------------------------------------


def renamed_copy(screenplay: Screenplay, copy: int, first_number: int) -> list[Element]:
    """The body of ``screenplay`` with copy-specific headings and running scene numbers."""
    elements: list[Element] = []
    number = first_number
    for element in screenplay.elements:
        if element.kind is ElementKind.TITLE_PAGE:
            continue
        if element.kind is ElementKind.SCENE_HEADING:
            location = analyse_heading(element.text).location
            text = (
                element.text.replace(location, f"{location} {copy}", 1)
                if location
                else f"{element.text} {copy}"
            )
            element = dataclasses.replace(element, text=text, scene_number=str(number))
            number += 1
        elements.append(element)
    return elements


def build(target_pages: int) -> tuple[Screenplay, int]:
    """A script of at least ``target_pages`` pages, and the number of fixture copies used."""
    sources = [parse_fountain((FIXTURES / name).read_text(encoding="utf-8")) for name in SOURCES]
    elements: list[Element] = []
    pages = copies = 0
    scenes = 1
    while True:
        while pages < target_pages:
            # Whole features while they fit, then the short script to come close to the target.
            source = sources[0] if pages + sources[0].page_count <= target_pages else sources[1]
            copies += 1
            body = renamed_copy(source, copies, scenes)
            scenes += len(source.scenes)
            elements.extend(body)
            pages += source.page_count
        title_page = {"title": f"BENCHMARK FEATURE ({target_pages} PAGES)", "credit": "Assembled from"}
        script = dataclasses.replace(sources[0], title_page=title_page, elements=tuple(elements))
        parsed = parse_screenplay(to_fountain(script), source_name="feature.fountain")
        if parsed.page_count >= target_pages:
            return parsed, copies
        pages = parsed.page_count


def to_fdx(screenplay: Screenplay) -> str:
    """The script as a Final Draft document (see the module docstring)."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no" ?>']
    out.append('<FinalDraft DocumentType="Script" Template="No" Version="5">')
    out.append("  <Content>")
    elements = [e for e in screenplay.elements if e.kind in FDX_TYPES]
    dual_cues = 0
    for index, element in enumerate(elements):
        if element.kind is ElementKind.CHARACTER and element.dual:
            if dual_cues == 0:
                out.append("    <Paragraph><DualDialogue>")
            dual_cues += 1
        attributes = f' Type="{FDX_TYPES[element.kind]}"'
        if element.kind is ElementKind.SCENE_HEADING and element.scene_number:
            attributes += f" Number={quoteattr(element.scene_number)}"
        if element.kind is ElementKind.CENTERED:
            attributes += ' Alignment="Center"'
        text = escape(strip_markup(element.text))
        out.append(f"    <Paragraph{attributes}>\n      <Text>{text}</Text>\n    </Paragraph>")
        following = elements[index + 1] if index + 1 < len(elements) else None
        speech_goes_on = following is not None and following.kind in (
            ElementKind.DIALOGUE,
            ElementKind.PARENTHETICAL,
        )
        other_side_follows = (
            following is not None and following.kind is ElementKind.CHARACTER and following.dual
        )
        if dual_cues and not speech_goes_on and (dual_cues >= 2 or not other_side_follows):
            out.append("    </DualDialogue></Paragraph>")
            dual_cues = 0
    out.append("  </Content>")
    title = escape(screenplay.title)
    out.append(f'  <TitlePage><Content><Paragraph Alignment="Center"><Text>{title}</Text></Paragraph>')
    out.append("  </Content></TitlePage>")
    out.append("</FinalDraft>")
    return "\n".join(out) + "\n"


# --- Measuring ----------------------------------------------------------------------------


def median_ms(function: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def paired_median_ms(
    ours: Callable[[], object], peer: Callable[[], object], runs: int
) -> tuple[float, float, float]:
    """Medians of ``ours`` and ``peer`` timed in alternation, and the median of the per-run ratios.

    On a shared host whose speed drifts within a minute, alternating keeps both sides under
    the same conditions, and the ratio of each pair cancels most of the drift.
    """
    pairs = [(median_ms(ours, 1), median_ms(peer, 1)) for _ in range(runs)]
    return (
        round(statistics.median(a for a, _ in pairs), 2),
        round(statistics.median(b for _, b in pairs), 2),
        round(statistics.median(a / b for a, b in pairs), 1),
    )


def peak_mib(function: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 1024 / 1024, 1)


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def measure(target_pages: int, runs: int) -> dict[str, Any]:
    from screenplain.parsers import fountain as screenplain_fountain

    feature, copies = build(target_pages)
    fountain_bytes = to_fountain(feature).encode("utf-8")
    fountain_text = fountain_bytes.decode("utf-8")
    fdx_bytes = to_fdx(feature).encode("utf-8")
    from_fdx = parse_screenplay(fdx_bytes, source_name="feature.fdx")
    pages = feature.page_count
    # The two files describe the same script.
    assert [(s.heading, s.number) for s in from_fdx.scenes] == [(s.heading, s.number) for s in feature.scenes]
    assert [c.name for c in from_fdx.characters] == [c.name for c in feature.characters]

    def ours_fountain() -> object:
        return parse_screenplay(fountain_bytes, source_name="feature.fountain")

    def ours_fdx() -> object:
        return parse_screenplay(fdx_bytes, source_name="feature.fdx")

    def peer() -> object:
        return screenplain_fountain.parse(io.StringIO(fountain_text))

    fountain_ms = median_ms(ours_fountain, runs)
    fdx_ms = median_ms(ours_fdx, runs)
    peer_ms = median_ms(peer, runs)
    return {
        "script": {
            "pages": pages,
            "pages_from_fdx": from_fdx.page_count,
            "scenes": len(feature.scenes),
            "speaking_characters": len(feature.characters),
            "fixture_copies": copies,
            "fountain_bytes": len(fountain_bytes),
            "fdx_bytes": len(fdx_bytes),
        },
        "median_ms": {
            "ours_fountain_parse_paginate": fountain_ms,
            "ours_fdx_parse_paginate": fdx_ms,
            "screenplain_fountain_parse": peer_ms,
        },
        "ms_per_page": {
            "ours_fountain": round(fountain_ms / pages, 3),
            "ours_fdx": round(fdx_ms / pages, 3),
            "screenplain_fountain": round(peer_ms / pages, 3),
        },
        "peak_mib": {
            "ours_fountain": peak_mib(ours_fountain),
            "ours_fdx": peak_mib(ours_fdx),
            "screenplain_fountain": peak_mib(peer),
        },
        "ratio_ours_over_screenplain": {
            "fountain": round(fountain_ms / peer_ms, 2),
            "fdx": round(fdx_ms / peer_ms, 2),
        },
    }


def bare_pdf_text(data: bytes) -> str:
    """The peer for PDF import: pypdfium2's own text extraction of every page, in process."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def measure_pdf(runs: int) -> dict[str, Any]:
    """Our PDF import (child process, layout, assembly) against the library's bare extraction."""
    path = FIXTURES / "The-Last-Birthday-Card.pdf"
    data = path.read_bytes()
    ours, bare, ratio = paired_median_ms(
        lambda: parse_screenplay(data, source_name=path.name), lambda: bare_pdf_text(data), runs
    )
    screenplay = parse_screenplay(data, source_name=path.name)
    return {
        "file": path.name,
        "script_pages": screenplay.page_count,
        "scenes": len(screenplay.scenes),
        "median_ms": {"ours_pdf_import": ours, "pypdfium2_bare_text": bare},
        "ratio_ours_over_bare": ratio,
        "ms_per_script_page": round(ours / screenplay.page_count, 2),
    }


def print_feature_pdf(target_pages: int, folder: Path) -> tuple[Path, Screenplay]:
    """The ``target_pages`` script printed by screenplain to ``folder``; and the script as built.

    The title is kept to one line: screenplain sizes its title page for a one-line title, and
    a longer one pushes an empty page in after it.
    """
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain as screenplain_fountain

    feature, _copies = build(target_pages)
    title_page = {"title": "BENCHMARK FEATURE", "credit": "Written by", "author": "Clapboard"}
    text = to_fountain(dataclasses.replace(feature, title_page=title_page))
    path = folder / f"feature-{target_pages}.pdf"
    with path.open("wb") as output:
        to_pdf(screenplain_fountain.parse(io.StringIO(text)), output)
    return path, parse_screenplay(text, source_name="feature.fountain")


def peak_rss_mib(kind: str, path: Path) -> dict[str, float]:
    """Peak resident memory of a fresh process reading ``path`` once (``kind``: ours or bare)."""
    completed = subprocess.run(
        [sys.executable, __file__, "--memory-of", kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(completed.stdout)
    return result


def high_water_mib() -> float:
    """This process's own peak resident memory (``VmHWM``; unlike ``ru_maxrss`` it starts afresh at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_of(kind: str, path: Path) -> int:
    """Run in a fresh process by ``peak_rss_mib``: read the PDF once, print the peaks in MiB.

    The child's figure is ``ru_maxrss`` of the children, and Linux carries a process's
    resident high-water mark across exec: a child started when this process had reached
    ``process_before`` reports at least that much. It is exactly the child's own peak when
    it is higher, else an upper bound.
    """
    data = path.read_bytes()
    before = high_water_mib()
    if kind == "ours":
        parse_screenplay(data, source_name=path.name)
    else:
        bare_pdf_text(data)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    peaks = {"process_before": before, "process": high_water_mib(), "text_extraction_child": children}
    print(json.dumps({name: round(value, 1) for name, value in peaks.items()}))
    return 0


def measure_feature_pdf(target_pages: int, runs: int) -> dict[str, Any]:
    """The feature-length PDF, printed at run time: time, peak memory, pages (module docstring)."""
    with tempfile.TemporaryDirectory(prefix="clapboard-bench-") as folder:
        path, feature = print_feature_pdf(target_pages, Path(folder))
        data = path.read_bytes()
        ours, bare, ratio = paired_median_ms(
            lambda: parse_screenplay(data, source_name=path.name), lambda: bare_pdf_text(data), runs
        )
        screenplay = parse_screenplay(data, source_name=path.name)
        memory_ours = peak_rss_mib("ours", path)
        memory_bare = peak_rss_mib("bare", path)
        python_peak = peak_mib(lambda: parse_screenplay(data, source_name=path.name))
    pairs = list(zip(feature.scenes, screenplay.scenes, strict=False))
    return {
        "file": f"{target_pages}-page script printed by screenplain (Letter, Courier Prime 12 pt)",
        "file_bytes": len(data),
        "pages_in_file": screenplay.page_count + (1 if screenplay.title_page else 0),
        "script_pages": screenplay.page_count,
        "scenes": len(screenplay.scenes),
        "median_ms": {"ours_pdf_import": ours, "pypdfium2_bare_text": bare},
        "ratio_ours_over_bare": ratio,
        "ms_per_script_page": round(ours / screenplay.page_count, 2),
        "peak_rss_mib": {
            "ours_process": memory_ours["process"],
            "ours_process_when_child_started": memory_ours["process_before"],
            "ours_text_extraction_child": memory_ours["text_extraction_child"],
            "ours_process_plus_child": round(
                memory_ours["process"] + memory_ours["text_extraction_child"], 1
            ),
            "bare_process": memory_bare["process"],
        },
        "peak_python_allocations_mib_ours_process": python_peak,
        "text_pagination_check": {
            "pages_text_pagination_letter": feature.page_count,
            "pages_printed": screenplay.page_count,
            "scenes_compared": len(pairs),
            "same_page_start": sum(a.page_start == b.page_start for a, b in pairs),
            "same_eighths": sum(a.eighths == b.eighths for a, b in pairs),
            "eighths_abs_error": sum(abs(a.eighths - b.eighths) for a, b in pairs),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (median), default 7")
    parser.add_argument("--pages", type=int, nargs="+", default=[120, 1000], help="script lengths to build")
    parser.add_argument("--pdf-pages", type=int, default=120, help="length of the printed PDF, default 120")
    parser.add_argument("--memory-of", nargs=2, metavar=("KIND", "PDF"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.memory_of:
        return memory_of(options.memory_of[0], Path(options.memory_of[1]))
    if not FIXTURES.is_dir():
        print(f"screenplay fixtures not found at {FIXTURES}", file=sys.stderr)
        return 2
    results = {str(pages): measure(pages, options.runs) for pages in options.pages}
    report: dict[str, Any] = {"machine": machine(), "runs": options.runs, "results": results}
    report["pdf"] = measure_pdf(options.runs)
    report["pdf_feature"] = measure_feature_pdf(options.pdf_pages, options.runs)
    if len(results) >= 2:
        small, large = results[str(min(options.pages))], results[str(max(options.pages))]
        report["scaling_ms_per_page_large_over_small"] = {
            name: round(large["ms_per_page"][name] / small["ms_per_page"][name], 2)
            for name in small["ms_per_page"]
        }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
