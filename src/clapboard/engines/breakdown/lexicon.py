"""A bilingual lexicon of breakdown elements: words and phrases that name something to prepare.

The words are versioned data (``data/lexicon.json``, with its source and date of effect);
the background words for people and the sound words are the screenplay engine's
(``engines/screenplay/data/introductions.json``), which uses them to tell a character
introduced in capitals from a sound or a crowd, and the lexicon reads them from there.
Each entry names a category code and a canonical name (singular, lower case, as a line
producer would write it on a breakdown sheet); the forms matched in a script are built
from it:

- case does not matter; accents matter in lower case, where they tell words apart
  (``ciré`` is an oilskin, ``cire`` is wax; ``enveloppé`` is not ``enveloppe``), and are
  ignored in words written in capitals, which French often writes without them
  (``TELEPHONE`` and ``TÉLÉPHONE`` match ``téléphone``); ``œ``/``æ`` also match
  ``oe``/``ae``, and the typographic apostrophe matches the straight one;
- plurals are generated (French: ``chevaux``, ``bateaux``, ``bijoux``; English:
  ``knives``, ``ponies``, ``policemen``), and irregular ones are given in the data;
- only whole words match (``car`` is not found in ``carton``, nor ``chat`` in ``château``);
  a hyphenated word is one word, and an elided article is its own word, so ``l'arme``
  finds ``arme``;
- phrases match across any run of spaces or a single line break, and the longest entry
  wins at a given place (``voiture de police`` before ``voiture``).

An entry may also be ``capitals_only`` (it counts only when written in capitals, as sound
effects and first appearances are: ``BANG``, ``a WOMAN``) or need one of a few words just
before it (French ``car`` is a coach after ``le``/``du``, and the conjunction otherwise).
Phrases under ``ignore`` are matched like entries and produce nothing, so that ``feu
rouge`` or ``falls asleep`` does not suggest fire or a stunt.

Entry points: ``default_lexicon(language)``, ``load_lexicon(path)``, ``Lexicon.find`` and
``detect_language``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from clapboard.engines.breakdown.categories import CATEGORY_CODES
from clapboard.engines.screenplay.introductions import fold, introduction_vocabulary, lower, strip_accents

__all__ = [
    "LANGUAGES",
    "Lexicon",
    "LexiconEntry",
    "LexiconMatch",
    "PreparedText",
    "default_lexicon",
    "detect_language",
    "fold",
    "load_lexicon",
    "lower",
    "plural_forms",
    "prepare",
    "tokens",
]

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("fr", "en")
# A word: letters and digits, hyphenated parts kept together. Apostrophes separate words.
WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A text with its ``lower`` and ``fold`` forms, computed once for several searches."""

    text: str
    lowered: str
    folded: str


def prepare(text: str) -> PreparedText:
    """``text`` ready for ``Lexicon.find`` (lowered and folded once)."""
    lowered = lower(text)
    return PreparedText(text=text, lowered=lowered, folded=strip_accents(lowered))


def tokens(folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``folded`` between ``start`` and ``end``."""
    stop = len(folded) if end is None else end
    return [match.span() for match in WORD.finditer(folded, start, stop)]


def _plurals_fr(word: str) -> list[str]:
    if word.endswith(("s", "x", "z")):
        return []
    if word.endswith("al"):
        return [word[:-2] + "aux", word + "s"]
    if word.endswith("ail"):
        return [word + "s", word[:-3] + "aux"]
    if word.endswith(("eau", "au", "eu", "œu")):
        return [word + "x", word + "s"]
    if word.endswith("ou"):
        return [word + "s", word + "x"]
    return [word + "s"]


def _plurals_en(word: str) -> list[str]:
    if word.endswith("man"):
        return [word[:-3] + "men", word + "s"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("fe"):
        return [word[:-2] + "ves", word + "s"]
    if word.endswith("f") and not word.endswith("ff"):
        return [word[:-1] + "ves", word + "s"]
    if word.endswith("o"):
        return [word + "s", word + "es"]
    return [word + "s"]


def _word_plurals(word: str, language: str) -> list[str]:
    """Plurals of one word; in a hyphenated word the last part, then every part, varies."""
    rule = _plurals_fr if language == "fr" else _plurals_en
    parts = word.split("-")
    found = [*(f"{'-'.join(parts[:-1])}-{p}" if len(parts) > 1 else p for p in rule(parts[-1]))]
    if len(parts) > 1:
        every = [next(iter(rule(part)), part) for part in parts]
        found.append("-".join(every))
    return list(dict.fromkeys(p for p in found if p != word))


def plural_forms(term: str, language: str, function_words: Iterable[str] = ()) -> list[str]:
    """The plurals of a word or phrase: first word, last word, and every content word varied.

    ``function_words`` (articles, prepositions) never vary. The result may hold forms no
    one writes (``coup de feux``); they are harmless, since they only ever match themselves.
    """
    skip = frozenset(function_words)
    words = term.split(" ")
    content = [i for i, w in enumerate(words) if w not in skip and not w.endswith("'")]
    if not content:
        return []
    found: list[str] = []
    for position in dict.fromkeys((content[0], content[-1])):
        for plural in _word_plurals(words[position], language):
            found.append(" ".join([*words[:position], plural, *words[position + 1 :]]))
    if len(content) > 1:
        every = list(words)
        for position in content:
            every[position] = next(iter(_word_plurals(words[position], language)), words[position])
        found.append(" ".join(every))
    return [f for f in dict.fromkeys(found) if f != term]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One thing the lexicon knows: its category, canonical name, language and forms.

    ``category`` is a category code, or ``""`` for an ignored phrase. ``forms`` are in
    lower case with their accents, singulars first; ``plurals`` is the subset of them that
    are plural. ``after`` (folded
    words), when not empty, is the set of words one of which must come just before.
    """

    category: str
    name: str
    language: str
    forms: tuple[str, ...]
    plurals: frozenset[str] = frozenset()
    capitals_only: bool = False
    after: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """An entry found in a text: ``text[start:end]`` is the matched form."""

    start: int
    end: int
    entry: LexiconEntry
    plural: bool


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]  # folded, for the index and for words written in capitals
    exact: tuple[str, ...]  # lower case with accents, for every other word
    apostrophes: tuple[bool, ...]  # per gap between words: an apostrophe (True) or spaces
    entry: LexiconEntry
    plural: bool


def _pattern(form: str, entry: LexiconEntry) -> _Pattern:
    folded = fold(form)
    spans = tokens(folded)
    if not spans:
        raise ValueError(f"lexicon entry {entry.name!r} has an empty form")
    gaps = [form[a[1] : b[0]] for a, b in pairwise(spans)]
    for gap in gaps:
        if gap != "'" and (not gap or not gap.isspace()):
            raise ValueError(f"lexicon form {form!r} joins words with {gap!r}: use a space or an apostrophe")
    if form[: spans[0][0]] or form[spans[-1][1] :]:
        raise ValueError(f"lexicon form {form!r} has characters around its words")
    return _Pattern(
        words=tuple(folded[a:b] for a, b in spans),
        exact=tuple(form[a:b] for a, b in spans),
        apostrophes=tuple(gap == "'" for gap in gaps),
        entry=entry,
        plural=form in entry.plurals,
    )


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A versioned set of entries, compiled once into a word index for fast matching.

    ``language`` is ``"fr"``, ``"en"`` or None (both); ``markers`` are the common words
    ``detect_language`` counts. The words that tell a name in capitals from a sound or a
    camera direction are the screenplay engine's (``engines/screenplay/introductions.py``).
    """

    version: int
    effective_from: date
    source: str
    language: str | None
    entries: tuple[LexiconEntry, ...]
    markers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _index: dict[str, tuple[_Pattern, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[_Pattern]] = {}
        for entry in self.entries:
            for form in entry.forms:
                pattern = _pattern(form, entry)
                index.setdefault(pattern.words[0], []).append(pattern)
        object.__setattr__(
            self,
            "_index",
            {word: tuple(sorted(found, key=lambda p: -len(p.words))) for word, found in index.items()},
        )

    def for_language(self, language: str | None) -> Lexicon:
        """The entries of one language (``"fr"`` or ``"en"``); None keeps both."""
        if language is None or language == self.language:
            return self
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r} (use one of {', '.join(LANGUAGES)})")
        return _restricted(self, language)

    def lookup(self, phrase: str) -> tuple[LexiconEntry, ...]:
        """The entries (ignored phrases aside) of which ``phrase`` is exactly a form."""
        text = phrase.strip()
        return tuple(m.entry for m in self.find(text) if (m.start, m.end) == (0, len(text)))

    def find(self, text: str | PreparedText, start: int = 0, end: int | None = None) -> list[LexiconMatch]:
        """The entries found in ``text[start:end]``, left to right, longest first, no overlaps.

        Pass a ``PreparedText`` (``prepare(text)``) to search one text several times.
        Ignored phrases take their place and are not returned. Two entries with the same
        form (``radio`` is props and music) give two matches with the same span.
        """
        prepared = prepare(text) if isinstance(text, str) else text
        folded = prepared.folded
        spans = tokens(folded, start, end)
        found: list[LexiconMatch] = []
        position = 0
        while position < len(spans):
            candidates = self._index.get(folded[spans[position][0] : spans[position][1]])
            taken = self._match_at(prepared, spans, position, candidates, found) if candidates else 0
            position += taken or 1
        return found

    def _match_at(
        self,
        prepared: PreparedText,
        spans: list[tuple[int, int]],
        position: int,
        candidates: tuple[_Pattern, ...],
        found: list[LexiconMatch],
    ) -> int:
        """Append the longest matches at ``spans[position]``; return how many words they take."""
        best = 0
        for pattern in candidates:
            size = len(pattern.words)
            if size < best:
                break
            if position + size > len(spans) or not _fits(prepared, spans, position, pattern):
                continue
            best = size
            if pattern.entry.category:
                start, end = spans[position][0], spans[position + size - 1][1]
                found.append(LexiconMatch(start=start, end=end, entry=pattern.entry, plural=pattern.plural))
        return best


def _fits(prepared: PreparedText, spans: list[tuple[int, int]], position: int, pattern: _Pattern) -> bool:
    """Whether ``pattern`` matches the words from ``spans[position]`` on (its first word's
    folded form is already known to match)."""
    text, lowered, folded = prepared.text, prepared.lowered, prepared.folded
    for offset in range(len(pattern.words)):
        start, end = spans[position + offset]
        if offset:
            if folded[start:end] != pattern.words[offset]:
                return False
            gap = folded[spans[position + offset - 1][1] : start]
            if pattern.apostrophes[offset - 1]:
                if gap != "'":
                    return False
            elif not gap.isspace() or gap.count("\n") > 1:
                return False
        if lowered[start:end] != pattern.exact[offset] and not text[start:end].isupper():
            return False
    entry = pattern.entry
    if entry.capitals_only:
        start, end = spans[position][0], spans[position + len(pattern.words) - 1][1]
        if not text[start:end].isupper():
            return False
    if entry.after:
        if position == 0:
            return False
        before = spans[position - 1]
        gap = folded[before[1] : spans[position][0]]
        if folded[before[0] : before[1]] not in entry.after or not (gap == "'" or gap.isspace()):
            return False
    return True


def _restricted(lexicon: Lexicon, language: str) -> Lexicon:
    return Lexicon(
        version=lexicon.version,
        effective_from=lexicon.effective_from,
        source=lexicon.source,
        language=language,
        entries=tuple(e for e in lexicon.entries if e.language == language),
        markers=lexicon.markers,
    )


def _variants(form: str) -> list[str]:
    """A form and its spelling with ``oe``/``ae`` for ``œ``/``æ``."""
    spelled = form.replace("œ", "oe").replace("æ", "ae")
    return [form] if spelled == form else [form, spelled]


def _entry(
    raw: str | dict[str, Any],
    *,
    category: str,
    language: str,
    capitals_only: bool,
    function_words: frozenset[str],
    where: str,
) -> LexiconEntry:
    """An entry from its data: ``"term"``, ``"term|plural|plural"`` or an object with
    ``term`` and optional ``name``, ``variants``, ``plurals``, ``after`` and ``capitals_only``."""
    if isinstance(raw, str):
        term, *given = (part.strip() for part in raw.split("|"))
        name = term
        variants: list[str] = []
        after: list[str] = []
    else:
        term = str(raw["term"]).strip()
        name = str(raw.get("name", term)).strip()
        given = [str(p) for p in raw.get("plurals", [])]
        variants = [str(v) for v in raw.get("variants", [])]
        after = [str(a) for a in raw.get("after", [])]
        capitals_only = bool(raw.get("capitals_only", capitals_only))
    if not term or term != term.lower() or "  " in term:
        raise ValueError(f"{where}: lexicon term {term!r} must be lower case, single-spaced, not empty")
    singulars = [term, *variants]
    plurals = [*given]
    for singular in singulars:
        plurals.extend(plural_forms(singular, language, function_words))
    singular_forms = [v for s in singulars for v in _variants(lower(s))]
    plural_forms_ = [v for p in plurals for v in _variants(lower(p))]
    forms = tuple(dict.fromkeys([*singular_forms, *plural_forms_]))
    return LexiconEntry(
        category=category,
        name=name,
        language=language,
        forms=forms,
        plurals=frozenset(forms) - frozenset(singular_forms),
        capitals_only=capitals_only,
        after=frozenset(fold(a) for a in after),
    )


def _terms(group: Mapping[str, Any], language: str, where: str) -> list[str | dict[str, Any]]:
    """The terms of a group: its own ``terms``, then the lists of the screenplay engine's
    words named by ``terms_from`` (``people.roles``, ``sounds.words``...), so that the
    words that tell a person or a sound from other capitals have one definition
    (``engines/screenplay/data/introductions.json``)."""
    terms: list[str | dict[str, Any]] = list(group.get("terms", []))
    shared = introduction_vocabulary().terms.get(language, {})
    for name in group.get("terms_from", []):
        if name not in shared:
            raise ValueError(f"{where}: unknown list {name!r} of the screenplay engine's words")
        terms.extend(shared[name])
    return terms


def _read(path: Path) -> Lexicon:
    raw = json.loads(path.read_text(encoding="utf-8"))
    function_words = {lang: frozenset(raw.get("function_words", {}).get(lang, [])) for lang in LANGUAGES}
    entries: list[LexiconEntry] = []
    for number, group in enumerate(raw["groups"], start=1):
        category, language = str(group["category"]), str(group["language"])
        where = f"{path.name}, group {number} ({category}, {language})"
        if category not in CATEGORY_CODES:
            raise ValueError(f"{where}: unknown category {category!r}")
        if language not in LANGUAGES:
            raise ValueError(f"{where}: unknown language {language!r}")
        for item in _terms(group, language, where):
            entries.append(
                _entry(
                    item,
                    category=category,
                    language=language,
                    capitals_only=bool(group.get("capitals_only", False)),
                    function_words=function_words[language],
                    where=where,
                )
            )
    for language, phrases in raw.get("ignore", {}).items():
        for item in phrases:
            entries.append(
                _entry(
                    item,
                    category="",
                    language=str(language),
                    capitals_only=False,
                    function_words=function_words[str(language)],
                    where=f"{path.name}, ignore ({language})",
                )
            )
    return Lexicon(
        version=int(raw["version"]),
        effective_from=date.fromisoformat(str(raw["effective_from"])),
        source=str(raw["source"]),
        language=None,
        entries=tuple(entries),
        markers={
            lang: frozenset(fold(word) for word in raw.get("language_markers", {}).get(lang, []))
            for lang in LANGUAGES
        },
    )


@cache
def _shipped(language: str | None) -> Lexicon:
    lexicon = _read(DATA / "lexicon.json")
    return lexicon.for_language(language)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon in ``path`` (both languages), or the shipped ``data/lexicon.json`` (read once)."""
    return _shipped(None) if path is None else _read(path)


def default_lexicon(language: str | None = None) -> Lexicon:
    """The shipped lexicon for ``"fr"``, ``"en"`` or both (None), compiled once per language."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (use one of {', '.join(LANGUAGES)})")
    return _shipped(language)


def detect_language(
    texts: Iterable[str], *, lexicon: Lexicon | None = None, sample: int = 60_000
) -> str | None:
    """``"fr"`` or ``"en"`` from the common words of ``texts`` (up to ``sample`` characters),
    or None when neither clearly dominates (short or mixed text)."""
    markers = (lexicon or default_lexicon()).markers
    counts = dict.fromkeys(LANGUAGES, 0)
    for text in _limited(texts, sample):
        folded = fold(text)
        for start, end in tokens(folded):
            word = folded[start:end]
            for language in LANGUAGES:
                if word in markers.get(language, ()):
                    counts[language] += 1
    french, english = counts["fr"], counts["en"]
    if french + english < 5:
        return None
    if french >= 2 * english:
        return "fr"
    if english >= 2 * french:
        return "en"
    return None


def _limited(texts: Iterable[str], sample: int) -> Iterator[str]:
    left = sample
    for text in texts:
        if left <= 0:
            return
        yield text[:left]
        left -= len(text)
