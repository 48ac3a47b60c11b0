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
    by the screenplay engine's rules (``engines/screenplay/introductions.py``, the same
    that list the scene's characters): an introduction in parentheses (``RONAN (50
    ans…)``), a description after a comma (``JOB, le mari``), an age after a comma
    (``LUCIE, 32 ans``), a word for one person (``Un PÊCHEUR``, ``A WAITER``, ``Le
    MAIRE``; several, ``Deux GENDARMES``, stay background), or a sentence that starts
    with them and goes on in lower case (``JOHN enters.``). The lexicon adds what those
    rules cannot tell: capitals it knows as something else (``BANG``, ``SLAMS``, ``un
    TRACTEUR``) are that, unless they hold a word for one person; a description that
    names no person but an animal, a vehicle or a prop gives that category (``MOUSSE, un
    vieux chien`` is an animal). Drawn-out cries (``WHOOOSH``) are sound; camera words,
    pronouns and emphasis (``POV``, ``NOTHING``, ``ELLE``) are ignored; so are capitals
    between quotes (signs, tags) and paragraphs written all in capitals (transitions,
    title cards).
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

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from clapboard.engines.breakdown.categories import category as _category
from clapboard.engines.breakdown.lexicon import (
    Lexicon,
    LexiconMatch,
    default_lexicon,
    detect_language,
    prepare,
)
from clapboard.engines.screenplay.assemble import cue_name
from clapboard.engines.screenplay.introductions import (
    Evidence,
    Introduction,
    NameIndex,
    Word,
    capital_runs,
    capital_words,
    inside,
    introduction_vocabulary,
    is_capital,
    is_drawn_out,
    quoted_spans,
    read_run,
    words,
)
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
# Categories an apposition can give a new name when it does not describe a person.
_APPOSITION_CATEGORIES = ("animals", "vehicles", "props")


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
class _Paragraph:
    start: int
    end: int
    kind: str  # "action", "dialogue" or "transition"


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


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


class _Names:
    """Known names (speakers, names introduced earlier) and the category of each."""

    def __init__(self, categories: Mapping[str, str]) -> None:
        self.categories = dict(categories)
        self.index = NameIndex(self.categories)

    def known(self, name: str) -> bool:
        return name in self.categories

    def with_names(self, extra: Mapping[str, str]) -> _Names:
        return _Names({**extra, **self.categories})

    def match(self, found: list[Word], position: int) -> tuple[str, str, int] | None:
        """(name, category, number of words) of the known name at ``found[position]``."""
        known = self.index.match(found, position)
        if known is None:
            return None
        return known[0], self.categories[known[0]], known[1]


def _known_names(speakers: Iterable[str], introduced: Mapping[str, str]) -> _Names:
    categories = dict.fromkeys(speakers, "cast")
    for name, category in introduced.items():
        categories.setdefault(name, category)
    return _Names(categories)


class _SceneReader:
    """Reads one scene; ``read`` returns its suggestions."""

    def __init__(self, scene: Scene, lexicon: Lexicon, names: _Names) -> None:
        self.scene = scene
        self.text = scene.text
        self.prepared = prepare(scene.text)
        self.lexicon = lexicon
        self.names = names
        self.vocabulary = introduction_vocabulary()
        self.suggestions: list[Suggestion] = []
        self.lexicon_hits: list[LexiconMatch] = []
        self.quotes = quoted_spans(scene.text)
        self.words = words(self.prepared.folded)
        self._starts = [word.start for word in self.words]

    def words_in(self, start: int, end: int) -> list[Word]:
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
            self.lexicon_hits.extend(h for h in hits if not inside(self.quotes, h.start, h.end))
        capitals_claimed: list[tuple[int, int]] = []
        for paragraph in paragraphs:
            if paragraph.kind == "action":
                capitals_claimed.extend(self._capitals(paragraph))
        new_names = {
            s.name: s.category
            for s in self.suggestions
            if s.reason == "capitals" and s.category in NAMED_CATEGORIES and not self.names.known(s.name)
        }
        if new_names:
            self.names = self.names.with_names(new_names)
        for start, end in regions:
            self._mentions(start, end)
        self._add_lexicon(capitals_claimed)
        return self._ordered()

    def _add_lexicon(self, claimed: list[tuple[int, int]]) -> None:
        cast_spans = [(s.start, s.end) for s in self.suggestions if s.category == "cast" and s.start >= 0]
        for hit in self.lexicon_hits:
            if inside(claimed, hit.start, hit.end):
                continue
            if any(_overlaps(hit.start, hit.end, a, b) for a, b in cast_spans):
                continue
            reason = "capitals" if hit.entry.capitals_only else "lexicon"
            self.add(hit.entry.category, hit.entry.name, hit.start, hit.end, reason)

    def _capitals(self, paragraph: _Paragraph) -> list[tuple[int, int]]:
        """Suggestions from capitals in an action paragraph (the rules of the screenplay
        engine's ``introductions``, with the lexicon for what they cannot tell); returns the
        spans whose lexicon hits they replace (a role word promoted to cast)."""
        text = self.text
        block = text[paragraph.start : paragraph.end]
        if not any(char.islower() for char in block):
            return []
        claimed: list[tuple[int, int]] = []
        folded = self.prepared.folded
        capitals = capital_words(text, folded, paragraph.start, paragraph.end)
        for run in capital_runs(text, capitals):
            start, end = run[0].start, run[-1].end
            if inside(self.quotes, start, end):
                continue
            if self._known_in_run(run):
                continue
            introduction = read_run(text, folded, (paragraph.start, paragraph.end), run, self.vocabulary)
            hits = [h for h in self.lexicon_hits if _overlaps(h.start, h.end, start, end)]
            if hits:
                # The lexicon knows these capitals (a sound, a vehicle...): only a word for
                # one person (Un PÊCHEUR) makes them someone to cast instead.
                if introduction is not None and introduction.evidence is Evidence.ROLE:
                    self.add("cast", introduction.name, start, end, "capitals")
                    claimed.extend((h.start, h.end) for h in hits if h.entry.category == "background")
                continue
            keys = [word.key for word in run]
            if self.vocabulary.ignored_capitals.issuperset(keys):
                continue
            if len(run) == 1 and is_drawn_out(keys[0]):
                self.add("sound", keys[0], start, end, "capitals")
                continue
            if introduction is not None:
                self.add(self._category(introduction), introduction.name, start, end, "capitals")
        return claimed

    def _known_in_run(self, run: list[Word]) -> bool:
        position, found = 0, False
        while position < len(run):
            known = self.names.match(run, position)
            if known is None:
                position += 1
                continue
            name, category, size = known
            self.add(category, name, run[position].start, run[position + size - 1].end, "capitals")
            position += size
            found = True
        return found

    def _category(self, introduction: Introduction) -> str:
        """Cast, unless a description that names no person names an animal, a vehicle or a
        prop of the lexicon (``MOUSSE, un vieux chien``)."""
        if introduction.evidence is Evidence.APPOSITION and not introduction.is_person:
            start, stop = introduction.description
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
            if not written[:1].isupper() or is_capital(text, word):
                position += 1
                continue
            known = self.names.match(words, position)
            if known is None:
                position += 1
                continue
            name, category, size = known
            last = words[position + size - 1]
            title_case = all(
                text[w.start : w.start + 1].isupper() and not is_capital(text, w)
                for w in words[position : position + size]
            )
            if title_case and not inside(self.quotes, word.start, last.end):
                self.add(category, name, word.start, last.end, "mention")
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
