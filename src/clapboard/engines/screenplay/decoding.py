"""Bytes to text for script files: UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1252.

Order: a BOM decides; otherwise strict UTF-8; otherwise Windows-1252 (a superset of
Latin-1 for printable characters, so French accents typed on Windows or old Macs exported
as Latin-1 survive), and Latin-1 for the five bytes Windows-1252 leaves undefined.
Empty files and binary files (NUL bytes, or many control characters) are refused.
"""

from __future__ import annotations

import codecs

from clapboard.engines.screenplay.model import ScreenplayParseError

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_script_bytes(data: bytes, *, source_name: str = "") -> str:
    """Decode a script file, or raise ScreenplayParseError naming the file."""
    if not data.strip():
        raise ScreenplayParseError("the file is empty", source_name=source_name)
    text = _decode(data, source_name)
    if not text.strip():
        raise ScreenplayParseError("the file is empty", source_name=source_name)
    if "\x00" in text:
        raise ScreenplayParseError(
            "the file is binary, not a text script (it contains NUL bytes)", source_name=source_name
        )
    controls = sum(1 for char in text if char < " " and char not in _ALLOWED_CONTROLS)
    if controls > max(8, len(text) // 100):
        raise ScreenplayParseError("the file is binary, not a text script", source_name=source_name)
    return text


def _decode(data: bytes, source_name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", source_name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source_name)
    if b"\x00" in data:
        raise ScreenplayParseError(
            "the file is binary, not a text script (it contains NUL bytes)", source_name=source_name
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strict(data: bytes, encoding: str, source_name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ScreenplayParseError(
            f"the file claims to be {encoding.upper()} but byte {error.start} is not valid {encoding.upper()}",
            source_name=source_name,
        ) from None
