"""Where the shared screenplay fixtures live, and a reader for the YAML subset Jouvence uses."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

# ../shared/bench/screenplays relative to the repository root (tests never copy them).
REPOSITORY = Path(__file__).resolve().parents[5]
FIXTURES = REPOSITORY.parent / "shared" / "bench" / "screenplays"


def fixture_path(*parts: str) -> Path:
    """The path of a shared fixture; skips the test when the fixture folder is absent."""
    if not FIXTURES.is_dir():
        pytest.skip(f"screenplay fixtures not found at {FIXTURES} (see docs/screenplay-json.md)")
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"fixture {path} is missing")
    return path


def fixture_text(*parts: str) -> str:
    return fixture_path(*parts).read_text(encoding="utf-8")


def fixture_json(*parts: str) -> Any:
    return json.loads(fixture_text(*parts))


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "r": "\r"}


def _scalar(raw: str) -> Any:
    raw = raw.strip()
    if raw == "{}":
        return {}
    if raw == "[]":
        return []
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(1)), raw[1:-1])
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    return raw


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], start: int, parent_indent: int) -> tuple[Any, int]:
    """Parse the nested value that starts at ``lines[start]`` (deeper than ``parent_indent``)."""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or _indent(lines[index]) <= parent_indent:
        return None, index
    indent = _indent(lines[index])
    if lines[index].lstrip().startswith("- "):
        items: list[Any] = []
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
                continue
            if _indent(line) != indent or not line.lstrip().startswith("- "):
                break
            items.append(_scalar(line.lstrip()[2:]))
            index += 1
        return items, index
    mapping: dict[str, Any] = {}
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if _indent(line) != indent:
            break
        key, _, value = line.strip().partition(":")
        mapping[key] = _scalar(value)
        index += 1
    return mapping, index


def read_yaml_documents(text: str) -> list[dict[str, Any]]:
    """The documents of a Jouvence test file: ``---`` separated mappings whose values are
    quoted strings, ``|`` literal blocks, lists of quoted strings or small mappings."""
    documents: list[dict[str, Any]] = []
    for chunk in re.split(r"^---\s*$", text, flags=re.MULTILINE):
        lines = chunk.split("\n")
        document: dict[str, Any] = {}
        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.strip() or line[0] == " ":
                index += 1
                continue
            key, _, value = line.partition(":")
            value = value.strip()
            index += 1
            if value == "|":
                block: list[str] = []
                while index < len(lines) and (not lines[index].strip() or lines[index][:1] == " "):
                    block.append(lines[index])
                    index += 1
                indent = min((_indent(b) for b in block if b.strip()), default=0)
                body = [b[indent:] if b.strip() else "" for b in block]
                while body and body[-1] == "":
                    body.pop()
                document[key] = "\n".join(body) + "\n"
            elif value:
                document[key] = _scalar(value)
            else:
                document[key], index = _block(lines, index, 0)
        if document:
            documents.append(document)
    return documents
