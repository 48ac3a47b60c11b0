"""``clapboard script parse`` prints the JSON, and one clear line on errors (no Django needed).

The command runs in a child process: engine code may not import the CLI (test_architecture).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clapboard.engines.screenplay import MAX_SCRIPT_BYTES

from .fixtures import fixture_path


def _clapboard(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clapboard.cli", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_script_parse_json_in_a_fresh_process() -> None:
    path = fixture_path("rsdoiel-fdx", "sample-06.fountain")
    completed = _clapboard("script", "parse", str(path), "--json")
    assert "django" not in completed.stderr.lower()
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert list(document) == ["title", "format", "page_count", "scenes", "characters"]
    assert document["title"] == "SAMPLE 06"
    assert [s["eighths"] for s in document["scenes"]] == [2, 3, 2]
    assert list(document["scenes"][0]) == [
        "index",
        "number",
        "heading",
        "int_ext",
        "location",
        "time_of_day",
        "page_start",
        "eighths",
        "speaking_characters",
        "characters",
        "text",
    ]
    assert list(document["characters"][0]) == ["name", "scenes", "lines", "words"]


def test_script_parse_keeps_accents_unescaped(tmp_path: Path) -> None:
    script = tmp_path / "nuit.fountain"
    script.write_text("INT. CAFÉ - NUIT\n\nHÉLÈNE\nDéjà.\n", encoding="utf-8")
    completed = _clapboard("script", "parse", str(script), "--json")
    assert completed.returncode == 0, completed.stderr
    output = completed.stdout
    assert "CAFÉ" in output
    assert json.loads(output)["characters"][0]["name"] == "HÉLÈNE"


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"", [], "empty.fountain: the file is empty"),
        (
            b"<?xml version='1.0'?>",
            ["--format", "fdx"],
            "empty.fountain, line 1: not a valid FDX file: the XML is malformed (no element found)",
        ),
    ],
)
def test_script_parse_errors(tmp_path: Path, content: bytes, extra: list[str], message: str) -> None:
    script = tmp_path / "empty.fountain"
    script.write_bytes(content)
    completed = _clapboard("script", "parse", str(script), "--json", *extra)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.strip() == f"clapboard script parse: {message}"


def test_script_parse_missing_file() -> None:
    completed = _clapboard("script", "parse", "/nonexistent/nowhere.fountain")
    assert completed.returncode == 2
    assert "nowhere.fountain" in completed.stderr


def test_script_parse_refuses_an_oversize_file_without_reading_it(tmp_path: Path) -> None:
    script = tmp_path / "huge.fountain"
    with script.open("wb") as handle:  # sparse: the size is there, the bytes are not
        handle.truncate(MAX_SCRIPT_BYTES + 1)
    completed = _clapboard("script", "parse", str(script), "--json")
    assert completed.returncode == 2
    assert "huge.fountain: the file is too large" in completed.stderr
