"""PDF import: the shared PDF fixtures against their Fountain sources, a shooting-script
layout built here (margin scene numbers, revision marks, headers, (MORE)/(CONT'D), dual
dialogue), every bad-input case, the child process's limits, and fuzzing."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clapboard.engines.screenplay import ElementKind, Screenplay, ScreenplayParseError, parse_screenplay
from clapboard.engines.screenplay.fountain import parse_fountain
from clapboard.engines.screenplay.pdf import parse_pdf

from .fixtures import fixture_path

# The PDFs of the shared fixtures, each printed by screenplain from the Fountain file beside it.
PDF_FIXTURES = [
    ("fountain-io-samples", "The-Last-Birthday-Card"),
    ("fountain-io-samples", "Brick-and-Steel"),
    ("screenplain-tests", "dialogue-with-blank-line"),
    ("screenplain-tests", "dual-dialogue"),
    ("screenplain-tests", "indentation"),
    ("screenplain-tests", "scene-numbers"),
    ("screenplain-tests", "title-page"),
]
# Documented differences with the Fountain parse: what the printed page cannot tell apart.
# title-page.fountain ends with the action line "SPACE"; printed alone in capitals at the
# action column it reads as a heading, the way a forced ".SPACE" heading would print.
EXTRA_PDF_HEADINGS = {"title-page": ["SPACE"]}


def _page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def _speaking(screenplay: Screenplay) -> list[tuple[str, ...]]:
    return [scene.speaking_characters for scene in screenplay.scenes]


@pytest.mark.parametrize(("folder", "stem"), PDF_FIXTURES, ids=[stem for _, stem in PDF_FIXTURES])
def test_fixture_pdf_reads_like_its_fountain_source(folder: str, stem: str) -> None:
    path = fixture_path(folder, f"{stem}.pdf")
    fountain = parse_fountain(fixture_path(folder, f"{stem}.fountain").read_text(encoding="utf-8"))
    screenplay = parse_screenplay(path.read_bytes(), source_name=path.name)
    assert screenplay.format == "pdf"
    front_pages = 1 if screenplay.title_page else 0  # a title page is not a script page
    assert screenplay.page_count == _page_count(path) - front_pages
    extra = EXTRA_PDF_HEADINGS.get(stem, [])
    assert [s.heading for s in screenplay.scenes if s.heading not in extra] == [
        s.heading for s in fountain.scenes
    ]
    assert [s.number for s in screenplay.scenes if s.heading not in extra] == [
        s.number for s in fountain.scenes
    ]
    assert [c.name for c in screenplay.characters] == [c.name for c in fountain.characters]
    assert [(c.lines, c.words) for c in screenplay.characters] == [
        (c.lines, c.words) for c in fountain.characters
    ]
    if not extra:
        assert _speaking(screenplay) == _speaking(fountain)


def test_the_last_birthday_card_pages_and_eighths() -> None:
    path = fixture_path("fountain-io-samples", "The-Last-Birthday-Card.pdf")
    fountain = parse_fountain(
        fixture_path("fountain-io-samples", "The-Last-Birthday-Card.fountain").read_text(encoding="utf-8")
    )
    screenplay = parse_pdf(path.read_bytes(), source_name=path.name)
    assert screenplay.title == "THE LAST BIRTHDAY CARD"
    assert len(screenplay.scenes) == 48
    assert screenplay.page_count == 19  # 20 pages in the file: the title page and 19 of script
    assert screenplay.page_count == fountain.page_count
    # The text pagination estimate puts a few scenes a page earlier than screenplain printed them.
    shifts = [a.page_start - b.page_start for a, b in zip(screenplay.scenes, fountain.scenes, strict=True)]
    assert set(shifts) <= {0, 1}
    assert shifts.count(0) >= 30
    differences = [
        abs(a.eighths - b.eighths) for a, b in zip(screenplay.scenes, fountain.scenes, strict=True)
    ]
    assert max(differences) <= 1
    assert sum(differences) <= 4
    assert all(s.eighths >= 1 for s in screenplay.scenes)


def test_extended_characters_pdf_has_no_screenplay_in_it() -> None:
    # screenplain printed it in a font without CJK/Arabic glyphs: only "Hello" is text, and
    # the Fountain source has no heading and no cue either.
    path = fixture_path("screenplain-tests", "extended-characters.pdf")
    with pytest.raises(
        ScreenplayParseError, match=r"extended-characters\.pdf: .*does not look like a screenplay"
    ):
        parse_pdf(path.read_bytes(), source_name=path.name)


# A PDF written by hand ---------------------------------------------------------------------


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def make_pdf(pages: list[list[tuple[float, int, str]]], *, encrypt: bool = False) -> bytes:
    """A Letter-size PDF in Courier 12: per page, (x in inches, row from the top, text)."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
        b"",
    ]
    page_ids: list[int] = []
    for rows in pages:
        content = b"".join(
            b"BT /F1 12 Tf %.2f %.2f Td (%s) Tj ET\n" % (x * 72, 792 - 72 - 9 - row * 12, _escape(text))
            for x, row, text in rows
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 1 0 R >> >>"
            b" /Contents %d 0 R >>" % len(objects)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % number for number in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    catalog = len(objects)
    trailer_extra = b""
    if encrypt:
        # A standard security handler whose keys match no empty password.
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32))
        trailer_extra = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objects), b"ab" * 16, b"ab" * 16)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, trailer_extra, xref)
    )
    return out.getvalue()


ACTION, DIALOGUE, PARENTHETICAL, CUE, NUMBER_LEFT, NUMBER_RIGHT = 1.5, 2.5, 3.1, 3.7, 0.75, 7.3


def _header(page: int) -> list[tuple[float, int, str]]:
    rows = [(1.5, -3, "Blue Revision - 01/02/26")]
    if page > 1:
        rows.append((7.0, -3, f"{page}."))
    return rows


SHOOTING_SCRIPT = [
    [
        *_header(1),
        (NUMBER_LEFT, 0, "1"),
        (ACTION, 0, "INT. KITCHEN - NIGHT"),
        (NUMBER_RIGHT, 0, "1"),
        (ACTION, 2, "ANNA stirs a pot. CLARA watches from the door."),
        (CUE, 4, "ANNA"),
        (PARENTHETICAL, 5, "(to herself)"),
        (DIALOGUE, 6, "Too much salt."),
        (7.7, 6, "*"),
        (2.6, 8, "ANNA"),
        (5.3, 8, "CLARA"),
        (1.6, 9, "Who's there?"),
        (4.4, 9, "Only me."),
        *[
            (ACTION, row, "The soup boils over, again and again, for a very long time.")
            for row in range(11, 49)
        ],
        (CUE, 50, "BEN"),
        (DIALOGUE, 51, "I came as soon as I heard about"),
        (DIALOGUE, 52, "the soup, and I brought bread"),
        (CUE, 53, "(MORE)"),
    ],
    [
        *_header(2),
        (CUE, 0, "BEN (CONT'D)"),
        (DIALOGUE, 1, "and cheese."),
        (6.4, 3, "CUT TO:"),
        (NUMBER_LEFT, 5, "2"),
        (ACTION, 5, "EXT. GARDEN - DAY"),
        (NUMBER_RIGHT, 5, "2"),
        (ACTION, 7, "Rain. BEN runs."),
        (CUE, 9, "CLARA (SUITE)"),
        (DIALOGUE, 10, "Attends-moi !"),
    ],
    [
        *_header(3),
        (NUMBER_LEFT, 0, "3A"),
        (ACTION, 0, "INT. CAR - NIGHT"),
        (NUMBER_RIGHT, 0, "3A"),
        (ACTION, 2, "Silence."),
        (CUE, 4, "BEN (V.O.)"),
        (DIALOGUE, 5, "Drive."),
    ],
]


def test_a_shooting_script_layout() -> None:
    screenplay = parse_pdf(make_pdf(SHOOTING_SCRIPT), source_name="shooting.pdf")
    assert [(s.number, s.heading, s.page_start) for s in screenplay.scenes] == [
        ("1", "INT. KITCHEN - NIGHT", 1),
        ("2", "EXT. GARDEN - DAY", 2),
        ("3A", "INT. CAR - NIGHT", 3),
    ]
    assert screenplay.page_count == 3
    assert _speaking(screenplay) == [("ANNA", "CLARA", "BEN"), ("CLARA",), ("BEN",)]
    assert [(c.name, c.lines, c.words) for c in screenplay.characters] == [
        ("ANNA", 2, 5),
        ("CLARA", 2, 3),
        ("BEN", 2, 17),
    ]
    kitchen = screenplay.scenes[0]
    for noise in ("Blue Revision", "*", "(MORE)", "CONT'D", "2."):
        assert noise not in kitchen.text
    assert "and I brought bread and cheese." in kitchen.text
    dual = [e for e in screenplay.elements if e.dual]
    assert [(e.kind, e.text) for e in dual] == [
        (ElementKind.CHARACTER, "ANNA"),
        (ElementKind.DIALOGUE, "Who's there?"),
        (ElementKind.CHARACTER, "CLARA"),
        (ElementKind.DIALOGUE, "Only me."),
    ]
    kinds = [e.kind for e in screenplay.elements]
    assert ElementKind.PARENTHETICAL in kinds
    assert ElementKind.TRANSITION in kinds
    # A page holds 53 lines (rows 0-52 of page 1, the fullest). Kitchen: 53 lines on page 1
    # and 4 on page 2, 57 x 8 / 53 = 8.6 -> 9. Garden: a blank line and rows 5-10, 7 lines
    # -> 1.06 -> 2. Car: rows 0-5, 6 lines -> 0.9 -> 1.
    assert [s.eighths for s in screenplay.scenes] == [9, 2, 1]


def test_parse_screenplay_routes_pdf() -> None:
    data = make_pdf(SHOOTING_SCRIPT)
    for name, format in (("upload", "auto"), ("script.pdf", "auto"), ("script.bin", "pdf")):
        assert parse_screenplay(data, format=format, source_name=name).format == "pdf"


# Bad input ---------------------------------------------------------------------------------


def test_a_text_file_renamed_pdf() -> None:
    with pytest.raises(ScreenplayParseError, match=r"script\.pdf: the file is not a PDF \(it does not start"):
        parse_screenplay(b"INT. HOUSE - DAY\n\nJOHN\nHello.\n", source_name="script.pdf")


def test_an_empty_pdf_file() -> None:
    with pytest.raises(ScreenplayParseError, match=r"script\.pdf: the file is empty"):
        parse_screenplay(b"", source_name="script.pdf")


def test_a_truncated_pdf() -> None:
    data = make_pdf(SHOOTING_SCRIPT)
    with pytest.raises(ScreenplayParseError, match=r"cut\.pdf: "):
        parse_pdf(data[: len(data) // 3], source_name="cut.pdf")


def test_a_pdf_whose_page_tree_is_a_cycle() -> None:
    data = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
        b"3 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    with pytest.raises(ScreenplayParseError, match=r"loop\.pdf: the file is not a readable PDF"):
        parse_pdf(data, source_name="loop.pdf")


def test_an_encrypted_pdf() -> None:
    with pytest.raises(ScreenplayParseError, match=r"locked\.pdf: the PDF is encrypted"):
        parse_pdf(make_pdf(SHOOTING_SCRIPT, encrypt=True), source_name="locked.pdf")


def test_a_scanned_pdf_without_text() -> None:
    document = pdfium.PdfDocument.new()
    page = document.new_page(612, 792)
    image = pdfium.PdfImage.new(document)
    bitmap = pdfium.PdfBitmap.new_native(40, 40, pdfium.raw.FPDFBitmap_BGR)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(400, 400).translate(100, 200))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    with pytest.raises(ScreenplayParseError, match=r"scan\.pdf: the PDF has no text layer") as raised:
        parse_pdf(buffer.getvalue(), source_name="scan.pdf")
    assert "export the script as PDF or Fountain from the writing program" in str(raised.value)


def test_a_pdf_whose_text_is_not_a_screenplay() -> None:
    letter = [[(1.0, 0, "Dear Sir,"), (1.0, 2, "Please find attached my invoice for March.")]]
    with pytest.raises(ScreenplayParseError, match=r"invoice\.pdf: .*does not look like a screenplay"):
        parse_pdf(make_pdf(letter), source_name="invoice.pdf")


def test_time_limit() -> None:
    with pytest.raises(ScreenplayParseError, match=r"slow\.pdf: reading the PDF took longer than"):
        parse_pdf(make_pdf(SHOOTING_SCRIPT), source_name="slow.pdf", time_limit=0.001)


def test_memory_limit() -> None:
    with pytest.raises(ScreenplayParseError, match=r"big\.pdf: .*memory"):
        parse_pdf(make_pdf(SHOOTING_SCRIPT), source_name="big.pdf", memory_limit=16 * 1024 * 1024)


_VALID = make_pdf(SHOOTING_SCRIPT)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300).map(lambda tail: b"%PDF-1." + tail),
        st.tuples(st.integers(0, len(_VALID) - 1), st.binary(min_size=1, max_size=40)).map(
            lambda cut: _VALID[: cut[0]] + cut[1] + _VALID[cut[0] + len(cut[1]) :]
        ),
    )
)
def test_fuzz_pdf_bytes(data: bytes) -> None:
    message = ""
    try:
        parse_screenplay(data, source_name="fuzz.pdf")
    except ScreenplayParseError as error:
        message = str(error)
    assert not message or message.startswith("fuzz.pdf: ")
