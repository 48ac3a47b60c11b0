"""Breakdown suggestions: the elements a scene seems to need, each with where it was read.

Entry points: ``suggest(screenplay, *, on_scene=None)`` for a whole script and
``suggest_for_scene(scene, *, speakers, lexicon=None)`` for one scene; ``distinct_elements``
groups the suggestions into one line per element with the scenes it appears in.

A suggestion is never a decision: a person accepts, rejects or edits it. Each one says
why it was made (``reason``):

``dialogue``
    a character who speaks in the scene (cast). The span is the name in the cue, which
    ``Scene.text`` prints; extensions such as ``(V.O.)`` or ``(SUITE)`` are not part of it.
``capitals``
    a name written in capitals in the action, as scripts introduce characters and sound
    effects. Capitals that contain a known character (a speaker of the script, or a name
    introduced earlier) suggest that character. Otherwise, capitals suggest someone new
    only with evidence that they name a person: an introduction in parentheses
    (``RONAN (50 ans…)``), a description after a comma (``JOB, le mari``; a description
    naming an animal, vehicle or prop gives that category instead: ``MOUSSE, un vieux
    chien`` is an animal), a role word of the lexicon (``Un PÊCHEUR``, ``A WAITER``: cast
    when one, background when several), or a sentence that starts with them and goes on
    in lower case (``JOHN enters.``). Sound words in capitals (``BANG``, ``SLAMS``) and
    drawn-out cries (``WHOOOSH``) are sound; camera words, pronouns and emphasis
    (``POV``, ``NOTHING``, ``ELLE``) are ignored; so are capitals between quotes (signs,
    tags) and paragraphs written all in capitals (transitions, title cards).
``lexicon``
    a word or phrase of the lexicon (``lexicon.py``) in the action or in a parenthetical;
    dialogue is not read for elements, since what characters talk about is seldom on
    screen.
``mention``
    a known character named in the action with a capital initial (``Pierrig saute à
    bord``): present without speaking or being introduced again.

Names: cast names are upper case as the screenplay engine writes them (``cue_name``);
other elements take the lexicon's canonical name (``cheval`` for ``CHEVAUX``), so that the
same thing has the same name in every scene. Spans are offsets in ``Scene.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from clapboard.engines.breakdown.categories import category as _category
from clapboard.engines.breakdown.lexicon import (
    Lexicon,
    LexiconMatch,
    default_lexicon,
    detect_language,
    fold,
    prepare,
)
from clapboard.engines.screenplay.assemble import cue_name
from clapboard.engines.screenplay.model import Scene, Screenplay
from clapboard.engines.screenplay.vocabulary import KNOWN_TRANSITIONS

__all__ = [
    "NAMED_CATEGORIES",
    "REASONS",
    "Suggestion",
    "distinct_elements",
    "suggest",
    "suggest_for_scene",
]

REASONS = ("dialogue", "capitals", "lexicon", "mention")
# Categories of things a script can name in capitals and mention again later by that name.
NAMED_CATEGORIES = ("cast", "animals", "vehicles", "props")
# Categories an apposition can give a new name (otherwise the name is a person).
_APPOSITION_CATEGORIES = ("animals", "vehicles", "props")

# A word of the folded text: letters and digits, with inner apostrophes and hyphens
# (kerloc'h, jean-yves), after an elided article or pronoun, which is left out (l'homme).
_WORD = re.compile(r"(?:(?<![\w'])(?:[ldjmnstc]|qu)'(?=\w))?(\w+(?:['\-]\w+)*)")
_DRAWN_OUT = re.compile(r"([^\W\d_])\1\1")
_QUOTED = re.compile(r"«[^»]*»|\u201c[^\u201d]*\u201d|\"[^\"\n]*\"")
_SENTENCE_END = (".", "!", "?", "\u2026", ":", ";", "\u2014", "\u2013")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested breakdown element in one scene.

    ``scene_index`` is ``Scene.index``; ``category`` a category code; ``name`` the
    element's canonical name; ``start``/``end`` the offsets of the text it was read from
    in ``Scene.text`` (-1/-1 when there is none); ``reason`` one of ``REASONS``.
    """

    scene_index: int
    category: str
    name: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    key: str  # folded, without an elided article before or a possessive 's after


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    kind: str  # "action", "dialogue" or "transition"


@dataclass(frozen=True, slots=True)
class _Name:
    words: tuple[str, ...]
    name: str
    category: str


def _paragraphs(text: str, speaking: frozenset[str]) -> list[_Paragraph]:
    """``Scene.text`` cut at blank lines; a paragraph whose first line is a cue of the
    scene is dialogue (cue, parentheticals and speech, as the screenplay engine prints them)."""
    found: list[_Paragraph] = []
    position = 0
    for block in text.split("\n\n"):
        start, end = position, position + len(block)
        position = end + 2
        if not block.strip():
            continue
        first = block.split("\n", 1)[0].strip()
        if cue_name(first) in speaking:
            kind = "dialogue"
        elif "\n" not in block.strip() and _is_transition(first):
            kind = "transition"
        else:
            kind = "action"
        found.append(_Paragraph(start, end, kind))
    return found


def _is_transition(line: str) -> bool:
    if line != line.upper():
        return False
    return line.endswith(":") or line in KNOWN_TRANSITIONS or line.rstrip(".") in KNOWN_TRANSITIONS


def _cue_span(text: str, paragraph: _Paragraph, name: str) -> tuple[int, int]:
    """The span of the name in a cue line (without ``@``, extensions or ``^``)."""
    line_end = text.find("\n", paragraph.start, paragraph.end)
    line = text[paragraph.start : paragraph.end if line_end < 0 else line_end]
    cut = len(line)
    for mark in ("(", "^"):
        found = line.find(mark)
        if found >= 0:
            cut = min(cut, found)
    head = line[:cut]
    start = len(head) - len(head.lstrip())
    if head[start : start + 1] == "@":
        start += 1
    end = len(head.rstrip().rstrip(":"))
    if start >= end or cue_name(head[start:end]) != name:
        return -1, -1
    return paragraph.start + start, paragraph.start + end


def _dialogue_regions(text: str, paragraph: _Paragraph) -> list[tuple[int, int]]:
    """The parentheticals of a dialogue paragraph, which are stage directions."""
    regions: list[tuple[int, int]] = []
    position = paragraph.start
    inside = False
    for index, line in enumerate(text[paragraph.start : paragraph.end].split("\n")):
        stripped = line.strip()
        if index and (inside or stripped.startswith("(")):
            regions.append((position, position + len(line)))
            inside = not stripped.endswith(")")
        position += len(line) + 1
    return regions


def _words(folded: str) -> list[_Word]:
    """The words of a folded text; a possessive ``'s`` is left out of the word."""
    found: list[_Word] = []
    for match in _WORD.finditer(folded):
        word_start, word_end = match.span(1)
        if folded.endswith("'s", word_start, word_end) and word_end - word_start > 2:
            word_end -= 2
        found.append(_Word(word_start, word_end, folded[word_start:word_end]))
    return found


def _is_capital(text: str, word: _Word) -> bool:
    written = text[word.start : word.end]
    return written.isupper() and sum(char.isalpha() for char in written) >= 2


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in _QUOTED.finditer(text, start, end)]


def _inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _runs(text: str, words: list[_Word]) -> list[list[_Word]]:
    """Runs of capital words separated by spaces only (a line break or punctuation ends one)."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if not _is_capital(text, word):
            if current:
                runs.append(current)
            current = []
            continue
        if current and (text[current[-1].end : word.start].strip(" \t") or current[-1].end == word.start):
            runs.append(current)
            current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


class _NameIndex:
    """Known names (speakers, names introduced earlier) by their first folded word."""

    def __init__(self, names: Iterable[_Name]) -> None:
        self.names = tuple(names)
        index: dict[str, list[_Name]] = {}
        for name in self.names:
            if name.words:
                index.setdefault(name.words[0], []).append(name)
        self._index = {
            key: sorted(found, key=lambda n: (-len(n.words), n.name)) for key, found in index.items()
        }

    def known(self, name: str) -> bool:
        return any(n.name == name for n in self.names)

    def with_names(self, extra: Iterable[_Name]) -> _NameIndex:
        return _NameIndex([*self.names, *extra])

    def match(self, words: list[_Word], position: int) -> _Name | None:
        for candidate in self._index.get(words[position].key, ()):
            size = len(candidate.words)
            if position + size <= len(words) and all(
                words[position + offset].key == candidate.words[offset] for offset in range(1, size)
            ):
                return candidate
        return None


def _known_names(speakers: Iterable[str], introduced: Mapping[str, str]) -> _NameIndex:
    names = [_Name(tuple(fold(n).split()), n, "cast") for n in sorted(speakers) if len(n) > 1]
    names += [
        _Name(tuple(fold(n).split()), n, category)
        for n, category in sorted(introduced.items())
        if len(n) > 1 and n not in speakers
    ]
    return _NameIndex(names)


class _SceneReader:
    """Reads one scene; ``read`` returns its suggestions."""

    def __init__(self, scene: Scene, lexicon: Lexicon, names: _NameIndex) -> None:
        self.scene = scene
        self.text = scene.text
        self.prepared = prepare(scene.text)
        self.lexicon = lexicon
        self.names = names
        self.suggestions: list[Suggestion] = []
        self.lexicon_hits: list[LexiconMatch] = []
        self.quotes = _quoted(scene.text, 0, len(scene.text))
        self.words = _words(self.prepared.folded)
        self._starts = [word.start for word in self.words]

    def words_in(self, start: int, end: int) -> list[_Word]:
        return self.words[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def add(self, category: str, name: str, start: int, end: int, reason: str) -> None:
        self.suggestions.append(Suggestion(self.scene.index, category, name, start, end, reason))

    def read(self) -> list[Suggestion]:
        speaking = frozenset(self.scene.speaking_characters)
        paragraphs = _paragraphs(self.text, speaking)
        cued: set[str] = set()
        regions: list[tuple[int, int]] = []
        for paragraph in paragraphs:
            if paragraph.kind == "dialogue":
                name = cue_name(self.text[paragraph.start : paragraph.end].split("\n", 1)[0])
                start, end = _cue_span(self.text, paragraph, name)
                if start >= 0:
                    cued.add(name)
                    self.add("cast", name, start, end, "dialogue")
                regions.extend(_dialogue_regions(self.text, paragraph))
            elif paragraph.kind == "action":
                regions.append((paragraph.start, paragraph.end))
        for name in self.scene.speaking_characters:
            if name not in cued:
                self.add("cast", name, -1, -1, "dialogue")
        for start, end in regions:
            hits = self.lexicon.find(self.prepared, start, end)
            self.lexicon_hits.extend(h for h in hits if not _inside(self.quotes, h.start, h.end))
        capitals_claimed: list[tuple[int, int]] = []
        for paragraph in paragraphs:
            if paragraph.kind == "action":
                capitals_claimed.extend(self._capitals(paragraph))
        new_names = {
            s.name: _Name(tuple(fold(s.name).split()), s.name, s.category)
            for s in self.suggestions
            if s.reason == "capitals" and s.category in NAMED_CATEGORIES and not self.names.known(s.name)
        }
        if new_names:
            self.names = self.names.with_names(new_names.values())
        for start, end in regions:
            self._mentions(start, end)
        self._add_lexicon(capitals_claimed)
        return self._ordered()

    def _add_lexicon(self, claimed: list[tuple[int, int]]) -> None:
        cast_spans = [(s.start, s.end) for s in self.suggestions if s.category == "cast" and s.start >= 0]
        for hit in self.lexicon_hits:
            if _inside(claimed, hit.start, hit.end):
                continue
            if any(_overlaps(hit.start, hit.end, a, b) for a, b in cast_spans):
                continue
            reason = "capitals" if hit.entry.capitals_only else "lexicon"
            self.add(hit.entry.category, hit.entry.name, hit.start, hit.end, reason)

    def _capitals(self, paragraph: _Paragraph) -> list[tuple[int, int]]:
        """Suggestions from capitals in an action paragraph; returns the spans whose lexicon
        hits they replace (a role word promoted to cast)."""
        text = self.text
        block = text[paragraph.start : paragraph.end]
        if not any(char.islower() for char in block):
            return []
        claimed: list[tuple[int, int]] = []
        words = self.words_in(paragraph.start, paragraph.end)
        for run in _runs(text, words):
            start, end = run[0].start, run[-1].end
            if _inside(self.quotes, start, end):
                continue
            if self._known_in_run(run):
                continue
            hits = [h for h in self.lexicon_hits if _overlaps(h.start, h.end, start, end)]
            if hits:
                claimed.extend(self._role_in_capitals(run, hits))
                continue
            keys = [word.key for word in run]
            if all(key in self.lexicon.ignored_capitals for key in keys):
                continue
            if len(run) == 1 and _DRAWN_OUT.search(keys[0]):
                self.add("sound", keys[0], start, end, "capitals")
                continue
            found = self._person_evidence(paragraph, run, words)
            if found is not None:
                self.add(found, cue_name(text[start:end]), start, end, "capitals")
        return claimed

    def _known_in_run(self, run: list[_Word]) -> bool:
        position, found = 0, False
        while position < len(run):
            known = self.names.match(run, position)
            if known is None:
                position += 1
                continue
            last = run[position + len(known.words) - 1]
            self.add(known.category, known.name, run[position].start, last.end, "capitals")
            position += len(known.words)
            found = True
        return found

    def _role_in_capitals(self, run: list[_Word], hits: list[LexiconMatch]) -> list[tuple[int, int]]:
        """A role word in capitals (``Un PÊCHEUR``) is someone to cast; several stay background."""
        roles = [h for h in hits if h.entry.category == "background"]
        if not roles or any(h.plural for h in roles):
            return []
        start, end = run[0].start, run[-1].end
        self.add("cast", cue_name(self.text[start:end]), start, end, "capitals")
        return [(h.start, h.end) for h in roles]

    def _person_evidence(self, paragraph: _Paragraph, run: list[_Word], words: list[_Word]) -> str | None:
        """The category of a new name in capitals, or None without evidence that it names one."""
        text = self.text
        start, end = run[0].start, run[-1].end
        after = text[end : paragraph.end]
        if after.lstrip(" ").startswith("("):
            return "cast"
        if after.startswith(", "):
            following = [w for w in words if w.start > end]
            if following and following[0].key in self.lexicon.articles:
                return self._apposition(end, paragraph.end)
        if run[0].key in self.lexicon.ignored_capitals:
            return None
        before = text[paragraph.start : start].rstrip()
        starts_sentence = not before or before.endswith(_SENTENCE_END)
        goes_on = after[:1] == " " and after[1:2].islower()
        if starts_sentence and (goes_on or after[:2] in ("'s", "\u2019s")):
            return "cast"
        return None

    def _apposition(self, start: int, limit: int) -> str:
        stop = start + 2
        while stop < limit and self.text[stop] not in ",.;:!?()\n":
            stop += 1
        for hit in self.lexicon.find(self.prepared, start, stop):
            if hit.entry.category in _APPOSITION_CATEGORIES:
                return hit.entry.category
        return "cast"

    def _mentions(self, start: int, end: int) -> None:
        text = self.text
        words = self.words_in(start, end)
        position = 0
        while position < len(words):
            word = words[position]
            written = text[word.start : word.end]
            if not written[:1].isupper() or _is_capital(text, word):
                position += 1
                continue
            known = self.names.match(words, position)
            if known is None:
                position += 1
                continue
            size = len(known.words)
            last = words[position + size - 1]
            title_case = all(
                text[w.start : w.start + 1].isupper() and not _is_capital(text, w)
                for w in words[position : position + size]
            )
            if title_case and not _inside(self.quotes, word.start, last.end):
                self.add(known.category, known.name, word.start, last.end, "mention")
            position += size

    def _ordered(self) -> list[Suggestion]:
        unique = dict.fromkeys(self.suggestions)
        seen: set[tuple[str, str, int, int]] = set()
        kept: list[Suggestion] = []
        for suggestion in unique:
            key = (suggestion.category, suggestion.name, suggestion.start, suggestion.end)
            if key not in seen:
                seen.add(key)
                kept.append(suggestion)
        return sorted(kept, key=_sort_key)


def _sort_key(suggestion: Suggestion) -> tuple[int, int, int, int, str, int]:
    return (
        suggestion.scene_index,
        suggestion.start,
        suggestion.end,
        _category(suggestion.category).order,
        suggestion.name,
        REASONS.index(suggestion.reason),
    )


def suggest_for_scene(
    scene: Scene,
    *,
    speakers: frozenset[str],
    lexicon: Lexicon | None = None,
    introduced: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """The suggestions for one scene, in text order (suggestions without a span first).

    ``speakers`` are the speaking characters of the whole script (``cue_name`` form);
    ``introduced`` maps names introduced in capitals in earlier scenes to their category,
    so that later mentions find them (``suggest`` fills it). Without ``lexicon``, the
    shipped one for the language of the scene's text is used.
    """
    if lexicon is None:
        lexicon = default_lexicon(detect_language([scene.text]))
    names = _known_names(speakers | frozenset(scene.speaking_characters), introduced or {})
    return _SceneReader(scene, lexicon, names).read()


def suggest(
    screenplay: Screenplay,
    *,
    on_scene: Callable[[int, int], None] | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[Suggestion, ...]:
    """The suggestions for every scene, in scene order then text order.

    The script's language is detected once (French or English; both when unclear) to
    choose the lexicon, unless ``lexicon`` is given. Names introduced in capitals (a
    character who never speaks, a named dog) are remembered for the scenes after.
    ``on_scene(done, total)`` is called after each scene.
    """
    speakers = frozenset(character.name for character in screenplay.characters)
    if lexicon is None:
        lexicon = default_lexicon(detect_language(scene.text for scene in screenplay.scenes))
    introduced: dict[str, str] = {}
    found: list[Suggestion] = []
    total = len(screenplay.scenes)
    names = _known_names(speakers, introduced)
    for done, scene in enumerate(screenplay.scenes, start=1):
        if not speakers.issuperset(scene.speaking_characters):
            names = _known_names(speakers | frozenset(scene.speaking_characters), introduced)
        scene_suggestions = _SceneReader(scene, lexicon, names).read()
        found.extend(scene_suggestions)
        known = len(introduced)
        for suggestion in scene_suggestions:
            if (
                suggestion.reason == "capitals"
                and suggestion.category in NAMED_CATEGORIES
                and suggestion.name not in speakers
            ):
                introduced.setdefault(suggestion.name, suggestion.category)
        if len(introduced) != known:
            names = _known_names(speakers, introduced)
        if on_scene is not None:
            on_scene(done, total)
    return tuple(found)


def distinct_elements(suggestions: Iterable[Suggestion]) -> list[tuple[str, str, tuple[int, ...]]]:
    """One ``(category, name, scene_indexes)`` per element, in category display order, then
    by first scene, then by name; scene indexes ascending and without repeats."""
    scenes: dict[tuple[str, str], set[int]] = {}
    for suggestion in suggestions:
        scenes.setdefault((suggestion.category, suggestion.name), set()).add(suggestion.scene_index)
    rows = [(code, name, tuple(sorted(indexes))) for (code, name), indexes in scenes.items()]
    return sorted(rows, key=lambda row: (_category(row[0]).order, row[2][0], row[1]))
