"""The child process of the PDF importer: PDF bytes in, positioned text lines out.

Run as ``python -P pdf_extract.py MEMORY_BYTES CPU_SECONDS`` (the file itself, so that
starting it imports no more than the standard library and pypdfium2), with the PDF on
standard input. It limits its own address space (``RLIMIT_AS``) and CPU
time (``RLIMIT_CPU``) before it loads PDFium, reads every character of every page with
its origin and its font box, groups the characters into lines by baseline and cuts a line
where a gap wider than two font sizes separates two runs of text (margin scene numbers,
the two columns of a dual dialogue, revision asterisks). It prints one JSON object:

``{"ok": true, "pages": [{"width": W, "height": H, "lines": [[x, y, x_end, size, text]]}]}``

with coordinates in PDF points from the bottom-left corner (``y`` is the baseline, ``size``
the height of the font box), or ``{"ok": false, "error": CODE}`` where CODE is one of
``password``, ``security``, ``format``, ``file``, ``no_pages``, ``memory``, ``too_large``.
The parent (``pdf.py``) does everything else; nothing here imports the rest of the engine.
"""

from __future__ import annotations

import ctypes
import json
import resource
import statistics
import sys
from typing import Any

# More characters than this on one document is not a screenplay (a 1,000-page bible has ~3M).
MAX_CHARACTERS = 20_000_000
# A run of text is cut where the gap between two characters exceeds this many font sizes.
COLUMN_GAP = 2.0
# A space is inserted where the gap exceeds this many font sizes and no space was printed.
WORD_GAP = 0.2

Line = list[float | str]


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _page_lines(pdfium_raw: Any, textpage: Any, budget: list[int]) -> list[Line]:
    count = pdfium_raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    budget[0] -= count
    if budget[0] < 0:
        raise OverflowError
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_raw.FS_RECTF()
    # (x, y, right, size, code)
    chars: list[tuple[float, float, float, float, int]] = []
    for index in range(count):
        code = pdfium_raw.FPDFText_GetUnicode(textpage, index)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF, 0x2):
            continue
        if not pdfium_raw.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y):
            continue
        if pdfium_raw.FPDFText_GetLooseCharBox(textpage, index, box):
            right, size = max(box.right, origin_x.value), abs(box.top - box.bottom)
        else:
            right, size = origin_x.value, 0.0
        chars.append((origin_x.value, origin_y.value, right, size, code))
    if not chars:
        return []
    sizes = [c[3] for c in chars if c[3] > 0]
    typical = statistics.median(sizes) if sizes else 10.0
    chars.sort(key=lambda c: (-c[1], c[0]))
    lines: list[Line] = []
    row: list[tuple[float, float, float, float, int]] = []
    for char in chars:
        if row and abs(row[0][1] - char[1]) > 0.3 * typical:
            lines.extend(_runs(row, typical))
            row = []
        row.append(char)
    lines.extend(_runs(row, typical))
    return lines


def _runs(row: list[tuple[float, float, float, float, int]], typical: float) -> list[Line]:
    """One baseline's characters (sorted by x) as runs of text cut at wide gaps."""
    row.sort(key=lambda c: c[0])
    runs: list[Line] = []
    codes: list[int] = []
    start = row[0]
    previous = row[0]
    for char in row:
        if codes:
            size = max(previous[3], char[3], 0.5 * typical)
            gap = char[0] - previous[2]
            if char[4] == previous[4] and abs(char[0] - previous[0]) < 0.1 * size:
                continue  # the same glyph printed twice (fake bold)
            if gap > COLUMN_GAP * size:
                runs.append(_run(start, previous, codes))
                codes, start = [], char
            elif gap > WORD_GAP * size and previous[4] != 32 and char[4] != 32:
                codes.append(32)
        codes.append(char[4])
        previous = char
    if codes:
        runs.append(_run(start, previous, codes))
    return [run for run in runs if str(run[4]).strip()]


def _run(first: tuple[float, ...], last: tuple[float, ...], codes: list[int]) -> Line:
    text = "".join(chr(c) for c in codes)
    # PDFium reports UTF-16 code units: join surrogate pairs, replace strays.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = " ".join(text.replace("\u00a0", " ").split())
    return [round(first[0], 2), round(first[1], 2), round(last[2], 2), round(first[3], 2), text]


def extract(data: bytes) -> dict[str, Any]:
    """Positioned lines of every page of ``data`` (see the module docstring)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_raw  # type: ignore[import-untyped]

    errors = {
        pdfium_raw.FPDF_ERR_PASSWORD: "password",
        pdfium_raw.FPDF_ERR_SECURITY: "security",
        pdfium_raw.FPDF_ERR_FORMAT: "format",
        pdfium_raw.FPDF_ERR_FILE: "file",
    }
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        return {"ok": False, "error": errors.get(code, "format" if code else "no_pages")}
    pages: list[dict[str, Any]] = []
    budget = [MAX_CHARACTERS]
    try:
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                lines = _page_lines(pdfium_raw, textpage.raw, budget)
            finally:
                textpage.close()
                page.close()
            pages.append({"width": round(width, 2), "height": round(height, 2), "lines": lines})
    except OverflowError:
        return {"ok": False, "error": "too_large"}
    except pdfium.PdfiumError:
        return {"ok": False, "error": "format"}  # a page that cannot be loaded (damaged page tree)
    finally:
        document.close()
    return {"ok": True, "pages": pages}


def main(argv: list[str]) -> int:
    memory_bytes = int(argv[1]) if len(argv) > 1 else 0
    cpu_seconds = int(argv[2]) if len(argv) > 2 else 0
    try:
        _limit(memory_bytes, cpu_seconds)
        data = sys.stdin.buffer.read()
        result = extract(data)
        output = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except MemoryError:
        output = b'{"ok":false,"error":"memory"}'
    except (ImportError, OSError):
        # Loading PDFium itself failed: with a small address-space limit, that is memory.
        output = b'{"ok":false,"error":"memory"}' if memory_bytes > 0 else b'{"ok":false,"error":"library"}'
    except Exception:
        # Anything else PDFium or its wrapper raises means a file it cannot read.
        output = b'{"ok":false,"error":"format"}'
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
