"""Bytes to text: BOMs, UTF-16, Windows-1252 with French accents, and bad files."""

from __future__ import annotations

import codecs

import pytest

from clapboard.engines.screenplay import ScreenplayParseError, parse_screenplay
from clapboard.engines.screenplay.decoding import decode_script_bytes

SCRIPT = "INT. CAFÉ DES ÉTOILES - NUIT\n\nHÉLÈNE\nÇa déjà ? Où ça ?\n"


@pytest.mark.parametrize(
    "data",
    [
        SCRIPT.encode("utf-8"),
        codecs.BOM_UTF8 + SCRIPT.encode("utf-8"),
        SCRIPT.encode("utf-16"),
        codecs.BOM_UTF16_BE + SCRIPT.encode("utf-16-be"),
        SCRIPT.encode("cp1252"),
        SCRIPT.encode("latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1"],
)
def test_encodings_keep_french_accents(data: bytes) -> None:
    assert decode_script_bytes(data, source_name="s.fountain") == SCRIPT
    screenplay = parse_screenplay(data, source_name="s.fountain")
    assert screenplay.scenes[0].location == "CAFÉ DES ÉTOILES"
    assert screenplay.characters[0].name == "HÉLÈNE"


def test_windows_1252_quotes_survive() -> None:
    text = decode_script_bytes(
        "JOHN\nIt\u2019s \u201cfine\u201d \u2013 really\u2026\n".encode("cp1252"), source_name="x"
    )
    assert "\u2019" in text
    assert "\u2026" in text


@pytest.mark.parametrize("data", [b"", b"   \n\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files_are_refused_by_name(data: bytes) -> None:
    with pytest.raises(ScreenplayParseError, match=r"^empty\.fountain: the file is empty"):
        parse_screenplay(data, source_name="empty.fountain")


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02binary\x00", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
    ids=["nul", "all-bytes", "png"],
)
def test_binary_junk_is_refused_by_name(data: bytes) -> None:
    with pytest.raises(ScreenplayParseError, match=r"^junk\.fountain: the file is binary"):
        parse_screenplay(data, source_name="junk.fountain")


def test_broken_utf16_is_refused() -> None:
    with pytest.raises(ScreenplayParseError, match="UTF-16"):
        decode_script_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", source_name="bad.txt")


def test_text_that_is_not_a_screenplay() -> None:
    with pytest.raises(ScreenplayParseError, match="does not look like a screenplay"):
        parse_screenplay(b"Dear Sir,\n\nplease find attached my invoice.\n", source_name="letter.txt")


def test_a_bare_pdf_header_is_refused() -> None:
    with pytest.raises(ScreenplayParseError, match=r"script\.pdf: the file is not a readable PDF"):
        parse_screenplay(b"%PDF-1.4", source_name="script.pdf")


def test_format_sniffing_without_extension() -> None:
    with pytest.raises(ScreenplayParseError, match="PDF"):
        parse_screenplay(b"%PDF-1.7\n...", source_name="upload")
    with pytest.raises(ScreenplayParseError, match="FDX"):
        parse_screenplay(b'<?xml version="1.0"?><FinalDraft/>', source_name="upload")
    assert (
        parse_screenplay(
            b"<FinalDraft><Content><Paragraph Type='Action'><Text>Hi.</Text>"
            b"</Paragraph></Content></FinalDraft>",
            source_name="upload",
        ).format
        == "fdx"
    )
    assert parse_screenplay(SCRIPT.encode(), source_name="upload").format == "fountain"


def test_error_carries_file_and_line() -> None:
    error = ScreenplayParseError("bad heading", source_name="a.fountain", line=12)
    assert str(error) == "a.fountain, line 12: bad heading"
    assert isinstance(error, ValueError)
    assert (error.source_name, error.line) == ("a.fountain", 12)
