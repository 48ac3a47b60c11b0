"""Characters introduced in capitals in the action, and the evidence that a name is a person.

Screenplays write a character's name in capitals where they first appear, and usually
say who they are: ``RONAN (50 ans, cotte de travail)``, ``JOB, le mari``, ``A WAITER
brings the bill``, ``JOHN enters``. Sound effects, camera directions and emphasis are
written in capitals too (``BANG``, ``CLOSE ON``, ``NOT``), so capitals alone are no
evidence. This module holds the rules once: the screenplay engine uses them to list the
characters of a scene (``assemble.py``), and the breakdown suggestions
(``engines/breakdown/suggest.py``) add their lexicon, which can tell an animal, a vehicle
or a prop from a person.

A *run* is a sequence of words in capitals (at least two letters each) separated by
spaces only, in an action paragraph that has lower-case letters (a paragraph all in
capitals is a transition or a title card). A run between quotes (a sign, a tag) or made
only of ignored words (``capitals_ignored`` in ``data/introductions.json``: camera words,
pronouns, emphasis, acronyms) is nobody; a drawn-out cry (``WHOOOSH``) is a sound. A run
that names someone already known (a speaking character, a name introduced earlier) is a
mention of them, found by the caller. Any other run is a new name when one of these holds
(``Evidence``):

``role``
    the run contains a word for one person (``people`` in the data: ``Un PÊCHEUR``,
    ``A WAITER``, ``Le RECTEUR``, ``his WIFE``). Otherwise a plural of such a word or a
    group (``Deux GENDARMES``, ``la FOULE``) is nobody, and so is a run with a sound
    effect (``sounds`` in the data: ``BANG``, ``the door SLAMS``, ``SIRENS wail``);
``parenthesis``
    a bracket follows: ``RONAN (50 ans…)``, ``JOHN (40s)``;
``apposition``
    a comma and an article follow: ``JOB, le mari``. The description names a person when
    its first or second word after the article is a word for a person or an age (``le
    mari``, ``une jeune femme``, ``la trentaine``); otherwise (``MOUSSE, un vieux
    chien``) only a lexicon can tell, and ``is_person`` is False;
``age``
    a comma and an age follow: ``JOHN, 40s,``, ``SARAH, 32, a lawyer``;
``sentence``
    a sentence starts with the run, which does not start with an ignored word, and goes
    on in lower case or with a possessive: ``JOHN enters.``, ``JOHN's car``.

The known limit: these words cannot tell an animal, a vehicle or a prop from a person,
so a thing in capitals that comes with such evidence (``TRACTEUR (rouge)``, ``GLOCK in
hand, he runs``) is taken for a new name; only the breakdown lexicon can say what it is.

The words are versioned data (``data/introductions.json``, with its version, source and
date of effect). Words are compared folded (``fold``: lower case, no accents, straight
apostrophes), so ``SÉCURITÉ`` and ``SECURITE`` are one word.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Evidence",
    "Introduction",
    "IntroductionVocabulary",
    "NameIndex",
    "Word",
    "capital_runs",
    "capital_words",
    "find_introductions",
    "fold",
    "inside",
    "introduction_vocabulary",
    "is_capital",
    "is_drawn_out",
    "lower",
    "may_have_capitals",
    "quoted_spans",
    "read_run",
    "strip_accents",
    "words",
]

DATA = Path(__file__).resolve().parent / "data" / "introductions.json"

# A word of a folded text: letters and digits, with inner apostrophes and hyphens
# (kerloc'h, jean-yves), after an elided article or pronoun, which is left out (l'homme).
_WORD = re.compile(r"(?:(?<![\w'])(?:[ldjmnstc]|qu)'(?=\w))?(\w+(?:['\-]\w+)*)")
_DRAWN_OUT = re.compile(r"([^\W\d_])\1\1")
_QUOTED = re.compile(r"«[^»]*»|\u201c[^\u201d]*\u201d|\"[^\"\n]*\"")
_QUOTE_MARKS = frozenset('«\u201c"')
# Two characters that may be capital letters (Latin-1 capitals, or anything beyond
# Latin-1) in one word: a word in capitals has such a pair, and words never cross a space,
# so only the stretch between spaces around a pair needs reading.
_MAYBE_CAPITAL = "[A-ZÀ-ÖØ-Þ\u0100-\U0010ffff]"
_CAPITAL_PAIR = re.compile(rf"{_MAYBE_CAPITAL}[\w'\u2019\u2018\u02bc\u00b4`\-]*?{_MAYBE_CAPITAL}")
_SPACE = re.compile(r"\s")
# A stretch between spaces holding one word of letters only, between punctuation that
# joins no word: "SCOTT", "(SCOTT),".
_NO_JOIN = r"[^\w'\u2019\u2018\u02bc\u00b4`\-]*"
_LETTERS_ONLY = re.compile(rf"{_NO_JOIN}([^\W\d_]+){_NO_JOIN}")
_SENTENCE_END = (".", "!", "?", "\u2026", ":", ";", "\u2014", "\u2013")
_DESCRIPTION_END = ",.;:!?()\n"
_OPENING = re.compile(r" *\(")
# An age after a comma: 40s, 45, 62 ans, mid-40s, late 30s, 32 years old.
_AGE = re.compile(r"(?:(?:early|mid|late)[- ]?)?\d{1,2}(?:s|'s)?(?: ?ans| years?(?: old)?| yo)?(?=[,.;:)]|$)")
_AGE_QUALIFIERS = frozenset({"early", "mid", "late"})
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"


def _accent_table() -> dict[int, str]:
    """Letters with a diacritic mapped to their lower-case base letter (one character each)."""
    table: dict[int, str] = {}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
    return table


_ACCENTS = _accent_table()


def lower(text: str) -> str:
    """``text`` in lower case with straight apostrophes, and the SAME length as ``text``.

    Offsets into the result are offsets into ``text``; a character whose lower case is
    longer than one character (``İ``) is kept as it is.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    for quote in _APOSTROPHES:
        if quote in lowered:
            lowered = lowered.replace(quote, "'")
    return lowered


def strip_accents(text: str) -> str:
    """``text`` with each letter that has a diacritic replaced by its lower-case base
    letter (``é`` → ``e``, ``É`` → ``e``): the same length as ``text``."""
    return text.translate(_ACCENTS)


def fold(text: str) -> str:
    """``lower(text)`` without accents (still the same length as ``text``)."""
    return lower(text).translate(_ACCENTS)


class Word(NamedTuple):
    """A word of a text: ``start``/``end`` offsets and ``key``, its folded form (``fold``)
    without an elided article before (``l'``) or a possessive ``'s`` after."""

    start: int
    end: int
    key: str


def words(folded: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``folded[start:end]`` (a text folded by ``fold``)."""
    found: list[Word] = []
    stop = len(folded) if end is None else end
    for match in _WORD.finditer(folded, start, stop):
        word_start, word_end = match.span(1)
        if folded.endswith("'s", word_start, word_end) and word_end - word_start > 2:
            word_end -= 2
        found.append(Word(word_start, word_end, folded[word_start:word_end]))
    return found


def _capitals(written: str) -> bool:
    return written.isupper() and (
        len(written) >= 2 if written.isalpha() else sum(char.isalpha() for char in written) >= 2
    )


def is_capital(text: str, word: Word) -> bool:
    """Whether ``word`` is written in capitals in ``text``, with at least two letters."""
    return _capitals(text[word.start : word.end])


def capital_words(text: str, lowered: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` written in capitals (the ``words`` that are
    ``is_capital``), with folded keys; ``lowered`` is ``lower(text)`` or ``fold(text)``.

    Only the stretches between spaces that can hold a word in capitals are read: fast on
    a long text with few capitals.
    """
    found: list[Word] = []
    stop = len(text) if end is None else end
    position = start
    while (pair := _CAPITAL_PAIR.search(text, position, stop)) is not None:
        stretch_start = pair.start()
        while stretch_start > position and not text[stretch_start - 1].isspace():
            stretch_start -= 1
        space = _SPACE.search(text, pair.end(), stop)
        position = stop if space is None else space.start()
        simple = _LETTERS_ONLY.fullmatch(text, stretch_start, position)
        if simple is not None:  # the usual case, one word of letters only: no need to tokenise
            word_start, word_end = simple.span(1)
            if word_end - word_start >= 2 and text[word_start:word_end].isupper():
                found.append(Word(word_start, word_end, lowered[word_start:word_end].translate(_ACCENTS)))
            continue
        for match in _WORD.finditer(lowered, stretch_start, position):
            word_start, word_end = match.span(1)
            if lowered.endswith("'s", word_start, word_end) and word_end - word_start > 2:
                word_end -= 2
            if _capitals(text[word_start:word_end]):
                found.append(Word(word_start, word_end, lowered[word_start:word_end].translate(_ACCENTS)))
    return found


def may_have_capitals(text: str) -> bool:
    """False when ``text`` has no word in capitals (two capital letters in one word): a
    quick test that lets a caller skip a paragraph."""
    return _CAPITAL_PAIR.search(text) is not None


def is_drawn_out(key: str) -> bool:
    """Whether a word repeats a letter three times (``whooosh``, ``aaah``): a cry or a sound."""
    return _DRAWN_OUT.search(key) is not None


def quoted_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of the text between quotes (``« »``, curly or straight double quotes)."""
    stop = len(text) if end is None else end
    return [match.span() for match in _QUOTED.finditer(text, start, stop)]


def inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` lies within one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)


def capital_runs(text: str, capitals: Sequence[Word]) -> list[list[Word]]:
    """Runs of the words in capitals of a text (``capital_words``, in order) separated by
    spaces only: a line break, punctuation or a word not in capitals ends a run."""
    runs: list[list[Word]] = []
    current: list[Word] = []
    for word in capitals:
        if current and (text[current[-1].end : word.start].strip(" \t") or current[-1].end == word.start):
            runs.append(current)
            current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _phrase_index(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {key: tuple(sorted(found, key=lambda p: (-len(p), p))) for key, found in index.items()}


def _match(index: Mapping[str, tuple[tuple[str, ...], ...]], found: Sequence[Word], position: int) -> int:
    """The length of the longest phrase of ``index`` at ``found[position]``, or 0."""
    for phrase in index.get(found[position].key, ()):
        size = len(phrase)
        if position + size <= len(found) and all(
            found[position + offset].key == phrase[offset] for offset in range(1, size)
        ):
            return size
    return 0


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(word.key for word in words(fold(phrase)))


@dataclass(frozen=True, eq=False)
class IntroductionVocabulary:
    """The versioned words of the rules (``data/introductions.json``), folded.

    ``terms`` maps a language and a list (``people.roles``, ``people.generic``,
    ``people.relations``, ``people.groups``, ``sounds.words``, ``sounds.capitals``) to its
    terms as written in the data (``"monsieur|messieurs"``), for the breakdown lexicon,
    which suggests the roles, generic people and groups as background and the sounds as
    sound.
    """

    version: int
    effective_from: date
    source: str
    articles: frozenset[str]
    ignored_capitals: frozenset[str]
    ages: frozenset[str]
    terms: Mapping[str, Mapping[str, tuple[str, ...]]]
    persons: Mapping[str, tuple[tuple[str, ...], ...]]
    groups: frozenset[str]
    sounds: frozenset[str]
    sound_phrases: Mapping[str, tuple[tuple[str, ...], ...]]

    def person_at(self, found: Sequence[Word], position: int) -> int:
        """The number of words of the word for one person at ``found[position]``, or 0."""
        return _match(self.persons, found, position)

    def is_group(self, key: str) -> bool:
        """Whether a folded word names several people: a group word (``foule``, ``crowd``),
        an irregular plural (``messieurs``), or a regular plural of a one-word person or
        group (``gendarmes``, ``policemen``)."""
        return key in self.groups

    def has_sound(self, found: Sequence[Word]) -> bool:
        """Whether words (a run) contain a sound effect or its plural (``SLAMS``, ``CAR HORN``)."""
        if not self.sounds.isdisjoint(word.key for word in found):
            return True
        return any(
            _match(self.sound_phrases, found, position)
            for position, word in enumerate(found)
            if word.key in self.sound_phrases
        )


def _regular_plurals(word: str, language: str) -> list[str]:
    """The usual plurals of a folded word (irregular ones are given in the data)."""
    if language == "fr":
        if word.endswith(("s", "x", "z")):
            return []
        if word.endswith("al"):
            return [word[:-2] + "aux", word + "s"]
        if word.endswith(("eau", "au", "eu")):
            return [word + "x", word + "s"]
        return [word + "s"]
    if word.endswith("man"):
        return [word[:-3] + "men", word + "s"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _forms(term: str, language: str) -> tuple[tuple[str, ...], list[str]]:
    """The folded words of a term's singular, and its plurals as single folded words (the
    regular ones of a one-word term, and those the data gives after ``|``)."""
    singular, *irregular = (part.strip() for part in term.split("|"))
    keys = _keys(singular)
    plurals = [fold(plural) for plural in irregular]
    if len(keys) == 1:
        plurals.extend(_regular_plurals(keys[0], language))
    return keys, plurals


def _read(path: Path) -> IntroductionVocabulary:
    raw = json.loads(path.read_text(encoding="utf-8"))
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    persons: list[tuple[str, ...]] = []
    groups: set[str] = set()
    ages: set[str] = set()
    sounds: set[str] = set()
    sound_phrases: list[tuple[str, ...]] = []
    for kind in ("people", "sounds"):
        for language, lists in raw[kind].items():
            for group, written in lists.items():
                if kind == "people" and group == "ages":
                    ages.update(fold(str(term)) for term in written)
                    continue
                terms.setdefault(str(language), {})[f"{kind}.{group}"] = tuple(str(term) for term in written)
                for term in written:
                    keys, plurals = _forms(str(term), str(language))
                    if kind == "sounds":
                        sounds.update(plurals)
                        if len(keys) == 1:
                            sounds.update(keys)
                        else:
                            sound_phrases.append(keys)
                        continue
                    if group == "groups":
                        groups.update(keys)
                    else:
                        persons.append(keys)
                    groups.update(plurals)
    return IntroductionVocabulary(
        version=int(raw["version"]),
        effective_from=date.fromisoformat(str(raw["effective_from"])),
        source=str(raw["source"]),
        articles=frozenset(fold(w).rstrip("'") for ws in raw["articles"].values() for w in ws),
        ignored_capitals=frozenset(fold(w) for ws in raw["capitals_ignored"].values() for w in ws),
        ages=frozenset(ages),
        terms=terms,
        persons=_phrase_index(persons),
        groups=frozenset(groups),
        sounds=frozenset(sounds),
        sound_phrases=_phrase_index(sound_phrases),
    )


@cache
def introduction_vocabulary() -> IntroductionVocabulary:
    """The shipped vocabulary (``data/introductions.json``), read once."""
    return _read(DATA)


class Evidence(enum.StrEnum):
    """Why a run of capitals is taken for a new name (see the module docstring)."""

    ROLE = "role"
    PARENTHESIS = "parenthesis"
    APPOSITION = "apposition"
    AGE = "age"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class Introduction:
    """A new name in capitals: ``text[start:end]`` is the run, ``name`` the run in upper
    case with single spaces (as a cue would give it). ``is_person`` is False only for an
    apposition whose description does not clearly name a person; ``description`` is the
    span of an apposition's description (from the word after the comma to the next
    punctuation), else ``(-1, -1)``."""

    start: int
    end: int
    name: str
    evidence: Evidence
    is_person: bool
    description: tuple[int, int] = (-1, -1)


def _describes_a_person(vocabulary: IntroductionVocabulary, lowered: str, described: Sequence[Word]) -> bool:
    """Whether the first or second word after the article (``described[0]``) starts a word
    for a person or is an age: ``le mari``, ``une jeune femme``, ``la trentaine``. A word
    followed by a possessive is not what the description is (``the neighbour's dog``)."""
    for position in (1, 2):
        if position >= len(described):
            return False
        word = described[position]
        if lowered.startswith("'s", word.end):
            continue
        if word.key in vocabulary.ages or vocabulary.person_at(described, position):
            return True
    return False


def _is_age(folded: str, vocabulary: IntroductionVocabulary) -> bool:
    """Whether a folded description is an age (``40s``, ``62 ans``, ``late thirties``)."""
    description = folded.strip()
    if _AGE.fullmatch(description):
        return True
    parts = description.replace("-", " ").split()
    if parts and parts[0] in _AGE_QUALIFIERS:
        parts = parts[1:]
    return len(parts) == 1 and parts[0] in vocabulary.ages


def read_run(
    text: str,
    lowered: str,
    paragraph: tuple[int, int],
    run: Sequence[Word],
    vocabulary: IntroductionVocabulary | None = None,
) -> Introduction | None:
    """The introduction a run of capitals makes, or None without evidence.

    ``lowered`` is ``lower(text)`` or ``fold(text)``; ``paragraph`` the (start, end) of
    the action paragraph and ``run`` one of its ``capital_runs``. The caller has already
    set aside runs between quotes and runs naming someone known.
    """
    found = _evidence(text, lowered, paragraph, run, vocabulary or introduction_vocabulary())
    if found is None:
        return None
    start, end = run[0].start, run[-1].end
    evidence, is_person, description = found
    name = " ".join(text[start:end].split()).upper()
    return Introduction(start, end, name, evidence, is_person, description)


def _evidence(
    text: str,
    lowered: str,
    paragraph: tuple[int, int],
    run: Sequence[Word],
    vocabulary: IntroductionVocabulary,
) -> tuple[Evidence, bool, tuple[int, int]] | None:
    """(evidence, is_person, description span) for a run, or None: the rules in order."""
    nothing = (-1, -1)
    keys = [word.key for word in run]
    if vocabulary.ignored_capitals.issuperset(keys):
        return None
    if len(run) == 1 and is_drawn_out(keys[0]):
        return None
    if not vocabulary.persons.keys().isdisjoint(keys) and any(
        vocabulary.person_at(run, position) for position in range(len(run))
    ):
        return Evidence.ROLE, True, nothing
    if vocabulary.is_group(keys[-1]) or vocabulary.has_sound(run):
        return None
    end = run[-1].end
    paragraph_start, paragraph_end = paragraph
    if _OPENING.match(text, end, paragraph_end):
        return Evidence.PARENTHESIS, True, nothing
    after = text[end : min(end + 3, paragraph_end)]
    if after.startswith(", "):
        stop = end + 2
        while stop < paragraph_end and text[stop] not in _DESCRIPTION_END:
            stop += 1
        described = [
            Word(word.start, word.end, word.key.translate(_ACCENTS)) for word in words(lowered, end + 2, stop)
        ]
        if described and described[0].key in vocabulary.articles:
            return Evidence.APPOSITION, _describes_a_person(vocabulary, lowered, described), (end + 2, stop)
        if _is_age(lowered[end + 2 : stop].translate(_ACCENTS), vocabulary):
            return Evidence.AGE, True, nothing
    if keys[0] in vocabulary.ignored_capitals:
        return None
    if _starts_sentence(text, paragraph_start, run[0].start) and (
        (after[:1] == " " and after[1:2].islower()) or after[:2] in ("'s", "\u2019s")
    ):
        return Evidence.SENTENCE, True, nothing
    return None


def _starts_sentence(text: str, paragraph_start: int, start: int) -> bool:
    """Whether only spaces, or the end of a sentence, come before ``start`` in the paragraph."""
    position = start - 1
    while position >= paragraph_start and text[position].isspace():
        position -= 1
    return position < paragraph_start or text[position] in _SENTENCE_END


class NameIndex:
    """Names known so far (cue names, names introduced earlier), found by their folded words."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._names: set[str] = set()
        for name in names:
            self.add(name)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def add(self, name: str) -> None:
        """Know ``name`` from now on (a name of one letter is never matched)."""
        keys = _keys(name)
        if name in self._names or len(name) < 2 or not keys:
            return
        self._names.add(name)
        entries = self._index.setdefault(keys[0], [])
        entries.append((keys, name))
        entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))

    def match(self, found: Sequence[Word], position: int) -> tuple[str, int] | None:
        """The known name whose words start at ``found[position]`` (longest first) and its
        number of words, or None."""
        for keys, name in self._index.get(found[position].key, ()):
            size = len(keys)
            if position + size <= len(found) and all(
                found[position + offset].key == keys[offset] for offset in range(1, size)
            ):
                return name, size
        return None

    def names_in(self, run: Sequence[Word]) -> Iterator[tuple[str, int, int]]:
        """The known names in a run: (name, first word, word after the last) of each."""
        position = 0
        while position < len(run):
            known = self.match(run, position)
            if known is None:
                position += 1
                continue
            yield known[0], position, position + known[1]
            position += known[1]


def find_introductions(
    text: str, known: NameIndex, vocabulary: IntroductionVocabulary | None = None
) -> list[Introduction]:
    """The introductions in one action paragraph, in text order (see the module docstring).

    Runs that contain a name of ``known`` are mentions, not introductions.
    """
    lowered = lower(text)
    capitals = capital_words(text, lowered)
    if not capitals or not any(char.islower() for char in text):
        return []
    vocabulary = vocabulary or introduction_vocabulary()
    quotes: list[tuple[int, int]] | None = None
    introductions: list[Introduction] = []
    for run in capital_runs(text, capitals):
        if next(known.names_in(run), None) is not None:
            continue
        if quotes is None:
            quotes = quoted_spans(text) if _QUOTE_MARKS.intersection(text) else []
        if quotes and inside(quotes, run[0].start, run[-1].end):
            continue
        introduction = read_run(text, lowered, (0, len(text)), run, vocabulary)
        if introduction is not None:
            introductions.append(introduction)
    return introductions
