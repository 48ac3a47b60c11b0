"""Fountain inline markup: emphasis (``*italic*``, ``**bold**``, ``_underline_``) and ``[[notes]]``."""

from __future__ import annotations

import re

_INLINE_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_EMPHASIS = re.compile(r"(?<!\\)[*_]+")
_ESCAPE = re.compile(r"\\([*_\\])")
_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


def strip_markup(text: str) -> str:
    """The printed text: inline notes and emphasis markers removed, escapes resolved."""
    if "[[" in text:
        text = _INLINE_NOTE.sub("", text)
    if "*" in text or "_" in text:
        text = _ESCAPE.sub(r"\1", _EMPHASIS.sub("", text))
    return text


def count_words(text: str) -> int:
    """Words in the printed text (``don't`` and ``peut-être`` count as one)."""
    return len(_WORD.findall(strip_markup(text)))
